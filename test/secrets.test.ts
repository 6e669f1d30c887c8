/**
 * No credential ever leaves the package: every lookup and its error paths (wrong secret, throttled then
 * failed, invalid arguments, no backup, stale maxAge, STS credentials and an expired STS token) run through
 * (a) the CLI binary, with and without --debug, (b) runLookup in-process with a capturing logger and the thrown
 * error objects, and (c) the real Pulumi dynamic-provider host configured with the credentials as secret stack
 * config. Every byte they produce is scanned for the access key ids, secrets, the security token, the Huawei
 * AK/SK and every Authorization header and signature the clients computed (captured by a recording proxy in
 * front of the emulator). Zero hits are required. Download URLs reach provider responses only as secrets.
 */
import { createProviderProject } from "./support/providerProject";
import { inspect } from "node:util";
import { runLookup } from "../provider/core/engine";
import { lookupNamed, type LookupName } from "../provider/lookups";
import { rdsTaskScript, startEmulator, userBackupFiles, type Emulator, type Fault } from "./emulator";
import { isoSeconds } from "./emulator/timeFormats";
import { ProviderHostError, isSecretWire, secretWire, startProviderHost, urnFor, type ProviderHost } from "./support/providerHost";
import {
  ALI,
  ALI_REGION,
  HW,
  HW_REGION,
  STS,
  credentialValues,
  dcsFleet,
  dynamicType,
  kvFleet,
  rdsFleet,
  runCli,
  scanner,
  serializedProvider,
  startRecordingProxy,
  stsEnv,
  testContext,
  testEnv,
  uuidFor,
  type RecordingProxy,
} from "./support/faultsEnv";
import { parseJson } from "./support/json";

const NOW = new Date();
const WRONG_ALI_SECRET = "WRONG-ALI-SECRET-abcdef0123456789";
const WRONG_HW_SECRET = "WRONG-HW-SECRET-abcdef0123456789xyz";

const RDS_OK = "rm-emusecret0001";
const RDS_NONE = "rm-emusecret0002";
const KV_OK = "r-emusecret0001";
const KV_NONE = "r-emusecret0002";
const DCS_OK = uuidFor(0x5ec1);
const DCS_NONE = uuidFor(0x5ec2);
const JOB_DONE = 4762614;
const JOB_RUNNING = 4762700;

type Creds = "plain" | "sts" | "wrong" | "stsExpired";
type Exit = 0 | 1 | 2 | 3;

interface Scenario {
  label: string;
  lookup: string;
  args: Record<string, unknown>;
  creds: Creds;
  exit: Exit;
  /** Faults queued on the lookup's action before each run (runs with faults are sequential). */
  faults?: [string, Fault, number][];
}

const ACTION: Record<string, string> = {
  "alicloud.rds.BackupSet": "rds.DescribeBackups",
  "alicloud.rds.BackupTask": "rds.DescribeBackupTasks",
  "alicloud.rds.UserBackupFile": "rds.ListUserBackupFiles",
  "alicloud.kvstore.BackupSet": "kvstore.DescribeBackups",
  "huaweicloud.dcs.BackupSet": "dcs.ListBackupRecords",
};

/** One args object per lookup that succeeds with plain credentials. */
const OK_ARGS: Record<string, Record<string, unknown>> = {
  "alicloud.rds.BackupSet": { dbInstanceId: RDS_OK },
  "alicloud.rds.BackupTask": { dbInstanceId: RDS_OK, backupJobId: String(JOB_DONE) },
  "alicloud.rds.UserBackupFile": {},
  "alicloud.kvstore.BackupSet": { instanceId: KV_OK },
  "huaweicloud.dcs.BackupSet": { instanceId: DCS_OK },
};
const NAMES = Object.keys(OK_ARGS) as LookupName[];

const throttledThenForbidden = (lookup: string): [string, Fault, number][] => [
  [ACTION[lookup], { kind: "throttle" }, 1],
  [ACTION[lookup], { kind: "http", status: 403 }, 1],
];

