/**
 * The versions users run, in the installed form: the tarball `npm pack` makes from a clean copy, installed
 * into fresh projects, on Node 22 and Node 24 (official binaries from the npm registry, with the npm each
 * release ships: test/support/nodeRuntime.ts), with the newest `@pulumi/pulumi` and the lowest the package
 * declares (package.json peerDependencies). "Newest" is the version pinned in test/versions.json, like the Node
 * releases, so a run tests the same thing until the pins are bumped (`npm run test:newest` says when). Each row runs:
 *   - the command: `backup-lookup alicloud.rds.BackupSet` against the emulator;
 *   - the dynamic provider: the program (under mocks) serializes the resource's provider, and the project's own
 *     `@pulumi/pulumi/cmd/dynamic-provider` host runs check and create with it against the emulator;
 *   - the user's compiler: the project's `tsc --noEmit`, without skipLibCheck, over the README quickstart,
 *     every example and test/types/publicApi.ts, under Pulumi's TypeScript template settings before and
 *     since its switch to nodenext.
 * The full suite itself runs on the machine's Node (20).
 */
import * as fs from "fs";
import * as path from "path";
import { Emulator, rdsBackup, startEmulator } from "../emulator";
import { cliEnv } from "../support/cli";
import { NodeRuntime, nodeRuntime } from "../support/nodeRuntime";
import { testVersions } from "../support/versions";
import { ProviderHost } from "../support/providerHost";
import { installedLookup } from "../support/installedLookup";
import { PACKAGE_NAME, ProviderProject, REPO_ROOT, dynamicTypeOf, installedProject, runIn } from "../support/providerProject";
import { parseJson } from "../support/json";

jest.setTimeout(600_000);

const PKG = parseJson<{ peerDependencies: Record<string, string> }>(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
/** The lowest `@pulumi/pulumi` the package declares. */
const LOWEST = /^>=(\d+\.\d+\.\d+) <4$/.exec(PKG.peerDependencies["@pulumi/pulumi"])![1];
const PINS = testVersions();
/** The newest `@pulumi/pulumi`, as pinned in test/versions.json. */
const NEWEST = PINS.pulumi;
const LOCKED = parseJson<{ packages: Record<string, { version: string }> }>(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")).packages;
/** The versions this repository has locked: what its own tests ran with. */
const ALICLOUD = LOCKED["node_modules/@pulumi/alicloud"].version;
const TYPESCRIPT = LOCKED["node_modules/typescript"].version;

/**
 * Pulumi's TypeScript template, https://github.com/pulumi/templates/blob/a3029400/typescript/tsconfig.json
 * (April 2024 to March 2026: commonjs, moduleResolution node, no esModuleInterop), and since
 * https://github.com/pulumi/templates/blob/81e65225/typescript/tsconfig.json (nodenext); `files` lists ours.
 */
const TEMPLATE_OPTIONS = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: false,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};
const TSCONFIGS = {
  "template-commonjs": { ...TEMPLATE_OPTIONS, module: "commonjs", moduleResolution: "node" },
  "template-nodenext": { ...TEMPLATE_OPTIONS, module: "nodenext", moduleResolution: "nodenext" },
};

const INSTANCE = "rm-emuversions01";
const BACKUP_ID = "640000001";

let emulator: Emulator;
const runtimes: Record<number, NodeRuntime> = {};
const projects: Record<string, ProviderProject> = {};
const hosts: ProviderHost[] = [];

/** The user's sources the compiler checks: the README quickstart, every example, the typing test. */
function writeUserSources(dir: string): string[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const quickstart = /## Quickstart[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)![1];
  const files: Record<string, string> = {
    "quickstart.ts": quickstart,
    "publicApi.ts": fs.readFileSync(path.join(REPO_ROOT, "test/types/publicApi.ts"), "utf8"),
  };
  for (const ex of fs.readdirSync(path.join(REPO_ROOT, "examples"), { withFileTypes: true })) {
    if (ex.isDirectory()) files[`example-${ex.name}.ts`] = fs.readFileSync(path.join(REPO_ROOT, "examples", ex.name, "index.ts"), "utf8");
  }
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return Object.keys(files).sort();
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: 12 });
  emulator.data.addRdsInstance(INSTANCE, [
    rdsBackup({ DBInstanceId: INSTANCE, BackupId: BACKUP_ID, BackupStartTime: new Date(Date.now() - 3 * 3_600_000).toISOString().replace(/\.\d+Z$/, "Z") }),
  ]);
  runtimes[22] = nodeRuntime(22);
  runtimes[24] = nodeRuntime(24);
  // newest with Node 24's npm, lowest with Node 22's: both npm majors install the tarball
  const installs: [string, NodeRuntime][] = [
    [NEWEST, runtimes[24]],
    [LOWEST, runtimes[22]],
  ];
  // the two installs wait on the network mostly: side by side
  await Promise.all(
    installs.map(async ([pulumiVersion, rt]) => {
      const project = await installedProject({
        name: `pulumi-${pulumiVersion}`,
        dependencies: { "@pulumi/pulumi": pulumiVersion, "@pulumi/alicloud": ALICLOUD, typescript: TYPESCRIPT, "@types/node": PINS.typesNode22 },
        manager: { node: rt.node, cli: rt.npmCli },
      });
      projects[pulumiVersion] = project;
      if (project.install.status !== 0) throw new Error(`install with @pulumi/pulumi ${pulumiVersion} failed:\n${project.install.stderr}`);
    }),
  );
}, 900_000);

