/**
 * The lookup engine, written once. A lookup is a declaration (declaration.ts: its arguments, outputs, listing,
 * judging and pin policy); `runLookup` validates, lists, selects and shapes the outputs the same way for all of
 * them. Listed lookups are read here, through `listingPages` and the window search (windowSearch.ts); a single
 * lookup is one request (`fetch`); a job lookup keeps its `find` and its wait (`afterChoice`).
 */
import { z } from "zod";
import { checkCommon, commonArgsFor, toArgumentIssues } from "./args";
import { Audience, LookupContext, audienceOf } from "./context";
import { AnyLookup, Candidate, FindEnv, Normalised, outputNames, secretOutputs, shapeOf } from "./declaration";
import { CloudApiError, InvalidArgumentsError, NoBackupFoundError, StaleBackupError } from "./errors";
import { Raw, Span, listingPages, rawId } from "./listing";
import { collectAll } from "./paginate";
import { MAX_BACKUP_DURATION_MS, RECENT_MS, windowSearch } from "./windowSearch";
import { apiNow, windowEnd, withApiClock } from "./apiClock";
import { noBackupMessage, staleBackupMessage } from "./messages";
import { beyondMaxAge, outsideWindow, select } from "./select";
import type { ExplainCandidate, ExplainSink } from "./explain";
import { describeAge, formatInstant, parseInstantOrDuration } from "./time";

export type { AnyLookup, Candidate, Normalised } from "./declaration";
export { oneForOne } from "./declaration";

/** How a lookup is called: the resource form, the get functions or the CLI (some arguments differ). */
export type LookupForm = "resource" | "function" | "cli";

/** What a run returns. */
export interface LookupResult {
  /** The outputs object (docs/reference.md), secrets as plain values. */
  outputs: Record<string, unknown>;
  /** With `list`: the outputs of every match, newest first (at most `limit`). */
  list?: Record<string, unknown>[];
  /** With `list` and `limit`: whether more matches exist than `limit` let through. */
  truncated?: boolean;
  /** Output names that are secret. */
  secretOutputs: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Args = Record<string, any>;

/** The zod schema of a lookup for one form (strict: unknown arguments are errors). */
export function schemaOf(def: AnyLookup, form: LookupForm) {
  return z.strictObject({ ...shapeOf(commonArgsFor(def, form)), ...shapeOf(def.args) });
}

/** Argument names a form accepts, for did-you-mean and the docs. */
export function argumentNames(def: AnyLookup, form: LookupForm): string[] {
  return Object.keys(schemaOf(def, form).shape);
}

/** Validates `input` for `def` in `form`; throws `InvalidArgumentsError` listing every problem. */
export function parseArgs(def: AnyLookup, input: unknown, form: LookupForm, now: Date, audience: Audience = "pulumi"): Args & { refresh?: "pin" | "always" } {
  const schema = schemaOf(def, form).superRefine((args, ctx) => {
    checkCommon(args, now, ctx);
    def.refine?.(args, ctx, now);
  });
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const resourceOnly = form !== "resource" ? new Set(Object.keys(commonArgsFor(def, "resource"))) : new Set<string>();
    for (const k of Object.keys(commonArgsFor(def, form))) resourceOnly.delete(k);
    const issues = toArgumentIssues(parsed.error.issues, input, argumentNames(def, form), def.cloud, audience).map((i) => {
      if (!def.timed && ["since", "until", "maxAge"].includes(i.argument))
        return { ...i, code: "notApplicable" as const, reason: `does not apply to ${def.name}: the API returns no times for ${def.noun}s` };
      if (resourceOnly.has(i.argument)) return { ...i, code: "notApplicable" as const, reason: `applies only to the resource form (new ${def.name}(...))` };
      return i;
    });
    throw new InvalidArgumentsError(def.name, issues);
  }
  return parsed.data;
}

/** How `runLookup` is asked. */
export interface RunOptions {
  form: LookupForm;
  /** Every match wanted, newest first; `limit` reads only what the newest `limit` need. */
  list?: boolean;
  limit?: number;
  /** With `list`: no match is an empty list, not an error (the list forms). */
  emptyIsAnswer?: boolean;
  validated?: Args;
  /** Told what is read and each candidate's verdict (`--explain`; provider/core/explain.ts). */
  explain?: ExplainSink;
}

