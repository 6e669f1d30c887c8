/**
 * Many lookups in one process sharing one context, as in the provider process during `pulumi up`:
 * 50 concurrent lookups of one instance cost one scan; 50 lookups of 50 instances never put more requests in
 * flight per endpoint than the limiter allows (measured by the limiter and, independently, by the emulator's
 * own request timings); no unhandled rejection; memory stays flat over 1,000 lookups; and the same stacks go
 * through the REAL Pulumi dynamic-provider host (one scan for 50 concurrent checks; the bound holds across
 * different lookup types, each of which the host configures separately).
 */
import { createProviderProject } from "./support/providerProject";
import { setFlagsFromString } from "node:v8";
import { runInNewContext, runInThisContext } from "node:vm";
import { RequestCache } from "../provider/core/RequestCache";
import { DEFAULT_MAX_CONCURRENT_PER_ENDPOINT } from "../provider/core/context";
import { rdsTaskScript, startEmulator, userBackupFiles, type Emulator, type RequestRecord } from "./emulator";
import { secretWire, startProviderHost, urnFor, type ProviderHost } from "./support/providerHost";
import {
  ALI,
  ALI_REGION,
  HW,
  HW_REGION,
  dcsFleet,
  dynamicType,
  kvFleet,
  lookup,
  newestUsableRds,
  rdsFleet,
  serializedProvider,
  stable,
  testContext,
  uuidFor,
} from "./support/faultsEnv";
import { fixedClock, realNow } from "./support/lookupEnv";

const NOW = new Date();
const LATENCY_MS = 20;
const BOUND = DEFAULT_MAX_CONCURRENT_PER_ENDPOINT;

const SAME_RDS = "rm-emuload0same01";
const rdsSame = rdsFleet({ instanceId: SAME_RDS, count: 250, now: NOW, failedEvery: 7 });
const rdsId = (i: number) => `rm-emuload${String(i).padStart(5, "0")}`;
const kvId = (i: number) => `r-emuload${String(i).padStart(5, "0")}`;
const dcsId = (i: number) => uuidFor(0x10ad00 + i);
const REGIONS = [
  "cn-hangzhou",
  "cn-shanghai",
  "cn-beijing",
  "cn-shenzhen",
  "cn-qingdao",
  "cn-zhangjiakou",
  "cn-huhehaote",
  "cn-chengdu",
  "cn-hongkong",
  "ap-southeast-1",
];

let emu: Emulator;
const rdsData = new Map<string, ReturnType<typeof rdsFleet>>();
const kvData = new Map<string, ReturnType<typeof kvFleet>>();
const dcsData = new Map<string, ReturnType<typeof dcsFleet>>();

/** Each answered request's [start, end] on the emulator's clock (it records a request when it finishes). */
const served: { start: number; end: number; action: string }[] = [];

