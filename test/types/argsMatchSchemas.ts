/**
 * The build fails when a lookup's public argument interface (provider/types) and its zod schema disagree:
 * every argument of one is an argument of the other, with the same type and the same optionality. Compiled by
 * `tsc -p .` (tsconfig.json includes this file); nothing here runs.
 *
 * Why two sources: the hand-written interfaces carry the doc comments users see on hover and the README
 * reference is generated from; a type derived from the schema (`z.input<...>`) would lose them. This file
 * makes the pair one source of truth in effect. An error here reads
 * `Type '"backupId"' does not satisfy the constraint 'never'`: the key that differs.
 */
import type { z } from "zod";
import type { commonArgs } from "../../provider/core/args";
import type { BackupSet } from "../../provider/lookups/alicloud/rds/BackupSet";
import type { BackupTask } from "../../provider/lookups/alicloud/rds/BackupTask";
import type { UserBackupFile } from "../../provider/lookups/alicloud/rds/UserBackupFile";
import type { KvstoreBackupSet } from "../../provider/lookups/alicloud/kvstore/BackupSet";
import type { DcsBackupSet } from "../../provider/lookups/huaweicloud/dcs/BackupSet";
import type { BackupSetArgs } from "../../provider/types/alicloud/rds/BackupSet";
import type { BackupTaskArgs } from "../../provider/types/alicloud/rds/BackupTask";
import type { UserBackupFileArgs } from "../../provider/types/alicloud/rds/UserBackupFile";
import type { KvstoreBackupSetArgs } from "../../provider/types/alicloud/kvstore/BackupSet";
import type { DcsBackupSetArgs } from "../../provider/types/huaweicloud/dcs/BackupSet";

/** Mutually assignable: same members, same optionality, each member's type assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The keys where `A` and `B` differ (missing on one side, or a different type or optionality): never when equal. */
export type Mismatch<A, B> = {
  [K in keyof A | keyof B]-?: K extends keyof A ? (K extends keyof B ? (Same<Pick<A, K>, Pick<B, K>> extends true ? never : K) : K) : K;
}[keyof A | keyof B];

/** Compiles only when `T` is never. */
export type ExpectNone<T extends never> = T;

/** What a user may pass: the schema's input type (before defaults and transforms), with the common arguments. */
type SchemaInput<Shape extends z.ZodRawShape, Common extends z.ZodRawShape = typeof commonArgs> = z.input<z.ZodObject<Common & Shape>>;
/** The common arguments of a lookup whose records have no times (BackupTask). */
type UntimedCommon = Omit<typeof commonArgs, "since" | "until" | "maxAge">;

export type Checks = [
  ExpectNone<Mismatch<BackupSetArgs, SchemaInput<typeof BackupSet.shape>>>,
  ExpectNone<Mismatch<BackupTaskArgs, SchemaInput<typeof BackupTask.shape, UntimedCommon>>>,
  ExpectNone<Mismatch<UserBackupFileArgs, SchemaInput<typeof UserBackupFile.shape>>>,
  ExpectNone<Mismatch<KvstoreBackupSetArgs, SchemaInput<typeof KvstoreBackupSet.shape>>>,
  ExpectNone<Mismatch<DcsBackupSetArgs, SchemaInput<typeof DcsBackupSet.shape>>>,
];
