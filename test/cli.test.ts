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
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BIN, CliResult, REPO, cliEnv, definedOnly, runCli, secondsDuring } from "./support/cli";
import { argumentHelp } from "../provider/cli/lookupHelp";
import { argumentNames } from "../provider/core/engine";
import { LOOKUPS, lookupNamed } from "../provider/lookups";
import { SECRET_MARKER } from "../provider/cli/formatOutput";
import { parseJson, type JsonObject } from "./support/json";
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
  kvstoreOutputs as kvstoreOutputsWithUrls,
  manualJobOutputs,
  newestFirstBy,
  rdsFilterSets,
  rdsOutputs as rdsOutputsWithUrls,
  realNow,
  requestLogLine,
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

/** Outputs as printed without --show-secrets: each download URL that has a value replaced by the marker. */
function hideSecrets(o: Record<string, unknown>): Record<string, unknown> {
  const out = { ...o };
  for (const k of ["backupDownloadUrl", "backupIntranetDownloadUrl"]) if (out[k] !== null && out[k] !== undefined) out[k] = SECRET_MARKER;
  return out;
}
const rdsOutputs = (b: Parameters<typeof rdsOutputsWithUrls>[0]) => hideSecrets(rdsOutputsWithUrls(b));
const kvstoreOutputs = (j: Parameters<typeof kvstoreOutputsWithUrls>[0]) => hideSecrets(kvstoreOutputsWithUrls(j));

/**
 * A successful run: exit 0, stdout exactly one pretty-printed JSON value and a newline, and stderr empty (the
 * runner's stderr is a pipe, not a terminal: the note naming the hidden download URLs is informational, shown
 * only on a terminal or with --verbose; test/cliOptions.test.ts).
 */
