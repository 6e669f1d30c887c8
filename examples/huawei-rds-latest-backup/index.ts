/**
 * Find the newest usable full backup of a Huawei Cloud RDS instance (MySQL, PostgreSQL, SQL Server) and hand it to
 * a restore.
 *
 * `huaweicloud.rds.BackupSet` reads RDS v3 `ListBackups` (`GET /v3/{project_id}/backups?instance_id=...`) and keeps
 * backups with `status = COMPLETED` of type `auto` or `manual` (full backups), newest by `end_time`.
 *
 * This program needs no Huawei Cloud Pulumi provider: no such package is published on the npm registry this project
 * uses (`@pulumi/huaweicloud` does not exist there), so the restore itself is not a resource here. The id is exported;
 * where a restore resource would take it:
 *
 *   // Terraform provider huaweicloud/huaweicloud: resource "huaweicloud_rds_instance"
 *   //   restore {
 *   //     instance_id   = <the source instance>          (this program's instanceId)
 *   //     backup_id     = <this program's backupId output>
 *   //     database_name = { ... }                        (SQL Server only: databases to restore, from `databases`)
 *   //   }
 *
 * A bridged Pulumi provider built from that Terraform provider would take it the same way:
 *   // new huaweicloud.RdsInstance("restored", { ..., restore: { instanceId, backupId: latest.backupId } });
 */
import * as pulumi from "@pulumi/pulumi";
import * as backups from "pulumi-backup-lookups";

const config = new pulumi.Config();
const instanceId = config.require("instanceId");

const latest = new backups.huaweicloud.rds.BackupSet("rds-latest-backup", {
  instanceId,
  // Default: huaweicloud:projectId in stack config, then HW_PROJECT_ID in the environment.
  projectId: config.get("projectId"),
  // Region: huaweicloud:region, then HW_REGION_NAME; or give it here.
  region: config.get("region"),
  maxAge: config.get("maxAge") ?? "2d", // an error, not a silent restore of old data
  endpoint: config.get("lookupEndpoint"), // optional: VPC endpoint, proxy or local emulator
});

/** The backup to restore from: `restore.backup_id` of huaweicloud_rds_instance. */
export const backupId = latest.backupId;
/** Full (`auto`, `manual`) unless backupType says otherwise. */
export const backupType = latest.backupType;
/** When the backup ended, ISO-8601 UTC. */
export const backupEndTime = latest.endTime;
/** Engine and version of the backup (the restored instance must match). */
export const datastore = pulumi.interpolate`${latest.datastoreType} ${latest.datastoreVersion}`;
/** The newest usable backup at the last run (differs from `backupId` once pinned and a newer one exists). */
export const latestBackupId = latest.latestBackupId;
/** The restore block a huaweicloud_rds_instance takes. */
export const restoreBlock = pulumi.jsonStringify({ instance_id: instanceId, backup_id: latest.backupId });
