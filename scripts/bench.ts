/**
 * `npm run bench` (`-- --quick` for a smaller run, `-- --latency MS` to change the added latency): prints a
 * table, asserts nothing. Everything runs against the local emulator (test/emulator) on 127.0.0.1.
 *
 * 1. The five lookups at N = 10, 730, 10 000 records, newest usable backup recent (typical) and old (worst:
 *    months back), with a per-request latency added by the emulator (150 ms default): requests and wall time of
 *    this package's lookup (`runLookup` in-process, a fresh `createContext` per run so no cache is shared) side
 *    by side with two baselines implemented here, on the same official clients (AlibabaRpcClient on
 *    @alicloud/openapi-client, HuaweiClient), sequential requests, then pick the newest usable record:
 *      - "fetch all @50": every page at PageSize 50 (what alicloud.rds.getRdsBackups does);
 *      - "fetch all @max": every page at the largest page size (RDS 100, KVStore 300, DCS 1000).
 *    UserBackupFile and BackupTask have no paging: one request answers everything, whatever N.
 * 2. Cold start of the Pulumi dynamic-provider host (spawn -> port line -> Configure -> first Check, which loads
 *    providerImpl) against a bare `node -e 'require("@pulumi/pulumi")'`; the `backup-lookup` CLI for one lookup.
 * 3. Peak RSS of one lookup over 10 000 records, in a child process (`process.resourceUsage().maxRSS`).
 * 4. 50 lookups of one instance in one context (one scan serves all) and of 50 instances (bounded concurrency).
 */
import { createProviderProject } from "../test/support/providerProject";
import { spawn } from "child_process";
import * as os from "os";
import * as path from "path";
import { AlibabaRpcClient } from "../provider/clouds/alibaba/AlibabaRpcClient";
import { HuaweiClient } from "../provider/clouds/huawei/HuaweiClient";
import { createContext, LookupContext } from "../provider/core/context";
import { runLookup } from "../provider/core/engine";
import { toAlibabaMinute } from "../provider/core/time";
import { lookupNamed } from "../provider/lookups";
import type { Emulator } from "../test/emulator";

const ROOT = path.resolve(__dirname, "..", "..");
const DAY = 86_400_000;

// The emulator's credentials, as the environment the lookups and clients see (never the process's own).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { TEST_CREDENTIALS } = require("../test/emulator/credentials") as typeof import("../test/emulator/credentials");
const ENV: Record<string, string> = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret,
  ALIBABA_CLOUD_REGION_ID: "cn-hangzhou",
  HW_ACCESS_KEY: TEST_CREDENTIALS.huawei.accessKey,
  HW_SECRET_KEY: TEST_CREDENTIALS.huawei.secretKey,
  HW_PROJECT_ID: TEST_CREDENTIALS.huawei.projectId,
};

type Case = "recent" | "old";
type Raw = Record<string, unknown>;

/** How one lookup is set up in the emulator and what the baselines do for it. */
interface LookupBench {
  lookup: string;
  short: string;
  /** Installs N records for `kase`; returns the lookup's arguments. */
  seed(emu: Emulator, n: number, kase: Case, now: Date): Record<string, unknown>;
  /** Why there are no baselines (unpaged APIs). */
  unpaged?: string;
  /** Why "old" does not apply. */
  noOld?: string;
  /** Largest page size. */
  maxPage?: number;
  /** Every record, page by page at `pageSize`, sequential requests; `requests` counts the pages asked for. */
  fetchAll?(ctx: LookupContext, url: string, args: Record<string, unknown>, pageSize: number, now: Date): Promise<{ records: Raw[]; requests: number }>;
  /** The newest usable record's backup id. */
  pick?(records: Raw[]): string | undefined;
}

const num = (v: unknown) => (typeof v === "number" ? v : Number(v));
const newest = (records: Raw[], usable: (r: Raw) => boolean, time: (r: Raw) => number) =>
  records.filter(usable).reduce<Raw | undefined>((best, r) => (!best || time(r) > time(best) ? r : best), undefined);

