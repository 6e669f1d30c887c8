/**
 * What an Alibaba action handler receives and returns, and the parameter parsing the handlers share.
 * A handler returns the response body without `RequestId` (the server adds it) or throws an AlibabaError.
 */
import { AlibabaError, missingParameter } from "../apiErrors";
import type { EmulatorData } from "../data";
import type { PagingFault } from "../faults";
import type { RecordOrder } from "../recordOrder";
import type { EmulatorReadings } from "../readings";
import type { RoleTable } from "../roles";
import { parseAlibabaWindowTime, parseRecordTime, truncate } from "../timeFormats";

/** One verified call of an Alibaba action. */
export interface AlibabaCall {
  /** The API parameters (query string and form body merged, signature parameters removed). */
  params: Record<string, string>;
  data: EmulatorData;
  /** The emulator's seed: decides the order records come back in. */
  seed: number;
  /** The order paged listings use; default scrambled. */
  order?: RecordOrder;
  /** A paging fault to apply to this response, if one was queued. */
  pagingFault?: PagingFault;
  /** How the open questions are settled (../readings.ts). */
  readings: EmulatorReadings;
  /** The AccessKeyId that signed the call (STS AssumeRole reads it). */
  caller?: string;
  /** Accounts, roles and temporary keys (../roles.ts). */
  roles?: RoleTable;
}

/** An action handler. */
export type AlibabaHandler = (call: AlibabaCall) => Record<string, unknown>;

/** The value of a required parameter, or `Missing<Name>`. */
export function requireParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw missingParameter(name);
  return value;
}

/** A 1-based page number (default 1); anything but a positive integer is `error`. */
export function parsePageNumber(text: string | undefined, error: () => AlibabaError): number {
  if (text === undefined || text === "") return 1;
  if (!/^\d{1,10}$/.test(text)) throw error();
  const n = Number(text);
  if (n < 1 || n > 2147483647) throw error();
  return n;
}

/** A page size from an allowed list (default `fallback`); anything else is `error`. */
export function parsePageSize(text: string | undefined, allowed: readonly number[], fallback: number, error: () => AlibabaError): number {
  if (text === undefined || text === "") return fallback;
  if (!/^\d{1,10}$/.test(text) || !allowed.includes(Number(text))) throw error();
  return Number(text);
}

/** A window bound in `yyyy-MM-ddTHH:mmZ`, or `error` when it is in any other form. */
export function parseWindowBound(text: string | undefined, error: () => AlibabaError): number | undefined {
  if (text === undefined || text === "") return undefined;
  const ms = parseAlibabaWindowTime(text);
  if (ms === undefined) throw error();
  return ms;
}

/**
 * Whether a record's start time falls in the window. Alibaba windows have minute precision, so the record's
 * time is truncated to the minute and both ends are inclusive (a backup started at 02:00:45 is inside a
 * window that ends at 02:00).
 */
export function startsInMinuteWindow(recordTime: string, start: number | undefined, end: number | undefined): boolean {
  const t = truncate(parseRecordTime(recordTime), 60_000);
  return (start === undefined || t >= start) && (end === undefined || t <= end);
}
