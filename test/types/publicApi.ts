/**
 * The public types as a user's compiler sees them: compiled (never run) in this repository by
 * `npm run typecheck`, and against the installed tarball by test/installed/versions.test.ts under Pulumi's
 * TypeScript template settings and strict nodenext, without skipLibCheck. Each `@ts-expect-error` is a type
 * error the package must keep giving.
 */
import * as pulumi from "@pulumi/pulumi";
import * as backups from "pulumi-backup-lookups";
import { backupAged, backupLookupMocks, noBackup } from "pulumi-backup-lookups/testing";

export function numericIds(): void {
  // KVStore backup ids and RDS backup job ids are integers in the APIs: numbers are accepted
  new backups.alicloud.kvstore.BackupSet("kv", { instanceId: "r-bp1zxszhcgatnxxxxx", backupId: 111111111 });
  new backups.alicloud.rds.BackupTask("task", { dbInstanceId: "rm-uf6wjk5xxxxxxx", backupJobId: 4762614 });
  void backups.alicloud.kvstore.getBackupSet({ instanceId: "r-bp1zxszhcgatnxxxxx", backupId: 111111111 });
  void backups.alicloud.rds.getBackupTaskOutput({ dbInstanceId: "rm-uf6wjk5xxxxxxx", backupJobId: pulumi.output(4762614) });
  // and strings, as before
  new backups.alicloud.kvstore.BackupSet("kv-text", { instanceId: "r-bp1zxszhcgatnxxxxx", backupId: "111111111" });
  // @ts-expect-error an RDS backup set id stays a string
  new backups.alicloud.rds.BackupSet("rds-number", { dbInstanceId: "rm-uf6wjk5xxxxxxx", backupId: 321020562 });
}

