/**
 * The time formats the six APIs use on the wire, both ways: parsing request windows and formatting the
 * times in generated records. All UTC, except Huawei RDS, which writes local time with a `+0800`-style offset.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `2019-02-13T12:20:00Z` (Alibaba response times). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** `2019-05-10T08:31:16.166Z` (DCS response times). */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * `2019-05-10 08:31:16` in UTC: DCS times as the Terraform provider for Huawei Cloud documents them
 * (https://github.com/huaweicloud/terraform-provider-huaweicloud/blob/master/docs/data-sources/dcs_backups.md).
 */
export function utcSpaced(ms: number): string {
  return isoSeconds(ms).replace("T", " ").replace(/Z$/, "");
}

/** `2019-02-13T12:20Z` (Alibaba request windows, minute precision). */
export function isoMinutes(ms: number): string {
  return isoSeconds(ms).slice(0, 16) + "Z";
}

/** `20190510163116` in UTC+8, as embedded in DCS `backup_name`. */
export function compactUtc8(ms: number): string {
  return compactUtc(ms + 8 * 3600 * 1000);
}

/** `20170718235959` (DCS request windows, second precision). */
export function compactUtc(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** Parses a request window bound `yyyy-MM-ddTHH:mmZ`; undefined when the text is not exactly that (or not a real time). */
export function parseAlibabaWindowTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return validUtc(+m[1], +m[2], +m[3], +m[4], +m[5], 0);
}

/** Parses a DCS window bound `yyyyMMddHHmmss`; undefined when it is not exactly that (or not a real time). */
export function parseDcsWindowTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  return validUtc(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]);
}

/**
 * `2018-08-06T12:41:14+0800`: Huawei RDS v3 times, the instant `ms` written as local time at `offset`
 * (`+HHMM` / `-HHMM`, no colon), seconds precision. The vendor's examples use `+0800` (Beijing); other regions
 * may write other offsets, so the emulator can send `+0000` or `-0330` too (readings.ts `huaweiRdsTimeOffset`).
 */
export function isoWithOffset(ms: number, offset = "+0800"): string {
  const minutes = offsetMinutes(offset);
  if (minutes === undefined) throw new Error(`emulator: offset ${JSON.stringify(offset)} is not +HHMM or -HHMM`);
  return isoSeconds(ms + minutes * 60_000).replace(/Z$/, offset);
}

/**
 * Parses a Huawei RDS window bound `yyyy-MM-ddTHH:mm:ss+HHMM` (or `-HHMM`); undefined when it is not exactly
 * that, or not a real time. A `+` sent unencoded arrives decoded as a space, and is refused like any other shape.
 */
export function parseHuaweiRdsTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-]\d{4})$/.exec(text);
  if (!m) return undefined;
  const minutes = offsetMinutes(m[7]);
  const local = validUtc(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]);
  if (minutes === undefined || local === undefined) return undefined;
  return local - minutes * 60_000;
}

/** `+0800` -> 480, `-0330` -> -210; undefined for anything else (hours over 23, minutes over 59). */
function offsetMinutes(offset: string): number | undefined {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(offset);
  if (!m || +m[2] > 23 || +m[3] > 59) return undefined;
  return (m[1] === "-" ? -1 : 1) * (+m[2] * 60 + +m[3]);
}

/**
 * Parses a time a stored record carries (ISO 8601 with or without seconds / fraction, or {@link utcSpaced}, or
 * Huawei RDS's {@link isoWithOffset}).
 */
export function parseRecordTime(text: string): number {
  const withOffset = parseHuaweiRdsTime(text);
  if (withOffset !== undefined) return withOffset;
  const spaced = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? text.replace(" ", "T") + "Z" : text;
  const normalized = /T\d{2}:\d{2}Z$/.test(spaced) ? spaced.replace(/Z$/, ":00Z") : spaced;
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) throw new Error(`emulator: record time ${JSON.stringify(text)} is not ISO 8601`);
  return ms;
}

/** Truncates to whole units of `unitMs` (60000 for minutes, 1000 for seconds). */
export function truncate(ms: number, unitMs: number): number {
  return Math.floor(ms / unitMs) * unitMs;
}

function validUtc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return same ? ms : undefined;
}