/** Most requests the emulator was serving at once, from its own timings. */
function maxInFlight(records: { start: number; end: number }[]): number {
  const events = records.flatMap((r) => [
    [r.start, 1],
    [r.end, -1],
  ]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // an end before a start at the same instant
  let now = 0;
  let max = 0;
  for (const [, d] of events) max = Math.max(max, (now += d));
  return max;
}

/**
 * The real process: jest gives test code a stand-in `process` whose listeners never hear of unhandled
 * rejections; code evaluated by `vm.runInThisContext` sees Node's own. (Jest also fails a test on an unhandled
 * rejection by itself; this listener makes the assertion explicit and catches late ones between tests.)
 */
const realProcess = runInThisContext("process") as NodeJS.Process;

/** Waiters for the emulator's next answer that `matches` (the request log's push hook, in beforeAll, wakes them). */
const servedWaiters: { matches: (r: RequestRecord) => boolean; resolve: () => void }[] = [];
function nextServed(matches: (r: RequestRecord) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const waiter = { matches, resolve: () => (servedWaiters.splice(servedWaiters.indexOf(waiter), 1), resolve()) };
    servedWaiters.push(waiter);
  });
}
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeAll(async () => {
  emu = await startEmulator({ seed: 31 });
  const push = emu.requests.push.bind(emu.requests);
  emu.requests.push = (...items: RequestRecord[]) => {
    const end = performance.now();
    for (const r of items) served.push({ start: end - r.ms, end, action: r.action });
    const n = push(...items);
    for (const w of [...servedWaiters]) if (items.some(w.matches)) w.resolve();
    return n;
  };
  emu.data.addRdsInstance(SAME_RDS, rdsSame);
  for (let i = 0; i < 50; i++) {
    const r = rdsFleet({ instanceId: rdsId(i), count: 4 + (i % 5), now: NOW, firstAgoMin: 30 + i, topId: 300_000_000 + i * 1000, failedEvery: 3 });
    rdsData.set(rdsId(i), r);
    emu.data.addRdsInstance(rdsId(i), r);
    emu.data.addRdsTask(
      rdsId(i),
      rdsTaskScript({
        backupJobId: 7_000_000 + i,
        instanceId: rdsId(i),
        now: NOW,
        steps: [{ status: "Finished", process: 100 }],
        produces: { BackupStartTime: r[r.length - 1].BackupStartTime, BackupEndTime: r[r.length - 1].BackupEndTime },
      }),
    );
    const k = kvFleet({ instanceId: kvId(i), count: 3 + (i % 4), now: NOW, firstAgoMin: 20 + i, topId: 600_000_000 + i * 100 });
    kvData.set(kvId(i), k);
    emu.data.addKvstoreInstance(kvId(i), k);
    const d = dcsFleet({ instanceId: dcsId(i), count: 3 + (i % 3), now: NOW, firstAgoMin: 25 + i });
    dcsData.set(dcsId(i), d);
    emu.data.addDcsInstance(HW.projectId, dcsId(i), d);
  }
  REGIONS.forEach((region, i) => emu.data.addUserBackupFiles(region, userBackupFiles({ count: 5, now: NOW, seed: 40 + i })));
  realProcess.on("unhandledRejection", onUnhandled);
});

afterAll(async () => {
  realProcess.off("unhandledRejection", onUnhandled);
  await emu?.close();
});

beforeEach(() => {
  emu.resetRequests();
  emu.setLatency(0);
  served.length = 0;
});

afterEach(() => {
  expect(unhandled).toEqual([]);
});

