/**
 * Reads every page of a list API as an async iterator of pages (house style 3, after aws-sdk-js-v3's
 * `paginateX`), with the guards a deploy-time lookup needs: a page that repeats the previous one, an empty
 * page before the announced total, a total that changes mid-scan (restart once, then fail), records lost
 * between pages, and a hard page cap. None of these may loop forever or let "latest" be chosen from partial
 * data: the caller gets every record exactly once, or an `InconsistentResponseError`.
 */
import { InconsistentResponseError } from "./errors";

export interface PageCursor {
  /** 1-based page number (RDS, KVStore). */
  pageNumber: number;
  /** 0-based record offset (DCS). */
  offset: number;
  /**
   * True after a restart: the page must be asked of the API again, not taken from the process's request
   * cache (which still holds the pages that disagreed, so a restart would otherwise re-read them).
   */
  fresh: boolean;
}

export interface Page<R> {
  records: R[];
  /** The total the API announced, if any. */
  total?: number;
}

export interface PaginateOptions<R> {
  /** What is being listed, for messages (`DescribeBackups of rm-123`). */
  what: string;
  pageSize: number;
  fetchPage(cursor: PageCursor): Promise<Page<R>>;
  idOf(record: R): string;
  /**
   * `all`: the total counts every match (RDS `TotalRecordCount`): read exactly ceil(total/pageSize) pages.
   * `ambiguous`: it may count this page only (KVStore `TotalCount`, DCS `total_num`): read until a short page,
   * and stop early only when the total evidently counts more than one page.
   */
  total: "all" | "ambiguous";
  /** Upper bound on pages, whatever the API says. */
  maxPages?: number;
  /** Told of each page as it arrives, with its total and size. */
  onPage?(info: { pageNumber: number; total?: number; size: number }): void;
}

const DEFAULT_MAX_PAGES = 2000;

/** Yields each page's records, already de-duplicated by id, in the API's order. */
export async function* paginate<R>(opts: PaginateOptions<R>): AsyncGenerator<R[]> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  let restarts = 0;
  const yielded = new Set<string>(); // across a restart, so no record is yielded twice
  restart: for (;;) {
    const seen = new Set<string>(); // this scan's distinct ids, for the completeness checks
    let firstTotal: number | undefined;
    let previousIds: string | undefined;
    for (let index = 0; index < maxPages; index++) {
      const page = await opts.fetchPage({ pageNumber: index + 1, offset: index * opts.pageSize, fresh: restarts > 0 });
      const ids = page.records.map((r) => opts.idOf(r));
      opts.onPage?.({ pageNumber: index + 1, total: page.total, size: page.records.length });
      if (index === 0) firstTotal = page.total;
      else if (opts.total === "all" && page.total !== undefined && page.total !== firstTotal) {
        if (restarts++ >= 1) {
          throw new InconsistentResponseError(
            `${opts.what}: the total changed twice during one scan (${firstTotal} then ${page.total}); ` +
              `backups are being created or deleted right now - try again in a minute`,
          );
        }
        continue restart;
      }
      const signature = ids.join(",");
      if (ids.length > 0 && signature === previousIds) {
        throw new InconsistentResponseError(
          `${opts.what}: page ${index + 1} repeats page ${index} (the API did not advance); refusing to choose from partial data`,
        );
      }
      previousIds = signature;
      ids.forEach((id) => seen.add(id));
      const fresh = page.records.filter((_, i) => !yielded.has(ids[i]) && (yielded.add(ids[i]), true));
      if (fresh.length > 0) yield fresh;

      const total = firstTotal;
      if (opts.total === "all" && total !== undefined) {
        const pages = Math.ceil(total / opts.pageSize);
        if (page.records.length === 0 && index + 1 <= pages && seen.size < total) {
          throw new InconsistentResponseError(
            `${opts.what}: page ${index + 1} is empty but the API announced ${total} records and only ${seen.size} arrived; ` +
              `refusing to choose from partial data`,
          );
        }
        if (index + 1 >= pages) {
          if (seen.size < total) {
            throw new InconsistentResponseError(
              `${opts.what}: ${total} records announced, ${seen.size} distinct ones arrived in ${pages} pages ` +
                `(records repeated across pages); refusing to choose from partial data`,
            );
          }
          if (seen.size > total && page.records.length >= opts.pageSize) {
            // The last announced page is full and more records arrived than announced: more pages may follow.
            throw new InconsistentResponseError(
              `${opts.what}: ${total} records announced, but ${seen.size} distinct ones arrived and page ${index + 1} is full ` +
                `(the total is lower than the records listed); refusing to choose from partial data`,
            );
          }
          return;
        }
        continue;
      }
      if (page.records.length < opts.pageSize) {
        // A total larger than this page cannot count this page only: it counts every match, and some are missing.
        if (page.total !== undefined && page.total > page.records.length && seen.size < page.total) {
          if (restarts++ < 1) continue restart; // records moved while we paged: read again, once
          throw new InconsistentResponseError(
            `${opts.what}: page ${index + 1} ${page.records.length === 0 ? "is empty" : `holds only ${page.records.length} records`} ` +
              `but the API announced ${page.total} records and only ${seen.size} arrived; refusing to choose from partial data`,
          );
        }
        return;
      }
      if (total !== undefined && total > page.records.length && seen.size >= total) return;
    }
    throw new InconsistentResponseError(`${opts.what}: more than ${maxPages} pages; the API keeps returning full pages`);
  }
}

/** Every record of every page, de-duplicated by id. */
export async function collectAll<R>(opts: PaginateOptions<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const page of paginate(opts)) out.push(...page);
  return out;
}
