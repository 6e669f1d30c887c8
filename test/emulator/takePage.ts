/**
 * Cutting one page out of a listing, with the paging faults applied. Shared by the three paged APIs
 * (RDS and KVStore `DescribeBackups` by page number, DCS by offset).
 */
import type { PagingFault } from "./faults";

/** One page and the total the response reports. */
export interface Page<T> {
  items: T[];
  /** What the response's total field says (all matches, unless a fault says otherwise). */
  total: number;
}

/**
 * The records `[offset, offset + size)` of `all`, and the total to report.
 * @param fault a paging fault consumed by this request, if any
 */
export function takePage<T>(all: readonly T[], offset: number, size: number, fault?: PagingFault): Page<T> {
  const start = fault?.kind === "repeatPreviousPage" ? Math.max(0, offset - size) : offset;
  const items = fault?.kind === "emptyPage" ? [] : all.slice(start, start + size);
  let total = all.length;
  if (fault?.kind === "totalChanges") total = Math.max(0, total + fault.delta);
  if (fault?.kind === "totalInflated") total = fault.total;
  return { items, total };
}

/** The key under which a listing's order is scrambled: the action and every parameter except paging. */
export function listingKey(action: string, params: Record<string, string>, pagingParams: readonly string[]): string {
  const kept = Object.keys(params)
    .filter((k) => !pagingParams.includes(k))
    .sort()
    .map((k) => `${k}=${params[k]}`);
  return `${action}?${kept.join("&")}`;
}
