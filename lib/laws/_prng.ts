/**
 * A tiny seeded pseudo-random generator (mulberry32), so that the laws check the same
 * iterations on every run and every runtime. Not for anything but picking test points.
 *
 * @module
 */

/** Returns a generator of uniform 32-bit unsigned integers from a seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };
}

/** A uniform integer in `[0, max]` for `max <= 2^53 - 1`, from two 32-bit draws. */
export function uniformInt(next: () => number, max: number): number {
  const r53 = (next() >>> 5) * 67108864 + (next() >>> 6); // 27 + 26 bits: uniform in [0, 2^53)
  return max >= Number.MAX_SAFE_INTEGER ? r53 : r53 % (max + 1);
}
