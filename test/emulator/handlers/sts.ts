/**
 * Alibaba Cloud STS `AssumeRole` (version 2015-04-01, RPC), signed and checked like every Alibaba action: the
 * caller's key must be trusted by the role (RoleTable in ../roles.ts), `ExternalId` must match when the role
 * sets one, and `DurationSeconds` must lie in 900 .. the role's maximum session duration (at most 43200).
 * The answer, as STS gives it:
 * `{ Credentials: { AccessKeyId, AccessKeySecret, SecurityToken, Expiration }, AssumedRoleUser: { Arn, AssumedRoleId } }`.
 * Refusals: `EntityNotExist.Role` (404) for an unknown role, `NoPermission` (403) for an untrusted caller or a
 * role told to refuse.
 */
import { AlibabaError } from "../apiErrors";
import { isoSeconds } from "../timeFormats";
import { requireParam, type AlibabaCall } from "./alibabaCall";

export const NO_PERMISSION_MESSAGE = "You are not authorized to do this action. You should be authorized by RAM.";

export function assumeRole(call: AlibabaCall): Record<string, unknown> {
  const { params, roles, caller } = call;
  if (!roles || !caller) throw new AlibabaError(500, "InternalError", "The request processing has failed due to some unknown error.");
  const arn = requireParam(params, "RoleArn");
  const session = requireParam(params, "RoleSessionName");
  if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(session))
    throw new AlibabaError(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.");
  const role = roles.alibaba.get(arn);
  if (!role || role.refuse === "EntityNotExist.Role") throw new AlibabaError(404, "EntityNotExist.Role", `The role not exists: ${arn}.`);
  if (role.refuse === "NoPermission" || !role.trusted.includes(caller)) throw new AlibabaError(403, "NoPermission", NO_PERMISSION_MESSAGE);
  if (role.externalId !== undefined && params.ExternalId !== role.externalId) throw new AlibabaError(403, "NoPermission", NO_PERMISSION_MESSAGE);
  const max = role.maxSessionSeconds ?? 3600;
  const duration = params.DurationSeconds === undefined || params.DurationSeconds === "" ? 3600 : Number(params.DurationSeconds);
  if (!Number.isInteger(duration) || duration < 900 || duration > max) {
    throw new AlibabaError(400, "InvalidParameter.DurationSeconds", `The Min/Max value of DurationSeconds is 15min/${max / 3600}hr.`);
  }
  const keys = roles.issue("alibaba", role.account, duration);
  const name = arn.slice(arn.indexOf(":role/") + ":role/".length);
  return {
    Credentials: {
      AccessKeyId: keys.accessKeyId,
      AccessKeySecret: keys.accessKeySecret,
      SecurityToken: keys.securityToken,
      Expiration: isoSeconds(keys.expiresAtMs),
    },
    AssumedRoleUser: { Arn: `acs:ram::${role.account}:role/${name}/${session}`, AssumedRoleId: `3${role.account.slice(0, 17)}:${session}` },
  };
}
