/**
 * The exponential function with the same bits on every engine, within 1 ulp (about 0.51 ulp).
 *
 * Table-driven (Tang's method): x = (128 m + j) ln2/128 + r with |r| <= ln2/256, so
 * e^x = 2^m * 2^(j/128) * e^r. The reduction is Cody-Waite: k = 128 m + j times the 35-bit
 * LN2_128_HI is exact, and so is x - k * LN2_128_HI (the two are within a factor of 2 when
 * k != 0); k * LN2_128_LO adds at most 2^-78 of error. e^r - 1 is its Taylor polynomial to
 * degree 5: the first term left out, r^6/720 < 2^-60.7, is 0.005 ulp of the result. The
 * table holds 2^(j/128) as a double-double, so 2^(j/128) * e^r = T + (T_lo + T * p) is one
 * rounding of a value known to ~2^-60 relative: ~0.5 ulp, then an exact scaling by 2^m. A
 * subnormal result is rounded once, on the subnormal grid, instead (see expOfSum).
 *
 * @module
 */

import { powerOfTwo, scaleByPowerOfTwo } from "./_bits.ts";
import { fastTwoSumError } from "./_error_free.ts";
import { EXP2_HI, EXP2_LO, INV_LN2_128, LN2_128_HI, LN2_128_LO } from "./_exp_table.ts";

// Taylor coefficients of (e^r - 1 - r) / r^2, each the correctly rounded quotient.
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;

/** Above this, e^x > 2^1024 (ln(2^1024) = 709.7827...): Infinity. */
export const EXP_OVERFLOW = 709.8;
/** Below this, e^x < 2^-1075 (ln(2^-1075) = -745.1332...): rounds to 0. */
export const EXP_UNDERFLOW = -745.2;

/**
 * e^(hi + lo) for hi in [EXP_UNDERFLOW, EXP_OVERFLOW] and |lo| <= 2^-40: the kernel of exp
 * and pow (which passes y * log x as a double-double).
 *
 * @param hi The argument, or its leading part.
 * @param lo Its trailing part (0 for a plain double).
 * @returns e^(hi + lo), within 0.51 ulp.
 *
 * @example e^(1 + 0) is Math.E
 * ```ts
 * import assert from "node:assert/strict";
 * import { expOfSum } from "./exp.ts";
 * assert.equal(expOfSum(1, 0), 2.718281828459045);
 * ```
 */
export function expOfSum(hi: number, lo: number): number {
  const k = Math.round(hi * INV_LN2_128); // |k| < 2^18, so k * LN2_128_HI is exact
  const j = k & 127; // k mod 128, also for k < 0 (two's complement)
  const r = (hi - k * LN2_128_HI) - k * LN2_128_LO + lo; // the first difference is exact
  const p = r + r * r * (C2 + r * (C3 + r * (C4 + r * C5))); // e^r - 1, |p| < 2^-8.4
  const t = EXP2_HI[j];
  // 2^(j/128) e^r = t + t_lo + t p (+ t_lo p < 2^-61): one rounding of a sum whose
  // smaller terms carry errors near 2^-61, so ~0.5 ulp.
  const small = EXP2_LO[j] + t * p;
  const m = (k - j) / 128;
  if (m > -1023) return m < 1024 ? (t + small) * powerOfTwo(m) : scaleByPowerOfTwo(t + small, m);
  // A subnormal result: rounding t + small to 53 bits and then again to the subnormal grid could
  // cost 0.75 ulp. Instead y = 2^(m + 1022) (t + small) < 1 is added to 1, whose ulp (2^-52)
  // is the subnormal grid scaled by 2^1022: the one rounding is at the right place, and the
  // result (1 + y) - 1, times 2^-1022, is exact.
  const scale = powerOfTwo(m + 1022); // m + 1022 >= -54
  const a = scale * t; // exact
  const one = 1 + a;
  const y = one + (fastTwoSumError(1, a, one) + scale * small);
  return (y - 1) * 2.2250738585072014e-308;
}

/**
 * e^x with ECMAScript `Math.exp`'s special values, within 1 ulp (0.51 ulp) of the true
 * value and the same bits on every engine.
 *
 * @param x Any double.
 * @returns e^x: NaN for NaN, +Infinity for +Infinity and above 709.78, 0 for -Infinity and below
 *   -745.13, subnormals between.
 *
 * @example Special values, the subnormal end, and e
 * ```ts
 * import assert from "node:assert/strict";
 * import { exp } from "./exp.ts";
 * assert.equal(exp(0), 1);
 * assert.equal(exp(-Infinity), 0);
 * assert.equal(exp(710), Infinity);
 * assert.equal(exp(-745), 5e-324);
 * assert.equal(exp(1), Math.E);
 * ```
 */
export function exp(x: number): number {
  if (!(x <= EXP_OVERFLOW)) return x === x ? Infinity : x; // overflow, or NaN
  if (x < EXP_UNDERFLOW) return 0;
  return expOfSum(x, 0);
}
