import { outputNames } from "../provider/core/declaration";
/**
 * The dynamic provider as the Pulumi engine drives it: the REAL Node dynamic-provider host
 * (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC (test/support/providerHost.ts), the `__provider` strings the
 * SDK serializes from the resource classes (test/support/providerProject.ts), and the emulator for the clouds.
 *
 * Engine and SDK behaviour this relies on (read from the source; restated with links in docs/pulumi.md):
 * - preview = Check only; with no supportsPreview the engine uses the CHECKED INPUTS as the outputs
 *   (pkg/resource/plugin/provider_plugin.go Create, "If the provider does not support previews, return the
 *   inputs as the state"; the harness's `create(..., {preview: true})` copies that);
 * - `olds` in Check are the previously stored checked inputs; Diff/Update get the old OUTPUTS as `olds`;
 * - Configure carries the whole stack config with namespaced keys, secrets unwrapped by the host
 *   (cmd/dynamic-provider/index.js `configure`); the host configures a provider once per distinct `__provider`
 *   string, on its first CRUD call (`getProvider`, `providerCache[providerString]`);
 * - Read returning the same id keeps the resource (a blank id would drop it from state);
 * - the engine prints a failing property's checked input value ("property p value {v} has a problem",
 *   pkg/resource/deploy/step_generator.go issueCheckFailures).
 *
 * One host and one emulator serve this file. A new DEPLOYMENT (a fresh `pulumi up`, which in the engine is a
 * fresh provider process) is modelled by {@link deployment}: it sends Configure with the stack config and hands
 * out a new `__provider` string (the SDK's text plus a trailing comment), so the host deserializes and
 * configures the provider afresh, which starts a new lookup context (no request cache carried over from the
 * previous deployment).
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { Emulator, RdsBackup, TEST_CREDENTIALS, dcsBackupRecord, kvstoreBackup, rdsBackup, rdsTaskScript, startEmulator, userBackupFile } from "./emulator";
import {
  ProviderHost,
  ProviderHostError,
  SecretWire,
  UNKNOWN,
  isSecretWire,
  secretWire,
  startProviderHost,
  unwrapSecrets,
  urnFor,
  waitForOutput,
} from "./support/providerHost";
import {
  IMPLEMENTATION_REQUIRE,
  LOOKUP_NAMES,
  LookupName,
  ProviderProject,
  createProviderProject,
  dynamicTypeOf,
  occurrences,
  serializedProviders,
} from "./support/providerProject";
import { ALI_CREDENTIALS_REFUSED, HW_CREDENTIALS_REFUSED, rdsOutputs as rdsRecordOutputs } from "./support/lookupEnv";
import { makeProvider } from "../provider/pulumi/makeProvider";
import { lookupNamed } from "../provider/lookups";

const ALI = TEST_CREDENTIALS.alibaba;
const STS = TEST_CREDENTIALS.alibabaSts;
const HW = TEST_CREDENTIALS.huawei;
const REGION = "cn-hangzhou";
const WRONG_SECRET = "EMU-WRONG-SECRET-not-the-real-one-42";
const PASSED_AS_ARGUMENT = "LTAI5tPASSEDasANargument";

/** The stack config the engine sends (every namespace; secret values in the secret wire form). */
const STACK_CONFIG: Record<string, string | SecretWire> = {
  "alicloud:accessKey": ALI.accessKeyId,
  "alicloud:secretKey": secretWire(ALI.accessKeySecret),
  "alicloud:region": REGION,
  "huaweicloud:accessKey": HW.accessKey,
  "huaweicloud:secretKey": secretWire(HW.secretKey),
  "huaweicloud:region": "cn-north-4",
  "huaweicloud:projectId": HW.projectId,
  "lookup-test-project:unrelated": "not for the lookups",
};

/** Every credential value this file uses: none may appear in a response, the host's output or `__provider`. */
const CREDENTIAL_VALUES = [
  ALI.accessKeyId,
  ALI.accessKeySecret,
  STS.accessKeyId,
  STS.accessKeySecret,
  STS.securityToken,
  HW.accessKey,
  HW.secretKey,
  WRONG_SECRET,
  PASSED_AS_ARGUMENT,
];

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** ISO-8601 UTC to the second, the contract's output format. */
const iso = (ms: number) => new Date(Math.floor(ms / SEC) * SEC).toISOString().replace(".000Z", "Z");
const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** A time `h` hours before the file started, to the second (the emulator's records need whole seconds). */
const T0 = Math.floor(Date.now() / SEC) * SEC;
const hoursAgo = (h: number) => T0 - h * HOUR;

let emulator: Emulator;
let project: ProviderProject;
let host: ProviderHost;
let providers: Record<LookupName, string>;
let deployments = 0;

beforeAll(async () => {
  providers = await serializedProviders();
  emulator = await startEmulator({ seed: 11 });
  project = createProviderProject();
  // No credential in the host's environment: the harness passes only PATH, HOME, temp and locale variables.
  host = await startProviderHost({ cwd: project.dir });
});

afterAll(async () => {
  await host?.close();
  await emulator?.close();
  project?.cleanup();
});

/** A new deployment of `lookup` (see the file header): Configure with `config`, then a fresh `__provider`. */
async function deployment(lookup: LookupName, config: Record<string, string | SecretWire> = STACK_CONFIG): Promise<string> {
  await host.configure(config);
  deployments++;
  return `${providers[lookup]}\n// deployment ${deployments}\n`;
}

const urnOf = (lookup: LookupName, name: string) => urnFor(dynamicTypeOf(lookup), name);

/** Runs `fn` and returns how many requests the emulator answered meanwhile. */
async function requestsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const before = emulator.count();
  const result = await fn();
  return { result, requests: emulator.count() - before };
}

