/**
 * Durations, instants and every time format the five APIs use, in one place.
 *
 * Hand-written rather than pulled from a date library: the formats are a few fixed shapes, each needs an exact
 * rejection rule (a wrong time must never win "latest"), and a library such as moment or date-fns would add
 * more weight to every provider process than this whole file. Everything here is pure.
 */

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** The duration syntax users write: a whole number and a unit, e.g. `90s`, `30m`, `36h`, `7d`, `2w`. */
export const DURATION_PATTERN = /^(\d{1,7})(s|m|h|d|w)$/;

/** Milliseconds in a duration like `36h`; `undefined` when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n <= 0) return undefined;
  return n * UNIT_MS[m[2]];
}

/**
 * ISO-8601 instants users write: a date with time and an explicit zone (`Z` or `+08:00`), seconds and a
 * fraction optional, or a bare date (`2026-11-01`, read as midnight UTC). A time without a zone is refused:
 * it would silently mean the provider process's local time.
 */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** Parses a user-written ISO-8601 instant; `undefined` when it is not a valid one. */
export function parseIsoInstant(text: string): Date | undefined {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, , zone] = m;
  if (h !== undefined && zone === undefined) return undefined;
  const ms = Date.UTC(+y, +mo - 1, +d, +(h ?? 0), +(mi ?? 0), +(s ?? 0));
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: reject instead.
  if (check.getUTCFullYear() !== +y || check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d) return undefined;
  if (+(h ?? 0) > 23 || +(mi ?? 0) > 59 || +(s ?? 0) > 59) return undefined;
  let offset = 0;
  if (zone && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    // An offset is hours 00-23 and minutes 00-59 (RFC 3339 time-numoffset); "+25:00" is not a zone.
    if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2)) > 59) return undefined;
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new Date(ms - offset);
}

/** `since`/`until` accept an instant or a duration back from `now`. */
export function parseInstantOrDuration(text: string, now: Date): Date | undefined {
  const d = parseDuration(text);
  if (d !== undefined) return new Date(now.getTime() - d);
  return parseIsoInstant(text);
}

/** The output format for every time: ISO-8601 UTC to the second, no fraction (`2019-03-14T05:31:13Z`). */
export function formatInstant(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

// ---------------------------------------------------------------------------------------------------------
// Normalisers for what the APIs send. Each returns `undefined` for a value that is missing or malformed, so
// the caller can skip the record with a warning instead of guessing.

/**
 * Every form the APIs document or show for an ISO-like response time, all UTC (docs/apis/*.md "Times"):
 * - `yyyy-MM-ddTHH:mmZ`: RDS and KVStore `DescribeBackups` document their times so (vendor pages, and the
 *   official SDK models @alicloud/rds20140815 `DescribeBackupsResponseBody`);
 * - `yyyy-MM-ddTHH:mm:ssZ`: what the same APIs send (every vendor and SDK-model example has seconds);
 * - `yyyy-MM-ddTHH:mm:ss.SSSZ`: DCS `ListBackupRecords` in the vendor page's example (1-9 fraction digits);
 * - `yyyy-MM-dd HH:mm:ss`, no zone, UTC: DCS backup times as the Terraform provider for Huawei Cloud documents
 *   the fields it copies from this API (`begin_time`/`end_time` of
 *   https://github.com/huaweicloud/terraform-provider-huaweicloud/blob/master/docs/data-sources/dcs_backups.md:
 *   "The format is yyyy-mm-dd hh:mm:ss. The value is in UTC format.").
 * Any other zone or shape is refused: a wrongly read time must never win "latest".
 */
const API_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?Z| (\d{2}):(\d{2}):(\d{2}))$/;

/** A response time in any of the forms above, to the second (a fraction is dropped). */
export function fromApiIso(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const m = API_TIME.exec(value);
  if (!m) return undefined;
  if (m[4] !== undefined) return validUtc(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0));
  return validUtc(+m[1], +m[2], +m[3], +m[7], +m[8], +m[9]);
}

/** `yyyyMMddHHmmss` in UTC (Huawei request and some response times). */
export function fromCompact(value: unknown): Date | undefined {
  if (typeof value !== "string" || !/^\d{14}$/.test(value)) return undefined;
  const n = (a: number, b: number) => Number(value.slice(a, b));
  return validUtc(n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14));
}

/** Unix seconds as a number or a digit string (RDS `ConsistentTime`); `0` means "not given". */
export function fromUnixSeconds(value: unknown): Date | undefined {
  const n = integerOf(value);
  if (n === undefined || n <= 0) return undefined;
  return new Date(n * 1000);
}

/** Unix milliseconds sent as a string (ListUserBackupFiles `CreationTime`, `FinishTime`). */
export function fromUnixMillis(value: unknown): Date | undefined {
  const n = integerOf(value);
  if (n === undefined || n <= 0) return undefined;
  return new Date(n);
}

function integerOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "string" && /^\d{1,16}$/.test(value)) return Number(value);
  return undefined;
}

function validUtc(y: number, mo: number, d: number, h: number, mi: number, s: number): Date | undefined {
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return t;
}

// ---------------------------------------------------------------------------------------------------------
// Request formats.

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * Alibaba's `yyyy-MM-ddTHH:mmZ` (minute precision). Window starts round down and ends round up, so the
 * request never excludes a record the exact client-side filter would keep.
 */
export function toAlibabaMinute(d: Date, round: "down" | "up"): string {
  const minute = 60_000;
  const t = round === "down" ? Math.floor(d.getTime() / minute) * minute : Math.ceil(d.getTime() / minute) * minute;
  const x = new Date(t);
  return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}T${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}Z`;
}

/** Huawei's `yyyyMMddHHmmss` in UTC; starts round down, ends round up, to the second. */
export function toCompact(d: Date, round: "down" | "up"): string {
  const t = round === "down" ? Math.floor(d.getTime() / 1000) * 1000 : Math.ceil(d.getTime() / 1000) * 1000;
  const x = new Date(t);
  return `${x.getUTCFullYear()}${pad(x.getUTCMonth() + 1)}${pad(x.getUTCDate())}${pad(x.getUTCHours())}${pad(x.getUTCMinutes())}${pad(x.getUTCSeconds())}`;
}

/** A human duration for messages: `3d 4h`, `25m`, `40s`. */
export function describeAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}
