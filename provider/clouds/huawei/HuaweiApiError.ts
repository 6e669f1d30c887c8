/**
 * Huawei Cloud failures in the same shape as Alibaba's (CloudApiError), classified by one table over the HTTP
 * status and the body's `error_code`: DCS bodies are `{error_code, error_msg, error_ext_msg}` (DCS.xxxx), the API
 * gateway's `{error_code: "APIGW.0301", error_msg, request_id}`; the request id also arrives in the
 * `X-Request-Id` header. Codes: docs/apis/dcs-ListBackupRecords.md "Error codes".
 */
import { CloudApiError, CloudErrorDetails, FailureKind, FailureRule, TRANSPORT_FAILURES, Worded, classifyFailure, hintFor } from "../../core/errors";
import { HUAWEI_HELP } from "./credentials";

const KEYS_HINT = HUAWEI_HELP.checkKeys;

/** First match wins; the last row catches everything. */
export const HUAWEI_FAILURES: readonly FailureRule[] = [
  { httpStatus: 429, kind: "throttling" },
  { code: "APIGW.0308", kind: "throttling" },
  { httpStatus: 403, kind: "auth", hint: "grant the IAM action {permission} in this project" },
  { httpStatus: 401, kind: "auth", hint: KEYS_HINT },
  // the gateway's authentication codes (APIGW.0301-0307, 031x) and IAM's
  ...["APIGW.0301", "APIGW.0302", "APIGW.0303", "APIGW.0304", "APIGW.0305", "APIGW.0306", "APIGW.0307", "APIGW.031*", "IAM.*", "MissingCredentials"].map(
    (code): FailureRule => ({ code, kind: "auth", hint: KEYS_HINT }),
  ),
  ...TRANSPORT_FAILURES,
  { httpStatus: "5xx", kind: "server" },
  { httpStatus: 404, kind: "client", hint: "check the instance id, the project id and the region" },
  { kind: "client" },
];

const KIND_HINTS: Partial<Record<FailureKind, Worded>> = {
  throttling: "the API gateway is throttling this account; retry later or run fewer lookups at once",
  auth: KEYS_HINT,
};

export class HuaweiApiError extends CloudApiError {
  /** `hint` replaces the table's (a refusal the answer's `Date` header shows is this machine's clock: HuaweiClient.ts). */
  constructor(details: CloudErrorDetails, detail: Worded, hint?: Worded) {
    super("huawei", details, detail, hint ?? hintFor(HUAWEI_FAILURES, details, KIND_HINTS));
  }
}

/** Classifies a Huawei HTTP status and error code (a cloud answer). */
export function classifyHuawei(httpStatus: number, code: string): FailureKind {
  return classifyFailure(HUAWEI_FAILURES, { code, httpStatus }).kind;
}
