/**
 * How the emulator settles what the vendor pages leave open (docs/apis/*.md "Open questions"), and which of the
 * documented wire forms it sends. Each switch has a default (the reading the lookups were built on) and the
 * other branch, so a test can run the lookups end to end under both.
 */

export interface EmulatorReadings {
  /**
   * What KVStore `TotalCount` and DCS `total_num` count. `all`: every match of the query (the default; the
   * Terraform provider for Huawei Cloud pages DCS until it has read `total_num` records). `page`: the records of
   * this page only, as the vendor pages' wording ("number of records returned") also allows.
   */
  totalCounts: "all" | "page";
  /**
   * Whether RDS `DescribeBackupTasks` without `BackupJobId` lists finished (`Finished`, `Failed`) jobs too.
   * `false` (the default): only jobs not yet finished, as the `BackupJobStatus` filter (`NoStart`,
   * `Progressing`) suggests; `true`: every job, finished ones without their `BackupId`.
   */
  listsFinishedJobs: boolean;
  /**
   * The form of DCS `created_at`, `updated_at` and `execution_at` as sent: `iso-millis`
   * (`2019-05-10T08:31:16.166Z`, the vendor page's example; the default) or `utc-spaced`
   * (`2019-05-10 08:31:16`, UTC, as the Terraform provider for Huawei Cloud documents these fields).
   */
  dcsTimeForm: "iso-millis" | "utc-spaced";
}

export const DEFAULT_READINGS: Readonly<EmulatorReadings> = { totalCounts: "all", listsFinishedJobs: false, dcsTimeForm: "iso-millis" };
