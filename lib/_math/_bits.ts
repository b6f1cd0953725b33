/**
 * Bit access to doubles through one DataView with explicit (big-endian) byte order, so that
 * the words mean the same on every engine and every CPU, and exact scaling by powers of two.
 *
 * @module
 */

const view = new DataView(new ArrayBuffer(8));

/**
 * The high 32 bits of a double: sign, 11 exponent bits, the top 20 bits of the fraction.
 *
 * @param x Any double.
 * @returns The word as an unsigned integer in [0, 2^32).
 *
 * @example The high word of 1 is 0x3ff00000
 * ```ts
 * import assert from "node:assert/strict";
 * import { highWord } from "./_bits.ts";
 * assert.equal(highWord(1), 0x3ff00000);
 * assert.equal(highWord(-2), 0xc0000000);
 * ```
 */
export function highWord(x: number): number {
  view.setFloat64(0, x, false);
  return view.getUint32(0, false);
}

/**
 * The low 32 bits of a double's fraction.
 *
 * @param x Any double.
 * @returns The word as an unsigned integer in [0, 2^32).
 *
 * @example 1 + 2^-52 has a low word of 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { lowWord } from "./_bits.ts";
 * assert.equal(lowWord(1 + 2 ** -52), 1);
 * ```
 */
export function lowWord(x: number): number {
  view.setFloat64(0, x, false);
  return view.getUint32(4, false);
}

/**
 * The double whose high and low words are given.
 *
 * @param high The high word (sign, exponent, top 20 fraction bits), in [0, 2^32).
 * @param low The low word, in [0, 2^32).
 * @returns That double.
 *
 * @example The words of 1.5
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromWords } from "./_bits.ts";
 * assert.equal(fromWords(0x3ff80000, 0), 1.5);
 * ```
 */
export function fromWords(high: number, low: number): number {
  view.setUint32(0, high, false);
  view.setUint32(4, low, false);
  return view.getFloat64(0, false);
}

/**
 * The significand of a positive normal double: x / 2^floor(log2 x), in [1, 2), exactly (the
 * exponent field replaced by that of 1).
 *
 * @param x A positive normal double.
 * @returns The significand.
 *
 * @example 12 = 1.5 * 2^3
 * ```ts
 * import assert from "node:assert/strict";
 * import { significandOf } from "./_bits.ts";
 * assert.equal(significandOf(12), 1.5);
 * ```
 */
export function significandOf(x: number): number {
  view.setFloat64(0, x, false);
  view.setUint32(0, (view.getUint32(0, false) & 0x000fffff) | 0x3ff00000, false);
  return view.getFloat64(0, false);
}

/** 2^k for k = -1074..1023 at index k + 1074, each from the one before by an exact doubling. */
const POWERS_OF_TWO = new Float64Array(2098);
POWERS_OF_TWO[0] = 5e-324; // 2^-1074, the smallest subnormal
for (let i = 1; i < 2098; i++) POWERS_OF_TWO[i] = 2 * POWERS_OF_TWO[i - 1];

/**
 * 2^k, exactly, for an integer k in [-1074, 1023] (a table lookup).
 *
 * @param k The exponent.
 * @returns The power of two.
 *
 * @example 2^-1022 is the smallest normal double
 * ```ts
 * import assert from "node:assert/strict";
 * import { powerOfTwo } from "./_bits.ts";
 * assert.equal(powerOfTwo(-1022), 2.2250738585072014e-308);
 * assert.equal(powerOfTwo(-1074), 5e-324);
 * assert.equal(powerOfTwo(10), 1024);
 * ```
 */
export function powerOfTwo(k: number): number {
  return POWERS_OF_TWO[k + 1074];
}

/**
 * s * 2^k rounded once (to nearest, ties to even), for an s in [2^-3, 2^3) and an integer k
 * in [-1200, 1200]: what C's `scalbn` does. The product overflows to Infinity and underflows
 * to subnormals or 0 as one correctly rounded multiplication would, because every partial
 * product but the last is exact.
 *
 * @param s The significand-sized factor.
 * @param k The power of two.
 * @returns s * 2^k, rounded once.
 *
 * @example Below 2^-1022 the one rounding is to a subnormal
 * ```ts
 * import assert from "node:assert/strict";
 * import { scaleByPowerOfTwo } from "./_bits.ts";
 * assert.equal(scaleByPowerOfTwo(1.5, -1074), 2 ** -1073); // 1.5 * 2^-1074 rounds to even
 * assert.equal(scaleByPowerOfTwo(1, 1024), Infinity);
 * assert.equal(scaleByPowerOfTwo(1.25, 3), 10);
 * ```
 */
export function scaleByPowerOfTwo(s: number, k: number): number {
  if (k > 1023) {
    // s * 2^1023 is exact or already infinite; the second factor rounds (overflows) once.
    return s * 8.98846567431158e307 * POWERS_OF_TWO[k - 1023 + 1074];
  }
  if (k < -1022) {
    // s * 2^(k + 200) is a normal double, exactly; times 2^-200 is the one rounding.
    return s * POWERS_OF_TWO[k + 200 + 1074] * 6.223015277861142e-61;
  }
  return s * POWERS_OF_TWO[k + 1074];
}
