// The laws of the families of issue 12, each stated once and checked over valid configs
// (props/family_arbitraries.ts): decays are monotone where their source is, each value lies
// between the bounds its formula moves between, k-decay above 1 keeps the rate higher,
// cycles restart at their decayed peak, the seams are where the formulas put them, and the
// periodic closed forms are periodic.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  cosineAnnealing,
  cosineOneCycle,
  cosineRestarts,
  cosineWithHardRestarts,
  cosineWithWarmup,
  linearOneCycle,
  piecewiseInterpolate,
  poly,
  polynomialDecay,
  restartCycles,
  tanhDecay,
} from "../mod.ts";
import * as family from "./family_arbitraries.ts";

const RUNS = { numRuns: 150 };
/** Iterations near 0, near a given point, and anywhere. */
const tArb = fc.oneof(fc.nat({ max: 200 }), fc.nat({ max: 100_000 }), fc.maxSafeNat());

/**
 * `a <= b` up to 1e-12 of `scale` (the size of the values the formula moves between: its
 * differences round on their grid, not on the grid of a tiny result).
 */
function atMost(a: number, b: number, what: string, scale = Math.max(Math.abs(a), Math.abs(b))): void {
  assert.ok(a <= b + 1e-12 * scale + 1e-300, `${what}: ${a} > ${b}`);
}
/** `v` lies between `x` and `y` (in either order), up to 1e-12 of the larger. */
function between(v: number, x: number, y: number, what: string): void {
  const scale = Math.max(Math.abs(x), Math.abs(y));
  atMost(Math.min(x, y), v, what, scale);
  atMost(v, Math.max(x, y), what, scale);
}

/** Where `t` is in timm's cycles (after the warm-up): the cycle, the iteration it starts, and its length. */
function timmCycle(c: family.TimmCase<unknown>, t: number) {
  const u = c.warmupPrefix ? t - c.warmupT : t;
  const r = restartCycles({ t0: c.tInitial, tMult: c.cycleMul });
  const n = r.cycle(u);
  return { u, n, start: r.start(n), end: r.start(n + 1) };
}

describe("timm's tanhDecay and poly", () => {
  for (
    const [name, arb, make] of [
      ["tanhDecay", family.tanhDecayCaseArb, tanhDecay],
      ["poly", family.polyCaseArb, poly],
    ] as const
  ) {
    test(`${name}: past the warm-up, each value lies between lrMin and its cycle's peak baseLr * cycleDecay^n; lrMin from cycleLimit on`, () =>
      fc.assert(
        fc.property(arb, tArb, (c, t0) => {
          const t = Math.min(Number.MAX_SAFE_INTEGER, t0 + c.warmupT);
          const lr = make(c.options as never).lr(t);
          const { n } = timmCycle(c, t);
          lr.forEach((v, g) => {
            if (n >= c.cycleLimit) assert.equal(v, c.lrMin[g], `t = ${t}, cycle ${n}`);
            else between(v, c.lrMin[g], c.baseLr[g] * c.cycleDecay ** n, `t = ${t}[${g}]`);
          });
        }),
        RUNS,
      ));

    test(`${name}: within a cycle the rate moves monotonically from its peak towards lrMin`, () =>
      fc.assert(
        fc.property(arb, tArb, (c, t0) => {
          const t = Math.min(Number.MAX_SAFE_INTEGER - 1, t0 + c.warmupT);
          const { n, end } = timmCycle(c, t), u1 = timmCycle(c, t + 1);
          if (n >= c.cycleLimit || u1.n !== n || !(u1.u < end)) return;
          const p = make(c.options as never).lr;
          const a = p(t), b = p(t + 1);
          a.forEach((v, g) => {
            // towards lrMin: |lr - lrMin| does not grow
            atMost(
              Math.abs(b[g] - c.lrMin[g]),
              Math.abs(v - c.lrMin[g]),
              `t = ${t}[${g}]`,
              Math.max(c.baseLr[g], c.lrMin[g]),
            );
          });
        }),
        RUNS,
      ));

    test(`${name}: the warm-up rises linearly from warmupLrInit (no jump inside it)`, () =>
      fc.assert(
        fc.property(arb, fc.nat({ max: 1000 }), (c, k) => {
          if (c.warmupT < 3) return;
          const t = k % (c.warmupT - 2);
          const p = make(c.options as never).lr;
          const [a, b, d] = [p(t), p(t + 1), p(t + 2)];
          a.forEach((v, g) => {
            const step1 = b[g] - v, step2 = d[g] - b[g];
            assert.ok(
              Math.abs(step1 - step2) <= 1e-12 * Math.max(Math.abs(v), Math.abs(d[g])) + 1e-300,
              `t = ${t}[${g}]`,
            );
          });
        }),
        RUNS,
      ));
  }

  test("tanhDecay without warmupPrefix: the warm-up ends on the schedule's own value at warmupT (continuous seam)", () =>
    fc.assert(
      fc.property(family.tanhDecayCaseArb, (c) => {
        if (c.warmupT === 0 || c.warmupPrefix) return;
        const plain = tanhDecay({ ...c.options, warmupT: 0 }).lr(c.warmupT);
        assert.deepEqual(tanhDecay(c.options).lr(c.warmupT), plain);
      }),
      RUNS,
    ));

  test("poly: kDecay >= 1 keeps the rate at or above kDecay = 1's in every cycle (x^k <= x on [0, 1])", () =>
    fc.assert(
      fc.property(family.polyCaseArb, tArb, (c, t) => {
        const k = Math.max(1, c.kDecay);
        const high = poly({ ...c.options, kDecay: k }).lr(t), plain = poly({ ...c.options, kDecay: 1 }).lr(t);
        const { n } = timmCycle(c, t);
        high.forEach((v, g) => {
          // where the decayed peak is still above lrMin (past it, the cycle runs upwards)
          if (c.baseLr[g] * c.cycleDecay ** n >= c.lrMin[g]) {
            atMost(plain[g], v, `t = ${t}[${g}]`, Math.max(c.baseLr[g], c.lrMin[g]));
          }
        });
      }),
      RUNS,
    ));
});

