/**
 * `alicloud.kvstore.BackupSet`: the newest usable backup of a Redis/Tair instance, from R-KVStore 2015-01-01
 * `DescribeBackups` (docs/apis/kvstore-DescribeBackups.md;
 * https://www.alibabacloud.com/help/en/redis/developer-reference/api-r-kvstore-2015-01-01-describebackups). A
 * cluster has one record per shard (`NodeInstanceId`) per job (`BackupJobID`): the unit of choice is the job,
 * usable only when every shard of it succeeded and no shard is missing. The API requires `StartTime` and
 * `EndTime`: the declared listing's windows never start earlier than KVSTORE_SEARCH_LIMIT_DAYS back, and the
 * engine's window search (provider/core/windowSearch.ts) keeps a job's shards and its older neighbour whole
 * inside the windows it judges.
 */
import { z } from "zod";
import { kvstoreInstanceId, numericIdArg } from "../../../core/args";
import { Candidate, arg, declareLookup, out } from "../../../core/declaration";
import { newestFirst } from "../../../core/select";
import { idString, isoOrNull, mismatch, num, str } from "../../../core/fields";
import { fromApiIso, toAlibabaMinute } from "../../../core/time";
import { alibabaCall } from "../alibabaCall";

/**
 * How far back the search goes without `since`: 730 days, the longest backup retention Tair offers, so an
 * older backup cannot exist. A backup outside it can still be named with `since`.
 */
export const KVSTORE_SEARCH_LIMIT_DAYS = 730;
/** The largest page the API allows (30, 50, 100, 200, 300). */
export const KVSTORE_PAGE_SIZE = 300;
/** The field the shards of one job share. */
const JOB_FIELD = "BackupJobID";
/** Shards of one job start within minutes; the window search keeps a job this far from a window's start. */
const SHARD_SPREAD_MS = 3_600_000;

interface Shard {
  raw: Record<string, unknown>;
  backupId: string;
  node: string;
  status: string | null;
  start: Date;
  end: Date;
}

interface Job extends Candidate {
  shards: Shard[];
  /** Most shards any job of this instance has (a job with fewer is incomplete). */
  expectedShards: number;
}

function toShard(raw: Record<string, unknown>): Shard | string {
  const backupId = idString(raw.BackupId);
  if (!backupId) return `a backup record without a BackupId`;
  const start = fromApiIso(raw.BackupStartTime);
  const end = fromApiIso(raw.BackupEndTime);
  if (!start) return `backup ${backupId} has ${raw.BackupStartTime === undefined ? "no" : "an unparsable"} BackupStartTime`;
  if (!end) return `backup ${backupId} has ${raw.BackupEndTime === undefined ? "no" : "an unparsable"} BackupEndTime`;
  return { raw, backupId, node: str(raw.NodeInstanceId) ?? "", status: str(raw.BackupStatus), start, end };
}

/** Shards grouped into jobs by `BackupJobID` (a record without one is a job of its own). */
function toJobs(raws: Record<string, unknown>[], skip: (why: string) => void): Job[] {
  const groups = new Map<string, Shard[]>();
  for (const raw of raws) {
    const s = toShard(raw);
    if (typeof s === "string") {
      skip(s);
      continue;
    }
    const jobId = idString(raw[JOB_FIELD]) ?? `backup-${s.backupId}`;
    groups.set(jobId, [...(groups.get(jobId) ?? []), s]);
  }
  const jobs: Job[] = [...groups.entries()].map(([id, shards]) => {
    shards.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
    return {
      id,
      shards,
      expectedShards: 0,
      key: { end: Math.max(...shards.map((s) => s.end.getTime())), start: Math.min(...shards.map((s) => s.start.getTime())), id },
    };
  });
  // A job is complete when it has as many shards as its neighbours in time (the next newer and the next older
  // job): a job missing a shard stands out, while a cluster scaled in or out is judged against jobs of its
  // own size once a second job of the new size exists (the highest count over all history would reject
  // every job after a scale-in).
  const byTime = [...jobs].sort((a, b) => newestFirst(a.key, b.key));
  const nodes = (j: Job) => new Set(j.shards.map((s) => s.node)).size;
  byTime.forEach((job, i) => {
    job.expectedShards = Math.max(nodes(job), i > 0 ? nodes(byTime[i - 1]) : 0, i + 1 < byTime.length ? nodes(byTime[i + 1]) : 0);
  });
  return jobs;
}

