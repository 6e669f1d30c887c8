/**
 * `pulumi-backup-lookups/testing`: mocks for unit tests of a program that uses the lookups.
 *
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import { backupAged, backupLookupMocks, noBackup } from "pulumi-backup-lookups/testing";
 *
 * pulumi.runtime.setMocks(
 *   backupLookupMocks({ "alicloud.rds.BackupSet": backupAged(3, { backupId: "640000777" }) }, myMocks),
 * );
 * ```
 *
 * Each lookup named gets the answer given, in both forms: the get functions (`mocks.call` with the token
 * `backup-lookups:<namespace>:get<Class>`, see pulumi/functionToken.ts) and the resource classes
 * (`mocks.newResource` with the type `pulumi-nodejs:dynamic/backup-lookups:<lookup>`, the type every dynamic
 * resource gets: @pulumi/pulumi dynamic/index.ts). Everything else goes to `mocks`, the program's own.
 *
 * The mocks judge as the real lookup does. The arguments are validated as a deployment validates them. An answer is
 * one backup (its outputs), a list of them, or a function of the arguments returning either; each backup is judged
 * by the lookup's filters (an argument that is also an output, its default included, such as `backupStatus:
 * "Success"`, must equal it; `requireAvailable` needs `isAvailable` true; `since`/`until` test the start time; the
 * declaration's `filters` and `usable` say the rest), an output the answer leaves out is not judged; the newest
 * passing backup is chosen by end time, then start, then id; `maxAge` is checked against the mocks' clock (`now`,
 * default the test's `Date.now()`). No passing backup fails with the deployment's `NoBackupFoundError`, a stale one
 * with its `StaleBackupError`, word for word (BackupTask answers `found: false` instead, as it does). The outputs
 * are shaped as the real lookup's: the arguments echoed with their defaults, every output present (`null` when the
 * answer leaves it out), `latestBackupId` (default: `backupId`), `backupExists: true` and `resolvedAt` (now).
 *
 * - `backupAged(hours, fields?)`: a backup that ended `hours` before the mocks' now (started 12 minutes earlier),
 *   matching the query (the arguments that are outputs, the usable status), with a plausible id; `fields` override.
 * - `noBackup`: no backup exists (an empty list).
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { parseArgs } from "./core/engine";
import { DEFAULT_LIST_LIMIT } from "./core/list";
import { AnyLookup, ArgFilter, COMMON_OUTPUT_NAMES, integerIdOutputs, OutputSpecs, outputNames, secretOutputs } from "./core/declaration";
import { createContext, LookupContext } from "./core/context";
import { NoBackupFoundError, StaleBackupError } from "./core/errors";
import { idString } from "./core/fields";
import { noBackupMessage, staleBackupMessage } from "./core/messages";
import { resourceId } from "./core/pinPolicy";
import { beyondMaxAge, outsideWindow, select, SortKey } from "./core/select";
import { formatInstant, parseInstantOrDuration, parseIsoInstant } from "./core/time";
import { LOOKUPS, lookupNamed } from "./lookups";
import { functionToken, listFunctionToken } from "./pulumi/functionToken";
import { rememberMockFailure } from "./pulumi/mockFailures";
import type { AgedBackup, Answer } from "./types/Answer";
import type { BackupLookupAnswers } from "./types/BackupLookupAnswers";

export type { AgedBackup, Answer, BackupAnswer } from "./types/Answer";
export type { BackupLookupAnswers } from "./types/BackupLookupAnswers";

/** The type name `mocks.newResource` receives for a lookup's resource class. */
export function lookupResourceType(lookup: string): string {
  return `pulumi-nodejs:dynamic/backup-lookups:${lookup}`;
}

/** The key under which `backupAged` keeps its hours and fields. */
const AGED = "__backupAged" satisfies keyof AgedBackup;

/**
 * A backup that ended `hours` before the mocks' now, started 12 minutes earlier, matching the lookup's query (the
 * arguments that are outputs, its usable status and flags), with an id of the lookup's shape; `fields` (any outputs)
 * override. For a lookup with times (not BackupTask).
 *
 * ```ts
 * backupLookupMocks({ "alicloud.rds.BackupSet": backupAged(3) });         // maxAge "36h" passes
 * backupLookupMocks({ "alicloud.rds.BackupSet": backupAged(40) });        // maxAge "36h" fails: StaleBackupError
 * backupLookupMocks({ "alicloud.rds.BackupSet": [backupAged(1, { backupStatus: "Failed" }), backupAged(25)] });
 * ```
 */
