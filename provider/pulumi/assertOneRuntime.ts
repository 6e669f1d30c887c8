/**
 * One Pulumi runtime, or a clear error at once. `@pulumi/pulumi` is a peer dependency: this package registers
 * its resources with the program's own runtime. A package manager that lets a mismatch through
 * (`npm install --legacy-peer-deps`, pnpm without strict peers, a copy nested under this package) would
 * otherwise give a program whose lookups register nowhere: `@pulumi/pulumi` 3.138 kept its runtime state per
 * copy (`runtime/state.js`, a module-level `AsyncLocalStorage`; later versions share it through globals), so a resource constructed through another
 * copy never reached the program's monitor or mocks, without any error. So the entry point checks, when it is
 * loaded, that the copy it resolves is in the supported range and is the copy the project itself resolves.
 */
import * as fs from "fs";
import * as path from "path";

/**
 * The `@pulumi/pulumi` versions this package supports (package.json `peerDependencies`, checked by a test):
 * 3.139.0 hands stack config to dynamic providers (`configure`), 3.141.0 declares `InvokeOutputOptions`, which
 * the `getXOutput` declarations name.
 */
export const PULUMI_RANGE = ">=3.141.0 <4";
const MINIMUM = [3, 141, 0];

/** A loaded `@pulumi/pulumi`: its version and folder. */
export interface PulumiCopy {
  version: string;
  dir: string;
}

/** Whether `version` is in PULUMI_RANGE. Hand-written: three numbers compared, not worth a semver dependency. */
export function inPulumiRange(version: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)(-.*)?$/.exec(version);
  if (!m) return false;
  const v = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (v[0] !== MINIMUM[0]) return false;
  if (v[1] !== MINIMUM[1]) return v[1] > MINIMUM[1];
  // a prerelease of the minimum comes before it (semver)
  return v[2] > MINIMUM[2] || (v[2] === MINIMUM[2] && m[4] === undefined);
}

function copyAt(packageJson: string): PulumiCopy {
  const { version } = JSON.parse(fs.readFileSync(packageJson, "utf8")) as { version: string };
  return { version, dir: fs.realpathSync(path.dirname(packageJson)) };
}

const FIX = "install one supported copy in the project (npm install @pulumi/pulumi@^3), then `npm ls @pulumi/pulumi` lists a single version";

/**
 * Throws unless `ours` (the copy this package loads) is in range and is the same copy as `project`'s (the one
 * the program loads; undefined when the project resolves none).
 */
export function checkOneRuntime(ours: PulumiCopy, project: PulumiCopy | undefined): void {
  if (!inPulumiRange(ours.version)) {
    throw new Error(`pulumi-backup-lookups needs @pulumi/pulumi ${PULUMI_RANGE}, but loads ${ours.version} (${ours.dir}): ${FIX}`);
  }
  if (project && project.dir !== ours.dir && project.version !== ours.version) {
    throw new Error(
      `two copies of @pulumi/pulumi: the program loads ${project.version} (${project.dir}) but pulumi-backup-lookups loads ${ours.version} (${ours.dir}), so its resources would register with a runtime the program never runs; ${FIX}`,
    );
  }
}

/** The check for this process: this package's copy against the copy resolved from `projectDir` (the cwd). */
export function assertOneRuntime(projectDir = process.cwd()): void {
  const ours = copyAt(require.resolve("@pulumi/pulumi/package.json"));
  let project: PulumiCopy | undefined;
  try {
    project = copyAt(require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir] }));
  } catch {
    project = undefined;
  }
  checkOneRuntime(ours, project);
}
