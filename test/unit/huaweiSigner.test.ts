/**
 * The hand-written Huawei SDK-HMAC-SHA256 signer, checked byte for byte against the official Node SDK's
 * signer (`@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js`, a dev dependency) used as an oracle.
 *
 * The oracle is driven the way the SDK drives it: an `HttpRequestImpl` built with `HttpRequestBuilder`
 * (endpoint = full URL without query, `queryParams` object, `headers`, `data` object that it JSON-stringifies)
 * and a `BasicCredentials`. Its clock is frozen by passing the `X-Sdk-Date` header it reads first.
 */
import { createHash } from "crypto";
import { formatSdkDate, signHuaweiRequest } from "../../provider/clouds/huawei/signer";

import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import { HttpRequestBuilder } from "@huaweicloud/huaweicloud-sdk-core/http/IHttpRequestBuilder";

/** The signer's payload hash (protected in its declared type), the oracle for ours. */
const payloadHash = (request: { headers: Record<string, string>; data: unknown }): string =>
  (AKSKSigner as unknown as { buildPayloadHash(r: typeof request): string }).buildPayloadHash(request);

const AK = "HPUAEXAMPLEAK1234567";
const SK = "sk/EXAMPLE+secret=key0123456789abcdefghij";
const SDK_DATE = "20240102T030405Z";

type Query = Record<string, string | string[]>;
interface Case {
  name: string;
  method: string;
  origin: string;
  /** The path as the oracle gets it (raw characters; must not contain characters that url.parse auto-escapes). */
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  data?: object;
}

const PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const INSTANCE = "5560df16-ebc4-4c8e-a3b0-4a5a0c7f1e4b";
const DCS = "https://dcs.cn-north-4.myhuaweicloud.com";

const cases: Case[] = [
  {
    name: "DCS ListBackupRecords: unsorted query keys, X-Project-Id",
    method: "GET",
    origin: DCS,
    path: `/v2/${PROJECT}/instances/${INSTANCE}/backups`,
    query: { offset: "0", limit: "1000", begin_time: "20240101000000", end_time: "20240102030405" },
    headers: { "X-Project-Id": PROJECT },
  },
  {
    name: "empty query, no body, no extra header",
    method: "GET",
    origin: DCS,
    path: `/v2/${PROJECT}/instances`,
  },
  {
    name: "path that already ends with a slash",
    method: "GET",
    origin: DCS,
    path: `/v2/${PROJECT}/instances/`,
    query: {},
  },
  {
    name: "root path",
    method: "GET",
    origin: DCS,
    path: "/",
  },
  {
    name: "path segments with sub-delims, unreserved marks and unicode",
    method: "GET",
    origin: DCS,
    path: "/v2/a:b@c!$&*()+,;=/x~y_z-w.v/ä€😀/名字",
    headers: { "X-Project-Id": PROJECT },
  },
  {
    name: "repeated query key with unsorted values",
    method: "GET",
    origin: DCS,
    path: `/v2/${PROJECT}/instances`,
    query: { status: ["RUNNING", "ERROR", "CREATING"], name: "b", engine: "Redis" },
  },
  {
    name: "query values with spaces, reserved characters, unicode and an empty value",
    method: "GET",
    origin: DCS,
    path: `/v2/${PROJECT}/instances`,
    query: { q: "a b+c/d?e=f&g#h%20", name: "缓存 实例", emoji: "😀", empty: "", "weird key!": "v*'()" },
  },
  {
    name: "POST with JSON body, Content-Type and X-Project-Id",
    method: "POST",
    origin: DCS,
    path: `/v2/${PROJECT}/instances/${INSTANCE}/restores`,
    headers: { "Content-Type": "application/json;charset=UTF-8", "X-Project-Id": PROJECT },
    data: { backup_id: "b-1", remark: 'restore é "quoted"', nested: { n: [1, 2.5, true, null] } },
  },
  {
    name: "temporary credentials: X-Security-Token",
    method: "GET",
    origin: DCS,
    path: `/v2/${PROJECT}/instances/${INSTANCE}/backups`,
    query: { limit: "10" },
    headers: { "X-Project-Id": PROJECT, "X-Security-Token": "gQpjbi1ub3J0aC00SM-token/+=" },
  },
  {
    name: "emulator origin with a port",
    method: "GET",
    origin: "http://127.0.0.1:18443",
    path: `/v2/${PROJECT}/instances/${INSTANCE}/backups`,
    query: { offset: "1", limit: "2" },
    headers: { "X-Project-Id": PROJECT },
  },
  {
    name: "mixed-case header names sort case-insensitively",
    method: "GET",
    origin: DCS,
    path: `/v2/${PROJECT}/instances`,
    headers: { "x-project-id": PROJECT, "Content-Type": "application/json", "X-Custom-Z": "z", "X-A": "a" },
  },
  {
    name: "explicit X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD replaces the body hash",
    method: "PUT",
    origin: DCS,
    path: `/v2/${PROJECT}/instances/${INSTANCE}`,
    headers: { "Content-Type": "application/octet-stream", "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" },
    data: { ignored: true },
  },
  {
    name: "DELETE",
    method: "DELETE",
    origin: DCS,
    path: `/v2/${PROJECT}/instances/${INSTANCE}/backups`,
    query: { backup_ids: ["b2", "b1"] },
    headers: { "X-Project-Id": PROJECT },
  },
];

