/**
 * The five lookups by class path: the single table the CLI, the get functions and the dynamic provider read.
 * Definitions are data and cheap to load; each cloud's client is loaded only when a lookup first calls it.
 */
import type { Candidate, LookupDefinition } from "../core/engine";
import type { CommonArgs } from "../core/args";
import { BackupSet as RdsBackupSet } from "./alicloud/rds/BackupSet";
import { BackupTask as RdsBackupTask } from "./alicloud/rds/BackupTask";
import { UserBackupFile as RdsUserBackupFile } from "./alicloud/rds/UserBackupFile";
import { KvstoreBackupSet } from "./alicloud/kvstore/BackupSet";
import { DcsBackupSet } from "./huaweicloud/dcs/BackupSet";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLookup = LookupDefinition<CommonArgs & any, Candidate & any>;

export const LOOKUPS: Record<string, AnyLookup> = {
  "alicloud.rds.BackupSet": RdsBackupSet,
  "alicloud.rds.BackupTask": RdsBackupTask,
  "alicloud.rds.UserBackupFile": RdsUserBackupFile,
  "alicloud.kvstore.BackupSet": KvstoreBackupSet,
  "huaweicloud.dcs.BackupSet": DcsBackupSet,
};

export function lookupNamed(name: string): AnyLookup | undefined {
  return Object.prototype.hasOwnProperty.call(LOOKUPS, name) ? LOOKUPS[name] : undefined;
}
