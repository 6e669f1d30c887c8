/**
 * `npm run bench` (`-- --quick` for a smaller run, `-- --latency MS` to change the added latency): prints
 * tables, asserts nothing. Everything runs against the local emulator (test/emulator) on 127.0.0.1.
 *
 * 1. The three paged lookups (RDS and KVStore `DescribeBackups`, DCS `ListBackupRecords`) at N = 10, 730,
 *    10 000 records, newest usable backup recent (typical) and old (worst: 121 days back), each history served
 *    scrambled, newest first and oldest first (the emulator's order switch), plus the two KVStore clusters of
 *    issue 15 (8 shards x 400 jobs whose two newest jobs each have a failed shard; 8 shards x 700 days whose
 *    newest usable job is 121 days back). Per row: the package's requests and wall time (`runLookup` in-process,
 *    a fresh `createContext` per run so no cache is shared, 150 ms latency per response by default) beside
 *      - the floor: the fewest requests any strategy needs for that data. A correct answer must have read every
 *        record that could beat the winner: those that started after the winner's end minus the 48 h a backup
 *        may run (minus one more hour for a KVStore job's shards), c of them. One window holds them in
 *        ceil(c / P) pages; the whole history is ceil(N / P) pages; at least one request is always needed. So
 *        floor = max(1, min(ceil(c / P), ceil(N / P))), P the largest page size (RDS 100, KVStore 300, DCS 1000);
 *      - the bound the search promises: min(ceil(M / P) + 3, ceil(N / P) + 1), M the records newer than the
 *        winner (marked ✗ when exceeded);
 *      - two baselines on the same official clients, sequential requests, then pick the newest usable record:
 *        "fetch all @50", every page at PageSize 50 (what alicloud.rds.getRdsBackups does, the data source users
 *        have today), and "fetch all @max", every page at the largest page size. A full scan costs the same in
 *        any order: it is timed once per history.
 *    UserBackupFile and BackupTask have no paging: one request answers everything, whatever N.
 * 2. Cold start of the Pulumi dynamic-provider host (spawn -> port line -> Configure -> first Check, which loads
 *    providerImpl) against a bare `node -e 'require("@pulumi/pulumi")'`; the `backup-lookup` CLI for one lookup.
 * 3. Peak RSS of one lookup over 10 000 records, in a child process (`process.resourceUsage().maxRSS`).
 * 4. 50 lookups of one instance in one context (one scan serves all) and of 50 instances (bounded concurrency).
 * 5. Heap growth of 1,000 `alicloud.kvstore.getBackupSet` calls with distinct windows in one process, after a
 *    warm-up of 200 (child process with --expose-gc, the emulator in another; heapUsed after a full GC, once the
 *    request timeout has passed, before and after).
 */
import { createProviderProject } from "../test/support/providerProject";
import { spawn } from "child_process";
import * as os from "os";
import * as path from "path";
import { AlibabaRpcClient } from "../provider/clouds/alibaba/AlibabaRpcClient";
import { HuaweiClient } from "../provider/clouds/huawei/HuaweiClient";
import { createContext, DEFAULT_REQUEST_TIMEOUT_MS, LookupContext } from "../provider/core/context";
import { runLookup } from "../provider/core/engine";
import { toAlibabaMinute } from "../provider/core/time";
import { lookupNamed } from "../provider/lookups";
import type { Emulator } from "../test/emulator";
import { RECORD_ORDERS, type RecordOrder } from "../test/emulator/recordOrder";
import { TEST_CREDENTIALS } from "../test/emulator/credentials";

const ROOT = path.resolve(__dirname, "..", "..");
const DAY = 86_400_000;

// The emulator's credentials, as the environment the lookups and clients see (never the process's own).
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
  /** A raw record's start time (the field the API's window filters on), ms. */
  startOf?(raw: Raw): number;
  /** The outputs holding the chosen backup's start and end. */
  startOutput?: string;
  endOutput?: string;
  /** How much earlier than "end - 48 h" a record may start and still belong to a competitor (KVStore shards). */
  edgeMs?: number;
}

