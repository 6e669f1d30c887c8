/**
 * The provider object Pulumi serializes into state as `__provider`. Each lookup's object is the exports of
 * its own module (providers/<lookup>.ts), so from an installed package the serializer stores one `require()`
 * of that module (318 bytes). Its methods capture nothing but the lookup's name and `require` the
 * implementation by package path when called: when serialized by value (from a source checkout) the text is
 * 2.8 KB of method stubs. Either way it holds no credential (they come from `configure` or the provider
 * process's environment) and no copy of the implementation (docs/pulumi.md).
 * Paths resolve from the Pulumi project's folder, where the package is installed.
 *
 * Keep every method body self-contained: any variable they mention is serialized by value.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { LookupName } from "../lookups";

/** The implementation's exports, as a type only (erased: the methods still load it when called). */
type Impl = typeof import("./providerImpl");

// The methods below are serialized by value: each must `require` the implementation by package path when called.
// (A region rather than a comment in each body, which would be serialized into users' state with the method.)
/* eslint-disable @typescript-eslint/no-require-imports -- see above */
export function makeProvider(lookup: LookupName): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      (require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl") as Impl).configure(req, lookup);
    },
    async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
      return (require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl") as Impl).check(lookup, olds, news);
    },
    async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
      return (require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl") as Impl).diff(id, olds, news);
    },
    async create(inputs: Record<string, unknown>) {
      return (require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl") as Impl).create(lookup, inputs);
    },
    async read(id: string, props: Record<string, unknown>) {
      return (require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl") as Impl).read(lookup, id, props);
    },
    async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
      return (require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl") as Impl).update(lookup, id, olds, news);
    },
    async delete() {
      // A lookup owns nothing in the cloud: deleting it from the stack deletes nothing.
    },
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */
