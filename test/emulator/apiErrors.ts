/**
 * The two error shapes the emulator answers with. Handlers and signature checks `throw` these; the server
 * turns them into the cloud's exact error body.
 *
 * - Alibaba (POP gateway): HTTP status + `{"RequestId","HostId","Code","Message","Recommend"}`.
 * - Huawei: the API gateway (APIG) answers `{"error_msg","error_code","request_id"}` (authentication,
 *   throttling, unknown path); the DCS service behind it answers `{"error_msg","error_code","error_ext_msg"}`,
 *   the RDS service `{"error_code","error_msg"}` (RDS API reference, "Abnormal Request Results").
 */

/** An Alibaba Cloud RPC error. */
export class AlibabaError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where a Huawei error comes from: the API gateway in front, or the DCS or RDS service behind it. */
export type HuaweiErrorSource = "apigw" | "dcs" | "rds";

/** A Huawei Cloud error, from the API gateway, DCS or RDS. */
export class HuaweiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly source: HuaweiErrorSource,
  ) {
    super(message);
  }
}

/** `Missing<Name>`, the POP gateway's answer to a missing required parameter. */
export function missingParameter(name: string): AlibabaError {
  return new AlibabaError(400, `Missing${name}`, `${name} is mandatory for this action.`);
}

/** The POP gateway's generic answer to a parameter it cannot parse. */
export function invalidParameter(name: string): AlibabaError {
  return new AlibabaError(400, "InvalidParameter", `The specified parameter ${name} is not valid.`);
}

/** The DCS generic answer to a query parameter it cannot accept (DCS.4063, "Invalid {0} parameter in the request."). */
export function dcsInvalidParameter(name: string): HuaweiError {
  return new HuaweiError(400, "DCS.4063", `Invalid ${name} parameter in the request.`, "dcs");
}

/** RDS v3's answer to a query parameter it cannot accept: HTTP 400 `DBS.200001` "Parameter error." (RDS error-code table). */
export function huaweiRdsParameterError(): HuaweiError {
  return new HuaweiError(400, "DBS.200001", "Parameter error.", "rds");
}