const SCENARIOS: Scenario[] = [
  ...NAMES.map((n): Scenario => ({ label: `${n} found`, lookup: n, args: OK_ARGS[n], creds: "plain", exit: 0 })),
  { label: "alicloud.rds.BackupTask newest running job", lookup: "alicloud.rds.BackupTask", args: { dbInstanceId: RDS_OK }, creds: "plain", exit: 0 },
  ...NAMES.map((n): Scenario => ({ label: `${n} wrong secret`, lookup: n, args: OK_ARGS[n], creds: "wrong", exit: 1 })),
  ...NAMES.map((n): Scenario => ({
    label: `${n} throttled then failed`,
    lookup: n,
    args: OK_ARGS[n],
    creds: "plain",
    exit: 1,
    faults: throttledThenForbidden(n),
  })),
  {
    label: "alicloud.rds.BackupSet invalid args",
    lookup: "alicloud.rds.BackupSet",
    args: { dbInstanceId: "r-notanrds01", maxAge: "soon" },
    creds: "plain",
    exit: 2,
  },
  {
    label: "alicloud.rds.BackupTask invalid args",
    lookup: "alicloud.rds.BackupTask",
    args: { dbInstanceId: RDS_OK, maxAge: "1d", backupJobId: "x1" },
    creds: "plain",
    exit: 2,
  },
  {
    label: "alicloud.rds.UserBackupFile invalid args",
    lookup: "alicloud.rds.UserBackupFile",
    args: { tags: { "a:b": "c" }, status: "Done" },
    creds: "plain",
    exit: 2,
  },
  // Credentials passed as arguments by mistake: refused, and their values never echoed.
  {
    label: "alicloud.kvstore.BackupSet credentials as arguments",
    lookup: "alicloud.kvstore.BackupSet",
    args: { instanceId: KV_OK, accessKey: ALI.accessKeyId, secretKey: ALI.accessKeySecret, securityToken: STS.securityToken },
    creds: "plain",
    exit: 2,
  },
  {
    label: "huaweicloud.dcs.BackupSet credentials as arguments",
    lookup: "huaweicloud.dcs.BackupSet",
    args: { instanceId: DCS_OK, since: "tomorrow", ak: HW.accessKey, sk: HW.secretKey },
    creds: "plain",
    exit: 2,
  },
  { label: "alicloud.rds.BackupSet no backup", lookup: "alicloud.rds.BackupSet", args: { dbInstanceId: RDS_NONE }, creds: "plain", exit: 3 },
  {
    label: "alicloud.rds.BackupTask no such job",
    lookup: "alicloud.rds.BackupTask",
    args: { dbInstanceId: RDS_OK, backupJobId: "999" },
    creds: "plain",
    exit: 3,
  },
  { label: "alicloud.rds.UserBackupFile no match", lookup: "alicloud.rds.UserBackupFile", args: { comment: "no-such-remark" }, creds: "plain", exit: 3 },
  { label: "alicloud.kvstore.BackupSet no backup", lookup: "alicloud.kvstore.BackupSet", args: { instanceId: KV_NONE }, creds: "plain", exit: 3 },
  { label: "huaweicloud.dcs.BackupSet no backup", lookup: "huaweicloud.dcs.BackupSet", args: { instanceId: DCS_NONE }, creds: "plain", exit: 3 },
  { label: "alicloud.rds.BackupSet stale", lookup: "alicloud.rds.BackupSet", args: { dbInstanceId: RDS_OK, maxAge: "1m" }, creds: "plain", exit: 3 },
  { label: "alicloud.rds.UserBackupFile stale", lookup: "alicloud.rds.UserBackupFile", args: { maxAge: "1m" }, creds: "plain", exit: 3 },
  { label: "alicloud.kvstore.BackupSet stale", lookup: "alicloud.kvstore.BackupSet", args: { instanceId: KV_OK, maxAge: "1m" }, creds: "plain", exit: 3 },
  { label: "huaweicloud.dcs.BackupSet stale", lookup: "huaweicloud.dcs.BackupSet", args: { instanceId: DCS_OK, maxAge: "1m" }, creds: "plain", exit: 3 },
  ...NAMES.filter((n) => n.startsWith("alicloud.")).map((n): Scenario => ({ label: `${n} STS`, lookup: n, args: OK_ARGS[n], creds: "sts", exit: 0 })),
  // (`since` makes it a request of its own, never answered from a provider process's cache)
  {
    label: "alicloud.rds.BackupSet STS token expired",
    lookup: "alicloud.rds.BackupSet",
    args: { ...OK_ARGS["alicloud.rds.BackupSet"], since: "30d" },
    creds: "stsExpired",
    exit: 1,
  },
];

