/**
 * The public argument and output types of `huaweicloud.dcs.BackupSet`: types only, importing nothing but other
 * files of provider/types, so the package's declarations never reach zod or the engine.
 */
import type { CommonArgs } from "../../CommonArgs";

/** Arguments of `huaweicloud.dcs.BackupSet` (and `getBackupSet`). */
export interface DcsBackupSetArgs extends CommonArgs {
  /** DCS instance id (a UUID). Required. */
  instanceId: string;
  /**
   * Project id; default `huaweicloud:projectId`, then HW_PROJECT_ID.
   * @cli Project id; default: the environment (below).
   */
  projectId?: string;
  /** Only records in this state. Default `"succeed"`. */
  status?: "waiting" | "backuping" | "succeed" | "failed" | "expired" | "deleted";
  /** `manual` or `auto`. */
  backupType?: "manual" | "auto";
  /** Only records with `is_support_restore = "TRUE"`. Default `true`. */
  requireRestorable?: boolean;
}

/** Outputs of `huaweicloud.dcs.BackupSet` beyond the echoed arguments and the common ones. */
export interface DcsBackupSetResult {
  /** The chosen record's `backup_id` (a UUID). */
  readonly backupId: string;
  /** `backup_name` (embeds a UTC+8 local time; do not parse it). */
  readonly backupName: string | null;
  /** `waiting`, `backuping`, `succeed`, `failed`, `expired`, `deleted`. */
  readonly status: string;
  /** `manual` or `auto`. */
  readonly backupType: string | null;
  /** Backup file format (`aof`, `rdb`). */
  readonly backupFormat: string | null;
  /** Size of the backup file, bytes. */
  readonly size: number | null;
  /** When the backup task was created, ISO-8601 UTC. */
  readonly createdAt: string;
  /** When the backup completed, ISO-8601 UTC. */
  readonly updatedAt: string | null;
  /** `execution_at`, ISO-8601 UTC. */
  readonly executionAt: string | null;
  /** `is_support_restore` as a boolean. */
  readonly isSupportRestore: boolean | null;
  /** Progress in percent. */
  readonly progress: number | null;
  /** Remark. */
  readonly remark: string | null;
  /** Failure code (`dcs.08.0002`), or null. */
  readonly errorCode: string | null;
}
