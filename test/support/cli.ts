/**
 * Runs the installed command, `node bin/backup-lookup.js ...` (which loads dist/, built by `npm test` before
 * jest), as a child process with an explicit environment: the emulator's credentials and regions, a scratch
 * HOME, and nothing inherited from the developer's shell (no real cloud credentials, no profile files).
 */
import { execFile } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { ALI_REGION, HW_REGION, PROJECT_ID } from "./lookupEnv";
import { TEST_CREDENTIALS } from "../emulator";

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

/** The child's whole environment. */
export function cliEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: os.tmpdir(),
    ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: ALI_REGION,
    HW_ACCESS_KEY: TEST_CREDENTIALS.huawei.accessKey,
    HW_SECRET_KEY: TEST_CREDENTIALS.huawei.secretKey,
    HW_REGION_NAME: HW_REGION,
    HW_PROJECT_ID: PROJECT_ID,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Runs `backup-lookup ...args`; resolves when the child has exited (never rejects on a non-zero status). */
export function runCli(args: string[], env: Record<string, string> = cliEnv()): Promise<CliResult> {
  const startedMs = Date.now();
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [BIN, ...args], { env, cwd: REPO, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof (error as NodeJS.ErrnoException).code === "string") return reject(error);
      resolve({ status: child.exitCode, stdout, stderr, startedMs, endedMs: Date.now() });
    });
  });
}

/** Every `resolvedAt` the run may have printed: each second from its start to its end. */
export function secondsDuring(r: CliResult): string[] {
  const out: string[] = [];
  for (let s = Math.floor(r.startedMs / 1000); s <= Math.floor(r.endedMs / 1000); s++) out.push(new Date(s * 1000).toISOString().replace(".000Z", "Z"));
  return out;
}
