/**
 * Temp Pulumi project folders for driving the real dynamic-provider host (test/support/providerHost.ts)
 * against this package, and the serialized `__provider` strings the SDK produces for the five lookups.
 *
 * Why a project folder: the serialized provider's methods `require("pulumi-backup-lookups/dist/provider/
 * pulumi/providerImpl")`, and the host's `requireFromString` module resolves that from its working directory
 * (`@pulumi/pulumi/cmd/dynamic-provider/index.js` getProvider -> `require-from-string` with an empty filename,
 * so `module.paths` are the cwd's node_modules). A user's project has the package installed there; here
 * `node_modules/pulumi-backup-lookups` is a symlink to this repository, so the host loads the BUILT code in
 * `dist/` (run `npx tsc -p .` first) and its dependencies resolve from this repository's node_modules (Node
 * resolves from the symlink's real path).
 */
import { execFileSync, spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { timeEnv } from "./timeEnv";

/** The repository root (the package `pulumi-backup-lookups`). */
export const REPO_ROOT = ((): string => {
  // test/support/ from source, dist/test/support/ when compiled (the benchmark): the folder with provider/index.ts
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "provider", "index.ts")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
export const PACKAGE_NAME = "pulumi-backup-lookups";
/** What every method of the serialized provider requires (provider/pulumi/makeProvider.ts). */
export const IMPLEMENTATION_REQUIRE = 'require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl")';

/** The five lookups with the class path, which is also the dynamic resource's type name. */
export const LOOKUP_NAMES = [
  "alicloud.rds.BackupSet",
  "alicloud.rds.BackupTask",
  "alicloud.rds.UserBackupFile",
  "alicloud.kvstore.BackupSet",
  "huaweicloud.dcs.BackupSet",
] as const;
export type LookupName = (typeof LOOKUP_NAMES)[number];

/** The resource type token `pulumi.dynamic.Resource` registers: `pulumi-nodejs:dynamic/<module>:<type>`. */
export function dynamicTypeOf(lookup: string): string {
  return `pulumi-nodejs:dynamic/backup-lookups:${lookup}`;
}

/** Throws a helpful error unless `dist/` holds the built provider the host will require. */
export function assertBuilt(): void {
  for (const f of ["dist/provider/index.js", "dist/provider/pulumi/providerImpl.js", "dist/provider/pulumi/makeProvider.js"]) {
    if (!fs.existsSync(path.join(REPO_ROOT, f))) throw new Error(`${f} is missing: build first with \`npx tsc -p .\``);
  }
}

export interface ProviderProject {
  /** The project folder: the cwd to start the provider host in. */
  dir: string;
  /** Removes the folder (the symlink only, never the repository). */
  cleanup: () => void;
}

/**
 * A temp Pulumi project folder whose `node_modules/pulumi-backup-lookups` is a symlink to this repository.
 * `dist/` must be built.
 */
export function createProviderProject(prefix = "backup-lookups-project-"): ProviderProject {
  assertBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "lookup-test-project", version: "1.0.0", private: true }, null, 2));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: lookup-test-project\nruntime: nodejs\n");
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", PACKAGE_NAME), "dir");
  return {
    dir,
    cleanup: () => {
      // unlink first so a recursive removal can never follow the link into the repository
      try {
        fs.unlinkSync(path.join(dir, "node_modules", PACKAGE_NAME));
      } catch {
        /* already gone */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a mocked `newResource` received for one resource. */
export interface MockRegistration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider?: string;
  custom?: boolean;
  id?: string;
}

/**
 * Constructs resources under `pulumi.runtime.setMocks` and returns what the mocks' `newResource` received:
 * the type token and the inputs, including the `__provider` string the SDK serialized
 * (`@pulumi/pulumi/dynamic/index.js` Resource constructor -> serializeProvider -> serializeFunctionMaybeSecret
 * = `serializeFunction(() => provider, {allowSecrets: true})`). `construct` runs inside the mocked program;
 * the resources' outputs are the inputs echoed back with `state`.
 */
export async function registrationsUnderMocks(construct: () => pulumi.Resource[]): Promise<MockRegistration[]> {
  const seen: MockRegistration[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        const inputs = args.inputs as Record<string, unknown>;
        seen.push({ type: args.type, name: args.name, inputs, provider: args.provider, custom: args.custom, id: args.id });
        return { id: `${args.name}-id`, state: inputs };
      },
      call: (args: pulumi.runtime.MockCallArgs) => args.inputs as Record<string, unknown>,
    },
    "lookup-test-project",
    "test",
    true,
  );
  const resources = construct();
  // a URN resolves once the registration (and so the mock's newResource) has completed
  await Promise.all(resources.map((r) => outputValue(r.urn)));
  return seen;
}

/** The value of an Output (resolved, known or not). */
export function outputValue<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise<T>((resolve) => o.apply((v) => void resolve(v)));
}

