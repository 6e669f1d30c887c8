/**
 * The dynamic provider's implementation, loaded by the Node dynamic-provider host through
 * `require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl")` (see makeProvider.ts), so the
 * serialized `__provider` in state stays tiny, credential-free and independent of this code's version.
 *
 * The facts this relies on were read from @pulumi/pulumi 3.248 and the engine (https://github.com/pulumi/pulumi:
 * sdk/nodejs/cmd/dynamic-provider/index.js, pkg/resource/deploy/step.go; see README "How it works with Pulumi"):
 * - `check` runs in preview and its returned inputs become the preview outputs (provider_plugin.go, step.go
 *   CreateStep): the lookup runs here, so `backupId` is known in `pulumi preview`.
 * - `olds` in `check` are the previously stored checked inputs, so the pin and the query that produced it are
 *   stored as inputs (`__query`), and "did the query change?" compares the user's arguments, never outputs.
 * - values computed in `check` are stored as *inputs*, which `additionalSecretOutputs` does not cover: secret
 *   outputs are returned in the secret wire form (secretWire.ts), pinned by a test.
 * - what makes two deployments the same query, how ids are built and how a pinned result is re-read are the
 *   lookup's pin policy (provider/core/pinPolicy.ts, declared on each definition): nothing here names a
 *   lookup's arguments.
 * - `configure` gets the whole stack config (cmd/dynamic-provider/index.js `getProvider`); it is synchronous
 *   here, and the host calls it right after caching the provider, so no method can run before it finished.
 * - a blank id from `read` drops the resource: `read` always returns the id and keeps the pin; it returns its
 *   outputs as the inputs too, which the engine stores (step.go RefreshStep) for the next `check`'s `olds`.
 * - `undefined` anywhere in a returned object fails the gRPC encoding ("Unexpected struct type"): absent
 *   values are `null`.
 */
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { canonical } from "../core/canonical";
import { createContext, DEFAULT_MAX_CONCURRENT_PER_ENDPOINT, LookupContext } from "../core/context";
import { ConcurrencyLimiter } from "../core/limiter";
import { argumentNames, backupExists, parseArgs, runLookup } from "../core/engine";
import { COMMON_OUTPUT_NAMES, outputNames, secretOutputs } from "../core/declaration";
import { BackupLookupError, CloudApiError, InvalidArgumentsError, NoBackupFoundError, StaleBackupError } from "../core/errors";
import { chosenIdentity, queryIdentity, resourceId, tuningArguments } from "../core/pinPolicy";
import { formatInstant } from "../core/time";
import { AnyLookup, lookupNamed } from "../lookups";
import { CONFIG_KEYS } from "./configKeys";
import { pulumiLogger } from "./pulumiLogger";
import { secretWire, unwrap } from "./secretWire";

/** Hidden input holding the user's validated arguments (canonical JSON), the pin's identity. */
export const QUERY_KEY = "__query";
const PROVIDER_KEY = "__provider";

let config: Record<string, string> = {};
/**
 * One context (request cache) per lookup type. The host configures each lookup type's provider separately, on
 * its first use (one `configure` per distinct `__provider`): that starts a fresh cache for that type only, so
 * a second lookup type starting mid-deployment never drops the first one's scans.
 */
const contexts = new Map<string, LookupContext>();
/** One request bound per endpoint for the whole provider process, across every lookup type. */
const limiter = new ConcurrencyLimiter(DEFAULT_MAX_CONCURRENT_PER_ENDPOINT);

function ctx(lookup: string): LookupContext {
  let c = contexts.get(lookup);
  if (!c) contexts.set(lookup, (c = createContext({ config, log: pulumiLogger, limiter })));
  return c;
}

/** Stores the stack config; `lookup` (from makeProvider) names the lookup type whose cache starts afresh. */
export function configure(req: { config: { get(key: string): string | undefined } }, lookup?: string): void {
  const next: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const v = req.config.get(key);
    if (typeof v === "string" && v !== "") next[key] = v;
  }
  if (canonical(next) !== canonical(config)) contexts.clear();
  config = next;
  if (lookup) contexts.delete(lookup);
  else contexts.clear();
}

