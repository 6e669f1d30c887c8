/**
 * The emulator speaks Huawei Cloud RDS v3 `ListBackups` (docs/apis/rds-ListBackups.md): requests signed by the
 * official `AKSKSigner` of `@huaweicloud/huaweicloud-sdk-core` are accepted and bad signatures refused exactly as
 * for DCS; every validation error has the vendor's status and body; offset/limit paging and `total_count` are
 * consistent under the scrambled order; the window and the type filter follow each setting of their readings
 * (test/emulator/readings.ts); the fleet generator makes the documented shapes.
 *
 * Time: the emulator runs on a ManualClock and every request is stamped (X-Sdk-Date) from it: nothing sleeps,
 * nothing depends on the wall clock.
 */
import * as http from "node:http";
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import { ManualClock } from "../provider/core/clock";
import { expectHuaweiSignatureRefused } from "./support/huaweiRefusal";
import {
  HUAWEI_RDS_DEFAULT_LIMIT,
  TEST_CREDENTIALS,
  huaweiRdsBackup,
  huaweiRdsBackups,
  huaweiRdsInstanceId,
  seedDemoFleet,
  startEmulator,
  type Emulator,
  type HuaweiRdsBackup,
} from "./emulator";

const NOW = new Date("2026-11-20T12:00:00Z");
const HW = TEST_CREDENTIALS.huawei;
const HEX32 = /^[0-9a-f]{32}$/;
const MYSQL = "a48e43ff268f4c0e879652d65e63d0fbin01";
const PATH = `/v3/${HW.projectId}/backups`;

let emu: Emulator;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(NOW);
  emu = await startEmulator({ seed: 11, clock });
});
afterEach(async () => {
  await emu.close();
});

// ------------------------------------------------------------------------------------------------- helpers

type Json = Record<string, unknown>;

/** What the official `AKSKSigner.sign` takes; the tests give it the fields it reads. */
type SignerRequest = Parameters<typeof AKSKSigner.sign>[0];

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function rawRequest(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "GET", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** `yyyyMMddTHHmmssZ` of the emulator's clock. */
const sdkDate = () =>
  clock
    .now()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");

const encode = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");

/**
 * `GET /v3/{project_id}/backups` signed by the official `AKSKSigner`. `rawQuery` sends the query string exactly
 * as given (still signed over `query`), e.g. with an unencoded `+`.
 */
async function listBackups(
  query: Record<string, string | number> = {},
  opts: { ak?: string; sk?: string; path?: string; rawQuery?: string } = {},
): Promise<RawResponse> {
  const path = opts.path ?? PATH;
  const values = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const credentials = new BasicCredentials().withAk(opts.ak ?? HW.accessKey).withSk(opts.sk ?? HW.secretKey);
  const request = {
    method: "GET",
    endpoint: emu.url + path,
    queryParams: values,
    headers: { "Content-Type": "application/json", "X-Sdk-Date": sdkDate() },
  } as SignerRequest;
  const headers = AKSKSigner.sign(request, credentials) as Record<string, string>;
  const qs = opts.rawQuery ?? encode(values);
  return rawRequest(`${emu.url}${path}${qs ? "?" + qs : ""}`, headers);
}

const json = (r: RawResponse): Json => JSON.parse(r.text) as Json;
const ids = (r: RawResponse): string[] => (json(r).backups as Json[]).map((b) => b.id as string);
const sorted = (xs: string[]) => [...xs].sort();

/** Reads every page with `limit`; returns the pages' id lists and the totals each page reported. */
async function allPages(query: Record<string, string>, limit: number): Promise<{ pages: string[][]; totals: number[] }> {
  const pages: string[][] = [];
  const totals: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const r = await listBackups({ ...query, offset, limit });
    expect(r.status).toBe(200);
    pages.push(ids(r));
    totals.push(json(r).total_count as number);
    if (pages[pages.length - 1].length < limit) break;
  }
  return { pages, totals };
}

