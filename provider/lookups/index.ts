/**
 * The five lookups by class path: the single table the CLI, the get functions and the dynamic provider read.
 * Definitions are data and cheap to load; each cloud's client is loaded only when a lookup first calls it.
 */
import type { Candidate, LookupDefinition } from "../core/engine";
import type { CommonArgs } from "../core/args";
import { BackupSet as RdsBackupSet } from "./alicloud/rds/BackupSet";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLookup = LookupDefinition<CommonArgs & any, Candidate & any>;

export const LOOKUPS: Record<string, AnyLookup> = {
  "alicloud.rds.BackupSet": RdsBackupSet,
};

export function lookupNamed(name: string): AnyLookup | undefined {
  return Object.prototype.hasOwnProperty.call(LOOKUPS, name) ? LOOKUPS[name] : undefined;
}
