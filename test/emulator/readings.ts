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
  /**
   * Which time of a Huawei RDS backup the `begin_time`/`end_time` window of `ListBackups` tests (both ends
   * inclusive, to the second). `begin_time` (the default): the backup's start; `end_time`: its end.
   */
  huaweiRdsWindowField: "begin_time" | "end_time";
  /**
   * What Huawei RDS `ListBackups` lists when the request names no `backup_type`. `all` (the default): every type
   * (`auto`, `manual`, `fragment`, `incremental`); `full`: only the automated and manual full backups (`auto`,
   * `manual`), as the sibling GaussDB and TaurusDB backup listings document for themselves.
   */
  huaweiRdsDefaultTypes: "all" | "full";
  /**
   * Huawei RDS `ListBackups`' answer to an instance id of the right shape that does not exist in the project.
   * `DBS.280343` (the default): HTTP 400, the code the Terraform provider for Huawei Cloud treats as "the RDS
   * instance is gone" (`ConvertExpected400ErrInto404Err(..., "DBS.280343")`); `DBS.200002`: HTTP 404 "The DB
   * instance does not exist.", as the RDS error-code table lists it.
   */
  huaweiRdsUnknownInstance: "DBS.280343" | "DBS.200002";
  /**
   * The offset Huawei RDS writes its backup times in: `+0800` (the vendor's examples; the default), `+0000`, or
   * `-0330` (a negative, non-whole-hour offset).
   */
  huaweiRdsTimeOffset: "+0800" | "+0000" | "-0330";
}

export const DEFAULT_READINGS: Readonly<EmulatorReadings> = {
  totalCounts: "all",
  listsFinishedJobs: false,
  dcsTimeForm: "iso-millis",
  huaweiRdsWindowField: "begin_time",
  huaweiRdsDefaultTypes: "all",
  huaweiRdsUnknownInstance: "DBS.280343",
  huaweiRdsTimeOffset: "+0800",
};
