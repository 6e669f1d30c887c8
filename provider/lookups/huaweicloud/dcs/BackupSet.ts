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
import type { DcsBackupSetArgs, DcsBackupSetResult } from "../../../types/huaweicloud/dcs/BackupSet";
import type { LookupContext } from "../../../core/context";
import { Candidate, LookupDefinition, Normalised, oneForOne } from "../../../core/engine";
import { InvalidArgumentsError } from "../../../core/errors";
import { flag, idString, isoOrNull, listAt, mismatch, num, str } from "../../../core/fields";
import { fromApiIso } from "../../../core/time";
import type { HuaweiClient } from "../../../clouds/huawei/HuaweiClient";
import { resolveHuaweiProject, resolveHuaweiRegion } from "../../../clouds/huawei/credentials";

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
    record: { id, key: { end: updated?.getTime(), start: created.getTime(), id }, raw, status: str(raw.status), restorable: flag(raw.is_support_restore), created, updated },
  };
}

/** The DCS client and project for a lookup; missing project or region are argument errors (exit 2). */
function dcsTarget(args: DcsBackupSetArgs, ctx: LookupContext, lookup: string): { client: HuaweiClient; projectId: string } {
  const projectId = resolveHuaweiProject(args.projectId, ctx);
  const region = resolveHuaweiRegion(args.region, ctx);
  const issues = [];
  if (!projectId) issues.push({ argument: "projectId", reason: "no project id: pass projectId, or set huaweicloud:projectId in stack config, or HW_PROJECT_ID in the environment" });
  if (!region && !args.endpoint) issues.push({ argument: "region", reason: "no region: pass region, or set huaweicloud:region in stack config, or HW_REGION_NAME in the environment" });
  if (issues.length) throw new InvalidArgumentsError(lookup, issues);
  // Loaded on first use, so a stack with only Alibaba lookups never loads the Huawei client and signer.
  const { HuaweiClient: Client } = require("../../../clouds/huawei/HuaweiClient") as typeof import("../../../clouds/huawei/HuaweiClient");
  return { client: new Client(args.endpoint ?? `https://dcs.${region}.myhuaweicloud.com`, ctx, args, lookup), projectId: projectId! };
}

export const DcsBackupSet = {
  name: "huaweicloud.dcs.BackupSet",
  cloud: "huawei",
  noun: "backup record",
  timed: true,
  shape: {
    instanceId: dcsInstanceId(),
    projectId: z.string().regex(/^[0-9a-f]{32}$/, { error: (i) => `must be a Huawei Cloud project id (32 hex characters), got ${JSON.stringify(i.input)}` }).optional(),
    status: z.enum(STATUSES).default("succeed"),
    backupType: z.enum(["manual", "auto"]).optional(),
    requireRestorable: z.boolean().default(true),
  },
  secretOutputs: [],
  outputNames: ["backupId", "backupName", "status", "backupType", "backupFormat", "size", "createdAt", "updatedAt", "executionAt", "isSupportRestore", "progress", "remark", "errorCode"],
  subject: (a) => `DCS instance ${a.instanceId}`,
  describeFilters: (a) =>
    [`status ${a.status}`, a.requireRestorable && "restorable", a.backupType && `backupType ${a.backupType}`].filter((x): x is string => !!x),

  listing: {
    action: "ListBackupRecords",
    client: (args, ctx, lookup) => {
      const { client, projectId } = dcsTarget(args, ctx, lookup);
      const path = `/v2/${encodeURIComponent(projectId)}/instances/${encodeURIComponent(args.instanceId)}/backups`;
      return async (action, params, fresh) => {
        const res = await client.get(action, path, params, fresh);
        return res.status === 204 || !res.body ? undefined : res.body;
      };
    },
    what: (a) => `ListBackupRecords of ${a.instanceId}`,
    params: () => ({}),
    window: { start: "begin_time", end: "end_time", format: "compact", required: false, earliest: () => DCS_EARLIEST },
    page: { size: DCS_PAGE_LIMIT, offset: "offset", limit: "limit" },
    records: ["backup_record_response"],
    total: { field: "total_num", counts: "ambiguous" },
    id: "backup_id",
    start: "created_at",
  },
  candidates: oneForOne(normalise),
  pin: { subject: "instanceId", chosen: ["backupId"], recheck: "backupId" },

  reject(r, a) {
    if (r.status !== a.status) return `is ${r.status ?? "of unknown status"}`;
    if (a.requireRestorable && r.restorable !== true) return "cannot be restored (is_support_restore FALSE)";
    const type = mismatch(str(r.raw.backup_type), a.backupType, "type");
    if (type) return type;
    if (!r.updated) return "has no updated_at";
    return undefined;
  },

  outputs(r): DcsBackupSetResult {
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

  async exists(args, id, ctx) {
    const { client, projectId } = dcsTarget(args, ctx, this.name);
    const path = `/v2/${encodeURIComponent(projectId)}/instances/${encodeURIComponent(args.instanceId)}/backups`;
    for (let offset = 0; offset < 100 * DCS_PAGE_LIMIT; offset += DCS_PAGE_LIMIT) {
      const res = await client.get("ListBackupRecords", path, { offset, limit: DCS_PAGE_LIMIT }, true);
      const records = res.body ? listAt(res.body, "backup_record_response") : [];
      if (records.some((r) => r.backup_id === id && r.status !== "expired" && r.status !== "deleted")) return true;
      if (records.length < DCS_PAGE_LIMIT) return false;
    }
    return false;
  },
} satisfies LookupDefinition<DcsBackupSetArgs, DcsRecord>;
