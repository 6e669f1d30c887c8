/**
 * The example unit test (examples/rds-clone-from-latest-backup/index.test.ts) run as a user runs it: in a
 * project with the packed package installed from its tarball (imports `pulumi-backup-lookups/testing` through the
 * package's `exports`), with jest and ts-jest, no credentials in the environment and no endpoint to reach.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { machineRuntime } from "./support/nodeRuntime";
import { PACKAGE_NAME, ProviderProject, REPO_ROOT, installedProject, installedVersion } from "./support/providerProject";

jest.setTimeout(300_000);
const EXAMPLE = path.join(REPO_ROOT, "examples", "rds-clone-from-latest-backup");

let project: ProviderProject & { packageDir: string };

beforeAll(async () => {
  const installed = await installedProject({
    name: "rds-clone-from-latest-backup",
    dependencies: { "@pulumi/alicloud": installedVersion("@pulumi/alicloud") },
    manager: { node: process.execPath, cli: machineRuntime().npmCli },
  });
  if (installed.install.status !== 0) throw new Error(`npm install of the tarball failed:\n${installed.install.stderr}`);
  project = { ...installed, packageDir: path.join(installed.dir, "node_modules", PACKAGE_NAME) };
  for (const f of ["index.ts", "index.test.ts", "Pulumi.yaml"]) fs.copyFileSync(path.join(EXAMPLE, f), path.join(project.dir, f));
  fs.writeFileSync(
    path.join(project.dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, esModuleInterop: true, skipLibCheck: true } }),
  );
}, 300_000);

afterAll(() => project?.cleanup());

/** Runs this repository's jest over the project, with ts-jest, as `npx jest` in the project would. */
function jestIn(dir: string): Promise<{ code: number; out: string }> {
  const config = {
    rootDir: dir,
    testEnvironment: "node",
    testMatch: ["<rootDir>/*.test.ts"],
    transform: { "^.+\\.ts$": [require.resolve("ts-jest"), { diagnostics: false }] },
  };
  const jestBin = path.join(REPO_ROOT, "node_modules", "jest", "bin", "jest.js");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [jestBin, "--config", JSON.stringify(config), "--ci", "--colors=false"],
      { cwd: dir, env: { PATH: process.env.PATH ?? "", HOME: dir, NO_COLOR: "1" }, timeout: 240_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

test("the example's unit test passes against the installed tarball, the lookup answered by backupLookupMocks", async () => {
  expect(fs.existsSync(path.join(project.packageDir, "dist", "provider", "testing.js"))).toBe(true);
  expect(fs.lstatSync(project.packageDir).isSymbolicLink()).toBe(false);
  const { code, out } = await jestIn(project.dir);
  expect(out).toContain("✓ the clone is made from the backup the lookup found");
  expect(out).toContain("✓ the program exports the pinned backup and when it ended");
  expect(out).toMatch(/Tests:\s+2 passed, 2 total/);
  expect(code).toBe(0);
});
