/**
 * The `backup-lookup` command (README "Command line"). stdout carries the result and nothing else: while
 * a lookup runs, anything a dependency prints to stdout is sent to stderr. Errors are one or more plain lines
 * on stderr (no stack trace without --debug, never a secret); exit 0 found, 2 invalid arguments, 3 no
 * matching backup, 1 anything else. Warnings and errors always reach stderr; informational lines (the note that
 * download URLs were hidden, a job's progress) only when stderr is a terminal or with --verbose (or --debug), so
 * a CI log or a captured stderr holds what needs reading. `--explain` adds what was read and each candidate's
 * verdict (./explain.ts). Messages are worded for the command where they are made: the lookup context's
 * `audience` is "cli" (provider/core/context.ts), so they speak of flags and the environment, not stack config.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createContext, Logger } from "../core/context";
import { runLookup, argumentNames } from "../core/engine";
import { BackupLookupError, InvalidArgumentsError } from "../core/errors";
import { redact } from "../core/redact";
import { visible } from "../core/visible";
import { didYouMean } from "../core/didYouMean";
import { ExplainSink } from "../core/explain";
import { LOOKUPS, lookupNamed } from "../lookups";
import { OUTPUT_FORMATS, formatOutput } from "./formatOutput";
import { lookupHelp } from "./lookupHelp";
import { renderExplain } from "./explain";
import { CommandLine, booleanArgumentFlags, camelToKebab, parseCommandLine, splitArgv } from "./parseCommandLine";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal: informational lines are shown there (elsewhere only with --verbose). */
  isTTY?: boolean;
}

const processIO = (): CliIO => {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    isTTY: process.stderr.isTTY === true,
  };
};

export function usage(): string {
  const lines = [
    "usage: backup-lookup <lookup> [--args '<JSON object>'] [--<argument-in-kebab-case> <value> ...]",
    `                     [--region R] [--endpoint URL] [--list [--limit N]] [--format ${OUTPUT_FORMATS.join("|")}] [--env-prefix P_]`,
    "                     [--show-secrets] [--explain] [--verbose] [--debug]",
    "       backup-lookup <lookup> --help     that lookup's flags, their types, defaults and meaning",
    "       backup-lookup --version",
    "",
    "lookups and their arguments:",
  ];
  for (const [name, def] of Object.entries(LOOKUPS)) {
    lines.push(`  ${name}`);
    lines.push(
      `      ${argumentNames(def, "cli")
        .map((a) => `--${camelToKebab(a)}`)
        .join(" ")}`,
    );
  }
  lines.push("", "exit status: 0 found, 2 invalid arguments, 3 no matching backup, 1 any other failure");
  lines.push("credentials and region come from the environment: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,");
  lines.push("ALIBABA_CLOUD_SECURITY_TOKEN, ALIBABA_CLOUD_REGION_ID; HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME, HW_PROJECT_ID");
  return lines.join("\n") + "\n";
}

/** The package's version, from its package.json (found upwards from this file: dist/provider/cli or provider/cli). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pulumi-backup-lookups" && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

/**
 * A reader that went away (`backup-lookup ... | head`) ends the command quietly with status 0, as if the rest
 * had been read: EPIPE is not a failure of the lookup, and a non-zero status would fail a `set -o pipefail`
 * pipeline whose reader took what it wanted. Without this Node throws the stream's `error` event as an uncaught
 * exception (a stack trace, exit 1).
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (status: number) => void = (status) => process.exit(status)): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") exit(0);
    else throw err;
  });
}

/** The command's wording of an invalid-arguments error: flags as typed, `--args` keys as written. */
function cliArgumentsMessage(err: InvalidArgumentsError, cmd: CommandLine | undefined, lookup: string): string {
  const name = (argument: string) => {
    if (!argument || argument.startsWith("--")) return argument;
    const [top, ...rest] = argument.split(".");
    const fromArgs = cmd && !cmd.fromFlags.has(top) && Object.prototype.hasOwnProperty.call(cmd.args, top);
    return fromArgs ? `${argument} (in --args)` : `--${camelToKebab(top)}${rest.length ? `.${rest.join(".")}` : ""}`;
  };
  return `invalid arguments for ${lookup}: ${err.issues.map((i) => (i.argument ? `${name(i.argument)}: ${i.reason}` : i.reason)).join("; ")}`;
}

