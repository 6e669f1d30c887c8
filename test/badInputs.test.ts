/**
 * One table of bad inputs across the five lookups, in the function form (in-process) and on the command line.
 * Each is refused before any API call: in-process with an InvalidArgumentsError whose message and `.issues`
 * are asserted exactly, on the command line with exit 2 and the exact stderr line; and the emulator (every
 * endpoint points at it, so an input that slipped through would be counted) sees no request at all.
 */
import { startEmulator, type Emulator } from "./emulator";
import { ArgumentIssue, InvalidArgumentsError } from "../provider/core/errors";
import { ALIBABA_HELP } from "../provider/clouds/alibaba/credentials";
import { CliResult, runCli } from "./support/cli";
import {
  ALI_CREDENTIALS_REFUSED,
  DCS_SET,
  HW_CREDENTIALS_REFUSED,
  KVSTORE_SET,
  RDS_SET,
  RDS_TASK,
  USER_FILE,
  failure,
  isoSeconds,
  lookup,
  lookupContext,
  realNow,
} from "./support/lookupEnv";

const RDS_ID = "rm-bp1badinput01";
const KV_ID = "r-bp1badinput01";
const DCS_ID = "5560df16-cebf-4473-95c4-d1b573c16e79";

const INSTANT = (got: string) =>
  `must be an ISO-8601 instant such as "2026-11-01T00:00:00Z" or a duration back from now such as "7d", got ${JSON.stringify(got)}`;
const DURATION = (got: string) => `must be a duration such as "36h", "7d" or "2w" (units s, m, h, d, w), got ${JSON.stringify(got)}`;
const ALLOWED = {
  [RDS_SET]:
    "region, endpoint, allowInsecureEndpoint, since, until, maxAge, assumeRole, profile, dbInstanceId, backupId, backupStatus, backupMode, backupType, backupMethod, requireAvailable",
  [USER_FILE]: "region, endpoint, allowInsecureEndpoint, since, until, maxAge, assumeRole, profile, backupId, status, comment, ossUrl, tags, resourceGroupId",
  [DCS_SET]: "region, endpoint, allowInsecureEndpoint, since, until, maxAge, assumeRole, profile, instanceId, projectId, status, backupType, requireRestorable",
};
const RDS_ID_HELP = 'must be an RDS instance id such as "rm-uf6wjk5xxxxxxx" or "pgm-bp1xxxxxxx"';
const HTTP_ONLY_LOOPBACK = (host: string) =>
  `plain http is allowed only for loopback hosts (127.0.0.1, localhost, [::1]); use https, or set allowInsecureEndpoint: true to send signed requests to ${host} unencrypted`;
const ENDPOINT_HELP = (got: string) =>
  `must be an absolute http(s) URL without credentials, such as "https://rds-vpc.cn-hangzhou.aliyuncs.com", got ${JSON.stringify(got)}`;
/** The command's wording: credentials are environment variables, never flags. */
const ALI_CLI_CREDENTIALS = ALIBABA_HELP.credentialsNotArguments.cli;
const LOOKUP_NAMES =
  "alicloud.kvstore.BackupSet, alicloud.rds.BackupSet, alicloud.rds.BackupTask, alicloud.rds.UserBackupFile, huaweicloud.dcs.BackupSet, huaweicloud.rds.BackupSet";

/** The parser's own message for `text` (its wording varies between Node versions; the child runs this Node). */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}

let emu: Emulator;
let now: Date;
const FUTURE = isoSeconds(Date.now() + 30 * 86_400_000);

/** In the function form: the lookup's arguments. */
interface FunctionCase {
  form: "function";
  lookup: string;
  args: unknown;
  issues: ArgumentIssue[];
}
/** On the command line: argv after the lookup name (`--endpoint <emulator>` comes first); stderr is one line. */
interface CliCase {
  form: "cli";
  argv: string[];
  /** The lookup whose "invalid arguments" line is expected, with these issues ... */
  lookup?: string;
  issues?: ArgumentIssue[];
  /** ... or this exact line. */
  line?: string;
  /** Text that must not appear anywhere in the output (a credential passed as a flag). */
  absent?: string;
}
type Case = [string, FunctionCase | CliCase];

const fn = (lookup: string, args: unknown, ...issues: ArgumentIssue[]): FunctionCase => ({ form: "function", lookup, args, issues });
const cli = (argv: string[], lookup: string, ...issues: ArgumentIssue[]): CliCase => ({ form: "cli", argv, lookup, issues });
const issue = (argument: string, reason: string, code?: ArgumentIssue["code"]): ArgumentIssue => ({ argument, reason, ...(code ? { code } : {}) });
const rds = (extra: Record<string, unknown>) => ({ dbInstanceId: RDS_ID, ...extra });

