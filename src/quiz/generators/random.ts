import { createHash } from 'node:crypto';

/**
 * A seeded random stream derived from SHA-256 (seed + key + counter). Keying each stream by what it is for
 * (e.g. a question's source and stem) keeps every choice independent of the order in which questions are made,
 * so adding a note elsewhere does not reshuffle unrelated questions.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A new array in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `k` distinct items in random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], k: number): T[];
}

export function seededRandom(seed: string, key: string): Random {
  let counter = 0;
  let buffer: Buffer = Buffer.alloc(0);
  let offset = 0;
  const next = (): number => {
    if (offset + 6 > buffer.length) {
      buffer = createHash('sha256').update(`${seed}\u0000${key}\u0000${counter++}`).digest();
      offset = 0;
    }
    // 48 bits are plenty for choosing among a handful of options.
    const value = buffer.readUIntBE(offset, 6) / 2 ** 48;
    offset += 6;
    return value;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const sample = <T>(items: readonly T[], k: number): T[] => shuffle(items).slice(0, Math.max(0, k));
  return { next, int, shuffle, sample };
}
