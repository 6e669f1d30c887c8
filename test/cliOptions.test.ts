/**
 * The command's reading aids, run as users run it (`node bin/backup-lookup.js`, dist/ built first) against the
 * emulator: `--explain` (what was read, each candidate's verdict) for a listed, a single and a job lookup,
 * `--list --limit N`, enumerated flag values matched case-insensitively, and informational lines only on a
 * terminal or with `--verbose` (the terminal branch in process, with `isTTY` injected into CliIO).
 */
import { rdsBackup, rdsTaskScript, startEmulator, userBackupFile, type Emulator } from "./emulator";
import { CliResult, cliEnv, runCli } from "./support/cli";
import { parseJson, type JsonObject } from "./support/json";
import { main, secretsNote } from "../provider/cli/main";
import { DAY, HOUR, MINUTE, isoSeconds, rdsFilterSets, realNow, resetEmulator, ALI_REGION } from "./support/lookupEnv";

let emu: Emulator;
let now: Date;

beforeAll(async () => {
  emu = await startEmulator({ seed: 41 });
  now = realNow();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => resetEmulator(emu));

const RDS = "alicloud.rds.BackupSet";
const ID = "rm-bp1cliexplain01";
const at = (msBack: number) => isoSeconds(now.getTime() - msBack);
/** When rdsFilterSets' set started `days` days - 2 h ago ended (each ran 17 min 31 s). */
const endOf = (days: number) => at(days * DAY - 2 * HOUR - 17 * MINUTE - 31_000);
const cli = (lookup: string, ...args: string[]) => runCli([lookup, "--endpoint", emu.url, ...args]);
const windows = () => emu.requests.map((r) => `[${r.params.StartTime}, ${r.params.EndTime}]`);

describe("--explain", () => {
  it("a listed lookup: each window read (pages, requests, cache hits, records), then the candidates newest first down to the chosen", async () => {
    emu.data.addRdsInstance(ID, rdsFilterSets(ID, now));
    const r = await cli(RDS, "--db-instance-id", ID, "--explain");
    expect(r.status).toBe(0);
    expect(parseJson<JsonObject>(r.stdout).backupId).toBe("5003");
    const [first, second] = windows();
    expect(r.stderr).toBe(
      [
        `explain: read DescribeBackups of ${ID}, window ${first}: 1 page, 1 request, 0 cache hits, 3 records`,
        `explain: read DescribeBackups of ${ID}, window ${second}: 1 page, 1 request, 0 cache hits, 1 record`,
        "explain: 4 candidates, newest first:",
        `explain:   5005 (ended ${endOf(1)}) is Failed`,
        `explain:   5004 (ended ${endOf(2)}) is not available (IsAvail 0)`,
        `explain:   5003 (ended ${endOf(3)}) chosen`,
        "explain:   (1 older candidate not listed)",
        "",
      ].join("\n"),
    );
  });

  it("no match: the explanation, then the error naming the newest three and why each lost (exit 3); too old: the chosen one's verdict", async () => {
    emu.data.addRdsInstance(ID, rdsFilterSets(ID, now));
    const none = await cli(
      RDS,
      "--db-instance-id",
      ID,
      "--backup-mode",
      "Manual",
      "--backup-type",
      "FullBackup",
      "--backup-method",
      "Physical",
      "--explain",
      "--since",
      "3d",
    );
    const stale = await cli(RDS, "--db-instance-id", ID, "--max-age", "36h", "--explain");
    expect({ status: none.status, stdout: none.stdout }).toEqual({ status: 3, stdout: "" });
    const lines = none.stderr.split("\n");
    expect(lines.slice(0, 1)).toEqual([`explain: read DescribeBackups of ${ID}, window ${windows()[0]}: 1 page, 1 request, 0 cache hits, 3 records`]);
    expect(lines.slice(1)).toEqual([
      "explain: 3 candidates, newest first:",
      `explain:   5005 (ended ${endOf(1)}) is Failed`,
      `explain:   5004 (ended ${endOf(2)}) is not available (IsAvail 0)`,
      `explain:   5003 (ended ${endOf(3)}) is Logical, not Physical`,
      expect.stringMatching(
        new RegExp(
          `^backup-lookup ${RDS.replace(/\./g, "\\.")}: no backup set of RDS instance ${ID} matches \\(.*\\): 3 backup sets seen; newest: 5005 \\(${endOf(1)}\\) is Failed; 5004 \\(${endOf(2)}\\) is not available \\(IsAvail 0\\); 5003 \\(${endOf(3)}\\) is Logical, not Physical$`,
        ),
      ),
      "",
    ]);
    expect(stale.status).toBe(3);
    expect(stale.stderr.split("\n").filter((l) => l.startsWith("explain:   "))).toEqual([
      `explain:   5005 (ended ${endOf(1)}) is Failed`,
      `explain:   5004 (ended ${endOf(2)}) is not available (IsAvail 0)`,
      `explain:   5003 (ended ${endOf(3)}) is older than maxAge 36h (ended 2d 21h ago)`,
      "explain:   (1 older candidate not listed)",
    ]);
  });

  it("a single lookup (one request) and a job lookup (its polls): their requests, then the verdicts", async () => {
    const created = now.getTime() - 3 * HOUR;
    emu.data.addUserBackupFiles(ALI_REGION, [
      userBackupFile({
        BackupId: "b-explain000002",
        Status: "Importing",
        CreationTime: String(created),
        FinishTime: String(created + MINUTE),
        ModificationTime: String(created + MINUTE),
      }),
      userBackupFile({
        BackupId: "b-explain000001",
        Status: "BackupSuccess",
        CreationTime: String(created - DAY),
        FinishTime: String(created - DAY + 9 * MINUTE),
        ModificationTime: String(created - DAY + 9 * MINUTE),
      }),
    ]);
    const TASK_ID = "rm-bp1cliexplain02";
    emu.data.addRdsInstance(TASK_ID, []);
    emu.data.addRdsTask(TASK_ID, rdsTaskScript({ backupJobId: 4762614, instanceId: TASK_ID, now }));
    const [file, task] = await Promise.all([
      cli("alicloud.rds.UserBackupFile", "--region", ALI_REGION, "--explain"),
      cli("alicloud.rds.BackupTask", "--db-instance-id", TASK_ID, "--wait-for-completion", "--poll-interval", "1s", "--explain"),
    ]);
    expect(file.status).toBe(0);
    expect(file.stderr).toBe(
      [
        "explain: ListUserBackupFiles: 1 request, 0 cache hits",
        "explain: 2 candidates, newest first:",
        `explain:   b-explain000002 (ended ${isoSeconds(created + MINUTE)}) is Importing`,
        `explain:   b-explain000001 (ended ${isoSeconds(created - DAY + 9 * MINUTE)}) chosen`,
        "",
      ].join("\n"),
    );
    expect(task.status).toBe(0);
    // progress lines are informational: not shown off a terminal without --verbose
    expect(task.stderr.split("\n")).toEqual([
      "explain: DescribeBackupTasks: 4 requests, 0 cache hits",
      "explain: 1 candidate, newest first:",
      expect.stringMatching(/^explain: {3}4762614 \(.*\) chosen$/),
      "",
    ]);
  });
});

describe("--list --limit N", () => {
  it("the newest N matches; --list alone every match; --limit without --list or out of range is exit 2", async () => {
    emu.data.addRdsInstance(ID, rdsFilterSets(ID, now));
    const [two, all, alone, zero] = await Promise.all([
      cli(RDS, "--db-instance-id", ID, "--list", "--limit", "2"),
      cli(RDS, "--db-instance-id", ID, "--list"),
      cli(RDS, "--db-instance-id", ID, "--limit", "2"),
      cli(RDS, "--db-instance-id", ID, "--list", "--limit", "1001"),
    ]);
    expect({ status: two.status, stderr: two.stderr }).toEqual({ status: 0, stderr: "" });
    expect(parseJson<{ backupId: string }[]>(two.stdout).map((o) => o.backupId)).toEqual(["5003", "5002"]);
    expect(parseJson<{ backupId: string }[]>(all.stdout).map((o) => o.backupId)).toEqual(["5003", "5002", "5001", "5006"]);
    for (const [r, line] of [
      [
        alone,
        `backup-lookup ${RDS}: invalid arguments for ${RDS}: --limit: applies only to --list (the newest N matches); without --list the command prints the newest one\n`,
      ],
      [zero, `backup-lookup ${RDS}: invalid arguments for ${RDS}: --limit: must be a whole number from 1 to 1000, got "1001"\n`],
    ] as [CliResult, string][])
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 2, stdout: "", stderr: line });
  });
});

