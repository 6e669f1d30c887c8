/**
 * Small, strict readers for wire fields, shared by every lookup's normaliser (README "Arguments and outputs": sizes and
 * counts as numbers, 0/1 and TRUE/FALSE flags as booleans, ids as strings, a value the API leaves out as null).
 */
import { formatInstant } from "./time";

/** A non-empty string, else null. */
export function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

/** A number from a number or a numeric string (`"20"`, `"100.00"`), else null. */
export function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

/** An id as a string, from a string or an integer (KVStore `BackupId`, RDS task `BackupJobId`). */
export function idString(v: unknown): string | null {
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
  return null;
}

/** `1`/`0`, `"1"`/`"0"`, `"TRUE"`/`"FALSE"`, booleans -> boolean; anything else null. */
export function flag(v: unknown): boolean | null {
  if (v === 1 || v === "1" || v === true || (typeof v === "string" && v.toUpperCase() === "TRUE")) return true;
  if (v === 0 || v === "0" || v === false || (typeof v === "string" && v.toUpperCase() === "FALSE")) return false;
  return null;
}

/** A Date as an output time, or null. */
export function isoOrNull(d: Date | undefined): string | null {
  return d ? formatInstant(d) : null;
}

/** The array at `path` of a response body (`Items.Backup`), tolerating a missing or null wrapper. */
export function listAt(body: unknown, ...path: string[]): Record<string, unknown>[] {
  let cur: unknown = body;
  for (const p of path) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
  return Array.isArray(cur) ? cur.filter((x): x is Record<string, unknown> => !!x && typeof x === "object") : [];
}

/** A required time field, parsed, or a skip reason naming the record and the field. */
export function requireTime(record: Record<string, unknown>, field: string, parse: (v: unknown) => Date | undefined, what: string): Date | string {
  const v = record[field];
  const d = parse(v);
  if (d) return d;
  return v === undefined || v === null || v === "" ? `${what} has no ${field}` : `${what} has an unparsable ${field} ${JSON.stringify(v)}`;
}

/**
 * A filter's rejection reason: `is Manual, not Automated` when `wanted` is set and `actual` differs, else
 * undefined. `what` names the field for a missing value (`is of unknown mode, not Automated`).
 */
export function mismatch(actual: string | null, wanted: string | undefined, what: string): string | undefined {
  if (wanted === undefined || actual === wanted) return undefined;
  return `is ${actual ?? `of unknown ${what}`}, not ${wanted}`;
}
