/**
 * The words of a lookup's two "no usable backup" failures, written once: `runLookup` (engine.ts) and the mocks of
 * `pulumi-backup-lookups/testing` (testing.ts) give the same `NoBackupFoundError` and `StaleBackupError` messages,
 * so a unit test asserts what a deployment prints.
 */
import type { LookupContext } from "./context";
import type { AnyLookup } from "./declaration";
import { describeSeen, SortKey } from "./select";
import { describeAge, formatInstant } from "./time";

/**
 * `no backup set of RDS instance rm-1 matches (backupStatus Success, available): 2 backup sets seen, newest
 * 2026-11-20T02:17:31Z is Failed`: the filters in force (the lookup's, then `since`/`until`) and what was seen,
 * newest first, each with the reason it was rejected.
 */
export function noBackupMessage<C>(
  def: AnyLookup,
  args: object,
  ctx: LookupContext,
  window: { since?: Date; until?: Date },
  seen: { record: C; rejected?: string }[],
  key: (c: C) => SortKey,
): string {
  const filters = def.describeFilters(args);
  if (window.since) filters.push(`since ${formatInstant(window.since)}`);
  if (window.until) filters.push(`until ${formatInstant(window.until)}`);
  return `no ${def.noun} of ${def.subject(args, ctx)} matches${filters.length ? ` (${filters.join(", ")})` : ""}: ${describeSeen(seen, def.noun, key)}`;
}

/**
 * `the newest matching backup set of RDS instance rm-1 is 640000777, which ended 2026-11-20T02:17:31Z (17d 3h ago),
 * older than maxAge 36h; take a fresh backup or raise maxAge; 4 backup sets seen; newest: ...`. `end` is the
 * candidate's end (else its start) in ms, undefined when it has neither; `ageMs` its age on the clock that decides
 * (apiClock.ts); `seen` the candidates, newest first, each with why it lost (the stale one: too old).
 */
export function staleBackupMessage<C>(
  def: AnyLookup,
  args: { maxAge?: string },
  ctx: LookupContext,
  stale: { id: string; end: number | undefined; ageMs: number },
  seen: { record: C; rejected?: string }[],
  key: (c: C) => SortKey,
): string {
  const { id, end, ageMs } = stale;
  const tooOld = `is older than maxAge ${args.maxAge}`;
  return `the newest matching ${def.noun} of ${def.subject(args, ctx)} is ${id}, which ended ${end === undefined ? "at an unknown time" : `${formatInstant(new Date(end))} (${describeAge(ageMs)} ago)`}, older than maxAge ${args.maxAge}; take a fresh backup or raise maxAge; ${describeSeen(seen, def.noun, key, (r) => (key(r).id === id ? tooOld : undefined))}`;
}
