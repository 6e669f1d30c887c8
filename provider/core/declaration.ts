/**
 * The vocabulary of a lookup's declaration: one file per lookup (provider/lookups/<cloud>/<service>/<Class>.ts)
 * says everything about it once, and everything else is made from it: the public types with their doc comments,
 * the namespaces, the serialized provider entry points, the CLI help, the reference docs and the mocks
 * (scripts/generate.ts writes the committed sources; the engine, the CLI and the Pulumi layer read the same
 * declaration at run time). This is what a Pulumi package schema is to `@pulumi/aws`
 * (https://www.pulumi.com/docs/iac/extending-pulumi/schema/): typed, documented fields, written once.
 *
 * - An argument is a zod schema (validation, default, the parsed type) and a doc comment (`arg`).
 * - An output is a type, whether it may be null, whether it is secret, and a doc comment (`out`).
 * - Which outputs hold a candidate's times (`times`, required when `timed`), and how arguments filter outputs where
 *   that is not "equal to the output of the same name" (`filters`, `usable`): what the mocks judge answers by.
 * - The kinds of lookup differ in how candidates are read, so a declaration is a discriminated union on `kind`:
 *   `listed` (a paged listing the engine reads and searches), `single` (one unpaged request), `job` (a job that
 *   may be waited for). No member is optional "for some lookups".
 */
import type { z } from "zod";
import type { LookupContext } from "./context";
import type { Listing, Raw } from "./listing";
import type { PinPolicy } from "./pinPolicy";
import type { SortKey } from "./select";

export type Cloud = "alibaba" | "huawei";

// -----------------------------------------------------------------------------------------------------------
// Arguments.

export interface ArgSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** The doc comment: its first sentence is the CLI's one-line help. Markdown, arguments named as a program writes them. */
  doc: string;
  /** The command line's wording where the doc speaks of what only a program has (stack config). */
  cli?: string;
  /** The TypeScript type users see, where the schema's own would say less (a refinement of a loose object). */
  type?: string;
}

/** An argument: its zod schema (type, default, validation) and its doc comment. */
export function arg<S extends z.ZodType>(schema: S, doc: string, options: { cli?: string; type?: string } = {}): ArgSpec<S> {
  return { schema, doc, ...options };
}

export type ArgSpecs = Record<string, ArgSpec>;
/** The zod shape of argument specs. */
export type ShapeOf<S extends ArgSpecs> = { [K in keyof S]: S[K]["schema"] };
/** The arguments as a lookup sees them once parsed (defaults filled in, numeric ids as strings). */
export type ParsedArgs<S extends ArgSpecs> = z.output<z.ZodObject<ShapeOf<S>, z.core.$strict>>;
/** The arguments as a program writes them. */
export type InputArgs<S extends ArgSpecs> = z.input<z.ZodObject<ShapeOf<S>, z.core.$strict>>;

export function shapeOf(specs: ArgSpecs): z.ZodRawShape {
  const out: Record<string, z.ZodType> = {};
  for (const [k, s] of Object.entries(specs)) out[k] = s.schema;
  return out;
}

// -----------------------------------------------------------------------------------------------------------
// Outputs.

export type OutputKind = "string" | "number" | "boolean" | "string[]";

/** One output: its type, whether it may be null, whether it is secret (a download URL), and its doc comment. */
export class Out<T> {
  /** Only for type inference: the value's type. */
  declare readonly __value: T;
  constructor(
    readonly kind: OutputKind,
    readonly doc: string,
    /** The documented values of a status or kind (the type stays open to values an API adds later). */
    readonly values: readonly string[] | undefined = undefined,
    readonly nullable: boolean = false,
    readonly secret: boolean = false,
    /** An id the API sends as an integer (output as its digits); mocks accept it as a number. */
    readonly integerId: boolean = false,
  ) {}
  /** The value may be null (the API left it out). */
  orNull(): Out<T | null> {
    return new Out<T | null>(this.kind, this.doc, this.values, true, this.secret, this.integerId);
  }
  /** A secret output (Pulumi secret; hidden by the CLI unless `--show-secrets`). */
  asSecret(): Out<T> {
    return new Out<T>(this.kind, this.doc, this.values, this.nullable, true, this.integerId);
  }
  /** An id the API sends as an integer. */
  asIntegerId(): Out<T> {
    return new Out<T>(this.kind, this.doc, this.values, this.nullable, this.secret, true);
  }
}

