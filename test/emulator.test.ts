/**
 * The emulator speaks the five APIs faithfully: the official clients' signatures are accepted (and bad ones
 * refused with the clouds' codes), responses have the exact wire types, paging is consistent with scrambled
 * order, validation errors match the vendor pages, every fault kind behaves, and scripted jobs advance.
 *
 * Oracles: `@alicloud/openapi-client` / `@alicloud/openapi-util` sign Alibaba requests, and the official
 * `AKSKSigner` of `@huaweicloud/huaweicloud-sdk-core` signs Huawei ones; the emulator verifies them with its
 * own node:crypto code.
 */
import { rpcApiParams } from "../provider/clouds/alibaba/AlibabaRpcClient";
import { ManualClock } from "../provider/core/clock";
import { createHash, randomUUID } from "node:crypto";
import * as http from "node:http";
import OpenApiClient, * as $OpenApi from "@alicloud/openapi-client";
import OpenApiUtil from "@alicloud/openapi-util";
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import {
  DCS_DEFAULT_LIMIT,
  TEST_CREDENTIALS,
  dcsBackupRecord,
  dcsBackups,
  kvstoreBackup,
  kvstoreBackups,
  rdsBackup,
  rdsBackups,
  rdsJobSteps,
  rdsTaskScript,
  seedDemoFleet,
  startEmulator,
  userBackupFile,
  userBackupFiles,
  type Emulator,
  type Fault,
} from "./emulator";
import { huaweiCanonicalQuery, huaweiCanonicalUri } from "./emulator/huaweiSignature";
import { failure } from "./support/rejection";
import { expectHuaweiSignatureRefused } from "./support/huaweiRefusal";
import { parseJson, type JsonObject } from "./support/json";

const NOW = new Date("2026-11-20T12:00:00Z");
const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const HEX32 = /^[0-9a-f]{32}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_S = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const ALI = TEST_CREDENTIALS.alibaba;
const STS = TEST_CREDENTIALS.alibabaSts;
const HW = TEST_CREDENTIALS.huawei;
const RDS = "2014-08-15";
const KVS = "2015-01-01";

let emu: Emulator;

beforeEach(async () => {
  emu = await startEmulator({ seed: 42 });
});
afterEach(async () => {
  await emu.close();
});

/**
 * Replaces this test's emulator by one on a ManualClock at the real time (the official Alibaba client signs with
 * the wall clock): its response delays are waited on that clock, instantly, and recorded in `slept`.
 */
async function emulatorOnManualClock(): Promise<ManualClock> {
  await emu.close();
  const clock = new ManualClock(new Date());
  emu = await startEmulator({ seed: 42, clock });
  return clock;
}

// ------------------------------------------------------------------------------------------------- helpers

type Json = Record<string, unknown>;

/** An Alibaba answer's body as the tests read it: the list envelopes of the actions called, and other fields to assert. */
type AliBody = Json & { Items: { Backup: Json[]; BackupJob: Json[] }; Backups: { Backup: Json[] }; Records: Json[] };

/** What the official `AKSKSigner.sign` takes; the tests give it the fields it reads. */
type SignerRequest = Parameters<typeof AKSKSigner.sign>[0];

/** The signer's canonicalization steps (static, not in its declared type), the oracle for the emulator's own. */
type SignerInternals = { CanonicalQueryString(request: { queryParams: Record<string, unknown> }): string; CanonicalURI(path: string): string };

/** How the official Alibaba client rejects on a cloud error: the code, and the answer's body with its status. */
type AliSdkError = Error & { code: string; data: Record<string, unknown> };

interface AliCreds {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** The official client, as the package uses it. `v2` selects the legacy HMAC-SHA1 RPC signature. */
function aliClient(creds: AliCreds, signatureAlgorithm?: "v2"): OpenApiClient {
  return new OpenApiClient(
    new $OpenApi.Config({
      ...creds,
      endpoint: `127.0.0.1:${emu.port}`,
      protocol: "HTTP",
      readTimeout: 10000,
      connectTimeout: 5000,
      signatureAlgorithm,
    }),
  );
}

/** `callApi` exactly as the package calls it; returns the parsed body. */
async function callAli(
  action: string,
  version: string,
  query: Record<string, string | number>,
  opts: { creds?: AliCreds; legacy?: boolean; inBody?: boolean } = {},
): Promise<AliBody> {
  const client = aliClient(opts.creds ?? ALI, opts.legacy ? "v2" : undefined);
  // the params the package's client passes (provider/clouds/alibaba/AlibabaRpcClient.ts)
  const params = new $OpenApi.Params(rpcApiParams(action, version, "HTTP"));
  const values = OpenApiUtil.query(query);
  const request = new $OpenApi.OpenApiRequest(opts.inBody ? { body: values } : { query: values });
  const response = await client.callApi(params, request, {} as Parameters<OpenApiClient["callApi"]>[2]);
  return response.body as AliBody;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const encode = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
const aliTimestamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * An ACS3-HMAC-SHA256 request signed by the official `OpenApiUtil.getAuthorization` (the oracle), with knobs
 * to break it: date, nonce, form body, declared payload hash, secret.
 */
async function acs3(opts: {
  action: string;
  version: string;
  query?: Record<string, string>;
  form?: Record<string, string>;
  secret?: string;
  accessKeyId?: string;
  dateMs?: number;
  nonce?: string;
  declaredHash?: string;
  securityToken?: string;
}): Promise<RawResponse> {
  const query = opts.query ?? {};
  const body = opts.form ? encode(opts.form) : "";
  const hash = opts.declaredHash ?? sha256(body);
  const accessKeyId = opts.accessKeyId ?? ALI.accessKeyId;
  const headers: Record<string, string> = {
    host: `127.0.0.1:${emu.port}`,
    "x-acs-action": opts.action,
    "x-acs-version": opts.version,
    "x-acs-date": aliTimestamp(opts.dateMs ?? Date.now()),
    "x-acs-signature-nonce": opts.nonce ?? randomUUID(),
    "x-acs-content-sha256": hash,
    ...(opts.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    ...(opts.securityToken ? { "x-acs-accesskey-id": accessKeyId, "x-acs-security-token": opts.securityToken } : {}),
  };
  headers.Authorization = OpenApiUtil.getAuthorization(
    { pathname: "/", method: "POST", query, headers } as Parameters<typeof OpenApiUtil.getAuthorization>[0],
    "ACS3-HMAC-SHA256",
    hash,
    accessKeyId,
    opts.secret ?? ALI.accessKeySecret,
  );
  const qs = encode(query);
  return rawRequest(`${emu.url}/${qs ? "?" + qs : ""}`, { method: "POST", headers, body: opts.form ? body : undefined });
}

/** A DCS `ListBackupRecords` request signed by the official Huawei `AKSKSigner`. */
async function dcsGet(
  projectId: string,
  instanceId: string,
  query: Record<string, string | number> = {},
  opts: { ak?: string; sk?: string; sdkDate?: string; path?: string } = {},
): Promise<RawResponse> {
  const path = opts.path ?? `/v2/${projectId}/instances/${instanceId}/backups`;
  const credentials = new BasicCredentials().withAk(opts.ak ?? HW.accessKey).withSk(opts.sk ?? HW.secretKey);
  const request = {
    method: "GET",
    endpoint: emu.url + path,
    queryParams: query,
    headers: { "Content-Type": "application/json", ...(opts.sdkDate ? { "X-Sdk-Date": opts.sdkDate } : {}) },
  } as SignerRequest;
  const headers = AKSKSigner.sign(request, credentials) as Record<string, string>;
  const qs = encode(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])));
  return rawRequest(`${emu.url}${path}${qs ? "?" + qs : ""}`, { headers });
}