// Test data builders come from the emulator, loaded lazily (child processes do not need them).
const fleet = () => require("../test/emulator") as typeof import("../test/emulator");

async function fetchAlibabaPages(client: AlibabaRpcClient, action: string, params: Record<string, string | number>, pageSize: number, list: (body: Raw) => Raw[], total: (body: Raw) => number) {
  const all: Raw[] = [];
  for (let page = 1; ; page++) {
    const { body } = await client.call(action, { ...params, PageSize: pageSize, PageNumber: page }, true);
    const items = list(body);
    all.push(...items);
    if (items.length < pageSize || all.length >= total(body)) return { records: all, requests: page };
  }
}

const BENCHES: LookupBench[] = [
  {
    lookup: "alicloud.rds.BackupSet",
    short: "rds.BackupSet",
    maxPage: 100,
    seed(emu, n, kase, now) {
      const id = `rm-bench${n}${kase}`;
      const newestUsableAgeDays = kase === "old" ? Math.min(120, n - 1) : undefined;
      emu.data.addRdsInstance(id, fleet().rdsBackups({ instanceId: id, count: n, now, seed: n, failedEvery: 9, unavailableEvery: 31, newestUsableAgeDays }));
      return { dbInstanceId: id };
    },
    fetchAll: (ctx, url, args, pageSize) =>
      fetchAlibabaPages(
        new AlibabaRpcClient({ product: "rds", region: "cn-hangzhou", endpoint: url }, ctx),
        "DescribeBackups",
        { DBInstanceId: String(args.dbInstanceId) },
        pageSize,
        (b) => ((b.Items as Raw)?.Backup as Raw[]) ?? [],
        (b) => num(b.TotalRecordCount),
      ),
    pick: (records) => newest(records, (r) => r.BackupStatus === "Success" && num(r.IsAvail) === 1, (r) => Date.parse(String(r.BackupEndTime)))?.BackupId as string,
  },
  {
    lookup: "alicloud.kvstore.BackupSet",
    short: "kvstore.BackupSet",
    maxPage: 300,
    seed(emu, n, kase, now) {
      const id = `r-bench${n}${kase}`;
      // N records as shards x daily jobs, all within the 730-day retention: 10 = 10 jobs of a standard
      // instance, 730 = 2 shards x 365 jobs, 10 000 = 16 shards x 625 jobs.
      const shards = n <= 10 ? 0 : n <= 730 ? 2 : 16;
      const jobs = shards ? n / shards : n;
      const newestUsableAgeDays = kase === "old" ? Math.min(120, jobs - 1) : undefined;
      emu.data.addKvstoreInstance(id, fleet().kvstoreBackups({ instanceId: id, shards, jobs, now, seed: n, failedEvery: 7, newestUsableAgeDays }));
      return { instanceId: id };
    },
    // The API requires a window: the retention, 730 days, as the package's own search floor.
    fetchAll: (ctx, url, args, pageSize, now) =>
      fetchAlibabaPages(
        new AlibabaRpcClient({ product: "kvstore", region: "cn-hangzhou", endpoint: url }, ctx),
        "DescribeBackups",
        { InstanceId: String(args.instanceId), StartTime: toAlibabaMinute(new Date(now.getTime() - 730 * DAY), "down"), EndTime: toAlibabaMinute(now, "up") },
        pageSize,
        (b) => ((b.Backups as Raw)?.Backup as Raw[]) ?? [],
        (b) => num(b.TotalCount),
      ),
    pick(records) {
      // a job is usable when every shard has a Success record; the answer is its first shard's backup
      const shardCount = new Set(records.map((r) => r.NodeInstanceId)).size;
      const jobs = new Map<string, Raw[]>();
      for (const r of records) jobs.set(String(r.BackupJobID), [...(jobs.get(String(r.BackupJobID)) ?? []), r]);
      let best: Raw[] | undefined;
      const end = (job: Raw[]) => Math.max(...job.map((r) => Date.parse(String(r.BackupEndTime))));
      for (const job of jobs.values()) {
        if (new Set(job.map((r) => r.NodeInstanceId)).size !== shardCount || !job.every((r) => r.BackupStatus === "Success")) continue;
        if (!best || end(job) > end(best)) best = job;
      }
      return best && String([...best].sort((a, b) => (String(a.NodeInstanceId) < String(b.NodeInstanceId) ? -1 : 1))[0].BackupId);
    },
  },
  {
    lookup: "huaweicloud.dcs.BackupSet",
    short: "dcs.BackupSet",
    maxPage: 1000,
    seed(emu, n, kase, now) {
      const id = `00000000-0000-4000-8000-${String(n).padStart(6, "0")}${kase === "old" ? "000002" : "000001"}`;
      const newestUsableAgeDays = kase === "old" ? Math.min(120, n - 1) : undefined;
      emu.data.addDcsInstance(TEST_CREDENTIALS.huawei.projectId, id, fleet().dcsBackups({ instanceId: id, count: n, now, seed: n, failedEvery: 6, notRestorableEvery: 13, newestUsableAgeDays }));
      return { instanceId: id, projectId: TEST_CREDENTIALS.huawei.projectId };
    },
    async fetchAll(ctx, url, args, limit) {
      const client = new HuaweiClient(url, ctx);
      const p = `/v2/${String(args.projectId)}/instances/${String(args.instanceId)}/backups`;
      const all: Raw[] = [];
      for (let requests = 1, offset = 0; ; requests++, offset += limit) {
        const res = await client.get("ListBackupRecords", p, { offset, limit }, true);
        if (res.status === 204 || !res.body) return { records: all, requests };
        const items = (res.body.backup_record_response as Raw[]) ?? [];
        all.push(...items);
        if (items.length < limit || all.length >= num(res.body.total_num)) return { records: all, requests };
      }
    },
    pick: (records) =>
      newest(records, (r) => r.status === "succeed" && r.is_support_restore === "TRUE", (r) => Date.parse(String(r.updated_at)))?.backup_id as string,
  },
  {
    lookup: "alicloud.rds.UserBackupFile",
    short: "rds.UserBackupFile",
    unpaged: "ListUserBackupFiles has no paging: 1 request returns every file, for any strategy",
    seed(emu, n, kase, now) {
      const region = `cn-bench${n}${kase}`;
      const files = fleet().userBackupFiles({ count: n, now, seed: n, tags: [{ env: "prod" }] });
      if (kase === "old") {
        // every file imported in the last 120 days failed (fewer days when the history is shorter, so that
        // the oldest good file stays usable)
        const good = files.filter((f) => f.record.Status === "BackupSuccess").map((f) => now.getTime() - Number(f.record.CreationTime));
        const cutoff = Math.min(120 * DAY, Math.max(...good) - 1);
        for (const f of files) if (now.getTime() - Number(f.record.CreationTime) < cutoff) f.record.Status = "Failed";
      }
      emu.data.userBackupFiles.delete(region);
      emu.data.addUserBackupFiles(region, files);
      return { region };
    },
  },
  {
    lookup: "alicloud.rds.BackupTask",
    short: "rds.BackupTask",
    unpaged: "DescribeBackupTasks has no paging: 1 request returns every unfinished job, for any strategy",
    noOld: "jobs carry no times",
    seed(emu, n, _kase, now) {
      const id = `rm-benchjobs${n}`;
      emu.data.addRdsInstance(id, []);
      for (let i = 0; i < n; i++) emu.data.addRdsTask(id, fleet().rdsTaskScript({ backupJobId: 90_000_000 + i, instanceId: id, now }));
      return { dbInstanceId: id };
    },
  },
];

