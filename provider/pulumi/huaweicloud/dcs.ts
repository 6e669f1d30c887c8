/** The `huaweicloud.dcs` namespace: one resource class and one get-function pair per lookup. */
import type { FunctionResult } from "../../types/FunctionResult";
import { lookupResourceClass } from "../LookupResource";
import { makeGet, makeGetOutput } from "../functions";
import type { DcsBackupSetArgs as BackupSetArgs, DcsBackupSetResult as BackupSetResult } from "../../types/huaweicloud/dcs/BackupSet";

export type { BackupSetArgs, BackupSetResult };

/** `huaweicloud.dcs.BackupSet` as a Pulumi resource: the newest restorable backup record of a DCS instance; resolved during `pulumi preview`, pinned by default. */
export const BackupSet = lookupResourceClass<BackupSetArgs, BackupSetResult>("huaweicloud.dcs.BackupSet");
export type BackupSet = InstanceType<typeof BackupSet>;
/** `huaweicloud.dcs.BackupSet` without a resource in state (Promise form). */
export const getBackupSet = makeGet<BackupSetArgs, FunctionResult<BackupSetArgs, BackupSetResult>>("huaweicloud.dcs.BackupSet");
/** `huaweicloud.dcs.BackupSet` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getBackupSetOutput = makeGetOutput<BackupSetArgs, FunctionResult<BackupSetArgs, BackupSetResult>>("huaweicloud.dcs.BackupSet");