describe("cosineRestarts with timm's kDecay", () => {
  test("kDecay >= 1 keeps the rate at or above plain SGDR's, kDecay <= 1 at or below; both restart at the same peaks", () =>
    fc.assert(
      fc.property(
        fc.record({
          baseLr: fc.double({ min: 0, max: 10, noNaN: true }),
          etaMin: fc.double({ min: 0, max: 1, noNaN: true }),
          t0: fc.integer({ min: 1, max: 1000 }),
          tMult: fc.constantFrom(1, 2, 1.5),
          k: fc.double({ min: 0.01, max: 50, noNaN: true }),
        }),
        fc.nat({ max: 100_000 }),
        (o, t) => {
          const plain = cosineRestarts({ baseLr: o.baseLr, t0: o.t0, tMult: o.tMult, etaMin: o.etaMin }).lr(t)[0];
          const kd =
            cosineRestarts({ baseLr: o.baseLr, t0: o.t0, tMult: o.tMult, etaMin: o.etaMin, kDecay: o.k }).lr(t)[0];
          const up = o.baseLr >= o.etaMin === o.k >= 1;
          const scale = Math.max(o.baseLr, o.etaMin);
          if (up) atMost(plain, kd, `t = ${t}`, scale);
          else atMost(kd, plain, `t = ${t}`, scale);
          const r = restartCycles({ t0: o.t0, tMult: o.tMult });
          // at a restart that falls on an iteration (with a real tMult a start may fall between two)
          const s = r.start(r.cycle(t));
          if (!Number.isInteger(s)) return;
          const restart =
            cosineRestarts({ baseLr: o.baseLr, t0: o.t0, tMult: o.tMult, etaMin: o.etaMin, kDecay: o.k }).lr(s)[0];
          assert.ok(Math.abs(restart - o.baseLr) <= 1e-15 * scale + 1e-300, `restart at ${s}: ${restart}`);
        },
      ),
      RUNS,
    ));
});

describe("Keras' polynomialDecay", () => {
  test("moves monotonically from initValue towards endValue within [0, decaySteps] and holds endValue after (no cycle)", () =>
    fc.assert(
      fc.property(family.polynomialDecayCaseArb, tArb, (c, t) => {
        const p = polynomialDecay({ ...c.options, cycle: false }).lr;
        const a = p(t), b = p(Math.min(t + 1, Number.MAX_SAFE_INTEGER));
        a.forEach((v, g) => {
          between(v, c.initValue[g], c.endValue[g], `t = ${t}[${g}]`);
          atMost(
            Math.abs(b[g] - c.endValue[g]),
            Math.abs(v - c.endValue[g]),
            `t = ${t}[${g}]`,
            Math.max(c.initValue[g], c.endValue[g]),
          );
          if (t >= c.decaySteps) assert.equal(v, c.endValue[g]);
        });
      }),
      RUNS,
    ));

  test("with cycle: the same up to decaySteps, endValue at every multiple of it, monotone inside each span, between the bounds", () =>
    fc.assert(
      fc.property(family.polynomialDecayCaseArb, tArb, fc.integer({ min: 1, max: 1000 }), (c, t, k) => {
        const cyc = polynomialDecay({ ...c.options, cycle: true }).lr,
          plain = polynomialDecay({ ...c.options, cycle: false }).lr;
        if (t <= c.decaySteps) assert.deepEqual(cyc(t), plain(t));
        const m = k * c.decaySteps;
        if (m <= Number.MAX_SAFE_INTEGER) cyc(m).forEach((v, g) => assert.equal(v, c.endValue[g], `t = ${m}`));
        const a = cyc(t);
        a.forEach((v, g) => between(v, c.initValue[g], c.endValue[g], `t = ${t}[${g}]`));
        if (t > 0 && t % c.decaySteps !== 0 && t < Number.MAX_SAFE_INTEGER) {
          const b = cyc(t + 1);
          a.forEach((v, g) =>
            atMost(
              Math.abs(b[g] - c.endValue[g]),
              Math.abs(v - c.endValue[g]),
              `t = ${t}[${g}]`,
              Math.max(c.initValue[g], c.endValue[g]),
            )
          );
        }
      }),
      RUNS,
    ));
});

