/**
 * Alibaba Cloud RDS 2014-08-15: `DescribeBackups`, `DescribeBackupTasks` and `ListUserBackupFiles`
 * (docs/apis/rds-ListUserBackupFiles.md, rds-DescribeBackups.md, rds-DescribeBackupTasks.md). Each handler validates like the cloud (same codes, same HTTP statuses), filters, returns
 * the records in the emulator's scrambled order and pages like the API.
 */
import { AlibabaError, invalidParameter } from "../apiErrors";
import type { RdsInstance, RdsTask } from "../data";
import { scramble } from "../random";
import { arrange } from "../recordOrder";
import { listingKey, takePage } from "../takePage";
import { parseRecordTime } from "../timeFormats";
import type { RdsBackupJob } from "../wireFormats";
import { parsePageNumber, parsePageSize, parseWindowBound, requireParam, startsInMinuteWindow, type AlibabaCall } from "./alibabaCall";

/** Allowed `PageSize` values of RDS `DescribeBackups` (default 30). */
export const RDS_PAGE_SIZES = [30, 50, 100] as const;

function findInstance(call: AlibabaCall, id: string): RdsInstance {
  const instance = call.data.rds.get(id);
  if (!instance) throw new AlibabaError(400, "InvalidDBInstanceId.NotFound", "The DBInstanceId provided does not exist in records.");
  return instance;
}

/**
 * `DescribeBackups`: the backup sets of one instance, paged by `PageNumber` / `PageSize`, with the counts sent
 * as strings. The `StartTime`/`EndTime` window applies to `BackupStartTime`.
 */
export function describeBackups(call: AlibabaCall): Record<string, unknown> {
  const { params } = call;
  const id = requireParam(params, "DBInstanceId");
  const pageSize = parsePageSize(
    params.PageSize,
    RDS_PAGE_SIZES,
    30,
    () => new AlibabaError(403, "InvalidMaxRecordsPerPage.Malformed", "Specified record number is not valid."),
  );
  const pageNumber = parsePageNumber(params.PageNumber, () => new AlibabaError(400, "InvalidPageNumbers.Malformed", "Specified page number is not valid."));
  const start = parseWindowBound(params.StartTime, () => new AlibabaError(400, "InvalidStartTime.Format", "Specified start time is not valid."));
  const end = parseWindowBound(params.EndTime, () => new AlibabaError(400, "InvalidEndTime.Format", "Specified end time is not valid."));
  if (start !== undefined && end !== undefined && end <= start) {
    throw new AlibabaError(400, "InvalidParameterCombination", "The end time must be greater than the start time");
  }
  const instance = findInstance(call, id);

  const matches = instance.backups.filter(
    (b) =>
      (params.BackupId === undefined || b.BackupId === params.BackupId) &&
      (params.BackupStatus === undefined || b.BackupStatus === params.BackupStatus) &&
      (params.BackupMode === undefined || b.BackupMode === params.BackupMode) &&
      (params.BackupType === undefined || b.BackupType === params.BackupType) &&
      startsInMinuteWindow(b.BackupStartTime, start, end),
  );
  const ordered = arrange(
    matches,
    call.order ?? "scrambled",
    call.seed,
    listingKey("rds.DescribeBackups", params, ["PageNumber", "PageSize"]),
    (b) => b.BackupId,
    (b) => parseRecordTime(b.BackupStartTime),
  );
  const page = takePage(ordered, (pageNumber - 1) * pageSize, pageSize, call.pagingFault);
  return {
    Items: { Backup: page.items },
    PageNumber: String(pageNumber),
    PageRecordCount: String(page.items.length),
    TotalEcsSnapshotSize: 0,
    TotalRecordCount: String(page.total),
  };
}

const FINISHED_STATES = new Set(["Finished", "Failed"]);

/**
 * `DescribeBackupTasks`: without `BackupJobId`, the jobs not yet finished (`NoStart` or in progress; every job
 * with the `listsFinishedJobs` reading, see ../readings.ts); with it,
 * that job whatever its state (and the `BackupId` it produced once `Finished`). Unpaged. Every job a response
 * reports moves one step along its script.
 */