// -------------------------------------------------------------------------------------------------------------
// Measuring

/** A transient status line on a terminal's stderr; nothing when stderr is a file or a pipe. */
const progress = (text: string) => void (process.stderr.isTTY && process.stderr.write(`\r\x1b[2K${text ? `  ${text}` : ""}`));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : "-");
const freshContext = (over: Partial<LookupContext> = {}) => createContext({ env: ENV, ...over });

interface Measured {
  ms: number;
  requests: number;
  backupId?: string;
  outputs?: Record<string, unknown>;
}

async function measurePackage(emu: Emulator, bench: LookupBench, args: Record<string, unknown>): Promise<Measured> {
  emu.resetRequests();
  const started = performance.now();
  const result = await runLookup(lookupNamed(bench.lookup)!, { ...args, endpoint: emu.url }, freshContext(), { form: "function" });
  const ms = performance.now() - started;
  return { ms, requests: emu.count(), backupId: String(result.outputs.backupId ?? result.outputs.backupJobId), outputs: result.outputs };
}

/** A baseline run: a plain client without the request cache, as a program calling the API would have. */
async function measureBaseline(bench: LookupBench, url: string, args: Record<string, unknown>, pageSize: number, now: Date): Promise<Measured> {
  const started = performance.now();
  const { records, requests } = await bench.fetchAll!(freshContext({ cache: undefined }), url, args, pageSize, now);
  const backupId = bench.pick!(records);
  return { ms: performance.now() - started, requests, backupId };
}

