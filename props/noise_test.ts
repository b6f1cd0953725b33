// Laws of noise over valid configs (props/arbitraries_02.ts): the rate stays within pct of the
// clean rate, with one ε per step for every group; it is the clean rate outside [start, end);
// it is identical for the same (seed, t), in any order and in any copy; momentum passes through.
// And its draws have the distribution the spec gives them: Kolmogorov–Smirnov tests of the
// normal draws against the standard normal truncated to (-pct, pct), and of the uniform draws
// against the uniform on [-pct, pct), at significance level α = 0.001 each, on fixed seeds
// (deterministic: the statistic of each case is the same at every run), with n = 4000 draws.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { constant, LawError, noise } from "../mod.ts";
import { noiseCaseArb } from "./arbitraries_02.ts";

const RUNS = { numRuns: 200 };
const LAST = Number.MAX_SAFE_INTEGER;
const tArb = fc.oneof(fc.nat({ max: 5000 }), fc.maxSafeNat());
const ULP = 2 ** -52;

describe("noise: laws", () => {
  test("within pct of the clean rate: |lr - v| <= pct * |v| (plus the rounding of v * (1 + ε))", () =>
    fc.assert(
      fc.property(noiseCaseArb, tArb, (c, t) => {
        const clean = c.child.make();
        const noisy = noise(clean, c.options)(t), v = clean(t);
        noisy.forEach((x, g) => {
          const bound = c.options.pct * Math.abs(v[g]) + ULP * Math.abs(x);
          if (x === Number.MAX_VALUE || x === -Number.MAX_VALUE) return; // held where v * (1 + ε) overflows
          if (!(Math.abs(x - v[g]) <= bound)) {
            throw new LawError("within pct", [t], `(group ${g}) clean ${v[g]}, noisy ${x}, pct ${c.options.pct}`);
          }
        });
      }),
      RUNS,
    ));

  test("the clean rate, bit for bit, outside [start, end)", () =>
    fc.assert(
      fc.property(noiseCaseArb, fc.nat({ max: 3000 }), fc.boolean(), (c, k, before) => {
        const { start, end } = c.options;
        const t = before ? start - 1 - k : end === undefined ? -1 : end + k;
        if (t < 0 || t > LAST) return;
        const clean = c.child.make();
        const x = noise(clean, c.options)(t), v = clean(t);
        x.forEach((y, g) => assert.ok(Object.is(y, v[g]), `t = ${t} group ${g}: ${y} vs ${v[g]}`));
      }),
      RUNS,
    ));

  test("identical for the same (seed, t): in two copies, in any order of evaluation", () =>
    fc.assert(
      fc.property(noiseCaseArb, tArb, tArb, (c, t, u) => {
        const a = noise(c.child.make(), c.options), b = noise(c.child.make(), c.options);
        const at = a(t), bu = b(u), au = a(u), bt = b(t);
        at.forEach((v, g) => assert.ok(Object.is(v, bt[g]), `t = ${t}`));
        au.forEach((v, g) => assert.ok(Object.is(v, bu[g]), `t = ${u}`));
      }),
      RUNS,
    ));

  test("one ε for every group: lr_g / v_g is the same for every group", () =>
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 4 }),
        noiseCaseArb,
        tArb,
        (values, c, t) => {
          const x = noise(constant({ value: values }), c.options)(t);
          const ratios = x.map((v, g) => v / values[g]);
          ratios.forEach((r) => {
            if (!(Math.abs(r - ratios[0]) <= 4 * ULP * Math.abs(ratios[0]))) {
              throw new LawError("one ε", [t], `ratios ${ratios}`);
            }
          });
        },
      ),
      RUNS,
    ));

  test("momentum passes through unchanged", () =>
    fc.assert(
      fc.property(noiseCaseArb, tArb, (c, t) => {
        const clean = c.child.make(), p = noise(clean, c.options);
        assert.equal(p.momentum === undefined, clean.momentum === undefined);
        if (clean.momentum !== undefined) assert.deepEqual(p.momentum?.(t), clean.momentum(t));
      }),
      RUNS,
    ));
});

// ---- the distribution of the draws ----

