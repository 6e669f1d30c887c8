/**
 * The README's pipeline recipes, run line for line as README.md has them: the GitLab `script` lines as one
 * `bash -eo pipefail` script (as the GitLab runner runs them), the GitHub Actions `run` steps each under
 * `bash -e` (Actions' default shell, `bash -e {0}`: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#defaultsrunshell) with `${{ steps.<id>.outputs.<NAME> }}` read from the step's `$GITHUB_OUTPUT` file (as the
 * Actions runner does). `npx backup-lookup` is the real npx finding the command in the project's
 * node_modules/.bin, where a one-line wrapper adds `--endpoint <emulator>`; `pulumi` is a stub that records its
 * arguments. A fresh backup reaches the stub with its id; a stale one fails the job before the stub runs.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, rdsBackup, startEmulator } from "./emulator";
import { BIN, REPO, cliEnv } from "./support/cli";
import { HOUR, isoSeconds, realNow } from "./support/lookupEnv";

const README = fs.readFileSync(path.join(REPO, "README.md"), "utf8");

/** The fenced yaml block of the README's pipeline section that contains `marker`. */
function yamlBlock(marker: string): string {
  const section = README.slice(README.indexOf("### In a pipeline"), README.indexOf("## Testing a program that uses the lookups"));
  const block = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes(marker));
  if (!block) throw new Error(`no yaml block with ${marker} in README.md's "In a pipeline"`);
  return block;
}
/** GitLab: the `script` list items. */
const gitlabLines = () =>
  yamlBlock("script:")
    .split("\n")
    .filter((l) => l.startsWith("    - "))
    .map((l) => l.slice(6));
/** GitHub Actions: each step's id and `run` command. */
function githubSteps(): { id?: string; run: string }[] {
  const steps: { id?: string; run: string }[] = [];
  let id: string | undefined;
  for (const line of yamlBlock("steps:").split("\n")) {
    const m = /^\s+(?:- )?(id|run): (.*)$/.exec(line);
    if (m?.[1] === "id") id = m[2];
    else if (m?.[1] === "run") {
      steps.push({ id, run: m[2] });
      id = undefined;
    }
  }
  return steps;
}

const FRESH_DB = "rm-bp1pipefresh01";
const STALE_DB = "rm-bp1pipestale01";
let emu: Emulator;
let dir: string;
let now: Date;

beforeAll(async () => {
  emu = await startEmulator({ seed: 29 });
  now = realNow();
  emu.data.addRdsInstance(FRESH_DB, [rdsBackup({ DBInstanceId: FRESH_DB, BackupId: "8800001", BackupStartTime: isoSeconds(now.getTime() - 6 * HOUR) })]);
  emu.data.addRdsInstance(STALE_DB, [rdsBackup({ DBInstanceId: STALE_DB, BackupId: "8800002", BackupStartTime: isoSeconds(now.getTime() - 72 * HOUR) })]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-lookups-pipeline-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "pipeline", version: "1.0.0", private: true }));
  fs.mkdirSync(path.join(dir, "node_modules", ".bin"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "node_modules", ".bin", "backup-lookup"),
    `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@" --endpoint "$EMULATOR_URL"\n`,
    { mode: 0o755 },
  );
  fs.mkdirSync(path.join(dir, "stubs"));
  fs.writeFileSync(path.join(dir, "stubs", "pulumi"), `#!/bin/sh\nprintf '%s\\n' "$*" >> "$PULUMI_STUB_LOG"\n`, { mode: 0o755 });
});

