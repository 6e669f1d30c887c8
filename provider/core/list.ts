/**
 * The list forms (`getBackupSets`, `getBackupSetsOutput`): every match of a lookup, newest first, at most `limit`,
 * read lazily (provider/core/engine.ts `newestWindows`), with the same items as the command line's `--list`.
 */
import { z } from "zod";
import type { LookupContext } from "./context";
import { AnyLookup, ArgSpecs, arg } from "./declaration";
import { InvalidArgumentsError } from "./errors";
import { parseArgs, runLookup } from "./engine";

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

/** The argument the list forms add to a lookup's own (the generated `ListArgs`, provider/types/common.ts). */
const limitSchema = z.number().int().min(1).max(MAX_LIST_LIMIT);

export const listArgSpecs = {
  limit: arg(limitSchema.default(DEFAULT_LIST_LIMIT), `At most this many items, newest first (1 to ${MAX_LIST_LIMIT}).`),
} satisfies ArgSpecs;

/** What is wrong with a `limit` (a program's, or `--limit`'s as a number), or undefined; `shown` is the value as written. */
export function limitProblem(value: unknown, shown: unknown = value): string | undefined {
  return limitSchema.safeParse(value).success ? undefined : `must be a whole number from 1 to ${MAX_LIST_LIMIT}, got ${JSON.stringify(shown)}`;
}

/** Validates a list form's arguments: the lookup's own (function form) and `limit`. */
export function parseListArgs(def: AnyLookup, input: unknown, now: Date): { args: Record<string, unknown>; limit: number } {
  if (def.kind === "job") throw new InvalidArgumentsError(def.name, [{ argument: "", reason: `${def.name} has no list form`, code: "notApplicable" }]);
  const { limit, ...rest } = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const issues = [];
  const problem = limit === undefined ? undefined : limitProblem(limit);
  if (problem) issues.push({ argument: "limit", reason: problem });
  let args: Record<string, unknown>;
  try {
    args = parseArgs(def, input && typeof input === "object" ? rest : input, "function", now);
  } catch (err) {
    if (!(err instanceof InvalidArgumentsError)) throw err;
    throw new InvalidArgumentsError(def.name, [...err.issues, ...issues]);
  }
  if (issues.length) throw new InvalidArgumentsError(def.name, issues);
  return { args, limit: typeof limit === "number" ? limit : DEFAULT_LIST_LIMIT };
}

/** What a list form resolves to. */
export interface ListResult {
  items: Record<string, unknown>[];
  truncated: boolean;
}

export async function listLookup(def: AnyLookup, input: unknown, ctx: LookupContext): Promise<ListResult> {
  const { args, limit } = parseListArgs(def, input, ctx.clock.now());
  const result = await runLookup(def, args, ctx, { form: "function", list: true, limit, emptyIsAnswer: true, validated: args });
  return { items: result.list ?? [], truncated: result.truncated ?? false };
}
