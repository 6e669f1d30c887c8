/**
 * A lookup's pin policy, declared on its definition and read by the dynamic provider
 * (provider/pulumi/providerImpl.ts), which names no lookup argument itself:
 * - which arguments only tune the transport or the waits (never part of the query's identity, so adding
 *   `maxAge`, switching to a VPC endpoint or raising a timeout never moves a pin);
 * - which outputs identify the chosen backup, and which argument names what is backed up (the resource id);
 * - how a pinned result is re-read on a later deployment (`probe`, `repin`) and on `pulumi refresh` (`recheck`).
 */
import { createHash } from "node:crypto";
import { canonical } from "./canonical";

export interface PinPolicy<A> {
  /** The argument naming what is backed up, for resource ids (`dbInstanceId`); unset, the region. */
  subject?: keyof A & string;
  /** Output fields identifying the chosen backup: the first that is set (a KVStore job before its shard). */
  chosen: string[];
  /** The lookup's own arguments that only tune waits or transport (beside the common ones). */
  tuning?: (keyof A & string)[];
  /** The output holding the backup id `exists` re-checks on `pulumi refresh`. */
  recheck: string;
  /** The arguments that learn the newest on a later deployment (BackupTask never waits for it). */
  probe?(args: A): A;
  /**
   * For a pinned result whose record was still moving (a BackupTask job not finished when pinned): the
   * arguments that re-read that same record, or undefined to keep the stored values.
   */
  repin?(stored: Record<string, unknown>): Partial<A> | undefined;
}

/** Arguments of every lookup that choose no backup: where the API is, and how old a new choice may be. */
export const COMMON_TUNING = ["region", "endpoint", "allowInsecureEndpoint", "maxAge", "refresh", "assumeRole", "profile"] as const;

interface Pinned {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any lookup's policy, whatever its arguments type
  pin: PinPolicy<any>;
}

/** Every argument name outside the pin's identity. */
export function tuningArguments(def: Pinned): string[] {
  return [...COMMON_TUNING, ...(def.pin.tuning ?? [])];
}

/**
 * The pin's identity: a hash of the arguments as written that choose the backup. A hash, not the values: the
 * engine marks a checked input secret only when an input of the same name was, so a new key holding argument
 * values could carry a secret argument into state in plain text.
 */
export function queryIdentity(def: Pinned, args: Record<string, unknown>): string {
  const tuning = new Set(tuningArguments(def));
  const chosen: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (!tuning.has(k)) chosen[k] = v;
  return createHash("sha256")
    .update(`${def.name}\n${canonical(chosen)}`)
    .digest("hex");
}

/** The chosen backup of a result: the first of `pin.chosen` that is set, else the last one's value. */
export function chosenIdentity(def: Pinned, outputs: Record<string, unknown>): unknown {
  const fields = def.pin.chosen;
  for (const f of fields.slice(0, -1)) if (outputs[f] !== undefined && outputs[f] !== null) return outputs[f];
  return outputs[fields[fields.length - 1]];
}

/** A resource id: `<lookup>:<subject>:<chosen backup>`, from plain values (`value` unwraps wire forms). */
export function resourceId(def: Pinned, inputs: Record<string, unknown>, value: (v: unknown) => unknown = (v) => v): string {
  const subject = value((def.pin.subject !== undefined ? inputs[def.pin.subject] : undefined) ?? inputs.region ?? "region");
  const chosen = value(chosenIdentity(def, inputs) ?? "none");
  return `${def.name}:${String(subject)}:${String(chosen)}`;
}