describe("enumerated values on the command line", () => {
  it("matched case-insensitively, the canonical value used and echoed; an unknown one refused with the nearest", async () => {
    emu.data.addRdsInstance(ID, rdsFilterSets(ID, now));
    const [lower, typo] = await Promise.all([
      cli(RDS, "--db-instance-id", ID, "--backup-status", "success", "--backup-mode", "manual"),
      cli(RDS, "--db-instance-id", ID, "--backup-mode", "automatic"),
    ]);
    expect(lower.status).toBe(0);
    const value = parseJson<JsonObject>(lower.stdout);
    expect([value.backupStatus, value.backupMode, value.backupId]).toEqual(["Success", "Manual", "5003"]);
    expect({ status: typo.status, stdout: typo.stdout, stderr: typo.stderr }).toEqual({
      status: 2,
      stdout: "",
      stderr: `backup-lookup ${RDS}: invalid arguments for ${RDS}: --backup-mode: must be one of "Automated", "Manual", got "automatic"; did you mean "Automated"?\n`,
    });
  });
});

describe("informational lines: on a terminal or with --verbose; warnings and errors always", () => {
  const withUrls = () => emu.data.addRdsInstance(ID, [rdsBackup({ DBInstanceId: ID, BackupId: "9001", BackupStartTime: at(5 * HOUR) })]);
  const NOTE = secretsNote(["backupDownloadUrl", "backupIntranetDownloadUrl"]);

  it("not a terminal (a pipe, a CI log): no note; --verbose shows it", async () => {
    withUrls();
    const [quiet, verbose] = await Promise.all([cli(RDS, "--db-instance-id", ID), cli(RDS, "--db-instance-id", ID, "--verbose")]);
    expect({ status: quiet.status, stderr: quiet.stderr }).toEqual({ status: 0, stderr: "" });
    expect({ status: verbose.status, stderr: verbose.stderr }).toEqual({ status: 0, stderr: NOTE });
    expect(verbose.stdout).toBe(quiet.stdout.replace(/"resolvedAt": "[^"]*"/, verbose.stdout.match(/"resolvedAt": "[^"]*"/)![0]));
  });

  it("a terminal (isTTY injected): the note without --verbose", async () => {
    withUrls();
    const run = async (isTTY: boolean) => {
      let stdout = "";
      let stderr = "";
      const status = await main([RDS, "--endpoint", emu.url, "--db-instance-id", ID], {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        env: cliEnv(),
        isTTY,
      });
      return { status, stderr, backupId: parseJson<JsonObject>(stdout).backupId };
    };
    expect(await run(true)).toEqual({ status: 0, stderr: NOTE, backupId: "9001" });
    expect(await run(false)).toEqual({ status: 0, stderr: "", backupId: "9001" });
  });

  it("a job's progress lines are informational too: shown with --verbose", async () => {
    const TASK_ID = "rm-bp1cliexplain03";
    emu.data.addRdsInstance(TASK_ID, []);
    emu.data.addRdsTask(TASK_ID, rdsTaskScript({ backupJobId: 4762614, instanceId: TASK_ID, now }));
    const r = await cli("alicloud.rds.BackupTask", "--db-instance-id", TASK_ID, "--wait-for-completion", "--poll-interval", "1s", "--verbose");
    expect({ status: r.status, stderr: r.stderr }).toEqual({
      status: 0,
      stderr: [
        `backup job 4762614 of RDS instance ${TASK_ID}: Uploading 60%`,
        `backup job 4762614 of RDS instance ${TASK_ID}: Checking 90%`,
        `backup job 4762614 of RDS instance ${TASK_ID}: Finished 100%`,
        "",
      ].join("\n"),
    });
  });
});
