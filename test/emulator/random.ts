/**
 * Deterministic randomness for the emulator: a seeded generator for fleets, and the seeded "scramble" that
 * decides the (undocumented, arbitrary) order in which a listing returns its records.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";

/** A seeded pseudo-random generator (mulberry32) with a few conveniences. Same seed, same sequence. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `length` characters drawn from `alphabet`. */
  chars(length: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** A lowercase version-4 UUID built from this generator (so fleets are reproducible). */
  uuid(): string {
    const hex = this.chars(32, "0123456789abcdef").split("");
    hex[12] = "4";
    hex[16] = "89ab"[parseInt(hex[16], 16) & 3];
    const s = hex.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/**
 * Orders `items` by a pseudo-random key derived from (seed, listingKey, itemKey).
 *
 * The cloud APIs document no sort order, so the emulator deliberately returns records in none: the order
 * looks random, but it is a pure function of the seed, the query (`listingKey`: everything but the paging
 * parameters) and each record's id. Asking for page 2 after page 1 therefore sees the same permutation, so
 * paging is consistent, and adding a record does not reshuffle the others.
 */
export function scramble<T>(items: readonly T[], seed: number, listingKey: string, itemKey: (item: T) => string): T[] {
  const keyed = items.map((item) => ({
    item,
    rank: createHash("sha256")
      .update(`${seed}\u0000${listingKey}\u0000${itemKey(item)}`)
      .digest("hex")
      .slice(0, 12),
  }));
  keyed.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return keyed.map((k) => k.item);
}

/** An Alibaba-style request id: an uppercase GUID such as `1A6D328C-84B8-40DC-BF49-6C73984D7494`. */
export function alibabaRequestId(): string {
  return randomUUID().toUpperCase();
}

/** A Huawei-style request id: 32 lowercase hex digits. */
export function huaweiRequestId(): string {
  return randomBytes(16).toString("hex");
}
