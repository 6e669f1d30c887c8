/**
 * The public argument and output types of `alicloud.rds.BackupTask`: types only, importing nothing but other
 * files of provider/types, so the package's declarations never reach zod or the engine.
 */
import type { CommonArgs } from "../../CommonArgs";

/** Arguments of `alicloud.rds.BackupTask` (and `getBackupTask`). */
export interface BackupTaskArgs extends Omit<CommonArgs, "since" | "until" | "maxAge"> {
  /** RDS instance id. Required. */
  dbInstanceId: string;
  /** Only this job (digits). An unknown id is an error. */
  backupJobId?: string | number;
  /** `Automated` or `Manual`. */
  backupMode?: "Automated" | "Manual";
  /** `NoStart` or `Progressing` (the API's only job-state filters). */
  backupJobStatus?: "NoStart" | "Progressing";
  /** Poll until the job is `Finished` or `Failed`. Default `false`. */
  waitForCompletion?: boolean;
  /** How long to wait, a duration. Default `"30m"`. */
  timeout?: string;
  /** First polling interval, a duration; later intervals grow by half up to 1 minute. Default `"10s"`. */
  pollInterval?: string;
}

/** Outputs of `alicloud.rds.BackupTask` beyond the echoed arguments. */
export interface BackupTaskResult {
  /** `false` when no job matches and no `backupJobId` was given. */
  readonly found: boolean;
  /** The job id, as a string; null when not found. */
  readonly backupJobId: string | null;
  /** `NoStart`, `Checking`, `Preparing`, `Waiting`, `Uploading`, `Finished`, `Failed`. */
  readonly backupStatus: string | null;
  /** State of the backup program: `NoStart`, `Preparing`, `Waiting`, `Uploading`, `Checking`, `Finished`. */
  readonly backupProgressStatus: string | null;
  /** Progress in percent (0-100). */
  readonly process: number | null;
  /** `TempBackupTask` or `NormalBackupTask`. */
  readonly taskAction: string | null;
  /** `Automated` or `Manual`. */
  readonly jobMode: string | null;
  /** The backup set the job produced; null until the job finished. */
  readonly backupId: string | null;
  /** Same as `backupId` for a job (the newest job's backup set, once finished). */
  readonly latestBackupId: string | null;
  /** `true` when a job was found. */
  readonly backupExists: boolean;
  /** When the result was resolved, ISO-8601 UTC. */
  readonly resolvedAt: string;
}
