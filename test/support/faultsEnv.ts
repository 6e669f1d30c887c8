/**
 * Shared helpers of the reliability and secret tests (faults.test.ts, secrets.test.ts, load.test.ts):
 * a lookup context wired to the emulator, a capturing logger, fleets whose times are relative to the real
 * clock (the emulator checks signature timestamps against real time), an oracle for "newest usable", a
 * recording proxy that captures every signature the client computed, and a secret scanner.
 */
import type { LookupName } from "../../provider/lookups";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { Clock, systemClock } from "../../provider/core/clock";
import { createContext, Logger, LookupContext } from "../../provider/core/context";
import { ConcurrencyLimiter } from "../../provider/core/limiter";
import { RequestCache } from "../../provider/core/RequestCache";
import { DEFAULT_RETRY_POLICY, RetryPolicy } from "../../provider/core/retry";
import { TEST_CREDENTIALS, dcsBackupRecord, kvstoreBackup, rdsBackup, type DcsBackupRecord, type KvstoreBackup, type RdsBackup } from "../emulator";
import { isoMillis, isoSeconds } from "../emulator/timeFormats";
import { REPO, definedOnly, runCli as runCliIn } from "./cli";
import { MINUTE, bruteForceRds, testEnv } from "./lookupEnv";
import { timeEnv } from "./timeEnv";

// The regions, time units, environment, `lookup` and `failure` are the in-process lookup tests' (lookupEnv.ts).
export { ALI_REGION, HW_REGION, MINUTE, HOUR, DAY, failure, lookup, requestLogLine, testEnv } from "./lookupEnv";

export const ALI = TEST_CREDENTIALS.alibaba;
export const STS = TEST_CREDENTIALS.alibabaSts;
export const HW = TEST_CREDENTIALS.huawei;

/** The lookups' environment (testEnv) with the STS credential (key id, secret and security token) for Alibaba. */
export function stsEnv(): Record<string, string | undefined> {
  return testEnv({
    ALIBABA_CLOUD_ACCESS_KEY_ID: STS.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS.accessKeySecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: STS.securityToken,
  });
}

export interface LogLine {
  level: "info" | "warn" | "debug";
  message: string;
}

export type CapturingLogger = Logger & { lines: LogLine[]; warnings(): string[]; text(): string };

export function capturingLogger(): CapturingLogger {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (message) => void lines.push({ level: "info", message }),
    warn: (message) => void lines.push({ level: "warn", message }),
    debug: (message) => void lines.push({ level: "debug", message }),
    warnings: () => lines.filter((l) => l.level === "warn").map((l) => l.message),
    text: () => lines.map((l) => `${l.level}: ${l.message}`).join("\n"),
  };
}

export interface TestContextOptions {
  maxAttempts?: number;
  requestTimeoutMs?: number;
  env?: Record<string, string | undefined>;
  config?: Record<string, string>;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  cache?: RequestCache | undefined;
  maxConcurrent?: number;
}

export type TestContext = LookupContext & { logger: CapturingLogger };

/** A context as the provider process builds one, with zero-base backoff so retries are instant. */
export function testContext(o: TestContextOptions = {}): TestContext {
  const logger = capturingLogger();
  const ctx = createContext({
    clock: o.clock ?? systemClock,
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 0, maxAttempts: o.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts, ...o.retry },
    requestTimeoutMs: o.requestTimeoutMs ?? 5000,
    limiter: new ConcurrencyLimiter(o.maxConcurrent ?? 4),
    cache: "cache" in o ? o.cache : new RequestCache(),
    log: logger,
    config: o.config ?? {},
    env: o.env ?? testEnv(),
  });
  return Object.assign(ctx, { logger });
}

/** Outputs without `resolvedAt` (it moves with the clock), for comparing two runs. */
export function stable(outputs: Record<string, unknown>): Record<string, unknown> {
  const { resolvedAt: _r, ...rest } = outputs;
  return rest;
}

// ------------------------------------------------------------------------------------------------ fleets

/** What every fleet is: `count` records of one instance, newest first. */
export interface FleetOptions {
  instanceId: string;
  count: number;
  now: Date;
  /** Minutes between records (newest first, the newest started `firstAgoMin` minutes ago). */
  stepMin?: number;
  firstAgoMin?: number;
}

/** `o.count` records newest first: `make` gets the i-th one's start (`stepMin` apart, the newest `firstAgoMin` before `now`) and i. */
function fleet<T>(o: FleetOptions, make: (startMs: number, i: number) => T): T[] {
  const step = (o.stepMin ?? 5) * MINUTE;
  const first = o.now.getTime() - (o.firstAgoMin ?? 30) * MINUTE;
  return Array.from({ length: o.count }, (_, i) => make(first - i * step, i));
}

export interface RdsFleetOptions extends FleetOptions {
  /** Backup id of the newest record; older ones count down. */
  topId?: number;
  /** Every n-th record (1-based from the newest) is Failed. */
  failedEvery?: number;
}

/** RDS backup sets at fixed offsets from `now`, newest first; every record starts and ends before `now`. */
export function rdsFleet(o: RdsFleetOptions): RdsBackup[] {
  return fleet(o, (start, i) => {
    const failed = o.failedEvery !== undefined && (i + 1) % o.failedEvery === 0;
    return rdsBackup({
      DBInstanceId: o.instanceId,
      BackupId: String((o.topId ?? 500_000_000) - i * 7),
      BackupStartTime: isoSeconds(start),
      BackupEndTime: isoSeconds(start + 3 * MINUTE + (i % 13) * 1000),
      BackupStatus: failed ? "Failed" : "Success",
      IsAvail: failed ? 0 : 1,
      BackupSize: 1_000_000 + i,
    });
  });
}

