/**
 * Argument reduction for sin and cos: x = n pi/2 + r with |r| <= pi/4 (a hair more after
 * rounding), r returned as a double-double good to about 2^-70 relative, for every finite
 * x >= 0. (cos and sin reduce |x| and restore the sign themselves, so that cos(-x) = cos(x)
 * and sin(-x) = -sin(x) hold bit for bit: Math.round's ties would break the symmetry.)
 *
 * - |x| <= pi/4: r = x.
 * - |x| < 2^20 pi/2: Cody-Waite. n <= 2^20 has at most 20 bits, so n * PIO2_1 (33 bits) is
 *   exact, and so is x - n PIO2_1 (Sterbenz). Then pi/2 - PIO2_1 as one double (pi/2 to 2^-86)
 *   unless the result is small against n (|r| < |n| 2^-20, x near a multiple of pi/2); there,
 *   two more 33-bit pieces and a tail (pi/2 to ~2^-150) whose subtractions keep their errors by
 *   TwoSum, leaving an error below 2^-129 against the |r| >= 2^-61 that doubles in this range
 *   keep from multiples of pi/2 (test/math_accuracy_test.ts pins the closest ones).
 * - Beyond: Payne-Hanek. x = M 2^e with a 53-bit integer M; M times floor(2/pi 2^1280)
 *   (exact BigInt arithmetic) is x * 2/pi * 2^(1280 - e) up to less than 2^53 units of the last
 *   place, i.e. to 2^-200 absolute for every double. Its integer part mod 4 is n's, and the next
 *   192 fraction bits give r / (pi/2): 130 good bits even at the closest approach of any double to
 *   a multiple of pi/2 (about 2^-61 relative, Muller's worst case). Only arguments beyond 1.6e6
 *   take this path, so its BigInt cost never meets a schedule.
 *
 * @module
 */

import { highWord, lowWord } from "./_bits.ts";
import { fastTwoSumError, twoProductError, twoSumError } from "./_error_free.ts";
import {
  PIO2_1,
  PIO2_1T,
  PIO2_2,
  PIO2_3,
  PIO2_3T,
  PIO2_HI,
  PIO2_LO,
  TWO_OVER_PI,
  TWO_OVER_PI_FIXED,
  TWO_OVER_PI_FRACTION_BITS,
} from "./_half_pi.ts";

/** The double just below pi/4: up to it, r = x. */
const QUARTER_PI = 0.7853981633974483;
/** 2^20 pi/2 rounded down: below it, |n| <= 2^20 and Cody-Waite is exact. */
const CODY_WAITE_LIMIT = 1647099.3291652855;
/** 2^-192, the weight of the last of the 192 fraction bits Payne-Hanek keeps. */
const TWO_M192 = 1.5930919111324523e-58;

/**
 * Reduces x modulo pi/2.
 *
 * @param x A finite double >= 0.
 * @param out Receives r as out[0] + out[1] (out[0] the rounded sum, out[1] the rest).
 * @returns n mod 4, in 0..3.
 *
 * @example 3 = pi/2 + 1.429...
 * ```ts
 * import assert from "node:assert/strict";
 * import { reduceHalfPi } from "./reduce_half_pi.ts";
 * const r = new Float64Array(2);
 * assert.equal(reduceHalfPi(3, r), 2);
 * assert.ok(Math.abs(r[0] - (3 - Math.PI)) < 1e-15);
 * assert.equal(reduceHalfPi(1e300, r), 3); // by Payne-Hanek
 * assert.ok(Math.abs(r[0] + 0.61308) < 1e-5);
 * ```
 */
export function reduceHalfPi(x: number, out: Float64Array): number {
  if (x <= QUARTER_PI) {
    out[0] = x;
    out[1] = 0;
    return 0;
  }
  if (x < CODY_WAITE_LIMIT) {
    const n = Math.round(x * TWO_OVER_PI);
    const r1 = x - n * PIO2_1; // exact: n * PIO2_1 is exact and within a factor 2 of x
    // Short form: PIO2_1 + PIO2_1T is pi/2 to 2^-86, and n * PIO2_1T rounds by < |n| 2^-87, so
    // r1 - n * PIO2_1T is good to 2^-66 relative wherever |r| >= |n| 2^-20: nearly always.
    const w = n * PIO2_1T;
    const hi = r1 - w;
    if (Math.abs(hi) >= n * 9.5367431640625e-7) {
      out[0] = hi;
      out[1] = (r1 - hi) - w; // |r1| > |w|: Fast2Sum's exact error
      return n & 3;
    }
    // Long form, near a multiple of pi/2: two more 33-bit pieces, their errors kept by TwoSum.
    const w2 = n * PIO2_2; // exact
    const t = r1 - w2;
    const w3 = n * PIO2_3; // exact
    const t2 = t - w3;
    const tail = (twoSumError(r1, -w2, t) + twoSumError(t, -w3, t2)) - n * PIO2_3T;
    const h = t2 + tail;
    out[0] = h;
    out[1] = twoSumError(t2, tail, h);
    return n & 3;
  }
  return payneHanek(x, out);
}

/** The reduction of a huge argument (x >= 2^20 pi/2) with the 1280 bits of 2/pi. */
function payneHanek(x: number, out: Float64Array): number {
  const high = highWord(x);
  const e = (high >>> 20) - 1075; // x = M 2^e (x is positive and normal here)
  const significand = (BigInt((high & 0xfffff) | 0x100000) << 32n) | BigInt(lowWord(x));
  const product = significand * TWO_OVER_PI_FIXED; // x 2/pi 2^(1280 - e)
  const fractionBits = BigInt(TWO_OVER_PI_FRACTION_BITS - e); // >= 309
  let n = Number((product >> fractionBits) & 3n);
  let f = (product >> (fractionBits - 192n)) & ((1n << 192n) - 1n); // the fraction, 192 bits
  if (f >= 1n << 191n) {
    f -= 1n << 192n; // fraction in [-1/2, 1/2): r in [-pi/4, pi/4)
    n += 1;
  }
  const fh = Number(f); // rounded once (ties to even), as every engine must
  const uh = fh * TWO_M192;
  const ul = Number(f - BigInt(fh)) * TWO_M192; // BigInt(fh) is exact: fh is an integer
  const rh = uh * PIO2_HI;
  const rl = twoProductError(uh, PIO2_HI, rh) + uh * PIO2_LO + ul * PIO2_HI;
  const hi = rh + rl;
  out[0] = hi;
  out[1] = fastTwoSumError(rh, rl, hi);
  return n & 3;
}
