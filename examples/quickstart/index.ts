import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import * as backups from "pulumi-backup-lookups";

const config = new pulumi.Config();
const sourceDbInstanceId = config.require("sourceDbInstanceId");

// The newest usable backup set of the source instance, resolved already during `pulumi preview`.
const latest = new backups.alicloud.rds.BackupSet("latest", {
  dbInstanceId: sourceDbInstanceId,
  endpoint: config.get("lookupEndpoint"), // optional: a VPC endpoint, a proxy or the local emulator
});

const clone = new alicloud.rds.RdsCloneDbInstance("clone", {
  sourceDbInstanceId,
  backupId: latest.backupId,
  paymentType: "PayAsYouGo",
  dbInstanceStorageType: "cloud_essd",
});

export const backupId = latest.backupId;
export const cloneInstanceId = clone.id;