const num = (v: unknown) => (typeof v === "number" ? v : Number(v));
const newest = (records: Raw[], usable: (r: Raw) => boolean, time: (r: Raw) => number) =>
  records.filter(usable).reduce<Raw | undefined>((best, r) => (!best || time(r) > time(best) ? r : best), undefined);

// Test data builders come from the emulator, loaded lazily (child processes do not need them).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load
const fleet = () => require("../test/emulator") as typeof import("../test/emulator");

async function fetchAlibabaPages(
  client: AlibabaRpcClient,
  action: string,
  params: Record<string, string | number>,
  pageSize: number,
  list: (body: Raw) => Raw[],
  total: (body: Raw) => number,
) {
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
    pick: (records) =>
      newest(
        records,
        (r) => r.BackupStatus === "Success" && num(r.IsAvail) === 1,
        (r) => Date.parse(String(r.BackupEndTime)),
      )?.BackupId as string,
    startOf: (r) => Date.parse(String(r.BackupStartTime)),
    startOutput: "backupStartTime",
    endOutput: "backupEndTime",
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
    startOf: (r) => Date.parse(String(r.BackupStartTime)),
    startOutput: "backupStartTime",
    endOutput: "backupEndTime",
    edgeMs: 3_600_000,
  },
  {
    lookup: "huaweicloud.dcs.BackupSet",
    short: "dcs.BackupSet",
    maxPage: 1000,
    seed(emu, n, kase, now) {
      const id = `00000000-0000-4000-8000-${String(n).padStart(6, "0")}${kase === "old" ? "000002" : "000001"}`;
      const newestUsableAgeDays = kase === "old" ? Math.min(120, n - 1) : undefined;
      emu.data.addDcsInstance(
        TEST_CREDENTIALS.huawei.projectId,
        id,
        fleet().dcsBackups({ instanceId: id, count: n, now, seed: n, failedEvery: 6, notRestorableEvery: 13, newestUsableAgeDays }),
      );
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
      newest(
        records,
        (r) => r.status === "succeed" && r.is_support_restore === "TRUE",
        (r) => Date.parse(String(r.updated_at)),
      )?.backup_id as string,
    startOf: (r) => Date.parse(String(r.created_at)),
    startOutput: "createdAt",
    endOutput: "updatedAt",
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

/** One history of a paged lookup: a bench, its N records and where the newest usable one is. */
interface Scenario {
  bench: LookupBench;
  /** Row label after the lookup name: `730 old`. */
  label: string;
  kase: Case;
  seed(emu: Emulator, now: Date): Record<string, unknown>;
}

const paged = () => BENCHES.filter((b) => !b.unpaged);

/** The scenarios of table 1: every paged lookup at each N, recent and old, then the two clusters of issue 15. */
function scenarios(sizes: number[]): Scenario[] {
  const out: Scenario[] = [];
  for (const bench of paged())
    for (const n of sizes)
      for (const kase of ["recent", "old"] as Case[]) out.push({ bench, label: `${n} ${kase}`, kase, seed: (emu, now) => bench.seed(emu, n, kase, now) });
  const kv = BENCHES.find((b) => b.short === "kvstore.BackupSet")!;
  const cluster = (label: string, id: string, shards: number, jobs: number, newestUsableAgeDays: number, kase: Case): Scenario => ({
    bench: kv,
    label,
    kase,
    seed(emu, now) {
      emu.data.addKvstoreInstance(id, fleet().kvstoreBackups({ instanceId: id, shards, jobs, now, seed: jobs, newestUsableAgeDays }));
      return { instanceId: id };
    },
  });
  out.push(cluster("8x400 2 failed", "r-bench8x400", 8, 400, 2, "recent"));
  out.push(cluster("8x700 old", "r-bench8x700", 8, 700, 121, "old"));
  return out;
}

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
  /** Index into `scenarios(sizes)`, or -1 for the heap measurement's cluster. */
  scenario: number;
  sizes: number[];
  latency: number;
  now: string;
}

/** `bench.js --emulator '<spec>'`: an emulator seeded with one lookup's records, until stdin closes. */
async function emulatorChildMain(spec: EmulatorChildSpec): Promise<void> {
  const emu = await fleet().startEmulator({ seed: 11, latencyMs: spec.latency });
  const args = spec.scenario === -1 ? seedHeapCluster(emu, new Date(spec.now)) : scenarios(spec.sizes)[spec.scenario].seed(emu, new Date(spec.now));
  process.stdout.write(JSON.stringify({ url: emu.url, args }) + "\n");
  process.stdin.resume();
  process.stdin.once("end", () => void emu.close().then(() => process.exit(0)));
}

function emulatorChild(spec: EmulatorChildSpec): Promise<{ url: string; args: Record<string, unknown>; close(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, "--emulator", JSON.stringify(spec)], { cwd: ROOT, env: baseEnv(), stdio: ["pipe", "pipe", "inherit"] });
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      text += d;
      const nl = text.indexOf("\n");
      if (nl < 0) return;
      const { url, args } = JSON.parse(text.slice(0, nl)) as { url: string; args: Record<string, unknown> };
      resolve({ url, args, close: () => child.stdin.end() });
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`emulator child exited (${code}) before it was ready`)));
  });
}

