/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` with every backup lookup answered for real: when the
 * program constructs `alicloud.rds.BackupSet` (a dynamic resource of type
 * `pulumi-nodejs:dynamic/backup-lookups:alicloud.rds.BackupSet`), the mocks' `newResource` runs the lookup
 * (`runLookup` with the definition from `lookupNamed`) against whatever endpoint the PROGRAM passed — the local
 * emulator in the tests and the demo — with the credentials given here, never the caller's environment. Every
 * other resource echoes its inputs, and is recorded, so a test can assert the exact backup id that reached a
 * dependent resource (`RdsCloneDbInstance.backupId`).
 *
 * Used by test/examples.test.ts (through ts-jest) and scripts/demo.ts (from dist/).
 */
import * as fs from "fs";
import * as path from "path";
import { createRequire } from "module";
import * as pulumi from "@pulumi/pulumi";
import type { Clock } from "../provider/core/clock";
import { createContext, Logger, silentLogger } from "../provider/core/context";
import { runLookup } from "../provider/core/engine";
import { lookupNamed } from "../provider/lookups";
import { CONFIG_KEYS } from "../provider/pulumi/configKeys";

/** The type token prefix of the package's dynamic resources (`pulumi.dynamic.Resource` with module `backup-lookups`). */
export const LOOKUP_TYPE_PREFIX = "pulumi-nodejs:dynamic/backup-lookups:";

/** One resource the program registered. */
export interface RegisteredResource {
  type: string;
  name: string;
  /** The inputs as the mocks received them (`__provider` removed). */
  inputs: Record<string, unknown>;
  /** What the mocks answered as the resource's outputs. */
  state: Record<string, unknown>;
}

/** One lookup the mocks ran. */
export interface ResolvedLookup {
  /** Class path, e.g. `alicloud.rds.BackupSet`. */
  lookup: string;
  /** The resource's name in the program. */
  name: string;
  /** The arguments the program passed. */
  args: Record<string, unknown>;
  /** The lookup's outputs (what the dynamic provider's check would store). */
  outputs: Record<string, unknown>;
  ms: number;
}

export interface MockedProgramOptions {
  /** Project name: un-namespaced config keys belong to it, as `new pulumi.Config()` reads them. */
  project: string;
  stack?: string;
  /** Stack config: `key` (the project's) or `namespace:key` (`alicloud:region`). */
  config: Record<string, string>;
  /**
   * Environment the lookups see (credentials): pass the emulator's test credentials. The process environment
   * is NOT used, so a developer's real cloud credentials can never reach a mocked run.
   */
  env: Record<string, string>;
  /** Loads the program; its exports are resolved before the run returns. */
  program: () => unknown;
  /** Clock of the lookups (a BackupTask wait polls through it). Default: the wall clock. */
  clock?: Clock;
  /** Where lookup progress lines go (BackupTask's "Uploading 60%"). Default: nowhere. */
  log?: Logger;
  /** Run as `pulumi preview` (default false: `pulumi up`). */
  preview?: boolean;
  /** Collects the registered resources here too, so a caller can inspect a run that failed. */
  registered?: RegisteredResource[];
}

export interface MockedProgramRun {
  /** Every resource registered, in order (lookups included). */
  resources: RegisteredResource[];
  /** Every lookup the mocks answered, in order. */
  lookups: ResolvedLookup[];
  /** The program's exports, resolved to plain values. */
  exports: Record<string, unknown>;
  /** The registered resource of `type` (and `name`); throws when there is none. */
  resource(type: string, name?: string): RegisteredResource;
}

/** Resolves an Output (or plain value) to its value. */
export function valueOf<T>(value: pulumi.Input<T>): Promise<T> {
  return new Promise<T>((resolve) => {
    pulumi.output(value).apply((v) => {
      resolve(v as T);
      return v;
    });
  });
}

function withoutProvider(inputs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs ?? {})) if (k !== "__provider" && v !== undefined) out[k] = v;
  return out;
}

/** Runs `options.program` under mocks; rejects with the first error the program or a lookup raised. */
export async function runProgramUnderMocks(options: MockedProgramOptions): Promise<MockedProgramRun> {
  const resources: RegisteredResource[] = options.registered ?? [];
  const lookups: ResolvedLookup[] = [];
  const failures: unknown[] = [];
  let pending = 0;

  // What the provider's `configure` would receive: the stack config keys the lookups read.
  const stackConfig: Record<string, string> = {};
  for (const k of CONFIG_KEYS) if (options.config[k] !== undefined) stackConfig[k] = options.config[k];
  // One context per run, as one provider process serves one deployment (one request cache, one bound).
  const ctx = createContext({
    env: { ...options.env },
    config: stackConfig,
    log: options.log ?? silentLogger,
    ...(options.clock ? { clock: options.clock } : {}),
  });

  const mocks: pulumi.runtime.Mocks = {
    async newResource(args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> {
      pending++;
      try {
        const inputs = withoutProvider(args.inputs as Record<string, unknown>);
        if (!args.type.startsWith(LOOKUP_TYPE_PREFIX)) {
          const state = { ...inputs };
          resources.push({ type: args.type, name: args.name, inputs, state });
          return { id: `${args.name}-id`, state };
        }
        const lookup = args.type.slice(LOOKUP_TYPE_PREFIX.length);
        const def = lookupNamed(lookup);
        if (!def) throw new Error(`mocks: ${args.type} is not a lookup of this package`);
        const started = performance.now();
        try {
          const result = await runLookup(def, inputs, ctx, { form: "resource" });
          const state = { ...result.outputs, ...(inputs.refresh !== undefined ? { refresh: inputs.refresh } : {}) };
          lookups.push({ lookup, name: args.name, args: inputs, outputs: result.outputs, ms: performance.now() - started });
          resources.push({ type: args.type, name: args.name, inputs, state });
          const subject: unknown = inputs.dbInstanceId ?? inputs.instanceId ?? inputs.region ?? "region";
          const chosen: unknown = result.outputs.backupJobId ?? result.outputs.backupId ?? "none";
          return { id: `${lookup}:${String(subject)}:${String(chosen)}`, state };
        } catch (err) {
          // As in a deployment whose check failed: the run stops with the lookup's error, and nothing that
          // depends on this resource is registered. The registration never settles (rather than rejecting),
          // so the SDK does not reject every dependent's promises where nobody awaits them.
          failures.push(err);
          return new Promise<never>(() => undefined);
        }
      } finally {
        pending--;
      }
    },
    call: (args: pulumi.runtime.MockCallArgs) => args.inputs as Record<string, unknown>,
  };

  try {
    await pulumi.runtime.setMocks(mocks, options.project, options.stack ?? "test", options.preview ?? false);
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.config)) config[k.includes(":") ? k : `${options.project}:${k}`] = v;
    pulumi.runtime.setAllConfig(config);

    const moduleExports = (await options.program()) as Record<string, unknown> | undefined;
    const exportsOut: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(moduleExports ?? {})) {
      if (k === "__esModule" || typeof v === "function") continue;
      // A lookup that threw leaves its dependents' Outputs unresolved: race them against the first failure.
      const failed = firstFailure(failures);
      try {
        exportsOut[k] = await Promise.race([valueOf(v), failed.promise]);
      } finally {
        failed.cancel();
      }
    }
    // Registrations the exports do not depend on may still be in flight.
    for (let idle = 0; idle < 3 && !failures.length;) {
      await new Promise((r) => setTimeout(r, 5));
      idle = pending === 0 ? idle + 1 : 0;
    }
    if (failures.length) throw failures[0];
    return {
      resources,
      lookups,
      exports: exportsOut,
      resource(type: string, name?: string) {
        const found = resources.find((r) => r.type === type && (name === undefined || r.name === name));
        if (!found)
          throw new Error(`no ${type}${name ? ` named ${name}` : ""} was registered; got ${resources.map((r) => `${r.type} ${r.name}`).join(", ") || "none"}`);
        return found;
      },
    };
  } catch (err) {
    throw failures[0] ?? err;
  }
}

/** Rejects with the first entry of `failures` once there is one; `cancel` stops watching. */
function firstFailure(failures: unknown[]): { promise: Promise<never>; cancel(): void } {
  let poll: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    poll = setInterval(() => {
      if (failures.length) {
        clearInterval(poll);
        reject(failures[0]);
      }
    }, 10);
    poll.unref();
  });
  promise.catch(() => undefined); // lost races are not unhandled rejections
  return { promise, cancel: () => clearInterval(poll) };
}

/**
 * A clock whose `sleep` returns at once (after yielding) and moves "now" on by the time slept: a BackupTask
 * wait polling after 1 s, 1.5 s, 2.25 s... takes milliseconds, with the same polling sequence and the same timeout logic.
 */
export function instantClock(): Clock & { slept: number[] } {
  let offset = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(Date.now() + offset),
    sleep: async (ms: number) => {
      slept.push(ms);
      offset += Math.max(0, ms);
      await new Promise((r) => setImmediate(r));
    },
  };
}

/** How {@link loadTypeScriptProgram} resolves the program's imports. */
export interface ProgramRequire {
  /** Resolves every import but `pulumi-backup-lookups`; default: Node's require from the program's folder. */
  require?: (id: string) => unknown;
  /** What `require("pulumi-backup-lookups")` returns; default: this package's built entry, dist/provider/index.js. */
  requirePackage?: () => unknown;
}

/**
 * Evaluates a TypeScript program file (an example's index.ts) afresh: transpiles it with the `typescript`
 * package and runs it as a CommonJS module whose `require("pulumi-backup-lookups")` is this package, and whose
 * other imports (`@pulumi/pulumi`, `@pulumi/alicloud`) come from `require`, so they are the very module
 * instances the mocks were set on. Each call evaluates the program again (a second run with other config).
 * Jest callers pass their own `require` (jest's module registry); scripts from dist/ use the defaults.
 */
export function loadTypeScriptProgram(file: string, how: ProgramRequire = {}): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load: typescript is large and only program files need it
  const ts = require("typescript") as typeof import("typescript");
  const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const fromFile = how.require ?? createRequire(file);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package, by path, loaded only when the program asks for it
  const requirePackage = how.requirePackage ?? (() => require(path.resolve(__dirname, "..", "provider", "index.js")) as unknown);
  const programRequire = (id: string): unknown => (id === "pulumi-backup-lookups" ? requirePackage() : fromFile(id));
  const module = { exports: {} as Record<string, unknown> };
  // `new Function` compiles in the caller's realm (jest's sandbox under jest), unlike vm.runInThisContext.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the transpiled program is this function's purpose
  const body = new Function("exports", "require", "module", "__filename", "__dirname", `${outputText}\n//# sourceURL=${file}`) as (...args: unknown[]) => void;
  body(module.exports, programRequire, module, file, path.dirname(file));
  return module.exports;
}