/**
 * Runs a lookup: validate, find, select, check age, shape outputs. A cloud's error leaving it is worded for the
 * context's audience (context.ts).
 */
export async function runLookup(def: AnyLookup, input: unknown, ctx: LookupContext, options: RunOptions = { form: "function" }): Promise<LookupResult> {
  try {
    return await runLookupFor(def, input, ctx, options);
  } catch (err) {
    if (err instanceof CloudApiError) err.setAudience(audienceOf(ctx));
    throw err;
  }
}

async function runLookupFor(def: AnyLookup, input: unknown, ctx: LookupContext, options: RunOptions): Promise<LookupResult> {
  ctx = withApiClock(ctx); // this run's record of the API's clock (apiClock.ts)
  if (options.explain) ctx = { ...ctx, explain: options.explain };
  const now = ctx.clock.now();
  const args = options.validated ?? parseArgs(def, input, options.form, now, audienceOf(ctx));
  const since = typeof args.since === "string" ? parseInstantOrDuration(args.since, now) : undefined;
  const until = typeof args.until === "string" ? parseInstantOrDuration(args.until, now) : undefined;

  const reject = (r: Candidate) => outsideWindow(r.key.start, { since, until }) ?? def.reject(r, args);
  const skipped = new Set<string>();
  const skip = (why: string) => {
    if (skipped.has(why)) return;
    skipped.add(why);
    ctx.log.warn(`${def.name}: skipped a malformed record: ${why}`);
  };
  const normalise = <T>(raws: T[], fn: (raw: T) => Normalised<Candidate>): Candidate[] => {
    const out: Candidate[] = [];
    for (const raw of raws) {
      const n = fn(raw);
      if ("record" in n) out.push(n.record);
      else skip(n.skip);
    }
    return out;
  };
  const best = (records: Candidate[]) => select(records, (r) => r.key, reject).chosen;

  let records: Candidate[];
  switch (def.kind) {
    case "listed":
      records = await listCandidates(def, args, {
        ctx,
        now,
        since,
        until,
        complete: !!options.list,
        limit: options.limit,
        skip,
        best,
        matches: (rs) => rs.filter((r) => reject(r) === undefined),
      });
      break;
    case "single":
      records = normalise(await def.fetch(args, ctx, { fresh: false }), (raw) => def.normalise(raw) as Normalised<Candidate>);
      break;
    case "job":
      records = (await def.find(args, { ctx, now, normalise } as FindEnv<Candidate>)) as Candidate[];
      break;
  }
  const selection = select(records, (r) => r.key, reject);
  if (ctx.explain) ctx.explain.candidates = explainCandidates(selection.seen, selection.chosen);
  const seenKey = (r: Candidate) => ({ ...r.key, id: r.id });
  const secrets = secretOutputs(def);
  const bookkeeping = (newest: Candidate) => ({
    latestBackupId: def.backupIdOf ? def.backupIdOf(newest, args) : newest.id,
    backupExists: true,
    resolvedAt: formatInstant(now),
  });
  const echo = echoArgs(args);

  if (!selection.chosen && options.list && options.emptyIsAnswer) return { outputs: {}, list: [], truncated: false, secretOutputs: secrets };
  if (!selection.chosen) {
    const answer = def.kind === "job" ? def.notFound(args) : undefined;
    if (answer) {
      return {
        outputs: { ...echo, ...answer, latestBackupId: null, backupExists: false, resolvedAt: formatInstant(now) },
        list: options.list ? [] : undefined,
        secretOutputs: secrets,
      };
    }
    throw new NoBackupFoundError(noBackupMessage(def, args, ctx, { since, until }, selection.seen, seenKey));
  }

  let chosen = selection.chosen;
  if (def.kind === "job") {
    chosen = (await def.afterChoice(chosen, args, ctx)) as Candidate;
    if (chosen.id !== selection.chosen.id) ctx.explain?.judge(chosen.id, "chosen");
  }

  // Age on the API's clock (apiClock.ts).
  const stale = typeof args.maxAge === "string" && def.timed ? beyondMaxAge(chosen.key, args.maxAge, apiNow(ctx, now).getTime()) : undefined;
  if (stale) {
    ctx.explain?.judge(chosen.id, `is older than maxAge ${args.maxAge}${stale.end === undefined ? "" : ` (ended ${describeAge(stale.ageMs)} ago)`}`);
    throw new StaleBackupError(staleBackupMessage(def, args, ctx, { id: chosen.id, ...stale }, selection.seen, seenKey));
  }

  const newest = chosen.id === selection.chosen.id ? chosen : selection.chosen;
  const outputs = { ...echo, ...def.values(chosen, args), ...bookkeeping(newest) };
  const limit = options.limit ?? Infinity;
  const list = options.list
    ? selection.matches.slice(0, limit).map((r) => ({ ...echo, ...def.values(r, args), ...bookkeeping(selection.chosen!) }))
    : undefined;
  return { outputs, list, truncated: options.list ? selection.matches.length > limit : undefined, secretOutputs: secrets };
}

