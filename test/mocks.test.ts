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
import { alicloud, huaweicloud, InvalidArgumentsError, NoBackupFoundError, StaleBackupError } from "../provider";
import { backupAged, backupLookupMocks, lookupResourceType, noBackup } from "../provider/testing";
import { DAY, HOUR, MINUTE, NO_JOB_OUTPUTS, RDS_SET, isoSeconds, lookup, lookupContext, realNow } from "./support/lookupEnv";
import { outputValue } from "./support/providerProject";
import { failure } from "./support/rejection";

const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const RDS_ID = "rm-mockedlookup01";
const DCS_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
const PROJECT = "0123456789abcdef0123456789abcdef";
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
    return { echoed: args.inputs as unknown };
  },
  newResource(args) {
    resources.push(args);
    return { id: `${args.name}-own`, state: { ...(args.inputs as Record<string, unknown>), fromOwnMocks: true } };
  },
};

/** The RDS BackupSet outputs a real lookup gives for `{dbInstanceId}` that found `fields`, every other output null. */
function rdsOutputs(fields: Record<string, unknown>, echoed: Record<string, unknown> = {}) {
  const outputs: Record<string, unknown> = { dbInstanceId: RDS_ID, requireAvailable: true, ...echoed };
  for (const k of [
    "backupId",
    "backupStatus",
    "backupStartTime",
    "backupEndTime",
    "backupMode",
    "backupType",
    "backupMethod",
    "backupSize",
    "isAvailable",
    "consistentTime",
    "hostInstanceId",
    "backupDownloadUrl",
    "backupIntranetDownloadUrl",
    "engine",
    "engineVersion",
    "backupInitiator",
    "expectExpireTime",
  ])
    outputs[k] = null;
  return { ...outputs, ...fields, backupExists: true, resolvedAt: expect.stringMatching(ISO_SECOND) as unknown };
}

