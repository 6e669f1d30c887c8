/** The shapes of the answers `backupLookupMocks` takes (provider/testing.ts). Types only. */

/** `V` where an id (a string, or a list of them) may also be given as an integer. */
type IntegerOr<V> = V extends readonly string[] ? readonly (string | number)[] : V extends string ? V | number : V;
/** `T` with the fields `K` taking integers too. */
type IntegersAllowed<T, K extends PropertyKey> = { [P in keyof T]: P extends K ? IntegerOr<T[P]> : T[P] };
/** `A` as an answer function receives it: ids given as numbers arrive as their digits, as the lookup reads them. */
type AsParsed<A, K extends PropertyKey> = { [P in keyof A]: P extends K ? Exclude<A[P], number> : A[P] };

/**
 * The backup a lookup answers with: any of its outputs; the ones left out are `null` (or derived). The ids `K` may be
 * numbers (`backupJobId: 4762614`); the outputs hold them as strings (`"4762614"`).
 */
export type BackupAnswer<R, K extends PropertyKey = never> = Partial<IntegersAllowed<R, K>>;

/** A backup `hours` old at the mocks' now, with `fields` (`backupAged` of pulumi-backup-lookups/testing). */
export interface AgedBackup<F = object> {
  readonly __backupAged: { readonly hours: number; readonly fields: F };
}

/** One backup of an answer: its outputs, or (for a lookup with times, `Timed`) `backupAged(hours, fields)`. */
export type OneBackup<R, K extends PropertyKey = never, Timed extends boolean = true> = BackupAnswer<R, K> | (Timed extends true ? AgedBackup<BackupAnswer<R, K>> : never);

/**
 * A fixed answer, a list of backups (newest or not: the lookup's own rules choose among them), or a function of the
 * lookup's arguments (defaults filled in, numeric ids as strings, as the lookup sees them) returning either;
 * `undefined`, `[]` or `noBackup` means no backup exists. `Timed` is false for a lookup whose records have no times.
 */
export type Answer<A, R, K extends PropertyKey = never, Timed extends boolean = true> =
  | OneBackup<R, K, Timed>
  | readonly OneBackup<R, K, Timed>[]
  | ((args: AsParsed<A, K>) => OneBackup<R, K, Timed> | readonly OneBackup<R, K, Timed>[] | undefined);
