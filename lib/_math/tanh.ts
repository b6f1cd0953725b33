/**
 * The hyperbolic tangent with the same bits on every engine, within 1 ulp (about 0.51 ulp).
 *
 * tanh |x| = e / (e + 2) with e = e^(2|x|) - 1, which has no cancellation at any size of x.
 * e comes from expm1Parts as a double-double, e + 2 by TwoSum, and the quotient is one
 * division corrected by its exact remainder (Dekker's product for q * d), so only the last
 * addition rounds at the 2^-53 level.
 *
 * @module
 */

import { twoProductError, twoSumError } from "./_error_free.ts";
import { expm1Parts } from "./expm1.ts";

const PARTS = new Float64Array(2);

/**
 * tanh x with ECMAScript `Math.tanh`'s special values, within 1 ulp (0.51 ulp) and the same
 * bits on every engine.
 *
 * @param x Any double.
 * @returns tanh x: NaN for NaN, ±0 for ±0, ±1 for ±Infinity and beyond |x| = 19.06.
 *
 * @example Odd, bounded by 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { tanh } from "./tanh.ts";
 * assert.equal(tanh(0.5), 0.46211715726000974);
 * assert.equal(tanh(-0.5), -0.46211715726000974);
 * assert.equal(tanh(Infinity), 1);
 * assert.ok(Object.is(tanh(-0), -0));
 * ```
 */
export function tanh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 7.450580596923828e-9) return x; // |x| < 2^-27: x - x^3/3 rounds to x (and keeps -0)
  if (a > 19.1) return x > 0 ? 1 : -1; // 1 - tanh|x| < 2 e^-38.2 < 2^-54: rounds to 1
  expm1Parts(2 * a, PARTS);
  const eh = PARTS[0];
  const el = PARTS[1];
  const d = eh + 2;
  const dl = twoSumError(eh, 2, d) + el;
  const q = eh / d;
  const qd = q * d;
  // (eh + el) - q (d + dl), exactly but for q * dl: eh - qd is exact (Sterbenz: qd is eh to 1 ulp).
  const remainder = ((eh - qd) - twoProductError(q, d, qd)) + el - q * dl;
  const t = q + remainder / d;
  return x < 0 ? -t : t;
}
