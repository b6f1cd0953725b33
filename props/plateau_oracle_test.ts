// Reduce-on-plateau against transcriptions of its references (test/_plateau_oracles.ts), over
// fast-check sequences of metrics that include ties, NaN, ±Infinity, -0 and extreme
// magnitudes: after every step, every group's rate is compared. PyTorch's and optax's are
// compared bit for bit (Object.is); timm's warm-up is linear's formula against timm's
// `init + epoch * step`, so within 1e-12 relative. The number of comparisons is printed.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { constant, hear, joinMetric, linear, plateau, type PlateauOptions } from "../mod.ts";
import { metricsArb } from "./plateau_arbitraries.ts";
import { OptaxReduceOnPlateau, TimmPlateauLRScheduler, TorchReduceLROnPlateau } from "../test/_plateau_oracles.ts";

const counts = { pytorch: 0, optax: 0, timm: 0, runs: 0 };
after(() => {
  console.log(
    `plateau oracle comparisons: pytorch ${counts.pytorch}, optax ${counts.optax}, timm ${counts.timm} ` +
      `(rates compared after every step, over ${counts.runs} runs)`,
  );
});

/** A rate, extreme magnitudes included. */
const rateArb = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-300, 1e-8, 0.1, 0.5, 1, 1e300, Number.MAX_VALUE),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }),
);

const factorArb = fc.oneof(fc.constantFrom(0.1, 0.5, 0.9), fc.double({ min: 1e-6, max: 0.999999, noNaN: true }));
const countArb = fc.integer({ min: 0, max: 6 });

const torchCaseArb = fc.record({
  mode: fc.constantFrom("min" as const, "max" as const),
  thresholdMode: fc.constantFrom("rel" as const, "abs" as const),
  threshold: fc.oneof(fc.constantFrom(0, 1e-4, 0.1, 1, 2), fc.double({ min: 0, max: 0.5, noNaN: true })),
  patience: countArb,
  cooldown: countArb,
  factor: factorArb,
  eps: fc.oneof(fc.constantFrom(0, 1e-8), fc.double({ min: 0, max: 1e-2, noNaN: true })),
  lrs: fc.array(fc.tuple(rateArb, fc.oneof(fc.constant(0), rateArb, fc.double({ min: 0, max: 1, noNaN: true }))), {
    minLength: 1,
    maxLength: 3,
  }),
  metrics: metricsArb,
});

describe("plateau (pytorch, timm rule) against ReduceLROnPlateau.step transcribed", () => {
  test("after every step, every group's rate equals PyTorch's param_groups[g]['lr'], bit for bit", () => {
    fc.assert(
      fc.property(torchCaseArb, (c) => {
        const lrs = c.lrs.map(([lr]) => lr), minLr = c.lrs.map(([, m]) => m);
        const options = {
          mode: c.mode,
          thresholdMode: c.thresholdMode,
          threshold: c.threshold,
          patience: c.patience,
          cooldown: c.cooldown,
          factor: c.factor,
          eps: c.eps,
          minLr,
        };
        const oracle = new TorchReduceLROnPlateau(lrs, options);
        const lr = hear(plateau(constant({ value: lrs }), options), c.metrics.map((m, e) => [e, m]));
        assert.deepEqual(lr(0), lrs);
        counts.runs++;
        c.metrics.forEach((m, e) => {
          oracle.step(m);
          const ours = lr(e + 1);
          oracle.paramGroups.forEach((group, g) => {
            assert.ok(Object.is(ours[g], group.lr), `step ${e}, group ${g}: ${ours[g]} vs PyTorch ${group.lr}`);
            counts.pytorch++;
          });
        });
      }),
      {
        numRuns: 400,
        examples: [
          [{
            mode: "min",
            thresholdMode: "rel",
            threshold: 1e-4,
            patience: 0,
            cooldown: 0,
            factor: 0.1,
            eps: 1e-8,
            lrs: [[1e-7, 0]],
            metrics: [1, 1, 1, 1, 1],
          }],
          [{
            mode: "max",
            thresholdMode: "abs",
            threshold: 0,
            patience: 1,
            cooldown: 2,
            factor: 0.5,
            eps: 0,
            lrs: [[5e-324, 0], [1, 0.3]],
            metrics: [NaN, -Infinity, Infinity, 0, -0, 0],
          }],
        ],
      },
    );
  });
});

