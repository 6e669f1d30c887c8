/**
 * The secret wire form of a value in a dynamic provider's inputs and outputs: `{ [rpc.specialSigKey]:
 * rpc.specialSecretSig, value }`, as @pulumi/pulumi's runtime/rpc.ts serializes a secret
 * (https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/runtime/rpc.ts). Values a provider computes in
 * `check` are stored as inputs, which `additionalSecretOutputs` does not cover, so secret outputs are returned
 * in this form.
 */
import * as rpc from "@pulumi/pulumi/runtime/rpc";

/** Whether `v` is a value in the secret wire form. */
export const isSecretWire = (v: unknown): v is { value: unknown } =>
  !!v && typeof v === "object" && (v as Record<string, unknown>)[rpc.specialSigKey] === rpc.specialSecretSig;

/** `value` in the secret wire form. */
export const secretWire = (value: unknown) => ({ [rpc.specialSigKey]: rpc.specialSecretSig, value });

/** The plain value inside any number of secret wrappings. */
export const unwrap = (v: unknown): unknown => (isSecretWire(v) ? unwrap(v.value) : v);
