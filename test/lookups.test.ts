/**
 * The five lookups in-process (`runLookup(def, args, ctx, {form: "function"})`) against the emulator, through
 * the real official Alibaba client and the real Huawei signer. Every answer is checked against an independent
 * oracle: the documented outputs (README "Arguments and outputs") of the stored wire record chosen by brute force over the emulator's data.
 * The clock is fixed at real time at the start of the file (the emulator checks signature times), fleets are
 * generated relative to it, and retries do not wait.
 */
import {
  dcsBackupRecord,
  kvstoreBackup,
  kvstoreBackups,
  rdsBackup,
  rdsBackups,
  rdsJobSteps,
  rdsTaskScript,
  startEmulator,
  userBackupFile,
  userBackupFiles,
  type DcsBackupRecord,
  type Emulator,
  type KvstoreBackup,
  type RdsBackup,
} from "./emulator";
import { scramble } from "./emulator/random";
import { listingKey } from "./emulator/takePage";
import { InvalidArgumentsError, NoBackupFoundError, StaleBackupError, BackupLookupError } from "../provider/core/errors";
import { AlibabaApiError } from "../provider/clouds/alibaba/AlibabaApiError";
import { HuaweiApiError } from "../provider/clouds/huawei/HuaweiApiError";
import {
  ALI_REGION,
  DAY,
  DCS_SET,
  HOUR,
  KVSTORE_SET,
  LogCapture,
  MINUTE,
  NO_JOB_OUTPUTS,
  PROJECT_ID,
  RDS_SET,
  RDS_TASK,
  USER_FILE,
  bruteForceRds,
  dcsOutputs,
  failure,
  isoSeconds,
  kvstoreJobs,
  kvstoreOutputs,
  lookup,
  lookupContext,
  manualClock,
  manualJobOutputs,
  newestFirstBy,
  rdsFilterSets,
  rdsOutputs,
  realNow,
  requestLogLine,
  requestsFor,
  resetEmulator,
  testEnv,
  userFileOutputs,
} from "./support/lookupEnv";

const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const HEX32 = /^[0-9a-f]{32}$/;
const SEED = 11;

let emu: Emulator;
let now: Date;
let NOW_ISO: string;

