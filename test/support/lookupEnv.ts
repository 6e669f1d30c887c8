/**
 * Shared set-up for tests that run lookups in-process against the emulator: the environment a lookup reads
 * (the emulator's credentials, never the developer's), a context whose clock is fixed at real time (the
 * emulator checks signature timestamps against real time, and Huawei's X-Sdk-Date comes from ctx.clock), retries
 * without real waits, a log that records its lines, and independent builders of the expected outputs.
 */
import { Clock, ManualClock } from "../../provider/core/clock";
import { createContext, Logger, LookupContext } from "../../provider/core/context";
import { LookupResult, runLookup } from "../../provider/core/engine";
import { DEFAULT_RETRY_POLICY } from "../../provider/core/retry";
import { LOOKUPS } from "../../provider/lookups";
import { TEST_CREDENTIALS, type Emulator, type RequestRecord } from "../emulator";
import type { DcsBackupRecord, KvstoreBackup, RdsBackup, UserBackupFileRecord } from "../emulator/wireFormats";

export const ALI_REGION = "cn-hangzhou";
export const HW_REGION = "cn-north-4";
export const PROJECT_ID = TEST_CREDENTIALS.huawei.projectId;

export const RDS_SET = "alicloud.rds.BackupSet";
export const RDS_TASK = "alicloud.rds.BackupTask";
export const USER_FILE = "alicloud.rds.UserBackupFile";
export const KVSTORE_SET = "alicloud.kvstore.BackupSet";
export const DCS_SET = "huaweicloud.dcs.BackupSet";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The environment of a lookup: the emulator's keys, regions and project, and nothing else. */
export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
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

/** Runs lookup `name` in the function form. */
export function lookup(name: string, args: unknown, ctx: LookupContext, list = false): Promise<LookupResult> {
  return runLookup(LOOKUPS[name], args, ctx, { form: "function", list });
}

/** The error `p` rejects with; fails the test when it resolves. */
export async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the lookup to fail");
}

/** A ManualClock at `now` (for polling). */
export function manualClock(now: Date): ManualClock {
  return new ManualClock(now);
}

/** `yyyy-MM-ddTHH:mm:ssZ` for an instant in ms. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** The requests the emulator answered for one instance (RDS, KVStore or DCS), oldest first. */
export function requestsFor(emu: Emulator, instanceId: string): RequestRecord[] {
  return emu.requests.filter((r) => r.params.DBInstanceId === instanceId || r.params.InstanceId === instanceId || r.params.instance_id === instanceId);
}

// ----------------------------------------------------------------------------------------------------------
// Independent oracles: what the contract says the outputs of a stored wire record are, and which record is
// the newest usable one, computed by brute force over the emulator's data.

const secondsIso = (text: string) => isoSeconds(Date.parse(/T\d{2}:\d{2}Z$/.test(text) ? text.replace(/Z$/, ":00Z") : text));

/** CONTRACT.md outputs of an RDS backup set (without echoed arguments and bookkeeping). */
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

/** Newest first by end, then start, then numeric id (CONTRACT.md "How latest is chosen"), for oracles. */
export function newestFirstBy<T>(end: (x: T) => number, start: (x: T) => number, id: (x: T) => bigint | string) {
  return (a: T, b: T) => end(b) - end(a) || start(b) - start(a) || (id(a) < id(b) ? 1 : id(a) > id(b) ? -1 : 0);
}

/** The newest RDS backup set passing `keep`, by brute force over every stored record. */
export function bruteForceRds(backups: RdsBackup[], keep: (b: RdsBackup) => boolean = (b) => b.BackupStatus === "Success" && b.IsAvail === 1): RdsBackup | undefined {
  return backups
    .filter(keep)
    .sort(newestFirstBy((b) => Date.parse(b.BackupEndTime), (b) => Date.parse(b.BackupStartTime), (b) => BigInt(b.BackupId)))[0];
}

/** CONTRACT.md outputs of a user backup file. */
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

/** CONTRACT.md outputs of a KVStore job from its shard records (`key` = the shard named by backupId). */
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

/** CONTRACT.md outputs of a DCS backup record. */
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
