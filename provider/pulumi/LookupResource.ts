/**
 * The base of the resource classes (generated per lookup in provider/pulumi/<cloud>/<service>.ts): a Pulumi
 * dynamic resource whose outputs are the lookup's outputs. The classes declare their output properties with
 * `declare readonly` (no emitted class field, so nothing wipes what `super()` set: with target ES2022 an
 * initialised field would).
 */
import * as pulumi from "@pulumi/pulumi";
import { allOutputNames } from "../core/engine";
import { AnyLookup, secretOutputs } from "../core/declaration";
import type { CommonEchoes, CommonResult, TimeEchoes } from "../types/common";

/** Each field of `T` as a Pulumi Output (doc comments carry over: the mapped type is homomorphic). */
type Outputs<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the merged interface declares the output properties Pulumi sets
export abstract class LookupResource extends pulumi.dynamic.Resource {
  /**
   * `lookup` is the lookup's declaration, typed here only by its name so the package's public declarations never
   * reach zod or the engine (a user's `tsc` without `skipLibCheck` reads them).
   */
  protected constructor(lookup: { readonly name: string }, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const def = lookup as AnyLookup;
    const props: Record<string, unknown> = { ...(args as Record<string, unknown>) };
    // Every output, and every argument the program left out, as an undefined prop: each becomes an output
    // property filled from the provider's outputs, which echo the arguments with their defaults
    // (`requireAvailable` is true when omitted). Undefined props are not inputs, so nothing is registered for them.
    for (const k of [...allOutputNames(def, "resource"), "refresh"]) if (!(k in props)) props[k] = undefined;
    super(
      // The exports of providers/<lookup>.ts: from an installed package the serializer stores a require() of it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the serializer must see a require() of the module to store it by path
      require(`./providers/${def.name}`) as pulumi.dynamic.ResourceProvider,
      name,
      props,
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs(def)] },
      "backup-lookups",
      def.name,
    );
  }
}

/** The outputs every lookup's resource has: the common outputs, the common arguments echoed, and `refresh`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- the class's output properties, declared once
export interface LookupResource extends Outputs<CommonResult & CommonEchoes & { refresh?: "pin" | "always" }> {}

/** The base of the resources of lookups whose backups have times: the time arguments echoed too. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the merged interface declares the output properties Pulumi sets
export abstract class TimedLookupResource extends LookupResource {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- the class's output properties, declared once
export interface TimedLookupResource extends Outputs<TimeEchoes> {}
