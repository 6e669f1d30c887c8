/**
 * How "latest" is chosen (README "How latest is chosen"): filter, then newest by end time, then start time, then the larger id.
 * Ids compare as numbers when both are digit strings (RDS `"999"` < `"1000"`), otherwise as strings, which is
 * only a deterministic tie-break (UUIDs and `b-...` ids have no order).
 */
import { formatInstant } from "./time";

export interface SortKey {
  /** End time in ms (undefined sorts last). */
  end?: number;
  /** Start time in ms. */
  start?: number;
  id: string;
}

export function compareIds(a: string, b: string): number {
  const digits = /^\d+$/;
  if (digits.test(a) && digits.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when `a` is newer than `b` (so `sort(newestFirst)` puts the newest first). */
export function newestFirst(a: SortKey, b: SortKey): number {
  const byTime = (x?: number, y?: number) => (x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : y - x);
  return byTime(a.end, b.end) || byTime(a.start, b.start) || compareIds(b.id, a.id);
}

export interface Selection<C> {
  /** The winner, if any candidate passed. */
  chosen?: C;
  /** Every candidate that passed the filters, newest first. */
  matches: C[];
  /** Every record seen, newest first, each with the reason it was rejected (undefined when it passed). */
  seen: { record: C; rejected?: string }[];
}

/** Filters with `reject` (a reason string, or undefined to keep) and orders newest first. */
export function select<C>(records: C[], key: (c: C) => SortKey, reject: (c: C) => string | undefined): Selection<C> {
  const seen = records
    .map((record) => ({ record, rejected: reject(record), key: key(record) }))
    .sort((a, b) => newestFirst(a.key, b.key));
  const matches = seen.filter((s) => s.rejected === undefined).map((s) => s.record);
  return { chosen: matches[0], matches, seen: seen.map(({ record, rejected }) => ({ record, rejected })) };
}

/** "3 backups seen, newest 2026-11-20T02:00:00Z is Failed" for the no-candidate error. */
export function describeSeen<C>(
  seen: { record: C; rejected?: string }[],
  noun: string,
  key: (c: C) => SortKey,
): string {
  if (seen.length === 0) return `no ${noun}s at all`;
  const newest = seen[0];
  const k = key(newest.record);
  const when = k.end !== undefined ? formatInstant(new Date(k.end)) : k.start !== undefined ? formatInstant(new Date(k.start)) : `id ${k.id}`;
  const plural = seen.length === 1 ? noun : `${noun}s`;
  return `${seen.length} ${plural} seen, newest ${when} ${newest.rejected ?? "matches"}`;
}
