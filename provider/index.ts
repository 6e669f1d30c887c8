/**
 * pulumi-backup-lookups: find the newest usable backup of an Alibaba Cloud RDS, Redis/Tair (KVStore) or Huawei
 * Cloud DCS instance at deploy time. Namespaces mirror the official providers: `alicloud.rds`,
 * `alicloud.kvstore`, `huaweicloud.dcs`; each holds resource classes and `getX` / `getXOutput` functions.
 */
import { assertOneRuntime } from "./pulumi/assertOneRuntime";

assertOneRuntime();

import * as rdsModule from "./pulumi/alicloud/rds";
import * as kvstoreModule from "./pulumi/alicloud/kvstore";
import * as dcsModule from "./pulumi/huaweicloud/dcs";

export namespace alicloud {
  export import rds = rdsModule;
  export import kvstore = kvstoreModule;
}
export namespace huaweicloud {
  export import dcs = dcsModule;
}
export { BackupLookupError, CloudApiError, InvalidArgumentsError, NoBackupFoundError, StaleBackupError } from "./core/errors";
