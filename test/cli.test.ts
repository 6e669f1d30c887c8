/**
 * The `backup-lookup` command as users run it: `node bin/backup-lookup.js ...` in a child process (dist/ is
 * built by `npm test` before jest) with an explicit environment, against the emulator. Asserts the exit status,
 * that stdout is exactly the result (pretty JSON, a table, or env lines) and nothing else, the exact error
 * lines on stderr, and the requests that reached the emulator. Children run in parallel where the cases do
 * not share a fault queue.
 */
import {
  dcsBackupRecord,
  kvstoreBackup,
  kvstoreBackups,
  rdsBackup,
  rdsBackups,
  rdsTaskScript,
  startEmulator,
  userBackupFiles,
  type DcsBackupRecord,
  type Emulator,
  type RdsBackup,
  TEST_CREDENTIALS,
} from "./emulator";
import { scramble } from "./emulator/random";
import { listingKey } from "./emulator/takePage";
import { CliResult, cliEnv, runCli, secondsDuring } from "./support/cli";
import {
  ALI_REGION,
  DAY,
  HOUR,
  MINUTE,
  NO_JOB_OUTPUTS,
  PROJECT_ID,
  bruteForceRds,
  dcsOutputs,
  isoSeconds,
  kvstoreJobs,
  lookup,
  lookupContext,
  kvstoreOutputs,
  manualJobOutputs,
  newestFirstBy,
  rdsFilterSets,
  rdsOutputs,
  realNow,
  requestsFor,
  resetEmulator,
  userFileOutputs,
} from "./support/lookupEnv";

const SEED = 23;
let emu: Emulator;
let now: Date;

beforeAll(async () => {
  emu = await startEmulator({ seed: SEED });
  now = realNow();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => resetEmulator(emu));

const at = (msBack: number) => isoSeconds(now.getTime() - msBack);
const cli = (lookup: string, ...args: string[]) => runCli([lookup, "--endpoint", emu.url, ...args]);
const lines = (text: string) => text.split("\n");

/** A successful run: exit 0, nothing on stderr, stdout exactly one pretty-printed JSON value and a newline. */
function json(r: CliResult): any {
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
  const value = JSON.parse(r.stdout);
  expect(r.stdout).toBe(JSON.stringify(value, null, 2) + "\n");
  return value;
}

/** A failed run: this exit status, nothing on stdout, and stderr exactly `line` (one line). */
function failedWith(r: CliResult, status: number, line: string | RegExp): void {
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status, stdout: "" });
  if (typeof line === "string") expect(r.stderr).toBe(line + "\n");
  else expect(r.stderr).toMatch(line);
}

/** The bookkeeping of a run: resolvedAt is a second during the run. */
function bookkeeping(r: CliResult, value: Record<string, unknown>, latest: string | null) {
  expect(secondsDuring(r)).toContain(value.resolvedAt);
  return { latestBackupId: latest, backupExists: true, resolvedAt: value.resolvedAt };
}

// =====================================================================================================
// alicloud.rds.BackupSet