export function backupAged<F extends object = Record<never, never>>(hours: number, fields?: F): AgedBackup<F> {
  return { [AGED]: { hours, fields: (fields ?? {}) as F } };
}

/** An answer meaning no backup exists: the lookup fails with its `NoBackupFoundError` (BackupTask: `found: false`). */
export const noBackup: readonly never[] = Object.freeze([]);

/** Options of `backupLookupMocks`. */
export interface BackupLookupMocksOptions {
  /** The mocks' clock, for `maxAge`, `since`/`until` durations, `backupAged` and `resolvedAt`: default `new Date()` at each lookup. */
  now?: Date | (() => Date);
}

/** What a program's mocks get when none are given: Pulumi's documented defaults (inputs as state and result). */
const passThrough: pulumi.runtime.Mocks = {
  newResource: (args) => ({ id: `${args.name}_id`, state: args.inputs as Record<string, unknown> }),
  call: (args) => args.inputs as Record<string, unknown>,
};

/**
 * Mocks answering the lookups in `answers` and passing every other resource and call to `mocks`. A lookup used
 * by the program but missing from `answers` fails with a message naming it, rather than reaching `mocks`.
 */
export function backupLookupMocks(
  answers: BackupLookupAnswers,
  mocks: pulumi.runtime.Mocks = passThrough,
  options: BackupLookupMocksOptions = {},
): pulumi.runtime.Mocks {
  const known = Object.keys(LOOKUPS);
  for (const k of Object.keys(answers)) {
    if (!known.includes(k)) throw new Error(`backupLookupMocks: unknown lookup ${k}; the lookups are ${known.join(", ")}`);
  }
  const byToken = new Map(known.map((name) => [functionToken(name), name]));
  // The list forms (getBackupSets): the same answers, every match newest first, at most `limit`.
  const byListToken = new Map(known.filter((name) => lookupNamed(name)!.kind !== "job").map((name) => [listFunctionToken(name), name]));
  const byType = new Map(known.map((name) => [lookupResourceType(name), name]));
  const answerFor = (name: string, how: string) => {
    const answer = (answers as Record<string, Answer<object, object> | undefined>)[name];
    if (answer === undefined)
      throw new Error(`backupLookupMocks: the program uses ${name} (${how}) but no answer was given for it; add "${name}": {...} to the answers`);
    return answer;
  };
  const now = () => {
    const n = typeof options.now === "function" ? options.now() : (options.now ?? new Date());
    return new Date(n.getTime());
  };
  return {
    // An error thrown here reaches the program as `new Error(err.details)` (sdk/nodejs/runtime/invoke.ts
    // invokeAsync, which expects a gRPC error): `withDetails` keeps the message, and the get functions rethrow the
    // error itself (pulumi/mockFailures.ts).
    call(args) {
      const listed = byListToken.get(args.token);
      if (listed) {
        const { limit, ...inputs } = args.inputs as Record<string, unknown>;
        const max = typeof limit === "number" ? limit : DEFAULT_LIST_LIMIT;
        return withDetails(() => {
          const matches = judged(lookupNamed(listed)!, answerFor(listed, args.token), inputs, "function", now(), true).matches;
          return { items: matches.slice(0, max), truncated: matches.length > max };
        });
      }
      const name = byToken.get(args.token);
      if (!name) return mocks.call(args);
      return withDetails(() => outputsOf(lookupNamed(name)!, answerFor(name, args.token), args.inputs as Record<string, unknown>, "function", now()));
    },
    newResource(args) {
      const name = byType.get(args.type);
      if (!name) return mocks.newResource(args);
      const def = lookupNamed(name)!;
      const { __provider: _p, ...inputs } = args.inputs as Record<string, unknown>;
      const outputs = withDetails(() => outputsOf(def, answerFor(name, args.type), inputs, "resource", now()));
      const state: Record<string, unknown> = { ...outputs, ...(inputs.refresh !== undefined ? { refresh: inputs.refresh } : {}) };
      // Download URLs are secret outputs of the resource (additionalSecretOutputs), as in a deployment.
      for (const k of secretOutputs(def)) if (state[k] !== null) state[k] = pulumi.secret(state[k]);
      return { id: resourceId(def, outputs), state };
    },
  };
}

/** Runs `fn`; an error it throws gets a `details` equal to its message, the field Pulumi's invoke reports. */
function withDetails<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error) {
      Object.assign(err, { details: err.message });
      rememberMockFailure(err);
    }
    throw err;
  }
}

