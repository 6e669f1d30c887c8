/**
 * `alicloud.rds.BackupSet`: the newest usable backup set of an RDS instance, from RDS 2014-08-15
 * `DescribeBackups` (docs/apis/rds-DescribeBackups.md;
 * https://www.alibabacloud.com/help/en/rds/developer-reference/api-rds-2014-08-15-describebackups). Usable =
 * `BackupStatus` "Success" and `IsAvail` 1. A declared listing (PageSize 100, `TotalRecordCount` counting every
 * match, an optional `StartTime`/`EndTime` window): the engine's window search (provider/core/windowSearch.ts)
 * answers in one request when a usable set ended within the last day.
 */
import { z } from "zod";
import { rdsInstanceId } from "../../../core/args";
import type { BackupSetArgs, BackupSetResult } from "../../../types/alicloud/rds/BackupSet";
import { Candidate, LookupDefinition, Normalised, oneForOne } from "../../../core/engine";
import { flag, idString, isoOrNull, listAt, mismatch, num, requireTime, str } from "../../../core/fields";
import { fromApiIso, fromUnixSeconds } from "../../../core/time";
import { alibabaClientFor } from "../../../clouds/alibaba/AlibabaRpcClient";
import { alibabaCall } from "../alibabaCall";

interface RdsBackup extends Candidate {
  raw: Record<string, unknown>;
  status: string | null;
  isAvail: boolean | null;
  mode: string | null;
  type: string | null;
  method: string | null;
  start: Date;
  end: Date;
}

export const PAGE_SIZE = 100;
/** The start of every history: a window never starts earlier (RDS needs a start when an end is given). */
const RDS_EARLIEST = new Date("2010-01-01T00:00:00Z");

function normalise(raw: Record<string, unknown>): Normalised<RdsBackup> {
  const id = idString(raw.BackupId);
  if (!id) return { skip: `a backup set without a BackupId (${JSON.stringify(raw).slice(0, 80)})` };
  const start = requireTime(raw, "BackupStartTime", fromApiIso, `backup set ${id}`);
  if (typeof start === "string") return { skip: start };
  const end = requireTime(raw, "BackupEndTime", fromApiIso, `backup set ${id}`);
  if (typeof end === "string") return { skip: end };
  return {
    record: {
      id,
      key: { end: end.getTime(), start: start.getTime(), id },
      raw,
      status: str(raw.BackupStatus),
      isAvail: flag(raw.IsAvail),
      mode: str(raw.BackupMode),
      type: str(raw.BackupType),
      method: str(raw.BackupMethod),
      start,
      end,
    },
  };
}

export const BackupSet = {
  name: "alicloud.rds.BackupSet",
  cloud: "alibaba",
  noun: "backup set",
  timed: true,
  shape: {
    dbInstanceId: rdsInstanceId(),
    backupId: z.string().regex(/^\d{1,20}$/, { error: (i) => `must be an RDS backup set id (digits such as "321020562"), got ${JSON.stringify(i.input)}` }).optional(),
    backupStatus: z.enum(["Success", "Failed"]).default("Success"),
    backupMode: z.enum(["Automated", "Manual"]).optional(),
    backupType: z.enum(["FullBackup", "IncrementalBackup"]).optional(),
    backupMethod: z.enum(["Physical", "Logical", "Snapshot"]).optional(),
    requireAvailable: z.boolean().default(true),
  },
  secretOutputs: ["backupDownloadUrl", "backupIntranetDownloadUrl"],
  outputNames: ["backupId", "backupStatus", "backupStartTime", "backupEndTime", "backupMode", "backupType", "backupMethod", "backupSize", "isAvailable", "consistentTime", "hostInstanceId", "backupDownloadUrl", "backupIntranetDownloadUrl", "engine", "engineVersion", "backupInitiator", "expectExpireTime"],
  subject: (a) => `RDS instance ${a.dbInstanceId}`,
  describeFilters: (a) =>
    [
      a.backupId && `backupId ${a.backupId}`,
      `backupStatus ${a.backupStatus}`,
      a.requireAvailable && "available",
      a.backupMode && `backupMode ${a.backupMode}`,
      a.backupType && `backupType ${a.backupType}`,
      a.backupMethod && `backupMethod ${a.backupMethod}`,
    ].filter((x): x is string => !!x),

  listing: {
    action: "DescribeBackups",
    client: alibabaCall("rds"),
    what: (a) => `DescribeBackups of ${a.dbInstanceId}`,
    params: (a) => ({ DBInstanceId: a.dbInstanceId }),
    narrow: (a) => (a.backupId ? { BackupId: a.backupId } : undefined),
    window: { start: "StartTime", end: "EndTime", format: "alibabaMinute", required: false, earliest: () => RDS_EARLIEST },
    page: { size: PAGE_SIZE, number: "PageNumber", sizeParam: "PageSize" },
    records: ["Items", "Backup"],
    total: { field: "TotalRecordCount", counts: "all" },
    id: "BackupId",
    start: "BackupStartTime",
  },
  candidates: oneForOne(normalise),
  pin: { subject: "dbInstanceId", chosen: ["backupId"], recheck: "backupId" },

  reject(r, a) {
    if (a.backupId && r.id !== a.backupId) return `is not backup set ${a.backupId}`;
    if (r.status !== a.backupStatus) return `is ${r.status ?? "of unknown status"}`;
    if (a.requireAvailable && r.isAvail !== true) return "is not available (IsAvail 0)";
    return mismatch(r.mode, a.backupMode, "mode") ?? mismatch(r.type, a.backupType, "type") ?? mismatch(r.method, a.backupMethod, "method");
  },

  outputs(r): BackupSetResult {
    const raw = r.raw;
    return {
      backupId: r.id,
      backupStatus: r.status ?? "",
      backupStartTime: isoOrNull(r.start)!,
      backupEndTime: isoOrNull(r.end)!,
      backupMode: r.mode,
      backupType: r.type,
      backupMethod: r.method,
      backupSize: num(raw.BackupSize),
      isAvailable: r.isAvail,
      consistentTime: isoOrNull(fromUnixSeconds(raw.ConsistentTime)),
      hostInstanceId: idString(raw.HostInstanceID),
      backupDownloadUrl: str(raw.BackupDownloadURL),
      backupIntranetDownloadUrl: str(raw.BackupIntranetDownloadURL),
      engine: str(raw.Engine),
      engineVersion: str(raw.EngineVersion),
      backupInitiator: str(raw.BackupInitiator),
      expectExpireTime: isoOrNull(fromApiIso(raw.ExpectExpireTime)),
    };
  },

  async exists(args, id, ctx) {
    const client = alibabaClientFor("rds", args, ctx, this.name);
    const { body } = await client.call("DescribeBackups", { DBInstanceId: args.dbInstanceId, BackupId: id, PageSize: 30, PageNumber: 1 }, true);
    return listAt(body, "Items", "Backup").some((b) => idString(b.BackupId) === id);
  },
} satisfies LookupDefinition<BackupSetArgs, RdsBackup>;
