/**
 * provider/core/select.ts: how "latest" is chosen (README 'How "latest" is chosen'): filter, then newest by end time, then start
 * time, then the larger id (numerically for digit ids), and the "what was seen" text of the no-candidate error.
 */
import { SortKey, compareIds, describeSeen, newestFirst, select } from "../../provider/core/select";

const t = (iso: string) => Date.parse(iso);

interface Rec {
  id: string;
  end?: string;
  start?: string;
  status?: string;
}
const key = (r: Rec): SortKey => ({ id: r.id, end: r.end ? t(r.end) : undefined, start: r.start ? t(r.start) : undefined });
const order = (recs: Rec[]) => select(recs, key, () => undefined).matches.map((r) => r.id);

describe("compareIds", () => {
  it.each<[string, string, -1 | 0 | 1]>([
    ["999", "1000", -1],
    ["1000", "999", 1],
    ["1000", "1000", 0],
    ["0999", "1000", -1],
    ["99999999", "100000000", -1],
    // beyond Number.MAX_SAFE_INTEGER: compared exactly
    ["90071992547409931", "90071992547409932", -1],
    ["90071992547409933", "90071992547409932", 1],
    // non-digit ids: plain string order, only a deterministic tie-break
    ["b-abc", "b-abd", -1],
    ["b-b", "b-a", 1],
    ["4631832a-14c6-45b0-a0b3-3abd8f591ad1", "4631832a-14c6-45b0-a0b3-3abd8f591ad1", 0],
    // one side not digits: string order ("9" > "1")
    ["999", "1000a", 1],
  ])("compareIds(%j, %j) has sign %d", (a, b, sign) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign);
  });
});

describe("ordering newest first", () => {
  it.each<[string, Rec[], string[]]>([
    [
      "by end time",
      [
        { id: "1", end: "2026-11-18T02:10:00Z", start: "2026-11-18T02:00:00Z" },
        { id: "2", end: "2026-11-20T02:10:00Z", start: "2026-11-20T02:00:00Z" },
        { id: "3", end: "2026-11-19T02:10:00Z", start: "2026-11-19T02:00:00Z" },
      ],
      ["2", "3", "1"],
    ],
    [
      "end time before start time (a long backup that started earlier but ended later wins)",
      [
        { id: "10", end: "2026-11-20T02:10:00Z", start: "2026-11-20T02:00:00Z" },
        { id: "11", end: "2026-11-20T03:00:00Z", start: "2026-11-19T23:00:00Z" },
      ],
      ["11", "10"],
    ],
    [
      "equal ends: the later start wins",
      [
        { id: "7", end: "2026-11-20T02:10:00Z", start: "2026-11-20T01:00:00Z" },
        { id: "8", end: "2026-11-20T02:10:00Z", start: "2026-11-20T02:00:00Z" },
        { id: "6", end: "2026-11-20T02:10:00Z", start: "2026-11-20T01:30:00Z" },
      ],
      ["8", "6", "7"],
    ],
    [
      'equal ends and starts: the larger id, numerically ("999" < "1000")',
      [
        { id: "999", end: "2026-11-20T02:10:00Z", start: "2026-11-20T02:00:00Z" },
        { id: "1000", end: "2026-11-20T02:10:00Z", start: "2026-11-20T02:00:00Z" },
        { id: "101", end: "2026-11-20T02:10:00Z", start: "2026-11-20T02:00:00Z" },
      ],
      ["1000", "999", "101"],
    ],
    [
      "equal times, non-digit ids: the larger string",
      [
        { id: "b-aaa", end: "2026-11-20T02:10:00Z", start: "2026-11-20T02:00:00Z" },
        { id: "b-zzz", end: "2026-11-20T02:10:00Z", start: "2026-11-20T02:00:00Z" },
        { id: "b-mmm", end: "2026-11-20T02:10:00Z", start: "2026-11-20T02:00:00Z" },
      ],
      ["b-zzz", "b-mmm", "b-aaa"],
    ],
    [
      "an undefined end sorts last, whatever its start",
      [
        { id: "1", start: "2026-11-21T00:00:00Z" },
        { id: "2", end: "2026-11-01T00:10:00Z", start: "2026-11-01T00:00:00Z" },
        { id: "3", start: "2026-11-22T00:00:00Z" },
      ],
      ["2", "3", "1"],
    ],
    ["undefined ends and starts: by id", [{ id: "5" }, { id: "40" }, { id: "7" }], ["40", "7", "5"]],
  ])("%s", (_name, recs, expected) => {
    expect(order(recs)).toEqual(expected);
    expect(order([...recs].reverse())).toEqual(expected);
  });

  it("newestFirst is negative when the first argument is newer", () => {
    const newer = { id: "1", end: 2000, start: 1000 };
    const older = { id: "2", end: 1500, start: 1000 };
    expect(newestFirst(newer, older)).toBeLessThan(0);
    expect(newestFirst(older, newer)).toBeGreaterThan(0);
    expect(newestFirst(newer, { ...newer })).toBe(0);
  });
});

