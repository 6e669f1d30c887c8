/**
 * Alibaba Cloud failures, classified once (house style 4). Codes from the seed pages (API-NOTES §2.4, §4.4)
 * and the platform-wide ones every RPC API can return (Throttling*, ServiceUnavailable, InvalidAccessKeyId.*,
 * SignatureDoesNotMatch, InvalidSecurityToken.*, Forbidden.RAM, SignatureNonceUsed).
 */
import { CloudApiError, FailureKind } from "../../core/errors";

export class AlibabaApiError extends CloudApiError {
  readonly cloud = "alibaba" as const;
  protected hint(): string {
    switch (this.kind) {
      case "auth":
        if (this.code.startsWith("Forbidden") || this.code.includes("Permission") || this.code === "NoPermission")
          return `grant the RAM action rds:${this.action} / kvstore:${this.action} to the caller`;
        return "check alicloud:accessKey / alicloud:secretKey (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET) and the security token";
      case "throttling":
        return "the API is throttling this account; retry later or run fewer lookups at once";
      case "client":
        if (this.code.endsWith(".NotFound")) return "check the instance id and the region";
        if (this.code === "InvalidTimeStamp.Expired") return "this machine's clock is off; sync it (NTP)";
        return "";
      default:
        return "the cloud or the network failed; retry later";
    }
  }
}

const AUTH_CODES = /^(InvalidAccessKeyId|SignatureDoesNotMatch|InvalidSecurityToken|Forbidden|NoPermission|InvalidUserOperatorPermission|NotInFlowController|IncompleteSignature|MissingSecurityToken)/;

/** Classifies an Alibaba error code and HTTP status. */
export function classifyAlibaba(code: string, httpStatus?: number): FailureKind {
  if (/^Throttling/.test(code) || code === "ServiceUnavailable" || httpStatus === 429) return "throttling";
  if (code === "SignatureNonceUsed") return "transient"; // a fresh nonce on retry fixes it
  if (code === "RequestMetaDataFailed") return "server";
  if (AUTH_CODES.test(code)) return "auth";
  if (httpStatus !== undefined && httpStatus >= 500) return "server";
  return "client";
}
