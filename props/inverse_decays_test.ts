// Laws of inverseSqrt and inverseTimeDecay over valid configs (props/arbitraries_02.ts).
// inverseSqrt: a linear warm-up from 0 to the peak at W (continuous there), then a decay that
// never rises and halves each time t - W + τ quadruples. inverseTimeDecay: never rises,
// lr(t) * (1 + decayRate * p) = initValue, and in stairs it is flat within each stair.
import { describe, test } from "node:test";
import fc from "fast-check";
import { inverseSqrt, inverseTimeDecay, LawError } from "../mod.ts";
import { inverseSqrtCaseArb, inverseTimeDecayCaseArb } from "./arbitraries_02.ts";
import { monotone, near, seamStep, valueAt } from "./shape_laws.ts";

const RUNS = { numRuns: 200 };
const LAST = Number.MAX_SAFE_INTEGER;
const tArb = fc.oneof(fc.nat({ max: 5000 }), fc.integer({ min: 0, max: LAST - 1 }));

describe("inverseSqrt", () => {
  test("warms up linearly from 0 and reaches the peak at W; the step into the decay is a warm-up step", () =>
    fc.assert(
      fc.property(inverseSqrtCaseArb, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (c, u) => {
        const p = inverseSqrt(c.options);
        valueAt(p, c.w, c.peak, c.peak, "peak at W");
        if (c.w === 0) return;
        valueAt(p, 0, c.peak.map(() => 0), c.peak, "0 at t = 0");
        const t = Math.floor(u * c.w);
        valueAt(p, t, c.peak.map((v) => v * (t / c.w)), c.peak, "linear warm-up");
        seamStep(p, c.w, c.peak.map((v) => v / c.w + v * 2 ** -52), "warm-up seam");
      }),
      RUNS,
    ));

  test("never rises from W on", () =>
    fc.assert(
      fc.property(inverseSqrtCaseArb, tArb, (c, k) => {
        const t = Math.min(c.w + k, LAST - 1);
        monotone(inverseSqrt(c.options), t, -1, c.peak, "inverseSqrt decays");
      }),
      RUNS,
    ));

  test("halves each time t - W + τ quadruples: lr(W + 3τ) = peak / 2, lr(W + 15τ) = peak / 4", () =>
    fc.assert(
      fc.property(inverseSqrtCaseArb, (c) => {
        const p = inverseSqrt(c.options);
        if (c.w + 3 * c.tau <= LAST) valueAt(p, c.w + 3 * c.tau, c.peak.map((v) => v / 2), c.peak, "half at W + 3τ");
        if (c.w + 15 * c.tau <= LAST) {
          valueAt(
            p,
            c.w + 15 * c.tau,
            c.peak.map((v) => v / 4),
            c.peak,
            "quarter at W + 15τ",
          );
        }
      }),
      RUNS,
    ));
});

describe("inverseTimeDecay", () => {
  test("never rises", () =>
    fc.assert(
      fc.property(inverseTimeDecayCaseArb, tArb, (c, t) =>
        monotone(inverseTimeDecay(c.options), t, -1, c.init, "inverseTimeDecay decays")),
      RUNS,
    ));

  test("lr(t) * (1 + decayRate * p) = initValue, p = t / decaySteps or its floor", () =>
    fc.assert(
      fc.property(inverseTimeDecayCaseArb, tArb, (c, t) => {
        const p = c.staircase ? Math.floor(t / c.steps) : t / c.steps;
        const d = 1 + c.rate * p;
        if (!Number.isFinite(d)) return; // then lr = initValue / decayRate / p: tested in test/
        inverseTimeDecay(c.options)(t).forEach((v, g) => {
          // A subnormal rate has fewer digits than the law (it rounds on a fixed grid).
          if (v < 2 ** -1022) return;
          if (!near(v * d, c.init[g], c.init[g])) {
            throw new LawError("inverse time", [t], `(group ${g}) ${v} * ${d} != ${c.init[g]}`);
          }
        });
      }),
      RUNS,
    ));

  test("in stairs it is flat within a stair and steps at its multiples of decaySteps", () =>
    fc.assert(
      fc.property(inverseTimeDecayCaseArb, tArb, (c, t) => {
        if (!c.staircase) return;
        const s = inverseTimeDecay(c.options);
        const first = t - (t % c.steps);
        valueAt(s, t, s(first), c.init, "flat within a stair");
        if (c.rate > 0 && first + c.steps <= LAST) {
          seamStep(
            s,
            first + c.steps,
            c.init.map((v) => v),
            "the stair steps down, by at most initValue",
          );
        }
      }),
      RUNS,
    ));
});