describe("HF's cosineWithWarmup and cosineWithHardRestarts", () => {
  test("cosineWithWarmup: the warm-up is t / W of the peak, the peak at W, minLrRatio * peak at T for numCycles 0.5, all in [0, peak]", () =>
    fc.assert(
      fc.property(family.cosineWithWarmupCaseArb, tArb, (c, t) => {
        const p = cosineWithWarmup(c.options).lr;
        p(t).forEach((v, g) => {
          between(v, 0, c.peakValue[g], `t = ${t}[${g}]`);
          if (t < c.warmupSteps) assert.equal(v, c.peakValue[g] * (t / c.warmupSteps));
        });
        p(c.warmupSteps).forEach((v, g) => atMost(Math.abs(v - c.peakValue[g]), 1e-15 * c.peakValue[g], "at W"));
        const half = cosineWithWarmup({ ...c.options, numCycles: 0.5 }).lr;
        if (c.totalSteps > c.warmupSteps) {
          half(c.totalSteps).forEach((v, g) =>
            atMost(Math.abs(v - c.minLrRatio * c.peakValue[g]), 1e-15 * c.peakValue[g], "at T")
          );
        }
      }),
      RUNS,
    ));

  test("cosineWithWarmup with numCycles <= 0.5: non-increasing from W to T", () =>
    fc.assert(
      fc.property(family.cosineWithWarmupCaseArb, fc.double({ min: 0, max: 0.5, noNaN: true }), fc.nat(), (c, n, k) => {
        if (c.totalSteps - c.warmupSteps < 2) return;
        const t = c.warmupSteps + (k % (c.totalSteps - c.warmupSteps));
        const p = cosineWithWarmup({ ...c.options, numCycles: n }).lr;
        const a = p(t), b = p(t + 1);
        a.forEach((v, g) => atMost(b[g], v, `t = ${t}[${g}]`));
      }),
      RUNS,
    ));

  test("cosineWithHardRestarts: in [0, peak], the peak at W, 0 from T on; between restarts non-increasing", () =>
    fc.assert(
      fc.property(family.cosineWithHardRestartsCaseArb, tArb, (c, t) => {
        const p = cosineWithHardRestarts(c.options).lr;
        const a = p(t);
        a.forEach((v, g) => {
          between(v, 0, c.peakValue[g], `t = ${t}[${g}]`);
          if (t >= c.totalSteps && c.totalSteps > c.warmupSteps) assert.equal(v, 0, `t = ${t}`);
        });
        if (c.totalSteps > c.warmupSteps) p(c.warmupSteps).forEach((v, g) => assert.equal(v, c.peakValue[g]));
      }),
      RUNS,
    ));
});

describe("PyTorch's cosineAnnealing", () => {
  test("periodic with period 2 tMax, bit for bit; symmetric about tMax; between etaMin and baseLr; monotone on [0, tMax]", () =>
    fc.assert(
      fc.property(family.cosineAnnealingCaseArb, tArb, fc.nat(), (c, t, x) => {
        const p = cosineAnnealing(c.options).lr;
        const P = 2 * c.tMax;
        if (t + P <= Number.MAX_SAFE_INTEGER) assert.deepEqual(p(t + P), p(t));
        const a = p(t);
        a.forEach((v, g) => between(v, c.baseLr[g], c.etaMin[g], `t = ${t}[${g}]`));
        const d = Math.min(x % (c.tMax + 1), Number.MAX_SAFE_INTEGER - c.tMax);
        p(c.tMax + d).forEach((v, g) => {
          const w = p(c.tMax - d)[g];
          assert.ok(Math.abs(v - w) <= 1e-15 * Math.max(c.baseLr[g], c.etaMin[g]) + 1e-300, `d = ${d}[${g}]`);
        });
        if (d < c.tMax) {
          const u = p(d), w = p(d + 1);
          u.forEach((v, g) =>
            atMost(
              Math.abs(w[g] - c.etaMin[g]),
              Math.abs(v - c.etaMin[g]),
              `t = ${d}[${g}]`,
              Math.max(c.baseLr[g], c.etaMin[g]),
            )
          );
        }
      }),
      RUNS,
    ));
});

