/**
 * Huawei Cloud "SDK-HMAC-SHA256" request signing (AK/SK), as used by the DCS API.
 *
 * Why this is hand-written instead of using the official `@huaweicloud/huaweicloud-sdk-core`:
 * - that package would pull axios, log4js, moment, moment-timezone, lodash, ramda, form-data and
 *   https-proxy-agent into every user's Pulumi provider process, for ~60 lines of hashing;
 * - its HTTP client `require`s `uuid` without declaring it as a dependency;
 * - it logs HTTP errors to stdout (which a Pulumi provider process must keep clean) and turns a
 *   non-JSON 200 body into `{}`, hiding gateway errors.
 * The signature is tested byte for byte against the official signer (`auth/AKSKSigner.js`, a dev
 * dependency only) as an oracle in `test/unit/huaweiSigner.test.ts`.
 *
 * What is signed (read from AKSKSigner.sign in huaweicloud-sdk-core 3.1.211):
 * - canonical request = METHOD \n URI \n QUERY \n HEADERS \n SIGNED \n PAYLOAD_HASH
 * - URI: the path split on "/", every segment percent-encoded (RFC 3986 unreserved kept),
 *   a trailing "/" appended if missing (the request itself is sent without it);
 * - QUERY: keys sorted (code-unit order, before encoding), values of a repeated key sorted,
 *   `key=value` percent-encoded, joined by "&"; empty when there is no query;
 * - HEADERS: every header of the request plus `host` and `X-Sdk-Date`, names lower-cased and sorted,
 *   `name:value\n` each; SIGNED is the same names joined by ";". The caller decides which headers
 *   are signed by what it passes in (HuaweiClient.ts sends and signs Content-Type and User-Agent; the
 *   project id travels in the path, not in an X-Project-Id header);
 * - PAYLOAD_HASH: the `X-Sdk-Content-Sha256` header if present (e.g. "UNSIGNED-PAYLOAD"),
 *   else hex sha256 of the body (empty body: sha256 of "");
 * - string to sign = "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + hex sha256(canonical request);
 * - Authorization = `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<signed>, Signature=<hex hmac>`.
 *
 * Deliberate differences from the Node SDK, where it disagrees with Huawei's other official signers
 * (Python `huaweicloudsdkcore/auth/signer.py`, Go `core/auth/signer`) and the API gateway:
 * - the path is percent-decoded before it is split and re-encoded (the Node SDK re-encodes an
 *   already-encoded path, so a space becomes "%2520"); identical for paths without escapes;
 * - header values are trimmed (as the Python signer does; HTTP strips that whitespace anyway);
 * - a multipart Content-Type is left out of the signature exactly as the Node SDK does.
 */
import { createHash, createHmac } from "crypto";

export interface HuaweiSignInput {
  /** HTTP method, e.g. "GET"; upper-cased for signing. */
  method: string;
  /** Full request URL; path and query are signed as sent (query values as `URLSearchParams` decodes them). */
  url: URL;
  /** Headers to send and sign (Content-Type, X-Project-Id, ...). Names are case-insensitive. */
  headers: Record<string, string>;
  /** Request body exactly as sent; absent or "" for none. */
  body?: string;
  /** Access key id (AK). */
  accessKey: string;
  /** Secret access key (SK); only used as the HMAC key, never returned. */
  secretKey: string;
  /** Signing time, `yyyyMMddTHHmmssZ` in UTC (see {@link formatSdkDate}). */
  sdkDate: string;
}

const ALGORITHM = "SDK-HMAC-SHA256";
const SDK_DATE_RE = /^\d{8}T\d{6}Z$/;

/** Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - _ . ~), UTF-8 based. */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

function sha256Hex(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a stray "%" that is not an escape: sign it as written
  }
}

function canonicalUri(pathname: string): string {
  const uri = safeDecode(pathname).split("/").map(rfc3986).join("/");
  return uri.endsWith("/") ? uri : uri + "/";
}

function canonicalQuery(params: URLSearchParams): string {
  const byKey = new Map<string, string[]>();
  for (const [k, v] of params) {
    const values = byKey.get(k);
    if (values) values.push(v);
    else byKey.set(k, [v]);
  }
  const parts: string[] = [];
  for (const key of [...byKey.keys()].sort()) {
    for (const value of byKey.get(key)!.sort()) parts.push(`${rfc3986(key)}=${rfc3986(value)}`);
  }
  return parts.join("&");
}

/** Formats a time as the `X-Sdk-Date` value: `yyyyMMddTHHmmssZ` in UTC. */
export function formatSdkDate(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * Signs a request; returns the headers to send: the input headers, `X-Sdk-Date`, `Authorization`, and
 * `host` unless the input already has a Host header. Pure: the time comes from `sdkDate`.
 */
export function signHuaweiRequest(input: HuaweiSignInput): Record<string, string> {
  if (!SDK_DATE_RE.test(input.sdkDate)) {
    throw new Error(`Huawei signer: sdkDate must look like 20240131T235959Z, got "${input.sdkDate}"`);
  }
  const out: Record<string, string> = {};
  const signed = new Map<string, string>(); // lower-case name -> trimmed value
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (lower === "x-sdk-date" || lower === "authorization") continue; // set below
    if (signed.has(lower)) throw new Error(`Huawei signer: header "${name}" is given twice (names are case-insensitive)`);
    out[name] = value;
    if (lower === "content-type" && value.includes("multipart/form-data")) continue;
    signed.set(lower, value.trim());
  }
  if (!signed.has("host")) {
    out.host = input.url.host;
    signed.set("host", input.url.host);
  }
  out["X-Sdk-Date"] = input.sdkDate;
  signed.set("x-sdk-date", input.sdkDate);

  const names = [...signed.keys()].sort();
  const signedHeaders = names.join(";");
  const canonicalHeaders = names.map((n) => `${n}:${signed.get(n)}\n`).join("");
  const payloadHash = signed.get("x-sdk-content-sha256") ?? sha256Hex(input.body ?? "");
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri(input.url.pathname),
    canonicalQuery(input.url.searchParams),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const stringToSign = `${ALGORITHM}\n${input.sdkDate}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac("sha256", input.secretKey).update(stringToSign, "utf8").digest("hex");
  out.Authorization = `${ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return out;
}
