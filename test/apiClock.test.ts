/**
 * Whose clock decides (docs/ARCHITECTURE.md "Whose clock"): the API's. The emulator's clock runs 14 minutes
 * ahead of or behind the runner's (the lookup context's clock; the clouds accept requests signed up to 15
 * minutes off). For every timed lookup, a manual backup that ended 1 minute ago by the API's clock (in the
 * runner's future when the runner is behind) is the one chosen, and it is `--list`'s first item; `maxAge` is
 * judged on the API's clock (the `Date` header of its answers), both ways. Exact outputs, exact requests.
 *
 * The emulator's clock is fixed at `now + skew` (the runner's clock is fixed at `now`): the official Alibaba
 * client stamps its requests with the wall clock, which stays within 15 minutes of both while the file runs.
 */
import { dcsBackupRecord, kvstoreBackup, rdsBackup, startEmulator, userBackupFile, type Emulator } from "./emulator";
import { StaleBackupError } from "../provider/core/errors";
import { lookupNamed } from "../provider/lookups";
import { backupExists } from "../provider/core/engine";
import {
  ALI_REGION,
  DAY,
  DCS_SET,
  HOUR,
  KVSTORE_SET,
  MINUTE,
  PROJECT_ID,
  RDS_SET,
  USER_FILE,
  dcsOutputs,
  failure,
  isoSeconds,
  kvstoreOutputs,
  lookup,
  lookupContext,
  rdsOutputs,
  realNow,
  resetEmulator,
  userFileOutputs,
} from "./support/lookupEnv";

let emu: Emulator;
let now: Date;
/** The emulator's clock minus the runner's. */
let skew = 0;

beforeAll(async () => {
  now = realNow();
  emu = await startEmulator({ seed: 5, clock: { now: () => new Date(now.getTime() + skew) } });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => resetEmulator(emu));

const minuteDown = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString().slice(0, 16) + "Z";
const minuteUp = (ms: number) => new Date(Math.ceil(ms / MINUTE) * MINUTE).toISOString().slice(0, 16) + "Z";
const compact = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14);
/** The slack above the runner's "now" every window ends at (a signed request is at most 15 minutes off). */
const SLACK = 15 * MINUTE;

const RDS_ID = "rm-bp1clockskew01";
const KV_ID = "r-bp1clockskew001";
const DCS_ID = "5560df16-cebf-4473-95c4-d1b5c10c5e01";

/** One timed lookup: how to store two backups (by the API's clock), its arguments, and its expected outputs. */
interface Case {
  name: string;
  noun: string;
  subject: string;
  args: Record<string, unknown>;
  /** Stores an older backup and a newer one; returns the outputs of each, and the id a maxAge message names. */
  store(
    older: { start: number; end: number },
    newer: { start: number; end: number },
  ): { older: Record<string, unknown>; newer: Record<string, unknown>; newerId: string };
  /** The requests (window bounds) of the lookup, then of `--list`. */
  windows(): { lookup: unknown[]; list: unknown[] };
}

