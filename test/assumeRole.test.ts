/**
 * Reaching another account with no secret in the program (docs/credentials.md): `assumeRole` (Alibaba STS
 * AssumeRole, Huawei IAM agency keys) and `profile` (the CLIs' config files), in-process against the emulator,
 * whose roles table says which base key may assume which role and whose instances are visible only to the
 * account that owns them. Asserts exact outputs and errors, one role request for many lookups, a refresh after
 * expiry on the manual clock, and that no key, secret or token appears in any output, log line or error.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ManualClock } from "../provider/core/clock";
import { clearRoleSessions } from "../provider/clouds/roleSessions";
import { AssumeRoleError } from "../provider/clouds/AssumeRoleError";
import { InvalidArgumentsError } from "../provider/core/errors";
import { TEST_CREDENTIALS, dcsBackupRecord, rdsBackup, startEmulator, type Emulator } from "./emulator";
import {
  DCS_SET,
  HW_REGION,
  HOUR,
  LogCapture,
  MINUTE,
  PROJECT_ID,
  RDS_SET,
  dcsOutputs,
  failure,
  isoSeconds,
  lookup,
  lookupContext,
  rdsOutputs,
  realNow,
  resetEmulator,
  testEnv,
} from "./support/lookupEnv";

const PROD = "2000000000000002";
const PROD_DOMAIN = "prod-domain";
const RDS_ID = "rm-prod0000001";
const DCS_ID = "5560df16-cebf-4473-95c4-d1b573c16e79";
const ROLE = `acs:ram::${PROD}:role/restore-drill`;
const LOCKED = `acs:ram::${PROD}:role/locked`;
const GONE = `acs:ram::${PROD}:role/no-such-role`;

let emu: Emulator;
let clock: ManualClock;
let now: Date;
const logs: LogCapture[] = [];
/** Every output and error message a test saw, for the leak check. */
const seen: string[] = [];

beforeAll(async () => {
  now = realNow();
  clock = new ManualClock(now);
  emu = await startEmulator({ seed: 11, clock });
  emu.roles.addAlibabaRole(PROD, "restore-drill", { trusted: [TEST_CREDENTIALS.alibaba.accessKeyId], maxSessionSeconds: 3600 });
  emu.roles.addAlibabaRole(PROD, "locked", { trusted: [TEST_CREDENTIALS.alibaba.accessKeyId], refuse: "NoPermission" });
  emu.roles.addHuaweiAgency(PROD_DOMAIN, "restore-drill", { trusted: [TEST_CREDENTIALS.huawei.accessKey] });
  emu.roles.addHuaweiAgency(PROD_DOMAIN, "locked", { trusted: [TEST_CREDENTIALS.huawei.accessKey], refuse: true });
  emu.roles.owners.set(RDS_ID, PROD);
  emu.roles.owners.set(DCS_ID, PROD_DOMAIN);
});
afterAll(async () => {
  await emu.close();
  // No key, secret or token of any kind reached an output, a log line or an error message.
  expect(seen.length).toBeGreaterThan(40);
  const text = [...seen, ...logs.flatMap((l) => l.lines)].join("\n");
  for (const leak of [/EMU-ROLE-/, /STS\.EMUROLE/, /EMU-AGENCY-/, /EMUAGENCYAK/, /EMU-ALI-SECRET/, /EMU-HW-SECRET/, /LTAI5tEMU/, /EMUHWAK/, /EMU-PROFILE-/])
    expect(text).not.toMatch(leak);
});

let backup: ReturnType<typeof rdsBackup>;
let record: ReturnType<typeof dcsBackupRecord>;

