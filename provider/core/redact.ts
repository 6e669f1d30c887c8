/**
 * Credentials never reach a message, a log line or an output (house style 6). Every credential the package
 * loads is registered here, and every message that leaves the package passes through `redact`, which removes
 * the registered values and anything shaped like a signature, token or key parameter (the official Alibaba
 * client quotes the whole signed URL in its network errors, security token included).
 */

const registered = new Set<string>();

/** Remember a credential value so `redact` removes it wherever it appears. Short values are ignored. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) registered.add(value);
}

const PATTERNS: [RegExp, string][] = [
  // query parameters of signed URLs and the RPC signature
  [
    /((?:^|[?&\s"'])(?:Signature|SecurityToken|AccessKeyId|OSSAccessKeyId|AccessKeySecret|BearerToken|security-token|x-oss-signature|x-oss-credential|X-Amz-Signature|X-Amz-Credential)=)[^&\s"']+/gi,
    "$1[REDACTED]",
  ],
  // headers and Authorization values
  [/((?:authorization|x-acs-security-token|x-acs-accesskey-id|x-security-token|x-acs-bearer-token)["']?\s*[:=]\s*["']?)[^"'\n,}]+/gi, "$1[REDACTED]"],
  [/(ACS3-HMAC-SHA256|SDK-HMAC-SHA256)\s+[^"'\n]+/g, "$1 [REDACTED]"],
  // (stops at "&", so the parameters after a redacted query signature survive)
  [/(Access=|Credential=|Signature=)[^,&\s"']+/g, "$1[REDACTED]"],
];

/** Removes every registered credential and every signature-like fragment from `text`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of registered) out = out.split(secret).join("[REDACTED]");
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}
