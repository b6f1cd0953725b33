// The laws every policy shares, checked for every policy in one table. To add a policy,
// append one `[name, arbitrary of valid policies]` pair to POLICIES, with rates drawn at every
// magnitude (`rateOfAnyMagnitude`: subnormals to Number.MAX_VALUE), since these laws (finite,
// deterministic, sample, scalar forms) hold at any magnitude.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  cyclicLR,
  deterministic,
  expRange,
  finite,
  type Policy,
  scalarsOf,
  startOffset,
  triangular,
  triangular2,
} from "../mod.ts";
import { cyclicCaseArb, smith } from "./arbitraries.ts";
import {
  constant,
  cosineDecay,
  exponentialDecay,
  linear,
  piecewiseConstant,
  polynomial,
  warmupCosineDecay,
} from "../mod.ts";
import * as decay from "./decay_arbitraries.ts";
import { cosineRestarts, joinPolicies, makePolicy, oneCycle, perGroup, warmup } from "../mod.ts";
import { cosineRestartsCaseArbOf, oneCycleCaseArbOf } from "./composition_arbitraries.ts";
import { rateOfAnyMagnitude } from "./config_arbitraries.ts";
import {
  cosineAnnealing,
  cosineOneCycle,
  cosineWithHardRestarts,
  cosineWithWarmup,
  linearOneCycle,
  piecewiseInterpolate,
  poly,
  polynomialDecay,
  tanhDecay,
} from "../mod.ts";
import * as family from "./family_arbitraries.ts";

const anyCyclic = (modes?: Parameters<typeof cyclicCaseArb>[0]) => cyclicCaseArb(modes, rateOfAnyMagnitude);
const oneCycleCaseArb = oneCycleCaseArbOf(rateOfAnyMagnitude);
const cosineRestartsCaseArb = cosineRestartsCaseArbOf(rateOfAnyMagnitude);
import { greedy, hear, joinMetric, plateau } from "../mod.ts";
import { greedyOptionsArb, observationsArb, plateauOptionsArb, scheduleArb } from "./plateau_arbitraries.ts";
import { cooldown, inverseSqrt, inverseTimeDecay, noise, product, wsd } from "../mod.ts";
import {
  cooldownCaseArb,
  cooldownOptions,
  inverseSqrtCaseArb,
  inverseTimeDecayCaseArb,
  noiseCaseArb,
  productCaseArb,
  wsdCaseArb,
} from "./arbitraries_02.ts";

/** Wraps a bare schedule of `groups` groups as a policy without momentum. */
const asPolicy = (lr: Policy["lr"], groups: number): Policy => makePolicy(lr, groups);

/** Every policy, as an arbitrary of valid instances. Other policies append here. */
export const POLICIES: [string, fc.Arbitrary<Policy>][] = [
  ["cyclicLR", anyCyclic().map((c) => cyclicLR(c.options))],
  ["cyclicLR cosine wave", anyCyclic().map((c) => cyclicLR({ ...c.options, wave: "cosine" }))],
  [
    "cyclicLR expRangeDecays bounds",
    anyCyclic(["exp_range"]).map((c) => cyclicLR({ ...c.options, expRangeDecays: "bounds" })),
  ],
  [
    "cyclicLR custom scaleFn",
    fc.tuple(anyCyclic(["triangular"]), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([c, r]) => cyclicLR({ ...c.options, scaleFn: (cycle) => r ** (cycle - 1) })),
  ],
  ["cyclicLR no momentum", anyCyclic().map((c) => cyclicLR({ ...c.options, cycleMomentum: false }))],
  ["triangular", anyCyclic(["triangular"]).map((c) => asPolicy(triangular(smith(c)), c.groups))],
  ["triangular2", anyCyclic(["triangular2"]).map((c) => asPolicy(triangular2(smith(c)), c.groups))],
  ["expRange", anyCyclic(["exp_range"]).map((c) => asPolicy(expRange({ ...smith(c), gamma: c.gamma }), c.groups))],
  ["constant", decay.constantCaseArb.map((c) => constant(c.options))],
  ["linear", decay.polynomialCaseArb.map((c) => linear(decay.withoutPower(c.options)))],
  ["polynomial", decay.polynomialCaseArb.map((c) => polynomial(c.options))],
  ["exponentialDecay", decay.exponentialDecayCaseArb.map((c) => exponentialDecay(c.options))],
  ["cosineDecay", decay.cosineDecayCaseArb.map((c) => cosineDecay(c.options))],
  ["warmupCosineDecay", decay.warmupCosineDecayCaseArb.map((c) => warmupCosineDecay(c.options))],
  ["piecewiseConstant", decay.piecewiseConstantCaseArb().map((c) => piecewiseConstant(c.options))],
  ["oneCycle", oneCycleCaseArb.map((c) => oneCycle(c.options))],
  ["cosineRestarts", cosineRestartsCaseArb.map((c) => cosineRestarts(c.options))],
  ["tanhDecay", family.tanhDecayCaseArb.map((c) => tanhDecay(c.options))],
  ["poly", family.polyCaseArb.map((c) => poly(c.options))],
  [
    "cosineRestarts kDecay",
    fc.tuple(cosineRestartsCaseArb, fc.double({ min: 2 ** -20, max: 1000, noNaN: true })).map(([c, k]) =>
      cosineRestarts({ ...c.options, kDecay: k })
    ),
  ],
  ["polynomialDecay", family.polynomialDecayCaseArb.map((c) => polynomialDecay(c.options))],
  ["cosineWithWarmup", family.cosineWithWarmupCaseArb.map((c) => cosineWithWarmup(c.options))],
  ["cosineWithHardRestarts", family.cosineWithHardRestartsCaseArb.map((c) => cosineWithHardRestarts(c.options))],
  ["cosineAnnealing", family.cosineAnnealingCaseArb.map((c) => cosineAnnealing(c.options))],
  ["linearOneCycle", family.linearOneCycleCaseArb.map((c) => linearOneCycle(c.options))],
  ["cosineOneCycle", family.cosineOneCycleCaseArb.map((c) => cosineOneCycle(c.options))],
  ["piecewiseInterpolate", family.piecewiseInterpolateCaseArb.map((c) => piecewiseInterpolate(c.options))],
  [
    "joinPolicies(oneCycle, cosineRestarts)",
    fc.tuple(oneCycleCaseArb, cosineRestartsCaseArb).map(([a, b]) =>
      joinPolicies([
        oneCycle({ ...a.options, cycleMomentum: false }),
        cosineRestarts({ ...b.options, baseLr: b.baseLr[0], etaMin: b.etaMin[0] }),
      ], [a.totalSteps])
    ),
  ],
  ["wsd", wsdCaseArb.map((c) => wsd(c.options))],
  ["cooldown", cooldownCaseArb.map((c) => cooldown(c.child.make(), cooldownOptions(c)))],
  ["inverseSqrt", inverseSqrtCaseArb.map((c) => inverseSqrt(c.options))],
  ["inverseTimeDecay", inverseTimeDecayCaseArb.map((c) => inverseTimeDecay(c.options))],
  ["noise", noiseCaseArb.map((c) => noise(c.child.make(), c.options))],
  ["product", productCaseArb.map((c) => product(c.factors()))],
  [
    "perGroup(warmup(cosineRestarts))",
    fc.tuple(cosineRestartsCaseArb, fc.nat({ max: 10_000 })).map(([c, steps]) =>
      asPolicy(
        perGroup(warmup(cosineRestarts({ ...c.options, baseLr: c.baseLr[0], etaMin: c.etaMin[0] }).lr, { steps }), [
          0.1,
          1,
        ]),
        2,
      )
    ),
  ],
  [
    "hear(plateau(schedule), observations)",
    fc.tuple(scheduleArb, plateauOptionsArb, observationsArb).map(([p, o, obs]) => hear(plateau(p, o), obs)),
  ],
  [
    "hear(greedy(schedule), observations)",
    fc.tuple(scheduleArb, greedyOptionsArb, observationsArb).map(([p, o, obs]) => hear(greedy(p, o), obs)),
  ],
  [
    "hear(joinMetric([linear, plateau(schedule)]), observations)",
    fc.tuple(scheduleArb, plateauOptionsArb, observationsArb, fc.integer({ min: 1, max: 200 })).map(([p, o, obs, w]) =>
      hear(joinMetric([linear({ initValue: 0, endValue: p(0), transitionSteps: w }), plateau(p.lr, o)], [w]), obs)
    ),
  ],
];