let emu: Emulator;
let proxy: RecordingProxy;
/** Every output produced, by label, scanned at the end. */
const outputs: { label: string; text: string }[] = [];
const collect = (label: string, text: string) => outputs.push({ label, text });

function envFor(creds: Creds): Record<string, string | undefined> {
  if (creds === "sts" || creds === "stsExpired") return stsEnv();
  if (creds === "wrong") return testEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: WRONG_ALI_SECRET, HW_SECRET_KEY: WRONG_HW_SECRET });
  return testEnv();
}

function configFor(creds: Creds): Record<string, string | ReturnType<typeof secretWire>> {
  const ali: Record<string, ReturnType<typeof secretWire>> = creds === "sts" || creds === "stsExpired"
    ? {
        "alicloud:accessKey": secretWire(STS.accessKeyId),
        "alicloud:secretKey": secretWire(STS.accessKeySecret),
        "alicloud:securityToken": secretWire(STS.securityToken),
      }
    : { "alicloud:accessKey": secretWire(ALI.accessKeyId), "alicloud:secretKey": secretWire(creds === "wrong" ? WRONG_ALI_SECRET : ALI.accessKeySecret) };
  return {
    ...ali,
    "alicloud:region": ALI_REGION,
    "huaweicloud:accessKey": secretWire(HW.accessKey),
    "huaweicloud:secretKey": secretWire(creds === "wrong" ? WRONG_HW_SECRET : HW.secretKey),
    "huaweicloud:region": HW_REGION,
    "huaweicloud:projectId": HW.projectId,
  };
}

/** Runs `fn` with the STS token marked expired when the scenario asks for it. */
async function withCreds<T>(s: Scenario, fn: () => Promise<T>): Promise<T> {
  const key = emu.credentials.alibaba.get(STS.accessKeyId)!;
  key.tokenExpired = s.creds === "stsExpired";
  for (const [action, fault, times] of s.faults ?? []) emu.faults.add(action, fault, times);
  try {
    return await fn();
  } finally {
    key.tokenExpired = false;
  }
}