beforeAll(async () => {
  emu = await startEmulator({ seed: SEED });
  now = realNow();
  NOW_ISO = isoSeconds(now.getTime());
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => resetEmulator(emu));

const ctx = (log = new LogCapture()) => lookupContext({ now, log });
const at = (msBack: number) => isoSeconds(now.getTime() - msBack);
/** Alibaba window bounds as the lookups send them: minutes, the start rounded down and the end up. */
const minuteDown = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString().slice(0, 16) + "Z";
const minuteUp = (ms: number) => new Date(Math.ceil(ms / MINUTE) * MINUTE).toISOString().slice(0, 16) + "Z";
/** Bookkeeping outputs of a fresh resolution. */
const fresh = (backupId: string | null) => ({ latestBackupId: backupId, backupExists: true, resolvedAt: NOW_ISO });

/**
 * A cloud's "no such instance" answer, as each lookup must report it: the cloud's error class, exit status 1, the
 * cloud's code, a request id of the cloud's form, the exact message (which quotes that request id), and one
 * request (a client error is not retried).
 */
async function expectNotFound(
  p: Promise<unknown>,
  want: { error: typeof AlibabaApiError | typeof HuaweiApiError; code: string; requestId: RegExp; message: (requestId: string) => string },
): Promise<void> {
  const err = await failure<AlibabaApiError | HuaweiApiError>(p);
  expect(err).toBeInstanceOf(want.error);
  expect(err.exitStatus).toBe(1);
  expect(err.code).toBe(want.code);
  expect(err.requestId).toMatch(want.requestId);
  expect(err.message).toBe(want.message(String(err.requestId)));
  expect(emu.count()).toBe(1);
}

// =====================================================================================================
// alicloud.rds.BackupSet

describe("alicloud.rds.BackupSet", () => {
  const ID = "rm-bp1lookup0001";
  const echo = (extra: Record<string, unknown> = {}) => ({ endpoint: emu.url, dbInstanceId: ID, backupStatus: "Success", requireAvailable: true, ...extra });
  const run = (args: Record<string, unknown> = {}, list = false) => lookup(RDS_SET, { endpoint: emu.url, dbInstanceId: ID, ...args }, ctx(), list);

  /** Makes every set newer than `x` unusable (alternately Failed and IsAvail 0). */
  function spoilNewerThan(backups: RdsBackup[], x: RdsBackup): number {
    const cmp = newestFirstBy<RdsBackup>(
      (b) => Date.parse(b.BackupEndTime),
      (b) => Date.parse(b.BackupStartTime),
      (b) => BigInt(b.BackupId),
    );
    let n = 0;
    for (const b of backups) {
      if (cmp(b, x) >= 0) continue;
      if (n++ % 2 === 0) Object.assign(b, { BackupStatus: "Failed", IsAvail: 0, BackupDownloadURL: null, BackupIntranetDownloadURL: null, BackupSize: 0 });
      else b.IsAvail = 0;
    }
    return n;
  }

  it("730 daily backups in scrambled order, the newest usable one on the LAST page of a full listing: found, equal to brute force and to a full scan", async () => {
    const backups = rdsBackups({ instanceId: ID, count: 730, now, seed: 1 });
    // The order the emulator lists the whole history in (no window: what a full scan's pages hold).
    const probeParams = { RegionId: ALI_REGION, DBInstanceId: ID, PageSize: "100", PageNumber: "1" };
    const order = scramble(backups, SEED, listingKey("rds.DescribeBackups", probeParams, ["PageNumber", "PageSize"]), (b) => b.BackupId);
    const lastPage = order.slice(700);
    const x = bruteForceRds(lastPage, () => true)!;
    const spoiled = spoilNewerThan(backups, x);
    expect(spoiled).toBeGreaterThan(5);
    expect(order.slice(0, 100)).not.toContain(x);
    emu.data.addRdsInstance(ID, backups);

    expect(bruteForceRds(backups)).toBe(x);
    const expected = { ...echo(), ...rdsOutputs(x), ...fresh(x.BackupId) };

    const windowed = await run();
    expect(windowed.outputs).toEqual(expected);
    const requests = requestsFor(emu, ID);
    // Only windows are read (never page 1 of the whole listing), the first one the last 48 h + 26 h, up to now +
    // 15 min (a runner's clock may be that far behind the API's: provider/core/apiClock.ts).
    expect(requests[0].params).toEqual({ ...probeParams, StartTime: minuteDown(now.getTime() - 74 * HOUR), EndTime: minuteUp(now.getTime() + 15 * MINUTE) });
    expect(requests.every((r) => r.params.StartTime !== undefined)).toBe(true);
    // The same history served newest first and oldest first costs exactly the same, within the bound.
    const cost = requests.length;
    for (const order of ["newestFirst", "oldestFirst"] as const) {
      emu.setOrder(order);
      emu.resetRequests();
      expect((await run()).outputs).toEqual(expected);
      expect(requestsFor(emu, ID).length).toBe(cost);
    }
    emu.setOrder("scrambled");
    const newer = backups.filter((b) => Date.parse(b.BackupStartTime) > Date.parse(x.BackupStartTime)).length;
    expect(cost).toBeLessThanOrEqual(Math.min(Math.ceil(newer / 100) + 3, 8 + 1));

    emu.resetRequests();
    const full = await run({ since: "800d" });
    expect(full.outputs).toEqual({ ...expected, since: "800d" });
    expect(requestsFor(emu, ID).map((r) => r.params.PageNumber)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
  });

  it("730 daily backups with a usable one in the last day: 1 request (the window of the last 48 h + 26 h), the same answer as a full scan", async () => {
    const backups = rdsBackups({ instanceId: ID, count: 730, now, seed: 2, failedEvery: 9, unavailableEvery: 13, manualEvery: 7 });
    emu.data.addRdsInstance(ID, backups);
    const newest = bruteForceRds(backups)!;
    expect(now.getTime() - Date.parse(newest.BackupEndTime)).toBeLessThan(DAY + 2 * HOUR);

    const windowed = await run();
    expect(windowed.outputs).toEqual({ ...echo(), ...rdsOutputs(newest), ...fresh(newest.BackupId) });
    expect(requestsFor(emu, ID).length).toBe(1);

    emu.resetRequests();
    const full = await run({ since: "730d" });
    expect(full.outputs.backupId).toBe(newest.BackupId);
    expect(requestsFor(emu, ID).length).toBe(8);
  });

  it("730 daily backups whose newest usable one is 100 days old: still the right answer, and fewer requests than a full scan", async () => {
    const backups = rdsBackups({ instanceId: ID, count: 730, now, seed: 3, newestUsableAgeDays: 100 });
    emu.data.addRdsInstance(ID, backups);
    const newest = bruteForceRds(backups)!;
    expect(Math.round((now.getTime() - Date.parse(newest.BackupStartTime)) / DAY)).toBeGreaterThanOrEqual(100);

    const result = await run();
    expect(result.outputs).toEqual({ ...echo(), ...rdsOutputs(newest), ...fresh(newest.BackupId) });
    // The window of 3 days (3 sets), then steps of 90 days (90% of a page at 1 set a day): 3 requests.
    expect(requestsFor(emu, ID).length).toBe(3);
  });

  it("skips a Failed newest set and an IsAvail=0 one after it", async () => {
    const backups = [
      rdsBackup({ DBInstanceId: ID, BackupId: "3003", BackupStartTime: at(2 * HOUR), BackupStatus: "Failed" }),
      rdsBackup({ DBInstanceId: ID, BackupId: "3002", BackupStartTime: at(DAY), IsAvail: 0 }),
      rdsBackup({ DBInstanceId: ID, BackupId: "3001", BackupStartTime: at(2 * DAY), EngineVersion: "5.6" }),
      rdsBackup({ DBInstanceId: ID, BackupId: "2999", BackupStartTime: at(3 * DAY) }),
    ];
    emu.data.addRdsInstance(ID, backups);
    const result = await run();
    expect(result.outputs).toEqual({ ...echo(), ...rdsOutputs(backups[2]), ...fresh("3001") });
    // MySQL 5.6 has a ConsistentTime (unix seconds): an ISO output
    expect(result.outputs.consistentTime).toBe(isoSeconds(backups[2].ConsistentTime * 1000));
    // The newest usable set ended 2 days ago: the first window (74 h) cannot settle it, one step back does.
    expect(requestsFor(emu, ID).length).toBe(2);
  });

  it('ties on end and start go to the larger id, numerically ("1000" beats "999")', async () => {
    const start = at(DAY);
    const backups = ["999", "1000", "998"].map((id) => rdsBackup({ DBInstanceId: ID, BackupId: id, BackupStartTime: start }));
    emu.data.addRdsInstance(ID, backups);
    expect((await run()).outputs.backupId).toBe("1000");
  });

  describe("filters", () => {
    // start times are offset by 2 h so that "Nd" windows fall between them
    const sets = () => rdsFilterSets(ID, now);

    it.each<[string, Record<string, unknown>, string]>([
      ["no filter: newest Success with IsAvail 1", {}, "5003"],
      ["backupMode Automated", { backupMode: "Automated" }, "5002"],
      ["backupMode Manual", { backupMode: "Manual" }, "5003"],
      ["backupType IncrementalBackup", { backupType: "IncrementalBackup" }, "5002"],
      ["backupType FullBackup", { backupType: "FullBackup" }, "5003"],
      ["backupMethod Physical", { backupMethod: "Physical" }, "5002"],
      ["backupMethod Logical", { backupMethod: "Logical" }, "5003"],
      ["backupMethod Snapshot (the newer Snapshot set is unavailable)", { backupMethod: "Snapshot" }, "5006"],
      ["backupMethod Snapshot, requireAvailable false", { backupMethod: "Snapshot", requireAvailable: false }, "5004"],
      ["backupId of an older set", { backupId: "5001" }, "5001"],
      ["requireAvailable false: the unavailable newer set", { requireAvailable: false }, "5004"],
      ["backupStatus Failed, requireAvailable false", { backupStatus: "Failed", requireAvailable: false }, "5005"],
      ["since 4d (a duration)", { since: "4d" }, "5003"],
      ["until 3d: only sets started before it", { until: "3d" }, "5002"],
      ["since 6d, until 4d", { since: "6d", until: "4d" }, "5001"],
      ["maxAge 3d (the answer is younger)", { maxAge: "3d" }, "5003"],
      ["several filters together", { backupMode: "Automated", backupType: "FullBackup", backupMethod: "Physical", since: "2w" }, "5001"],
    ])("%s %j -> %s", async (_name, filters, expectedId) => {
      const backups = sets();
      emu.data.addRdsInstance(ID, backups);
      const chosen = backups.find((b) => b.BackupId === expectedId)!;
      const result = await run(filters);
      expect(result.outputs).toEqual({ ...echo(filters), ...rdsOutputs(chosen), ...fresh(expectedId) });
    });

    it("since and until as ISO instants (with an offset) select on the start time", async () => {
      emu.data.addRdsInstance(ID, sets());
      const since = new Date(now.getTime() - 6 * DAY).toISOString().replace("Z", "+00:00");
      const until = isoSeconds(now.getTime() - 4 * DAY);
      const result = await run({ since, until });
      expect(result.outputs.backupId).toBe("5001");
      expect(result.outputs.since).toBe(since);
      expect(result.outputs.until).toBe(until);
    });

    it("backupId asks the API for that set only: one request with BackupId", async () => {
      emu.data.addRdsInstance(ID, sets());
      await run({ backupId: "5002" });
      expect(requestsFor(emu, ID).map((r) => r.params)).toEqual([
        { RegionId: ALI_REGION, DBInstanceId: ID, BackupId: "5002", PageSize: "100", PageNumber: "1" },
      ]);
    });

    it("--list: every match, newest first, each with the bookkeeping of the newest", async () => {
      const backups = sets();
      emu.data.addRdsInstance(ID, backups);
      const result = await run({}, true);
      const byId = (id: string) => backups.find((b) => b.BackupId === id)!;
      expect(result.list).toEqual(["5003", "5002", "5001", "5006"].map((id) => ({ ...echo(), ...rdsOutputs(byId(id)), ...fresh("5003") })));
    });

    it.each<[string, Record<string, unknown>, (sets: RdsBackup[]) => string]>([
      [
        "every set filtered out by mode",
        { backupMode: "Manual", backupType: "FullBackup", backupMethod: "Physical" },
        () =>
          `no backup set of RDS instance ${ID} matches (backupStatus Success, available, backupMode Manual, backupType FullBackup, backupMethod Physical): ` +
          `6 backup sets seen; newest: 5005 (${at(DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is Failed; 5004 (${at(2 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is not available (IsAvail 0); ` +
          `5003 (${at(3 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is Logical, not Physical`,
      ],
      [
        "a backupId that is not available",
        { backupId: "5004" },
        () =>
          `no backup set of RDS instance ${ID} matches (backupId 5004, backupStatus Success, available): 1 backup set seen; newest: 5004 (${at(2 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is not available (IsAvail 0)`,
      ],
      [
        "a backupId that does not exist",
        { backupId: "123" },
        () => `no backup set of RDS instance ${ID} matches (backupId 123, backupStatus Success, available): no backup sets at all`,
      ],
      [
        "a window with no usable set",
        { since: "30h" },
        () =>
          // the API is asked for the window only, so only the set started in it is seen
          `no backup set of RDS instance ${ID} matches (backupStatus Success, available, since ${at(30 * HOUR)}): ` +
          `1 backup set seen; newest: 5005 (${at(DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is Failed`,
      ],
    ])("no candidate (%s) -> NoBackupFoundError naming the instance, the filters and what was seen", async (_name, filters, message) => {
      const backups = sets();
      emu.data.addRdsInstance(ID, backups);
      const err = await failure(run(filters));
      expect(err).toBeInstanceOf(NoBackupFoundError);
      expect(err.exitStatus).toBe(3);
      expect(err.message).toBe(message(backups));
    });

    it("an instance with no sets at all", async () => {
      emu.data.addRdsInstance(ID, []);
      const err = await failure(run());
      expect(err).toBeInstanceOf(NoBackupFoundError);
      expect(err.message).toBe(`no backup set of RDS instance ${ID} matches (backupStatus Success, available): no backup sets at all`);
    });

    it("maxAge older than the answer -> StaleBackupError (exit 3), never a silent stale restore", async () => {
      emu.data.addRdsInstance(ID, sets());
      const err = await failure(run({ maxAge: "36h" }));
      expect(err).toBeInstanceOf(StaleBackupError);
      expect(err.exitStatus).toBe(3);
      // 5003 started 3 d - 2 h ago and ran 17 min 31 s: it ended 2 d 21 h 42 m ago
      expect(err.message).toBe(
        `the newest matching backup set of RDS instance ${ID} is 5003, which ended ${at(3 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)} (2d 21h ago), older than maxAge 36h; take a fresh backup or raise maxAge; ` +
          // the sets the window search read (the two windows back to 5003), the newest three with why each lost
          `4 backup sets seen; newest: 5005 (${at(DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is Failed; 5004 (${at(2 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is not available (IsAvail 0); ` +
          `5003 (${at(3 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is older than maxAge 36h`,
      );
    });
  });

  it("an unknown instance -> InvalidDBInstanceId.NotFound with the request id, not retried (exit 1)", async () => {
    await expectNotFound(run(), {
      error: AlibabaApiError,
      code: "InvalidDBInstanceId.NotFound",
      requestId: GUID,
      message: (rid) =>
        `DescribeBackups failed: InvalidDBInstanceId.NotFound (HTTP 400) - The DBInstanceId provided does not exist in records. [request id ${rid}]. check the instance id and the region`,
    });
  });

  it("throttled once, then fine: the answer, after one retry", async () => {
    const backups = [rdsBackup({ DBInstanceId: ID, BackupId: "7001", BackupStartTime: at(5 * HOUR) })];
    emu.data.addRdsInstance(ID, backups);
    emu.faults.add("rds.DescribeBackups", { kind: "throttle" });
    const result = await run();
    expect(result.outputs).toEqual({ ...echo(), ...rdsOutputs(backups[0]), ...fresh("7001") });
    expect(emu.requests.map((r) => r.status)).toEqual([400, 200]);
  });

  it("throttled on every attempt -> the throttling error after 6 attempts (exit 1)", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.faults.add("rds.DescribeBackups", { kind: "throttle", code: "Throttling" }, 10);
    const err = await failure(run());
    expect(err).toBeInstanceOf(AlibabaApiError);
    expect(err.message).toBe(
      `DescribeBackups failed: Throttling (HTTP 400) - Request was denied due to request throttling. [request id ${String(err.requestId)}] after 6 attempts. the API is throttling this account; retry later or run fewer lookups at once`,
    );
    expect(emu.count()).toBe(6);
  });

  it("a wrong secret -> SignatureDoesNotMatch, not retried, with neither the secret nor the key id in the message", async () => {
    emu.data.addRdsInstance(ID, []);
    const secret = "WRONG-secret-in-process-0123456789";
    const err = await failure(
      lookup(RDS_SET, { endpoint: emu.url, dbInstanceId: ID }, lookupContext({ now, env: testEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret }) })),
    );
    expect(err).toBeInstanceOf(AlibabaApiError);
    expect(err.code).toBe("SignatureDoesNotMatch");
    expect(err.message).toBe(
      `DescribeBackups failed: SignatureDoesNotMatch (HTTP 400) - Specified signature does not match our calculation. [request id ${String(err.requestId)}]. check alicloud:accessKey / alicloud:secretKey (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET) and the security token`,
    );
    expect(emu.count()).toBe(1);
  });

  it("no region anywhere -> InvalidArgumentsError before any request", async () => {
    const err = await failure(
      lookup(RDS_SET, { endpoint: emu.url, dbInstanceId: ID }, lookupContext({ now, env: testEnv({ ALIBABA_CLOUD_REGION_ID: undefined }) })),
    );
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect(err.issues).toEqual([
      { argument: "region", reason: "no region: pass region, or set alicloud:region in stack config, or ALIBABA_CLOUD_REGION_ID in the environment" },
    ]);
    expect(emu.count()).toBe(0);
  });

  it("the region argument wins over the environment and is sent as RegionId", async () => {
    emu.data.addRdsInstance(ID, [rdsBackup({ DBInstanceId: ID, BackupId: "8001", BackupStartTime: at(HOUR * 3) })]);
    const result = await run({ region: "ap-southeast-1" });
    expect(result.outputs.region).toBe("ap-southeast-1");
    expect(emu.requests[0].params.RegionId).toBe("ap-southeast-1");
  });
});