describe("many lookups in one process, one shared context", () => {
  test("50 concurrent lookups of the same RDS instance: one scan, 50 identical answers", async () => {
    const single = await lookup("alicloud.rds.BackupSet", { dbInstanceId: SAME_RDS, endpoint: emu.url }, testContext());
    const oneScan = emu.count();
    expect(oneScan).toBe(3); // 250 backup sets at 100 a page
    expect(single.outputs.backupId).toBe(newestUsableRds(rdsSame).BackupId);
    emu.resetRequests();

    // One instant for all 50: the window's bounds (minute precision) are part of the request cache's key, so on
    // the wall clock the lookups that read "now" after a minute boundary would scan again.
    const ctx = testContext({ clock: fixedClock(realNow()) });
    const results = await Promise.all(Array.from({ length: 50 }, () => lookup("alicloud.rds.BackupSet", { dbInstanceId: SAME_RDS, endpoint: emu.url }, ctx)));
    expect(emu.count()).toBe(oneScan);
    expect(emu.count("rds.DescribeBackups")).toBe(oneScan);
    for (const r of results) expect(stable(r.outputs)).toEqual(stable(single.outputs));
    expect(ctx.cache!.hits).toBe(49 * oneScan);
    console.log(`load: 50 concurrent lookups of one instance -> ${emu.count()} requests (one lookup alone: ${oneScan})`);
  });

  test(`50 lookups of 50 instances with ${LATENCY_MS} ms latency: never more than ${BOUND} requests in flight per endpoint, all correct`, async () => {
    emu.setLatency(LATENCY_MS);
    const ctx = testContext();
    const jobs = Array.from({ length: 50 }, (_, i) => {
      if (i % 3 === 0)
        return { i, name: "alicloud.rds.BackupSet", args: { dbInstanceId: rdsId(i) }, expected: newestUsableRds(rdsData.get(rdsId(i))!).BackupId };
      if (i % 3 === 1) return { i, name: "alicloud.kvstore.BackupSet", args: { instanceId: kvId(i) }, expected: String(kvData.get(kvId(i))![0].BackupId) };
      return { i, name: "huaweicloud.dcs.BackupSet", args: { instanceId: dcsId(i) }, expected: dcsData.get(dcsId(i))![0].backup_id };
    });
    const started = performance.now();
    const results = await Promise.all(jobs.map((j) => lookup(j.name, { ...j.args, endpoint: emu.url }, ctx)));
    const elapsed = performance.now() - started;
    results.forEach((r, k) => expect([jobs[k].name, r.outputs.backupId]).toEqual([jobs[k].name, jobs[k].expected]));

    const host = new URL(emu.url).host;
    const peak = ctx.limiter.peak.get(host);
    const observed = maxInFlight(served);
    expect(emu.count()).toBe(50);
    expect(served).toHaveLength(50);
    expect(peak).toBe(BOUND);
    expect(observed).toBeLessThanOrEqual(BOUND);
    expect(observed).toBeGreaterThanOrEqual(BOUND - 1); // the bound was actually reached, not avoided
    // 50 requests, at most BOUND at a time, each at least LATENCY_MS: at least ceil(50 / BOUND) rounds.
    expect(elapsed).toBeGreaterThanOrEqual(Math.ceil(50 / BOUND) * LATENCY_MS * 0.9);
    console.log(`load: 50 lookups of 50 instances -> limiter peak ${peak}, emulator max in flight ${observed} (bound ${BOUND}), ${Math.round(elapsed)} ms`);
  });

  test("a failing lookup among many rejects only its own promise (no unhandled rejection, the others correct)", async () => {
    emu.setLatency(5);
    emu.faults.add("kvstore.DescribeBackups", { kind: "http", status: 403 }, 1);
    const ctx = testContext({ maxAttempts: 2 });
    const settled = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        i === 0
          ? lookup("alicloud.kvstore.BackupSet", { instanceId: kvId(1), endpoint: emu.url }, ctx)
          : lookup("alicloud.rds.BackupSet", { dbInstanceId: rdsId(i), endpoint: emu.url }, ctx),
      ),
    );
    expect(settled.map((s) => s.status)).toEqual(["rejected", ...new Array<string>(11).fill("fulfilled")]);
    expect(((settled[0] as PromiseRejectedResult).reason as { code?: string }).code).toBe("Forbidden.RAM");
    // Node reports an unhandled rejection once the microtasks have run: one turn of the event loop lets a late
    // one reach the listener before afterEach looks (no fixed wait).
    await new Promise((r) => setImmediate(r));
  });

  test("memory stays flat over 1,000 sequential lookups of all five kinds (cache cleared every 50)", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const settle = () => {
      for (let k = 0; k < 3; k++) gc();
      return process.memoryUsage().heapUsed;
    };
    // The official Alibaba client (httpx) keeps each finished request reachable from a timer until its read
    // timeout would have fired (about 6 KB a call): garbage held for requestTimeoutMs, not a leak. A short
    // timeout makes the plateau visible within the run; the final figure is taken after one more timeout.
    const REQUEST_TIMEOUT_MS = 1000;
    const ctx = testContext({ cache: new RequestCache(), requestTimeoutMs: REQUEST_TIMEOUT_MS });
    const args = (i: number): [string, Record<string, unknown>] => {
      const n = Math.floor(i / 5) % 10;
      switch (i % 5) {
        case 0:
          return ["alicloud.rds.BackupSet", { dbInstanceId: rdsId(n) }];
        case 1:
          return ["alicloud.rds.BackupTask", { dbInstanceId: rdsId(n), backupJobId: String(7_000_000 + n) }];
        case 2:
          return ["alicloud.rds.UserBackupFile", { region: REGIONS[n] }];
        case 3:
          return ["alicloud.kvstore.BackupSet", { instanceId: kvId(n) }];
        default:
          return ["huaweicloud.dcs.BackupSet", { instanceId: dcsId(n) }];
      }
    };
    const heap: number[] = [];
    let requests = 0;
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      if (i % 50 === 0) {
        ctx.cache!.clear();
        requests += emu.count();
        emu.resetRequests();
        served.length = 0;
      }
      if (i % 100 === 0) heap.push(settle());
      const [name, a] = args(i);
      const r = await lookup(name, { ...a, endpoint: emu.url }, ctx);
      if (r.outputs.backupExists !== true) throw new Error(`lookup ${i} (${name}) found nothing`);
    }
    requests += emu.count();
    heap.push(settle());
    const elapsed = performance.now() - started;
    await new Promise((r) => setTimeout(r, REQUEST_TIMEOUT_MS + 200));
    const settled = settle();
    const mb = (b: number) => Math.round((b / 1048576) * 100) / 100;
    const warm = heap[1]; // after the first 100 lookups: modules loaded, clients and caches built
    console.log(
      `load: 1,000 lookups in ${Math.round(elapsed)} ms, ${requests} requests; heapUsed after gc every 100 lookups (MB): ${heap.map(mb).join(", ")}; ` +
        `${REQUEST_TIMEOUT_MS} ms later ${mb(settled)} MB; growth after warm-up: ${mb(heap[heap.length - 1] - warm)} MB at the end of the run, ${mb(settled - warm)} MB settled`,
    );
    expect(requests).toBe(1000); // 50 distinct (lookup, instance) pairs per batch of 50: one request each
    // A leak of even 3 KB a lookup would show as 2.6 MB here.
    expect(settled - warm).toBeLessThan(2 * 1048576);
    // No trend within the run either: the last 500 lookups add less than 2 MB (1.5 MB would be 3 KB a lookup).
    expect(heap[10] - heap[5]).toBeLessThan(2 * 1048576);
  }, 60_000);
});