describe("select", () => {
  const recs: Rec[] = [
    { id: "1002", end: "2026-11-20T02:17:38Z", start: "2026-11-20T02:00:07Z", status: "Failed" },
    { id: "1001", end: "2026-11-19T02:17:38Z", start: "2026-11-19T02:00:07Z", status: "Success" },
    { id: "999", end: "2026-11-18T02:17:38Z", start: "2026-11-18T02:00:07Z", status: "Success" },
  ];
  const reject = (r: Rec) => (r.status === "Success" ? undefined : `is ${r.status}`);

  it("chooses the newest record that passes, lists every match newest first and every record seen with its reason", () => {
    const s = select([recs[2], recs[0], recs[1]], key, reject);
    expect(s.chosen).toBe(recs[1]);
    expect(s.matches.map((r) => r.id)).toEqual(["1001", "999"]);
    expect(s.seen.map((x) => [x.record.id, x.rejected])).toEqual([
      ["1002", "is Failed"],
      ["1001", undefined],
      ["999", undefined],
    ]);
  });

  it("has no choice when nothing passes", () => {
    const s = select(recs, key, () => "is filtered out");
    expect(s.chosen).toBeUndefined();
    expect(s.matches).toEqual([]);
    expect(s.seen).toHaveLength(3);
  });

  it("does not reorder its input", () => {
    const input = [recs[2], recs[0], recs[1]];
    select(input, key, reject);
    expect(input.map((r) => r.id)).toEqual(["999", "1002", "1001"]);
  });
});

describe("describeSeen", () => {
  const reason = (rejected?: string) => (rec: Rec) => ({ record: rec, rejected });
  it.each<[string, { record: Rec; rejected?: string }[], string, string]>([
    ["nothing", [], "backup set", "no backup sets at all"],
    [
      "one record",
      [reason("is Failed")({ id: "1", end: "2026-11-20T02:00:00Z", start: "2026-11-20T01:50:00Z" })],
      "backup set",
      "1 backup set seen; newest: 1 (2026-11-20T02:00:00Z) is Failed",
    ],
    [
      "several records (the first is the newest)",
      [
        reason("is Failed")({ id: "3", end: "2026-11-20T02:00:00.900Z", start: "2026-11-20T01:50:00Z" }),
        reason("is not available (IsAvail 0)")({ id: "2", end: "2026-11-19T02:00:00Z" }),
        reason("is Failed")({ id: "1", end: "2026-11-18T02:00:00Z" }),
      ],
      "backup",
      "3 backups seen; newest: 3 (2026-11-20T02:00:00Z) is Failed; 2 (2026-11-19T02:00:00Z) is not available (IsAvail 0); 1 (2026-11-18T02:00:00Z) is Failed",
    ],
    [
      "a newest record without an end time: its start",
      [reason("has no FinishTime")({ id: "b-x", start: "2026-11-20T01:50:00Z" })],
      "user backup file",
      "1 user backup file seen; newest: b-x (2026-11-20T01:50:00Z) has no FinishTime",
    ],
    ["a newest record without times: its id", [reason("is not job 5")({ id: "7" })], "backup job", "1 backup job seen; newest: 7 is not job 5"],
    [
      "a newest record that passed",
      [reason(undefined)({ id: "9", end: "2026-11-20T02:00:00Z" })],
      "backup record",
      "1 backup record seen; newest: 9 (2026-11-20T02:00:00Z) matches",
    ],
    [
      "more than three records: the newest three",
      [
        reason("is Failed")({ id: "4", end: "2026-11-21T02:00:00Z" }),
        reason("is Failed")({ id: "3", end: "2026-11-20T02:00:00Z" }),
        reason("is Failed")({ id: "2", end: "2026-11-19T02:00:00Z" }),
        reason("is Failed")({ id: "1", end: "2026-11-18T02:00:00Z" }),
      ],
      "backup",
      "4 backups seen; newest: 4 (2026-11-21T02:00:00Z) is Failed; 3 (2026-11-20T02:00:00Z) is Failed; 2 (2026-11-19T02:00:00Z) is Failed",
    ],
  ])("%s", (_name, seen, noun, text) => {
    expect(describeSeen(seen, noun, key)).toBe(text);
  });

  it("a verdict for the chosen record (maxAge): it replaces the record's own", () => {
    const seen = [reason("is Failed")({ id: "2", end: "2026-11-20T02:00:00Z" }), reason(undefined)({ id: "1", end: "2026-11-18T02:00:00Z" })];
    expect(describeSeen(seen, "backup", key, (r) => (r.id === "1" ? "is older than maxAge 36h" : undefined))).toBe(
      "2 backups seen; newest: 2 (2026-11-20T02:00:00Z) is Failed; 1 (2026-11-18T02:00:00Z) is older than maxAge 36h",
    );
  });
});