// =====================================================================================================
// alicloud.rds.BackupTask

describe("alicloud.rds.BackupTask", () => {
  const ID = "rm-bp1tasks00001";
  const defaults = { waitForCompletion: false, timeout: "30m", pollInterval: "10s" };
  const run = (args: Record<string, unknown> = {}, c = ctx()) => lookup(RDS_TASK, { endpoint: emu.url, dbInstanceId: ID, ...args }, c);

  it("without backupJobId: the job with the largest BackupJobId (jobs have no times)", async () => {
    emu.data.addRdsInstance(ID, []);
    for (const [id, steps] of [
      [999, rdsJobSteps(["Uploading", 70])],
      [4762614, rdsJobSteps(["Preparing", 5], ["Uploading", 20])],
      [1000000, rdsJobSteps(["NoStart", 0])],
    ] as const)
      emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: id, instanceId: ID, now, steps: [...steps] }));
    const result = await run();
    expect(result.outputs).toEqual({
      endpoint: emu.url,
      dbInstanceId: ID,
      ...defaults,
      ...manualJobOutputs("4762614", "Preparing", 5, null),
      latestBackupId: null,
      backupExists: true,
      resolvedAt: NOW_ISO,
    });
    expect(emu.count()).toBe(1);
  });

  it("backupMode filters the jobs", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 20, instanceId: ID, now, mode: "Manual", steps: rdsJobSteps(["Uploading", 10]) }));
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 10, instanceId: ID, now, mode: "Automated", steps: rdsJobSteps(["Uploading", 40]) }));
    const result = await run({ backupMode: "Automated" });
    expect(result.outputs).toMatchObject({ backupJobId: "10", jobMode: "Automated", taskAction: "NormalBackupTask", process: 40 });
  });

  it("backupJobId of a finished job: its state and the backup set it produced", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762614, instanceId: ID, now, steps: rdsJobSteps(["Finished", 100]) }));
    const result = await run({ backupJobId: "4762614" });
    expect(result.outputs).toEqual({
      endpoint: emu.url,
      dbInstanceId: ID,
      ...defaults,
      ...manualJobOutputs("4762614", "Finished", 100, "404762614"),
      latestBackupId: "404762614",
      backupExists: true,
      resolvedAt: NOW_ISO,
    });
    expect(emu.requests.map((r) => r.params.BackupJobId)).toEqual(["4762614"]);
  });

  it("a numeric backupJobId is accepted and echoed as a string", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 77, instanceId: ID, now, steps: rdsJobSteps(["Uploading", 50]) }));
    const result = await run({ backupJobId: 77 });
    expect(result.outputs).toMatchObject({ backupJobId: "77", backupStatus: "Uploading", process: 50, backupId: null });
  });

  it("no job at all, without backupJobId: found false (not an error)", async () => {
    emu.data.addRdsInstance(ID, []);
    const result = await run();
    expect(result.outputs).toEqual({
      endpoint: emu.url,
      dbInstanceId: ID,
      ...defaults,
      ...NO_JOB_OUTPUTS,
      resolvedAt: NOW_ISO,
    });
  });

  it("an unknown backupJobId -> NoBackupFoundError (exit 3)", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762614, instanceId: ID, now }));
    const err = await failure(run({ backupJobId: "4762615" }));
    expect(err).toBeInstanceOf(NoBackupFoundError);
    expect(err.exitStatus).toBe(3);
    expect(err.message).toBe(
      `no backup job 4762615 on RDS instance ${ID}: its backup jobs are 4762614 (Uploading) (DescribeBackupTasks lists recent jobs only)`,
    );
    emu.data.addRdsInstance("rm-bp1nojobs000001", []);
    const none = await failure(run({ dbInstanceId: "rm-bp1nojobs000001", backupJobId: "4762615" }));
    expect(none.message).toBe(`no backup job 4762615 on RDS instance rm-bp1nojobs000001: it has no backup jobs (DescribeBackupTasks lists recent jobs only)`);
  });

  it("waitForCompletion: polls a job that advances each query, logs progress, answers the produced backup set", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762614, instanceId: ID, now }));
    const clock = manualClock(now);
    const log = new LogCapture();
    const result = await run({ waitForCompletion: true }, lookupContext({ now, clock, log }));
    const request = `debug: ${requestLogLine("DescribeBackupTasks", emu.url)}`;
    expect(log.lines).toEqual([
      request, // the list
      request, // the job by id
      `info: backup job 4762614 of RDS instance ${ID}: Uploading 60%`,
      request,
      `info: backup job 4762614 of RDS instance ${ID}: Checking 90%`,
      request,
      `info: backup job 4762614 of RDS instance ${ID}: Finished 100%`,
    ]);
    expect(clock.slept).toEqual([10_000, 15_000]);
    expect(result.outputs).toMatchObject({
      found: true,
      backupJobId: "4762614",
      backupStatus: "Finished",
      process: 100,
      backupId: "404762614",
      latestBackupId: "404762614",
    });
    // the list query (Uploading 20), then three queries by job id
    expect(emu.requests.map((r) => r.params.BackupJobId ?? "-")).toEqual(["-", "4762614", "4762614", "4762614"]);
    // the produced set is now listed by DescribeBackups
    expect(emu.data.rds.get(ID)!.backups.map((b) => b.BackupId)).toEqual(["404762614"]);
  });

  it("waitForCompletion with pollInterval: intervals grow by half", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(
      ID,
      rdsTaskScript({
        backupJobId: 5,
        instanceId: ID,
        now,
        steps: rdsJobSteps(["NoStart", 0], ["NoStart", 0], ["Uploading", 10], ["Uploading", 50], ["Finished", 100]),
      }),
    );
    const clock = manualClock(now);
    const result = await run({ waitForCompletion: true, pollInterval: "2s" }, lookupContext({ now, clock }));
    expect(clock.slept).toEqual([2000, 3000, 4500]);
    expect(result.outputs.backupId).toBe("400000005");
  });

  it("waitForCompletion on a job that fails -> an error naming the job (exit 1)", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762614, instanceId: ID, now, outcome: "fail" }));
    const log = new LogCapture();
    const err = await failure(run({ waitForCompletion: true }, lookupContext({ now, clock: manualClock(now), log })));
    expect(err).toBeInstanceOf(BackupLookupError);
    expect(err.exitStatus).toBe(1);
    expect(err.message).toBe(`backup job 4762614 of RDS instance ${ID} failed; see the RDS console's backup tasks, then start a new backup`);
    const request = `debug: ${requestLogLine("DescribeBackupTasks", emu.url)}`;
    expect(log.lines).toEqual([
      request,
      request,
      `info: backup job 4762614 of RDS instance ${ID}: Uploading 60%`,
      request,
      `info: backup job 4762614 of RDS instance ${ID}: Failed 60%`,
    ]);
  });

  it("a failed job asked for by backupJobId is an error too", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 31, instanceId: ID, now, steps: rdsJobSteps(["Uploading", 30], ["Failed", 30]) }));
    emu.data.rds.get(ID)!.tasks[0].position = 1;
    const err = await failure(run({ backupJobId: "31" }));
    expect(err.message).toBe(`backup job 31 of RDS instance ${ID} failed; see the RDS console's backup tasks, then start a new backup`);
  });

  it("waitForCompletion that runs out of time -> an error with the last state (exit 1)", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762614, instanceId: ID, now, steps: rdsJobSteps(["Uploading", 10], ["Uploading", 20]) }));
    const clock = manualClock(now);
    const err = await failure(run({ waitForCompletion: true, timeout: "1m" }, lookupContext({ now, clock })));
    expect(err).toBeInstanceOf(BackupLookupError);
    expect(err.exitStatus).toBe(1);
    // polls at 10 s, 15 s, 22.5 s (47.5 s in all); the next (33.75 s) would pass 1 m
    expect(clock.slept).toEqual([10_000, 15_000, 22_500]);
    expect(err.message).toBe(
      `backup job 4762614 of RDS instance ${ID} did not finish within 1m (last state Uploading, 20% after 48s); raise timeout or look again later`,
    );
  });
});

