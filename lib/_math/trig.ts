/**
 * Cosine and sine with the same bits on every engine, within 1 ulp (at most 0.8 ulp, about
 * 0.65 seen), for every double: reduceHalfPi brings |x| to n pi/2 + r with |r| <= pi/4 as a
 * double-double (hi + lo), and the quadrant n mod 4 picks ±sin r or ±cos r.
 *
 * The kernels are the Taylor series, whose coefficients are the correctly rounded 1/k!:
 * - sin(hi + lo) = (hi - hi^3/6) + [hi^3 z S(z) + lo (1 - z/2)], z = hi^2, S to x^17: the first
 *   term left out, r^19/19!, is below 2^-63 |r|. hi - hi^3/6 is a Fast2Sum, so the last addition
 *   is the only rounding at the 2^-53 level; hi^3/6 is at most 0.081 (0.103 |hi|), and the three
 *   roundings inside it plus that of 1/6 (3.4 units of 2^-53) cost at most 0.28 ulp: a bound of
 *   0.8 ulp with the rest.
 * - cos(hi + lo) = w + [((1 - w) - z/2) - ze/2 + (z^2 C(z) - hi lo (1 - z/6))], w = 1 - z/2,
 *   z = hi^2 with its exact error ze (Dekker), C to x^18: 1 - w is exact and (1 - w) - z/2 is
 *   the exact rounding error of w, so the half ulp of w's rounding is recovered, and the
 *   bracket's own errors are below 0.1 ulp.
 *
 * @module
 */

import { squareError } from "./_error_free.ts";
import { reduceHalfPi } from "./reduce_half_pi.ts";

// (-1)^k / (2k+1)!, the sine's Taylor coefficients after x (each factorial is exact in a double).
const S3 = -1 / 6;
const S5 = 1 / 120;
const S7 = -1 / 5040;
const S9 = 1 / 362880;
const S11 = -1 / 39916800;
const S13 = 1 / 6227020800;
const S15 = -1 / 1307674368000;
const S17 = 1 / 355687428096000;
// (-1)^k / (2k)!, the cosine's Taylor coefficients after 1 - x^2/2.
const C4 = 1 / 24;
const C6 = -1 / 720;
const C8 = 1 / 40320;
const C10 = -1 / 3628800;
const C12 = 1 / 479001600;
const C14 = -1 / 87178291200;
const C16 = 1 / 20922789888000;
const C18 = 1 / 6402373705728000;

/** sin(hi + lo) for |hi| <= pi/4 + 2^-30, |lo| <= 2^-52 |hi|. */
function sinKernel(hi: number, lo: number): number {
  const z = hi * hi;
  const c = hi * z;
  const cube = S3 * c; // -hi^3/6, the largest correction: at most 0.103 |hi|
  const s = S5 + z * (S7 + z * (S9 + z * (S11 + z * (S13 + z * (S15 + z * S17)))));
  const v = hi + cube;
  // hi + cube with its exact error (Fast2Sum), so that only the last addition rounds at the
  // 2^-53 level; the roundings inside cube cost at most 3.4 * 2^-53 * 0.081 (0.28 ulp).
  return v + ((cube - (v - hi)) + (c * z * s + lo * (1 - 0.5 * z)));
}

/** cos(hi + lo) for |hi| <= pi/4 + 2^-30, |lo| <= 2^-52 |hi|. */
function cosKernel(hi: number, lo: number): number {
  const z = hi * hi;
  const hz = 0.5 * z;
  const w = 1 - hz;
  const c = C4 + z * (C6 + z * (C8 + z * (C10 + z * (C12 + z * (C14 + z * (C16 + z * C18))))));
  // -lo sin(hi) = -lo hi (1 - z/6) to 2^-53 0.002 |lo|.
  return w + ((((1 - w) - hz) - 0.5 * squareError(hi, z)) + (z * z * c - hi * lo * (1 + S3 * z)));
}

const R = new Float64Array(2);

/**
 * cos x with ECMAScript `Math.cos`'s special values, within 1 ulp of the true value and the
 * same bits on every engine. Policies call it on the rounded product, `cos(Math.PI * p)`,
 * as PyTorch computes `math.cos(math.pi * p)`.
 *
 * @param x Any double; radians.
 * @returns cos x: NaN for NaN and ±Infinity.
 *
 * @example Values engines disagree on, and the special ones
 * ```ts
 * import assert from "node:assert/strict";
 * import { cos } from "./trig.ts";
 * assert.equal(cos(0), 1);
 * assert.equal(cos(Math.PI), -1);
 * assert.equal(cos(Math.PI / 3), 0.5000000000000001); // the cosine of the rounded pi/3
 * // Node 20 also gives this; Deno 2.9's Math.cos gives ...702 (0.447 ulp off, against 0.553)
 * assert.equal(cos(2.2971158672819176), -0.6641225403471703);
 * assert.ok(Number.isNaN(cos(Infinity)));
 * ```
 */
export function cos(x: number): number {
  const a = Math.abs(x); // cos is even: cos(-x) is cos(x), bit for bit
  if (!(a < Infinity)) return NaN;
  if (a < 7.450580596923828e-9) return 1; // |x| < 2^-27: 1 - x^2/2 rounds to 1
  switch (reduceHalfPi(a, R)) {
    case 0:
      return cosKernel(R[0], R[1]);
    case 1:
      return -sinKernel(R[0], R[1]);
    case 2:
      return -cosKernel(R[0], R[1]);
    default:
      return sinKernel(R[0], R[1]);
  }
}

/**
 * sin x with ECMAScript `Math.sin`'s special values, within 1 ulp of the true value and the
 * same bits on every engine.
 *
 * @param x Any double; radians.
 * @returns sin x: NaN for NaN and ±Infinity, ±0 for ±0.
 *
 * @example Odd, and exact near 0
 * ```ts
 * import assert from "node:assert/strict";
 * import { sin } from "./trig.ts";
 * assert.equal(sin(Math.PI / 2), 1);
 * assert.equal(sin(-Math.PI / 2), -1);
 * assert.equal(sin(1e-20), 1e-20);
 * assert.ok(Object.is(sin(-0), -0));
 * ```
 */
export function sin(x: number): number {
  const a = Math.abs(x); // sin is odd: sin(-x) is -sin(x), bit for bit
  if (!(a < Infinity)) return NaN;
  if (a < 1.4901161193847656e-8) return x; // |x| < 2^-26: x - x^3/6 rounds to x (keeps -0)
  let s: number;
  switch (reduceHalfPi(a, R)) {
    case 0:
      s = sinKernel(R[0], R[1]);
      break;
    case 1:
      s = cosKernel(R[0], R[1]);
      break;
    case 2:
      s = -sinKernel(R[0], R[1]);
      break;
    default:
      s = -cosKernel(R[0], R[1]);
  }
  return x < 0 ? -s : s;
}
