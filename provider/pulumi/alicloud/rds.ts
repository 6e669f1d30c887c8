/** The `alicloud.rds` namespace: one resource class and one get-function pair per lookup. */
import type { FunctionResult } from "../../types/FunctionResult";
import { lookupResourceClass } from "../LookupResource";
import { makeGet, makeGetOutput } from "../functions";
import type { BackupSetArgs, BackupSetResult } from "../../types/alicloud/rds/BackupSet";
import type { BackupTaskArgs, BackupTaskResult } from "../../types/alicloud/rds/BackupTask";
import type { UserBackupFileArgs, UserBackupFileResult } from "../../types/alicloud/rds/UserBackupFile";

export type { BackupSetArgs, BackupSetResult, BackupTaskArgs, BackupTaskResult, UserBackupFileArgs, UserBackupFileResult };

/** `alicloud.rds.BackupSet` as a Pulumi resource: the newest usable backup set of an RDS instance; resolved during `pulumi preview`, pinned by default. */
export const BackupSet = lookupResourceClass<BackupSetArgs, BackupSetResult>("alicloud.rds.BackupSet");
export type BackupSet = InstanceType<typeof BackupSet>;
/** `alicloud.rds.BackupSet` without a resource in state (Promise form). */
export const getBackupSet = makeGet<BackupSetArgs, FunctionResult<BackupSetArgs, BackupSetResult>>("alicloud.rds.BackupSet");
/** `alicloud.rds.BackupSet` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getBackupSetOutput = makeGetOutput<BackupSetArgs, FunctionResult<BackupSetArgs, BackupSetResult>>("alicloud.rds.BackupSet");

/** `alicloud.rds.BackupTask` as a Pulumi resource: the newest backup job of an RDS instance, or a given one, optionally waited for; resolved during `pulumi preview`, pinned by default. */
export const BackupTask = lookupResourceClass<BackupTaskArgs, BackupTaskResult>("alicloud.rds.BackupTask");
export type BackupTask = InstanceType<typeof BackupTask>;
/** `alicloud.rds.BackupTask` without a resource in state (Promise form). */
export const getBackupTask = makeGet<BackupTaskArgs, FunctionResult<BackupTaskArgs, BackupTaskResult>>("alicloud.rds.BackupTask");
/** `alicloud.rds.BackupTask` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getBackupTaskOutput = makeGetOutput<BackupTaskArgs, FunctionResult<BackupTaskArgs, BackupTaskResult>>("alicloud.rds.BackupTask");

/** `alicloud.rds.UserBackupFile` as a Pulumi resource: the newest imported user backup file of a region; resolved during `pulumi preview`, pinned by default. */
export const UserBackupFile = lookupResourceClass<UserBackupFileArgs, UserBackupFileResult>("alicloud.rds.UserBackupFile");
export type UserBackupFile = InstanceType<typeof UserBackupFile>;
/** `alicloud.rds.UserBackupFile` without a resource in state (Promise form). */
export const getUserBackupFile = makeGet<UserBackupFileArgs, FunctionResult<UserBackupFileArgs, UserBackupFileResult>>("alicloud.rds.UserBackupFile");
/** `alicloud.rds.UserBackupFile` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getUserBackupFileOutput = makeGetOutput<UserBackupFileArgs, FunctionResult<UserBackupFileArgs, UserBackupFileResult>>("alicloud.rds.UserBackupFile");