const CASES: Case[] = [
  {
    name: RDS_SET,
    noun: "backup set",
    subject: `RDS instance ${RDS_ID}`,
    args: { dbInstanceId: RDS_ID },
    store(older, newer) {
      const o = rdsBackup({ DBInstanceId: RDS_ID, BackupId: "7001", BackupStartTime: isoSeconds(older.start), BackupEndTime: isoSeconds(older.end) });
      const n = rdsBackup({
        DBInstanceId: RDS_ID,
        BackupId: "7002",
        BackupMode: "Manual",
        BackupStartTime: isoSeconds(newer.start),
        BackupEndTime: isoSeconds(newer.end),
      });
      emu.data.addRdsInstance(RDS_ID, [o, n]);
      const echo = { endpoint: emu.url, dbInstanceId: RDS_ID, backupStatus: "Success", requireAvailable: true };
      return { older: { ...echo, ...rdsOutputs(o) }, newer: { ...echo, ...rdsOutputs(n) }, newerId: "7002" };
    },
    windows: () => ({
      lookup: emu.requests.slice(0, 1).map((r) => [r.params.StartTime, r.params.EndTime]),
      list: emu.requests.slice(1).map((r) => [r.params.StartTime, r.params.EndTime]),
    }),
  },
  {
    name: KVSTORE_SET,
    noun: "backup job",
    subject: `Redis/Tair instance ${KV_ID}`,
    args: { instanceId: KV_ID },
    store(older, newer) {
      const o = kvstoreBackup({
        NodeInstanceId: KV_ID,
        BackupId: 8001,
        BackupJobID: 801,
        BackupStartTime: isoSeconds(older.start),
        BackupEndTime: isoSeconds(older.end),
      });
      const n = kvstoreBackup({
        NodeInstanceId: KV_ID,
        BackupId: 8002,
        BackupJobID: 802,
        BackupMode: "Manual",
        BackupStartTime: isoSeconds(newer.start),
        BackupEndTime: isoSeconds(newer.end),
      });
      emu.data.addKvstoreInstance(KV_ID, [o, n]);
      const echo = { endpoint: emu.url, instanceId: KV_ID, backupStatus: "Success" };
      return { older: { ...echo, ...kvstoreOutputs([o]) }, newer: { ...echo, ...kvstoreOutputs([n]) }, newerId: "802" };
    },
    windows: () => ({
      lookup: emu.requests.slice(0, 1).map((r) => [r.params.StartTime, r.params.EndTime]),
      list: emu.requests.slice(1).map((r) => [r.params.StartTime, r.params.EndTime]),
    }),
  },
  {
    name: DCS_SET,
    noun: "backup record",
    subject: `DCS instance ${DCS_ID}`,
    args: { instanceId: DCS_ID },
    store(older, newer) {
      const record = (id: string, t: { start: number; end: number }) =>
        dcsBackupRecord({ backup_id: id, instance_id: DCS_ID, created_at: new Date(t.start).toISOString(), updated_at: new Date(t.end).toISOString() });
      const o = record("00000000-0000-4000-8000-000000000001", older);
      const n = record("00000000-0000-4000-8000-000000000002", newer);
      emu.data.addDcsInstance(PROJECT_ID, DCS_ID, [o, n]);
      const echo = { endpoint: emu.url, instanceId: DCS_ID, status: "succeed", requireRestorable: true };
      return { older: { ...echo, ...dcsOutputs(o) }, newer: { ...echo, ...dcsOutputs(n) }, newerId: n.backup_id };
    },
    windows: () => ({
      lookup: emu.requests.slice(0, 1).map((r) => [r.params.begin_time, r.params.end_time]),
      list: emu.requests.slice(1).map((r) => [r.params.begin_time, r.params.end_time]),
    }),
  },
  {
    name: USER_FILE,
    noun: "user backup file",
    subject: `region ${ALI_REGION}`,
    args: {},
    store(older, newer) {
      const file = (id: string, t: { start: number; end: number }) =>
        userBackupFile({ BackupId: id, CreationTime: String(t.start), FinishTime: String(t.end), ModificationTime: String(t.end) });
      const o = file("b-clockskewolder01", older);
      const n = file("b-clockskewnewer01", newer);
      emu.data.addUserBackupFiles(ALI_REGION, [o, n]);
      const echo = { endpoint: emu.url, status: "BackupSuccess" };
      return { older: { ...echo, ...userFileOutputs(o.record) }, newer: { ...echo, ...userFileOutputs(n.record) }, newerId: "b-clockskewnewer01" };
    },
    // Unpaged, no window: one request each.
    windows: () => ({ lookup: emu.requests.slice(0, 1).map(() => "no window"), list: emu.requests.slice(1).map(() => "no window") }),
  },
];

/** The window bounds each lookup sends, the runner's clock at `now` (the search starts 74 h back; KVStore 75 h). */
function expectedWindows(name: string): { lookup: unknown[]; list: unknown[] } {
  const t = now.getTime();
  switch (name) {
    case RDS_SET:
      return { lookup: [[minuteDown(t - 74 * HOUR), minuteUp(t + SLACK)]], list: [[undefined, undefined]] };
    case KVSTORE_SET:
      return { lookup: [[minuteDown(t - 75 * HOUR), minuteUp(t + SLACK)]], list: [[minuteDown(t - 730 * DAY), minuteUp(t + SLACK)]] };
    case DCS_SET:
      return { lookup: [[compact(t - 74 * HOUR), compact(t + SLACK)]], list: [[undefined, undefined]] };
    default:
      return { lookup: ["no window"], list: ["no window"] };
  }
}

const bookkeeping = (id: string) => ({ latestBackupId: id, backupExists: true, resolvedAt: isoSeconds(now.getTime()) });

