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
  backupId: string;
  /** `Importing`, `Failed`, `CheckSuccess`, `BackupSuccess` or `Deleted`. */
  status: string;
  /** Remark. */
  comment: string | null;
  /** OSS URL of the file. */
  ossUrl: string | null;
  /** OSS bucket. */
  ossBucket: string | null;
  /** Object path inside the bucket. */
  ossFilePath: string | null;
  /** File name in OSS. */
  ossFileName: string | null;
  /** Size of the file in OSS, KB (1024 bytes). */
  ossFileSize: number | null;
  /** Storage needed to restore it, GB. */
  restoreSize: number | null;
  /** Database engine (`mysql`). */
  engine: string | null;
  /** Engine version (`5.7`). */
  engineVersion: string | null;
  /** Import start, ISO-8601 UTC. */
  creationTime: string | null;
  /** Successful import, ISO-8601 UTC. */
  finishTime: string | null;
  /** Import completed, ISO-8601 UTC. */
  modificationTime: string | null;
  /** Retention, days. */
  retention: number | null;
  /** Zone of the user backup. */
  zoneId: string | null;
  /** Why an import failed (`success` on a good one). */
  reason: string | null;
}