const json = (r: RawResponse): Json => JSON.parse(r.text) as Json;

/** Reads every page of RDS DescribeBackups; returns the pages' `BackupId` lists. */
async function allRdsPages(instanceId: string, pageSize: number, extra: Record<string, string> = {}): Promise<string[][]> {
  const pages: string[][] = [];
  for (let page = 1; ; page++) {
    const body = await callAli("DescribeBackups", RDS, { DBInstanceId: instanceId, PageSize: pageSize, PageNumber: page, ...extra });
    const ids = body.Items.Backup.map((b) => b.BackupId as string);
    if (ids.length === 0) break;
    pages.push(ids);
    if (ids.length < pageSize) break;
  }
  return pages;
}

const isMonotonic = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x) || xs.every((x, i) => i === 0 || xs[i - 1] >= x);

// ------------------------------------------------------------------------------------------- wire formats

describe("Alibaba wire formats through the official @alicloud/openapi-client", () => {
  const stored = [
    rdsBackup({ DBInstanceId: "rm-wire", BackupId: "1001", BackupStartTime: "2026-11-19T02:00:07Z" }),
    rdsBackup({ DBInstanceId: "rm-wire", BackupId: "1002", BackupStartTime: "2026-11-20T02:01:00Z", BackupStatus: "Failed" }),
    rdsBackup({ DBInstanceId: "rm-wire", BackupId: "999", BackupStartTime: "2026-11-18T02:00:00Z", EngineVersion: "5.6" }),
  ];

  it.each([
    ["AccessKey, ACS3-HMAC-SHA256", { creds: ALI }],
    ["STS token, ACS3-HMAC-SHA256", { creds: STS }],
    ["AccessKey, legacy HMAC-SHA1", { creds: ALI, legacy: true }],
    ["STS token, legacy HMAC-SHA1", { creds: STS, legacy: true }],
    ["AccessKey, parameters in a form body", { creds: ALI, inBody: true }],
    ["AccessKey, legacy, parameters in a form body", { creds: ALI, legacy: true, inBody: true }],
  ])("RDS DescribeBackups (%s) has the exact wire types", async (_name, opts) => {
    emu.data.addRdsInstance("rm-wire", stored);
    const body = await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-wire" }, opts);
    expect(body).toEqual({
      RequestId: expect.stringMatching(GUID) as unknown,
      Items: { Backup: expect.any(Array) as unknown },
      PageNumber: "1",
      PageRecordCount: "3",
      TotalEcsSnapshotSize: 0,
      TotalRecordCount: "3",
    });
    const byId = [...body.Items.Backup].sort((a: Json, b: Json) => Number(a.BackupId) - Number(b.BackupId));
    expect(byId).toEqual(JSON.parse(JSON.stringify([stored[2], stored[0], stored[1]])));
    const failed = byId[2];
    expect(failed).toMatchObject({ BackupStatus: "Failed", IsAvail: 0, BackupDownloadURL: null, BackupSize: 0, MetaStatus: "" });
    const ok = byId[1];
    expect(typeof ok.BackupId).toBe("string");
    expect(ok.IsAvail).toBe(1);
    expect(ok.ConsistentTime).toBe(0);
    expect(byId[0].ConsistentTime).toBeGreaterThan(1_700_000_000);
    expect(ok.BackupStartTime).toMatch(ISO_S);
    expect(ok.BackupDownloadURL).toMatch(/^https:\/\/rdsbak-hz-v3\.oss-cn-hangzhou\.aliyuncs\.com\/.*\?Expires=\d{10}&/);
    expect(ok.BackupDownloadLinkByDB).toEqual({ BackupDownloadLinkByDB: [] });
  });

  it("RDS DescribeBackupTasks: BackupJobId is a JSON number, Process a string, BackupStatus only while running", async () => {
    emu.data.addRdsInstance("rm-task");
    emu.data.addRdsTask(
      "rm-task",
      rdsTaskScript({ backupJobId: 4762614, instanceId: "rm-task", now: NOW, steps: rdsJobSteps(["NoStart", 0], ["Finished", 100]) }),
    );
    const body = await callAli("DescribeBackupTasks", RDS, { DBInstanceId: "rm-task" }, { creds: STS });
    expect(body).toEqual({
      RequestId: expect.stringMatching(GUID) as unknown,
      Items: {
        BackupJob: [
          { JobMode: "Manual", BackupProgressStatus: "NoStart", TaskAction: "TempBackupTask", BackupStatus: "NoStart", BackupJobId: 4762614, Process: "0" },
        ],
      },
    });
    const finished = await callAli("DescribeBackupTasks", RDS, { DBInstanceId: "rm-task", BackupJobId: 4762614 });
    expect(finished.Items.BackupJob).toEqual([
      { JobMode: "Manual", BackupProgressStatus: "Finished", TaskAction: "TempBackupTask", BackupJobId: 4762614, Process: "100", BackupId: "404762614" },
    ]);
  });

  it("RDS ListUserBackupFiles: Records is a plain array, times are ms strings, RestoreSize a string, OssFileSize a number", async () => {
    const file = userBackupFile({}, { tags: { env: "prod" } });
    emu.data.addUserBackupFiles("cn-hangzhou", [file]);
    const body = await callAli("ListUserBackupFiles", RDS, { RegionId: "cn-hangzhou" }, { creds: STS });
    expect(body).toEqual({ RequestId: expect.stringMatching(GUID) as unknown, Records: [parseJson(JSON.stringify(file.record))] });
    const [r] = body.Records;
    expect(r).toMatchObject({ CreationTime: "1623231084000", FinishTime: "1623231750000", RestoreSize: "20", OssFileSize: 79115, Retention: 3 });
    expect(parseJson<JsonObject>(r.OssFileMetaData as string)["Content-Length"]).toBe(81014337);
    expect(r).not.toHaveProperty("tags");
  });

  it("KVStore DescribeBackups: BackupId/BackupJobID and the counts are JSON integers", async () => {
    emu.data.addKvstoreInstance("r-wire", [
      kvstoreBackup({ NodeInstanceId: "r-wire-db-0", BackupId: 111, BackupJobID: 24340 }),
      kvstoreBackup({ NodeInstanceId: "r-wire-db-1", BackupId: 112, BackupJobID: 24340, BackupStartTime: "2026-11-20T03:00:09Z" }),
    ]);
    const body = await callAli("DescribeBackups", KVS, { InstanceId: "r-wire", StartTime: "2026-11-20T00:00Z", EndTime: "2026-11-20T12:00Z" });
    expect(body).toEqual({
      RequestId: expect.stringMatching(GUID) as unknown,
      PageNumber: 1,
      PageSize: 30,
      TotalCount: 2,
      Backups: { Backup: expect.any(Array) as unknown },
    });
    const ids = body.Backups.Backup.map((b) => b.BackupId).sort();
    expect(ids).toEqual([111, 112]);
    for (const b of body.Backups.Backup) {
      expect(b.BackupJobID).toBe(24340);
      expect(typeof b.BackupSize).toBe("number");
      expect(b.BackupStartTime).toMatch(ISO_S);
    }
  });

  it("answers an empty list as an empty array with zero counts", async () => {
    emu.data.addRdsInstance("rm-empty");
    const body = await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-empty" });
    expect(body).toMatchObject({ Items: { Backup: [] }, PageNumber: "1", PageRecordCount: "0", TotalRecordCount: "0" });
  });
});

