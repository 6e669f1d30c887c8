/**
 * A temp project with this package installed from its `npm pack` tarball, as a user's project gets it: the
 * built files only, at their installed paths, with the project's own copies of the dependencies. `dist/` must be
 * built (`npx tsc -p .`). Installs run offline from the npm cache when they can (the test machine's cache holds
 * the dependencies), and fall back to the registry.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PACKAGE_NAME, REPO_ROOT, assertBuilt } from "./providerProject";

const run = promisify(execFile);

export interface InstalledProject {
  /** The project folder; the package is at node_modules/pulumi-backup-lookups. */
  dir: string;
  /** The installed package's folder. */
  packageDir: string;
  /** The tarball `npm pack` made. */
  tarball: string;
  cleanup(): void;
}

/** npm with the test's environment. */
export async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run("npm", args, { cwd, env: { ...process.env, npm_config_update_notifier: "false" }, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** `npm pack` of the repository; retried, because a concurrent `tsc` may be rewriting a file of dist/ meanwhile. */
async function pack(dest: string): Promise<string> {
  let last: unknown;
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      const out = JSON.parse(await npm(["pack", REPO_ROOT, "--pack-destination", dest, "--json", "--ignore-scripts"], dest));
      return path.join(dest, out[0].filename);
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 1500));
    }
  }
  throw last;
}

/** Packs the repository and installs the tarball, and `extra` packages (`name@range`), into a new project. */
export async function installPackedProject(name: string, extra: string[] = []): Promise<InstalledProject> {
  assertBuilt();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `backup-lookups-${name}-`));
  const dir = path.join(work, "project");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", private: true }, null, 2));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
  const tarball = await pack(work);
  const install = ["install", "--no-audit", "--no-fund", "--ignore-scripts", tarball, ...extra];
  try {
    await npm([...install, "--offline"], dir);
  } catch {
    await npm([...install, "--prefer-offline"], dir);
  }
  return { dir, packageDir: path.join(dir, "node_modules", PACKAGE_NAME), tarball, cleanup: () => fs.rmSync(work, { recursive: true, force: true }) };
}

/** The version of `pkg` this repository has installed (to install the same one in a temp project, offline). */
export function installedVersion(pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
}
