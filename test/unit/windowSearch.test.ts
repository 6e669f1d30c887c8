/**
 * The window search's cost rules (provider/core/windowSearch.ts), table-driven, with EXACT request counts, over
 * an in-memory listing: a window's records are those that started inside it (both ends inclusive, as the APIs
 * select), and reading a window costs its pages at page size P (an empty window still costs one request). The
 * search only ever reads whole windows, so the API's record order cannot change these counts; the
 * emulator-backed property tests (test/searchOrders.test.ts) check that end to end in all three orders.
 */
import type { Candidate } from "../../provider/core/engine";
import { select } from "../../provider/core/select";
import { MAX_BACKUP_DURATION_MS, RECENT_MS, settles, windowSearch } from "../../provider/core/windowSearch";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TOP = Date.UTC(2026, 10, 30, 12, 0, 0);
const EARLIEST = Date.UTC(2010, 0, 1);

interface Rec {
  id: string;
  start: number;
  end: number;
  ok: boolean;
  job?: string;
  node?: string;
}
interface Cand extends Candidate {
  ok: boolean;
  shards: number;
  expected: number;
}

/** `n` daily records, the newest starting `newestAgo` before TOP, lasting 30 minutes; usable from `usableFrom` (index, 0 = newest). */
function daily(n: number, newestAgo: number, usableFrom: number, perDay = 1): Rec[] {
  const out: Rec[] = [];
  for (let i = 0; i < n; i++) {
    const start = TOP - newestAgo - Math.floor(i / perDay) * DAY - (i % perDay) * HOUR;
    out.push({ id: `r${i}`, start, end: start + 30 * 60_000, ok: i >= usableFrom });
  }
  return out;
}

/** A cluster: `jobs` daily jobs of `shards` shards; `failed` job indexes have one failed shard; `missing` lack one. */
function cluster(jobs: number, shards: number, newestAgo: number, failed: number[] = [], missing: number[] = [], shardsOf?: (j: number) => number): Rec[] {
  const out: Rec[] = [];
  for (let j = 0; j < jobs; j++) {
    const n = shardsOf ? shardsOf(j) : shards;
    const start = TOP - newestAgo - j * DAY;
    for (let k = 0; k < n; k++) {
      if (missing.includes(j) && k === 0) continue;
      out.push({
        id: `j${j}s${k}`,
        start: start + k * 1000,
        end: start + 10 * 60_000 + k * 1000,
        ok: !(failed.includes(j) && k === 1),
        job: `j${j}`,
        node: `n${k}`,
      });
    }
  }
  return out;
}

/** Candidates: one per record, or (grouped) one per job judged against its neighbours' shard counts, as KVStore. */
function candidates(raws: Rec[], grouped: boolean): Cand[] {
  if (!grouped) return raws.map((r) => ({ id: r.id, key: { id: r.id, start: r.start, end: r.end }, ok: r.ok, shards: 1, expected: 1 }));
  const jobs = new Map<string, Rec[]>();
  for (const r of raws) jobs.set(r.job!, [...(jobs.get(r.job!) ?? []), r]);
  const out: Cand[] = [...jobs].map(([id, rs]) => ({
    id,
    key: { id, start: Math.min(...rs.map((r) => r.start)), end: Math.max(...rs.map((r) => r.end)) },
    ok: rs.every((r) => r.ok),
    shards: rs.length,
    expected: 0,
  }));
  const byTime = select(
    out,
    (c) => c.key,
    () => undefined,
  ).matches;
  byTime.forEach((c, i) => (c.expected = Math.max(c.shards, byTime[i - 1]?.shards ?? 0, byTime[i + 1]?.shards ?? 0)));
  return out;
}

function run(records: Rec[], opts: { pageSize?: number; grouped?: boolean } = {}) {
  const P = opts.pageSize ?? 100;
  const grouped = !!opts.grouped;
  const windows: [number, number][] = [];
  let requests = 0;
  const best = (cs: Cand[]) =>
    select(
      cs,
      (c) => c.key,
      (c) => (c.ok && c.shards >= c.expected ? undefined : "unusable"),
    ).chosen;
  return windowSearch<Cand>({
    top: new Date(TOP),
    earliest: new Date(grouped ? TOP - 730 * DAY : EARLIEST),
    pageSize: P,
    read: async (from, to) => {
      const inside = records.filter((r) => r.start >= from.getTime() && r.start <= to.getTime());
      windows.push([from.getTime(), to.getTime()]);
      requests += Math.max(1, Math.ceil(inside.length / P));
      return inside as unknown as Record<string, unknown>[];
    },
    idOf: (r) => String(r.id),
    candidates: (raws) => candidates(raws as unknown as Rec[], grouped),
    best,
    spreadMs: grouped ? HOUR : undefined,
  }).then((cs) => ({ winner: best(cs)?.id, requests, windows, fullScan: best(candidates(records, grouped))?.id }));
}

