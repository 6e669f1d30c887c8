/**
 * A role the cloud would not let us assume (Alibaba STS `NoPermission`, `EntityNotExist.Role`; Huawei IAM 403 /
 * 404): names the role or agency (never the keys), carries the cloud's code and request id, and says what to do
 * (the trust policy, the `sts:AssumeRole` permission, the agency). CLI exit 1.
 */
import { CloudApiError, CloudErrorDetails } from "../core/errors";

export class AssumeRoleError extends CloudApiError {
  /** The role ARN or `domain/agency` that was refused. */
  readonly role: string;
  constructor(cloud: "alibaba" | "huawei", role: string, details: CloudErrorDetails, detail: string, hint: string) {
    super(cloud, details, detail, hint);
    this.role = role;
  }
}