describe("backup-lookup alicloud.rds.BackupSet", () => {
  const L = "alicloud.rds.BackupSet";
  const ID = "rm-bp1clitest0001";
  const echo = (extra: Record<string, unknown> = {}, id = ID) => ({ endpoint: emu.url, dbInstanceId: id, backupStatus: "Success", requireAvailable: true, ...extra });

  const sets = (id = ID) => rdsFilterSets(id, now);

  it("730 daily backups, the newest usable one on the last page of the full listing: exit 0, exactly the JSON, the engine's requests in process", async () => {
    const backups = rdsBackups({ instanceId: ID, count: 730, now, seed: 31 });
    const probe = { RegionId: ALI_REGION, DBInstanceId: ID, PageSize: "100", PageNumber: "1" };
    const order = scramble(backups, SEED, listingKey("rds.DescribeBackups", probe, ["PageNumber", "PageSize"]), (b) => b.BackupId);
    const x = bruteForceRds(order.slice(700), () => true)!;
    const cmp = newestFirstBy<RdsBackup>((b) => Date.parse(b.BackupEndTime), (b) => Date.parse(b.BackupStartTime), (b) => BigInt(b.BackupId));
    backups.filter((b) => cmp(b, x) < 0).forEach((b, i) => (i % 2 ? (b.IsAvail = 0) : Object.assign(b, { BackupStatus: "Failed", IsAvail: 0 })));
    emu.data.addRdsInstance(ID, backups);
    expect(bruteForceRds(backups)).toBe(x);
    expect(order.slice(0, 100)).not.toContain(x);

    const before = Date.now();
    const r = await cli(L, "--db-instance-id", ID);
    const after = Date.now();
    const value = json(r);
    expect(value).toEqual({ ...echo(), ...rdsOutputs(x), ...bookkeeping(r, value, x.BackupId) });
    // Only whole windows are read, the first the last 48 h + 26 h (provider/core/windowSearch.ts), and the CLI
    // asks as many requests, of the same pages, as the engine in process.
    const asked = requestsFor(emu, ID).map((q) => q.params);
    const minute = (ms: number, round: (x: number) => number) => new Date(round(ms / MINUTE) * MINUTE).toISOString().slice(0, 16) + "Z";
    const { StartTime, EndTime, ...rest } = asked[0];
    expect(rest).toEqual(probe);
    expect([minute(before - 74 * HOUR, Math.floor), minute(after - 74 * HOUR, Math.floor)]).toContain(StartTime);
    expect([minute(before, Math.ceil), minute(after, Math.ceil)]).toContain(EndTime);
    emu.resetRequests();
    await lookup(L, { dbInstanceId: ID, endpoint: emu.url }, lookupContext({ now: new Date() }));
    expect(requestsFor(emu, ID).map((q) => q.params.PageNumber)).toEqual(asked.map((q) => q.PageNumber));
  });

  it("each filter as a flag (and through --args): exit 0 and the chosen set", async () => {
    const backups = sets();
    emu.data.addRdsInstance(ID, backups);
    const cases: [string[], Record<string, unknown>, string][] = [
      [[], {}, "5003"],
      [["--backup-mode", "Automated"], { backupMode: "Automated" }, "5002"],
      [["--backup-type", "IncrementalBackup"], { backupType: "IncrementalBackup" }, "5002"],
      [["--backup-method", "Snapshot"], { backupMethod: "Snapshot" }, "5006"],
      [["--backup-id", "5001"], { backupId: "5001" }, "5001"],
      [["--require-available", "false"], { requireAvailable: false }, "5004"],
      [["--require-available=false", "--backup-status", "Failed"], { requireAvailable: false, backupStatus: "Failed" }, "5005"],
      [["--since", "6d", "--until", "4d"], { since: "6d", until: "4d" }, "5001"],
      [["--until", "3d"], { until: "3d" }, "5002"],
      [["--max-age", "4d"], { maxAge: "4d" }, "5003"],
      [["--args", '{"backupMode":"Automated","backupType":"FullBackup"}'], { backupMode: "Automated", backupType: "FullBackup" }, "5001"],
      [["--args", '{"backupMode":"Manual"}', "--backup-mode", "Automated"], { backupMode: "Automated" }, "5002"],
    ];
    const runs = await Promise.all(cases.map(([flags]) => cli(L, "--db-instance-id", ID, ...flags)));
    runs.forEach((r, i) => {
      const [, args, id] = cases[i];
      const value = json(r);
      expect(value).toEqual({ ...echo(args), ...rdsOutputs(backups.find((b) => b.BackupId === id)!), ...bookkeeping(r, value, id) });
    });
  });

  it("--list: a JSON array of every candidate, newest first", async () => {
    const backups = sets();
    emu.data.addRdsInstance(ID, backups);
    const r = await cli(L, "--db-instance-id", ID, "--list");
    const value = json(r);
    expect(value).toEqual(["5003", "5002", "5001", "5006"].map((id) => ({ ...echo(), ...rdsOutputs(backups.find((b) => b.BackupId === id)!), ...bookkeeping(r, value[0], "5003") })));
  });

  it("--format table and --format env: exact lines; secrets only with --show-secrets", async () => {
    const backups = sets();
    emu.data.addRdsInstance(ID, backups);
    const [table, env, envSecrets, listTable, plain] = await Promise.all([
      cli(L, "--db-instance-id", ID, "--format", "table"),
      cli(L, "--db-instance-id", ID, "--format", "env"),
      cli(L, "--db-instance-id", ID, "--format=env", "--show-secrets"),
      cli(L, "--db-instance-id", ID, "--list", "--format", "table"),
      cli(L, "--db-instance-id", ID),
    ]);
    const chosen = backups[2];
    const expected = { ...echo(), ...rdsOutputs(chosen), ...bookkeeping(plain, json(plain), "5003") };

    // table: a header, then one "output  value" line per output, the first column padded to the longest name
    for (const r of [table, env, envSecrets, listTable]) expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    const resolvedAt = (r: CliResult) => secondsDuring(r).find((s) => r.stdout.includes(s))!;
    const cell = (k: string, v: unknown) =>
      v === null ? "-" : k === "backupDownloadUrl" || k === "backupIntranetDownloadUrl" ? "[secret: --show-secrets]" : String(v);
    const width = "backupIntranetDownloadUrl".length;
    const tableLines = lines(table.stdout);
    expect(tableLines[0]).toBe("output".padEnd(width) + "  value");
    expect(tableLines.slice(1).sort()).toEqual(
      [
        ...Object.entries({ ...expected, resolvedAt: resolvedAt(table) }).map(([k, v]) => `${k.padEnd(width)}  ${cell(k, v)}`),
        "", // the final newline
      ].sort(),
    );
    expect(table.stdout).not.toContain("Signature=");

    // env: NAME='value' lines for `eval`; the download URLs only with --show-secrets
    const names: [string, string][] = [
      ["ENDPOINT", "endpoint"],
      ["DB_INSTANCE_ID", "dbInstanceId"],
      ["BACKUP_STATUS", "backupStatus"],
      ["REQUIRE_AVAILABLE", "requireAvailable"],
      ["BACKUP_ID", "backupId"],
      ["BACKUP_START_TIME", "backupStartTime"],
      ["BACKUP_END_TIME", "backupEndTime"],
      ["BACKUP_MODE", "backupMode"],
      ["BACKUP_TYPE", "backupType"],
      ["BACKUP_METHOD", "backupMethod"],
      ["BACKUP_SIZE", "backupSize"],
      ["IS_AVAILABLE", "isAvailable"],
      ["CONSISTENT_TIME", "consistentTime"],
      ["HOST_INSTANCE_ID", "hostInstanceId"],
      ["ENGINE", "engine"],
      ["ENGINE_VERSION", "engineVersion"],
      ["BACKUP_INITIATOR", "backupInitiator"],
      ["EXPECT_EXPIRE_TIME", "expectExpireTime"],
      ["LATEST_BACKUP_ID", "latestBackupId"],
      ["BACKUP_EXISTS", "backupExists"],
      ["RESOLVED_AT", "resolvedAt"],
    ];
    const envLine = (r: CliResult) => ([name, key]: [string, string]) => {
      const v = key === "resolvedAt" ? resolvedAt(r) : (expected as Record<string, unknown>)[key];
      return `${name}='${v === null ? "" : String(v)}'`;
    };
    expect(lines(env.stdout).sort()).toEqual([...names.map(envLine(env)), ""].sort());
    const secrets: [string, string][] = [
      ["BACKUP_DOWNLOAD_URL", "backupDownloadUrl"],
      ["BACKUP_INTRANET_DOWNLOAD_URL", "backupIntranetDownloadUrl"],
    ];
    expect(lines(envSecrets.stdout).sort()).toEqual([...[...names, ...secrets].map(envLine(envSecrets)), ""].sort());
    expect(envSecrets.stdout).toContain(`BACKUP_DOWNLOAD_URL='${chosen.BackupDownloadURL}'\n`);

    // list table: one row per candidate, newest first
    const rows = lines(listTable.stdout).map((l) => l.split(/\s{2,}/));
    expect(rows[0]).toEqual(["backupId", "backupStatus", "backupStartTime", "backupEndTime", "backupMode", "backupType", "backupMethod", "backupSize"]);
    expect(rows.slice(1, -1)).toEqual(
      ["5003", "5002", "5001", "5006"].map((id) => {
        const b = backups.find((x) => x.BackupId === id)!;
        return [id, "Success", b.BackupStartTime, b.BackupEndTime, b.BackupMode, b.BackupType, b.BackupMethod, String(b.BackupSize)];
      }),
    );
    expect(rows[rows.length - 1]).toEqual([""]);
  });

  it("no match -> exit 3, the instance, the filters and what was seen; a stale answer -> exit 3", async () => {
    const backups = sets();
    emu.data.addRdsInstance(ID, backups);
    emu.data.addRdsInstance("rm-bp1clitest0002", []);
    const [filtered, empty, stale] = await Promise.all([
      cli(L, "--db-instance-id", ID, "--backup-mode", "Manual", "--backup-type", "FullBackup", "--backup-method", "Physical"),
      cli(L, "--db-instance-id", "rm-bp1clitest0002"),
      cli(L, "--db-instance-id", ID, "--max-age", "36h"),
    ]);
    const failedEnd = at(DAY - 2 * HOUR - 17 * MINUTE - 31_000);
    failedWith(
      filtered,
      3,
      `backup-lookup ${L}: no backup set of RDS instance ${ID} matches (backupStatus Success, available, backupMode Manual, backupType FullBackup, backupMethod Physical): 6 backup sets seen, newest ${failedEnd} is Failed`,
    );
    failedWith(empty, 3, `backup-lookup ${L}: no backup set of RDS instance rm-bp1clitest0002 matches (backupStatus Success, available): no backup sets at all`);
    failedWith(
      stale,
      3,
      `backup-lookup ${L}: the newest matching backup set of RDS instance ${ID} is 5003, which ended ${at(3 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)} (2d 21h ago), older than maxAge 36h; take a fresh backup or raise maxAge`,
    );
  });

  it("an unknown instance -> exit 1 with InvalidDBInstanceId.NotFound and the request id", async () => {
    const r = await cli(L, "--db-instance-id", "rm-bp1doesnotexist");
    failedWith(
      r,
      1,
      new RegExp(
        `^backup-lookup ${L}: DescribeBackups failed: InvalidDBInstanceId\\.NotFound \\(HTTP 400\\) - The DBInstanceId provided does not exist in records\\. \\[request id [0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\]\\. check the instance id and the region\\n$`,
      ),
    );
    expect(emu.count()).toBe(1);
  });

  it("throttled once, then fine -> exit 0; the request count shows the retry", async () => {
    const backups = [rdsBackup({ DBInstanceId: ID, BackupId: "7001", BackupStartTime: at(5 * HOUR) })];
    emu.data.addRdsInstance(ID, backups);
    emu.faults.add("rds.DescribeBackups", { kind: "throttle" });
    const r = await cli(L, "--db-instance-id", ID);
    const value = json(r);
    expect(value).toEqual({ ...echo(), ...rdsOutputs(backups[0]), ...bookkeeping(r, value, "7001") });
    expect(emu.requests.map((q) => q.status)).toEqual([400, 200]);
  });

  it("a wrong secret -> exit 1, SignatureDoesNotMatch; no secret, key id or signature on stdout or stderr (with --debug too)", async () => {
    emu.data.addRdsInstance(ID, sets());
    const secret = "WRONG-SECRET-cli-0123456789abcdef";
    const env = cliEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret });
    const [plain, debug] = await Promise.all([
      runCli([L, "--endpoint", emu.url, "--db-instance-id", ID], env),
      runCli([L, "--endpoint", emu.url, "--db-instance-id", ID, "--debug"], env),
    ]);
    failedWith(
      plain,
      1,
      new RegExp(
        `^backup-lookup ${L}: DescribeBackups failed: SignatureDoesNotMatch \\(HTTP 400\\) - Specified signature does not match our calculation\\. \\[request id [0-9A-F-]{36}\\]\\. check alicloud:accessKey / alicloud:secretKey \\(or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET\\) and the security token\\n$`,
      ),
    );
    expect(debug.status).toBe(1);
    expect(debug.stderr.split("\n")[0]).toBe(plain.stderr.split("\n")[0].replace(/request id [0-9A-F-]{36}/, debug.stderr.match(/request id [0-9A-F-]{36}/)![0]));
    for (const r of [plain, debug]) {
      const out = r.stdout + r.stderr;
      expect(out).not.toContain(secret);
      expect(out).not.toContain(TEST_CREDENTIALS.alibaba.accessKeyId);
      expect(out).not.toContain(TEST_CREDENTIALS.alibaba.accessKeySecret);
      expect(out).not.toMatch(/[0-9a-f]{64}/); // an ACS3 signature or a content hash
      expect(out).not.toMatch(/Signature=(?!\[REDACTED\])/);
      expect(out).not.toMatch(/Credential=(?!\[REDACTED\])/);
    }
    expect(emu.count()).toBe(2); // an authentication failure is not retried
  });

  it("an invalid argument -> exit 2 before any request", async () => {
    const [badMode, noId] = await Promise.all([cli(L, "--db-instance-id", ID, "--backup-mode", "manual"), cli(L)]);
    failedWith(badMode, 2, `backup-lookup ${L}: invalid arguments for ${L}: backupMode: must be one of "Automated", "Manual", got "manual"`);
    failedWith(noId, 2, `backup-lookup ${L}: invalid arguments for ${L}: dbInstanceId: is required`);
    expect(emu.count()).toBe(0);
  });

  it("credentials come only from the environment given: ALICLOUD_* works as the fallback", async () => {
    const backups = [rdsBackup({ DBInstanceId: ID, BackupId: "7101", BackupStartTime: at(5 * HOUR) })];
    emu.data.addRdsInstance(ID, backups);
    const env = cliEnv({
      ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
      ALIBABA_CLOUD_REGION_ID: undefined,
      ALICLOUD_ACCESS_KEY: TEST_CREDENTIALS.alibaba.accessKeyId,
      ALICLOUD_SECRET_KEY: TEST_CREDENTIALS.alibaba.accessKeySecret,
      ALICLOUD_REGION: "cn-shanghai",
    });
    const r = await runCli([L, "--endpoint", emu.url, "--db-instance-id", ID], env);
    expect(json(r).backupId).toBe("7101");
    expect(emu.requests[0].params.RegionId).toBe("cn-shanghai");
  });
});

