/**
 * The fault plan: scripted misbehaviour, queued per action and consumed by the next matching requests.
 *
 * ```ts
 * emulator.faults.add("rds.DescribeBackups", { kind: "throttle" }, 2); // the next two calls are throttled
 * emulator.faults.add("*", { kind: "reset" });                         // the next call of any action
 * ```
 * Each request consumes at most one fault: the first queued for its action, else the first queued for `"*"`.
 * Transport faults (`throttle`, `http`, `html`, `nonJson200`, `reset`) answer before authentication; `slow`
 * and `truncated` alter the real response; the paging faults alter the page a list handler returns.
 */

/** Throttled: Alibaba 400 `Throttling.User` / `Throttling`, or 503 `ServiceUnavailable`; Huawei 429 `APIGW.0308`. */
export interface ThrottleFault {
  kind: "throttle";
  code?: "Throttling" | "Throttling.User" | "ServiceUnavailable";
  /** Seconds, sent as a `Retry-After` header. */
  retryAfter?: number;
}
/** An error response with this status (and code / message / request id) in the cloud's error format. */
export interface HttpFault {
  kind: "http";
  status: number;
  code?: string;
  message?: string;
  /**
   * The request id the answer carries instead of a generated one: in the body where the format has one
   * (Alibaba `RequestId`, the Huawei gateway's `request_id`) and in the request-id header when it is a valid
   * header value (Node sends latin-1 without C0 controls or DEL: `\x9b` can go in a header, `\x1b` only in
   * a body). Hostile ids test that cloud text is shown `visible`.
   */
  requestId?: string;
}
/** The normal response, sent after `ms` milliseconds. */
export interface SlowFault {
  kind: "slow";
  ms: number;
}
/** The normal status and headers, but the body cut off in the middle of the JSON. */
export interface TruncatedFault {
  kind: "truncated";
}
/** A 502 HTML page from a proxy in front of the API. */
export interface HtmlFault {
  kind: "html";
}
/** HTTP 200 whose body is not JSON (a captive portal or a misrouted request). */
export interface NonJson200Fault {
  kind: "nonJson200";
}
/** The connection is destroyed without any response. */
export interface ResetFault {
  kind: "reset";
}
/** The page returned holds the records of the page before it (its paging fields still name the page asked for). */
export interface RepeatPreviousPageFault {
  kind: "repeatPreviousPage";
}
/** The total count reported on this page is off by `delta` (as if records were added or removed mid-listing). */
export interface TotalChangesFault {
  kind: "totalChanges";
  delta: number;
}
/** This page comes back with no records although the total says there are more. */
export interface EmptyPageFault {
  kind: "emptyPage";
}
/** The total count reported on this page is `total`, whatever the real number is. */
export interface TotalInflatedFault {
  kind: "totalInflated";
  total: number;
}

/** Every fault the emulator can inject. */
export type Fault =
  | ThrottleFault
  | HttpFault
  | SlowFault
  | TruncatedFault
  | HtmlFault
  | NonJson200Fault
  | ResetFault
  | RepeatPreviousPageFault
  | TotalChangesFault
  | EmptyPageFault
  | TotalInflatedFault;

/** The faults that change which records a page holds or what total it reports. */
export type PagingFault = RepeatPreviousPageFault | TotalChangesFault | EmptyPageFault | TotalInflatedFault;

/** Is this a paging fault (applied by the list handlers rather than the transport)? */
export function isPagingFault(fault: Fault): fault is PagingFault {
  return fault.kind === "repeatPreviousPage" || fault.kind === "totalChanges" || fault.kind === "emptyPage" || fault.kind === "totalInflated";
}

interface QueuedFault {
  action: string;
  fault: Fault;
  remaining: number;
}

/** The queue of faults waiting for requests. */
export class FaultPlan {
  private readonly queue: QueuedFault[] = [];

  /**
   * Queues `fault` for the next `times` requests of `action` (`"rds.DescribeBackups"`, `"rds.DescribeBackupTasks"`,
   * `"rds.ListUserBackupFiles"`, `"kvstore.DescribeBackups"`, `"dcs.ListBackupRecords"`, `"huaweiRds.ListBackups"`,
   * or `"*"` for any).
   */
  add(action: string, fault: Fault, times = 1): this {
    if (!Number.isInteger(times) || times < 1) throw new Error(`faults.add: times must be a positive integer, got ${times}`);
    this.queue.push({ action, fault, remaining: times });
    return this;
  }

  /** Consumes and returns the fault for the next request of `action`, if any is queued. */
  take(action: string): Fault | undefined {
    const index = this.queue.findIndex((q) => q.action === action);
    const entry = index >= 0 ? this.queue[index] : this.queue.find((q) => q.action === "*");
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.queue.splice(this.queue.indexOf(entry), 1);
    return entry.fault;
  }

  /** How many fault uses are still queued (for one action, or in total). */
  pending(action?: string): number {
    return this.queue.filter((q) => action === undefined || q.action === action).reduce((n, q) => n + q.remaining, 0);
  }

  /** Drops every queued fault. */
  clear(): void {
    this.queue.length = 0;
  }
}
