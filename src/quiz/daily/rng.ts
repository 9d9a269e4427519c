import { createHash } from 'node:crypto';

/** A source of uniform numbers in [0, 1); injected so question choice is reproducible. */
export type Rng = () => number;

/**
 * A small deterministic generator (mulberry32) seeded from any string. Not for secrets: it only has to make the
 * same seed pick the same question on every machine, so two racing processes choose alike.
 */
export function seededRng(seed: string): Rng {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index in [0, length) from an Rng; guards against generators that return exactly 1. */
export function pickIndex(rng: Rng, length: number): number {
  return Math.min(length - 1, Math.floor(rng() * length));
}
