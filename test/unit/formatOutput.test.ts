import { outputNames } from "../../provider/core/declaration";
/**
 * `--format env` / `dotenv` names and values, and the secret marker, table-driven; every lookup's outputs and
 * arguments map to distinct variable names.
 */
import { execFileSync } from "node:child_process";
import { argumentNames } from "../../provider/core/engine";
import { LOOKUPS } from "../../provider/lookups";
import { envName } from "../../provider/cli/envName";
import { SECRET_MARKER, formatOutput, shellQuote } from "../../provider/cli/formatOutput";

test.each([
  ["backupId", undefined, "BACKUP_ID"],
  ["backupEndTime", undefined, "BACKUP_END_TIME"],
  ["dbInstanceId", undefined, "BACKUP_DB_INSTANCE_ID"],
  ["status", undefined, "BACKUP_STATUS"],
  ["backupIds", undefined, "BACKUP_IDS"],
  ["latestBackupId", undefined, "BACKUP_LATEST_BACKUP_ID"],
  ["ossUrl", undefined, "BACKUP_OSS_URL"],
  ["backupId", "SRC_", "SRC_ID"],
  ["endpoint", "SRC_", "SRC_ENDPOINT"],
  ["backupDownloadUrl", "DST", "DSTDOWNLOAD_URL"],
] as const)("envName(%s, %s) = %s", (output, prefix, name) => {
  expect(envName(output, prefix)).toBe(name);
});

test("no two outputs or arguments of one lookup share a variable name", () => {
  for (const def of Object.values(LOOKUPS)) {
    const keys = [...new Set([...argumentNames(def, "cli"), ...outputNames(def), "latestBackupId", "backupExists", "resolvedAt"])];
    // huaweicloud.rds.BackupSet's `name` filter (the contract's name) and its `backupName` output share BACKUP_NAME:
    // the filter is exact, so when it is given both hold the same value.
    const names = keys.filter((k) => !(def.name === "huaweicloud.rds.BackupSet" && k === "name")).map((k) => envName(k));
    expect({ lookup: def.name, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({ lookup: def.name, duplicates: [] });
  }
});

const outputs = {
  backupId: "5003",
  comment: 'it\'s "nightly"; $(rm -rf /)',
  backupIds: ["1", "2"],
  tags: { env: "prod" },
  consistentTime: null,
  backupDownloadUrl: "https://x/b?Signature=abc&Expires=1",
  backupIntranetDownloadUrl: null,
};
const secrets = ["backupDownloadUrl", "backupIntranetDownloadUrl"];

test.each([
  [
    "env",
    false,
    [
      "BACKUP_ID='5003'",
      `BACKUP_COMMENT='it'\\''s "nightly"; $(rm -rf /)'`,
      "BACKUP_IDS='1,2'",
      `BACKUP_TAGS='{"env":"prod"}'`,
      "BACKUP_CONSISTENT_TIME=''",
      `BACKUP_DOWNLOAD_URL='${SECRET_MARKER}'`,
      "BACKUP_INTRANET_DOWNLOAD_URL=''",
    ],
    ["backupDownloadUrl"],
  ],
  [
    "env",
    true,
    [
      "BACKUP_ID='5003'",
      `BACKUP_COMMENT='it'\\''s "nightly"; $(rm -rf /)'`,
      "BACKUP_IDS='1,2'",
      `BACKUP_TAGS='{"env":"prod"}'`,
      "BACKUP_CONSISTENT_TIME=''",
      "BACKUP_DOWNLOAD_URL='https://x/b?Signature=abc&Expires=1'",
      "BACKUP_INTRANET_DOWNLOAD_URL=''",
    ],
    [],
  ],
  [
    "dotenv",
    false,
    [
      "BACKUP_ID=5003",
      `BACKUP_COMMENT=it's "nightly"; $(rm -rf /)`,
      "BACKUP_IDS=1,2",
      `BACKUP_TAGS={"env":"prod"}`,
      "BACKUP_CONSISTENT_TIME=",
      `BACKUP_DOWNLOAD_URL=${SECRET_MARKER}`,
      "BACKUP_INTRANET_DOWNLOAD_URL=",
    ],
    ["backupDownloadUrl"],
  ],
] as const)("--format %s (show secrets: %s)", (format, showSecrets, lines, hidden) => {
  expect(formatOutput(outputs, { format, secrets, showSecrets })).toEqual({ text: lines.join("\n") + "\n", hidden });
});

test("json keeps every key; a hidden URL is the marker, an absent one stays null", () => {
  expect(JSON.parse(formatOutput(outputs, { format: "json", secrets, showSecrets: false }).text)).toEqual({ ...outputs, backupDownloadUrl: SECRET_MARKER });
  expect(formatOutput([outputs, outputs], { format: "json", secrets, showSecrets: false }).hidden).toEqual(["backupDownloadUrl"]);
  expect(formatOutput([outputs], { format: "table", secrets, showSecrets: false }).hidden).toEqual([]);
});

test("a dotenv value with a line break is refused (a dotenv line cannot hold it)", () => {
  expect(() => formatOutput({ remark: "a\nb" }, { format: "dotenv", secrets: [], showSecrets: false })).toThrow(
    "output remark contains a line break, which a dotenv line cannot hold; use --format env or --format json",
  );
});

test.each(["bash", "sh"])("%s reads back every value of --format env exactly", (shell) => {
  const { text } = formatOutput(outputs, { format: "env", secrets, showSecrets: true });
  const read = execFileSync(shell, ["-c", `${text}\nprintf '%s|' "$BACKUP_COMMENT" "$BACKUP_DOWNLOAD_URL" "$BACKUP_TAGS" "$BACKUP_IDS"`], { encoding: "utf8" });
  expect(read).toBe(`${outputs.comment}|${outputs.backupDownloadUrl}|{"env":"prod"}|1,2|`);
  expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
});
