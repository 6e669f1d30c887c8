/**
 * The lookup engine, written once. A lookup is a `LookupDefinition` (schema, how to fetch, how to normalise a
 * record, what "usable" means, its outputs); `runLookup` validates, fetches, selects and shapes the outputs
 * the same way for all five, and `searchNewest` is the
 * request-saving search three of them share.
 */
import { z } from "zod";
import { CommonArgs, checkCommon, commonArgs, toArgumentIssues } from "./args";
import type { LookupContext } from "./context";
import { InvalidArgumentsError, NoBackupFoundError, StaleBackupError } from "./errors";
import { PaginateOptions, paginate } from "./paginate";
import { SortKey, describeSeen, select } from "./select";
import { describeAge, formatInstant, parseDuration, parseInstantOrDuration } from "./time";

/** A normalised record: a sort key, an id, and whatever the lookup needs for its outputs. */
export interface Candidate {
  id: string;
  key: SortKey;
}

export type Normalised<R> = { record: R } | { skip: string };

/** How a lookup is called: the resource form, the get functions or the CLI (some arguments differ). */
export type LookupForm = "resource" | "function" | "cli";

export interface LookupDefinition<A extends CommonArgs, R extends Candidate> {
  /** Class path, e.g. `alicloud.rds.BackupSet`. */
  name: string;
  cloud: "alibaba" | "huawei";
  /** What one candidate is called in messages (`backup set`, `backup job`). */
  noun: string;
  /** The lookup's own arguments (common ones are added by the engine). */
  shape: z.ZodRawShape;
  /** Extra cross-argument rules. */
  refine?(args: A, ctx: z.RefinementCtx, now: Date): void;
  /** `RDS instance rm-123` */
  subject(args: A, ctx: LookupContext): string;
  /** The filters in force, for the no-candidate message. */
  describeFilters(args: A): string[];
  /** Every record the API has that could match, normalised; uses `env` for paging and windows. */
  find(args: A, env: FindEnv<R>): Promise<R[]>;
  /** Why a record does not pass the filters, or undefined. Time-window filtering is the engine's. */
  reject(record: R, args: A): string | undefined;
  /** Output fields of a chosen record (backup-derived; the engine adds echoes and bookkeeping). */
  outputs(record: R, args: A): object;
  /** The backup id a record stands for, for `latestBackupId` (default: the record id). */
  backupIdOf?(record: R, args: A): string | null;
  /** Every output name `outputs` produces (for unknown values in preview, and the docs). */
  outputNames: string[];
  /** Output names that hold download URLs: secret in Pulumi, present in the CLI. */
  secretOutputs: string[];
  /** When set, "no candidate" is an answer (BackupTask `found: false`) unless this returns false. */
  notFound?(args: A): Record<string, unknown> | undefined;
  /** Whether records have times (since/until/maxAge apply). */
  timed: boolean;
  /**
   * Whether the backup `id` still exists (for `pulumi refresh`): still listed, whatever its status, unless the
   * API marks it expired or deleted. A set pinned with `backupStatus: "Failed"` still exists.
   */
  exists?(args: A, id: string, ctx: LookupContext): Promise<boolean>;
  /**
   * For a pinned result whose record is still moving (a BackupTask job not finished when pinned): the
   * arguments that re-read that same record on a later deployment, or undefined to keep the stored values.
   */
  repin?(stored: Record<string, unknown>): Partial<A> | undefined;
  /** Runs after the choice (BackupTask's wait); may replace the chosen record. */
  afterChoice?(record: R, args: A, ctx: LookupContext): Promise<R>;
}

export interface FindEnv<R extends Candidate> {
  ctx: LookupContext;
  now: Date;
  since?: Date;
  until?: Date;
  /** Every candidate is wanted (`--list`), not just the newest: searches read every page. */
  complete: boolean;
  /** Normalises raw records, logging each skipped one once. */
  normalise<Raw>(raws: Raw[], fn: (raw: Raw) => Normalised<R>): R[];
  /** The newest record passing every filter, if any. */
  best(records: R[]): R | undefined;
}