/** The BackupTask outputs a real lookup gives for `{dbInstanceId, ...echoed}` that found a job with `fields`, every other output null. */
function taskOutputs(fields: Record<string, unknown>, echoed: Record<string, unknown> = {}) {
  const defaults = { dbInstanceId: RDS_ID, waitForCompletion: false, timeout: "30m", pollInterval: "10s", ...echoed };
  return { ...defaults, ...NO_JOB_OUTPUTS, found: true, backupExists: true, ...fields, resolvedAt: expect.stringMatching(ISO_SECOND) as unknown };
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: 11 });
  emulator.data.addRdsInstance(RDS_ID, [
    rdsBackup({ DBInstanceId: RDS_ID, BackupId: "650000001", BackupStartTime: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, "Z") }),
  ]);
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
    [
      "alicloud.rds.getBackupSet",
      () => alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, backupType: "FullBackup" }),
      "backup-lookups:alicloud.rds:getBackupSet",
      { dbInstanceId: RDS_ID, backupType: "FullBackup" },
    ],
    [
      "alicloud.rds.getBackupTask",
      () => alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID, backupJobId: "42" }),
      "backup-lookups:alicloud.rds:getBackupTask",
      { dbInstanceId: RDS_ID, backupJobId: "42" },
    ],
    [
      "alicloud.rds.getUserBackupFile",
      () => alicloud.rds.getUserBackupFile({ region: "cn-hangzhou", tags: { env: "prod" } }),
      "backup-lookups:alicloud.rds:getUserBackupFile",
      { region: "cn-hangzhou", tags: { env: "prod" } },
    ],
    [
      "alicloud.kvstore.getBackupSet",
      () => alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01", maxAge: "36h" }),
      "backup-lookups:alicloud.kvstore:getBackupSet",
      { instanceId: "r-mockedlookup01", maxAge: "36h" },
    ],
    [
      "huaweicloud.dcs.getBackupSet",
      () => huaweicloud.dcs.getBackupSet({ instanceId: DCS_ID }),
      "backup-lookups:huaweicloud.dcs:getBackupSet",
      { instanceId: DCS_ID },
    ],
  ] as const)("%s answers through mocks.call with its token and the arguments", async (_name, get, token, inputs) => {
    expect(await get()).toEqual({ echoed: inputs });
    expect(calls.map((c) => [c.token, c.inputs as unknown])).toEqual([[token, inputs]]);
  });

  test("a get function with an emulator endpoint still answers from the mocks: no request, no credentials needed", async () => {
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, endpoint: emulator.url })).toEqual({
      echoed: { dbInstanceId: RDS_ID, endpoint: emulator.url },
    });
  });

  test("the Output form answers through mocks.call too, with Output arguments resolved", async () => {
    const out = alicloud.rds.getBackupSetOutput({ dbInstanceId: pulumi.output(RDS_ID), backupMode: Promise.resolve("Manual" as const) });
    expect(await outputValue(out)).toEqual({ echoed: { dbInstanceId: RDS_ID, backupMode: "Manual" } });
    expect(calls.map((c) => c.token)).toEqual(["backup-lookups:alicloud.rds:getBackupSet"]);
  });

  test("a bad argument fails as in a deployment, before the mocks are asked", async () => {
    const err = await failure(alicloud.rds.getBackupSet({ dbInstnaceId: RDS_ID } as never));
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect(err.message).toBe(
      "invalid arguments for alicloud.rds.BackupSet: dbInstanceId: is required; dbInstnaceId: unknown argument; did you mean dbInstanceId? (allowed: region, endpoint, allowInsecureEndpoint, since, until, maxAge, assumeRole, profile, dbInstanceId, backupId, backupStatus, backupMode, backupType, backupMethod, requireAvailable)",
    );
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
    expect(await alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01" })).toMatchObject({
      backupIds: ["301", "302"],
      backupId: "301",
      shardCount: 2,
      backupJobId: "99",
      latestBackupId: "301",
    });
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
    expect([await outputValue(lookup.requireAvailable), await outputValue(lookup.since), await outputValue(lookup.dbInstanceId)]).toEqual([
      true,
      undefined,
      RDS_ID,
    ]);
    expect(await pulumi.isSecret(lookup.backupDownloadUrl)).toBe(true);
    expect(await pulumi.isSecret(lookup.backupId)).toBe(false);
    await outputValue(other.urn);
    expect(resources.map((r) => [r.type, r.name, r.inputs as unknown])).toEqual([["test:index:Other", "other", { backupId: "640000777" }]]);
    expect(lookupResourceType("alicloud.rds.BackupSet")).toBe("pulumi-nodejs:dynamic/backup-lookups:alicloud.rds.BackupSet");
  });

  test("an answer naming an output the lookup does not have is refused with the outputs it has", async () => {
    await pulumi.runtime.setMocks(backupLookupMocks({ "huaweicloud.dcs.BackupSet": { backupID: "x" } as never }), "p", "s", false);
    const err = await failure(huaweicloud.dcs.getBackupSet({ instanceId: DCS_ID }));
    expect(err.message).toContain("backupLookupMocks: huaweicloud.dcs.BackupSet has no output backupID; its outputs are backupId, backupName,");
    expect(() => backupLookupMocks({ "alicloud.rds.Backups": {} } as never)).toThrow(
      "backupLookupMocks: unknown lookup alicloud.rds.Backups; the lookups are alicloud.kvstore.BackupSet, alicloud.rds.BackupSet, alicloud.rds.BackupTask, alicloud.rds.UserBackupFile, huaweicloud.dcs.BackupSet, huaweicloud.rds.BackupSet",
    );
  });

  test("ids the APIs send as integers may be answered as numbers: the outputs hold them as digit strings, as the real lookup's do", async () => {
    const seen: unknown[] = [];
    await pulumi.runtime.setMocks(
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
    expect(await alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID, backupJobId: 4762615 })).toEqual(
      taskOutputs({ backupJobId: "4762615", backupStatus: "Finished" }, { backupJobId: "4762615" }),
    );
    expect(seen).toEqual([undefined, "4762615"]);
    const resource = new alicloud.rds.BackupTask("mocked-task", { dbInstanceId: RDS_ID });
    expect(await outputValue(resource.id)).toBe(`alicloud.rds.BackupTask:${RDS_ID}:4762614`);
    expect(await outputValue(resource.backupJobId)).toBe("4762614");
    const kv = await alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01" });
    expect([kv.backupIds, kv.backupId, kv.shardCount, kv.backupJobId, kv.latestBackupId]).toEqual([
      ["111111111", "111111112"],
      "111111111",
      2,
      "99",
      "111111113",
    ]);
    await pulumi.runtime.setMocks(backupLookupMocks({ "alicloud.rds.BackupTask": { backupJobId: 4762614.5 } }), "p", "s", false);
    const err = await failure(alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID }));
    expect(err.message).toBe("backupLookupMocks: alicloud.rds.BackupTask output backupJobId must be an id (a string or a whole number), got 4762614.5");
  });
});

