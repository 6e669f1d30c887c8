/**
 * `backup-lookup <lookup> [--args JSON] [--<argument-in-kebab-case> <value> ...] [--region R] [--endpoint URL]
 * [--list] [--format json|table|env] [--show-secrets] [--debug]` (CONTRACT.md "Command line").
 *
 * Flags take their type from the lookup's zod schema: booleans accept `true`/`false` or stand alone, objects
 * (`--tags`) take JSON, numbers stay strings where the schema accepts them (KVStore `backupId`).
 */
import { z } from "zod";
import { InvalidArgumentsError } from "../core/errors";
import { LookupForm, schemaOf } from "../core/engine";
import type { AnyLookup } from "../lookups";

export type OutputFormat = "json" | "table" | "env";

export interface CommandLine {
  lookup: string;
  args: Record<string, unknown>;
  list: boolean;
  format: OutputFormat;
  showSecrets: boolean;
  debug: boolean;
  help: boolean;
}

const FORM: LookupForm = "cli";

/** The command's own switches: they take no value (`--list rds...` must not eat the lookup name). */
const SWITCHES = new Set(["list", "show-secrets", "debug", "help"]);

/**
 * Whether `--flag` leaves the next word alone: the command's switches take a value only when it is `true` or
 * `false`; a lookup's boolean argument takes any next word (so `--require-available maybe` is reported) except
 * a lookup name (`--require-available alicloud.rds.BackupSet ...`).
 */
export function leavesNext(flag: string, next: string | undefined, booleanArgs: ReadonlySet<string>, lookupNames: ReadonlySet<string>): boolean {
  if (next === "true" || next === "false") return false;
  return SWITCHES.has(flag) || (booleanArgs.has(flag) && next !== undefined && lookupNames.has(next));
}

/**
 * Splits argv without knowing the lookup yet (the lookup name is the first positional). `booleanArgs` are the
 * kebab-case names of boolean arguments, `lookupNames` the lookups' class paths.
 */
export function splitArgv(
  argv: string[],
  booleanArgs: ReadonlySet<string> = new Set(),
  lookupNames: ReadonlySet<string> = new Set(),
): { positionals: string[]; flags: [string, string | undefined][] } {
  const positionals: string[] = [];
  const flags: [string, string | undefined][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) flags.push([a.slice(2, eq), a.slice(eq + 1)]);
      else if (leavesNext(a.slice(2), argv[i + 1], booleanArgs, lookupNames)) flags.push([a.slice(2), undefined]);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) flags.push([a.slice(2), argv[++i]]);
      else flags.push([a.slice(2), undefined]);
    } else if (a === "-h") flags.push(["help", undefined]);
    else positionals.push(a);
  }
  return { positionals, flags };
}

export const kebabToCamel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
export const camelToKebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The base type of a (possibly optional / defaulted) zod field. */
function baseType(schema: z.ZodType | undefined): string | undefined {
  let s = schema as unknown as { _zod?: { def: { type: string; innerType?: unknown } } } | undefined;
  while (s?._zod && (s._zod.def.type === "optional" || s._zod.def.type === "default" || s._zod.def.type === "nullable"))
    s = s._zod.def.innerType as typeof s;
  return s?._zod?.def.type;
}

/** Kebab-case names of every lookup's boolean arguments. */
export function booleanArgumentFlags(defs: AnyLookup[]): Set<string> {
  const out = new Set<string>();
  for (const def of defs)
    for (const [k, v] of Object.entries(schemaOf(def, FORM).shape as Record<string, z.ZodType>)) if (baseType(v) === "boolean") out.add(camelToKebab(k));
  return out;
}

/** Builds the lookup's argument object from `--args` and the flags; bad flag values are exit-2 errors. */
export function parseCommandLine(def: AnyLookup, lookup: string, flags: [string, string | undefined][]): CommandLine {
  const shape = schemaOf(def, FORM).shape as Record<string, z.ZodType>;
  const out: CommandLine = { lookup, args: {}, list: false, format: "json", showSecrets: false, debug: false, help: false };
  const fromFlags: Record<string, unknown> = {};
  const issues: { argument: string; reason: string }[] = [];
  for (const [name, value] of flags) {
    switch (name) {
      case "args": {
        if (value === undefined) {
          issues.push({ argument: "--args", reason: "needs a JSON object, e.g. --args '{\"dbInstanceId\":\"rm-123\"}'" });
          break;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch (e) {
          issues.push({ argument: "--args", reason: `is not a JSON object (${(e as Error).message})` });
          break;
        }
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
          issues.push({ argument: "--args", reason: `is not a JSON object (got ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : typeof parsed})` });
          break;
        }
        out.args = { ...out.args, ...parsed };
        break;
      }
      case "list":
        out.list = value === undefined || value === "true";
        break;
      case "show-secrets":
        out.showSecrets = true;
        break;
      case "debug":
        out.debug = true;
        break;
      case "help":
        out.help = true;
        break;
      case "format":
        if (value === "json" || value === "table" || value === "env") out.format = value;
        else issues.push({ argument: "--format", reason: `must be json, table or env, got ${JSON.stringify(value ?? "")}` });
        break;
      default: {
        const key = kebabToCamel(name);
        const type = baseType(shape[key]);
        if (type === "boolean") {
          if (value === undefined || value === "true") fromFlags[key] = true;
          else if (value === "false") fromFlags[key] = false;
          else issues.push({ argument: `--${name}`, reason: `must be true or false, got ${JSON.stringify(value)}` });
        } else if (type === "object" || type === "record") {
          try {
            fromFlags[key] = JSON.parse(value ?? "");
          } catch {
            issues.push({ argument: `--${name}`, reason: `takes a JSON object, e.g. --${name} '{"env":"prod"}'` });
          }
        } else if (value === undefined) {
          issues.push({ argument: `--${name}`, reason: shape[key] ? "needs a value" : "unknown flag" });
        } else fromFlags[key] = value;
      }
    }
  }
  // Checked here, with the other flags, so the error comes before any API call (exit 2).
  if (out.list && out.format === "env") issues.push({ argument: "--format", reason: "env cannot be combined with --list" });
  if (issues.length) throw new InvalidArgumentsError(lookup, issues);
  out.args = { ...out.args, ...fromFlags };
  return out;
}
