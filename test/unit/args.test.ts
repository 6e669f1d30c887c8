/**
 * Argument parsing (provider/core/args.ts through the engine's `parseArgs`), directly: defaults, id shapes,
 * the common rules, and the exact messages (argument, what was wrong, what is allowed). Did-you-mean lives in
 * provider/core/didYouMean.ts.
 */
import { parseArgs } from "../../provider/core/engine";
import { InvalidArgumentsError } from "../../provider/core/errors";
import { didYouMean, distance } from "../../provider/core/didYouMean";
import { LOOKUPS } from "../../provider/lookups";

const NOW = new Date("2026-11-30T12:00:00Z");
const RDS = LOOKUPS["alicloud.rds.BackupSet"];
const KV = LOOKUPS["alicloud.kvstore.BackupSet"];
const TASK = LOOKUPS["alicloud.rds.BackupTask"];

function issues(def: typeof RDS, input: unknown, form: "resource" | "function" | "cli" = "function") {
  try {
    parseArgs(def, input, form, NOW);
  } catch (err) {
    if (err instanceof InvalidArgumentsError) return err.issues;
    throw err;
  }
  return [];
}

describe("parseArgs", () => {
  test("defaults are filled in", () => {
    expect(parseArgs(RDS, { dbInstanceId: "rm-uf6wjk5xxxxxxx" }, "function", NOW)).toEqual({
      dbInstanceId: "rm-uf6wjk5xxxxxxx",
      backupStatus: "Success",
      requireAvailable: true,
    });
    expect(parseArgs(TASK, { dbInstanceId: "rm-uf6wjk5xxxxxxx" }, "function", NOW)).toEqual({
      dbInstanceId: "rm-uf6wjk5xxxxxxx",
      waitForCompletion: false,
      timeout: "30m",
      pollInterval: "10s",
    });
  });

  test("a numeric id given as a number is carried as a string", () => {
    expect(parseArgs(KV, { instanceId: "r-bp1zxszhcgatnxxxxx", backupId: 111111111 }, "function", NOW)).toMatchObject({ backupId: "111111111" });
  });

  test.each([
    ["missing instance", RDS, {}, [{ argument: "dbInstanceId", reason: "is required" }]],
    [
      "a Redis id for RDS",
      RDS,
      { dbInstanceId: "r-bp1zxszhcgatnxxxxx" },
      [{ argument: "dbInstanceId", reason: '"r-bp1zxszhcgatnxxxxx" is a Redis/Tair (KVStore) instance id; use alicloud.kvstore.BackupSet' }],
    ],
    [
      "an RDS id for KVStore",
      KV,
      { instanceId: "rm-uf6wjk5xxxxxxx" },
      [{ argument: "instanceId", reason: '"rm-uf6wjk5xxxxxxx" is an RDS instance id; use alicloud.rds.BackupSet' }],
    ],
    [
      "a typo",
      RDS,
      { dbInstanceId: "rm-uf6wjk5xxxxxxx", backupMod: "Manual" },
      [
        {
          argument: "backupMod",
          reason: `unknown argument; did you mean backupMode? (allowed: ${Object.keys({ region: 1, endpoint: 1, allowInsecureEndpoint: 1, since: 1, until: 1, maxAge: 1, assumeRole: 1, profile: 1, dbInstanceId: 1, backupId: 1, backupStatus: 1, backupMode: 1, backupType: 1, backupMethod: 1, requireAvailable: 1 }).join(", ")})`,
        },
      ],
    ],
    [
      "a bad enum",
      RDS,
      { dbInstanceId: "rm-uf6wjk5xxxxxxx", backupMode: "manual" },
      [{ argument: "backupMode", reason: 'must be one of "Automated", "Manual", got "manual"' }],
    ],
    [
      "a bad duration",
      RDS,
      { dbInstanceId: "rm-uf6wjk5xxxxxxx", maxAge: "3 days" },
      [{ argument: "maxAge", reason: 'must be a duration such as "36h", "7d" or "2w" (units s, m, h, d, w), got "3 days"' }],
    ],
    [
      "since after until",
      RDS,
      { dbInstanceId: "rm-uf6wjk5xxxxxxx", since: "1d", until: "2d" },
      [{ argument: "since", reason: "must be earlier than until (since 1d, until 2d)" }],
    ],
    [
      "since in the future",
      RDS,
      { dbInstanceId: "rm-uf6wjk5xxxxxxx", since: "2027-01-01T00:00:00Z" },
      [{ argument: "since", reason: "must not be in the future (got 2027-01-01T00:00:00Z)" }],
    ],
    [
      "plain http to a remote host",
      RDS,
      { dbInstanceId: "rm-uf6wjk5xxxxxxx", endpoint: "http://rds.example.com" },
      [
        {
          argument: "endpoint",
          reason:
            "plain http is allowed only for loopback hosts (127.0.0.1, localhost, [::1]); use https, or set allowInsecureEndpoint: true to send signed requests to rds.example.com unencrypted",
        },
      ],
    ],
    ["not an object", RDS, "rm-uf6wjk5xxxxxxx", [{ argument: "", reason: "arguments must be an object, got string" }]],
    [
      "since on a lookup without times",
      TASK,
      { dbInstanceId: "rm-uf6wjk5xxxxxxx", since: "1d" },
      [{ argument: "since", reason: "does not apply to alicloud.rds.BackupTask: the API returns no times for backup jobs", code: "notApplicable" }],
    ],
  ])("%s", (_name, def, input, expected) => {
    expect(issues(def, input)).toEqual(expected);
  });

  test("refresh applies only to the resource form", () => {
    expect(issues(RDS, { dbInstanceId: "rm-uf6wjk5xxxxxxx", refresh: "always" }, "resource")).toEqual([]);
    expect(issues(RDS, { dbInstanceId: "rm-uf6wjk5xxxxxxx", refresh: "always" }, "function")).toEqual([
      { argument: "refresh", reason: "applies only to the resource form (new alicloud.rds.BackupSet(...))", code: "notApplicable" },
    ]);
  });

  test("a credential passed as an argument is refused with a pointer to the config keys", () => {
    const [issue] = issues(RDS, { dbInstanceId: "rm-uf6wjk5xxxxxxx", accessKey: "x" });
    expect(issue.argument).toBe("accessKey");
    expect(issue.reason).toMatch(/^credentials are never lookup arguments/);
  });
});

describe("didYouMean", () => {
  test.each([
    ["backupMod", ["backupMode", "backupType"], "backupMode"],
    ["dbinstanceid", ["dbInstanceId"], "dbInstanceId"],
    ["zzzzzz", ["backupMode"], undefined],
    ["x", [], undefined],
  ])("%s", (key, known, expected) => {
    expect(didYouMean(key, known)).toBe(expected);
  });

  test("distance is Levenshtein, case-insensitive", () => {
    expect([distance("kitten", "sitting"), distance("ABC", "abc"), distance("", "abc")]).toEqual([3, 0, 3]);
  });
});
