/**
 * Create a new Redis/Tair (KVStore) instance from the newest usable backup of an existing one.
 *
 * `alicloud.kvstore.BackupSet` reads R-KVStore `DescribeBackups` (which requires a time window: the lookup
 * searches backwards from now on its own). On a cluster instance every shard has its own record per backup
 * job; the lookup chooses whole jobs, usable only when every shard succeeded and none is missing, and
 * gives every shard's backup id in `backupIds`.
 *
 * `alicloud.kvstore.Instance` (CreateInstance) restores with `srcdbInstanceId` + `backupId`. For a cluster
 * source, CreateInstance takes the backup ids of ALL shards, separated by commas: `backupIds.join(",")`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import * as backups from "pulumi-backup-lookups";

const config = new pulumi.Config();
const endpoint = config.get("lookupEndpoint"); // optional: VPC endpoint, proxy or local emulator
const vswitchId = config.get("vswitchId");
const zoneId = config.get("zoneId");

// ---------------------------------------------------------------------------------------------------------
// A standard (master-replica) instance: one backup per job.

const sourceInstanceId = config.require("sourceInstanceId");
const latest = new backups.alicloud.kvstore.BackupSet("redis-latest-backup", {
  instanceId: sourceInstanceId,
  maxAge: "36h", // an error, not a silent restore, when the newest usable backup is older than this
  endpoint,
});

const restored = new alicloud.kvstore.Instance("redis-restored", {
  dbInstanceName: pulumi.interpolate`restored-${sourceInstanceId}`,
  srcdbInstanceId: sourceInstanceId,
  backupId: latest.backupId,
  instanceType: "Redis",
  engineVersion: config.get("engineVersion") ?? "5.0", // must match the source's major version
  instanceClass: config.get("instanceClass") ?? "redis.master.small.default",
  paymentType: "PostPaid",
  vswitchId,
  zoneId,
});

// ---------------------------------------------------------------------------------------------------------
// A cluster instance (optional): the backup of every shard, as one comma-separated BackupId.

const clusterSourceInstanceId = config.get("clusterSourceInstanceId");
const cluster = clusterSourceInstanceId ? restoreCluster(clusterSourceInstanceId) : undefined;

function restoreCluster(instanceId: string) {
  const backup = new backups.alicloud.kvstore.BackupSet("redis-cluster-latest-backup", {
    instanceId,
    maxAge: "36h",
    endpoint,
  });
  const instance = new alicloud.kvstore.Instance("redis-cluster-restored", {
    dbInstanceName: pulumi.interpolate`restored-${instanceId}`,
    srcdbInstanceId: instanceId,
    // CreateInstance: "If the source instance is a cluster instance, set BackupId to the backup set IDs of
    // all shards of the source instance, separated by commas". backupIds is sorted by shard.
    backupId: backup.backupIds.apply((ids) => ids.join(",")),
    instanceType: "Redis",
    engineVersion: config.get("engineVersion") ?? "5.0",
    // A cluster class of the source's architecture, e.g. `redis.shard.small.ce` (cloud-native, with
    // shardCount); list them with alicloud.kvstore.getInstanceClasses({ architecture: "cluster" }).
    // There is no safe default, so it is required with a cluster source.
    instanceClass: config.require("clusterInstanceClass"),
    shardCount: config.getNumber("clusterShardCount"),
    paymentType: "PostPaid",
    vswitchId,
    zoneId,
  });
  return { backup, instance };
}

/** The standard instance's backup the new instance was created from. */
export const backupId = latest.backupId;
/** Its backup job (`BackupJobID`). */
export const backupJobId = latest.backupJobId;
/** When that backup ended, ISO-8601 UTC. */
export const backupEndTime = latest.backupEndTime;
export const restoredInstanceId = restored.id;
/** The cluster job's backups, one per shard (only with clusterSourceInstanceId). */
export const clusterBackupIds = cluster?.backup.backupIds;
export const clusterRestoredInstanceId = cluster?.instance.id;