describe("optax's one-cycles and piecewiseInterpolate", () => {
  test("linearOneCycle: the peak at floor(pctStart T) (unless the first phase is empty), final value from T on, each phase monotone", () =>
    fc.assert(
      fc.property(family.linearOneCycleCaseArb, tArb, (c, t) => {
        const p = linearOneCycle(c.options).lr;
        const [a, b, T] = c.ends;
        const init = c.peakValue.map((v) => v / c.options.divFactor!);
        // the peak at a, unless the first phase is empty (a = 0) or the second is (a = b: at a the third starts)
        if (a > 0 && a < b) {
          p(a).forEach((v, g) => atMost(Math.abs(v - c.peakValue[g]), 1e-15 * c.peakValue[g], "peak"));
        }
        const last = p(T);
        p(t).forEach((v, g) => {
          if (t >= T) assert.equal(v, last[g]);
          else {between(
              v,
              Math.min(init[g], c.peakValue[g], last[g]),
              Math.max(init[g], c.peakValue[g], last[g]),
              `t = ${t}[${g}]`,
            );}
        });
        if (t + 1 < a || (t >= a && t + 1 < b) || (t >= b && t + 1 < T)) {
          const u = p(t), w = p(t + 1), target = t < a ? c.peakValue : t < b ? init : last;
          u.forEach((v, g) =>
            atMost(
              Math.abs(w[g] - target[g]),
              Math.abs(v - target[g]),
              `t = ${t}[${g}]`,
              Math.max(c.peakValue[g], init[g], last[g]),
            )
          );
        }
      }),
      RUNS,
    ));

  test("cosineOneCycle: the peak at floor(pctStart T), init / finalDivFactor from T on, up then down", () =>
    fc.assert(
      fc.property(family.cosineOneCycleCaseArb, tArb, (c, t) => {
        const p = cosineOneCycle(c.options).lr;
        const [a, T] = c.ends;
        if (a > 0 && a < T) {
          p(a).forEach((v, g) => atMost(Math.abs(v - c.peakValue[g]), 1e-15 * c.peakValue[g], "peak"));
        }
        const last = p(T);
        last.forEach((v, g) => {
          const want = c.peakValue[g] / c.options.divFactor! * c.options.divFactor! *
            (1 / (c.options.divFactor! * c.options.finalDivFactor!));
          atMost(Math.abs(v - want), 1e-15 * want + 1e-300, "end");
        });
        if (t >= T) assert.deepEqual(p(t), last);
        else if (t + 1 < a || (t >= a && t + 1 < T)) {
          const u = p(t), w = p(t + 1), target = t < a ? c.peakValue : last;
          u.forEach((v, g) =>
            atMost(Math.abs(w[g] - target[g]), Math.abs(v - target[g]), `t = ${t}[${g}]`, c.peakValue[g])
          );
        }
      }),
      RUNS,
    ));

  test("piecewiseInterpolate: at each boundary the running product; between two, a value between theirs, monotone", () =>
    fc.assert(
      fc.property(family.piecewiseInterpolateCaseArb, fc.nat(), fc.nat({ max: 1000 }), (c, i, d) => {
        const p = piecewiseInterpolate(c.options).lr;
        const values: number[][] = [[...c.initValue]];
        for (const s of c.scales) values.push(values[values.length - 1].map((v) => Math.min(v * s, Number.MAX_VALUE)));
        const n = c.boundaries.length;
        if (n === 0) {
          assert.deepEqual(p(d), [...c.initValue]);
          return;
        }
        const k = i % n, b = c.boundaries[k];
        // at b the next segment starts at values[k + 1] (to the rounding of the segment's difference)
        p(b).forEach((v, g) => {
          const next = values[Math.min(k + 2, n)][g];
          atMost(Math.abs(v - values[k + 1][g]), 1e-15 * Math.max(values[k + 1][g], next) + 1e-300, `at ${b}`);
        });
        const lo = k === 0 ? 0 : c.boundaries[k - 1], t = Math.min(lo + d, b - 1);
        if (t < lo) return;
        const u = p(t);
        u.forEach((v, g) => between(v, values[k][g], values[k + 1][g], `t = ${t}[${g}]`));
        if (t + 1 < b) {
          p(t + 1).forEach((w, g) =>
            atMost(
              Math.abs(w - values[k + 1][g]),
              Math.abs(u[g] - values[k + 1][g]),
              `t = ${t}[${g}]`,
              Math.max(values[k][g], values[k + 1][g]),
            )
          );
        }
      }),
      RUNS,
    ));
});
