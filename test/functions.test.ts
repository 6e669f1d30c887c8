/**
 * The function forms (`getX` / `getXOutput`) against the emulator, and the resource form as a Pulumi program
 * sees it under `pulumi.runtime.setMocks`: the type token, what is registered (inputs with `__provider`, the
 * additionalSecretOutputs), and outputs flowing to a dependent resource.
 *
 * SDK behaviour relied on: `@pulumi/pulumi/dynamic/index.js` Resource (type
 * `pulumi-nodejs:dynamic/<module>:<type>`, `__provider` = serializeFunction(() => provider)); `runtime/resource.js`
 * registerResource (`req.setAdditionalsecretoutputsList(opts.additionalSecretOutputs)`); `runtime/mocks.js`
 * MockMonitor.registerResource (inputs deserialized, undefined members dropped; the mock's `state` becomes the
 * outputs); `output.js` (`isSecret`, secretness of an Output returned from `apply`).
 */
import * as pulumi from "@pulumi/pulumi";
import * as alicloudProvider from "@pulumi/alicloud";
import { Emulator, RdsBackup, TEST_CREDENTIALS, dcsBackupRecord, rdsBackup, startEmulator } from "./emulator";
import { alicloud, huaweicloud, InvalidArgumentsError } from "../provider";
import { setFunctionContextForTests } from "../provider/pulumi/functions";
import { createContext, Logger, type LookupContext } from "../provider/core/context";
import { IMPLEMENTATION_REQUIRE, dynamicTypeOf, outputValue } from "./support/providerProject";
import { rdsOutputs } from "./support/lookupEnv";
import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";

const ALI = TEST_CREDENTIALS.alibaba;
const HW = TEST_CREDENTIALS.huawei;
const SEC = 1000;
const HOUR = 3_600_000;
const T0 = Math.floor(Date.now() / SEC) * SEC;
const hoursAgo = (h: number) => T0 - h * HOUR;
const iso = (ms: number) => new Date(Math.floor(ms / SEC) * SEC).toISOString().replace(".000Z", "Z");
const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const RDS_ID = "rm-emufunctions01";
const DCS_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";

const usable = rdsBackup({ DBInstanceId: RDS_ID, BackupId: "640000010", BackupStartTime: iso(hoursAgo(6)) });
const failedNewer = rdsBackup({ DBInstanceId: RDS_ID, BackupId: "640000020", BackupStartTime: iso(hoursAgo(2)), BackupStatus: "Failed" });
const dcsNewest = dcsBackupRecord({
  backup_id: "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901",
  instance_id: DCS_ID,
  created_at: new Date(hoursAgo(4) + 250).toISOString(),
  remark: "before upgrade",
});
const dcsOlder = dcsBackupRecord({ backup_id: "1a2b3c4d-5e6f-4708-9a1b-2c3d4e5f6a7b", instance_id: DCS_ID, created_at: new Date(hoursAgo(28)).toISOString() });

let emulator: Emulator;
/** The get functions' context: its request cache is cleared where a test counts its own requests. */
let ctx: LookupContext;
const warnings: string[] = [];
const log: Logger = { info: () => undefined, debug: () => undefined, warn: (m) => void warnings.push(m) };

beforeAll(async () => {
  emulator = await startEmulator({ seed: 3 });
  emulator.data.addRdsInstance(RDS_ID, [usable, failedNewer]);
  emulator.data.addDcsInstance(HW.projectId, DCS_ID, [dcsOlder, dcsNewest]);
  // What the program's stack config would give; no environment (the developer's own credentials stay out).
  setFunctionContextForTests(
    (ctx = createContext({
      config: {
        "alicloud:accessKey": ALI.accessKeyId,
        "alicloud:secretKey": ALI.accessKeySecret,
        "alicloud:region": "cn-hangzhou",
        "huaweicloud:accessKey": HW.accessKey,
        "huaweicloud:secretKey": HW.secretKey,
        "huaweicloud:region": "cn-north-4",
        "huaweicloud:projectId": HW.projectId,
      },
      env: {},
      log,
    })),
  );
});