function json<T = JsonObject>(r: CliResult): T {
  const value = parseJson<T>(r.stdout);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
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
  const echo = (extra: Record<string, unknown> = {}, id = ID) => ({
    endpoint: emu.url,
    dbInstanceId: id,
    backupStatus: "Success",
    requireAvailable: true,
    ...extra,
  });

  const sets = (id = ID) => rdsFilterSets(id, now);

  it("730 daily backups, the newest usable one on the last page of the full listing: exit 0, exactly the JSON, the engine's requests in process", async () => {
    const backups = rdsBackups({ instanceId: ID, count: 730, now, seed: 31 });
    const probe = { RegionId: ALI_REGION, DBInstanceId: ID, PageSize: "100", PageNumber: "1" };
    const order = scramble(backups, SEED, listingKey("rds.DescribeBackups", probe, ["PageNumber", "PageSize"]), (b) => b.BackupId);
    const x = bruteForceRds(order.slice(700), () => true)!;
    const cmp = newestFirstBy<RdsBackup>(
      (b) => Date.parse(b.BackupEndTime),
      (b) => Date.parse(b.BackupStartTime),
      (b) => BigInt(b.BackupId),
    );
    backups.filter((b) => cmp(b, x) < 0).forEach((b, i) => (i % 2 ? (b.IsAvail = 0) : Object.assign(b, { BackupStatus: "Failed", IsAvail: 0 })));
    emu.data.addRdsInstance(ID, backups);
    expect(bruteForceRds(backups)).toBe(x);
    expect(order.slice(0, 100)).not.toContain(x);

    const before = Date.now();
    const r = await cli(L, "--db-instance-id", ID);
    const after = Date.now();
    const value = json(r);
    expect(value).toEqual({ ...echo(), ...rdsOutputs(x), ...bookkeeping(r, value, x.BackupId) });
    // Only whole windows are read, the first the last 48 h + 26 h up to now + 15 min (provider/core/windowSearch.ts,
    // provider/core/apiClock.ts: the runner's clock may be that far behind the API's), and the CLI
    // asks as many requests, of the same pages, as the engine in process.
    const asked = requestsFor(emu, ID).map((q) => q.params);
    const minute = (ms: number, round: (x: number) => number) => new Date(round(ms / MINUTE) * MINUTE).toISOString().slice(0, 16) + "Z";
    const { StartTime, EndTime, ...rest } = asked[0];
    expect(rest).toEqual(probe);
    expect([minute(before - 74 * HOUR, Math.floor), minute(after - 74 * HOUR, Math.floor)]).toContain(StartTime);
    expect([minute(before + 15 * MINUTE, Math.ceil), minute(after + 15 * MINUTE, Math.ceil)]).toContain(EndTime);
    // The engine in process at the run's first and last instant: the CLI's "now" lies between, and which records
    // a window holds (so how many requests the search needs) can change in between when one starts right at a
    // window's edge. The CLI asks what one of the two asks.
    const pagesAt = async (ms: number) => {
      emu.resetRequests();
      await lookup(L, { dbInstanceId: ID, endpoint: emu.url }, lookupContext({ now: new Date(ms) }));
      return requestsFor(emu, ID).map((q) => q.params.PageNumber);
    };
    expect([await pagesAt(before), await pagesAt(after)]).toContainEqual(asked.map((q) => q.PageNumber));
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
    const value = json<JsonObject[]>(r);
    expect(value).toEqual(
      ["5003", "5002", "5001", "5006"].map((id) => ({
        ...echo(),
        ...rdsOutputs(backups.find((b) => b.BackupId === id)!),
        ...bookkeeping(r, value[0], "5003"),
      })),
    );
  });

  it("--format table, env and dotenv: exact lines; download URLs only with --show-secrets, in every format", async () => {
    const backups = sets();
    emu.data.addRdsInstance(ID, backups);
    const [table, env, envSecrets, listTable, plain, tableSecrets, jsonSecrets, listSecrets, dotenv, prefixed] = await Promise.all([
      cli(L, "--db-instance-id", ID, "--format", "table", "--verbose"),
      cli(L, "--db-instance-id", ID, "--format", "env", "--verbose"),
      cli(L, "--db-instance-id", ID, "--format=env", "--show-secrets"),
      cli(L, "--db-instance-id", ID, "--list", "--format", "table"),
      cli(L, "--db-instance-id", ID),
      cli(L, "--db-instance-id", ID, "--format", "table", "--show-secrets"),
      cli(L, "--db-instance-id", ID, "--show-secrets"),
      cli(L, "--db-instance-id", ID, "--list", "--show-secrets"),
      cli(L, "--db-instance-id", ID, "--format", "dotenv", "--verbose"),
      cli(L, "--db-instance-id", ID, "--format", "env", "--env-prefix", "SRC_", "--verbose"),
    ]);
    const chosen = backups[2];
    const withUrls = { ...echo(), ...rdsOutputsWithUrls(chosen), ...bookkeeping(plain, json(plain), "5003") };
    const expected = hideSecrets(withUrls);
    const NOTE =
      "note: backupDownloadUrl, backupIntranetDownloadUrl hidden: signed download URLs let anyone holding them download the backup until they expire; add --show-secrets to print them\n";

    // without --show-secrets the note is on stderr (with --verbose: the runner's stderr is no terminal); with it, nothing
    for (const r of [table, env, dotenv, prefixed]) expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: NOTE });
    for (const r of [plain, envSecrets, listTable, tableSecrets, jsonSecrets, listSecrets])
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    expect(json(plain)).toEqual(expected);
    expect(json(plain).backupDownloadUrl).toBe("[secret: --show-secrets]");
    for (const r of [plain, table, env, dotenv, prefixed, listTable]) expect(r.stdout).not.toContain("Signature=");

    // JSON and --list with --show-secrets: the signed URLs
    expect(json(jsonSecrets)).toEqual({ ...withUrls, resolvedAt: json(jsonSecrets).resolvedAt });
    expect(json(jsonSecrets).backupDownloadUrl).toBe(chosen.BackupDownloadURL);
    expect(json<JsonObject[]>(listSecrets).map((o) => o.backupDownloadUrl)).toEqual(
      ["5003", "5002", "5001", "5006"].map((id) => backups.find((b) => b.BackupId === id)!.BackupDownloadURL),
    );

    // table: a header, then one "output  value" line per output, the first column padded to the longest name
    const resolvedAt = (r: CliResult) => secondsDuring(r).find((s) => r.stdout.includes(s))!;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- each output is a JSON scalar; an object would print [object Object] and fail the comparison
    const cell = (v: unknown) => (v === null ? "-" : String(v));
    const width = "backupIntranetDownloadUrl".length;
    const tableLines = (r: CliResult, outputs: Record<string, unknown>) => {
      expect(lines(r.stdout)[0]).toBe("output".padEnd(width) + "  value");
      expect(lines(r.stdout).slice(1).sort()).toEqual(
        [...Object.entries({ ...outputs, resolvedAt: resolvedAt(r) }).map(([k, v]) => `${k.padEnd(width)}  ${cell(v)}`), ""].sort(),
      );
    };
    tableLines(table, expected);
    tableLines(tableSecrets, withUrls);

    // env: BACKUP_ + the output in upper snake case, the prefix not doubled; values shell-quoted
    const names: [string, string][] = [
      ["BACKUP_ENDPOINT", "endpoint"],
      ["BACKUP_DB_INSTANCE_ID", "dbInstanceId"],
      ["BACKUP_STATUS", "backupStatus"],
      ["BACKUP_REQUIRE_AVAILABLE", "requireAvailable"],
      ["BACKUP_ID", "backupId"],
      ["BACKUP_START_TIME", "backupStartTime"],
      ["BACKUP_END_TIME", "backupEndTime"],
      ["BACKUP_MODE", "backupMode"],
      ["BACKUP_TYPE", "backupType"],
      ["BACKUP_METHOD", "backupMethod"],
      ["BACKUP_SIZE", "backupSize"],
      ["BACKUP_IS_AVAILABLE", "isAvailable"],
      ["BACKUP_CONSISTENT_TIME", "consistentTime"],
      ["BACKUP_HOST_INSTANCE_ID", "hostInstanceId"],
      ["BACKUP_DOWNLOAD_URL", "backupDownloadUrl"],
      ["BACKUP_INTRANET_DOWNLOAD_URL", "backupIntranetDownloadUrl"],
      ["BACKUP_ENGINE", "engine"],
      ["BACKUP_ENGINE_VERSION", "engineVersion"],
      ["BACKUP_INITIATOR", "backupInitiator"],
      ["BACKUP_EXPECT_EXPIRE_TIME", "expectExpireTime"],
      ["BACKUP_LATEST_BACKUP_ID", "latestBackupId"],
      ["BACKUP_EXISTS", "backupExists"],
      ["BACKUP_RESOLVED_AT", "resolvedAt"],
    ];
    const assignments = (r: CliResult, outputs: Record<string, unknown>, quote: (v: string) => string, prefix = "BACKUP_") =>
      [
        ...names.map(([name, key]) => {
          const v = key === "resolvedAt" ? resolvedAt(r) : outputs[key];
          // eslint-disable-next-line @typescript-eslint/no-base-to-string -- each output is a JSON scalar; an object would print [object Object] and fail the comparison
          return `${prefix}${name.slice("BACKUP_".length)}=${quote(v === null ? "" : String(v))}`;
        }),
        "",
      ].sort();
    const q = (v: string) => `'${v}'`;
    expect(lines(env.stdout).sort()).toEqual(assignments(env, expected, q));
    expect(env.stdout).toContain("BACKUP_DOWNLOAD_URL='[secret: --show-secrets]'\n");
    expect(lines(envSecrets.stdout).sort()).toEqual(assignments(envSecrets, withUrls, q));
    expect(envSecrets.stdout).toContain(`BACKUP_DOWNLOAD_URL='${chosen.BackupDownloadURL}'\n`);
    expect(lines(prefixed.stdout).sort()).toEqual(assignments(prefixed, expected, q, "SRC_"));
    expect(prefixed.stdout).toContain(`SRC_ID='5003'\nSRC_START_TIME=`);
    // dotenv: the same names, values unquoted (for $GITHUB_OUTPUT and GitLab dotenv reports)
    expect(lines(dotenv.stdout).sort()).toEqual(assignments(dotenv, expected, (v) => v));

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
      `backup-lookup ${L}: no backup set of RDS instance ${ID} matches (backupStatus Success, available, backupMode Manual, backupType FullBackup, backupMethod Physical): 6 backup sets seen; newest: 5005 (${failedEnd}) is Failed; ` +
        `5004 (${at(2 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is not available (IsAvail 0); 5003 (${at(3 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is Logical, not Physical`,
    );
    failedWith(
      empty,
      3,
      `backup-lookup ${L}: no backup set of RDS instance rm-bp1clitest0002 matches (backupStatus Success, available): no backup sets at all`,
    );
    failedWith(
      stale,
      3,
      `backup-lookup ${L}: the newest matching backup set of RDS instance ${ID} is 5003, which ended ${at(3 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)} (2d 21h ago), older than maxAge 36h; take a fresh backup or raise maxAge; ` +
        `4 backup sets seen; newest: 5005 (${failedEnd}) is Failed; 5004 (${at(2 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is not available (IsAvail 0); ` +
        `5003 (${at(3 * DAY - 2 * HOUR - 17 * MINUTE - 31_000)}) is older than maxAge 36h`,
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
        `^backup-lookup ${L}: DescribeBackups failed: SignatureDoesNotMatch \\(HTTP 400\\) - Specified signature does not match our calculation\\. \\[request id [0-9A-F-]{36}\\]\\. check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET \\(or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY\\) and ALIBABA_CLOUD_SECURITY_TOKEN in the environment\\n$`,
      ),
    );
    expect(debug.status).toBe(1);
    // --debug adds request lines before the error line; the error line itself is the same.
    expect(debug.stderr.split("\n").filter((l) => l.startsWith("debug: "))).toEqual([`debug: ${requestLogLine("DescribeBackups", emu.url)}`]);
    expect(debug.stderr.split("\n").find((l) => l.startsWith("backup-lookup "))).toBe(
      plain.stderr.split("\n")[0].replace(/request id [0-9A-F-]{36}/, debug.stderr.match(/request id [0-9A-F-]{36}/)![0]),
    );
    // the stack trace that --debug adds speaks the command line's language too (environment, not stack config)
    const stackHeader = debug.stderr.split("\n").find((l) => l.startsWith("AlibabaApiError: "));
    expect(stackHeader).toBe(
      `AlibabaApiError: ${debug.stderr
        .split("\n")
        .find((l) => l.startsWith("backup-lookup "))!
        .slice(`backup-lookup ${L}: `.length)}`,
    );
    expect(debug.stderr).not.toContain("alicloud:accessKey");
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
    // an enumerated value in another case is the canonical one (test/cliOptions.test.ts); a value that is none is refused
    const [badMode, noId] = await Promise.all([cli(L, "--db-instance-id", ID, "--backup-mode", "Manually"), cli(L)]);
    failedWith(
      badMode,
      2,
      `backup-lookup ${L}: invalid arguments for ${L}: --backup-mode: must be one of "Automated", "Manual", got "Manually"; did you mean "Manual"?`,
    );
    failedWith(noId, 2, `backup-lookup ${L}: invalid arguments for ${L}: --db-instance-id: is required`);
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

  it("--wait-for-completion --poll-interval 1s --verbose: progress on stderr, the JSON on stdout", async () => {
    emu.data.addRdsInstance(ID, []);
    emu.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762614, instanceId: ID, now }));
    const r = await cli(L, "--db-instance-id", ID, "--wait-for-completion", "--poll-interval", "1s", "--verbose");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      [
        `backup job 4762614 of RDS instance ${ID}: Uploading 60%`,
        `backup job 4762614 of RDS instance ${ID}: Checking 90%`,
        `backup job 4762614 of RDS instance ${ID}: Finished 100%`,
        "",
      ].join("\n"),
    );
    const value = parseJson<JsonObject>(r.stdout);
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
    failedWith(
      unknown,
      3,
      `backup-lookup ${L}: no backup job 4762615 on RDS instance ${ID}: it has no backup jobs (DescribeBackupTasks lists recent jobs only)`,
    );
    failedWith(
      failed,
      1,
      `backup-lookup ${L}: backup job 88 of RDS instance rm-bp1clitasks002 failed; see the RDS console's backup tasks, then start a new backup`,
    );
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
      files
        .filter((e) => e.record.Status === "BackupSuccess" && keep(e))
        .sort(
          newestFirstBy(
            (e) => Number(e.record.FinishTime),
            (e) => Number(e.record.CreationTime),
            (e) => e.record.BackupId,
          ),
        )[0];
    const [byTag, byComment] = await Promise.all([cli(L, "--tags", '{"env":"prod"}'), cli(L, "--comment", "backuptest")]);
    const tagged = newest((e) => e.tags.env === "prod");
    const v1 = json(byTag);
    expect(v1).toEqual({
      endpoint: emu.url,
      status: "BackupSuccess",
      tags: { env: "prod" },
      ...userFileOutputs(tagged.record),
      ...bookkeeping(byTag, v1, tagged.record.BackupId),
    });
    const commented = newest((e) => e.record.Comment === "BackupTest");
    const v2 = json(byComment);
    expect(v2).toEqual({
      endpoint: emu.url,
      status: "BackupSuccess",
      comment: "backuptest",
      ...userFileOutputs(commented.record),
      ...bookkeeping(byComment, v2, commented.record.BackupId),
    });
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
    expect(value).toEqual({
      endpoint: emu.url,
      instanceId: ID,
      backupStatus: "Success",
      ...expected,
      ...bookkeeping(found, value, expected.backupId as string),
    });
    failedWith(
      old,
      3,
      `backup-lookup ${L}: no backup job of Redis/Tair instance r-bp1clikvstore02 matches (backupStatus Success, within the 730-day search limit): no backup jobs at all`,
    );
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
    expect(value).toEqual({
      endpoint: emu.url,
      instanceId: ID,
      status: "succeed",
      requireRestorable: true,
      ...dcsOutputs(recs[2]),
      ...bookkeeping(found, value, recs[2].backup_id),
    });
    failedWith(empty, 3, `backup-lookup ${L}: no backup record of DCS instance ${emptyId} matches (status succeed, restorable): no backup records at all`);
    failedWith(
      unknown,
      1,
      /^backup-lookup huaweicloud\.dcs\.BackupSet: ListBackupRecords failed: DCS\.3022 \(HTTP 404\) - This DCS instance does not exist\. \[request id [0-9a-f]{32}\]\. check the instance id, the project id and the region\n$/,
    );
    failedWith(
      noProject,
      2,
      `backup-lookup ${L}: invalid arguments for ${L}: --project-id: no project id: pass --project-id, or set HW_PROJECT_ID (or HUAWEICLOUD_SDK_PROJECT_ID) in the environment`,
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
  it("--version prints the package version, exit 0, anywhere on the line", async () => {
    const { version } = parseJson<{ version: string }>(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
    const runs = await Promise.all([runCli(["--version"]), runCli(["alicloud.rds.BackupSet", "--version"])]);
    for (const r of runs) expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("<lookup> --help lists that lookup's flags with type, description and default, then the output flags", async () => {
    const r = await runCli(["alicloud.rds.BackupTask", "--help"]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    const out = lines(r.stdout);
    expect(out[0]).toBe("usage: backup-lookup alicloud.rds.BackupTask --db-instance-id <string> [flags]");
    const flagLines = out.slice(out.indexOf("arguments (also as keys of --args '<JSON object>'; a flag overrides its key):") + 1, out.indexOf("", 3));
    // the common arguments' descriptions come from their declarations (provider/core/args.ts)
    const help = argumentHelp(lookupNamed("alicloud.rds.BackupTask")!);
    const common = (flag: string, arg: string) => [flag, ...(help[arg] ? [help[arg]] : [])];
    expect(flagLines.map((l) => l.trim().split(/\s{3,}/))).toEqual([
      common("--region string", "region"),
      common("--endpoint string", "endpoint"),
      common("--allow-insecure-endpoint true|false", "allowInsecureEndpoint"),
      common("--assume-role JSON", "assumeRole"),
      common("--profile string", "profile"),
      ["--db-instance-id string", "RDS instance id. (required)"],
      ["--backup-job-id string", "Only this job (digits)."],
      ["--backup-mode Automated|Manual", "Automated or Manual."],
      ["--backup-job-status NoStart|Progressing", "NoStart or Progressing (the API's only job-state filters)."],
      ["--wait-for-completion true|false", "Poll until the job is Finished or Failed. (default false)"],
      ["--timeout string", 'How long to wait, a duration. (default "30m")'],
      ["--poll-interval string", 'First polling interval, a duration; later intervals grow by half up to 1 minute. (default "10s")'],
    ]);
    expect(r.stdout).toContain("\n  --show-secrets                   Print the signed download URLs");
    expect(r.stdout).toContain("\nexit status: 0 found, 2 invalid arguments, 3 no matching backup (or older than --max-age), 1 any other failure\n");
    expect(r.stdout).toContain(
      "\n  --explain                        What was read (each window, pages, requests, cache hits) and each candidate's verdict, on stderr.\n" +
        "  --verbose                        Informational notes on stderr (hidden download URLs, a job's progress) even when stderr is not a terminal.\n",
    );
  });

  it("<lookup> --help ends its flags with two examples, with that cloud's region and the lookup's id shapes", async () => {
    const names = Object.keys(LOOKUPS);
    const helps = await Promise.all(names.map((n) => runCli([n, "--help"])));
    const blocks = helps.map((r) => {
      const out = lines(r.stdout);
      const at = out.indexOf("examples:");
      return out.slice(at, at + 4);
    });
    expect(Object.fromEntries(names.map((n, i) => [n, blocks[i]]))).toEqual({
      "alicloud.kvstore.BackupSet": [
        "examples:",
        "  backup-lookup alicloud.kvstore.BackupSet --region cn-hangzhou --instance-id r-bp1zxszhcgatnxxxxx --max-age 36h",
        "  backup-lookup alicloud.kvstore.BackupSet --region cn-hangzhou --instance-id r-bp1zxszhcgatnxxxxx --list --limit 5 --format table",
        "",
      ],
      "alicloud.rds.BackupSet": [
        "examples:",
        "  backup-lookup alicloud.rds.BackupSet --region cn-hangzhou --db-instance-id rm-uf6wjk5xxxxxxxxxx --max-age 36h",
        "  backup-lookup alicloud.rds.BackupSet --region cn-hangzhou --db-instance-id rm-uf6wjk5xxxxxxxxxx --list --limit 5 --format table",
        "",
      ],
      "alicloud.rds.BackupTask": [
        "examples:",
        "  backup-lookup alicloud.rds.BackupTask --region cn-hangzhou --db-instance-id rm-uf6wjk5xxxxxxxxxx",
        "  backup-lookup alicloud.rds.BackupTask --region cn-hangzhou --db-instance-id rm-uf6wjk5xxxxxxxxxx --wait-for-completion --verbose",
        "",
      ],
      "alicloud.rds.UserBackupFile": [
        "examples:",
        "  backup-lookup alicloud.rds.UserBackupFile --region cn-hangzhou --max-age 36h",
        "  backup-lookup alicloud.rds.UserBackupFile --region cn-hangzhou --list --limit 5 --format table",
        "",
      ],
      "huaweicloud.dcs.BackupSet": [
        "examples:",
        "  backup-lookup huaweicloud.dcs.BackupSet --region cn-north-4 --instance-id 5560df16-cebf-4473-95c4-d1b573c16e79 --project-id 0a1b2c3d4e5f60718293a4b5c6d7e8f9 --max-age 36h",
        "  backup-lookup huaweicloud.dcs.BackupSet --region cn-north-4 --instance-id 5560df16-cebf-4473-95c4-d1b573c16e79 --project-id 0a1b2c3d4e5f60718293a4b5c6d7e8f9 --list --limit 5 --format table",
        "",
      ],
      "huaweicloud.rds.BackupSet": [
        "examples:",
        "  backup-lookup huaweicloud.rds.BackupSet --region cn-north-4 --instance-id e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01 --project-id 0a1b2c3d4e5f60718293a4b5c6d7e8f9 --max-age 36h",
        "  backup-lookup huaweicloud.rds.BackupSet --region cn-north-4 --instance-id e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01 --project-id 0a1b2c3d4e5f60718293a4b5c6d7e8f9 --list --limit 5 --format table",
        "",
      ],
    });
  });

  it("<lookup> --help writes the arguments its descriptions mention as flags: no line of any lookup's help names a camelCase argument", async () => {
    const names = Object.keys(LOOKUPS);
    const helps = await Promise.all(names.map((n) => runCli([n, "--help"])));
    // every lookup's camelCase arguments (none is an English word); a stack config key (`huaweicloud:projectId`) is not a mention
    const camel = [...new Set(names.flatMap((n) => argumentNames(lookupNamed(n)!, "cli")))].filter((a) => /[A-Z]/.test(a));
    expect(camel).toContain("allowInsecureEndpoint");
    helps.forEach((r, i) => {
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
      const mentions = lines(r.stdout).filter((l) => camel.some((a) => new RegExp(`(?<![\\w:])${a}(?!\\w)`).test(l)));
      expect({ lookup: names[i], mentions }).toEqual({ lookup: names[i], mentions: [] });
    });
    expect(lines(helps[names.indexOf("alicloud.rds.BackupSet")].stdout)).toContain(
      "  --endpoint string                            An https URL overriding the public endpoint: a VPC endpoint or a proxy; plain http:// only for loopback hosts unless --allow-insecure-endpoint is true.",
    );
  });

  it("<lookup> --help speaks of what the command reads: the environment, never stack config (the @cli wording of region and project id)", async () => {
    const names = Object.keys(LOOKUPS);
    const helps = await Promise.all(names.map((n) => runCli([n, "--help"])));
    helps.forEach((r, i) => {
      expect({ lookup: names[i], status: r.status, config: lines(r.stdout).filter((l) => /stack config|alicloud:|huaweicloud:/.test(l)) }).toEqual({
        lookup: names[i],
        status: 0,
        config: [],
      });
      // the region help names the lookup's own cloud's region
      const region = names[i].startsWith("alicloud.") ? "cn-hangzhou" : "cn-north-4";
      expect(lines(r.stdout).filter((l) => l.startsWith("  --region "))).toEqual([
        expect.stringMatching(new RegExp(`^ {2}--region string {2,}Region id \\(${region}\\); default: the environment \\(below\\)\\.$`)),
      ]);
    });
    const dcs = lines(helps[names.indexOf("huaweicloud.dcs.BackupSet")].stdout);
    expect(dcs).toContain("  --project-id string                                         Project id; default: the environment (below).");
    expect(dcs).toContain("credentials and region from the environment: HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME, HW_PROJECT_ID");
  });

  it("a reader that closes the pipe early (| head -1) ends the command quietly with status 0", async () => {
    const ID = "rm-bp1clipipe0001";
    emu.data.addRdsInstance(ID, rdsBackups({ instanceId: ID, count: 730, now, seed: 7 }));
    const script = `node ${JSON.stringify(BIN)} alicloud.rds.BackupSet --endpoint ${emu.url} --db-instance-id ${ID} --list --show-secrets | head -c 10; echo " status \${PIPESTATUS[0]}" >&2`;
    const r = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
      const child = spawn("bash", ["-c", script], { env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ stdout, stderr, code }));
    });
    expect(r).toEqual({ stdout: "[\n  {\n    ", stderr: " status 0\n", code: 0 });
  });

  /** The environment without credentials or region, and the runs that then lack credentials, with their error lines. */
  const bare = () => definedOnly({ PATH: process.env.PATH, HOME: os.tmpdir() });
  const withoutKeys = () => [
    {
      args: ["alicloud.rds.BackupSet", "--db-instance-id", "rm-bp1clinokeys01", "--region", "cn-hangzhou", "--endpoint", emu.url],
      line: "backup-lookup alicloud.rds.BackupSet: DescribeBackups failed: MissingCredentials - no Alibaba Cloud credentials were found (environment, profile file, ECS RAM role). check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY) and ALIBABA_CLOUD_SECURITY_TOKEN in the environment",
      error: "AlibabaApiError",
    },
    {
      args: [
        "huaweicloud.dcs.BackupSet",
        "--instance-id",
        "7a1b2c3d-cebf-4473-95c4-d1b573c16e79",
        "--region",
        "cn-north-4",
        "--project-id",
        PROJECT_ID,
        "--endpoint",
        emu.url,
      ],
      line: "backup-lookup huaweicloud.dcs.BackupSet: ListBackupRecords failed: MissingCredentials - no Huawei Cloud credentials: set HW_ACCESS_KEY and HW_SECRET_KEY (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK) in the environment. check HW_ACCESS_KEY / HW_SECRET_KEY (or HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK) and HW_PROJECT_ID in the environment",
      error: "HuaweiApiError",
    },
  ];

  it("credentials and region missing: the messages name environment variables and flags, not stack config", async () => {
    const cases = withoutKeys();
    const [noRegion, ...noKeys] = await Promise.all([
      runCli(["alicloud.rds.BackupSet", "--db-instance-id", "rm-bp1clinokeys01"], bare()),
      ...cases.map((c) => runCli(c.args, bare())),
    ]);
    failedWith(
      noRegion,
      2,
      "backup-lookup alicloud.rds.BackupSet: invalid arguments for alicloud.rds.BackupSet: --region: no region: pass --region, or set ALIBABA_CLOUD_REGION_ID (or ALICLOUD_REGION) in the environment",
    );
    noKeys.forEach((r, i) => failedWith(r, 1, cases[i].line));
    for (const r of [noRegion, ...noKeys]) expect(r.stderr).not.toMatch(/stack config|alicloud:|huaweicloud:/);
    expect(emu.count()).toBe(0);
  });

  it("--debug prints a request line only for a request sent: none without credentials, one per request with them", async () => {
    const cases = withoutKeys();
    emu.data.addRdsInstance("rm-bp1clidebug001", rdsFilterSets("rm-bp1clidebug001", now));
    const [found, ...noKeys] = await Promise.all([
      runCli(["alicloud.rds.BackupSet", "--db-instance-id", "rm-bp1clidebug001", "--endpoint", emu.url, "--debug"]),
      ...cases.map((c) => runCli([...c.args, "--debug"], bare())),
    ]);
    // the error line, then the stack trace --debug adds (its frames name this machine's paths): no request line
    noKeys.forEach((r, i) => {
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 1, stdout: "" });
      expect(r.stderr.split("\n").filter((l) => !l.startsWith("    at "))).toEqual([
        cases[i].line,
        `${cases[i].error}: ${cases[i].line.slice(cases[i].line.indexOf(": ") + 2)}`,
        "",
      ]);
    });
    expect(found.status).toBe(0);
    // the newest usable set (5003) lies before the first window: two windows, two requests, two lines
    // --debug shows informational lines too: the note on the hidden download URLs ends stderr
    expect(
      found.stderr.endsWith(
        "\nnote: backupDownloadUrl, backupIntranetDownloadUrl hidden: signed download URLs let anyone holding them download the backup until they expire; add --show-secrets to print them\n",
      ),
    ).toBe(true);
    expect(
      json({
        ...found,
        stderr: found.stderr
          .split("\n")
          .filter((l) => !l.startsWith("debug: ") && !l.startsWith("note: "))
          .join("\n"),
      }).backupId,
    ).toBe("5003");
    expect(emu.count()).toBe(2);
    expect(found.stderr.split("\n").filter((l) => l.startsWith("debug: "))).toEqual([
      `debug: ${requestLogLine("DescribeBackups", emu.url)}`,
      `debug: ${requestLogLine("DescribeBackups", emu.url)}`,
    ]);
  });

  it("--help prints the usage on stdout, exit 0; no lookup is exit 2 with the usage on stderr", async () => {
    const [help, none] = await Promise.all([runCli(["--help"]), runCli([])]);
    expect(help.status).toBe(0);
    expect(help.stderr).toBe("");
    expect(lines(help.stdout)[0]).toBe("usage: backup-lookup <lookup> [--args '<JSON object>'] [--<argument-in-kebab-case> <value> ...]");
    expect(help.stdout).toContain(
      "\n  alicloud.rds.BackupSet\n      --region --endpoint --allow-insecure-endpoint --since --until --max-age --assume-role --profile --db-instance-id --backup-id --backup-status --backup-mode --backup-type --backup-method --require-available\n",
    );
    expect(help.stdout).toContain("\nexit status: 0 found, 2 invalid arguments, 3 no matching backup, 1 any other failure\n");
    expect(none.status).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toBe("backup-lookup: missing <lookup>\n" + help.stdout);
    expect(emu.count()).toBe(0);
  });
});
