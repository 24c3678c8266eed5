/**
 * A seeded pseudo-random source (mulberry32): the synthetic corpus must be the same bytes for the
 * same seed number on every machine and Node version, which Math.random cannot promise.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /**
   * An index in [0, n) drawn from a Zipf law of exponent `s`: index 0 most often, then a long
   * tail. This is the skew of real corpora, where a few countries and EU bodies are in every text.
   */
  zipf(n: number, s?: number): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as never;
    },
    zipf: (n, s = 1.1) => {
      // Inverse of the continuous power law on [1, n + 1): no table per n, which matters because
      // the pools it draws from grow with every document.
      const u = next();
      const x = s === 1 ? (n + 1) ** u : ((n + 1) ** (1 - s) - 1) * u + 1;
      const value = s === 1 ? x : x ** (1 / (1 - s));
      return Math.min(n - 1, Math.max(0, Math.floor(value) - 1));
    },
  };
  return random;
}
