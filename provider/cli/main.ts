/**
 * The `backup-lookup` command (CONTRACT.md "Command line"). stdout carries the result and nothing else: while
 * a lookup runs, anything a dependency prints to stdout is sent to stderr. Errors are one or more plain lines
 * on stderr (no stack trace without --debug, never a secret); exit 0 found, 2 invalid arguments, 3 no
 * matching backup, 1 anything else.
 */
import { createContext, Logger } from "../core/context";
import { runLookup, argumentNames } from "../core/engine";
import { BackupLookupError } from "../core/errors";
import { redact } from "../core/redact";
import { didYouMean } from "../core/didYouMean";
import { LOOKUPS, lookupNamed } from "../lookups";
import { toEnv, toJson, toTable } from "./formatOutput";
import { booleanArgumentFlags, camelToKebab, parseCommandLine, splitArgv } from "./parseCommandLine";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

const processIO = (): CliIO => ({
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
});

export function usage(): string {
  const lines = [
    "usage: backup-lookup <lookup> [--args '<JSON object>'] [--<argument-in-kebab-case> <value> ...]",
    "                     [--region R] [--endpoint URL] [--list] [--format json|table|env] [--show-secrets] [--debug]",
    "",
    "lookups and their arguments:",
  ];
  for (const [name, def] of Object.entries(LOOKUPS)) {
    lines.push(`  ${name}`);
    lines.push(`      ${argumentNames(def, "cli").map((a) => `--${camelToKebab(a)}`).join(" ")}`);
  }
  lines.push("", "exit status: 0 found, 2 invalid arguments, 3 no matching backup, 1 any other failure");
  lines.push("credentials and region come from the environment: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,");
  lines.push("ALIBABA_CLOUD_SECURITY_TOKEN, ALIBABA_CLOUD_REGION_ID; HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME, HW_PROJECT_ID");
  return lines.join("\n") + "\n";
}

/** Runs the command; resolves to the exit status. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const { positionals, flags } = splitArgv(argv, booleanArgumentFlags(Object.values(LOOKUPS)), new Set(Object.keys(LOOKUPS)));
  const debug = flags.some(([f]) => f === "debug");
  const wantsHelp = flags.some(([f]) => f === "help");
  if (positionals.length === 0) {
    if (wantsHelp) {
      io.stdout(usage());
      return 0;
    }
    io.stderr("backup-lookup: missing <lookup>\n" + usage());
    return 2;
  }
  const name = positionals[0];
  const def = lookupNamed(name);
  if (!def) {
    const guess = didYouMean(name, Object.keys(LOOKUPS));
    io.stderr(`backup-lookup: unknown lookup ${JSON.stringify(name)}${guess ? `; did you mean ${guess}?` : ""} (one of ${Object.keys(LOOKUPS).join(", ")})\n`);
    return 2;
  }
  if (positionals.length > 1) {
    io.stderr(`backup-lookup: unexpected argument ${JSON.stringify(positionals[1])}; arguments are flags (--db-instance-id rm-123) or --args '{...}'\n`);
    return 2;
  }
  const log: Logger = {
    info: (m) => io.stderr(`${redact(m)}\n`),
    warn: (m) => io.stderr(`warning: ${redact(m)}\n`),
    debug: (m) => (debug ? io.stderr(`debug: ${redact(m)}\n`) : undefined),
  };
  // Nothing but the result may reach stdout: route a dependency's console output to stderr meanwhile.
  const saved = { log: console.log, info: console.info, debug: console.debug, write: process.stdout.write };
  console.log = console.info = console.debug = (...a: unknown[]) => io.stderr(redact(a.map(String).join(" ")) + "\n");
  process.stdout.write = ((chunk: unknown) => (io.stderr(redact(String(chunk))), true)) as typeof process.stdout.write;
  try {
    const cmd = parseCommandLine(def, name, flags);
    if (cmd.help) {
      restore(saved);
      io.stdout(usage());
      return 0;
    }
    const ctx = createContext({ env: io.env, log });
    const result = await runLookup(def, cmd.args, ctx, { form: "cli", list: cmd.list });
    const value = cmd.list ? result.list! : result.outputs;
    let text: string;
    if (cmd.format === "table") text = toTable(value, result.secretOutputs, cmd.showSecrets);
    else if (cmd.format === "env") text = toEnv(result.outputs, result.secretOutputs, cmd.showSecrets);
    else text = toJson(value);
    restore(saved);
    io.stdout(text);
    return 0;
  } catch (err) {
    restore(saved);
    if (err instanceof BackupLookupError) {
      io.stderr(`backup-lookup ${name}: ${redact(err.message)}\n`);
      if (debug && err.stack) io.stderr(redact(err.stack) + "\n");
      return err.exitStatus;
    }
    io.stderr(`backup-lookup ${name}: internal error: ${redact(String((err as Error)?.message ?? err))}\n`);
    if (debug && (err as Error)?.stack) io.stderr(redact((err as Error).stack!) + "\n");
    else io.stderr("run again with --debug for details, and report it with that output\n");
    return 1;
  }
}

function restore(saved: { log: typeof console.log; info: typeof console.info; debug: typeof console.debug; write: typeof process.stdout.write }) {
  console.log = saved.log;
  console.info = saved.info;
  console.debug = saved.debug;
  process.stdout.write = saved.write;
}
