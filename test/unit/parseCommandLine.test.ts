/**
 * The command line parser, table-driven: argv -> positionals and flags (splitArgv), then flags -> the lookup's
 * arguments and the command's options (parseCommandLine), and every refusal with its exact issue.
 */
import { InvalidArgumentsError } from "../../provider/core/errors";
import { LOOKUPS, lookupNamed } from "../../provider/lookups";
import { ALIBABA_HELP } from "../../provider/clouds/alibaba/credentials";
import { CommandLine, booleanArgumentFlags, parseCommandLine, splitArgv } from "../../provider/cli/parseCommandLine";

const LOOKUP_NAMES = new Set(Object.keys(LOOKUPS));
const BOOLEANS = booleanArgumentFlags(Object.values(LOOKUPS));

describe("splitArgv", () => {
  const cases: [string, string[], { positionals: string[]; flags: [string, string | undefined][] }][] = [
    [
      "a lookup and a flag with its value",
      ["alicloud.rds.BackupSet", "--db-instance-id", "rm-1"],
      { positionals: ["alicloud.rds.BackupSet"], flags: [["db-instance-id", "rm-1"]] },
    ],
    ["--flag=value", ["x", "--max-age=36h"], { positionals: ["x"], flags: [["max-age", "36h"]] }],
    [
      "a value that starts with -- is not taken",
      ["x", "--backup-id", "--list"],
      {
        positionals: ["x"],
        flags: [
          ["backup-id", undefined],
          ["list", undefined],
        ],
      },
    ],
    ["switches take no value", ["--list", "alicloud.rds.BackupSet"], { positionals: ["alicloud.rds.BackupSet"], flags: [["list", undefined]] }],
    ["a switch takes true/false", ["x", "--list", "false"], { positionals: ["x"], flags: [["list", "false"]] }],
    [
      "--version and --help are switches",
      ["--version", "x", "--help"],
      {
        positionals: ["x"],
        flags: [
          ["version", undefined],
          ["help", undefined],
        ],
      },
    ],
    ["-h is --help", ["x", "-h"], { positionals: ["x"], flags: [["help", undefined]] }],
    [
      "a boolean argument alone before the lookup name",
      ["--require-available", "alicloud.rds.BackupSet"],
      { positionals: ["alicloud.rds.BackupSet"], flags: [["require-available", undefined]] },
    ],
    [
      "a boolean argument takes a bad word (reported later)",
      ["x", "--require-available", "maybe"],
      { positionals: ["x"], flags: [["require-available", "maybe"]] },
    ],
    ["everything after -- is positional", ["x", "--", "--list"], { positionals: ["x", "--list"], flags: [] }],
    [
      "--format and --env-prefix take values",
      ["x", "--format", "env", "--env-prefix", "SRC_"],
      {
        positionals: ["x"],
        flags: [
          ["format", "env"],
          ["env-prefix", "SRC_"],
        ],
      },
    ],
  ];
  test.each(cases)("%s", (_name, argv, expected) => {
    expect(splitArgv(argv, BOOLEANS, LOOKUP_NAMES)).toEqual(expected);
  });
});