/** Three MySQL backups around 09:00 Beijing time: their begin and end times straddle a window's edges. */
function boundaryBackups(): HuaweiRdsBackup[] {
  return [
    huaweiRdsBackup({ id: "a".repeat(32) + "br01", begin_time: "2026-11-20T09:00:15+0800", end_time: "2026-11-20T09:00:59+0800", instance_id: MYSQL }),
    huaweiRdsBackup({ id: "b".repeat(32) + "br01", begin_time: "2026-11-20T09:00:16+0800", end_time: "2026-11-20T09:02:16+0800", instance_id: MYSQL }),
    huaweiRdsBackup({ id: "c".repeat(32) + "br01", begin_time: "2026-11-20T09:01:00+0800", end_time: "2026-11-20T09:03:00+0800", instance_id: MYSQL }),
  ];
}

// ------------------------------------------------------------------------------------------- signature

describe("Huawei RDS ListBackups: signature and wire format", () => {
  it("accepts a request signed by the official AKSKSigner and answers the exact wire format", async () => {
    const backup = huaweiRdsBackup({ instance_id: MYSQL });
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, [backup]);
    const r = await listBackups({ instance_id: MYSQL, offset: 0, limit: 10, begin_time: "2026-11-20T00:00:00+0800", end_time: "2026-11-21T00:00:00+0800" });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json;charset=UTF-8");
    expect(r.headers["x-request-id"]).toMatch(HEX32);
    expect(json(r)).toEqual({
      backups: [
        {
          id: "43e4feaab48f11e89039fa163ebaa7e4br01",
          name: "rds-backup-20261120090016",
          type: "auto",
          size: 2803,
          status: "COMPLETED",
          begin_time: "2026-11-20T09:00:16+0800",
          end_time: "2026-11-20T09:02:16+0800",
          datastore: { type: "MySQL", version: "8.0" },
          instance_id: MYSQL,
          associated_with_ddm: false,
        },
      ],
      total_count: 1,
    });
    expect(emu.requests.map((q) => [q.cloud, q.action, q.status])).toEqual([["huawei", "huaweiRds.ListBackups", 200]]);
    expect(emu.requests[0].params).toEqual({
      project_id: HW.projectId,
      instance_id: MYSQL,
      offset: "0",
      limit: "10",
      begin_time: "2026-11-20T00:00:00+0800",
      end_time: "2026-11-21T00:00:00+0800",
    });
  });

  it.each([
    ["a wrong SK", { sk: "EMU-HW-WRONG-SECRET" }],
    ["an unknown AK", { ak: "EMUHWNOBODY" }],
  ])("refuses %s with 401 APIGW.0301, exactly as DCS", async (_n, opts) => {
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, [huaweiRdsBackup()]);
    const r = await listBackups({ instance_id: MYSQL }, opts);
    expectHuaweiSignatureRefused(r, HW.secretKey);
  });

  it("refuses a request stamped 20 minutes before the emulator's clock with 401 APIGW.0301", async () => {
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, [huaweiRdsBackup()]);
    const headersAt = sdkDate();
    clock.advance(20 * 60_000);
    const credentials = new BasicCredentials().withAk(HW.accessKey).withSk(HW.secretKey);
    const request = {
      method: "GET",
      endpoint: emu.url + PATH,
      queryParams: { instance_id: MYSQL },
      headers: { "Content-Type": "application/json", "X-Sdk-Date": headersAt },
    } as SignerRequest;
    const headers = AKSKSigner.sign(request, credentials) as Record<string, string>;
    const r = await rawRequest(`${emu.url}${PATH}?instance_id=${MYSQL}`, headers);
    expect([r.status, json(r).error_code, json(r).error_msg]).toEqual([
      401,
      "APIGW.0301",
      "Incorrect IAM authentication information: the request has expired, check X-Sdk-Date",
    ]);
  });

  it("routes /v3/{project_id}/backups apart from DCS; other /v3 paths are 404 APIGW.0101", async () => {
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, [huaweiRdsBackup()]);
    const other = await listBackups({ instance_id: MYSQL }, { path: `/v3/${HW.projectId}/instances` });
    expect([other.status, json(other).error_code]).toEqual([404, "APIGW.0101"]);
    const dcs = await listBackups({}, { path: `/v2/${HW.projectId}/instances/${MYSQL}/backups` });
    expect([dcs.status, json(dcs)]).toEqual([404, { error_msg: "This DCS instance does not exist.", error_code: "DCS.3022", error_ext_msg: null }]);
    expect(emu.requests.map((q) => q.action)).toEqual(["huawei.unknown", "dcs.ListBackupRecords"]);
  });
});

