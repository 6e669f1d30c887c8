/**
 * Shared set-up for tests that run lookups in-process against the emulator: the environment a lookup reads
 * (the emulator's credentials, never the developer's), a context whose clock is fixed at real time (the
 * emulator's default clock is the wall clock, against which it checks signature timestamps; the official Alibaba
 * client stamps requests with the wall clock, Huawei's X-Sdk-Date comes from ctx.clock), retries
 * without real waits, a log that records its lines, and independent builders of the expected outputs.
 */
import { Clock, ManualClock } from "../../provider/core/clock";
import { createContext, Logger, LookupContext } from "../../provider/core/context";
import { LookupResult, runLookup } from "../../provider/core/engine";
import { DEFAULT_RETRY_POLICY } from "../../provider/core/retry";
import { lookupNamed } from "../../provider/lookups";
import { TEST_CREDENTIALS, rdsBackup, type Emulator, type RequestRecord } from "../emulator";
import type { DcsBackupRecord, KvstoreBackup, RdsBackup, UserBackupFileRecord } from "../emulator/wireFormats";
import { isoSeconds } from "../emulator/timeFormats";

// For the tests: the error a promise rejects with, and `yyyy-MM-ddTHH:mm:ssZ` for an instant in ms.
export { failure } from "./rejection";
export { isoSeconds };

export const ALI_REGION = "cn-hangzhou";
export const HW_REGION = "cn-north-4";
export const PROJECT_ID = TEST_CREDENTIALS.huawei.projectId;

export const RDS_SET = "alicloud.rds.BackupSet";
export const RDS_TASK = "alicloud.rds.BackupTask";
export const USER_FILE = "alicloud.rds.UserBackupFile";
export const KVSTORE_SET = "alicloud.kvstore.BackupSet";
export const DCS_SET = "huaweicloud.dcs.BackupSet";

/** The reason a lookup (and the provider's Check) gives for a credential passed as an argument, per cloud. */
export const ALI_CREDENTIALS_REFUSED =
  "credentials are never lookup arguments (they would be stored in Pulumi state): set alicloud:accessKey / alicloud:secretKey (--secret) in stack config, or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment";
export const HW_CREDENTIALS_REFUSED =
  "credentials are never lookup arguments (they would be stored in Pulumi state): set huaweicloud:accessKey / huaweicloud:secretKey (--secret) in stack config, or HW_ACCESS_KEY / HW_SECRET_KEY in the environment";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The environment of a lookup: the emulator's keys, regions and project, and nothing else. */
export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    // Never ask the ECS metadata service (the official default chain would, were the keys missing).
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: ALI_REGION,
    HW_ACCESS_KEY: TEST_CREDENTIALS.huawei.accessKey,
    HW_SECRET_KEY: TEST_CREDENTIALS.huawei.secretKey,
    HW_REGION_NAME: HW_REGION,
    HW_PROJECT_ID: PROJECT_ID,
    ...overrides,
  };
}

/** A clock stopped at `now` whose sleeps return at once. */
export function fixedClock(now: Date): Clock {
  return { now: () => new Date(now.getTime()), sleep: async () => undefined };
}

/** Real time now, to the second (fleets are generated relative to it; the emulator checks signature times). */
export function realNow(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/** A logger that keeps every line, prefixed by its level. */
export class LogCapture implements Logger {
  readonly lines: string[] = [];
  info(m: string): void {
    this.lines.push(`info: ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn: ${m}`);
  }
  debug(m: string): void {
    this.lines.push(`debug: ${m}`);
  }
}

export interface ContextOptions {
  now: Date;
  /** Default: a clock fixed at `now`. */
  clock?: Clock;
  env?: Record<string, string | undefined>;
  log?: Logger;
}

/** A fresh context (own request cache): fixed clock, zero-delay retries, the emulator's credentials. */
export function lookupContext(opts: ContextOptions): LookupContext {
  return createContext({
    clock: opts.clock ?? fixedClock(opts.now),
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 0 },
    env: opts.env ?? testEnv(),
    config: {},
    log: opts.log ?? new LogCapture(),
  });
}

/** Runs lookup `name` (a class path) in the function form. */
export function lookup(name: string, args: unknown, ctx: LookupContext, list = false): Promise<LookupResult> {
  const def = lookupNamed(name)!;
  if (!def) throw new Error(`no lookup ${name}`);
  return runLookup(def, args, ctx, { form: "function", list });
}

/** A ManualClock at `now` (for polling). */
export function manualClock(now: Date): ManualClock {
  return new ManualClock(now);
}

/** Empties a file-wide emulator between tests: no data, no queued faults, an empty request log. */
export function resetEmulator(emu: Emulator): void {
  emu.data.clear();
  emu.faults.clear();
  emu.resetRequests();
}