describe.each(CASES)("$name", (c) => {
  const run = (args: Record<string, unknown> = {}, list = false) => lookup(c.name, { endpoint: emu.url, ...c.args, ...args }, lookupContext({ now }), list);

  describe.each([
    ["the API's clock 14 min ahead of the runner's (the runner is behind)", 14 * MINUTE],
    ["the API's clock 14 min behind the runner's (the runner is ahead)", -14 * MINUTE],
  ])("%s", (_name, offset) => {
    beforeEach(() => {
      skew = offset;
    });
    afterAll(() => {
      skew = 0;
    });

    it("a manual backup that ended 1 min ago by the API's clock is chosen, and is --list's first item", async () => {
      const api = now.getTime() + offset;
      const { newer, older } = c.store({ start: api - 3 * HOUR - 20 * MINUTE, end: api - 3 * HOUR }, { start: api - 10 * MINUTE, end: api - MINUTE });
      const result = await run();
      const id = (newer.backupId ?? newer.backupJobId) as string;
      expect(result.outputs).toEqual({ ...newer, ...bookkeeping(c.name === KVSTORE_SET ? (newer.backupId as string) : id) });
      const listed = await run({}, true);
      expect(listed.list).toEqual([result.outputs, { ...older, ...bookkeeping(result.outputs.latestBackupId as string) }]);
      expect(emu.count()).toBe(2);
      expect(c.windows()).toEqual(expectedWindows(c.name));
    });
  });

  it("maxAge is judged on the API's clock: the runner behind by 14 min thinks a backup that ended 20 min ago is 6 min old", async () => {
    skew = 14 * MINUTE;
    const api = now.getTime() + skew;
    const { newerId } = c.store({ start: api - 3 * HOUR - 20 * MINUTE, end: api - 3 * HOUR }, { start: api - 30 * MINUTE, end: api - 20 * MINUTE });
    const err = await failure(run({ maxAge: "10m" }));
    expect(err).toBeInstanceOf(StaleBackupError);
    // then the candidates seen, the newest first with why each lost (the chosen one: too old; the older one still matches)
    const stale = `the newest matching ${c.noun} of ${c.subject} is ${newerId}, which ended ${isoSeconds(api - 20 * MINUTE)} (20m ago), older than maxAge 10m; take a fresh backup or raise maxAge`;
    expect(err.message.slice(0, stale.length)).toBe(stale);
    expect(err.message.slice(stale.length)).toMatch(
      new RegExp(`^; 2 ${c.noun}s seen; newest: ${newerId} \\(${isoSeconds(api - 20 * MINUTE)}\\) is older than maxAge 10m; \\S+ \\(\\S+\\) matches$`),
    );
    expect(emu.count()).toBe(1);
    skew = 0;
  });

  it("maxAge is judged on the API's clock: the runner ahead by 14 min thinks a backup that ended 5 min ago is 19 min old", async () => {
    skew = -14 * MINUTE;
    const api = now.getTime() + skew;
    const { newer } = c.store({ start: api - 3 * HOUR - 20 * MINUTE, end: api - 3 * HOUR }, { start: api - 15 * MINUTE, end: api - 5 * MINUTE });
    const result = await run({ maxAge: "10m" });
    expect(result.outputs.backupId).toBe(newer.backupId);
    expect(result.outputs.maxAge).toBe("10m");
    expect(emu.count()).toBe(1);
    skew = 0;
  });
});