beforeEach(() => {
  resetEmulator(emu);
  clearRoleSessions();
  backup = rdsBackup({
    DBInstanceId: RDS_ID,
    BackupId: "7001",
    BackupStartTime: isoSeconds(now.getTime() - 3 * HOUR),
    BackupEndTime: isoSeconds(now.getTime() - 2 * HOUR),
  });
  emu.data.addRdsInstance(RDS_ID, [backup]);
  record = dcsBackupRecord({
    backup_id: "a1b2c3d4-0000-4000-8000-000000000001",
    created_at: isoSeconds(now.getTime() - 3 * HOUR),
    updated_at: isoSeconds(now.getTime() - 2 * HOUR),
  });
  emu.data.addDcsInstance(PROJECT_ID, DCS_ID, [record]);
});

const env = (extra: Record<string, string | undefined> = {}) => testEnv({ ALIBABA_CLOUD_STS_ENDPOINT: emu.url, HW_AUTH_URL: `${emu.url}/v3`, ...extra });
function ctx(extra: { env?: Record<string, string | undefined>; config?: Record<string, string> } = {}) {
  const log = new LogCapture();
  logs.push(log);
  return { ...lookupContext({ now, clock, env: env(extra.env), log }), config: extra.config ?? {} };
}
const resolvedAt = () => isoSeconds(clock.now().getTime());
const rdsEcho = (extra: Record<string, unknown> = {}) => ({
  endpoint: emu.url,
  dbInstanceId: RDS_ID,
  backupStatus: "Success",
  requireAvailable: true,
  ...extra,
});
const dcsEcho = (extra: Record<string, unknown> = {}) => ({ endpoint: emu.url, instanceId: DCS_ID, status: "succeed", requireRestorable: true, ...extra });
/** Runs a lookup, keeping its outputs for the leak check. */
async function kept<T>(p: Promise<T>): Promise<T> {
  const result = await p;
  seen.push(JSON.stringify(result));
  return result;
}
const rds = (args: Record<string, unknown>, c = ctx()) => kept(lookup(RDS_SET, { endpoint: emu.url, dbInstanceId: RDS_ID, ...args }, c));
const dcs = (args: Record<string, unknown>, c = ctx()) => kept(lookup(DCS_SET, { endpoint: emu.url, instanceId: DCS_ID, ...args }, c));
async function rejected(p: Promise<unknown>): Promise<Error> {
  const err = await failure<Error>(p);
  seen.push(err.message);
  return err;
}
/** The message with its (random) request id replaced. */
const withoutRequestId = (m: string) => m.replace(/\[request id [^\]]+\]/, "[request id ...]");

