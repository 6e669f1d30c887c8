/**
 * The layouts and module systems users have, installed from the packed tarball (Node 24, the newest
 * `@pulumi/pulumi`, both as pinned in test/versions.json): an ES module program (`"type": "module"`) and a pnpm-installed project each construct a
 * lookup under mocks, and the provider it serialized runs in the project's own dynamic-provider host against
 * the emulator; the ES module program also imports `pulumi-backup-lookups/testing` by name. And a project
 * pinning `@pulumi/pulumi` 3.138.0, below the supported range: npm refuses the install naming both versions,
 * and forced past that (`--legacy-peer-deps`), loading the package fails at once with an error naming both
 * versions and the fix, instead of registering nothing.
 */
import * as fs from "fs";
import * as path from "path";
import { Emulator, rdsBackup, startEmulator } from "../emulator";
import { NodeRuntime, machineRuntime, nodeRuntime, pnpmExecutable } from "../support/nodeRuntime";
import { ProviderHost } from "../support/providerHost";
import { installedLookup } from "../support/installedLookup";
import { PACKAGE_NAME, ProviderProject, dynamicTypeOf, installedProject, mockedProgram, runIn } from "../support/providerProject";
import { PULUMI_RANGE } from "../../provider/pulumi/assertOneRuntime";
import { testVersions } from "../support/versions";

jest.setTimeout(600_000);

/** The newest `@pulumi/pulumi`, as pinned in test/versions.json. */
const NEWEST = testVersions().pulumi;
const INSTANCE = "rm-emulayouts001";
const BACKUP_ID = "650000001";

let emulator: Emulator;
let node24: NodeRuntime;
const cleanups: (() => void)[] = [];
const hosts: ProviderHost[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ seed: 13 });
  emulator.data.addRdsInstance(INSTANCE, [
    rdsBackup({ DBInstanceId: INSTANCE, BackupId: BACKUP_ID, BackupStartTime: new Date(Date.now() - 3 * 3_600_000).toISOString().replace(/\.\d+Z$/, "Z") }),
  ]);
  node24 = nodeRuntime(24);
}, 300_000);

afterAll(async () => {
  for (const h of hosts) await h.close();
  await emulator?.close();
  for (const c of cleanups) c();
});

async function install(spec: Parameters<typeof installedProject>[0]): Promise<ProviderProject> {
  const project = await installedProject(spec);
  cleanups.push(project.cleanup);
  if (project.install.status !== 0) throw new Error(`install failed:\n${project.install.stdout}\n${project.install.stderr}`);
  return project;
}

/** The program in `dir`, then its serialized provider in the project's host: check and create find the backup. */
async function programThenHost(dir: string, esm = false): Promise<void> {
  const run = await installedLookup({ dir, node: node24.node, dbInstanceId: INSTANCE, endpoint: emulator.url, name: "installed", esm, hosts });
  expect(run.programStderr).toBe("");
  expect(run.registration.type).toBe(dynamicTypeOf("alicloud.rds.BackupSet"));
  // one runtime: the package loads the project's own @pulumi/pulumi
  const pkgReal = fs.realpathSync(path.join(dir, "node_modules", PACKAGE_NAME));
  const fromPackage = require.resolve("@pulumi/pulumi/package.json", { paths: [pkgReal] });
  expect(fs.realpathSync(path.dirname(fromPackage))).toBe(fs.realpathSync(path.join(dir, "node_modules/@pulumi/pulumi")));
  expect(fs.realpathSync(run.registration.pulumiFrom)).toBe(fs.realpathSync(path.join(dir, "node_modules/@pulumi/pulumi/index.js")));
  expect(run.checked.failures).toEqual([]);
  expect(run.checked.inputs).toMatchObject({ backupId: BACKUP_ID, latestBackupId: BACKUP_ID, backupExists: true });
  expect(run.created.id).toBe(`alicloud.rds.BackupSet:${INSTANCE}:${BACKUP_ID}`);
}

