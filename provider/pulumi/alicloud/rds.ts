/** The `alicloud.rds` namespace: resource classes and get functions (generated shape, one block per lookup). */
import * as pulumi from "@pulumi/pulumi";
import { CommonResult, LookupInputs, LookupOutputs, LookupResource, ResourceOnlyArgs } from "../LookupResource";
import { makeGet, makeGetOutput } from "../functions";
import type { BackupSetArgs, BackupSetResult } from "../../lookups/alicloud/rds/BackupSet";
import type { BackupTaskArgs, BackupTaskResult } from "../../lookups/alicloud/rds/BackupTask";
import type { UserBackupFileArgs, UserBackupFileResult } from "../../lookups/alicloud/rds/UserBackupFile";

export type { BackupSetArgs, BackupSetResult } from "../../lookups/alicloud/rds/BackupSet";
/** Outputs of `alicloud.rds.BackupSet`: the lookup's outputs and its echoed arguments. */
export interface BackupSet extends LookupOutputs<BackupSetResult & CommonResult>, LookupOutputs<Omit<BackupSetArgs, keyof BackupSetResult>> {}
/** `alicloud.rds.BackupSet` as a Pulumi resource: resolved during `pulumi preview`, pinned by default. */
export class BackupSet extends LookupResource {
  constructor(name: string, args: LookupInputs<BackupSetArgs> & ResourceOnlyArgs, opts?: pulumi.CustomResourceOptions) {
    super("alicloud.rds.BackupSet", name, args, opts);
  }
}
/** `alicloud.rds.BackupSet` without a resource in state (Promise form). */
export const getBackupSet = makeGet<BackupSetArgs, BackupSetResult & CommonResult & BackupSetArgs>("alicloud.rds.BackupSet");
/** `alicloud.rds.BackupSet` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getBackupSetOutput = makeGetOutput<BackupSetArgs, BackupSetResult & CommonResult & BackupSetArgs>("alicloud.rds.BackupSet");

export type { BackupTaskArgs, BackupTaskResult } from "../../lookups/alicloud/rds/BackupTask";
/** Outputs of `alicloud.rds.BackupTask`: the lookup's outputs and its echoed arguments. */
export interface BackupTask extends LookupOutputs<BackupTaskResult & CommonResult>, LookupOutputs<Omit<BackupTaskArgs, keyof BackupTaskResult>> {}
/** `alicloud.rds.BackupTask` as a Pulumi resource: resolved during `pulumi preview`, pinned by default. */
export class BackupTask extends LookupResource {
  constructor(name: string, args: LookupInputs<BackupTaskArgs> & ResourceOnlyArgs, opts?: pulumi.CustomResourceOptions) {
    super("alicloud.rds.BackupTask", name, args, opts);
  }
}
/** `alicloud.rds.BackupTask` without a resource in state (Promise form). */
export const getBackupTask = makeGet<BackupTaskArgs, BackupTaskResult & CommonResult & BackupTaskArgs>("alicloud.rds.BackupTask");
/** `alicloud.rds.BackupTask` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getBackupTaskOutput = makeGetOutput<BackupTaskArgs, BackupTaskResult & CommonResult & BackupTaskArgs>("alicloud.rds.BackupTask");

export type { UserBackupFileArgs, UserBackupFileResult } from "../../lookups/alicloud/rds/UserBackupFile";
/** Outputs of `alicloud.rds.UserBackupFile`: the lookup's outputs and its echoed arguments. */
export interface UserBackupFile extends LookupOutputs<UserBackupFileResult & CommonResult>, LookupOutputs<Omit<UserBackupFileArgs, keyof UserBackupFileResult>> {}
/** `alicloud.rds.UserBackupFile` as a Pulumi resource: resolved during `pulumi preview`, pinned by default. */
export class UserBackupFile extends LookupResource {
  constructor(name: string, args: LookupInputs<UserBackupFileArgs> & ResourceOnlyArgs, opts?: pulumi.CustomResourceOptions) {
    super("alicloud.rds.UserBackupFile", name, args, opts);
  }
}
/** `alicloud.rds.UserBackupFile` without a resource in state (Promise form). */
export const getUserBackupFile = makeGet<UserBackupFileArgs, UserBackupFileResult & CommonResult & UserBackupFileArgs>("alicloud.rds.UserBackupFile");
/** `alicloud.rds.UserBackupFile` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getUserBackupFileOutput = makeGetOutput<UserBackupFileArgs, UserBackupFileResult & CommonResult & UserBackupFileArgs>("alicloud.rds.UserBackupFile");
