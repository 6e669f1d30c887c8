/**
 * `--explain`: what a lookup read and why it chose what it chose, as lines for stderr, from the run's observer
 * (provider/core/explain.ts). Each listing read whole (a window `[from, to]`, the whole history, a narrowed
 * listing) with its pages, the requests sent and the pages shared from the request cache; the requests of a
 * lookup that is not paged; then the candidates newest first with their verdicts, down to the chosen one
 * (older ones are counted, not listed: a history holds hundreds).
 */
import type { ExplainCandidate, ExplainSink } from "../core/explain";
import { formatInstant } from "../core/time";
import { visible } from "../core/visible";

const PREFIX = "explain: ";
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const when = (c: ExplainCandidate) =>
  c.end !== undefined ? `ended ${formatInstant(new Date(c.end))}` : c.start !== undefined ? `started ${formatInstant(new Date(c.start))}` : "no time";

export function renderExplain(sink: ExplainSink): string {
  const lines: string[] = [];
  for (const r of sink.reads) {
    const scope = r.narrowed
      ? `narrowed to ${Object.entries(r.narrowed)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")}${r.window ? `, window [${r.window.from}, ${r.window.to}]` : ""}`
      : r.window
        ? `window [${r.window.from}, ${r.window.to}]`
        : "the whole history";
    lines.push(
      `read ${r.what}, ${scope}: ${count(r.pages, "page")}, ${count(r.requests, "request")}, ${count(r.cacheHits, "cache hit")}, ${count(r.records, "record")}`,
    );
  }
  for (const c of sink.calls) lines.push(`${c.action}: ${count(c.requests, "request")}, ${count(c.cacheHits, "cache hit")}`);
  const cands = sink.candidates;
  if (cands.length === 0) lines.push("no candidates");
  else {
    lines.push(`${count(cands.length, "candidate")}, newest first:`);
    const chosen = cands.findIndex((c) => c.verdict === "chosen" || c.verdict.startsWith("is older than maxAge"));
    const shown = chosen < 0 ? cands : cands.slice(0, chosen + 1);
    for (const c of shown) lines.push(`  ${c.id} (${when(c)}) ${c.verdict}`);
    if (shown.length < cands.length) lines.push(`  (${count(cands.length - shown.length, "older candidate")} not listed)`);
  }
  return lines.map((l) => PREFIX + visible(l)).join("\n") + "\n";
}