afterAll(async () => {
  setFunctionContextForTests(undefined);
  await emulator?.close();
});

/** The RDS outputs of a record, download URLs as plain strings (the function forms return values, not state). */
function rdsResult(r: RdsBackup, echoed: Record<string, unknown>): Record<string, unknown> {
  return {
    ...echoed,
    ...rdsOutputs(r),
    latestBackupId: r.BackupId,
    backupExists: true,
    resolvedAt: expect.stringMatching(ISO_SECOND),
  };
}

describe("alicloud.rds.getBackupSet / getBackupSetOutput", () => {
  test("getBackupSet: the newest usable set with every output, download URLs as plain values", async () => {
    const result = await alicloud.rds.getBackupSet({ dbInstanceId: RDS_ID, endpoint: emulator.url });
    expect(result).toEqual(rdsResult(usable, { dbInstanceId: RDS_ID, endpoint: emulator.url, requireAvailable: true }));
    expect(result).toMatchObject({
      backupId: "640000010",
      backupSize: 2167808,
      backupStartTime: iso(hoursAgo(6)),
      backupEndTime: iso(hoursAgo(6) + 17 * 60_000 + 31_000),
      hostInstanceId: "5882781",
    });
    expect(result.backupDownloadUrl).toMatch(/^https:\/\/rdsbak-hz-v3\.oss-cn-hangzhou\.aliyuncs\.com\/.+\?Expires=\d+&OSSAccessKeyId=.+&Signature=/);
  });

  test("getBackupSetOutput: the same outputs, and the Output is secret as a whole because it carries a download URL", async () => {
    const out = alicloud.rds.getBackupSetOutput({ dbInstanceId: pulumi.output(RDS_ID), endpoint: emulator.url });
    expect(await pulumi.isSecret(out)).toBe(true);
    expect(await outputValue(out)).toEqual(rdsResult(usable, { dbInstanceId: RDS_ID, endpoint: emulator.url, requireAvailable: true }));
    // a field taken from it stays secret
    expect(await pulumi.isSecret(out.apply((r) => r.backupId))).toBe(true);
  });

  test("getBackupSetOutput without a download URL (a failed set) is not secret", async () => {
    const args = { dbInstanceId: RDS_ID, endpoint: emulator.url, backupStatus: "Failed" as const, requireAvailable: false };
    const out = alicloud.rds.getBackupSetOutput(args);
    expect(await pulumi.isSecret(out)).toBe(false);
    expect(await outputValue(out)).toEqual(
      rdsResult(failedNewer, { dbInstanceId: RDS_ID, endpoint: emulator.url, requireAvailable: false, backupStatus: "Failed" }),
    );
    expect(await outputValue(out.apply((r) => [r.backupDownloadUrl, r.backupIntranetDownloadUrl]))).toEqual([null, null]);
  });

  test("opts.provider changes nothing and says so; parent and version are accepted and ignored", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const provider = { urn: pulumi.output("urn:x"), id: pulumi.output("id") } as unknown as pulumi.ProviderResource;
      const withOpts = await alicloud.rds.getBackupSet(
        { dbInstanceId: RDS_ID, endpoint: emulator.url },
        { provider, version: "9.9.9", pluginDownloadURL: "https://example.invalid" },
      );
      expect(withOpts).toEqual(rdsResult(usable, { dbInstanceId: RDS_ID, endpoint: emulator.url, requireAvailable: true }));
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        "getBackupSet (alicloud.rds.BackupSet) does not use opts.provider: the lookup runs in this program and reads credentials and region from the stack config (alicloud:*) or the environment; pass the region argument to choose a region",
      ]);
      const out = huaweicloud.dcs.getBackupSetOutput({ instanceId: DCS_ID, endpoint: emulator.url }, { version: "1.0.0" });
      expect(await outputValue(out.apply((r) => r.backupId))).toBe(dcsNewest.backup_id);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });

  test("the function form refuses the resource-only argument refresh, before any request", async () => {
    const before = emulator.count();
    const err = (await alicloud.rds
      .getBackupSet({ dbInstanceId: RDS_ID, endpoint: emulator.url, refresh: "always" } as never)
      .catch((e: unknown) => e)) as InvalidArgumentsError;
    expect(err).toBeInstanceOf(InvalidArgumentsError);
    expect(err.issues).toEqual([{ argument: "refresh", reason: "applies only to the resource form (new alicloud.rds.BackupSet(...))", code: "notApplicable" }]);
    expect(emulator.count()).toBe(before);
  });
});