// ---------------------------------------------------------------------------------------------- validation

describe("Huawei RDS ListBackups: validation", () => {
  const PARAMETER_ERROR = { error_code: "DBS.200001", error_msg: "Parameter error." };

  beforeEach(() => {
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, [huaweiRdsBackup()]);
  });

  it.each<[string, Record<string, string | number>, number, Json]>([
    ["no instance_id", {}, 400, PARAMETER_ERROR],
    ["an empty instance_id", { instance_id: "" }, 400, PARAMETER_ERROR],
    [
      "an instance_id of the wrong shape",
      { instance_id: "no-such-instance" },
      400,
      { error_code: "DBS.280404", error_msg: "Invalid DB instance ID or node ID format." },
    ],
    ["limit 0", { instance_id: MYSQL, limit: 0 }, 400, PARAMETER_ERROR],
    ["limit 101", { instance_id: MYSQL, limit: 101 }, 400, PARAMETER_ERROR],
    ["limit ten", { instance_id: MYSQL, limit: "ten" }, 400, PARAMETER_ERROR],
    ["offset -1", { instance_id: MYSQL, offset: -1 }, 400, PARAMETER_ERROR],
    ["offset 1.5", { instance_id: MYSQL, offset: "1.5" }, 400, PARAMETER_ERROR],
    ["backup_type Auto", { instance_id: MYSQL, backup_type: "Auto" }, 400, PARAMETER_ERROR],
    ["backup_type full", { instance_id: MYSQL, backup_type: "full" }, 400, PARAMETER_ERROR],
    ["begin_time without end_time", { instance_id: MYSQL, begin_time: "2026-11-20T00:00:00+0800" }, 400, PARAMETER_ERROR],
    ["end_time without begin_time", { instance_id: MYSQL, end_time: "2026-11-20T00:00:00+0800" }, 400, PARAMETER_ERROR],
    ["a UTC Z time", { instance_id: MYSQL, begin_time: "2026-11-20T00:00:00Z", end_time: "2026-11-21T00:00:00Z" }, 400, PARAMETER_ERROR],
    ["a colon in the offset", { instance_id: MYSQL, begin_time: "2026-11-20T00:00:00+08:00", end_time: "2026-11-21T00:00:00+08:00" }, 400, PARAMETER_ERROR],
    ["a spaced time", { instance_id: MYSQL, begin_time: "2026-11-20 00:00:00", end_time: "2026-11-21 00:00:00" }, 400, PARAMETER_ERROR],
    ["November 31st", { instance_id: MYSQL, begin_time: "2026-11-31T00:00:00+0800", end_time: "2026-12-01T00:00:00+0800" }, 400, PARAMETER_ERROR],
    ["end equal to begin", { instance_id: MYSQL, begin_time: "2026-11-20T08:00:00+0800", end_time: "2026-11-20T00:00:00+0000" }, 400, PARAMETER_ERROR],
    ["end before begin", { instance_id: MYSQL, begin_time: "2026-11-21T00:00:00+0800", end_time: "2026-11-20T00:00:00+0800" }, 400, PARAMETER_ERROR],
  ])("refuses %s", async (_n, query, status, body) => {
    const r = await listBackups(query);
    expect([r.status, json(r)]).toEqual([status, body]);
    expect(r.headers["x-request-id"]).toMatch(HEX32);
  });

  it("refuses a window whose + was not percent-encoded (it arrives as a space); %2B is accepted", async () => {
    const window = { instance_id: MYSQL, begin_time: "2026-11-20T00:00:00+0800", end_time: "2026-11-21T00:00:00+0800" };
    const raw = `instance_id=${MYSQL}&begin_time=2026-11-20T00:00:00+0800&end_time=2026-11-21T00:00:00+0800`;
    const plain = await listBackups(window, { rawQuery: raw });
    expect([plain.status, json(plain)]).toEqual([400, PARAMETER_ERROR]);
    const encoded = await listBackups(window, { rawQuery: raw.replace(/\+/g, "%2B") });
    expect([encoded.status, json(encoded).total_count]).toEqual([200, 1]);
  });

  it("answers an unknown instance with 400 DBS.280343 (default reading), in an unknown project too", async () => {
    const unknown = "0123456789abcdef0123456789abcdefin01";
    const r = await listBackups({ instance_id: unknown });
    expect([r.status, json(r)]).toEqual([400, { error_code: "DBS.280343", error_msg: "The DB instance does not exist." }]);
    const otherProject = await listBackups({ instance_id: MYSQL }, { path: "/v3/ffffffffffffffffffffffffffffffff/backups" });
    expect([otherProject.status, json(otherProject).error_code]).toEqual([400, "DBS.280343"]);
  });

  it("answers an unknown instance with 404 DBS.200002 under huaweiRdsUnknownInstance DBS.200002", async () => {
    emu.readings.huaweiRdsUnknownInstance = "DBS.200002";
    const r = await listBackups({ instance_id: "0123456789abcdef0123456789abcdefin03" });
    expect([r.status, json(r)]).toEqual([404, { error_code: "DBS.200002", error_msg: "The DB instance does not exist." }]);
  });

  it("answers an instance without backups (or a window without any) with 200, an empty list and total 0", async () => {
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, []);
    const r = await listBackups({ instance_id: MYSQL });
    expect([r.status, json(r)]).toEqual([200, { backups: [], total_count: 0 }]);
  });
});

