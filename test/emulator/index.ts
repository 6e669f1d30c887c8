/**
 * The test emulator: a local HTTP server on 127.0.0.1 that speaks the six backup-listing APIs
 * (RDS `DescribeBackups` / `DescribeBackupTasks` / `ListUserBackupFiles`, KVStore `DescribeBackups`,
 * DCS `ListBackupRecords`, Huawei RDS `ListBackups`) with real signature checks, the clouds' validation errors, scrambled record order,
 * faithful paging and injectable faults.
 *
 * ```ts
 * const emu = await startEmulator({ seed: 7 });
 * emu.data.addRdsInstance("rm-x", rdsBackups({ instanceId: "rm-x", count: 30, now, seed: 1 }));
 * emu.faults.add("rds.DescribeBackups", { kind: "throttle" });
 * // ... point the client at emu.url with TEST_CREDENTIALS ...
 * expect(emu.count("rds.DescribeBackups")).toBe(2);
 * await emu.close();
 * ```
 *
 * Where things are: `server.ts` (routing, responses, faults applied), `alibabaSignature.ts` and
 * `huaweiSignature.ts` (signature checks), `faults.ts` (fault plan), `handlers/` (one file per product),
 * `fleet.ts` (record builders and seeded generators), `seedDemoFleet.ts` + `main.ts` (standalone runner).
 */
export { TEST_CREDENTIALS, CredentialStore, type AlibabaKey, type HuaweiKey } from "./credentials";
export { startEmulator, type Emulator, type EmulatorOptions, type RequestRecord } from "./server";
export { DEFAULT_READINGS, type EmulatorReadings } from "./readings";
export {
  EmulatorData,
  type EmulatorClock,
  type RdsInstance,
  type RdsTask,
  type RdsTaskScript,
  type RdsTaskStep,
  type RdsJobState,
  type KvstoreInstance,
  type DcsInstance,
  type HuaweiRdsInstance,
} from "./data";
export { RoleTable, MAIN_ACCOUNT, type EmulatedRole, type EmulatedAgency, type IssuedKeys } from "./roles";
export { FaultPlan, type Fault, type PagingFault } from "./faults";
export { RECORD_ORDERS, type RecordOrder } from "./recordOrder";
export {
  rdsBackup,
  rdsBackups,
  rdsJobSteps,
  rdsTaskScript,
  userBackupFile,
  userBackupFiles,
  kvstoreBackup,
  kvstoreBackups,
  dcsBackupRecord,
  dcsBackups,
  huaweiRdsBackup,
  huaweiRdsBackups,
  huaweiRdsInstanceId,
  type HuaweiRdsBackupsOptions,
  type HuaweiRdsEngine,
  type RdsBackupsOptions,
  type RdsTaskScriptOptions,
  type UserBackupFilesOptions,
  type KvstoreBackupsOptions,
  type DcsBackupsOptions,
} from "./fleet";
export { seedDemoFleet, type DemoFleetIds } from "./seedDemoFleet";
export type {
  RdsBackup,
  RdsBackupJob,
  UserBackupFileRecord,
  UserBackupFileEntry,
  KvstoreBackup,
  DcsBackupRecord,
  HuaweiRdsBackup,
  HuaweiRdsDatastore,
} from "./wireFormats";
export { RDS_PAGE_SIZES } from "./handlers/rds";
export { KVSTORE_PAGE_SIZES } from "./handlers/kvstore";
export { DCS_DEFAULT_LIMIT, DCS_MAX_LIMIT } from "./handlers/dcs";
export { HUAWEI_RDS_DEFAULT_LIMIT, HUAWEI_RDS_MAX_LIMIT, HUAWEI_RDS_BACKUP_TYPES } from "./handlers/huaweiRds";