afterAll(async () => {
  await emu?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Job {
  status: number | null;
  stdout: string;
  stderr: string;
  /** What the pulumi stub received, one line per call. */
  pulumi: string[];
}

type Run = { status: number | null; stdout: string; stderr: string };

/** Runs a job in a fresh folder (the emulator serves from this process: children run asynchronously). */
async function runJob(sourceDb: string, run: (env: Record<string, string>) => Promise<Run>): Promise<Job> {
  const work = fs.mkdtempSync(path.join(dir, "job-"));
  fs.copyFileSync(path.join(dir, "package.json"), path.join(work, "package.json"));
  fs.symlinkSync(path.join(dir, "node_modules"), path.join(work, "node_modules"));
  const log = path.join(work, "pulumi.log");
  const env = {
    ...cliEnv(),
    PATH: `${path.join(dir, "stubs")}:${path.dirname(process.execPath)}:${process.env.PATH}`,
    HOME: work,
    npm_config_cache: path.join(os.homedir(), ".npm"),
    npm_config_update_notifier: "false",
    EMULATOR_URL: emu.url,
    SOURCE_DB: sourceDb,
    PULUMI_STUB_LOG: log,
    GITHUB_OUTPUT: path.join(work, "github_output"),
    PWD: work,
  };
  fs.writeFileSync(env.GITHUB_OUTPUT, "");
  const r = await run(env);
  return { ...r, pulumi: fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : [] };
}

function bash(script: string, env: Record<string, string>, options: string[] = ["-eo", "pipefail"]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [...options, "-c", script], { cwd: env.PWD, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

function gitlabJob(sourceDb: string): Promise<Job> {
  return runJob(sourceDb, (env) => bash(gitlabLines().join("\n"), env));
}

/** Runs the steps in order, stopping at the first that fails, as the Actions runner does. */
async function githubJob(sourceDb: string): Promise<Job & { stepsRun: number }> {
  let stepsRun = 0;
  const job = await runJob(sourceDb, async (env) => {
    const outputs: Record<string, Record<string, string>> = {};
    let last = { status: 0 as number | null, stdout: "", stderr: "" };
    for (const step of githubSteps()) {
      const script = step.run.replace(/\$\{\{ steps\.(\w+)\.outputs\.(\w+) \}\}/g, (_m, id: string, name: string) => outputs[id]?.[name] ?? "");
      fs.writeFileSync(env.GITHUB_OUTPUT, "");
      const r = await bash(script, env, ["-e"]);
      stepsRun++;
      last = { status: r.status, stdout: last.stdout + r.stdout, stderr: last.stderr + r.stderr };
      if (step.id) {
        outputs[step.id] = Object.fromEntries(
          fs
            .readFileSync(env.GITHUB_OUTPUT, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
        );
      }
      if (r.status !== 0) break;
    }
    return last;
  });
  return { ...job, stepsRun };
}

const endOf = (startMs: number) => isoSeconds(startMs + 17 * 60_000 + 31_000);
const STALE_MESSAGE = new RegExp(
  `^backup-lookup alicloud\\.rds\\.BackupSet: the newest matching backup set of RDS instance ${STALE_DB} is 8800002, which ended .* older than maxAge 36h; take a fresh backup or raise maxAge; \\d+ backup sets? seen; newest: [^\\n]*8800002 \\([^)]*\\) is older than maxAge 36h\\n`,
);

test("the README's recipes are the ones run here", () => {
  expect(gitlabLines()).toEqual([
    'npx backup-lookup alicloud.rds.BackupSet --db-instance-id "$SOURCE_DB" --max-age 36h --format env > backup.env',
    ". ./backup.env",
    'echo "restoring backup $BACKUP_ID (ended $BACKUP_END_TIME)"',
    'pulumi up --yes --stack restore --config backupId="$BACKUP_ID"',
  ]);
  expect(githubSteps().map((s) => s.id)).toEqual(["backup", undefined]);
});

test("GitLab: a fresh backup reaches pulumi with its id", async () => {
  const job = await gitlabJob(FRESH_DB);
  expect(job.status).toBe(0);
  expect(job.stdout).toBe(`restoring backup 8800001 (ended ${endOf(now.getTime() - 6 * HOUR)})\n`);
  expect(job.pulumi).toEqual(["up --yes --stack restore --config backupId=8800001"]);
  expect(job.stderr).not.toContain("add --show-secrets to print them"); // a CI log is not a terminal: no informational note
  expect(job.stderr).not.toContain("Signature=");
});

test("GitLab: a stale backup fails the job with status 3 before pulumi runs", async () => {
  const job = await gitlabJob(STALE_DB);
  expect(job.status).toBe(3);
  expect(job.stdout).toBe("");
  expect(job.stderr).toMatch(STALE_MESSAGE);
  expect(job.pulumi).toEqual([]);
});

test("GitHub Actions: the step output carries the id to pulumi; a stale backup stops the job at the first step", async () => {
  const fresh = await githubJob(FRESH_DB);
  expect({ status: fresh.status, stepsRun: fresh.stepsRun, pulumi: fresh.pulumi }).toEqual({
    status: 0,
    stepsRun: 2,
    pulumi: ["up --yes --stack restore --config backupId=8800001"],
  });
  const stale = await githubJob(STALE_DB);
  expect({ status: stale.status, stepsRun: stale.stepsRun, pulumi: stale.pulumi }).toEqual({ status: 3, stepsRun: 1, pulumi: [] });
  expect(stale.stderr).toMatch(STALE_MESSAGE);
});

test('why the README does not use eval: `eval "$(backup-lookup ...)"` lets a stale backup through under set -eo pipefail', async () => {
  const job = await runJob(STALE_DB, (env) =>
    bash(
      [
        'eval "$(npx backup-lookup alicloud.rds.BackupSet --db-instance-id "$SOURCE_DB" --max-age 36h --format env)"',
        'pulumi up --yes --config backupId="$BACKUP_ID"',
      ].join("\n"),
      env,
    ),
  );
  expect(job.status).toBe(0);
  expect(job.pulumi).toEqual(["up --yes --config backupId="]);
});
