/**
 * The base of the five resource classes: a Pulumi dynamic resource whose outputs are the lookup's outputs.
 * Output properties are declared through interface merging in each class's module (no class fields), because
 * with target ES2022 a `readonly x!: Output<T>` field would wipe the output `super()` set (a class field's
 * initializer runs after the base constructor).
 */
import * as pulumi from "@pulumi/pulumi";
import { argumentNames } from "../core/engine";
import { lookupNamed } from "../lookups";
import type { CommonResult } from "../types/CommonResult";
import type { ResourceOnlyArgs } from "../types/ResourceOnlyArgs";

export type { CommonResult, ResourceOnlyArgs };

/** Each argument may be a Pulumi Input. */
export type LookupInputs<A> = { [K in keyof A]: pulumi.Input<A[K]> };
/** Each output as a Pulumi Output. */
export type LookupOutputs<R> = { readonly [K in keyof R]-?: pulumi.Output<R[K]> };
/** Each echoed argument as a Pulumi Output: an argument left out is echoed with its default (`undefined` when it has none). */
export type EchoedOutputs<A> = { readonly [K in keyof A]-?: pulumi.Output<{} extends Pick<A, K> ? Exclude<A[K], undefined> | undefined : A[K]> };

export abstract class LookupResource extends pulumi.dynamic.Resource {
  protected constructor(lookup: string, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const def = lookupNamed(lookup);
    if (!def) throw new Error(`unknown lookup ${lookup}`);
    const props: Record<string, unknown> = { ...(args as Record<string, unknown>) };
    // Every output, and every argument the program left out, as an undefined prop: each becomes an output
    // property filled from the provider's outputs, which echo the arguments with their defaults
    // (`requireAvailable` is true when omitted). Undefined props are not inputs, so nothing is registered for them.
    for (const k of [...argumentNames(def, "resource"), ...def.outputNames, "latestBackupId", "backupExists", "resolvedAt"]) if (!(k in props)) props[k] = undefined;
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

/** The constructor type of a lookup's resource class: its instances carry the lookup's outputs. */
export type LookupResourceClass<A, R> = new (
  name: string,
  args: LookupInputs<A> & ResourceOnlyArgs,
  opts?: pulumi.CustomResourceOptions,
) => LookupResource & LookupOutputs<R & CommonResult> & EchoedOutputs<Omit<A, keyof R | keyof CommonResult>>;

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