/** One backup an answer gives: its outputs (the rest derived or null) and its sort key. */
interface Answered {
  outputs: Record<string, unknown>;
  given: Record<string, unknown>;
  key: SortKey;
}

/**
 * The outputs the real lookup would give for `inputs` if the API listed the backups `answer` gives: each judged by
 * the lookup's filters (declaration `filters`, `usable`, the arguments that are outputs, `since`/`until`), the
 * newest chosen as the engine chooses (end, start, id), `maxAge` applied on the mocks' clock; the failures are the
 * deployment's, word for word (core/messages.ts).
 */
function outputsOf(
  def: AnyLookup,
  answer: Answer<object, object>,
  inputs: Record<string, unknown>,
  form: "function" | "resource",
  now: Date,
): Record<string, unknown> {
  return judged(def, answer, inputs, form, now).outputs;
}

/** The choice among an answer's backups, and every match's outputs newest first (the list forms' items). */
function judged(
  def: AnyLookup,
  answer: Answer<object, object>,
  inputs: Record<string, unknown>,
  form: "function" | "resource",
  now: Date,
  asList = false,
): { outputs: Record<string, unknown>; matches: Record<string, unknown>[] } {
  const { refresh: _r, ...args } = parseArgs(def, inputs, form, now) as Record<string, unknown>;
  for (const k of Object.keys(args)) if (args[k] === undefined) delete args[k];
  const answered = (typeof answer === "function" ? (answer as (a: Record<string, unknown>) => unknown)(args) : answer) as
    object | readonly object[] | undefined;
  const list = answered === undefined ? [] : Array.isArray(answered) ? answered : [answered];
  const backups = list.map((one: object, i: number) => answeredBackup(def, one, args, now, i, list.length));
  const since = typeof args.since === "string" ? parseInstantOrDuration(args.since, now) : undefined;
  const until = typeof args.until === "string" ? parseInstantOrDuration(args.until, now) : undefined;
  // An answer without a start time is not judged by the window (only what an answer gives is judged).
  const reject = (b: Answered) => outsideWindow(b.key.start, { since, until }, true) ?? judge(def, args, b.outputs);
  const selection = select(backups, (b) => b.key, reject);
  const chosen = selection.chosen;
  const shaped = (b: Answered, newest: Answered): Record<string, unknown> => ({
    ...args,
    ...b.outputs,
    latestBackupId: newest.given.latestBackupId ?? newest.outputs.backupId ?? null,
    backupExists: b.given.backupExists ?? true,
    resolvedAt: b.given.resolvedAt ?? formatInstant(now),
  });
  // A list form answers "none" with no items, as the real list does.
  if (asList && !chosen) return { outputs: {}, matches: [] };
  if (!chosen) {
    const none = def.kind === "job" ? def.notFound(args) : undefined;
    if (none) return { outputs: { ...args, ...none, latestBackupId: null, backupExists: false, resolvedAt: formatInstant(now) }, matches: [] };
    throw new NoBackupFoundError(noBackupMessage(def, args, mockContext(), { since, until }, selection.seen, (b) => b.key));
  }
  const stale = def.timed && typeof args.maxAge === "string" ? beyondMaxAge(chosen.key, args.maxAge, now.getTime()) : undefined;
  if (stale) throw new StaleBackupError(staleBackupMessage(def, args, mockContext(), { id: chosen.key.id, ...stale }, selection.seen, (b) => b.key));
  return { outputs: shaped(chosen, chosen), matches: selection.matches.map((b) => shaped(b, chosen)) };
}

/** A context for the lookup's messages (`subject` may read the region from the environment). */
function mockContext(): LookupContext {
  return createContext({ env: process.env });
}

