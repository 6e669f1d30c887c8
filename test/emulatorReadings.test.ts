/**
 * The emulator's injectable clock and its switches for the readings the vendor pages leave open
 * (test/emulator/readings.ts; docs/apis/*.md "Open questions"), with the lookups run end to end under both
 * settings of each switch, in process.
 *
 * Time: one ManualClock is both the emulator's clock and the lookup's, so polling advances the emulator's
 * time-driven jobs and nothing sleeps for real. It starts at the real time to the second only because the
 * official Alibaba client stamps its requests with the wall clock (x-acs-date), which the emulator checks
 * against its own clock; Huawei requests are stamped by the lookup's clock.
 */
import { ManualClock } from "../provider/core/clock";
import {
  dcsBackups,
  kvstoreBackups,
  rdsJobSteps,
  rdsTaskScript,
  startEmulator,
  type DcsBackupRecord,
  type Emulator,
  type EmulatorReadings,
  type KvstoreBackup,
} from "./emulator";
import {
  DCS_SET,
  KVSTORE_SET,
  LogCapture,
  NO_JOB_OUTPUTS,
  PROJECT_ID,
  RDS_TASK,
  dcsOutputs,
  failure,
  kvstoreJobs,
  kvstoreOutputs,
  lookup,
  lookupContext,
  manualJobOutputs,
  requestLogLine,
} from "./support/lookupEnv";

const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const KV = "r-readings00001";
const DCS = "5560df16-cebf-4473-95c4-d1b573c16e79";
// 100 daily jobs of a 4-shard cluster (400 records: two pages of 300) and 1,500 DCS records (two pages of 1,000).
const kvRecords = kvstoreBackups({ instanceId: KV, shards: 4, jobs: 100, now: T0, seed: 4, failedEvery: 3 });
const dcsRecords = dcsBackups({ instanceId: DCS, count: 1500, now: T0, seed: 5, failedEvery: 3 });

let emu: Emulator;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(T0);
  emu = await startEmulator({ seed: 3, clock });
  emu.data.addKvstoreInstance(KV, kvRecords);
  emu.data.addDcsInstance(PROJECT_ID, DCS, dcsRecords);
});

afterEach(async () => {
  await emu.close();
});

const ctx = (log = new LogCapture()) => lookupContext({ now: clock.now(), clock, log });

/** The newest job whose shards all succeeded (by end time), as the lookup's outputs: an independent oracle. */
function newestKvJob(records: KvstoreBackup[]): Record<string, unknown> {
  const jobs = kvstoreJobs(records).filter((shards) => shards.length === 4 && shards.every((s) => s.BackupStatus === "Success"));
  const end = (shards: KvstoreBackup[]) => Math.max(...shards.map((s) => Date.parse(s.BackupEndTime)));
  jobs.sort((a, b) => end(b) - end(a));
  return kvstoreOutputs(jobs[0]);
}

/** The newest restorable DCS record by `updated_at`: an independent oracle. */
function newestDcs(records: DcsBackupRecord[]): Record<string, unknown> {
  const usable = records.filter((r) => r.status === "succeed" && r.is_support_restore === "TRUE");
  usable.sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));
  return dcsOutputs(usable[0]);
}

