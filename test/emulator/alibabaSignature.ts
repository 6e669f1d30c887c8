/**
 * Verification of Alibaba Cloud request signatures, written from the published algorithms with node:crypto
 * only (the test suite uses the official `@alicloud/openapi-util` as the oracle that signs, so this file
 * must not import it).
 *
 * Two schemes are accepted, as the POP gateway does:
 *
 * 1. **ACS3-HMAC-SHA256** (what `@alicloud/openapi-client` sends from `callApi` by default). Header
 *    `Authorization: ACS3-HMAC-SHA256 Credential=<AK>,SignedHeaders=<a;b>,Signature=<hex>` and
 *    ```
 *    CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 *    CanonicalQuery   = sorted `percentEncode(k)=percentEncode(v)` joined by `&`
 *    CanonicalHeaders = `name:trimmed value\n` for each signed header (x-acs-*, host, content-type), sorted
 *    StringToSign     = "ACS3-HMAC-SHA256\n" + hex(sha256(CanonicalRequest))
 *    Signature        = hex(hmac-sha256(secret, StringToSign))
 *    ```
 *    with `x-acs-date`, `x-acs-signature-nonce` and `x-acs-content-sha256` (= hex sha256 of the body); an STS
 *    credential adds `x-acs-accesskey-id` and `x-acs-security-token`.
 * 2. **Legacy RPC signature** (HMAC-SHA1, `SignatureVersion=1.0`): parameters `AccessKeyId`, `Timestamp`,
 *    `SignatureNonce`, `Signature` (and `SecurityToken`) in the query or form body;
 *    `StringToSign = METHOD&%2F&percentEncode(sorted canonicalized parameters)`, key = secret + "&",
 *    signature base64.
 *
 * Failures throw {@link AlibabaError} with the codes the cloud uses. A message never contains the expected
 * signature, the string to sign or any secret.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AlibabaError, missingParameter } from "./apiErrors";
import type { AlibabaKey, CredentialStore } from "./credentials";
import { headerValue, type ReceivedRequest } from "./receivedRequest";

/** How far a request's timestamp may be from the emulator's clock. */
export const ALIBABA_MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Parameters that belong to the signature, not to the API call. */
export const ALIBABA_SIGNATURE_PARAMETERS = [
  "Signature",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "SignatureType",
  "AccessKeyId",
  "SecurityToken",
  "Timestamp",
];

/** RFC 3986 percent-encoding as Alibaba specifies it (`encodeURIComponent` plus `!'()*`). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Remembers signature nonces so a replayed request is refused (`SignatureNonceUsed`). */
export class NonceRegistry {
  private readonly seen = new Map<string, number>();

  /** Records `nonce`; false when it was seen before. */
  claim(nonce: string, nowMs: number): boolean {
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, nowMs);
    if (this.seen.size > 10000) {
      for (const [n, t] of this.seen) if (nowMs - t > 2 * ALIBABA_MAX_CLOCK_SKEW_MS) this.seen.delete(n);
    }
    return true;
  }
}

/** Who signed a verified request. */
export interface AlibabaCaller {
  accessKeyId: string;
  scheme: "ACS3-HMAC-SHA256" | "HMAC-SHA1";
}

/** What every check of a request consults: the known keys, the nonces seen so far and the emulator's clock. */
interface Verification {
  keys: CredentialStore;
  nonces: NonceRegistry;
  nowMs: number;
}

const signatureMismatch = () => new AlibabaError(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation.");

/**
 * Checks the signature, timestamp, nonce and (STS) token of an RPC request.
 * @param params the API parameters from the query string and the form body, merged
 * @throws AlibabaError when the request is not properly signed
 */
export function verifyAlibabaRequest(
  req: ReceivedRequest,
  params: Record<string, string>,
  keys: CredentialStore,
  nonces: NonceRegistry,
  nowMs: number,
): AlibabaCaller {
  const v: Verification = { keys, nonces, nowMs };
  const authorization = headerValue(req, "authorization");
  if (authorization !== undefined && authorization.startsWith("ACS3-")) return verifyAcs3(req, authorization, v);
  if (params.Signature !== undefined) return verifyLegacyRpc(req, params, v);
  throw missingParameter("Signature");
}

/** ACS3-HMAC-SHA256, signature in the `Authorization` header. */
function verifyAcs3(req: ReceivedRequest, authorization: string, { keys, nonces, nowMs }: Verification): AlibabaCaller {
  const match = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/.exec(authorization.trim());
  if (!match) {
    throw new AlibabaError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
  }
  const [, accessKeyId, signedHeaderList, signature] = match;

  const key = lookUpKey(keys, accessKeyId);
  checkTimestamp(requiredHeader(req, "x-acs-date"), nowMs);
  const nonce = requiredHeader(req, "x-acs-signature-nonce");
  const declaredPayloadHash = requiredHeader(req, "x-acs-content-sha256");
  const keyIdHeader = headerValue(req, "x-acs-accesskey-id");
  if (keyIdHeader !== undefined && keyIdHeader !== accessKeyId) throw signatureMismatch();
  checkSecurityToken(key, headerValue(req, "x-acs-security-token"));

  // The body must be the one that was signed.
  if (sha256Hex(req.body) !== declaredPayloadHash.toLowerCase()) throw signatureMismatch();

  // Every x-acs-* header and host must be covered by the signature, or they could be swapped in transit.
  const signedHeaders = signedHeaderList.split(";").map((h) => h.trim().toLowerCase());
  const mustSign = ["host", ...Object.keys(req.headers).filter((h) => h.startsWith("x-acs-"))];
  if (mustSign.some((h) => !signedHeaders.includes(h))) throw signatureMismatch();

  let canonicalHeaders = "";
  for (const name of [...signedHeaders].sort()) {
    const raw = req.headers[name];
    if (raw === undefined) throw signatureMismatch();
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).sort();
    canonicalHeaders += `${name}:${values.join(",")}\n`;
  }
  const canonicalRequest = [
    req.method,
    req.rawPath,
    canonicalQuery(req.rawQuery),
    canonicalHeaders,
    [...signedHeaders].sort().join(";"),
    declaredPayloadHash.toLowerCase(),
  ].join("\n");
  const stringToSign = "ACS3-HMAC-SHA256\n" + sha256Hex(canonicalRequest);
  const expected = createHmac("sha256", key.secret).update(stringToSign).digest("hex");
  if (!sameText(expected, signature.toLowerCase())) throw signatureMismatch();

  claimNonce(nonces, nonce, nowMs);
  return { accessKeyId, scheme: "ACS3-HMAC-SHA256" };
}

