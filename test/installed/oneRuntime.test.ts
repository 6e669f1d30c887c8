/**
 * The load-time check for one Pulumi runtime (provider/pulumi/assertOneRuntime.ts), case by case; the installed
 * projects of test/installed/layouts.test.ts show it in a real project pinning 3.138.0.
 */
import * as fs from "fs";
import * as path from "path";
import { PULUMI_RANGE, assertOneRuntime, checkOneRuntime, inPulumiRange } from "../../provider/pulumi/assertOneRuntime";
import { REPO_ROOT } from "../support/providerProject";
import { parseJson } from "../support/json";

const FIX = "install one supported copy in the project (npm install @pulumi/pulumi@^3), then `npm ls @pulumi/pulumi` lists a single version";

test("the range checked at load time is the peerDependencies range package.json declares", () => {
  const pkg = parseJson<{ peerDependencies: Record<string, string>; dependencies: Record<string, string> }>(
    fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"),
  );
  expect(pkg.peerDependencies).toEqual({ "@pulumi/pulumi": PULUMI_RANGE });
  expect(pkg.dependencies["@pulumi/pulumi"]).toBeUndefined();
});

test.each([
  ["3.138.0", false],
  ["3.138.99", false],
  ["3.139.0", false],
  ["3.140.9", false],
  ["3.141.0", true],
  ["3.141.1", true],
  ["3.276.0", true],
  ["3.1000.0", true],
  ["4.0.0", false],
  ["2.999.0", false],
  ["3.141.0-alpha.1", false],
  ["3.142.0-alpha.1", true],
  ["not-a-version", false],
])("inPulumiRange(%s) is %s", (version, expected) => {
  expect(inPulumiRange(version)).toBe(expected);
});

test.each([
  [
    "one copy in range",
    { version: "3.276.0", dir: "/p/node_modules/@pulumi/pulumi" },
    { version: "3.276.0", dir: "/p/node_modules/@pulumi/pulumi" },
    undefined,
  ],
  ["no project copy (the package's own)", { version: "3.248.0", dir: "/a" }, undefined, undefined],
  ["two copies of one version (their state is shared)", { version: "3.276.0", dir: "/a" }, { version: "3.276.0", dir: "/b" }, undefined],
  [
    "a copy below the range",
    { version: "3.138.0", dir: "/p/node_modules/@pulumi/pulumi" },
    { version: "3.138.0", dir: "/p/node_modules/@pulumi/pulumi" },
    `pulumi-backup-lookups needs @pulumi/pulumi >=3.141.0 <4, but loads 3.138.0 (/p/node_modules/@pulumi/pulumi): ${FIX}`,
  ],
  [
    "the package's copy differs from the program's",
    { version: "3.276.0", dir: "/p/node_modules/pulumi-backup-lookups/node_modules/@pulumi/pulumi" },
    { version: "3.138.0", dir: "/p/node_modules/@pulumi/pulumi" },
    `two copies of @pulumi/pulumi: the program loads 3.138.0 (/p/node_modules/@pulumi/pulumi) but pulumi-backup-lookups loads 3.276.0 (/p/node_modules/pulumi-backup-lookups/node_modules/@pulumi/pulumi), so its resources would register with a runtime the program never runs; ${FIX}`,
  ],
])("%s", (_case, ours, project, error) => {
  if (error === undefined) expect(() => checkOneRuntime(ours, project)).not.toThrow();
  else expect(() => checkOneRuntime(ours, project)).toThrow(new Error(error));
});

test("in this repository the package and the tests load one copy: the entry point loads without error", () => {
  expect(() => assertOneRuntime(REPO_ROOT)).not.toThrow();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the test is that loading the package at run time does not throw
  expect(() => require("../../provider") as unknown).not.toThrow();
});