describe("windowSearch: exact request counts", () => {
  test.each([
    // name, records, page size, expected requests
    ["10 records, the newest usable ended 2 h ago", daily(10, 2 * HOUR, 0), 100, 1],
    ["730 records, the newest usable ended 23 h ago", daily(730, 23 * HOUR, 0), 100, 1],
    ["10,000 records (4 a day), the newest usable ended 3 h ago: the 74 h window holds 12", daily(10_000, 3 * HOUR, 0, 4), 100, 1],
    ["busy: 60 a day, newest usable 1 h ago: the first window holds 180 records, 2 pages", daily(3000, HOUR, 0, 60), 100, 2],
    ["the newest usable ended 2 days ago: one step back, just far enough to settle it", daily(730, 2 * HOUR, 2), 100, 2],
    ["730 records, newest usable 121 days back: 74 h, then steps of about 69 and 90 days", daily(730, 2 * HOUR, 121), 100, 3],
    ["10,000 at P=1000, newest usable 120 days back: 74 h, then one step", daily(10_000, 2 * HOUR, 120), 1000, 2],
    // The history shape where the steps cost more than a full scan + 1 (9): nothing usable anywhere, so the
    // steps at 90% of a page walk the whole history (see windowSearch.ts).
    ["no usable record at all among 730: steps of 90% of a page to the end", daily(730, 2 * HOUR, 730), 100, 12],
    ["an empty history: the first window, then the rest of it", [] as Rec[], 100, 2],
    ["the only record is 9 days old: nothing in 74 h, so the rest in one window", daily(1, 9 * DAY, 0), 100, 2],
  ])("%s: %s records -> %s", async (_name, records, pageSize, expected) => {
    const r = await run(records, { pageSize: pageSize });
    expect(r.winner).toBe(r.fullScan);
    expect(r.requests).toBe(expected);
  });

  test("the first window is [top - 48 h - 26 h, top]: a usable backup that ended within the last day (and 2 h) settles there", async () => {
    expect(RECENT_MS).toBe(26 * HOUR);
    const r = await run(daily(10, HOUR, 0));
    expect(r.windows).toEqual([[TOP - MAX_BACKUP_DURATION_MS - RECENT_MS, TOP]]);
    const edge = await run([{ id: "a", start: TOP - 26 * HOUR - HOUR, end: TOP - 26 * HOUR, ok: true }]);
    expect([edge.winner, edge.requests]).toEqual(["a", 1]);
    const past = await run([{ id: "a", start: TOP - 26 * HOUR - HOUR, end: TOP - 26 * HOUR - 1, ok: true }]);
    expect([past.winner, past.requests]).toEqual(["a", 2]);
  });

  test("window edges: a winner that ended exactly 48 h after the window's start settles; 1 ms earlier it does not", () => {
    const from = TOP - 74 * HOUR;
    const c = (end: number): Cand => ({ id: "a", key: { id: "a", start: end - HOUR, end }, ok: true, shards: 1, expected: 1 });
    expect(settles(c(from + MAX_BACKUP_DURATION_MS), [], from, undefined)).toBe(true);
    expect(settles(c(from + MAX_BACKUP_DURATION_MS - 1), [], from, undefined)).toBe(false);
    expect(settles(undefined, [], from, undefined)).toBe(false);
  });

  test("a record straddling the first window's start (started 1 s before it, ended inside) never beats a settled winner", async () => {
    const from = TOP - 74 * HOUR;
    const records: Rec[] = [
      { id: "straddles", start: from - 1000, end: from + 47 * HOUR, ok: true },
      { id: "winner", start: TOP - 20 * HOUR, end: TOP - 19 * HOUR, ok: true },
    ];
    const r = await run(records);
    expect([r.winner, r.requests]).toEqual(["winner", 1]);
  });
});

test("a 47 h backup that started before the first window and ended after its newest usable record wins (the 48 h rule)", async () => {
  const records: Rec[] = [
    { id: "long", start: TOP - 75 * HOUR, end: TOP - 28 * HOUR, ok: true },
    { id: "inside", start: TOP - 60 * HOUR, end: TOP - 59 * HOUR, ok: true },
    { id: "newest-failed", start: TOP - 5 * HOUR, end: TOP - 4 * HOUR, ok: false },
  ];
  const r = await run(records);
  expect([r.winner, r.fullScan, r.requests]).toEqual(["long", "long", 2]);
});

describe("windowSearch: grouped records (KVStore jobs of shards)", () => {
  test.each([
    ["8 shards, the newest job whole, ended 3 h ago", cluster(400, 8, 3 * HOUR), 1],
    ["8 x 400, the two newest jobs each with a failed shard: one step back", cluster(400, 8, 3 * HOUR, [0, 1]), 2],
    [
      "8 x 700, every job of the last 121 days failed: 75 h, then 4 steps of about 34 days",
      cluster(
        700,
        8,
        3 * HOUR,
        Array.from({ length: 121 }, (_, i) => i),
      ),
      5,
    ],
    ["the newest job lacks a shard (judged against its neighbour): the next job wins, one step back", cluster(30, 4, 3 * HOUR, [], [0]), 2],
    ["scale-in: 4 shards for the last 10 jobs, 6 before", cluster(30, 0, 3 * HOUR, [], [], (j) => (j < 10 ? 4 : 6)), 1],
    ["scale-out: 6 shards for the last 2 jobs, 4 before", cluster(30, 0, 3 * HOUR, [], [], (j) => (j < 2 ? 6 : 4)), 1],
  ])("%s: the full scan's job", async (_name, records, expected) => {
    const r = await run(records, { pageSize: 300, grouped: true });
    expect(r.winner).toBe(r.fullScan);
    expect(r.requests).toBe(expected);
  });

  test("the winner's older neighbour cut by the window's start: not settled until that neighbour is whole", () => {
    const from = TOP - 75 * HOUR;
    const job = (id: string, start: number, shards: number): Cand => ({ id, key: { id, start, end: start + HOUR }, ok: true, shards, expected: shards });
    const winner = job("w", TOP - 10 * HOUR, 4);
    expect(settles(winner, [winner, job("o", from + 30 * 60_000, 2)], from, HOUR)).toBe(false);
    expect(settles(winner, [winner, job("o", from + HOUR, 4)], from, HOUR)).toBe(true);
    expect(settles(winner, [winner], from, HOUR)).toBe(false);
  });
});
