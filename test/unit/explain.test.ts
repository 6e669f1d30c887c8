/**
 * `--explain` as data and as text: the observer (provider/core/explain.ts) counts pages, requests and cache hits
 * per listing read and per action outside one, and the CLI renders it (provider/cli/explain.ts), exactly.
 */
import { ExplainSink } from "../../provider/core/explain";
import { renderExplain } from "../../provider/cli/explain";

const T = (iso: string) => Date.parse(iso);

describe("ExplainSink", () => {
  it("counts each read's pages, records, requests and cache hits; requests outside a read per action; a verdict replaced", () => {
    const sink = new ExplainSink();
    sink.beginRead({ what: "DescribeBackups of rm-1", window: { from: "2026-11-17T00:00Z", to: "2026-11-20T02:15Z" } });
    sink.request("DescribeBackups");
    sink.page(100);
    sink.cacheHit("DescribeBackups");
    sink.page(12);
    sink.endRead();
    sink.request("DescribeBackupTasks");
    sink.request("DescribeBackupTasks");
    sink.candidates = [{ id: "2", end: T("2026-11-20T02:00:00Z"), verdict: "matches" }];
    sink.judge("2", "is older than maxAge 36h");
    expect({ reads: sink.reads, calls: sink.calls, candidates: sink.candidates }).toEqual({
      reads: [
        { what: "DescribeBackups of rm-1", window: { from: "2026-11-17T00:00Z", to: "2026-11-20T02:15Z" }, pages: 2, requests: 1, cacheHits: 1, records: 112 },
      ],
      calls: [{ action: "DescribeBackupTasks", requests: 2, cacheHits: 0 }],
      candidates: [{ id: "2", end: T("2026-11-20T02:00:00Z"), verdict: "is older than maxAge 36h" }],
    });
  });
});

describe("renderExplain", () => {
  it("windows, a narrowed listing and the whole history; the candidates down to the chosen, the rest counted", () => {
    const sink = new ExplainSink();
    sink.reads.push(
      { what: "DescribeBackups of rm-1", window: { from: "2026-11-17T00:00Z", to: "2026-11-20T02:15Z" }, pages: 1, requests: 1, cacheHits: 0, records: 3 },
      { what: "DescribeBackups of rm-1", narrowed: { BackupId: "5004" }, pages: 1, requests: 0, cacheHits: 1, records: 1 },
      { what: "ListBackupRecords of 5560df16", pages: 2, requests: 2, cacheHits: 0, records: 1001 },
    );
    sink.candidates = [
      { id: "5005", start: T("2026-11-20T01:40:00Z"), end: T("2026-11-20T02:00:00Z"), verdict: "is Failed" },
      { id: "5004", start: T("2026-11-19T01:40:00Z"), verdict: "is not available (IsAvail 0)" },
      { id: "5003", end: T("2026-11-18T02:00:00Z"), verdict: "chosen" },
      { id: "5002", end: T("2026-11-17T02:00:00Z"), verdict: "matches" },
      { id: "5001", verdict: "matches" },
    ];
    expect(renderExplain(sink)).toBe(
      [
        "explain: read DescribeBackups of rm-1, window [2026-11-17T00:00Z, 2026-11-20T02:15Z]: 1 page, 1 request, 0 cache hits, 3 records",
        "explain: read DescribeBackups of rm-1, narrowed to BackupId=5004: 1 page, 0 requests, 1 cache hit, 1 record",
        "explain: read ListBackupRecords of 5560df16, the whole history: 2 pages, 2 requests, 0 cache hits, 1001 records",
        "explain: 5 candidates, newest first:",
        "explain:   5005 (ended 2026-11-20T02:00:00Z) is Failed",
        "explain:   5004 (started 2026-11-19T01:40:00Z) is not available (IsAvail 0)",
        "explain:   5003 (ended 2026-11-18T02:00:00Z) chosen",
        "explain:   (2 older candidates not listed)",
        "",
      ].join("\n"),
    );
  });

  it("no candidate chosen: every one listed with why it lost; none at all says so; cloud text shown visible", () => {
    const none = new ExplainSink();
    none.calls.push({ action: "ListUserBackupFiles", requests: 1, cacheHits: 0 });
    expect(renderExplain(none)).toBe("explain: ListUserBackupFiles: 1 request, 0 cache hits\nexplain: no candidates\n");
    const lost = new ExplainSink();
    lost.candidates = [
      { id: "b-\x1b[31m", verdict: "is Failed" },
      { id: "b-2", verdict: "is Importing" },
    ];
    expect(renderExplain(lost)).toBe(
      ["explain: 2 candidates, newest first:", "explain:   b-\\x1b[31m (no time) is Failed", "explain:   b-2 (no time) is Importing", ""].join("\n"),
    );
  });
});