export async function functionResults(): Promise<void> {
  const kv = await backups.alicloud.kvstore.getBackupSet({ instanceId: "r-bp1zxszhcgatnxxxxx", backupMode: "Automated" });
  const id: string = kv.backupId;
  const ids: readonly string[] = kv.backupIds;
  // @ts-expect-error null when the API leaves the shard out
  const node: string = kv.nodeInstanceId;
  // @ts-expect-error null when the API leaves it out, even though the argument filtered on it
  const mode: string = kv.backupMode;
  const modeOrNull: string | null = kv.backupMode;
  // @ts-expect-error results are read-only
  kv.backupId = "1";
  // @ts-expect-error an argument left out is echoed as undefined
  const region: string = kv.region;
  const task = await backups.alicloud.rds.getBackupTask({ dbInstanceId: "rm-uf6wjk5xxxxxxx" });
  // @ts-expect-error no job found: null
  const jobId: string = task.backupJobId;
  const found: boolean = task.found;
  const dcs = backups.huaweicloud.dcs.getBackupSetOutput({ instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79" });
  // @ts-expect-error null when the API leaves it out
  const updatedAt: pulumi.Output<string> = dcs.updatedAt;
  const createdAt: pulumi.Output<string> = dcs.createdAt;
  void [id, ids, node, mode, modeOrNull, region, jobId, found, updatedAt, createdAt];
}

export function resourceOutputs(): void {
  const set = new backups.alicloud.rds.BackupSet("set", { dbInstanceId: "rm-uf6wjk5xxxxxxx", maxAge: "36h" });
  const backupId: pulumi.Output<string> = set.backupId;
  // @ts-expect-error null when the API leaves it out
  const mode: pulumi.Output<string> = set.backupMode;
  const modeOrNull: pulumi.Output<string | null> = set.backupMode;
  // @ts-expect-error null when no backup was ever resolved
  const latest: pulumi.Output<string> = set.latestBackupId;
  // @ts-expect-error an argument left out is echoed as undefined
  const endpoint: pulumi.Output<string> = set.endpoint;
  const dbInstanceId: pulumi.Output<string> = set.dbInstanceId;
  // @ts-expect-error outputs are read-only
  set.backupId = pulumi.output("1");
  // @ts-expect-error BackupTask takes no time window
  new backups.alicloud.rds.BackupTask("task-window", { dbInstanceId: "rm-uf6wjk5xxxxxxx", since: "7d" });
  // @ts-expect-error unknown refresh policy
  new backups.alicloud.rds.BackupSet("bad-refresh", { dbInstanceId: "rm-uf6wjk5xxxxxxx", refresh: "never" });
  void [backupId, mode, modeOrNull, latest, endpoint, dbInstanceId];
}

export function invokeOptions(parent: pulumi.Resource): void {
  // Pulumi's function shapes: getX(args, opts?: InvokeOptions), getXOutput(args, opts?: InvokeOutputOptions)
  void backups.alicloud.rds.getBackupSet({ dbInstanceId: "rm-uf6wjk5xxxxxxx" }, { parent });
  void backups.alicloud.rds.getBackupSetOutput({ dbInstanceId: "rm-uf6wjk5xxxxxxx" }, { dependsOn: [parent], parent });
  void backups.huaweicloud.dcs.getBackupSetOutput({ instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79" }, { dependsOn: parent });
  // @ts-expect-error dependsOn belongs to the Output form
  void backups.alicloud.kvstore.getBackupSet({ instanceId: "r-bp1zxszhcgatnxxxxx" }, { dependsOn: [parent] });
}

export function testingMocks(): void {
  // pulumi-backup-lookups/testing: answers for unit tests, through pulumi.runtime.setMocks
  void pulumi.runtime.setMocks(
    backupLookupMocks(
      { "alicloud.rds.BackupSet": { backupId: "640000777", backupEndTime: "2026-11-20T02:17:31Z" } },
      {
        newResource: (a: pulumi.runtime.MockResourceArgs) => ({ id: `${a.name}-id`, state: a.inputs as Record<string, unknown> }),
        call: (a: pulumi.runtime.MockCallArgs) => a.inputs as Record<string, unknown>,
      },
    ),
  );
}

export function testingHelpers(): void {
  // backupAged and noBackup are answers of every lookup, alone, in a list or from a function; the fields are outputs
  void backupLookupMocks(
    {
      "alicloud.rds.BackupSet": [backupAged(1, { backupStatus: "Failed" }), backupAged(25, { backupId: "640000777" })],
      "huaweicloud.dcs.BackupSet": (args) => (args.backupType === "manual" ? noBackup : backupAged(3)),
      "alicloud.rds.BackupTask": noBackup,
    },
    undefined,
    { now: new Date("2026-11-20T05:17:31Z") },
  );
  void backupLookupMocks({}, undefined, { now: () => new Date() });
  // @ts-expect-error BackupTask's jobs have no times: backupAged does not answer it
  void backupLookupMocks({ "alicloud.rds.BackupTask": backupAged(3) });
  // @ts-expect-error the fields of backupAged are the lookup's outputs
  void backupLookupMocks({ "alicloud.rds.BackupSet": backupAged(3, { backupStaus: "Success" }) });
  // @ts-expect-error an RDS backup set id is a string in the API: not a number, in backupAged's fields too
  void backupLookupMocks({ "alicloud.rds.BackupSet": backupAged(3, { backupId: 321020562 }) });
}

export function testingAnswersTakeIntegerIds(): void {
  // ids the APIs send as integers may be answered as numbers; an answer function gets them as the lookup's strings
  void backupLookupMocks({
    "alicloud.rds.BackupTask": (args) => {
      const jobId: string | undefined = args.backupJobId;
      return jobId ? { backupJobId: jobId, backupStatus: "Finished" } : { backupJobId: 4762614 };
    },
    "alicloud.kvstore.BackupSet": { backupIds: [111111111, "111111112"], backupJobId: 99, latestBackupId: 111111111 },
  });
  // @ts-expect-error an RDS backup set id is a string in the API: not a number
  void backupLookupMocks({ "alicloud.rds.BackupSet": { backupId: 321020562 } });
  // @ts-expect-error a DCS backup id is a UUID
  void backupLookupMocks({ "huaweicloud.dcs.BackupSet": { backupId: 1 } });
}

export function errorsAreExported(e: unknown): string | undefined {
  return e instanceof backups.NoBackupFoundError || e instanceof backups.StaleBackupError ? e.message : undefined;
}