/** The five lookups' `__provider` strings, as the SDK serializes them from the resource classes. */
export async function serializedProviders(): Promise<Record<LookupName, string>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mocks are set
  const { alicloud, huaweicloud } = require("../../provider") as typeof import("../../provider");
  const regs = await registrationsUnderMocks(() => [
    new alicloud.rds.BackupSet("ser-rds-set", { dbInstanceId: "rm-serialize0001" }),
    new alicloud.rds.BackupTask("ser-rds-task", { dbInstanceId: "rm-serialize0001" }),
    new alicloud.rds.UserBackupFile("ser-rds-user", {}),
    new alicloud.kvstore.BackupSet("ser-kv-set", { instanceId: "r-serialize0001" }),
    new huaweicloud.dcs.BackupSet("ser-dcs-set", { instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79" }),
  ]);
  const out: Partial<Record<LookupName, string>> = {};
  for (const lookup of LOOKUP_NAMES) {
    const reg = regs.find((r) => r.type === dynamicTypeOf(lookup));
    if (!reg || typeof reg.inputs.__provider !== "string") throw new Error(`no __provider registered for ${lookup}`);
    out[lookup] = reg.inputs.__provider;
  }
  return out as Record<LookupName, string>;
}

/** Every place `needle` occurs in `haystack` (for secret scans: report where, not just whether). */
export function occurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

// -------------------------------------------------------------------------------------------------------
// The installed form: the tarball `npm pack` makes from a clean copy, installed into fresh projects.

/** What is never part of a clean checkout (build output, installs, scratch). */
const NOT_IN_A_CHECKOUT = new Set(["node_modules", "dist", ".tmp", ".git", "coverage"]);

function checkoutFiles(dir = REPO_ROOT, rel = ""): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (NOT_IN_A_CHECKOUT.has(e.name) || e.name.endsWith(".tgz")) continue;
    if (e.isDirectory()) out.push(...checkoutFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

/**
 * `npm pack` of a clean copy of this checkout (no dist/: the `prepare` script builds it), as a user's
 * `npm pack` or a git install does. Made once per content of the checkout and kept under .tmp/pack/, so the
 * test files of one run share it; concurrent callers (other jest workers) wait for the first: they watch the
 * pack folder (fs.watch) and look again when something there changes, no polling. Returns the tarball's path.
 */
export async function packedTarball(): Promise<string> {
  const files = checkoutFiles();
  const hash = createHash("sha256");
  for (const f of files)
    hash
      .update(f)
      .update("\0")
      .update(fs.readFileSync(path.join(REPO_ROOT, f)))
      .update("\0");
  const dir = path.join(REPO_ROOT, ".tmp", "pack", hash.digest("hex").slice(0, 16));
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  const tarball = path.join(dir, `${PACKAGE_NAME}-${version}.tgz`);
  if (fs.existsSync(tarball)) return tarball;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // another caller is packing: wait until its tarball appears or its lock goes (then try to take it)
      const settled = () => fs.existsSync(tarball) || !fs.existsSync(lock);
      await changeIn(path.dirname(dir), settled, deadline, `waited 5 minutes for ${lock}: remove it if no test run is packing`);
      if (fs.existsSync(tarball)) return tarball;
    }
  }
  try {
    const src = path.join(dir, "src");
    fs.rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
      fs.copyFileSync(path.join(REPO_ROOT, f), path.join(src, f));
    }
    // the build's tools: a clean clone has them after `npm ci`
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(src, "node_modules"), "dir");
    execFileSync("npm", ["pack", "--pack-destination", dir], {
      cwd: src,
      stdio: "ignore",
      env: { ...process.env, npm_config_update_notifier: "false" },
    });
    fs.rmSync(src, { recursive: true, force: true });
    if (!fs.existsSync(tarball)) throw new Error(`npm pack made no ${tarball}`);
    // tarballs of earlier contents are never used again
    for (const old of fs.readdirSync(path.dirname(dir))) {
      if (old !== path.basename(dir) && !old.endsWith(".lock") && !fs.existsSync(path.join(path.dirname(dir), `${old}.lock`))) {
        fs.rmSync(path.join(path.dirname(dir), old), { recursive: true, force: true });
      }
    }
    return tarball;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Resolves once `done()` holds, checking now and on every change fs.watch reports in `folder`; rejects with
 * `message` at `deadline` (a deadline for a packer that died, not a wait).
 */
function changeIn(folder: string, done: () => boolean, deadline: number, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(folder);
    const timer = setTimeout(() => finish(new Error(message)), Math.max(0, deadline - Date.now()));
    const finish = (err?: Error) => {
      clearTimeout(timer);
      watcher.close();
      if (err) reject(err);
      else resolve();
    };
    watcher.on("change", () => done() && finish());
    watcher.on("error", (err) => finish(err));
    if (done()) finish();
  });
}

/** How to run a package manager. */
export interface PackageManager {
  /** The Node.js the project uses (first on PATH for lifecycle scripts). */
  node: string;
  /** The manager's JS entry to run with `node` (npm-cli.js), or none when `executable` is set. */
  cli?: string;
  /** A native manager (pnpm 11 and later). */
  executable?: string;
}