/** Runs tasks with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}

const downloadUrls = new Set<string>();

beforeAll(async () => {
  emu = await startEmulator({ seed: 23 });
  proxy = await startRecordingProxy(emu.url);
  const rds = rdsFleet({ instanceId: RDS_OK, count: 5, now: NOW });
  emu.data.addRdsInstance(RDS_OK, rds);
  emu.data.addRdsInstance(RDS_NONE, rdsFleet({ instanceId: RDS_NONE, count: 3, now: NOW, failedEvery: 1 }));
  // The finished job's backup set is old, so "stale" stays stale whichever scenario runs first.
  const produces = { BackupStartTime: isoSeconds(NOW.getTime() - 3 * 3_600_000), BackupEndTime: isoSeconds(NOW.getTime() - 2.9 * 3_600_000) };
  emu.data.addRdsTask(RDS_OK, rdsTaskScript({ backupJobId: JOB_DONE, instanceId: RDS_OK, now: NOW, steps: [{ status: "Finished", process: 100 }], produces }));
  emu.data.addRdsTask(RDS_OK, rdsTaskScript({ backupJobId: JOB_RUNNING, instanceId: RDS_OK, now: NOW, steps: [{ status: "Uploading", process: 40 }] }));
  emu.data.addUserBackupFiles(ALI_REGION, userBackupFiles({ count: 6, now: new Date(NOW.getTime() - 3_600_000), seed: 3 }));
  const kv = kvFleet({ instanceId: KV_OK, count: 3, now: NOW });
  emu.data.addKvstoreInstance(KV_OK, kv);
  emu.data.addKvstoreInstance(KV_NONE, []);
  emu.data.addDcsInstance(HW.projectId, DCS_OK, dcsFleet({ instanceId: DCS_OK, count: 3, now: NOW }));
  emu.data.addDcsInstance(HW.projectId, DCS_NONE, []);
  for (const b of [...rds, ...kv]) for (const u of [b.BackupDownloadURL, b.BackupIntranetDownloadURL]) if (u) downloadUrls.add(u);
});

afterAll(async () => {
  await proxy?.close();
  await emu?.close();
});

const withEndpoint = (s: Scenario) => ({ ...s.args, endpoint: proxy.url });

describe("secrets never leave the package", () => {
  test("(a) the CLI binary, every scenario, with and without --debug: the exit status each promises", async () => {
    const results: { s: Scenario; debug: boolean; status: number | null; stdout: string; stderr: string }[] = [];
    const runOne = async (s: Scenario, debug: boolean) => {
      const argv = [s.lookup, "--args", JSON.stringify(withEndpoint(s)), ...(debug ? ["--debug"] : [])];
      const run = await withCreds(s, () => runCli(argv, envFor(s.creds)));
      results.push({ s, debug, ...run });
      collect(`cli ${s.label}${debug ? " --debug" : ""} stdout`, run.stdout);
      collect(`cli ${s.label}${debug ? " --debug" : ""} stderr`, run.stderr);
    };
    const runs = SCENARIOS.flatMap((s) => [false, true].map((debug) => ({ s, debug })));
    // Faults are queued per action: runs with faults go one per action at a time (the five lookups use five
    // actions, so those five run side by side); the expired-token runs go last (the flag is global).
    await pool(
      runs.filter((r) => !r.s.faults && r.s.creds !== "stsExpired"),
      4,
      (r) => runOne(r.s, r.debug),
    );
    await Promise.all(
      SCENARIOS.filter((s) => s.faults).map(async (s) => {
        await runOne(s, false);
        await runOne(s, true);
      }),
    );
    expect(emu.faults.pending()).toBe(0);
    for (const r of runs.filter((x) => x.s.creds === "stsExpired")) await runOne(r.s, r.debug);

    expect(results).toHaveLength(SCENARIOS.length * 2);
    for (const r of results) {
      const where = `${r.s.label}${r.debug ? " --debug" : ""}: ${r.stderr}`;
      expect([where, r.status]).toEqual([where, r.s.exit]);
      if (r.s.exit === 0) expect(parseJson(r.stdout)).toEqual(expect.objectContaining({ backupExists: expect.any(Boolean) as unknown }));
      else {
        expect(r.stdout).toBe("");
        expect(r.stderr).toContain(`backup-lookup ${r.s.lookup}: `);
        if (!r.debug) expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    }
  }, 90_000);

  test("(b) runLookup in-process: logs (info/warn/debug), results and the thrown errors (message, stack, JSON, enumerable properties, inspect)", async () => {
    let failures = 0;
    for (const s of SCENARIOS) {
      const ctx = testContext({ maxAttempts: 3, env: envFor(s.creds) });
      const outcome = await withCreds(s, async () => {
        try {
          return { result: await runLookup(lookupNamed(s.lookup)!, withEndpoint(s), ctx, { form: "function" }) };
        } catch (err) {
          return { err: err as Error & { exitStatus?: number } };
        }
      });
      collect(`in-process ${s.label} log`, ctx.logger.text());
      if (outcome.result) {
        expect([s.label, 0]).toEqual([s.label, s.exit]);
        collect(`in-process ${s.label} result`, JSON.stringify(outcome.result));
      } else {
        failures++;
        const err = outcome.err;
        expect([s.label, err.exitStatus]).toEqual([s.label, s.exit]);
        collect(`in-process ${s.label} error.message`, String(err.message));
        collect(`in-process ${s.label} error.stack`, String(err.stack));
        collect(`in-process ${s.label} JSON.stringify(error)`, JSON.stringify(err));
        collect(`in-process ${s.label} JSON.stringify({...error})`, JSON.stringify({ ...err }));
        collect(`in-process ${s.label} String(error)`, String(err));
        collect(`in-process ${s.label} inspect(error)`, inspect(err, { depth: 10, showHidden: true }));
      }
    }
    expect(failures).toBe(SCENARIOS.filter((s) => s.exit !== 0).length);
  }, 60_000);

  describe("(c) the real provider host, credentials as secret stack config", () => {
    const project = { dir: "", cleanup: () => undefined as void };
    const hosts = new Map<Creds, ProviderHost>();
    const providers = new Map<string, string>();

    beforeAll(async () => {
      Object.assign(project, createProviderProject("backup-lookups-reliability-"));
      for (const n of NAMES) providers.set(n, await serializedProvider(n));
      await Promise.all(
        (["plain", "wrong", "sts"] as Creds[]).map(async (c) => {
          const host = await startProviderHost({ cwd: project.dir });
          await host.configure(configFor(c));
          hosts.set(c, host);
        }),
      );
    }, 60_000);

    afterAll(async () => {
      for (const [c, h] of hosts) {
        collect(`provider host ${c} rawResponses`, JSON.stringify(h.rawResponses));
        collect(`provider host ${c} stdout`, h.stdout());
        collect(`provider host ${c} stderr`, h.stderr());
        await h.close();
      }
      for (const [n, p] of providers) collect(`serialized __provider ${n}`, p);
      project.cleanup();
    });

    test("check / create / read for every scenario: answers, check failures and errors as the engine would see them", async () => {
      const hostErrors: string[] = [];
      // The provider process shares one request cache across lookups (as under `pulumi up`): the fault
      // scenarios go first, before an identical successful query could answer them from the cache.
      const ordered = [...SCENARIOS.filter((s) => s.faults), ...SCENARIOS.filter((s) => !s.faults)];
      for (const s of ordered) {
        const host = hosts.get(s.creds === "stsExpired" ? "sts" : s.creds)!;
        const urn = urnFor(dynamicType(s.lookup), s.label.replace(/\W+/g, "-"));
        const news = { __provider: providers.get(s.lookup)!, ...withEndpoint(s) };
        await withCreds(s, async () => {
          try {
            const checked = await host.check(urn, {}, news);
            if (s.exit === 2) {
              expect(checked.failures.length).toBeGreaterThan(0);
              for (const f of checked.failures) collect(`provider ${s.label} failure`, JSON.stringify(f));
              return;
            }
            expect([s.label, checked.failures]).toEqual([s.label, []]);
            expect([s.label, 0]).toEqual([s.label, s.exit]);
            const created = await host.create(urn, checked.inputs);
            expect(created.id).toMatch(new RegExp(`^${s.lookup.replace(/\./g, "\\.")}:`));
            const read = await host.read(created.id, urn, created.properties, checked.inputs);
            expect(read.id).toBe(created.id);
            expect(read.properties.backupExists).toBe(true);
          } catch (err) {
            if (!(err instanceof ProviderHostError)) throw err;
            expect([s.label, "error"]).toEqual([s.label, s.exit === 0 ? "answer" : "error"]);
            hostErrors.push(err.details);
            collect(`provider ${s.label} error`, `${err.message}\n${err.details}\n${err.stack}`);
          }
        });
      }
      expect(hostErrors.length).toBe(SCENARIOS.filter((s) => s.exit === 1 || s.exit === 3).length);
      expect(emu.faults.pending()).toBe(0);
    }, 90_000);

    test("download URLs reach provider responses only in the secret wire form", () => {
      const plain: string[] = [];
      let secret = 0;
      const walk = (v: unknown, where: string, inSecret: boolean) => {
        if (typeof v === "string") {
          for (const u of downloadUrls) {
            if (!v.includes(u) && !v.includes(u.split("?")[0])) continue;
            if (inSecret) secret++;
            else plain.push(where);
          }
        } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`, inSecret));
        else if (v && typeof v === "object") {
          const s = inSecret || isSecretWire(v);
          for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`, s);
        }
      };
      for (const [c, h] of hosts) {
        walk(h.rawResponses, `host(${c})`, false);
        for (const u of downloadUrls) {
          expect(h.stdout()).not.toContain(u.split("?")[0]);
          expect(h.stderr()).not.toContain(u.split("?")[0]);
        }
      }
      for (const p of providers.values()) for (const u of downloadUrls) expect(p).not.toContain(u.split("?")[0]);
      expect(plain).toEqual([]);
      // RDS and KVStore, plain and STS hosts: check, create and read each carry both URLs of the chosen backup.
      expect(secret).toBeGreaterThanOrEqual(2 * 2 * 3 * 2);
      console.log(`download URLs in provider responses: ${secret} occurrences, all in the secret wire form; ${plain.length} in plaintext`);
    });
  });

  test("the scan: zero credentials, Authorization headers or signatures in any output", () => {
    const computed = proxy.computedSecrets();
    // The proxy saw every request; each carried an Authorization header (and STS ones the token).
    expect(proxy.requests.length).toBeGreaterThan(100);
    expect(proxy.requests.every((r) => typeof r.headers.authorization === "string")).toBe(true);
    expect(computed.filter((x) => /^(ACS3|SDK)-HMAC-SHA256 /.test(x)).length).toBeGreaterThan(100);
    expect(computed).toContain(STS.securityToken);
    const needles = () => [...credentialValues(), WRONG_ALI_SECRET, WRONG_HW_SECRET, ...computed];
    const { report, scan } = scanner(needles);
    for (const o of outputs) scan(o.label, o.text);
    const channels = {
      cli: outputs.filter((o) => o.label.startsWith("cli ")).length,
      inProcess: outputs.filter((o) => o.label.startsWith("in-process ")).length,
      provider: outputs.filter((o) => /^(provider|serialized)/.test(o.label)).length,
    };
    console.log(
      `secret scan: ${report.outputs} outputs (${channels.cli} CLI, ${channels.inProcess} in-process, ${channels.provider} provider host), ` +
        `${report.bytes} bytes, ${needles().length} needles (${credentialValues().length + 2} credentials, ${computed.length} computed signatures/headers/tokens), ${report.hits.length} hits`,
    );
    expect(report.hits).toEqual([]);
    // The scanner itself finds a planted needle in every form it checks (a control against a vacuous pass).
    const control = scanner(() => [computed[0], STS.securityToken, HW.secretKey]);
    control.scan("plain", `x ${computed[0]} y`);
    control.scan("url-encoded", `?t=${encodeURIComponent(STS.securityToken)}`);
    control.scan("json", JSON.stringify({ k: HW.secretKey }));
    expect(control.report.hits.map((h) => h.output)).toEqual(["plain", "url-encoded", "json"]);
    expect(channels.cli).toBe(SCENARIOS.length * 4);
    expect(channels.provider).toBeGreaterThan(SCENARIOS.length);
  });
});
