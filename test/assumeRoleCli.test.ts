/**
 * `backup-lookup ... --assume-role '<JSON>'` and `--profile` end to end: the installed command in a child process
 * (dist/ built first) against the emulator, whose roles table lets the emulator's base keys assume a role of
 * the production account, which alone sees the instances. Exact stdout, exact stderr lines, exit statuses, and
 * no key, secret or token in either stream.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TEST_CREDENTIALS, dcsBackupRecord, rdsBackup, startEmulator, type Emulator } from "./emulator";
import { SECRET_MARKER } from "../provider/cli/formatOutput";
import { cliEnv, runCli, secondsDuring, type CliResult } from "./support/cli";
import { DCS_SET, HOUR, HW_REGION, PROJECT_ID, RDS_SET, dcsOutputs, isoSeconds, rdsOutputs, realNow, resetEmulator } from "./support/lookupEnv";
import { parseJson, type JsonObject } from "./support/json";

const PROD = "2000000000000002";
const PROD_DOMAIN = "prod-domain";
const RDS_ID = "rm-prod0000001";
const DCS_ID = "5560df16-cebf-4473-95c4-d1b573c16e79";
const ROLE = `acs:ram::${PROD}:role/restore-drill`;
const LOCKED = `acs:ram::${PROD}:role/locked`;

let emu: Emulator;
let home: string;
const now = realNow();
const backup = rdsBackup({
  DBInstanceId: RDS_ID,
  BackupId: "7001",
  BackupStartTime: isoSeconds(now.getTime() - 3 * HOUR),
  BackupEndTime: isoSeconds(now.getTime() - 2 * HOUR),
});
const record = dcsBackupRecord({
  backup_id: "a1b2c3d4-0000-4000-8000-000000000001",
  created_at: isoSeconds(now.getTime() - 3 * HOUR),
  updated_at: isoSeconds(now.getTime() - 2 * HOUR),
});

beforeAll(async () => {
  emu = await startEmulator({ seed: 12 });
  emu.roles.addAlibabaRole(PROD, "restore-drill", { trusted: [TEST_CREDENTIALS.alibaba.accessKeyId] });
  emu.roles.addAlibabaRole(PROD, "locked", { trusted: [TEST_CREDENTIALS.alibaba.accessKeyId], refuse: "NoPermission" });
  emu.roles.addHuaweiAgency(PROD_DOMAIN, "restore-drill", { trusted: [TEST_CREDENTIALS.huawei.accessKey] });
  emu.roles.owners.set(RDS_ID, PROD);
  emu.roles.owners.set(DCS_ID, PROD_DOMAIN);
  emu.credentials.alibaba.set("LTAI5tEMUPROFILEKEY", { secret: "EMU-PROFILE-ALI-SECRET-0123456789" });
  emu.roles.keyAccounts.set("LTAI5tEMUPROFILEKEY", PROD);
  emu.credentials.huawei.set("EMUPROFILEHWAKXXXXXX", { secretKey: "EMU-PROFILE-HW-SECRET-0123456789abcdef" });
  emu.roles.keyAccounts.set("EMUPROFILEHWAKXXXXXX", PROD_DOMAIN);
  home = fs.mkdtempSync(path.join(os.tmpdir(), "creds-cli-home-"));
  fs.mkdirSync(path.join(home, ".aliyun"));
  fs.mkdirSync(path.join(home, ".hcloud"));
  fs.writeFileSync(
    path.join(home, ".aliyun", "config.json"),
    JSON.stringify({
      current: "prod-reader",
      profiles: [{ name: "prod-reader", mode: "AK", access_key_id: "LTAI5tEMUPROFILEKEY", access_key_secret: "EMU-PROFILE-ALI-SECRET-0123456789" }],
    }),
  );
  fs.writeFileSync(
    path.join(home, ".hcloud", "config.json"),
    JSON.stringify({
      current: "prod-reader",
      profiles: [
        {
          name: "prod-reader",
          mode: "AKSK",
          accessKeyId: "EMUPROFILEHWAKXXXXXX",
          secretAccessKey: "EMU-PROFILE-HW-SECRET-0123456789abcdef",
          region: HW_REGION,
        },
      ],
    }),
  );
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});
beforeEach(() => {
  resetEmulator(emu);
  emu.data.addRdsInstance(RDS_ID, [backup]);
  emu.data.addDcsInstance(PROJECT_ID, DCS_ID, [record]);
});

const env = (extra: Record<string, string | undefined> = {}) =>
  cliEnv({ ALIBABA_CLOUD_STS_ENDPOINT: emu.url, HW_AUTH_URL: `${emu.url}/v3`, HOME: home, ...extra });
const rdsCli = (...args: string[]) => runCli([RDS_SET, "--endpoint", emu.url, "--db-instance-id", RDS_ID, ...args], env());
const dcsCli = (...args: string[]) => runCli([DCS_SET, "--endpoint", emu.url, "--instance-id", DCS_ID, ...args], env());

/** No key, secret or token (base, profile or temporary) in either stream. */
function noSecrets(r: CliResult): void {
  for (const leak of [
    /EMU-ROLE-/,
    /STS\.EMUROLE/,
    /EMU-AGENCY-/,
    /EMUAGENCYAK/,
    /EMU-ALI-SECRET/,
    /EMU-HW-SECRET/,
    /EMU-PROFILE-/,
    /LTAI5tEMU/,
    /EMUHWAK/,
    /EMUPROFILEHWAK/,
  ]) {
    expect(r.stdout).not.toMatch(leak);
    expect(r.stderr).not.toMatch(leak);
  }
}