/** The candidates newest first with their verdicts, for `--explain`. */
function explainCandidates(seen: { record: Candidate; rejected?: string }[], chosen: Candidate | undefined): ExplainCandidate[] {
  return seen.map(({ record, rejected }) => ({
    id: record.id,
    start: record.key.start,
    end: record.key.end,
    verdict: rejected ?? (record === chosen ? "chosen" : "matches"),
  }));
}

/** Every output name of a lookup in a form: its own, the common ones, and the echoed arguments. */
export function allOutputNames(def: AnyLookup, form: LookupForm): string[] {
  return [...new Set([...argumentNames(def, form).filter((a) => a !== "refresh"), ...outputNames(def), "latestBackupId", "backupExists", "resolvedAt"])];
}

/**
 * Whether the backup `id` still exists (for `pulumi refresh`): still listed, whatever its status, unless the API
 * marks it gone (expired, deleted). Read from the lookup's own listing: narrowed to the id where the API can
 * (RDS `BackupId`), otherwise every page. A job lookup has no re-check (undefined).
 */
export async function backupExists(def: AnyLookup, args: Args, id: string, ctx: LookupContext): Promise<boolean | undefined> {
  const live = (raw: Raw) => !(def.kind !== "job" && def.gone?.(raw));
  switch (def.kind) {
    case "listed": {
      const listing = def.listing;
      const call = listing.client(args, ctx, def.name);
      const now = ctx.clock.now();
      const span: Span = listing.window.required ? { from: listing.window.earliest(now), to: windowEnd(undefined, now) } : undefined;
      const raws = await collectAll(listingPages(listing, call, args, span, listing.byId?.(id), true));
      return raws.some((raw) => rawId(listing, raw) === id && live(raw));
    }
    case "single": {
      const raws = await def.fetch(args, ctx, { only: id, fresh: true });
      return raws.some((raw) => rawBackupId(def, raw) === id && live(raw));
    }
    case "job":
      return undefined;
  }
}

function rawBackupId(def: AnyLookup & { kind: "single" }, raw: Raw): string | undefined {
  const n = def.normalise(raw);
  return "record" in n ? (n.record as Candidate).id : undefined;
}

/** Arguments echoed as outputs: every argument given or defaulted, except `refresh`. */
function echoArgs(args: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined && k !== "refresh") out[k] = v;
  return out;
}

// -----------------------------------------------------------------------------------------------------------
// Reading a declared listing.

interface ListEnv {
  ctx: LookupContext;
  now: Date;
  since?: Date;
  until?: Date;
  /** Every candidate is wanted (`--list`), not just the newest: every page is read... */
  complete: boolean;
  /** ...or, with a limit, the windows back from the top until `limit + 1` matches are settled. */
  limit?: number;
  /** The candidates passing every filter. */
  matches(records: Candidate[]): Candidate[];
  skip(why: string): void;
  best(records: Candidate[]): Candidate | undefined;
}