const optaxCaseArb = fc.record({
  factor: factorArb,
  patience: countArb,
  tolerances: fc.oneof(
    fc.record({
      rtol: fc.oneof(fc.constantFrom(1e-4, 1), fc.double({ min: 1e-9, max: 1, noNaN: true })),
      atol: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    }),
    fc.record({
      rtol: fc.constant(0),
      atol: fc.oneof(fc.constant(0.01), fc.double({ min: 1e-9, max: 1, noNaN: true })),
    }),
  ),
  cooldown: countArb,
  accumulationSize: fc.integer({ min: 1, max: 4 }),
  minScale: fc.oneof(fc.constantFrom(0, 0.01), fc.double({ min: 0, max: 1, noNaN: true })),
  lr: rateArb,
  metrics: metricsArb,
});

describe("plateau (optax) against contrib.reduce_on_plateau transcribed", () => {
  test("after every update, the rate is the schedule times optax's scale, bit for bit", () => {
    fc.assert(
      fc.property(optaxCaseArb, (c) => {
        const o = {
          factor: c.factor,
          patience: c.patience,
          ...c.tolerances,
          cooldown: c.cooldown,
          accumulationSize: c.accumulationSize,
          minScale: c.minScale,
        };
        const oracle = new OptaxReduceOnPlateau(o);
        const lr = hear(
          plateau(constant({ value: c.lr }), { semantics: "optax", ...o }),
          c.metrics.map((m, e) => [e, m]),
        );
        counts.runs++;
        c.metrics.forEach((m, e) => {
          // optax's value of update e + 1 is the loss after update e: its scale acts on update e + 1.
          const scale = oracle.update(m);
          assert.ok(Object.is(lr(e + 1)[0], c.lr * scale), `update ${e + 1}: ${lr(e + 1)[0]} vs optax ${c.lr * scale}`);
          counts.optax++;
        });
      }),
      { numRuns: 300 },
    );
  });
});

const timmCaseArb = fc.record({
  mode: fc.constantFrom("min" as const, "max" as const),
  warmupT: fc.integer({ min: 0, max: 5 }),
  warmupLrInit: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
  base: fc.double({ min: 1e-4, max: 10, noNaN: true }),
  patienceT: countArb,
  cooldownT: countArb,
  decayRate: factorArb,
  threshold: fc.oneof(fc.constant(1e-4), fc.double({ min: 0, max: 0.2, noNaN: true })),
  lrMin: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e-3, noNaN: true })),
  metrics: metricsArb,
});

describe("plateau (timm) against PlateauLRScheduler.step transcribed, stepped as train.py does", () => {
  test("a join of a linear warm-up and the plateau gives timm's rate after every epoch, within 1e-12", () => {
    fc.assert(
      fc.property(timmCaseArb, (c) => {
        const oracle = new TimmPlateauLRScheduler([c.base], c);
        const options: PlateauOptions = {
          semantics: "timm",
          mode: c.mode,
          patience: c.patienceT,
          cooldown: c.cooldownT,
          factor: c.decayRate,
          threshold: c.threshold,
          minLr: c.lrMin,
        };
        const clean = plateau(constant({ value: c.base }), options);
        const run = c.warmupT === 0
          ? clean
          : joinMetric([linear({ initValue: c.warmupLrInit, endValue: c.base, transitionSteps: c.warmupT }), clean], [
            c.warmupT,
          ]);
        const lr = hear(run, c.metrics.map((m, e) => [e, m]));
        counts.runs++;
        const close = (e: number) => {
          // During the warm-up, optax's linear formula (init - end) * (1 - p) + end against timm's
          // init + e * step: 1e-12 of the ramp's height; after it, 1e-12 of the rate.
          const want = oracle.lrs[0], got = lr(e)[0];
          const scale = e < c.warmupT ? Math.max(c.base, c.warmupLrInit) : Math.abs(want);
          assert.ok(Math.abs(got - want) <= 1e-12 * scale, `epoch ${e}: ${got} vs timm ${want}`);
          counts.timm++;
        };
        if (c.warmupT > 0) close(0); // with no warm-up, timm's rate before the first step is the optimizer's own
        c.metrics.forEach((m, e) => {
          oracle.step(e + 1, m);
          close(e + 1);
        });
      }),
      { numRuns: 300 },
    );
  });
});
