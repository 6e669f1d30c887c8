/**
 * The public argument and output types of `alicloud.rds.UserBackupFile`: types only, importing nothing but other
 * files of provider/types, so the package's declarations never reach zod or the engine.
 */
import type { CommonArgs } from "../../CommonArgs";

/** Arguments of `alicloud.rds.UserBackupFile` (and `getUserBackupFile`). */
export interface UserBackupFileArgs extends CommonArgs {
  /** Only this user backup (`b-...`). */
  backupId?: string;
  /** Only files in this state. Default `"BackupSuccess"`. */
  status?: "Importing" | "Failed" | "CheckSuccess" | "BackupSuccess" | "Deleted";
  /** Fragment of the remark; the API matches it fuzzily. */
  comment?: string;
  /** Only the file at this OSS URL. */
  ossUrl?: string;
  /** Only files carrying every one of these tags (sent as the API's `key:value` form). */
  tags?: Record<string, string>;
  /** Resource group id (`rg-...`). */
  resourceGroupId?: string;
}

/** Outputs of `alicloud.rds.UserBackupFile` beyond the echoed arguments and the common ones. */
export interface UserBackupFileResult {
  /** The chosen user backup's id (`b-...`). */
  readonly backupId: string;
  /** `Importing`, `Failed`, `CheckSuccess`, `BackupSuccess` or `Deleted`. */
  readonly status: string;
  /** Remark. */
  readonly comment: string | null;
  /** OSS URL of the file. */
  readonly ossUrl: string | null;
  /** OSS bucket. */
  readonly ossBucket: string | null;
  /** Object path inside the bucket. */
  readonly ossFilePath: string | null;
  /** File name in OSS. */
  readonly ossFileName: string | null;
  /** Size of the file in OSS, KB (1024 bytes). */
  readonly ossFileSize: number | null;
  /** Storage needed to restore it, GB. */
  readonly restoreSize: number | null;
  /** Database engine (`mysql`). */
  readonly engine: string | null;
  /** Engine version (`5.7`). */
  readonly engineVersion: string | null;
  /** Import start, ISO-8601 UTC. */
  readonly creationTime: string | null;
  /** Successful import, ISO-8601 UTC. */
  readonly finishTime: string | null;
  /** Import completed, ISO-8601 UTC. */
  readonly modificationTime: string | null;
  /** Retention, days. */
  readonly retention: number | null;
  /** Zone of the user backup. */
  readonly zoneId: string | null;
  /** Why an import failed (`success` on a good one). */
  readonly reason: string | null;
}
