/**
 * The lookup engine, written once. A lookup is a `LookupDefinition` (schema, its listing declared as data
 * (listing.ts), how raw records become candidates, what "usable" means, its outputs, its pin policy);
 * `runLookup` validates, lists, selects and shapes the outputs the same way for all five. The paged listings
 * are read here, through `listingPages` and the window search (windowSearch.ts); the two unpaged lookups
 * (one request each) keep a `find`.
 */
import { z } from "zod";
import { CommonArgs, checkCommon, commonArgs, toArgumentIssues } from "./args";
import type { LookupContext } from "./context";
import { InvalidArgumentsError, NoBackupFoundError, StaleBackupError } from "./errors";
import { Listing, Raw, Span, listingPages, rawId } from "./listing";
import { collectAll } from "./paginate";
import type { PinPolicy } from "./pinPolicy";
import { windowSearch } from "./windowSearch";
import { apiNow, windowEnd, withApiClock } from "./apiClock"; // hook: whose clock (apiClock.ts)
import { SortKey, describeSeen, select } from "./select";
import { describeAge, formatInstant, parseDuration, parseInstantOrDuration } from "./time";

/** A normalised record: a sort key, an id, and whatever the lookup needs for its outputs. */
export interface Candidate {
  id: string;
  key: SortKey;
}

export type Normalised<R> = { record: R } | { skip: string };

/** The `candidates` of a listing whose records are candidates one for one, from a normaliser. */
export function oneForOne<R>(normalise: (raw: Raw) => Normalised<R>) {
  return (raws: Raw[], _args: unknown, skip: (why: string) => void): R[] =>
    raws.flatMap((raw) => {
      const n = normalise(raw);
      if ("record" in n) return [n.record];
      skip(n.skip);
      return [];
    });
}

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
  /** A paged lookup's listing: the engine reads it (window search, `since`, `--list`). */
  listing?: Listing<A>;
  /** Raw records of the listing -> candidates (normalised; KVStore groups shards into jobs). */
  candidates?(raws: Raw[], args: A, skip: (why: string) => void): R[];
  /** An unpaged lookup (one request): every record the API has that could match, normalised. */
  find?(args: A, env: FindEnv<R>): Promise<R[]>;
  /** What makes two deployments the same query, how ids are built, how a pinned result is re-read. */
  pin: PinPolicy<A>;
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
  normalise<T>(raws: T[], fn: (raw: T) => Normalised<R>): R[];
  /** Logs a skipped malformed record, once per reason. */
  skip(why: string): void;
  /** The newest record passing every filter, if any. */
  best(records: R[]): R | undefined;
}

/** What a run returns. */
export interface LookupResult {
  /** The outputs object (README "Arguments and outputs"), secrets as plain values. */
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
  ctx = withApiClock(ctx); // hook: whose clock (apiClock.ts): this run's record of the API's clock
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
  const skip = (why: string) => {
    if (skipped.has(why)) return;
    skipped.add(why);
    ctx.log.warn(`${def.name}: skipped a malformed record: ${why}`);
  };
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
        else skip(n.skip);
      }
      return out;
    },
    skip,
    best: (records) => select(records, (r) => r.key, reject).chosen,
  };

  const records = def.listing ? await listCandidates(def, args, env) : await def.find!(args, env);
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
    const age = end === undefined ? Infinity : apiNow(ctx, now).getTime() - end; // hook: whose clock (apiClock.ts): age on the API's clock
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

/** Arguments echoed as outputs: every argument given or defaulted, except `refresh`. */
function echoArgs(args: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined && k !== "refresh") out[k] = v;
  return out;
}

// -----------------------------------------------------------------------------------------------------------
// Reading a declared listing.

/**
 * The candidates of a paged lookup: with arguments naming one record (RDS `backupId`), every page of that
 * narrowed listing; with `since`, every page of the one window [since, until ?? now]; with `--list` (every
 * candidate wanted), every page of the whole history; otherwise the window search, which reads only what can
 * hold the newest.
 */
async function listCandidates<A extends CommonArgs, R extends Candidate>(def: LookupDefinition<A, R>, args: A, env: FindEnv<R>): Promise<R[]> {
  const listing = def.listing!;
  const call = listing.client(args, env.ctx, def.name);
  const toCandidates = (raws: Raw[]) => def.candidates!(raws, args, env.skip);
  const readAll = (span: Span, extra?: Record<string, string | number | undefined>) => collectAll(listingPages(listing, call, args, span, extra));
  const top = env.until ?? env.now;
  const end = windowEnd(env.until, env.now); // hook: whose clock (apiClock.ts): windows end at now + 15 min unless `until`
  const earliest = listing.window.earliest(top);
  const narrowed = listing.narrow?.(args);
  if (narrowed) return toCandidates(await readAll(undefined, narrowed));
  if (env.since) return toCandidates(await readAll({ from: env.since, to: end })); // hook: whose clock
  // The whole history: no window, unless the API requires one or `until` ends it.
  if (env.complete) return toCandidates(await readAll(listing.window.required || env.until ? { from: earliest, to: end } : undefined)); // hook: whose clock
  return windowSearch<R>({
    top,
    end, // hook: whose clock (apiClock.ts)
    earliest,
    pageSize: listing.page.size,
    read: (from, to) => readAll({ from, to }),
    idOf: (raw) => rawId(listing, raw),
    candidates: toCandidates,
    best: env.best,
    spreadMs: listing.group?.spreadMs,
  });
}
