/**
 * The package installed from a git URL (README "Install"): `npm install git+file://<clone>#<commit>` makes npm
 * clone the repository, install the clone's dev dependencies and run its `prepare` (the build), then install
 * the built package, as a user's `npm install git+https://...` does. The repository is this checkout's HEAD
 * commit, cloned first into a temp folder: what is committed, never the working tree's uncommitted changes.
 * The checkout may be a plain clone (CI, possibly shallow or on a detached HEAD) or a git worktree: git resolves
 * either from its folder, and `file://` makes git use its regular transport, which clones a shallow repository too.
 * The install takes 40 to 60 s on two cores with a warm npm cache (`--prefer-offline`), more when the machine is
 * busy: installing the dev dependencies to build dominates.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { machineRuntime } from "../support/nodeRuntime";
import { LOOKUPS } from "../../provider/lookups";
import { PACKAGE_NAME, ProviderProject, REPO_ROOT, Ran, installedProject, installedVersion, runIn } from "../support/providerProject";
import { parseJson } from "../support/json";

jest.setTimeout(600_000);

/** git in `cwd`, blind to any repository the test run itself was started from (a hook's GIT_DIR and the like). */
function git(cwd: string, ...args: string[]): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_")));
  return execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();
}

const commit = git(REPO_ROOT, "rev-parse", "HEAD");
let scratch: string;
let clone: string;
let project: ProviderProject & { install: Ran };

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "backup-lookups-git-"));
  clone = path.join(scratch, `${PACKAGE_NAME}.git`);
  git(scratch, "clone", "--quiet", "--bare", `file://${REPO_ROOT}`, clone);
  const machine = machineRuntime();
  project = await installedProject({
    name: "git-url",
    dependencies: { "@pulumi/pulumi": installedVersion("@pulumi/pulumi") },
    manager: { node: machine.node, cli: machine.npmCli },
    packageSpec: `git+file://${clone}#${commit}`,
  });
  if (project.install.status !== 0) throw new Error(`npm install of the git URL failed:\n${project.install.stdout}\n${project.install.stderr}`);
}, 600_000);

afterAll(() => {
  project?.cleanup();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test("npm installs the commit from the git URL, built by its prepare script", () => {
  const lock = parseJson<{ packages: Record<string, { resolved?: string }> }>(fs.readFileSync(path.join(project.dir, "package-lock.json"), "utf8"));
  expect(lock.packages[`node_modules/${PACKAGE_NAME}`].resolved).toBe(`git+file://${clone}#${commit}`);
  // dist/ is never committed: the prepare script built it in npm's clone
  expect(git(REPO_ROOT, "ls-tree", "-r", "--name-only", commit, "dist")).toBe("");
  expect(fs.existsSync(path.join(project.dir, "node_modules", PACKAGE_NAME, "dist", "provider", "index.js"))).toBe(true);
});

test('require("pulumi-backup-lookups") gives the namespaces, each lookup as a class and its get functions', async () => {
  const program = `const p = require("${PACKAGE_NAME}");
const out = {};
for (const [cloud, services] of Object.entries({ alicloud: p.alicloud, huaweicloud: p.huaweicloud })) {
  for (const [service, members] of Object.entries(services)) out[cloud + "." + service] = Object.entries(members).map(([k, v]) => k + ":" + typeof v).sort();
}
process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)))));`;
  // Every lookup of the registry: its class and get functions, and the list functions of a lookup that lists.
  const expected: Record<string, string[]> = {};
  for (const def of Object.values(LOOKUPS).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const namespace = def.name.slice(0, def.name.lastIndexOf("."));
    const name = def.name.slice(namespace.length + 1);
    const fns = [`${name}:function`, `get${name}:function`, `get${name}Output:function`];
    if (def.kind !== "job") fns.push(`get${name}s:function`, `get${name}sOutput:function`);
    (expected[namespace] ??= []).push(...fns);
  }
  for (const k of Object.keys(expected)) expected[k].sort();
  const r = await runIn(project.dir, process.execPath, ["-e", program]);
  expect(r).toEqual({ status: 0, stdout: JSON.stringify(expected), stderr: "" });
});

test("npx backup-lookup --version prints the committed package.json's version", async () => {
  const { version } = parseJson<{ version: string }>(git(REPO_ROOT, "show", `${commit}:package.json`));
  const npx = path.join(path.dirname(machineRuntime().npmCli), "npx-cli.js");
  const r = await runIn(project.dir, process.execPath, [npx, "backup-lookup", "--version"]);
  expect(r).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
});