describe("the emulator's clock", () => {
  test("signatures are checked against the emulator's clock, not the wall clock", async () => {
    clock.advance(20 * 60_000); // the emulator is now 20 minutes ahead of the wall clock
    const kv = await failure(lookup(KVSTORE_SET, { instanceId: KV, endpoint: emu.url }, lookupContext({ now: T0, clock: new ManualClock(T0) })));
    expect([kv.code, kv.httpStatus, kv.kind]).toEqual(["InvalidTimeStamp.Expired", 400, "client"]);
    expect(kv.message).toBe(
      `DescribeBackups failed: InvalidTimeStamp.Expired (HTTP 400) - Specified time stamp or date value is expired. [request id ${String(kv.requestId)}]. this machine's clock is off; sync it (NTP)`,
    );
    // A Huawei request stamped by the same clock as the emulator's passes.
    const dcs = await lookup(DCS_SET, { instanceId: DCS, endpoint: emu.url }, ctx());
    expect(dcs.outputs.backupId).toBe(newestDcs(dcsRecords).backupId);
  });

  test("waitForCompletion on a job that moves with time: the lookup's sleeps advance it, nothing sleeps for real", async () => {
    const ID = "rm-readings0002";
    emu.data.addRdsInstance(ID, []);
    // Uploading 20 -> Uploading 60 -> Checking 90 -> Finished, one step every 12 s of the emulator's clock.
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762614, instanceId: ID, now: T0, stepEveryMs: 12_000 }));
    const log = new LogCapture();
    const started = performance.now(); // elapsed time on the monotonic clock (the wall clock may be stepped)
    const result = await lookup(RDS_TASK, { dbInstanceId: ID, endpoint: emu.url, waitForCompletion: true }, ctx(log));
    // polls at +0 (listed, then by id), +10 s, +25 s, +47.5 s: steps 0, 0, 0, 2, 3
    expect(clock.slept).toEqual([10_000, 15_000, 22_500]);
    const request = `debug: ${requestLogLine("DescribeBackupTasks", emu.url)}`;
    expect(log.lines).toEqual([
      request, // the list
      request, // the job by id
      `info: backup job 4762614 of RDS instance ${ID}: Uploading 20%`,
      request,
      `info: backup job 4762614 of RDS instance ${ID}: Uploading 20%`,
      request,
      `info: backup job 4762614 of RDS instance ${ID}: Checking 90%`,
      request,
      `info: backup job 4762614 of RDS instance ${ID}: Finished 100%`,
    ]);
    expect(result.outputs).toMatchObject({ ...manualJobOutputs("4762614", "Finished", 100, "404762614"), latestBackupId: "404762614", backupExists: true });
    expect(emu.requests.map((r) => r.params.BackupJobId ?? "-")).toEqual(["-", "4762614", "4762614", "4762614", "4762614"]);
    expect(performance.now() - started).toBeLessThan(10_000); // 47.5 s of polling took no real waiting
  });
});

describe("what a total counts (KVStore TotalCount, DCS total_num): every match or this page only", () => {
  // The window search reads whole windows; its first one (the last 75 h, 12 records) is a short page under
  // either reading. Every page of the whole history (--list: 400 records at 300 a page) is read under both.
  test.each<[EmulatorReadings["totalCounts"], number[], number[]]>([
    ["all", [1], [1, 2]],
    ["page", [1], [1, 2]],
  ])("KVStore, totals count %s: the oracle's newest complete job; pages read %j, with --list %j", async (totalCounts, pages, listed) => {
    emu.readings.totalCounts = totalCounts;
    const result = await lookup(KVSTORE_SET, { instanceId: KV, endpoint: emu.url }, ctx());
    expect(result.outputs).toMatchObject(newestKvJob(kvRecords));
    expect(emu.requests.map((r) => Number(r.params.PageNumber))).toEqual(pages);
    emu.resetRequests();
    const all = await lookup(KVSTORE_SET, { instanceId: KV, endpoint: emu.url }, ctx(), true);
    expect(all.list).toHaveLength(kvstoreJobs(kvRecords).filter((j) => j.length === 4 && j.every((s) => s.BackupStatus === "Success")).length);
    expect(emu.requests.map((r) => Number(r.params.PageNumber))).toEqual(listed);
  });

  test.each<[EmulatorReadings["totalCounts"], string[], string[]]>([
    ["all", ["0"], ["0", "1000"]],
    ["page", ["0"], ["0", "1000"]],
  ])("DCS, totals count %s: the oracle's newest restorable record; offsets read %j, with --list %j", async (totalCounts, offsets, listed) => {
    emu.readings.totalCounts = totalCounts;
    const result = await lookup(DCS_SET, { instanceId: DCS, endpoint: emu.url }, ctx());
    expect(result.outputs).toMatchObject(newestDcs(dcsRecords));
    expect(emu.requests.map((r) => r.params.offset)).toEqual(offsets);
    emu.resetRequests();
    const all = await lookup(DCS_SET, { instanceId: DCS, endpoint: emu.url }, ctx(), true);
    expect(all.list).toHaveLength(dcsRecords.filter((r) => r.status === "succeed" && r.is_support_restore === "TRUE").length);
    expect(emu.requests.map((r) => r.params.offset)).toEqual(listed);
  });
});

