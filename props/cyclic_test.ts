// Laws of the cyclic policies (triangular, triangular2, exp_range, custom scales, cosine
// wave, the paper's decaying bounds), driven by fast-check over valid configs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  cosineWave,
  cyclic,
  cyclicLR,
  decaysLike,
  expRange,
  groupsIndependent,
  halvesEachCycle,
  monotoneWithinCycle,
  periodic,
  triangular,
  triangular2,
  withinBounds,
} from "../mod.ts";
import { type CyclicCase, cyclicCaseArb, gammaArb, iterationArb, MAX_PERIOD, smith } from "./arbitraries.ts";
import { pow } from "../lib/_math/mod.ts";

const RUNS = { numRuns: 150 };
const tArb = iterationArb(MAX_PERIOD + 1);

/** A regression config pinned into every property: PyTorch's test case (1 to 5, step 4). */
const pinned = (mode: "triangular" | "triangular2" | "exp_range") =>
  fc.sample(cyclicCaseArb([mode]), { seed: 1, numRuns: 1 })[0];

describe("triangular", () => {
  const arb = cyclicCaseArb(["triangular"]);
  test("is periodic: lr(t + P) = lr(t), and momentum too", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        const p = cyclicLR(c.options);
        periodic(p.lr, t, { period: c.period });
        periodic(p.momentum!, t, { period: c.period });
      }),
      {
        ...RUNS,
        examples: [[pinned("triangular"), 0], [pinned("triangular"), Number.MAX_SAFE_INTEGER - MAX_PERIOD - 1]],
      },
    ));

  test("stays within [min(base, max), max(base, max)], momentum within its bounds", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        const p = cyclicLR(c.options);
        withinBounds(p.lr, t, { from: c.baseLr, to: c.maxLr });
        withinBounds(p.momentum!, t, { from: c.maxMomentum, to: c.baseMomentum });
      }),
      RUNS,
    ));

  test("rises on the up half and falls on the down half; momentum moves the other way", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        const p = cyclicLR(c.options);
        const steps = { stepSizeUp: c.up, stepSizeDown: c.down };
        monotoneWithinCycle(p.lr, t, { ...steps, from: c.baseLr, to: c.maxLr });
        monotoneWithinCycle(p.momentum!, t, { ...steps, from: c.maxMomentum, to: c.baseMomentum });
      }),
      RUNS,
    ));

  test("cyclicLR({ mode: 'triangular' }) equals triangular() exactly", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        assert.deepEqual(cyclicLR(c.options).lr(t), triangular(smith(c))(t));
      }),
      RUNS,
    ));

  test("bottom at every cycle start, peak at stepSizeUp into every cycle", () =>
    fc.assert(
      fc.property(arb, fc.nat({ max: 1000 }), (c, k) => {
        const lr = triangular(smith(c));
        assert.deepEqual(lr(k * c.period), c.baseLr);
        lr(k * c.period + c.up).forEach((v, g) =>
          assert.ok(Math.abs(v - c.maxLr[g]) <= 1e-12 * Math.abs(c.maxLr[g]) + 1e-14 * Math.abs(c.baseLr[g]))
        );
      }),
      RUNS,
    ));
});

/**
 * Regression (seed 40335216, path "10:0:0:1:3:2:2:3:7:4:5:6"): momentum bounds in the
 * subnormal range, where halving rounds on an absolute grid; the laws' tolerance has an
 * absolute floor of 1e-300 since then.
 */
const SUBNORMAL_MOMENTUM: CyclicCase = {
  options: {
    baseLr: [1],
    maxLr: [0],
    baseMomentum: [3e-323],
    maxMomentum: [1e-323],
    stepSizeUp: 7,
    stepSizeDown: 7,
    mode: "triangular2",
    gamma: 1,
  },
  mode: "triangular2",
  gamma: 1,
  up: 7,
  down: 7,
  period: 14,
  groups: 1,
  baseLr: [1],
  maxLr: [0],
  baseMomentum: [3e-323],
  maxMomentum: [1e-323],
};

