/**
 * provider/core/time.ts: the duration and instant syntax users write, every time format the five APIs send
 * (README "Arguments and outputs": ISO-8601 UTC to the second, whatever the API sent; each API's forms and their
 * sources are in docs/apis/*.md "Times"), and the two request formats.
 */
import {
  describeAge,
  formatInstant,
  fromApiIso,
  fromCompact,
  fromUnixMillis,
  fromUnixSeconds,
  parseDuration,
  parseInstantOrDuration,
  parseIsoInstant,
  toAlibabaMinute,
  toCompact,
} from "../../provider/core/time";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

/** A parsed time as its ISO text with milliseconds, or undefined (so a table can say both). */
const iso = (d: Date | undefined) => (d === undefined ? undefined : d.toISOString());

describe("parseDuration", () => {
  it.each<[string, number]>([
    ["90s", 90 * S],
    ["30m", 30 * M],
    ["36h", 36 * H],
    ["7d", 7 * D],
    ["2w", 14 * D],
    ["1s", S],
    ["9999999s", 9_999_999 * S],
    [" 7d ", 7 * D],
  ])("%j is %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["0h", "0s", "00d", "1y", "", "7 d", "7", "d", "-1d", "1.5h", "7D", "1h30m", "P7D", "10000000s"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("parseIsoInstant", () => {
  it.each<[string, string]>([
    ["2026-11-01T00:00:00Z", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01T08:00:00+08:00", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01T08:00:00+0800", "2026-11-01T00:00:00.000Z"],
    ["2026-10-31T19:00:00-05:00", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01T05:30+05:30", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01T00:00Z", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01T12:34:56.789Z", "2026-11-01T12:34:56.000Z"],
    ["2026-11-01T12:34:56.123456789Z", "2026-11-01T12:34:56.000Z"],
    ["2026-11-01 12:34:56Z", "2026-11-01T12:34:56.000Z"],
    ["2026-11-01", "2026-11-01T00:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["2026-12-31T23:59:59Z", "2026-12-31T23:59:59.000Z"],
  ])("%j is %s", (text, expected) => {
    expect(iso(parseIsoInstant(text))).toBe(expected);
  });

  it.each([
    ["a time without a zone", "2026-11-01T00:00:00"],
    ["a minute time without a zone", "2026-11-01T00:00"],
    ["February 30th", "2026-02-30"],
    ["February 29th of a common year", "2026-02-29T00:00:00Z"],
    ["month 13", "2026-13-01"],
    ["hour 24", "2026-11-01T24:00:00Z"],
    ["minute 60", "2026-11-01T12:60Z"],
    ["second 60", "2026-11-01T12:00:60Z"],
    ["an offset of 25 hours", "2026-11-01T00:00:00+25:00"],
    ["an offset minute of 75", "2026-11-01T00:00:00+08:75"],
    ["an empty string", ""],
    ["a duration", "7d"],
    ["a word", "yesterday"],
    ["a slash date", "2026/11/01"],
    ["a two-digit year", "26-11-01"],
    ["unix seconds", "1795000000"],
  ])("rejects %s (%j)", (_why, text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });
});

describe("parseInstantOrDuration", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  it.each<[string, string | undefined]>([
    ["36h", "2026-11-19T00:00:00.000Z"],
    ["2w", "2026-11-06T12:00:00.000Z"],
    ["90s", "2026-11-20T11:58:30.000Z"],
    ["2026-11-01T00:00:00Z", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01", "2026-11-01T00:00:00.000Z"],
    ["0d", undefined],
    ["2026-11-01T00:00:00", undefined],
  ])("%j relative to 2026-11-20T12:00:00Z is %s", (text, expected) => {
    expect(iso(parseInstantOrDuration(text, now))).toBe(expected);
  });
});

describe("formatInstant", () => {
  it.each<[number, string]>([
    [Date.UTC(2019, 2, 14, 5, 31, 13), "2019-03-14T05:31:13Z"],
    [Date.UTC(2019, 2, 14, 5, 31, 13, 999), "2019-03-14T05:31:13Z"],
    [Date.UTC(2019, 2, 14, 5, 31, 13, 1), "2019-03-14T05:31:13Z"],
    [Date.UTC(2026, 0, 1), "2026-01-01T00:00:00Z"],
  ])("%d is %s (a fraction is dropped)", (ms, text) => {
    expect(formatInstant(new Date(ms))).toBe(text);
  });
});

describe("API time normalisers (every format the five APIs send -> one instant, to the second)", () => {
  it.each<[string, (v: unknown) => Date | undefined, unknown, string | undefined]>([
    // RDS / KVStore DescribeBackups: documented yyyy-MM-ddTHH:mmZ, sent with seconds.
    ["fromApiIso", fromApiIso, "2019-03-14T05:31Z", "2019-03-14T05:31:00.000Z"],
    ["fromApiIso", fromApiIso, "2019-03-14T05:31:13Z", "2019-03-14T05:31:13.000Z"],
    // DCS: milliseconds.
    ["fromApiIso", fromApiIso, "2019-05-10T08:31:16.166Z", "2019-05-10T08:31:16.000Z"],
    ["fromApiIso", fromApiIso, "2019-05-10T08:31:16.999Z", "2019-05-10T08:31:16.000Z"],
    ["fromApiIso", fromApiIso, "2019-05-10T08:31:16.1Z", "2019-05-10T08:31:16.000Z"],
    ["fromApiIso", fromApiIso, "2019-05-10T08:31:16+08:00", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10T08:31:16", undefined],
    // DCS as the Terraform provider documents it: yyyy-MM-dd HH:mm:ss, UTC, no zone.
    ["fromApiIso", fromApiIso, "2019-05-10 08:31:16", "2019-05-10T08:31:16.000Z"],
    ["fromApiIso", fromApiIso, "2019-05-10 08:31", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10 08:31:16.166", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10 08:31:16Z", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10  08:31:16", undefined],
    ["fromApiIso", fromApiIso, "2019-02-29 08:31:16", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10 24:00:00", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10 08:60:00", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10 08:31:60", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10T08:31:16 ", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10", undefined],
    ["fromApiIso", fromApiIso, "2019-02-30T00:00Z", undefined],
    ["fromApiIso", fromApiIso, "2019-05-10T24:00Z", undefined],
    ["fromApiIso", fromApiIso, "", undefined],
    ["fromApiIso", fromApiIso, null, undefined],
    ["fromApiIso", fromApiIso, undefined, undefined],
    ["fromApiIso", fromApiIso, 1552541473, undefined],
    ["fromApiIso", fromApiIso, {}, undefined],
    // RDS ConsistentTime: unix seconds, 0 = not given.
    ["fromUnixSeconds", fromUnixSeconds, 1552541473, "2019-03-14T05:31:13.000Z"],
    ["fromUnixSeconds", fromUnixSeconds, "1552541473", "2019-03-14T05:31:13.000Z"],
    ["fromUnixSeconds", fromUnixSeconds, 0, undefined],
    ["fromUnixSeconds", fromUnixSeconds, "0", undefined],
    ["fromUnixSeconds", fromUnixSeconds, -1, undefined],
    ["fromUnixSeconds", fromUnixSeconds, 1552541473.5, undefined],
    ["fromUnixSeconds", fromUnixSeconds, "1552541473.5", undefined],
    ["fromUnixSeconds", fromUnixSeconds, "", undefined],
    ["fromUnixSeconds", fromUnixSeconds, null, undefined],
    ["fromUnixSeconds", fromUnixSeconds, "abc", undefined],
    // ListUserBackupFiles: unix milliseconds as strings.
    ["fromUnixMillis", fromUnixMillis, "1623231084000", "2021-06-09T09:31:24.000Z"],
    ["fromUnixMillis", fromUnixMillis, "1623231750000", "2021-06-09T09:42:30.000Z"],
    ["fromUnixMillis", fromUnixMillis, 1623231750000, "2021-06-09T09:42:30.000Z"],
    ["fromUnixMillis", fromUnixMillis, "0", undefined],
    ["fromUnixMillis", fromUnixMillis, "", undefined],
    ["fromUnixMillis", fromUnixMillis, "1623231750000ms", undefined],
    ["fromUnixMillis", fromUnixMillis, undefined, undefined],
    // DCS request / response compact form, UTC.
    ["fromCompact", fromCompact, "20190510083116", "2019-05-10T08:31:16.000Z"],
    ["fromCompact", fromCompact, "20261231235959", "2026-12-31T23:59:59.000Z"],
    ["fromCompact", fromCompact, "2019051008311", undefined],
    ["fromCompact", fromCompact, "201905100831160", undefined],
    ["fromCompact", fromCompact, "20190230083116", undefined],
    ["fromCompact", fromCompact, "20190510243116", undefined],
    ["fromCompact", fromCompact, "20190510086016", undefined],
    ["fromCompact", fromCompact, 20190510083116, undefined],
  ])("%s(%j) is %s", (_name, parse, value, expected) => {
    expect(iso(parse(value))).toBe(expected);
  });

  // Every form each API's vendor page, official SDK model or the Terraform providers show, field by field.
  it.each<[string, string, (v: unknown) => Date | undefined, unknown, string]>([
    ["RDS DescribeBackups", "BackupEndTime (documented form)", fromApiIso, "2019-02-13T12:20Z", "2019-02-13T12:20:00Z"],
    ["RDS DescribeBackups", "BackupEndTime (vendor and SDK example)", fromApiIso, "2019-02-13T12:20:00Z", "2019-02-13T12:20:00Z"],
    ["RDS DescribeBackups", "BackupStartTime (vendor and SDK example)", fromApiIso, "2019-02-03T12:20:00Z", "2019-02-03T12:20:00Z"],
    ["RDS DescribeBackups", "ExpectExpireTime (vendor example)", fromApiIso, "2025-06-17T12:10:23Z", "2025-06-17T12:10:23Z"],
    ["RDS DescribeBackups", "ConsistentTime (number, unix seconds)", fromUnixSeconds, 1576506856, "2019-12-16T14:34:16Z"],
    ["RDS ListUserBackupFiles", "CreationTime (unix ms as a string)", fromUnixMillis, "1623231084000", "2021-06-09T09:31:24Z"],
    ["RDS ListUserBackupFiles", "FinishTime (unix ms as a string)", fromUnixMillis, "1623231750000", "2021-06-09T09:42:30Z"],
    ["KVStore DescribeBackups", "BackupStartTime (vendor example)", fromApiIso, "2019-03-14T05:28:50Z", "2019-03-14T05:28:50Z"],
    ["KVStore DescribeBackups", "BackupEndTime (vendor example)", fromApiIso, "2019-03-14T05:31:13Z", "2019-03-14T05:31:13Z"],
    ["KVStore DescribeBackups", "BackupEndTime (the request format, minutes)", fromApiIso, "2019-03-14T05:31Z", "2019-03-14T05:31:00Z"],
    ["DCS ListBackupRecords", "created_at (vendor example, milliseconds)", fromApiIso, "2019-05-10T08:31:16.166Z", "2019-05-10T08:31:16Z"],
    ["DCS ListBackupRecords", "updated_at (vendor example, milliseconds)", fromApiIso, "2019-05-10T08:32:30.546Z", "2019-05-10T08:32:30Z"],
    ["DCS ListBackupRecords", "updated_at (Terraform docs: yyyy-mm-dd hh:mm:ss, UTC)", fromApiIso, "2019-05-10 08:32:30", "2019-05-10T08:32:30Z"],
    ["DCS ListBackupRecords", "execution_at (Terraform form)", fromApiIso, "2019-05-11 08:31:16", "2019-05-11T08:31:16Z"],
    ["DCS ListBackupRecords", "begin_time / end_time (request form, yyyyMMddHHmmss)", fromCompact, "20170718235959", "2017-07-18T23:59:59Z"],
  ])("%s %s: %j -> %s", (_api, _field, parse, value, output) => {
    expect(formatInstant(parse(value)!)).toBe(output);
  });

  it("formats every accepted API form to the contract's output text", () => {
    const outputs = [
      fromApiIso("2019-03-14T05:31Z"),
      fromApiIso("2019-03-14T05:31:00Z"),
      fromApiIso("2019-03-14T05:31:00.123Z"),
      fromApiIso("2019-03-14 05:31:00"),
      fromUnixSeconds(1552541460),
      fromUnixMillis("1552541460000"),
      fromCompact("20190314053100"),
    ].map((d) => formatInstant(d!));
    expect(outputs).toEqual(Array(7).fill("2019-03-14T05:31:00Z"));
  });
});

describe("request formats", () => {
  it.each<[string, "down" | "up", string]>([
    ["2026-11-20T02:00:45.500Z", "down", "2026-11-20T02:00Z"],
    ["2026-11-20T02:00:45.500Z", "up", "2026-11-20T02:01Z"],
    ["2026-11-20T02:00:00.001Z", "up", "2026-11-20T02:01Z"],
    ["2026-11-20T02:00:59.999Z", "down", "2026-11-20T02:00Z"],
    ["2026-11-20T02:00:00.000Z", "down", "2026-11-20T02:00Z"],
    ["2026-11-20T02:00:00.000Z", "up", "2026-11-20T02:00Z"],
    ["2026-12-31T23:59:30Z", "up", "2027-01-01T00:00Z"],
    ["2026-03-01T00:00:30Z", "down", "2026-03-01T00:00Z"],
  ])("toAlibabaMinute(%s, %s) is %s", (at, round, text) => {
    expect(toAlibabaMinute(new Date(at), round)).toBe(text);
  });

  it.each<[string, "down" | "up", string]>([
    ["2026-11-20T02:00:45.500Z", "down", "20261120020045"],
    ["2026-11-20T02:00:45.500Z", "up", "20261120020046"],
    ["2026-11-20T02:00:45.000Z", "down", "20261120020045"],
    ["2026-11-20T02:00:45.000Z", "up", "20261120020045"],
    ["2026-12-31T23:59:59.200Z", "up", "20270101000000"],
    ["2026-01-05T03:04:05.000Z", "down", "20260105030405"],
  ])("toCompact(%s, %s) is %s", (at, round, text) => {
    expect(toCompact(new Date(at), round)).toBe(text);
  });

  it("round-trips: toCompact then fromCompact is the instant truncated to the second", () => {
    const d = new Date("2026-07-04T13:14:15.678Z");
    expect(fromCompact(toCompact(d, "down"))!.toISOString()).toBe("2026-07-04T13:14:15.000Z");
  });
});

describe("describeAge", () => {
  it.each<[number, string]>([
    [0, "0s"],
    [40 * S, "40s"],
    [25 * M, "25m"],
    [25 * M + 40 * S, "25m"],
    [2 * H, "2h"],
    [2 * H + 5 * M, "2h 5m"],
    [3 * D, "3d"],
    [3 * D + 4 * H + 59 * M, "3d 4h"],
    [-5 * S, "0s"],
  ])("%d ms is %s", (ms, text) => {
    expect(describeAge(ms)).toBe(text);
  });
});
