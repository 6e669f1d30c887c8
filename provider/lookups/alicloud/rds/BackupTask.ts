/**
 * `alicloud.rds.BackupTask`: the newest backup job of an RDS instance, or the job `backupJobId`, from RDS
 * 2014-08-15 `DescribeBackupTasks` (docs/apis/rds-DescribeBackupTasks.md). Jobs carry no times, so the newest is the largest
 * `BackupJobId`. With `waitForCompletion` it polls (through the injected clock, with growing intervals) until
 * the job is `Finished` or `Failed`; the produced `BackupId` is given only when queried by job id.
 */
import { z } from "zod";
import { durationArg, numericIdArg, rdsInstanceId } from "../../../core/args";
import type { LookupContext } from "../../../core/context";
import { Candidate, FindEnv, Normalised, arg, declareLookup, out } from "../../../core/declaration";
import { BackupLookupError, NoBackupFoundError } from "../../../core/errors";
import { idString, listAt, mismatch, num, str } from "../../../core/fields";
import { describeAge, parseDuration } from "../../../core/time";
import { alibabaClientFor } from "../../../clouds/alibaba/AlibabaRpcClient";
import { stopwatch } from "../../../core/elapsed";

/** What the job helpers need of the parsed arguments (a numeric `backupJobId` arrives as its digits). */
interface ParsedBackupTaskArgs {
  region?: string;
  endpoint?: string;
  allowInsecureEndpoint?: boolean;
  dbInstanceId: string;
  backupJobId?: string;
  backupMode?: "Automated" | "Manual";
  backupJobStatus?: "NoStart" | "Progressing";
}

interface RdsJob extends Candidate {
  raw: Record<string, unknown>;
  state: string | null;
  /** Whether this record came from a query by job id (only those carry `BackupId`). */
  byId: boolean;
}

const TERMINAL = new Set(["Finished", "Failed"]);
const MAX_POLL_MS = 60_000;

function normaliser(byId: boolean) {
  return (raw: Record<string, unknown>): Normalised<RdsJob> => {
    const id = idString(raw.BackupJobId);
    if (!id || !/^\d+$/.test(id)) return { skip: `a backup job without a numeric BackupJobId (${JSON.stringify(raw.BackupJobId)})` };
    return { record: { id, key: { id }, raw, state: str(raw.BackupStatus) ?? str(raw.BackupProgressStatus), byId } };
  };
}

async function fetchJobs(args: ParsedBackupTaskArgs, ctx: LookupContext, lookup: string, jobId: string | undefined, fresh: boolean) {
  const client = alibabaClientFor("rds", args, ctx, lookup);
  const { body } = await client.call(
    "DescribeBackupTasks",
    {
      DBInstanceId: args.dbInstanceId,
      BackupJobId: jobId,
      BackupMode: jobId ? undefined : args.backupMode,
      BackupJobStatus: jobId ? undefined : args.backupJobStatus,
    },
    fresh,
  );
  return listAt(body, "Items", "BackupJob");
}

function progressLine(job: RdsJob, args: ParsedBackupTaskArgs): string {
  const pct = num(job.raw.Process);
  return `backup job ${job.id} of RDS instance ${args.dbInstanceId}: ${job.state ?? "state unknown"}${pct !== null ? ` ${pct}%` : ""}`;
}