// =====================================================================================================
// alicloud.rds.UserBackupFile

describe("alicloud.rds.UserBackupFile", () => {
  const run = (args: Record<string, unknown> = {}, list = false) => lookup(USER_FILE, { endpoint: emu.url, ...args }, ctx(), list);
  const newestBy = (files: ReturnType<typeof userBackupFiles>, keep: (r: (typeof files)[number]) => boolean) =>
    files.filter(keep).sort(
      newestFirstBy(
        (e) => Number(e.record.FinishTime),
        (e) => Number(e.record.CreationTime),
        (e) => e.record.BackupId,
      ),
    )[0];

  const fleet = () =>
    userBackupFiles({
      count: 24,
      now,
      seed: 4,
      tags: [{ env: "prod", team: "db" }, { env: "dev" }, { env: "prod" }],
      resourceGroupIds: ["rg-acfmprod0001", "rg-acfmdev00001"],
    });

  it("the newest BackupSuccess file by FinishTime; times from unix ms, sizes as numbers", async () => {
    const files = fleet();
    emu.data.addUserBackupFiles(ALI_REGION, files);
    const newest = newestBy(files, (e) => e.record.Status === "BackupSuccess");
    expect(files[0].record.Status).toBe("Importing"); // the newest file is still importing
    const result = await run();
    expect(result.outputs).toEqual({ endpoint: emu.url, status: "BackupSuccess", ...userFileOutputs(newest.record), ...fresh(newest.record.BackupId) });
    expect(typeof result.outputs.ossFileSize).toBe("number");
    expect(typeof result.outputs.restoreSize).toBe("number");
    expect(emu.requests.map((r) => r.params)).toEqual([{ RegionId: ALI_REGION }]);
  });

  it("the exact outputs of the vendor example record", async () => {
    emu.data.addUserBackupFiles(ALI_REGION, [userBackupFile()]);
    const result = await run();
    expect(result.outputs).toEqual({
      endpoint: emu.url,
      status: "BackupSuccess",
      backupId: "b-kwwvr7v8t7ofemu1",
      comment: "BackupTest",
      ossUrl: "https://emu-user-backups.oss-cn-hangzhou.aliyuncs.com/test/backup_qp.xb",
      ossBucket: "emu-user-backups",
      ossFilePath: "test/backup_qp.xb",
      ossFileName: "backup_qp.xb",
      ossFileSize: 79115,
      restoreSize: 20,
      engine: "mysql",
      engineVersion: "5.7",
      creationTime: "2021-06-09T09:31:24Z",
      finishTime: "2021-06-09T09:42:30Z",
      modificationTime: "2021-06-09T09:42:30Z",
      retention: 3,
      zoneId: "cn-hangzhou-b",
      reason: "success",
      latestBackupId: "b-kwwvr7v8t7ofemu1",
      backupExists: true,
      resolvedAt: NOW_ISO,
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, string>, (r: ReturnType<typeof fleet>[number]) => boolean]>([
    ["tags (one)", { tags: { env: "dev" } }, { Tags: "env:dev" }, (e) => e.tags.env === "dev"],
    ["tags (two, sent as k:v,k:v)", { tags: { env: "prod", team: "db" } }, { Tags: "env:prod,team:db" }, (e) => e.tags.env === "prod" && e.tags.team === "db"],
    ["resourceGroupId", { resourceGroupId: "rg-acfmdev00001" }, { ResourceGroupId: "rg-acfmdev00001" }, (e) => e.resourceGroupId === "rg-acfmdev00001"],
    [
      "comment, a fragment in another case (fuzzy, as the API matches)",
      { comment: "WEEKLY" },
      { Comment: "WEEKLY" },
      (e) => e.record.Comment.toLowerCase().includes("weekly"),
    ],
  ])("%s: sent to the API and applied", async (_name, filters, sent, keep) => {
    const files = fleet();
    emu.data.addUserBackupFiles(ALI_REGION, files);
    const newest = newestBy(files, (e) => e.record.Status === "BackupSuccess" && keep(e));
    const result = await run(filters);
    expect(result.outputs).toEqual({
      endpoint: emu.url,
      status: "BackupSuccess",
      ...filters,
      ...userFileOutputs(newest.record),
      ...fresh(newest.record.BackupId),
    });
    expect(emu.requests.map((r) => r.params)).toEqual([{ RegionId: ALI_REGION, ...sent }]);
  });

  it.each(["Failed", "CheckSuccess", "Deleted"])("status %s: the newest file in that state", async (status) => {
    const files = fleet();
    emu.data.addUserBackupFiles(ALI_REGION, files);
    const newest = newestBy(files, (e) => e.record.Status === status);
    const result = await run({ status });
    expect(result.outputs.backupId).toBe(newest.record.BackupId);
    expect(result.outputs.status).toBe(status);
  });

  it("backupId and since/until (on the creation time)", async () => {
    const files = fleet();
    emu.data.addUserBackupFiles(ALI_REGION, files);
    const some = files.filter((e) => e.record.Status === "BackupSuccess")[5];
    expect((await run({ backupId: some.record.BackupId })).outputs.backupId).toBe(some.record.BackupId);
    const inWindow = newestBy(
      files,
      (e) =>
        e.record.Status === "BackupSuccess" &&
        Number(e.record.CreationTime) >= now.getTime() - 40 * DAY &&
        Number(e.record.CreationTime) <= now.getTime() - 20 * DAY,
    );
    expect((await run({ since: "40d", until: "20d" })).outputs.backupId).toBe(inWindow.record.BackupId);
  });

  it("nothing matching -> NoBackupFoundError naming the region, the filters and what was seen", async () => {
    const created = now.getTime() - 3 * HOUR;
    emu.data.addUserBackupFiles(ALI_REGION, [
      userBackupFile({
        BackupId: "b-importing0001",
        Status: "Importing",
        CreationTime: String(created),
        FinishTime: String(created + MINUTE),
        ModificationTime: String(created + MINUTE),
      }),
      userBackupFile({
        BackupId: "b-failed0000001",
        Status: "Failed",
        CreationTime: String(created - DAY),
        FinishTime: String(created - DAY + 9 * MINUTE),
        ModificationTime: String(created - DAY + 9 * MINUTE),
      }),
    ]);
    const err = await failure(run({ region: ALI_REGION }));
    expect(err).toBeInstanceOf(NoBackupFoundError);
    expect(err.exitStatus).toBe(3);
    expect(err.message).toBe(
      `no user backup file of region cn-hangzhou matches (status BackupSuccess): 2 user backup files seen; newest: b-importing0001 (${isoSeconds(created + MINUTE)}) is Importing; b-failed0000001 (${isoSeconds(created - DAY + 9 * MINUTE)}) is Failed`,
    );
    const err2 = await failure(run({ region: ALI_REGION, tags: { env: "staging" }, comment: "nightly" }));
    expect(err2.message).toBe(
      'no user backup file of region cn-hangzhou matches (status BackupSuccess, comment ~ "nightly", tags env:staging): no user backup files at all',
    );
  });
});

// =====================================================================================================
// alicloud.kvstore.BackupSet

describe("alicloud.kvstore.BackupSet", () => {
  const ID = "r-bp1kvstore0001";
  const run = (args: Record<string, unknown> = {}, id = ID) => lookup(KVSTORE_SET, { endpoint: emu.url, instanceId: id, ...args }, ctx());
  const echo = (extra: Record<string, unknown> = {}, id = ID) => ({ endpoint: emu.url, instanceId: id, backupStatus: "Success", ...extra });
  /** The newest job whose every shard succeeded and which has every shard, by brute force. */
  const bruteForceJob = (records: KvstoreBackup[], shards: number) =>
    kvstoreJobs(records)
      .filter((j) => j.length === shards && j.every((s) => s.BackupStatus === "Success"))
      .sort(
        newestFirstBy(
          (j) => Math.max(...j.map((s) => Date.parse(s.BackupEndTime))),
          (j) => Math.min(...j.map((s) => Date.parse(s.BackupStartTime))),
          (j) => BigInt(j[0].BackupJobID),
        ),
      )[0];

  it("a cluster: the newest whole job, backupIds sorted by node, size summed over shards", async () => {
    const records = kvstoreBackups({ instanceId: ID, shards: 4, jobs: 10, now, seed: 5 });
    emu.data.addKvstoreInstance(ID, records);
    const job = bruteForceJob(records, 4);
    const result = await run();
    expect(result.outputs).toEqual({ ...echo(), ...kvstoreOutputs(job), ...fresh(kvstoreOutputs(job).backupId as string) });
    expect(result.outputs.backupIds).toEqual(
      job
        .map((s) => s)
        .sort((a, b) => a.NodeInstanceId.localeCompare(b.NodeInstanceId))
        .map((s) => String(s.BackupId)),
    );
    expect(result.outputs.nodeInstanceId).toBe(`${ID}-db-0`);
    expect(emu.count()).toBe(1);
  });

  it("a job with one failed shard is skipped", async () => {
    const records = kvstoreBackups({ instanceId: ID, shards: 4, jobs: 6, now, seed: 6 });
    const newestJob = bruteForceJob(records, 4);
    newestJob[2].BackupStatus = "Failed";
    emu.data.addKvstoreInstance(ID, records);
    const expected = bruteForceJob(records, 4);
    expect(expected[0].BackupJobID).not.toBe(newestJob[0].BackupJobID);
    expect((await run()).outputs).toEqual({ ...echo(), ...kvstoreOutputs(expected), ...fresh(kvstoreOutputs(expected).backupId as string) });
  });

  it("an incomplete job (a shard's record missing) is skipped", async () => {
    const records = kvstoreBackups({ instanceId: ID, shards: 4, jobs: 6, now, seed: 7 });
    const newestJob = bruteForceJob(records, 4);
    const withoutOne = records.filter((r) => r !== newestJob[1]);
    emu.data.addKvstoreInstance(ID, withoutOne);
    const expected = bruteForceJob(withoutOne, 4);
    expect(expected[0].BackupJobID).not.toBe(newestJob[0].BackupJobID);
    expect((await run()).outputs.backupJobId).toBe(String(expected[0].BackupJobID));
  });

  it("every job failed -> NoBackupFoundError saying which shard failed", async () => {
    const records = kvstoreBackups({ instanceId: ID, shards: 2, jobs: 3, now, seed: 8, failedEvery: 1 });
    emu.data.addKvstoreInstance(ID, records);
    const jobs = kvstoreJobs(records).sort(
      newestFirstBy(
        (j) => Math.max(...j.map((s) => Date.parse(s.BackupEndTime))),
        () => 0,
        () => "",
      ),
    );
    const why = (job: (typeof jobs)[number]) =>
      `${job[0].BackupJobID} (${isoSeconds(Math.max(...job.map((s) => Date.parse(s.BackupEndTime))))}) is Failed (shard ${job.find((s) => s.BackupStatus === "Failed")!.NodeInstanceId})`;
    const err = await failure(run());
    expect(err).toBeInstanceOf(NoBackupFoundError);
    expect(err.message).toBe(
      `no backup job of Redis/Tair instance ${ID} matches (backupStatus Success, within the 730-day search limit): 3 backup jobs seen; newest: ${jobs.map(why).join("; ")}`,
    );
  });

  it("a standard instance: one record per job, the node is the instance", async () => {
    const records = kvstoreBackups({ instanceId: "r-bp1standard001", jobs: 12, now, seed: 9, failedEvery: 4 });
    emu.data.addKvstoreInstance("r-bp1standard001", records);
    const job = bruteForceJob(records, 1);
    const result = await run({}, "r-bp1standard001");
    expect(result.outputs).toEqual({ ...echo({}, "r-bp1standard001"), ...kvstoreOutputs(job), ...fresh(String(job[0].BackupId)) });
    expect(result.outputs).toMatchObject({ nodeInstanceId: "r-bp1standard001", shardCount: 1, backupIds: [String(job[0].BackupId)] });
  });

  it("several pages of 300 records in scrambled order: every page read, the newest whole job found", async () => {
    const records = kvstoreBackups({ instanceId: ID, shards: 10, jobs: 70, now, seed: 10, failedEvery: 3 });
    emu.data.addKvstoreInstance(ID, records);
    const job = bruteForceJob(records, 10);
    const result = await run({ since: "75d" });
    expect(result.outputs).toEqual({ ...echo({ since: "75d" }), ...kvstoreOutputs(job), ...fresh(kvstoreOutputs(job).backupId as string) });
    expect(emu.requests.map((r) => [r.params.PageNumber, r.params.PageSize, r.params.StartTime])).toEqual([
      ["1", "300", at(75 * DAY).slice(0, 16) + "Z"],
      ["2", "300", at(75 * DAY).slice(0, 16) + "Z"],
      ["3", "300", at(75 * DAY).slice(0, 16) + "Z"],
    ]);
    emu.resetRequests();
    const searched = await run();
    expect(searched.outputs.backupId).toBe(result.outputs.backupId);
    // The newest whole job ended within the last day: the first window (75 h, 30 records) settles it.
    expect(emu.count()).toBe(1);
  });

  it("nodeInstanceId: backupId and the URLs are that shard's; backupId (a number) finds its job", async () => {
    const records = kvstoreBackups({ instanceId: ID, shards: 3, jobs: 4, now, seed: 12 });
    emu.data.addKvstoreInstance(ID, records);
    const job = bruteForceJob(records, 3);
    const shard1 = job.find((s) => s.NodeInstanceId === `${ID}-db-1`)!;
    const byNode = await run({ nodeInstanceId: `${ID}-db-1` });
    expect(byNode.outputs).toEqual({ ...echo({ nodeInstanceId: `${ID}-db-1` }), ...kvstoreOutputs(job, shard1), ...fresh(String(shard1.BackupId)) });

    const older = kvstoreJobs(records).find((j) => j[0].BackupJobID !== job[0].BackupJobID)!;
    const byId = await run({ backupId: older[1].BackupId });
    expect(byId.outputs.backupJobId).toBe(String(older[0].BackupJobID));
    expect(byId.outputs.backupIds).toEqual(kvstoreOutputs(older).backupIds);
  });

  it("searches no further back than 730 days: an older backup is not found without since, found with it", async () => {
    const old = kvstoreBackup({ BackupStartTime: at(731 * DAY), NodeInstanceId: ID, BackupId: 222222222, BackupJobID: 99 });
    emu.data.addKvstoreInstance(ID, [old]);
    const err = await failure(run());
    expect(err).toBeInstanceOf(NoBackupFoundError);
    expect(err.message).toBe(
      `no backup job of Redis/Tair instance ${ID} matches (backupStatus Success, within the 730-day search limit): no backup jobs at all`,
    );
    // The first window (48 h + 26 h + the shards' hour, up to now + 15 min: provider/core/apiClock.ts) is empty,
    // so the next is the rest of the 730 days.
    const firstFrom = now.getTime() - 75 * HOUR;
    expect(emu.requests.map((r) => [r.params.StartTime, r.params.EndTime])).toEqual([
      [minuteDown(firstFrom), minuteUp(now.getTime() + 15 * MINUTE)],
      [minuteDown(now.getTime() - 730 * DAY), minuteUp(firstFrom)],
    ]);
    const found = await run({ since: "800d" });
    expect(found.outputs.backupId).toBe("222222222");
  });

  it("an unknown instance -> InvalidInstanceId.NotFound with the request id, not retried (exit 1)", async () => {
    await expectNotFound(run(), {
      error: AlibabaApiError,
      code: "InvalidInstanceId.NotFound",
      requestId: GUID,
      message: (rid) =>
        `DescribeBackups failed: InvalidInstanceId.NotFound (HTTP 404) - The specified instance is not found. [request id ${rid}]. check the instance id and the region`,
    });
  });
});

// =====================================================================================================
// huaweicloud.dcs.BackupSet

describe("huaweicloud.dcs.BackupSet", () => {
  const ID = "5560df16-cebf-4473-95c4-d1b573c16e79";
  const run = (args: Record<string, unknown> = {}) => lookup(DCS_SET, { endpoint: emu.url, instanceId: ID, ...args }, ctx());
  const echo = (extra: Record<string, unknown> = {}) => ({ endpoint: emu.url, instanceId: ID, status: "succeed", requireRestorable: true, ...extra });
  const uuid = (i: number) => `0000${(i + 0x1000).toString(16)}-0000-4000-8000-${(i * 7919).toString(16).padStart(12, "0")}`;
  const bruteForce = (records: DcsBackupRecord[]) =>
    records
      .filter((r) => r.status === "succeed" && r.is_support_restore === "TRUE")
      .sort(
        newestFirstBy(
          (r) => Date.parse(r.updated_at),
          (r) => Date.parse(r.created_at),
          (r) => r.backup_id,
        ),
      )[0];
  /** `n` hourly records, the newest `spoiled` of them not restorable. */
  const hourly = (n: number, spoiled: number) =>
    Array.from({ length: n }, (_, i) =>
      dcsBackupRecord({
        backup_id: uuid(i),
        instance_id: ID,
        created_at: new Date(now.getTime() - i * HOUR - 30 * MINUTE).toISOString(),
        backup_type: i % 24 === 0 ? "manual" : "auto",
        ...(i < spoiled ? { is_support_restore: "FALSE" } : {}),
      }),
    );

  it("the newest restorable record across several pages (offset/limit 1000)", async () => {
    const records = hourly(2100, 5);
    emu.data.addDcsInstance(PROJECT_ID, ID, records);
    const newest = bruteForce(records);
    expect(newest.backup_id).toBe(uuid(5));
    const result = await run({ since: "90d" });
    expect(result.outputs).toEqual({ ...echo({ since: "90d" }), ...dcsOutputs(newest), ...fresh(newest.backup_id) });
    expect(emu.requests.map((r) => [r.params.offset, r.params.limit])).toEqual([
      ["0", "1000"],
      ["1000", "1000"],
      ["2000", "1000"],
    ]);
    emu.resetRequests();
    const searched = await run();
    expect(searched.outputs.backupId).toBe(newest.backup_id);
    // Hourly records: the first window (74 records) holds the newest restorable one, ended hours ago.
    expect(emu.count()).toBe(1);
  });

  it("is_support_restore FALSE on the newest record: skipped; requireRestorable false takes it", async () => {
    const records = hourly(30, 2);
    emu.data.addDcsInstance(PROJECT_ID, ID, records);
    expect((await run()).outputs).toEqual({ ...echo(), ...dcsOutputs(records[2]), ...fresh(records[2].backup_id) });
    const any = await run({ requireRestorable: false });
    expect(any.outputs).toEqual({ ...echo({ requireRestorable: false }), ...dcsOutputs(records[0]), ...fresh(records[0].backup_id) });
    expect(any.outputs.isSupportRestore).toBe(false);
  });

  it("backupType and status filters", async () => {
    const records = hourly(30, 0);
    records[1].status = "failed";
    records[1].is_support_restore = "FALSE";
    emu.data.addDcsInstance(PROJECT_ID, ID, records);
    expect((await run({ backupType: "manual" })).outputs.backupId).toBe(records[0].backup_id);
    expect((await run({ backupType: "auto" })).outputs.backupId).toBe(records[2].backup_id);
    expect((await run({ status: "failed", requireRestorable: false })).outputs.backupId).toBe(records[1].backup_id);
  });

  it("HTTP 204 (no records) -> NoBackupFoundError (exit 3), never a parse error", async () => {
    emu.data.addDcsInstance(PROJECT_ID, ID, []);
    const err = await failure(run());
    expect(err).toBeInstanceOf(NoBackupFoundError);
    expect(err.message).toBe(`no backup record of DCS instance ${ID} matches (status succeed, restorable): no backup records at all`);
    // The first window is empty (204), and so is the rest of the history, asked for in one window.
    expect(emu.requests.map((r) => r.status)).toEqual([204, 204]);
  });

  it("a Huawei error body -> an error with its code and the request id (exit 1)", async () => {
    await expectNotFound(run(), {
      error: HuaweiApiError,
      code: "DCS.3022",
      requestId: HEX32,
      message: (rid) =>
        `ListBackupRecords failed: DCS.3022 (HTTP 404) - This DCS instance does not exist. [request id ${rid}]. check the instance id, the project id and the region`,
    });
  });

  it('a truncated 200 body is retried and never read as "no records"', async () => {
    const records = hourly(10, 0);
    emu.data.addDcsInstance(PROJECT_ID, ID, records);
    emu.faults.add("dcs.ListBackupRecords", { kind: "truncated" });
    const result = await run();
    expect(result.outputs.backupId).toBe(records[0].backup_id);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it("a 200 body truncated on every attempt -> MalformedResponse after 6 attempts, not NoBackupFoundError", async () => {
    emu.data.addDcsInstance(PROJECT_ID, ID, hourly(3, 0));
    emu.faults.add("dcs.ListBackupRecords", { kind: "truncated" }, 6);
    const err = await failure(run());
    expect(err).toBeInstanceOf(HuaweiApiError);
    expect(err.code).toBe("MalformedResponse");
    expect(err.message).toBe(
      `ListBackupRecords failed: MalformedResponse (HTTP 200) - the response was not a JSON object (truncated body or a proxy error page) [request id ${String(err.requestId)}] after 6 attempts. the cloud or the network failed; retry later`,
    );
    expect(emu.count()).toBe(6);
  });

  it("no project id anywhere -> InvalidArgumentsError (exit 2) before any request", async () => {
    const err = await failure(lookup(DCS_SET, { endpoint: emu.url, instanceId: ID }, lookupContext({ now, env: testEnv({ HW_PROJECT_ID: undefined }) })));
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect(err.exitStatus).toBe(2);
    expect(err.message).toBe(
      "invalid arguments for huaweicloud.dcs.BackupSet: projectId: no project id: pass projectId, or set huaweicloud:projectId in stack config, or HW_PROJECT_ID in the environment",
    );
    expect(emu.count()).toBe(0);
  });

  it("the projectId argument is used in the path", async () => {
    const other = "ffffffffffffffffffffffffffffffff";
    emu.data.addDcsInstance(other, ID, hourly(2, 0));
    const result = await run({ projectId: other });
    expect(result.outputs.projectId).toBe(other);
    expect(emu.requests[0].params.project_id).toBe(other);
  });
});
