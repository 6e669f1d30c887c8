/**
 * Record builders and seeded fleet generators.
 *
 * - Builders (`rdsBackup`, `kvstoreBackup`, `dcsBackupRecord`, `huaweiRdsBackup`, `userBackupFile`,
 *   `rdsJobSteps`) make one realistic wire-format record from defaults plus your overrides:
 *   `rdsBackup({ BackupStatus: "Failed" })`.
 * - Generators (`rdsBackups`, `kvstoreBackups`, `dcsBackups`, `huaweiRdsBackups`, `userBackupFiles`,
 *   `rdsTaskScript`) make a history: deterministic for a given `seed` and `now`, so a test can assert exact ids.
 *
 * Generated histories are daily, newest first in the returned array (the emulator scrambles the order on the
 * wire anyway). All times are UTC; every backup has finished before `now`.
 */
import type { RdsJobState, RdsTaskScript, RdsTaskStep } from "./data";
import { SeededRandom } from "./random";
import { compactUtc, compactUtc8, isoMillis, isoSeconds, isoWithOffset, parseRecordTime } from "./timeFormats";
import type { DcsBackupRecord, HuaweiRdsBackup, KvstoreBackup, RdsBackup, UserBackupFileEntry, UserBackupFileRecord } from "./wireFormats";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A fake but well-formed OSS signed-URL query (`Expires` in unix seconds). */
function ossQuery(expiresMs: number, rng?: SeededRandom): string {
  const signature = rng ? rng.chars(27, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") : "EMUsignatureEMUsignature0";
  return `Expires=${Math.floor(expiresMs / 1000)}&OSSAccessKeyId=LTAIEMUossDownload&Signature=${signature}%3D`;
}

/**
 * The start of the newest daily window at `hourUtc` that has surely finished by `now` (its start plus
 * `settleMs` is not after `now`).
 */
function newestDailySlot(now: Date, hourUtc: number, settleMs: number): number {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc, 0, 0);
  return day + settleMs <= now.getTime() ? day : day - DAY;
}

// ---------------------------------------------------------------------------------------------------------
// RDS DescribeBackups

/** One RDS backup set; times and URLs follow `BackupStartTime` unless overridden. */
export function rdsBackup(overrides: Partial<RdsBackup> = {}): RdsBackup {
  const startText = overrides.BackupStartTime ?? "2026-11-20T02:00:07Z";
  const start = parseRecordTime(startText);
  const end = overrides.BackupEndTime !== undefined ? parseRecordTime(overrides.BackupEndTime) : start + 17 * MINUTE + 31_000;
  const failed = (overrides.BackupStatus ?? "Success") === "Failed";
  const file = `hins18676859_${compactUtc(start)}`;
  const url = (host: string) => `https://${host}.aliyuncs.com/custins53664665/${file}.tar.gz?${ossQuery(end + 2 * DAY)}`;
  const engineVersion = overrides.EngineVersion ?? "8.0";
  return {
    BackupDownloadLinkByDB: { BackupDownloadLinkByDB: [] },
    BackupDownloadURL: failed ? null : url("rdsbak-hz-v3.oss-cn-hangzhou"),
    BackupEndTime: isoSeconds(end),
    BackupId: "321020562",
    BackupInitiator: (overrides.BackupMode ?? "Automated") === "Manual" ? "User" : "System",
    BackupIntranetDownloadURL: failed ? null : url("rdsbak-hz-v3.oss-cn-hangzhou-internal"),
    BackupMethod: "Physical",
    BackupMode: "Automated",
    BackupSize: failed ? 0 : 2167808,
    BackupStartTime: isoSeconds(start),
    BackupStatus: "Success",
    BackupType: "FullBackup",
    Checksum: failed ? "" : "18358304391234567",
    ConsistentTime: engineVersion === "5.6" && !failed ? Math.floor(end / 1000) - 12 : 0,
    DBInstanceId: "rm-uf6wjk5emu00001",
    Encryption: "{}",
    Engine: "MySQL",
    EngineVersion: engineVersion,
    HostInstanceID: "5882781",
    IsAvail: failed ? 0 : 1,
    MetaStatus: failed ? "" : "OK",
    StorageClass: "0",
    StoreStatus: "Disabled",
    ExpectExpireTime: isoSeconds(start + 730 * DAY),
    ...overrides,
  };
}