/** Checks `news` (plus the new `__provider` p) against `olds` in a new deployment of `lookup`; also counts the requests of the check. */
async function checkInNewDeployment(lookup: LookupName, urn: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const p = await deployment(lookup);
  return { p, ...(await requestsDuring(() => host.check(urn, olds, { ...news, __provider: p }))) };
}

/** The bookkeeping outputs of a check that resolved afresh to `latest` (resolvedAt is asserted on its own where it matters). */
const resolvedTo = (latest: string) => ({ latestBackupId: latest, backupExists: true, resolvedAt: expect.any(String) as unknown });

/** Asserts `resolvedAt` is an output time taken between `from` and now. */
function expectResolvedBetween(value: unknown, from: number): void {
  expect(value).toMatch(ISO_SECOND);
  const t = Date.parse(value as string);
  expect(t).toBeGreaterThanOrEqual(Math.floor(from / SEC) * SEC);
  expect(t).toBeLessThanOrEqual(Date.now());
}

/**
 * `state` as if its deployment had run a second earlier: a later deployment's `resolvedAt` then differs from it
 * if (and only if) the provider resolved afresh, without waiting for the host's wall clock to tick over.
 */
function aSecondEarlier<T extends Record<string, unknown>>(state: T): T {
  return { ...state, resolvedAt: new Date(Date.parse(state.resolvedAt as string) - SEC).toISOString().replace(/\.\d{3}Z$/, "Z") };
}

/** Keys whose values differ between two property maps (secrets compared by plaintext). */
function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const pa = unwrapSecrets(a);
  const pb = unwrapSecrets(b);
  return [...new Set([...Object.keys(pa), ...Object.keys(pb)])].filter((k) => k !== "__provider" && JSON.stringify(pa[k]) !== JSON.stringify(pb[k])).sort();
}

// ---------------------------------------------------------------------------------------------------------
// Expected outputs, computed from the emulator's records by the contract's rules (camelCase of the cloud's
// field, times ISO-8601 UTC to the second, 0/1 flags as booleans, download URLs secret).

/** RDS DescribeBackups record -> the backup-derived outputs of alicloud.rds.BackupSet as state holds them: the download URLs as secrets. */
function rdsOutputs(r: RdsBackup): Record<string, unknown> {
  return {
    ...rdsRecordOutputs(r),
    backupDownloadUrl: r.BackupDownloadURL === null ? null : secretWire(r.BackupDownloadURL),
    backupIntranetDownloadUrl: r.BackupIntranetDownloadURL === null ? null : secretWire(r.BackupIntranetDownloadURL),
  };
}

/** An RDS backup set of `instance` that started `h` hours ago (MySQL 5.6, so `ConsistentTime` is set). */
function rdsSet(instance: string, id: string, h: number, overrides: Partial<RdsBackup> = {}): RdsBackup {
  return rdsBackup({ DBInstanceId: instance, BackupId: id, BackupStartTime: iso(hoursAgo(h)), EngineVersion: "5.6", ...overrides });
}

// ---------------------------------------------------------------------------------------------------------

