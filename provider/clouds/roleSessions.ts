/**
 * Temporary credentials of assumed roles (Alibaba STS AssumeRole, Huawei IAM agency keys), kept per process:
 * one entry per role + session + base identity (+ STS/IAM endpoint), used until `REFRESH_MARGIN_MS` before it
 * expires on the context's clock, then asked for again. Concurrent lookups share one request in flight, so N
 * lookups with the same role make one AssumeRole request. A failed request is not kept.
 *
 * The values are registered with the redactor before anyone sees them, and live only in memory: never in
 * Pulumi state, a log line, an error or an output.
 */
import { createHash } from "node:crypto";
import type { LookupContext } from "../core/context";
import { registerSecret } from "../core/redact";

export interface TemporaryKeys {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** When the cloud says they expire (ms since the epoch). */
  expiresAtMs: number;
}

/** Refresh this long before the cloud's expiry (clock skew, a lookup's own duration). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

interface Entry {
  keys?: TemporaryKeys;
  pending?: Promise<TemporaryKeys>;
}

const sessions = new Map<string, Entry>();

/** A cache key from its parts; secrets among them (the base keys) are hashed, never kept. */
export function sessionKey(parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** Whether `keys` are still good at `nowMs`. */
export function fresh(keys: TemporaryKeys, nowMs: number): boolean {
  return nowMs < keys.expiresAtMs - REFRESH_MARGIN_MS;
}

/** The cached temporary keys of `key`, or those `assume` gets (once, however many ask at the same time). */
export async function roleSession(key: string, ctx: LookupContext, assume: () => Promise<TemporaryKeys>): Promise<TemporaryKeys> {
  const entry = sessions.get(key) ?? {};
  sessions.set(key, entry);
  if (entry.keys && fresh(entry.keys, ctx.clock.now().getTime())) return entry.keys;
  if (!entry.pending) {
    entry.pending = assume()
      .then((keys) => {
        [keys.accessKeyId, keys.accessKeySecret, keys.securityToken].forEach(registerSecret);
        entry.keys = keys;
        return keys;
      })
      .finally(() => {
        entry.pending = undefined;
      });
  }
  return entry.pending;
}

/** Forgets every session (tests; a process that rotated its base keys gets new entries anyway). */
export function clearRoleSessions(): void {
  sessions.clear();
}
