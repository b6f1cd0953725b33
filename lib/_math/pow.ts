/**
 * x^y with the same bits on every engine, within 1 ulp (about 0.51 ulp), for every pair of
 * doubles: integer exponents up to 2^53 and beyond included, with ECMAScript's `**` special
 * values (which differ from C's pow: 1 ** NaN and (-1) ** ±Infinity are NaN).
 *
 * |x|^y = e^(y log|x|). A result within 0.51 ulp needs y log|x| to an absolute 2^-60 or so,
 * and y log|x| reaches 745 before the result overflows or underflows: so log|x| comes as a
 * double-double good to 2^-75 relative (logParts), y times it is a double-double by Dekker's
 * product, and exp takes that pair (expOfSum). The one rounding at the 2^-53 level is the
 * last one in expOfSum; exact results (2^k, 3^20, 10^22, x^1) therefore come out exact.
 *
 * @module
 */

import { twoProductError } from "./_error_free.ts";
import { EXP_OVERFLOW, EXP_UNDERFLOW, expOfSum } from "./exp.ts";
import { logParts } from "./log.ts";

/** 2^53: every double at or above it is an even integer. */
const TWO_53 = 9007199254740992;

/**
 * Whether y is an odd integer (y finite).
 *
 * @param y A finite double.
 * @returns True for ..., -3, -1, 1, 3, ... below 2^53 in magnitude.
 *
 * @example 3 is odd, 2^53 and 2.5 are not
 * ```ts
 * import assert from "node:assert/strict";
 * import { isOddInteger } from "./pow.ts";
 * assert.equal(isOddInteger(-3), true);
 * assert.equal(isOddInteger(2 ** 53), false);
 * assert.equal(isOddInteger(2.5), false);
 * ```
 */
export function isOddInteger(y: number): boolean {
  return Math.abs(y) < TWO_53 && y % 2 !== 0 && Math.floor(y) === y;
}

const PARTS = new Float64Array(2);

/**
 * x^y with ECMAScript `Math.pow`/`**` semantics (Number::exponentiate), within 1 ulp (0.51 ulp)
 * of the true value and the same bits on every engine.
 *
 * Special values, in the order the standard applies them: y NaN gives NaN; y ±0 gives 1 (even
 * for x NaN); x NaN gives NaN; x ±Infinity and ±0 give ±Infinity or ±0 by the signs, with
 * the minus sign kept for an odd integer y; y ±Infinity gives NaN for |x| = 1, otherwise
 * Infinity or 0; x < 0 with a y that is not an integer gives NaN; x < 0 with an odd integer y
 * gives -(|x|^y).
 *
 * @param x The base, any double.
 * @param y The exponent, any double.
 * @returns x^y.
 *
 * @example gamma ** t for exp_range, exact powers of two, and the special values
 * ```ts
 * import assert from "node:assert/strict";
 * import { pow } from "./pow.ts";
 * assert.equal(pow(0.999999, 1e6), 0.36787925722106646);
 * assert.equal(pow(2, -1074), 5e-324);
 * assert.equal(pow(-2, 3), -8);
 * assert.equal(pow(10, 22), 1e22);
 * assert.ok(Number.isNaN(pow(-1, Infinity)));
 * assert.ok(Number.isNaN(pow(-8, 1 / 3)));
 * assert.equal(pow(NaN, 0), 1);
 * assert.ok(Object.is(pow(-0, 3), -0));
 * ```
 */
export function pow(x: number, y: number): number {
  if (y !== y) return y;
  if (y === 0) return 1;
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (y === Infinity || y === -Infinity) {
    if (ax === 1) return NaN;
    return (ax > 1) === (y > 0) ? Infinity : 0;
  }
  const negative = x < 0 || 1 / x < 0; // -0 counts as negative here
  if (ax === 0 || ax === Infinity) {
    const magnitude = (ax === Infinity) === (y > 0) ? Infinity : 0;
    return negative && isOddInteger(y) ? -magnitude : magnitude;
  }
  if (negative && Math.floor(y) !== y) return NaN;
  const sign = negative && isOddInteger(y) ? -1 : 1;
  if (ax === 1) return sign;
  logParts(ax, PARTS);
  const lh = PARTS[0];
  const th = y * lh;
  // |log x| >= 2^-53.x for x != 1, so a |y| beyond 2^64 always lands here, before the product
  // below could overflow in its splitting.
  if (th > EXP_OVERFLOW) return sign * Infinity;
  if (th < EXP_UNDERFLOW) return sign * 0;
  const tl = twoProductError(y, lh, th) + y * PARTS[1];
  return sign * expOfSum(th, tl);
}

const BASE_PARTS = new Float64Array(2);

/**
 * y => base^y with log(base) computed once: the same bits as `pow(base, y)` for every y, at
 * about the cost of one exp. For a policy whose base is fixed when it is built (exp_range's
 * `gamma ** t`, exponentialDecay's `rate ** (t / steps)`).
 *
 * @param base The base, any double.
 * @returns A function of the exponent.
 *
 * @example exp_range's amplitude, gamma^t
 * ```ts
 * import assert from "node:assert/strict";
 * import { pow, powWithBase } from "./pow.ts";
 * const decay = powWithBase(0.99994);
 * assert.equal(decay(0), 1);
 * assert.equal(decay(12345), pow(0.99994, 12345));
 * assert.equal(decay(2 ** 53), 0);
 * ```
 */
export function powWithBase(base: number): (y: number) => number {
  if (!(base > 0 && base < Infinity) || base === 1) return (y) => pow(base, y);
  logParts(base, BASE_PARTS);
  const lh = BASE_PARTS[0];
  const ll = BASE_PARTS[1];
  return (y) => {
    if (y !== y) return y;
    if (y === 0) return 1;
    const th = y * lh; // ±Infinity for y = ±Infinity: then Infinity or 0, as pow gives for base != 1
    if (th > EXP_OVERFLOW) return Infinity;
    if (th < EXP_UNDERFLOW) return 0;
    return expOfSum(th, twoProductError(y, lh, th) + y * ll);
  };
}
