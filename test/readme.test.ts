/**
 * Every command README.md shows is run here (the pipeline recipes by test/pipelineRecipe.test.ts, the quickstart
 * program by test/reference.test.ts and test/examples.test.ts, the install lines by test/installed/): each
 * `npx backup-lookup ...` line of its shell blocks runs as the built command against the emulator, whose fleet
 * holds the ids the README names, and must exit as the README says (0). Also: the README stays short.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { huaweiRdsBackups, rdsBackups, startEmulator, type Emulator } from "./emulator";
import { REPO, cliEnv, runCli } from "./support/cli";
import { PROJECT_ID } from "./support/lookupEnv";

const README = fs.readFileSync(path.join(REPO, "README.md"), "utf8");

/** The `npx backup-lookup ...` lines of the README's shell blocks, as argument lists (no quoting is used in them). */
function commandLines(): string[][] {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .flatMap((b) => b.split("\n"))
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l.startsWith("npx backup-lookup "))
    .map((l) => l.split(/\s+/).slice(2));
}

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
  const now = new Date();
  for (const args of commandLines()) {
    const id = args[args.indexOf("--db-instance-id") + 1];
    if (args.includes("--db-instance-id") && !emu.data.rds.has(id)) emu.data.addRdsInstance(id, rdsBackups({ instanceId: id, count: 30, now, seed: 1 }));
    const hw = args[args.indexOf("--instance-id") + 1];
    if (args[0] === "huaweicloud.rds.BackupSet")
      emu.data.addHuaweiRdsInstance(PROJECT_ID, hw, huaweiRdsBackups({ instanceId: hw, engine: "MySQL", days: 30, now, seed: 2 }));
  }
});
afterAll(() => emu.close());

test("README.md is at most 250 lines", () => {
  expect(README.split("\n").length).toBeLessThanOrEqual(250);
});

test("the README shows command lines, and each names a lookup or asks for help", () => {
  const lines = commandLines();
  expect(lines.length).toBeGreaterThanOrEqual(3);
  for (const args of lines) expect(args[0]).toMatch(/^(alicloud|huaweicloud)\.\w+\.\w+$/);
});

test.each(commandLines().map((args) => [args.join(" "), args]))("README: npx backup-lookup %s exits 0 against the emulator", async (_line, args) => {
  const help = args.includes("--help");
  const r = await runCli([...args, ...(help ? [] : ["--endpoint", emu.url])], cliEnv());
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
  expect(r.stdout.length).toBeGreaterThan(0);
});
