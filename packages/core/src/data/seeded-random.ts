/** 32-bit FNV-1a hash of a string: turns a handle (or any key) into a seed. */
export function hashSeed(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: tiny and fast, plenty for plausible fake data (never for anything secret). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from the distributions fake TikTok data needs, all from one seeded stream. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  between(min: number, max: number): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform on a log scale: as many accounts between 5K and 50K followers as between 500K and 5M. */
  logUniform(min: number, max: number): number;
  /** Standard normal by Box–Muller. */
  normal(): number;
  /** Log-normal with the given median; sigma is the spread of ln(x). */
  logNormal(median: number, sigma: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items in random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
}

/**
 * A seeded stream keyed by a string: the same key always gives the same draws.
 * @example
 * const random = seededRandom("videos:glowwithmia");
 * random.logUniform(5_000, 5_000_000);
 */
export function seededRandom(key: string): SeededRandom {
  const next = mulberry32(hashSeed(key));
  const between = (min: number, max: number) => min + (max - min) * next();
  const normal = () => {
    const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError("cannot pick from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };
  return {
    next,
    between,
    int: (min, max) => Math.floor(between(min, max + 1)),
    logUniform: (min, max) => Math.exp(between(Math.log(min), Math.log(max))),
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    chance: (probability) => next() < probability,
    pick,
    sample: (items, count) => {
      const pool = [...items];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [pool[i], pool[j]] = [pool[j] as (typeof pool)[number], pool[i] as (typeof pool)[number]];
      }
      return pool.slice(0, count);
    },
  };
}
