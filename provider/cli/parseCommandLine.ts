/**
 * `backup-lookup <lookup> [--args JSON] [--<argument-in-kebab-case> <value> ...] [--region R] [--endpoint URL]
 * [--list [--limit N]] [--format json|table|env|dotenv] [--env-prefix P_] [--show-secrets] [--explain] [--verbose] [--debug]`
 * (README "Command line").
 *
 * Flags take their type from the lookup's zod schema: booleans accept `true`/`false` or stand alone, objects
 * (`--tags`) take JSON, numbers stay strings where the schema accepts them (KVStore `backupId`). Problems are
 * reported with the flag as the user typed it (`--db-instnace-id: unknown flag; did you mean --db-instance-id?`).
 * An enumerated value given as a flag matches case-insensitively and is replaced by the canonical one
 * (`--backup-status success` -> `Success`); an unknown one is refused with the nearest value. `--args` stays
 * exact: it is the object a Pulumi program passes, whose types are exact.
 */
import { z } from "zod";
import { CREDENTIAL_ARGS } from "../core/args";
import { didYouMean } from "../core/didYouMean";
import { InvalidArgumentsError } from "../core/errors";
import { limitProblem } from "../core/list";
import { LookupForm, argumentNames, schemaOf } from "../core/engine";
import { enumValues, fieldFacts } from "../core/schemaFacts";
import type { AnyLookup } from "../lookups";
import { ALIBABA_HELP } from "../clouds/alibaba/credentials";
import { HUAWEI_HELP } from "../clouds/huawei/credentials";
import { OUTPUT_FORMATS, OutputFormat } from "./formatOutput";

export interface CommandLine {
  lookup: string;
  args: Record<string, unknown>;
  list: boolean;
  /** `--limit N` with `--list`: only the newest N matches (read lazily). */
  limit?: number;
  format: OutputFormat;
  showSecrets: boolean;
  debug: boolean;
  /** `--explain`: what was read and each candidate's verdict, on stderr. */
  explain: boolean;
  /** `--verbose`: informational notes on stderr even when it is not a terminal. */
  verbose: boolean;
  help: boolean;
  version: boolean;
  /** `--env-prefix` (undefined: the default `BACKUP_`). */
  envPrefix?: string;
  /** The arguments given as flags (camelCase), to name them as flags in messages. */
  fromFlags: Set<string>;
}

const FORM: LookupForm = "cli";

/** The command's own switches: they take no value (`--list rds...` must not eat the lookup name). */
const SWITCHES = new Set(["list", "show-secrets", "explain", "verbose", "debug", "help", "version"]);
/** The command's own flags, beside the lookup's arguments. */
export const COMMAND_FLAGS = ["args", "format", "env-prefix", "limit", ...SWITCHES];

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
  return schema && fieldFacts(schema).inner._zod.def.type;
}

/**
 * A flag's enumerated value: the canonical spelling of one that matches case-insensitively (`success` ->
 * `Success`), or why it is refused, with the nearest value when one is near enough to be a typo.
 */
export function enumValue(value: string, values: readonly string[]): { value: string } | { reason: string } {
  const exact = values.find((v) => v === value) ?? values.find((v) => v.toLowerCase() === value.toLowerCase());
  if (exact !== undefined) return { value: exact };
  const guess = didYouMean(value, [...values]);
  return {
    reason: `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(value)}${guess ? `; did you mean ${JSON.stringify(guess)}?` : ""}`,
  };
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
  const out: CommandLine = {
    lookup,
    args: {},
    list: false,
    format: "json",
    showSecrets: false,
    debug: false,
    explain: false,
    verbose: false,
    help: false,
    version: false,
    fromFlags: new Set(),
  };
  const flagNames = [...argumentNames(def, FORM).map(camelToKebab), ...COMMAND_FLAGS];
  const knownAnywhere = new Set([...argumentNames(def, "resource"), "since", "until", "maxAge"]);
  const fromFlags: Record<string, unknown> = {};
  const issues: { argument: string; reason: string }[] = [];
  for (const [name, value] of flags) {
    switch (name) {
      case "args": {
        if (value === undefined) {
          issues.push({ argument: "--args", reason: 'needs a JSON object, e.g. --args \'{"dbInstanceId":"rm-123"}\'' });
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
          issues.push({
            argument: "--args",
            reason: `is not a JSON object (got ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : typeof parsed})`,
          });
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
      case "explain":
        out.explain = value !== "false";
        break;
      case "verbose":
        out.verbose = value !== "false";
        break;
      case "limit":
        {
          const problem = limitProblem(value !== undefined && /^\d+$/.test(value) ? Number(value) : value, value ?? "");
          if (problem) issues.push({ argument: "--limit", reason: problem });
          else out.limit = Number(value);
        }
        break;
      case "help":
        out.help = true;
        break;
      case "version":
        out.version = true;
        break;
      case "format":
        if ((OUTPUT_FORMATS as readonly string[]).includes(value ?? "")) out.format = value as OutputFormat;
        else
          issues.push({
            argument: "--format",
            reason: `must be ${OUTPUT_FORMATS.slice(0, -1).join(", ")} or ${OUTPUT_FORMATS[OUTPUT_FORMATS.length - 1]}, got ${JSON.stringify(value ?? "")}`,
          });
        break;
      case "env-prefix":
        if (value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) out.envPrefix = value;
        else
          issues.push({
            argument: "--env-prefix",
            reason: `must start a shell variable name (letters, digits, _; not a digit first), such as SRC_, got ${JSON.stringify(value ?? "")}`,
          });
        break;
      default: {
        const key = kebabToCamel(name);
        // An argument of another form (`--refresh`) or of other lookups' times (`--since` on BackupTask) goes on to
        // the lookup's validation, which says why it does not apply here.
        if (!knownAnywhere.has(key) || name !== camelToKebab(key)) {
          if (CREDENTIAL_ARGS.test(key) || CREDENTIAL_ARGS.test(name.replace(/-/g, "_")))
            issues.push({ argument: `--${name}`, reason: (def.cloud === "alibaba" ? ALIBABA_HELP : HUAWEI_HELP).credentialsNotArguments.cli });
          else {
            const guess = didYouMean(name, flagNames);
            issues.push({ argument: `--${name}`, reason: `unknown flag${guess ? `; did you mean --${guess}?` : ""} (see backup-lookup ${lookup} --help)` });
          }
          break;
        }
        out.fromFlags.add(key);
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
          issues.push({ argument: `--${name}`, reason: "needs a value" });
        } else {
          const values = enumValues(shape[key]);
          const picked = values ? enumValue(value, values) : { value };
          if ("value" in picked) fromFlags[key] = picked.value;
          else issues.push({ argument: `--${name}`, reason: picked.reason });
        }
      }
    }
  }
  // Checked here, with the other flags, so the error comes before any API call (exit 2).
  if (out.list && (out.format === "env" || out.format === "dotenv"))
    issues.push({ argument: "--format", reason: `${out.format} cannot be combined with --list` });
  if (out.limit !== undefined && !out.list)
    issues.push({ argument: "--limit", reason: "applies only to --list (the newest N matches); without --list the command prints the newest one" });
  if (out.envPrefix !== undefined && out.format !== "env" && out.format !== "dotenv")
    issues.push({ argument: "--env-prefix", reason: "applies only to --format env or dotenv" });
  if (issues.length) throw new InvalidArgumentsError(lookup, issues);
  out.args = { ...out.args, ...fromFlags };
  return out;
}
