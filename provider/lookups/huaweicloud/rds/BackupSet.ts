/**
 * `huaweicloud.rds.BackupSet`: the newest usable backup of a Huawei Cloud RDS instance (MySQL, PostgreSQL, SQL
 * Server), from RDS v3 `ListBackups`, `GET /v3/{project_id}/backups?instance_id=...` (docs/apis/rds-ListBackups.md;
 * https://support.huaweicloud.com/intl/en-us/api-rds/rds_09_0005.html). Usable = `status` "COMPLETED"; by default
 * full backups only (`auto`, `manual`). The page does not say in which order records come, which types are listed
 * without `backup_type`, nor whether the window tests a backup's `begin_time` or `end_time`: the type and the order
 * are judged here, and a window read whole holds every backup that began in it under either reading. Times come as
 * `yyyy-mm-ddThh:mm:ss+0800` (an offset without a colon); window bounds are sent in UTC (`+0000`).
 */
import { z } from "zod";
import { Candidate, Normalised, arg, declareLookup, oneForOne, out } from "../../../core/declaration";
import { idString, isoOrNull, listAt, mismatch, num, str } from "../../../core/fields";
import { parseIsoInstant } from "../../../core/time";
import { huaweiCall, huaweiProjectIdArg } from "../huaweiCall";

/** Records per page: the largest `limit` the API accepts. */
const PAGE_LIMIT = 100;
/** The start of every history: a window never starts earlier. */
const EARLIEST = new Date("2010-01-01T00:00:00Z");
const TYPES = ["auto", "manual", "fragment", "incremental"] as const;
const FULL_TYPES: readonly string[] = ["auto", "manual"];
const STATUSES = ["BUILDING", "COMPLETED", "FAILED", "DELETING"] as const;
/** Instance ids: 32 hex characters, then `in` and two digits (`in01` MySQL, `in03` PostgreSQL, `in04` SQL Server). */
const INSTANCE_ID = /^[0-9a-f]{32}in\d{2}$/;

interface RdsBackup extends Candidate {
  raw: Record<string, unknown>;
  status: string | null;
  type: string | null;
  begin: Date;
  end?: Date;
}

/** A time as the API writes it (`2026-11-20T02:00:00+0800`); undefined when absent or not one. */
function apiTime(value: unknown): Date | undefined {
  return typeof value === "string" && value !== "" ? parseIsoInstant(value) : undefined;
}

/** A window bound in the API's form, in UTC, rounded outwards to the second. */
function windowBound(d: Date, round: "down" | "up"): string {
  const s = (round === "down" ? Math.floor : Math.ceil)(d.getTime() / 1000) * 1000;
  return `${new Date(s).toISOString().slice(0, 19)}+0000`;
}

function normalise(raw: Record<string, unknown>): Normalised<RdsBackup> {
  const id = idString(raw.id);
  if (!id) return { skip: "a backup without an id" };
  const begin = apiTime(raw.begin_time);
  if (!begin) return { skip: `backup ${id} has ${raw.begin_time === undefined ? "no" : "an unparsable"} begin_time` };
  const end = apiTime(raw.end_time);
  if (!end && typeof raw.end_time === "string" && raw.end_time !== "")
    return { skip: `backup ${id} has an unparsable end_time ${JSON.stringify(raw.end_time)}` };
  return { record: { id, key: { end: end?.getTime(), start: begin.getTime(), id }, raw, status: str(raw.status), type: str(raw.type), begin, end } };
}

