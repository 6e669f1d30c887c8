/**
 * Find the newest usable RDS **user backup file**: a full backup of a self-managed MySQL database, uploaded to
 * OSS and imported into RDS (`ImportUserBackupFile`), chosen by tag.
 *
 * `alicloud.rds.UserBackupFile` reads RDS `ListUserBackupFiles` (scoped by region, unpaged) and keeps the
 * files whose import succeeded (`BackupSuccess`), newest by finish time.
 *
 * Where the id goes: RDS `CreateDBInstance` takes it as `UserBackupId` to create an instance from the file.
 * No resource of `@pulumi/alicloud` 3.108 exposes that parameter (`alicloud.rds.Instance` has no user-backup
 * input, and `RdsCloneDbInstance` clones from RDS backup sets, not user backups). So this program does not
 * pretend: it exports the id, the sizes a new instance needs, and the exact `aliyun` command that creates
 * the instance from it, for a pipeline step to run after `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as backups from "pulumi-backup-lookups";

const config = new pulumi.Config();
const region = config.get("region") ?? new pulumi.Config("alicloud").require("region");
// Only files carrying every one of these tags (ListUserBackupFiles `Tags`); default {"env": "prod"}.
const tags = config.getObject<Record<string, string>>("tags") ?? { env: "prod" };

const file = new backups.alicloud.rds.UserBackupFile("imported-backup", {
  region,
  tags,
  comment: config.get("comment"), // optional fragment of the file's remark (the API matches fuzzily)
  endpoint: config.get("lookupEndpoint"), // optional: VPC endpoint, proxy or local emulator
});

/** The user backup's id (`b-...`): CreateDBInstance's `UserBackupId`. */
export const userBackupId = file.backupId;
/** Where the file is in OSS. */
export const ossUrl = file.ossUrl;
/** Engine version of the backed-up database (the new instance must run the same). */
export const engineVersion = file.engineVersion;
/** Storage the restore needs, GB: the new instance's `DBInstanceStorage` must be at least this. */
export const restoreSizeGb = file.restoreSize;
/** When the import finished, ISO-8601 UTC. */
export const finishTime = file.finishTime;
/** The newest match at this deployment (differs from `userBackupId` once a newer file is imported). */
export const latestUserBackupId = file.latestBackupId;

/**
 * The step no Pulumi resource covers yet: create an RDS MySQL instance from the file. Fill in the class,
 * zone and network (`aliyun rds CreateDBInstance --help` lists every parameter).
 */
export const createInstanceCommand = pulumi.interpolate`aliyun rds CreateDBInstance --RegionId ${region} --Engine MySQL --EngineVersion ${file.engineVersion} --UserBackupId ${file.backupId} --DBInstanceStorage ${file.restoreSize.apply((gb) => Math.max(20, gb ?? 20))} --DBInstanceNetType Intranet --PayType Postpaid --DBInstanceClass <class> --ZoneId <zone> --VSwitchId <vsw-...> --SecurityIPList <cidr>`;
