/**
 * The INSTALLED form: what a user's project gets from `npm install pulumi-backup-lookups`.
 *
 * From local source (ts-jest) the SDK's closure serializer captures local modules by value
 * (`@pulumi/pulumi/runtime/closure/createClosure.js` captureModuleAsync: `isLocalModule` -> serializeObjectAsync)
 * and npm packages by reference (`require("<package path>")`, via `package.js` getModuleFromPath). So the shape of
 * `__provider` must also be checked where it matters: `npm pack` the built repository, install the tarball into
 * a temp project, construct `alicloud.rds.BackupSet` there under `pulumi.runtime.setMocks` with the project's
 * own `@pulumi/pulumi`, and run the real provider host in that project with that `__provider` against the
 * emulator. `dist/` must be built (`npx tsc -p .`).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { Emulator, TEST_CREDENTIALS, rdsBackup, startEmulator } from "./emulator";
import { ProviderHost, isSecretWire, secretWire, startProviderHost, urnFor } from "./support/providerHost";
import { PACKAGE_NAME, REPO_ROOT, assertBuilt, dynamicTypeOf, installedProject, mockedProgram } from "./support/providerProject";
import { machineRuntime } from "./support/nodeRuntime";
import { parseJson } from "./support/json";

const INSTALLED_PROVIDER_REQUIRE = 'require("pulumi-backup-lookups/dist/provider/pulumi/providers/alicloud.rds.BackupSet.js")';

const run = promisify(execFile);
jest.setTimeout(120_000);

const ALI = TEST_CREDENTIALS.alibaba;
const INSTANCE = "rm-emuinstalled01";
const T0 = Math.floor(Date.now() / 1000) * 1000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

let projectDir: string;
let cleanup: (() => void) | undefined;
let installed: { type: string; provider: string; packageFrom: string; pulumiFrom: string };
let emulator: Emulator;
let host: ProviderHost | undefined;

beforeAll(async () => {
  assertBuilt();
  const project = await installedProject({ name: "installed-project", manager: { node: process.execPath, cli: machineRuntime().npmCli } });
  projectDir = project.dir;
  cleanup = project.cleanup;
  if (project.install.status !== 0) throw new Error(`npm install of the tarball failed:\n${project.install.stderr}`);
  fs.writeFileSync(path.join(projectDir, "program.js"), mockedProgram(INSTANCE));
  const { stdout } = await run(process.execPath, ["program.js"], { cwd: projectDir, env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir() } });
  installed = parseJson<typeof installed>(stdout);
  emulator = await startEmulator({ seed: 5 });
}, 300_000);

afterAll(async () => {
  await host?.close();
  await emulator?.close();
  cleanup?.();
});

test("the tarball installs as a real package (not a link to the repository) with the built provider and no sources", () => {
  const pkgDir = path.join(projectDir, "node_modules", PACKAGE_NAME);
  expect(fs.lstatSync(pkgDir).isSymbolicLink()).toBe(false);
  expect(fs.realpathSync(pkgDir)).toBe(pkgDir);
  expect(fs.existsSync(path.join(pkgDir, "dist/provider/pulumi/providerImpl.js"))).toBe(true);
  expect(fs.existsSync(path.join(pkgDir, "provider"))).toBe(false);
  expect(fs.existsSync(path.join(pkgDir, "test"))).toBe(false);
  expect(installed.packageFrom).toBe(path.join(pkgDir, "dist/provider/index.js"));
  expect(installed.pulumiFrom.startsWith(path.join(projectDir, "node_modules", "@pulumi", "pulumi"))).toBe(true);
});

test("the installed resource class registers the dynamic type with a __provider of one require() of the lookup's provider module", () => {
  expect(installed.type).toBe(dynamicTypeOf("alicloud.rds.BackupSet"));
  const text = installed.provider;
  const bytes = Buffer.byteLength(text, "utf8");
  console.log(`__provider of alicloud.rds.BackupSet, installed from the tarball: ${bytes} bytes`);
  // The provider object is the exports of provider/pulumi/providers/<lookup>.ts; an installed package's module
  // exports are serialized by reference (runtime/closure/createClosure.js findNormalizedModuleNameAsync).
  expect(text.match(/require\("[^"]*"\)/g)).toEqual([INSTALLED_PROVIDER_REQUIRE]);
  // no copy of the implementation, no path of this machine, no credential
  for (const fragment of ["providerImpl", "runLookup", "createContext", "canonical", "zod", "DescribeBackups", projectDir, REPO_ROOT, "LTAI", "EMU-"])
    expect(text).not.toContain(fragment);
  expect(bytes).toBeLessThan(512);
});

test("the provider host in the installed project runs check and create with that __provider against the emulator", async () => {
  const start = T0 - 3 * 3_600_000;
  const backup = rdsBackup({ DBInstanceId: INSTANCE, BackupId: "630000001", BackupStartTime: iso(start) });
  emulator.data.addRdsInstance(INSTANCE, [backup]);
  host = await startProviderHost({ cwd: projectDir });
  await host.configure({ "alicloud:accessKey": ALI.accessKeyId, "alicloud:secretKey": secretWire(ALI.accessKeySecret), "alicloud:region": "cn-hangzhou" });
  const urn = urnFor(installed.type, "installed");
  const news = { dbInstanceId: INSTANCE, endpoint: emulator.url, __provider: installed.provider };
  const res = await host.check(urn, {}, news);
  expect(res.failures).toEqual([]);
  expect(res.inputs).toMatchObject({
    __provider: installed.provider,
    dbInstanceId: INSTANCE,
    backupId: "630000001",
    latestBackupId: "630000001",
    backupExists: true,
    backupStartTime: iso(start),
    backupEndTime: iso(start + 17 * 60_000 + 31_000),
    backupDownloadUrl: secretWire(backup.BackupDownloadURL),
    backupIntranetDownloadUrl: secretWire(backup.BackupIntranetDownloadURL),
  });
  expect(emulator.requests.length).toBe(1);
  expect(emulator.requests.every((r) => r.status === 200)).toBe(true);
  const created = await host.create(urn, res.inputs);
  expect(created.id).toBe(`alicloud.rds.BackupSet:${INSTANCE}:630000001`);
  expect(isSecretWire(created.properties.backupDownloadUrl)).toBe(true);
  const everything = JSON.stringify(host.rawResponses) + host.stdout() + host.stderr();
  for (const secret of [ALI.accessKeyId, ALI.accessKeySecret]) expect(everything).not.toContain(secret);
});
