/**
 * Unit tests of a program under `pulumi.runtime.setMocks`: the get functions answer through `mocks.call` (token
 * `backup-lookups:<namespace>:get<Class>`, the arguments as inputs) and never reach the network; the resource
 * form through `mocks.newResource`; `pulumi-backup-lookups/testing` builds mocks answering given lookups with
 * outputs shaped as the real ones and passing the rest to the program's own mocks; `dependsOn` is honoured.
 *
 * "Never reaches the network": an emulator with valid credentials sits at the endpoint every call names, and
 * must see no request; the environment holds no credentials (a real lookup would fail with MissingCredentials).
 */
import * as pulumi from "@pulumi/pulumi";
import { Emulator, rdsBackup, startEmulator } from "./emulator";
import { alicloud, huaweicloud, InvalidArgumentsError } from "../provider";
import { backupLookupMocks, lookupResourceType } from "../provider/testing";
import { NO_JOB_OUTPUTS } from "./support/lookupEnv";
import { outputValue } from "./support/providerProject";
import { failure } from "./support/rejection";

const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const RDS_ID = "rm-mockedlookup01";
const DCS_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
const URL = "https://rdsbak.example.invalid/b.tar.gz?Expires=1&Signature=s";

let emulator: Emulator;
const saved = { ...process.env };
const calls: pulumi.runtime.MockCallArgs[] = [];
const resources: pulumi.runtime.MockResourceArgs[] = [];
/** The program's own mocks, which every call and resource that is not a lookup must reach. */
/** Any custom resource of the program (pulumi.CustomResource is abstract). */
class Other extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs) {
    super(type, name, props);
  }
}
const own: pulumi.runtime.Mocks = {
  call(args) {
    calls.push(args);
    return { echoed: args.inputs };
  },
  newResource(args) {
    resources.push(args);
    return { id: `${args.name}-own`, state: { ...args.inputs, fromOwnMocks: true } };
  },
};

/** The RDS BackupSet outputs a real lookup gives for `{dbInstanceId}` that found `fields`, every other output null. */
function rdsOutputs(fields: Record<string, unknown>, echoed: Record<string, unknown> = {}) {
  const outputs: Record<string, unknown> = { dbInstanceId: RDS_ID, requireAvailable: true, ...echoed };
  for (const k of ["backupId", "backupStatus", "backupStartTime", "backupEndTime", "backupMode", "backupType", "backupMethod", "backupSize", "isAvailable", "consistentTime", "hostInstanceId", "backupDownloadUrl", "backupIntranetDownloadUrl", "engine", "engineVersion", "backupInitiator", "expectExpireTime"]) outputs[k] = null;
  return { ...outputs, ...fields, backupExists: true, resolvedAt: expect.stringMatching(ISO_SECOND) };
}

/** The BackupTask outputs a real lookup gives for `{dbInstanceId, ...echoed}` that found a job with `fields`, every other output null. */
function taskOutputs(fields: Record<string, unknown>, echoed: Record<string, unknown> = {}) {
  const defaults = { dbInstanceId: RDS_ID, waitForCompletion: false, timeout: "30m", pollInterval: "10s", ...echoed };
  return { ...defaults, ...NO_JOB_OUTPUTS, found: true, backupExists: true, ...fields, resolvedAt: expect.stringMatching(ISO_SECOND) };
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: 11 });
  emulator.data.addRdsInstance(RDS_ID, [rdsBackup({ DBInstanceId: RDS_ID, BackupId: "650000001", BackupStartTime: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, "Z") })]);
  for (const k of Object.keys(process.env)) if (/^(ALIBABA_CLOUD|ALICLOUD|HW_|HUAWEICLOUD)/.test(k)) delete process.env[k];
});

afterAll(async () => {
  process.env = saved;
  await emulator?.close();
});

beforeEach(() => {
  calls.length = 0;
  resources.length = 0;
  emulator.resetRequests();
});

afterEach(() => expect(emulator.count()).toBe(0));