/** Options of {@link rdsBackups}. */
export interface RdsBackupsOptions {
  instanceId: string;
  /** Number of daily backups, going back from the newest. */
  count: number;
  now: Date;
  seed: number;
  /** Every n-th backup (counting from the newest, 1-based) is `Failed` (and `IsAvail` 0). */
  failedEvery?: number;
  /** Every n-th backup is `Success` but `IsAvail` 0. */
  unavailableEvery?: number;
  /** Every n-th backup is a `Manual` one, taken during the day instead of at 02:00. */
  manualEvery?: number;
  /** The newest usable backup is this many days old: every newer one is failed or unavailable. */
  newestUsableAgeDays?: number;
  /** Default `"8.0"`; `"5.6"` gives non-zero `ConsistentTime`. */
  engineVersion?: string;
  /** Retention used for `ExpectExpireTime`, in days; default 730. */
  retentionDays?: number;
}

/**
 * Daily automated backups around 02:00 UTC going back `count` days, with 5–60 minute durations, slowly growing
 * sizes and signed download URLs. `BackupId`s grow with time by irregular steps and cross from 8 to 9 digits in
 * the middle of a long history, so comparing them as strings gives the wrong "newest".
 */
export function rdsBackups(opts: RdsBackupsOptions): RdsBackup[] {
  const rng = new SeededRandom(opts.seed);
  const newestSlot = newestDailySlot(opts.now, 2, 90 * MINUTE);
  const baseSize = rng.int(2, 20) * 1024 * 1024 * 1024;
  const custins = rng.int(10_000_000, 99_999_999);
  const hostIds = [String(rng.int(5_000_000, 9_000_000)), String(rng.int(5_000_000, 9_000_000))];
  let id = Math.max(1_000_000, 100_000_000 - Math.floor(opts.count / 2) * 1500);
  const out: RdsBackup[] = [];
  for (let i = opts.count - 1; i >= 0; i--) {
    id += rng.int(1000, 2000);
    const nth = i + 1;
    const manual = opts.manualEvery !== undefined && nth % opts.manualEvery === 0;
    const dayStart = newestSlot - i * DAY;
    const start = manual ? dayStart + rng.int(8, 18) * HOUR + rng.int(0, 3599) * 1000 : dayStart + rng.int(0, 20 * 60) * 1000;
    const end = Math.min(start + rng.int(5 * 60, 60 * 60) * 1000, opts.now.getTime() - MINUTE);
    let failed = opts.failedEvery !== undefined && nth % opts.failedEvery === 0;
    let unavailable = !failed && opts.unavailableEvery !== undefined && nth % opts.unavailableEvery === 0;
    if (opts.newestUsableAgeDays !== undefined && i < opts.newestUsableAgeDays) {
      failed = i % 2 === 0;
      unavailable = !failed;
    }
    const size = Math.round(baseSize * (1 - i * 0.0004) * (0.97 + rng.next() * 0.06));
    const file = `hins${custins + 1}_${compactUtc(start)}${rng.int(10_000_000, 99_999_999)}`;
    const url = (host: string) => `https://${host}.aliyuncs.com/custins${custins}/${file}.tar.gz?${ossQuery(opts.now.getTime() + 2 * HOUR, rng)}`;
    const withLinks = !failed && rng.chance(0.2);
    out.push(
      rdsBackup({
        BackupDownloadLinkByDB: {
          BackupDownloadLinkByDB: withLinks
            ? ["orders", "users"].map((db) => ({
                DataBase: db,
                DownloadLink: `https://cn-hangzhou.bak.rds.aliyuncs.com/custins${custins}/${file}.zip?${ossQuery(opts.now.getTime() + 2 * HOUR)}&dbList=${db}`,
                IntranetDownloadLink: `https://cn-hangzhou-internal.bak.rds.aliyuncs.com/custins${custins}/${file}.zip?${ossQuery(opts.now.getTime() + 2 * HOUR)}&dbList=${db}`,
              }))
            : [],
        },
        BackupDownloadURL: failed ? null : url("rdsbak-hz-v3.oss-cn-hangzhou"),
        BackupEndTime: isoSeconds(end),
        BackupId: String(id),
        BackupInitiator: manual ? "User" : "System",
        BackupIntranetDownloadURL: failed ? null : url("rdsbak-hz-v3.oss-cn-hangzhou-internal"),
        BackupMode: manual ? "Manual" : "Automated",
        BackupSize: failed ? 0 : size,
        BackupStartTime: isoSeconds(start),
        BackupStatus: failed ? "Failed" : "Success",
        Checksum: failed ? "" : String(rng.int(1_000_000_000, 1_999_999_999)) + String(rng.int(1_000_000, 9_999_999)),
        ConsistentTime: opts.engineVersion === "5.6" && !failed ? Math.floor(end / 1000) - rng.int(1, 60) : 0,
        DBInstanceId: opts.instanceId,
        EngineVersion: opts.engineVersion ?? "8.0",
        HostInstanceID: rng.pick(hostIds),
        IsAvail: failed || unavailable ? 0 : 1,
        MetaStatus: failed ? "" : "OK",
        ExpectExpireTime: isoSeconds(start + (opts.retentionDays ?? 730) * DAY),
      }),
    );
  }
  return out.reverse();
}