const RUNS = { numRuns: 100 };

/** The policy's schedules: `lr`, and `momentum` when it has one. */
const schedulesOf = (p: Policy) => (p.momentum ? [p.lr, p.momentum] : [p.lr]);

for (const [name, arb] of POLICIES) {
  describe(name, () => {
    test("is finite at every safe integer iteration, up to 2^53 - 1, with one value per group", () =>
      fc.assert(
        fc.property(arb, fc.oneof(fc.maxSafeNat(), fc.nat({ max: 10_000 })), (p, t) => {
          for (const s of schedulesOf(p)) {
            finite(s, t);
            assert.equal(s(t).length, p.groups);
          }
        }),
        RUNS,
      ));

    test("is finite at 0 and at Number.MAX_SAFE_INTEGER", () =>
      fc.assert(
        fc.property(arb, (p) => {
          for (const s of schedulesOf(p)) {
            finite(s, 0);
            finite(s, Number.MAX_SAFE_INTEGER);
          }
        }),
        RUNS,
      ));

    test("is deterministic: s(t) is the same after other calls", () =>
      fc.assert(
        fc.property(arb, fc.oneof(fc.maxSafeNat(), fc.nat({ max: 10_000 })), (p, t) => {
          for (const s of schedulesOf(p)) deterministic(s, t);
        }),
        RUNS,
      ));

    test("sample(s, k, n) is the tail of sample(s, 0, k + n)", () =>
      fc.assert(
        fc.property(arb, fc.nat({ max: 2000 }), fc.integer({ min: 1, max: 8 }), (p, k, n) => {
          for (const s of schedulesOf(p)) startOffset(s, k, { count: n });
        }),
        RUNS,
      ));

    test("its scalar form, where it has one, is the schedule exactly: scalarsOf(s)[g](t) === s(t)[g]", () =>
      fc.assert(
        fc.property(arb, fc.oneof(fc.maxSafeNat(), fc.nat({ max: 10_000 })), (p, t) => {
          for (const s of schedulesOf(p)) {
            const scalars = scalarsOf(s);
            if (scalars === undefined) continue;
            assert.equal(scalars.length, p.groups);
            const row = s(t);
            scalars.forEach((f, g) => assert.equal(Object.is(f(t), row[g]), true, `group ${g} at t = ${t}`));
            assert.throws(() => scalars[0](-1), /^RangeError: iteration: expected a non-negative integer, got -1$/);
          }
        }),
        RUNS,
      ));

    test("sample(s, k, n) row i is s(k + i) at large k", () =>
      fc.assert(
        fc.property(arb, fc.integer({ min: 100_001, max: Number.MAX_SAFE_INTEGER - 8 }), (p, k) => {
          for (const s of schedulesOf(p)) startOffset(s, k, { count: 8 });
        }),
        RUNS,
      ));
  });
}
