/**
 * Huawei Cloud DCS v2 `ListBackupRecords`: `GET /v2/{project_id}/instances/{instance_id}/backups`
 * (docs/apis/dcs-ListBackupRecords.md).
 *
 * Facts the seed leaves open, and where the emulator's answer comes from:
 * - `offset` counts records, not pages, and `total_num` is the number of all matching records (not of this
 *   page): the Terraform provider pages with `?limit=10&offset=<records read so far>` and stops when the
 *   records read equal `total_num` (huaweicloud/terraform-provider-huaweicloud,
 *   huaweicloud/services/dcs/data_source_huaweicloud_dcs_backups.go, `buildListBackupsQueryParams`, and
 *   resource_huaweicloud_dcs_backup.go, `getDcsBackup`). The same files accept 200 and 204 as success.
 * - `limit`/`offset` ranges: the Go SDK model (huaweicloud/huaweicloud-sdk-go-v3,
 *   services/dcs/v2/model/model_list_backup_records_request.go) and the OTC API reference
 *   (opentelekomcloud-docs/distributed-cache-service, api-ref/.../listing_dcs_instance_backup_records.rst)
 *   give only "offset >= 0" and no range or default for `limit`. The emulator uses the DCS v2 convention of
 *   `ListInstances` (limit 1..1000, default 10; Huawei API reference "Querying All DCS Instances") and offset
 *   default 0; out-of-range values are HTTP 400 `DCS.4063` ("Invalid {0} parameter in the request.").
 * - An unknown instance is HTTP 404 `DCS.3022` "This DCS instance does not exist.", a malformed project id
 *   HTTP 400 `DCS.4002`, end before start HTTP 400 `DCS.4025` (OTC DCS API reference, appendix/error_codes.rst).
 * - No matching records is HTTP 204 with an empty body (the seed: "the instance has no backup records").
 * - The window (`begin_time`/`end_time`, `yyyyMMddHHmmss` UTC, each optional) applies to `created_at`,
 *   truncated to the second, both ends inclusive.
 */
import { dcsInvalidParameter, HuaweiError } from "../apiErrors";
import type { EmulatorData } from "../data";
import type { PagingFault } from "../faults";
import type { EmulatorReadings } from "../readings";
import { arrange, type RecordOrder } from "../recordOrder";
import { listingKey, takePage } from "../takePage";
import { parseDcsWindowTime, parseRecordTime, truncate, utcSpaced } from "../timeFormats";
import type { DcsBackupRecord } from "../wireFormats";

/** Default and maximum `limit`. */
export const DCS_DEFAULT_LIMIT = 10;
export const DCS_MAX_LIMIT = 1000;

/** One verified call of a Huawei listing (DCS `ListBackupRecords`, RDS `ListBackups`). */
export interface HuaweiListCall {
  projectId: string;
  /** The decoded query parameters. */
  query: Record<string, string>;
  data: EmulatorData;
  seed: number;
  /** The order of the listing; default scrambled. */
  order?: RecordOrder;
  pagingFault?: PagingFault;
  /** How the open questions are settled, and the time form sent (../readings.ts). */
  readings: EmulatorReadings;
}

/** One verified call of `ListBackupRecords`. */
export interface DcsCall extends HuaweiListCall {
  instanceId: string;
}

/** The answer: 200 with a body, or 204 without one. */
export type DcsAnswer = { status: 200; body: Record<string, unknown> } | { status: 204 };

/** `ListBackupRecords`. */
export function listBackupRecords(call: DcsCall): DcsAnswer {
  const { query } = call;
  if (!/^[0-9a-f]{32}$/.test(call.projectId)) throw new HuaweiError(400, "DCS.4002", "Invalid project ID format.", "dcs");
  const begin = windowBound(query, "begin_time");
  const end = windowBound(query, "end_time");
  if (begin !== undefined && end !== undefined && end <= begin) {
    throw new HuaweiError(400, "DCS.4025", "The end time must be after the start time.", "dcs");
  }
  const limit = integerParam(query, "limit", DCS_DEFAULT_LIMIT, 1, DCS_MAX_LIMIT);
  const offset = integerParam(query, "offset", 0, 0, 2147483647);

  const instance = call.data.dcs.get(call.projectId)?.get(call.instanceId);
  if (!instance) throw new HuaweiError(404, "DCS.3022", "This DCS instance does not exist.", "dcs");

  const matches = instance.records.filter((r) => {
    const t = truncate(parseRecordTime(r.created_at), 1000);
    return (begin === undefined || t >= begin) && (end === undefined || t <= end);
  });
  if (matches.length === 0 && call.pagingFault === undefined) return { status: 204 };
  const key = listingKey(`dcs.ListBackupRecords/${call.projectId}/${call.instanceId}`, query, ["limit", "offset"]);
  const ordered = arrange(
    matches,
    call.order ?? "scrambled",
    call.seed,
    key,
    (r) => r.backup_id,
    (r) => parseRecordTime(r.created_at),
  );
  const page = takePage(ordered, offset, limit, call.pagingFault);
  const total = call.readings.totalCounts === "page" ? page.items.length : page.total;
  const items = call.readings.dcsTimeForm === "utc-spaced" ? page.items.map(spacedTimes) : page.items;
  return { status: 200, body: { total_num: total, backup_record_response: items } };
}

/** A record with its ISO times sent as `yyyy-MM-dd HH:mm:ss` (UTC); other values as stored. */
function spacedTimes(r: DcsBackupRecord): DcsBackupRecord {
  const out: DcsBackupRecord = { ...r };
  for (const k of ["created_at", "updated_at", "execution_at"] as const) {
    const v = r[k];
    if (typeof v === "string" && !Number.isNaN(Date.parse(v))) out[k] = utcSpaced(parseRecordTime(v));
  }
  return out;
}

function windowBound(query: Record<string, string>, name: string): number | undefined {
  const text = query[name];
  if (text === undefined || text === "") return undefined;
  const ms = parseDcsWindowTime(text);
  if (ms === undefined) throw dcsInvalidParameter(name);
  return ms;
}

function integerParam(query: Record<string, string>, name: string, fallback: number, min: number, max: number): number {
  const text = query[name];
  if (text === undefined || text === "") return fallback;
  if (!/^-?\d{1,10}$/.test(text)) throw dcsInvalidParameter(name);
  const n = Number(text);
  if (n < min || n > max) throw dcsInvalidParameter(name);
  return n;
}
