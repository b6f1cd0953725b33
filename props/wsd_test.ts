// Laws of wsd over valid configs (props/arbitraries_02.ts): the phases meet at their seams
// (continuity of a discrete schedule: each phase's formula at the seam gives the next
// phase's value, so the step across a seam is one of the phase before it), the warm-up rises
// and the decay falls where their shapes do, the rate stays in [r * peak, peak], stableSteps
// and totalSteps describe the same schedule, groups are independent, and wsd is a cooldown of
// a warm-up and a constant.
import { describe, test } from "node:test";
import fc from "fast-check";
import { constant, cooldown, join, LawError, type Schedule, wsd } from "../mod.ts";
import { type WsdCase, wsdCaseArb } from "./arbitraries_02.ts";
import { between, decayStepBound, monotone, near, seamStep, valueAt, warmupStepBound } from "./shape_laws.ts";

const RUNS = { numRuns: 200 };
const LAST = Number.MAX_SAFE_INTEGER;

const ends = (c: WsdCase) => ({ stable: c.w + c.s, end: c.w + c.s + c.d });
const span = (c: WsdCase) => c.peak.map((v) => v * (1 - c.r));
const low = (c: WsdCase) => c.peak.map((v) => v * c.r);
/** Whether a cosine decay ends at its floor (numCycles a half-integer), so the last seam is continuous. */
const endsAtFloor = (c: WsdCase) => c.decayShape !== "cosine" || Number.isInteger(c.numCycles - 0.5);
/** Whether the decay is monotone: every shape but a cosine of more than half a cycle. */
const decayMonotone = (c: WsdCase) => c.decayShape !== "cosine" || c.numCycles <= 0.5;

/** An iteration in a phase `[a, b)`, `u` of the way, clamped to safe iterations with room for t + 1. */
function inPhase(a: number, b: number, u: number): number {
  return Math.min(Math.max(a + Math.floor(u * (b - a)), 0), LAST - 1);
}

describe("wsd: continuity at the seams", () => {
  test("the warm-up ends at peakValue, the stable phase holds it, the decay ends at minLrRatio * peakValue", () =>
    fc.assert(
      fc.property(wsdCaseArb, fc.nat({ max: 100 }), (c, k) => {
        const p = wsd(c.options);
        const { stable, end } = ends(c);
        if (stable <= LAST) valueAt(p, stable, c.peak, c.peak, "decay starts at the peak");
        if (c.w <= LAST) valueAt(p, c.w, c.peak, c.peak, "warm-up reaches the peak");
        if (c.s > 0 && stable - 1 <= LAST) valueAt(p, stable - 1, c.peak, c.peak, "stable phase at the peak");
        if (end + k <= LAST) valueAt(p, end + k, low(c), c.peak, "held at minLrRatio * peakValue");
        if (c.w > 0) valueAt(p, 0, low(c), c.peak, "warm-up starts at minLrRatio * peakValue");
      }),
      RUNS,
    ));

  test("the step across each seam is at most the largest step of the phase before it", () =>
    fc.assert(
      fc.property(wsdCaseArb, (c) => {
        const p = wsd(c.options);
        const { stable, end } = ends(c);
        // The bound, plus the float64 rounding of the shape's factor (an ulp of 1) times the span.
        const sp = span(c), ulp = 2 ** -52;
        if (c.w > 0 && c.w <= LAST) {
          seamStep(
            p,
            c.w,
            sp.map((v) => v * (warmupStepBound(c.warmupShape, c.w) + ulp)),
            "warm-up seam",
          );
        }
        // No jump into the decay: its first step is a decay step (a stable phase of 0 steps
        // makes it the warm-up's seam, checked above).
        if (c.s > 0 && stable <= LAST) seamStep(p, stable, c.peak.map(() => 0), "stable-to-decay seam");
        if (endsAtFloor(c) && end <= LAST) {
          seamStep(
            p,
            end,
            sp.map((v) => v * (decayStepBound(c.decayShape, c.d, c.numCycles, c.decayPower) + ulp)),
            "decay-to-floor seam",
          );
        }
      }),
      RUNS,
    ));
});

