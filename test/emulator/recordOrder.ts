/**
 * The order in which a paged listing returns its records. The six APIs document none, so the default is
 * `scrambled` (see `scramble` in random.ts); `newestFirst` and `oldestFirst` (by the record's start time, ties
 * by id) are the two orders an API could plausibly use, for tests and the benchmark that must show the
 * lookups' answers and costs do not depend on the order.
 */
import { scramble } from "./random";

export type RecordOrder = "scrambled" | "newestFirst" | "oldestFirst";

export const RECORD_ORDERS: readonly RecordOrder[] = ["scrambled", "newestFirst", "oldestFirst"];

/**
 * `items` in `order`. `listingKey` and `seed` decide the scrambled order; `startMs` is the record's start time
 * (the field the API's window filters on), `id` its id.
 */
export function arrange<T>(
  items: readonly T[],
  order: RecordOrder,
  seed: number,
  listingKey: string,
  id: (item: T) => string,
  startMs: (item: T) => number,
): T[] {
  if (order === "scrambled") return scramble(items, seed, listingKey, id);
  const sign = order === "newestFirst" ? -1 : 1;
  return [...items].sort((a, b) => sign * (startMs(a) - startMs(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0)));
}
