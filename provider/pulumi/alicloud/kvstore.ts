/** The `alicloud.kvstore` namespace: one resource class and one get-function pair per lookup. */
import type { FunctionResult } from "../../types/FunctionResult";
import { lookupResourceClass } from "../LookupResource";
import { makeGet, makeGetOutput } from "../functions";
import type { KvstoreBackupSetArgs as BackupSetArgs, KvstoreBackupSetResult as BackupSetResult } from "../../types/alicloud/kvstore/BackupSet";

export type { BackupSetArgs, BackupSetResult };

/** `alicloud.kvstore.BackupSet` as a Pulumi resource: the newest usable backup job (all shards) of a Redis/Tair instance; resolved during `pulumi preview`, pinned by default. */
export const BackupSet = lookupResourceClass<BackupSetArgs, BackupSetResult>("alicloud.kvstore.BackupSet");
export type BackupSet = InstanceType<typeof BackupSet>;
/** `alicloud.kvstore.BackupSet` without a resource in state (Promise form). */
export const getBackupSet = makeGet<BackupSetArgs, FunctionResult<BackupSetArgs, BackupSetResult>>("alicloud.kvstore.BackupSet");
/** `alicloud.kvstore.BackupSet` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getBackupSetOutput = makeGetOutput<BackupSetArgs, FunctionResult<BackupSetArgs, BackupSetResult>>("alicloud.kvstore.BackupSet");
