/**
 * The pin policy in process: the policy each lookup declares (provider/core/pinPolicy.ts, the `pin` field of
 * its definition) and the dynamic provider's implementation (provider/pulumi/providerImpl.ts, required
 * directly, no host process) applying it: which argument changes move a pin, which outputs identify the chosen
 * backup, how resource ids are built, and that a later deployment keeps the pin while learning the newest.
 */
import { LOOKUPS, lookupNamed } from "../provider/lookups";
import { chosenIdentity, queryIdentity, resourceId, tuningArguments } from "../provider/core/pinPolicy";
import * as impl from "../provider/pulumi/providerImpl";
import { isSecretWire, unwrap } from "../provider/pulumi/secretWire";
import { TEST_CREDENTIALS, rdsBackup, startEmulator, type Emulator } from "./emulator";
import { HOUR, isoSeconds } from "./support/lookupEnv";

const RDS = LOOKUPS["alicloud.rds.BackupSet"];
const TASK = LOOKUPS["alicloud.rds.BackupTask"];
const KV = LOOKUPS["alicloud.kvstore.BackupSet"];
const DCS = LOOKUPS["huaweicloud.dcs.BackupSet"];
const FILE = LOOKUPS["alicloud.rds.UserBackupFile"];

describe("the declared policy", () => {
  test.each([
    ["alicloud.rds.BackupSet", ["region", "endpoint", "allowInsecureEndpoint", "maxAge", "refresh", "assumeRole", "profile"]],
    [
      "alicloud.rds.BackupTask",
      ["region", "endpoint", "allowInsecureEndpoint", "maxAge", "refresh", "assumeRole", "profile", "waitForCompletion", "timeout", "pollInterval"],
    ],
    ["alicloud.rds.UserBackupFile", ["region", "endpoint", "allowInsecureEndpoint", "maxAge", "refresh", "assumeRole", "profile"]],
    ["alicloud.kvstore.BackupSet", ["region", "endpoint", "allowInsecureEndpoint", "maxAge", "refresh", "assumeRole", "profile"]],
    ["huaweicloud.dcs.BackupSet", ["region", "endpoint", "allowInsecureEndpoint", "maxAge", "refresh", "assumeRole", "profile"]],
  ])("%s: arguments outside the identity", (name, expected) => {
    expect(tuningArguments(lookupNamed(name)!)).toEqual(expected);
  });

  test.each([
    [
      "a tuning argument added",
      RDS,
      { dbInstanceId: "rm-a1b2c3d4" },
      { dbInstanceId: "rm-a1b2c3d4", maxAge: "2d", endpoint: "https://rds-vpc.cn-hangzhou.aliyuncs.com", region: "cn-hangzhou" },
      true,
    ],
    [
      "BackupTask's waits changed",
      TASK,
      { dbInstanceId: "rm-a1b2c3d4", waitForCompletion: true, timeout: "30m" },
      { dbInstanceId: "rm-a1b2c3d4", waitForCompletion: false, pollInterval: "5s" },
      true,
    ],
    [
      "a role to assume and a profile added, then changed (whose credentials, not which backup)",
      RDS,
      { dbInstanceId: "rm-a1b2c3d4" },
      { dbInstanceId: "rm-a1b2c3d4", assumeRole: { roleArn: "acs:ram::2000000000000002:role/restore-drill", sessionName: "drill" }, profile: "prod-reader" },
      true,
    ],
    [
      "an agency changed",
      DCS,
      { instanceId: "x", assumeRole: { agencyName: "a", domainName: "d" } },
      { instanceId: "x", assumeRole: { agencyName: "b", domainName: "d" }, profile: "p" },
      true,
    ],
    ["a filter added", RDS, { dbInstanceId: "rm-a1b2c3d4" }, { dbInstanceId: "rm-a1b2c3d4", backupMode: "Manual" }, false],
    ["another instance", KV, { instanceId: "r-aaaa1111" }, { instanceId: "r-bbbb2222" }, false],
    ["since changed", DCS, { instanceId: "x", since: "7d" }, { instanceId: "x", since: "8d" }, false],
  ])("%s: same query %s", (_what, def, a, b, same) => {
    expect(queryIdentity(def, a) === queryIdentity(def, b)).toBe(same);
  });

  test("the query identity is a hash of the lookup and its canonical arguments (key order does not matter)", () => {
    expect(queryIdentity(RDS, { dbInstanceId: "rm-a1b2c3d4", backupMode: "Manual" })).toBe(
      queryIdentity(RDS, { backupMode: "Manual", dbInstanceId: "rm-a1b2c3d4" }),
    );
    expect(queryIdentity(RDS, { dbInstanceId: "rm-a1b2c3d4" })).toMatch(/^[0-9a-f]{64}$/);
    expect(queryIdentity(RDS, { dbInstanceId: "rm-a1b2c3d4" })).not.toBe(queryIdentity(TASK, { dbInstanceId: "rm-a1b2c3d4" }));
  });

  test.each([
    ["a KVStore job before its shard", KV, { backupJobId: "7001", backupId: "9" }, "7001"],
    ["a KVStore standard instance (no job id)", KV, { backupJobId: null, backupId: "9" }, "9"],
    ["an RDS set", RDS, { backupId: "321020562" }, "321020562"],
    ["a BackupTask job", TASK, { backupJobId: "4762614", backupId: null }, "4762614"],
    ["BackupTask found nothing", TASK, { backupJobId: null, backupId: null }, null],
  ])("chosen backup of %s", (_what, def, outputs, expected) => {
    expect(chosenIdentity(def, outputs)).toBe(expected);
  });

  test.each([
    [RDS, { dbInstanceId: "rm-a1b2c3d4", backupId: "321020562" }, "alicloud.rds.BackupSet:rm-a1b2c3d4:321020562"],
    [TASK, { dbInstanceId: "rm-a1b2c3d4", backupJobId: null, backupId: null }, "alicloud.rds.BackupTask:rm-a1b2c3d4:none"],
    [KV, { instanceId: "r-aaaa1111", backupJobId: "7001", backupId: "9" }, "alicloud.kvstore.BackupSet:r-aaaa1111:7001"],
    [DCS, { instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79", backupId: "u-1" }, "huaweicloud.dcs.BackupSet:5560df16-cebf-4473-95c4-d1b573c16e79:u-1"],
    [FILE, { backupId: "b-1" }, "alicloud.rds.UserBackupFile:region:b-1"],
    [FILE, { region: "cn-beijing", backupId: "b-1" }, "alicloud.rds.UserBackupFile:cn-beijing:b-1"],
  ])("resource id %#", (def, inputs, expected) => {
    expect(resourceId(def, inputs)).toBe(expected);
    expect(impl.create(def.name, inputs).id).toBe(expected);
  });
});

describe("providerImpl applies it (in process)", () => {
  let emu: Emulator;
  const ID = "rm-pinpolicy01";
  const now = Date.now();
  /** A new deployment: the host configures the provider afresh, which starts a new request cache. */
  const deployment = () =>
    impl.configure({
      config: {
        get: (k: string) =>
          ({
            "alicloud:accessKey": TEST_CREDENTIALS.alibaba.accessKeyId,
            "alicloud:secretKey": TEST_CREDENTIALS.alibaba.accessKeySecret,
            "alicloud:region": "cn-hangzhou",
          })[k],
      },
    });
  beforeAll(async () => {
    emu = await startEmulator({ seed: 3 });
  });
  afterAll(() => emu.close());

  test("a later deployment keeps the pin when only tuning arguments changed, learns the newest, and moves when a filter changes", async () => {
    emu.data.addRdsInstance(ID, [
      rdsBackup({ DBInstanceId: ID, BackupId: "5001", BackupStartTime: isoSeconds(now - 30 * HOUR), BackupEndTime: isoSeconds(now - 29 * HOUR) }),
    ]);
    deployment();
    const first = await impl.check(RDS.name, {}, { dbInstanceId: ID, endpoint: emu.url });
    expect(first.failures).toBeUndefined();
    expect(first.inputs.backupId).toBe("5001");
    expect(first.inputs.__query).toBe(queryIdentity(RDS, { dbInstanceId: ID, endpoint: emu.url }));

    emu.data.addRdsInstance(ID, [
      rdsBackup({ DBInstanceId: ID, BackupId: "5001", BackupStartTime: isoSeconds(now - 30 * HOUR), BackupEndTime: isoSeconds(now - 29 * HOUR) }),
      rdsBackup({
        DBInstanceId: ID,
        BackupId: "5002",
        BackupStartTime: isoSeconds(now - 2 * HOUR),
        BackupEndTime: isoSeconds(now - HOUR),
        BackupMode: "Manual",
      }),
    ]);
    deployment();
    const kept = await impl.check(RDS.name, first.inputs, { dbInstanceId: ID, endpoint: emu.url, maxAge: "10d" });
    expect([kept.inputs.backupId, kept.inputs.latestBackupId, kept.inputs.maxAge, kept.inputs.__query]).toEqual(["5001", "5002", "10d", first.inputs.__query]);
    expect(impl.create(RDS.name, kept.inputs).id).toBe(`alicloud.rds.BackupSet:${ID}:5001`);

    deployment();
    const moved = await impl.check(RDS.name, kept.inputs, { dbInstanceId: ID, endpoint: emu.url, backupMode: "Manual" });
    expect([moved.inputs.backupId, moved.inputs.__query === first.inputs.__query]).toEqual(["5002", false]);
    // Secret outputs leave in the secret wire form, holding the plain URL.
    expect(isSecretWire(moved.inputs.backupDownloadUrl)).toBe(true);
    expect(unwrap(moved.inputs.backupDownloadUrl)).toMatch(/^https:\/\//);
  });
});
