/**
 * A manual backup of an RDS instance is running (started from the console, by a maintenance script, or by
 * `aliyun rds CreateBackup`). This program waits for that job to finish and clones the instance from the
 * very backup set it produced, not from whatever backup happens to be newest.
 *
 * `alicloud.rds.BackupTask` reads RDS `DescribeBackupTasks`. Jobs carry no times, so "newest" is the largest
 * `BackupJobId`; give `backupJobId` to name the job exactly. With `waitForCompletion` the lookup polls
 * (10 s, then 15 s, 22 s, ... up to 1 min between polls) until the job is `Finished` — then `backupId` is the
 * set it produced — or `Failed`, which stops the deployment with an error. `timeout` bounds the wait.
 */
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import * as backups from "pulumi-backup-lookups";

const config = new pulumi.Config();
const sourceDbInstanceId = config.require("sourceDbInstanceId");

const job = new backups.alicloud.rds.BackupTask("manual-backup-job", {
  dbInstanceId: sourceDbInstanceId,
  backupJobId: config.get("backupJobId"), // the job to wait for; default: the newest manual job
  backupMode: "Manual",
  waitForCompletion: true,
  timeout: config.get("backupTimeout") ?? "45m",
  pollInterval: config.get("pollInterval"), // first polling interval, default 10s
  endpoint: config.get("lookupEndpoint"), // optional: VPC endpoint, proxy or local emulator
});

// `backupId` is null only when no manual job exists at all (found: false); a job that failed or did not
// finish within `timeout` has already stopped the deployment with an error saying so.
const finishedBackupId = pulumi.all([job.found, job.backupId]).apply(([found, id]) => {
  if (!found || !id) {
    throw new Error(
      `no manual backup job of ${sourceDbInstanceId} to wait for: start one (console, "aliyun rds CreateBackup", ` +
        `or alicloud.rds.RdsBackup) or set backupJobId`,
    );
  }
  return id;
});

const clone = new alicloud.rds.RdsCloneDbInstance("clone-after-backup", {
  sourceDbInstanceId,
  backupId: finishedBackupId,
  backupType: "FullBackup",
  paymentType: "PayAsYouGo",
  dbInstanceStorageType: config.get("storageType") ?? "cloud_essd",
});

/** The job that was waited for. */
export const backupJobId = job.backupJobId;
/** Its final state (`Finished`). */
export const backupJobStatus = job.backupStatus;
/** The backup set it produced, which the clone uses. */
export const backupId = finishedBackupId;
export const cloneInstanceId = clone.id;
