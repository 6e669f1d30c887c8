/**
 * Huawei Cloud IAM `CreateTemporaryAccessKeyByAgency`: `POST /v3.0/OS-CREDENTIAL/securitytokens` with
 * `{ auth: { identity: { methods: ["assume_role"], assume_role: { agency_name, domain_name, duration_seconds } } } }`,
 * signed with the caller's AK/SK (checked by the server as for DCS). Answers 201
 * `{ credential: { access, secret, securitytoken, expires_at } }` (expires_at with microseconds, as IAM writes it),
 * or IAM's Keystone-style error `{ error: { code, message, title } }`: 400 for a malformed body, 404 for an
 * unknown agency, 403 for a caller the agency is not delegated to or an agency told to refuse.
 */
import type { ReceivedRequest } from "../receivedRequest";
import type { RoleTable } from "../roles";

export const SECURITY_TOKENS_PATH = "/v3.0/OS-CREDENTIAL/securitytokens";
export const IAM_FORBIDDEN_MESSAGE = "You are not authorized to perform the requested action.";

export interface IamAnswer {
  status: number;
  body: Record<string, unknown>;
}

const iamError = (status: number, title: string, message: string): IamAnswer => ({ status, body: { error: { code: status, message, title } } });

export function createTemporaryAccessKey(req: ReceivedRequest, caller: string, roles: RoleTable): IamAnswer {
  let body: { auth?: { identity?: { methods?: unknown; assume_role?: Record<string, unknown> } } };
  try {
    body = JSON.parse(req.body.toString("utf8")) as typeof body;
  } catch {
    return iamError(400, "Bad Request", "The request body is not valid JSON.");
  }
  const identity = body?.auth?.identity;
  const assume = identity?.assume_role;
  if (!Array.isArray(identity?.methods) || !identity.methods.includes("assume_role") || !assume) {
    return iamError(400, "Bad Request", "Invalid input for field 'identity': 'assume_role' is a required property.");
  }
  const agencyName = assume.agency_name;
  const domainName = assume.domain_name;
  if (typeof agencyName !== "string" || typeof domainName !== "string")
    return iamError(400, "Bad Request", "Invalid input for field 'assume_role': 'agency_name' and 'domain_name' are required.");
  const duration = assume.duration_seconds === undefined ? 900 : assume.duration_seconds;
  if (typeof duration !== "number" || !Number.isInteger(duration) || duration < 900 || duration > 86400) {
    return iamError(400, "Bad Request", "Invalid input for field 'duration_seconds': must be from 900 to 86400.");
  }
  const agency = roles.huawei.get(`${domainName}/${agencyName}`);
  if (!agency) return iamError(404, "Not Found", `Could not find agency: ${agencyName}.`);
  if (agency.refuse || !agency.trusted.includes(caller)) return iamError(403, "Forbidden", IAM_FORBIDDEN_MESSAGE);
  const keys = roles.issue("huawei", agency.account, duration);
  const expires = new Date(keys.expiresAtMs).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
  return {
    status: 201,
    body: { credential: { access: keys.accessKeyId, secret: keys.accessKeySecret, securitytoken: keys.securityToken, expires_at: expires } },
  };
}