function spawnTimed(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ ms: number; status: number; stdout: string; stderr: string }> {
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
  const parsed = JSON.parse(r.stdout.trim().split("\n").pop()!) as { maxRssKb: number; backupId?: string };
  return { mb: parsed.maxRssKb / 1024, backupId: parsed.backupId };
}

// -------------------------------------------------------------------------------------------------------------
// Child process mode: heap growth of many lookups in one long-lived process (`node --expose-gc bench.js --heap`).

const HEAP_WARMUP = 200;
const HEAP_CALLS = 1000;

/**
 * 1,200 `alicloud.kvstore.getBackupSet` calls, as a long-lived program (an Automation API server) makes them,
 * through the package's own get function and its process-wide context; each has its own `until`, so each asks
 * for its own windows (moving windows: the request cache cannot serve them). Prints heapUsed after a full GC
 * once the first 200 ran and again after 1,000 more.
 */
function seedHeapCluster(emu: Emulator, now: Date): Record<string, unknown> {
  const id = "r-benchheap";
  emu.data.addKvstoreInstance(id, fleet().kvstoreBackups({ instanceId: id, shards: 8, jobs: 30, now, seed: 5, failedEvery: 7 }));
  return { instanceId: id };
}

async function heapChildMain(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc");
  const now = new Date();
  // The emulator runs in a process of its own, so only the package's memory is measured here.
  const emu = await emulatorChild({ scenario: -1, sizes: [], latency: 0, now: now.toISOString() });
  Object.assign(process.env, ENV);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded in the child only, after its environment is set
  const { alicloud } = require("../provider") as typeof import("../provider");
  const call = (i: number) =>
    alicloud.kvstore.getBackupSet({ ...(emu.args as { instanceId: string }), endpoint: emu.url, until: new Date(now.getTime() - i * 60_000).toISOString() });
  // The official Alibaba client keeps each request's state until its read timer (the request timeout, 15 s)
  // fires: wait that out, so what is measured is what stays.
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_REQUEST_TIMEOUT_MS + 1000));
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  for (let i = 0; i < HEAP_WARMUP; i++) await call(i);
  const before = await settle();
  for (let i = HEAP_WARMUP; i < HEAP_WARMUP + HEAP_CALLS; i++) await call(i);
  const after = await settle();
  process.stdout.write(JSON.stringify({ before, after }) + "\n");
  emu.close();
}

// -------------------------------------------------------------------------------------------------------------
// The provider host's cold start