/** One backup of an answer, checked (outputs the lookup has, ids, times) and completed as the real outputs are. */
function answeredBackup(def: AnyLookup, one: object, args: Record<string, unknown>, now: Date, index: number, count: number): Answered {
  const which = count > 1 ? ` (backup ${index + 1} of the answer)` : "";
  const aged = (one as Partial<AgedBackup<object>>)[AGED];
  const raw: Record<string, unknown> = aged ? agedBackup(def, args, now, aged.hours, aged.fields) : { ...one };
  const own = outputNames(def);
  const allowed = new Set([...own, ...COMMON_OUTPUT_NAMES]);
  const unknown = Object.keys(raw).filter((k) => !allowed.has(k));
  if (unknown.length) throw new Error(`backupLookupMocks: ${def.name} has no output ${unknown.join(", ")}${which}; its outputs are ${[...allowed].join(", ")}`);
  const given = withIdStrings(def, raw);
  const outputs: Record<string, unknown> = {};
  for (const k of own) outputs[k] = null;
  Object.assign(outputs, derived(def, given, args), given);
  const time = (field: string): number | undefined => {
    const v = outputs[field];
    if (v === null || v === undefined) return undefined;
    const d = typeof v === "string" ? parseIsoInstant(v) : undefined;
    if (!d)
      throw new Error(
        `backupLookupMocks: ${def.name} output ${field} must be an ISO-8601 instant such as "2026-11-20T02:17:31Z"${which}, got ${JSON.stringify(v)}`,
      );
    return d.getTime();
  };
  const id = def.pin.chosen.map((k) => outputs[k]).find((v): v is string => typeof v === "string") ?? "(an answer without an id)";
  const key: SortKey = def.timed ? { start: time(def.times.start), end: time(def.times.end), id } : { id };
  return { outputs, given, key };
}

/**
 * Why the lookup would not choose a backup with these outputs, or undefined: every argument that is an output of
 * the same name (its default included) must equal it, unless the declaration's `filters` say otherwise; the
 * declaration's `usable` values. An output the answer leaves out (null) is not judged.
 */
function judge(def: AnyLookup, args: Record<string, unknown>, outputs: Record<string, unknown>): string | undefined {
  const filters = def.filters as Record<string, ArgFilter<OutputSpecs> | undefined>;
  const judged = new Set<string>();
  const given = (k: string) => outputs[k] !== null && outputs[k] !== undefined;
  // A status the lookup defaults to (`backupStatus: "Success"`) is reported as the lookups report it, `is Failed`;
  // any other value as `fields.ts` `mismatch` does, `is Automated, not Manual`.
  const equal = (output: string, wanted: unknown, defaulted: boolean): string | undefined => {
    judged.add(output);
    if (!given(output)) return undefined;
    const actual = outputs[output];
    if (Array.isArray(actual)) return actual.includes(wanted) ? undefined : `does not hold ${String(wanted)}`;
    return actual === wanted ? undefined : defaulted ? `is ${String(actual)}` : `is ${String(actual)}, not ${String(wanted)}`;
  };
  for (const name of Object.keys(def.args)) {
    const wanted = args[name];
    const rule = filters[name];
    const defaulted = hasDefault(def.args[name].schema);
    let why: string | undefined;
    if (!rule) why = wanted !== undefined && name in def.outputs ? equal(name, wanted, defaulted) : undefined;
    else if ("requires" in rule) {
      judged.add(rule.requires);
      if (wanted === true && given(rule.requires) && outputs[rule.requires] !== true) why = `has ${rule.requires} ${String(outputs[rule.requires])}, not true`;
    } else if ("equals" in rule) {
      if (wanted !== undefined) why = equal(rule.equals, wanted, defaulted);
      else if (rule.whenAbsent) {
        judged.add(rule.equals);
        const actual = outputs[rule.equals];
        if (given(rule.equals) && !rule.whenAbsent.includes(actual as string)) why = `is ${String(actual)}, not ${rule.whenAbsent.join(" or ")}`;
      }
    } else if ("contains" in rule) {
      judged.add(rule.contains);
      const actual = outputs[rule.contains];
      if (typeof wanted === "string" && given(rule.contains) && !String(actual).toLowerCase().includes(wanted.toLowerCase()))
        why = `has ${rule.contains} ${JSON.stringify(actual)}, without ${JSON.stringify(wanted)}`;
    }
    if (why) return why;
  }
  for (const [output, values] of Object.entries(def.usable as Record<string, readonly string[] | undefined>)) {
    if (!values || judged.has(output) || !given(output)) continue;
    if (!values.includes(outputs[output] as string)) return `is ${String(outputs[output])}, not ${values.join(" or ")}`;
  }
  return undefined;
}

/** Whether an argument's schema has a default (zod fills it in for a missing value). */
function hasDefault(schema: z.ZodType): boolean {
  const parsed = schema.safeParse(undefined);
  return parsed.success && parsed.data !== undefined;
}

/** How long before its end an aged backup starts. */
const AGED_RUN_MS = 12 * 60_000;

