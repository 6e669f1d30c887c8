/**
 * The example programs in examples/ run under Pulumi's mocks (`pulumi.runtime.setMocks`), with every backup
 * lookup answered for REAL: the mocks' `newResource` runs the lookup (`runLookup` + `lookupNamed`) against the
 * local emulator at the endpoint the program itself passes from its config (`lookupEndpoint`), with the
 * emulator's test credentials. Each test asserts the exact backup id that reaches the dependent resource's
 * inputs (`RdsCloneDbInstance.backupId`, `kvstore.Instance.backupId`) or the program's exports, and checks
 * that id against the emulator's raw records with an independent "newest usable" rule.
 *
 * One emulator serves the file, seeded with the demo fleet (test/emulator/seedDemoFleet.ts). The programs are
 * evaluated from their TypeScript source after the mocks are set (scripts/mockRuntime.ts
 * loadTypeScriptProgram), with jest's `require`, so they share this file's @pulumi/pulumi instance.
 */
import * as path from "path";
import { DemoFleetIds, Emulator, TEST_CREDENTIALS, huaweiRdsBackups, huaweiRdsInstanceId, seedDemoFleet, startEmulator } from "./emulator";
import { MockedProgramOptions, RegisteredResource, instantClock, loadTypeScriptProgram, runProgramUnderMocks } from "../scripts/mockRuntime";

const EXAMPLES = path.resolve(__dirname, "..", "examples");
const CLONE = "alicloud:rds/rdsCloneDbInstance:RdsCloneDbInstance";
const KVSTORE_INSTANCE = "alicloud:kvstore/instance:Instance";

/** The emulator's credentials only: the developer's environment never reaches a mocked run. */
const EMULATOR_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret,
  HW_ACCESS_KEY: TEST_CREDENTIALS.huawei.accessKey,
  HW_SECRET_KEY: TEST_CREDENTIALS.huawei.secretKey,
};

let emulator: Emulator;
let ids: DemoFleetIds;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 7 });
  ids = seedDemoFleet(emulator, new Date());
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => emulator.resetRequests());

/** Runs examples/<example>/index.ts under mocks; config keys without a namespace are the example's own. */
function runExample(example: string, project: string, config: Record<string, string>, extra: Partial<MockedProgramOptions> = {}) {
  return runProgramUnderMocks({
    project,
    env: EMULATOR_ENV,
    config: { "alicloud:region": "cn-hangzhou", lookupEndpoint: emulator.url, ...config },
    program: () =>
      loadTypeScriptProgram(path.join(EXAMPLES, example, "index.ts"), {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest's module registry, where the mocks were set
        require: (id): unknown => require(id),
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's source, loaded when the program imports it
        requirePackage: (): unknown => require("../provider/index"),
      }),
    ...extra,
  });
}

// Independent oracles over the emulator's raw records: what "the newest usable backup" must be.
const newest = <T>(items: T[], time: (t: T) => number): T => [...items].sort((a, b) => time(b) - time(a))[0];

function newestUsableRds(instanceId: string): string {
  const backups = emulator.data.rds.get(instanceId)!.backups.filter((b) => b.BackupStatus === "Success" && b.IsAvail === 1);
  return newest(backups, (b) => Date.parse(b.BackupEndTime)).BackupId;
}

/** The newest backup job in which every one of `shards` shards succeeded: its backup ids sorted by shard. */
function newestCompleteKvstoreJob(instanceId: string, shards: number): string[] {
  const jobs = new Map<number, typeof records>();
  const records = emulator.data.kvstore.get(instanceId)!.backups;
  for (const r of records) jobs.set(r.BackupJobID, [...(jobs.get(r.BackupJobID) ?? []), r]);
  const complete = [...jobs.values()].filter((job) => job.length === shards && job.every((r) => r.BackupStatus === "Success"));
  const job = newest(complete, (j) => Math.max(...j.map((r) => Date.parse(r.BackupEndTime))));
  return [...job].sort((a, b) => (a.NodeInstanceId < b.NodeInstanceId ? -1 : 1)).map((r) => String(r.BackupId));
}