function oracleSign(c: Case, headerOverrides?: Record<string, string>): Record<string, string> {
  const request = new HttpRequestBuilder()
    .withEndpoint(c.origin + c.path)
    .withUrl(c.path)
    .withMethod(c.method)
    .withHeaders({ ...(headerOverrides ?? c.headers ?? {}), "X-Sdk-Date": SDK_DATE })
    .withQueryParams(c.query ? structuredClone(c.query) : undefined) // the oracle sorts arrays in place
    .withData(c.data)
    .build();
  const credentials = new BasicCredentials().withAk(AK).withSk(SK);
  return AKSKSigner.sign(request, credentials);
}

function ourUrl(c: Case): URL {
  const url = new URL(c.origin + c.path);
  for (const [k, v] of Object.entries(c.query ?? {})) {
    for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, one);
  }
  return url;
}

function ourSign(c: Case, headers?: Record<string, string>): Record<string, string> {
  return signHuaweiRequest({
    method: c.method,
    url: ourUrl(c),
    headers: headers ?? c.headers ?? {},
    body: c.data === undefined ? undefined : JSON.stringify(c.data),
    accessKey: AK,
    secretKey: SK,
    sdkDate: SDK_DATE,
  });
}

describe("signHuaweiRequest matches the official AKSKSigner byte for byte", () => {
  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const expected = oracleSign(c);
    const actual = ourSign(c);
    expect(actual.Authorization).toBe(expected.Authorization);
    // and we send the same header set the SDK would
    expect(actual).toEqual(expected);
  });

  test("the oracle really depends on the inputs (guards against a vacuous comparison)", () => {
    const a = oracleSign(cases[0]).Authorization;
    const b = oracleSign({ ...cases[0], query: { ...cases[0].query, limit: "999" } }).Authorization;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK1234567, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
  });

  test("the full SDK request assembly (BasicCredentials.processAuthRequest) signs what we sign", async () => {
    // The SDK adds X-Project-Id from the credentials, substitutes {project_id} and, for a non-JSON
    // Content-Type, adds X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD. Feed our signer the headers it assembled.
    const credentials = new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT);
    for (const contentType of [undefined, "application/json", "text/plain"]) {
      const headers: Record<string, string> = { "X-Sdk-Date": SDK_DATE };
      if (contentType) headers["content-type"] = contentType;
      const request = new HttpRequestBuilder()
        .withEndpoint(DCS)
        .withUrl(`/v2/{project_id}/instances/${INSTANCE}/backups`)
        .withMethod("GET")
        .withHeaders(headers)
        .withQueryParams({ limit: 10, offset: 0 })
        .build();
      const signed = await credentials.processAuthRequest({} as Parameters<typeof credentials.processAuthRequest>[0], request);
      const { Authorization, host, "X-Sdk-Date": _date, ...rest } = signed.headers as Record<string, string>;
      const ours = signHuaweiRequest({
        method: "GET",
        url: new URL(`${DCS}/v2/${PROJECT}/instances/${INSTANCE}/backups?limit=10&offset=0`),
        headers: rest,
        accessKey: AK,
        secretKey: SK,
        sdkDate: SDK_DATE,
      });
      expect(ours.Authorization).toBe(Authorization);
      expect(ours.host).toBe(host);
    }
  });
});

