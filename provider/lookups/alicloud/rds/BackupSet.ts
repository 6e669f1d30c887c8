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
import { Candidate, Normalised, arg, declareLookup, oneForOne, out } from "../../../core/declaration";
import { flag, idString, isoOrNull, mismatch, num, requireTime, str } from "../../../core/fields";
import { fromApiIso, fromUnixSeconds, toAlibabaMinute } from "../../../core/time";
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

export const BackupSet = declareLookup({
  kind: "listed",
  name: "alicloud.rds.BackupSet",
  cloud: "alibaba",
  summary: "The newest usable backup set of an Alibaba Cloud RDS instance (RDS `DescribeBackups`).",
  noun: "backup set",
  timed: true,
  times: { start: "backupStartTime", end: "backupEndTime" },
  args: {
    dbInstanceId: arg(rdsInstanceId(), "RDS instance id (`rm-...`, `pgm-...`)."),
    backupId: arg(
      z
        .string()
        .regex(/^\d{1,20}$/, { error: (i) => `must be an RDS backup set id (digits such as "321020562"), got ${JSON.stringify(i.input)}` })
        .optional(),
      "Only this backup set id (digits).",
    ),
    backupStatus: arg(z.enum(["Success", "Failed"]).default("Success"), "Only sets in this state."),
    backupMode: arg(z.enum(["Automated", "Manual"]).optional(), "`Automated` or `Manual`."),
    backupType: arg(z.enum(["FullBackup", "IncrementalBackup"]).optional(), "`FullBackup` or `IncrementalBackup`."),
    backupMethod: arg(z.enum(["Physical", "Logical", "Snapshot"]).optional(), "`Physical`, `Logical` or `Snapshot`."),
    requireAvailable: arg(z.boolean().default(true), "Only sets with `IsAvail = 1`."),
  },
  outputs: {
    backupId: out.string("The chosen backup set's id (digits, as a string)."),
    backupStatus: out.oneOf(["Success", "Failed"], "`Success` or `Failed`."),
    backupStartTime: out.string("Backup start, ISO-8601 UTC to the second."),
    backupEndTime: out.string("Backup end, ISO-8601 UTC to the second."),
    backupMode: out.oneOf(["Automated", "Manual"], "`Automated` or `Manual`.").orNull(),
    backupType: out.oneOf(["FullBackup", "IncrementalBackup"], "`FullBackup` or `IncrementalBackup`.").orNull(),
    backupMethod: out.oneOf(["Physical", "Logical", "Snapshot"], "`Physical`, `Logical` or `Snapshot`.").orNull(),
    backupSize: out.number("Size of the backup file in bytes.").orNull(),
    isAvailable: out.boolean("`IsAvail = 1`.").orNull(),
    consistentTime: out.string("Consistency point, ISO-8601 UTC; null when the API gives 0 (everything but MySQL 5.6).").orNull(),
    hostInstanceId: out.string("Id of the host that produced the set (numeric string, not an `rm-` id).").orNull(),
    backupDownloadUrl: out.string("Public download URL (secret); null when the set cannot be downloaded.").orNull().asSecret(),
    backupIntranetDownloadUrl: out.string("Internal download URL (secret); null when the set cannot be downloaded.").orNull().asSecret(),
    engine: out.oneOf(["MySQL", "PostgreSQL", "SQLServer", "MariaDB"], "`MySQL`, `PostgreSQL`, `SQLServer`, `MariaDB`.").orNull(),
    engineVersion: out.string("Engine version, e.g. `8.0`.").orNull(),
    backupInitiator: out.oneOf(["System", "User"], "`System` or `User`.").orNull(),
    expectExpireTime: out.string("When the set is expected to expire, ISO-8601 UTC, or null.").orNull(),
  },
  filters: { requireAvailable: { requires: "isAvailable" } },
  usable: {},
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
    byId: (id) => ({ BackupId: id }),
    window: { start: "StartTime", end: "EndTime", format: toAlibabaMinute, required: false, earliest: () => RDS_EARLIEST },
    page: { size: PAGE_SIZE, number: "PageNumber", sizeParam: "PageSize" },
    records: ["Items", "Backup"],
    total: { field: "TotalRecordCount", counts: "all" },
    id: "BackupId",
  },
  candidates: oneForOne<RdsBackup>(normalise),
  pin: { subject: "dbInstanceId", chosen: ["backupId"], recheck: "backupId" },

  reject(r, a) {
    if (a.backupId && r.id !== a.backupId) return `is not backup set ${a.backupId}`;
    if (r.status !== a.backupStatus) return `is ${r.status ?? "of unknown status"}`;
    if (a.requireAvailable && r.isAvail !== true) return "is not available (IsAvail 0)";
    return mismatch(r.mode, a.backupMode, "mode") ?? mismatch(r.type, a.backupType, "type") ?? mismatch(r.method, a.backupMethod, "method");
  },

  values(r) {
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
});
