/**
 * Cases a real fleet produces that the generated fleets do not: a Redis cluster scaled in, a KVStore backup id
 * filter on a shard other than the first, user backup files still importing (no FinishTime).
 */
import { kvstoreBackup, rdsBackup, startEmulator, userBackupFile, type Emulator } from "./emulator";
import { cliEnv, runCli } from "./support/cli";
import { HOUR, KVSTORE_SET, USER_FILE, isoSeconds, lookup, lookupContext, realNow } from "./support/lookupEnv";
import { parseJson } from "./support/json";

let emu: Emulator;
const now = realNow();
const ago = (ms: number) => isoSeconds(now.getTime() - ms);
beforeAll(async () => {
  emu = await startEmulator({ seed: 21 });
});
afterAll(() => emu.close());

/** One job of `shards` shards, `hoursBack` hours ago; ids derived from the job id. */
function job(instanceId: string, jobId: number, shards: number, hoursBack: number) {
  return Array.from({ length: shards }, (_, n) =>
    kvstoreBackup({
      BackupJobID: jobId,
      BackupId: jobId * 10 + n,
      NodeInstanceId: `${instanceId}-db-${n}`,
      BackupStartTime: ago(hoursBack * HOUR),
      BackupEndTime: ago(hoursBack * HOUR - 5 * 60_000),
    }),
  );
}

describe("alicloud.kvstore.BackupSet", () => {
  test("a cluster scaled in from 4 to 2 shards: the newest 2-shard job is complete, not the last 4-shard one", async () => {
    const ID = "r-bp1scaledin0001";
    emu.data.addKvstoreInstance(ID, [...job(ID, 900, 4, 240), ...job(ID, 901, 2, 48), ...job(ID, 902, 2, 24)]);
    const r = await lookup(KVSTORE_SET, { endpoint: emu.url, instanceId: ID }, lookupContext({ now }));
    expect(r.outputs).toMatchObject({ backupJobId: "902", backupIds: ["9020", "9021"], shardCount: 2, backupId: "9020" });
  });

  test("a job missing a shard its neighbours have is incomplete: the older complete job wins", async () => {
    const ID = "r-bp1missing00001";
    const newest = job(ID, 912, 3, 24).slice(0, 2); // shard db-2 absent from the listing
    emu.data.addKvstoreInstance(ID, [...job(ID, 910, 3, 72), ...job(ID, 911, 3, 48), ...newest]);
    const r = await lookup(KVSTORE_SET, { endpoint: emu.url, instanceId: ID }, lookupContext({ now }));
    expect(r.outputs).toMatchObject({ backupJobId: "911", backupIds: ["9110", "9111", "9112"] });
  });

  test("backupId of the third shard: the job holding it, and backupId/nodeInstanceId/download URL of that shard", async () => {
    const ID = "r-bp1shardpick001";
    const shards = job(ID, 920, 3, 24);
    emu.data.addKvstoreInstance(ID, shards);
    const r = await lookup(KVSTORE_SET, { endpoint: emu.url, instanceId: ID, backupId: 9202 }, lookupContext({ now }));
    expect(r.outputs).toMatchObject({
      backupId: "9202",
      backupIds: ["9200", "9201", "9202"],
      nodeInstanceId: `${ID}-db-2`,
      backupDownloadUrl: shards[2].BackupDownloadURL,
      latestBackupId: "9202",
    });
  });
});

describe("alicloud.rds.UserBackupFile", () => {
  test("status Importing: a file still importing (no FinishTime) is found, ordered by its start", async () => {
    const importing = userBackupFile({
      BackupId: "b-importing00001",
      Status: "Importing",
      CreationTime: String(now.getTime() - HOUR),
      FinishTime: undefined,
      ModificationTime: undefined,
    });
    const older = userBackupFile({
      BackupId: "b-importing00002",
      Status: "Importing",
      CreationTime: String(now.getTime() - 3 * HOUR),
      FinishTime: undefined,
      ModificationTime: undefined,
    });
    emu.data.addUserBackupFiles("cn-shanghai", [older, importing]);
    const r = await lookup(USER_FILE, { endpoint: emu.url, region: "cn-shanghai", status: "Importing" }, lookupContext({ now }));
    expect(r.outputs).toMatchObject({ backupId: "b-importing00001", status: "Importing", finishTime: null, creationTime: ago(HOUR) });
  });
});

describe("backup-lookup command line", () => {
  test("no Alibaba credentials anywhere: one attempt, exit 1, an authentication message pointing to the keys", async () => {
    const env = cliEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined, HOME: "/nonexistent-home" });
    const r = await runCli(["alicloud.rds.BackupSet", "--db-instance-id", "rm-nocreds00001", "--endpoint", emu.url], env);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "backup-lookup alicloud.rds.BackupSet: DescribeBackups failed: MissingCredentials - no Alibaba Cloud credentials were found (environment, profile file, ECS RAM role). check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY) and ALIBABA_CLOUD_SECURITY_TOKEN in the environment\n",
    );
  });

  test("switches before the lookup name take no value: --debug and --list do not eat it", async () => {
    const ID = "rm-switches00001";
    emu.data.addRdsInstance(ID, [rdsBackup({ DBInstanceId: ID, BackupId: "7301", BackupStartTime: ago(3 * HOUR) })]);
    const r = await runCli(["--list", "--debug", "alicloud.rds.BackupSet", "--require-available", "--db-instance-id", ID, "--endpoint", emu.url]);
    expect(r.status).toBe(0);
    expect(parseJson<{ backupId: string }[]>(r.stdout).map((o) => o.backupId)).toEqual(["7301"]);
  });
});