describe("huaweicloud.dcs.getBackupSet / getBackupSetOutput", () => {
  const expected = () => ({
    instanceId: DCS_ID,
    endpoint: emulator.url,
    status: "succeed",
    requireRestorable: true,
    backupId: "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901",
    backupName: dcsNewest.backup_name,
    backupType: "manual",
    backupFormat: "aof",
    size: 880232,
    createdAt: iso(hoursAgo(4)),
    updatedAt: iso(hoursAgo(4) + 250 + 74_380),
    executionAt: iso(hoursAgo(4) + 250 + 24 * HOUR),
    isSupportRestore: true,
    progress: 100,
    remark: "before upgrade",
    errorCode: null,
    latestBackupId: "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901",
    backupExists: true,
    resolvedAt: expect.stringMatching(ISO_SECOND) as unknown,
  });

  test("getBackupSet: the newest restorable record, project and region from the huaweicloud:* config", async () => {
    // An earlier test looked this instance up: without clearing, its cached answer would serve this call when
    // both fall in the same second (the window bound's precision), and not otherwise.
    ctx.cache?.clear();
    const before = emulator.requests.length;
    expect(await huaweicloud.dcs.getBackupSet({ instanceId: DCS_ID, endpoint: emulator.url })).toEqual(expected());
    const dcs = emulator.requests.slice(before).filter((r) => r.action === "dcs.ListBackupRecords");
    expect(dcs.length).toBe(1);
    expect(dcs.every((r) => r.status === 200 && r.params.project_id === HW.projectId && r.params.instance_id === DCS_ID)).toBe(true);
  });

  test("getBackupSetOutput: the same outputs, not secret (DCS has no download URL)", async () => {
    const out = huaweicloud.dcs.getBackupSetOutput({ instanceId: pulumi.output(DCS_ID), endpoint: emulator.url });
    expect(await pulumi.isSecret(out)).toBe(false);
    expect(await outputValue(out)).toEqual(expected());
    expect(warnings).toEqual([]);
  });
});

