/** Arguments only the resource form takes. Types only. */
export interface ResourceOnlyArgs {
  /**
   * `"pin"` (default): keep the backup resolved at creation on later deployments and report the newest in
   * `latestBackupId`; `"always"`: resolve again on every deployment (a change only when the choice changed).
   */
  refresh?: "pin" | "always";
}