describe("wsd: shape", () => {
  test("the warm-up never falls; the decay never rises (a cosine of at most half a cycle); stable and final phases are flat", () =>
    fc.assert(
      fc.property(
        wsdCaseArb,
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.nat({ max: 50 }),
        (c, u, k) => {
          const p = wsd(c.options);
          const { stable, end } = ends(c);
          if (c.w > 0) monotone(p, inPhase(0, c.w, u), 1, c.peak, "warm-up rises");
          if (stable < LAST && decayMonotone(c)) monotone(p, inPhase(stable, end, u), -1, c.peak, "decay falls");
          if (c.s > 0 && c.w <= LAST) monotone(p, inPhase(c.w, stable - 1, u), 1, c.peak, "stable is flat");
          if (c.s > 0 && c.w <= LAST) monotone(p, inPhase(c.w, stable - 1, u), -1, c.peak, "stable is flat");
          if (end + k < LAST) valueAt(p, end + k + 1, p(end + k), c.peak, "final phase is flat");
        },
      ),
      RUNS,
    ));

  test("stays in [minLrRatio * peakValue, peakValue] at every iteration", () =>
    fc.assert(
      fc.property(wsdCaseArb, fc.oneof(fc.nat({ max: 5000 }), fc.maxSafeNat()), (c, t) =>
        between(wsd(c.options), t, low(c), c.peak, "bounds")),
      RUNS,
    ));
});

describe("wsd: equivalent forms", () => {
  test("stableSteps S and totalSteps W + S + D give the same rates, bit for bit", () =>
    fc.assert(
      fc.property(wsdCaseArb, fc.oneof(fc.nat({ max: 5000 }), fc.maxSafeNat()), (c, t) => {
        if (c.w + c.s + c.d > LAST) return;
        const { stableSteps: _s, totalSteps: _t, ...rest } = c.options;
        const a = wsd({ ...rest, stableSteps: c.s })(t), b = wsd({ ...rest, totalSteps: c.w + c.s + c.d })(t);
        a.forEach((v, g) => {
          if (!Object.is(v, b[g])) {
            throw new LawError("stableSteps = totalSteps - W - D", [t], `(group ${g}) ${v} and ${b[g]}`);
          }
        });
      }),
      RUNS,
    ));

  test("each group is the wsd of its own peak, bit for bit", () =>
    fc.assert(
      fc.property(wsdCaseArb, fc.oneof(fc.nat({ max: 5000 }), fc.maxSafeNat()), (c, t) => {
        const all = wsd(c.options)(t);
        c.peak.forEach((v, g) => {
          const own = wsd({ ...c.options, peakValue: v })(t)[0];
          if (!Object.is(own, all[g])) {
            throw new LawError("groups independent", [t], `(group ${g}) ${own} alone, ${all[g]} together`);
          }
        });
      }),
      RUNS,
    ));

  test("wsd is a cooldown of (warm-up, then peakValue) from W + S over D steps to minLrRatio * peakValue", () =>
    fc.assert(
      fc.property(wsdCaseArb, fc.oneof(fc.nat({ max: 5000 }), fc.maxSafeNat()), (c, t) => {
        if (c.decayShape === "cosine" && c.numCycles !== 0.5) return; // a cooldown's cosine is a half cosine
        const { stable } = ends(c);
        if (stable > LAST) return;
        const rising: Schedule = (u) => wsd({ ...c.options, stableSteps: LAST - c.w, totalSteps: undefined })(u);
        const held = join([rising, constant({ value: c.peak })], [Math.max(c.w, 1)]);
        const p = cooldown(held, {
          at: stable,
          steps: c.d,
          shape: c.decayShape,
          ...(c.decayShape === "power" ? { power: c.decayPower } : {}),
          endValue: low(c),
        });
        const want = p(t), got = wsd(c.options)(t);
        got.forEach((v, g) => {
          if (!near(v, want[g], c.peak[g])) {
            throw new LawError("wsd = cooldown", [t], `(group ${g}) wsd ${v}, cooldown ${want[g]}`);
          }
        });
      }),
      RUNS,
    ));
});