/**
 * The candidates of a listed lookup: with arguments naming one record (RDS `backupId`), every page of that
 * narrowed listing; with `since`, every page of the one window [since, until ?? now]; with `--list` (every
 * candidate wanted), every page of the whole history; otherwise the window search, which reads only what can
 * hold the newest.
 */
async function listCandidates(def: AnyLookup & { kind: "listed" }, args: Args, env: ListEnv): Promise<Candidate[]> {
  const listing = def.listing;
  const call = listing.client(args, env.ctx, def.name);
  const toCandidates = (raws: Raw[]) => def.candidates(raws, args, (why) => env.skip(why)) as Candidate[];
  const readAll = async (span: Span, extra?: Record<string, string | number | undefined>) => {
    const explain = env.ctx.explain;
    const pages = listingPages(listing, call, args, span, extra);
    if (!explain) return collectAll(pages);
    const format = listing.window.format;
    explain.beginRead({ what: pages.what, window: span && { from: format(span.from, "down"), to: format(span.to, "up") }, narrowed: extra });
    try {
      return await collectAll({ ...pages, onPage: (p) => explain.page(p.size) });
    } finally {
      explain.endRead();
    }
  };
  const top = env.until ?? env.now;
  const end = windowEnd(env.until, env.now); // windows end at now + 15 min unless `until` (apiClock.ts)
  const earliest = listing.window.earliest(top);
  const narrowed = listing.narrow?.(args);
  if (narrowed) return toCandidates(await readAll(listing.window.required ? { from: earliest, to: end } : undefined, narrowed));
  if (env.since) return toCandidates(await readAll({ from: env.since, to: end }));
  if (env.complete && env.limit !== undefined) return newestWindows(listing, readAll, toCandidates, env, end, earliest, env.limit);
  // The whole history: no window, unless the API requires one or `until` ends it.
  if (env.complete) return toCandidates(await readAll(listing.window.required || env.until ? { from: earliest, to: end } : undefined));
  return windowSearch<Candidate>({
    top,
    end,
    earliest,
    pageSize: listing.page.size,
    read: (from, to) => readAll({ from, to }),
    idOf: (raw) => rawId(listing, raw),
    candidates: toCandidates,
    best: (records) => env.best(records),
    spreadMs: listing.group?.spreadMs,
  });
}

/** The first window of a list, as the window search's: a backup of the last day and 2 hours, settled. */
const FIRST_SPAN_MS = MAX_BACKUP_DURATION_MS + RECENT_MS;

/**
 * The newest `limit` matches, read lazily for a list form: windows back from `top`, each read whole, until more
 * than `limit` matches are settled (ended after the window's start plus the longest backup, so no older window
 * can hold a newer one) or the history's start is reached. Each next window is sized from the matches per hour
 * seen so far to hold what is still missing (at least twice, at most sixteen times the span read so far).
 */
async function newestWindows(
  listing: AnyListing,
  readAll: (span: Span) => Promise<Raw[]>,
  toCandidates: (raws: Raw[]) => Candidate[],
  env: ListEnv,
  top: Date,
  earliest: Date,
  limit: number,
): Promise<Candidate[]> {
  const raws = new Map<string, Raw>();
  let to = top.getTime();
  let from = Math.max(earliest.getTime(), to - FIRST_SPAN_MS);
  const settleMs = MAX_BACKUP_DURATION_MS + (listing.group?.spreadMs ?? 0);
  for (;;) {
    for (const raw of await readAll({ from: new Date(from), to: new Date(to) })) raws.set(rawId(listing, raw), raw);
    const candidates = toCandidates([...raws.values()]);
    const matches = env.matches(candidates);
    const settled = matches.filter((m) => (m.key.end ?? m.key.start ?? -Infinity) >= from + settleMs).length;
    if (from <= earliest.getTime() || settled > limit) return candidates;
    const read = top.getTime() - from;
    const perMs = matches.length / read;
    const wanted = perMs > 0 ? ((limit + 1 - settled) / perMs) * 1.2 + settleMs : read * 4;
    const span = Math.min(read * 16, Math.max(read * 2, wanted));
    to = from;
    from = Math.max(earliest.getTime(), top.getTime() - span);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyListing = import("./listing").Listing<any>;
