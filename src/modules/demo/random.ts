// Seeded, deterministic randomness for the demo data. The same seed must give byte-identical data on
// every machine, so only integer/IEEE arithmetic is used (no Math.random, no Math.log/cos whose last
// bits may differ between engines).

/** mulberry32: tiny 32-bit PRNG with good enough statistics for demo data. Returns [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, used to derive independent streams from one seed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Rng = {
  readonly seed: number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** Picks list[i] with probability weights[i] / sum(weights). */
  weighted<T>(list: readonly T[], weights: readonly number[]): T;
  /** Roughly normal (Irwin–Hall sum of 4 uniforms): bounded to mean ± 3.46 sd, which suits demo data. */
  normal(mean: number, sd: number): number;
  /** Poisson-distributed count (Knuth; fine for the small rates used here). */
  poisson(lambda: number): number;
  shuffle<T>(list: T[]): T[];
  /** An independent stream for a sub-generator, so adding draws in one place does not shift others. */
  fork(label: string): Rng;
};

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    weighted(list, weights) {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < list.length; i++) {
        r -= weights[i];
        if (r < 0) return list[i];
      }
      return list[list.length - 1];
    },
    normal: (mean, sd) => mean + (next() + next() + next() + next() - 2) * sd * Math.sqrt(3),
    poisson(lambda) {
      if (lambda <= 0) return 0;
      // Split big rates so exp(-lambda) never underflows.
      if (lambda > 30) return rng.poisson(lambda / 2) + rng.poisson(lambda / 2);
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    shuffle(list) {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
      return list;
    },
    fork: (label) => createRng((hashString(label) ^ Math.imul(seed, 0x9e3779b1)) >>> 0),
  };
  return rng;
}

/**
 * Cumulative-weight table for many draws from the same weighted list (binary search per draw,
 * instead of a linear scan): order lines pick among hundreds of items thousands of times.
 */
export function weightedTable<T>(list: readonly T[], weights: readonly number[]): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    cumulative.push(total);
  }
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return list[lo];
  };
}
