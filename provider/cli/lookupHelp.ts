/**
 * `backup-lookup <lookup> --help`: that lookup's flags, each with its type and default (read from the lookup's
 * schema, so they are the values the command applies) and a one-line description (generated from the doc
 * comments of the lookup's declared arguments), then the command's own flags, where credentials come
 * from, examples and the exit statuses. The layout follows cobra's flag usage (`gh`, `kubectl`): flag, type, text,
 * `(default ...)`, then an `examples:` block as `gh` prints one.
 */
import { z } from "zod";
import { commonArgsFor } from "../core/args";
import { argumentNames, schemaOf } from "../core/engine";
import type { AnyLookup } from "../core/declaration";
import { fieldFacts } from "../core/schemaFacts";
import { OUTPUT_FORMATS } from "./formatOutput";
import { camelToKebab } from "./parseCommandLine";

/** The type shown for a flag, its default, and whether it is required, from the zod field. */
export function flagType(schema: z.ZodType): { type: string; defaultValue?: unknown; required: boolean } {
  const { inner, optional, defaulted, defaultValue } = fieldFacts(schema);
  const required = !optional && !defaulted;
  const d = inner._zod.def;
  const type =
    d.type === "enum"
      ? Object.values(d.entries ?? {}).join("|")
      : d.type === "boolean"
        ? "true|false"
        : d.type === "record" || d.type === "object"
          ? "JSON"
          : d.type === "number" || d.type === "int"
            ? "number"
            : "string";
  return { type, defaultValue, required };
}

/**
 * Example values by cloud: the region a lookup of that cloud names (the common `region` argument's doc gives
 * both clouds' ids; the help of one lookup gives its own), and Huawei's project id.
 */
export const CLOUD_EXAMPLES: Record<AnyLookup["cloud"], Record<string, string>> = {
  alibaba: { region: "cn-hangzhou" },
  huawei: { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9" },
};

/**
 * Example ids of each lookup's required arguments, in the shapes the lookups accept (their argument docs:
 * `rm-...`, a DCS UUID, a Huawei RDS id ending `in01`). A declaration field (`example` beside each argument's
 * `doc` in provider/core/declaration.ts) would hold these; until then the command keeps them here.
 */
export const ID_EXAMPLES: Record<string, Record<string, string>> = {
  "alicloud.rds.BackupSet": { dbInstanceId: "rm-uf6wjk5xxxxxxxxxx" },
  "alicloud.rds.BackupTask": { dbInstanceId: "rm-uf6wjk5xxxxxxxxxx" },
  "alicloud.kvstore.BackupSet": { instanceId: "r-bp1zxszhcgatnxxxxx" },
  "alicloud.rds.UserBackupFile": {},
  "huaweicloud.dcs.BackupSet": { instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79" },
  "huaweicloud.rds.BackupSet": { instanceId: "e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01" },
};

/**
 * Two example command lines for a lookup: its required arguments and the cloud's region (and project id), with
 * `--max-age` where backups have times; then the newest few as a table (`--list --limit 5`), or for a job lookup
 * waiting for it with its progress (`--wait-for-completion --verbose`).
 */
export function examples(name: string, def: AnyLookup): string[] {
  const shape = schemaOf(def, "cli").shape as Record<string, z.ZodType>;
  const cloud: Record<string, string> = CLOUD_EXAMPLES[def.cloud];
  const ids = ID_EXAMPLES[name] ?? {};
  const names = argumentNames(def, "cli");
  const given: string[] = [];
  for (const arg of names) {
    const value = ids[arg] ?? cloud[arg] ?? (flagType(shape[arg]).required ? `<${camelToKebab(arg)}>` : undefined);
    if (value !== undefined) given.push(`--${camelToKebab(arg)} ${value}`);
  }
  const base = `backup-lookup ${name} ${given.join(" ")}`;
  return [
    def.timed ? `${base} --max-age 36h` : base,
    def.kind === "job" ? `${base} --wait-for-completion --verbose` : `${base} --list --limit 5 --format table`,
  ];
}

/** Two columns: the left padded to the widest, as cobra prints flags. */
function columns(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, r]) => `  ${l.padEnd(width)}   ${r}`.trimEnd());
}