export interface KvFleetOptions extends FleetOptions {
  topId?: number;
}

/** KVStore backups of a standard instance (one shard per job), newest first. */
export function kvFleet(o: KvFleetOptions): KvstoreBackup[] {
  return fleet(o, (start, i) =>
    kvstoreBackup({
      NodeInstanceId: o.instanceId,
      BackupId: (o.topId ?? 700_000_000) - i * 3,
      BackupJobID: 90_000 - i,
      BackupStartTime: isoSeconds(start),
      BackupEndTime: isoSeconds(start + 2 * MINUTE + (i % 7) * 1000),
    }),
  );
}

export type DcsFleetOptions = FleetOptions;

/** Deterministic UUID-shaped ids (`00000000-0000-4000-8000-00000000002a`). */
export function uuidFor(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

/** DCS backup records, newest first, all `succeed` and restorable. */
export function dcsFleet(o: DcsFleetOptions): DcsBackupRecord[] {
  return fleet(o, (created, i) =>
    dcsBackupRecord({
      backup_id: uuidFor(10_000 + i),
      instance_id: o.instanceId,
      created_at: isoMillis(created),
      updated_at: isoMillis(created + 90_000 + (i % 11) * 1000),
      execution_at: isoMillis(created),
    }),
  );
}

/** The oracle for RDS: the newest `Success` + `IsAvail 1` set by end, start, then numeric id. */
export function newestUsableRds(backups: RdsBackup[]): RdsBackup {
  return bruteForceRds(backups)!;
}

// ------------------------------------------------------------------------------------- recording proxy

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordingProxy {
  url: string;
  requests: ProxiedRequest[];
  /** Every Authorization header value and every `Signature=` value the clients computed (and security tokens sent). */
  computedSecrets(): string[];
  close(): Promise<void>;
}

/**
 * A transparent HTTP proxy in front of the emulator that records each request as the client sent it, so a
 * test can learn the signatures the client computed (the emulator strips them from `requests`).
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const t = new URL(target);
  const requests: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: body.toString("utf8") });
      const upstream = http.request(
        { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: req.headers.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.socket?.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    computedSecrets() {
      const out = new Set<string>();
      for (const r of requests) {
        const auth = r.headers.authorization;
        if (typeof auth === "string") {
          out.add(auth);
          for (const m of auth.matchAll(/Signature=([0-9A-Za-z+/=]+)/g)) out.add(m[1]);
        }
        for (const h of ["x-acs-security-token", "x-security-token", "x-acs-signature"]) {
          const v = r.headers[h];
          if (typeof v === "string" && v) out.add(v);
        }
        const all = new URLSearchParams(r.url.includes("?") ? r.url.slice(r.url.indexOf("?") + 1) : "");
        for (const [k, v] of new URLSearchParams(r.body)) all.append(k, v);
        for (const k of ["Signature", "SecurityToken"]) {
          const v = all.get(k);
          if (v) out.add(v);
        }
      }
      return [...out];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------- scanning

/** The credential values no output may contain. */
export function credentialValues(): string[] {
  return [ALI.accessKeyId, ALI.accessKeySecret, STS.accessKeyId, STS.accessKeySecret, STS.securityToken, HW.accessKey, HW.secretKey];
}

export interface ScanReport {
  outputs: number;
  bytes: number;
  hits: { output: string; secret: string }[];
}

/** Scans labelled texts for each needle (also URL-encoded and JSON-escaped forms). */
export function scanner(needles: () => string[]) {
  const report: ScanReport = { outputs: 0, bytes: 0, hits: [] };
  return {
    report,
    scan: (label: string, text: string) => {
      report.outputs++;
      report.bytes += Buffer.byteLength(text);
      for (const n of needles()) {
        if (!n) continue;
        const forms = new Set([n, encodeURIComponent(n), JSON.stringify(n).slice(1, -1)]);
        for (const f of forms) if (text.includes(f)) report.hits.push({ output: label, secret: n.slice(0, 12) + "…" });
      }
    },
  };
}

// ------------------------------------------------------------------------------------------------- CLI

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/backup-lookup.js ...args` with exactly `env` (plus PATH, HOME, TMPDIR, LANG and the clock variables (timeEnv.ts) of this process). */
export async function runCli(args: string[], env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<CliRun> {
  const inherited = definedOnly({ PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, LANG: process.env.LANG, ...timeEnv() });
  const { status, stdout, stderr } = await runCliIn(args, { ...inherited, ...definedOnly(env) }, timeoutMs);
  return { status, stdout, stderr };
}

// ------------------------------------------------------------------------------------- provider host

/** The `__provider` text the SDK stores for a lookup's resource (dynamic/index.js serializeProvider). */
export async function serializedProvider(lookupName: LookupName): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by the tests that serialize
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built module, as users' programs load it
  const { makeProvider } = require(path.join(REPO, "dist", "provider", "pulumi", "makeProvider.js")) as typeof import("../../provider/pulumi/makeProvider");
  const provider = makeProvider(lookupName);
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return sf.text;
}

/** The dynamic resource type the engine sends for a lookup. */
export const dynamicType = (lookupName: string) => `pulumi-nodejs:dynamic/backup-lookups:${lookupName}`;