// --------------------------------------------------------------------------------- Alibaba authentication

describe("Alibaba authentication", () => {
  beforeEach(() => {
    emu.data.addRdsInstance("rm-auth", [rdsBackup({ DBInstanceId: "rm-auth" })]);
  });

  it.each([
    ["ACS3", false],
    ["legacy", true],
  ])("a wrong secret (%s) is SignatureDoesNotMatch, and the body holds neither secret", async (_n, legacy) => {
    const wrong = "EMU-WRONG-SECRET-should-never-echo";
    const error = await failure<AliSdkError>(
      callAli("DescribeBackups", RDS, { DBInstanceId: "rm-auth" }, { creds: { ...ALI, accessKeySecret: wrong }, legacy }),
    );
    expect(error.code).toBe("SignatureDoesNotMatch");
    expect(error.data).toEqual({
      RequestId: expect.stringMatching(GUID) as unknown,
      HostId: "rds.aliyuncs.com",
      Code: "SignatureDoesNotMatch",
      Message: "Specified signature does not match our calculation.",
      Recommend: expect.stringContaining("q=SignatureDoesNotMatch") as unknown,
      statusCode: 400,
    });
    const raw = await acs3({ action: "DescribeBackups", version: RDS, query: { DBInstanceId: "rm-auth" }, secret: wrong });
    expect(raw.status).toBe(400);
    expect(raw.text).not.toContain(wrong);
    expect(raw.text).not.toContain(ALI.accessKeySecret);
    expect(JSON.stringify(error.data)).not.toContain(wrong);
  });

  it("an unknown AccessKeyId is 404 InvalidAccessKeyId.NotFound", async () => {
    const error = await failure<AliSdkError>(
      callAli("DescribeBackups", RDS, { DBInstanceId: "rm-auth" }, { creds: { accessKeyId: "LTAI5tNOBODY", accessKeySecret: "x" } }),
    );
    expect([error.code, error.data.statusCode, error.data.Message]).toEqual(["InvalidAccessKeyId.NotFound", 404, "Specified access key is not found."]);
  });

  it.each([
    ["missing", "InvalidSecurityToken.Malformed", undefined],
    ["wrong", "InvalidSecurityToken.Malformed", "EMU-STS-TOKEN-not-the-right-one"],
  ])("an STS key with a %s token is %s", async (_n, code, token) => {
    const creds = { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret, securityToken: token };
    const error = await failure<AliSdkError>(callAli("DescribeBackups", RDS, { DBInstanceId: "rm-auth" }, { creds }));
    expect([error.code, error.data.statusCode]).toEqual([code, 400]);
  });

  it("an expired STS token is InvalidSecurityToken.Expired", async () => {
    emu.credentials.alibaba.get(STS.accessKeyId)!.tokenExpired = true;
    const error = await failure<AliSdkError>(callAli("DescribeBackups", RDS, { DBInstanceId: "rm-auth" }, { creds: STS, legacy: true }));
    expect([error.code, error.data.statusCode]).toEqual(["InvalidSecurityToken.Expired", 400]);
  });

  it("the oracle-signed ACS3 request is accepted, with an STS token too", async () => {
    expect((await acs3({ action: "DescribeBackups", version: RDS, query: { DBInstanceId: "rm-auth" } })).status).toBe(200);
    const sts = await acs3({
      action: "DescribeBackups",
      version: RDS,
      query: { DBInstanceId: "rm-auth" },
      accessKeyId: STS.accessKeyId,
      secret: STS.accessKeySecret,
      securityToken: STS.securityToken,
    });
    expect(sts.status).toBe(200);
  });

  it.each([
    ["20 minutes ago", -20 * 60_000],
    ["20 minutes ahead", 20 * 60_000],
  ])("x-acs-date %s is 400 InvalidTimeStamp.Expired", async (_n, offset) => {
    const r = await acs3({ action: "DescribeBackups", version: RDS, query: { DBInstanceId: "rm-auth" }, dateMs: Date.now() + offset });
    expect([r.status, json(r).Code, json(r).Message]).toEqual([400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."]);
  });

  it("a reused nonce is 400 SignatureNonceUsed", async () => {
    const nonce = randomUUID();
    expect((await acs3({ action: "DescribeBackups", version: RDS, query: { DBInstanceId: "rm-auth" }, nonce })).status).toBe(200);
    const again = await acs3({ action: "DescribeBackups", version: RDS, query: { DBInstanceId: "rm-auth" }, nonce });
    expect([again.status, json(again).Code]).toEqual([400, "SignatureNonceUsed"]);
  });

  it("a body that does not match x-acs-content-sha256 is SignatureDoesNotMatch; a matching form body is accepted", async () => {
    const good = await acs3({ action: "DescribeBackups", version: RDS, form: { DBInstanceId: "rm-auth" } });
    expect([good.status, json(good).TotalRecordCount]).toEqual([200, "1"]);
    const bad = await acs3({ action: "DescribeBackups", version: RDS, form: { DBInstanceId: "rm-auth" }, declaredHash: sha256("") });
    expect([bad.status, json(bad).Code]).toEqual([400, "SignatureDoesNotMatch"]);
  });

  it("a legacy GET request signed by OpenApiUtil.getRPCSignature is accepted, and a tampered one refused", async () => {
    const params: Record<string, string> = {
      Action: "DescribeBackups",
      Version: RDS,
      Format: "JSON",
      AccessKeyId: ALI.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: randomUUID(),
      Timestamp: aliTimestamp(Date.now()),
      DBInstanceId: "rm-auth",
    };
    const Signature = OpenApiUtil.getRPCSignature(params, "GET", ALI.accessKeySecret);
    const ok = await rawRequest(`${emu.url}/?${encode({ ...params, Signature })}`);
    expect([ok.status, json(ok).TotalRecordCount]).toEqual([200, "1"]);
    const tampered = await rawRequest(`${emu.url}/?${encode({ ...params, SignatureNonce: randomUUID(), PageSize: "50", Signature })}`);
    expect([tampered.status, json(tampered).Code]).toEqual([400, "SignatureDoesNotMatch"]);
  });

  it("an unknown action is 404 InvalidAction.NotFound", async () => {
    const error = await failure<AliSdkError>(callAli("DescribeNothing", RDS, {}));
    expect([error.code, error.data.statusCode]).toEqual(["InvalidAction.NotFound", 404]);
    const wrongVersion = await failure<AliSdkError>(callAli("DescribeBackupTasks", KVS, { DBInstanceId: "rm-auth" }));
    expect(wrongVersion.code).toBe("InvalidAction.NotFound");
  });
});

// ---------------------------------------------------------------------------------------------- Huawei DCS

describe("Huawei DCS ListBackupRecords", () => {
  const instanceId = "5560df16-cebf-4473-95c4-d1b573c16e79";

  it("accepts a request signed by the official AKSKSigner and answers the exact wire format", async () => {
    const record = dcsBackupRecord({ instance_id: instanceId });
    emu.data.addDcsInstance(HW.projectId, instanceId, [record]);
    const r = await dcsGet(HW.projectId, instanceId, { begin_time: "20261101000000", end_time: "20261130000000", offset: 0, limit: 10 });
    expect(r.status).toBe(200);
    expect(r.headers["x-request-id"]).toMatch(HEX32);
    expect(json(r)).toEqual({ total_num: 1, backup_record_response: [JSON.parse(JSON.stringify(record))] });
    const [got] = json(r).backup_record_response as Json[];
    expect(got).toMatchObject({ period: {}, error_code: {}, is_support_restore: "TRUE", progress: "100.00", backup_name: "backup_20261120090016" });
    expect(got.created_at).toMatch(ISO_MS);
    expect(typeof got.size).toBe("number");
  });

  it.each([
    ["a wrong SK", { sk: "EMU-HW-WRONG-SECRET" }],
    ["an unknown AK", { ak: "EMUHWNOBODY" }],
  ])("refuses %s with 401 APIGW.0301", async (_n, opts) => {
    emu.data.addDcsInstance(HW.projectId, instanceId, [dcsBackupRecord()]);
    const r = await dcsGet(HW.projectId, instanceId, {}, opts);
    expectHuaweiSignatureRefused(r, HW.secretKey);
  });

  it("refuses an X-Sdk-Date 20 minutes old with 401 APIGW.0301", async () => {
    emu.data.addDcsInstance(HW.projectId, instanceId, []);
    const old = new Date(Date.now() - 20 * 60_000)
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}Z$/, "Z");
    const r = await dcsGet(HW.projectId, instanceId, {}, { sdkDate: old });
    expect([r.status, json(r).error_code]).toEqual([401, "APIGW.0301"]);
  });

  it("answers an instance without records with 204, an empty body and X-Request-Id", async () => {
    emu.data.addDcsInstance(HW.projectId, instanceId, []);
    const r = await dcsGet(HW.projectId, instanceId, { offset: 0, limit: 10 });
    expect([r.status, r.text]).toEqual([204, ""]);
    expect(r.headers["x-request-id"]).toMatch(HEX32);
  });

  it("answers 204 when the window holds no record", async () => {
    emu.data.addDcsInstance(HW.projectId, instanceId, [dcsBackupRecord({ created_at: "2026-11-20T01:00:16.166Z" })]);
    const r = await dcsGet(HW.projectId, instanceId, { begin_time: "20261120010017" });
    expect(r.status).toBe(204);
  });

  it("filters on created_at with second precision, both ends inclusive", async () => {
    emu.data.addDcsInstance(HW.projectId, instanceId, [
      dcsBackupRecord({ backup_id: "a", created_at: "2026-11-20T01:00:16.999Z" }),
      dcsBackupRecord({ backup_id: "b", created_at: "2026-11-20T01:00:17.000Z" }),
      dcsBackupRecord({ backup_id: "c", created_at: "2026-11-20T01:00:18.000Z" }),
    ]);
    const r = await dcsGet(HW.projectId, instanceId, { begin_time: "20261120010016", end_time: "20261120010017" });
    expect((json(r).backup_record_response as Json[]).map((x) => x.backup_id).sort()).toEqual(["a", "b"]);
    expect(json(r).total_num).toBe(2);
  });

  it.each([
    [{ limit: 0 }, 400, "DCS.4063", "Invalid limit parameter in the request."],
    [{ limit: 1001 }, 400, "DCS.4063", "Invalid limit parameter in the request."],
    [{ limit: "ten" }, 400, "DCS.4063", "Invalid limit parameter in the request."],
    [{ offset: -1 }, 400, "DCS.4063", "Invalid offset parameter in the request."],
    [{ begin_time: "2026-11-20T00:00:00Z" }, 400, "DCS.4063", "Invalid begin_time parameter in the request."],
    [{ end_time: "20261132000000" }, 400, "DCS.4063", "Invalid end_time parameter in the request."],
    [{ begin_time: "20261120000000", end_time: "20261119000000" }, 400, "DCS.4025", "The end time must be after the start time."],
  ])("refuses %j with %i %s", async (query, status, code, message) => {
    emu.data.addDcsInstance(HW.projectId, instanceId, [dcsBackupRecord()]);
    const r = await dcsGet(HW.projectId, instanceId, query);
    expect([r.status, json(r)]).toEqual([status, { error_msg: message, error_code: code, error_ext_msg: null }]);
    expect(r.headers["x-request-id"]).toMatch(HEX32);
  });

  it("answers an unknown instance with 404 DCS.3022, a malformed project id with 400 DCS.4002, an unknown path with 404 APIGW.0101", async () => {
    const unknown = await dcsGet(HW.projectId, "no-such-instance");
    expect([unknown.status, json(unknown)]).toEqual([404, { error_msg: "This DCS instance does not exist.", error_code: "DCS.3022", error_ext_msg: null }]);
    const badProject = await dcsGet("not-a-project", instanceId);
    expect([badProject.status, json(badProject).error_code]).toEqual([400, "DCS.4002"]);
    const path = await dcsGet(HW.projectId, instanceId, {}, { path: `/v2/${HW.projectId}/instances/${instanceId}/restores` });
    expect([path.status, json(path).error_code]).toEqual([404, "APIGW.0101"]);
  });

  it("canonicalises path and query exactly like the official signer", () => {
    const query = { "a b": "x y", tilde: "~*'!", unicode: "日本", empty: "", list: "1" };
    const raw = encode(query);
    expect(huaweiCanonicalQuery(raw)).toBe((AKSKSigner as unknown as SignerInternals).CanonicalQueryString({ queryParams: query }));
    for (const p of ["/v2/p/instances/i/backups", "/v2/p/instances/i/backups/", "/v2/a%20b/x"]) {
      expect(huaweiCanonicalUri(p)).toBe((AKSKSigner as unknown as SignerInternals).CanonicalURI(decodeURIComponent(p)));
    }
  });
});