// =====================================================================================================
// alicloud.rds.BackupTask

describe("backup-lookup alicloud.rds.BackupTask", () => {
  const L = "alicloud.rds.BackupTask";
  const ID = "rm-bp1clitasks001";

  it("--wait-for-completion --poll-interval 1s: progress on stderr, the JSON on stdout", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762614, instanceId: ID, now }));
    const r = await cli(L, "--db-instance-id", ID, "--wait-for-completion", "--poll-interval", "1s");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      [`backup job 4762614 of RDS instance ${ID}: Uploading 60%`, `backup job 4762614 of RDS instance ${ID}: Checking 90%`, `backup job 4762614 of RDS instance ${ID}: Finished 100%`, ""].join("\n"),
    );
    const value = JSON.parse(r.stdout);
    expect(r.stdout).toBe(JSON.stringify(value, null, 2) + "\n");
    expect(value).toEqual({
      endpoint: emu.url,
      dbInstanceId: ID,
      waitForCompletion: true,
      timeout: "30m",
      pollInterval: "1s",
      ...manualJobOutputs("4762614", "Finished", 100, "404762614"),
      ...bookkeeping(r, value, "404762614"),
    });
    expect(emu.count("rds.DescribeBackupTasks")).toBe(4);
  });

  it("found: false is exit 0; an unknown --backup-job-id is exit 3; a failed job is exit 1 naming it", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsInstance("rm-bp1clitasks002", []);
    emu.data.addRdsTask("rm-bp1clitasks002", rdsTaskScript({ backupJobId: 88, instanceId: "rm-bp1clitasks002", now, outcome: "fail" }));
    emu.data.rds.get("rm-bp1clitasks002")!.tasks[0].position = 2; // already Failed
    const [none, unknown, failed] = await Promise.all([
      cli(L, "--db-instance-id", ID),
      cli(L, "--db-instance-id", ID, "--backup-job-id", "4762615"),
      cli(L, "--db-instance-id", "rm-bp1clitasks002", "--backup-job-id", "88"),
    ]);
    const value = json(none);
    expect(value).toEqual({
      endpoint: emu.url,
      dbInstanceId: ID,
      waitForCompletion: false,
      timeout: "30m",
      pollInterval: "10s",
      ...NO_JOB_OUTPUTS,
      resolvedAt: value.resolvedAt,
    });
    expect(secondsDuring(none)).toContain(value.resolvedAt);
    failedWith(unknown, 3, `backup-lookup ${L}: no backup job of RDS instance ${ID} matches (backupJobId 4762615): no backup jobs at all`);
    failedWith(failed, 1, `backup-lookup ${L}: backup job 88 of RDS instance rm-bp1clitasks002 failed; see the RDS console's backup tasks, then start a new backup`);
  });
});