// ------------------------------------------------------------------------------------------------ paging

describe("Huawei RDS ListBackups: paging and order", () => {
  const PG = huaweiRdsInstanceId("PostgreSQL", 21);
  const history = huaweiRdsBackups({
    instanceId: PG,
    engine: "PostgreSQL",
    days: 250,
    now: NOW,
    seed: 22,
    failedEvery: 9,
    manualEvery: 7,
    incrementalsPerDay: 1,
  });

  beforeEach(() => {
    emu.data.addHuaweiRdsInstance(HW.projectId, PG, history);
  });

  it("the generated history has the documented shapes", () => {
    expect(PG).toBe("67467ed57c35951e38d073871acea925in03");
    expect(history.length).toBe(250 + 35 + 250);
    expect(history.every((b) => /^[0-9a-f]{32}br03$/.test(b.id))).toBe(true);
    expect(new Set(history.map((b) => b.id)).size).toBe(history.length);
    expect(history.every((b) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0800$/.test(b.begin_time) && /\+0800$/.test(b.end_time))).toBe(true);
    expect(history.filter((b) => b.status === "FAILED").length).toBe(27);
    expect(history.every((b) => b.databases === undefined && b.associated_with_ddm === undefined)).toBe(true);
  });

  it("offset counts records; every page of 100 together holds every backup once; total_count counts all matches", async () => {
    const { pages, totals } = await allPages({ instance_id: PG }, 100);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 100, 100, 100, 35]);
    expect(totals).toEqual([535, 535, 535, 535, 535, 535]);
    expect(sorted(pages.flat())).toEqual(sorted(history.map((b) => b.id)));
    const first = ids(await listBackups({ instance_id: PG }));
    expect(first.length).toBe(HUAWEI_RDS_DEFAULT_LIMIT);
    expect(first).toEqual(pages[0]);
    expect(ids(await listBackups({ instance_id: PG, offset: 5, limit: 7 }))).toEqual(pages[0].slice(5, 12));
    const past = await listBackups({ instance_id: PG, offset: 600 });
    expect(json(past)).toEqual({ backups: [], total_count: 535 });
  });

  it("scrambles the order (not by time either way) yet keeps the set; newestFirst and oldestFirst sort by begin_time", async () => {
    const byBegin = (r: RawResponse) => (json(r).backups as Json[]).map((b) => Date.parse((b.begin_time as string).replace(/(\d{2})(\d{2})$/, "$1:$2")));
    const query = { instance_id: PG, backup_type: "auto", limit: 100 };
    const scrambled = await listBackups(query);
    emu.setOrder("newestFirst");
    const newest = await listBackups(query);
    emu.setOrder("oldestFirst");
    const oldest = await listBackups(query);
    const desc = [...byBegin(scrambled)].sort((a, b) => b - a);
    expect(byBegin(newest)).toEqual(
      byBegin(newest)
        .slice()
        .sort((a, b) => b - a),
    );
    expect(byBegin(oldest)).toEqual(
      byBegin(oldest)
        .slice()
        .sort((a, b) => a - b),
    );
    expect(byBegin(scrambled)).not.toEqual(desc);
    expect(byBegin(scrambled)).not.toEqual(desc.slice().reverse());
    expect(json(scrambled).total_count).toBe(250);
    // the first page of newestFirst is the newest 100; scrambled and oldestFirst pages are other subsets of the same 250
    const all = (await allPages({ instance_id: PG, backup_type: "auto" }, 100)).pages.flat();
    expect(sorted(all)).toEqual(sorted(history.filter((b) => b.type === "auto").map((b) => b.id)));
  });

  it("applies a paging fault to one page (total inflated), then answers normally", async () => {
    emu.faults.add("huaweiRds.ListBackups", { kind: "totalInflated", total: 9999 });
    expect(json(await listBackups({ instance_id: PG, limit: 1 })).total_count).toBe(9999);
    expect(json(await listBackups({ instance_id: PG, limit: 1 })).total_count).toBe(535);
  });
});