describe("example programs under mocks, lookups answered by the emulator", () => {
  test("quickstart: the newest usable RDS backup set reaches RdsCloneDbInstance.backupId", async () => {
    const run = await runExample("quickstart", "backup-lookups-quickstart", { sourceDbInstanceId: ids.rdsInstanceId });

    const clone = run.resource(CLONE, "clone");
    expect(clone.inputs.backupId).toBe("100550705");
    expect(clone.inputs.backupId).toBe(newestUsableRds(ids.rdsInstanceId));
    expect(clone.inputs.sourceDbInstanceId).toBe(ids.rdsInstanceId);
    expect(run.exports.backupId).toBe("100550705");
    // the program passed the endpoint from its own config, and the lookup really went there
    expect(run.lookups.map((l) => [l.lookup, l.args.endpoint])).toEqual([["alicloud.rds.BackupSet", emulator.url]]);
    expect(emulator.count("rds.DescribeBackups")).toBe(1);
  });

  test("rds-clone-from-latest-backup: pinned with maxAge 36h, backupId and latestBackupId exported", async () => {
    const run = await runExample("rds-clone-from-latest-backup", "rds-clone-from-latest-backup", { sourceDbInstanceId: ids.rdsInstanceId });

    const clone = run.resource(CLONE, "clone");
    expect(clone.inputs).toMatchObject({
      sourceDbInstanceId: ids.rdsInstanceId,
      backupId: "100550705",
      backupType: "FullBackup",
      paymentType: "PayAsYouGo",
      dbInstanceStorageType: "cloud_essd",
      dbInstanceDescription: `clone of ${ids.rdsInstanceId} from backup 100550705`,
    });
    expect(clone.inputs.backupId).toBe(newestUsableRds(ids.rdsInstanceId));
    expect(run.exports).toMatchObject({ backupId: "100550705", latestBackupId: "100550705", cloneInstanceId: "clone-id" });
    expect(run.lookups[0].args).toMatchObject({ dbInstanceId: ids.rdsInstanceId, refresh: "pin", maxAge: "36h", endpoint: emulator.url });
  });

  test("rds-clone-from-latest-backup: a source whose newest usable backup is 4 days old stops before the clone", async () => {
    const registered: RegisteredResource[] = [];
    await expect(
      runExample("rds-clone-from-latest-backup", "rds-clone-from-latest-backup", { sourceDbInstanceId: ids.rdsStaleInstanceId }, { registered }),
    ).rejects.toThrow(
      // The newest usable set is the fifth daily run back: 4 days and some hours old, or 5 days and under 2 hours
      // between the 02:00 UTC run's start and the demo fleet's settle time (test/emulator/fleet.ts newestDailySlot).
      /RDS instance rm-emu0demo0stale0001 is \d+, which ended \S+ \((?:4d(?: \d+h)?|5d(?: [01]h)?) ago\), older than maxAge 36h/,
    );
    expect(registered.filter((r) => r.type === CLONE)).toEqual([]);
  });

  test("redis-restore-from-latest-backup: standard backupId, and every shard's backup of the cluster job joined", async () => {
    const run = await runExample("redis-restore-from-latest-backup", "redis-restore-from-latest-backup", {
      sourceInstanceId: ids.kvstoreStandardId,
      clusterSourceInstanceId: ids.kvstoreClusterId,
      clusterInstanceClass: "redis.shard.small.ce",
      clusterShardCount: "4",
    });

    const standard = run.resource(KVSTORE_INSTANCE, "redis-restored");
    expect(standard.inputs).toMatchObject({ srcdbInstanceId: ids.kvstoreStandardId, backupId: "194195588", instanceClass: "redis.master.small.default" });
    expect(standard.inputs.backupId).toBe(newestCompleteKvstoreJob(ids.kvstoreStandardId, 1).join(","));

    const cluster = run.resource(KVSTORE_INSTANCE, "redis-cluster-restored");
    expect(cluster.inputs).toMatchObject({
      srcdbInstanceId: ids.kvstoreClusterId,
      backupId: "173170981,173170987,173170993,173170997",
      instanceClass: "redis.shard.small.ce",
      shardCount: 4,
    });
    expect(cluster.inputs.backupId).toBe(newestCompleteKvstoreJob(ids.kvstoreClusterId, 4).join(","));
    expect(run.exports).toMatchObject({ backupId: "194195588", clusterBackupIds: ["173170981", "173170987", "173170993", "173170997"] });
    expect(emulator.count("kvstore.DescribeBackups")).toBe(2);
  });

  // The finished job adds its backup set 491000001 to the instance, which would from then on be its newest usable
  // backup: the test puts the demo fleet back as seeded (job running, no such set), so that every other test's
  // answer holds whichever order the tests run in.
  test("rds-backup-then-clone: waits for the running manual job, then clones from the set it produced", async () => {
    const instance = emulator.data.rds.get(ids.rdsInstanceId)!;
    const seeded = { backups: [...instance.backups], positions: instance.tasks.map((t) => t.position) };
    try {
      const clock = instantClock();
      const progress: string[] = [];
      const run = await runExample(
        "rds-backup-then-clone",
        "rds-backup-then-clone",
        { sourceDbInstanceId: ids.rdsInstanceId, pollInterval: "1s" },
        { clock, log: { info: (m) => progress.push(m), warn: (m) => progress.push(`warning: ${m}`), debug: () => undefined } },
      );

      const clone = run.resource(CLONE, "clone-after-backup");
      expect(clone.inputs.backupId).toBe("491000001");
      expect(clone.inputs.backupId).toBe(ids.rdsRunningJobBackupId);
      expect(run.exports).toMatchObject({ backupJobId: String(ids.rdsRunningJobId), backupJobStatus: "Finished", backupId: "491000001" });
      // the job advanced one step per poll; the waits grew by half each time
      expect(progress.every((line) => line.startsWith("backup job 91000001 "))).toBe(true);
      expect(progress.map((line) => line.slice(line.lastIndexOf(": ") + 2))).toEqual(["Uploading 60%", "Checking 90%", "Finished 100%"]);
      expect(clock.slept).toEqual([1000, 1500]);
      expect(emulator.count("rds.DescribeBackupTasks")).toBe(4);
    } finally {
      instance.backups = seeded.backups;
      instance.tasks.forEach((t, i) => (t.position = seeded.positions[i]));
    }
  });

  test("rds-user-backup-file: the newest imported file tagged env:prod, exported with the command that uses it", async () => {
    const run = await runExample("rds-user-backup-file", "rds-user-backup-file", { tags: JSON.stringify({ env: "prod" }) });

    const files = emulator.data.userBackupFiles.get(ids.userBackupRegion)!.filter((f) => f.tags.env === "prod" && f.record.Status === "BackupSuccess");
    const expected = newest(files, (f) => Number(f.record.FinishTime)).record.BackupId;
    expect(run.exports.userBackupId).toBe("b-tsufy9wz8ua5thx5");
    expect(run.exports.userBackupId).toBe(expected);
    expect(run.exports.createInstanceCommand).toContain("--UserBackupId b-tsufy9wz8ua5thx5 ");
    // honest: no resource consumes the id (only the lookup itself was registered)
    expect(run.resources.map((r) => r.type)).toEqual(["pulumi-nodejs:dynamic/backup-lookups:alicloud.rds.UserBackupFile"]);
    expect(run.lookups[0].args).toMatchObject({ region: "cn-hangzhou", tags: { env: "prod" } });
  });

  test("huawei-dcs-latest-backup: the newest restorable record, exported with the RestoreInstance body", async () => {
    const run = await runExample("huawei-dcs-latest-backup", "huawei-dcs-latest-backup", {
      instanceId: ids.dcsInstanceId,
      projectId: ids.dcsProjectId,
      region: "cn-north-4",
    });

    const records = emulator.data.dcs
      .get(ids.dcsProjectId)!
      .get(ids.dcsInstanceId)!
      .records.filter((r) => r.status === "succeed" && r.is_support_restore === "TRUE");
    expect(run.exports.backupId).toBe("1c39cc01-9f27-4a7b-b919-43254e9357e8");
    expect(run.exports.backupId).toBe(newest(records, (r) => Date.parse(r.updated_at)).backup_id);
    expect(JSON.parse(run.exports.restoreRequestBody as string)).toEqual({
      backup_id: "1c39cc01-9f27-4a7b-b919-43254e9357e8",
      remark: `restore of ${ids.dcsInstanceId} from its newest backup`,
    });
    expect(emulator.count("dcs.ListBackupRecords")).toBe(1);
  });

  test("huawei-rds-latest-backup: the newest completed full backup, exported with the restore block", async () => {
    const instanceId = huaweiRdsInstanceId("MySQL", 41);
    const history = huaweiRdsBackups({ instanceId, engine: "MySQL", days: 14, now: new Date(), seed: 41, failedEvery: 3, incrementalsPerDay: 2 });
    emulator.data.addHuaweiRdsInstance(ids.dcsProjectId, instanceId, history);
    const run = await runExample("huawei-rds-latest-backup", "huawei-rds-latest-backup", { instanceId, projectId: ids.dcsProjectId, region: "cn-north-4" });
    const full = history.filter((b) => b.status === "COMPLETED" && (b.type === "auto" || b.type === "manual"));
    const want = newest(full, (b) => Date.parse(b.end_time.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")));
    expect(run.exports.backupId).toBe(want.id);
    expect(JSON.parse(run.exports.restoreBlock as string)).toEqual({ instance_id: instanceId, backup_id: want.id });
    expect(run.exports.datastore).toBe(`MySQL ${want.datastore.version}`);
    expect(emulator.count("huaweiRds.ListBackups")).toBe(1);
  });

  test("no credential reaches a resource's inputs or outputs", async () => {
    const run = await runExample("quickstart", "backup-lookups-quickstart", { sourceDbInstanceId: ids.rdsInstanceId });
    const everything = JSON.stringify([run.resources, run.lookups, run.exports]);
    for (const secret of [TEST_CREDENTIALS.alibaba.accessKeyId, TEST_CREDENTIALS.alibaba.accessKeySecret]) expect(everything).not.toContain(secret);
  });
});
