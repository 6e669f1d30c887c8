/**
 * What a lookup read and why it chose what it chose, as data (`--explain` renders it, provider/cli/explain.ts):
 * an observer passed to `runLookup` (`options.explain`), which puts it on the run's context (`ctx.explain`) so
 * the engine's listing reader (each window or whole listing read), the request path (retriedCall.ts: each
 * request sent, each answer shared from the request cache) and the selection (each candidate's verdict) report
 * to it. Nothing here decides anything: a run with an observer sends the same requests as one without.
 */
import type { Params } from "./listing";

/** One listing read whole: a window of the search, `since`'s window, the whole history, or a narrowed listing. */
export interface ExplainRead {
  /** What was listed (`DescribeBackups of RDS instance rm-1`). */
  what: string;
  /** The window as the request wrote it, in the API's format and precision (undefined: no window, the whole history). */
  window?: { from: string; to: string };
  /** Parameters narrowing the listing (RDS `BackupId`). */
  narrowed?: Params;
  pages: number;
  /** Requests sent for it (retries included). */
  requests: number;
  /** Pages answered from the process's request cache. */
  cacheHits: number;
  /** Records it held. */
  records: number;
}

/** Requests outside a listing read (a single or job lookup's own calls), per action. */
export interface ExplainCall {
  action: string;
  requests: number;
  cacheHits: number;
}

/** One candidate, newest first, with its verdict. */
export interface ExplainCandidate {
  id: string;
  /** Start and end, ms (undefined when the API gave none). */
  start?: number;
  end?: number;
  /** `chosen`, `matches` (a match older than the chosen, or listed), or why it lost (`is Failed`, `started before since (...)`). */
  verdict: string;
}

export class ExplainSink {
  readonly reads: ExplainRead[] = [];
  readonly calls: ExplainCall[] = [];
  /** Every candidate judged, newest first (set once the run selected). */
  candidates: ExplainCandidate[] = [];
  private current?: ExplainRead;

  /** A listing read begins; the requests until `endRead` are counted to it. */
  beginRead(read: { what: string; window?: { from: string; to: string }; narrowed?: Params }): void {
    this.current = { ...read, pages: 0, requests: 0, cacheHits: 0, records: 0 };
    this.reads.push(this.current);
  }

  page(records: number): void {
    if (!this.current) return;
    this.current.pages++;
    this.current.records += records;
  }

  endRead(): void {
    this.current = undefined;
  }

  /** A request left for `action` (each attempt). */
  request(action: string): void {
    if (this.current) this.current.requests++;
    else this.call(action).requests++;
  }

  /** An answer for `action` was shared from the request cache (no request sent). */
  cacheHit(action: string): void {
    if (this.current) this.current.cacheHits++;
    else this.call(action).cacheHits++;
  }

  /** Replaces the verdict of candidate `id` (the chosen one that turned out older than `maxAge`). */
  judge(id: string, verdict: string): void {
    for (const c of this.candidates) if (c.id === id) c.verdict = verdict;
  }

  private call(action: string): ExplainCall {
    let c = this.calls.find((x) => x.action === action);
    if (!c) this.calls.push((c = { action, requests: 0, cacheHits: 0 }));
    return c;
  }
}