describe("new alicloud.rds.BackupSet(...) under pulumi.runtime.setMocks", () => {
  interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    additionalSecretOutputs: string[];
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
  }
  const registered: Registered[] = [];
  const fromMocks: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
  const LOOKUP_TYPE = dynamicTypeOf("alicloud.rds.BackupSet");
  const CLONE_TYPE = "alicloud:rds/rdsCloneDbInstance:RdsCloneDbInstance";
  let lookup: InstanceType<typeof alicloud.rds.BackupSet>;
  let clone: alicloudProvider.rds.RdsCloneDbInstance;

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource(args: pulumi.runtime.MockResourceArgs) {
          const inputs = args.inputs as Record<string, unknown>;
          fromMocks.push({ type: args.type, name: args.name, inputs });
          if (args.type === LOOKUP_TYPE) {
            // what the provider would have returned: the lookup's outputs
            return {
              id: `alicloud.rds.BackupSet:${String(inputs.dbInstanceId)}:640000777`,
              state: {
                ...inputs,
                backupId: "640000777",
                latestBackupId: "640000999",
                backupExists: true,
                backupMode: "Manual",
                backupDownloadUrl: "https://example.invalid/backup.tar.gz?Expires=1&Signature=x",
              },
            };
          }
          return { id: `${args.name}-id`, state: inputs };
        },
        call: (args: pulumi.runtime.MockCallArgs) => args.inputs as Record<string, unknown>,
      },
      "lookup-test-project",
      "dev",
      false,
    );
    // What the SDK sends the monitor, beyond what the mocks' newResource sees (runtime/resource.js).
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterResourceRequest, callback: unknown): unknown };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterResourceRequest, callback: unknown) => {
      const propertyDependencies: Record<string, string[]> = {};
      req.getPropertydependenciesMap().forEach((v, k: string) => (propertyDependencies[k] = v.getUrnsList()));
      registered.push({
        type: req.getType(),
        name: req.getName(),
        inputs: req.getObject()!.toJavaScript(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        dependencies: req.getDependenciesList(),
        propertyDependencies,
      });
      return register(req, callback);
    };

    lookup = new alicloud.rds.BackupSet(
      "db-backup",
      { dbInstanceId: "rm-emusource00001", backupMode: "Manual" },
      { additionalSecretOutputs: ["hostInstanceId"] },
    );
    clone = new alicloudProvider.rds.RdsCloneDbInstance("restored", {
      sourceDbInstanceId: lookup.dbInstanceId,
      backupId: lookup.backupId,
      dbInstanceStorageType: "cloud_essd",
      paymentType: "PayAsYouGo",
    });
    await outputValue(clone.urn);
  });

  test("the resource registers as pulumi-nodejs:dynamic/backup-lookups:alicloud.rds.BackupSet with the arguments and the serialized provider", () => {
    const mine = fromMocks.find((r) => r.name === "db-backup")!;
    expect(mine.type).toBe("pulumi-nodejs:dynamic/backup-lookups:alicloud.rds.BackupSet");
    expect(mine.inputs).toEqual({ __provider: expect.any(String) as unknown, dbInstanceId: "rm-emusource00001", backupMode: "Manual" });
    expect(mine.inputs.__provider).toContain(IMPLEMENTATION_REQUIRE);
    expect(mine.inputs.__provider).toContain('lookup: "alicloud.rds.BackupSet"');
  });

  test("the download URLs are additionalSecretOutputs, after the user's own", () => {
    const req = registered.find((r) => r.name === "db-backup")!;
    expect(req.type).toBe(LOOKUP_TYPE);
    expect(req.additionalSecretOutputs).toEqual(["hostInstanceId", "backupDownloadUrl", "backupIntranetDownloadUrl"]);
    expect(registered.find((r) => r.name === "restored")!.additionalSecretOutputs).toEqual([]);
  });

  test("the lookup's outputs are the mock's, and backupId flows into a dependent RdsCloneDbInstance with the exact id", async () => {
    expect(await outputValue(lookup.backupId)).toBe("640000777");
    expect(await outputValue(lookup.latestBackupId)).toBe("640000999");
    expect(await outputValue(lookup.id)).toBe("alicloud.rds.BackupSet:rm-emusource00001:640000777");
    const cloneMock = fromMocks.find((r) => r.name === "restored")!;
    expect(cloneMock.type).toBe(CLONE_TYPE);
    expect(cloneMock.inputs).toEqual({
      sourceDbInstanceId: "rm-emusource00001",
      backupId: "640000777",
      dbInstanceStorageType: "cloud_essd",
      paymentType: "PayAsYouGo",
    });
    expect(await outputValue(clone.backupId)).toBe("640000777");
    // the engine learns the dependency: the clone's backupId comes from the lookup
    const lookupUrn = await outputValue(lookup.urn);
    const cloneReq = registered.find((r) => r.name === "restored")!;
    expect(cloneReq.dependencies).toContain(lookupUrn);
    expect(cloneReq.propertyDependencies.backupId).toEqual([lookupUrn]);
  });
});
