/**
 * The natural logarithm and log(1 + x) with the same bits on every engine, within 1 ulp
 * (about 0.51 ulp), and the double-double logarithm that pow needs.
 *
 * Table-driven: x = 2^k m with m in [1, 2); c = 1 + j/128 is the table point nearest m
 * (j in 0..128, from the top 8 fraction bits rounded), INV_C[j] is 1/c to 20 bits, and
 * log x = k ln2 - log(INV_C[j]) + log1p(z) with z = m INV_C[j] - 1, |z| <= 2^-8.
 *  - z is exact as zh + zl: m INV_C[j] by Dekker's product (INV_C has <= 21 bits, so only m is
 *    split), and its head minus 1 is exact (Sterbenz).
 *  - The bins of c = 1 and c = 2 have INV_C = 1 and 1/2 exactly, and LOG_C = 0 and ln 2 in
 *    the same two pieces as k ln2: for x just below a power of two the k ln2 and LOG_C terms
 *    cancel exactly, so log x near 1 is z itself with no loss.
 *  - k LN2_HI + LOG_C_HI is exact (both are multiples of 2^-42 below 2^10).
 *  - log1p(z) = z - z^2/2 + z^3 R(z), R the Taylor polynomial to z^9 (first term left out
 *    z^10/10, relatively below 2^-75). For log and log1p, -z^2/2 (< 2^-9 |z|) may round with
 *    the small terms, so the last addition is the only rounding that costs more than 0.01 ulp.
 *    For pow (logParts), z^2 is exact by Dekker's product and -z^2/2 gets its own TwoSum: the
 *    pair is good to 2^-72 relative, as y log x needs when it approaches 745.
 *
 * @module
 */

import { highWord, powerOfTwo } from "./_bits.ts";
import { fastTwoSumError, shortProductError, squareError, twoSumError } from "./_error_free.ts";
import { INV_C, LN2_HI, LN2_LO, LOG_C_HI, LOG_C_LO } from "./_log_table.ts";

// Taylor coefficients of (log1p(z) - z + z^2/2) / z^3 = 1/3 - z/4 + z^2/5 - ...
const R3 = 1 / 3;
const R4 = -1 / 4;
const R5 = 1 / 5;
const R6 = -1 / 6;
const R7 = 1 / 7;
const R8 = -1 / 8;
const R9 = 1 / 9;

/** 2^54, to lift a subnormal into the normal range exactly. */
const TWO_54 = 18014398509481984;
/** The smallest normal double, 2^-1022. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * log(x + tail) rounded once, for a finite x > 0 and |tail| <= 2^-52 x (tail is the rounding
 * error of log1p's 1 + x, else 0): the kernel of log and log1p.
 */
function logRounded(x: number, tail: number): number {
  let k = 0;
  if (x < MIN_NORMAL) {
    x *= TWO_54;
    tail *= TWO_54;
    k = -54;
  }
  const high = highWord(x);
  const e = (high >>> 20) - 1023; // x > 0: no sign bit
  k += e;
  const j = (((high >>> 12) & 0xff) + 1) >>> 1; // nearest c = 1 + j/128
  const invc = INV_C[j];
  const m = x * powerOfTwo(-e); // the significand, exactly
  const p = m * invc;
  const zh = p - 1; // exact: p is within 2^-8 of 1
  let zl = shortProductError(m, invc, p);
  // x + tail = 2^e (m + tail 2^-e), so z gains tail 2^-e INV_C: exact where it matters, in the
  // bins of c = 1 and 2 (INV_C = 1, 1/2) that hold 1 + x for small x.
  if (tail !== 0) zl += tail * invc * powerOfTwo(-e);
  const s1 = k * LN2_HI + LOG_C_HI[j]; // exact
  const s2 = s1 + zh;
  // Here -z^2/2 may round with the rest: its error is below 2^-62 of the result.
  const lo = (k * LN2_LO + LOG_C_LO[j]) + zl + twoSumError(s1, zh, s2) - zh * zl +
    zh * zh * (-0.5 + zh * (R3 + zh * (R4 + zh * (R5 + zh * (R6 + zh * (R7 + zh * (R8 + zh * R9)))))));
  return s2 + lo;
}

/**
 * log x as a double-double for pow, for a finite x > 0: out[0] is the result rounded once,
 * out[1] what it left out; together they are good to about 2^-75 relative. The reduction is
 * logRounded's; here z^2 is exact (Dekker) and -z^2/2 gets its own TwoSum, because pow
 * multiplies the logarithm by up to 745 / |log x|.
 *
 * @param x A finite double > 0 (subnormals too).
 * @param out Receives the leading and trailing parts.
 *
 * @example log 2 as a double-double
 * ```ts
 * import assert from "node:assert/strict";
 * import { logParts } from "./log.ts";
 * const out = new Float64Array(2);
 * logParts(2, out);
 * assert.equal(out[0], Math.LN2);
 * assert.ok(Math.abs(out[1] - 2.3190468138462996e-17) < 1e-30); // ln 2 - Math.LN2
 * ```
 */
