/**
 * The emulator's mutable store: what the six APIs list. Tests reach it as `emulator.data` and may change it
 * between calls (add a backup, fail a shard, delete an instance); every request reads the current state.
 */
import type { DcsBackupRecord, HuaweiRdsBackup, KvstoreBackup, RdsBackup, UserBackupFileEntry } from "./wireFormats";

/** The states an RDS backup job goes through (`BackupStatus` / `BackupProgressStatus` values). */
export type RdsJobState = "NoStart" | "Preparing" | "Waiting" | "Uploading" | "Checking" | "Finished" | "Failed";

/** One step of a scripted RDS backup job: what `DescribeBackupTasks` reports for it at that moment. */
export interface RdsTaskStep {
  status: RdsJobState;
  /** Percent done, reported as the string `Process`. */
  process: number;
}

/** The emulator's time: the wall clock, or a test's clock (e.g. provider/core/clock.ts `ManualClock`). */
export interface EmulatorClock {
  now(): Date;
  /**
   * Waits `ms` of this clock's time. When given, the response delays (latency, `slow` faults) wait on it: a
   * `ManualClock` answers at once and records the delay in `slept`, so a test of them never sleeps for real.
   * Without it (the default wall clock) they are real timers, which a client's own request timeout can race.
   */
  sleep?(ms: number): Promise<void>;
}

/**
 * A scripted RDS backup job. Each time a `DescribeBackupTasks` response includes the job, the job moves one
 * step on (or, with `stepEveryMs`, one step per that much of the emulator's clock); the last step sticks. Reaching `Finished` adds `produces` (if given) to the instance's backups, so
 * the `BackupId` the task reports can then be found with `DescribeBackups`.
 */
export interface RdsTaskScript {
  backupJobId: number;
  jobMode: "Automated" | "Manual";
  taskAction: "NormalBackupTask" | "TempBackupTask";
  steps: RdsTaskStep[];
  /** The backup set the job produces on `Finished`. Its `BackupId` is reported by the task. */
  produces?: RdsBackup;
  /** Move by time instead of by query: step n is reported from n * stepEveryMs after the job was added. */
  stepEveryMs?: number;
}

/** A scripted job and how far it has got. */
export interface RdsTask {
  script: RdsTaskScript;
  /** Index into `script.steps` of what the next query reports. */
  position: number;
  /** The emulator's time when the job was added (ms). */
  addedAtMs: number;
}

/** An RDS instance: its backup sets and its backup jobs. */
export interface RdsInstance {
  id: string;
  backups: RdsBackup[];
  tasks: RdsTask[];
}

/** A Redis/Tair instance: one backup record per shard per job. */
export interface KvstoreInstance {
  id: string;
  backups: KvstoreBackup[];
}

/** A DCS instance and its backup records. */
export interface DcsInstance {
  id: string;
  records: DcsBackupRecord[];
}

/** A Huawei Cloud RDS instance and its backups (full and incremental), as `ListBackups` lists them. */
export interface HuaweiRdsInstance {
  /** 32 hex digits + `in01` (MySQL), `in03` (PostgreSQL) or `in04` (SQL Server). */
  id: string;
  /** Mutable: a test may push, remove or change backups between calls. */
  backups: HuaweiRdsBackup[];
}

/** Everything the emulator serves. */
export class EmulatorData {
  /** RDS instances by `DBInstanceId`. */
  readonly rds = new Map<string, RdsInstance>();
  /** RDS user backup files by `RegionId`. */
  readonly userBackupFiles = new Map<string, UserBackupFileEntry[]>();
  /** KVStore instances by `InstanceId`. */
  readonly kvstore = new Map<string, KvstoreInstance>();
  /** DCS instances by project id, then instance id. */
  readonly dcs = new Map<string, Map<string, DcsInstance>>();
  /** Huawei RDS instances by project id, then instance id. */
  readonly huaweiRds = new Map<string, Map<string, HuaweiRdsInstance>>();

  constructor(private readonly clock: EmulatorClock = { now: () => new Date() }) {}

  /** Adds (or replaces) an RDS instance. */
  addRdsInstance(id: string, backups: RdsBackup[] = []): RdsInstance {
    const instance: RdsInstance = { id, backups: [...backups], tasks: [] };
    this.rds.set(id, instance);
    return instance;
  }

  /** Adds (or replaces) a KVStore instance with its shard records. */
  addKvstoreInstance(id: string, backups: KvstoreBackup[] = []): KvstoreInstance {
    const instance: KvstoreInstance = { id, backups: [...backups] };
    this.kvstore.set(id, instance);
    return instance;
  }

  /** Adds (or replaces) a DCS instance in a project. */
  addDcsInstance(projectId: string, id: string, records: DcsBackupRecord[] = []): DcsInstance {
    let project = this.dcs.get(projectId);
    if (!project) {
      project = new Map();
      this.dcs.set(projectId, project);
    }
    const instance: DcsInstance = { id, records: [...records] };
    project.set(id, instance);
    return instance;
  }

  /** Adds (or replaces) a Huawei RDS instance in a project. */
  addHuaweiRdsInstance(projectId: string, id: string, backups: HuaweiRdsBackup[] = []): HuaweiRdsInstance {
    let project = this.huaweiRds.get(projectId);
    if (!project) {
      project = new Map();
      this.huaweiRds.set(projectId, project);
    }
    const instance: HuaweiRdsInstance = { id, backups: [...backups] };
    project.set(id, instance);
    return instance;
  }

  /** Appends backups to an existing Huawei RDS instance (a backup taken between two calls). */
  addHuaweiRdsBackups(projectId: string, instanceId: string, backups: HuaweiRdsBackup[]): HuaweiRdsInstance {
    const instance = this.huaweiRds.get(projectId)?.get(instanceId);
    if (!instance) throw new Error(`addHuaweiRdsBackups: no Huawei RDS instance ${instanceId} in project ${projectId}; call addHuaweiRdsInstance first`);
    instance.backups.push(...backups);
    return instance;
  }

  /** Appends user backup files to a region. */
  addUserBackupFiles(region: string, files: UserBackupFileEntry[]): void {
    const list = this.userBackupFiles.get(region) ?? [];
    list.push(...files);
    this.userBackupFiles.set(region, list);
  }

  /** Adds a scripted backup job to an existing RDS instance. */
  addRdsTask(instanceId: string, script: RdsTaskScript): RdsTask {
    const instance = this.rds.get(instanceId);
    if (!instance) throw new Error(`addRdsTask: no RDS instance ${instanceId}; call addRdsInstance first`);
    if (script.steps.length === 0) throw new Error("addRdsTask: a task script needs at least one step");
    const task: RdsTask = { script, position: 0, addedAtMs: this.clock.now().getTime() };
    instance.tasks.push(task);
    return task;
  }

  /** The step a job reports now; a time-driven job (`stepEveryMs`) first catches up with the clock. */
  currentStep(task: RdsTask): RdsTaskStep {
    const every = task.script.stepEveryMs;
    if (every !== undefined) {
      const due = Math.floor((this.clock.now().getTime() - task.addedAtMs) / every);
      task.position = Math.min(Math.max(task.position, due), task.script.steps.length - 1);
    }
    return task.script.steps[task.position];
  }

  /** Forgets everything. */
  clear(): void {
    this.rds.clear();
    this.userBackupFiles.clear();
    this.kvstore.clear();
    this.dcs.clear();
    this.huaweiRds.clear();
  }
}