const same = (job: Job, field: string) => str(job.shards[0].raw[field]);

/** The shard `backupId` stands for: the one asked for by `backupId` or `nodeInstanceId`, else the first. */
function keyShard(job: Job, a: { backupId?: string; nodeInstanceId?: string }): Shard {
  return (
    (a.backupId && job.shards.find((s) => s.backupId === a.backupId)) ||
    (a.nodeInstanceId && job.shards.find((s) => s.node === a.nodeInstanceId)) ||
    job.shards[0]
  );
}

export const KvstoreBackupSet = declareLookup({
  kind: "listed",
  name: "alicloud.kvstore.BackupSet",
  cloud: "alibaba",
  summary:
    "The newest usable backup of an Alibaba Cloud Redis/Tair (KVStore) instance; for a cluster, the whole backup job (all shards) (R-KVStore `DescribeBackups`).",
  noun: "backup job",
  timed: true,
  times: { start: "backupStartTime", end: "backupEndTime" },
  args: {
    instanceId: arg(kvstoreInstanceId(), "Redis/Tair instance id (`r-...`)."),
    backupId: arg(
      numericIdArg(18, "a KVStore backup id", "an integer such as 111111111").optional(),
      "Only the job holding this backup id (a number or numeric string).",
    ),
    backupStatus: arg(z.enum(["Success", "Failed"]).default("Success"), "Only jobs in this state (`Success`: every shard succeeded)."),
    nodeInstanceId: arg(
      z.string().min(1, { error: "must not be empty" }).optional(),
      "Only jobs with a backup of this shard; the backup id and download URLs output are then that shard's.",
    ),
    backupMode: arg(z.enum(["Automated", "Manual"]).optional(), "`Automated` or `Manual`."),
    backupType: arg(z.enum(["FullBackup", "IncrementalBackup"]).optional(), "`FullBackup` or `IncrementalBackup`."),
    backupMethod: arg(z.enum(["Logical", "Physical"]).optional(), "`Logical` or `Physical`."),
  },
  outputs: {
    backupId: out.string("The backup asked for by `backupId`, else the one of `nodeInstanceId`, else the first of `backupIds`.").asIntegerId(),
    backupIds: out.strings("Every shard's backup id of the chosen job, sorted by `nodeInstanceId`.").asIntegerId(),
    backupJobId: out.string("The job id (`BackupJobID`), as a string.").orNull().asIntegerId(),
    backupStatus: out.oneOf(["Success", "Failed"], "`Success` when every shard succeeded, else the first failing shard's status."),
    backupStartTime: out.string("Earliest shard start, ISO-8601 UTC."),
    backupEndTime: out.string("Latest shard end, ISO-8601 UTC."),
    backupSize: out.number("Bytes, summed over the shards.").orNull(),
    nodeInstanceId: out.string("The shard of `backupId`; a standard instance has one, the instance itself.").orNull(),
    shardCount: out.number("Number of shards in the job."),
    backupDbNames: out.string("Databases included (`all`).").orNull(),
    engineVersion: out.string("Engine major version (`4.0`).").orNull(),
    backupMode: out.oneOf(["Automated", "Manual"], "`Automated` or `Manual`.").orNull(),
    backupType: out.oneOf(["FullBackup", "IncrementalBackup"], "`FullBackup` or `IncrementalBackup`.").orNull(),
    backupMethod: out.oneOf(["Logical", "Physical"], "`Logical` or `Physical`.").orNull(),
    backupDownloadUrl: out.string("Public download URL of `backupId`'s file (secret).").orNull().asSecret(),
    backupIntranetDownloadUrl: out.string("Internal download URL of `backupId`'s file (secret).").orNull().asSecret(),
  },
  // The job holds the backup asked for, whichever shard's id `backupId` outputs.
  filters: { backupId: { equals: "backupIds" } },
  usable: {},
  subject: (a) => `Redis/Tair instance ${a.instanceId}`,
  describeFilters: (a) =>
    [
      a.backupId && `backupId ${a.backupId}`,
      `backupStatus ${a.backupStatus}`,
      a.nodeInstanceId && `nodeInstanceId ${a.nodeInstanceId}`,
      a.backupMode && `backupMode ${a.backupMode}`,
      a.backupType && `backupType ${a.backupType}`,
      a.backupMethod && `backupMethod ${a.backupMethod}`,
      !a.since && `within the ${KVSTORE_SEARCH_LIMIT_DAYS}-day search limit`,
    ].filter((x): x is string => !!x),

  listing: {
    action: "DescribeBackups",
    client: alibabaCall("kvstore"),
    what: (a) => `DescribeBackups of ${a.instanceId}`,
    params: (a) => ({ InstanceId: a.instanceId }),
    byId: (id) => ({ BackupId: id }),
    window: {
      start: "StartTime",
      end: "EndTime",
      format: toAlibabaMinute,
      required: true,
      earliest: (top) => new Date(top.getTime() - KVSTORE_SEARCH_LIMIT_DAYS * 86_400_000),
    },
    page: { size: KVSTORE_PAGE_SIZE, number: "PageNumber", sizeParam: "PageSize" },
    records: ["Backups", "Backup"],
    total: { field: "TotalCount", counts: "ambiguous" },
    id: "BackupId",
    group: { spreadMs: SHARD_SPREAD_MS },
  },
  candidates: (raws, _args, skip) => toJobs(raws, skip),
  pin: { subject: "instanceId", chosen: ["backupJobId", "backupId"], recheck: "backupId" },

  reject(job, a) {
    if (a.backupId && !job.shards.some((s) => s.backupId === a.backupId)) return `does not hold backup ${a.backupId}`;
    if (a.nodeInstanceId && !job.shards.some((s) => s.node === a.nodeInstanceId)) return `has no backup of shard ${a.nodeInstanceId}`;
    const failed = job.shards.find((s) => s.status !== "Success");
    const status = failed ? (failed.status ?? "of unknown status") : "Success";
    if (a.backupStatus === "Success") {
      if (failed) return `is ${status} (shard ${failed.node || failed.backupId})`;
      if (new Set(job.shards.map((s) => s.node)).size < job.expectedShards) return `is incomplete (${job.shards.length} of ${job.expectedShards} shards)`;
    } else if (status !== a.backupStatus) return `is ${status}`;
    return (
      mismatch(same(job, "BackupMode"), a.backupMode, "mode") ??
      mismatch(same(job, "BackupType"), a.backupType, "type") ??
      mismatch(same(job, "BackupMethod"), a.backupMethod, "method")
    );
  },

  backupIdOf: (job, a) => keyShard(job, a).backupId,

  values(job, a) {
    const key = keyShard(job, a);
    const failed = job.shards.find((s) => s.status !== "Success");
    const sizes = job.shards.map((s) => num(s.raw.BackupSize));
    return {
      backupId: key.backupId,
      backupIds: job.shards.map((s) => s.backupId),
      backupJobId: job.id.startsWith("backup-") ? null : job.id,
      backupStatus: failed ? (failed.status ?? "") : "Success",
      backupStartTime: isoOrNull(new Date(job.key.start!))!,
      backupEndTime: isoOrNull(new Date(job.key.end!))!,
      backupSize: sizes.every((s) => s !== null) ? sizes.reduce<number>((x, y) => x + (y ?? 0), 0) : null,
      nodeInstanceId: key.node || null,
      shardCount: job.shards.length,
      backupDbNames: str(key.raw.BackupDBNames),
      engineVersion: str(key.raw.EngineVersion),
      backupMode: str(key.raw.BackupMode),
      backupType: str(key.raw.BackupType),
      backupMethod: str(key.raw.BackupMethod),
      backupDownloadUrl: str(key.raw.BackupDownloadURL),
      backupIntranetDownloadUrl: str(key.raw.BackupIntranetDownloadURL),
    };
  },
});