describe("the get functions under the program's own mocks", () => {
  beforeAll(() => pulumi.runtime.setMocks(own, "mocked-project", "test", false));

  test.each([
    ["alicloud.rds.getBackupSet", () => alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, backupType: "FullBackup" }), "backup-lookups:alicloud.rds:getBackupSet", { dbInstanceId: RDS_ID, backupType: "FullBackup" }],
    ["alicloud.rds.getBackupTask", () => alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID, backupJobId: "42" }), "backup-lookups:alicloud.rds:getBackupTask", { dbInstanceId: RDS_ID, backupJobId: "42" }],
    ["alicloud.rds.getUserBackupFile", () => alicloud.rds.getUserBackupFile({ region: "cn-hangzhou", tags: { env: "prod" } }), "backup-lookups:alicloud.rds:getUserBackupFile", { region: "cn-hangzhou", tags: { env: "prod" } }],
    ["alicloud.kvstore.getBackupSet", () => alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01", maxAge: "36h" }), "backup-lookups:alicloud.kvstore:getBackupSet", { instanceId: "r-mockedlookup01", maxAge: "36h" }],
    ["huaweicloud.dcs.getBackupSet", () => huaweicloud.dcs.getBackupSet({ instanceId: DCS_ID }), "backup-lookups:huaweicloud.dcs:getBackupSet", { instanceId: DCS_ID }],
  ] as const)("%s answers through mocks.call with its token and the arguments", async (_name, get, token, inputs) => {
    expect(await get()).toEqual({ echoed: inputs });
    expect(calls.map((c) => [c.token, c.inputs])).toEqual([[token, inputs]]);
  });

  test("a get function with an emulator endpoint still answers from the mocks: no request, no credentials needed", async () => {
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, endpoint: emulator.url })).toEqual({ echoed: { dbInstanceId: RDS_ID, endpoint: emulator.url } });
  });

  test("the Output form answers through mocks.call too, with Output arguments resolved", async () => {
    const out = alicloud.rds.getBackupSetOutput({ dbInstanceId: pulumi.output(RDS_ID), backupMode: Promise.resolve("Manual" as const) });
    expect(await outputValue(out)).toEqual({ echoed: { dbInstanceId: RDS_ID, backupMode: "Manual" } });
    expect(calls.map((c) => c.token)).toEqual(["backup-lookups:alicloud.rds:getBackupSet"]);
  });

  test("a bad argument fails as in a deployment, before the mocks are asked", async () => {
    const err = await failure(alicloud.rds.getBackupSet({ dbInstnaceId: RDS_ID } as never));
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect(err.message).toBe("invalid arguments for alicloud.rds.BackupSet: dbInstanceId: is required; dbInstnaceId: unknown argument; did you mean dbInstanceId? (allowed: region, endpoint, allowInsecureEndpoint, since, until, maxAge, assumeRole, profile, dbInstanceId, backupId, backupStatus, backupMode, backupType, backupMethod, requireAvailable)");
    expect(calls).toEqual([]);
  });
});