// ------------------------------------------------------------------------------------- window and types

describe("Huawei RDS ListBackups: window, types and the readings", () => {
  it("filters on begin_time to the second, both ends inclusive, whatever offset the bounds are written in (default reading)", async () => {
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, boundaryBackups());
    const r = await listBackups({ instance_id: MYSQL, begin_time: "2026-11-20T01:00:16+0000", end_time: "2026-11-20T09:01:00+0800" });
    expect(sorted(ids(r))).toEqual(["b".repeat(32) + "br01", "c".repeat(32) + "br01"]);
    expect(json(r).total_count).toBe(2);
    const west = await listBackups({ instance_id: MYSQL, begin_time: "2026-11-19T21:30:15-0330", end_time: "2026-11-19T21:30:16-0330" });
    expect(sorted(ids(west))).toEqual(["a".repeat(32) + "br01", "b".repeat(32) + "br01"]);
  });

  it("filters on end_time under huaweiRdsWindowField end_time; a BUILDING backup (no end) is outside every window", async () => {
    emu.readings.huaweiRdsWindowField = "end_time";
    const building = huaweiRdsBackup({
      id: "d".repeat(32) + "br01",
      status: "BUILDING",
      begin_time: "2026-11-20T09:00:30+0800",
      end_time: "",
      instance_id: MYSQL,
    });
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, [...boundaryBackups(), building]);
    const r = await listBackups({ instance_id: MYSQL, begin_time: "2026-11-20T09:00:59+0800", end_time: "2026-11-20T09:02:16+0800" });
    expect(sorted(ids(r))).toEqual(["a".repeat(32) + "br01", "b".repeat(32) + "br01"]);
    expect(json(await listBackups({ instance_id: MYSQL })).total_count).toBe(4);
  });

  it("lists every type without backup_type (default reading), one type with it, and one backup by backup_id", async () => {
    const backups = ["auto", "manual", "fragment", "incremental"].map((type, k) =>
      huaweiRdsBackup({ id: String(k).repeat(32) + "br01", type, begin_time: `2026-11-1${k}T09:00:00+0800`, instance_id: MYSQL }),
    );
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, backups);
    const types = async (query: Record<string, string>) =>
      sorted((json(await listBackups({ instance_id: MYSQL, ...query })).backups as Json[]).map((b) => b.type as string));
    expect(await types({})).toEqual(["auto", "fragment", "incremental", "manual"]);
    expect(await types({ backup_type: "incremental" })).toEqual(["incremental"]);
    expect(await types({ backup_type: "fragment" })).toEqual(["fragment"]);
    const one = await listBackups({ instance_id: MYSQL, backup_id: "1".repeat(32) + "br01" });
    expect([ids(one), json(one).total_count]).toEqual([["1".repeat(32) + "br01"], 1]);
    const none = await listBackups({ instance_id: MYSQL, backup_id: "f".repeat(32) + "br01" });
    expect(json(none)).toEqual({ backups: [], total_count: 0 });

    emu.readings.huaweiRdsDefaultTypes = "full";
    expect(await types({})).toEqual(["auto", "manual"]);
    expect(await types({ backup_type: "incremental" })).toEqual(["incremental"]);
    expect(json(await listBackups({ instance_id: MYSQL })).total_count).toBe(2);
  });

  it.each<["+0800" | "+0000" | "-0330", string, string]>([
    ["+0800", "2026-11-20T09:00:16+0800", "2026-11-20T09:02:16+0800"],
    ["+0000", "2026-11-20T01:00:16+0000", "2026-11-20T01:02:16+0000"],
    ["-0330", "2026-11-19T21:30:16-0330", "2026-11-19T21:32:16-0330"],
  ])("huaweiRdsTimeOffset %s: the same instants written at that offset", async (offset, begin, end) => {
    emu.readings.huaweiRdsTimeOffset = offset;
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, [huaweiRdsBackup({ instance_id: MYSQL })]);
    const [b] = json(await listBackups({ instance_id: MYSQL })).backups as Json[];
    expect([b.begin_time, b.end_time]).toEqual([begin, end]);
  });
});

