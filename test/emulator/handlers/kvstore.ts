/**
 * Alibaba Cloud R-KVStore (Tair / Redis) 2015-01-01 `DescribeBackups` (docs/apis/kvstore-DescribeBackups.md): the backup files of one
 * instance, one record per shard (`NodeInstanceId`) per job (`BackupJobID`), inside a mandatory time window
 * on `BackupStartTime`. Paged by `PageNumber` / `PageSize`; `TotalCount` counts all matches; IDs and counts
 * are JSON integers.
 */
import { AlibabaError, invalidParameter } from "../apiErrors";
import { arrange } from "../recordOrder";
import { parseRecordTime } from "../timeFormats";
import { listingKey, takePage } from "../takePage";
import { parsePageNumber, parsePageSize, parseWindowBound, requireParam, startsInMinuteWindow, type AlibabaCall } from "./alibabaCall";

/** Allowed `PageSize` values (the seed gives no default; the response example shows 30, which we use). */
export const KVSTORE_PAGE_SIZES = [30, 50, 100, 200, 300] as const;

/** `DescribeBackups` of KVStore. */
export function describeKvstoreBackups(call: AlibabaCall): Record<string, unknown> {
  const { params } = call;
  const id = requireParam(params, "InstanceId");
  requireParam(params, "StartTime");
  requireParam(params, "EndTime");
  const start = parseWindowBound(
    params.StartTime,
    () => new AlibabaError(400, "InvalidStartTime.Malformed", "The Specified parameter StartTime is not valid."),
  );
  const end = parseWindowBound(params.EndTime, () => new AlibabaError(400, "InvalidEndTime.Malformed", "The Specified parameter EndTime is not valid."));
  if (start !== undefined && end !== undefined && end <= start) {
    throw new AlibabaError(400, "InvalidStartTimeAndEndTime.Malformed", "The end time must be greater than the start time.");
  }
  const pageSize = parsePageSize(
    params.PageSize,
    KVSTORE_PAGE_SIZES,
    30,
    () => new AlibabaError(400, "InvalidPageSize.Malformed", "The specified parameter PageSize is not valid."),
  );
  const pageNumber = parsePageNumber(params.PageNumber, () => invalidParameter("PageNumber"));
  const backupId = optionalInteger(params, "BackupId");
  const backupJobId = optionalInteger(params, "BackupJobId");
  if (params.NeedAof !== undefined && params.NeedAof !== "0" && params.NeedAof !== "1") throw invalidParameter("NeedAof");

  const instance = call.data.kvstore.get(id);
  if (!instance) throw new AlibabaError(404, "InvalidInstanceId.NotFound", "The specified instance is not found.");

  const matches = instance.backups.filter(
    (b) =>
      (backupId === undefined || b.BackupId === backupId) &&
      (backupJobId === undefined || b.BackupJobID === backupJobId) &&
      startsInMinuteWindow(b.BackupStartTime, start, end),
  );
  const ordered = arrange(
    matches,
    call.order ?? "scrambled",
    call.seed,
    listingKey("kvstore.DescribeBackups", params, ["PageNumber", "PageSize"]),
    (b) => String(b.BackupId),
    (b) => parseRecordTime(b.BackupStartTime),
  );
  const page = takePage(ordered, (pageNumber - 1) * pageSize, pageSize, call.pagingFault);
  return {
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: call.readings.totalCounts === "page" ? page.items.length : page.total,
    Backups: { Backup: page.items },
  };
}

function optionalInteger(params: Record<string, string>, name: string): number | undefined {
  const text = params[name];
  if (text === undefined || text === "") return undefined;
  if (!/^\d{1,15}$/.test(text)) throw invalidParameter(name);
  return Number(text);
}
