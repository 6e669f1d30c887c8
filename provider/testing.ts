/**
 * `pulumi-backup-lookups/testing`: mocks for unit tests of a program that uses the lookups.
 *
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import { backupLookupMocks } from "pulumi-backup-lookups/testing";
 *
 * pulumi.runtime.setMocks(
 *   backupLookupMocks({ "alicloud.rds.BackupSet": { backupId: "640000777", backupEndTime: "2026-11-20T02:17:31Z" } }, myMocks),
 * );
 * ```
 *
 * Each lookup named gets the answer given, in both forms: the get functions (`mocks.call` with the token
 * `backup-lookups:<namespace>:get<Class>`, see pulumi/functionToken.ts) and the resource classes
 * (`mocks.newResource` with the type `pulumi-nodejs:dynamic/backup-lookups:<lookup>`, the type every dynamic
 * resource gets: @pulumi/pulumi dynamic/index.ts). The outputs are shaped as the real lookup's: the arguments
 * echoed with their defaults (validated as a deployment validates them, so a bad argument fails the test),
 * every output present (`null` when the answer leaves it out), `latestBackupId` (default: `backupId`),
 * `backupExists: true` and `resolvedAt` (now). Everything else goes to `mocks`, the program's own.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseArgs } from "./core/engine";
import { AnyLookup, COMMON_OUTPUT_NAMES, integerIdOutputs, outputNames, secretOutputs } from "./core/declaration";
import { NoBackupFoundError } from "./core/errors";
import { idString } from "./core/fields";
import { resourceId } from "./core/pinPolicy";
import { formatInstant } from "./core/time";
import { LOOKUPS, lookupNamed } from "./lookups";
import { functionToken } from "./pulumi/functionToken";
import type { Answer } from "./types/Answer";
import type { BackupLookupAnswers } from "./types/BackupLookupAnswers";

export type { Answer, BackupAnswer } from "./types/Answer";
export type { BackupLookupAnswers } from "./types/BackupLookupAnswers";

/** The type name `mocks.newResource` receives for a lookup's resource class. */
export function lookupResourceType(lookup: string): string {
  return `pulumi-nodejs:dynamic/backup-lookups:${lookup}`;
}

/** What a program's mocks get when none are given: Pulumi's documented defaults (inputs as state and result). */
const passThrough: pulumi.runtime.Mocks = {
  newResource: (args) => ({ id: `${args.name}_id`, state: args.inputs }),
  call: (args) => args.inputs,
};

/**
 * Mocks answering the lookups in `answers` and passing every other resource and call to `mocks`. A lookup used
 * by the program but missing from `answers` fails with a message naming it, rather than reaching `mocks`.
 */
export function backupLookupMocks(answers: BackupLookupAnswers, mocks: pulumi.runtime.Mocks = passThrough): pulumi.runtime.Mocks {
  const known = Object.keys(LOOKUPS);
  for (const k of Object.keys(answers)) {
    if (!known.includes(k)) throw new Error(`backupLookupMocks: unknown lookup ${k}; the lookups are ${known.join(", ")}`);
  }
  const byToken = new Map(known.map((name) => [functionToken(name), name]));
  const byType = new Map(known.map((name) => [lookupResourceType(name), name]));
  const answerFor = (name: string, how: string) => {
    const answer = (answers as Record<string, Answer<object, object> | undefined>)[name];
    if (answer === undefined) throw new Error(`backupLookupMocks: the program uses ${name} (${how}) but no answer was given for it; add "${name}": {...} to the answers`);
    return answer;
  };
  return {
    // An error thrown here reaches the program as `new Error(err.details)` (sdk/nodejs/runtime/invoke.ts
    // invokeAsync, which expects a gRPC error): `withDetails` keeps the message.
    call(args) {
      const name = byToken.get(args.token);
      if (!name) return mocks.call(args);
      return withDetails(() => outputsOf(lookupNamed(name)!, answerFor(name, args.token), args.inputs, "function"));
    },
    newResource(args) {
      const name = byType.get(args.type);
      if (!name) return mocks.newResource(args);
      const def = lookupNamed(name)!;
      const { __provider: _p, ...inputs } = args.inputs as Record<string, unknown>;
      const outputs = outputsOf(def, answerFor(name, args.type), inputs, "resource");
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
    if (err instanceof Error) Object.assign(err, { details: err.message });
    throw err;
  }
}

/** The outputs the real lookup would give for `inputs` if it found `answer`. */
function outputsOf(def: AnyLookup, answer: Answer<object, object>, inputs: Record<string, unknown>, form: "function" | "resource"): Record<string, unknown> {
  const now = new Date();
  const { refresh: _r, ...args } = parseArgs(def, inputs, form, now) as Record<string, unknown>;
  for (const k of Object.keys(args)) if (args[k] === undefined) delete args[k];
  const answered = typeof answer === "function" ? answer(args) : answer;
  if (answered === undefined) {
    const none = def.kind === "job" ? def.notFound(args) : undefined;
    if (none) return { ...args, ...none, latestBackupId: null, backupExists: false, resolvedAt: formatInstant(now) };
    throw new NoBackupFoundError(`no ${def.noun} for ${def.name} matches: the answer given to backupLookupMocks returned none for ${JSON.stringify(args)}`);
  }
  const own = outputNames(def);
  const allowed = new Set([...own, ...COMMON_OUTPUT_NAMES]);
  const unknown = Object.keys(answered).filter((k) => !allowed.has(k));
  if (unknown.length) throw new Error(`backupLookupMocks: ${def.name} has no output ${unknown.join(", ")}; its outputs are ${[...allowed].join(", ")}`);
  const given = withIdStrings(def, answered);
  const out: Record<string, unknown> = { ...args };
  for (const k of own) out[k] = null;
  Object.assign(out, derived(def, given), given);
  out.latestBackupId = given.latestBackupId ?? out.backupId ?? null;
  out.backupExists = given.backupExists ?? true;
  out.resolvedAt = given.resolvedAt ?? formatInstant(now);
  return out;
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
function derived(def: AnyLookup, given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const own = outputNames(def);
  if (own.includes("found")) out.found = true;
  if (own.includes("backupIds") && typeof given.backupId === "string") {
    out.backupIds = [given.backupId];
    out.shardCount = 1;
  }
  if (own.includes("backupIds") && Array.isArray(given.backupIds)) {
    out.backupId = given.backupIds[0] ?? null;
    out.shardCount = given.backupIds.length;
  }
  return out;
}
