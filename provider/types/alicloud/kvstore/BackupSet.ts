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
  backupId?: string | number;
  /** Only jobs in this state. Default `"Success"` (every shard succeeded). */
  backupStatus?: "Success" | "Failed";
  /** Only jobs with a backup of this shard; the backup id and download URLs output are then that shard's. */
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
  readonly backupId: string;
  /** Every shard's backup id of the chosen job, sorted by `nodeInstanceId`. */
  readonly backupIds: readonly string[];
  /** The job id (`BackupJobID`), as a string. */
  readonly backupJobId: string | null;
  /** `Success` when every shard succeeded, else the first failing shard's status. */
  readonly backupStatus: string;
  /** Earliest shard start, ISO-8601 UTC. */
  readonly backupStartTime: string;
  /** Latest shard end, ISO-8601 UTC. */
  readonly backupEndTime: string;
  /** Bytes, summed over the shards. */
  readonly backupSize: number | null;
  /** The shard of `backupId`; a standard instance has one, the instance itself. */
  readonly nodeInstanceId: string | null;
  /** Number of shards in the job. */
  readonly shardCount: number;
  /** Databases included (`all`). */
  readonly backupDbNames: string | null;
  /** Engine major version (`4.0`). */
  readonly engineVersion: string | null;
  /** `Automated` or `Manual`. */
  readonly backupMode: string | null;
  /** `FullBackup` or `IncrementalBackup`. */
  readonly backupType: string | null;
  /** `Logical` or `Physical`. */
  readonly backupMethod: string | null;
  /** Public download URL of `backupId`'s file (secret). */
  readonly backupDownloadUrl: string | null;
  /** Internal download URL of `backupId`'s file (secret). */
  readonly backupIntranetDownloadUrl: string | null;
}
