/**
 * The invoke token of a lookup's get function, `backup-lookups:<namespace>:<function>`, the token
 * `mocks.call` receives: `alicloud.rds.BackupSet` -> `backup-lookups:alicloud.rds:getBackupSet`. It follows
 * Pulumi's `<package>:<module>:<function>` form (https://www.pulumi.com/docs/iac/concepts/resources/names/#types).
 */
export function functionToken(lookup: string): string {
  const dot = lookup.lastIndexOf(".");
  return `backup-lookups:${lookup.slice(0, dot)}:get${lookup.slice(dot + 1)}`;
}

/** The invoke token of a lookup's list function: `alicloud.rds.BackupSet` -> `backup-lookups:alicloud.rds:getBackupSets`. */
export function listFunctionToken(lookup: string): string {
  return `${functionToken(lookup)}s`;
}