// =====================================================================================================
// alicloud.rds.UserBackupFile

describe("backup-lookup alicloud.rds.UserBackupFile", () => {
  const L = "alicloud.rds.UserBackupFile";

  it("--tags takes JSON; --comment matches fuzzily; times and sizes normalised", async () => {
    const files = userBackupFiles({ count: 20, now, seed: 41, tags: [{ env: "prod" }, { env: "dev" }] });
    emu.data.addUserBackupFiles(ALI_REGION, files);
    const newest = (keep: (e: (typeof files)[number]) => boolean) =>
      files.filter((e) => e.record.Status === "BackupSuccess" && keep(e)).sort(newestFirstBy((e) => Number(e.record.FinishTime), (e) => Number(e.record.CreationTime), (e) => e.record.BackupId))[0];
    const [byTag, byComment] = await Promise.all([cli(L, "--tags", '{"env":"prod"}'), cli(L, "--comment", "backuptest")]);
    const tagged = newest((e) => e.tags.env === "prod");
    const v1 = json(byTag);
    expect(v1).toEqual({ endpoint: emu.url, status: "BackupSuccess", tags: { env: "prod" }, ...userFileOutputs(tagged.record), ...bookkeeping(byTag, v1, tagged.record.BackupId) });
    const commented = newest((e) => e.record.Comment === "BackupTest");
    const v2 = json(byComment);
    expect(v2).toEqual({ endpoint: emu.url, status: "BackupSuccess", comment: "backuptest", ...userFileOutputs(commented.record), ...bookkeeping(byComment, v2, commented.record.BackupId) });
    expect(emu.requests.map((q) => q.params).sort((a, b) => (a.Tags ?? "").localeCompare(b.Tags ?? ""))).toEqual([
      { RegionId: ALI_REGION, Comment: "backuptest" },
      { RegionId: ALI_REGION, Tags: "env:prod" },
    ]);
  });
});