/** What a run returns. */
export interface LookupResult {
  /** The outputs object (CONTRACT.md), secrets as plain values. */
  outputs: Record<string, unknown>;
  /** With `list`: the outputs of every match, newest first. */
  list?: Record<string, unknown>[];
  /** Output names that are secret. */
  secretOutputs: string[];
}

/** The zod schema of a lookup for one form (strict: unknown arguments are errors). */
export function schemaOf<A extends CommonArgs, R extends Candidate>(def: LookupDefinition<A, R>, form: LookupForm) {
  const resourceOnly = form === "resource" ? { refresh: z.enum(["pin", "always"]).optional() } : {};
  return z.strictObject({ ...commonArgsFor(def), ...resourceOnly, ...def.shape });
}

function commonArgsFor<A extends CommonArgs, R extends Candidate>(def: LookupDefinition<A, R>): z.ZodRawShape {
  if (def.timed) return commonArgs;
  const { since: _s, until: _u, maxAge: _m, ...rest } = commonArgs;
  return rest;
}

/** Argument names a form accepts, for did-you-mean and the docs. */
export function argumentNames<A extends CommonArgs, R extends Candidate>(def: LookupDefinition<A, R>, form: LookupForm): string[] {
  return Object.keys(schemaOf(def, form).shape);
}

/** Validates `input` for `def` in `form`; throws `InvalidArgumentsError` listing every problem. */
export function parseArgs<A extends CommonArgs, R extends Candidate>(
  def: LookupDefinition<A, R>,
  input: unknown,
  form: LookupForm,
  now: Date,
): A & { refresh?: "pin" | "always" } {
  const schema = schemaOf(def, form).superRefine((args, ctx) => {
    checkCommon(args as CommonArgs, now, ctx);
    def.refine?.(args as unknown as A, ctx, now);
  });
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    let issues = toArgumentIssues(parsed.error.issues, input, argumentNames(def, form), def.cloud);
    if (!def.timed) {
      issues = issues.map((i) =>
        ["since", "until", "maxAge"].includes(i.argument)
          ? { argument: i.argument, reason: `does not apply to ${def.name}: the API returns no times for ${def.noun}s` }
          : i,
      );
    }
    if (form !== "resource") {
      issues = issues.map((i) => (i.argument === "refresh" ? { argument: "refresh", reason: "applies only to the resource form (new " + def.name + "(...))" } : i));
    }
    throw new InvalidArgumentsError(def.name, issues);
  }
  return parsed.data as unknown as A & { refresh?: "pin" | "always" };
}