const cases: Case[] = [
  // ---------------------------------------------------------------- alicloud.rds.BackupSet, function form
  ["RDS: dbInstanceId missing", fn(RDS_SET, {}, issue("dbInstanceId", "is required"))],
  ["RDS: dbInstanceId a number", fn(RDS_SET, { dbInstanceId: 5 }, issue("dbInstanceId", "must be a string, got number 5"))],
  ["RDS: dbInstanceId empty", fn(RDS_SET, { dbInstanceId: "" }, issue("dbInstanceId", 'must not be empty (an RDS instance id such as "rm-uf6wjk5xxxxxxx")'))],
  [
    "RDS: dbInstanceId blank",
    fn(RDS_SET, { dbInstanceId: "   " }, issue("dbInstanceId", 'must not be empty (an RDS instance id such as "rm-uf6wjk5xxxxxxx")')),
  ],
  [
    "RDS: a KVStore id",
    fn(
      RDS_SET,
      { dbInstanceId: "r-bp1abcdefg" },
      issue("dbInstanceId", '"r-bp1abcdefg" is a Redis/Tair (KVStore) instance id; use alicloud.kvstore.BackupSet'),
    ),
  ],
  [
    "RDS: a Huawei id",
    fn(RDS_SET, { dbInstanceId: DCS_ID }, issue("dbInstanceId", `"${DCS_ID}" is a Huawei Cloud id; use huaweicloud.dcs.BackupSet for DCS instances`)),
  ],
  ["RDS: not an id", fn(RDS_SET, { dbInstanceId: "my database" }, issue("dbInstanceId", `${RDS_ID_HELP}, got "my database"`))],
  [
    "RDS: unknown argument, did you mean",
    fn(RDS_SET, rds({ backupMod: "Manual" }), issue("backupMod", `unknown argument; did you mean backupMode? (allowed: ${ALLOWED[RDS_SET]})`)),
  ],
  [
    "RDS: unknown argument in another case",
    fn(RDS_SET, rds({ dbinstanceid: RDS_ID }), issue("dbinstanceid", `unknown argument; did you mean dbInstanceId? (allowed: ${ALLOWED[RDS_SET]})`)),
  ],
  [
    "RDS: invalid enum, the allowed list",
    fn(RDS_SET, rds({ backupMode: "manual" }), issue("backupMode", 'must be one of "Automated", "Manual", got "manual"')),
  ],
  [
    "RDS: invalid backupMethod",
    fn(RDS_SET, rds({ backupMethod: "Binlog" }), issue("backupMethod", 'must be one of "Physical", "Logical", "Snapshot", got "Binlog"')),
  ],
  ["RDS: invalid backupStatus", fn(RDS_SET, rds({ backupStatus: "OK" }), issue("backupStatus", 'must be one of "Success", "Failed", got "OK"'))],
  ["RDS: requireAvailable a string", fn(RDS_SET, rds({ requireAvailable: "yes" }), issue("requireAvailable", 'must be a boolean, got string "yes"'))],
  ["RDS: backupId a number", fn(RDS_SET, rds({ backupId: 321020562 }), issue("backupId", "must be a string, got number 321020562"))],
  [
    "RDS: backupId not digits",
    fn(RDS_SET, rds({ backupId: "b-abc" }), issue("backupId", 'must be an RDS backup set id (digits such as "321020562"), got "b-abc"')),
  ],
  ["since with a space", fn(RDS_SET, rds({ since: "7 d" }), issue("since", INSTANT("7 d")))],
  ["since 0h", fn(RDS_SET, rds({ since: "0h" }), issue("since", INSTANT("0h")))],
  ["since 1y (no year unit)", fn(RDS_SET, rds({ since: "1y" }), issue("since", INSTANT("1y")))],
  ["since empty", fn(RDS_SET, rds({ since: "" }), issue("since", INSTANT("")))],
  ["since 2026-02-30", fn(RDS_SET, rds({ since: "2026-02-30" }), issue("since", INSTANT("2026-02-30")))],
  ["since without a zone", fn(RDS_SET, rds({ since: "2026-11-01T00:00:00" }), issue("since", INSTANT("2026-11-01T00:00:00")))],
  ["until a number", fn(RDS_SET, rds({ until: 1795000000 }), issue("until", "must be a string, got number 1795000000"))],
  [
    "since after until",
    fn(
      RDS_SET,
      rds({ since: "2026-01-10T00:00:00Z", until: "2026-01-01T00:00:00Z" }),
      issue("since", "must be earlier than until (since 2026-01-10T00:00:00Z, until 2026-01-01T00:00:00Z)"),
    ),
  ],
  [
    "since after until (durations)",
    fn(KVSTORE_SET, { instanceId: KV_ID, since: "1d", until: "2d" }, issue("since", "must be earlier than until (since 1d, until 2d)")),
  ],
  ["since in the future", fn(RDS_SET, rds({ since: FUTURE }), issue("since", `must not be in the future (got ${FUTURE})`))],
  ["maxAge an instant", fn(RDS_SET, rds({ maxAge: "2026-11-01T00:00:00Z" }), issue("maxAge", DURATION("2026-11-01T00:00:00Z")))],
  ["maxAge 0d", fn(RDS_SET, rds({ maxAge: "0d" }), issue("maxAge", DURATION("0d")))],
  ["http:// to a non-loopback host", fn(RDS_SET, rds({ endpoint: "http://rds.example.com" }), issue("endpoint", HTTP_ONLY_LOOPBACK("rds.example.com")))],
  [
    "http:// to a private address",
    fn(DCS_SET, { instanceId: DCS_ID, endpoint: "http://10.0.0.5:8080" }, issue("endpoint", HTTP_ONLY_LOOPBACK("10.0.0.5:8080"))),
  ],
  ["an ftp:// endpoint", fn(RDS_SET, rds({ endpoint: "ftp://rds.example.com" }), issue("endpoint", ENDPOINT_HELP("ftp://rds.example.com")))],
  [
    "an endpoint with credentials in it",
    fn(
      RDS_SET,
      rds({ endpoint: "https://ak:sk@rds.example.com" }),
      issue("endpoint", 'must not carry user info (user:password@): credentials never go in the endpoint URL; got "https://***@rds.example.com"'),
    ),
  ],
  [
    "an endpoint with user info and no scheme",
    fn(
      RDS_SET,
      rds({ endpoint: "ak:s3cr3t@rds.example.com" }),
      issue("endpoint", 'must not carry user info (user:password@): credentials never go in the endpoint URL; got "***@rds.example.com"'),
    ),
  ],
  ["an endpoint that is not a URL", fn(RDS_SET, rds({ endpoint: "rds.aliyuncs.com" }), issue("endpoint", ENDPOINT_HELP("rds.aliyuncs.com")))],
  ["allowInsecureEndpoint a string", fn(RDS_SET, rds({ allowInsecureEndpoint: "yes" }), issue("allowInsecureEndpoint", 'must be a boolean, got string "yes"'))],
  [
    "region not a region id",
    fn(RDS_SET, rds({ region: "Hangzhou" }), issue("region", 'must be a region id such as "cn-hangzhou" or "cn-north-4", got "Hangzhou"')),
  ],
  ["credentials as arguments: accessKey", fn(RDS_SET, rds({ accessKey: "LTAI5tLEAKED" }), issue("accessKey", ALI_CREDENTIALS_REFUSED, "credentialArgument"))],
  ["credentials as arguments: secretKey", fn(RDS_SET, rds({ secretKey: "leaked-secret" }), issue("secretKey", ALI_CREDENTIALS_REFUSED, "credentialArgument"))],
  [
    "credentials as arguments: securityToken",
    fn(RDS_SET, rds({ securityToken: "CAISleaked" }), issue("securityToken", ALI_CREDENTIALS_REFUSED, "credentialArgument")),
  ],
  [
    "credentials as arguments: access_key_id",
    fn(KVSTORE_SET, { instanceId: KV_ID, access_key_id: "LTAI5t" }, issue("access_key_id", ALI_CREDENTIALS_REFUSED, "credentialArgument")),
  ],
  ["credentials as arguments: Huawei sk", fn(DCS_SET, { instanceId: DCS_ID, sk: "leaked" }, issue("sk", HW_CREDENTIALS_REFUSED, "credentialArgument"))],
  [
    "refresh in the function form",
    fn(RDS_SET, rds({ refresh: "pin" }), issue("refresh", "applies only to the resource form (new alicloud.rds.BackupSet(...))", "notApplicable")),
  ],
  ["arguments null", fn(RDS_SET, null, issue("", "arguments must be an object, got null"))],
  ["arguments an array", fn(RDS_SET, [RDS_ID], issue("", "arguments must be an object, got array"))],
  ["arguments a string", fn(RDS_SET, RDS_ID, issue("", "arguments must be an object, got string"))],
  [
    "several problems at once, all reported",
    fn(RDS_SET, { dbInstanceId: "", since: "1y", backupMode: "x", token: "t" }, issue("", ""), issue("", ""), issue("", ""), issue("", "")),
  ],
  // ---------------------------------------------------------------- alicloud.rds.BackupTask
  [
    "BackupTask: since does not apply",
    fn(RDS_TASK, rds({ since: "7d" }), issue("since", "does not apply to alicloud.rds.BackupTask: the API returns no times for backup jobs", "notApplicable")),
  ],
  [
    "BackupTask: until does not apply",
    fn(
      RDS_TASK,
      rds({ until: "2026-11-01T00:00:00Z" }),
      issue("until", "does not apply to alicloud.rds.BackupTask: the API returns no times for backup jobs", "notApplicable"),
    ),
  ],
  [
    "BackupTask: maxAge does not apply",
    fn(
      RDS_TASK,
      rds({ maxAge: "7d" }),
      issue("maxAge", "does not apply to alicloud.rds.BackupTask: the API returns no times for backup jobs", "notApplicable"),
    ),
  ],
  [
    "BackupTask: backupJobId not digits",
    fn(RDS_TASK, rds({ backupJobId: "job-1" }), issue("backupJobId", 'must be a backup job id (digits such as "4762614"), got "job-1"')),
  ],
  [
    "BackupTask: backupJobId negative",
    fn(RDS_TASK, rds({ backupJobId: -1 }), issue("backupJobId", 'must be a backup job id (digits such as "4762614"), got "-1"')),
  ],
  [
    "BackupTask: backupJobStatus Finished",
    fn(RDS_TASK, rds({ backupJobStatus: "Finished" }), issue("backupJobStatus", 'must be one of "NoStart", "Progressing", got "Finished"')),
  ],
  ["BackupTask: timeout not a duration", fn(RDS_TASK, rds({ timeout: "forever" }), issue("timeout", DURATION("forever")))],
  [
    "BackupTask: waitForCompletion a string",
    fn(RDS_TASK, rds({ waitForCompletion: "true" }), issue("waitForCompletion", 'must be a boolean, got string "true"')),
  ],
  [
    "BackupTask: a Huawei id",
    fn(RDS_TASK, { dbInstanceId: DCS_ID }, issue("dbInstanceId", `"${DCS_ID}" is a Huawei Cloud id; use huaweicloud.dcs.BackupSet for DCS instances`)),
  ],
  // ---------------------------------------------------------------- alicloud.rds.UserBackupFile
  [
    "UserBackupFile: backupId of the wrong shape",
    fn(USER_FILE, { backupId: "321020562" }, issue("backupId", 'must be a user backup id such as "b-kwwvr7v8t7ofxxxx", got "321020562"')),
  ],
  [
    "UserBackupFile: status from another API",
    fn(USER_FILE, { status: "Success" }, issue("status", 'must be one of "Importing", "Failed", "CheckSuccess", "BackupSuccess", "Deleted", got "Success"')),
  ],
  ["UserBackupFile: comment empty", fn(USER_FILE, { comment: "" }, issue("comment", "must not be empty; leave it out to match any remark"))],
  ["UserBackupFile: ossUrl not a URL", fn(USER_FILE, { ossUrl: "backup_qp.xb" }, issue("ossUrl", 'must be the file\'s OSS URL, got "backup_qp.xb"'))],
  ["UserBackupFile: tags as a k:v string", fn(USER_FILE, { tags: "env:prod" }, issue("tags", 'must be a record, got string "env:prod"'))],
  [
    "UserBackupFile: a tag key with a colon",
    fn(USER_FILE, { tags: { "env:x": "prod" } }, issue("tags.env:x", "tag keys must be non-empty and contain no ':' or ','")),
  ],
  ["UserBackupFile: a tag value with a comma", fn(USER_FILE, { tags: { env: "a,b" } }, issue("tags.env", "tag values must contain no ','"))],
  ["UserBackupFile: a tag value a number", fn(USER_FILE, { tags: { env: 5 } }, issue("tags.env", "must be a string, got number 5"))],
  [
    "UserBackupFile: resourceGroupId",
    fn(USER_FILE, { resourceGroupId: "default" }, issue("resourceGroupId", 'must be a resource group id such as "rg-acfmyxxxx", got "default"')),
  ],
  [
    "UserBackupFile: dbInstanceId is not one of its arguments",
    fn(USER_FILE, { dbInstanceId: RDS_ID }, issue("dbInstanceId", `unknown argument (allowed: ${ALLOWED[USER_FILE]})`)),
  ],
  // ---------------------------------------------------------------- alicloud.kvstore.BackupSet
  ["KVStore: instanceId missing", fn(KVSTORE_SET, {}, issue("instanceId", "is required"))],
  ["KVStore: an RDS id", fn(KVSTORE_SET, { instanceId: RDS_ID }, issue("instanceId", `"${RDS_ID}" is an RDS instance id; use alicloud.rds.BackupSet`))],
  [
    "KVStore: a Huawei id",
    fn(KVSTORE_SET, { instanceId: DCS_ID }, issue("instanceId", `"${DCS_ID}" is a Huawei Cloud id; use huaweicloud.dcs.BackupSet for DCS instances`)),
  ],
  [
    "KVStore: backupId not an integer",
    fn(KVSTORE_SET, { instanceId: KV_ID, backupId: 1.5 }, issue("backupId", 'must be a KVStore backup id (an integer such as 111111111), got "1.5"')),
  ],
  [
    "KVStore: backupId text",
    fn(KVSTORE_SET, { instanceId: KV_ID, backupId: "x1" }, issue("backupId", 'must be a KVStore backup id (an integer such as 111111111), got "x1"')),
  ],
  [
    "KVStore: backupMethod Snapshot (RDS only)",
    fn(KVSTORE_SET, { instanceId: KV_ID, backupMethod: "Snapshot" }, issue("backupMethod", 'must be one of "Logical", "Physical", got "Snapshot"')),
  ],
  ["KVStore: nodeInstanceId empty", fn(KVSTORE_SET, { instanceId: KV_ID, nodeInstanceId: "" }, issue("nodeInstanceId", "must not be empty"))],
  // ---------------------------------------------------------------- huaweicloud.dcs.BackupSet
  [
    "DCS: an Alibaba id",
    fn(
      DCS_SET,
      { instanceId: RDS_ID },
      issue("instanceId", `"${RDS_ID}" is an Alibaba Cloud id; DCS instance ids are UUIDs such as "5560df16-cebf-4473-95c4-d1b573c16e79"`),
    ),
  ],
  [
    "DCS: not a UUID",
    fn(DCS_SET, { instanceId: "dcs-1" }, issue("instanceId", 'must be a DCS instance id (a UUID such as "5560df16-cebf-4473-95c4-d1b573c16e79"), got "dcs-1"')),
  ],
  [
    "DCS: projectId of the wrong shape",
    fn(DCS_SET, { instanceId: DCS_ID, projectId: "my-project" }, issue("projectId", 'must be a Huawei Cloud project id (32 hex characters), got "my-project"')),
  ],
  [
    "DCS: status spelled as on Alibaba",
    fn(
      DCS_SET,
      { instanceId: DCS_ID, status: "Success" },
      issue("status", 'must be one of "waiting", "backuping", "succeed", "failed", "expired", "deleted", got "Success"'),
    ),
  ],
  [
    "DCS: backupType capitalised",
    fn(DCS_SET, { instanceId: DCS_ID, backupType: "Manual" }, issue("backupType", 'must be one of "manual", "auto", got "Manual"')),
  ],
  ["DCS: requireRestorable 1", fn(DCS_SET, { instanceId: DCS_ID, requireRestorable: 1 }, issue("requireRestorable", "must be a boolean, got number 1"))],
  [
    "DCS: snake_case argument, did you mean",
    fn(
      DCS_SET,
      { instance_id: DCS_ID },
      issue("instanceId", "is required"),
      issue("instance_id", `unknown argument; did you mean instanceId? (allowed: ${ALLOWED[DCS_SET]})`),
    ),
  ],
  // ---------------------------------------------------------------- the command line
  [
    "CLI: unknown lookup, did you mean",
    {
      form: "cli",
      argv: ["alicloud.rds.BackupSt", "--db-instance-id", RDS_ID],
      line: `backup-lookup: unknown lookup "alicloud.rds.BackupSt"; did you mean alicloud.rds.BackupSet? (one of ${LOOKUP_NAMES})`,
    },
  ],
  [
    "CLI: unknown lookup, lower case",
    {
      form: "cli",
      argv: ["alicloud.kvstore.backupset"],
      line: `backup-lookup: unknown lookup "alicloud.kvstore.backupset"; did you mean alicloud.kvstore.BackupSet? (one of ${LOOKUP_NAMES})`,
    },
  ],
  [
    "CLI: unknown lookup, nothing close",
    { form: "cli", argv: ["aws.rds.Snapshot"], line: `backup-lookup: unknown lookup "aws.rds.Snapshot" (one of ${LOOKUP_NAMES})` },
  ],
  [
    "CLI: a positional argument",
    {
      form: "cli",
      argv: [RDS_SET, RDS_ID],
      line: `backup-lookup: unexpected argument "${RDS_ID}"; arguments are flags (--db-instance-id rm-123) or --args '{...}'`,
    },
  ],
  [
    "CLI: malformed --args JSON",
    cli([RDS_SET, "--args", "{dbInstanceId:rm-1}"], RDS_SET, issue("--args", `is not a JSON object (${jsonError("{dbInstanceId:rm-1}")})`)),
  ],
  ["CLI: --args an array", cli([RDS_SET, "--args", `["${RDS_ID}"]`], RDS_SET, issue("--args", "is not a JSON object (got an array)"))],
  ["CLI: --args null", cli([RDS_SET, "--args", "null"], RDS_SET, issue("--args", "is not a JSON object (got null)"))],
  ["CLI: --args a number", cli([RDS_SET, "--args", "5"], RDS_SET, issue("--args", "is not a JSON object (got number)"))],
  ["CLI: --args without a value", cli([RDS_SET, "--args"], RDS_SET, issue("--args", 'needs a JSON object, e.g. --args \'{"dbInstanceId":"rm-123"}\''))],
  [
    "CLI: --args with a credential",
    cli(
      [RDS_SET, "--args", JSON.stringify({ dbInstanceId: RDS_ID, accessKeySecret: "SECRET-IN-ARGS-123" })],
      RDS_SET,
      issue("accessKeySecret (in --args)", ALI_CLI_CREDENTIALS),
    ),
  ],
  [
    "CLI: --format xml",
    cli([RDS_SET, "--db-instance-id", RDS_ID, "--format", "xml"], RDS_SET, issue("--format", 'must be json, table, env or dotenv, got "xml"')),
  ],
  [
    "CLI: --list with --format env",
    cli([RDS_SET, "--db-instance-id", RDS_ID, "--list", "--format", "env"], RDS_SET, issue("--format", "env cannot be combined with --list")),
  ],
  [
    "CLI: a boolean flag with another word",
    cli([RDS_SET, "--db-instance-id", RDS_ID, "--require-available", "maybe"], RDS_SET, issue("--require-available", 'must be true or false, got "maybe"')),
  ],
  ["CLI: --tags not JSON", cli([USER_FILE, "--tags", "env:prod"], USER_FILE, issue("--tags", 'takes a JSON object, e.g. --tags \'{"env":"prod"}\''))],
  ["CLI: a flag without its value", cli([RDS_SET, "--db-instance-id"], RDS_SET, issue("--db-instance-id", "needs a value"))],
  [
    "CLI: an unknown flag without a value",
    cli([RDS_SET, "--db-instance-id", RDS_ID, "--loudly"], RDS_SET, issue("--loudly", `unknown flag (see backup-lookup ${RDS_SET} --help)`)),
  ],
  [
    "CLI: a misspelt flag, did you mean",
    cli(
      [RDS_SET, "--db-instanse-id", RDS_ID],
      RDS_SET,
      issue("--db-instanse-id", `unknown flag; did you mean --db-instance-id? (see backup-lookup ${RDS_SET} --help)`),
    ),
  ],
  [
    "CLI: --refresh",
    cli(
      [RDS_SET, "--db-instance-id", RDS_ID, "--refresh", "always"],
      RDS_SET,
      issue("--refresh", "applies only to the resource form (new alicloud.rds.BackupSet(...))"),
    ),
  ],
  [
    "CLI: --access-key (the value never echoed)",
    {
      ...cli([RDS_SET, "--db-instance-id", RDS_ID, "--access-key", "LTAI5tFLAGLEAK01"], RDS_SET, issue("--access-key", ALI_CLI_CREDENTIALS)),
      absent: "LTAI5tFLAGLEAK01",
    },
  ],
  [
    "CLI: --secret-key and --security-token",
    {
      ...cli(
        [RDS_SET, "--db-instance-id", RDS_ID, "--secret-key", "FLAG-SECRET-0001", "--security-token", "FLAG-TOKEN-0001"],
        RDS_SET,
        issue("--secret-key", ALI_CLI_CREDENTIALS),
        issue("--security-token", ALI_CLI_CREDENTIALS),
      ),
      absent: "FLAG-",
    },
  ],
  ["CLI: --since with a space", cli([RDS_SET, "--db-instance-id", RDS_ID, "--since", "7 d"], RDS_SET, issue("--since", INSTANT("7 d")))],
  [
    "CLI: --since in the future",
    cli([KVSTORE_SET, "--instance-id", KV_ID, "--since", FUTURE], KVSTORE_SET, issue("--since", `must not be in the future (got ${FUTURE})`)),
  ],
  [
    "CLI: --since after --until",
    cli(
      [DCS_SET, "--instance-id", DCS_ID, "--since", "2026-03-01", "--until", "2026-02-01"],
      DCS_SET,
      issue("--since", "must be earlier than until (since 2026-03-01, until 2026-02-01)"),
    ),
  ],
  ["CLI: --max-age 1y", cli([RDS_SET, "--db-instance-id", RDS_ID, "--max-age", "1y"], RDS_SET, issue("--max-age", DURATION("1y")))],
  [
    "CLI: --endpoint http:// to a remote host",
    cli([RDS_SET, "--db-instance-id", RDS_ID, "--endpoint", "http://rds.aliyuncs.com"], RDS_SET, issue("--endpoint", HTTP_ONLY_LOOPBACK("rds.aliyuncs.com"))),
  ],
  [
    "CLI: --since on BackupTask",
    cli(
      [RDS_TASK, "--db-instance-id", RDS_ID, "--since", "7d"],
      RDS_TASK,
      issue("--since", "does not apply to alicloud.rds.BackupTask: the API returns no times for backup jobs"),
    ),
  ],
  [
    "CLI: --wait-for-completion maybe",
    cli(
      [RDS_TASK, "--db-instance-id", RDS_ID, "--wait-for-completion", "maybe"],
      RDS_TASK,
      issue("--wait-for-completion", 'must be true or false, got "maybe"'),
    ),
  ],
  ["CLI: --timeout forever", cli([RDS_TASK, "--db-instance-id", RDS_ID, "--timeout", "forever"], RDS_TASK, issue("--timeout", DURATION("forever")))],
  [
    "CLI: KVStore --backup-id not an integer",
    cli(
      [KVSTORE_SET, "--instance-id", KV_ID, "--backup-id", "x1"],
      KVSTORE_SET,
      issue("--backup-id", 'must be a KVStore backup id (an integer such as 111111111), got "x1"'),
    ),
  ],
  [
    "CLI: DCS with an Alibaba id",
    cli(
      [DCS_SET, "--instance-id", KV_ID],
      DCS_SET,
      issue("--instance-id", `"${KV_ID}" is an Alibaba Cloud id; DCS instance ids are UUIDs such as "5560df16-cebf-4473-95c4-d1b573c16e79"`),
    ),
  ],
  [
    "CLI: DCS status from Alibaba",
    cli(
      [DCS_SET, "--instance-id", DCS_ID, "--status", "Success"],
      DCS_SET,
      issue("--status", 'must be one of "waiting", "backuping", "succeed", "failed", "expired", "deleted", got "Success"; did you mean "succeed"?'),
    ),
  ],
  [
    "CLI: a camelCase flag, did you mean",
    cli(
      [RDS_SET, "--dbInstanceId", RDS_ID],
      RDS_SET,
      issue("--dbInstanceId", `unknown flag; did you mean --db-instance-id? (see backup-lookup ${RDS_SET} --help)`),
    ),
  ],
  [
    "CLI: a typo of a command flag",
    cli(
      [RDS_SET, "--db-instance-id", RDS_ID, "--show-secret"],
      RDS_SET,
      issue("--show-secret", `unknown flag; did you mean --show-secrets? (see backup-lookup ${RDS_SET} --help)`),
    ),
  ],
  [
    "CLI: --endpoint with user info (the password never echoed)",
    {
      ...cli(
        [RDS_SET, "--db-instance-id", RDS_ID, "--endpoint", "https://admin:Pa55-LEAK@rds.example.com/"],
        RDS_SET,
        issue("--endpoint", 'must not carry user info (user:password@): credentials never go in the endpoint URL; got "https://***@rds.example.com/"'),
      ),
      absent: "Pa55-LEAK",
    },
  ],
  [
    "CLI: --env-prefix not a name",
    cli(
      [RDS_SET, "--db-instance-id", RDS_ID, "--format", "env", "--env-prefix", "1-SRC"],
      RDS_SET,
      issue("--env-prefix", 'must start a shell variable name (letters, digits, _; not a digit first), such as SRC_, got "1-SRC"'),
    ),
  ],
  [
    "CLI: --env-prefix with --format json",
    cli([RDS_SET, "--db-instance-id", RDS_ID, "--env-prefix", "SRC_"], RDS_SET, issue("--env-prefix", "applies only to --format env or dotenv")),
  ],
  [
    "CLI: --list with --format dotenv",
    cli([RDS_SET, "--db-instance-id", RDS_ID, "--list", "--format", "dotenv"], RDS_SET, issue("--format", "dotenv cannot be combined with --list")),
  ],
  [
    "CLI: a bad value given in --args is named as written there",
    cli(
      [RDS_SET, "--args", JSON.stringify({ dbInstanceId: RDS_ID, backupMode: "manual" })],
      RDS_SET,
      issue("backupMode (in --args)", 'must be one of "Automated", "Manual", got "manual"'),
    ),
  ],
  [
    "CLI: an empty --db-instance-id",
    cli([RDS_SET, "--db-instance-id", ""], RDS_SET, issue("--db-instance-id", 'must not be empty (an RDS instance id such as "rm-uf6wjk5xxxxxxx")')),
  ],
];