/**
 * Six RDS backup sets of one instance for the filter tests, started 5, 4, 3, 2, 1 and 10 days before `now`, less
 * 2 h so that "Nd" windows fall between them: 5001 plain, 5002 incremental, 5003 manual and logical, 5004 a
 * snapshot not available, 5005 failed, 5006 a manual incremental snapshot.
 */
export function rdsFilterSets(instanceId: string, now: Date): RdsBackup[] {
  const at = (msBack: number) => isoSeconds(now.getTime() - msBack);
  return [
    rdsBackup({ DBInstanceId: instanceId, BackupId: "5001", BackupStartTime: at(5 * DAY - 2 * HOUR) }),
    rdsBackup({ DBInstanceId: instanceId, BackupId: "5002", BackupStartTime: at(4 * DAY - 2 * HOUR), BackupType: "IncrementalBackup" }),
    rdsBackup({
      DBInstanceId: instanceId,
      BackupId: "5003",
      BackupStartTime: at(3 * DAY - 2 * HOUR),
      BackupMode: "Manual",
      BackupInitiator: "User",
      BackupMethod: "Logical",
    }),
    rdsBackup({ DBInstanceId: instanceId, BackupId: "5004", BackupStartTime: at(2 * DAY - 2 * HOUR), BackupMethod: "Snapshot", IsAvail: 0 }),
    rdsBackup({ DBInstanceId: instanceId, BackupId: "5005", BackupStartTime: at(DAY - 2 * HOUR), BackupStatus: "Failed" }),
    rdsBackup({
      DBInstanceId: instanceId,
      BackupId: "5006",
      BackupStartTime: at(10 * DAY - 2 * HOUR),
      BackupMode: "Manual",
      BackupType: "IncrementalBackup",
      BackupMethod: "Snapshot",
    }),
  ];
}

/**
 * The debug line provider/core/retriedCall.ts logs for each request it sends to the emulator at `url`
 * (`attempt` from the second on, as retries are numbered there).
 */
export function requestLogLine(action: string, url: string, attempt = 1): string {
  return `${action}: request to ${new URL(url).host}${attempt > 1 ? ` (attempt ${attempt})` : ""}`;
}

/** The requests the emulator answered for one instance (RDS, KVStore or DCS), oldest first. */
export function requestsFor(emu: Emulator, instanceId: string): RequestRecord[] {
  return emu.requests.filter((r) => r.params.DBInstanceId === instanceId || r.params.InstanceId === instanceId || r.params.instance_id === instanceId);
}

// ----------------------------------------------------------------------------------------------------------
// Independent oracles: what the contract says the outputs of a stored wire record are, and which record is
// the newest usable one, computed by brute force over the emulator's data.

const secondsIso = (text: string) => isoSeconds(Date.parse(/T\d{2}:\d{2}Z$/.test(text) ? text.replace(/Z$/, ":00Z") : text));

/** The documented outputs (README "Arguments and outputs") of an RDS backup set (without echoed arguments and bookkeeping). */
export function rdsOutputs(b: RdsBackup): Record<string, unknown> {
  return {
    backupId: b.BackupId,
    backupStatus: b.BackupStatus,
    backupStartTime: secondsIso(b.BackupStartTime),
    backupEndTime: secondsIso(b.BackupEndTime),
    backupMode: b.BackupMode,
    backupType: b.BackupType,
    backupMethod: b.BackupMethod,
    backupSize: b.BackupSize,
    isAvailable: b.IsAvail === 1,
    consistentTime: b.ConsistentTime ? isoSeconds(b.ConsistentTime * 1000) : null,
    hostInstanceId: b.HostInstanceID,
    backupDownloadUrl: b.BackupDownloadURL,
    backupIntranetDownloadUrl: b.BackupIntranetDownloadURL,
    engine: b.Engine,
    engineVersion: b.EngineVersion,
    backupInitiator: b.BackupInitiator,
    expectExpireTime: secondsIso(b.ExpectExpireTime),
  };
}

/** Newest first by end, then start, then numeric id (README 'How "latest" is chosen'), for oracles. */
export function newestFirstBy<T>(end: (x: T) => number, start: (x: T) => number, id: (x: T) => bigint | string) {
  return (a: T, b: T) => end(b) - end(a) || start(b) - start(a) || (id(a) < id(b) ? 1 : id(a) > id(b) ? -1 : 0);
}

/** The newest RDS backup set passing `keep`, by brute force over every stored record. */
export function bruteForceRds(
  backups: RdsBackup[],
  keep: (b: RdsBackup) => boolean = (b) => b.BackupStatus === "Success" && b.IsAvail === 1,
): RdsBackup | undefined {
  return backups.filter(keep).sort(
    newestFirstBy(
      (b) => Date.parse(b.BackupEndTime),
      (b) => Date.parse(b.BackupStartTime),
      (b) => BigInt(b.BackupId),
    ),
  )[0];
}