/** The stderr line when secret outputs were hidden: why, and how to print them. */
export function secretsNote(hidden: string[]): string {
  return `note: ${hidden.join(", ")} hidden: signed download URLs let anyone holding them download the backup until they expire; add --show-secrets to print them\n`;
}

/** Runs the command; resolves to the exit status. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const { positionals, flags } = splitArgv(argv, booleanArgumentFlags(Object.values(LOOKUPS)), new Set(Object.keys(LOOKUPS)));
  const debug = flags.some(([f]) => f === "debug");
  // Informational lines: on a terminal, or asked for (--verbose; --debug says more still).
  const informative = io.isTTY === true || debug || flags.some(([f, v]) => f === "verbose" && v !== "false");
  const wantsHelp = flags.some(([f]) => f === "help");
  if (flags.some(([f]) => f === "version")) {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
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
  if (wantsHelp) {
    io.stdout(lookupHelp(name, def));
    return 0;
  }
  if (positionals.length > 1) {
    io.stderr(`backup-lookup: unexpected argument ${JSON.stringify(positionals[1])}; arguments are flags (--db-instance-id rm-123) or --args '{...}'\n`);
    return 2;
  }
  // A log line and an error are one line each; `visible` shows any control character cloud text brought in them.
  const log: Logger = {
    info: (m) => (informative ? io.stderr(`${visible(redact(m))}\n`) : undefined),
    warn: (m) => io.stderr(`warning: ${visible(redact(m))}\n`),
    debug: (m) => (debug ? io.stderr(`debug: ${visible(redact(m))}\n`) : undefined),
  };
  // Nothing but the result may reach stdout: route a dependency's console output to stderr meanwhile.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back on process.stdout as it was, never called unbound
  const saved = { log: console.log, info: console.info, debug: console.debug, write: process.stdout.write };
  console.log = console.info = console.debug = (...a: unknown[]) => io.stderr(visibleLines(redact(a.map(String).join(" "))) + "\n");
  process.stdout.write = (chunk: unknown) => (io.stderr(visibleLines(redact(String(chunk)))), true);
  let cmd: CommandLine | undefined;
  let explain: ExplainSink | undefined;
  try {
    cmd = parseCommandLine(def, name, flags);
    explain = cmd.explain ? new ExplainSink() : undefined;
    const ctx = createContext({ env: io.env, log, audience: "cli" });
    const result = await runLookup(def, cmd.args, ctx, { form: "cli", list: cmd.list, limit: cmd.limit, explain });
    const out = formatOutput(cmd.list ? result.list! : result.outputs, {
      format: cmd.format,
      secrets: result.secretOutputs,
      showSecrets: cmd.showSecrets,
      envPrefix: cmd.envPrefix,
    });
    restore(saved);
    if (explain) io.stderr(renderExplain(explain));
    io.stdout(out.text);
    if (out.hidden.length && informative) io.stderr(secretsNote(out.hidden));
    return 0;
  } catch (err) {
    restore(saved);
    if (explain && !(err instanceof InvalidArgumentsError)) io.stderr(renderExplain(explain));
    if (err instanceof InvalidArgumentsError) {
      io.stderr(`backup-lookup ${name}: ${visible(redact(cliArgumentsMessage(err, cmd, name)))}\n`);
      return err.exitStatus;
    }
    if (err instanceof BackupLookupError) {
      io.stderr(`backup-lookup ${name}: ${visible(redact(err.message))}\n`);
      if (debug && err.stack) io.stderr(visibleLines(redact(err.stack)) + "\n");
      return err.exitStatus;
    }
    io.stderr(`backup-lookup ${name}: internal error: ${visible(redact(String((err as Error)?.message ?? err)))}\n`);
    if (debug && (err as Error)?.stack) io.stderr(visibleLines(redact((err as Error).stack!)) + "\n");
    else io.stderr("run again with --debug for details, and report it with that output\n");
    return 1;
  }
}

/** A stack trace keeps its lines; each is shown `visible`. */
const visibleLines = (text: string) => text.split("\n").map(visible).join("\n");

function restore(saved: { log: typeof console.log; info: typeof console.info; debug: typeof console.debug; write: typeof process.stdout.write }) {
  console.log = saved.log;
  console.info = saved.info;
  console.debug = saved.debug;
  process.stdout.write = saved.write;
}