// "several problems at once": the exact issues, common arguments first, unknown ones last
const several = cases.find(([n]) => n === "several problems at once, all reported")![1] as FunctionCase;
several.issues = [
  issue("since", INSTANT("1y")),
  issue("dbInstanceId", 'must not be empty (an RDS instance id such as "rm-uf6wjk5xxxxxxx")'),
  issue("backupMode", 'must be one of "Automated", "Manual", got "x"'),
  issue("token", ALI_CREDENTIALS_REFUSED, "credentialArgument"),
];

const messageOf = (lookupName: string, issues: ArgumentIssue[]) =>
  `invalid arguments for ${lookupName}: ` + issues.map((i) => (i.argument ? `${i.argument}: ${i.reason}` : i.reason)).join("; ");

const cliResults = new Map<string, CliResult>();

beforeAll(async () => {
  emu = await startEmulator({ seed: 5 });
  now = realNow();
  // Every command-line case at once (they are independent); any request they made would be counted.
  await Promise.all(
    cases
      .filter((c): c is [string, CliCase] => c[1].form === "cli")
      .map(async ([name, c]) => {
        const [first, ...rest] = c.argv;
        cliResults.set(name, await runCli([first, "--endpoint", emu.url, ...rest]));
      }),
  );
});
afterAll(async () => {
  await emu.close();
});

