/**
 * Renders a lookup's outputs for stdout: JSON (the default and the machine contract), a table for people,
 * `env` lines (`BACKUP_ID='...'`) a shell can source, and `dotenv` lines (`BACKUP_ID=...`, unquoted) for a CI
 * system's own files: GitHub Actions `$GITHUB_OUTPUT` / `$GITHUB_ENV`
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-output-parameter)
 * and GitLab `artifacts:reports:dotenv` (https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv).
 *
 * The table is for people: each cell is shown `visible` (../core/visible.ts), so a backup remark holding an
 * escape sequence cannot drive the terminal. JSON keeps every value exact (JSON.stringify escapes C0 controls
 * itself and leaves DEL, C1 and bidi characters as they are: its readers are programs). `env` keeps values
 * exact inside single quotes, where a shell takes every character literally; `dotenv` refuses line breaks,
 * which would end its line.
 *
 * Secret outputs (signed download URLs) are replaced by `[secret: --show-secrets]` in every format unless
 * `showSecrets`; the key stays, so the shape of the output does not depend on the flag.
 */
import { BackupLookupError } from "../core/errors";
import { visible } from "../core/visible";
import { envName } from "./envName";

export type OutputFormat = "json" | "table" | "env" | "dotenv";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["json", "table", "env", "dotenv"];
/** What a hidden secret output shows. */
export const SECRET_MARKER = "[secret: --show-secrets]";

export interface FormatOptions {
  format: OutputFormat;
  /** The lookup's secret output names. */
  secrets: string[];
  showSecrets: boolean;
  /** `env`/`dotenv` name prefix (default `BACKUP_`). */
  envPrefix?: string;
}

export interface Formatted {
  text: string;
  /** The secret outputs that had a value and were hidden (for the note on stderr). */
  hidden: string[];
}

type Outputs = Record<string, unknown>;

/** Renders one outputs object, or a list of them (`--list`; json and table only). */
export function formatOutput(value: Outputs | Outputs[], options: FormatOptions): Formatted {
  const hidden = new Set<string>();
  const hide = (o: Outputs): Outputs => {
    if (options.showSecrets) return o;
    const out = { ...o };
    for (const k of options.secrets) {
      if (out[k] !== null && out[k] !== undefined) {
        out[k] = SECRET_MARKER;
        hidden.add(k);
      }
    }
    return out;
  };
  const shown = Array.isArray(value) ? value.map(hide) : hide(value);
  let text: string;
  if (options.format === "table") text = Array.isArray(shown) ? listTable(shown) : outputsTable(shown);
  else if (options.format === "env" || options.format === "dotenv") {
    if (Array.isArray(shown)) throw new Error(`--format ${options.format} renders one backup, not a list`);
    text = assignments(shown, options.format, options.envPrefix);
  } else text = JSON.stringify(shown, null, 2) + "\n";
  // A list table shows none of the secret columns: nothing was hidden from it.
  const shownKeys = options.format === "table" && Array.isArray(shown) ? LIST_COLUMNS : undefined;
  return { text, hidden: [...hidden].filter((k) => !shownKeys || shownKeys.includes(k)) };
}

/** A value as text: strings as they are, numbers and booleans written out, lists comma-joined, objects as JSON. */
const asText = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : Array.isArray(v) ? v.map(asText).join(",") : JSON.stringify(v);

const cell = (v: unknown) => visible(v === null || v === undefined ? "-" : asText(v));

function grid(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

function outputsTable(outputs: Outputs): string {
  return grid([["output", "value"], ...Object.entries(outputs).map(([k, v]) => [k, cell(v)])]);
}

/** Columns for a list table: the id, then whichever of these the rows carry. */
const LIST_COLUMNS = [
  "backupId",
  "backupJobId",
  "backupName",
  "backupStatus",
  "status",
  "backupStartTime",
  "backupEndTime",
  "creationTime",
  "finishTime",
  "createdAt",
  "updatedAt",
  "backupMode",
  "backupType",
  "backupMethod",
  "backupSize",
  "size",
  "ossFileSize",
  "process",
];

function listTable(rows: Outputs[]): string {
  if (rows.length === 0) return "(no matching records)\n";
  const cols = LIST_COLUMNS.filter((c) => rows.some((o) => o[c] !== undefined));
  return grid([cols, ...rows.map((o) => cols.map((c) => cell(o[c])))]);
}

/** POSIX shell single quoting: safe to `eval` or source in bash and sh. */
export function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/** One `NAME=value` line per output: `null` empty, arrays comma-joined, objects as JSON. */
function assignments(outputs: Outputs, format: "env" | "dotenv", prefix?: string): string {
  const lines: string[] = [];
  const seen = new Map<string, string>();
  for (const [k, v] of Object.entries(outputs)) {
    const name = envName(k, prefix);
    // Two outputs with one name would silently lose one: refuse (no lookup has such a pair; a guard for new ones).
    if (seen.has(name)) throw new Error(`outputs ${seen.get(name)} and ${k} both map to ${name}`);
    seen.set(name, k);
    const value = v === null || v === undefined ? "" : asText(v);
    if (format === "dotenv" && /[\r\n]/.test(value)) {
      throw new BackupLookupError(`output ${k} contains a line break, which a dotenv line cannot hold; use --format env or --format json`);
    }
    lines.push(`${name}=${format === "env" ? shellQuote(value) : value}`);
  }
  return lines.join("\n") + "\n";
}
