/**
 * Find the newest restorable backup of a Huawei Cloud DCS (Distributed Cache Service, Redis) instance.
 *
 * `huaweicloud.dcs.BackupSet` reads DCS v2 `ListBackupRecords`
 * (`GET /v2/{project_id}/instances/{instance_id}/backups`) and keeps records with `status = succeed` and
 * `is_support_restore = "TRUE"`, newest by `updated_at`.
 *
 * This program needs no Huawei Cloud Pulumi provider: no such package is published on the npm registry this
 * project uses (`@pulumi/huaweicloud` does not exist there), so the restore itself is not a resource here.
 * The id is exported; where a restore resource would take it:
 *
 *   // Terraform provider huaweicloud/huaweicloud: resource "huaweicloud_dcs_instance_restore"
 *   //   instance_id = <the instance to restore INTO>     (ForceNew)
 *   //   backup_id   = <this program's backupId output>   (ForceNew)
 *   //   description = "restore from the newest backup"
 *   // which calls the DCS API RestoreInstance:
 *   //   POST /v2/{project_id}/instances/{instance_id}/restores   {"backup_id": "<backupId>", "remark": "..."}
 *   // and then polls GET .../restores until the restore record is "succeed".
 *
 * A bridged Pulumi provider built from that Terraform provider would take it the same way:
 *   // new huaweicloud.DcsInstanceRestore("restore", { instanceId, backupId: latest.backupId });
 */
import * as pulumi from "@pulumi/pulumi";
import * as backups from "pulumi-backup-lookups";

const config = new pulumi.Config();
const instanceId = config.require("instanceId");

const latest = new backups.huaweicloud.dcs.BackupSet("dcs-latest-backup", {
  instanceId,
  // Default: huaweicloud:projectId in stack config, then HW_PROJECT_ID in the environment.
  projectId: config.get("projectId"),
  // Region: huaweicloud:region, then HW_REGION_NAME; or give it here.
  region: config.get("region"),
  backupType: config.get<"manual" | "auto">("backupType"), // default: either
  maxAge: config.get("maxAge") ?? "7d", // an error, not a silent restore of old data
  endpoint: config.get("lookupEndpoint"), // optional: VPC endpoint, proxy or local emulator
});

/** The record to restore from: `backup_id` for RestoreInstance / huaweicloud_dcs_instance_restore. */
export const backupId = latest.backupId;
/** `backup_name` (embeds a UTC+8 time; do not parse it). */
export const backupName = latest.backupName;
/** When the backup completed (`updated_at`), ISO-8601 UTC. */
export const backupUpdatedAt = latest.updatedAt;
/** Size of the backup file, bytes. */
export const backupSize = latest.size;
/** `aof` or `rdb`. */
export const backupFormat = latest.backupFormat;
/** The newest restorable record at the last run (differs from `backupId` once pinned and a newer one exists). */
export const latestBackupId = latest.latestBackupId;
/** The restore request body for DCS RestoreInstance (POST /v2/{project_id}/instances/{instance_id}/restores). */
export const restoreRequestBody = pulumi.jsonStringify({ backup_id: latest.backupId, remark: `restore of ${instanceId} from its newest backup` });