describe("whether DescribeBackupTasks lists finished jobs when no BackupJobId is given", () => {
  const ID = "rm-readings0001";
  beforeEach(() => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 200, instanceId: ID, now: T0, steps: rdsJobSteps(["Uploading", 40]) }));
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 300, instanceId: ID, now: T0, steps: rdsJobSteps(["Finished", 100]) }));
  });

  test.each<[boolean, Record<string, unknown>, string[]]>([
    // only unfinished jobs are listed: the running job 200 is the newest there is
    [false, { ...manualJobOutputs("200", "Uploading", 40, null), latestBackupId: null }, ["-"]],
    // finished jobs are listed too: job 300 is the newest; its BackupId needs a second query, by job id
    [true, { ...manualJobOutputs("300", "Finished", 100, "400000300"), latestBackupId: "400000300" }, ["-", "300"]],
  ])("listsFinishedJobs %s", async (listsFinishedJobs, outputs, queries) => {
    emu.readings.listsFinishedJobs = listsFinishedJobs;
    const result = await lookup(RDS_TASK, { dbInstanceId: ID, endpoint: emu.url }, ctx());
    expect(result.outputs).toMatchObject({ ...outputs, backupExists: true });
    expect(emu.requests.map((r) => r.params.BackupJobId ?? "-")).toEqual(queries);
  });

  test.each<[boolean, Record<string, unknown>, string[]]>([
    [false, NO_JOB_OUTPUTS, ["-"]],
    [true, { ...manualJobOutputs("400", "Finished", 100, "400000400"), latestBackupId: "400000400", backupExists: true }, ["-", "400"]],
  ])("listsFinishedJobs %s, waitForCompletion on a job that finished before the lookup", async (listsFinishedJobs, outputs, queries) => {
    const J = "rm-readings0003";
    emu.data.addRdsInstance(J, []);
    emu.data.addRdsTask(J, rdsTaskScript({ backupJobId: 400, instanceId: J, now: T0, stepEveryMs: 1000 }));
    clock.advance(60_000);
    emu.readings.listsFinishedJobs = listsFinishedJobs;
    const result = await lookup(RDS_TASK, { dbInstanceId: J, endpoint: emu.url, waitForCompletion: true }, ctx());
    expect(result.outputs).toMatchObject(outputs);
    expect(emu.requests.map((r) => r.params.BackupJobId ?? "-")).toEqual(queries);
    expect(clock.slept).toEqual([]);
  });
});

describe("DCS times in either documented form", () => {
  test.each<EmulatorReadings["dcsTimeForm"]>(["iso-millis", "utc-spaced"])("%s: the same answer, to the second", async (dcsTimeForm) => {
    emu.readings.dcsTimeForm = dcsTimeForm;
    const log = new LogCapture();
    const result = await lookup(DCS_SET, { instanceId: DCS, endpoint: emu.url }, ctx(log));
    expect(result.outputs).toMatchObject(newestDcs(dcsRecords));
    expect(log.lines.filter((l) => l.startsWith("warn"))).toEqual([]);
    const sent = (await rawFirstRecord()).updated_at;
    expect(sent).toMatch(dcsTimeForm === "utc-spaced" ? /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/ : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

/** The first record the emulator sends, read through the lookup's own client (signed, unparsed). */
async function rawFirstRecord(): Promise<DcsBackupRecord> {
  const { HuaweiClient } = await import("../provider/clouds/huawei/HuaweiClient");
  const client = new HuaweiClient(emu.url, ctx());
  const res = await client.get("ListBackupRecords", `/v2/${PROJECT_ID}/instances/${DCS}/backups`, { limit: 1 });
  return (res.body!.backup_record_response as DcsBackupRecord[])[0];
}