/** Runs a lookup: validate, find, select, check age, shape outputs. */
export async function runLookup<A extends CommonArgs, R extends Candidate>(
  def: LookupDefinition<A, R>,
  input: unknown,
  ctx: LookupContext,
  options: { form: LookupForm; list?: boolean; validated?: A } = { form: "function" },
): Promise<LookupResult> {
  const now = ctx.clock.now();
  const args = options.validated ?? parseArgs(def, input, options.form, now);
  const since = args.since ? parseInstantOrDuration(args.since, now) : undefined;
  const until = args.until ? parseInstantOrDuration(args.until, now) : undefined;

  const windowReject = (r: R): string | undefined => {
    if (since && (r.key.start === undefined || r.key.start < since.getTime())) return `started before since (${formatInstant(since)})`;
    if (until && (r.key.start === undefined || r.key.start > until.getTime())) return `started after until (${formatInstant(until)})`;
    return undefined;
  };
  const reject = (r: R) => windowReject(r) ?? def.reject(r, args);
  const skipped = new Set<string>();
  const env: FindEnv<R> = {
    ctx,
    now,
    since,
    until,
    complete: !!options.list,
    normalise(raws, fn) {
      const out: R[] = [];
      for (const raw of raws) {
        const n = fn(raw);
        if ("record" in n) out.push(n.record);
        else if (!skipped.has(n.skip)) {
          skipped.add(n.skip);
          ctx.log.warn(`${def.name}: skipped a malformed record: ${n.skip}`);
        }
      }
      return out;
    },
    best: (records) => select(records, (r) => r.key, reject).chosen,
  };

  const records = await def.find(args, env);
  const selection = select(records, (r) => r.key, reject);
  const bookkeeping = (newest: R) => ({
    latestBackupId: def.backupIdOf ? def.backupIdOf(newest, args) : newest.id,
    backupExists: true,
    resolvedAt: formatInstant(now),
  });
  const echo = echoArgs(args);

  if (!selection.chosen) {
    const answer = def.notFound?.(args);
    if (answer) return { outputs: { ...echo, ...answer, resolvedAt: formatInstant(now) }, list: options.list ? [] : undefined, secretOutputs: def.secretOutputs };
    const filters = def.describeFilters(args);
    if (since) filters.push(`since ${formatInstant(since)}`);
    if (until) filters.push(`until ${formatInstant(until)}`);
    throw new NoBackupFoundError(
      `no ${def.noun} of ${def.subject(args, ctx)} matches${filters.length ? ` (${filters.join(", ")})` : ""}: ${describeSeen(selection.seen, def.noun, (r) => r.key)}`,
    );
  }

  let chosen = selection.chosen;
  if (def.afterChoice) chosen = await def.afterChoice(chosen, args, ctx);

  if (args.maxAge && def.timed) {
    const limit = parseDuration(args.maxAge)!;
    const end = chosen.key.end ?? chosen.key.start;
    const age = end === undefined ? Infinity : now.getTime() - end;
    if (age > limit) {
      throw new StaleBackupError(
        `the newest matching ${def.noun} of ${def.subject(args, ctx)} is ${chosen.id}, which ended ${end === undefined ? "at an unknown time" : `${formatInstant(new Date(end))} (${describeAge(age)} ago)`}, older than maxAge ${args.maxAge}; take a fresh backup or raise maxAge`,
      );
    }
  }

  const newest = chosen.id === selection.chosen.id ? chosen : selection.chosen;
  const outputs = { ...echo, ...def.outputs(chosen, args), ...bookkeeping(newest) };
  const list = options.list ? selection.matches.map((r) => ({ ...echo, ...def.outputs(r, args), ...bookkeeping(selection.chosen!) })) : undefined;
  return { outputs, list, secretOutputs: def.secretOutputs };
}

/** Arguments echoed as outputs (CONTRACT.md "All arguments are echoed as outputs"). */
function echoArgs(args: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined && k !== "refresh") out[k] = v;
  return out;
}

// -----------------------------------------------------------------------------------------------------------
// Finding the newest with the fewest requests.

/**
 * The longest a backup is assumed to run (start to end). The APIs' windows select by START time, so a record
 * that ends after `E` started after `E - MAX_BACKUP_DURATION`: one window reaching back that far holds every
 * record that could beat a candidate ending at `E`. Backups running longer are still found with `since`.
 */
export const MAX_BACKUP_DURATION_MS = 48 * 3_600_000;

export interface WindowedSearch<Raw, R extends Candidate> {
  /**
   * Paging options listing every record whose start time is in [from, to]; `from` undefined = all the history
   * the API lets one query cover (RDS and DCS: no window; KVStore: its required window at the search limit).
   */
  list(from: Date | undefined, to: Date): PaginateOptions<Raw>;
  rawId(raw: Raw): string;
  /** Start time of a raw record in ms, if it has a valid one (for the request budget). */
  rawStart(raw: Raw): number | undefined;
  /** Raw records so far -> candidates (normalise, group shards into jobs). */
  assemble(raws: Raw[]): R[];
  /**
   * Candidates from page 1's sample, used only to place the window (default `assemble`). KVStore judges no
   * job incomplete here: a sample holds some shards of most jobs.
   */
  assembleSample?(raws: Raw[]): R[];
  /**
   * Grouped candidates (a KVStore job of several shards) whose shards may straddle a window edge are accepted
   * only when they started this long after the edge.
   */
  edgeMs?: number;
}