describe("triangular2", () => {
  const arb = cyclicCaseArb(["triangular2"]);
  test("halves each cycle: lr(t + P) - base = (lr(t) - base) / 2, momentum toward maxMomentum", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        const p = cyclicLR(c.options);
        halvesEachCycle(p.lr, t, { period: c.period, from: c.baseLr });
        halvesEachCycle(p.momentum!, t, { period: c.period, from: c.maxMomentum });
      }),
      {
        ...RUNS,
        examples: [[pinned("triangular2"), 1024 * 8], [pinned("triangular2"), 1075 * 8 + 4], [SUBNORMAL_MOMENTUM, 5]],
      },
    ));

  test("stays within its bounds and is monotone within each cycle", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        const lr = triangular2(smith(c));
        withinBounds(lr, t, { from: c.baseLr, to: c.maxLr });
        monotoneWithinCycle(lr, t, { stepSizeUp: c.up, stepSizeDown: c.down, from: c.baseLr, to: c.maxLr });
      }),
      RUNS,
    ));

  test("cyclicLR({ mode: 'triangular2' }) equals triangular2() exactly", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => assert.deepEqual(cyclicLR(c.options).lr(t), triangular2(smith(c))(t))),
      RUNS,
    ));

  test("past cycle 1075 the rate is exactly baseLr, never NaN", () =>
    fc.assert(
      fc.property(arb, fc.integer({ min: 1076, max: 10_000 }), fc.nat(), (c, cycle, r) => {
        const t = (cycle - 1) * c.period + (r % c.period); // at most 10^4 * 2 * 10^6: a safe integer
        assert.deepEqual(triangular2(smith(c))(t), c.baseLr);
      }),
      RUNS,
    ));
});

describe("exp_range", () => {
  const arb = cyclicCaseArb(["exp_range"]);
  test("decays like gamma^t: |lr(t) - base| <= |max - base| * gamma^t", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        const p = cyclicLR(c.options);
        decaysLike(p.lr, t, { from: c.baseLr, to: c.maxLr, gamma: c.gamma });
        decaysLike(p.momentum!, t, { from: c.maxMomentum, to: c.baseMomentum, gamma: c.gamma });
        withinBounds(p.lr, t, { from: c.baseLr, to: c.maxLr });
      }),
      {
        ...RUNS,
        examples: [[pinned("exp_range"), 0], [pinned("exp_range"), Number.MAX_SAFE_INTEGER - MAX_PERIOD - 1]],
      },
    ));

  test("cyclicLR({ mode: 'exp_range' }) equals expRange() exactly", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) =>
        assert.deepEqual(cyclicLR(c.options).lr(t), expRange({ ...smith(c), gamma: c.gamma })(t))),
      RUNS,
    ));

  test("gamma = 1 is triangular", () =>
    fc.assert(
      fc.property(
        arb,
        tArb,
        (c, t) => assert.deepEqual(expRange({ ...smith(c), gamma: 1 })(t), triangular(smith(c))(t)),
      ),
      RUNS,
    ));

  test("expRangeDecays: 'bounds' (the paper) is gamma^t times the triangular rate", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        const paper = cyclicLR({ ...c.options, expRangeDecays: "bounds" }).lr(t);
        const k = c.gamma ** t;
        const tri = triangular(smith(c))(t);
        paper.forEach((v, g) => {
          const want = tri[g] * k;
          assert.ok(Math.abs(v - want) <= 1e-12 * Math.abs(want), `group ${g} at t = ${t}: ${v} vs ${want}`);
        });
        withinBounds(() => paper, t, { from: c.baseLr.map((b) => b * k), to: c.maxLr.map((m) => m * k) });
      }),
      RUNS,
    ));
});

