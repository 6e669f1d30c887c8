/**
 * The records the emulator stores and returns, in the clouds' own wire format (field names, nesting and JSON
 * types exactly as the APIs send them; see docs/apis/*.md "What we read"). Handlers return these objects as they
 * are, so a test can build a record with a quirk (a `null` URL, a `{}` where a string is documented) and the
 * client under test sees exactly that.
 */

/** RDS 2014-08-15 `DescribeBackups`: one element of `Items.Backup[]`. */
export interface RdsBackup {
  BackupDownloadLinkByDB: { BackupDownloadLinkByDB: Array<{ DataBase: string; DownloadLink: string; IntranetDownloadLink: string }> };
  /** Whole-set public URL with an `Expires=` query; `null` when the set cannot be downloaded. */
  BackupDownloadURL: string | null;
  /** `yyyy-MM-ddTHH:mm:ssZ` UTC. */
  BackupEndTime: string;
  /** Digits sent as a string. */
  BackupId: string;
  BackupInitiator: string;
  BackupIntranetDownloadURL: string | null;
  BackupMethod: string;
  BackupMode: string;
  /** Bytes. */
  BackupSize: number;
  /** `yyyy-MM-ddTHH:mm:ssZ` UTC. */
  BackupStartTime: string;
  BackupStatus: string;
  BackupType: string;
  Checksum: string;
  /** Unix seconds; `0` except on MySQL 5.6. */
  ConsistentTime: number;
  /** SQL Server only. */
  CopyOnlyBackup?: string;
  DBInstanceId: string;
  Encryption: string;
  Engine: string;
  EngineVersion: string;
  HostInstanceID: string;
  /** `1` available, `0` not. */
  IsAvail: number;
  MetaStatus: string;
  StorageClass: string;
  StoreStatus: string;
  ExpectExpireTime: string;
}

/** RDS 2014-08-15 `DescribeBackupTasks`: one element of `Items.BackupJob[]`. */
export interface RdsBackupJob {
  /** Only when the request named `BackupJobId` and the job is `Finished`. */
  BackupId?: string;
  /** A JSON number on the wire (the doc table says String). */
  BackupJobId: number;
  BackupProgressStatus: string;
  /** Only while the job executes (and `Failed` for a failed job). */
  BackupStatus?: string;
  JobMode: string;
  /** Percent, a number sent as a string. */
  Process: string;
  TaskAction: string;
}

/** RDS 2014-08-15 `ListUserBackupFiles`: one element of `Records[]`. */
export interface UserBackupFileRecord {
  Status: string;
  /** Unix milliseconds sent as a string. */
  CreationTime: string;
  FinishTime: string;
  ModificationTime: string;
  Comment: string;
  OssFilePath: string;
  OssBucket: string;
  /** KB (1024 bytes, rounded down), a JSON number. */
  OssFileSize: number;
  OssFileName: string;
  EngineVersion: string;
  BackupId: string;
  /** GB, a number sent as a string. */
  RestoreSize: string;
  ZoneId: string;
  /** Days. */
  Retention: number;
  Engine: string;
  OssUrl: string;
  /** JSON object encoded as a string. */
  OssFileMetaData: string;
  /** Present only when the backup captured incremental changes. */
  BinlogInfo?: string;
  Reason: string;
}

/** A user backup file as stored: the wire record plus what the API filters on but does not return. */
export interface UserBackupFileEntry {
  record: UserBackupFileRecord;
  /** Tags, matched by the `Tags` parameter (`key:value`, several comma-separated). */
  tags: Record<string, string>;
  /** Matched by the `ResourceGroupId` parameter. */
  resourceGroupId: string;
}

/** R-KVStore 2015-01-01 `DescribeBackups`: one element of `Backups.Backup[]` (one per shard per job). */
export interface KvstoreBackup {
  BackupStatus: string;
  /** `yyyy-MM-ddTHH:mm:ssZ` UTC. */
  BackupStartTime: string;
  BackupType: string;
  BackupDownloadURL: string;
  /** `${instanceId}-db-N` on a cluster; the instance id on a standard instance. */
  NodeInstanceId: string;
  BackupEndTime: string;
  /** A JSON integer. */
  BackupId: number;
  BackupDBNames: string;
  EngineVersion: string;
  BackupIntranetDownloadURL: string;
  BackupSize: number;
  BackupMode: string;
  BackupMethod: string;
  /** A JSON integer; note the capital `ID`. */
  BackupJobID: number;
}

/** Huawei DCS v2 `ListBackupRecords`: one element of `backup_record_response[]`. */
export interface DcsBackupRecord {
  backup_id: string;
  /** Documented String; often an empty object `{}` on the wire. */
  period: string | Record<string, never>;
  /** `backup_yyyyMMddHHmmss` in UTC+8. */
  backup_name: string;
  instance_id: string;
  /** Bytes. */
  size: number;
  backup_type: string;
  /** ISO 8601 UTC with milliseconds. */
  created_at: string;
  updated_at: string;
  /** `"100.00"`. */
  progress: string;
  /** Documented String; `{}` when there is no error. */
  error_code: string | Record<string, never>;
  remark: string;
  status: string;
  /** `"TRUE"` or `"FALSE"`. */
  is_support_restore: string;
  execution_at: string;
  backup_format: string;
}

/** The engine block of a Huawei RDS v3 backup. */
export interface HuaweiRdsDatastore {
  /** `MySQL`, `PostgreSQL`, `SQLServer` or `MariaDB`. */
  type: string;
  /** e.g. `8.0`, `14`, `2019_SE`. */
  version: string;
}

/** Huawei Cloud RDS v3 `ListBackups`: one element of `backups[]`. */
export interface HuaweiRdsBackup {
  /** 32 hex digits + `br01` (the vendor's examples also show `br03` / `br04`). */
  id: string;
  name: string;
  /** `auto`, `manual`, `fragment` (differential full) or `incremental`. */
  type: string;
  /** KB, a JSON integer. */
  size: number;
  /** `BUILDING`, `COMPLETED`, `FAILED` or `DELETING`. */
  status: string;
  /** `yyyy-MM-ddTHH:mm:ss+0800`: local time and its offset, no colon in the offset. */
  begin_time: string;
  /** Same form; for a MySQL incremental backup, the commit time of its last transaction. */
  end_time: string;
  datastore: HuaweiRdsDatastore;
  /** SQL Server only: the user databases in the backup. */
  databases?: Array<{ name: string }>;
  instance_id: string;
  /** MySQL only. */
  associated_with_ddm?: boolean;
}