describe("the serialized provider (__provider) from the resource classes", () => {
  test("each lookup's __provider is the SDK's serializeFunction(() => makeProvider(lookup)) text: small, requiring the implementation by package path, capturing only the lookup name", async () => {
    for (const lookup of LOOKUP_NAMES) {
      const text = providers[lookup];
      // dynamic/index.js serializeFunctionMaybeSecret: serializeFunction(() => provider, { allowSecrets: true })
      const sdk = await pulumi.runtime.serializeFunction(() => makeProvider(lookup), { allowSecrets: true });
      expect(sdk.containsSecrets).toBe(false);
      const bytes = Buffer.byteLength(text, "utf8");
      console.log(`__provider of ${lookup} (from source, ts-jest): ${bytes} bytes`);
      // Seven methods; every one is `require(<package path>).<method>(...)`, nothing else from this package.
      expect(text.match(/require\("[^"]*"\)/g)).toEqual(Array(6).fill(IMPLEMENTATION_REQUIRE));
      for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"]) expect(text).toContain(`async function /*${m}*/(`);
      // The only captured value is the lookup's name.
      const captured = [...text.matchAll(/with\(\{ ([^}]*) \}\)/g)].map((x) => x[1].replace(/(, )?this: undefined, arguments: undefined/, ""));
      expect(new Set(captured)).toEqual(new Set(["", `lookup: ${JSON.stringify(lookup)}`, "provider: __provider"]));
      // No copy of the implementation, no credential.
      for (const fragment of ["runLookup", "createContext", "zod", "DescribeBackups", "ListBackupRecords", "accessKey", "secretKey", "LTAI", "EMU-"]) {
        expect(text).not.toContain(fragment);
      }
      // The SDK adds ~200 bytes of wrapper per serialized function (8 here); the text is stable and small.
      expect(bytes).toBeLessThan(3 * 1024);
    }
  });
});

describe("alicloud.rds.BackupSet across deployments (pin)", () => {
  const L: LookupName = "alicloud.rds.BackupSet";
  const ID = "rm-emupin0000001";
  const urn = urnOf(L, "db-backup");
  const usable = rdsSet(ID, "600000101", 5);
  const manual = rdsSet(ID, "600000050", 30, { BackupMode: "Manual", BackupInitiator: "User" });
  const failedNewer = rdsSet(ID, "600000120", 2, { BackupStatus: "Failed", IsAvail: 0, BackupDownloadURL: null, BackupIntranetDownloadURL: null });
  const newer = rdsSet(ID, "600000140", 1);
  /** What a check echoes: the deployment's `__provider`, the query, and the arguments with their defaults. */
  const echo = (p: string) => ({ __provider: p, __query: expect.any(String) as unknown, dbInstanceId: ID, endpoint: emulator.url, requireAvailable: true });
  let args: Record<string, unknown>;
  let checked1: Record<string, unknown>;
  let outs1: Record<string, unknown>;
  let checked2: Record<string, unknown>;
  let outs2: Record<string, unknown>;
  let id: string;

  beforeAll(() => {
    emulator.data.addRdsInstance(ID, [failedNewer, usable, manual]);
    args = { dbInstanceId: ID, endpoint: emulator.url };
  });

  test("preview: check(olds={}) returns the resolved backup and every output; a preview create yields them as the outputs", async () => {
    const p = await deployment(L);
    const started = Date.now();
    const { result, requests } = await requestsDuring(() => host.check(urn, {}, { ...args, __provider: p }));
    expect(requests).toBe(1); // the newest usable set ended within the last day: one window
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({ ...echo(p), ...rdsOutputs(usable), ...resolvedTo("600000101") });
    // the literal values the contract's normalisations give for this record
    expect(result.inputs).toMatchObject({
      backupId: "600000101",
      backupStatus: "Success",
      backupSize: 2167808,
      isAvailable: true,
      hostInstanceId: "5882781",
      consistentTime: iso(Date.parse(usable.BackupEndTime) - 12 * SEC),
      backupEndTime: iso(hoursAgo(5) + 17 * MIN + 31 * SEC),
    });
    expectResolvedBetween(result.inputs.resolvedAt, started);
    expect(isSecretWire(result.inputs.backupDownloadUrl)).toBe(true);
    expect(isSecretWire(result.inputs.backupIntranetDownloadUrl)).toBe(true);

    const preview = await host.create(urn, result.inputs, { preview: true });
    expect(preview).toEqual({ id: "", properties: result.inputs });
    expect(JSON.stringify(preview.properties)).not.toContain(UNKNOWN);
    checked1 = result.inputs;
  });

  test("up: create returns the checked inputs as outputs (download URLs in the secret wire form) and an id naming the backup", async () => {
    // The engine checks again in the update's own process, then creates with the (secret-stripped) inputs.
    const p = await deployment(L);
    const again = await host.check(urn, {}, { ...args, __provider: p });
    expect(again.inputs).toEqual({ ...checked1, __provider: p, resolvedAt: again.inputs.resolvedAt });
    checked1 = again.inputs;
    const { result: created, requests } = await requestsDuring(() => host.create(urn, checked1));
    expect(requests).toBe(0); // the lookup ran in check; create only stores its result
    expect(created.id).toBe(`alicloud.rds.BackupSet:${ID}:600000101`);
    expect(created.properties).toEqual(checked1);
    expect(isSecretWire(created.properties.backupDownloadUrl)).toBe(true);
    expect(isSecretWire(created.properties.backupIntranetDownloadUrl)).toBe(true);
    outs1 = created.properties;
    id = created.id;
  });

  test("a later deployment after a newer usable backup: backupId and its fields stay, latestBackupId moves; diff is a change in latestBackupId/resolvedAt only, no replacement", async () => {
    emulator.data.rds.get(ID)!.backups.push(newer);
    // the stored state is a second old, so resolvedAt of this deployment is a later second
    [checked1, outs1] = [aSecondEarlier(checked1), aSecondEarlier(outs1)];
    const p = await deployment(L);
    const started = Date.now();
    const res = await host.check(urn, checked1, { ...args, __provider: p });
    expect(res.failures).toEqual([]);
    expect(res.inputs).toEqual({ ...checked1, __provider: p, latestBackupId: "600000140", resolvedAt: expect.any(String) as unknown });
    expectResolvedBetween(res.inputs.resolvedAt, started);
    expect(changedKeys(outs1, res.inputs)).toEqual(["latestBackupId", "resolvedAt"]);

    const d = await host.diff(id, urn, outs1, res.inputs);
    expect(d.changes).toBe("DIFF_SOME");
    expect(d.replaces).toEqual([]);
    expect(d.deleteBeforeReplace).toBe(false);

    const updated = await host.update(id, urn, outs1, res.inputs);
    expect(updated.properties).toEqual(res.inputs);
    expect(isSecretWire(updated.properties.backupDownloadUrl)).toBe(true);
    checked2 = res.inputs;
    outs2 = updated.properties;
  });

  test("a deployment with nothing new: check returns the stored inputs unchanged (resolvedAt carried over) and diff is DIFF_NONE", async () => {
    [checked2, outs2] = [aSecondEarlier(checked2), aSecondEarlier(outs2)];
    const p = await deployment(L);
    const res = await host.check(urn, checked2, { ...args, __provider: p });
    expect(res.inputs).toEqual({ ...checked2, __provider: p });
    expect(await host.diff(id, urn, outs2, res.inputs)).toEqual({ changes: "DIFF_NONE", replaces: [], diffs: [], stables: [], deleteBeforeReplace: false });
  });

  test("arguments that do not choose a backup (maxAge, region spelled out, another endpoint spelling) keep the pin: only their echo changes", async () => {
    for (const extra of [{ maxAge: "2h" }, { region: "cn-hangzhou" }, { endpoint: emulator.url.replace("127.0.0.1", "localhost") }]) {
      const p = await deployment(L);
      const res = await host.check(urn, checked2, { ...args, ...extra, __provider: p });
      expect(res.failures).toEqual([]);
      expect(res.inputs.__query).toBe(checked2.__query);
      expect(res.inputs).toEqual({ ...checked2, ...extra, __provider: p });
    }
  });

  test("the pin's identity is a hash: no argument value is stored in __query (a secret argument could otherwise reach state in plain text)", () => {
    expect(checked2.__query).toMatch(/^[0-9a-f]{64}$/);
    expect(checked2.__query).not.toContain(ID);
  });

  test("the source instance deleted after the restore: a later deployment keeps the pin with a warning, and pulumi refresh reads backupExists false", async () => {
    const stored = emulator.data.rds.get(ID)!;
    emulator.data.rds.delete(ID);
    try {
      const p = await deployment(L);
      const res = await host.check(urn, checked2, { ...args, __provider: p });
      expect(res.failures).toEqual([]);
      expect(res.inputs).toEqual({ ...checked2, __provider: p });
      await waitForOutput(() => host.stderr(), "InvalidDBInstanceId.NotFound");
      expect(host.stderr()).toContain(`alicloud.rds.BackupSet: could not learn the newest: DescribeBackups failed: InvalidDBInstanceId.NotFound`);
      const refreshed = await host.read(id, urn, { ...outs2, __provider: p });
      expect(refreshed.id).toBe(id);
      expect(refreshed.properties).toMatchObject({ backupId: "600000101", backupExists: false });
    } finally {
      emulator.data.rds.set(ID, stored);
    }
  });

  test("a filter change (backupMode: Manual) resolves again: the newest Manual set, and diff reports the change", async () => {
    const p = await deployment(L);
    const res = await host.check(urn, checked2, { ...args, backupMode: "Manual", __provider: p });
    expect(res.failures).toEqual([]);
    expect(res.inputs).toEqual({ ...echo(p), ...rdsOutputs(manual), backupMode: "Manual", ...resolvedTo("600000050") });
    expect(res.inputs.__query).not.toBe(checked2.__query);
    const d = await host.diff(id, urn, outs2, res.inputs);
    expect(d.changes).toBe("DIFF_SOME");
    expect(d.replaces).toEqual([]);
  });

  test("delete makes no request to the cloud", async () => {
    const { requests } = await requestsDuring(() => host.delete(id, urn, outs2));
    expect(requests).toBe(0);
  });
});

describe("alicloud.rds.BackupSet with refresh: always", () => {
  const L: LookupName = "alicloud.rds.BackupSet";
  const ID = "rm-emualways0001";
  const urn = urnOf(L, "always");
  const first = rdsSet(ID, "610000001", 6);
  const second = rdsSet(ID, "610000009", 1);
  /** What a check echoes: the deployment's `__provider`, the query, and the arguments (refresh too) with their defaults. */
  const echo = (p: string) => ({
    __provider: p,
    __query: expect.any(String) as unknown,
    dbInstanceId: ID,
    endpoint: emulator.url,
    refresh: "always",
    requireAvailable: true,
  });
  let args: Record<string, unknown>;
  let checked: Record<string, unknown>;
  let outs: Record<string, unknown>;
  let id: string;

  beforeAll(() => {
    emulator.data.addRdsInstance(ID, [first]);
    args = { dbInstanceId: ID, endpoint: emulator.url, refresh: "always" };
  });

  test("create resolves the newest and echoes refresh", async () => {
    const p = await deployment(L);
    const res = await host.check(urn, {}, { ...args, __provider: p });
    expect(res.inputs).toEqual({ ...echo(p), ...rdsOutputs(first), ...resolvedTo("610000001") });
    const created = await host.create(urn, res.inputs);
    checked = res.inputs;
    outs = created.properties;
    id = created.id;
  });

  test("a newer usable backup becomes backupId (DIFF_SOME)", async () => {
    emulator.data.rds.get(ID)!.backups.push(second);
    const p = await deployment(L);
    const res = await host.check(urn, checked, { ...args, __provider: p });
    expect(res.inputs).toEqual({ ...checked, __provider: p, ...rdsOutputs(second), latestBackupId: "610000009", resolvedAt: expect.any(String) as unknown });
    const d = await host.diff(id, urn, outs, res.inputs);
    expect(d.changes).toBe("DIFF_SOME");
    expect(d.replaces).toEqual([]);
    const updated = await host.update(id, urn, outs, res.inputs);
    expect(updated.properties).toEqual(res.inputs);
    checked = res.inputs;
    outs = updated.properties;
  });

  test("nothing new, but the API now signs its download URLs differently: no change (DIFF_NONE), the stored URLs stay", async () => {
    const record = emulator.data.rds.get(ID)!.backups.find((b) => b.BackupId === "610000009")!;
    record.BackupDownloadURL = record.BackupDownloadURL!.replace(/Signature=[^&]*/, "Signature=RESIGNEDresigned%3D");
    record.BackupIntranetDownloadURL = record.BackupIntranetDownloadURL!.replace(/Expires=\d+/, "Expires=1999999999");
    // the stored state is a second old: a fresh resolvedAt would show, a carried-over one is the stored one
    [checked, outs] = [aSecondEarlier(checked), aSecondEarlier(outs)];
    const { p, result: res, requests } = await checkInNewDeployment(L, urn, checked, args);
    expect(requests).toBe(1); // it did resolve again
    expect(res.inputs).toEqual({ ...checked, __provider: p });
    expect((await host.diff(id, urn, outs, res.inputs)).changes).toBe("DIFF_NONE");
  });

  test("dropping refresh (back to the default pin) no longer echoes refresh: always; the pin stays", async () => {
    const p = await deployment(L);
    const { refresh: _dropped, ...pinArgs } = args;
    const res = await host.check(urn, checked, { ...pinArgs, __provider: p });
    const { refresh: _old, ...rest } = checked;
    expect(res.inputs).toEqual({ ...rest, __provider: p });
    expect(res.inputs).not.toHaveProperty("refresh");
    expect(changedKeys(outs, res.inputs)).toEqual(["refresh"]);
    expect((await host.diff(id, urn, outs, res.inputs)).changes).toBe("DIFF_SOME");
  });
});

describe("pulumi refresh (read)", () => {
  const L: LookupName = "alicloud.rds.BackupSet";
  const ID = "rm-emuread000001";
  const urn = urnOf(L, "refreshed");
  const pinned = rdsSet(ID, "620000001", 4);
  let outs: Record<string, unknown>;
  let refreshed: { id: string; properties: Record<string, unknown>; inputs: Record<string, unknown>; hasInputs: boolean };
  let id: string;

  beforeAll(async () => {
    emulator.data.addRdsInstance(ID, [pinned]);
    const p = await deployment(L);
    const res = await host.check(urn, {}, { dbInstanceId: ID, endpoint: emulator.url, __provider: p });
    const created = await host.create(urn, res.inputs);
    outs = created.properties;
    id = created.id;
  });

  test("of an existing pinned backup: same id, same outputs (also returned as the inputs), backupExists true", async () => {
    const { result, requests } = await requestsDuring(() => host.read(id, urn, outs));
    expect(requests).toBe(1); // exists: one DescribeBackups with the pinned BackupId
    expect(result).toEqual({ id, properties: outs, inputs: outs, hasInputs: true });
    expect(result.properties.backupExists).toBe(true);
  });

  test("of a pinned backup that vanished: same id (not deleted from state), backupId unchanged, backupExists false, and a warning", async () => {
    const instance = emulator.data.rds.get(ID)!;
    instance.backups = instance.backups.filter((b) => b.BackupId !== "620000001");
    instance.backups.push(rdsSet(ID, "620000777", 1)); // another backup exists: it must not take the pin's place
    const result = await host.read(id, urn, outs);
    expect(result.id).toBe(id);
    expect(result.properties).toEqual({ ...outs, backupExists: false });
    expect(result.properties.backupId).toBe("620000001");
    expect(isSecretWire(result.properties.backupDownloadUrl)).toBe(true);
    const output = await waitForOutput(() => host.stderr() + host.stdout(), "the pinned backup 620000001 no longer exists");
    expect(output).toContain(`alicloud.rds.BackupSet ${id}: the pinned backup 620000001 no longer exists (expired or deleted)`);
    refreshed = result;
  });

  test("the next deployment after that refresh keeps the pin and backupExists false (the refreshed inputs are its check's olds); only latestBackupId moves", async () => {
    // step.go RefreshStep: "If the provider specified new inputs for this resource, pick them up now".
    expect(refreshed.hasInputs).toBe(true);
    expect(refreshed.inputs).toEqual(refreshed.properties);
    const p = await deployment(L);
    const res = await host.check(urn, refreshed.inputs, { dbInstanceId: ID, endpoint: emulator.url, __provider: p });
    expect(res.inputs.backupId).toBe("620000001");
    expect(res.inputs.backupExists).toBe(false);
    expect(res.inputs.latestBackupId).toBe("620000777");
    expect(changedKeys(refreshed.properties, res.inputs).filter((k) => k !== "resolvedAt")).toEqual(["latestBackupId"]);
    expect((await host.diff(id, urn, refreshed.properties, res.inputs)).replaces).toEqual([]);
  });
});

describe("arguments unknown during preview", () => {
  const L: LookupName = "alicloud.rds.BackupSet";
  const urn = urnOf(L, "for-new-instance");

  test("dbInstanceId unknown: check succeeds, every derived output is unknown, no request", async () => {
    const { result, requests } = await checkInNewDeployment(L, urn, {}, { dbInstanceId: UNKNOWN, endpoint: emulator.url });
    expect(requests).toBe(0);
    expect(result.failures).toEqual([]);
    expect(result.inputs.dbInstanceId).toBe(UNKNOWN);
    expect(result.inputs.endpoint).toBe(emulator.url);
    for (const k of [...outputNames(lookupNamed(L)!), "latestBackupId", "backupExists", "resolvedAt"]) expect([k, result.inputs[k]]).toEqual([k, UNKNOWN]);
    const preview = await host.create(urn, result.inputs, { preview: true });
    expect(preview.properties.backupId).toBe(UNKNOWN);
  });

  test("an argument that becomes unknown on a later deployment (the instance is being replaced): unknown again, no request", async () => {
    const olds = { dbInstanceId: "rm-emuold0000001", endpoint: emulator.url, backupId: "1", backupExists: true, __query: "{}" };
    const { result, requests } = await checkInNewDeployment(L, urn, olds, { dbInstanceId: UNKNOWN, endpoint: emulator.url });
    expect(requests).toBe(0);
    expect(result.inputs.backupId).toBe(UNKNOWN);
    expect(result.inputs.latestBackupId).toBe(UNKNOWN);
  });
});

describe("check failures", () => {
  const L: LookupName = "alicloud.rds.BackupSet";
  const urn = urnOf(L, "invalid");

  test("an invalid argument is a CheckFailure on that property, before any request", async () => {
    const { result, requests } = await checkInNewDeployment(L, urn, {}, { dbInstanceId: "rm-emupin0000001", endpoint: emulator.url, maxAge: "soon" });
    expect(requests).toBe(0);
    expect(result.failures).toEqual([{ property: "maxAge", reason: 'must be a duration such as "36h", "7d" or "2w" (units s, m, h, d, w), got "soon"' }]);
  });

  test("a credential passed as an argument is refused with a pointer to the config keys, and is not handed back as an input", async () => {
    const { result, requests } = await checkInNewDeployment(
      L,
      urn,
      {},
      { dbInstanceId: "rm-emupin0000001", endpoint: emulator.url, accessKey: PASSED_AS_ARGUMENT },
    );
    expect(requests).toBe(0);
    expect(result.failures).toEqual([{ property: "accessKey", reason: ALI_CREDENTIALS_REFUSED }]);
    // The engine would print `property accessKey value {<checked input>} has a problem: ...`.
    expect(result.inputs).not.toHaveProperty("accessKey");
    expect(JSON.stringify(result)).not.toContain(PASSED_AS_ARGUMENT);
  });

  test("Huawei: a secretKey argument points to the huaweicloud:* keys", async () => {
    const { result, requests } = await checkInNewDeployment(
      "huaweicloud.dcs.BackupSet",
      urnOf("huaweicloud.dcs.BackupSet", "invalid"),
      {},
      {
        instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79",
        secretKey: PASSED_AS_ARGUMENT,
      },
    );
    expect(requests).toBe(0);
    expect(result.failures).toEqual([{ property: "secretKey", reason: HW_CREDENTIALS_REFUSED }]);
    expect(result.inputs).not.toHaveProperty("secretKey");
  });
});

describe("credentials come from configure", () => {
  const L: LookupName = "alicloud.rds.BackupSet";
  const ID = "rm-emucreds00001";
  const urn = urnOf(L, "creds");

  beforeAll(() => {
    emulator.data.addRdsInstance(ID, [rdsSet(ID, "650000001", 3)]);
  });

  test("the host's environment holds no cloud credential", () => {
    const environ = fs.readFileSync(`/proc/${host.pid}/environ`, "utf8").split("\0");
    // only the harness's switch that keeps the official credential chain off the ECS metadata service
    expect(environ.filter((kv) => /^(ALIBABA_CLOUD_|ALICLOUD_|HW_|HUAWEICLOUD_)/.test(kv))).toEqual(["ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"]);
    for (const secret of CREDENTIAL_VALUES) expect(environ.join("\n")).not.toContain(secret);
  });

  test("an STS credential from stack config (with alicloud:securityToken) signs the requests", async () => {
    const p = await deployment(L, {
      ...STACK_CONFIG,
      "alicloud:accessKey": STS.accessKeyId,
      "alicloud:secretKey": secretWire(STS.accessKeySecret),
      "alicloud:securityToken": secretWire(STS.securityToken),
    });
    const before = emulator.requests.length;
    const res = await host.check(urn, {}, { dbInstanceId: ID, endpoint: emulator.url, __provider: p });
    expect(res.failures).toEqual([]);
    expect(res.inputs.backupId).toBe("650000001");
    const made = emulator.requests.slice(before);
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((r) => r.status === 200 && r.action === "rds.DescribeBackups")).toBe(true);
  });

  test("concurrent checks on a provider not configured yet (the engine checks resources in parallel) all use the configured credentials", async () => {
    const p = await deployment(L);
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((n) => host.check(urnOf(L, `parallel-${n}`), {}, { dbInstanceId: ID, endpoint: emulator.url, __provider: p })),
    );
    expect(results.map((r) => [r.failures, r.inputs.backupId])).toEqual(Array(4).fill([[], "650000001"]));
  });

  test("a wrong alicloud:secretKey: check fails with the cloud's SignatureDoesNotMatch, and no secret in the message", async () => {
    const p = await deployment(L, { ...STACK_CONFIG, "alicloud:secretKey": secretWire(WRONG_SECRET) });
    const before = emulator.requests.length;
    const err = (await host.check(urn, {}, { dbInstanceId: ID, endpoint: emulator.url, __provider: p }).catch((e: unknown) => e)) as ProviderHostError;
    expect(err).toBeInstanceOf(ProviderHostError);
    expect(err.details).toContain("SignatureDoesNotMatch");
    for (const secret of CREDENTIAL_VALUES) expect(err.details).not.toContain(secret);
    const made = emulator.requests.slice(before);
    expect(made.length).toBe(1); // an authentication failure is not retried
    expect(made[0].status).toBe(400);
  });
});