interface EmulatorChildSpec {
  lookup: string;
  n: number;
  kase: Case;
  latency: number;
  now: string;
}

/** `bench.js --emulator '<spec>'`: an emulator seeded with one lookup's records, until stdin closes. */
async function emulatorChildMain(spec: EmulatorChildSpec): Promise<void> {
  const emu = await fleet().startEmulator({ seed: 11, latencyMs: spec.latency });
  const args = BENCHES.find((b) => b.lookup === spec.lookup)!.seed(emu, spec.n, spec.kase, new Date(spec.now));
  process.stdout.write(JSON.stringify({ url: emu.url, args }) + "\n");
  process.stdin.resume();
  process.stdin.once("end", () => void emu.close().then(() => process.exit(0)));
}

function emulatorChild(spec: EmulatorChildSpec): Promise<{ url: string; args: Record<string, unknown>; close(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, "--emulator", JSON.stringify(spec)], { cwd: ROOT, env: baseEnv(), stdio: ["pipe", "pipe", "inherit"] });
    let text = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      text += d;
      const nl = text.indexOf("\n");
      if (nl < 0) return;
      const { url, args } = JSON.parse(text.slice(0, nl));
      resolve({ url, args, close: () => child.stdin!.end() });
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`emulator child exited (${code}) before it was ready`)));
  });
}

function spawnTimed(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ ms: number; status: number; stdout: string; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? baseEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ ms: performance.now() - started, status: code ?? 1, stdout, stderr }));
  });
}

/** PATH and HOME only: children never see the caller's cloud credentials. */
function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ["PATH", "HOME", "TMPDIR", "LANG"]) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  return { ...env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ...extra };
}

// -------------------------------------------------------------------------------------------------------------
// Child process mode: peak RSS of one lookup (`bench.js --child '<json>'`).

interface ChildSpec {
  mode: "package" | "fetch-all";
  lookup: string;
  args: Record<string, unknown>;
  url: string;
  pageSize?: number;
  now: string;
}

async function childMain(spec: ChildSpec): Promise<void> {
  const bench = BENCHES.find((b) => b.lookup === spec.lookup)!;
  let backupId: string | undefined;
  if (spec.mode === "package") {
    const r = await runLookup(lookupNamed(spec.lookup)!, { ...spec.args, endpoint: spec.url }, freshContext(), { form: "function" });
    backupId = String(r.outputs.backupId);
  } else {
    backupId = bench.pick!((await bench.fetchAll!(freshContext({ cache: undefined }), spec.url, spec.args, spec.pageSize!, new Date(spec.now))).records);
  }
  process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, backupId }) + "\n");
}

async function childRss(spec: ChildSpec): Promise<{ mb: number; backupId?: string }> {
  const r = await spawnTimed([__filename, "--child", JSON.stringify(spec)]);
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  const parsed = JSON.parse(r.stdout.trim().split("\n").pop()!);
  return { mb: parsed.maxRssKb / 1024, backupId: parsed.backupId };
}

// -------------------------------------------------------------------------------------------------------------
// The provider host's cold start

