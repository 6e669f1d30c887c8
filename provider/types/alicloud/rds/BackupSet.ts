/**
 * The public argument and output types of `alicloud.rds.BackupSet`: types only, importing nothing but other
 * files of provider/types, so the package's declarations never reach zod or the engine.
 */
import type { CommonArgs } from "../../CommonArgs";

/** Arguments of `alicloud.rds.BackupSet` (and `getBackupSet`). */
export interface BackupSetArgs extends CommonArgs {
  /** RDS instance id (`rm-...`, `pgm-...`). Required. */
  dbInstanceId: string;
  /** Only this backup set id (digits). */
  backupId?: string;
  /** Only sets in this state. Default `"Success"`. */
  backupStatus?: "Success" | "Failed";
  /** `Automated` or `Manual`. */
  backupMode?: "Automated" | "Manual";
  /** `FullBackup` or `IncrementalBackup`. */
  backupType?: "FullBackup" | "IncrementalBackup";
  /** `Physical`, `Logical` or `Snapshot`. */
  backupMethod?: "Physical" | "Logical" | "Snapshot";
  /** Only sets with `IsAvail = 1`. Default `true`. */
  requireAvailable?: boolean;
}

/** Outputs of `alicloud.rds.BackupSet` beyond the echoed arguments. */
export interface BackupSetResult {
  /** The chosen backup set's id (digits, as a string). */
  readonly backupId: string;
  /** `Success` or `Failed`. */
  readonly backupStatus: string;
  /** Backup start, ISO-8601 UTC to the second. */
  readonly backupStartTime: string;
  /** Backup end, ISO-8601 UTC to the second. */
  readonly backupEndTime: string;
  /** `Automated` or `Manual`. */
  readonly backupMode: string | null;
  /** `FullBackup` or `IncrementalBackup`. */
  readonly backupType: string | null;
  /** `Physical`, `Logical` or `Snapshot`. */
  readonly backupMethod: string | null;
  /** Size of the backup file in bytes. */
  readonly backupSize: number | null;
  /** `IsAvail = 1`. */
  readonly isAvailable: boolean | null;
  /** Consistency point, ISO-8601 UTC; null when the API gives 0 (everything but MySQL 5.6). */
  readonly consistentTime: string | null;
  /** Id of the host that produced the set (numeric string, not an `rm-` id). */
  readonly hostInstanceId: string | null;
  /** Public download URL (secret); null when the set cannot be downloaded. */
  readonly backupDownloadUrl: string | null;
  /** Internal download URL (secret); null when the set cannot be downloaded. */
  readonly backupIntranetDownloadUrl: string | null;
  /** `MySQL`, `PostgreSQL`, `SQLServer`, `MariaDB`. */
  readonly engine: string | null;
  /** Engine version, e.g. `8.0`. */
  readonly engineVersion: string | null;
  /** `System` or `User`. */
  readonly backupInitiator: string | null;
  /** When the set is expected to expire, ISO-8601 UTC, or null. */
  readonly expectExpireTime: string | null;
}
