/**
 * Accounts, roles and temporary keys of the emulator: which base key may assume which Alibaba RAM role or Huawei
 * IAM agency, which roles refuse, which instances only one account sees, and the temporary keys issued by STS
 * `AssumeRole` (handlers/sts.ts) and IAM `securitytokens` (handlers/iam.ts). Issued keys join the credential
 * store, so the RDS / KVStore / DCS handlers accept them, with their security token, until they expire on the
 * emulator's clock (Alibaba: `InvalidSecurityToken.Expired`; Huawei: 401 `APIGW.0307`).
 *
 * Every key starts in `MAIN_ACCOUNT`; an instance with no owner is visible to every account. An instance owned
 * by an account answers "not found" to any other, as the cloud does for another account's instance.
 *
 * Issued values are recognisable (`EMU-ROLE-SECRET-`, `EMU-ROLE-TOKEN-`, `EMU-AGENCY-`) so a test can assert that
 * none of them leaks into an output, a log line or an error.
 */
import { AlibabaError, HuaweiError } from "./apiErrors";
import type { CredentialStore } from "./credentials";
import type { EmulatorClock } from "./data";
import { headerValue, type ReceivedRequest } from "./receivedRequest";

/** The account every key belongs to unless told otherwise (an Alibaba uid / a Huawei domain name). */
export const MAIN_ACCOUNT = "1000000000000001";

/** One Alibaba RAM role. */
export interface EmulatedRole {
  /** The account (uid) whose role it is: its temporary keys act in that account. */
  account: string;
  /** Base AccessKeyIds the role's trust policy lets assume it. */
  trusted: string[];
  /** Answer every AssumeRole of this role with this refusal. */
  refuse?: "NoPermission" | "EntityNotExist.Role";
  /** When set, AssumeRole must carry this ExternalId. */
  externalId?: string;
  /** The role's maximum session duration (default 3600, as RAM's default). */
  maxSessionSeconds?: number;
}

/** One Huawei IAM agency. */
export interface EmulatedAgency {
  /** The account (domain name) that created the agency: its temporary keys act there. */
  account: string;
  /** Base AKs the agency is delegated to. */
  trusted: string[];
  /** Answer with HTTP 403. */
  refuse?: boolean;
}

export interface IssuedKeys {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiresAtMs: number;
}

export class RoleTable {
  /** Alibaba roles by ARN (`acs:ram::<account>:role/<name>`, as written, case-sensitive here). */
  readonly alibaba = new Map<string, EmulatedRole>();
  /** Huawei agencies by `<domainName>/<agencyName>`. */
  readonly huawei = new Map<string, EmulatedAgency>();
  /** The account of a key, by access key id; absent: MAIN_ACCOUNT. */
  readonly keyAccounts = new Map<string, string>();
  /** Instances only one account sees: instance id -> account. */
  readonly owners = new Map<string, string>();
  private readonly temporary = new Map<string, { cloud: "alibaba" | "huawei"; token: string; expiresAtMs: number }>();
  private issued = 0;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly clock: EmulatorClock,
  ) {}

  /** Adds an Alibaba role `acs:ram::<account>:role/<name>`; returns its ARN. */
  addAlibabaRole(account: string, name: string, role: Omit<EmulatedRole, "account">): string {
    const arn = `acs:ram::${account}:role/${name}`;
    this.alibaba.set(arn, { account, ...role });
    return arn;
  }

  /** Adds a Huawei agency `<domainName>/<agencyName>`. */
  addHuaweiAgency(domainName: string, agencyName: string, agency: Omit<EmulatedAgency, "account">): void {
    this.huawei.set(`${domainName}/${agencyName}`, { account: domainName, ...agency });
  }

  accountOf(accessKeyId: string): string {
    return this.keyAccounts.get(accessKeyId) ?? MAIN_ACCOUNT;
  }

  /** Whether the key's account may see `instanceId`. */
  visible(accessKeyId: string, instanceId: string | undefined): boolean {
    if (!instanceId) return true;
    const owner = this.owners.get(instanceId);
    return owner === undefined || owner === this.accountOf(accessKeyId);
  }

  /** Temporary keys acting in `account` for `seconds`, accepted by the store until they expire. */
  issue(cloud: "alibaba" | "huawei", account: string, seconds: number): IssuedKeys {
    const n = ++this.issued;
    const expiresAtMs = this.clock.now().getTime() + seconds * 1000;
    const keys: IssuedKeys =
      cloud === "alibaba"
        ? {
            accessKeyId: `STS.EMUROLE${String(n).padStart(4, "0")}KEYID`,
            accessKeySecret: `EMU-ROLE-SECRET-${n}-0123456789abcdef`,
            securityToken: `EMU-ROLE-TOKEN-${n}-CAIS0123456789abcdefEMUROLETOKEN`,
            expiresAtMs,
          }
        : {
            accessKeyId: `EMUAGENCYAK${String(n).padStart(9, "0")}`,
            accessKeySecret: `EMU-AGENCY-SECRET-${n}-0123456789abcdefghij`,
            securityToken: `EMU-AGENCY-TOKEN-${n}-gQpjbi1ub3J0aC00EMUAGENCYTOKEN`,
            expiresAtMs,
          };
    if (cloud === "alibaba") this.credentials.alibaba.set(keys.accessKeyId, { secret: keys.accessKeySecret, securityToken: keys.securityToken });
    else this.credentials.huawei.set(keys.accessKeyId, { secretKey: keys.accessKeySecret });
    this.keyAccounts.set(keys.accessKeyId, account);
    this.temporary.set(keys.accessKeyId, { cloud, token: keys.securityToken, expiresAtMs });
    return keys;
  }

  /** Marks the Alibaba temporary keys whose time is up as expired (checked before every Alibaba request). */
  expireAlibabaKeys(): void {
    const now = this.clock.now().getTime();
    for (const [id, t] of this.temporary) {
      const key = this.credentials.alibaba.get(id);
      if (t.cloud === "alibaba" && key && now >= t.expiresAtMs) key.tokenExpired = true;
    }
  }

  /** A Huawei request signed with temporary keys must carry their `X-Security-Token`, before they expire. */
  checkHuaweiToken(req: ReceivedRequest, accessKey: string): void {
    const t = this.temporary.get(accessKey);
    if (!t || t.cloud !== "huawei") return;
    if (headerValue(req, "x-security-token") !== t.token) {
      throw new HuaweiError(
        401,
        "APIGW.0301",
        "Incorrect IAM authentication information: the security token is missing or does not match the temporary AK",
        "apigw",
      );
    }
    if (this.clock.now().getTime() >= t.expiresAtMs) throw new HuaweiError(401, "APIGW.0307", "The token must be updated.", "apigw");
  }

  /** The not-found answer of an Alibaba product for an instance of another account. */
  checkAlibabaScope(accessKeyId: string, action: string, params: Record<string, string>): void {
    if (action.startsWith("rds.") && !this.visible(accessKeyId, params.DBInstanceId)) {
      throw new AlibabaError(400, "InvalidDBInstanceId.NotFound", "The DBInstanceId provided does not exist in records.");
    }
    if (action.startsWith("kvstore.") && !this.visible(accessKeyId, params.InstanceId)) {
      throw new AlibabaError(404, "InvalidInstanceId.NotFound", "The specified instance is not found.");
    }
  }

  /** The DCS not-found answer for an instance of another account. */
  checkHuaweiScope(accessKey: string, instanceId: string): void {
    if (!this.visible(accessKey, instanceId)) throw new HuaweiError(404, "DCS.3022", "This DCS instance does not exist.", "dcs");
  }
}
