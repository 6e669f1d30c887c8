/** The arguments every lookup takes (BackupTask: no times, so no `since`/`until`/`maxAge`). Types only. */
export interface CommonArgs {
  /**
   * Region id (`cn-hangzhou`, `cn-north-4`); default: stack config, then the environment.
   * @cli Region id (`cn-hangzhou`, `cn-north-4`); default: the environment (below).
   */
  region?: string;
  /**
   * An https URL overriding the public endpoint: a VPC endpoint or a proxy; plain `http://` only for loopback
   * hosts unless `allowInsecureEndpoint` is true.
   */
  endpoint?: string;
  /** Allow a plain `http://` endpoint on a non-loopback host (signed requests sent unencrypted). */
  allowInsecureEndpoint?: boolean;
  /** Only backups started at or after this: an ISO-8601 instant with a zone, or a duration back from now (`7d`). */
  since?: string;
  /** Only backups started before this: an ISO-8601 instant with a zone, or a duration back from now. */
  until?: string;
  /** Fail when the chosen backup ended longer ago than this duration (`36h`, `7d`, `2w`). */
  maxAge?: string;
  /**
   * Assume a role before the lookup: Alibaba Cloud `{ roleArn, sessionName?, externalId?, durationSeconds?, policy? }`
   * (a RAM role), Huawei Cloud `{ agencyName, domainName, durationSeconds? }` (an IAM agency); never keys. Default:
   * stack config `alicloud:assumeRole` / `huaweicloud:assumeRole`, then the environment (docs/credentials.md).
   * @cli Assume a role before the lookup, as JSON: `{"roleArn":"acs:ram::<uid>:role/<name>"}` (Alibaba Cloud) or `{"agencyName":"...","domainName":"..."}` (Huawei Cloud); default: the environment (docs/credentials.md).
   */
  assumeRole?: {
    roleArn?: string;
    sessionName?: string;
    externalId?: string;
    durationSeconds?: number;
    policy?: string;
    agencyName?: string;
    domainName?: string;
  };
  /**
   * A profile of the cloud's CLI config file (`~/.aliyun/config.json`, `~/.hcloud/config.json`) whose keys to use.
   * Default: stack config `alicloud:profile` / `huaweicloud:profile`, then the environment (docs/credentials.md).
   * @cli A profile of the cloud's CLI config file (`~/.aliyun/config.json`, `~/.hcloud/config.json`); default: the environment (docs/credentials.md).
   */
  profile?: string;
}
