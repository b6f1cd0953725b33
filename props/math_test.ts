// Laws of the deterministic elementary functions (lib/_math) that the policies rely on,
// over every double fast-check draws (NaN, ±Infinity, ±0, subnormals and the extremes included).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { cos, sin } from "../lib/_math/trig.ts";
import { exp } from "../lib/_math/exp.ts";
import { log } from "../lib/_math/log.ts";
import { pow } from "../lib/_math/pow.ts";
import { tanh } from "../lib/_math/tanh.ts";

const RUNS = { numRuns: 2000 };
const MAX = Number.MAX_VALUE;
const MIN = Number.MIN_VALUE;
const view = new DataView(new ArrayBuffer(8));

/** The position of a finite double among all doubles (ordered, -0 and +0 both at 0). */
function ordinal(x: number): bigint {
  view.setFloat64(0, x, false);
  const bits = view.getBigUint64(0, false);
  return bits >> 63n ? -(bits & 0x7fffffffffffffffn) : bits;
}
/** How many doubles lie between a and b (0 if equal). */
const ulpsApart = (a: number, b: number) =>
  Number(ordinal(a) - ordinal(b) < 0n ? ordinal(b) - ordinal(a) : ordinal(a) - ordinal(b));
/** The double after x (finite x). */
function nextUp(x: number): number {
  if (x === 0) return MIN;
  view.setFloat64(0, x, false);
  const bits = view.getBigUint64(0, false);
  view.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n, false);
  return view.getFloat64(0, false);
}

/** Finite doubles spread over every binade. */
const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });
const anyDouble = fc.double();

describe("lib/_math laws", () => {
  test("pow(g, 0) = pow(g, -0) = 1 for every g, NaN and ±Infinity included", () => {
    fc.assert(fc.property(anyDouble, (g) => pow(g, 0) === 1 && pow(g, -0) === 1), {
      ...RUNS,
      examples: [[NaN], [-0], [Infinity]],
    });
  });

  test("cos(0) = 1, and cos(-x) = cos(x), sin(-x) = -sin(x), tanh(-x) = -tanh(x) bit for bit", () => {
    assert.equal(cos(0), 1);
    assert.equal(cos(-0), 1);
    fc.assert(
      fc.property(
        anyDouble,
        (x) => Object.is(cos(-x), cos(x)) && Object.is(sin(-x), -sin(x)) && Object.is(tanh(-x), -tanh(x)),
      ),
      { ...RUNS, examples: [[0], [Math.PI / 4], [2.5 * Math.PI / 2], [1e300], [MIN], [Infinity]] },
    );
  });

  test("sin^2 + cos^2 is 1 within 2^-50 (each within 0.75 ulp, then two squares and a sum)", () => {
    fc.assert(fc.property(anyFinite, (x) => Math.abs(sin(x) * sin(x) + cos(x) * cos(x) - 1) <= 2 ** -50), {
      ...RUNS,
      examples: [[0], [Math.PI], [1e22], [MAX], [45.553093477052]],
    });
  });

  // Monotonicity: a result within 1 ulp (the accuracy test) makes exp and log monotone on any
  // pair whose true values lie 2 ulps apart or more. For adjacent doubles it is a law of its
  // own: it holds when each function rounds consistently near a midpoint, which these do (no
  // counterexample among 10^7 adjacent pairs scanned while writing them); it is checked here.
  test("exp and log are monotone: x <= y gives exp(x) <= exp(y) and log(x) <= log(y), adjacent doubles too", () => {
    const pair = fc.tuple(anyFinite, anyFinite).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
    fc.assert(fc.property(pair, ([x, y]) => exp(x) <= exp(y) && (x <= 0 || log(x) <= log(y))), RUNS);
    fc.assert(
      fc.property(anyFinite, (x) => exp(x) <= exp(nextUp(x)) && (x <= 0 || log(x) <= log(nextUp(x)))),
      { ...RUNS, examples: [[2 ** -53], [0], [-MIN], [709.782712893384], [-745.1332191019411], [1], [1 - 2 ** -53]] },
    );
  });

  test("log inverts exp to within ulp(x) + 2^-52 where exp(x) is a normal double", () => {
    const x = fc.double({ min: -708, max: 709.78, noNaN: true });
    fc.assert(fc.property(x, (v) => Math.abs(log(exp(v)) - v) <= (ulpOf(v) + 2 ** -52) * 1.0000001), RUNS);
  });

  // pow(g, a + b) against pow(g, a) * pow(g, b), for g in (0, 1] and integers a, b >= 0 whose sum
  // is exact (< 2^53) and whose results are normal. Each pow is within 0.51 ulp; with the
  // significands m of pow(g, a), pow(g, b) and the result, the product's error is
  // 0.51 (m / m_a + m / m_b) + 0.5 ulp of the result, plus 0.51 for pow(g, a + b): at most
  // 0.51 * 3 + 1.01 = 2.54 ulp (m_a near 1 and m_b near 2), and at most 2.03 ulp when
  // m_a m_b >= 2. So the law is 3 ulp; it is within 2 ulp in all but a sliver of cases.
  test("pow(g, a + b) is within 3 ulp of pow(g, a) * pow(g, b) (g in (0, 1], integers a, b)", () => {
    const arb = fc.record({
      n: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2 ** 53 - 1 })),
      split: fc.double({ min: 0, max: 1, noNaN: true }),
      depth: fc.double({ min: 0, max: 700, noNaN: true }), // g^(a+b) = e^-depth roughly, normal
    }).map(({ n, split, depth }) => {
      const a = Math.floor(n * split);
      return { g: Math.min(1, exp(-depth / n)), a, b: n - a };
    });
    fc.assert(
      fc.property(arb, ({ g, a, b }) => ulpsApart(pow(g, a + b), pow(g, a) * pow(g, b)) <= 3),
      {
        ...RUNS,
        examples: [[{ g: 0.999994, a: 2 ** 52, b: 2 ** 52 - 1 }], [{ g: 1, a: 5, b: 7 }], [{ g: 0.5, a: 500, b: 522 }]],
      },
    );
  });

  test("pow is exact where the result is a double: x^1 = x, 2^k, x^2 = x * x when exact", () => {
    fc.assert(fc.property(anyFinite, (x) => x === 0 || Object.is(pow(x, 1), x)), {
      ...RUNS,
      examples: [[MIN], [-MAX], [-3]],
    });
    fc.assert(
      fc.property(fc.integer({ min: -1074, max: 1023 }), (k) => pow(2, k) === twoTo(k) && pow(0.5, -k) === twoTo(k)),
    );
    fc.assert(fc.property(fc.integer({ min: -(2 ** 26), max: 2 ** 26 }), (n) => pow(n, 2) === n * n));
  });

  test("tanh is odd, within [-1, 1], and monotone on adjacent doubles", () => {
    fc.assert(fc.property(anyFinite, (x) => Math.abs(tanh(x)) <= 1 && tanh(x) <= tanh(nextUp(x))), {
      ...RUNS,
      examples: [[19.1], [2 ** -27], [-MIN]],
    });
  });
});

/** 2^k by exact doublings or halvings (no `**`: an engine may compute 2 ** -1074 as 1 / 2^1074 = 0). */
function twoTo(k: number): number {
  let v = 1;
  for (let i = 0; i < k; i++) v *= 2;
  for (let i = 0; i > k; i--) v /= 2;
  return v;
}

/** The spacing of doubles at x (2^-1074 below 2^-1022). */
function ulpOf(x: number): number {
  const a = Math.abs(x);
  return a < 2 ** -1022 ? MIN : nextUp(a) - a;
}
