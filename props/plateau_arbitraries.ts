// Arbitraries of metrics and observations for the metric-driven policies, shared by the
// property tests: ties, ordinary and extreme doubles, NaN and ±Infinity, and the improving
// then flat sequences of a training run.
import fc from "fast-check";
import {
  constant,
  cosineRestarts,
  cyclicLR,
  type GreedyOptions,
  type Observation,
  oneCycle,
  type PlateauOptions,
  type Policy,
} from "../mod.ts";
import { cyclicCaseArb } from "./arbitraries.ts";
import { constantCaseArb } from "./decay_arbitraries.ts";
import { cosineRestartsCaseArb, oneCycleCaseArb } from "./composition_arbitraries.ts";

/** A metric: ties (small integers), ordinary and extreme doubles, and the non-finite ones. */
export const metricArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 4 }) },
  { weight: 3, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }) },
  { weight: 1, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324),
  },
);

/** A sequence of metrics: arbitrary, or improving then flat (a plateau, as in training). */
export const metricsArb: fc.Arbitrary<number[]> = fc.oneof(
  fc.array(metricArb, { maxLength: 80 }),
  fc.tuple(
    fc.integer({ min: 0, max: 20 }),
    fc.integer({ min: 0, max: 40 }),
    fc.double({ min: 0.5, max: 0.999, noNaN: true }),
  )
    .map((
      [down, flat, ratio],
    ) => [
      ...Array.from({ length: down }, (_, i) => 10 * ratio ** i),
      ...new Array<number>(flat).fill(10 * ratio ** down),
    ]),
);

/** Observations of a metric: `[iteration, value]` with strictly increasing iterations, at random gaps. */
export const observationsArb: fc.Arbitrary<Observation[]> = fc.tuple(
  metricsArb,
  fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 80, maxLength: 80 }),
  fc.integer({ min: 0, max: 20 }),
).map(([metrics, gaps, first]) => {
  let i = first - 1;
  return metrics.map((m, k): Observation => {
    i += gaps[k];
    return [i, m];
  });
});

/** Options of every semantics, valid by construction (optax's rtol and atol never both 0). */
export const plateauOptionsArb: fc.Arbitrary<PlateauOptions> = fc.oneof(
  fc.record({
    semantics: fc.constantFrom("pytorch" as const, "timm" as const),
    mode: fc.constantFrom("min" as const, "max" as const),
    factor: fc.oneof(fc.constantFrom(0.1, 0.5), fc.double({ min: 1e-6, max: 0.999999, noNaN: true })),
    patience: fc.integer({ min: 0, max: 5 }),
    threshold: fc.oneof(fc.constantFrom(0, 1e-4), fc.double({ min: 0, max: 0.5, noNaN: true })),
    thresholdMode: fc.constantFrom("rel" as const, "abs" as const),
    cooldown: fc.integer({ min: 0, max: 5 }),
    minLr: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
    eps: fc.oneof(fc.constantFrom(0, 1e-8), fc.double({ min: 0, max: 1e-3, noNaN: true })),
  }),
  fc.record({
    semantics: fc.constant("optax" as const),
    factor: fc.oneof(fc.constantFrom(0.1, 0.5), fc.double({ min: 1e-6, max: 0.999999, noNaN: true })),
    patience: fc.integer({ min: 0, max: 5 }),
    rtol: fc.oneof(fc.constant(1e-4), fc.double({ min: 1e-9, max: 1, noNaN: true })),
    atol: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true })),
    cooldown: fc.integer({ min: 0, max: 5 }),
    accumulationSize: fc.integer({ min: 1, max: 3 }),
    minScale: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  }),
);

/** A schedule to multiply: a constant, a cycle, warm restarts, one-cycle (one or more groups). */
export const scheduleArb: fc.Arbitrary<Policy> = fc.oneof(
  constantCaseArb.map((c) => constant(c.options)),
  cyclicCaseArb(["triangular", "triangular2"]).map((c) => cyclicLR({ ...c.options, cycleMomentum: false })),
  cosineRestartsCaseArb.map((c) => cosineRestarts(c.options)),
  oneCycleCaseArb.map((c) => oneCycle(c.options)),
);

/** Options of greedy (HF's GreedyLR), valid by construction (minLr at most maxLr). */
export const greedyOptionsArb: fc.Arbitrary<GreedyOptions> = fc.record({
  mode: fc.constantFrom("min" as const, "max" as const),
  factor: fc.oneof(fc.constantFrom(0.5, 0.95), fc.double({ min: 1e-6, max: 0.999999, noNaN: true })),
  patience: fc.integer({ min: 0, max: 5 }),
  threshold: fc.oneof(fc.constantFrom(0, 1e-6), fc.double({ min: 0, max: 0.5, noNaN: true })),
  thresholdMode: fc.constantFrom("rel" as const, "abs" as const),
  cooldown: fc.integer({ min: 0, max: 5 }),
  warmup: fc.integer({ min: 0, max: 5 }),
  minLr: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.01, noNaN: true })),
  maxLr: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 10, noNaN: true })),
  eps: fc.oneof(fc.constantFrom(0, 1e-8), fc.double({ min: 0, max: 1e-3, noNaN: true })),
  smooth: fc.boolean(),
  windowSize: fc.integer({ min: 1, max: 10 }),
  resetStart: fc.integer({ min: 0, max: 5 }),
});
