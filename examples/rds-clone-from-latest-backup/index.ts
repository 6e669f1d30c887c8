/**
 * Clone an Alibaba Cloud RDS instance from the newest usable backup set of another instance.
 *
 * `alicloud.rds.BackupSet` runs RDS `DescribeBackups` over every page, keeps the sets that are `Success`
 * and available (`IsAvail = 1`), and hands the newest one's id to `alicloud.rds.RdsCloneDbInstance`.
 * The lookup runs while Pulumi checks inputs, so `pulumi preview` already shows the real `backupId`
 * that the clone will use.
 */
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import * as backups from "pulumi-backup-lookups";

const config = new pulumi.Config();
const sourceDbInstanceId = config.require("sourceDbInstanceId");

const latest = new backups.alicloud.rds.BackupSet("source-latest-backup", {
  dbInstanceId: sourceDbInstanceId,
  // "pin" (the default, spelled out here): later deployments keep this backup, so the clone is not
  // replaced every night when a new backup appears; `latestBackupId` reports the newest one meanwhile.
  refresh: "pin",
  // Refuse to clone from a backup that ended more than 36 hours ago (the nightly backup failed twice):
  // the deployment stops with an error naming the backup and its age instead of restoring stale data.
  maxAge: "36h",
  // Optional: a VPC endpoint, a proxy, or a local emulator (http:// only for 127.0.0.1 / localhost).
  endpoint: config.get("lookupEndpoint"),
});

const clone = new alicloud.rds.RdsCloneDbInstance("clone", {
  sourceDbInstanceId,
  backupId: latest.backupId,
  backupType: "FullBackup",
  paymentType: "PayAsYouGo",
  dbInstanceStorageType: config.get("storageType") ?? "cloud_essd",
  dbInstanceClass: config.get("instanceClass"), // default: the source instance's class
  dbInstanceDescription: pulumi.interpolate`clone of ${sourceDbInstanceId} from backup ${latest.backupId}`,
});

/** The backup set the clone was made from (pinned). */
export const backupId = latest.backupId;
/** The newest usable backup set at the last deployment: differs from `backupId` once newer backups exist. */
export const latestBackupId = latest.latestBackupId;
/** When the pinned backup ended, ISO-8601 UTC. */
export const backupEndTime = latest.backupEndTime;
/** The new instance. */
export const cloneInstanceId = clone.id;
