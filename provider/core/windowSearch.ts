/**
 * Finding the newest usable candidate with the fewest requests, in any record order (issue 15).
 *
 * The APIs' windows select records by START time, and a backup is assumed to run at most
 * MAX_BACKUP_DURATION_MS: a record started before `from` ended before `from + 48 h`. So once every record of a
 * window [from, top] is read, the window SETTLES a candidate that ended at or after `from + 48 h` (plus, for
 * grouped records, the time one job's shards spread over): nothing outside the window can beat it. Only whole
 * windows are read, never a sample of the history's first page, so the cost depends on the history alone, not
 * on the order the API returns records in.
 *
 * 1. Window A = [top - 48 h - 26 h (- spread), end], every page; `end` is `top`, or later: without `until` the
 *    engine passes now + 15 min, since a runner's clock may be that far behind the API's (apiClock.ts). When a usable backup ended within the last day
 *    (and 2 hours: RECENT_MS) it settles here: ONE request whenever the window fits one page (at the largest
 *    page size).
 * 2. Otherwise the search steps back window by window, each [next, from] read whole:
 *    - `next` is sized from what the windows read so far hold (records per hour, counting one more than seen
 *      so that a rate from a handful of records errs short) to fill about 90% of one page, so each step costs
 *      one request (10% leaves room for the density to vary);
 *    - when an unsettled best candidate is already known, the step reaches only as far as settling it needs
 *      (its end - 48 h - spread; for grouped records one more 48 h, so the job before it, whose shard count
 *      judges it complete, is whole too), if that is nearer;
 *    - when the windows so far hold nothing, or a step came back less than half full (the history is thinning
 *      out), the next step is the whole rest of the history at once.
 *    It ends when a candidate settles or the history's start is reached (then every record was read).
 *
 * With M records newer than the winner this reads about ceil(M / (0.9 P)) + 2 requests (P the largest page
 * size); bench.ts prints each history's cost beside its floor and the bound min(ceil(M / P) + 3, a full scan
 * + 1). Backups running longer than 48 h are found with `since`, which bounds the search to one window.
 */
import { newestFirst } from "./select";
import type { Candidate } from "./engine";
import type { Raw } from "./listing";

/** The longest a backup is assumed to run (start to end). Longer ones are found with `since`. */
export const MAX_BACKUP_DURATION_MS = 48 * 3_600_000;
/**
 * A backup that ended within this long before `top` settles in the first window: a day, plus 2 hours because
 * the newest run of a daily schedule is a little over a day old just before the next run ends (its start
 * varies by minutes, runs take up to hours), and a daily schedule should always cost one request.
 */
export const RECENT_MS = 26 * 3_600_000;
/** Each step back aims at this share of a page. */
const FILL = 0.9;
/** No step spans less than this (the APIs' windows have minute precision). */
const MIN_STEP_MS = 3_600_000;

export interface WindowSearch<R extends Candidate> {
  /** Where the search is measured from: its first window starts 48 h + 26 h before it (`until`, else now). */
  top: Date;
  /**
   * The end of the first window, when later than `top`: now + the clock skew a signed request may have
   * (apiClock.ts), so that a backup started in the runner's future by the API's clock is read. Default `top`.
   */
  end?: Date;
  /** The start of the whole history (no window starts earlier). */
  earliest: Date;
  /** The largest page size. */
  pageSize: number;
  /** Reads every page of the window [from, to]; returns its records (de-duplicated). */
  read(from: Date, to: Date): Promise<Raw[]>;
  /** A record's id, to merge windows. */
  idOf(raw: Raw): string;
  /** Records read so far -> candidates (grouping shards into jobs). */
  candidates(raws: Raw[]): R[];
  /** The newest candidate passing every filter, if any. */
  best(candidates: R[]): R | undefined;
  /** Set for grouped records (KVStore jobs): how far one job's shards spread in start time. */
  spreadMs?: number;
}

/**
 * Whether the records of the window [from, ...] settle `winner` (see the file header). For grouped records the
 * winner is judged complete against its older neighbour too, so that neighbour must be whole in the window.
 */
export function settles<R extends Candidate>(winner: R | undefined, candidates: R[], from: number, spreadMs: number | undefined): boolean {
  if (!winner || winner.key.end === undefined) return false;
  const edge = spreadMs ?? 0;
  if (winner.key.end < from + MAX_BACKUP_DURATION_MS + edge) return false;
  if (spreadMs === undefined) return true;
  const older = candidates.filter((c) => newestFirst(c.key, winner.key) > 0).sort((a, b) => newestFirst(a.key, b.key))[0];
  return older !== undefined && older.key.start !== undefined && older.key.start >= from + edge;
}

/** Runs the search; returns the candidates of every record read (the winner among them when one settled). */
export async function windowSearch<R extends Candidate>(s: WindowSearch<R>): Promise<R[]> {
  const top = s.top.getTime();
  const end = s.end ?? s.top;
  const earliest = s.earliest.getTime();
  const edge = s.spreadMs ?? 0;
  const raws = new Map<string, Raw>();
  const add = (records: Raw[]) => {
    for (const r of records) raws.set(s.idOf(r), r);
    return records.length;
  };

  let from = Math.max(earliest, top - MAX_BACKUP_DURATION_MS - RECENT_MS - edge);
  let held = add(await s.read(new Date(from), end));
  let lastStep: number | undefined;
  for (;;) {
    const candidates = s.candidates([...raws.values()]);
    const winner = s.best(candidates);
    if (from <= earliest || settles(winner, candidates, from, s.spreadMs)) return candidates;

    let next: number;
    if (held === 0 || (lastStep !== undefined && lastStep < (FILL * s.pageSize) / 2)) next = earliest;
    else {
      // One record more than seen: a rate from a handful of records errs towards the shorter step.
      const perMs = (held + 1) / (end.getTime() - from);
      next = from - Math.max(MIN_STEP_MS, (FILL * s.pageSize) / perMs);
      if (winner?.key.end !== undefined) {
        const settling = winner.key.end - MAX_BACKUP_DURATION_MS - edge - (s.spreadMs !== undefined ? MAX_BACKUP_DURATION_MS : 0);
        if (settling < from) next = Math.max(next, settling - 60_000);
      }
      next = Math.max(earliest, next);
    }
    lastStep = add(await s.read(new Date(next), new Date(from)));
    held += lastStep;
    from = next;
  }
}