/**
 * With `since`: one window [since, until ?? now], every page (and every page of the whole history when every
 * candidate is wanted, `--list`). Otherwise: "probe, then target".
 *
 * 1. Page 1 of the whole history at the largest page size. It holds everything when the instance has at most
 *    one page (1 request), and otherwise gives the total and a sample in whatever order the API uses.
 * 2. The newest usable candidate of the sample ends at `E`; only records that started after `E - 48h` can
 *    beat it, so one window [E - 48h, now] (usually one page) settles the answer: 2 requests in the usual case,
 *    whatever the API's order, for 730 or 10,000 backups alike.
 * 3. The window is used when it provably costs no more than reading the remaining pages (page 1 tells how many
 *    of its records lie outside it), or when the sample says it is far cheaper (twice the estimate still saves
 *    requests); otherwise, and when the sample has no usable candidate, the remaining pages are read. So a
 *    lookup costs at most a full scan at the largest page size, plus one request only when the sample misleads
 *    (an API that returned records oldest first, with the total just under a multiple of the page size).
 * Records are de-duplicated by id across the two listings.
 */
export async function searchNewest<Raw, R extends Candidate>(env: FindEnv<R>, s: WindowedSearch<Raw, R>): Promise<R[]> {
  const all = new Map<string, Raw>();
  const add = (raws: Raw[]) => raws.forEach((r) => all.set(s.rawId(r), r));
  const top = env.until ?? env.now;
  const readAll = async (opts: PaginateOptions<Raw>) => {
    for await (const page of paginate(opts)) add(page);
  };
  if (env.since || env.complete) {
    await readAll(s.list(env.since, top));
    return s.assemble([...all.values()]);
  }

  let total: number | undefined;
  const full = s.list(undefined, top);
  const pages = paginate({ ...full, onPage: (p) => (p.pageNumber === 1 ? (total = p.total) : undefined) })[Symbol.asyncIterator]();
  const readRest = async () => {
    for (let n = await pages.next(); !n.done; n = await pages.next()) add(n.value);
  };
  const first = await pages.next();
  if (!first.done) add(first.value);
  const pageCount = total === undefined ? undefined : Math.ceil(total / full.pageSize);
  if (pageCount === undefined || pageCount <= 1) {
    await readRest();
    return s.assemble([...all.values()]);
  }

  const best = env.best((s.assembleSample ?? s.assemble)([...all.values()]));
  if (best?.key.end !== undefined) {
    const from = best.key.end - MAX_BACKUP_DURATION_MS - (s.edgeMs ?? 0);
    const sample = [...all.values()];
    const outside = sample.filter((r) => (s.rawStart(r) ?? Infinity) < from).length;
    // Provably no dearer than the remaining pages: the window holds at most `total - outside` records.
    const provable = 1 + Math.ceil((total! - outside) / full.pageSize) <= pageCount;
    // Or, judging by the sample (exact when the API's order is unrelated to time), far cheaper.
    const estimate = Math.ceil(((sample.length - outside) / sample.length) * total!);
    const likely = 1 + Math.ceil((2 * estimate) / full.pageSize) < pageCount;
    if (provable || likely) {
      await readAll(s.list(new Date(from), top));
      const records = s.assemble([...all.values()]);
      const winner = env.best(records);
      // Unseen records started before `from`, so they ended before `best` did: `winner` is the newest.
      if (winner?.key.end !== undefined && winner.key.end >= best.key.end && (!s.edgeMs || (winner.key.start ?? 0) >= from + s.edgeMs))
        return records;
    }
  }
  await readRest();
  return s.assemble([...all.values()]);
}
