/**
 * A paged lookup's listing, declared as data: which action, which parameters, how a window and a page are
 * asked for, where the records and the total are, and which fields hold a record's id and start time. The
 * engine alone turns a declaration into requests (`listingPages`): it owns the loop, the window formats and the
 * paging guards (paginate.ts), as smithy's `createPaginator` owns the loop of every AWS operation whose
 * paginator names only its input and output token fields
 * (https://github.com/smithy-lang/smithy-typescript/blob/main/packages/core/src/pagination/createPaginator.ts).
 */
import type { LookupContext } from "./context";
import { listAt, num } from "./fields";
import type { PaginateOptions } from "./paginate";

export type Raw = Record<string, unknown>;
export type Params = Record<string, string | number | undefined>;

/** One request of `action`: the response body, or undefined when the API answered "no records" (DCS 204). */
export type Call = (action: string, params: Params, fresh: boolean) => Promise<Raw | undefined>;

/**
 * How a window bound is written, rounded outwards (`down` for the start, `up` for the end) to the API's precision:
 * provider/core/time.ts `toAlibabaMinute` (`yyyy-MM-ddTHH:mmZ`), `toCompact` (`yyyyMMddHHmmss`), or the lookup's own.
 */
export type WindowFormat = (d: Date, round: "down" | "up") => string;

export interface ListingWindow {
  /** Request parameters of the window's two ends (both inclusive; the APIs compare them with `start`). */
  start: string;
  end: string;
  format: WindowFormat;
  /** Whether every request must carry a window (KVStore); otherwise no window means the whole history. */
  required: boolean;
  /** The earliest start a window may have, for a window ending at `top` (the whole history's start). */
  earliest(top: Date): Date;
}

/** Pages by number (`PageNumber`/`PageSize`, 1-based) or by record offset (`offset`/`limit`, 0-based). */
export type ListingPage = { size: number; number: string; sizeParam: string } | { size: number; offset: string; limit: string };

export interface Listing<A> {
  /** The API action (`DescribeBackups`). */
  action: string;
  /** The client that sends one request of this listing for `args` (credentials, region, endpoint resolved). */
  client(args: A, ctx: LookupContext, lookup: string): Call;
  /** What is listed, for messages: `DescribeBackups of rm-123`. */
  what(args: A): string;
  /** The request parameters from the arguments (undefined values are left out). */
  params(args: A): Params;
  /** Parameters that name one record (RDS `BackupId`): then every page of that listing, no window search. */
  narrow?(args: A): Params | undefined;
  /** Parameters that list only the backup `id`, where the API has them: `pulumi refresh` re-checks a pin with them. */
  byId?(id: string): Params;
  window: ListingWindow;
  page: ListingPage;
  /** The path of the record array in a response body (`Items.Backup`). */
  records: string[];
  /** The total's field, and whether it counts every match or perhaps only this page (see paginate.ts). */
  total: { field: string; counts: "all" | "ambiguous" };
  /** A record's id field (de-duplication across pages and windows). */
  id: string;
  /** Records of one job start within this much of each other (KVStore shards): the window search keeps them whole. */
  group?: { spreadMs: number };
}

/** A window [from, to] of a listing, or the whole history (`undefined`). */
export type Span = { from: Date; to: Date } | undefined;

/** The id of a raw record (its JSON when it has none, so no record is merged with another). */
export function rawId<A>(listing: Listing<A>, raw: Raw): string {
  const v = raw[listing.id];
  return typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(raw);
}

/** The paging options (for `paginate`) of one listing over one span, with `extra` parameters. */
export function listingPages<A>(listing: Listing<A>, call: Call, args: A, span: Span, extra: Params = {}, fresh = false): PaginateOptions<Raw> {
  const { window, page } = listing;
  const format = window.format;
  const windowParams: Params = span ? { [window.start]: format(span.from, "down"), [window.end]: format(span.to, "up") } : {};
  return {
    what: listing.what(args),
    pageSize: page.size,
    total: listing.total.counts,
    idOf: (r) => rawId(listing, r),
    fetchPage: async ({ pageNumber, offset, fresh: cursorFresh }) => {
      const paging: Params = "number" in page ? { [page.sizeParam]: page.size, [page.number]: pageNumber } : { [page.offset]: offset, [page.limit]: page.size };
      const body = await call(listing.action, { ...listing.params(args), ...extra, ...windowParams, ...paging }, fresh || cursorFresh);
      if (!body) return { records: [], total: 0 };
      return { records: listAt(body, ...listing.records), total: num(body[listing.total.field]) ?? undefined };
    },
  };
}
