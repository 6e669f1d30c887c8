/**
 * Cloud text never reaches a terminal raw through the command (provider/core/visible.ts): the emulator sends
 * hostile remarks, error codes, messages and request ids (in a body, and in Huawei's `X-Request-Id` header), and
 * the built `backup-lookup` (`npm run build` first) shows them escaped on stderr, in `--debug` lines and in
 * `--format table`, while `--format json` keeps the exact value. In-process paths: test/unit/visible.test.ts.
 */
import { dcsBackupRecord, rdsBackup, startEmulator, type Emulator } from "./emulator";
import { secretsNote } from "../provider/cli/main";
import { runCli } from "./support/cli";
import { HOUR, PROJECT_ID, isoSeconds, realNow, resetEmulator } from "./support/lookupEnv";
import { parseJson, type JsonObject } from "./support/json";

/** A DCS request, an OSC title, a CR overwrite, C1 CSI, RLO and DEL, and how they are shown. */
const HOSTILE = "nightly\x1bP+q544e\x1b\\ \x1b]0;pwned\x07ok\rFAILED \x9b31m\u202eevil\x7f";
const HOSTILE_SHOWN = "nightly\\x1bP+q544e\\x1b\\ \\x1b]0;pwned\\x07ok\\x0dFAILED \\x9b31m\\u202eevil\\x7f";
/** Any character `visible` escapes, but the newline that ends our own lines. */
// eslint-disable-next-line no-control-regex -- finding raw control characters is what this pattern is for
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;

let emu: Emulator;
let now: Date;
beforeAll(async () => {
  emu = await startEmulator({ seed: 5 });
  now = realNow();
});
afterAll(() => emu.close());
beforeEach(() => resetEmulator(emu));

const RDS = "alicloud.rds.BackupSet";
const RDS_ID = "rm-bp1visible0001";
const DCS = "huaweicloud.dcs.BackupSet";
const DCS_ID = "7a1b2c3d-cebf-4473-95c4-d1b573c1f00d";

it("stderr: an Alibaba error whose code, message and request id (body) hold controls is one visible line", async () => {
  emu.data.addRdsInstance(RDS_ID, []);
  emu.faults.add("rds.DescribeBackups", { kind: "http", status: 400, code: "Bad\x1b[2JRequest", message: HOSTILE, requestId: "REQ\x1b]0;x\x07-1" });
  const r = await runCli([RDS, "--endpoint", emu.url, "--db-instance-id", RDS_ID]);
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
    status: 1,
    stdout: "",
    stderr: `backup-lookup ${RDS}: DescribeBackups failed: Bad\\x1b[2JRequest (HTTP 400) - ${HOSTILE_SHOWN} [request id REQ\\x1b]0;x\\x07-1]\n`,
  });
});

it("stderr: a Huawei error whose request id arrives in the X-Request-Id header with a C1 CSI is shown visible", async () => {
  emu.data.addDcsInstance(PROJECT_ID, DCS_ID, []);
  emu.faults.add("dcs.ListBackupRecords", { kind: "http", status: 400, code: "DCS.4000", message: "bad \u202eevil\x07", requestId: "rid\x9b31m-0001" });
  const r = await runCli([DCS, "--endpoint", emu.url, "--instance-id", DCS_ID]);
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
    status: 1,
    stdout: "",
    stderr: `backup-lookup ${DCS}: ListBackupRecords failed: DCS.4000 (HTTP 400) - bad \\u202eevil\\x07 [request id rid\\x9b31m-0001]\n`,
  });
});

it("--debug: the retry line names the cloud's hostile code visible", async () => {
  emu.data.addRdsInstance(RDS_ID, [rdsBackup({ DBInstanceId: RDS_ID, BackupId: "8001", BackupStartTime: isoSeconds(now.getTime() - 5 * HOUR) })]);
  emu.faults.add("rds.DescribeBackups", { kind: "http", status: 500, code: "Internal\x1b[31mError\x9b0m", message: "oops\r" });
  const r = await runCli([RDS, "--endpoint", emu.url, "--db-instance-id", RDS_ID, "--debug"]);
  expect(r.status).toBe(0);
  expect(parseJson<JsonObject>(r.stdout).backupId).toBe("8001");
  const host = new URL(emu.url).host;
  const lines = r.stderr.split("\n");
  expect(lines.slice(0, -1).map((l) => l.replace(/retrying in \d+ ms$/, "retrying in N ms"))).toEqual([
    `debug: DescribeBackups: request to ${host}`,
    "debug: DescribeBackups: attempt 1 failed (Internal\\x1b[31mError\\x9b0m); retrying in N ms",
    `debug: DescribeBackups: request to ${host} (attempt 2)`,
    secretsNote(["backupDownloadUrl", "backupIntranetDownloadUrl"]).trimEnd(),
  ]);
  expect(r.stderr).not.toMatch(RAW);
});

it("--format table shows a hostile remark and name visible; --format json keeps them exact", async () => {
  const record = dcsBackupRecord({
    backup_id: "00000000-0000-4000-8000-00000000f00d",
    instance_id: DCS_ID,
    created_at: new Date(now.getTime() - 2 * HOUR).toISOString(),
    backup_name: "backup\u2066\u202e_2026\u2069",
    remark: HOSTILE,
  });
  emu.data.addDcsInstance(PROJECT_ID, DCS_ID, [record]);
  const [table, json] = await Promise.all([
    runCli([DCS, "--endpoint", emu.url, "--instance-id", DCS_ID, "--format", "table"]),
    runCli([DCS, "--endpoint", emu.url, "--instance-id", DCS_ID]),
  ]);
  expect({ status: table.status, stderr: table.stderr }).toEqual({ status: 0, stderr: "" });
  const rows = table.stdout.split("\n");
  const pad = rows[0].indexOf("value");
  expect(rows.filter((l) => /^(remark|backupName) /.test(l))).toEqual([
    "backupName".padEnd(pad) + "backup\\u2066\\u202e_2026\\u2069",
    "remark".padEnd(pad) + HOSTILE_SHOWN,
  ]);
  expect(table.stdout).not.toMatch(RAW);
  expect({ status: json.status, stderr: json.stderr }).toEqual({ status: 0, stderr: "" });
  const value = parseJson<JsonObject>(json.stdout);
  expect([value.remark, value.backupName]).toEqual([HOSTILE, "backup\u2066\u202e_2026\u2069"]);
});
