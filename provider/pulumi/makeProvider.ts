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

export function makeProvider(lookup: string): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl").configure(req, lookup);
    },
    async check(olds, news) {
      return require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl").check(lookup, olds, news);
    },
    async diff(id, olds, news) {
      return require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl").diff(id, olds, news);
    },
    async create(inputs) {
      return require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl").create(lookup, inputs);
    },
    async read(id, props) {
      return require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl").read(lookup, id, props);
    },
    async update(id, olds, news) {
      return require("pulumi-backup-lookups/dist/provider/pulumi/providerImpl").update(lookup, id, olds, news);
    },
    async delete() {
      // A lookup owns nothing in the cloud: deleting it from the stack deletes nothing.
    },
  };
}
