/**
 * How "latest" is chosen (README "How latest is chosen"): filter, then newest by end time, then start time, then the larger id.
 * Ids compare as numbers when both are digit strings (RDS `"999"` < `"1000"`), otherwise as strings, which is
 * only a deterministic tie-break (UUIDs and `b-...` ids have no order).
 */
import { formatInstant, parseDuration } from "./time";

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
  const seen = records.map((record) => ({ record, rejected: reject(record), key: key(record) })).sort((a, b) => newestFirst(a.key, b.key));
  const matches = seen.filter((s) => s.rejected === undefined).map((s) => s.record);
  return { chosen: matches[0], matches, seen: seen.map(({ record, rejected }) => ({ record, rejected })) };
}

/** How many of the newest candidates a "no match" or "too old" error names. */
export const SEEN_NAMED = 3;

/**
 * "3 backups seen; newest: 640000779 (2026-11-20T02:17:31Z) is Failed; 640000778 (...) is not available (IsAvail
 * 0); ..." for the no-candidate and too-old errors: how many were seen, then the newest few (SEEN_NAMED), each
 * with its end time (else its start) and why it lost. `verdict` may override a record's own reason (the chosen
 * one's "is older than maxAge 36h").
 */
export function describeSeen<C>(
  seen: { record: C; rejected?: string }[],
  noun: string,
  key: (c: C) => SortKey,
  verdict?: (c: C) => string | undefined,
): string {
  if (seen.length === 0) return `no ${noun}s at all`;
  const plural = seen.length === 1 ? noun : `${noun}s`;
  const named = seen.slice(0, SEEN_NAMED).map(({ record, rejected }) => {
    const k = key(record);
    const t = k.end ?? k.start;
    return `${k.id}${t !== undefined ? ` (${formatInstant(new Date(t))})` : ""} ${verdict?.(record) ?? rejected ?? "matches"}`;
  });
  return `${seen.length} ${plural} seen; newest: ${named.join("; ")}`;
}

/**
 * Why a candidate that started at `start` (ms) is outside the `since`/`until` window (both on the start time), or
 * undefined. A candidate without a start is outside unless `unknownStartPasses` (the mocks judge only what an answer
 * gives).
 */
export function outsideWindow(start: number | undefined, window: { since?: Date; until?: Date }, unknownStartPasses = false): string | undefined {
  const { since, until } = window;
  if (start === undefined && unknownStartPasses) return undefined;
  if (since && (start === undefined || start < since.getTime())) return `started before since (${formatInstant(since)})`;
  if (until && (start === undefined || start > until.getTime())) return `started after until (${formatInstant(until)})`;
  return undefined;
}

/**
 * How old a chosen candidate is when `maxAge` (a duration) says it is too old: its end (else its start) in ms,
 * undefined when it has neither, and its age at `nowMs`; undefined when it is young enough.
 */
export function beyondMaxAge(key: SortKey, maxAge: string, nowMs: number): { end: number | undefined; ageMs: number } | undefined {
  const end = key.end ?? key.start;
  const ageMs = end === undefined ? Infinity : nowMs - end;
  return ageMs > parseDuration(maxAge)! ? { end, ageMs } : undefined;
}
