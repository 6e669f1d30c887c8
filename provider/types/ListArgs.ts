/** The argument the list forms (`getXs`, `getXsOutput`) add to a lookup's own. Types only. */
export interface ListArgs {
  /** At most this many items, newest first (1 to 1000). Default `100`. */
  limit?: number;
}