describe('an ES module program ("type": "module")', () => {
  let project: ProviderProject;
  beforeAll(async () => {
    project = await install({ name: "esm", type: "module", dependencies: { "@pulumi/pulumi": NEWEST }, manager: { node: node24.node, cli: node24.npmCli } });
  }, 300_000);

  test("constructs a lookup; its provider runs in the real host", async () => {
    await programThenHost(project.dir, true);
  });

  test("imports backupLookupMocks and lookupResourceType by name from pulumi-backup-lookups/testing; both forms answer from them", async () => {
    fs.writeFileSync(
      path.join(project.dir, "testing.js"),
      `import { backupLookupMocks, lookupResourceType } from "${PACKAGE_NAME}/testing";
import pulumi from "@pulumi/pulumi";
import backups from "${PACKAGE_NAME}";
const types = [];
pulumi.runtime.setMocks(
  backupLookupMocks(
    { "alicloud.rds.BackupSet": { backupId: "${BACKUP_ID}", backupEndTime: "2026-11-20T02:17:31Z" } },
    { newResource: (a) => (types.push(a.type), { id: a.name + "-id", state: a.inputs }), call: (a) => a.inputs },
  ),
  "esm-project",
  "test",
  false,
);
const found = await backups.alicloud.rds.getBackupSet({ dbInstanceId: "${INSTANCE}" });
const resource = new backups.alicloud.rds.BackupSet("esm-mocked", { dbInstanceId: "${INSTANCE}" });
const id = await new Promise((resolve) => resource.id.apply(resolve));
process.stdout.write(JSON.stringify({
  type: lookupResourceType("alicloud.rds.BackupSet"),
  found: [found.backupId, found.backupEndTime, found.latestBackupId, found.backupExists],
  id,
  otherTypes: types,
}));
`,
    );
    const ran = await runIn(project.dir, node24.node, ["testing.js"]);
    expect(ran).toEqual({
      status: 0,
      stdout: JSON.stringify({
        type: "pulumi-nodejs:dynamic/backup-lookups:alicloud.rds.BackupSet",
        found: [BACKUP_ID, "2026-11-20T02:17:31Z", BACKUP_ID, true],
        id: `alicloud.rds.BackupSet:${INSTANCE}:${BACKUP_ID}`,
        otherTypes: [],
      }),
      stderr: "",
    });
  });
});

test("a pnpm-installed project constructs a lookup; its provider runs in the real host", async () => {
  const pnpm = pnpmExecutable();
  const project = await install({
    name: "pnpm",
    dependencies: { "@pulumi/pulumi": NEWEST },
    manager: { node: node24.node, executable: pnpm.executable },
    pnpm: true,
    // pnpm 11+ fails an install whose dependencies' build scripts nobody reviewed; @pulumi/pulumi's protobufjs
    // has one (a version notice), which a Pulumi project does not need: the decision a user records
    files: { "pnpm-workspace.yaml": "allowBuilds:\n  protobufjs: false\n" },
  });
  expect(fs.existsSync(path.join(project.dir, "node_modules", ".pnpm"))).toBe(true);
  expect(fs.lstatSync(path.join(project.dir, "node_modules", PACKAGE_NAME)).isSymbolicLink()).toBe(true);
  await programThenHost(project.dir);
});

describe("a project pinning @pulumi/pulumi 3.138.0", () => {
  const machine = () => machineRuntime();

  test("npm refuses the install, naming both versions", async () => {
    const project = await installedProject({
      name: "pin-3138",
      dependencies: { "@pulumi/pulumi": "3.138.0" },
      manager: { node: process.execPath, cli: machine().npmCli },
    });
    cleanups.push(project.cleanup);
    expect(project.install.status).not.toBe(0);
    expect(project.install.stderr).toContain("ERESOLVE");
    expect(project.install.stderr).toContain(`peer @pulumi/pulumi@"${PULUMI_RANGE}" from ${PACKAGE_NAME}@`);
    expect(project.install.stderr).toContain("@pulumi/pulumi@3.138.0");
  });

  test("forced with --legacy-peer-deps, loading the package under setMocks fails at once naming both versions and the fix", async () => {
    const project = await install({
      name: "pin-3138-forced",
      dependencies: { "@pulumi/pulumi": "3.138.0" },
      manager: { node: process.execPath, cli: machine().npmCli },
      installArgs: ["--legacy-peer-deps"],
    });
    // one copy of @pulumi/pulumi, the project's 3.138.0 (a peer is never nested)
    expect(fs.existsSync(path.join(project.dir, "node_modules", PACKAGE_NAME, "node_modules", "@pulumi", "pulumi"))).toBe(false);
    fs.writeFileSync(path.join(project.dir, "program.js"), mockedProgram(INSTANCE));
    const ran = await runIn(project.dir, process.execPath, ["program.js"]);
    expect(ran.status).toBe(1);
    expect(ran.stdout).toBe("");
    const pulumiDir = fs.realpathSync(path.join(project.dir, "node_modules/@pulumi/pulumi"));
    expect(ran.stderr).toContain(
      `Error: pulumi-backup-lookups needs @pulumi/pulumi ${PULUMI_RANGE}, but loads 3.138.0 (${pulumiDir}): install one supported copy in the project (npm install @pulumi/pulumi@^3), then \`npm ls @pulumi/pulumi\` lists a single version`,
    );
  });
});
