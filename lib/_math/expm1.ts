/**
 * e^x - 1 with the same bits on every engine, within 1 ulp (about 0.51 ulp), accurate
 * relative to the result also where it is tiny.
 *
 * The reduction is exp's (x = (128 m + j) ln2/128 + r), but everything that the final
 * subtraction of 1 could expose is kept as a double-double: r (its rounding error rl by
 * TwoSum), t * r (by Dekker's product), and t - 2^-m (by TwoSum), so that
 * e^x - 1 = 2^m (t - 2^-m + t r + [t_lo + t (rl + q) + t_lo r + errors]). For k = 0
 * (|x| <= ln2/256) there is no cancellation: the result is x + x^2 (1/2 + x/6 + ...). The
 * polynomial goes to degree 6 because here the first term left out must be small against
 * the result (r^7/5040 < 2^-63.5 |r|), not against 1.
 *
 * @module
 */

import { powerOfTwo, scaleByPowerOfTwo } from "./_bits.ts";
import { fastTwoSumError, twoProductError, twoSumError } from "./_error_free.ts";
import { EXP2_HI, EXP2_LO, INV_LN2_128, LN2_128_HI, LN2_128_LO } from "./_exp_table.ts";
import { EXP_OVERFLOW } from "./exp.ts";

// Taylor coefficients of (e^r - 1 - r) / r^2, each the correctly rounded quotient.
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;

/**
 * e^x - 1 as a double-double for x in [-40, 709.8], |x| >= 2^-54: out[0] is the result rounded
 * once (what expm1 returns), out[1] what it left out, so that out[0] + out[1] is good to about
 * 2^-64 relative. The kernel of expm1 and tanh.
 *
 * @param x The argument.
 * @param out Receives the leading and trailing parts.
 *
 * @example e^1 - 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { expm1Parts } from "./expm1.ts";
 * const out = new Float64Array(2);
 * expm1Parts(1, out);
 * assert.equal(out[0], 1.7182818284590453); // e - 1 = 1.71828182845904523536...
 * assert.ok(Math.abs(out[1]) <= 2 ** -53);
 * ```
 */
export function expm1Parts(x: number, out: Float64Array): void {
  const k = Math.round(x * INV_LN2_128);
  if (k === 0) {
    const q = x * x * (C2 + x * (C3 + x * (C4 + x * (C5 + x * C6))));
    const hi = x + q;
    out[0] = hi;
    out[1] = fastTwoSumError(x, q, hi); // |q| < |x| / 2^9
    return;
  }
  const j = k & 127;
  const m = (k - j) / 128;
  const rh = x - k * LN2_128_HI; // exact
  const w = k * LN2_128_LO;
  const r = rh - w;
  const rl = twoSumError(rh, -w, r);
  const q = r * r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * C6)))); // e^r - 1 - r, < 2^-18
  const t = EXP2_HI[j];
  const tl = EXP2_LO[j];
  const a = t * r;
  const small = tl + twoProductError(t, r, a) + t * (rl + q) + tl * r;
  // 2^-m: for m > 1000 the 1 is below 2^-1000 of the result, nothing at all.
  const one = m > 1000 ? 0 : powerOfTwo(-m);
  const u = t - one;
  const v = u + a;
  const tail = twoSumError(u, a, v) + twoSumError(t, -one, u) + small;
  const hi = v + tail; // |v| >= 2^-9 2^-m > |tail|: no cancellation is left for this sum
  const lo = fastTwoSumError(v, tail, hi);
  out[0] = scaleByPowerOfTwo(hi, m); // exact for m <= 1023; one rounding (overflow) at 1024
  out[1] = m > 1000 ? 0 : scaleByPowerOfTwo(lo, m);
}

const PARTS = new Float64Array(2);

/**
 * e^x - 1 with ECMAScript `Math.expm1`'s special values, within 1 ulp (0.51 ulp) and the same
 * bits on every engine.
 *
 * @param x Any double.
 * @returns e^x - 1: NaN for NaN, -0 for -0, -1 below -37.5, +Infinity above 709.78.
 *
 * @example Near 0 it keeps every digit that e^x - 1 loses
 * ```ts
 * import assert from "node:assert/strict";
 * import { expm1 } from "./expm1.ts";
 * assert.equal(expm1(1e-10), 1.00000000005e-10);
 * assert.ok(Object.is(expm1(-0), -0));
 * assert.equal(expm1(-Infinity), -1);
 * assert.equal(expm1(Infinity), Infinity);
 * ```
 */
export function expm1(x: number): number {
  if (!(x <= EXP_OVERFLOW)) return x === x ? Infinity : x;
  if (x < -40) return -1; // e^x < 2^-57: -1 + e^x rounds to -1
  if (Math.abs(x) < 5.551115123125783e-17) return x; // |x| < 2^-54: x + x^2/2 rounds to x (and keeps -0)
  expm1Parts(x, PARTS);
  return PARTS[0];
}
