/**
 * `npm run demo`: every lookup of the package, end to end, against the LOCAL emulator — no cloud account, no
 * network beyond 127.0.0.1, well under a minute.
 *
 * 1. starts the emulator in this process and seeds the demo fleet (test/emulator/seedDemoFleet.ts);
 * 2. runs the five lookups through the real `backup-lookup` command (a child `node bin/backup-lookup.js` per
 *    lookup, with the emulator's TEST credentials in its environment — never yours — and `--endpoint`), prints
 *    a table for each and the JSON of one, and shows a stale backup refused by `--max-age`;
 * 3. waits for a running manual backup job (`--wait-for-completion --poll-interval 1s`), streaming its progress;
 * 4. runs the quickstart program (examples/quickstart/index.ts) and the Redis example under Pulumi's mocks,
 *    with their lookups resolved for real against the emulator, and prints the ids reaching the resources.
 */
import { spawn } from "child_process";
import * as path from "path";
import { DemoFleetIds, Emulator, TEST_CREDENTIALS, seedDemoFleet, startEmulator } from "../test/emulator";
import { loadTypeScriptProgram, runProgramUnderMocks } from "./mockRuntime";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "backup-lookup.js");
const tty = process.stdout.isTTY;
const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[0m` : s);
const out = (s = "") => process.stdout.write(s + "\n");
const indent = (text: string, prefix = "    ") =>
  text
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => prefix + l)
    .join("\n");

/** The child's whole environment: the emulator's keys and regions, PATH/HOME for node; nothing of yours. */
function emulatorEnv(ids: DemoFleetIds): Record<string, string> {
  const env: Record<string, string> = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: ids.userBackupRegion,
    HW_ACCESS_KEY: TEST_CREDENTIALS.huawei.accessKey,
    HW_SECRET_KEY: TEST_CREDENTIALS.huawei.secretKey,
    HW_PROJECT_ID: ids.dcsProjectId,
    HW_REGION_NAME: "cn-north-4",
  };
  for (const k of ["PATH", "HOME", "TMPDIR", "LANG", "SYSTEMROOT"]) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true"; // nothing leaves this machine, whatever the chain would try
  return env;
}

interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  ms: number;
  requests: number;
}

/** Runs `backup-lookup <args>` against the emulator; `onStderr` sees each stderr line as it arrives. */
function cli(emulator: Emulator, env: Record<string, string>, args: string[], onStderr?: (line: string, ms: number) => void): Promise<CliRun> {
  const before = emulator.count();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, "--endpoint", emulator.url], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let partial = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      partial += d;
      let nl: number;
      while ((nl = partial.indexOf("\n")) >= 0) {
        onStderr?.(partial.slice(0, nl), performance.now() - started);
        partial = partial.slice(nl + 1);
      }
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ status: code ?? 1, stdout, stderr, ms: performance.now() - started, requests: emulator.count() - before }));
  });
}

/** How the command looks to a user (the endpoint flag shown once, as $EMULATOR). */
const shown = (args: string[]) => "$ backup-lookup " + args.map((a) => (/^[\w.:/@-]+$/.test(a) ? a : `'${a}'`)).join(" ") + " --endpoint $EMULATOR";

const stats = (r: CliRun) =>
  dim(`    exit ${r.status} · ${r.requests} API request${r.requests === 1 ? "" : "s"} · ${Math.round(r.ms)} ms (process start included)`);

async function section(emulator: Emulator, env: Record<string, string>, title: string, what: string, args: string[]): Promise<CliRun> {
  out();
  out(bold(title));
  out(dim(`  ${what}`));
  out(`  ${shown(args)}`);
  const r = await cli(emulator, env, args);
  if (r.stdout) out(indent(r.stdout));
  if (r.stderr.trim()) out(indent(r.stderr, "    stderr: "));
  out(stats(r));
  return r;
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const emulator = await startEmulator({ seed: 7 });
  let failures = 0;
  const expect = (ok: boolean, what: string) => {
    if (!ok) {
      failures++;
      out(`    !! unexpected: ${what}`);
    }
  };
  try {
    const ids = seedDemoFleet(emulator, new Date());
    const fleetIds = ids;
    const env = emulatorEnv(ids);

    out(bold("pulumi-backup-lookups demo"));
    out(`Everything below runs against a LOCAL EMULATOR at ${emulator.url} (this process), not a cloud:`);
    out("no account, no network beyond 127.0.0.1. The emulator speaks the six real APIs — signatures checked,");
    out("records in scrambled order, real paging — over a seeded fleet:");
    out(`  RDS ${ids.rdsInstanceId}     730 daily backups (every 9th failed, every 31st unavailable), a running manual job`);
    out(`  RDS ${ids.rdsStaleInstanceId}     its newest usable backup ended 4 to 5 days ago`);
    out(`  RDS user backup files in ${ids.userBackupRegion}  12 imported files tagged env:prod|staging`);
    out(`  Redis ${ids.kvstoreClusterId}   4-shard cluster, 30 backup jobs (some with a failed or missing shard)`);
    out(`  DCS ${ids.dcsInstanceId}  60 daily records (failed, not restorable, expired mixed in)`);
    out(`  Huawei RDS ${ids.huaweiRdsInstanceId}  400 days of daily full, manual and incremental backups`);
    out(`The CLI runs as a child process with the emulator's test keys (${TEST_CREDENTIALS.alibaba.accessKeyId}, ${TEST_CREDENTIALS.huawei.accessKey}) as its`);
    out("whole environment — never your own credentials.");

    // ---------------------------------------------------------------------------------------------------------
    const rds = await section(emulator, env, "1. alicloud.rds.BackupSet", "the newest usable backup set (Success, IsAvail 1), refused if older than 36h", [
      "alicloud.rds.BackupSet",
      "--db-instance-id",
      ids.rdsInstanceId,
      "--max-age",
      "36h",
      "--format",
      "table",
    ]);
    expect(rds.status === 0, "rds.BackupSet should find a backup");

    const stale = await section(
      emulator,
      env,
      "   ... and a stale one",
      "the same lookup on the instance whose newest usable backup ended 4 to 5 days ago: exit 3, no silent restore",
      ["alicloud.rds.BackupSet", "--db-instance-id", ids.rdsStaleInstanceId, "--max-age", "36h"],
    );
    expect(stale.status === 3, "a stale backup should exit 3");

    const files = await section(
      emulator,
      env,
      "2. alicloud.rds.UserBackupFile",
      "the newest imported user backup file tagged env:prod (ListUserBackupFiles is unpaged)",
      ["alicloud.rds.UserBackupFile", "--tags", '{"env":"prod"}', "--format", "table"],
    );
    expect(files.status === 0, "UserBackupFile should find a file");

    const redis = await section(emulator, env, "3. alicloud.kvstore.BackupSet", "the newest backup job of the 4-shard cluster in which every shard succeeded", [
      "alicloud.kvstore.BackupSet",
      "--instance-id",
      ids.kvstoreClusterId,
      "--format",
      "table",
    ]);
    expect(redis.status === 0, "kvstore.BackupSet should find a job");

    const dcs = await section(
      emulator,
      env,
      "4. huaweicloud.dcs.BackupSet (JSON, the default output)",
      "the newest restorable DCS backup record (status succeed, is_support_restore TRUE)",
      ["huaweicloud.dcs.BackupSet", "--instance-id", ids.dcsInstanceId],
    );
    expect(
      dcs.status === 0 && (JSON.parse(dcs.stdout) as { isSupportRestore?: boolean }).isSupportRestore === true,
      "dcs.BackupSet should find a restorable record",
    );

    const hwRds = await section(
      emulator,
      env,
      "4b. huaweicloud.rds.BackupSet",
      "the newest completed full backup (auto or manual) of a Huawei Cloud RDS for MySQL instance",
      ["huaweicloud.rds.BackupSet", "--instance-id", ids.huaweiRdsInstanceId, "--format", "table"],
    );
    expect(hwRds.status === 0, "huaweicloud.rds.BackupSet should find a completed full backup");

    // ---------------------------------------------------------------------------------------------------------
    out();
    out(bold("5. alicloud.rds.BackupTask --wait-for-completion"));
    out(dim("  a manual backup job is running; wait for it (polls after 1s, then 1.5s, ...) and get the backup set it produced"));
    const taskArgs = [
      "alicloud.rds.BackupTask",
      "--db-instance-id",
      ids.rdsInstanceId,
      "--backup-mode",
      "Manual",
      "--wait-for-completion",
      "--poll-interval",
      "1s",
      "--format",
      "table",
    ];
    out(`  ${shown(taskArgs)}`);
    const task = await cli(emulator, env, taskArgs, (line, ms) => out(`    ${dim(`${(ms / 1000).toFixed(1).padStart(4)}s`)} │ ${line}`));
    if (task.stdout) out(indent(task.stdout));
    out(stats(task));
    expect(task.status === 0 && task.stdout.includes(ids.rdsRunningJobBackupId), `the finished job should report backup ${ids.rdsRunningJobBackupId}`);

    // ---------------------------------------------------------------------------------------------------------
    out();
    out(bold("6. Pulumi programs under mocks, lookups resolved for real"));
    out(dim("  pulumi.runtime.setMocks: no engine, no deployment; each lookup resource is answered by running the real"));
    out(dim("  lookup against the emulator (the program passes the endpoint from its config), other resources echo their inputs."));
    const mockEnv = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret,
    };
    const programs: { file: string; project: string; config: Record<string, string> }[] = [
      {
        file: "examples/quickstart/index.ts",
        project: "backup-lookups-quickstart",
        config: { sourceDbInstanceId: ids.rdsInstanceId },
      },
      {
        file: "examples/redis-restore-from-latest-backup/index.ts",
        project: "redis-restore-from-latest-backup",
        config: {
          sourceInstanceId: ids.kvstoreStandardId,
          clusterSourceInstanceId: ids.kvstoreClusterId,
          clusterInstanceClass: "redis.shard.small.ce",
          clusterShardCount: "4",
        },
      },
    ];
    for (const p of programs) {
      out();
      out(
        `  ${bold(p.file)}  ${dim(
          Object.entries(p.config)
            .map(([k, v]) => `${k}=${v}`)
            .join(" "),
        )}`,
      );
      const started = performance.now();
      const run = await runProgramUnderMocks({
        project: p.project,
        env: mockEnv,
        config: { "alicloud:region": "cn-hangzhou", lookupEndpoint: emulator.url, ...p.config },
        program: () => loadTypeScriptProgram(path.join(ROOT, p.file)),
      });
      for (const l of run.lookups) {
        const ids =
          Array.isArray(l.outputs.backupIds) && l.outputs.backupIds.length > 1 ? ` (all shards: ${(l.outputs.backupIds as string[]).join(", ")})` : "";
        const fresh = l.outputs.backupId === fleetIds.rdsRunningJobBackupId ? " — the set the job in step 5 just produced" : "";
        out(
          `    lookup   ${l.lookup} "${l.name}" → backupId ${String(l.outputs.backupId)}${ids}, ended ${String(l.outputs.backupEndTime)}${fresh} ${dim(`${Math.round(l.ms)} ms`)}`,
        );
      }
      for (const r of run.resources.filter((x) => !x.type.startsWith("pulumi-nodejs:dynamic/"))) {
        const source = r.inputs.sourceDbInstanceId ?? r.inputs.srcdbInstanceId;
        out(`    resource ${r.type} "${r.name}" ← backupId ${JSON.stringify(r.inputs.backupId)} from ${String(source)}`);
      }
      out(
        `    exports  ${Object.entries(run.exports)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(",")}]` : String(v)}`)
          .join("  ")}`,
      );
      out(dim(`    (${Math.round(performance.now() - started)} ms)`));
      const fed = run.resources.filter((x) => !x.type.startsWith("pulumi-nodejs:dynamic/"));
      expect(
        fed.length > 0 && fed.every((r) => typeof r.inputs.backupId === "string" && r.inputs.backupId !== ""),
        "every dependent resource should receive a backup id",
      );
    }

    out();
    out(
      `Done in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${emulator.count()} API requests, all to the local emulator at ${emulator.url}.` +
        (failures ? ` ${failures} unexpected result(s) above.` : ""),
    );
    out(dim("Next: examples/README.md for the Pulumi programs, `npm run bench` for the numbers."));
    return failures ? 1 : 0;
  } finally {
    await emulator.close();
  }
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