/** The legacy RPC signature: HMAC-SHA1 over the sorted parameters. */
function verifyLegacyRpc(req: ReceivedRequest, params: Record<string, string>, { keys, nonces, nowMs }: Verification): AlibabaCaller {
  const method = params.SignatureMethod;
  if (method === undefined) throw missingParameter("SignatureMethod");
  if (method !== "HMAC-SHA1") throw new AlibabaError(400, "InvalidSignatureMethod", "Specified signature method is not supported.");
  const version = params.SignatureVersion;
  if (version === undefined) throw missingParameter("SignatureVersion");
  if (version !== "1.0") throw new AlibabaError(400, "InvalidSignatureVersion", "Specified signature version is not supported.");
  const accessKeyId = params.AccessKeyId;
  if (accessKeyId === undefined) throw missingParameter("AccessKeyId");
  if (params.Timestamp === undefined) throw missingParameter("Timestamp");
  if (params.SignatureNonce === undefined) throw missingParameter("SignatureNonce");

  const key = lookUpKey(keys, accessKeyId);
  checkTimestamp(params.Timestamp, nowMs);
  checkSecurityToken(key, params.SecurityToken);

  const canonicalized = Object.keys(params)
    .filter((k) => k !== "Signature")
    .map((k) => [percentEncode(k), percentEncode(params[k])] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const stringToSign = `${req.method}&${percentEncode("/")}&${percentEncode(canonicalized)}`;
  const expected = createHmac("sha1", key.secret + "&")
    .update(stringToSign)
    .digest("base64");
  if (!sameText(expected, params.Signature)) throw signatureMismatch();

  claimNonce(nonces, params.SignatureNonce, nowMs);
  return { accessKeyId, scheme: "HMAC-SHA1" };
}

/** The sorted, re-encoded query string of the ACS3 canonical request. */
function canonicalQuery(rawQuery: string): string {
  const pairs = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(rawQuery)) pairs.set(k, v);
  return [...pairs.keys()]
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(pairs.get(k) ?? "")}`)
    .join("&");
}

function lookUpKey(keys: CredentialStore, accessKeyId: string): AlibabaKey {
  const key = keys.alibaba.get(accessKeyId);
  if (!key) throw new AlibabaError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  return key;
}

function checkTimestamp(value: string, nowMs: number): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(value);
  const ms = match ? Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6]) : NaN;
  if (!match || Number.isNaN(ms)) {
    throw new AlibabaError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
  }
  if (Math.abs(nowMs - ms) > ALIBABA_MAX_CLOCK_SKEW_MS) {
    throw new AlibabaError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
  }
}

function checkSecurityToken(key: AlibabaKey, token: string | undefined): void {
  if (key.securityToken === undefined) {
    if (token !== undefined && token !== "") {
      throw new AlibabaError(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.");
    }
    return;
  }
  if (token === undefined || !sameText(token, key.securityToken)) {
    throw new AlibabaError(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.");
  }
  if (key.tokenExpired) throw new AlibabaError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
}

function claimNonce(nonces: NonceRegistry, nonce: string, nowMs: number): void {
  if (!nonces.claim(nonce, nowMs)) {
    throw new AlibabaError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
}

function requiredHeader(req: ReceivedRequest, name: string): string {
  const value = headerValue(req, name);
  if (value === undefined || value === "") {
    throw new AlibabaError(400, "MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
  }
  return value;
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Constant-time string comparison. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