// =====================================================================================================
// alicloud.kvstore.BackupSet

describe("backup-lookup alicloud.kvstore.BackupSet", () => {
  const L = "alicloud.kvstore.BackupSet";
  const ID = "r-bp1clikvstore01";

  it("a cluster's newest whole job (a newer job with a failed shard skipped); nothing within 730 days is exit 3", async () => {
    const records = kvstoreBackups({ instanceId: ID, shards: 3, jobs: 8, now, seed: 51 });
    const [newestJob, secondJob] = kvstoreJobs(records).sort((a, b) => b[0].BackupJobID - a[0].BackupJobID);
    newestJob[1].BackupStatus = "Failed";
    emu.data.addKvstoreInstance(ID, records);
    emu.data.addKvstoreInstance("r-bp1clikvstore02", [kvstoreBackup({ BackupStartTime: at(740 * DAY), NodeInstanceId: "r-bp1clikvstore02" })]);

    const [found, old, numericId] = await Promise.all([
      cli(L, "--instance-id", ID),
      cli(L, "--instance-id", "r-bp1clikvstore02"),
      cli(L, "--args", JSON.stringify({ instanceId: ID, backupId: secondJob[2].BackupId })),
    ]);
    const value = json(found);
    const expected = kvstoreOutputs(secondJob);
    expect(value).toEqual({ endpoint: emu.url, instanceId: ID, backupStatus: "Success", ...expected, ...bookkeeping(found, value, expected.backupId as string) });
    failedWith(old, 3, `backup-lookup ${L}: no backup job of Redis/Tair instance r-bp1clikvstore02 matches (backupStatus Success, within the 730-day search limit): no backup jobs at all`);
    const byId = json(numericId);
    expect(byId.backupId).toBe(String(secondJob[2].BackupId));
    expect(byId.backupIds).toEqual(expected.backupIds);
  });
});