it("--assume-role: the newest backup of the role's account, exactly; one AssumeRole request", async () => {
  const r = await rdsCli("--assume-role", JSON.stringify({ roleArn: ROLE }));
  expect(r.stderr).toBe(""); // not a terminal: no informational note (the hidden URLs' note needs --verbose there)
  expect(r.status).toBe(0);
  const out = parseJson<JsonObject>(r.stdout);
  expect(secondsDuring(r)).toContain(out.resolvedAt);
  expect(out).toEqual({
    endpoint: emu.url,
    dbInstanceId: RDS_ID,
    assumeRole: { roleArn: ROLE },
    backupStatus: "Success",
    requireAvailable: true,
    ...rdsOutputs(backup),
    backupDownloadUrl: SECRET_MARKER,
    backupIntranetDownloadUrl: SECRET_MARKER,
    latestBackupId: "7001",
    backupExists: true,
    resolvedAt: out.resolvedAt,
  });
  expect(emu.count("sts.AssumeRole")).toBe(1);
  noSecrets(r);
});

it("a refused role: exit 1, one line naming the role, the cloud's code and request id, and what to do", async () => {
  const r = await rdsCli("--assume-role", JSON.stringify({ roleArn: LOCKED }));
  expect(r.status).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr.replace(/\[request id [0-9A-F-]{36}\]/, "[request id ...]")).toBe(
    `backup-lookup ${RDS_SET}: AssumeRole failed: NoPermission (HTTP 403) - the RAM role ${LOCKED} refused to be assumed by these credentials: You are not authorized to do this action. You should be authorized by RAM. [request id ...]. ` +
      `the role's trust policy must name the caller's account (or RAM user) as a principal, and the caller needs the RAM permission sts:AssumeRole on ${LOCKED}\n`,
  );
  expect(emu.count("rds.DescribeBackups")).toBe(0);
  noSecrets(r);
});

it("a roleArn not of the ARN form: exit 2, named as the flag, no request", async () => {
  const r = await rdsCli("--assume-role", '{"roleArn":"restore-drill"}');
  expect(r.status).toBe(2);
  expect(r.stderr).toBe(
    `backup-lookup ${RDS_SET}: invalid arguments for ${RDS_SET}: --assume-role.roleArn: must be a RAM role ARN acs:ram::<account id>:role/<role name> such as "acs:ram::1234567890123456:role/restore-drill", got "restore-drill"\n`,
  );
  expect(emu.requests).toEqual([]);
});

it("--profile: the Alibaba CLI profile's keys (HOME/.aliyun/config.json) beat the environment's", async () => {
  const r = await rdsCli("--profile", "prod-reader");
  expect(r.status).toBe(0);
  expect(parseJson<JsonObject>(r.stdout).backupId).toBe("7001");
  expect(emu.count("sts.AssumeRole")).toBe(0);
  noSecrets(r);
});

it("Huawei --assume-role (an IAM agency) and --profile (KooCLI)", async () => {
  const role = { agencyName: "restore-drill", domainName: PROD_DOMAIN };
  const r = await dcsCli("--assume-role", JSON.stringify(role));
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const out = parseJson<JsonObject>(r.stdout);
  expect(out).toEqual({
    endpoint: emu.url,
    instanceId: DCS_ID,
    assumeRole: role,
    status: "succeed",
    requireRestorable: true,
    ...dcsOutputs(record),
    latestBackupId: record.backup_id,
    backupExists: true,
    resolvedAt: out.resolvedAt,
  });
  expect(emu.count("iam.CreateTemporaryAccessKeyByAgency")).toBe(1);
  noSecrets(r);
  const p = await dcsCli("--profile", "prod-reader");
  expect(p.status).toBe(0);
  expect(parseJson<JsonObject>(p.stdout).backupId).toBe(record.backup_id);
  noSecrets(p);
});