describe("the mocks judge like the lookup", () => {
  // The mocks' clock. The deployments these tests compare with run against the emulator, whose clock is the wall
  // clock, so the mocks' now is real time too (to the second).
  const NOW = realNow();
  const ago = (ms: number) => isoSeconds(NOW.getTime() - ms);
  const STALE_ID = "rm-mockedstale01";
  const MODE_ID = "rm-mockedmode01";
  const EMPTY_ID = "rm-mockedempty01";
  const STALE_END = NOW.getTime() - 17 * DAY - 9 * HOUR - 30 * MINUTE;
  const staleSet = {
    backupId: "640000777",
    backupStartTime: isoSeconds(STALE_END - 12 * MINUTE),
    backupEndTime: isoSeconds(STALE_END),
    backupStatus: "Success",
    isAvailable: true,
  };

  beforeAll(() => {
    emulator.data.addRdsInstance(STALE_ID, [
      rdsBackup({ DBInstanceId: STALE_ID, BackupId: "640000777", BackupStartTime: staleSet.backupStartTime, BackupEndTime: staleSet.backupEndTime }),
    ]);
    emulator.data.addRdsInstance(MODE_ID, [
      rdsBackup({ DBInstanceId: MODE_ID, BackupId: "640000778", BackupStartTime: ago(3 * HOUR + 12 * MINUTE), BackupEndTime: ago(3 * HOUR) }),
    ]);
    emulator.data.addRdsInstance(EMPTY_ID, []);
  });

  /** The error a deployment's lookup (the engine, against the emulator) fails with for `args`. */
  async function deployed(args: Record<string, unknown>): Promise<Error> {
    const err = await failure(lookup(RDS_SET, { ...args, endpoint: emulator.url }, lookupContext({ now: NOW })));
    emulator.resetRequests();
    return err;
  }

  let current: pulumi.runtime.Mocks;
  const mocked = (answers: Parameters<typeof backupLookupMocks>[0]) => {
    current = backupLookupMocks(answers, own, { now: NOW });
    return pulumi.runtime.setMocks(current, "p", "s", false);
  };
  /**
   * The error the resource form's registration fails with: what `mocks.newResource` throws for the resource's inputs
   * (in a program, Pulumi reports it as "failed to register new resource <name> [<type>]: <message>" and stops the
   * program, as a deployment's check failure stops the deployment, so it is asked here directly).
   */
  const registration = (inputs: Record<string, unknown>, lookup = RDS_SET) =>
    failure(Promise.resolve().then(() => current.newResource({ type: lookupResourceType(lookup), name: "r", inputs, custom: true })));

  test("a stale answer fails with the deployment's StaleBackupError, word for word, in both forms (maxAge 36h, a backup that ended 17 days earlier)", async () => {
    const message = `the newest matching backup set of RDS instance ${STALE_ID} is 640000777, which ended ${staleSet.backupEndTime} (17d 9h ago), older than maxAge 36h; take a fresh backup or raise maxAge; 1 backup set seen; newest: 640000777 (${staleSet.backupEndTime}) is older than maxAge 36h`;
    const real = await deployed({ dbInstanceId: STALE_ID, maxAge: "36h" });
    expect([real.constructor, real.message]).toEqual([StaleBackupError, message]);
    await mocked({ "alicloud.rds.BackupSet": staleSet });
    const err = await failure(alicloud.rds.getBackupSet({ dbInstanceId: STALE_ID, maxAge: "36h" }));
    expect([err.constructor, err.message]).toEqual([StaleBackupError, message]);
    const resource = await registration({ dbInstanceId: STALE_ID, maxAge: "36h" });
    expect([resource.constructor, resource.message]).toEqual([StaleBackupError, message]);
    // without maxAge the same answer is the lookup's answer
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: STALE_ID })).toEqual(
      rdsOutputs({ ...staleSet, latestBackupId: "640000777" }, { dbInstanceId: STALE_ID }),
    );
  });

  test("a list answer: the newest usable backup is chosen (a newer Failed one and an unavailable one skipped), in both forms", async () => {
    const failed = { backupId: "640000903", backupStatus: "Failed", backupStartTime: ago(2 * HOUR + 10 * MINUTE), backupEndTime: ago(2 * HOUR) };
    const unavailable = {
      backupId: "640000902",
      backupStatus: "Success",
      isAvailable: false,
      backupStartTime: ago(5 * HOUR + 10 * MINUTE),
      backupEndTime: ago(5 * HOUR),
    };
    const usable = {
      backupId: "640000901",
      backupStatus: "Success",
      isAvailable: true,
      backupStartTime: ago(26 * HOUR + 10 * MINUTE),
      backupEndTime: ago(26 * HOUR),
    };
    const older = {
      backupId: "640000900",
      backupStatus: "Success",
      isAvailable: true,
      backupStartTime: ago(50 * HOUR + 10 * MINUTE),
      backupEndTime: ago(50 * HOUR),
    };
    await mocked({ "alicloud.rds.BackupSet": [older, failed, usable, unavailable] });
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, maxAge: "36h" })).toEqual(
      rdsOutputs({ ...usable, latestBackupId: "640000901" }, { maxAge: "36h" }),
    );
    // requireAvailable: false lets the unavailable one through; backupStatus "Failed" chooses the failed one
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, requireAvailable: false })).toMatchObject({
      backupId: "640000902",
      latestBackupId: "640000902",
    });
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, backupStatus: "Failed" })).toMatchObject({ backupId: "640000903", backupStatus: "Failed" });
    const resource = new alicloud.rds.BackupSet("from-list", { dbInstanceId: RDS_ID });
    expect(await outputValue(resource.id)).toBe(`alicloud.rds.BackupSet:${RDS_ID}:640000901`);
    expect([await outputValue(resource.backupEndTime), await outputValue(resource.latestBackupId)]).toEqual([usable.backupEndTime, "640000901"]);
    // equal end times: the later start, then the larger id, as the engine orders them
    const tie = { backupStatus: "Success", backupEndTime: ago(HOUR) };
    await mocked({
      "alicloud.rds.BackupSet": [
        { ...tie, backupId: "999", backupStartTime: ago(2 * HOUR) },
        { ...tie, backupId: "1000", backupStartTime: ago(2 * HOUR) },
        { ...tie, backupId: "998", backupStartTime: ago(90 * MINUTE) },
      ],
    });
    expect((await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID })).backupId).toBe("998");
    await mocked({
      "alicloud.rds.BackupSet": [
        { ...tie, backupId: "999", backupStartTime: ago(2 * HOUR) },
        { ...tie, backupId: "1000", backupStartTime: ago(2 * HOUR) },
      ],
    });
    expect((await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID })).backupId).toBe("1000");
  });

  test("a filter the answer does not pass fails with the deployment's NoBackupFoundError, word for word, in both forms", async () => {
    const message = `no backup set of RDS instance ${MODE_ID} matches (backupStatus Success, available, backupMode Manual): 1 backup set seen; newest: 640000778 (${ago(3 * HOUR)}) is Automated, not Manual`;
    const real = await deployed({ dbInstanceId: MODE_ID, backupMode: "Manual" });
    expect([real.constructor, real.message]).toEqual([NoBackupFoundError, message]);
    await mocked({
      "alicloud.rds.BackupSet": {
        backupId: "640000778",
        backupStatus: "Success",
        backupMode: "Automated",
        backupStartTime: ago(3 * HOUR + 12 * MINUTE),
        backupEndTime: ago(3 * HOUR),
      },
    });
    const err = await failure(alicloud.rds.getBackupSet({ dbInstanceId: MODE_ID, backupMode: "Manual" }));
    expect([err.constructor, err.message]).toEqual([NoBackupFoundError, message]);
    const resource = await registration({ dbInstanceId: MODE_ID, backupMode: "Manual" });
    expect([resource.constructor, resource.message]).toEqual([NoBackupFoundError, message]);
    // since/until test the start time, and are named in the message as a deployment names them
    expect((await failure(alicloud.rds.getBackupSet({ dbInstanceId: MODE_ID, since: "2h" }))).message).toBe(
      `no backup set of RDS instance ${MODE_ID} matches (backupStatus Success, available, since ${ago(2 * HOUR)}): 1 backup set seen; newest: 640000778 (${ago(3 * HOUR)}) started before since (${ago(2 * HOUR)})`,
    );
    expect((await alicloud.rds.getBackupSet({ dbInstanceId: MODE_ID, since: "4h" })).backupId).toBe("640000778");
  });

  test("the declaration's own rules: Huawei RDS full backups by default, its name filter, COMPLETED only; DCS restorable", async () => {
    const HW_ID = "e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01";
    const backup = (id: string, hours: number, more: Record<string, unknown>) => ({
      backupId: `${id.padStart(32, "0")}br01`,
      status: "COMPLETED",
      beginTime: ago(hours * HOUR + 5 * MINUTE),
      endTime: ago(hours * HOUR),
      ...more,
    });
    await mocked({
      "huaweicloud.rds.BackupSet": [
        backup("1", 1, { backupType: "incremental" }),
        backup("2", 2, { backupType: "auto", status: "FAILED" }),
        backup("3", 3, { backupType: "manual", backupName: "before-upgrade" }),
        backup("4", 4, { backupType: "auto", backupName: "nightly-4" }),
      ],
      "huaweicloud.dcs.BackupSet": [backupAged(1, { isSupportRestore: false }), backupAged(2, { backupId: "5560df16-cebf-4473-95c4-d1b573c16e79" })],
    });
    const hw = (args: object) => huaweicloud.rds.getBackupSet({ instanceId: HW_ID, projectId: PROJECT, ...args }).then((r) => r.backupId.slice(-5));
    expect([await hw({}), await hw({ backupType: "incremental" }), await hw({ backupType: "auto" }), await hw({ name: "before-upgrade" })]).toEqual([
      "3br01",
      "1br01",
      "4br01",
      "3br01",
    ]);
    expect((await failure(hw({ name: "nightly" }))).message).toBe(
      `no backup of RDS instance ${HW_ID} matches (status COMPLETED, backupType auto or manual, name "nightly"): 4 backups seen; newest: ${"1".padStart(32, "0")}br01 (${ago(HOUR)}) is incremental, not auto or manual; ${"2".padStart(32, "0")}br01 (${ago(2 * HOUR)}) is FAILED, not COMPLETED; ${"3".padStart(32, "0")}br01 (${ago(3 * HOUR)}) is before-upgrade, not nightly`,
    );
    expect((await huaweicloud.dcs.getBackupSet({ instanceId: DCS_ID, projectId: PROJECT })).backupId).toBe("5560df16-cebf-4473-95c4-d1b573c16e79");
    // a remark matched as the API matches it (a fragment, any case); a job's mode; a shard of a KVStore job
    await mocked({
      "alicloud.rds.UserBackupFile": [backupAged(1, { comment: "nightly import" }), backupAged(2, { comment: "Before Upgrade 8.0" })],
      "alicloud.rds.BackupTask": [
        { backupJobId: "12", jobMode: "Automated" },
        { backupJobId: "11", jobMode: "Manual" },
        { backupJobId: "9", jobMode: "Manual" },
      ],
      "alicloud.kvstore.BackupSet": [
        backupAged(1, { backupIds: ["501", "502"], nodeInstanceId: "r-x-db-0" }),
        backupAged(2, { backupIds: ["401", "402"], nodeInstanceId: "r-x-db-1" }),
      ],
    });
    const file = await alicloud.rds.getUserBackupFile({ region: "cn-hangzhou", comment: "before upgrade" });
    expect([file.comment, file.finishTime]).toEqual(["Before Upgrade 8.0", ago(2 * HOUR)]);
    expect((await alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID, backupMode: "Manual" })).backupJobId).toBe("11");
    expect((await alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID })).backupJobId).toBe("12");
    const kv = await alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01", backupId: "402" });
    expect([kv.backupId, kv.backupIds, kv.shardCount]).toEqual(["402", ["401", "402"], 2]);
    const shard = await alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01", nodeInstanceId: "r-x-db-1" });
    expect([shard.backupId, shard.backupIds, shard.nodeInstanceId]).toEqual(["401", ["401", "402"], "r-x-db-1"]);
    expect((await failure(alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01", backupId: "403" }))).message).toBe(
      `no backup job of Redis/Tair instance r-mockedlookup01 matches (backupId 403, backupStatus Success, within the 730-day search limit): 2 backup jobs seen; newest: 501 (${ago(HOUR)}) does not hold 403; 401 (${ago(2 * HOUR)}) does not hold 403`,
    );
  });

  test("backupAged(3) passes maxAge 36h and backupAged(40) fails it, in both forms; the backup matches the query", async () => {
    const end = Math.floor((NOW.getTime() - 3 * HOUR) / 1000) * 1000;
    await mocked({ "alicloud.rds.BackupSet": backupAged(3) });
    const fresh = rdsOutputs(
      {
        backupId: String(end / 1000),
        backupStatus: "Success",
        isAvailable: true,
        backupStartTime: isoSeconds(end - 12 * MINUTE),
        backupEndTime: isoSeconds(end),
        latestBackupId: String(end / 1000),
      },
      { maxAge: "36h" },
    );
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, maxAge: "36h" })).toEqual(fresh);
    const resource = new alicloud.rds.BackupSet("aged-3", { dbInstanceId: RDS_ID, maxAge: "36h" });
    expect(await outputValue(resource.backupEndTime)).toBe(isoSeconds(end));
    // the filters asked for are what the aged backup is; fields override
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, backupMode: "Manual", backupId: "321020562" })).toMatchObject({
      backupId: "321020562",
      backupMode: "Manual",
      backupStatus: "Success",
    });

    const old = Math.floor((NOW.getTime() - 40 * HOUR) / 1000) * 1000;
    const message = `the newest matching backup set of RDS instance ${RDS_ID} is ${old / 1000}, which ended ${isoSeconds(old)} (1d 16h ago), older than maxAge 36h; take a fresh backup or raise maxAge; 1 backup set seen; newest: ${old / 1000} (${isoSeconds(old)}) is older than maxAge 36h`;
    await mocked({ "alicloud.rds.BackupSet": backupAged(40) });
    const err = await failure(alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, maxAge: "36h" }));
    expect([err.constructor, err.message]).toEqual([StaleBackupError, message]);
    const stale = await registration({ dbInstanceId: RDS_ID, maxAge: "36h" });
    expect([stale.constructor, stale.message]).toEqual([StaleBackupError, message]);

    // a list: the newest usable one counts, a newer Failed one does not
    await mocked({ "alicloud.rds.BackupSet": [backupAged(1, { backupStatus: "Failed" }), backupAged(40)] });
    const failedId = String(Math.floor((NOW.getTime() - HOUR) / 1000));
    expect((await failure(alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, maxAge: "36h" }))).message).toBe(
      message.replace("; 1 backup set seen; newest: ", `; 2 backup sets seen; newest: ${failedId} (${isoSeconds(Number(failedId) * 1000)}) is Failed; `),
    );
    // each lookup's shape of id and usable values
    await mocked({
      "huaweicloud.dcs.BackupSet": backupAged(3),
      "huaweicloud.rds.BackupSet": backupAged(3),
      "alicloud.rds.UserBackupFile": backupAged(3),
      "alicloud.kvstore.BackupSet": backupAged(3),
    });
    const dcs = await huaweicloud.dcs.getBackupSet({ instanceId: DCS_ID, projectId: PROJECT, maxAge: "36h" });
    expect([dcs.backupId, dcs.status, dcs.isSupportRestore, dcs.createdAt, dcs.updatedAt]).toEqual([
      `${(end / 1000).toString(16).padStart(8, "0")}-0000-4000-8000-${(end / 1000).toString(16).padStart(12, "0")}`,
      "succeed",
      true,
      isoSeconds(end - 12 * MINUTE),
      isoSeconds(end),
    ]);
    const hw = await huaweicloud.rds.getBackupSet({ instanceId: "e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01", projectId: PROJECT });
    expect([hw.backupId, hw.status, hw.backupType, hw.instanceId, hw.endTime]).toEqual([
      `${(end / 1000).toString(16).padStart(32, "0")}br01`,
      "COMPLETED",
      "auto",
      "e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01",
      isoSeconds(end),
    ]);
    const file = await alicloud.rds.getUserBackupFile({ region: "cn-hangzhou" });
    expect([file.backupId, file.status, file.finishTime]).toEqual([`b-mock${(end / 1000).toString(36)}`, "BackupSuccess", isoSeconds(end)]);
    const kv = await alicloud.kvstore.getBackupSet({ instanceId: "r-mockedlookup01", backupId: 301 });
    expect([kv.backupId, kv.backupIds, kv.shardCount, kv.backupStatus, kv.backupEndTime]).toEqual(["301", ["301"], 1, "Success", isoSeconds(end)]);
    // BackupTask's jobs have no times
    await mocked({ "alicloud.rds.BackupTask": backupAged(3) as never });
    expect((await failure(alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID }))).message).toBe(
      "backupLookupMocks: backupAged(3) answers alicloud.rds.BackupTask, whose backup jobs have no times; answer with its outputs instead",
    );
  });

  test("noBackup: the deployment's NoBackupFoundError, in both forms; BackupTask's found: false", async () => {
    const message = `no backup set of RDS instance ${EMPTY_ID} matches (backupStatus Success, available): no backup sets at all`;
    const real = await deployed({ dbInstanceId: EMPTY_ID });
    expect([real.constructor, real.message]).toEqual([NoBackupFoundError, message]);
    await mocked({ "alicloud.rds.BackupSet": noBackup, "alicloud.rds.BackupTask": noBackup });
    const err = await failure(alicloud.rds.getBackupSet({ dbInstanceId: EMPTY_ID }));
    expect([err.constructor, err.message]).toEqual([NoBackupFoundError, message]);
    const resource = await registration({ dbInstanceId: EMPTY_ID });
    expect([resource.constructor, resource.message]).toEqual([NoBackupFoundError, message]);
    const none = { ...taskOutputs({}), ...NO_JOB_OUTPUTS, found: false, latestBackupId: null, backupExists: false };
    expect(await alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID })).toEqual(none);
    const task = new alicloud.rds.BackupTask("no-job", { dbInstanceId: RDS_ID });
    expect([await outputValue(task.found), await outputValue(task.backupJobId), await outputValue(task.backupExists)]).toEqual([false, null, false]);
    // named, a job that does not exist is an error, as in a deployment
    expect((await failure(alicloud.rds.getBackupTask({ dbInstanceId: RDS_ID, backupJobId: "7" }))).message).toBe(
      `no backup job of RDS instance ${RDS_ID} matches (backupJobId 7): no backup jobs at all`,
    );
  });

  test("the mocks' clock: now may be a function, read at each lookup", async () => {
    let now = NOW;
    await pulumi.runtime.setMocks(
      backupLookupMocks({ "alicloud.rds.BackupSet": { backupId: "1", backupEndTime: isoSeconds(NOW.getTime() - 30 * HOUR) } }, own, { now: () => now }),
      "p",
      "s",
      false,
    );
    expect((await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, maxAge: "36h" })).resolvedAt).toBe(isoSeconds(NOW.getTime()));
    now = new Date(NOW.getTime() + 7 * HOUR);
    expect(await failure(alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, maxAge: "36h" }))).toBeInstanceOf(StaleBackupError);
  });

  test("the list forms answer from the same answers: every match newest first, at most limit; none is an empty list", async () => {
    const set = (id: string, hours: number, more: Record<string, unknown> = {}) => ({
      backupId: id,
      backupStatus: "Success",
      isAvailable: true,
      backupStartTime: ago(hours * HOUR + 10 * MINUTE),
      backupEndTime: ago(hours * HOUR),
      ...more,
    });
    await mocked({ "alicloud.rds.BackupSet": [set("3", 30), set("4", 2, { backupStatus: "Failed" }), set("1", 80), set("2", 50)] });
    const all = await alicloud.rds.getBackupSets({ dbInstanceId: RDS_ID });
    expect([all.items.map((i) => [i.backupId, i.latestBackupId]), all.truncated]).toEqual([
      [
        ["3", "3"],
        ["2", "3"],
        ["1", "3"],
      ],
      false,
    ]);
    const two = alicloud.rds.getBackupSetsOutput({ dbInstanceId: RDS_ID, limit: 2 }).apply((r) => [r.items.map((i) => i.backupId), r.truncated]);
    expect(await outputValue(two)).toEqual([["3", "2"], true]);
    // limit is checked before the mocks are asked, as in a deployment
    for (const limit of [0, 2.5, 1001]) {
      const bad = await failure<InvalidArgumentsError>(alicloud.rds.getBackupSets({ dbInstanceId: RDS_ID, limit }));
      expect(bad.issues).toEqual([{ argument: "limit", reason: `must be a whole number from 1 to 1000, got ${limit}` }]);
    }
    // maxAge judges the newest, as the real list does, and fails with the deployment's own error class
    const stale = await failure(alicloud.rds.getBackupSets({ dbInstanceId: RDS_ID, maxAge: "1d" }));
    expect(stale.constructor).toBe(StaleBackupError);
    await mocked({ "alicloud.rds.BackupSet": noBackup });
    expect(await alicloud.rds.getBackupSets({ dbInstanceId: RDS_ID })).toEqual({ items: [], truncated: false });
  });
});

