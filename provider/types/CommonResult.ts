/** Outputs every lookup has. Types only. */
export interface CommonResult {
  /** The newest match at the last run; differs from `backupId` when pinned. */
  readonly latestBackupId: string | null;
  /** `true` when resolved; a refresh sets `false` when the pinned backup expired or was deleted. */
  readonly backupExists: boolean;
  /** When the stored result was resolved, ISO-8601 UTC to the second. */
  readonly resolvedAt: string;
}
