/**
 * `huaweicloud.dcs.BackupSet`: the newest restorable backup record of a DCS instance, from DCS v2
 * `ListBackupRecords`, `GET /v2/{project_id}/instances/{instance_id}/backups` (docs/apis/dcs-ListBackupRecords.md;
 * https://support.huaweicloud.com/intl/en-us/api-dcs/ListBackupRecords.html). Usable = `status` "succeed" and
 * `is_support_restore` "TRUE". HTTP 204 means no records. A declared listing paged by offset/limit with a
 * `begin_time`/`end_time` window (yyyyMMddHHmmss UTC, on `created_at`), read by the engine's window search
 * (provider/core/windowSearch.ts).
 */
import { z } from "zod";
import { dcsInstanceId } from "../../../core/args";
import { Candidate, Normalised, arg, declareLookup, oneForOne, out } from "../../../core/declaration";
import { flag, idString, isoOrNull, mismatch, num, str } from "../../../core/fields";
import { fromApiIso, toCompact } from "../../../core/time";
import { huaweiCall, huaweiProjectIdArg } from "../huaweiCall";

/** Records per page: the largest `limit` the API accepts. */
export const DCS_PAGE_LIMIT = 1000;

/** The start of every history: a window never starts earlier. */
const DCS_EARLIEST = new Date("2010-01-01T00:00:00Z");

const STATUSES = ["waiting", "backuping", "succeed", "failed", "expired", "deleted"] as const;

interface DcsRecord extends Candidate {
  raw: Record<string, unknown>;
  status: string | null;
  restorable: boolean | null;
  created: Date;
  updated?: Date;
}

function normalise(raw: Record<string, unknown>): Normalised<DcsRecord> {
  const id = idString(raw.backup_id);
  if (!id) return { skip: "a backup record without a backup_id" };
  const created = fromApiIso(raw.created_at);
  if (!created) return { skip: `backup record ${id} has ${raw.created_at === undefined ? "no" : "an unparsable"} created_at` };
  const updated = fromApiIso(raw.updated_at);
  if (!updated && raw.updated_at !== undefined && raw.updated_at !== null && raw.updated_at !== "")
    return { skip: `backup record ${id} has an unparsable updated_at ${JSON.stringify(raw.updated_at)}` };
  return {
    record: {
      id,
      key: { end: updated?.getTime(), start: created.getTime(), id },
      raw,
      status: str(raw.status),
      restorable: flag(raw.is_support_restore),
      created,
      updated,
    },
  };
}

export const DcsBackupSet = declareLookup({
  kind: "listed",
  name: "huaweicloud.dcs.BackupSet",
  cloud: "huawei",
  summary: "The newest restorable backup record of a Huawei Cloud DCS (Redis) instance (DCS `ListBackupRecords`).",
  noun: "backup record",
  timed: true,
  times: { start: "createdAt", end: "updatedAt" },
  args: {
    instanceId: arg(dcsInstanceId(), "DCS instance id (a UUID)."),
    projectId: huaweiProjectIdArg,
    status: arg(z.enum(STATUSES).default("succeed"), "Only records in this state."),
    backupType: arg(z.enum(["manual", "auto"]).optional(), "`manual` or `auto`."),
    requireRestorable: arg(z.boolean().default(true), 'Only records with `is_support_restore = "TRUE"`.'),
  },
  outputs: {
    backupId: out.string("The chosen record's `backup_id` (a UUID)."),
    backupName: out.string("`backup_name` (embeds a UTC+8 local time; do not parse it).").orNull(),
    status: out.oneOf(STATUSES, "`waiting`, `backuping`, `succeed`, `failed`, `expired`, `deleted`."),
    backupType: out.oneOf(["manual", "auto"], "`manual` or `auto`.").orNull(),
    backupFormat: out.oneOf(["aof", "rdb"], "Backup file format (`aof`, `rdb`).").orNull(),
    size: out.number("Size of the backup file, bytes.").orNull(),
    createdAt: out.string("When the backup task was created, ISO-8601 UTC."),
    updatedAt: out.string("When the backup completed, ISO-8601 UTC.").orNull(),
    executionAt: out.string("`execution_at`, ISO-8601 UTC.").orNull(),
    isSupportRestore: out.boolean("`is_support_restore` as a boolean.").orNull(),
    progress: out.number("Progress in percent.").orNull(),
    remark: out.string("Remark.").orNull(),
    errorCode: out.string("Failure code (`dcs.08.0002`), or null.").orNull(),
  },
  filters: { requireRestorable: { requires: "isSupportRestore" } },
  usable: {},
  subject: (a) => `DCS instance ${a.instanceId}`,
  describeFilters: (a) =>
    [`status ${a.status}`, a.requireRestorable && "restorable", a.backupType && `backupType ${a.backupType}`].filter((x): x is string => !!x),

  listing: {
    action: "ListBackupRecords",
    client: huaweiCall(
      "dcs",
      "dcs:instance:list (DCS ReadOnlyAccess)",
      (a: { instanceId: string }, projectId) => `/v2/${encodeURIComponent(projectId)}/instances/${encodeURIComponent(a.instanceId)}/backups`,
    ),
    what: (a) => `ListBackupRecords of ${a.instanceId}`,
    params: () => ({}),
    window: { start: "begin_time", end: "end_time", format: toCompact, required: false, earliest: () => DCS_EARLIEST },
    page: { size: DCS_PAGE_LIMIT, offset: "offset", limit: "limit" },
    records: ["backup_record_response"],
    total: { field: "total_num", counts: "ambiguous" },
    id: "backup_id",
  },
  candidates: oneForOne<DcsRecord>(normalise),
  gone: (raw) => raw.status === "expired" || raw.status === "deleted",
  pin: { subject: "instanceId", chosen: ["backupId"], recheck: "backupId" },

  reject(r, a) {
    if (r.status !== a.status) return `is ${r.status ?? "of unknown status"}`;
    if (a.requireRestorable && r.restorable !== true) return "cannot be restored (is_support_restore FALSE)";
    const type = mismatch(str(r.raw.backup_type), a.backupType, "type");
    if (type) return type;
    if (!r.updated) return "has no updated_at";
    return undefined;
  },

  values(r) {
    const raw = r.raw;
    return {
      backupId: r.id,
      backupName: str(raw.backup_name),
      status: r.status ?? "",
      backupType: str(raw.backup_type),
      backupFormat: str(raw.backup_format),
      size: num(raw.size),
      createdAt: isoOrNull(r.created)!,
      updatedAt: isoOrNull(r.updated),
      executionAt: isoOrNull(fromApiIso(raw.execution_at)),
      isSupportRestore: r.restorable,
      progress: num(raw.progress),
      remark: str(raw.remark),
      errorCode: str(raw.error_code),
    };
  },
});