function definition(name: string): AnyLookup {
  const def = lookupNamed(name);
  if (!def) throw new Error(`pulumi-backup-lookups: unknown lookup ${name}; is the installed package older than the state?`);
  return def;
}

function containsUnknown(v: unknown): boolean {
  if (v === rpc.unknownValue) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

function userArguments(news: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(news)) if (k !== PROVIDER_KEY && k !== QUERY_KEY && v !== undefined) out[k] = unwrap(v);
  return out;
}

function withSecrets(def: AnyLookup, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || k === PROVIDER_KEY) continue;
    const plain = unwrap(v);
    out[k] = secretOutputs(def).includes(k) && plain !== null ? secretWire(plain) : plain;
  }
  return out;
}

/**
 * `refresh: "pin"` on a later deployment: learn the newest (for `latestBackupId`), re-read a record that was
 * still moving when pinned (an unfinished job), and otherwise keep the stored result. A failure to learn or to
 * re-read (no backup now, the source instance deleted, a job that failed later) is a warning, never a reason to
 * fail the deployment or move the pin.
 */
async function keepPin(
  def: AnyLookup,
  name: string,
  c: LookupContext,
  queryArgs: Record<string, unknown>,
  previous: Record<string, unknown>,
  resolve: (a: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const tolerate = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (err) {
      const tolerable =
        err instanceof NoBackupFoundError ||
        err instanceof StaleBackupError ||
        (err instanceof CloudApiError && err.kind === "client") ||
        (err instanceof BackupLookupError && !(err instanceof CloudApiError));
      if (!tolerable) throw err;
      c.log.warn(`${name}: ${what}: ${err.message}; keeping the pinned ${String(chosenIdentity(def, previous))}`);
      return undefined;
    }
  };
  // Learning the newest never waits for a running job, and maxAge judges only a new choice.
  const { maxAge: _ignored, ...asked } = queryArgs;
  const probe: Record<string, unknown> = def.pin.probe ? (def.pin.probe(asked) as Record<string, unknown>) : asked;
  const latest = await tolerate("could not learn the newest", () => resolve(probe));
  const repin = def.pin.repin?.(previous);
  const reread = repin ? await tolerate("could not read the pinned one again", () => resolve({ ...probe, ...repin })) : undefined;
  const { latestBackupId: rereadLatest, resolvedAt: _when, ...rereadFields } = reread ?? {};
  const pinned = { ...previous, ...rereadFields };
  // A lookup that found nothing new (BackupTask's found: false) leaves the latest as it was.
  const fromLatest = latest && latest.backupExists !== false ? latest.latestBackupId : undefined;
  const latestId = fromLatest ?? rereadLatest ?? previous.latestBackupId ?? null;
  const changed = latestId !== previous.latestBackupId || canonical(pinned) !== canonical(previous);
  return { ...pinned, latestBackupId: latestId, resolvedAt: changed ? formatInstant(c.clock.now()) : previous.resolvedAt };
}

export interface CheckResult {
  inputs: Record<string, unknown>;
  failures?: { property: string; reason: string }[];
}