afterAll(async () => {
  for (const h of hosts) await h.close();
  await emulator?.close();
  for (const p of Object.values(projects)) p.cleanup();
});

const ROWS: [number, "newest" | "lowest"][] = [
  [22, "newest"],
  [24, "newest"],
  [22, "lowest"],
  [24, "lowest"],
];

describe.each(ROWS)("Node %i, @pulumi/pulumi %s", (major, which) => {
  const version = () => (which === "newest" ? NEWEST : LOWEST);
  const project = () => projects[version()];
  const rt = () => runtimes[major];

  test("the project runs this Node and that @pulumi/pulumi", async () => {
    const r = await runIn(project().dir, rt().node, ["-p", `process.versions.node.split(".")[0] + " " + require("@pulumi/pulumi/package.json").version`]);
    expect(r.stdout.trim()).toBe(`${major} ${version()}`);
  });

  test("backup-lookup finds the backup through the emulator", async () => {
    const bin = path.join(project().dir, "node_modules", PACKAGE_NAME, "bin", "backup-lookup.js");
    const r = await runIn(
      project().dir,
      rt().node,
      [bin, "alicloud.rds.BackupSet", "--db-instance-id", INSTANCE, "--endpoint", emulator.url, "--show-secrets"],
      cliEnv(),
    );
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    expect(JSON.parse(r.stdout)).toMatchObject({ dbInstanceId: INSTANCE, backupId: BACKUP_ID, latestBackupId: BACKUP_ID, backupExists: true });
  });

  test("the serialized provider runs in the project's own dynamic-provider host (check, create)", async () => {
    const dir = project().dir;
    const run = await installedLookup({ dir, node: rt().node, dbInstanceId: INSTANCE, endpoint: emulator.url, name: `lookup-${major}`, hosts });
    expect(run.programStderr).toBe("");
    expect(run.registration.type).toBe(dynamicTypeOf("alicloud.rds.BackupSet"));
    expect(run.registration.pulumiFrom).toBe(path.join(fs.realpathSync(dir), "node_modules/@pulumi/pulumi/index.js"));
    expect(run.checked.failures).toEqual([]);
    expect(run.checked.inputs).toMatchObject({ backupId: BACKUP_ID, latestBackupId: BACKUP_ID, backupExists: true });
    expect(run.created.id).toBe(`alicloud.rds.BackupSet:${INSTANCE}:${BACKUP_ID}`);
    expect(run.created.properties.backupId).toBe(BACKUP_ID);
  });

  // The compiler's answer does not depend on the Node running it: checked once per project, on Node 24 rows.
  if (major === 24) {
    test.each(Object.keys(TSCONFIGS))("tsc --noEmit without skipLibCheck under %s: quickstart, examples, typing test", async (name) => {
      const dir = project().dir;
      const files = writeUserSources(dir);
      fs.writeFileSync(path.join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: TSCONFIGS[name as keyof typeof TSCONFIGS], files }, null, 2));
      const r = await runIn(dir, rt().node, [path.join(dir, "node_modules/typescript/bin/tsc"), "-p", `tsconfig.${name}.json`, "--noEmit"]);
      expect(r.stdout + r.stderr).toBe("");
      expect(r.status).toBe(0);
    });
  }
});