export const out = {
  string: (doc: string) => new Out<string>("string", doc),
  number: (doc: string) => new Out<number>("number", doc),
  boolean: (doc: string) => new Out<boolean>("boolean", doc),
  strings: (doc: string) => new Out<string[]>("string[]", doc),
  /** A status or kind: one of `values` as documented, open to values an API adds later. */
  oneOf: <const V extends readonly string[]>(values: V, doc: string) => new Out<V[number] | (string & Record<never, never>)>("string", doc, values),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutputSpecs = Record<string, Out<any>>;
/** The values of an output spec, as a lookup produces them. */
export type OutputValues<O extends OutputSpecs> = { [K in keyof O]: O[K]["__value"] };

// -----------------------------------------------------------------------------------------------------------
// Candidates.

/** A normalised record: a sort key, an id, and whatever the lookup needs for its outputs. */
export interface Candidate {
  id: string;
  key: SortKey;
}

export type Normalised<R> = { record: R } | { skip: string };

/** The `candidates` of records that are candidates one for one, from a normaliser. */
export function oneForOne<R>(normalise: (raw: Raw) => Normalised<R>) {
  return (raws: Raw[], _args: unknown, skip: (why: string) => void): R[] =>
    raws.flatMap((raw) => {
      const n = normalise(raw);
      if ("record" in n) return [n.record];
      skip(n.skip);
      return [];
    });
}

/** What a `job` lookup's `find` gets from the engine. */
export interface FindEnv<R extends Candidate> {
  ctx: LookupContext;
  now: Date;
  /** Normalises raw records, logging each skipped one once. */
  normalise<T>(raws: T[], fn: (raw: T) => Normalised<R>): R[];
}

// -----------------------------------------------------------------------------------------------------------
// The declaration.

interface Common<N extends string, S extends ArgSpecs, O extends OutputSpecs, A, R extends Candidate> {
  /** Class path, e.g. `alicloud.rds.BackupSet`: the namespace is everything before the last dot. */
  name: N;
  cloud: Cloud;
  /** One sentence: what the lookup finds (the class's doc comment, the CLI's and the reference's heading). */
  summary: string;
  /** What one candidate is called in messages (`backup set`, `backup job`). */
  noun: string;
  /** The lookup's own arguments (the common ones are added by the engine). */
  args: S;
  /** The lookup's own outputs (the echoed arguments and `latestBackupId`, `backupExists`, `resolvedAt` are added). */
  outputs: O;
  /** Cross-argument rules. */
  refine?(args: A, ctx: z.RefinementCtx, now: Date): void;
  /** `RDS instance rm-123`, for messages. */
  subject(args: A, ctx: LookupContext): string;
  /** The filters in force, for the no-candidate message. */
  describeFilters(args: A): string[];
  /**
   * How an argument filters an output, where it is not "equal to the output of the same name" (implied for every
   * argument that is also an output, its zod default included): read by the mocks (provider/testing.ts) to judge
   * answers as `reject` judges records. `{}` when there is nothing more.
   */
  filters: ArgFilters<S, O>;
  /** Values an output of a usable candidate holds whatever the arguments (`status: ["COMPLETED"]`); `{}` when none. */
  usable: { [K in OutputName<O>]?: readonly string[] };
  /** Why a candidate does not pass the filters, or undefined. The time window is the engine's. */
  reject(record: NoInfer<R>, args: A): string | undefined;
  /** The output values of a chosen candidate. */
  values(record: NoInfer<R>, args: A): OutputValues<O>;
  /** The backup id a candidate stands for, for `latestBackupId` (default: its id). */
  backupIdOf?(record: NoInfer<R>, args: A): string | null;
  /** What makes two deployments the same query, the resource id, how a pinned result is re-read. */
  pin: PinPolicy<A>;
}

/** An output's name. */
export type OutputName<O extends OutputSpecs> = keyof O & string;
/** The name of a boolean output. */
export type BooleanOutputName<O extends OutputSpecs> = { [K in keyof O]: O[K]["__value"] extends boolean | null ? K : never }[keyof O] & string;

/** How one argument filters the outputs (`filters` of a declaration). */
export type ArgFilter<O extends OutputSpecs> =
  /** A boolean argument: when true, the output must be true (`requireAvailable` -> `isAvailable`). */
  | { requires: BooleanOutputName<O> }
  /**
   * The output of this name must equal the argument (`name` -> `backupName`); with `whenAbsent`, an argument left
   * out still limits the output to these values (Huawei RDS `backupType`: full backups, `auto` or `manual`).
   */
  | { equals: OutputName<O>; whenAbsent?: readonly string[] }
  /** The output must hold the argument, ignoring case (a fragment the API matches fuzzily). */
  | { contains: OutputName<O> }
  /** The argument filters on something no output shows exactly (BackupTask's `backupJobStatus`): not judged. */
  | { unjudged: string };

export type ArgFilters<S extends ArgSpecs, O extends OutputSpecs> = { [K in keyof S]?: ArgFilter<O> };

/**
 * Whether records have times (`since`, `until`, `maxAge` apply) and which outputs hold them: the start (what
 * `since`/`until` test) and the end (what `maxAge` and "newest" read; a candidate without one sorts last and is
 * aged by its start).
 */
export type Timing<O extends OutputSpecs> = { timed: true; times: { start: OutputName<O>; end: OutputName<O> } } | { timed: false };

/** A paged listing the engine reads and searches (window search, `since`, `--list`, refresh's re-check). */
export interface Listed<A, R> {
  kind: "listed";
  listing: Listing<A>;
  /** Raw records -> candidates (normalised; KVStore groups shards into jobs). */
  candidates(raws: Raw[], args: A, skip: (why: string) => void): R[];
  /** A listed record that no longer counts as existing (expired, deleted) for `pulumi refresh`. */
  gone?(raw: Raw): boolean;
}

/** One unpaged request answers everything that could match. */
export interface Single<A, R> {
  kind: "single";
  /** The raw records for `args`; with `only`, the records of that backup id (refresh's re-check). */
  fetch(args: A, ctx: LookupContext, options: { only?: string; fresh: boolean }): Promise<Raw[]>;
  normalise(raw: Raw): Normalised<R>;
  /** A record that no longer counts as existing, for `pulumi refresh`. */
  gone?(raw: Raw): boolean;
}

/** A job that may be waited for: no candidate is an answer, not an error. */
export interface Job<O extends OutputSpecs, A, R extends Candidate> {
  kind: "job";
  find(args: A, env: FindEnv<R>): Promise<R[]>;
  /** Runs after the choice (the wait); may replace the chosen record. */
  afterChoice(record: NoInfer<R>, args: A, ctx: LookupContext): Promise<NoInfer<R>>;
  /** The outputs when nothing matches, or undefined when that is an error (a named job). */
  notFound(args: A): OutputValues<O> | undefined;
}

/** A lookup's declaration: what every lookup says, one of the kinds, and its times (when it has them). */
export type LookupDeclaration<
  N extends string = string,
  S extends ArgSpecs = ArgSpecs,
  O extends OutputSpecs = OutputSpecs,
  A = ParsedArgs<S>,
  R extends Candidate = Candidate,
> = Common<N, S, O, A, R> & (Listed<A, R> | Single<A, R> | Job<O, A, R>) & Timing<O>;

/** Any declaration, as the engine and the generator handle them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLookup = LookupDeclaration<string, ArgSpecs, OutputSpecs, any, any>;

/**
 * Declares a lookup: the identity function, there for inference (the parsed arguments' type comes from the
 * argument schemas, the candidate type from `candidates`/`normalise`/`find`, and `values` is checked against the
 * output spec).
 */
export function declareLookup<const N extends string, S extends ArgSpecs, O extends OutputSpecs, R extends Candidate>(
  def: LookupDeclaration<N, S, O, ParsedArgs<S> & CommonParsed, R>,
): LookupDeclaration<N, S, O, ParsedArgs<S> & CommonParsed, R> {
  return def;
}

/** The common arguments as every lookup sees them (provider/core/args.ts `commonArgSpecs`). */
export interface CommonParsed {
  region?: string;
  endpoint?: string;
  allowInsecureEndpoint?: boolean;
  since?: string;
  until?: string;
  maxAge?: string;
  assumeRole?: Record<string, unknown>;
  profile?: string;
}

// -----------------------------------------------------------------------------------------------------------
// What is derived from a declaration.

/** Outputs every lookup has, beside its own and the echoed arguments. */
export const COMMON_OUTPUTS = {
  latestBackupId: out.string("The newest match at the last run; differs from `backupId` when pinned.").orNull(),
  backupExists: out.boolean("`true` when resolved; a refresh sets `false` when the pinned backup expired or was deleted."),
  resolvedAt: out.string("When the stored result was resolved, ISO-8601 UTC to the second (the runner's clock)."),
} as const;

export const COMMON_OUTPUT_NAMES = Object.keys(COMMON_OUTPUTS) as (keyof typeof COMMON_OUTPUTS)[];

/** The lookup's own output names. */
export function outputNames(def: AnyLookup): string[] {
  return Object.keys(def.outputs);
}

/** Output names that hold download URLs: secret in Pulumi, hidden by the CLI. */
export function secretOutputs(def: AnyLookup): string[] {
  return Object.entries(def.outputs)
    .filter(([, o]) => o.secret)
    .map(([k]) => k);
}

/** Output names (own and common) holding ids the API sends as integers. */
export function integerIdOutputs(def: AnyLookup): string[] {
  const own = Object.entries(def.outputs)
    .filter(([, o]) => o.integerId)
    .map(([k]) => k);
  return own.includes("backupId") ? [...own, "latestBackupId"] : own;
}

/** `alicloud.rds` of `alicloud.rds.BackupSet`. */
export function namespaceOf(name: string): string {
  return name.slice(0, name.lastIndexOf("."));
}

/** `BackupSet` of `alicloud.rds.BackupSet`. */
export function classOf(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}