describe("beyond the windows", () => {
  afterEach(() => {
    skew = 0;
  });

  it("KVStore refresh (exists): a job started in the runner's future by the API's clock still exists", async () => {
    skew = 14 * MINUTE;
    const api = now.getTime() + skew;
    CASES[1].store({ start: api - 3 * HOUR - 20 * MINUTE, end: api - 3 * HOUR }, { start: api - 10 * MINUTE, end: api - MINUTE });
    const ctx = lookupContext({ now });
    const args = { endpoint: emu.url, instanceId: KV_ID, region: ALI_REGION };
    expect(await backupExists(lookupNamed(KVSTORE_SET)!, args, "8002", ctx)).toBe(true);
    expect(emu.requests.map((r) => [r.params.BackupId, r.params.StartTime, r.params.EndTime])).toEqual([
      ["8002", minuteDown(now.getTime() - 730 * DAY), minuteUp(now.getTime() + SLACK)],
    ]);
  });

  it("identical lookups in one context share one scan (the window's end, now + 15 min, is in the cache key to the minute), and the shared answer still carries the API's clock", async () => {
    skew = 14 * MINUTE;
    const api = now.getTime() + skew;
    const { newerId } = CASES[0].store({ start: api - 3 * HOUR - 20 * MINUTE, end: api - 3 * HOUR }, { start: api - 30 * MINUTE, end: api - 20 * MINUTE });
    const ctx = lookupContext({ now });
    const args = { endpoint: emu.url, dbInstanceId: RDS_ID, maxAge: "10m" };
    const message = `the newest matching backup set of RDS instance ${RDS_ID} is ${newerId}, which ended ${isoSeconds(api - 20 * MINUTE)} (20m ago), older than maxAge 10m; take a fresh backup or raise maxAge; 2 backup sets seen; newest: ${newerId} (${isoSeconds(api - 20 * MINUTE)}) is older than maxAge 10m; 7001 (${isoSeconds(api - 3 * HOUR)}) matches`;
    const [first, second] = await Promise.all([failure(lookup(RDS_SET, args, ctx)), failure(lookup(RDS_SET, args, ctx))]);
    const third = await failure(lookup(RDS_SET, args, ctx));
    expect([first.message, second.message, third.message]).toEqual([message, message, message]);
    expect(emu.count()).toBe(1);
    expect(ctx.cache!.hits).toBe(2);
  });

  it("since: an instant that is 'now' by the API's clock (14 min in the runner's future) is accepted and reads [since, now + 15 min]", async () => {
    skew = 14 * MINUTE;
    const api = now.getTime() + skew;
    const { newer } = CASES[0].store({ start: api - 3 * HOUR - 20 * MINUTE, end: api - 3 * HOUR }, { start: api - 10 * MINUTE, end: api - MINUTE });
    const since = isoSeconds(api - 12 * MINUTE);
    const result = await lookup(RDS_SET, { endpoint: emu.url, dbInstanceId: RDS_ID, since }, lookupContext({ now }));
    expect(result.outputs).toEqual({ ...newer, since, ...bookkeeping("7002") });
    expect(emu.requests.map((r) => [r.params.StartTime, r.params.EndTime])).toEqual([[minuteDown(api - 12 * MINUTE), minuteUp(now.getTime() + SLACK)]]);
  });

  it("the emulator answers with a Date header from its clock (Node would send the wall clock)", async () => {
    for (const offset of [14 * MINUTE, -14 * MINUTE]) {
      skew = offset;
      const answer = await fetch(`${emu.url}/v2/${PROJECT_ID}/instances/${DCS_ID}/backups`);
      expect([answer.status, answer.headers.get("date")]).toEqual([401, new Date(now.getTime() + offset).toUTCString()]);
      const rpc = await fetch(`${emu.url}/?Action=DescribeBackups&Version=2014-08-15`);
      expect(rpc.headers.get("date")).toBe(new Date(now.getTime() + offset).toUTCString());
    }
  });

  it.each([
    ["16 min ahead of", 16 * MINUTE],
    ["16 min behind", -16 * MINUTE],
  ])(
    "a runner %s the API's clock is refused, as the clouds refuse it (exact codes, one request each: not retried; Huawei's 401 names the clock, from its Date header)",
    async (_name, offset) => {
      skew = -offset;
      emu.data.addRdsInstance(RDS_ID, []);
      emu.data.addDcsInstance(PROJECT_ID, DCS_ID, []);
      const rds = await failure(lookup(RDS_SET, { endpoint: emu.url, dbInstanceId: RDS_ID }, lookupContext({ now })));
      expect([rds.code, rds.httpStatus, rds.message]).toEqual([
        "InvalidTimeStamp.Expired",
        400,
        `DescribeBackups failed: InvalidTimeStamp.Expired (HTTP 400) - Specified time stamp or date value is expired. [request id ${String(rds.requestId)}]. this machine's clock is off; sync it (NTP)`,
      ]);
      const dcs = await failure(lookup(DCS_SET, { endpoint: emu.url, instanceId: DCS_ID }, lookupContext({ now })));
      expect([dcs.code, dcs.httpStatus, dcs.message]).toEqual([
        "APIGW.0301",
        401,
        `ListBackupRecords failed: APIGW.0301 (HTTP 401) - Incorrect IAM authentication information: the request has expired, check X-Sdk-Date [request id ${String(dcs.requestId)}]. this machine's clock is 16 minutes ${offset > 0 ? "ahead of" : "behind"} the API's (its Date header), more than the 15 the API accepts; sync it (NTP)`,
      ]);
      expect(emu.requests.map((r) => [r.action, r.status])).toEqual([
        ["rds.DescribeBackups", 400],
        ["dcs.ListBackupRecords", 401],
      ]);
    },
  );
});