describe("backupLookupMocks from pulumi-backup-lookups/testing", () => {
  beforeAll(() =>
    pulumi.runtime.setMocks(
      backupLookupMocks(
        {
          "alicloud.rds.BackupSet": { backupId: "640000777", backupEndTime: "2026-11-20T02:17:31Z", backupStatus: "Success", backupDownloadUrl: URL },
          "alicloud.rds.BackupTask": (args) => (args.backupJobId === "7" ? { backupJobId: "7", backupStatus: "Finished", backupId: "640000778" } : undefined),
          "alicloud.kvstore.BackupSet": { backupIds: ["301", "302"], backupJobId: "99" },
        },
        own,
      ),
      "mocked-project",
      "test",
      false,
    ),
  );

  test("getBackupSet answers with the given backup, shaped as the real outputs (defaults echoed, the rest null)", async () => {
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, backupMode: "Manual" })).toEqual(
      rdsOutputs(
        { backupId: "640000777", backupEndTime: "2026-11-20T02:17:31Z", backupStatus: "Success", backupDownloadUrl: URL, latestBackupId: "640000777" },
        { backupMode: "Manual" },
      ),
    );
    expect(calls).toEqual([]);
  });

  test("getBackupSetOutput: the same outputs, secret because they carry a download URL", async () => {
    const out = alicloud.rds.getBackupSetOutput({ dbInstanceId: RDS_ID });
    expect(await pulumi.isSecret(out)).toBe(true);
    expect(await outputValue(out.backupId)).toBe("640000777");
  });

  test("an answer computed from the arguments; none for BackupTask is the real found: false answer", async () => {
    expect(await alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID, backupJobId: "7" })).toEqual(
      taskOutputs({ backupJobId: "7", backupStatus: "Finished", backupId: "640000778", latestBackupId: "640000778" }),
    );
    expect(await alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID })).toMatchObject({ found: false, backupJobId: null, backupExists: false });
  });

  test("KVStore: backupId and shardCount derive from the given backupIds", async () => {
    expect(await alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01" })).toMatchObject({ backupIds: ["301", "302"], backupId: "301", shardCount: 2, backupJobId: "99", latestBackupId: "301" });
  });

  test("a lookup without an answer fails naming it; other calls reach the program's mocks", async () => {
    const err = await failure(huaweicloud.dcs.getBackupSet({ instanceId: DCS_ID }));
    expect(err.message).toContain(
      'backupLookupMocks: the program uses huaweicloud.dcs.BackupSet (backup-lookups:huaweicloud.dcs:getBackupSet) but no answer was given for it; add "huaweicloud.dcs.BackupSet": {...} to the answers',
    );
    expect(await pulumi.runtime.invoke("alicloud:rds/getInstances:getInstances", { nameRegex: "x" })).toEqual({ echoed: { nameRegex: "x" } });
    expect(calls.map((c) => c.token)).toEqual(["alicloud:rds/getInstances:getInstances"]);
  });

  test("the resource form answers through mocks.newResource with the dynamic type, download URLs secret", async () => {
    const lookup = new alicloud.rds.BackupSet("mocked-set", { dbInstanceId: RDS_ID, refresh: "always" });
    const other = new Other("test:index:Other", "other", { backupId: lookup.backupId });
    expect(await outputValue(lookup.id)).toBe(`alicloud.rds.BackupSet:${RDS_ID}:640000777`);
    expect(await outputValue(lookup.backupEndTime)).toBe("2026-11-20T02:17:31Z");
    expect(await outputValue(lookup.latestBackupId)).toBe("640000777");
    // arguments left out are output properties too: echoed with their default, undefined when they have none
    expect([await outputValue(lookup.requireAvailable), await outputValue(lookup.since), await outputValue(lookup.dbInstanceId)]).toEqual([true, undefined, RDS_ID]);
    expect(await pulumi.isSecret(lookup.backupDownloadUrl)).toBe(true);
    expect(await pulumi.isSecret(lookup.backupId)).toBe(false);
    await outputValue(other.urn);
    expect(resources.map((r) => [r.type, r.name, r.inputs])).toEqual([["test:index:Other", "other", { backupId: "640000777" }]]);
    expect(lookupResourceType("alicloud.rds.BackupSet")).toBe("pulumi-nodejs:dynamic/backup-lookups:alicloud.rds.BackupSet");
  });

  test("an answer naming an output the lookup does not have is refused with the outputs it has", async () => {
    pulumi.runtime.setMocks(backupLookupMocks({ "huaweicloud.dcs.BackupSet": { backupID: "x" } as never }), "p", "s", false);
    const err = await failure(huaweicloud.dcs.getBackupSet({ instanceId: DCS_ID }));
    expect(err.message).toContain("backupLookupMocks: huaweicloud.dcs.BackupSet has no output backupID; its outputs are backupId, backupName,");
    expect(() => backupLookupMocks({ "alicloud.rds.Backups": {} } as never)).toThrow(
      "backupLookupMocks: unknown lookup alicloud.rds.Backups; the lookups are alicloud.kvstore.BackupSet, alicloud.rds.BackupSet, alicloud.rds.BackupTask, alicloud.rds.UserBackupFile, huaweicloud.dcs.BackupSet, huaweicloud.rds.BackupSet",
    );
  });

  test("ids the APIs send as integers may be answered as numbers: the outputs hold them as digit strings, as the real lookup's do", async () => {
    const seen: unknown[] = [];
    pulumi.runtime.setMocks(
      backupLookupMocks({
        // the answer function gets the job id as the lookup reads it, a string, even when the program passed a number
        "alicloud.rds.BackupTask": (args) => (seen.push(args.backupJobId), { backupJobId: args.backupJobId ?? 4762614, backupStatus: "Finished" }),
        "alicloud.kvstore.BackupSet": { backupIds: [111111111, 111111112], backupJobId: 99, latestBackupId: 111111113 },
      }),
      "p",
      "s",
      false,
    );
    expect(await alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID })).toEqual(taskOutputs({ backupJobId: "4762614", backupStatus: "Finished" }));
    expect(await alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID, backupJobId: 4762615 })).toEqual(taskOutputs({ backupJobId: "4762615", backupStatus: "Finished" }, { backupJobId: "4762615" }));
    expect(seen).toEqual([undefined, "4762615"]);
    const resource = new alicloud.rds.BackupTask("mocked-task", { dbInstanceId: RDS_ID });
    expect(await outputValue(resource.id)).toBe(`alicloud.rds.BackupTask:${RDS_ID}:4762614`);
    expect(await outputValue(resource.backupJobId)).toBe("4762614");
    const kv = await alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01" });
    expect([kv.backupIds, kv.backupId, kv.shardCount, kv.backupJobId, kv.latestBackupId]).toEqual([["111111111", "111111112"], "111111111", 2, "99", "111111113"]);
    pulumi.runtime.setMocks(backupLookupMocks({ "alicloud.rds.BackupTask": { backupJobId: 4762614.5 } }), "p", "s", false);
    const err = await failure(alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID }));
    expect(err.message).toBe("backupLookupMocks: alicloud.rds.BackupTask output backupJobId must be an id (a string or a whole number), got 4762614.5");
  });
});

