/**
 * Huawei Cloud RDS v3 `ListBackups`: `GET /v3/{project_id}/backups?instance_id=...` (docs/apis/rds-ListBackups.md).
 *
 * What the vendor page states, and what the emulator does with it:
 * - `instance_id` is required; `backup_id` and `backup_type` (`auto`, `manual`, `fragment`, `incremental`)
 *   filter; `offset` (>= 0, default 0) counts records; `limit` is 1-100, default 100; `begin_time` and
 *   `end_time` go together, `yyyy-mm-ddThh:mm:ssZ` with "Z" an offset such as `+0800`, end after begin.
 *   Anything else is HTTP 400 `DBS.200001` "Parameter error." (RDS error-code table), as is a `+` sent
 *   unencoded (it arrives as a space).
 * - `total_count` counts every match of the query, not the page: the Terraform provider for Huawei Cloud waits
 *   for a deleted backup by querying `backup_id` until `total_count` is 0
 *   (huaweicloud/terraform-provider-huaweicloud, huaweicloud/services/rds/resource_huaweicloud_rds_backup.go).
 *   No match is HTTP 200 with `backups: []`, never 204.
 *
 * Chosen by the emulator (the vendor is silent; see readings.ts for the switches):
 * - An instance id not of the documented shape (32 hex digits + `in` + 2 digits) is HTTP 400 `DBS.280404`
 *   "Invalid DB instance ID or node ID format." (RDS error-code table).
 * - A well-formed id unknown in the project: `huaweiRdsUnknownInstance` (HTTP 400 `DBS.280343` by default,
 *   or HTTP 404 `DBS.200002`).
 * - The window tests `huaweiRdsWindowField` (the backup's `begin_time` by default), to the second, both ends
 *   inclusive; a backup without a readable time there (a `BUILDING` one's empty `end_time`) is outside every
 *   window.
 * - Without `backup_type`: `huaweiRdsDefaultTypes` (every type by default).
 * - Times are sent in `huaweiRdsTimeOffset` (`+0800` by default: records are sent as stored).
 * - Record order: none documented, scrambled (../recordOrder.ts).
 * - The documented `status` filter (SQL Server full backups only) is not emulated: it is ignored.
 */
import { HuaweiError, huaweiRdsParameterError } from "../apiErrors";
import { arrange } from "../recordOrder";
import type { HuaweiListCall } from "./dcs";
import { listingKey, takePage } from "../takePage";
import { isoWithOffset, parseHuaweiRdsTime, parseRecordTime, truncate } from "../timeFormats";
import type { HuaweiRdsBackup } from "../wireFormats";

/** Default and maximum `limit`. */
export const HUAWEI_RDS_DEFAULT_LIMIT = 100;
export const HUAWEI_RDS_MAX_LIMIT = 100;

/** The documented `backup_type` values. */
export const HUAWEI_RDS_BACKUP_TYPES: readonly string[] = ["auto", "manual", "fragment", "incremental"];

/** The types listed without `backup_type` under the `full` reading. */
const FULL_TYPES: readonly string[] = ["auto", "manual"];

/** The documented shape of an RDS instance id. */
const INSTANCE_ID = /^[0-9a-f]{32}in\d{2}$/;

/** One verified call of `ListBackups` (the instance is a query parameter). */
export type HuaweiRdsCall = HuaweiListCall;

/** `ListBackups`: the 200 body. */
export function listHuaweiRdsBackups(call: HuaweiRdsCall): { backups: HuaweiRdsBackup[]; total_count: number } {
  const { query, readings } = call;
  const instanceId = query.instance_id;
  if (instanceId === undefined || instanceId === "") throw huaweiRdsParameterError();
  if (!INSTANCE_ID.test(instanceId)) throw new HuaweiError(400, "DBS.280404", "Invalid DB instance ID or node ID format.", "rds");
  const backupType = query.backup_type;
  if (backupType !== undefined && !HUAWEI_RDS_BACKUP_TYPES.includes(backupType)) throw huaweiRdsParameterError();
  const offset = integerParam(query, "offset", 0, 0, 2147483647);
  const limit = integerParam(query, "limit", HUAWEI_RDS_DEFAULT_LIMIT, 1, HUAWEI_RDS_MAX_LIMIT);
  const window = windowOf(query);

  const instance = call.data.huaweiRds.get(call.projectId)?.get(instanceId);
  if (!instance) {
    throw readings.huaweiRdsUnknownInstance === "DBS.200002"
      ? new HuaweiError(404, "DBS.200002", "The DB instance does not exist.", "rds")
      : new HuaweiError(400, "DBS.280343", "The DB instance does not exist.", "rds");
  }

  const types = backupType !== undefined ? [backupType] : readings.huaweiRdsDefaultTypes === "full" ? FULL_TYPES : HUAWEI_RDS_BACKUP_TYPES;
  const matches = instance.backups.filter((b) => {
    if (query.backup_id !== undefined && query.backup_id !== "" && b.id !== query.backup_id) return false;
    if (!types.includes(b.type)) return false;
    if (!window) return true;
    const t = secondsOf(b[readings.huaweiRdsWindowField]);
    return t !== undefined && t >= window.begin && t <= window.end;
  });
  const key = listingKey(`huaweiRds.ListBackups/${call.projectId}`, query, ["limit", "offset"]);
  const ordered = arrange(
    matches,
    call.order ?? "scrambled",
    call.seed,
    key,
    (b) => b.id,
    (b) => secondsOf(b.begin_time) ?? 0,
  );
  const page = takePage(ordered, offset, limit, call.pagingFault);
  const offsetSent = readings.huaweiRdsTimeOffset;
  const items = offsetSent === "+0800" ? page.items : page.items.map((b) => withOffset(b, offsetSent));
  return { backups: items, total_count: page.total };
}

/** A record time to the second; undefined when empty or unreadable. */
function secondsOf(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  try {
    return truncate(parseRecordTime(text), 1000);
  } catch {
    return undefined;
  }
}

/** A backup with its readable times rewritten at `offset`; other values as stored. */
function withOffset(b: HuaweiRdsBackup, offset: string): HuaweiRdsBackup {
  const out: HuaweiRdsBackup = { ...b };
  for (const k of ["begin_time", "end_time"] as const) {
    const ms = secondsOf(b[k]);
    if (ms !== undefined) out[k] = isoWithOffset(ms, offset);
  }
  return out;
}

/** The window, both bounds or neither; a bound alone, a bad form or end not after begin is a parameter error. */
function windowOf(query: Record<string, string>): { begin: number; end: number } | undefined {
  const beginText = query.begin_time;
  const endText = query.end_time;
  const hasBegin = beginText !== undefined && beginText !== "";
  const hasEnd = endText !== undefined && endText !== "";
  if (!hasBegin && !hasEnd) return undefined;
  if (!hasBegin || !hasEnd) throw huaweiRdsParameterError();
  const begin = parseHuaweiRdsTime(beginText);
  const end = parseHuaweiRdsTime(endText);
  if (begin === undefined || end === undefined || end <= begin) throw huaweiRdsParameterError();
  return { begin, end };
}

function integerParam(query: Record<string, string>, name: string, fallback: number, min: number, max: number): number {
  const text = query[name];
  if (text === undefined || text === "") return fallback;
  if (!/^-?\d{1,10}$/.test(text)) throw huaweiRdsParameterError();
  const n = Number(text);
  if (n < min || n > max) throw huaweiRdsParameterError();
  return n;
}
