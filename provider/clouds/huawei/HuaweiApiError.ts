/**
 * Huawei Cloud failures in the same shape as Alibaba's (CloudApiError): error bodies are
 * `{error_code, error_msg}` (DCS) or the API gateway's `{error_code: "APIGW.0301", error_msg, request_id}`;
 * the request id also arrives in the `X-Request-Id` header.
 */
import { CloudApiError, FailureKind } from "../../core/errors";

export class HuaweiApiError extends CloudApiError {
  readonly cloud = "huawei" as const;
  protected hint(): string {
    switch (this.kind) {
      case "auth":
        if (this.httpStatus === 403) return "grant the IAM action dcs:instance:list (DCS ReadOnlyAccess) in this project";
        return "check huaweicloud:accessKey / huaweicloud:secretKey (or HW_ACCESS_KEY / HW_SECRET_KEY) and the project id";
      case "throttling":
        return "the API gateway is throttling this account; retry later or run fewer lookups at once";
      case "client":
        return this.httpStatus === 404 ? "check the instance id, the project id and the region" : "";
      default:
        return "the cloud or the network failed; retry later";
    }
  }
}

/** Classifies a Huawei HTTP status and error code. */
export function classifyHuawei(httpStatus: number, code: string): FailureKind {
  if (httpStatus === 429 || code === "APIGW.0308") return "throttling";
  if (httpStatus === 401 || httpStatus === 403 || /^APIGW\.03(0[1-7]|1)/.test(code) || code.startsWith("IAM.")) return "auth";
  if (httpStatus >= 500) return "server";
  return "client";
}