describe("getXOutput's dependsOn", () => {
  test("the lookup waits until the resources it depends on are created, and the Output depends on them", async () => {
    let release!: () => void;
    const created = new Promise<void>((r) => (release = r));
    let creating!: () => void;
    const creationStarted = new Promise<void>((r) => (creating = r));
    const order: string[] = [];
    await pulumi.runtime.setMocks(
      backupLookupMocks(
        { "alicloud.rds.BackupSet": () => (order.push("lookup"), { backupId: "640000779" }) },
        {
          call: (a) => a.inputs as Record<string, unknown>,
          newResource: async (a) => {
            creating();
            await created;
            order.push(`created ${a.name}`);
            return { id: `${a.name}-id`, state: a.inputs as Record<string, unknown> };
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
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second copy from jest's isolated registry, which an import does not reach
      other = require("@pulumi/pulumi") as typeof pulumi;
    });
    expect(other).not.toBe(pulumi);
    expect(other.runtime.setMocks).not.toBe(pulumi.runtime.setMocks);
    const seen: string[] = [];
    await other.runtime.setMocks(
      { call: (a) => (seen.push(a.token), { answered: "by the other copy" }), newResource: (a) => ({ id: "x", state: a.inputs as Record<string, unknown> }) },
      "p",
      "s",
      false,
    );
    expect(await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, endpoint: emulator.url })).toEqual({ answered: "by the other copy" });
    expect(seen).toEqual(["backup-lookups:alicloud.rds:getBackupSet"]);
  });
});
