/**
 * provider/core/paginate.ts: every page exactly once, or an InconsistentResponseError; never an endless loop
 * and never "latest" chosen from partial data. The API is a script of page responses in call order.
 */
import { InconsistentResponseError } from "../../provider/core/errors";
import { Page, PageCursor, PaginateOptions, collectAll, paginate } from "../../provider/core/paginate";
import { failure } from "../support/rejection";

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `r${from + i}`);
const page = (records: string[], total?: number): Page<string> => ({ records, total });

/** A fake list API answering `responses` in order (the last one repeats); records every cursor asked for. */
function api(responses: Page<string>[], opts: Partial<PaginateOptions<string>> = {}) {
  const cursors: PageCursor[] = [];
  let n = 0;
  const options: PaginateOptions<string> = {
    what: "DescribeBackups of rm-test1234",
    pageSize: 100,
    total: "all",
    idOf: (r) => r,
    fetchPage: async (c) => {
      cursors.push(c);
      return responses[Math.min(n++, responses.length - 1)];
    },
    ...opts,
  };
  return { options, cursors, pageNumbers: () => cursors.map((c) => c.pageNumber) };
}

interface OkCase {
  name: string;
  responses: Page<string>[];
  opts?: Partial<PaginateOptions<string>>;
  pages: number[];
  records: string[];
}

const okCases: OkCase[] = [
  {
    name: "total counts every match: reads exactly ceil(total / pageSize) pages",
    responses: [page(ids(1, 100), 250), page(ids(101, 200), 250), page(ids(201, 250), 250)],
    pages: [1, 2, 3],
    records: ids(1, 250),
  },
  {
    name: "a total that is a multiple of the page size: no request for an empty page after it",
    responses: [page(ids(1, 100), 200), page(ids(101, 200), 200)],
    pages: [1, 2],
    records: ids(1, 200),
  },
  {
    name: "no records at all",
    responses: [page([], 0)],
    pages: [1],
    records: [],
  },
  {
    name: "the total changes once: the scan restarts from page 1 and yields every record once",
    // r0 is created between page 1 and page 2; page 2 shifts by one and the total says 251
    responses: [page(ids(1, 100), 250), page(ids(100, 199), 251), page(["r0", ...ids(1, 99)], 251), page(ids(100, 199), 251), page(ids(200, 250), 251)],
    pages: [1, 2, 1, 2, 3],
    records: [...ids(1, 100), "r0", ...ids(101, 250)],
  },
  {
    name: "ambiguous total that counts this page only: reads until a short page",
    opts: { total: "ambiguous" },
    responses: [page(ids(1, 100), 100), page(ids(101, 200), 100), page(ids(201, 230), 30)],
    pages: [1, 2, 3],
    records: ids(1, 230),
  },
  {
    name: "ambiguous total that evidently counts every match: stops when that many arrived, without asking for an empty page",
    opts: { total: "ambiguous" },
    responses: [page(ids(1, 100), 200), page(ids(101, 200), 200)],
    pages: [1, 2],
    records: ids(1, 200),
  },
  {
    name: "ambiguous total equal to a full page: not trusted to count everything, the next page is read",
    opts: { total: "ambiguous" },
    responses: [page(ids(1, 100), 100), page([], 0)],
    pages: [1, 2],
    records: ids(1, 100),
  },
  {
    name: "ambiguous, no total: an empty page ends the listing",
    opts: { total: "ambiguous" },
    responses: [page(ids(1, 100)), page([])],
    pages: [1, 2],
    records: ids(1, 100),
  },
  {
    name: "ambiguous, no total: a short first page is the whole listing",
    opts: { total: "ambiguous" },
    responses: [page(ids(1, 7))],
    pages: [1],
    records: ids(1, 7),
  },
  {
    name: "a record repeated on the next page (ambiguous total) is yielded once",
    opts: { total: "ambiguous" },
    responses: [page(ids(1, 100)), page(["r100", ...ids(101, 120)])],
    pages: [1, 2],
    records: ids(1, 120),
  },
];

