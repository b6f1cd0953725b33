/**
 * Internal: where values that grow past the largest double stop. A product of finite
 * values (`product`, `scaleBy`, `perGroup`'s multipliers, a growing optax decay, a unit
 * signal beyond 1 stretched between two bounds) can exceed `Number.MAX_VALUE` although every
 * input is finite; the spec defines the value there as the largest double of that sign
 * (docs/schedule-config.md, edge cases), so that a valid schedule never gives ±Infinity.
 *
 * @module
 */

/** The largest finite double: where a growing value stops instead of reaching Infinity. */
export const LARGEST = Number.MAX_VALUE;

/**
 * `x` held within `[-Number.MAX_VALUE, Number.MAX_VALUE]`: ±Infinity (an overflow of finite
 * values) becomes the largest double of its sign; every other value, NaN included, is kept.
 *
 * @param x A value computed from finite values.
 * @returns `x`, or ±`Number.MAX_VALUE` where it overflowed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { saturate } from "./_saturate.ts";
 * assert.equal(saturate(1e300 * 1e300), Number.MAX_VALUE);
 * assert.equal(saturate(-1e300 * 1e300), -Number.MAX_VALUE);
 * assert.equal(saturate(0.5), 0.5);
 * ```
 */
export function saturate(x: number): number {
  return x > LARGEST ? LARGEST : x < -LARGEST ? -LARGEST : x;
}

/** 2^500 and 2^-500: factors this far from 1 multiply without leaving the normal range. */
const BIG = 2 ** 500;
const SMALL = 2 ** -500;

/** The smallest normal double: a partial product below it has lost bits (or become 0). */
export const SMALLEST_NORMAL = 2 ** -1022;

/**
 * The product of finite factors, as one multiplication after the other gives it (PyTorch's
 * `ChainedScheduler` does the same in float64), except where a partial product leaves the
 * normal doubles: there the true product is computed with the factors scaled by powers of two
 * (exact), so that `[2^1000, 2^100, 2^-1000]` gives 2^100, `[1e300, 1e300, 0]` gives 0 (not
 * Infinity or NaN) and `[1e-300, 1e-300, 1e300, 1e300]` gives 1 (not the 0 of an underflow on
 * the way); a true product beyond the largest double is held at `±Number.MAX_VALUE`. The
 * value is then the same, to a few roundings, in whatever order or grouping the factors come.
 *
 * @param factors Finite numbers.
 * @returns Their product, finite.
 *
 * @example Overflow on the way, a finite product at the end
 * ```ts
 * import assert from "node:assert/strict";
 * import { productOf } from "./_saturate.ts";
 * assert.equal(productOf([0.5, 0.25]), 0.125);
 * assert.equal(productOf([2 ** 1000, 2 ** 100, 2 ** -1000]), 2 ** 100);
 * assert.equal(productOf([1e300, 1e300, 0]), 0);
 * assert.equal(productOf([-1e300, 1e300]), -Number.MAX_VALUE);
 * ```
 */
export function productOf(factors: ArrayLike<number>): number {
  let p = 1, normal = true;
  for (let i = 0; i < factors.length; i++) {
    p *= factors[i];
    if (!(Math.abs(p) >= SMALLEST_NORMAL)) normal = false;
  }
  return normal && p - p === 0 ? p : scaledProduct(factors);
}

/**
 * The product of finite factors whose partial products left the normal doubles (overflow,
 * or an underflow that loses bits): kept as `p * 2^(500 k)`, so only the end rounds.
 */
function scaledProduct(factors: ArrayLike<number>): number {
  let negative = false;
  for (let i = 0; i < factors.length; i++) {
    const v = factors[i];
    if (v < 0 || Object.is(v, -0)) negative = !negative;
    if (v === 0) return negative ? -0 : 0;
  }
  let p = 1, k = 0;
  for (let i = 0; i < factors.length; i++) {
    let x = factors[i];
    // x * 2^(-500 j) in [2^-500, 2^500]: every scaling is exact (subnormals scale up exactly).
    while (Math.abs(x) > BIG) x *= SMALL, k++;
    while (Math.abs(x) < SMALL) x *= BIG, k--;
    p *= x; // in [2^-1000, 2^1000]: one rounding, as the plain product would round it
    while (Math.abs(p) > BIG) p *= SMALL, k++;
    while (Math.abs(p) < SMALL) p *= BIG, k--;
  }
  while (k > 0 && Math.abs(p) <= LARGEST) p *= BIG, k--;
  while (k < 0 && p !== 0) p *= SMALL, k++;
  return saturate(p);
}