it("the table has at least 45 cases, over all five lookups and the command line", () => {
  expect(cases.length).toBeGreaterThanOrEqual(45);
  expect(new Set(cases.map(([n]) => n)).size).toBe(cases.length);
  const lookups = new Set(cases.map(([, c]) => (c.form === "function" ? c.lookup : (c.lookup ?? "cli"))));
  expect([...lookups].sort()).toEqual([...[RDS_SET, RDS_TASK, USER_FILE, KVSTORE_SET, DCS_SET].sort(), "cli"].sort());
  expect(cases.filter(([, c]) => c.form === "cli").length).toBeGreaterThanOrEqual(20);
});

describe.each(cases)("%s", (name, c) => {
  it(
    c.form === "function" ? "InvalidArgumentsError with the exact message and issues; no request" : "exit 2 with the exact stderr line; no request",
    async () => {
      if (c.form === "function") {
        const args = c.args && typeof c.args === "object" && !Array.isArray(c.args) && !("endpoint" in c.args) ? { endpoint: emu.url, ...c.args } : c.args;
        const expectedIssues = c.issues;
        const err = await failure(lookup(c.lookup, args, lookupContext({ now })));
        expect(err).toBeInstanceOf(InvalidArgumentsError);
        expect(err.exitStatus).toBe(2);
        expect(err.issues).toEqual(expectedIssues);
        expect(err.message).toBe(messageOf(c.lookup, expectedIssues));
      } else {
        const r = cliResults.get(name)!;
        const line = c.line ?? `backup-lookup ${c.lookup}: ${messageOf(c.lookup!, c.issues!)}`;
        expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 2, stdout: "", stderr: line + "\n" });
        if (c.absent) expect(r.stdout + r.stderr).not.toContain(c.absent);
      }
      expect(emu.count()).toBe(0);
    },
  );
});