// ---------------------------------------------------------------------------------------------------------
// RDS DescribeBackupTasks

/** Options of {@link rdsTaskScript}. */
export interface RdsTaskScriptOptions {
  backupJobId: number;
  instanceId: string;
  now: Date;
  /** Default `"Manual"` (a `TempBackupTask`); `"Automated"` is a `NormalBackupTask`. */
  mode?: "Manual" | "Automated";
  /** `"finish"` (default): Uploading 20 -> Uploading 60 -> Checking 90 -> Finished. `"fail"`: ... -> Failed. */
  outcome?: "finish" | "fail";
  /** Explicit steps instead of the outcome's default ones. */
  steps?: RdsTaskStep[];
  /** Overrides of the backup set the job produces (its `BackupId` is what the finished task reports). */
  produces?: Partial<RdsBackup>;
  /** Move one step per this many ms of the emulator's clock instead of one step per query. */
  stepEveryMs?: number;
}

/** Steps from `[status, percent]` pairs: `rdsJobSteps(["NoStart", 0], ["Uploading", 40], ["Finished", 100])`. */
export function rdsJobSteps(...steps: Array<[RdsJobState, number]>): RdsTaskStep[] {
  return steps.map(([status, process]) => ({ status, process }));
}

/** A scripted backup job that advances one step per query and (unless it fails) produces a backup set. */
export function rdsTaskScript(opts: RdsTaskScriptOptions): RdsTaskScript {
  const mode = opts.mode ?? "Manual";
  const steps =
    opts.steps ??
    (opts.outcome === "fail"
      ? rdsJobSteps(["Uploading", 20], ["Uploading", 60], ["Failed", 60])
      : rdsJobSteps(["Uploading", 20], ["Uploading", 60], ["Checking", 90], ["Finished", 100]));
  const finishes = steps.some((s) => s.status === "Finished");
  const now = opts.now.getTime();
  return {
    backupJobId: opts.backupJobId,
    jobMode: mode,
    taskAction: mode === "Manual" ? "TempBackupTask" : "NormalBackupTask",
    steps,
    ...(opts.stepEveryMs !== undefined ? { stepEveryMs: opts.stepEveryMs } : {}),
    produces: finishes
      ? rdsBackup({
          DBInstanceId: opts.instanceId,
          BackupId: String(400_000_000 + (opts.backupJobId % 100_000_000)),
          BackupMode: mode,
          BackupInitiator: mode === "Manual" ? "User" : "System",
          BackupStartTime: isoSeconds(now - 6 * MINUTE),
          BackupEndTime: isoSeconds(now - 30_000),
          ...opts.produces,
        })
      : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------
// RDS ListUserBackupFiles

/** One user backup file (wire record plus the tags and resource group the API filters on). */
export function userBackupFile(
  overrides: Partial<UserBackupFileRecord> = {},
  meta: { tags?: Record<string, string>; resourceGroupId?: string } = {},
): UserBackupFileEntry {
  const bytes = 81014337;
  const name = "backup_qp";
  return {
    record: {
      Status: "BackupSuccess",
      CreationTime: "1623231084000",
      FinishTime: "1623231750000",
      Comment: "BackupTest",
      OssFilePath: `test/${name}.xb`,
      OssBucket: "emu-user-backups",
      ModificationTime: "1623231750000",
      OssFileSize: Math.floor(bytes / 1024),
      OssFileName: `${name}.xb`,
      EngineVersion: "5.7",
      BackupId: "b-kwwvr7v8t7ofemu1",
      RestoreSize: "20",
      ZoneId: "cn-hangzhou-b",
      Retention: 3,
      Engine: "mysql",
      OssUrl: `https://emu-user-backups.oss-cn-hangzhou.aliyuncs.com/test/${name}.xb`,
      OssFileMetaData: ossMetaData(bytes, 1623309548000, 1622186844000, "889FE9E5FCEBFE4781829488A352863B-1"),
      BinlogInfo: JSON.stringify({ binlogPosition: "154", binlogFile: "0.000002" }),
      Reason: "success",
      ...overrides,
    },
    tags: meta.tags ?? {},
    resourceGroupId: meta.resourceGroupId ?? "rg-acfmemu0default",
  };
}

function ossMetaData(bytes: number, dateMs: number, lastModifiedMs: number, etag: string): string {
  return JSON.stringify({
    "Accept-Ranges": "bytes",
    Connection: "keep-alive",
    "Content-Length": bytes,
    "Content-Type": "application/octet-stream",
    Date: dateMs,
    ETag: etag,
    "Last-Modified": lastModifiedMs,
    Server: "AliyunOSS",
    "x-oss-hash-crc64ecma": "5793608435727323129",
    "x-oss-object-type": "Multipart",
    "x-oss-request-id": "60C1BCEC92572F37318BD499",
    "x-oss-server-time": "166",
    "x-oss-storage-class": "Standard",
  });
}

/** Options of {@link userBackupFiles}. */
export interface UserBackupFilesOptions {
  count: number;
  now: Date;
  seed: number;
  /** Tag sets handed out in turn; default none. */
  tags?: Array<Record<string, string>>;
  /** Resource groups handed out in turn. */
  resourceGroupIds?: string[];
  zoneId?: string;
}

/**
 * Imported user backup files, one every few days going back from `now`: mostly `BackupSuccess`, with
 * `Failed`, `CheckSuccess`, `Deleted` and (the newest) `Importing` ones mixed in.
 */
export function userBackupFiles(opts: UserBackupFilesOptions): UserBackupFileEntry[] {
  const rng = new SeededRandom(opts.seed);
  const comments = ["nightly full from on-prem", "BackupTest", "pre-migration snapshot", "weekly export"];
  const out: UserBackupFileEntry[] = [];
  for (let i = 0; i < opts.count; i++) {
    const status = i === 0 ? "Importing" : i % 7 === 3 ? "Failed" : i % 11 === 5 ? "CheckSuccess" : i % 13 === 8 ? "Deleted" : "BackupSuccess";
    const created = opts.now.getTime() - i * 3 * DAY - rng.int(1, 20) * HOUR - rng.int(0, 3599) * 1000;
    const finished = status === "Importing" ? created + MINUTE : created + rng.int(5, 40) * MINUTE + rng.int(0, 59) * 1000;
    const bytes = rng.int(20, 4000) * 1024 * 1024 + rng.int(0, 1023);
    const name = `backup_${compactUtc(created)}_${rng.chars(4)}`;
    const path = `backups/${name}.xb`;
    out.push(
      userBackupFile(
        {
          Status: status,
          CreationTime: String(created),
          FinishTime: String(finished),
          ModificationTime: String(finished),
          Comment: rng.pick(comments),
          OssFilePath: path,
          OssFileSize: Math.floor(bytes / 1024),
          OssFileName: `${name}.xb`,
          EngineVersion: rng.pick(["5.7", "8.0"]),
          BackupId: `b-${rng.chars(16)}`,
          RestoreSize: String(Math.max(1, Math.ceil((bytes * 3) / 1024 ** 3))),
          ZoneId: opts.zoneId ?? "cn-hangzhou-b",
          Retention: rng.pick([3, 7, 30]),
          OssUrl: `https://emu-user-backups.oss-cn-hangzhou.aliyuncs.com/${path}`,
          OssFileMetaData: ossMetaData(bytes, finished, created - HOUR, rng.chars(32, "0123456789ABCDEF") + "-1"),
          BinlogInfo: rng.chance(0.5)
            ? JSON.stringify({ binlogPosition: String(rng.int(4, 99999)), binlogFile: `mysql-bin.00000${rng.int(1, 9)}` })
            : undefined,
          Reason:
            status === "BackupSuccess" || status === "CheckSuccess" ? "success" : status === "Failed" ? "the backup file is not a valid xtrabackup file" : "",
        },
        {
          tags: opts.tags && opts.tags.length > 0 ? opts.tags[i % opts.tags.length] : {},
          resourceGroupId: opts.resourceGroupIds && opts.resourceGroupIds.length > 0 ? opts.resourceGroupIds[i % opts.resourceGroupIds.length] : undefined,
        },
      ),
    );
    if (out[out.length - 1].record.BinlogInfo === undefined) delete out[out.length - 1].record.BinlogInfo;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// KVStore DescribeBackups

/** One KVStore backup record (one shard of one job). */
export function kvstoreBackup(overrides: Partial<KvstoreBackup> = {}): KvstoreBackup {
  const start = parseRecordTime(overrides.BackupStartTime ?? "2026-11-20T03:00:04Z");
  const end = overrides.BackupEndTime !== undefined ? parseRecordTime(overrides.BackupEndTime) : start + 2 * MINUTE + 23_000;
  const url = `https://rdsbak-hz-v2.oss-cn-hangzhou.aliyuncs.com/custins30221437/hins20220304_data_${compactUtc(start)}.rdb?${ossQuery(end + 2 * DAY)}`;
  return {
    BackupStatus: "Success",
    BackupStartTime: isoSeconds(start),
    BackupType: "FullBackup",
    BackupDownloadURL: url,
    NodeInstanceId: "r-bp10noxlhcoimemu1",
    BackupEndTime: isoSeconds(end),
    BackupId: 111111111,
    BackupDBNames: "all",
    EngineVersion: "5.0",
    BackupIntranetDownloadURL: url,
    BackupSize: 1048576,
    BackupMode: "Automated",
    BackupMethod: "Physical",
    BackupJobID: 24340,
    ...overrides,
  };
}

/** Options of {@link kvstoreBackups}. */
export interface KvstoreBackupsOptions {
  instanceId: string;
  /** Shards of a cluster instance (nodes `${instanceId}-db-0` ... `-db-(n-1)`); 0 or absent: a standard instance. */
  shards?: number;
  /** Number of daily backup jobs, going back from the newest. */
  jobs: number;
  now: Date;
  seed: number;
  /** In every n-th job (from the newest, 1-based) one shard fails, so the job is not usable. */
  failedEvery?: number;
  /** In every n-th job one shard's record is missing altogether. */
  incompleteEvery?: number;
  /** Every n-th job is a `Manual` one taken during the day. */
  manualEvery?: number;
  /** The newest fully successful job is this many days old: in every newer job one shard failed. */
  newestUsableAgeDays?: number;
  engineVersion?: string;
}

/**
 * Daily backup jobs around 03:00 UTC, one record per shard per job. Shards of one job start a few seconds
 * apart and end minutes apart, so "the job's end" is the latest shard end. `BackupId`s and `BackupJobID`s are
 * integers growing by irregular steps.
 */
export function kvstoreBackups(opts: KvstoreBackupsOptions): KvstoreBackup[] {
  const rng = new SeededRandom(opts.seed);
  const shards = opts.shards ?? 0;
  const nodes = shards > 0 ? Array.from({ length: shards }, (_, k) => `${opts.instanceId}-db-${k}`) : [opts.instanceId];
  const newestSlot = newestDailySlot(opts.now, 3, 90 * MINUTE);
  const custins = rng.int(10_000_000, 99_999_999);
  let jobId = rng.int(20_000, 30_000);
  let backupId = rng.int(100_000_000, 200_000_000);
  const out: KvstoreBackup[] = [];
  for (let j = opts.jobs - 1; j >= 0; j--) {
    jobId += rng.int(3, 40);
    const nth = j + 1;
    const manual = opts.manualEvery !== undefined && nth % opts.manualEvery === 0;
    const jobStart = manual ? newestSlot - j * DAY + rng.int(6, 16) * HOUR : newestSlot - j * DAY + rng.int(0, 15 * 60) * 1000;
    let failedNode = opts.failedEvery !== undefined && nth % opts.failedEvery === 0 ? rng.int(0, nodes.length - 1) : -1;
    if (opts.newestUsableAgeDays !== undefined && j < opts.newestUsableAgeDays) failedNode = rng.int(0, nodes.length - 1);
    const missingNode = nodes.length > 1 && opts.incompleteEvery !== undefined && nth % opts.incompleteEvery === 0 ? rng.int(0, nodes.length - 1) : -1;
    nodes.forEach((node, k) => {
      backupId += rng.int(1, 9);
      if (k === missingNode) return;
      const start = jobStart + rng.int(0, 8) * 1000;
      const end = Math.min(start + rng.int(60, 600) * 1000, opts.now.getTime() - MINUTE);
      const failed = k === failedNode;
      const url = `https://rdsbak-hz-v2.oss-cn-hangzhou.aliyuncs.com/custins${custins}/hins${custins + k + 1}_data_${compactUtc(start)}.rdb?${ossQuery(opts.now.getTime() + 2 * HOUR, rng)}`;
      out.push(
        kvstoreBackup({
          BackupStatus: failed ? "Failed" : "Success",
          BackupStartTime: isoSeconds(start),
          BackupDownloadURL: url,
          NodeInstanceId: node,
          BackupEndTime: isoSeconds(end),
          BackupId: backupId,
          EngineVersion: opts.engineVersion ?? "5.0",
          BackupIntranetDownloadURL: url,
          BackupSize: failed ? 0 : rng.int(50, 500) * 1024 * 1024 + rng.int(0, 1_000_000),
          BackupMode: manual ? "Manual" : "Automated",
          BackupJobID: jobId,
        }),
      );
    });
  }
  return out.reverse();
}

// ---------------------------------------------------------------------------------------------------------
// DCS ListBackupRecords

/** One DCS backup record; `backup_name`, `updated_at` and `execution_at` follow `created_at` unless overridden. */
export function dcsBackupRecord(overrides: Partial<DcsBackupRecord> = {}): DcsBackupRecord {
  const created = parseRecordTime(overrides.created_at ?? "2026-11-20T01:00:16.166Z");
  const status = overrides.status ?? "succeed";
  return {
    backup_id: "4631832a-14c6-45b0-a0b3-3abd8f591ad1",
    period: {},
    backup_name: `backup_${compactUtc8(created)}`,
    instance_id: "5560df16-cebf-4473-95c4-d1b573c16e79",
    size: 880232,
    backup_type: "manual",
    created_at: isoMillis(created),
    updated_at: isoMillis(created + 74_380),
    progress: status === "succeed" || status === "expired" || status === "deleted" ? "100.00" : "0.00",
    error_code: {},
    remark: "001",
    status,
    is_support_restore: status === "succeed" ? "TRUE" : "FALSE",
    execution_at: isoMillis(created + DAY),
    backup_format: "aof",
    ...overrides,
  };
}

/** Options of {@link dcsBackups}. */
export interface DcsBackupsOptions {
  instanceId: string;
  count: number;
  now: Date;
  seed: number;
  /** Every n-th record (from the newest, 1-based) is `failed` with a `dcs.08.000x` error code. */
  failedEvery?: number;
  /** Every n-th record is a `manual` one taken during the day. */
  manualEvery?: number;
  /** Every n-th `succeed` record has `is_support_restore` `"FALSE"`. */
  notRestorableEvery?: number;
  /** Records older than this many days are `expired`. */
  expiredAfterDays?: number;
  /** The newest restorable record is this many days old: every newer one failed. */
  newestUsableAgeDays?: number;
}

/** Daily automatic DCS backups around 01:00 UTC (ISO times with milliseconds, sizes in bytes, UUID ids). */
export function dcsBackups(opts: DcsBackupsOptions): DcsBackupRecord[] {
  const rng = new SeededRandom(opts.seed);
  const newestSlot = newestDailySlot(opts.now, 1, 60 * MINUTE);
  const out: DcsBackupRecord[] = [];
  for (let i = 0; i < opts.count; i++) {
    const nth = i + 1;
    const manual = opts.manualEvery !== undefined && nth % opts.manualEvery === 0;
    const created = manual ? newestSlot - i * DAY + rng.int(5, 15) * HOUR + rng.int(0, 3_599_999) : newestSlot - i * DAY + rng.int(0, 10 * 60_000 - 1);
    const updated = Math.min(created + rng.int(20_000, 300_000), opts.now.getTime() - 1000);
    let status = "succeed";
    if (opts.expiredAfterDays !== undefined && i >= opts.expiredAfterDays) status = "expired";
    if ((opts.failedEvery !== undefined && nth % opts.failedEvery === 0) || (opts.newestUsableAgeDays !== undefined && i < opts.newestUsableAgeDays)) {
      status = "failed";
    }
    const notRestorable = status === "succeed" && opts.notRestorableEvery !== undefined && nth % opts.notRestorableEvery === 0;
    out.push(
      dcsBackupRecord({
        backup_id: rng.uuid(),
        period: manual ? {} : "01:00-02:00",
        instance_id: opts.instanceId,
        size: status === "failed" ? 0 : rng.int(100 * 1024, 50 * 1024 * 1024),
        backup_type: manual ? "manual" : "auto",
        created_at: isoMillis(created),
        updated_at: isoMillis(updated),
        progress: status === "failed" ? `${rng.int(0, 90)}.00` : "100.00",
        error_code: status === "failed" ? `dcs.08.000${rng.int(1, 8)}` : {},
        remark: manual ? rng.pick(["before upgrade", "001", "manual backup"]) : "",
        status,
        is_support_restore: status === "succeed" && !notRestorable ? "TRUE" : "FALSE",
        execution_at: isoMillis(created + DAY),
        backup_format: manual ? "aof" : "rdb",
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Huawei RDS ListBackups

/** The engines Huawei RDS `ListBackups` reports in `datastore.type`. */
export type HuaweiRdsEngine = "MySQL" | "PostgreSQL" | "SQLServer" | "MariaDB";

/** The suffix of an instance id (and, in the vendor's examples, of its backups' ids) per engine. */
const HUAWEI_RDS_ID_SUFFIX: Record<HuaweiRdsEngine, string> = { MySQL: "01", PostgreSQL: "03", SQLServer: "04", MariaDB: "01" };

const HUAWEI_RDS_DEFAULT_VERSION: Record<HuaweiRdsEngine, string> = { MySQL: "8.0", PostgreSQL: "14", SQLServer: "2019_SE", MariaDB: "10.5" };

/** A Huawei RDS instance id of the right shape: 32 hex digits + `in01` (MySQL), `in03` (PostgreSQL), `in04` (SQL Server). */
export function huaweiRdsInstanceId(engine: HuaweiRdsEngine, seed: number): string {
  return new SeededRandom(seed).chars(32, "0123456789abcdef") + "in" + HUAWEI_RDS_ID_SUFFIX[engine];
}

/**
 * One Huawei RDS backup (a completed automated full backup of a MySQL 8.0 instance unless overridden);
 * `end_time` follows `begin_time` (2 minutes later) and the engine-only fields follow `datastore.type`
 * (`associated_with_ddm` for MySQL, `databases` for SQL Server) unless given.
 */
export function huaweiRdsBackup(overrides: Partial<HuaweiRdsBackup> = {}): HuaweiRdsBackup {
  const beginText = overrides.begin_time ?? "2026-11-20T09:00:16+0800";
  const begin = parseRecordTime(beginText);
  const datastore = overrides.datastore ?? { type: "MySQL", version: "8.0" };
  const out: HuaweiRdsBackup = {
    id: "43e4feaab48f11e89039fa163ebaa7e4br01",
    name: `rds-backup-${compactUtc8(begin)}`,
    type: "auto",
    size: 2803,
    status: "COMPLETED",
    begin_time: beginText,
    end_time: isoWithOffset(begin + 2 * MINUTE),
    datastore,
    instance_id: "a48e43ff268f4c0e879652d65e63d0fbin01",
    ...(datastore.type === "SQLServer" ? { databases: [{ name: "user01" }, { name: "user02" }] } : {}),
    ...(datastore.type === "MySQL" ? { associated_with_ddm: false } : {}),
    ...overrides,
  };
  return out;
}

/** Options of {@link huaweiRdsBackups}. */
export interface HuaweiRdsBackupsOptions {
  instanceId: string;
  engine: HuaweiRdsEngine;
  /** `datastore.version`; default per engine (`8.0`, `14`, `2019_SE`, `10.5`). */
  version?: string;
  /** Number of daily automated full backups, going back from the newest. */
  days: number;
  now: Date;
  seed: number;
  /** Every n-th automated full backup (from the newest, 1-based) is `FAILED`, with size 0. */
  failedEvery?: number;
  /** On every n-th day a `manual` full backup is also taken during the day. */
  manualEvery?: number;
  /** Every n-th manual backup is being deleted (`DELETING`). */
  deletingEvery?: number;
  /** On every n-th day a `fragment` (differential full) backup is also taken, at 06:00 UTC (SQL Server). */
  fragmentEvery?: number;
  /** `incremental` backups per day (MySQL binlog / PostgreSQL), evenly spaced; default 0. */
  incrementalsPerDay?: number;
  /** The newest automated full backup is still `BUILDING` (started 3 minutes before `now`). */
  buildingNow?: boolean;
  /** The newest usable full backup is this many days old: every newer automated one `FAILED`. */
  newestUsableAgeDays?: number;
  /** SQL Server: the user databases every backup holds; default `orders`, `users`. */
  databases?: string[];
}

/**
 * A Huawei RDS backup history, newest first: one automated full backup a day around 18:00 UTC (02:00 at
 * UTC+8) taking 3-40 minutes, with manual, differential (`fragment`) and incremental backups mixed in as asked,
 * and `FAILED`, `DELETING` and `BUILDING` ones. Ids are 32 hex digits + `br` + the engine's two digits; sizes
 * are KB and grow slowly; times are written `yyyy-MM-ddTHH:mm:ss+0800`. Every backup except a `BUILDING` one
 * ended before `now`.
 */
export function huaweiRdsBackups(opts: HuaweiRdsBackupsOptions): HuaweiRdsBackup[] {
  const rng = new SeededRandom(opts.seed);
  const engine = opts.engine;
  const datastore = { type: engine, version: opts.version ?? HUAWEI_RDS_DEFAULT_VERSION[engine] };
  const suffix = "br" + HUAWEI_RDS_ID_SUFFIX[engine];
  const newId = () => rng.chars(32, "0123456789abcdef") + suffix;
  const perEngine = (): Partial<HuaweiRdsBackup> =>
    engine === "SQLServer"
      ? { databases: (opts.databases ?? ["orders", "users"]).map((name) => ({ name })) }
      : engine === "MySQL"
        ? { associated_with_ddm: false }
        : {};
  const record = (type: string, status: string, begin: number, end: number | undefined, size: number): HuaweiRdsBackup => {
    const r: HuaweiRdsBackup = {
      id: newId(),
      name: `${opts.instanceId.slice(0, 8)}-${type}-${compactUtc8(begin)}`,
      type,
      size,
      status,
      begin_time: isoWithOffset(begin),
      end_time: end === undefined ? "" : isoWithOffset(end),
      datastore: { ...datastore },
      instance_id: opts.instanceId,
      ...perEngine(),
    };
    return r;
  };
  const now = opts.now.getTime();
  const newestSlot = newestDailySlot(opts.now, 18, 60 * MINUTE);
  const baseKb = rng.int(200_000, 5_000_000);
  const perDay = opts.incrementalsPerDay ?? 0;
  const out: HuaweiRdsBackup[] = [];
  let manuals = 0;
  if (opts.buildingNow) out.push(record("auto", "BUILDING", now - 3 * MINUTE, undefined, 0));
  for (let i = 0; i < opts.days; i++) {
    const nth = i + 1;
    const dayStart = newestSlot - i * DAY;
    // incrementals of the day after this full backup (none after the newest slot beyond `now`)
    for (let k = perDay; k >= 1; k--) {
      const slot = dayStart + Math.floor((k * DAY) / (perDay + 1));
      if (slot + 10 * MINUTE > now) continue;
      const begin = slot - Math.floor(DAY / (perDay + 1)) + rng.int(0, 59) * 1000;
      const end = slot - rng.int(1, 30) * 1000;
      out.push(record("incremental", "COMPLETED", begin, end, rng.int(1_000, 50_000)));
    }
    if (opts.manualEvery !== undefined && nth % opts.manualEvery === 0) {
      manuals += 1;
      const begin = dayStart - rng.int(2, 9) * HOUR - rng.int(0, 3599) * 1000;
      const deleting = opts.deletingEvery !== undefined && manuals % opts.deletingEvery === 0;
      out.push(record("manual", deleting ? "DELETING" : "COMPLETED", begin, begin + rng.int(3, 30) * MINUTE, Math.round(baseKb * (1 - i * 0.0005))));
    }
    if (opts.fragmentEvery !== undefined && nth % opts.fragmentEvery === 0) {
      const begin = dayStart - 12 * HOUR + rng.int(0, 600) * 1000;
      out.push(record("fragment", "COMPLETED", begin, begin + rng.int(2, 15) * MINUTE, Math.round(baseKb * 0.1)));
    }
    const failed = (opts.failedEvery !== undefined && nth % opts.failedEvery === 0) || (opts.newestUsableAgeDays !== undefined && i < opts.newestUsableAgeDays);
    const begin = dayStart + rng.int(0, 15 * 60) * 1000;
    const end = Math.min(begin + rng.int(3 * 60, 40 * 60) * 1000, now - MINUTE);
    const size = failed ? 0 : Math.round(baseKb * (1 - i * 0.0005) * (0.97 + rng.next() * 0.06));
    out.push(record("auto", failed ? "FAILED" : "COMPLETED", begin, end, size));
  }
  return out;
}