describe("the same stacks through the REAL provider host", () => {
  let project: { dir: string; cleanup(): void };
  let host: ProviderHost;
  const providers = new Map<string, string>();

  beforeAll(async () => {
    project = createProviderProject("backup-lookups-reliability-");
    for (const n of ["alicloud.rds.BackupSet", "alicloud.kvstore.BackupSet", "huaweicloud.dcs.BackupSet"] as const)
      providers.set(n, await serializedProvider(n));
    host = await startProviderHost({ cwd: project.dir, callTimeoutMs: 30_000 });
    await host.configure({
      "alicloud:accessKey": secretWire(ALI.accessKeyId),
      "alicloud:secretKey": secretWire(ALI.accessKeySecret),
      "alicloud:region": ALI_REGION,
      "huaweicloud:accessKey": secretWire(HW.accessKey),
      "huaweicloud:secretKey": secretWire(HW.secretKey),
      "huaweicloud:region": HW_REGION,
      "huaweicloud:projectId": HW.projectId,
    });
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    project?.cleanup();
  });

  test("50 concurrent checks of resources on the same instance: one scan, 50 identical answers", async () => {
    const type = dynamicType("alicloud.rds.BackupSet");
    const news = { __provider: providers.get("alicloud.rds.BackupSet")!, dbInstanceId: SAME_RDS, endpoint: emu.url };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => host.check(urnFor(type, `same-${i}`), {}, news)));
    // One scan (3 pages: what one lookup alone costs, previous describe) of the window the checks share. The host
    // reads the wall clock and the window's bounds (minute precision) key its request cache, so checks that
    // straddle a minute boundary legitimately share two windows: each is then scanned exactly once.
    const windows = new Map<string, string[]>();
    for (const r of emu.requests) {
      const window = `${r.params.StartTime}/${r.params.EndTime}`;
      windows.set(window, [...(windows.get(window) ?? []), r.params.PageNumber]);
    }
    expect([1, 2]).toContain(windows.size);
    for (const pages of windows.values()) expect([...pages].sort()).toEqual(["1", "2", "3"]);
    for (const r of results) {
      expect(r.failures).toEqual([]);
      expect(r.inputs.backupId).toBe(newestUsableRds(rdsSame).BackupId);
      expect({ ...r.inputs, resolvedAt: null }).toEqual({ ...results[0].inputs, resolvedAt: null });
    }
    console.log(`load: 50 concurrent provider-host checks of one instance -> ${emu.count()} requests (${windows.size} window(s))`);
  }, 60_000);

  // The host configures each serialized provider (one per lookup kind) on its first use, which can be in the
  // middle of a deployment, and each configure starts a fresh lookup context: the request bound must hold
  // across them (it is one per provider process).
  test(`a lookup kind first used while others are in flight: still at most ${BOUND} requests in flight`, async () => {
    // Slow answers, so the RDS requests are surely in flight (and more queued) when the DCS provider is configured:
    // it is configured once the first RDS answer has come (an event, not a fixed wait), when the rest of the
    // first round are in flight and the next round starts.
    emu.setLatency(300);
    const firstRdsAnswer = nextServed((r) => r.action.startsWith("rds."));
    const rds = Array.from({ length: 12 }, (_, i) =>
      host.check(
        urnFor(dynamicType("alicloud.rds.BackupSet"), `inflight-rds-${i}`),
        {},
        { __provider: providers.get("alicloud.rds.BackupSet")!, dbInstanceId: rdsId(20 + i), endpoint: emu.url },
      ),
    );
    await firstRdsAnswer;
    const dcs = Array.from({ length: 12 }, (_, i) =>
      host.check(
        urnFor(dynamicType("huaweicloud.dcs.BackupSet"), `inflight-dcs-${i}`),
        {},
        { __provider: providers.get("huaweicloud.dcs.BackupSet")!, instanceId: dcsId(20 + i), endpoint: emu.url },
      ),
    );
    const results = await Promise.all([...rds, ...dcs]);
    results.forEach((r) => expect(r.failures).toEqual([]));
    const observed = maxInFlight(served);
    expect(served.length).toBe(24);
    console.log(
      `load: provider host, DCS provider configured while 12 RDS checks were in flight or queued -> emulator max in flight ${observed} (bound ${BOUND})`,
    );
    expect(observed).toBeLessThanOrEqual(BOUND);
  }, 60_000);

  test(`a mixed stack (RDS, KVStore and DCS lookups on 48 instances) checked concurrently: at most ${BOUND} requests in flight`, async () => {
    emu.setLatency(LATENCY_MS);
    const kinds = ["alicloud.rds.BackupSet", "alicloud.kvstore.BackupSet", "huaweicloud.dcs.BackupSet"];
    const calls = Array.from({ length: 48 }, (_, i) => {
      const name = kinds[i % 3];
      const n = Math.floor(i / 3); // 0..15: instances no earlier test looked up in this host
      const args =
        name === "alicloud.rds.BackupSet"
          ? { dbInstanceId: rdsId(n) }
          : name === "alicloud.kvstore.BackupSet"
            ? { instanceId: kvId(n + 1) }
            : { instanceId: dcsId(n) };
      const expected =
        name === "alicloud.rds.BackupSet"
          ? newestUsableRds(rdsData.get(rdsId(n))!).BackupId
          : name === "alicloud.kvstore.BackupSet"
            ? String(kvData.get(kvId(n + 1))![0].BackupId)
            : dcsData.get(dcsId(n))![0].backup_id;
      return { expected, check: host.check(urnFor(dynamicType(name), `mixed-${i}`), {}, { __provider: providers.get(name)!, ...args, endpoint: emu.url }) };
    });
    const results = await Promise.all(calls.map((c) => c.check));
    results.forEach((r, i) => expect([r.failures, r.inputs.backupId]).toEqual([[], calls[i].expected]));
    const observed = maxInFlight(served);
    expect(served.length).toBe(48);
    expect(observed).toBeLessThanOrEqual(BOUND);
    console.log(`load: provider host, 48 concurrent checks of 3 lookup kinds -> emulator max in flight ${observed} (bound ${BOUND})`);
  }, 60_000);
});
