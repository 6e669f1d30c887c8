/**
 * What the CLI and the generator read of an argument's zod schema: the field under its `optional` / `nullable` /
 * `default` wrappers, whether it may be left out, and its default. Written once here for the CLI's help and flag
 * parsing (provider/cli/) and the generated types (scripts/generate.ts). Hand-written because zod 4 has no public
 * API for it: `z.toJSONSchema` refuses the transforms our numeric ids use, so the definitions (`_zod.def`) are read.
 */
import type { z } from "zod";

/** The parts of a zod 4 schema definition that are read. */
export interface ZodDef {
  type: string;
  innerType?: ZodLike;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  options?: ZodLike[];
  in?: ZodLike;
  out?: ZodLike;
  keyType?: ZodLike;
  valueType?: ZodLike;
  element?: ZodLike;
  shape?: Record<string, ZodLike>;
  values?: unknown[];
}

export interface ZodLike {
  _zod: { def: ZodDef };
}

export interface FieldFacts {
  /** The schema under its wrappers. */
  inner: ZodLike;
  /** Wrapped in `optional` or `nullable`. */
  optional: boolean;
  /** Wrapped in `default`. */
  defaulted: boolean;
  /** The default's value, when `defaulted`. */
  defaultValue?: unknown;
}

/** The field under its `optional` / `nullable` / `default` wrappers. */
export function fieldFacts(schema: z.ZodType): FieldFacts {
  let s = schema as unknown as ZodLike;
  const facts: Omit<FieldFacts, "inner"> = { optional: false, defaulted: false };
  for (;;) {
    const d = s._zod.def;
    if (d.type === "optional" || d.type === "nullable") facts.optional = true;
    else if (d.type === "default") {
      facts.defaulted = true;
      facts.defaultValue = typeof d.defaultValue === "function" ? (d.defaultValue as () => unknown)() : d.defaultValue;
    } else return { inner: s, ...facts };
    s = d.innerType!;
  }
}

/** The enum's values of a field, or undefined when it is no enum. */
export function enumValues(schema: z.ZodType | undefined): string[] | undefined {
  if (!schema) return undefined;
  const d = fieldFacts(schema).inner._zod.def;
  return d.type === "enum" ? Object.values(d.entries ?? {}) : undefined;
}
