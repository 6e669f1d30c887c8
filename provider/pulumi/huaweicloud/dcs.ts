/** The `huaweicloud.dcs` namespace: resource classes and get functions (generated shape, one block per lookup). */
import * as pulumi from "@pulumi/pulumi";
import { CommonResult, LookupInputs, LookupOutputs, LookupResource, ResourceOnlyArgs } from "../LookupResource";
import { makeGet, makeGetOutput } from "../functions";
import type { DcsBackupSetArgs as BackupSetArgs, DcsBackupSetResult as BackupSetResult } from "../../lookups/huaweicloud/dcs/BackupSet";

export type { DcsBackupSetArgs as BackupSetArgs, DcsBackupSetResult as BackupSetResult } from "../../lookups/huaweicloud/dcs/BackupSet";
/** Outputs of `huaweicloud.dcs.BackupSet`: the lookup's outputs and its echoed arguments. */
export interface BackupSet extends LookupOutputs<BackupSetResult & CommonResult>, LookupOutputs<Omit<BackupSetArgs, keyof BackupSetResult>> {}
/** `huaweicloud.dcs.BackupSet` as a Pulumi resource: resolved during `pulumi preview`, pinned by default. */
export class BackupSet extends LookupResource {
  constructor(name: string, args: LookupInputs<BackupSetArgs> & ResourceOnlyArgs, opts?: pulumi.CustomResourceOptions) {
    super("huaweicloud.dcs.BackupSet", name, args, opts);
  }
}
/** `huaweicloud.dcs.BackupSet` without a resource in state (Promise form). */
export const getBackupSet = makeGet<BackupSetArgs, BackupSetResult & CommonResult & BackupSetArgs>("huaweicloud.dcs.BackupSet");
/** `huaweicloud.dcs.BackupSet` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getBackupSetOutput = makeGetOutput<BackupSetArgs, BackupSetResult & CommonResult & BackupSetArgs>("huaweicloud.dcs.BackupSet");
