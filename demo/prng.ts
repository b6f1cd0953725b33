/**
 * The demo's own seeded pseudo-random numbers (mulberry32): the data split, the weight
 * initialisation and the batch order all come from here, so a run is the same given `--seed`.
 *
 * @module
 */

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/**
 * mulberry32, a 32-bit generator with a 2^32 period: plenty for shuffling 10,000 digits
 * and drawing 100,000 weights.
 *
 * @param seed Any integer; only its low 32 bits are used.
 * @returns A generator of uniform numbers in [0, 1).
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed derived from a base seed and a stream name, so that the split, the initialisation
 * and the batch order of a seed are independent streams (FNV-1a of the name, mixed in).
 *
 * @param seed The base seed.
 * @param stream The stream's name.
 * @returns A 32-bit seed.
 */
export function deriveSeed(seed: number, stream: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
  h ^= Math.floor(seed / 4294967296);
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
}

/**
 * A uniformly random permutation of `0 … n-1` (Fisher–Yates).
 *
 * @param n The length.
 * @param rng The generator.
 * @returns The permutation.
 */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const x = p[i];
    p[i] = p[j];
    p[j] = x;
  }
  return p;
}

/**
 * Standard normal numbers (Box–Muller).
 *
 * @param rng The uniform generator.
 * @returns A generator of N(0, 1) numbers.
 */
export function gaussian(rng: Rng): () => number {
  return () => {
    const u = 1 - rng(), v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}