export const RdsBackupSet = declareLookup({
  kind: "listed",
  name: "huaweicloud.rds.BackupSet",
  cloud: "huawei",
  summary: "The newest usable backup of a Huawei Cloud RDS instance (MySQL, PostgreSQL, SQL Server) (RDS v3 `ListBackups`).",
  noun: "backup",
  timed: true,
  times: { start: "beginTime", end: "endTime" },
  args: {
    instanceId: arg(
      z.string().regex(INSTANCE_ID, {
        error: (i) =>
          `must be a Huawei Cloud RDS instance id (32 hex characters and "in01", "in03" or "in04", such as "e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01"), got ${JSON.stringify(i.input)}`,
      }),
      "RDS instance id (32 hex characters and `in01`, `in03`, `in04`).",
    ),
    projectId: huaweiProjectIdArg,
    backupId: arg(
      z
        .string()
        .regex(/^[0-9a-f]{32}br\d{2}$/, { error: (i) => `must be a Huawei Cloud RDS backup id (32 hex characters and "br01"), got ${JSON.stringify(i.input)}` })
        .optional(),
      "Only this backup id.",
    ),
    backupType: arg(z.enum(TYPES).optional(), "`auto`, `manual`, `fragment` (differential full) or `incremental`; default: full backups (`auto` or `manual`)."),
    name: arg(z.string().min(1, { error: "must not be empty; leave it out to match any name" }).optional(), "Only the backup of this exact name."),
  },
  outputs: {
    backupId: out.string("The chosen backup's id."),
    backupName: out.string("The backup's name.").orNull(),
    backupType: out.oneOf(TYPES, "`auto`, `manual`, `fragment` or `incremental`.").orNull(),
    status: out.oneOf(STATUSES, "`BUILDING`, `COMPLETED`, `FAILED` or `DELETING`."),
    size: out.number("Backup size in KB, as the API gives it.").orNull(),
    beginTime: out.string("Backup start, ISO-8601 UTC."),
    endTime: out.string("Backup end, ISO-8601 UTC (for a MySQL incremental backup, the commit time of its last transaction).").orNull(),
    datastoreType: out.oneOf(["MySQL", "PostgreSQL", "SQLServer", "MariaDB"], "`MySQL`, `PostgreSQL`, `SQLServer` or `MariaDB`.").orNull(),
    datastoreVersion: out.string("Engine version (`8.0`).").orNull(),
    databases: out.strings("SQL Server only: the databases in the backup (empty for other engines)."),
    instanceId: out.string("The instance the backup belongs to."),
  },
  filters: { backupType: { equals: "backupType", whenAbsent: FULL_TYPES }, name: { equals: "backupName" } },
  usable: { status: ["COMPLETED"] },
  subject: (a) => `RDS instance ${a.instanceId}`,
  describeFilters: (a) =>
    [
      "status COMPLETED",
      a.backupId && `backupId ${a.backupId}`,
      `backupType ${a.backupType ?? "auto or manual"}`,
      a.name && `name ${JSON.stringify(a.name)}`,
    ].filter((x): x is string => !!x),

  listing: {
    action: "ListBackups",
    client: huaweiCall("rds", "rds:backup:list", (_a: unknown, projectId) => `/v3/${encodeURIComponent(projectId)}/backups`),
    what: (a) => `ListBackups of ${a.instanceId}`,
    params: (a) => ({ instance_id: a.instanceId, backup_type: a.backupType }),
    narrow: (a) => (a.backupId ? { backup_id: a.backupId } : undefined),
    byId: (id) => ({ backup_id: id }),
    window: { start: "begin_time", end: "end_time", format: windowBound, required: false, earliest: () => EARLIEST },
    page: { size: PAGE_LIMIT, offset: "offset", limit: "limit" },
    records: ["backups"],
    total: { field: "total_count", counts: "all" },
    id: "id",
  },
  candidates: oneForOne<RdsBackup>(normalise),
  gone: (raw) => raw.status === "DELETING",
  pin: { subject: "instanceId", chosen: ["backupId"], recheck: "backupId" },

  reject(r, a) {
    if (a.backupId && r.id !== a.backupId) return `is not backup ${a.backupId}`;
    if (r.status !== "COMPLETED") return `is ${r.status ?? "of unknown status"}`;
    if (a.backupType) {
      const type = mismatch(r.type, a.backupType, "type");
      if (type) return type;
    } else if (!FULL_TYPES.includes(r.type ?? "")) return `is a ${r.type ?? "backup of unknown type"} backup, not a full one (auto or manual)`;
    if (a.name && r.raw.name !== a.name) return `is named ${JSON.stringify(r.raw.name ?? null)}`;
    if (!r.end) return "has no end_time";
    return undefined;
  },

  values(r) {
    const raw = r.raw;
    const datastore = (raw.datastore ?? {}) as Record<string, unknown>;
    return {
      backupId: r.id,
      backupName: str(raw.name),
      backupType: r.type,
      status: r.status ?? "",
      size: num(raw.size),
      beginTime: isoOrNull(r.begin)!,
      endTime: isoOrNull(r.end),
      datastoreType: str(datastore.type),
      datastoreVersion: str(datastore.version),
      databases: listAt(raw, "databases")
        .map((d) => str(d.name))
        .filter((n): n is string => n !== null),
      instanceId: str(raw.instance_id) ?? "",
    };
  },
});
