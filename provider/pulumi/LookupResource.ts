/**
 * The base of the five resource classes: a Pulumi dynamic resource whose outputs are the lookup's outputs.
 * Output properties are declared through interface merging in each class's module (no class fields), because
 * with target ES2022 a `readonly x!: Output<T>` field would wipe the output `super()` set (PULUMI-NOTES.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { lookupNamed } from "../lookups";

/** Each argument may be a Pulumi Input. */
export type LookupInputs<A> = { [K in keyof A]: pulumi.Input<A[K]> };
/** Each output as a Pulumi Output. */
export type LookupOutputs<R> = { readonly [K in keyof R]-?: pulumi.Output<R[K]> };

/** Arguments only the resource form takes. */
export interface ResourceOnlyArgs {
  /**
   * `"pin"` (default): keep the backup resolved at creation on later deployments and report the newest in
   * `latestBackupId`; `"always"`: resolve again on every deployment (a change only when the choice changed).
   */
  refresh?: "pin" | "always";
}

export abstract class LookupResource extends pulumi.dynamic.Resource {
  protected constructor(lookup: string, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const def = lookupNamed(lookup);
    if (!def) throw new Error(`unknown lookup ${lookup}`);
    const props: Record<string, unknown> = { ...(args as Record<string, unknown>) };
    for (const k of [...def.outputNames, "latestBackupId", "backupExists", "resolvedAt"]) if (!(k in props)) props[k] = undefined;
    super(
      // The exports of providers/<lookup>.ts: from an installed package the serializer stores a require() of it.
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      require(`./providers/${lookup}`) as pulumi.dynamic.ResourceProvider,
      name,
      props,
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...def.secretOutputs] },
      "backup-lookups",
      lookup,
    );
  }
}

/** Outputs every lookup has (CONTRACT.md). */
export interface CommonResult {
  /** The newest match at the last run; differs from `backupId` when pinned. */
  latestBackupId: string | null;
  /** `true` when resolved; a refresh sets `false` when the pinned backup expired or was deleted. */
  backupExists: boolean;
  /** When the stored result was resolved, ISO-8601 UTC to the second. */
  resolvedAt: string;
}

/** The constructor type of a lookup's resource class: its instances carry the lookup's outputs. */
export type LookupResourceClass<A, R> = new (
  name: string,
  args: LookupInputs<A> & ResourceOnlyArgs,
  opts?: pulumi.CustomResourceOptions,
) => LookupResource & LookupOutputs<R & CommonResult> & LookupOutputs<Omit<A, keyof R>>;

/** A resource class for `lookup`: one line per lookup in the namespace modules instead of a class body each. */
export function lookupResourceClass<A, R>(lookup: string): LookupResourceClass<A, R> {
  class Lookup extends LookupResource {
    constructor(name: string, args: LookupInputs<A> & ResourceOnlyArgs, opts?: pulumi.CustomResourceOptions) {
      super(lookup, name, args, opts);
    }
  }
  Object.defineProperty(Lookup, "name", { value: lookup.split(".").pop() });
  return Lookup as unknown as LookupResourceClass<A, R>;
}