// =====================================================================================================
// huaweicloud.dcs.BackupSet

describe("backup-lookup huaweicloud.dcs.BackupSet", () => {
  const L = "huaweicloud.dcs.BackupSet";
  const ID = "7a1b2c3d-cebf-4473-95c4-d1b573c16e79";
  const records = (): DcsBackupRecord[] =>
    Array.from({ length: 40 }, (_, i) =>
      dcsBackupRecord({
        backup_id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        instance_id: ID,
        created_at: new Date(now.getTime() - i * 6 * HOUR - 30 * MINUTE).toISOString(),
        ...(i === 0 ? { is_support_restore: "FALSE" } : {}),
        ...(i === 1 ? { status: "failed" } : {}),
      }),
    );

  it("the newest restorable record; 204 -> exit 3; an error body -> exit 1 with code and request id; no project -> exit 2, no request", async () => {
    const recs = records();
    emu.data.addDcsInstance(PROJECT_ID, ID, recs);
    const emptyId = "8a1b2c3d-cebf-4473-95c4-d1b573c16e79";
    emu.data.addDcsInstance(PROJECT_ID, emptyId, []);
    const [found, empty, unknown, noProject] = await Promise.all([
      cli(L, "--instance-id", ID),
      cli(L, "--instance-id", emptyId),
      cli(L, "--instance-id", "9a1b2c3d-cebf-4473-95c4-d1b573c16e79"),
      runCli([L, "--endpoint", emu.url, "--instance-id", ID], cliEnv({ HW_PROJECT_ID: undefined })),
    ]);
    const value = json(found);
    expect(value).toEqual({ endpoint: emu.url, instanceId: ID, status: "succeed", requireRestorable: true, ...dcsOutputs(recs[2]), ...bookkeeping(found, value, recs[2].backup_id) });
    failedWith(empty, 3, `backup-lookup ${L}: no backup record of DCS instance ${emptyId} matches (status succeed, restorable): no backup records at all`);
    failedWith(
      unknown,
      1,
      /^backup-lookup huaweicloud\.dcs\.BackupSet: ListBackupRecords failed: DCS\.3022 \(HTTP 404\) - This DCS instance does not exist\. \[request id [0-9a-f]{32}\]\. check the instance id, the project id and the region\n$/,
    );
    failedWith(
      noProject,
      2,
      `backup-lookup ${L}: invalid arguments for ${L}: projectId: no project id: pass projectId, or set huaweicloud:projectId in stack config, or HW_PROJECT_ID in the environment`,
    );
    expect(requestsFor(emu, ID).length).toBe(1);
  });

  it("a truncated 200 body is retried: exit 0 with the right record", async () => {
    const recs = records();
    emu.data.addDcsInstance(PROJECT_ID, ID, recs);
    emu.faults.add("dcs.ListBackupRecords", { kind: "truncated" });
    const r = await cli(L, "--instance-id", ID);
    expect(json(r).backupId).toBe(recs[2].backup_id);
    expect(emu.requests.map((q) => q.status)).toEqual([200, 200]);
  });
});

// =====================================================================================================
// the command itself

describe("backup-lookup", () => {
  it("--help prints the usage on stdout, exit 0; no lookup is exit 2 with the usage on stderr", async () => {
    const [help, none] = await Promise.all([runCli(["--help"]), runCli([])]);
    expect(help.status).toBe(0);
    expect(help.stderr).toBe("");
    expect(lines(help.stdout)[0]).toBe("usage: backup-lookup <lookup> [--args '<JSON object>'] [--<argument-in-kebab-case> <value> ...]");
    expect(help.stdout).toContain("\n  alicloud.rds.BackupSet\n      --region --endpoint --allow-insecure-endpoint --since --until --max-age --db-instance-id --backup-id --backup-status --backup-mode --backup-type --backup-method --require-available\n");
    expect(help.stdout).toContain("\nexit status: 0 found, 2 invalid arguments, 3 no matching backup, 1 any other failure\n");
    expect(none.status).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toBe("backup-lookup: missing <lookup>\n" + help.stdout);
    expect(emu.count()).toBe(0);
  });
});