describe("paginate: complete listings", () => {
  it.each(okCases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const a = api(c.responses, c.opts);
    const records = await collectAll(a.options);
    expect(a.pageNumbers()).toEqual(c.pages);
    expect(records).toEqual(c.records);
    expect(new Set(records).size).toBe(records.length);
  });

  it("asks for offsets in records (DCS) alongside page numbers (RDS, KVStore)", async () => {
    const a = api([page(ids(1, 10), 25), page(ids(11, 20), 25), page(ids(21, 25), 25)], { pageSize: 10 });
    await collectAll(a.options);
    expect(a.cursors.map(({ pageNumber, offset }) => ({ pageNumber, offset }))).toEqual([
      { pageNumber: 1, offset: 0 },
      { pageNumber: 2, offset: 10 },
      { pageNumber: 3, offset: 20 },
    ]);
  });

  it("yields page by page, and tells onPage of every page with its total and size", async () => {
    const seen: unknown[] = [];
    const a = api([page(ids(1, 100), 150), page(ids(101, 150), 150)], { onPage: (p) => seen.push(p) });
    const pages: string[][] = [];
    for await (const p of paginate(a.options)) pages.push(p);
    expect(pages.map((p) => [p[0], p.length])).toEqual([
      ["r1", 100],
      ["r101", 50],
    ]);
    expect(seen).toEqual([
      { pageNumber: 1, total: 150, size: 100 },
      { pageNumber: 2, total: 150, size: 50 },
    ]);
  });
});

describe("paginate: guards", () => {
  it.each<[string, Page<string>[], Partial<PaginateOptions<string>>, string, number[]]>([
    [
      "a page that repeats the previous one",
      [page(ids(1, 100), 250), page(ids(1, 100), 250)],
      {},
      "DescribeBackups of rm-test1234: page 2 repeats page 1 (the API did not advance); refusing to choose from partial data",
      [1, 2],
    ],
    [
      "a page that repeats the previous one (ambiguous total)",
      [page(ids(1, 100)), page(ids(101, 200)), page(ids(101, 200))],
      { total: "ambiguous" },
      "DescribeBackups of rm-test1234: page 3 repeats page 2 (the API did not advance); refusing to choose from partial data",
      [1, 2, 3],
    ],
    [
      "an empty page before the announced total",
      [page(ids(1, 100), 250), page([], 250)],
      {},
      "DescribeBackups of rm-test1234: page 2 is empty but the API announced 250 records and only 100 arrived; refusing to choose from partial data",
      [1, 2],
    ],
    [
      "the total changes twice during one scan",
      [page(ids(1, 100), 250), page(ids(100, 199), 251), page(ids(1, 100), 251), page(ids(101, 200), 252)],
      {},
      "DescribeBackups of rm-test1234: the total changed twice during one scan (251 then 252); backups are being created or deleted right now - try again in a minute",
      [1, 2, 1, 2],
    ],
    [
      "records repeated across pages so fewer distinct ones arrive than announced",
      [page(ids(1, 100), 250), page(ids(91, 190), 250), page(ids(191, 240), 250)],
      {},
      "DescribeBackups of rm-test1234: 250 records announced, 240 distinct ones arrived in 3 pages (records repeated across pages); refusing to choose from partial data",
      [1, 2, 3],
    ],
    [
      "more pages than maxPages (ambiguous, full pages forever)",
      Array.from({ length: 10 }, (_, i) => page(ids(i * 100 + 1, i * 100 + 100))),
      { total: "ambiguous", maxPages: 5 },
      "DescribeBackups of rm-test1234: more than 5 pages; the API keeps returning full pages",
      [1, 2, 3, 4, 5],
    ],
    [
      "a total needing more pages than maxPages",
      Array.from({ length: 10 }, (_, i) => page(ids(i * 10 + 1, i * 10 + 10), 1000)),
      { pageSize: 10, maxPages: 3 },
      "DescribeBackups of rm-test1234: more than 3 pages; the API keeps returning full pages",
      [1, 2, 3],
    ],
  ])("%s -> InconsistentResponseError", async (_name, responses, opts, message, pages) => {
    const a = api(responses, opts);
    const err = await failure<InconsistentResponseError>(collectAll(a.options));
    expect(err).toBeInstanceOf(InconsistentResponseError);
    expect(err.message).toBe(message);
    expect(err.exitStatus).toBe(1);
    expect(a.pageNumbers()).toEqual(pages);
  });
});
