/**
 * The demo fleet: one realistic setup of every API, used by the standalone runner (`main.ts`), the demo
 * script and the benchmark. Deterministic for a given `now`.
 */
import { TEST_CREDENTIALS } from "./credentials";
import { dcsBackups, huaweiRdsBackups, kvstoreBackups, rdsBackups, rdsTaskScript, userBackupFiles } from "./fleet";
import type { Emulator } from "./server";

/** The ids of what {@link seedDemoFleet} created. */
export interface DemoFleetIds {
  /** RDS instance with 730 daily backups (some failed, some unavailable, some manual). */
  rdsInstanceId: string;
  /** RDS instance whose newest usable backup is 4 days old. */
  rdsStaleInstanceId: string;
  /** A running manual backup job on `rdsInstanceId`; it advances one step per `DescribeBackupTasks` poll. */
  rdsRunningJobId: number;
  /** The backup set that job produces once finished. */
  rdsRunningJobBackupId: string;
  /** Region holding the user backup files (tagged `env:prod|staging`, `team:data`). */
  userBackupRegion: string;
  /** KVStore cluster instance with 4 shards. */
  kvstoreClusterId: string;
  /** KVStore standard (non-cluster) instance. */
  kvstoreStandardId: string;
  /** Huawei project of the DCS instances (the test credentials' project). */
  dcsProjectId: string;
  /** DCS instance with 60 daily backup records. */
  dcsInstanceId: string;
  /** DCS instance without any backup (answers 204). */
  dcsEmptyInstanceId: string;
  /** Huawei project of the RDS instance (the test credentials' project). */
  huaweiRdsProjectId: string;
  /**
   * Huawei RDS for MySQL instance: 400 days of daily automated full backups (every 8th failed), a manual one
   * every 10th day (every 3rd of those being deleted), 4 incremental backups a day, and one full backup still
   * building: about 2,040 backups (today's incrementals depend on the hour), 21 pages of 100.
   */
  huaweiRdsInstanceId: string;
}

/** Fills `emulator.data` with the demo fleet and returns the ids. */
export function seedDemoFleet(emulator: Pick<Emulator, "data">, now: Date): DemoFleetIds {
  const { data } = emulator;
  const ids: DemoFleetIds = {
    rdsInstanceId: "rm-emu0demo0backups01",
    rdsStaleInstanceId: "rm-emu0demo0stale0001",
    rdsRunningJobId: 91_000_001,
    rdsRunningJobBackupId: "",
    userBackupRegion: "cn-hangzhou",
    kvstoreClusterId: "r-emu0demo0cluster001",
    kvstoreStandardId: "r-emu0demo0standard01",
    dcsProjectId: TEST_CREDENTIALS.huawei.projectId,
    dcsInstanceId: "5560df16-cebf-4473-95c4-d1b573c1e0e1",
    dcsEmptyInstanceId: "7f0c2b1e-0d9a-4c55-9e61-2f1a3b4c5d6e",
    huaweiRdsProjectId: TEST_CREDENTIALS.huawei.projectId,
    huaweiRdsInstanceId: "e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01",
  };

  data.addRdsInstance(
    ids.rdsInstanceId,
    rdsBackups({ instanceId: ids.rdsInstanceId, count: 730, now, seed: 101, failedEvery: 9, unavailableEvery: 31, manualEvery: 14 }),
  );
  const job = rdsTaskScript({ backupJobId: ids.rdsRunningJobId, instanceId: ids.rdsInstanceId, now, mode: "Manual" });
  data.addRdsTask(ids.rdsInstanceId, job);
  ids.rdsRunningJobBackupId = job.produces?.BackupId ?? "";

  data.addRdsInstance(ids.rdsStaleInstanceId, rdsBackups({ instanceId: ids.rdsStaleInstanceId, count: 30, now, seed: 102, newestUsableAgeDays: 4 }));

  data.addUserBackupFiles(
    ids.userBackupRegion,
    userBackupFiles({
      count: 12,
      now,
      seed: 103,
      tags: [
        { env: "prod", team: "data" },
        { env: "staging", team: "data" },
        { env: "prod", team: "web" },
      ],
      resourceGroupIds: ["rg-acfmemu0prod", "rg-acfmemu0test"],
    }),
  );

  data.addKvstoreInstance(
    ids.kvstoreClusterId,
    kvstoreBackups({ instanceId: ids.kvstoreClusterId, shards: 4, jobs: 30, now, seed: 104, failedEvery: 7, incompleteEvery: 11 }),
  );
  data.addKvstoreInstance(ids.kvstoreStandardId, kvstoreBackups({ instanceId: ids.kvstoreStandardId, jobs: 30, now, seed: 105, failedEvery: 5 }));

  data.addDcsInstance(
    ids.dcsProjectId,
    ids.dcsInstanceId,
    dcsBackups({ instanceId: ids.dcsInstanceId, count: 60, now, seed: 106, failedEvery: 6, manualEvery: 10, notRestorableEvery: 13, expiredAfterDays: 45 }),
  );
  data.addDcsInstance(ids.dcsProjectId, ids.dcsEmptyInstanceId, []);

  data.addHuaweiRdsInstance(
    ids.huaweiRdsProjectId,
    ids.huaweiRdsInstanceId,
    huaweiRdsBackups({
      instanceId: ids.huaweiRdsInstanceId,
      engine: "MySQL",
      days: 400,
      now,
      seed: 107,
      failedEvery: 8,
      manualEvery: 10,
      deletingEvery: 3,
      incrementalsPerDay: 4,
      buildingNow: true,
    }),
  );
  return ids;
}