// ---------------------------------------------------------------------------------- faults and the fleet

describe("Huawei RDS ListBackups: faults and fleet", () => {
  beforeEach(() => {
    emu.data.addHuaweiRdsInstance(HW.projectId, MYSQL, [huaweiRdsBackup()]);
  });

  it("a throttle fault is the gateway's 429 APIGW.0308 with Retry-After; the next call succeeds", async () => {
    emu.faults.add("huaweiRds.ListBackups", { kind: "throttle", retryAfter: 3 });
    const r = await listBackups({ instance_id: MYSQL });
    expect([r.status, r.headers["retry-after"], json(r).error_code]).toEqual([429, "3", "APIGW.0308"]);
    expect((await listBackups({ instance_id: MYSQL })).status).toBe(200);
  });

  it("an http fault answers in the RDS error form, DBS.108000 by default for a 5xx", async () => {
    emu.faults.add("huaweiRds.ListBackups", { kind: "http", status: 503 });
    const r = await listBackups({ instance_id: MYSQL });
    expect([r.status, json(r)]).toEqual([503, { error_code: "DBS.108000", error_msg: "The request has failed due to a temporary failure of the server." }]);
    emu.faults.add("huaweiRds.ListBackups", {
      kind: "http",
      status: 409,
      code: "DBS.200011",
      message: "Another operation is being performed on the DB instance or the DB instance is faulty.",
    });
    const busy = await listBackups({ instance_id: MYSQL });
    expect([busy.status, json(busy).error_code]).toEqual([409, "DBS.200011"]);
    expect(emu.faults.pending()).toBe(0);
  });

  it("a DCS fault does not touch RDS calls", async () => {
    emu.faults.add("dcs.ListBackupRecords", { kind: "reset" });
    expect((await listBackups({ instance_id: MYSQL })).status).toBe(200);
    expect(emu.faults.pending("dcs.ListBackupRecords")).toBe(1);
  });

  it("huaweiRdsBackups: SQL Server lists its databases, MySQL its DDM flag; types, states and counts as asked", () => {
    const sql = huaweiRdsInstanceId("SQLServer", 5);
    expect(sql).toMatch(/^[0-9a-f]{32}in04$/);
    const sqlHistory = huaweiRdsBackups({
      instanceId: sql,
      engine: "SQLServer",
      days: 20,
      now: NOW,
      seed: 6,
      fragmentEvery: 2,
      manualEvery: 5,
      databases: ["sales"],
    });
    expect(sqlHistory.length).toBe(20 + 10 + 4);
    expect(sqlHistory.every((b) => /^[0-9a-f]{32}br04$/.test(b.id) && JSON.stringify(b.databases) === '[{"name":"sales"}]')).toBe(true);
    expect(sqlHistory[0].datastore).toEqual({ type: "SQLServer", version: "2019_SE" });

    const my = huaweiRdsInstanceId("MySQL", 7);
    const myHistory = huaweiRdsBackups({
      instanceId: my,
      engine: "MySQL",
      days: 30,
      now: NOW,
      seed: 8,
      failedEvery: 7,
      manualEvery: 10,
      deletingEvery: 3,
      incrementalsPerDay: 2,
      buildingNow: true,
    });
    const count = (pred: (b: HuaweiRdsBackup) => boolean) => myHistory.filter(pred).length;
    expect(myHistory.length).toBe(30 + 3 + 60 + 1);
    expect([count((b) => b.type === "auto"), count((b) => b.type === "manual"), count((b) => b.type === "incremental")]).toEqual([31, 3, 60]);
    expect([count((b) => b.status === "FAILED"), count((b) => b.status === "DELETING"), count((b) => b.status === "BUILDING")]).toEqual([4, 1, 1]);
    expect(myHistory[0]).toMatchObject({ type: "auto", status: "BUILDING", begin_time: "2026-11-20T19:57:00+0800", end_time: "", size: 0 });
    expect(myHistory.every((b) => b.associated_with_ddm === false && b.instance_id === my)).toBe(true);
    const ended = myHistory.filter((b) => b.end_time !== "").map((b) => Date.parse(b.end_time.replace(/(\d{2})(\d{2})$/, "$1:$2")));
    expect(ended.filter((t) => t >= NOW.getTime()).length).toBe(0);

    const stale = huaweiRdsBackups({ instanceId: my, engine: "MySQL", days: 10, now: NOW, seed: 9, newestUsableAgeDays: 3 });
    expect(stale.map((b) => b.status)).toEqual(["FAILED", "FAILED", "FAILED", ...new Array<string>(7).fill("COMPLETED")]);
  });

  it("seedDemoFleet serves a Huawei RDS for MySQL instance with a long history", async () => {
    const demo = seedDemoFleet(emu, NOW);
    expect([demo.huaweiRdsProjectId, demo.huaweiRdsInstanceId]).toEqual([HW.projectId, "e0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5in01"]);
    const r = await listBackups({ instance_id: demo.huaweiRdsInstanceId });
    expect([r.status, json(r).total_count, ids(r).length]).toEqual([200, 2040, 100]);
    const auto = await listBackups({ instance_id: demo.huaweiRdsInstanceId, backup_type: "auto" });
    expect(json(auto).total_count).toBe(401);
  });
});