describe("signHuaweiRequest: behaviour beyond the oracle", () => {
  const base = cases[0];

  test("returns the input headers plus X-Sdk-Date, host and Authorization; does not mutate the input", () => {
    const headers = { "X-Project-Id": PROJECT };
    const out = ourSign(base, headers);
    expect(Object.keys(out)).toEqual(["X-Project-Id", "host", "X-Sdk-Date", "Authorization"]);
    expect(out.host).toBe("dcs.cn-north-4.myhuaweicloud.com");
    expect(out["X-Sdk-Date"]).toBe(SDK_DATE);
    expect(headers).toEqual({ "X-Project-Id": PROJECT });
  });

  test("an explicit Host header is kept and signed instead of the URL's host", () => {
    const headers = { Host: "dcs.example.internal", "X-Project-Id": PROJECT };
    const out = ourSign(base, headers);
    expect(out.host).toBeUndefined();
    expect(out.Host).toBe("dcs.example.internal");
    expect(out.Authorization).toBe(oracleSign(base, { host: "dcs.example.internal", "X-Project-Id": PROJECT }).Authorization);
  });

  test("a stale X-Sdk-Date or Authorization in the input is replaced, not signed twice", () => {
    const out = ourSign(base, { "x-sdk-date": "19990101T000000Z", authorization: "old", "X-Project-Id": PROJECT });
    expect(out).not.toHaveProperty("x-sdk-date");
    expect(out).not.toHaveProperty("authorization");
    expect(out.Authorization).toBe(oracleSign(base).Authorization);
  });

  test("header values are signed trimmed (the official signer expects them already trimmed)", () => {
    const out = ourSign(base, { "X-Project-Id": `  ${PROJECT}\t` });
    expect(out.Authorization).toBe(oracleSign(base).Authorization);
  });

  test("an already percent-encoded path is decoded before it is re-encoded (Python/Go SDK behaviour)", () => {
    // WHATWG URL keeps "%41%3A" as written; the canonical form encodes the decoded "A:" once.
    const url = new URL(`${DCS}/v2/%41%3A/x`);
    const ours = signHuaweiRequest({ method: "GET", url, headers: {}, accessKey: AK, secretKey: SK, sdkDate: SDK_DATE });
    expect(ours.Authorization).toBe(oracleSign({ name: "", method: "GET", origin: DCS, path: "/v2/A:/x", headers: {} }).Authorization);
  });

  test("a multipart Content-Type is sent but not signed, as in the official signer", () => {
    const headers = { "content-type": "multipart/form-data; boundary=x", "X-Project-Id": PROJECT };
    const out = ourSign(base, headers);
    expect(out["content-type"]).toBe("multipart/form-data; boundary=x");
    expect(out.Authorization).toContain("SignedHeaders=host;x-project-id;x-sdk-date,");
    expect(out.Authorization).toBe(oracleSign(base, headers).Authorization);
  });

  test("the same header twice in different case is rejected", () => {
    expect(() => ourSign(base, { "X-Project-Id": "a", "x-project-id": "b" })).toThrow(
      'Huawei signer: header "x-project-id" is given twice (names are case-insensitive)',
    );
  });

  test.each(["2024-01-02T03:04:05Z", "20240102T030405", "20240102030405Z", ""])("rejects sdkDate %j", (sdkDate) => {
    expect(() => signHuaweiRequest({ method: "GET", url: new URL(DCS), headers: {}, accessKey: AK, secretKey: SK, sdkDate })).toThrow(
      `Huawei signer: sdkDate must look like 20240131T235959Z, got "${sdkDate}"`,
    );
  });

  test("the secret key never appears in the returned headers", () => {
    expect(JSON.stringify(ourSign(cases[7]))).not.toContain(SK);
  });

  test("the body hash is sha256 of the exact body string", () => {
    const c = cases[7];
    const body = JSON.stringify(c.data);
    expect(createHash("sha256").update(body).digest("hex")).toBe(payloadHash({ headers: {}, data: c.data }));
  });
});

describe("formatSdkDate", () => {
  test.each([
    ["2024-01-02T03:04:05.678Z", "20240102T030405Z"],
    ["1999-12-31T23:59:59.999Z", "19991231T235959Z"],
    ["2024-02-29T00:00:00.000Z", "20240229T000000Z"],
  ])("%s -> %s", (iso, expected) => {
    expect(formatSdkDate(new Date(iso))).toBe(expected);
  });

  test("uses UTC regardless of the offset the Date was built with", () => {
    expect(formatSdkDate(new Date("2024-01-02T08:04:05+05:00"))).toBe("20240102T030405Z");
  });
});
