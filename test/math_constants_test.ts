// The constants and tables of lib/_math, each checked for the property its comment states,
// against the BigInt oracle; and the oracle's own pi and ln 2 against published digits.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { EXP2_HI, EXP2_LO, INV_LN2_128, LN2_128_HI, LN2_128_LO } from "../lib/_math/_exp_table.ts";
import { INV_C, LN2_HI, LN2_LO, LOG_C_HI, LOG_C_LO } from "../lib/_math/_log_table.ts";
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
} from "../lib/_math/_half_pi.ts";
import { bitLength, type Dyadic, exactOf, expOf, ln2Fixed, logFixed, piFixed, ulpError } from "./_math_oracle.ts";

const W = 400;
const fixed = (...xs: number[]) => xs.reduce((sum, x) => sum + toW(exactOf(x)), 0n);
const toW = (d: Dyadic) => (W >= d.s ? d.n << BigInt(W - d.s) : d.n >> BigInt(d.s - W));
const abs = (n: bigint) => (n < 0n ? -n : n);
/** |a - b| <= 2^-bits |b|, both fixed-point at W bits. */
const closeTo = (a: bigint, b: bigint, bits: number) => abs(a - b) << BigInt(bits) <= abs(b);
/** The number of significant bits of a double. */
function significantBits(x: number): number {
  const d = exactOf(x);
  let n = abs(d.n);
  while (n !== 0n && (n & 1n) === 0n) n >>= 1n;
  return bitLength(n);
}
/** Whether x is an integer multiple of 2^-bits. */
const multipleOf = (x: number, bits: number) => x * 2 ** bits === Math.floor(x * 2 ** bits);

describe("the oracle's constants", () => {
  test("pi (Takano's formula) has the published first 100 decimals", () => {
    const digits = ((piFixed(400) * 10n ** 100n) >> 400n).toString();
    assert.equal(
      digits,
      "31415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679",
    );
  });
  test("ln 2 (2 atanh(1/3)) has the published first 100 decimals", () => {
    const digits = ((ln2Fixed(400) * 10n ** 100n) >> 400n).toString();
    assert.equal(
      digits,
      "6931471805599453094172321214581765680755001343602552541206800094933936219696947156058633269964186875",
    );
  });
});

describe("lib/_math tables", () => {
  test("EXP2_HI[j] is 2^(j/128) rounded to nearest, and EXP2_HI + EXP2_LO holds it to 2^-104", () => {
    for (let j = 0; j < 128; j++) {
      const v = expOf({ n: ln2Fixed(W) * BigInt(j), s: W + 7 }, W); // e^(j ln2 / 128)
      assert.ok(ulpError(EXP2_HI[j], v) <= 0.5, `EXP2_HI[${j}]`);
      assert.ok(closeTo(fixed(EXP2_HI[j], EXP2_LO[j]), toW(v), 104), `EXP2_LO[${j}]`);
    }
  });

  test("ln2/128 in two pieces: the first with 35 bits (exact times |k| < 2^18), the pair to 2^-95", () => {
    assert.ok(significantBits(LN2_128_HI) <= 35);
    assert.ok(abs(fixed(LN2_128_HI, LN2_128_LO) - (ln2Fixed(W) >> 7n)) << 95n <= 1n << BigInt(W));
    assert.ok(closeTo(toW(exactOf(INV_LN2_128)), (1n << BigInt(2 * W + 7)) / ln2Fixed(W), 52));
  });

  test("INV_C[j] is 1/(1 + j/128) to 20 bits; LOG_C = -log(INV_C) in 42-bit and 53-bit pieces, to 2^-95", () => {
    assert.equal(INV_C[0], 1);
    assert.equal(INV_C[128], 0.5);
    for (let j = 0; j <= 128; j++) {
      assert.ok(multipleOf(INV_C[j], 20) && significantBits(INV_C[j]) <= 21, `INV_C[${j}] bits`);
      assert.ok(Math.abs(INV_C[j] * (1 + j / 128) - 1) <= 2 ** -20, `INV_C[${j}] value`);
      assert.ok(multipleOf(LOG_C_HI[j], 42), `LOG_C_HI[${j}] is a multiple of 2^-42`);
      const minusLog = -logFixed(exactOf(INV_C[j]), W);
      const error = abs(fixed(LOG_C_HI[j], LOG_C_LO[j]) - minusLog);
      assert.ok(error << 95n <= 1n << BigInt(W), `LOG_C[${j}]: error ${error}`);
    }
    assert.ok(multipleOf(LN2_HI, 42) && significantBits(LN2_HI) <= 42);
    assert.ok(abs(fixed(LN2_HI, LN2_LO) - ln2Fixed(W)) << 95n <= 1n << BigInt(W));
    // The bin of c = 2 is ln 2 in exactly the pieces of k ln 2, so that they cancel exactly.
    assert.equal(LOG_C_HI[128], LN2_HI);
    assert.equal(LOG_C_LO[128], LN2_LO);
  });

  test("pi/2 in 33-bit pieces to 2^-150, the short pair to 2^-85, the double-double, and 2/pi", () => {
    const halfPi = piFixed(W - 1);
    for (const piece of [PIO2_1, PIO2_2, PIO2_3]) assert.ok(significantBits(piece) <= 33, `${piece}`);
    assert.ok(abs(fixed(PIO2_1, PIO2_2, PIO2_3, PIO2_3T) - halfPi) << 150n <= 1n << BigInt(W));
    assert.ok(abs(fixed(PIO2_1, PIO2_1T) - halfPi) << 85n <= 1n << BigInt(W));
    assert.ok(ulpError(PIO2_HI, { n: halfPi, s: W }) <= 0.5);
    assert.ok(closeTo(fixed(PIO2_HI, PIO2_LO), halfPi, 105));
    assert.ok(ulpError(TWO_OVER_PI, { n: (1n << BigInt(2 * W + 1)) / piFixed(W), s: W }) <= 0.5);
  });

  test("TWO_OVER_PI_FIXED is floor(2/pi * 2^1280), exactly", () => {
    // T <= 2^1281 / pi < T + 1  <=>  T pi <= 2^1281 < (T + 1) pi, with pi between P and P + 1 (scale 1500).
    const T = TWO_OVER_PI_FIXED;
    const P = piFixed(1500);
    const bound = 1n << BigInt(TWO_OVER_PI_FRACTION_BITS + 1 + 1500);
    assert.ok(T * (P + 1n) <= bound, "T is not above 2/pi 2^1280");
    assert.ok((T + 1n) * P > bound, "T + 1 is above 2/pi 2^1280");
  });
});