describe("getXOutput's dependsOn", () => {
  test("the lookup waits until the resources it depends on are created, and the Output depends on them", async () => {
    let release!: () => void;
    const created = new Promise<void>((r) => (release = r));
    let creating!: () => void;
    const creationStarted = new Promise<void>((r) => (creating = r));
    const order: string[] = [];
    pulumi.runtime.setMocks(
      backupLookupMocks(
        { "alicloud.rds.BackupSet": () => (order.push("lookup"), { backupId: "640000779" }) },
        {
          call: (a) => a.inputs,
          newResource: async (a) => {
            creating();
            await created;
            order.push(`created ${a.name}`);
            return { id: `${a.name}-id`, state: a.inputs };
          },
        },
      ),
      "p",
      "s",
      false,
    );
    const instance = new Other("test:index:Backup", "manual-backup", {});
    const out = alicloud.rds.getBackupSetOutput({ dbInstanceId: RDS_ID }, { dependsOn: [instance] });
    // The dependency's creation has started and is held; one more turn of the event loop runs whatever was
    // already queued (a lookup that ignored dependsOn would be): no fixed wait.
    await creationStarted;
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    release();
    expect(await outputValue(out.backupId)).toBe("640000779");
    expect(order).toEqual(["created manual-backup", "lookup"]);
    const deps = await (out as unknown as { allResources(): Promise<Set<pulumi.Resource>> }).allResources();
    expect([...deps]).toContain(instance);
  });
});

describe("mocks set through another copy of @pulumi/pulumi", () => {
  test("the program's own copy sets the mocks; the lookups (loaded with this copy) still answer through them", async () => {
    let other!: typeof pulumi;
    // A second, separately loaded @pulumi/pulumi: what a program gets when npm does not dedupe the two.
    jest.isolateModules(() => {
      other = require("@pulumi/pulumi");
    });
    expect(other).not.toBe(pulumi);
    expect(other.runtime.setMocks).not.toBe(pulumi.runtime.setMocks);
    const seen: string[] = [];
    await other.runtime.setMocks({ call: (a) => (seen.push(a.token), { answered: "by the other copy" }), newResource: (a) => ({ id: "x", state: a.inputs }) }, "p", "s", false);
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, endpoint: emulator.url })).toEqual({ answered: "by the other copy" });
    expect(seen).toEqual(["backup-lookups:alicloud.rds:getBackupSet"]);
  });
});

