/// <reference types="jest" />
/**
 * A unit test of this example program, as you would write one for your own: no cloud, no credentials, no
 * network. `backupLookupMocks` answers the backup lookup with a backup you choose, judged as the real lookup judges
 * it (the program's `maxAge: "36h"` refuses a backup older than that, with the deployment's error), and hands every
 * other resource (the clone) to your own mocks, so you can assert what the clone would be created with.
 *
 * Run it with jest and ts-jest (`npx jest`), like any Pulumi unit test:
 * https://www.pulumi.com/docs/iac/guides/testing/unit/
 */
import * as pulumi from "@pulumi/pulumi";
import { backupAged, backupLookupMocks } from "pulumi-backup-lookups/testing";

const SOURCE = "rm-2ze1example0001";
/** What the program's own resources were created with, by name. */
const created: Record<string, { type: string; inputs: Record<string, unknown> }> = {};

void pulumi.runtime.setMocks(
  backupLookupMocks(
    {
      // The backup the lookup "finds": one that ended 3 hours before the mocks' now, with this id (any outputs may be
      // given; the others are null, arguments are echoed). `backupAged(40)` would fail the program's maxAge of 36h.
      "alicloud.rds.BackupSet": backupAged(3, { backupId: "1784412353" }),
    },
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        created[args.name] = { type: args.type, inputs };
        return { id: `${args.name}-id`, state: inputs };
      },
      call: (args) => args.inputs as Record<string, unknown>,
    },
    // The mocks' clock (default: the test's Date.now()), fixed here so the outputs are exact.
    { now: new Date("2026-11-20T05:17:31Z") },
  ),
  "rds-clone-from-latest-backup",
  "test",
  false,
);
pulumi.runtime.setAllConfig({ "rds-clone-from-latest-backup:sourceDbInstanceId": SOURCE });

/** An Output's value in a test. */
function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply(resolve));
}

describe("rds-clone-from-latest-backup", () => {
  let program: typeof import("./index");
  beforeAll(async () => {
    program = await import("./index");
    await valueOf(program.cloneInstanceId);
  });

  test("the clone is made from the backup the lookup found", () => {
    expect(created.clone.type).toBe("alicloud:rds/rdsCloneDbInstance:RdsCloneDbInstance");
    expect(created.clone.inputs).toMatchObject({ sourceDbInstanceId: SOURCE, backupId: "1784412353", backupType: "FullBackup" });
  });

  test("the program exports the pinned backup and when it ended", async () => {
    expect(await valueOf(program.backupId)).toBe("1784412353");
    expect(await valueOf(program.latestBackupId)).toBe("1784412353");
    expect(await valueOf(program.backupEndTime)).toBe("2026-11-20T02:17:31Z");
  });
});
