/** The `alicloud.kvstore` namespace: resource classes and get functions (generated shape, one block per lookup). */
import * as pulumi from "@pulumi/pulumi";
import { CommonResult, LookupInputs, LookupOutputs, LookupResource, ResourceOnlyArgs } from "../LookupResource";
import { makeGet, makeGetOutput } from "../functions";
import type { KvstoreBackupSetArgs as BackupSetArgs, KvstoreBackupSetResult as BackupSetResult } from "../../lookups/alicloud/kvstore/BackupSet";

export type { KvstoreBackupSetArgs as BackupSetArgs, KvstoreBackupSetResult as BackupSetResult } from "../../lookups/alicloud/kvstore/BackupSet";
/** Outputs of `alicloud.kvstore.BackupSet`: the lookup's outputs and its echoed arguments. */
export interface BackupSet extends LookupOutputs<BackupSetResult & CommonResult>, LookupOutputs<Omit<BackupSetArgs, keyof BackupSetResult>> {}
/** `alicloud.kvstore.BackupSet` as a Pulumi resource: resolved during `pulumi preview`, pinned by default. */
export class BackupSet extends LookupResource {
  constructor(name: string, args: LookupInputs<BackupSetArgs> & ResourceOnlyArgs, opts?: pulumi.CustomResourceOptions) {
    super("alicloud.kvstore.BackupSet", name, args, opts);
  }
}
/** `alicloud.kvstore.BackupSet` without a resource in state (Promise form). */
export const getBackupSet = makeGet<BackupSetArgs, BackupSetResult & CommonResult & BackupSetArgs>("alicloud.kvstore.BackupSet");
/** `alicloud.kvstore.BackupSet` without a resource in state (Output form; secret as a whole when it carries a download URL). */
export const getBackupSetOutput = makeGetOutput<BackupSetArgs, BackupSetResult & CommonResult & BackupSetArgs>("alicloud.kvstore.BackupSet");