// ------------------------------------------------------------------------------------------- pagination

describe("pagination and order", () => {
  it("RDS: every page together holds every backup exactly once, in a scrambled but stable order", async () => {
    const backups = rdsBackups({ instanceId: "rm-page", count: 730, now: NOW, seed: 7, failedEvery: 9 });
    emu.data.addRdsInstance("rm-page", backups);
    const pages = await allRdsPages("rm-page", 100);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 100, 100, 100, 100, 100, 30]);
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(730);
    expect([...ids].sort()).toEqual(backups.map((b) => b.BackupId).sort());
    const starts = new Map(backups.map((b) => [b.BackupId, b.BackupStartTime]));
    expect(isMonotonic(pages[0].map((id) => starts.get(id)!))).toBe(false);
    expect(isMonotonic(pages[0])).toBe(false);
    const again = await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-page", PageSize: 100, PageNumber: 3 });
    expect(again.Items.Backup.map((b) => b.BackupId)).toEqual(pages[2]);
    expect(again.TotalRecordCount).toBe("730");
    expect(again.PageRecordCount).toBe("100");
  });

  it("RDS: the order depends on the seed and the query, not on the page size alone", async () => {
    emu.data.addRdsInstance("rm-page", rdsBackups({ instanceId: "rm-page", count: 60, now: NOW, seed: 7 }));
    const other = await startEmulator({ seed: 43 });
    try {
      other.data.addRdsInstance("rm-page", emu.data.rds.get("rm-page")!.backups);
      const mine = (await allRdsPages("rm-page", 30)).flat();
      const theirs = await (async () => {
        const saved = emu;
        emu = other;
        try {
          return (await allRdsPages("rm-page", 30)).flat();
        } finally {
          emu = saved;
        }
      })();
      expect(new Set(theirs)).toEqual(new Set(mine));
      expect(theirs).not.toEqual(mine);
    } finally {
      await other.close();
    }
  });

  it("KVStore: pages of a 4-shard cluster cover every shard record once; TotalCount counts all matches", async () => {
    const records = kvstoreBackups({ instanceId: "r-page", shards: 4, jobs: 40, now: NOW, seed: 9, incompleteEvery: 10 });
    expect(records.length).toBe(40 * 4 - 4);
    emu.data.addKvstoreInstance("r-page", records);
    const seen: number[] = [];
    for (let page = 1; page <= 6; page++) {
      const body = await callAli("DescribeBackups", KVS, {
        InstanceId: "r-page",
        StartTime: "2026-01-01T00:00Z",
        EndTime: "2026-11-20T12:00Z",
        PageSize: 30,
        PageNumber: page,
      });
      expect(body.TotalCount).toBe(156);
      expect(body.PageNumber).toBe(page);
      seen.push(...body.Backups.Backup.map((b) => b.BackupId as number));
    }
    expect(seen.length).toBe(156);
    expect([...seen].sort((a, b) => a - b)).toEqual(records.map((r) => r.BackupId).sort((a, b) => a - b));
  });

  it("DCS: offset counts records and total_num counts all matches", async () => {
    const records = dcsBackups({ instanceId: "i-page", count: 60, now: NOW, seed: 5, failedEvery: 6 });
    emu.data.addDcsInstance(HW.projectId, "i-page", records);
    const seen: string[] = [];
    for (let offset = 0; offset < 70; offset += 7) {
      const r = await dcsGet(HW.projectId, "i-page", { offset, limit: 7 });
      expect(json(r).total_num).toBe(60);
      seen.push(...(json(r).backup_record_response as Json[]).map((x) => x.backup_id as string));
    }
    expect(seen.length).toBe(60);
    expect(new Set(seen)).toEqual(new Set(records.map((r) => r.backup_id)));
    const firstPage = (json(await dcsGet(HW.projectId, "i-page")).backup_record_response as Json[]).map((x) => x.created_at as string);
    expect(firstPage.length).toBe(DCS_DEFAULT_LIMIT);
    expect(isMonotonic(firstPage)).toBe(false);
  });

  it("RDS and KVStore windows apply to the start time, minute precision, both ends inclusive", async () => {
    emu.data.addRdsInstance("rm-win", [
      rdsBackup({ BackupId: "1", BackupStartTime: "2026-11-20T01:59:59Z", BackupEndTime: "2026-11-20T02:30:00Z" }),
      rdsBackup({ BackupId: "2", BackupStartTime: "2026-11-20T02:00:45Z" }),
      rdsBackup({ BackupId: "3", BackupStartTime: "2026-11-20T03:00:59Z" }),
      rdsBackup({ BackupId: "4", BackupStartTime: "2026-11-20T03:01:00Z" }),
    ]);
    const body = await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-win", StartTime: "2026-11-20T02:00Z", EndTime: "2026-11-20T03:00Z" });
    expect(body.Items.Backup.map((b) => b.BackupId).sort()).toEqual(["2", "3"]);
    emu.data.addKvstoreInstance("r-win", [
      kvstoreBackup({ BackupId: 1, BackupStartTime: "2026-11-20T02:59:59Z" }),
      kvstoreBackup({ BackupId: 2, BackupStartTime: "2026-11-20T03:00:30Z" }),
    ]);
    const kv = await callAli("DescribeBackups", KVS, { InstanceId: "r-win", StartTime: "2026-11-20T03:00Z", EndTime: "2026-11-20T04:00Z" });
    expect(kv.Backups.Backup.map((b) => b.BackupId)).toEqual([2]);
  });

  it("RDS filters BackupId, BackupStatus, BackupMode and BackupType", async () => {
    emu.data.addRdsInstance("rm-f", [
      rdsBackup({ BackupId: "1" }),
      rdsBackup({ BackupId: "2", BackupStatus: "Failed" }),
      rdsBackup({ BackupId: "3", BackupMode: "Manual" }),
      rdsBackup({ BackupId: "4", BackupType: "IncrementalBackup" }),
    ]);
    const ids = async (q: Record<string, string>) =>
      (await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-f", ...q })).Items.Backup.map((b) => b.BackupId).sort();
    expect(await ids({ BackupId: "3" })).toEqual(["3"]);
    expect(await ids({ BackupStatus: "Success" })).toEqual(["1", "3", "4"]);
    expect(await ids({ BackupMode: "Manual" })).toEqual(["3"]);
    expect(await ids({ BackupType: "FullBackup" })).toEqual(["1", "2", "3"]);
  });

  it("ListUserBackupFiles filters Status, Comment (fuzzy), BackupId, OssUrl, Tags and ResourceGroupId", async () => {
    const files = [
      userBackupFile(
        { BackupId: "b-1", Comment: "Nightly FULL export", OssUrl: "https://o/1" },
        { tags: { env: "prod", team: "data" }, resourceGroupId: "rg-a" },
      ),
      userBackupFile({ BackupId: "b-2", Status: "Failed", Comment: "other", OssUrl: "https://o/2" }, { tags: { env: "prod" }, resourceGroupId: "rg-b" }),
      userBackupFile({ BackupId: "b-3", Comment: "full", OssUrl: "https://o/3" }, { tags: { env: "staging", team: "data" }, resourceGroupId: "rg-a" }),
    ];
    emu.data.addUserBackupFiles("cn-hangzhou", files);
    const ids = async (q: Record<string, string>) =>
      (await callAli("ListUserBackupFiles", RDS, { RegionId: "cn-hangzhou", ...q })).Records.map((r) => r.BackupId).sort();
    expect(await ids({})).toEqual(["b-1", "b-2", "b-3"]);
    expect(await ids({ Status: "BackupSuccess" })).toEqual(["b-1", "b-3"]);
    expect(await ids({ Comment: "full" })).toEqual(["b-1", "b-3"]);
    expect(await ids({ BackupId: "b-2" })).toEqual(["b-2"]);
    expect(await ids({ OssUrl: "https://o/3" })).toEqual(["b-3"]);
    expect(await ids({ Tags: "env:prod" })).toEqual(["b-1", "b-2"]);
    expect(await ids({ Tags: "env:prod,team:data" })).toEqual(["b-1"]);
    expect(await ids({ ResourceGroupId: "rg-a" })).toEqual(["b-1", "b-3"]);
    expect(await ids({ RegionId: "ap-southeast-1" })).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------- validation

describe("validation errors as the vendor pages document them", () => {
  beforeEach(() => {
    emu.data.addRdsInstance("rm-v", [rdsBackup()]);
    emu.data.addKvstoreInstance("r-v", [kvstoreBackup()]);
  });
  const window = { StartTime: "2026-11-19T00:00Z", EndTime: "2026-11-20T00:00Z" };

  it.each<[string, string, Record<string, string | number>, number, string, string]>([
    ["RDS", RDS, { DBInstanceId: "rm-v", PageSize: 20 }, 403, "InvalidMaxRecordsPerPage.Malformed", "Specified record number is not valid."],
    ["RDS", RDS, { DBInstanceId: "rm-v", PageSize: 200 }, 403, "InvalidMaxRecordsPerPage.Malformed", "Specified record number is not valid."],
    ["RDS", RDS, { DBInstanceId: "rm-v", PageNumber: 0 }, 400, "InvalidPageNumbers.Malformed", "Specified page number is not valid."],
    ["RDS", RDS, { DBInstanceId: "rm-v", PageNumber: "x" }, 400, "InvalidPageNumbers.Malformed", "Specified page number is not valid."],
    ["RDS", RDS, { DBInstanceId: "rm-v", StartTime: "2026-11-19T00:00:00Z" }, 400, "InvalidStartTime.Format", "Specified start time is not valid."],
    ["RDS", RDS, { DBInstanceId: "rm-v", EndTime: "2026-11-19" }, 400, "InvalidEndTime.Format", "Specified end time is not valid."],
    [
      "RDS",
      RDS,
      { DBInstanceId: "rm-v", StartTime: "2026-11-19T00:00Z", EndTime: "2026-11-19T00:00Z" },
      400,
      "InvalidParameterCombination",
      "The end time must be greater than the start time",
    ],
    ["RDS", RDS, { DBInstanceId: "rm-nope" }, 400, "InvalidDBInstanceId.NotFound", "The DBInstanceId provided does not exist in records."],
    ["RDS", RDS, {}, 400, "MissingDBInstanceId", "DBInstanceId is mandatory for this action."],
    ["KVStore", KVS, { InstanceId: "r-v", EndTime: window.EndTime }, 400, "MissingStartTime", "StartTime is mandatory for this action."],
    ["KVStore", KVS, { InstanceId: "r-v", StartTime: window.StartTime }, 400, "MissingEndTime", "EndTime is mandatory for this action."],
    [
      "KVStore",
      KVS,
      { InstanceId: "r-v", ...window, StartTime: "2026-11-19 00:00" },
      400,
      "InvalidStartTime.Malformed",
      "The Specified parameter StartTime is not valid.",
    ],
    [
      "KVStore",
      KVS,
      { InstanceId: "r-v", ...window, EndTime: "2026-11-31T00:00Z" },
      400,
      "InvalidEndTime.Malformed",
      "The Specified parameter EndTime is not valid.",
    ],
    [
      "KVStore",
      KVS,
      { InstanceId: "r-v", StartTime: window.EndTime, EndTime: window.StartTime },
      400,
      "InvalidStartTimeAndEndTime.Malformed",
      "The end time must be greater than the start time.",
    ],
    ["KVStore", KVS, { InstanceId: "r-v", ...window, PageSize: 10 }, 400, "InvalidPageSize.Malformed", "The specified parameter PageSize is not valid."],
    ["KVStore", KVS, { InstanceId: "r-nope", ...window }, 404, "InvalidInstanceId.NotFound", "The specified instance is not found."],
  ])("%s DescribeBackups (%s) %j -> %i %s", async (_p, version, query, status, code, message) => {
    const error = await failure<AliSdkError>(callAli("DescribeBackups", version, query));
    expect([error.code, error.data.statusCode, error.data.Message]).toEqual([code, status, message]);
  });

  it("ListUserBackupFiles without RegionId is 400 MissingRegionId", async () => {
    const error = await failure<AliSdkError>(callAli("ListUserBackupFiles", RDS, {}));
    expect([error.code, error.data.statusCode, error.data.Message]).toEqual(["MissingRegionId", 400, "RegionId is mandatory for this action."]);
  });

  it("DescribeBackupTasks refuses an unknown instance and a BackupJobStatus outside NoStart|Progressing", async () => {
    expect((await failure(callAli("DescribeBackupTasks", RDS, { DBInstanceId: "rm-nope" }))).code).toBe("InvalidDBInstanceId.NotFound");
    expect((await failure(callAli("DescribeBackupTasks", RDS, { DBInstanceId: "rm-v", BackupJobStatus: "Finished" }))).code).toBe("InvalidParameter");
  });

  it("accepts the allowed page sizes and uses 30 by default", async () => {
    for (const size of [30, 50, 100]) await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-v", PageSize: size });
    for (const size of [30, 50, 100, 200, 300]) await callAli("DescribeBackups", KVS, { InstanceId: "r-v", ...window, PageSize: size });
    expect((await callAli("DescribeBackups", KVS, { InstanceId: "r-v", ...window })).PageSize).toBe(30);
  });
});

// ----------------------------------------------------------------------------------------------- faults

describe("fault plan", () => {
  beforeEach(() => {
    emu.data.addRdsInstance("rm-x", rdsBackups({ instanceId: "rm-x", count: 730, now: NOW, seed: 3 }));
    emu.data.addDcsInstance(HW.projectId, "i-x", dcsBackups({ instanceId: "i-x", count: 30, now: NOW, seed: 3 }));
  });
  const rds = (q: Record<string, string | number> = {}) => callAli("DescribeBackups", RDS, { DBInstanceId: "rm-x", PageSize: 100, ...q });

  it.each<[Fault, number, string]>([
    [{ kind: "throttle" }, 400, "Throttling.User"],
    [{ kind: "throttle", code: "Throttling" }, 400, "Throttling"],
    [{ kind: "throttle", code: "ServiceUnavailable" }, 503, "ServiceUnavailable"],
    [{ kind: "http", status: 500 }, 500, "InternalError"],
    [{ kind: "http", status: 403, code: "Forbidden.RAM", message: "no" }, 403, "Forbidden.RAM"],
  ])("Alibaba %j -> %i %s, consumed once", async (fault, status, code) => {
    emu.faults.add("rds.DescribeBackups", fault);
    const error = await failure<AliSdkError>(rds());
    expect([error.code, error.data.statusCode]).toEqual([code, status]);
    expect(error.data.RequestId).toMatch(GUID);
    expect((await rds()).TotalRecordCount).toBe("730");
    expect(emu.faults.pending()).toBe(0);
  });

  it("Huawei throttle -> 429 APIGW.0308 with Retry-After", async () => {
    emu.faults.add("dcs.ListBackupRecords", { kind: "throttle", retryAfter: 3 });
    const r = await dcsGet(HW.projectId, "i-x");
    expect([r.status, json(r).error_code, r.headers["retry-after"]]).toEqual([429, "APIGW.0308", "3"]);
    expect(json(r).request_id).toBe(r.headers["x-request-id"]);
    expect((await dcsGet(HW.projectId, "i-x")).status).toBe(200);
  });

  it("Huawei http fault -> DCS error body", async () => {
    emu.faults.add("dcs.ListBackupRecords", { kind: "http", status: 500, code: "DCS.5010", message: "Failed to operate." });
    const r = await dcsGet(HW.projectId, "i-x");
    expect([r.status, json(r)]).toEqual([500, { error_msg: "Failed to operate.", error_code: "DCS.5010", error_ext_msg: null }]);
  });

  it("slow: the normal answer after the delay, waited on the emulator's clock", async () => {
    const clock = await emulatorOnManualClock();
    emu.data.addRdsInstance("rm-x", rdsBackups({ instanceId: "rm-x", count: 730, now: NOW, seed: 3 }));
    emu.faults.add("rds.DescribeBackups", { kind: "slow", ms: 300 });
    const started = clock.now().getTime();
    expect((await rds()).TotalRecordCount).toBe("730");
    expect(clock.slept).toEqual([300]);
    expect(clock.now().getTime() - started).toBe(300);
  });

  it("truncated: status and headers of the real answer, body cut mid-JSON", async () => {
    emu.faults.add("dcs.ListBackupRecords", { kind: "truncated" });
    const r = await dcsGet(HW.projectId, "i-x");
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json;charset=UTF-8");
    expect(Number(r.headers["content-length"])).toBe(Buffer.byteLength(r.text));
    expect(r.text.startsWith('{"total_num":30,')).toBe(true);
    expect((): unknown => JSON.parse(r.text)).toThrow();
    emu.faults.add("rds.DescribeBackups", { kind: "truncated" });
    await expect(rds()).rejects.toThrow();
  });

  it("html: a 502 page from a proxy", async () => {
    emu.faults.add("rds.DescribeBackups", { kind: "html" });
    const r = await acs3({ action: "DescribeBackups", version: RDS, query: { DBInstanceId: "rm-x" } });
    expect([r.status, r.headers["content-type"]]).toEqual([502, "text/html"]);
    expect(r.text).toContain("<title>502 Bad Gateway</title>");
  });

  it("nonJson200: HTTP 200 that is not JSON", async () => {
    emu.faults.add("dcs.ListBackupRecords", { kind: "nonJson200" });
    const r = await dcsGet(HW.projectId, "i-x");
    expect(r.status).toBe(200);
    expect((): unknown => JSON.parse(r.text)).toThrow();
  });

  it("reset: the connection is dropped without an answer", async () => {
    emu.faults.add("*", { kind: "reset" }, 2);
    await expect(dcsGet(HW.projectId, "i-x")).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(rds()).rejects.toThrow();
    expect(emu.requests.map((r) => [r.action, r.status])).toEqual([
      ["dcs.ListBackupRecords", 0],
      ["rds.DescribeBackups", 0],
    ]);
    expect((await rds()).TotalRecordCount).toBe("730");
  });

  it("repeatPreviousPage: page 2 holds page 1's records", async () => {
    const page1 = (await rds({ PageNumber: 1 })).Items.Backup;
    emu.faults.add("rds.DescribeBackups", { kind: "repeatPreviousPage" });
    const page2 = await rds({ PageNumber: 2 });
    expect(page2.PageNumber).toBe("2");
    expect(page2.Items.Backup.map((b) => b.BackupId)).toEqual(page1.map((b) => b.BackupId));
  });

  it("totalChanges, totalInflated and emptyPage alter one page only", async () => {
    emu.faults.add("rds.DescribeBackups", { kind: "totalChanges", delta: -5 });
    emu.faults.add("rds.DescribeBackups", { kind: "totalInflated", total: 5000 });
    emu.faults.add("rds.DescribeBackups", { kind: "emptyPage" });
    expect((await rds({ PageNumber: 2 })).TotalRecordCount).toBe("725");
    expect((await rds({ PageNumber: 3 })).TotalRecordCount).toBe("5000");
    const empty = await rds({ PageNumber: 4 });
    expect([empty.Items.Backup, empty.PageRecordCount, empty.TotalRecordCount]).toEqual([[], "0", "730"]);
    expect((await rds({ PageNumber: 4 })).PageRecordCount).toBe("100");

    emu.faults.add("dcs.ListBackupRecords", { kind: "totalInflated", total: 99 });
    emu.faults.add("dcs.ListBackupRecords", { kind: "emptyPage" });
    expect(json(await dcsGet(HW.projectId, "i-x", { limit: 10 })).total_num).toBe(99);
    expect(json(await dcsGet(HW.projectId, "i-x", { limit: 10 }))).toEqual({ total_num: 30, backup_record_response: [] });
  });

  it("times: a fault queued twice hits the next two matching requests only", async () => {
    emu.faults.add("rds.DescribeBackups", { kind: "throttle" }, 2);
    emu.data.addKvstoreInstance("r-x", []);
    await callAli("DescribeBackups", KVS, { InstanceId: "r-x", StartTime: "2026-11-19T00:00Z", EndTime: "2026-11-20T00:00Z" });
    expect(emu.faults.pending("rds.DescribeBackups")).toBe(2);
    await failure(rds());
    await failure(rds());
    expect((await rds()).TotalRecordCount).toBe("730");
    expect(emu.requests.map((r) => r.status)).toEqual([200, 400, 400, 200]);
  });
});

// -------------------------------------------------------------------------------------------- RDS tasks

describe("scripted RDS backup jobs", () => {
  it("advance one step per query, leave the unfinished list when done, and report their BackupId by id", async () => {
    emu.data.addRdsInstance("rm-t", rdsBackups({ instanceId: "rm-t", count: 3, now: NOW, seed: 1 }));
    const script = rdsTaskScript({ backupJobId: 91000001, instanceId: "rm-t", now: NOW });
    emu.data.addRdsTask("rm-t", script);
    const poll = async () => (await callAli("DescribeBackupTasks", RDS, { DBInstanceId: "rm-t" })).Items.BackupJob;
    expect((await poll()).map((j) => [j.BackupStatus, j.BackupProgressStatus, j.Process])).toEqual([["Uploading", "Uploading", "20"]]);
    expect((await poll()).map((j) => [j.BackupStatus, j.Process])).toEqual([["Uploading", "60"]]);
    expect((await poll()).map((j) => [j.BackupStatus, j.Process])).toEqual([["Checking", "90"]]);
    expect(await poll()).toEqual([]);
    const byId = await callAli("DescribeBackupTasks", RDS, { DBInstanceId: "rm-t", BackupJobId: 91000001 });
    expect(byId.Items.BackupJob).toEqual([
      {
        JobMode: "Manual",
        BackupProgressStatus: "Finished",
        TaskAction: "TempBackupTask",
        BackupJobId: 91000001,
        Process: "100",
        BackupId: script.produces!.BackupId,
      },
    ]);
    const produced = await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-t", BackupId: script.produces!.BackupId });
    expect(produced.Items.Backup).toEqual([JSON.parse(JSON.stringify(script.produces))]);
  });

  it("a failing job ends with BackupStatus Failed and no BackupId", async () => {
    emu.data.addRdsInstance("rm-t");
    emu.data.addRdsTask("rm-t", rdsTaskScript({ backupJobId: 5, instanceId: "rm-t", now: NOW, outcome: "fail" }));
    for (let i = 0; i < 2; i++) await callAli("DescribeBackupTasks", RDS, { DBInstanceId: "rm-t", BackupJobId: 5 });
    const last = await callAli("DescribeBackupTasks", RDS, { DBInstanceId: "rm-t", BackupJobId: 5 });
    expect(last.Items.BackupJob).toEqual([
      { JobMode: "Manual", BackupProgressStatus: "Uploading", TaskAction: "TempBackupTask", BackupStatus: "Failed", BackupJobId: 5, Process: "60" },
    ]);
    expect(emu.data.rds.get("rm-t")!.backups).toEqual([]);
  });

  it("filters BackupMode and BackupJobStatus; an unknown BackupJobId gives an empty list", async () => {
    emu.data.addRdsInstance("rm-t");
    emu.data.addRdsTask("rm-t", rdsTaskScript({ backupJobId: 1, instanceId: "rm-t", now: NOW, mode: "Automated", steps: rdsJobSteps(["NoStart", 0]) }));
    emu.data.addRdsTask("rm-t", rdsTaskScript({ backupJobId: 2, instanceId: "rm-t", now: NOW, steps: rdsJobSteps(["Uploading", 30]) }));
    const ids = async (q: Record<string, string | number>) =>
      (await callAli("DescribeBackupTasks", RDS, { DBInstanceId: "rm-t", ...q })).Items.BackupJob.map((j) => j.BackupJobId).sort();
    expect(await ids({})).toEqual([1, 2]);
    expect(await ids({ BackupJobStatus: "NoStart" })).toEqual([1]);
    expect(await ids({ BackupJobStatus: "Progressing" })).toEqual([2]);
    expect(await ids({ BackupMode: "Automated" })).toEqual([1]);
    expect(await ids({ BackupJobId: 999 })).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------ bookkeeping, fleet

describe("request log, latency and the seeded fleet", () => {
  it("records every request with its action and parameters (never a secret) and counts them", async () => {
    emu.data.addRdsInstance("rm-l", []);
    await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-l" }, { creds: STS, legacy: true });
    await failure(callAli("DescribeBackups", RDS, { DBInstanceId: "rm-nope" }));
    emu.data.addDcsInstance(HW.projectId, "i-l", []);
    await dcsGet(HW.projectId, "i-l", { limit: 5 });
    expect(emu.count()).toBe(3);
    expect(emu.count("rds.DescribeBackups")).toBe(2);
    expect(emu.count("dcs.ListBackupRecords")).toBe(1);
    expect(emu.requests.map(({ cloud, action, params, status }) => ({ cloud, action, params, status }))).toEqual([
      { cloud: "alibaba", action: "rds.DescribeBackups", params: { DBInstanceId: "rm-l" }, status: 200 },
      { cloud: "alibaba", action: "rds.DescribeBackups", params: { DBInstanceId: "rm-nope" }, status: 400 },
      { cloud: "huawei", action: "dcs.ListBackupRecords", params: { project_id: HW.projectId, instance_id: "i-l", limit: "5" }, status: 204 },
    ]);
    expect(JSON.stringify(emu.requests)).not.toContain(STS.securityToken);
    emu.resetRequests();
    expect(emu.count()).toBe(0);
  });

  it("setLatency delays every answer (waited on the emulator's clock), a slow fault on top of it", async () => {
    const clock = await emulatorOnManualClock();
    emu.data.addRdsInstance("rm-l", []);
    emu.setLatency(200);
    await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-l" });
    emu.faults.add("rds.DescribeBackups", { kind: "slow", ms: 50 });
    await callAli("DescribeBackups", RDS, { DBInstanceId: "rm-l" });
    expect(clock.slept).toEqual([200, 250]);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it("generators are deterministic for a seed and now, and realistic", () => {
    const a = rdsBackups({ instanceId: "rm-g", count: 730, now: NOW, seed: 11, failedEvery: 9, unavailableEvery: 31, manualEvery: 14 });
    expect(rdsBackups({ instanceId: "rm-g", count: 730, now: NOW, seed: 11, failedEvery: 9, unavailableEvery: 31, manualEvery: 14 })).toEqual(a);
    expect(rdsBackups({ instanceId: "rm-g", count: 730, now: NOW, seed: 12 })[0]).not.toEqual(a[0]);
    expect(a[0].BackupStartTime.slice(0, 13)).toBe("2026-11-20T02");
    expect(a[729].BackupStartTime.slice(0, 10)).toBe("2024-11-21");
    expect(a.every((b) => Date.parse(b.BackupEndTime) < NOW.getTime() && Date.parse(b.BackupEndTime) > Date.parse(b.BackupStartTime))).toBe(true);
    const minutes = a.map((b) => (Date.parse(b.BackupEndTime) - Date.parse(b.BackupStartTime)) / 60_000);
    expect(Math.min(...minutes)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...minutes)).toBeLessThanOrEqual(60);
    expect(a[8]).toMatchObject({ BackupStatus: "Failed", IsAvail: 0, BackupDownloadURL: null });
    expect(a[30]).toMatchObject({ BackupStatus: "Success", IsAvail: 0 });
    expect(a[13]).toMatchObject({ BackupMode: "Manual", BackupInitiator: "User" });
    expect(a[0].BackupId.length).toBe(9);
    expect(a[729].BackupId.length).toBe(8);
    expect(a.every((b, i) => i === 0 || BigInt(b.BackupId) < BigInt(a[i - 1].BackupId))).toBe(true);

    const stale = rdsBackups({ instanceId: "rm-s", count: 10, now: NOW, seed: 1, newestUsableAgeDays: 3 });
    expect(stale.findIndex((b) => b.BackupStatus === "Success" && b.IsAvail === 1)).toBe(3);

    const standard = kvstoreBackups({ instanceId: "r-std", jobs: 3, now: NOW, seed: 1 });
    expect(standard.map((b) => b.NodeInstanceId)).toEqual(["r-std", "r-std", "r-std"]);
    const cluster = kvstoreBackups({ instanceId: "r-c", shards: 4, jobs: 2, now: NOW, seed: 1 });
    expect(cluster.map((b) => b.NodeInstanceId)).toEqual(
      ["r-c-db-0", "r-c-db-1", "r-c-db-2", "r-c-db-3", "r-c-db-0", "r-c-db-1", "r-c-db-2", "r-c-db-3"].reverse(),
    );
    expect(new Set(cluster.slice(0, 4).map((b) => b.BackupJobID)).size).toBe(1);

    const dcs = dcsBackups({ instanceId: "i-g", count: 5, now: NOW, seed: 1 });
    expect(dcs.every((r) => ISO_MS.test(r.created_at) && r.is_support_restore === "TRUE" && r.status === "succeed")).toBe(true);
    const files = userBackupFiles({ count: 8, now: NOW, seed: 1 });
    expect(files[0].record.Status).toBe("Importing");
    expect(files.every((f) => /^\d{13}$/.test(f.record.CreationTime) && /^b-[a-z0-9]{16}$/.test(f.record.BackupId))).toBe(true);
  });

  it("seedDemoFleet serves every API", async () => {
    const ids = seedDemoFleet(emu, NOW);
    expect((await callAli("DescribeBackups", RDS, { DBInstanceId: ids.rdsInstanceId })).TotalRecordCount).toBe("730");
    const jobs = await callAli("DescribeBackupTasks", RDS, { DBInstanceId: ids.rdsInstanceId });
    expect(jobs.Items.BackupJob.map((j) => j.BackupJobId)).toEqual([ids.rdsRunningJobId]);
    expect((await callAli("ListUserBackupFiles", RDS, { RegionId: ids.userBackupRegion, Tags: "env:prod" })).Records.length).toBe(8);
    const kv = await callAli("DescribeBackups", KVS, {
      InstanceId: ids.kvstoreClusterId,
      StartTime: "2026-10-01T00:00Z",
      EndTime: "2026-11-20T12:00Z",
      PageSize: 300,
    });
    expect(new Set(kv.Backups.Backup.map((b) => b.NodeInstanceId)).size).toBe(4);
    expect(json(await dcsGet(ids.dcsProjectId, ids.dcsInstanceId)).total_num).toBe(60);
    expect((await dcsGet(ids.dcsProjectId, ids.dcsEmptyInstanceId)).status).toBe(204);
  });
});
