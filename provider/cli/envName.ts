/**
 * The variable name `--format env` / `dotenv` gives an output: the prefix (default `BACKUP_`) and the output's
 * name in upper snake case, the prefix not doubled: `backupId` -> `BACKUP_ID`, `backupEndTime` ->
 * `BACKUP_END_TIME`, `dbInstanceId` -> `BACKUP_DB_INSTANCE_ID`, `status` -> `BACKUP_STATUS`. With `--env-prefix
 * SRC_`, `backupId` -> `SRC_ID` (the prefix replaces `BACKUP_`, so two lookups in one job do not collide).
 */
export const DEFAULT_ENV_PREFIX = "BACKUP_";

export function envName(output: string, prefix: string = DEFAULT_ENV_PREFIX): string {
  const snake = output.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  return prefix + (snake.startsWith(DEFAULT_ENV_PREFIX) ? snake.slice(DEFAULT_ENV_PREFIX.length) : snake);
}
