/**
 * The public argument and output types of `alicloud.kvstore.BackupSet`: types only, importing nothing but other
 * files of provider/types, so the package's declarations never reach zod or the engine.
 */
import type { CommonArgs } from "../../CommonArgs";

/** Arguments of `alicloud.kvstore.BackupSet` (and `getBackupSet`). */
export interface KvstoreBackupSetArgs extends CommonArgs {
  /** Redis/Tair instance id (`r-...`). Required. */
  instanceId: string;
  /** Only the job holding this backup id (a number or numeric string). */
  backupId?: string;
  /** Only jobs in this state. Default `"Success"` (every shard succeeded). */
  backupStatus?: "Success" | "Failed";
  /** Only jobs with a backup of this shard; `backupId` is then that shard's backup. */
  nodeInstanceId?: string;
  /** `Automated` or `Manual`. */
  backupMode?: "Automated" | "Manual";
  /** `FullBackup` or `IncrementalBackup`. */
  backupType?: "FullBackup" | "IncrementalBackup";
  /** `Logical` or `Physical`. */
  backupMethod?: "Logical" | "Physical";
}

/** Outputs of `alicloud.kvstore.BackupSet` beyond the echoed arguments and the common ones. */
export interface KvstoreBackupSetResult {
  /** The backup asked for by `backupId`, else the one of `nodeInstanceId`, else the first of `backupIds`. */
  backupId: string;
  /** Every shard's backup id of the chosen job, sorted by `nodeInstanceId`. */
  backupIds: string[];
  /** The job id (`BackupJobID`), as a string. */
  backupJobId: string | null;
  /** `Success` when every shard succeeded, else the first failing shard's status. */
  backupStatus: string;
  /** Earliest shard start, ISO-8601 UTC. */
  backupStartTime: string;
  /** Latest shard end, ISO-8601 UTC. */
  backupEndTime: string;
  /** Bytes, summed over the shards. */
  backupSize: number | null;
  /** The shard of `backupId`; a standard instance has one, the instance itself. */
  nodeInstanceId: string | null;
  /** Number of shards in the job. */
  shardCount: number;
  /** Databases included (`all`). */
  backupDbNames: string | null;
  /** Engine major version (`4.0`). */
  engineVersion: string | null;
  /** `Automated` or `Manual`. */
  backupMode: string | null;
  /** `FullBackup` or `IncrementalBackup`. */
  backupType: string | null;
  /** `Logical` or `Physical`. */
  backupMethod: string | null;
  /** Public download URL of `backupId`'s file (secret). */
  backupDownloadUrl: string | null;
  /** Internal download URL of `backupId`'s file (secret). */
  backupIntranetDownloadUrl: string | null;
}
