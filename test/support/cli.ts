/**
 * Runs the installed command, `node bin/backup-lookup.js ...` (which loads dist/, built by `npm test` before
 * jest), as a child process with an explicit environment: the emulator's credentials and regions, a scratch
 * HOME, and nothing inherited from the developer's shell (no real cloud credentials, no profile files).
 */
import { spawn } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { isoSeconds, testEnv } from "./lookupEnv";
import { timeEnv } from "./timeEnv";

export const REPO = path.resolve(__dirname, "..", "..");
export const BIN = path.join(REPO, "bin", "backup-lookup.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Wall time bounds of the run, for `resolvedAt`. */
  startedMs: number;
  endedMs: number;
}

/** `env` without its undefined entries (a child's environment holds strings only). */
export function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The child's whole environment: PATH, a scratch HOME, the clock variables (timeEnv.ts) and the emulator's credentials and regions. */
export function cliEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  return definedOnly({ PATH: process.env.PATH, HOME: os.tmpdir(), ...timeEnv(), ...testEnv(overrides) });
}

/**
 * Runs `backup-lookup ...args` with exactly `env`; resolves when the child has exited (never rejects on a
 * non-zero status), rejects (and kills the child) when it has not within `timeoutMs`.
 */
export function runCli(args: string[], env: Record<string, string> = cliEnv(), timeoutMs = 60_000): Promise<CliResult> {
  const startedMs = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI did not finish within ${timeoutMs} ms: ${args.join(" ")}\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, startedMs, endedMs: Date.now() });
    });
  });
}

/** Every `resolvedAt` the run may have printed: each second from its start to its end. */
export function secondsDuring(r: CliResult): string[] {
  const out: string[] = [];
  for (let s = Math.floor(r.startedMs / 1000); s <= Math.floor(r.endedMs / 1000); s++) out.push(isoSeconds(s * 1000));
  return out;
}