/** The `__provider` string the SDK serializes for a lookup resource (captured under mocks, nothing deployed). */
async function serializedProvider(): Promise<string> {
  // loaded here, not at the top: the RSS children must not carry @pulumi/pulumi
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load (see above)
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  let provider: string | undefined;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        if (typeof inputs.__provider === "string") provider = inputs.__provider;
        return { id: `${args.name}-id`, state: inputs };
      },
      call: (args) => args.inputs as Record<string, unknown>,
    },
    "bench",
    "bench",
    true,
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mocks are set
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
  if (argv[0] === "--child") return childMain(JSON.parse(argv[1]) as ChildSpec);
  if (argv[0] === "--emulator") return emulatorChildMain(JSON.parse(argv[1]) as EmulatorChildSpec);
  if (argv[0] === "--heap") return heapChildMain();
  if (argv[0] === "--only-heap") return void out5();
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
  out(
    `machine: ${cpu.trim()}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
  );
  out(`against the local emulator (same process, 127.0.0.1) with ${latency} ms added to every response; sequential requests per lookup`);
  out(
    `package = runLookup with a fresh context per run (${reps === 1 ? "one run" : `median of ${reps} runs, one run when over 1.5 s`}); baselines = one run, same official client, no cache`,
  );

  try {
    // ---------------------------------------------------------------------------------------------------------
    out();
    out(`1. Finding the newest usable backup (requests · wall time; floor and bound in requests; baselines in any order)`);
    const head = [
      "lookup".padEnd(17),
      "history".padEnd(23),
      "newest usable".padEnd(13),
      "order".padEnd(12),
      "package".padEnd(14),
      "floor",
      "bound",
      "fetch all @50".padEnd(16),
      "fetch all @max",
    ];
    out(head.join("  "));
    out("-".repeat(head.join("  ").length + 6));
    const notes = new Set<string>();
    // Warm-up (module loading, the official client's first use) outside every measurement.
    emu.setLatency(0);
    for (const bench of BENCHES) {
      const args = bench.seed(emu, 10, "recent", now);
      await measurePackage(emu, bench, args);
      if (bench.fetchAll) await measureBaseline(bench, emu.url, args, 50, now);
    }

    const all = scenarios(sizes);
    const rowsOut: { sc: Scenario; index: number; records: Raw[]; answer?: string; perOrder: { order: RecordOrder; pkg: Measured }[] }[] = [];
    const fullScans = new Map<number, { b50: Measured; bmax: Measured }>();
    const deferred: number[] = [];
    for (const [i, sc] of all.entries()) {
      const { bench } = sc;
      emu.setLatency(0);
      emu.setOrder("scrambled");
      // The history itself, read once without latency: the answer every strategy must give, the floor, the bound.
      const records = (await bench.fetchAll!(freshContext({ cache: undefined }), emu.url, sc.seed(emu, now), bench.maxPage!, now)).records;
      const answer = bench.pick!(records);
      const perOrder: { order: RecordOrder; pkg: Measured }[] = [];
      for (const order of RECORD_ORDERS) {
        emu.setOrder(order);
        emu.setLatency(latency);
        progress(`measuring ${bench.short} ${sc.label} ${order}...`);
        const runs: Measured[] = [];
        for (let r = 0; r < reps && !(r === 1 && runs[0].ms > 1500); r++) runs.push(await measurePackage(emu, bench, sc.seed(emu, now)));
        perOrder.push({ order, pkg: runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] });
      }
      emu.setOrder("scrambled");
      // A full scan costs the same wherever the newest usable record is: timed on the recent history, or on
      // this one when it has no recent twin.
      const twin = all.some((o) => o.bench === bench && o.kase === "recent" && o.label === sc.label.replace(/ old$/, " recent"));
      if (sc.kase === "recent" || !twin) {
        if (records.length <= 730) {
          const args = sc.seed(emu, now);
          fullScans.set(i, {
            b50: await measureBaseline(bench, emu.url, args, 50, now),
            bmax: await measureBaseline(bench, emu.url, args, bench.maxPage!, now),
          });
        } else deferred.push(i);
      }
      rowsOut.push({ sc, index: i, records, answer, perOrder });
    }
    // The long full scans (200 requests at page 50) run at the same time, one history per emulator process, so
    // that the run stays short; each scan is still sequential and has an emulator to itself.
    if (deferred.length) {
      progress(`measuring ${deferred.length} long full scans (concurrently)...`);
      await Promise.all(
        deferred.map(async (index) => {
          const sc = all[index];
          const child = await emulatorChild({ scenario: index, sizes, latency, now: now.toISOString() });
          try {
            fullScans.set(index, {
              b50: await measureBaseline(sc.bench, child.url, child.args, 50, now),
              bmax: await measureBaseline(sc.bench, child.url, child.args, sc.bench.maxPage!, now),
            });
          } finally {
            child.close();
          }
        }),
      );
    }
    progress("");

    let exceeded = 0;
    for (const row of rowsOut) {
      const { sc, records, answer, perOrder } = row;
      const { bench } = sc;
      const P = bench.maxPage!;
      const N = records.length;
      const recentIndex = all.findIndex((o) => o.bench === bench && o.label === sc.label.replace(/ old$/, " recent"));
      const scans = fullScans.get(row.index) ?? fullScans.get(recentIndex);
      const label = `${sc.label.replace(/ (recent|old)$/, "")} (N=${N})`;
      for (const [k, { order, pkg }] of perOrder.entries()) {
        const out1 = pkg.outputs ?? {};
        const end = Date.parse(String(out1[bench.endOutput!]));
        const start = Date.parse(String(out1[bench.startOutput!]));
        const c = records.filter((r) => bench.startOf!(r) >= end - 48 * 3_600_000 - (bench.edgeMs ?? 0)).length;
        const floor = Math.max(1, Math.min(Math.ceil(c / P), Math.ceil(N / P)));
        const M = records.filter((r) => bench.startOf!(r) > start).length;
        const bound = Math.min(Math.ceil(M / P) + 3, Math.ceil(N / P) + 1);
        if (pkg.requests > bound) exceeded++;
        if (answer !== pkg.backupId) notes.add(`!! ${bench.short} ${sc.label} ${order}: a full scan chose ${answer}, the package ${pkg.backupId}`);
        const ageMs = now.getTime() - end;
        const age = Number.isNaN(ageMs) ? "none" : ageMs < 2 * DAY ? `${Math.round(ageMs / 3_600_000)} h` : `${Math.round(ageMs / DAY)} d`;
        const full = (m: Measured | undefined, extra = "") => (k > 0 ? "″" : m ? `${String(m.requests).padStart(3)} · ${fmtMs(m.ms)}${extra}` : "-");
        out(
          [
            (k === 0 ? bench.short : "").padEnd(17),
            (k === 0 ? label : "").padEnd(23),
            (k === 0 ? age : "").padEnd(13),
            order.padEnd(12),
            `${String(pkg.requests).padStart(3)} · ${fmtMs(pkg.ms)}`.padEnd(14),
            String(floor).padStart(5),
            `${String(bound).padStart(4)}${pkg.requests > bound ? "✗" : " "}`,
            full(scans?.b50).padEnd(16),
            full(scans?.bmax, ` (${P})`),
          ].join("  "),
        );
      }
    }
    for (const bench of BENCHES.filter((b) => b.unpaged)) {
      emu.setLatency(latency);
      for (const n of sizes) {
        const pkg = await measurePackage(emu, bench, bench.seed(emu, n, "recent", now));
        out(
          [
            bench.short.padEnd(17),
            `${n}`.padEnd(23),
            "".padEnd(13),
            "-".padEnd(12),
            `${String(pkg.requests).padStart(3)} · ${fmtMs(pkg.ms)}`.padEnd(14),
            "    1",
            "   1 ",
            "(same: unpaged)",
          ].join("  "),
        );
      }
      notes.add(`${bench.short}: ${bench.unpaged}`);
    }
    out("newest usable: recent = the newest record is usable (typical); old = every record of the last ~120 days failed (worst case;");
    out("  at N=10 the oldest record). 8x400 2 failed: the two newest jobs each have a failed shard. ″: a full scan reads every");
    out("  record in any order, so one measurement stands for the three orders (and for old, the recent history's).");
    if (sizes.some((n) => n > 730)) out("The long full scans ran at the same time, each against an emulator process of its own; all others one after another.");
    out(`Every answer equals a full scan's unless marked !!; ${exceeded === 0 ? "every row is within its bound" : `${exceeded} rows exceed their bound (✗)`}.`);
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

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load: only this section needs the provider host
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
          const checked = await host.check(
            urnFor("pulumi-nodejs:dynamic/backup-lookups:alicloud.rds.BackupSet", "cold"),
            {},
            {
              ...rds10,
              endpoint: emu.url,
              __provider: providerText,
            },
          );
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
      const r = await spawnTimed(
        [path.join(ROOT, "bin", "backup-lookup.js"), "alicloud.rds.BackupSet", "--db-instance-id", String(rds10.dbInstanceId), "--endpoint", emu.url],
        { env: baseEnv(ENV) },
      );
      if (r.status !== 0) throw new Error(`backup-lookup failed: ${r.stderr}`);
      cliOut = r.stdout;
      cliRuns.push(r.ms);
    }
    const startRows: [string, string][] = [
      [`node -e 0`, fmtMs(bareNode)],
      [`node -e 'require("@pulumi/pulumi")'  (bare)`, fmtMs(median(bareRequire))],
      [`provider host: spawn -> port line`, fmtMs(port)],
      [`  + Configure`, fmtMs(configure)],
      [
        `  + first Check (requires providerImpl, runs the lookup: ${(JSON.parse(cliOut) as { backupId?: string }).backupId === checkedBackup ? "same backup as the CLI" : "backup " + String(checkedBackup)})`,
        fmtMs(check),
      ],
      [`  = provider host cold start`, `${fmtMs(hostTotal)}   ${ratio(hostTotal, median(bareRequire))} the bare require`],
      [`backup-lookup CLI, one alicloud.rds.BackupSet (spawn -> exit)`, `${fmtMs(median(cliRuns))}   ${ratio(median(cliRuns), bareNode)} node -e 0`],
    ];
    for (const [k, v] of startRows) out(`  ${k.padEnd(92)} ${v}`);

    // ---------------------------------------------------------------------------------------------------------
    const rssN = quick ? 730 : 10_000;
    out();
    out(`3. Peak RSS of one lookup over ${rssN.toLocaleString("en-US")} records (child process, process.resourceUsage().maxRSS; emulator without latency)`);
    const small = await childRss({
      mode: "package",
      lookup: BENCHES[0].lookup,
      args: BENCHES[0].seed(emu, 10, "recent", now),
      url: emu.url,
      now: now.toISOString(),
    });
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
    manyRows.push([
      `${many} instances, one context, concurrent (≤${bounded.limiter.maxPerKey} in flight per endpoint, peak ${peak})`,
      concurrentRequests,
      concurrentWall,
      "",
    ]);
    manyRows.push([`${many} instances, one after another`, emu.count(), sequentialWall, `${ratio(sequentialWall, concurrentWall)} the concurrent wall time`]);
    const width = Math.max(...manyRows.map((r) => r[0].length));
    for (const [label, requests, wall, note] of manyRows)
      out(`  ${label.padEnd(width)}  ${String(requests).padStart(4)} requests  ${fmtMs(wall).padStart(8)}${note ? `   ${note}` : ""}`);
    await out5();
    out();
    out(`total ${((performance.now() - t0) / 1000).toFixed(0)} s; every request went to the emulator at ${emu.url}`);
  } finally {
    await emu.close();
  }
}

/** Table 5: the heap child's figures. */
async function out5(): Promise<void> {
  const r = await spawnTimed(["--expose-gc", __filename, "--heap"]);
  if (r.status !== 0) throw new Error(`heap child failed: ${r.stderr}`);
  const { before, after } = JSON.parse(r.stdout.trim().split("\n").pop()!) as { before: number; after: number };
  const mb = (b: number) => `${(b / 1024 ** 2).toFixed(1)} MB`;
  process.stdout.write(
    `\n5. Heap of one long-lived process: ${HEAP_CALLS.toLocaleString("en-US")} alicloud.kvstore.getBackupSet calls with distinct windows after ${HEAP_WARMUP} as warm-up (8 shards x 30 jobs; heapUsed after a full GC)\n`,
  );
  process.stdout.write(
    `  before ${mb(before)}   after ${mb(after)}   growth ${mb(after - before)} (${((after - before) / HEAP_CALLS / 1024).toFixed(1)} KB per lookup)\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