/** The documented outputs (README "Arguments and outputs") of a user backup file. */
export function userFileOutputs(r: UserBackupFileRecord): Record<string, unknown> {
  const ms = (s: string) => isoSeconds(Number(s));
  return {
    backupId: r.BackupId,
    status: r.Status,
    comment: r.Comment,
    ossUrl: r.OssUrl,
    ossBucket: r.OssBucket,
    ossFilePath: r.OssFilePath,
    ossFileName: r.OssFileName,
    ossFileSize: r.OssFileSize,
    restoreSize: Number(r.RestoreSize),
    engine: r.Engine,
    engineVersion: r.EngineVersion,
    creationTime: ms(r.CreationTime),
    finishTime: ms(r.FinishTime),
    modificationTime: ms(r.ModificationTime),
    retention: r.Retention,
    zoneId: r.ZoneId,
    reason: r.Reason,
  };
}

/** KVStore shard records grouped into backup jobs (by `BackupJobID`), in order of each job's first record. */
export function kvstoreJobs(records: KvstoreBackup[]): KvstoreBackup[][] {
  const byJob = new Map<number, KvstoreBackup[]>();
  for (const r of records) byJob.set(r.BackupJobID, [...(byJob.get(r.BackupJobID) ?? []), r]);
  return [...byJob.values()];
}

/** The documented outputs (README "Arguments and outputs") of a KVStore job from its shard records (`key` = the shard named by backupId). */
export function kvstoreOutputs(shards: KvstoreBackup[], key?: KvstoreBackup): Record<string, unknown> {
  const sorted = [...shards].sort((a, b) => (a.NodeInstanceId < b.NodeInstanceId ? -1 : a.NodeInstanceId > b.NodeInstanceId ? 1 : 0));
  const k = key ?? sorted[0];
  const failed = sorted.find((s) => s.BackupStatus !== "Success");
  return {
    backupId: String(k.BackupId),
    backupIds: sorted.map((s) => String(s.BackupId)),
    backupJobId: String(k.BackupJobID),
    backupStatus: failed ? failed.BackupStatus : "Success",
    backupStartTime: isoSeconds(Math.min(...sorted.map((s) => Date.parse(s.BackupStartTime)))),
    backupEndTime: isoSeconds(Math.max(...sorted.map((s) => Date.parse(s.BackupEndTime)))),
    backupSize: sorted.reduce((n, s) => n + s.BackupSize, 0),
    nodeInstanceId: k.NodeInstanceId,
    shardCount: sorted.length,
    backupDbNames: k.BackupDBNames,
    engineVersion: k.EngineVersion,
    backupMode: k.BackupMode,
    backupType: k.BackupType,
    backupMethod: k.BackupMethod,
    backupDownloadUrl: k.BackupDownloadURL,
    backupIntranetDownloadUrl: k.BackupIntranetDownloadURL,
  };
}

/** The documented outputs (README "Arguments and outputs") of alicloud.rds.BackupTask when no job matches and none was asked for (found false). */
export const NO_JOB_OUTPUTS = {
  found: false,
  backupJobId: null,
  backupStatus: null,
  backupProgressStatus: null,
  process: null,
  taskAction: null,
  jobMode: null,
  backupId: null,
  latestBackupId: null,
  backupExists: false,
} as const;

/** The documented job outputs (README "Arguments and outputs") of alicloud.rds.BackupTask for a manual job (a TempBackupTask) at `status` and `process` %. */
export function manualJobOutputs(backupJobId: string, status: string, process: number, backupId: string | null): Record<string, unknown> {
  return {
    found: true,
    backupJobId,
    backupStatus: status,
    backupProgressStatus: status,
    process,
    taskAction: "TempBackupTask",
    jobMode: "Manual",
    backupId,
  };
}

/** The documented outputs (README "Arguments and outputs") of a DCS backup record. */
export function dcsOutputs(r: DcsBackupRecord): Record<string, unknown> {
  return {
    backupId: r.backup_id,
    backupName: r.backup_name,
    status: r.status,
    backupType: r.backup_type,
    backupFormat: r.backup_format,
    size: r.size,
    createdAt: secondsIso(r.created_at),
    updatedAt: secondsIso(r.updated_at),
    executionAt: secondsIso(r.execution_at),
    isSupportRestore: r.is_support_restore === "TRUE",
    progress: Number(r.progress),
    remark: r.remark === "" ? null : r.remark,
    errorCode: typeof r.error_code === "string" ? r.error_code : null,
  };
}