describe("the other four lookups: check and create", () => {
  test("alicloud.rds.BackupTask: the newest job, exact outputs", async () => {
    const L: LookupName = "alicloud.rds.BackupTask";
    const ID = "rm-emutask000001";
    emulator.data.addRdsInstance(ID, []);
    emulator.data.addRdsTask(
      ID,
      rdsTaskScript({
        backupJobId: 4762600,
        instanceId: ID,
        now: new Date(T0),
        mode: "Automated",
        outcome: "fail",
        steps: [{ status: "Failed", process: 10 }],
      }),
    );
    emulator.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762614, instanceId: ID, now: new Date(T0) }));
    const urn = urnOf(L, "task");
    const p = await deployment(L);
    const res = await host.check(urn, {}, { dbInstanceId: ID, endpoint: emulator.url, __provider: p });
    expect(res.failures).toEqual([]);
    const expected = {
      __provider: p,
      __query: expect.any(String) as unknown,
      dbInstanceId: ID,
      endpoint: emulator.url,
      waitForCompletion: false,
      timeout: "30m",
      pollInterval: "10s",
      found: true,
      backupJobId: "4762614",
      backupStatus: "Uploading",
      backupProgressStatus: "Uploading",
      process: 20,
      taskAction: "TempBackupTask",
      jobMode: "Manual",
      backupId: null,
      latestBackupId: null,
      backupExists: true,
      resolvedAt: expect.any(String) as unknown,
    };
    expect(res.inputs).toEqual(expected);
    const created = await host.create(urn, res.inputs);
    expect(created).toEqual({ id: `alicloud.rds.BackupTask:${ID}:4762614`, properties: res.inputs });
  });

  test("alicloud.rds.BackupTask pinned before its job finished: later deployments follow the same job until it produced its backup set, then nothing changes", async () => {
    const L: LookupName = "alicloud.rds.BackupTask";
    const ID = "rm-emutaskpin0001";
    emulator.data.addRdsInstance(ID, []);
    emulator.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762700, instanceId: ID, now: new Date(T0) }));
    const urn = urnOf(L, "task-pinned");
    const args = { dbInstanceId: ID, endpoint: emulator.url };
    const pick = (i: Record<string, unknown>) => ({
      backupJobId: i.backupJobId,
      backupStatus: i.backupStatus,
      process: i.process,
      backupId: i.backupId,
      latestBackupId: i.latestBackupId,
    });

    const first = await checkInNewDeployment(L, urn, {}, args);
    expect(pick(first.result.inputs)).toEqual({ backupJobId: "4762700", backupStatus: "Uploading", process: 20, backupId: null, latestBackupId: null });
    const created = await host.create(urn, first.result.inputs);

    // the job moved on: the same job, read again by its id (the newest-job query runs too)
    const second = await checkInNewDeployment(L, urn, first.result.inputs, args);
    expect(second.requests).toBe(2);
    expect(pick(second.result.inputs)).toEqual({ backupJobId: "4762700", backupStatus: "Checking", process: 90, backupId: null, latestBackupId: null });
    expect((await host.diff(created.id, urn, created.properties, second.result.inputs)).changes).toBe("DIFF_SOME");

    // finished: it lists no more as unfinished, and its produced backup set is read by job id
    const third = await checkInNewDeployment(L, urn, second.result.inputs, args);
    expect(pick(third.result.inputs)).toEqual({
      backupJobId: "4762700",
      backupStatus: "Finished",
      process: 100,
      backupId: "404762700",
      latestBackupId: "404762700",
    });

    // nothing moves any more: no change at all, and the finished job is not read again
    const fourth = await checkInNewDeployment(L, urn, third.result.inputs, args);
    expect(fourth.requests).toBe(1);
    expect(fourth.result.inputs).toEqual({ ...third.result.inputs, __provider: fourth.p });
    expect((await host.diff(created.id, urn, { ...third.result.inputs, __provider: fourth.p }, fourth.result.inputs)).changes).toBe("DIFF_NONE");
  });

  test("alicloud.rds.BackupTask with waitForCompletion, pinned: learning the newest job on a later deployment never waits for it", async () => {
    const L: LookupName = "alicloud.rds.BackupTask";
    const ID = "rm-emutaskpin0002";
    emulator.data.addRdsInstance(ID, []);
    emulator.data.addRdsTask(
      ID,
      rdsTaskScript({
        backupJobId: 4762800,
        instanceId: ID,
        now: new Date(T0),
        steps: [
          { status: "Uploading", process: 50 },
          { status: "Finished", process: 100 },
        ],
      }),
    );
    const urn = urnOf(L, "task-waited");
    const args = { dbInstanceId: ID, endpoint: emulator.url, waitForCompletion: true, pollInterval: "1s" };
    const first = await checkInNewDeployment(L, urn, {}, args);
    expect(first.result.failures).toEqual([]);
    expect([first.result.inputs.backupJobId, first.result.inputs.backupId]).toEqual(["4762800", "404762800"]);
    // a new job is running: the next deployment lists it (one request) and neither waits for it nor moves the pin
    emulator.data.addRdsTask(ID, rdsTaskScript({ backupJobId: 4762900, instanceId: ID, now: new Date(T0) }));
    emulator.resetRequests();
    const second = await checkInNewDeployment(L, urn, first.result.inputs, args);
    expect(emulator.requests.map((r) => [r.action, r.params.BackupJobId])).toEqual([["rds.DescribeBackupTasks", undefined]]);
    expect(second.result.inputs).toEqual({ ...first.result.inputs, __provider: second.p });
  });

  test("alicloud.rds.UserBackupFile: the newest imported file of the configured region, exact outputs", async () => {
    const L: LookupName = "alicloud.rds.UserBackupFile";
    const older = userBackupFile({
      BackupId: "b-emuuserfile0001",
      CreationTime: String(hoursAgo(50)),
      FinishTime: String(hoursAgo(49)),
      ModificationTime: String(hoursAgo(49)),
    });
    const newest = userBackupFile({
      BackupId: "b-emuuserfile0002",
      CreationTime: String(hoursAgo(5) + 123),
      FinishTime: String(hoursAgo(4) + 456),
      ModificationTime: String(hoursAgo(4) + 789),
      Comment: "nightly export",
    });
    const failed = userBackupFile({
      BackupId: "b-emuuserfile0003",
      Status: "Failed",
      CreationTime: String(hoursAgo(2)),
      FinishTime: String(hoursAgo(1)),
      Reason: "bad file",
    });
    emulator.data.addUserBackupFiles(REGION, [older, newest, failed]);
    const urn = urnOf(L, "user-file");
    const p = await deployment(L);
    const res = await host.check(urn, {}, { endpoint: emulator.url, __provider: p });
    expect(res.failures).toEqual([]);
    expect(res.inputs).toEqual({
      __provider: p,
      __query: expect.any(String) as unknown,
      endpoint: emulator.url,
      status: "BackupSuccess",
      backupId: "b-emuuserfile0002",
      comment: "nightly export",
      ossUrl: "https://emu-user-backups.oss-cn-hangzhou.aliyuncs.com/test/backup_qp.xb",
      ossBucket: "emu-user-backups",
      ossFilePath: "test/backup_qp.xb",
      ossFileName: "backup_qp.xb",
      ossFileSize: 79115, // KB: floor(81014337 / 1024)
      restoreSize: 20,
      engine: "mysql",
      engineVersion: "5.7",
      creationTime: iso(hoursAgo(5)),
      finishTime: iso(hoursAgo(4)),
      modificationTime: iso(hoursAgo(4)),
      retention: 3,
      zoneId: "cn-hangzhou-b",
      reason: "success",
      latestBackupId: "b-emuuserfile0002",
      backupExists: true,
      resolvedAt: expect.any(String) as unknown,
    });
    const created = await host.create(urn, res.inputs);
    expect(created).toEqual({ id: "alicloud.rds.UserBackupFile:region:b-emuuserfile0002", properties: res.inputs });
  });

  test("alicloud.kvstore.BackupSet: the newest complete job of a 2-shard cluster, exact outputs, download URLs secret", async () => {
    const L: LookupName = "alicloud.kvstore.BackupSet";
    const ID = "r-emukvstore00001";
    const shard = (node: number, backupId: number, jobId: number, startMs: number, overrides: Record<string, unknown> = {}) =>
      kvstoreBackup({
        NodeInstanceId: `${ID}-db-${node}`,
        BackupId: backupId,
        BackupJobID: jobId,
        BackupStartTime: iso(startMs),
        BackupEndTime: iso(startMs + (3 + node) * MIN),
        BackupSize: 1_000_000 * (node + 1),
        ...overrides,
      });
    const oldJob = [shard(0, 700000001, 24340, hoursAgo(26)), shard(1, 700000002, 24340, hoursAgo(26) + 2 * SEC)];
    const goodJob = [shard(1, 700000010, 24341, hoursAgo(3) + 4 * SEC), shard(0, 700000009, 24341, hoursAgo(3))];
    const brokenNewer = [shard(0, 700000020, 24342, hoursAgo(1)), shard(1, 700000021, 24342, hoursAgo(1), { BackupStatus: "Failed" })];
    emulator.data.addKvstoreInstance(ID, [...oldJob, ...goodJob, ...brokenNewer]);
    const urn = urnOf(L, "redis");
    const p = await deployment(L);
    const res = await host.check(urn, {}, { instanceId: ID, endpoint: emulator.url, __provider: p });
    expect(res.failures).toEqual([]);
    const key = goodJob[1];
    expect(res.inputs).toEqual({
      __provider: p,
      __query: expect.any(String) as unknown,
      instanceId: ID,
      endpoint: emulator.url,
      backupStatus: "Success",
      backupId: "700000009",
      backupIds: ["700000009", "700000010"],
      backupJobId: "24341",
      backupStartTime: iso(hoursAgo(3)),
      backupEndTime: iso(hoursAgo(3) + 4 * SEC + 4 * MIN),
      backupSize: 3_000_000,
      nodeInstanceId: `${ID}-db-0`,
      shardCount: 2,
      backupDbNames: "all",
      engineVersion: "5.0",
      backupMode: "Automated",
      backupType: "FullBackup",
      backupMethod: "Physical",
      backupDownloadUrl: secretWire(key.BackupDownloadURL),
      backupIntranetDownloadUrl: secretWire(key.BackupIntranetDownloadURL),
      latestBackupId: "700000009",
      backupExists: true,
      resolvedAt: expect.any(String) as unknown,
    });
    const created = await host.create(urn, res.inputs);
    // the id names the backup job (all shards), not one shard
    expect(created).toEqual({ id: `alicloud.kvstore.BackupSet:${ID}:24341`, properties: res.inputs });
    expect(isSecretWire(created.properties.backupDownloadUrl)).toBe(true);
    expect(isSecretWire(created.properties.backupIntranetDownloadUrl)).toBe(true);
  });

  test("huaweicloud.dcs.BackupSet: the newest restorable record, with the project from huaweicloud:projectId, exact outputs", async () => {
    const L: LookupName = "huaweicloud.dcs.BackupSet";
    const ID = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    const record = (id: string, createdMs: number, overrides: Record<string, unknown> = {}) =>
      dcsBackupRecord({ backup_id: id, instance_id: ID, created_at: new Date(createdMs).toISOString(), ...overrides });
    const older = record("11111111-2222-4333-8444-555555555555", hoursAgo(30) + 166);
    const newest = record("4631832a-14c6-45b0-a0b3-3abd8f591ad1", hoursAgo(3) + 166);
    const notRestorable = record("99999999-2222-4333-8444-555555555555", hoursAgo(1), { is_support_restore: "FALSE" });
    emulator.data.addDcsInstance(HW.projectId, ID, [older, newest, notRestorable]);
    const urn = urnOf(L, "dcs");
    const p = await deployment(L);
    const before = emulator.requests.length;
    const res = await host.check(urn, {}, { instanceId: ID, endpoint: emulator.url, __provider: p });
    expect(res.failures).toEqual([]);
    expect(res.inputs).toEqual({
      __provider: p,
      __query: expect.any(String) as unknown,
      instanceId: ID,
      endpoint: emulator.url,
      status: "succeed",
      requireRestorable: true,
      backupId: "4631832a-14c6-45b0-a0b3-3abd8f591ad1",
      backupName: newest.backup_name,
      backupType: "manual",
      backupFormat: "aof",
      size: 880232,
      createdAt: iso(hoursAgo(3)),
      updatedAt: iso(hoursAgo(3) + 166 + 74_380),
      executionAt: iso(hoursAgo(3) + DAY),
      isSupportRestore: true,
      progress: 100,
      remark: "001",
      errorCode: null,
      latestBackupId: "4631832a-14c6-45b0-a0b3-3abd8f591ad1",
      backupExists: true,
      resolvedAt: expect.any(String) as unknown,
    });
    const created = await host.create(urn, res.inputs);
    expect(created).toEqual({ id: `huaweicloud.dcs.BackupSet:${ID}:4631832a-14c6-45b0-a0b3-3abd8f591ad1`, properties: res.inputs });
    // this check's requests only (the file's log holds every earlier test's too)
    const dcsRequests = emulator.requests.slice(before).filter((r) => r.action === "dcs.ListBackupRecords");
    expect(dcsRequests.length).toBe(1);
    expect(dcsRequests.every((r) => r.status === 200 && r.params.project_id === HW.projectId)).toBe(true);
  });
});

describe("no credential anywhere", () => {
  test("every raw response, the host's stdout/stderr and every __provider: zero occurrences of any credential", () => {
    const places: Record<string, string> = {
      rawResponses: JSON.stringify(host.rawResponses),
      stdout: host.stdout(),
      stderr: host.stderr(),
      providers: Object.values(providers).join("\n"),
    };
    expect(host.rawResponses.length).toBeGreaterThan(30);
    const hits: string[] = [];
    for (const [where, text] of Object.entries(places))
      for (const secret of CREDENTIAL_VALUES) if (occurrences(text, secret) > 0) hits.push(`${where}: ${secret.slice(0, 6)}… x${occurrences(text, secret)}`);
    expect(hits).toEqual([]);
  });
});