/**
 * The backup `backupAged(hours, fields)` stands for, for `def` and `args`: what the query asks for (every argument
 * that is an output, the filters' values, the usable values), ended `hours` before `now` and started 12 minutes
 * earlier, with a plausible id; then `fields`.
 */
function agedBackup(def: AnyLookup, args: Record<string, unknown>, now: Date, hours: number, fields: object): Record<string, unknown> {
  if (!def.timed)
    throw new Error(`backupLookupMocks: backupAged(${hours}) answers ${def.name}, whose ${def.noun}s have no times; answer with its outputs instead`);
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`backupLookupMocks: backupAged takes hours as a number of 0 or more, got ${hours}`);
  const filters = def.filters as Record<string, ArgFilter<OutputSpecs> | undefined>;
  const b: Record<string, unknown> = {};
  for (const name of Object.keys(def.args)) {
    const v = args[name];
    const rule = filters[name];
    if (v !== undefined && name in def.outputs) b[name] = v;
    if (!rule) continue;
    if ("requires" in rule && v === true) b[rule.requires] = true;
    else if ("equals" in rule) {
      const value = v !== undefined ? v : rule.whenAbsent?.[0];
      if (value !== undefined) b[rule.equals] = def.outputs[rule.equals].kind === "string[]" ? [value] : value;
    } else if ("contains" in rule && v !== undefined) b[rule.contains] = v;
  }
  for (const [output, values] of Object.entries(def.usable as Record<string, readonly string[] | undefined>))
    if (values && b[output] === undefined) b[output] = values[0];
  const end = Math.floor((now.getTime() - hours * 3_600_000) / 1000) * 1000;
  b[def.times.start] = formatInstant(new Date(end - AGED_RUN_MS));
  b[def.times.end] = formatInstant(new Date(end));
  const idOutput = "backupId" in def.outputs ? "backupId" : def.pin.chosen[0];
  if (b[idOutput] === undefined) b[idOutput] = plausibleId(def, end);
  const backup: Record<string, unknown> = { ...b, ...fields };
  // Shards given without the id: the id is derived from them, as for any answer (`derived`).
  if ("backupIds" in fields && !("backupId" in fields)) delete backup.backupId;
  return backup;
}

/**
 * An id of the lookup's shape, made from `ms`: the first of digits (RDS, KVStore), `b-...` (user backup files), 32
 * hex characters and `br01` (Huawei RDS), a UUID, that the lookup's `backupId` argument accepts; a UUID when it
 * has no such argument (DCS).
 */
function plausibleId(def: AnyLookup, ms: number): string {
  const s = Math.floor(ms / 1000);
  const hex = s.toString(16);
  const shapes = [
    String(s),
    `b-mock${s.toString(36)}`,
    `${hex.padStart(32, "0")}br01`,
    `${hex.padStart(8, "0").slice(-8)}-0000-4000-8000-${hex.padStart(12, "0").slice(-12)}`,
  ];
  const schema = def.args.backupId?.schema;
  return (schema && shapes.find((id) => schema.safeParse(id).success)) ?? shapes[shapes.length - 1];
}

/** `given` with the integer ids of the lookup (declared `asIntegerId`) as the real lookup outputs them: digit strings. */
function withIdStrings(def: AnyLookup, given: Record<string, unknown>): Record<string, unknown> {
  const name = def.name;
  const out = { ...given };
  const asId = (key: string, v: unknown) => {
    if (typeof v !== "number") return v;
    const id = idString(v);
    if (id === null) throw new Error(`backupLookupMocks: ${name} output ${key} must be an id (a string or a whole number), got ${v}`);
    return id;
  };
  for (const key of integerIdOutputs(def)) {
    const v = out[key];
    if (v !== undefined) out[key] = Array.isArray(v) ? v.map((x) => asId(key, x)) : asId(key, v);
  }
  return out;
}

/** Outputs the real lookup always derives from others, filled in when the answer leaves them out. */
function derived(def: AnyLookup, given: Record<string, unknown>, args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const own = outputNames(def);
  if (own.includes("found")) out.found = true;
  if (own.includes("backupIds") && typeof given.backupId === "string") {
    out.backupIds = [given.backupId];
    out.shardCount = 1;
  }
  if (own.includes("backupIds") && Array.isArray(given.backupIds)) {
    // The shard asked for by `backupId`, else the first (KVStore `keyShard`).
    out.backupId = given.backupIds.includes(args.backupId) ? args.backupId : (given.backupIds[0] ?? null);
    out.shardCount = given.backupIds.length;
  }
  return out;
}