export interface InstalledProjectSpec {
  /** Folder name prefix. */
  name: string;
  /** package.json dependencies besides this package (the tarball is added). */
  dependencies?: Record<string, string>;
  /** `"module"` for an ESM project. */
  type?: "module";
  manager: PackageManager;
  /** Extra arguments to `install` (`--legacy-peer-deps`). */
  installArgs?: string[];
  /** Whether the manager is pnpm (its own flags). */
  pnpm?: boolean;
  /** Further files of the project (name -> text), written before the install. */
  files?: Record<string, string>;
  /** Where this package comes from, as a dependency spec (`git+file://...#<commit>`); default the packed tarball. */
  packageSpec?: string;
}

/** The result of running a command in a project. */
export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Environment variables of the machine's network and certificate setup, which every npm must see. */
const NETWORK_ENV = ["NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"];
let globalNpmrc: string | undefined;

/**
 * A user's shell: `node`'s folder first on PATH, HOME, the machine's network settings, the clock variables
 * (timeEnv.ts), and the machine's global npmrc (npm looks for it under its own prefix, which for a downloaded
 * node is not the machine's: the registry's CA file and similar settings live there). No cloud credentials.
 */
export function userEnv(node: string): Record<string, string> {
  globalNpmrc ??= execFileSync("npm", ["config", "get", "globalconfig"], { encoding: "utf8" }).trim();
  const env: Record<string, string> = {
    PATH: `${path.dirname(node)}:${process.env.PATH ?? ""}`,
    HOME: os.homedir(),
    npm_config_update_notifier: "false",
    npm_config_globalconfig: globalNpmrc,
    ...timeEnv(),
  };
  for (const k of NETWORK_ENV) if (process.env[k]) env[k] = process.env[k]!;
  return env;
}

/** Runs `node args` in `cwd` with `env` (default: userEnv); never throws on exit status. */
export function runIn(cwd: string, node: string, args: string[], env?: Record<string, string>, timeoutMs = 300_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, {
      cwd,
      env: env ?? userEnv(node),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * A fresh project folder with the packed tarball (or `spec.packageSpec`) installed by `spec.manager` (a real
 * install, not a link), or the failed install's output. `Pulumi.yaml` names it, so the provider host can run there.
 */
export async function installedProject(spec: InstalledProjectSpec): Promise<ProviderProject & { install: Ran }> {
  const source = spec.packageSpec ?? `file:${await packedTarball()}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `backup-lookups-${spec.name}-`));
  const pkg = {
    name: spec.name,
    version: "1.0.0",
    private: true,
    ...(spec.type ? { type: spec.type } : {}),
    dependencies: { ...spec.dependencies, [PACKAGE_NAME]: source },
  };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${spec.name}\nruntime: nodejs\n`);
  for (const [name, text] of Object.entries(spec.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
  const args = spec.pnpm
    ? ["install", "--prefer-offline", "--config.confirmModulesPurge=false", ...(spec.installArgs ?? [])]
    : ["install", "--prefer-offline", "--no-audit", "--no-fund", ...(spec.installArgs ?? [])];
  const m = spec.manager;
  const install = m.executable ? await runIn(dir, m.executable, args, userEnv(m.node)) : await runIn(dir, m.node, [m.cli!, ...args]);
  return { dir, install, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A user's program, as a script for `node`: sets Pulumi's mocks, loads this package, constructs
 * `alicloud.rds.BackupSet` named `resourceName`, and prints JSON `{type, provider, packageFrom, pulumiFrom}` of
 * what the mocks registered (or `{registered: false}` when nothing reached them). `esm`: an ES module
 * (`import`), for a `"type": "module"` project.
 */
export function mockedProgram(dbInstanceId: string, resourceName = "installed", esm = false): string {
  const load = esm
    ? `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { default: pulumi } = await import("@pulumi/pulumi");`
    : `const pulumi = require("@pulumi/pulumi");`;
  const pkg = esm ? `(await import("${PACKAGE_NAME}")).default` : `require("${PACKAGE_NAME}")`;
  return `${load}
const seen = [];
pulumi.runtime.setMocks({
  newResource(a) { seen.push(a); return { id: a.name + "-id", state: a.inputs }; },
  call(a) { return a.inputs; },
}, "installed-project", "test", true);
const { alicloud } = ${pkg};
const lookup = new alicloud.rds.BackupSet(${JSON.stringify(resourceName)}, { dbInstanceId: ${JSON.stringify(dbInstanceId)} });
const report = () => {
  const reg = seen.find((r) => r.name === ${JSON.stringify(resourceName)});
  process.stdout.write(JSON.stringify(reg ? {
    type: reg.type,
    provider: reg.inputs.__provider,
    packageFrom: require.resolve("${PACKAGE_NAME}"),
    pulumiFrom: require.resolve("@pulumi/pulumi"),
  } : { registered: false }));
};
// a silent failure would leave the URN unresolved forever: report whatever reached the mocks by then
const timer = setTimeout(report, 10000);
lookup.urn.apply(() => { clearTimeout(timer); report(); });
`;
}

/** The version of `pkg` this repository has installed (to install the same one in a temp project). */
export function installedVersion(pkg: string): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
}