export function logParts(x: number, out: Float64Array): void {
  let k = 0;
  if (x < MIN_NORMAL) {
    x *= TWO_54;
    k = -54;
  }
  const high = highWord(x);
  const e = (high >>> 20) - 1023;
  k += e;
  const j = (((high >>> 12) & 0xff) + 1) >>> 1;
  const invc = INV_C[j];
  const m = x * powerOfTwo(-e);
  const p = m * invc;
  const zh = p - 1;
  const zl = shortProductError(m, invc, p);
  const h2 = zh * zh;
  const s1 = k * LN2_HI + LOG_C_HI[j]; // exact
  const s2 = s1 + zh;
  const hz = -0.5 * h2;
  const s3 = s2 + hz;
  // log1p(zh + zl) = log1p(zh) + zl (1 - zh + zh^2 - ...): zl is up to 2^-53, and its zh^2 term
  // (2^-69) still matters here, where |log x| >= 2^-8 whenever zl != 0.
  const lo = (k * LN2_LO + LOG_C_LO[j]) + zl + (twoSumError(s1, zh, s2) + twoSumError(s2, hz, s3)) -
    0.5 * squareError(zh, h2) + zl * (h2 - zh) +
    zh * h2 * (R3 + zh * (R4 + zh * (R5 + zh * (R6 + zh * (R7 + zh * (R8 + zh * R9))))));
  const hi = s3 + lo;
  out[0] = hi;
  out[1] = fastTwoSumError(s3, lo, hi); // |lo| is below an ulp of s3, or s3 = 0 and lo = 0
}

/**
 * The natural logarithm with ECMAScript `Math.log`'s special values, within 1 ulp (0.51 ulp)
 * and the same bits on every engine.
 *
 * @param x Any double.
 * @returns log x: NaN for NaN and x < 0, -Infinity for ±0, +Infinity for +Infinity.
 *
 * @example Special values and exact cases
 * ```ts
 * import assert from "node:assert/strict";
 * import { log } from "./log.ts";
 * assert.equal(log(1), 0);
 * assert.equal(log(Math.E), 1);
 * assert.equal(log(0), -Infinity);
 * assert.ok(Number.isNaN(log(-1)));
 * assert.equal(log(5e-324), -744.4400719213812);
 * ```
 */
export function log(x: number): number {
  if (!(x > 0 && x < Infinity)) return x === 0 ? -Infinity : x === Infinity ? x : NaN;
  return logRounded(x, 0);
}

/**
 * log(1 + x) with ECMAScript `Math.log1p`'s special values, within 1 ulp (0.51 ulp), accurate
 * relative to the result also near x = 0, and the same bits on every engine.
 *
 * Below |x| = 2^-8 it is the Taylor series; above, 1 + x is formed with its exact rounding error
 * (TwoSum), which logParts adds to z.
 *
 * @param x Any double.
 * @returns log(1 + x): NaN for NaN and x < -1, -Infinity for -1, ±0 for ±0, +Infinity for +Infinity.
 *
 * @example Near 0 it keeps every digit that log(1 + x) loses
 * ```ts
 * import assert from "node:assert/strict";
 * import { log1p } from "./log.ts";
 * assert.equal(log1p(1e-10), 9.999999999500001e-11); // 1e-10 - 5e-21 + 3.3e-31, rounded
 * assert.equal(log1p(-1), -Infinity);
 * assert.ok(Object.is(log1p(-0), -0));
 * ```
 */
export function log1p(x: number): number {
  if (!(x > -1 && x < Infinity)) return x === -1 ? -Infinity : x === Infinity ? x : NaN;
  const a = Math.abs(x);
  if (a < 5.551115123125783e-17) return x; // |x| < 2^-54: x - x^2/2 rounds to x (and keeps -0)
  if (a < 0.00390625) {
    // |x| < 2^-8: the series itself, x + x^2 (-1/2 + x R(x)), whose bracket is below 2^-9 |x|.
    // (Through 1 + x instead, the part of x that 1 + x drops can be a quarter of the result,
    // and rounding it with the rest costs an eighth of an ulp.)
    return x + x * x * (-0.5 + x * (R3 + x * (R4 + x * (R5 + x * (R6 + x * (R7 + x * (R8 + x * R9)))))));
  }
  const u = 1 + x;
  return logRounded(u, twoSumError(1, x, u));
}
