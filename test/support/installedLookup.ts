/**
 * One lookup through an installed project, end to end: the user's program (under mocks, with the project's
 * Node) constructs `alicloud.rds.BackupSet` and so serializes its provider; the project's own
 * `@pulumi/pulumi/cmd/dynamic-provider` host, on the same Node, then runs check and create with that provider
 * against the emulator. Shared by the version matrix and the layout tests (test/installed/).
 */
import * as fs from "fs";
import * as path from "path";
import { TEST_CREDENTIALS } from "../emulator";
import { ProviderHost, secretWire, startProviderHost, urnFor } from "./providerHost";
import { mockedProgram, runIn } from "./providerProject";

export interface InstalledLookupRun {
  /** What the program printed: the registered type, `__provider`, and where the package and SDK came from. */
  registration: { type: string; provider: string; packageFrom: string; pulumiFrom: string };
  /** The program's stderr (empty when all is well). */
  programStderr: string;
  checked: Awaited<ReturnType<ProviderHost["check"]>>;
  created: Awaited<ReturnType<ProviderHost["create"]>>;
}

export async function installedLookup(opts: {
  dir: string;
  node: string;
  dbInstanceId: string;
  endpoint: string;
  /** The resource's name, also the program's file name. */
  name: string;
  esm?: boolean;
  /** Every host started, for the test's afterAll to close. */
  hosts: ProviderHost[];
}): Promise<InstalledLookupRun> {
  // a .js file: in a "type": "module" project that is an ES module, as the project says
  const file = `${opts.name}.js`;
  fs.writeFileSync(path.join(opts.dir, file), mockedProgram(opts.dbInstanceId, opts.name, opts.esm));
  const ran = await runIn(opts.dir, opts.node, [file]);
  if (ran.status !== 0) throw new Error(`the program failed (${ran.status}):\n${ran.stderr}`);
  const registration = JSON.parse(ran.stdout) as InstalledLookupRun["registration"];
  if (!registration.provider) throw new Error(`the program registered nothing: ${ran.stdout}`);
  const host = await startProviderHost({
    cwd: opts.dir,
    node: opts.node,
    hostEntry: path.join(opts.dir, "node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"),
  });
  opts.hosts.push(host);
  const ali = TEST_CREDENTIALS.alibaba;
  await host.configure({ "alicloud:accessKey": ali.accessKeyId, "alicloud:secretKey": secretWire(ali.accessKeySecret), "alicloud:region": "cn-hangzhou" });
  const urn = urnFor(registration.type, opts.name);
  const checked = await host.check(urn, {}, { dbInstanceId: opts.dbInstanceId, endpoint: opts.endpoint, __provider: registration.provider });
  const created = await host.create(urn, checked.inputs);
  return { registration, programStderr: ran.stderr, checked, created };
}
