/**
 * Renders a lookup's outputs for the terminal: JSON (the default and the machine contract), a table for
 * people, and `env` lines (`BACKUP_ID='...'`) a CI step can `eval` or append to its environment file.
 */
import { camelToKebab } from "./parseCommandLine";

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

const cell = (v: unknown) => (v === null || v === undefined ? "-" : Array.isArray(v) ? v.join(",") : typeof v === "object" ? JSON.stringify(v) : String(v));

function grid(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n") + "\n";
}

/** Columns for a list table: the id, then whichever of these the rows carry. */
const LIST_COLUMNS = [
  "backupId", "backupJobId", "backupName", "backupStatus", "status", "backupStartTime", "backupEndTime", "creationTime",
  "finishTime", "createdAt", "updatedAt", "backupMode", "backupType", "backupMethod", "backupSize", "size", "ossFileSize", "process",
];

/** Secret outputs shown as `[secret]` unless `showSecrets`. */
function hide(outputs: Record<string, unknown>, secrets: string[], show: boolean): Record<string, unknown> {
  if (show) return outputs;
  const out = { ...outputs };
  for (const k of secrets) if (out[k] !== null && out[k] !== undefined) out[k] = "[secret: --show-secrets]";
  return out;
}

export function toTable(outputs: Record<string, unknown> | Record<string, unknown>[], secrets: string[], show: boolean): string {
  if (Array.isArray(outputs)) {
    if (outputs.length === 0) return "(no matching records)\n";
    const cols = LIST_COLUMNS.filter((c) => outputs.some((o) => o[c] !== undefined));
    return grid([cols, ...outputs.map((o) => cols.map((c) => cell(hide(o, secrets, show)[c])))]);
  }
  const shown = hide(outputs, secrets, show);
  return grid([["output", "value"], ...Object.entries(shown).map(([k, v]) => [k, cell(v)])]);
}

/** POSIX shell single quoting: safe to `eval`. */
export function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/** `BACKUP_ID='123'` lines, names in upper snake case; secrets left out unless `showSecrets`. */
export function toEnv(outputs: Record<string, unknown>, secrets: string[], show: boolean): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(outputs)) {
    if (!show && secrets.includes(k)) continue;
    const name = camelToKebab(k).replace(/-/g, "_").toUpperCase();
    const value = v === null || v === undefined ? "" : Array.isArray(v) ? v.join(",") : typeof v === "object" ? JSON.stringify(v) : String(v);
    lines.push(`${name}=${shellQuote(value)}`);
  }
  return lines.join("\n") + "\n";
}
