/**
 * Alibaba Cloud failures, classified once, by one table over the error's structured fields: the cloud's `Code`
 * and the HTTP status the official core client puts on its `ResponseError` (`code`, `data.statusCode`; see
 * @alicloud/tea-typescript `ResponseError` and @alicloud/openapi-client `doRequest`), and, for failures with no
 * answer, Node's error code and the thrown error's `name`. Codes are those of the vendor pages
 * (docs/apis/rds-DescribeBackups.md, docs/apis/kvstore-DescribeBackups.md "Error codes") and the platform-wide
 * ones every RPC API can return (Throttling*, ServiceUnavailable, InvalidAccessKeyId.*, SignatureDoesNotMatch,
 * InvalidSecurityToken.*, Forbidden.RAM, SignatureNonceUsed: https://api.aliyun.com/troubleshoot).
 */
import { CloudApiError, CloudErrorDetails, FailureKind, FailureRule, TRANSPORT_FAILURES, Worded, classifyFailure, hintFor } from "../../core/errors";
import { ALIBABA_HELP } from "./credentials";

const KEYS_HINT = ALIBABA_HELP.checkKeys;
const RAM_HINT = "grant the RAM action rds:{action} / kvstore:{action} to the caller";

/** First match wins; the last row catches everything. */
export const ALIBABA_FAILURES: readonly FailureRule[] = [
  { code: "Throttling*", kind: "throttling" },
  { code: "ServiceUnavailable", kind: "throttling" },
  { httpStatus: 429, kind: "throttling" },
  // a fresh nonce on retry fixes it
  { code: "SignatureNonceUsed", kind: "transient" },
  // "Service request failed; retry later" (RDS DescribeBackups error table, HTTP 500)
  { code: "RequestMetaDataFailed", kind: "server" },
  ...["InvalidAccessKeyId*", "SignatureDoesNotMatch*", "InvalidSecurityToken*", "IncompleteSignature*", "MissingSecurityToken*", "MissingCredentials"].map(
    (code): FailureRule => ({ code, kind: "auth", hint: KEYS_HINT }),
  ),
  ...["Forbidden*", "NoPermission*", "InvalidUserOperatorPermission*", "NotInFlowController*"].map((code): FailureRule => ({
    code,
    kind: "auth",
    hint: RAM_HINT,
  })),
  { code: "InvalidTimeStamp.Expired", kind: "client", hint: "this machine's clock is off; sync it (NTP)" },
  // The official client reads every body as JSON before it looks at the status: a truncated body, a proxy's HTML
  // page or a captive portal's 200 all arrive as a SyntaxError.
  {
    name: "SyntaxError",
    httpStatus: "none",
    kind: "response",
    reportAs: "MalformedResponse",
    detail: "the response was not valid JSON (truncated body or a proxy error page)",
  },
  // httpx, the official client's HTTP library, names both its connect and read timeouts so.
  { name: "RequestTimeoutError", httpStatus: "none", kind: "timeout", reportAs: "RequestTimeout", detail: "no response within the request timeout" },
  ...TRANSPORT_FAILURES,
  { httpStatus: "5xx", kind: "server" },
  { code: "*.NotFound", kind: "client", hint: "check the instance id and the region" },
  { kind: "client" },
];

const KIND_HINTS: Partial<Record<FailureKind, Worded>> = {
  throttling: "the API is throttling this account; retry later or run fewer lookups at once",
  auth: KEYS_HINT,
};

export class AlibabaApiError extends CloudApiError {
  constructor(details: CloudErrorDetails, detail: Worded) {
    super("alibaba", details, detail, hintFor(ALIBABA_FAILURES, details, KIND_HINTS));
  }
}

/** Classifies an Alibaba error code and HTTP status (a cloud answer). */
export function classifyAlibaba(code: string, httpStatus?: number): FailureKind {
  return classifyFailure(ALIBABA_FAILURES, { code, httpStatus }).kind;
}
