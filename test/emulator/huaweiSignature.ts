/**
 * Verification of Huawei Cloud API Gateway AK/SK signatures (SDK-HMAC-SHA256), written from the published
 * algorithm with node:crypto only. The test suite signs with the official `AKSKSigner` of
 * `@huaweicloud/huaweicloud-sdk-core` and checks that this file accepts it.
 *
 * ```
 * Authorization    = SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<a;b;c>, Signature=<hex>
 * CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
 * CanonicalURI     = each path segment percent-encoded, with a trailing "/" appended if absent
 * CanonicalQuery   = `enc(k)=enc(v)` sorted by key (and value), joined by "&"
 * CanonicalHeaders = `lowercase-name:trimmed value\n` for each signed header
 * StringToSign     = "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + hex(sha256(CanonicalRequest))
 * Signature        = hex(hmac-sha256(SK, StringToSign))
 * ```
 * `X-Sdk-Date` is `yyyyMMddTHHmmssZ` (UTC). Every failure is the gateway's HTTP 401 `APIGW.0301`; the message
 * never contains the expected signature or the SK.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { HuaweiError } from "./apiErrors";
import type { CredentialStore } from "./credentials";
import { headerValue, safeDecode, type ReceivedRequest } from "./receivedRequest";

/** How far `X-Sdk-Date` may be from the emulator's clock. */
export const HUAWEI_MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** The API gateway's answer to a bad signature or an unknown AK. */
export const HUAWEI_SIGNATURE_FAILURE = "Incorrect IAM authentication information: verify aksk signature fail";

const authFailure = (message = HUAWEI_SIGNATURE_FAILURE) => new HuaweiError(401, "APIGW.0301", message, "apigw");

/** Percent-encoding as the Huawei signers do it: everything but `A-Z a-z 0-9 - _ . ~`, UTF-8, uppercase hex. */
export function huaweiEncode(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** The canonical URI: each (decoded) segment re-encoded, trailing slash added. */
export function huaweiCanonicalUri(rawPath: string): string {
  const path = rawPath
    .split("/")
    .map((segment) => huaweiEncode(safeDecode(segment)))
    .join("/");
  return path.endsWith("/") ? path : path + "/";
}

/** The canonical query string: keys sorted, repeated keys' values sorted. */
export function huaweiCanonicalQuery(rawQuery: string): string {
  const byKey = new Map<string, string[]>();
  if (rawQuery !== "") {
    for (const pair of rawQuery.split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? "" : safeDecode(pair.slice(eq + 1));
      byKey.set(key, [...(byKey.get(key) ?? []), value]);
    }
  }
  const parts: string[] = [];
  for (const key of [...byKey.keys()].sort()) {
    for (const value of (byKey.get(key) ?? []).sort()) parts.push(`${huaweiEncode(key)}=${huaweiEncode(value)}`);
  }
  return parts.join("&");
}

/** Who signed a verified request. */
export interface HuaweiCaller {
  accessKey: string;
}

/**
 * Checks the `Authorization` header of a request to the Huawei API gateway.
 * @throws HuaweiError (401 APIGW.0301) when the request is not properly signed
 */
export function verifyHuaweiRequest(req: ReceivedRequest, keys: CredentialStore, nowMs: number): HuaweiCaller {
  const authorization = headerValue(req, "authorization");
  if (authorization === undefined) throw authFailure("Incorrect IAM authentication information: Authorization header is missing");
  const match = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/.exec(authorization.trim());
  if (!match) throw authFailure();
  const [, accessKey, signedHeaderList, signature] = match;

  const date = headerValue(req, "x-sdk-date");
  const dateMatch = date === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (date === undefined || !dateMatch) throw authFailure("Incorrect IAM authentication information: X-Sdk-Date is missing or malformed");
  const dateMs = Date.UTC(+dateMatch[1], +dateMatch[2] - 1, +dateMatch[3], +dateMatch[4], +dateMatch[5], +dateMatch[6]);
  if (Math.abs(nowMs - dateMs) > HUAWEI_MAX_CLOCK_SKEW_MS) {
    throw authFailure("Incorrect IAM authentication information: the request has expired, check X-Sdk-Date");
  }

  const key = keys.huawei.get(accessKey);
  if (!key) throw authFailure();

  const signedHeaders = signedHeaderList.split(";").map((h) => h.trim().toLowerCase());
  if (!signedHeaders.includes("host") || !signedHeaders.includes("x-sdk-date")) throw authFailure();
  let canonicalHeaders = "";
  for (const name of signedHeaders) {
    const value = headerValue(req, name);
    if (value === undefined) throw authFailure();
    canonicalHeaders += `${name}:${value.trim()}\n`;
  }

  const declaredHash = headerValue(req, "x-sdk-content-sha256");
  const bodyHash = createHash("sha256").update(req.body).digest("hex");
  const payloadHash = declaredHash === "UNSIGNED-PAYLOAD" ? declaredHash : bodyHash;
  if (declaredHash !== undefined && declaredHash !== "UNSIGNED-PAYLOAD" && declaredHash !== bodyHash) throw authFailure();

  const canonicalRequest = [
    req.method,
    huaweiCanonicalUri(req.rawPath),
    huaweiCanonicalQuery(req.rawQuery),
    canonicalHeaders,
    signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
  const stringToSign = `SDK-HMAC-SHA256\n${date}\n${createHash("sha256").update(canonicalRequest).digest("hex")}`;
  const expected = createHmac("sha256", key.secretKey).update(stringToSign).digest("hex");
  const given = signature.toLowerCase();
  if (expected.length !== given.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(given))) throw authFailure();
  return { accessKey };
}