export async function check(name: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckResult> {
  const def = definition(name);
  const args = userArguments(news);
  const c = ctx(name);

  // An argument not known yet (an instance still to be created): the outputs stay unknown in preview.
  if (containsUnknown(args)) {
    const inputs: Record<string, unknown> = { ...args, [QUERY_KEY]: rpc.unknownValue };
    const own = outputNames(def);
    for (const k of [...own, ...COMMON_OUTPUT_NAMES]) if (!(k in args) || own.includes(k)) inputs[k] = rpc.unknownValue;
    return { inputs };
  }

  let validated;
  try {
    validated = parseArgs(def, args, "resource", c.clock.now());
  } catch (err) {
    if (err instanceof InvalidArgumentsError) {
      // The engine prints each failure as "property <p> value {<checked input p>} has a problem" (step_generator.go
      // issueCheckFailures): never hand a credential passed as an argument back as a checked input.
      const inputs = { ...news };
      for (const i of err.issues) if (i.code === "credentialArgument") delete inputs[i.argument];
      return { inputs, failures: err.issues.map((i) => ({ property: i.argument || "args", reason: i.reason })) };
    }
    throw err;
  }
  const { refresh = "pin", ...queryArgs } = validated as Record<string, unknown> & { refresh?: string };
  const query = queryIdentity(def, args);
  const previous = olds && olds[QUERY_KEY] === query && olds.backupExists !== undefined ? userArguments(olds) : undefined;
  const resolve = async (a: Record<string, unknown>) => (await runLookup(def, a, c, { form: "resource", validated: a })).outputs;

  let outputs: Record<string, unknown>;
  if (previous && refresh === "always") {
    // Resolve again (maxAge judged as for a new resource); keep the stored result while the choice is the same,
    // so values that change per call (re-signed download URLs, resolvedAt) make no diff.
    const latest = await resolve(queryArgs);
    outputs = chosenIdentity(def, latest) === chosenIdentity(def, previous) ? { ...previous, latestBackupId: latest.latestBackupId ?? null } : latest;
  } else if (previous) {
    outputs = await keepPin(def, name, c, queryArgs, previous, resolve);
  } else {
    outputs = await resolve(queryArgs);
  }
  // Arguments outside the pin's identity may have changed while the pin held: echo their current values.
  for (const k of tuningArguments(def)) {
    if (queryArgs[k] !== undefined) outputs[k] = queryArgs[k];
    else delete outputs[k];
  }
  // `refresh` is not part of the query, so a stored result may carry an old value: echo only the current one.
  const { refresh: _stored, ...resolved } = outputs;
  return { inputs: { ...withSecrets(def, resolved), ...(validated.refresh ? { refresh: validated.refresh } : {}), [QUERY_KEY]: query } };
}

export function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => k !== PROVIDER_KEY));
  const changed = [...keys].filter((k) => canonical(unwrap(olds[k]) ?? null) !== canonical(unwrap(news[k]) ?? null));
  return { changes: changed.length > 0, replaces: [] as string[], deleteBeforeReplace: false };
}

export function create(name: string, inputs: Record<string, unknown>) {
  const def = definition(name);
  return { id: resourceId(def, inputs, unwrap), outs: withSecrets(def, inputs) };
}

export function update(name: string, _id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) {
  return { outs: withSecrets(definition(name), news) };
}

/** `pulumi refresh`: re-check the pinned backup; keep the pin whatever is found. */
export async function read(name: string, id: string, props: Record<string, unknown>) {
  const def = definition(name);
  const state = userArguments(props);
  const pinned = state[def.pin.recheck];
  let exists = state.backupExists;
  const queryText = typeof props[QUERY_KEY] === "string" ? props[QUERY_KEY] : undefined;
  if (def.kind !== "job" && typeof pinned === "string" && queryText) {
    // The lookup's arguments are echoed in the outputs (those that are also backup fields hold the chosen values).
    const args: Record<string, unknown> = {};
    for (const k of argumentNames(def, "resource")) if (state[k] !== undefined && state[k] !== null) args[k] = state[k];
    const c = ctx(name);
    try {
      exists = await backupExists(def, args, pinned, c);
    } catch (err) {
      // The source instance itself is gone (released after the restore): so is the backup.
      if (!(err instanceof CloudApiError && err.kind === "client" && /NotFound/i.test(err.code))) throw err;
      exists = false;
    }
    if (!exists) {
      c.log.warn(
        `${name} ${id}: the pinned backup ${pinned} no longer exists (expired or deleted); keeping it pinned so dependent restores are not replaced. Set refresh: "always" or change the lookup's arguments to choose another.`,
      );
    }
  }
  const outs = withSecrets(def, { ...state, backupExists: exists ?? null });
  if (queryText) outs[QUERY_KEY] = queryText;
  // The checked inputs are the outputs (create/update return them as they are): return them as the new inputs
  // too, so the next deployment's check starts from what the refresh found (engine step.go RefreshStep picks up
  // returned inputs) instead of turning backupExists back to true with a spurious change.
  return { id, props: outs, inputs: outs };
}