export const BackupTask = declareLookup({
  kind: "job",
  name: "alicloud.rds.BackupTask",
  cloud: "alibaba",
  summary: "The newest backup job of an Alibaba Cloud RDS instance, or a given one, optionally waited for (RDS `DescribeBackupTasks`).",
  noun: "backup job",
  timed: false,
  args: {
    dbInstanceId: arg(rdsInstanceId(), "RDS instance id."),
    backupJobId: arg(numericIdArg(20, "a backup job id", 'digits such as "4762614"').optional(), "Only this job (digits). An unknown id is an error."),
    backupMode: arg(z.enum(["Automated", "Manual"]).optional(), "`Automated` or `Manual`."),
    backupJobStatus: arg(z.enum(["NoStart", "Progressing"]).optional(), "`NoStart` or `Progressing` (the API's only job-state filters)."),
    waitForCompletion: arg(z.boolean().default(false), "Poll until the job is `Finished` or `Failed`."),
    timeout: arg(durationArg.default("30m"), "How long to wait, a duration."),
    pollInterval: arg(durationArg.default("10s"), "First polling interval, a duration; later intervals grow by half up to 1 minute."),
  },
  outputs: {
    found: out.boolean("`false` when no job matches and no `backupJobId` was given."),
    backupJobId: out.string("The job id, as a string; null when not found.").orNull().asIntegerId(),
    backupStatus: out
      .oneOf(
        ["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished", "Failed"],
        "`NoStart`, `Checking`, `Preparing`, `Waiting`, `Uploading`, `Finished`, `Failed`.",
      )
      .orNull(),
    backupProgressStatus: out
      .oneOf(
        ["NoStart", "Preparing", "Waiting", "Uploading", "Checking", "Finished"],
        "State of the backup program: `NoStart`, `Preparing`, `Waiting`, `Uploading`, `Checking`, `Finished`.",
      )
      .orNull(),
    process: out.number("Progress in percent (0-100).").orNull(),
    taskAction: out.oneOf(["TempBackupTask", "NormalBackupTask"], "`TempBackupTask` or `NormalBackupTask`.").orNull(),
    jobMode: out.oneOf(["Automated", "Manual"], "`Automated` or `Manual`.").orNull(),
    backupId: out.string("The backup set the job produced; null until the job finished.").orNull(),
  },
  filters: {
    backupMode: { equals: "jobMode" },
    backupJobStatus: { unjudged: "NoStart or in progress: the job's state, which no output holds for every value the filter allows" },
  },
  usable: {},
  subject: (a) => `RDS instance ${a.dbInstanceId}`,
  describeFilters: (a) =>
    [
      a.backupJobId && `backupJobId ${a.backupJobId}`,
      a.backupMode && `backupMode ${a.backupMode}`,
      a.backupJobStatus && `backupJobStatus ${a.backupJobStatus}`,
    ].filter((x): x is string => !!x),

  async find(args, env: FindEnv<RdsJob>) {
    const raws = await fetchJobs(args, env.ctx, this.name, args.backupJobId, !!args.waitForCompletion);
    const jobs = env.normalise(raws, normaliser(!!args.backupJobId));
    if (args.backupJobId && !jobs.some((j) => j.id === args.backupJobId)) {
      // Asked by id, the API answers with nothing at all: list the instance's jobs so the message says which exist.
      const all = env.normalise(
        await fetchJobs({ ...args, backupMode: undefined, backupJobStatus: undefined }, env.ctx, this.name, undefined, false),
        normaliser(false),
      );
      const listed = all.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1)).map((j) => `${j.id} (${j.state ?? "state unknown"})`);
      throw new NoBackupFoundError(
        `no backup job ${args.backupJobId} on RDS instance ${args.dbInstanceId}: ${listed.length ? `its backup jobs are ${listed.join(", ")}` : "it has no backup jobs"} (DescribeBackupTasks lists recent jobs only)`,
      );
    }
    return jobs;
  },

  reject(r, a) {
    if (a.backupJobId && r.id !== a.backupJobId) return `is not job ${a.backupJobId}`;
    const mode = mismatch(str(r.raw.JobMode), a.backupMode, "mode");
    if (mode) return mode;
    if (a.backupJobStatus === "NoStart" && r.state !== "NoStart") return `is ${r.state ?? "of unknown state"}, not NoStart`;
    if (a.backupJobStatus === "Progressing" && (r.state === "NoStart" || TERMINAL.has(r.state ?? ""))) return `is ${r.state}, not in progress`;
    return undefined;
  },

  notFound: (a) =>
    a.backupJobId
      ? undefined
      : { found: false, backupJobId: null, backupStatus: null, backupProgressStatus: null, process: null, taskAction: null, jobMode: null, backupId: null },

  pin: {
    subject: "dbInstanceId",
    chosen: ["backupJobId", "backupId"],
    // Waiting is how the answer is fetched, not which job is chosen.
    tuning: ["waitForCompletion", "timeout", "pollInterval"],
    recheck: "backupId",
    // Learning the newest on a later deployment never waits for a running job.
    probe: (a) => (a.waitForCompletion ? { ...a, waitForCompletion: false } : a),
    // A job pinned before it finished is followed until it has produced its backup set (same job, new state).
    repin: (stored) => (typeof stored.backupJobId === "string" && stored.backupId === null ? { backupJobId: stored.backupJobId } : undefined),
  },

  backupIdOf: (r) => (r.byId && r.state === "Finished" ? idString(r.raw.BackupId) : null),

  async afterChoice(job, args, ctx) {
    let current = job;
    const requery = async () => {
      const raws = await fetchJobs(args, ctx, this.name, current.id, true);
      const found = raws.map((raw) => normaliser(true)(raw)).find((n): n is { record: RdsJob } => "record" in n && n.record.id === current.id);
      if (!found) throw new BackupLookupError(`backup job ${current.id} of RDS instance ${args.dbInstanceId} disappeared while waiting for it`);
      return found.record;
    };
    if (args.waitForCompletion) {
      const elapsedSince = stopwatch(ctx.clock); // elapsed time never steps (core/elapsed.ts)
      const limit = parseDuration(args.timeout ?? "30m")!;
      let interval = parseDuration(args.pollInterval ?? "10s")!;
      if (!current.byId) current = await requery();
      ctx.log.info(progressLine(current, args));
      while (!TERMINAL.has(current.state ?? "")) {
        const elapsed = elapsedSince();
        if (elapsed + interval > limit) {
          throw new BackupLookupError(
            `backup job ${current.id} of RDS instance ${args.dbInstanceId} did not finish within ${args.timeout} (last state ${current.state ?? "unknown"}, ${num(current.raw.Process) ?? 0}% after ${describeAge(elapsed)}); raise timeout or look again later`,
          );
        }
        await ctx.clock.sleep(interval);
        interval = Math.min(MAX_POLL_MS, Math.round(interval * 1.5));
        current = await requery();
        ctx.log.info(progressLine(current, args));
      }
    }
    if (current.state === "Failed" && (args.waitForCompletion || args.backupJobId)) {
      throw new BackupLookupError(
        `backup job ${current.id} of RDS instance ${args.dbInstanceId} failed; see the RDS console's backup tasks, then start a new backup`,
      );
    }
    // A finished job's BackupId is given only when queried by job id.
    if (current.state === "Finished" && !current.byId) current = await requery();
    return current;
  },

  values(r) {
    const raw = r.raw;
    return {
      found: true,
      backupJobId: r.id,
      backupStatus: str(raw.BackupStatus) ?? str(raw.BackupProgressStatus),
      backupProgressStatus: str(raw.BackupProgressStatus),
      process: num(raw.Process),
      taskAction: str(raw.TaskAction),
      jobMode: str(raw.JobMode),
      backupId: r.byId && r.state === "Finished" ? idString(raw.BackupId) : null,
    };
  },
});