export function describeBackupTasks(call: AlibabaCall): Record<string, unknown> {
  const { params } = call;
  const id = requireParam(params, "DBInstanceId");
  const jobIdText = params.BackupJobId;
  if (jobIdText !== undefined && !/^\d{1,18}$/.test(jobIdText)) throw invalidParameter("BackupJobId");
  const jobStatus = params.BackupJobStatus;
  if (jobStatus !== undefined && jobStatus !== "NoStart" && jobStatus !== "Progressing") throw invalidParameter("BackupJobStatus");
  const instance = findInstance(call, id);

  const byId = jobIdText !== undefined;
  const selected = instance.tasks.filter((task) => {
    const state = call.data.currentStep(task).status;
    if (byId) {
      if (task.script.backupJobId !== Number(jobIdText)) return false;
    } else if (FINISHED_STATES.has(state) && !call.readings.listsFinishedJobs) {
      return false;
    }
    if (params.BackupMode !== undefined && task.script.jobMode !== params.BackupMode) return false;
    if (jobStatus === "NoStart" && state !== "NoStart") return false;
    if (jobStatus === "Progressing" && (state === "NoStart" || FINISHED_STATES.has(state))) return false;
    return true;
  });

  // An injected empty page reports (and so advances) nothing.
  const jobs = call.pagingFault?.kind === "emptyPage" ? [] : selected.map((task) => reportTask(instance, task, byId));
  const ordered = scramble(jobs, call.seed, listingKey("rds.DescribeBackupTasks", params, []), (j) => String(j.BackupJobId));
  return { Items: { BackupJob: ordered } };
}

/** What the API reports for a job now; then the job moves one step on. */
function reportTask(instance: RdsInstance, task: RdsTask, byId: boolean): RdsBackupJob {
  const { script } = task;
  const step = script.steps[task.position];
  const job: RdsBackupJob = {
    BackupJobId: script.backupJobId,
    BackupProgressStatus: step.status,
    JobMode: script.jobMode,
    Process: String(step.process),
    TaskAction: script.taskAction,
  };
  if (step.status === "Finished") {
    // BackupStatus is returned only while a task executes; a finished job shows its progress status only.
    if (script.produces) {
      if (!instance.backups.some((b) => b.BackupId === script.produces?.BackupId)) instance.backups.push(script.produces);
      if (byId) job.BackupId = script.produces.BackupId;
    }
  } else if (step.status === "Failed") {
    // Failed is a BackupStatus value only; the progress status stays where the job stopped.
    const lastRunning = [...script.steps.slice(0, task.position)].reverse().find((s) => !FINISHED_STATES.has(s.status));
    job.BackupProgressStatus = lastRunning?.status ?? "NoStart";
    job.BackupStatus = "Failed";
  } else {
    job.BackupStatus = step.status;
  }
  if (script.stepEveryMs === undefined) task.position = Math.min(task.position + 1, script.steps.length - 1);
  return orderJobFields(job);
}

/** Field order as in the vendor example (cosmetic, but it makes captured responses read like the real ones). */
function orderJobFields(job: RdsBackupJob): RdsBackupJob {
  const { JobMode, BackupProgressStatus, TaskAction, BackupStatus, BackupJobId, Process, BackupId } = job;
  return {
    JobMode,
    BackupProgressStatus,
    TaskAction,
    ...(BackupStatus !== undefined ? { BackupStatus } : {}),
    BackupJobId,
    Process,
    ...(BackupId !== undefined ? { BackupId } : {}),
  };
}

/**
 * `ListUserBackupFiles`: the user backup files of a region (`RegionId` required), filtered by `Status`,
 * `Comment` (fuzzy, case-insensitive substring), `BackupId`, `OssUrl`, `Tags` (`k:v`, several comma-separated,
 * all must match) and `ResourceGroupId`. `Records` is a plain array; no paging, no total.
 */
export function listUserBackupFiles(call: AlibabaCall): Record<string, unknown> {
  const { params } = call;
  const region = requireParam(params, "RegionId");
  const wantedTags = parseTags(params.Tags);
  const entries = (call.data.userBackupFiles.get(region) ?? []).filter(({ record, tags, resourceGroupId }) => {
    if (params.Status !== undefined && record.Status !== params.Status) return false;
    if (params.Comment !== undefined && !record.Comment.toLowerCase().includes(params.Comment.toLowerCase())) return false;
    if (params.BackupId !== undefined && record.BackupId !== params.BackupId) return false;
    if (params.OssUrl !== undefined && record.OssUrl !== params.OssUrl) return false;
    if (params.ResourceGroupId !== undefined && resourceGroupId !== params.ResourceGroupId) return false;
    return wantedTags.every(([k, v]) => tags[k] === v);
  });
  const ordered = scramble(entries, call.seed, listingKey("rds.ListUserBackupFiles", params, []), (e) => e.record.BackupId);
  return { Records: call.pagingFault?.kind === "emptyPage" ? [] : ordered.map((e) => e.record) };
}

/** `k1:v1,k2:v2` -> pairs; a tag without `:` is invalid. */
function parseTags(text: string | undefined): Array<[string, string]> {
  if (text === undefined || text === "") return [];
  return text.split(",").map((tag) => {
    const colon = tag.indexOf(":");
    if (colon <= 0) throw invalidParameter("Tags");
    return [tag.slice(0, colon).trim(), tag.slice(colon + 1).trim()] as [string, string];
  });
}