describe("parseCommandLine", () => {
  const RDS = "alicloud.rds.BackupSet";
  const parse = (lookup: string, argv: string[]) => parseCommandLine(lookupNamed(lookup)!, lookup, splitArgv(argv, BOOLEANS, LOOKUP_NAMES).flags);
  const base: Omit<CommandLine, "args" | "fromFlags" | "lookup"> = {
    list: false,
    format: "json",
    showSecrets: false,
    debug: false,
    explain: false,
    verbose: false,
    help: false,
    version: false,
  };

  const accepted: [string, string, string[], Partial<Omit<CommandLine, "fromFlags">> & { args: Record<string, unknown>; fromFlags: string[] }][] = [
    [
      "kebab flags become camelCase arguments",
      RDS,
      ["--db-instance-id", "rm-1", "--backup-mode", "Manual"],
      { args: { dbInstanceId: "rm-1", backupMode: "Manual" }, fromFlags: ["dbInstanceId", "backupMode"] },
    ],
    [
      "a boolean flag alone is true; =false is false",
      RDS,
      ["--require-available=false", "--allow-insecure-endpoint"],
      { args: { requireAvailable: false, allowInsecureEndpoint: true }, fromFlags: ["requireAvailable", "allowInsecureEndpoint"] },
    ],
    [
      "--args, and a flag overrides its key",
      RDS,
      ["--args", '{"dbInstanceId":"rm-1","backupMode":"Manual"}', "--backup-mode", "Automated"],
      { args: { dbInstanceId: "rm-1", backupMode: "Automated" }, fromFlags: ["backupMode"] },
    ],
    ["an object flag takes JSON", "alicloud.rds.UserBackupFile", ["--tags", '{"env":"prod"}'], { args: { tags: { env: "prod" } }, fromFlags: ["tags"] }],
    [
      "the command's options",
      RDS,
      ["--list", "--format", "table", "--show-secrets", "--debug"],
      { args: {}, fromFlags: [], list: true, format: "table", showSecrets: true, debug: true },
    ],
    ["env with a prefix", RDS, ["--format", "env", "--env-prefix", "SRC_"], { args: {}, fromFlags: [], format: "env", envPrefix: "SRC_" }],
    ["dotenv", RDS, ["--format=dotenv"], { args: {}, fromFlags: [], format: "dotenv" }],
    [
      "--refresh goes on to the lookup's validation (which says it is resource-only)",
      RDS,
      ["--refresh", "always"],
      { args: { refresh: "always" }, fromFlags: ["refresh"] },
    ],
    ["--list --limit N", RDS, ["--list", "--limit", "5"], { args: {}, fromFlags: [], list: true, limit: 5 }],
    ["--explain and --verbose are switches", RDS, ["--explain", "--verbose"], { args: {}, fromFlags: [], explain: true, verbose: true }],
    ["--explain=false, --verbose false", RDS, ["--explain=false", "--verbose", "false"], { args: {}, fromFlags: [] }],
    [
      "an enumerated flag matches case-insensitively: the canonical value",
      RDS,
      ["--backup-status", "success", "--backup-mode", "MANUAL", "--backup-method", "physical"],
      { args: { backupStatus: "Success", backupMode: "Manual", backupMethod: "Physical" }, fromFlags: ["backupStatus", "backupMode", "backupMethod"] },
    ],
    ["a lower-case API's value too (DCS status)", "huaweicloud.dcs.BackupSet", ["--status", "Succeed"], { args: { status: "succeed" }, fromFlags: ["status"] }],
    ["--args stays exact (it is the object a program passes)", RDS, ["--args", '{"backupMode":"manual"}'], { args: { backupMode: "manual" }, fromFlags: [] }],
    ["--since on BackupTask goes on to the lookup's validation", "alicloud.rds.BackupTask", ["--since", "7d"], { args: { since: "7d" }, fromFlags: ["since"] }],
  ];
  test.each(accepted)("%s", (_name, lookup, argv, expected) => {
    const { fromFlags, ...rest } = expected;
    expect(parse(lookup, argv)).toEqual({ ...base, lookup, ...rest, fromFlags: new Set(fromFlags) });
  });

  const refused: [string, string, string[], { argument: string; reason: string }[]][] = [
    [
      "a misspelt flag, as typed",
      RDS,
      ["--db-instnace-id", "rm-1"],
      [{ argument: "--db-instnace-id", reason: `unknown flag; did you mean --db-instance-id? (see backup-lookup ${RDS} --help)` }],
    ],
    [
      "a camelCase flag",
      RDS,
      ["--backupMode", "Manual"],
      [{ argument: "--backupMode", reason: `unknown flag; did you mean --backup-mode? (see backup-lookup ${RDS} --help)` }],
    ],
    [
      "a misspelt command flag",
      RDS,
      ["--fromat", "env"],
      [{ argument: "--fromat", reason: `unknown flag; did you mean --format? (see backup-lookup ${RDS} --help)` }],
    ],
    ["nothing close", RDS, ["--loudly"], [{ argument: "--loudly", reason: `unknown flag (see backup-lookup ${RDS} --help)` }]],
    [
      "--limit without --list",
      RDS,
      ["--limit", "5"],
      [{ argument: "--limit", reason: "applies only to --list (the newest N matches); without --list the command prints the newest one" }],
    ],
    ["--limit 0", RDS, ["--list", "--limit", "0"], [{ argument: "--limit", reason: 'must be a whole number from 1 to 1000, got "0"' }]],
    ["--limit 1001", RDS, ["--list", "--limit", "1001"], [{ argument: "--limit", reason: 'must be a whole number from 1 to 1000, got "1001"' }]],
    ["--limit not a number", RDS, ["--list", "--limit", "ten"], [{ argument: "--limit", reason: 'must be a whole number from 1 to 1000, got "ten"' }]],
    ["--limit without a value", RDS, ["--list", "--limit"], [{ argument: "--limit", reason: 'must be a whole number from 1 to 1000, got ""' }]],
    [
      "an unknown enumerated value: the nearest",
      RDS,
      ["--backup-mode", "automatic"],
      [{ argument: "--backup-mode", reason: 'must be one of "Automated", "Manual", got "automatic"; did you mean "Automated"?' }],
    ],
    [
      "an unknown enumerated value, nothing near",
      RDS,
      ["--backup-mode", "x"],
      [{ argument: "--backup-mode", reason: 'must be one of "Automated", "Manual", got "x"' }],
    ],
    [
      "a credential flag, never echoed",
      RDS,
      ["--access-key-secret", "s3cr3t"],
      [{ argument: "--access-key-secret", reason: ALIBABA_HELP.credentialsNotArguments.cli }],
    ],
    ["--format unknown", RDS, ["--format", "yaml"], [{ argument: "--format", reason: 'must be json, table, env or dotenv, got "yaml"' }]],
    [
      "--env-prefix empty",
      RDS,
      ["--format", "env", "--env-prefix", ""],
      [{ argument: "--env-prefix", reason: 'must start a shell variable name (letters, digits, _; not a digit first), such as SRC_, got ""' }],
    ],
    [
      "--env-prefix with a dash",
      RDS,
      ["--format", "env", "--env-prefix", "SRC-"],
      [{ argument: "--env-prefix", reason: 'must start a shell variable name (letters, digits, _; not a digit first), such as SRC_, got "SRC-"' }],
    ],
    ["--env-prefix without env", RDS, ["--env-prefix", "SRC_"], [{ argument: "--env-prefix", reason: "applies only to --format env or dotenv" }]],
    ["--list with env", RDS, ["--list", "--format", "env"], [{ argument: "--format", reason: "env cannot be combined with --list" }]],
    ["a boolean with a bad word", RDS, ["--require-available", "yes"], [{ argument: "--require-available", reason: 'must be true or false, got "yes"' }]],
    [
      "an object flag not JSON",
      "alicloud.rds.UserBackupFile",
      ["--tags", "env=prod"],
      [{ argument: "--tags", reason: 'takes a JSON object, e.g. --tags \'{"env":"prod"}\'' }],
    ],
    ["a value missing", RDS, ["--db-instance-id"], [{ argument: "--db-instance-id", reason: "needs a value" }]],
    ["--args not an object", RDS, ["--args", "[1]"], [{ argument: "--args", reason: "is not a JSON object (got an array)" }]],
    [
      "several problems, all reported",
      RDS,
      ["--db-instnace-id", "rm-1", "--format", "xml", "--require-available", "maybe"],
      [
        { argument: "--db-instnace-id", reason: `unknown flag; did you mean --db-instance-id? (see backup-lookup ${RDS} --help)` },
        { argument: "--format", reason: 'must be json, table, env or dotenv, got "xml"' },
        { argument: "--require-available", reason: 'must be true or false, got "maybe"' },
      ],
    ],
  ];
  test.each(refused)("%s", (_name, lookup, argv, issues) => {
    let err: unknown;
    try {
      parse(lookup, argv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect((err as InvalidArgumentsError).issues).toEqual(issues);
    expect((err as InvalidArgumentsError).exitStatus).toBe(2);
    expect((err as Error).message).not.toContain("s3cr3t");
  });
});