/** The `__provider` string the SDK serializes for a lookup resource (captured under mocks, nothing deployed). */
async function serializedProvider(): Promise<string> {
  // loaded here, not at the top: the RSS children must not carry @pulumi/pulumi
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  let provider: string | undefined;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (typeof args.inputs.__provider === "string") provider = args.inputs.__provider;
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "bench",
    "bench",
    true,
  );
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { alicloud } = require("../provider") as typeof import("../provider");
  const res = new alicloud.rds.BackupSet("cold", { dbInstanceId: "rm-benchserialize" });
  await new Promise((resolve) => res.urn.apply(resolve));
  if (!provider) throw new Error("no __provider was serialized");
  return provider;
}

/** A temp Pulumi project whose node_modules/pulumi-backup-lookups is a symlink to this checkout. */

// -------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") return childMain(JSON.parse(argv[1]));
  if (argv[0] === "--emulator") return emulatorChildMain(JSON.parse(argv[1]));
  const quick = argv.includes("--quick");
  const li = argv.indexOf("--latency");
  const latency = li >= 0 ? Number(argv[li + 1]) : 150;
  if (!Number.isFinite(latency) || latency < 0) throw new Error(`--latency takes milliseconds, got ${argv[li + 1]}`);
  const sizes = quick ? [10, 730] : [10, 730, 10_000];
  const reps = quick ? 1 : 3;
  const t0 = performance.now();

  const { startEmulator } = fleet();
  const emu = await startEmulator({ seed: 11 });
  const now = new Date();
  const out = (s = "") => process.stdout.write(s + "\n");
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";

  out(`pulumi-backup-lookups benchmark${quick ? " (--quick)" : ""} — ${now.toISOString().slice(0, 19)}Z`);
  out(`machine: ${cpu.trim()}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`);
  out(`against the local emulator (same process, 127.0.0.1) with ${latency} ms added to every response; sequential requests per lookup`);
  out(`package = runLookup with a fresh context per run (${reps === 1 ? "one run" : `median of ${reps} runs, one run when over 1.5 s`}); baselines = one run, same official client, no cache`);

  try {
    // ---------------------------------------------------------------------------------------------------------
    out();
    out(`1. Finding the newest usable backup among N records (requests · wall time; ÷ = baseline over package)`);
    const head = [
      "lookup".padEnd(19), "N".padStart(6), "  newest usable ", "package".padEnd(16), "fetch all @50".padEnd(17), "fetch all @max".padEnd(23), "÷ req @50/@max".padEnd(16), "÷ time @50/@max",
    ];
    out(head.join("  "));
    out("-".repeat(head.join("  ").length));
    const notes = new Set<string>();
    // Warm-up (module loading, the official client's first use) outside every measurement.
    emu.setLatency(0);
    for (const bench of BENCHES) {
      const args = bench.seed(emu, 10, "recent", now);
      await measurePackage(emu, bench, args);
      if (bench.fetchAll) await measureBaseline(bench, emu.url, args, 50, now);
    }

    interface Row {
      bench: LookupBench;
      n: number;
      kase: Case;
      pkg?: Measured;
      age?: string;
      /** The baselines' answer on this row's data. */
      answer?: string;
    }
    const rows: Row[] = [];
    const fullScans = new Map<string, { b50: Measured; bmax: Measured }>();
    const deferred: { bench: LookupBench; n: number }[] = [];

    for (const bench of BENCHES) {
      for (const n of sizes) {
        for (const kase of ["recent", "old"] as Case[]) {
          const row: Row = { bench, n, kase };
          rows.push(row);
          if (kase === "old" && bench.noOld) continue;
          emu.setLatency(latency);
          progress(`measuring ${bench.short} N=${n} ${kase}...`);
          // median of `reps` runs, or a single run when one takes over 1.5 s (it is latency-bound anyway)
          const runs: Measured[] = [];
          for (let i = 0; i < reps && !(i === 1 && runs[0].ms > 1500); i++) runs.push(await measurePackage(emu, bench, bench.seed(emu, n, kase, now)));
          row.pkg = runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
          const end = (row.pkg.outputs?.backupEndTime ?? row.pkg.outputs?.updatedAt ?? row.pkg.outputs?.finishTime) as string | undefined;
          const ageMs = end ? now.getTime() - Date.parse(end) : undefined;
          row.age = bench.noOld ? "newest job" : ageMs === undefined ? kase : `${kase} (${ageMs < 2 * DAY ? `${Math.round(ageMs / 3_600_000)} h` : `${Math.round(ageMs / DAY)} d`})`;
          if (bench.unpaged) continue;
          // The baselines' answer on this data, checked without latency (not timed).
          emu.setLatency(0);
          row.answer = (await measureBaseline(bench, emu.url, bench.seed(emu, n, kase, now), bench.maxPage!, now)).backupId;
          emu.setLatency(latency);
          // A full scan reads every record wherever the newest usable one is: timed once per lookup and N.
          if (kase !== "recent") continue;
          if (n <= 730) {
            const args = bench.seed(emu, n, kase, now);
            fullScans.set(`${bench.short}/${n}`, { b50: await measureBaseline(bench, emu.url, args, 50, now), bmax: await measureBaseline(bench, emu.url, args, bench.maxPage!, now) });
          } else deferred.push({ bench, n });
        }
      }
    }
    // The long full scans (N > 730: 200 requests at page 50) run at the same time, one lookup per emulator
    // process, so that the run stays short; each scan is still sequential and has an emulator to itself.
    if (deferred.length) {
      progress(`measuring the full scans of ${deferred.map((d) => `${d.bench.short} N=${d.n}`).join(", ")} (concurrently)...`);
      await Promise.all(
        deferred.map(async ({ bench, n }) => {
          const child = await emulatorChild({ lookup: bench.lookup, n, kase: "recent", latency, now: now.toISOString() });
          try {
            const b50 = await measureBaseline(bench, child.url, child.args, 50, now);
            const bmax = await measureBaseline(bench, child.url, child.args, bench.maxPage!, now);
            fullScans.set(`${bench.short}/${n}`, { b50, bmax });
          } finally {
            child.close();
          }
        }),
      );
    }
    progress("");

    for (const row of rows) {
      const { bench, n, kase, pkg } = row;
      const label = [bench.short.padEnd(19), String(n).padStart(6)];
      if (!pkg) {
        out([...label, `  ${"old".padEnd(15)}`, `n/a: ${bench.noOld}`].join("  "));
        continue;
      }
      const cells = [...label, `  ${row.age!.padEnd(15)}`, `${String(pkg.requests).padStart(3)} · ${fmtMs(pkg.ms)}`.padEnd(16)];
      if (bench.unpaged) {
        notes.add(`${bench.short}: ${bench.unpaged}`);
        out([...cells, "(same: unpaged)".padEnd(17), "(same: unpaged)"].join("  "));
        continue;
      }
      const { b50, bmax } = fullScans.get(`${bench.short}/${n}`)!;
      const same = row.answer === pkg.backupId;
      if (!same) notes.add(`!! ${bench.short} N=${n} ${kase}: the baselines chose ${row.answer}, the package ${pkg.backupId}`);
      const cell = (m: Measured, extra = "") => (kase === "old" ? `  ″ same scan${extra}` : `${String(m.requests).padStart(3)} · ${fmtMs(m.ms)}${extra}`);
      out(
        [
          ...cells,
          cell(b50).padEnd(17),
          cell(bmax, ` (${bench.maxPage})`).padEnd(23),
          `${ratio(b50.requests, pkg.requests)} / ${ratio(bmax.requests, pkg.requests)}`.padEnd(16),
          `${ratio(b50.ms, pkg.ms)} / ${ratio(bmax.ms, pkg.ms)}${same ? "" : "  (!) different answer"}`,
        ].join("  "),
      );
    }
    out("newest usable: recent = the newest record is usable (typical); old = every record of the last ~120 days failed (worst case;");
    out("  at N=10 the oldest record). ″ same scan: a full scan reads every record either way, so its recent measurement stands.");
    if (sizes.some((n) => n > 730)) out("The full scans at N=10,000 ran at the same time, each against an emulator process of its own; all others one after another.");
    out("Every baseline chose the same backup as the package unless marked (!).");
    for (const n of notes) out(n);

    // ---------------------------------------------------------------------------------------------------------
    emu.setLatency(0);
    out();
    out("2. Cold start (emulator without latency; median of 3)");
    const rds10 = BENCHES[0].seed(emu, 30, "recent", now);
    const bareRuns: number[] = [];
    for (let i = 0; i < 3; i++) bareRuns.push((await spawnTimed(["-e", "0"])).ms);
    const bareNode = median(bareRuns);
    const bareRequire: number[] = [];
    for (let i = 0; i < 3; i++) bareRequire.push((await spawnTimed(["-e", 'require("@pulumi/pulumi")'])).ms);

    const { startProviderHost, urnFor, secretWire } = require("../test/support/providerHost") as typeof import("../test/support/providerHost");
    const providerText = await serializedProvider();
    const project = createProviderProject("backup-lookups-bench-");
    const phases: { port: number; configure: number; check: number }[] = [];
    let checkedBackup: unknown;
    try {
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const host = await startProviderHost({ cwd: project.dir });
        const tPort = performance.now();
        try {
          await host.configure({
            "alicloud:region": "cn-hangzhou",
            "alicloud:accessKey": TEST_CREDENTIALS.alibaba.accessKeyId,
            "alicloud:secretKey": secretWire(TEST_CREDENTIALS.alibaba.accessKeySecret),
          });
          const tConf = performance.now();
          const checked = await host.check(urnFor("pulumi-nodejs:dynamic/backup-lookups:alicloud.rds.BackupSet", "cold"), {}, {
            ...rds10,
            endpoint: emu.url,
            __provider: providerText,
          });
          const tCheck = performance.now();
          if (checked.failures.length) throw new Error(`Check failed: ${JSON.stringify(checked.failures)}`);
          checkedBackup = checked.inputs.backupId;
          phases.push({ port: tPort - started, configure: tConf - tPort, check: tCheck - tConf });
        } finally {
          await host.close();
        }
      }
    } finally {
      project.cleanup();
    }
    const port = median(phases.map((p) => p.port));
    const configure = median(phases.map((p) => p.configure));
    const check = median(phases.map((p) => p.check));
    const hostTotal = median(phases.map((p) => p.port + p.configure + p.check));
    const cliRuns: number[] = [];
    let cliOut = "";
    for (let i = 0; i < 3; i++) {
      const r = await spawnTimed([path.join(ROOT, "bin", "backup-lookup.js"), "alicloud.rds.BackupSet", "--db-instance-id", String(rds10.dbInstanceId), "--endpoint", emu.url], { env: baseEnv(ENV) });
      if (r.status !== 0) throw new Error(`backup-lookup failed: ${r.stderr}`);
      cliOut = r.stdout;
      cliRuns.push(r.ms);
    }
    const startRows: [string, string][] = [
      [`node -e 0`, fmtMs(bareNode)],
      [`node -e 'require("@pulumi/pulumi")'  (bare)`, fmtMs(median(bareRequire))],
      [`provider host: spawn -> port line`, fmtMs(port)],
      [`  + Configure`, fmtMs(configure)],
      [`  + first Check (requires providerImpl, runs the lookup: ${JSON.parse(cliOut).backupId === checkedBackup ? "same backup as the CLI" : "backup " + String(checkedBackup)})`, fmtMs(check)],
      [`  = provider host cold start`, `${fmtMs(hostTotal)}   ${ratio(hostTotal, median(bareRequire))} the bare require`],
      [`backup-lookup CLI, one alicloud.rds.BackupSet (spawn -> exit)`, `${fmtMs(median(cliRuns))}   ${ratio(median(cliRuns), bareNode)} node -e 0`],
    ];
    for (const [k, v] of startRows) out(`  ${k.padEnd(92)} ${v}`);

    // ---------------------------------------------------------------------------------------------------------
    const rssN = quick ? 730 : 10_000;
    out();
    out(`3. Peak RSS of one lookup over ${rssN.toLocaleString("en-US")} records (child process, process.resourceUsage().maxRSS; emulator without latency)`);
    const small = await childRss({ mode: "package", lookup: BENCHES[0].lookup, args: BENCHES[0].seed(emu, 10, "recent", now), url: emu.url, now: now.toISOString() });
    out(`  ${"reference: rds.BackupSet over 10 records".padEnd(40)} package ${small.mb.toFixed(0).padStart(4)} MB`);
    for (const bench of BENCHES.slice(0, 3)) {
      const args = bench.seed(emu, rssN, "old", now);
      const pkg = await childRss({ mode: "package", lookup: bench.lookup, args, url: emu.url, now: now.toISOString() });
      const all = await childRss({ mode: "fetch-all", lookup: bench.lookup, args, url: emu.url, pageSize: bench.maxPage, now: now.toISOString() });
      out(
        `  ${`${bench.short}, old`.padEnd(40)} package ${pkg.mb.toFixed(0).padStart(4)} MB   fetch all @max ${all.mb.toFixed(0).padStart(4)} MB` +
          (pkg.backupId === all.backupId ? "" : `   (!) different answer ${pkg.backupId} / ${all.backupId}`),
      );
    }

    // ---------------------------------------------------------------------------------------------------------
    const many = quick ? 20 : 50;
    emu.setLatency(latency);
    out();
    out(`4. ${many} lookups in one program (${latency} ms latency)`);
    const one = BENCHES[0].seed(emu, 730, "recent", now);
    const single = await measurePackage(emu, BENCHES[0], one);
    const def = lookupNamed(BENCHES[0].lookup)!;
    emu.resetRequests();
    let started = performance.now();
    const shared = freshContext();
    await Promise.all(Array.from({ length: many }, () => runLookup(def, { ...one, endpoint: emu.url }, shared)));
    const sameWall = performance.now() - started;
    const sameRequests = emu.count();
    emu.resetRequests();
    started = performance.now();
    await Promise.all(Array.from({ length: many }, () => runLookup(def, { ...one, endpoint: emu.url }, freshContext())));
    const separateWall = performance.now() - started;
    const separateRequests = emu.count();
    const manyRows: [string, number, number, string][] = [
      ["same instance, one context (one scan serves all)", sameRequests, sameWall, `one lookup alone: ${single.requests} requests`],
      [`same instance, ${many} separate contexts (no sharing)`, separateRequests, separateWall, ""],
    ];
    const instances = Array.from({ length: many }, (_, i) => {
      const id = `rm-benchmany${i}`;
      emu.data.addRdsInstance(id, fleet().rdsBackups({ instanceId: id, count: 30, now, seed: 1000 + i, failedEvery: 9 }));
      return id;
    });
    emu.resetRequests();
    started = performance.now();
    const bounded = freshContext();
    await Promise.all(instances.map((id) => runLookup(def, { dbInstanceId: id, endpoint: emu.url }, bounded)));
    const concurrentWall = performance.now() - started;
    const concurrentRequests = emu.count();
    const peak = Math.max(...bounded.limiter.peak.values());
    emu.resetRequests();
    started = performance.now();
    for (const id of instances) await runLookup(def, { dbInstanceId: id, endpoint: emu.url }, freshContext());
    const sequentialWall = performance.now() - started;
    manyRows.push([`${many} instances, one context, concurrent (≤${bounded.limiter.maxPerKey} in flight per endpoint, peak ${peak})`, concurrentRequests, concurrentWall, ""]);
    manyRows.push([`${many} instances, one after another`, emu.count(), sequentialWall, `${ratio(sequentialWall, concurrentWall)} the concurrent wall time`]);
    const width = Math.max(...manyRows.map((r) => r[0].length));
    for (const [label, requests, wall, note] of manyRows) out(`  ${label.padEnd(width)}  ${String(requests).padStart(4)} requests  ${fmtMs(wall).padStart(8)}${note ? `   ${note}` : ""}`);
    out();
    out(`total ${((performance.now() - t0) / 1000).toFixed(0)} s; every request went to the emulator at ${emu.url}`);
  } finally {
    await emu.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