/** erf by its Taylor series, to about 1e-15 for |x| <= 2.5 (all the arguments used here). */
function erf(x: number): number {
  let term = x, sum = x;
  for (let n = 1; n < 80; n++) {
    term *= -(x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

const phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

/** The CDF of the standard normal truncated to (-a, a). */
function truncatedNormalCdf(a: number): (x: number) => number {
  const lo = phi(-a), mass = phi(a) - lo;
  return (x) => (x <= -a ? 0 : x >= a ? 1 : (phi(x) - lo) / mass);
}

/** The Kolmogorov–Smirnov statistic of a sample against a CDF. */
function ksStatistic(sample: readonly number[], cdf: (x: number) => number): number {
  const xs = [...sample].sort((a, b) => a - b), n = xs.length;
  let d = 0;
  xs.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  });
  return d;
}

/** The asymptotic critical value of the one-sample KS statistic at α = 0.001: 1.949 / sqrt(n). */
const ksCritical = (n: number) => 1.9495 / Math.sqrt(n);

const N = 4000;

/** ε of steps 0 … n-1 as the policy applies it to a rate of 1. */
function drawsOverSteps(seed: number, pct: number, type: "normal" | "uniform", from = 0): number[] {
  const p = noise(constant({ value: 1 }), { seed, pct, type });
  return Array.from({ length: N }, (_, i) => p(from + i)[0] - 1);
}

describe("noise: the distribution of ε (Kolmogorov–Smirnov, α = 0.001, n = 4000, fixed seeds)", () => {
  for (const seed of [42, 0, Number.MAX_SAFE_INTEGER]) {
    for (const pct of [0.67, 0.1, 3, 0.001]) {
      test(`normal, seed ${seed}, pct ${pct}: ε(0 … 3999) is a standard normal truncated to (-pct, pct)`, () => {
        const draws = drawsOverSteps(seed, pct, "normal", seed === 0 ? 10 ** 15 : 0);
        for (const e of draws) assert.ok(Math.abs(e) < pct * (1 + 4 * ULP), `|${e}| >= ${pct}`);
        const d = ksStatistic(draws, truncatedNormalCdf(pct));
        assert.ok(d < ksCritical(N), `D = ${d} >= ${ksCritical(N)}`);
      });
    }
    test(`uniform, seed ${seed}, pct 0.5: ε(0 … 3999) is uniform on [-0.5, 0.5)`, () => {
      const draws = drawsOverSteps(seed, 0.5, "uniform");
      const d = ksStatistic(draws, (x) => Math.min(1, Math.max(0, (x + 0.5) / 1)));
      assert.ok(d < ksCritical(N), `D = ${d}`);
    });
  }

  test("across seeds 0 … 3999 at one step (t = 1000), ε is the same truncated normal (the streams of seeds are independent)", () => {
    const draws = Array.from(
      { length: N },
      (_, seed) => noise(constant({ value: 1 }), { seed, pct: 0.67 })(1000)[0] - 1,
    );
    const d = ksStatistic(draws, truncatedNormalCdf(0.67));
    assert.ok(d < ksCritical(N), `D = ${d}`);
  });

  test("consecutive steps are uncorrelated: |corr(ε(t), ε(t + 1))| < 3.29 / sqrt(n) (α = 0.001)", () => {
    for (const seed of [42, 7]) {
      const e = drawsOverSteps(seed, 0.67, "normal");
      const a = e.slice(0, -1), b = e.slice(1);
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      const ma = mean(a), mb = mean(b);
      let sab = 0, saa = 0, sbb = 0;
      a.forEach((x, i) => {
        sab += (x - ma) * (b[i] - mb);
        saa += (x - ma) ** 2;
        sbb += (b[i] - mb) ** 2;
      });
      const r = sab / Math.sqrt(saa * sbb);
      assert.ok(Math.abs(r) < 3.29 / Math.sqrt(a.length), `seed ${seed}: r = ${r}`);
    }
  });

  test("the KS test can fail: ε of pct 0.67 against the truncation at 1, and uniform draws of pct 3 against the normal truncated at 3, are rejected", () => {
    const wrongBound = drawsOverSteps(42, 0.67, "normal");
    assert.ok(ksStatistic(wrongBound, truncatedNormalCdf(1)) >= ksCritical(N));
    const uniform = drawsOverSteps(42, 3, "uniform");
    assert.ok(ksStatistic(uniform, truncatedNormalCdf(3)) >= ksCritical(N));
  });
});
