/**
 * Error-free transformations: the exact rounding error of one addition or multiplication,
 * computed with plain double operations. They are exact because ECMAScript rounds every
 * `+ - *` to nearest and never fuses a multiply with an add, on every engine.
 *
 * Each function takes the rounded result the caller already has (`s = a + b`, `p = a * b`) and
 * returns only the error, so that no pair is allocated: `a + b = s + twoSumError(a, b, s)`.
 *
 * @module
 */

/**
 * The rounding error of `s = a + b` for any a, b (Knuth's TwoSum, six operations).
 *
 * @param a A finite double.
 * @param b A finite double.
 * @param s `a + b`, as the caller rounded it.
 * @returns `(a + b) - s`, exactly.
 *
 * @example 1 + 2^-60 loses 2^-60
 * ```ts
 * import assert from "node:assert/strict";
 * import { twoSumError } from "./_error_free.ts";
 * assert.equal(twoSumError(1, 2 ** -60, 1 + 2 ** -60), 2 ** -60);
 * ```
 */
export function twoSumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return (a - (s - bb)) + (b - bb);
}

/**
 * The rounding error of `s = a + b` when |a| >= |b| or a = 0 (Dekker's Fast2Sum, two operations).
 *
 * @param a A finite double at least as large as b in magnitude.
 * @param b A finite double.
 * @param s `a + b`, as the caller rounded it.
 * @returns `(a + b) - s`, exactly.
 *
 * @example The part of 2^-60 that 1 + 2^-60 drops
 * ```ts
 * import assert from "node:assert/strict";
 * import { fastTwoSumError } from "./_error_free.ts";
 * assert.equal(fastTwoSumError(1, 2 ** -60, 1), 2 ** -60);
 * ```
 */
export function fastTwoSumError(a: number, b: number, s: number): number {
  return b - (s - a);
}

/** 2^27 + 1: Veltkamp's splitter for 53-bit significands. */
const SPLITTER = 134217729;

/**
 * The rounding error of `p = a * b` (Dekker's product with Veltkamp's splitting: each factor is
 * cut into a 26-bit and a 27-bit half, whose four products are exact). Needs |a|, |b| < 2^996,
 * so that the splitting cannot overflow, and a product that does not underflow.
 *
 * @param a A finite double.
 * @param b A finite double.
 * @param p `a * b`, as the caller rounded it.
 * @returns `a * b - p`, exactly.
 *
 * @example (1 + 2^-30)^2 = 1 + 2^-29 + 2^-60, and the double product drops the 2^-60
 * ```ts
 * import assert from "node:assert/strict";
 * import { twoProductError } from "./_error_free.ts";
 * const a = 1 + 2 ** -30;
 * assert.equal(twoProductError(a, a, a * a), 2 ** -60);
 * ```
 */
export function twoProductError(a: number, b: number, p: number): number {
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/**
 * The rounding error of `p = a * a` (Dekker's product with a split once).
 *
 * @param a A finite double, |a| < 2^996, whose square does not underflow.
 * @param p `a * a`, as the caller rounded it.
 * @returns `a * a - p`, exactly.
 *
 * @example (1 + 2^-30)^2 drops 2^-60
 * ```ts
 * import assert from "node:assert/strict";
 * import { squareError } from "./_error_free.ts";
 * const a = 1 + 2 ** -30;
 * assert.equal(squareError(a, a * a), 2 ** -60);
 * ```
 */
export function squareError(a: number, p: number): number {
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  return ((ah * ah - p) + 2 * ah * al) + al * al;
}

/**
 * The rounding error of `p = a * b` when b has at most 26 significant bits (a table constant),
 * so only a needs splitting: `ah * b` and `al * b` are then exact.
 *
 * @param a A finite double, |a| < 2^996.
 * @param b A double with at most 26 significant bits.
 * @param p `a * b`, as the caller rounded it.
 * @returns `a * b - p`, exactly.
 *
 * @example A 3-bit factor
 * ```ts
 * import assert from "node:assert/strict";
 * import { shortProductError } from "./_error_free.ts";
 * const a = 1 + 2 ** -52;
 * // 1.5 + 1.5 * 2^-52 = 1.5 + 2^-52 + 2^-53 is a tie, rounded to even: up by 2^-53
 * assert.equal(shortProductError(a, 1.5, a * 1.5), -(2 ** -53));
 * ```
 */
export function shortProductError(a: number, b: number, p: number): number {
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  return (ah * b - p) + al * b;
}