export function lookupHelp(name: string, def: AnyLookup): string {
  const shape = schemaOf(def, "cli").shape as Record<string, z.ZodType>;
  const docs = argumentHelp(def);
  const rows: [string, string][] = [];
  const required: string[] = [];
  for (const arg of argumentNames(def, "cli")) {
    const { type, defaultValue, required: isRequired } = flagType(shape[arg]);
    const flag = `--${camelToKebab(arg)}`;
    if (isRequired) required.push(`${flag} <${type}>`);
    const text = [docs[arg] ?? "", isRequired ? "(required)" : defaultValue !== undefined ? `(default ${JSON.stringify(defaultValue)})` : ""]
      .filter(Boolean)
      .join(" ");
    rows.push([`${flag} ${type}`, text]);
  }
  const env =
    def.cloud === "alibaba"
      ? "ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN, ALIBABA_CLOUD_REGION_ID\n  (or ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_SECURITY_TOKEN, ALICLOUD_REGION)"
      : "HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME, HW_PROJECT_ID\n  (or HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID)";
  return [
    `usage: backup-lookup ${name} ${[...required, "[flags]"].join(" ")}`,
    "",
    "arguments (also as keys of --args '<JSON object>'; a flag overrides its key):",
    ...columns(rows),
    "",
    "output:",
    ...columns([
      ["--args JSON", "The arguments as the JSON object a Pulumi program passes."],
      [
        "--format " + OUTPUT_FORMATS.join("|"),
        "json: the outputs object; table: for people; env: NAME='value' lines to source; dotenv: NAME=value lines for $GITHUB_OUTPUT or a GitLab dotenv report (default \"json\")",
      ],
      ["--env-prefix string", 'Prefix of the env/dotenv names, replacing BACKUP_ (BACKUP_ID -> SRC_ID) (default "BACKUP_")'],
      ["--list", "Every candidate, newest first (json or table)."],
      ["--limit number", "With --list: only the newest N matches, 1 to 1000 (reads only what they need)."],
      ["--show-secrets", "Print the signed download URLs (hidden by default: anyone holding one can download the backup until it expires)."],
      ["--explain", "What was read (each window, pages, requests, cache hits) and each candidate's verdict, on stderr."],
      ["--verbose", "Informational notes on stderr (hidden download URLs, a job's progress) even when stderr is not a terminal."],
      ["--debug", "Requests, retries and stack traces on stderr (never a secret); implies --verbose."],
    ]),
    "",
    "examples:",
    ...examples(name, def).map((line) => `  ${line}`),
    "",
    `credentials and region from the environment: ${env}`,
    `a role or a profile (--assume-role, --profile) from the environment: ${
      def.cloud === "alibaba"
        ? "ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_ROLE_SESSION_NAME, ALIBABA_CLOUD_PROFILE, ALIBABA_CLOUD_STS_ENDPOINT\n  (or ALICLOUD_ASSUME_ROLE_ARN, ALICLOUD_ASSUME_ROLE_SESSION_NAME, ALICLOUD_PROFILE, ALICLOUD_SHARED_CREDENTIALS_FILE)"
        : "HW_ASSUME_ROLE_AGENCY_NAME, HW_ASSUME_ROLE_DOMAIN_NAME, HW_PROFILE, HW_SHARED_CONFIG_FILE, HW_AUTH_URL"
    } (docs/credentials.md)`,
    "exit status: 0 found, 2 invalid arguments, 3 no matching backup (or older than --max-age), 1 any other failure",
    "",
  ].join("\n");
}

/** The first sentence of a doc comment (not cut at `e.g.` or inside `code`), on one line. */
export function firstSentence(doc: string): string {
  const text = doc.replace(/\s+/g, " ").trim();
  for (let i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", i + 1)) {
    const before = text.slice(0, i + 1);
    if (/\b(e\.g|i\.e|etc)\.$/.test(before) || (before.match(/`/g) ?? []).length % 2 === 1) continue;
    return before;
  }
  return text;
}

/**
 * `text` for the command's help: each of the lookup's arguments `names` that it mentions written as its flag, as
 * the user types it there (`allowInsecureEndpoint` -> `--allow-insecure-endpoint`). A camelCase name is one
 * wherever it stands; a one-word name only as a whole `code` span (`since` or `status` in prose is a word). A
 * stack config key (`huaweicloud:projectId`) and a name that is not an argument of this lookup stay as they are.
 */
export function asFlags(text: string, names: readonly string[]): string {
  const known = new Set(names);
  const flag = (name: string) => `--${camelToKebab(name)}`;
  return text
    .replace(/(?<![\w:.-])[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+(?![\w:-])/g, (name) => (known.has(name) ? flag(name) : name))
    .replace(/`([a-z][a-z0-9]*)`/g, (span, name: string) => (known.has(name) ? `\`${flag(name)}\`` : span));
}

/** Help is plain text: Markdown code spans lose their backticks (a terminal shows them as they are). */
export function plainText(text: string): string {
  return text.replace(/`([^`]*)`/g, "$1");
}

/**
 * One line of help per argument of `def` on the command line: its `cli` wording, else its doc's first sentence;
 * the region's names the lookup's own cloud's region (the common doc names both clouds').
 */
export function argumentHelp(def: AnyLookup): Record<string, string> {
  const specs = { ...commonArgsFor(def, "cli"), ...def.args };
  const names = Object.keys(specs);
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = plainText(asFlags(spec.cli ?? firstSentence(spec.doc), names));
  if ("region" in out) out.region = `Region id (${CLOUD_EXAMPLES[def.cloud].region}); default: the environment (below).`;
  return out;
}