describe("custom scales and waves", () => {
  const arb = cyclicCaseArb(["triangular"]);
  test("a per-cycle scale r^(c - 1) shrinks every cycle by r: lr(t + P) - base = r (lr(t) - base)", () =>
    fc.assert(
      fc.property(arb, fc.double({ min: 0, max: 1, noNaN: true }), iterationArb(MAX_PERIOD + 1), (c, ratio, t) => {
        const lr = cyclicLR({ ...c.options, scaleFn: (cycle) => ratio ** (cycle - 1) }).lr;
        const now = lr(t);
        const later = lr(t + c.period);
        now.forEach((v, g) => {
          const want = ratio * (v - c.baseLr[g]);
          const scale = Math.max(Math.abs(c.baseLr[g]), Math.abs(c.maxLr[g]));
          assert.ok(
            Math.abs(later[g] - c.baseLr[g] - want) <= 1e-12 * Math.abs(want) + 1e-14 * scale,
            `group ${g} at t = ${t}`,
          );
        });
      }),
      { ...RUNS, examples: [[pinned("triangular"), 0.5, 5]] },
    ));

  // Bit for bit only with the library's own pow: `gamma ** x` is each engine's approximation.
  test("scaleFn: gamma^x with scaleMode 'iterations' equals mode 'exp_range'", () =>
    fc.assert(
      fc.property(arb, gammaArb, tArb, (c, gamma, t) => {
        const custom = cyclicLR({
          ...c.options,
          mode: undefined,
          scaleFn: (x) => pow(gamma, x),
          scaleMode: "iterations",
        });
        const builtIn = cyclicLR({ ...c.options, mode: "exp_range", gamma });
        assert.deepEqual(custom.lr(t), builtIn.lr(t));
        assert.deepEqual(custom.momentum!(t), builtIn.momentum!(t));
      }),
      RUNS,
    ));

  test("scaleFn: 1 / 2^(c - 1) per cycle equals mode 'triangular2'", () =>
    fc.assert(
      fc.property(arb, fc.nat({ max: 1_000_000 }), (c, t) => {
        const custom = cyclicLR({ ...c.options, scaleFn: (x) => 1 / 2 ** (x - 1) }).lr(t);
        const builtIn = triangular2(smith(c))(t);
        custom.forEach((v, g) => assert.ok(Math.abs(v - builtIn[g]) <= 1e-12 * Math.abs(builtIn[g]) + 1e-300));
      }),
      RUNS,
    ));

  test("the cosine wave is periodic, within bounds and monotone on each half", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        const lr = cyclicLR({ ...c.options, wave: "cosine" }).lr;
        periodic(lr, t, { period: c.period });
        withinBounds(lr, t, { from: c.baseLr, to: c.maxLr });
        monotoneWithinCycle(lr, t, { stepSizeUp: c.up, stepSizeDown: c.down, from: c.baseLr, to: c.maxLr });
      }),
      RUNS,
    ));

  test("cyclic() with cosineWave equals cyclicLR({ wave: 'cosine' })", () =>
    fc.assert(
      fc.property(arb, tArb, (c, t) => {
        const built = cyclic({
          baseLr: c.baseLr,
          maxLr: c.maxLr,
          wave: cosineWave({ stepSizeUp: c.up, stepSizeDown: c.down }),
        });
        assert.deepEqual(built(t), cyclicLR({ ...c.options, wave: "cosine" }).lr(t));
      }),
      RUNS,
    ));
});

describe("parameter groups", () => {
  test("groups are independent: group g equals the one-group schedule with g's bounds (all modes, momentum)", () =>
    fc.assert(
      fc.property(cyclicCaseArb(), tArb, (c, t) => {
        const p = cyclicLR(c.options);
        const single = c.baseLr.map((_, g) =>
          cyclicLR({
            ...c.options,
            baseLr: c.baseLr[g],
            maxLr: c.maxLr[g],
            baseMomentum: c.baseMomentum[g],
            maxMomentum: c.maxMomentum[g],
          })
        );
        groupsIndependent(p.lr, t, { single: single.map((s) => s.lr) });
        groupsIndependent(p.momentum!, t, { single: single.map((s) => s.momentum!) });
        assert.equal(p.groups, c.groups);
      }),
      RUNS,
    ));

  test("scalar bounds with groups: n repeat the same rate n times", () =>
    fc.assert(
      fc.property(cyclicCaseArb(), fc.integer({ min: 1, max: 8 }), tArb, (c, n, t) => {
        const p = cyclicLR({
          ...c.options,
          baseLr: c.baseLr[0],
          maxLr: c.maxLr[0],
          baseMomentum: 0.8,
          maxMomentum: 0.9,
          groups: n,
        });
        const one = cyclicLR({
          ...c.options,
          baseLr: c.baseLr[0],
          maxLr: c.maxLr[0],
          baseMomentum: 0.8,
          maxMomentum: 0.9,
        });
        assert.deepEqual(p.lr(t), new Array(n).fill(one.lr(t)[0]));
      }),
      RUNS,
    ));
});