describe("Alibaba Cloud: assumeRole", () => {
  it("reaches a backup only the role's account sees; the base keys alone get the cloud's not-found", async () => {
    const result = await rds({ assumeRole: { roleArn: ROLE } });
    expect(result.outputs).toEqual({
      ...rdsEcho({ assumeRole: { roleArn: ROLE } }),
      ...rdsOutputs(backup),
      latestBackupId: "7001",
      backupExists: true,
      resolvedAt: resolvedAt(),
    });
    expect(emu.count("sts.AssumeRole")).toBe(1);
    expect(emu.requests.find((r) => r.action === "sts.AssumeRole")!.params).toEqual({
      RoleArn: ROLE,
      RoleSessionName: "pulumi-backup-lookups",
      DurationSeconds: "3600",
    });

    const err = await rejected(rds({}));
    expect(err.message).toMatch(/^DescribeBackups failed: InvalidDBInstanceId\.NotFound \(HTTP 400\)/);
  });

  it("one AssumeRole request for many lookups (sequential and concurrent, fresh contexts); the session and external id are sent", async () => {
    const role = { roleArn: ROLE, sessionName: "drill-42", durationSeconds: 1800 };
    for (let i = 0; i < 3; i++) expect((await rds({ assumeRole: role })).outputs.backupId).toBe("7001");
    await Promise.all([1, 2, 3, 4].map(() => rds({ assumeRole: role })));
    expect(emu.count("sts.AssumeRole")).toBe(1);
    expect(emu.count("rds.DescribeBackups")).toBe(7);
    expect(emu.requests.find((r) => r.action === "sts.AssumeRole")!.params).toEqual({ RoleArn: ROLE, RoleSessionName: "drill-42", DurationSeconds: "1800" });
    // Another session of the same role is another cache entry.
    await rds({ assumeRole: { ...role, sessionName: "drill-43" } });
    expect(emu.count("sts.AssumeRole")).toBe(2);
  });

  it("eight concurrent first lookups (more than the per-host bound of 4, the emulator serving STS and RDS on one host): one AssumeRole, all answered", async () => {
    // contexts sharing one limiter, as the provider's do
    const { limiter } = ctx();
    const results = await Promise.all(Array.from({ length: 8 }, () => rds({ assumeRole: { roleArn: ROLE } }, { ...ctx(), limiter })));
    expect(results.map((r) => r.outputs.backupId)).toEqual(Array(8).fill("7001"));
    expect(emu.count("sts.AssumeRole")).toBe(1);
  });

  it("refreshes the temporary keys when they near their expiry on the clock", async () => {
    const role = { roleArn: ROLE, durationSeconds: 900 };
    await rds({ assumeRole: role });
    clock.advance(9 * MINUTE); // 15 min keys, refreshed 5 min before they expire: still good at 9 min
    await rds({ assumeRole: role });
    expect(emu.count("sts.AssumeRole")).toBe(1);
    clock.advance(2 * MINUTE); // 11 min: refreshed
    const result = await rds({ assumeRole: role });
    expect(result.outputs.resolvedAt).toBe(resolvedAt());
    expect(emu.count("sts.AssumeRole")).toBe(2);
    expect(emu.count("rds.DescribeBackups")).toBe(3);
    clock.advance(-11 * MINUTE);
  });

  it("a refused role: NoPermission, naming the role and what to do, with the cloud's code and request id; not retried", async () => {
    const err = await rejected(rds({ assumeRole: { roleArn: LOCKED } }));
    expect(err).toBeInstanceOf(AssumeRoleError);
    expect(withoutRequestId(err.message)).toBe(
      `AssumeRole failed: NoPermission (HTTP 403) - the RAM role ${LOCKED} refused to be assumed by these credentials: You are not authorized to do this action. You should be authorized by RAM. [request id ...]. ` +
        `the role's trust policy must name the caller's account (or RAM user) as a principal, and the caller needs the RAM permission sts:AssumeRole on ${LOCKED}`,
    );
    expect(err.message).toMatch(/\[request id [0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\]/);
    expect(emu.count("sts.AssumeRole")).toBe(1);
    expect(emu.count("rds.DescribeBackups")).toBe(0);
  });

  it("a role that does not exist: EntityNotExist.Role", async () => {
    const err = await rejected(rds({ assumeRole: { roleArn: GONE } }));
    expect(withoutRequestId(err.message)).toBe(
      `AssumeRole failed: EntityNotExist.Role (HTTP 404) - there is no RAM role ${GONE}: The role not exists: ${GONE}. [request id ...]. check assumeRole.roleArn: the account id and the role name (RAM console > Identities > Roles)`,
    );
  });

  it("an untrusted caller (another base key) is refused like a refusing role", async () => {
    emu.credentials.alibaba.set("LTAI5tEMUOTHERKEY01", { secret: "EMU-ALI-SECRET-other-0123456789" });
    const err = await rejected(
      rds(
        { assumeRole: { roleArn: ROLE } },
        ctx({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tEMUOTHERKEY01", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "EMU-ALI-SECRET-other-0123456789" } }),
      ),
    );
    expect(err.message).toMatch(/^AssumeRole failed: NoPermission \(HTTP 403\) - the RAM role acs:ram::2000000000000002:role\/restore-drill refused/);
  });

  it("precedence: the argument, then stack config alicloud:assumeRole, then the environment", async () => {
    const config = { "alicloud:assumeRole": JSON.stringify({ roleArn: ROLE, sessionName: "from-config", sessionExpiration: 900 }) };
    const envRole = { ALICLOUD_ASSUME_ROLE_ARN: LOCKED };
    // config beats the environment (which names a refusing role)
    expect((await rds({}, ctx({ config, env: envRole }))).outputs.backupId).toBe("7001");
    expect(emu.requests.find((r) => r.action === "sts.AssumeRole")!.params).toEqual({ RoleArn: ROLE, RoleSessionName: "from-config", DurationSeconds: "900" });
    // the environment alone
    const err = await rejected(rds({}, ctx({ env: envRole })));
    expect(err).toBeInstanceOf(AssumeRoleError);
    // the argument beats both
    emu.resetRequests();
    expect(
      (
        await rds(
          { assumeRole: { roleArn: ROLE, sessionName: "from-arg" } },
          ctx({ config: { "alicloud:assumeRole": JSON.stringify({ roleArn: LOCKED }) }, env: envRole }),
        )
      ).outputs.backupId,
    ).toBe("7001");
    expect(emu.requests[0].params.RoleSessionName).toBe("from-arg");
    // ALIBABA_CLOUD_ROLE_ARN + ALIBABA_CLOUD_ROLE_SESSION_NAME (the credentials library's names)
    emu.resetRequests();
    await rds({}, ctx({ env: { ALIBABA_CLOUD_ROLE_ARN: ROLE, ALIBABA_CLOUD_ROLE_SESSION_NAME: "from-env" } }));
    expect(emu.requests[0].params).toEqual({ RoleArn: ROLE, RoleSessionName: "from-env", DurationSeconds: "3600" });
  });

  it("a bad stack config alicloud:assumeRole is an argument error before any request", async () => {
    const err = await rejected(rds({}, ctx({ config: { "alicloud:assumeRole": JSON.stringify({ roleArn: "restore-drill" }) } })));
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect(err.message).toBe(
      'invalid arguments for alicloud.rds.BackupSet: assumeRole: (from stack config alicloud:assumeRole) roleArn: must be a RAM role ARN acs:ram::<account id>:role/<role name> such as "acs:ram::1234567890123456:role/restore-drill", got "restore-drill"',
    );
    expect(emu.requests).toEqual([]);
  });
});

describe("argument checks (before any request)", () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    [
      "a roleArn not of the ARN form",
      RDS_SET,
      { assumeRole: { roleArn: "arn:aws:iam::123:role/x" } },
      'invalid arguments for alicloud.rds.BackupSet: assumeRole.roleArn: must be a RAM role ARN acs:ram::<account id>:role/<role name> such as "acs:ram::1234567890123456:role/restore-drill", got "arn:aws:iam::123:role/x"',
    ],
    [
      "a key inside assumeRole",
      RDS_SET,
      { assumeRole: { roleArn: ROLE, accessKeySecret: "x" } },
      "invalid arguments for alicloud.rds.BackupSet: assumeRole.accessKeySecret: credentials are never arguments, not even inside assumeRole: the role is assumed with the credentials of the stack config or the environment (docs/credentials.md)",
    ],
    [
      "durationSeconds out of range",
      RDS_SET,
      { assumeRole: { roleArn: ROLE, durationSeconds: 60 } },
      "invalid arguments for alicloud.rds.BackupSet: assumeRole.durationSeconds: must be a whole number of seconds from 900 to 43200, got 60",
    ],
    [
      "the official provider's sessionExpiration",
      RDS_SET,
      { assumeRole: { roleArn: ROLE, sessionExpiration: 900 } },
      "invalid arguments for alicloud.rds.BackupSet: assumeRole.sessionExpiration: unknown key; use durationSeconds (the stack config alicloud:assumeRole calls it sessionExpiration)",
    ],
    [
      "a Huawei agency given to an Alibaba lookup",
      RDS_SET,
      { assumeRole: { agencyName: "restore-drill", domainName: PROD_DOMAIN } },
      "invalid arguments for alicloud.rds.BackupSet: assumeRole: agencyName / domainName name a Huawei Cloud agency; an Alibaba Cloud lookup assumes a RAM role: { roleArn, sessionName?, externalId?, durationSeconds?, policy? }",
    ],
    [
      "an Alibaba role given to a Huawei lookup",
      DCS_SET,
      { assumeRole: { roleArn: ROLE } },
      "invalid arguments for huaweicloud.dcs.BackupSet: assumeRole: roleArn names an Alibaba Cloud RAM role; a Huawei Cloud lookup assumes an IAM agency: { agencyName, domainName, durationSeconds? }",
    ],
    [
      "a mix of both clouds' keys",
      DCS_SET,
      { assumeRole: { roleArn: ROLE, agencyName: "x" } },
      "invalid arguments for huaweicloud.dcs.BackupSet: assumeRole: mixes Alibaba Cloud keys (roleArn) with Huawei Cloud keys (agencyName): give Alibaba Cloud { roleArn, sessionName?, externalId?, durationSeconds?, policy? } or Huawei Cloud { agencyName, domainName, durationSeconds? }",
    ],
    [
      "an agency without its domain",
      DCS_SET,
      { assumeRole: { agencyName: "restore-drill" } },
      "invalid arguments for huaweicloud.dcs.BackupSet: assumeRole.domainName: is required (the account (domain) name that created the agency)",
    ],
    [
      "an ARN given where the object goes",
      RDS_SET,
      { assumeRole: ROLE },
      `invalid arguments for alicloud.rds.BackupSet: assumeRole: must be an object, got string "${ROLE}"`,
    ],
    [
      "a profile name with a slash",
      RDS_SET,
      { profile: "../etc" },
      'invalid arguments for alicloud.rds.BackupSet: profile: must be a profile name of the CLI config file (1-64 letters, digits or . _ @ -), got "../etc"',
    ],
  ];
  it.each(cases)("%s", async (_what, name, args, message) => {
    const base = name === RDS_SET ? { endpoint: emu.url, dbInstanceId: RDS_ID } : { endpoint: emu.url, instanceId: DCS_ID };
    const err = await rejected(lookup(name, { ...base, ...args }, ctx()));
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect(err.message).toBe(message);
    expect(emu.requests).toEqual([]);
  });
});

describe("Huawei Cloud: assumeRole (IAM agency)", () => {
  const role = { agencyName: "restore-drill", domainName: PROD_DOMAIN };

  it("reaches a DCS backup only the agency's account sees, with X-Security-Token; one IAM request for many lookups", async () => {
    const result = await dcs({ assumeRole: role });
    expect(result.outputs).toEqual({
      ...dcsEcho({ assumeRole: role }),
      ...dcsOutputs(record),
      latestBackupId: record.backup_id,
      backupExists: true,
      resolvedAt: resolvedAt(),
    });
    await Promise.all([1, 2, 3].map(() => dcs({ assumeRole: role })));
    expect(emu.count("iam.CreateTemporaryAccessKeyByAgency")).toBe(1);
    expect(emu.count("dcs.ListBackupRecords")).toBe(4);
    const err = await rejected(dcs({}));
    expect(err.message).toMatch(/^ListBackupRecords failed: DCS\.3022 \(HTTP 404\)/);
  });

  it("eight concurrent first lookups: one IAM request, all answered", async () => {
    const { limiter } = ctx();
    const results = await Promise.all(Array.from({ length: 8 }, () => dcs({ assumeRole: role }, { ...ctx(), limiter })));
    expect(results.map((r) => r.outputs.backupId)).toEqual(Array(8).fill(record.backup_id));
    expect(emu.count("iam.CreateTemporaryAccessKeyByAgency")).toBe(1);
  });

  it("refreshes after expiry on the clock", async () => {
    await dcs({ assumeRole: { ...role, durationSeconds: 900 } });
    clock.advance(11 * MINUTE);
    await dcs({ assumeRole: { ...role, durationSeconds: 900 } });
    expect(emu.count("iam.CreateTemporaryAccessKeyByAgency")).toBe(2);
    clock.advance(-11 * MINUTE);
  });

  it("a refused agency: IAM 403, naming the agency and what to do, with the request id", async () => {
    const err = await rejected(dcs({ assumeRole: { agencyName: "locked", domainName: PROD_DOMAIN } }));
    expect(err).toBeInstanceOf(AssumeRoleError);
    expect(withoutRequestId(err.message)).toBe(
      `CreateTemporaryAccessKeyByAgency failed: Forbidden (HTTP 403) - the agency locked of account ${PROD_DOMAIN} refused to be assumed by these credentials: You are not authorized to perform the requested action. [request id ...]. ` +
        `the account ${PROD_DOMAIN} must delegate the agency locked to the caller's account, and the caller needs the IAM permission iam:tokens:assume (the Agent Operator role) in its own account`,
    );
    expect(err.message).toMatch(/\[request id [0-9a-f]{32}\]/);
    expect(emu.count("dcs.ListBackupRecords")).toBe(0);
  });

  it("stack config huaweicloud:assumeRole, then HW_ASSUME_ROLE_AGENCY_NAME / HW_ASSUME_ROLE_DOMAIN_NAME", async () => {
    expect((await dcs({}, ctx({ config: { "huaweicloud:assumeRole": JSON.stringify(role) } }))).outputs.backupId).toBe(record.backup_id);
    clearRoleSessions();
    expect((await dcs({}, ctx({ env: { HW_ASSUME_ROLE_AGENCY_NAME: "restore-drill", HW_ASSUME_ROLE_DOMAIN_NAME: PROD_DOMAIN } }))).outputs.backupId).toBe(
      record.backup_id,
    );
    expect(emu.count("iam.CreateTemporaryAccessKeyByAgency")).toBe(2);
  });
});

describe("profile", () => {
  let home: string;
  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "creds-home-"));
    fs.mkdirSync(path.join(home, ".aliyun"));
    fs.mkdirSync(path.join(home, ".hcloud"));
    // Keys of the production account itself, in the CLIs' config files.
    emu.credentials.alibaba.set("LTAI5tEMUPROFILEKEY", { secret: "EMU-PROFILE-ALI-SECRET-0123456789" });
    emu.roles.keyAccounts.set("LTAI5tEMUPROFILEKEY", PROD);
    emu.credentials.huawei.set("EMUPROFILEHWAKXXXXXX", { secretKey: "EMU-PROFILE-HW-SECRET-0123456789abcdef" });
    emu.roles.keyAccounts.set("EMUPROFILEHWAKXXXXXX", PROD_DOMAIN);
    fs.writeFileSync(
      path.join(home, ".aliyun", "config.json"),
      JSON.stringify({
        current: "default",
        profiles: [
          { name: "default", mode: "AK", access_key_id: "LTAI5tEMUxxxxKEYID", access_key_secret: "EMU-ALI-SECRET-0123456789abcdef", region_id: "cn-hangzhou" },
          {
            name: "prod-reader",
            mode: "AK",
            access_key_id: "LTAI5tEMUPROFILEKEY",
            access_key_secret: "EMU-PROFILE-ALI-SECRET-0123456789",
            region_id: "cn-hangzhou",
          },
        ],
      }),
    );
    fs.writeFileSync(
      path.join(home, ".hcloud", "config.json"),
      JSON.stringify({
        current: "default",
        profiles: [
          {
            name: "default",
            mode: "AKSK",
            accessKeyId: TEST_CREDENTIALS.huawei.accessKey,
            secretAccessKey: TEST_CREDENTIALS.huawei.secretKey,
            region: HW_REGION,
          },
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
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it("Alibaba: the profile argument beats the environment's keys", async () => {
    const result = await rds({ profile: "prod-reader" }, ctx({ env: { HOME: home } }));
    expect(result.outputs).toEqual({
      ...rdsEcho({ profile: "prod-reader" }),
      ...rdsOutputs(backup),
      latestBackupId: "7001",
      backupExists: true,
      resolvedAt: resolvedAt(),
    });
    expect(emu.count("sts.AssumeRole")).toBe(0);
  });

  it("Alibaba: alicloud:profile in stack config is used when the keys come from the environment; a profile plus a role assumes it with the profile's keys", async () => {
    expect((await rds({}, ctx({ env: { HOME: home }, config: { "alicloud:profile": "prod-reader" } }))).outputs.backupId).toBe("7001");
    // the default profile's key is trusted by the role
    expect((await rds({ profile: "default", assumeRole: { roleArn: ROLE } }, ctx({ env: { HOME: home } }))).outputs.backupId).toBe("7001");
    expect(emu.count("sts.AssumeRole")).toBe(1);
  });

  it("Alibaba: an unknown profile names the file and the profiles there", async () => {
    const err = await rejected(rds({ profile: "nope" }, ctx({ env: { HOME: home } })));
    expect(err.message).toBe(
      `invalid arguments for alicloud.rds.BackupSet: profile: "nope" (from argument profile): no such profile in ${path.join(home, ".aliyun", "config.json")} (profiles there: default, prod-reader)`,
    );
    expect(emu.requests).toEqual([]);
  });

  it("the emulator accepts issued temporary keys only with their security token, and only until they expire on its clock", async () => {
    const t = emu.roles.issue("huawei", PROD_DOMAIN, 900);
    const file = path.join(home, ".hcloud", "temp.json");
    const write = (token?: string) =>
      fs.writeFileSync(
        file,
        JSON.stringify({
          current: "temp",
          profiles: [{ name: "temp", mode: "AKSK", accessKeyId: t.accessKeyId, secretAccessKey: t.accessKeySecret, securityToken: token }],
        }),
      );
    const run = () => dcs({}, ctx({ env: { HOME: home, HW_SHARED_CONFIG_FILE: file, HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined } }));
    write(t.securityToken);
    expect((await run()).outputs.backupId).toBe(record.backup_id);
    write(undefined);
    expect((await rejected(run())).message).toMatch(
      /^ListBackupRecords failed: APIGW\.0301 \(HTTP 401\) - Incorrect IAM authentication information: the security token is missing or does not match the temporary AK/,
    );
    write(t.securityToken);
    clock.advance(15 * MINUTE);
    try {
      expect((await rejected(run())).message).toMatch(/^ListBackupRecords failed: APIGW\.0307 \(HTTP 401\) - The token must be updated\./);
    } finally {
      clock.advance(-15 * MINUTE);
    }
    // Alibaba's issued keys are marked expired the same way (InvalidSecurityToken.Expired).
    const a = emu.roles.issue("alibaba", PROD, 900);
    clock.advance(15 * MINUTE);
    emu.roles.expireAlibabaKeys();
    clock.advance(-15 * MINUTE);
    expect(emu.credentials.alibaba.get(a.accessKeyId)).toEqual({ secret: a.accessKeySecret, securityToken: a.securityToken, tokenExpired: true });
  });

  it("Huawei: the KooCLI profile, from the argument and from HW_PROFILE when no keys are set", async () => {
    expect((await dcs({ profile: "prod-reader" }, ctx({ env: { HOME: home } }))).outputs.backupId).toBe(record.backup_id);
    expect((await dcs({}, ctx({ env: { HOME: home, HW_PROFILE: "prod-reader", HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined } }))).outputs.backupId).toBe(
      record.backup_id,
    );
    // with keys in the environment, HW_PROFILE yields to them (the base keys do not see the instance)
    const err = await rejected(dcs({}, ctx({ env: { HOME: home, HW_PROFILE: "prod-reader" } })));
    expect(err.message).toMatch(/DCS\.3022/);
  });
});
