// Arbitraries of valid configs of the families of issue 12 (timm's tanhDecay and poly, Keras'
// polynomialDecay, HF's cosineWithWarmup and cosineWithHardRestarts, PyTorch's
// cosineAnnealing, optax's linearOneCycle, cosineOneCycle and piecewiseInterpolate), built by
// construction (`.map`, never `.filter`), with rates up to Number.MAX_VALUE and step counts
// up to 2^53 - 1, for the every-policy table and props/families_test.ts.
import fc from "fast-check";
import type {
  CosineAnnealingOptions,
  CosineOneCycleOptions,
  CosineWithHardRestartsOptions,
  CosineWithWarmupOptions,
  LinearOneCycleOptions,
  PiecewiseInterpolateOptions,
  PolynomialDecayOptions,
  PolyOptions,
  TanhDecayOptions,
} from "../mod.ts";
import { alphaArb, beginArb, decayRateValueArb, decayStepsArb, powerArb } from "./decay_arbitraries.ts";

/** 1 to 3 rows of `n` rates each (a row per group). */
const rows = (n: number, rate = decayRateValueArb) =>
  fc.array(fc.array(rate, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 3 });

/** Column `i` of the rows: one value per group. */
const column = (r: readonly (readonly number[])[], i: number) => r.map((row) => row[i]);

/** A cycle growth: 1 (often), real, integer, or huge. */
const cycleMulArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(1) },
  { weight: 2, arbitrary: fc.double({ min: 1, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 10 }) },
  { weight: 1, arbitrary: fc.double({ min: 1, max: 1e300, noNaN: true }) },
);

/** A cycle count: timm's default 1, a few, none, or up to 2^53 - 1. */
const cycleLimitArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(1) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 10 }) },
  { weight: 1, arbitrary: fc.constant(Number.MAX_SAFE_INTEGER) },
);

/** A timm case: the options and the values the laws read. */
export interface TimmCase<O> {
  readonly options: O;
  readonly baseLr: readonly number[];
  readonly lrMin: readonly number[];
  readonly tInitial: number;
  readonly cycleMul: number;
  readonly cycleDecay: number;
  readonly cycleLimit: number;
  readonly warmupT: number;
  readonly warmupPrefix: boolean;
}

const timmCommonArb = fc.record({
  r: rows(3),
  tInitial: decayStepsArb,
  cycleMul: cycleMulArb,
  cycleDecay: fc.oneof(fc.constant(1), fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true })),
  cycleLimit: cycleLimitArb,
  warmupT: fc.oneof(fc.constant(0), beginArb),
  warmupPrefix: fc.boolean(),
}).map(({ r, ...o }) => ({ ...o, baseLr: column(r, 0), lrMin: column(r, 1), warmupLrInit: column(r, 2) }));

/** Valid tanhDecay configs (lb < ub by construction). */
export const tanhDecayCaseArb: fc.Arbitrary<TimmCase<TanhDecayOptions> & { lb: number; ub: number }> = fc.record({
  c: timmCommonArb,
  lb: fc.oneof(fc.constant(-7), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
  gap: fc.oneof(fc.constant(10), fc.double({ min: 1e-6, max: 1e6, noNaN: true })),
}).map(({ c, lb, gap }) => ({ ...c, lb, ub: lb + gap, options: { ...c, lb, ub: lb + gap } }));

/** Valid poly configs. */
export const polyCaseArb: fc.Arbitrary<TimmCase<PolyOptions> & { power: number; kDecay: number }> = fc.record({
  c: timmCommonArb,
  power: fc.oneof(fc.constant(0.5), powerArb),
  kDecay: fc.oneof(fc.constant(1), powerArb),
}).map(({ c, power, kDecay }) => ({ ...c, power, kDecay, options: { ...c, power, kDecay } }));

/** Valid polynomialDecay configs. */
export const polynomialDecayCaseArb: fc.Arbitrary<
  {
    options: PolynomialDecayOptions;
    initValue: readonly number[];
    endValue: readonly number[];
    decaySteps: number;
    cycle: boolean;
  }
> = fc.record({ r: rows(2), decaySteps: decayStepsArb, power: powerArb, cycle: fc.boolean() })
  .map(({ r, decaySteps, power, cycle }) => {
    const initValue = column(r, 0), endValue = column(r, 1);
    return { options: { initValue, endValue, decaySteps, power, cycle }, initValue, endValue, decaySteps, cycle };
  });

/** An HF number of cycles: the defaults, small reals, or up to 2^53. */
const numCyclesArb = fc.oneof(
  fc.constantFrom(0, 0.5, 1, 1.5, 2),
  fc.double({ min: 0, max: 10, noNaN: true }),
  fc.double({ min: 0, max: 2 ** 53, noNaN: true }),
);

/** An HF case. */
export interface HfCase<O> {
  readonly options: O;
  readonly peakValue: readonly number[];
  readonly totalSteps: number;
  readonly warmupSteps: number;
  readonly numCycles: number;
}

const hfCommonArb = fc.record({
  peakValue: fc.array(decayRateValueArb, { minLength: 1, maxLength: 3 }),
  totalSteps: decayStepsArb,
  warmup: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  numCycles: numCyclesArb,
}).map(({ warmup, ...o }) => ({ ...o, warmupSteps: Math.floor(warmup * o.totalSteps) }));

/** Valid cosineWithWarmup configs. */
export const cosineWithWarmupCaseArb: fc.Arbitrary<HfCase<CosineWithWarmupOptions> & { minLrRatio: number }> = fc
  .record({
    c: hfCommonArb,
    minLrRatio: alphaArb,
  }).map(({ c, minLrRatio }) => ({ ...c, minLrRatio, options: { ...c, minLrRatio } }));

/** Valid cosineWithHardRestarts configs. */
export const cosineWithHardRestartsCaseArb: fc.Arbitrary<HfCase<CosineWithHardRestartsOptions>> = hfCommonArb.map((
  c,
) => ({
  ...c,
  options: c,
}));

/** Valid cosineAnnealing configs. */
export const cosineAnnealingCaseArb: fc.Arbitrary<
  { options: CosineAnnealingOptions; baseLr: readonly number[]; etaMin: readonly number[]; tMax: number }
> = fc.record({ r: rows(2), tMax: decayStepsArb }).map(({ r, tMax }) => {
  const baseLr = column(r, 0), etaMin = column(r, 1);
  return { options: { baseLr, etaMin, tMax }, baseLr, etaMin, tMax };
});

/** A peak that keeps the one-cycles' values finite for every factor drawn below (up to a quarter of the largest double). */
const peakArb = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-8, max: 10, noNaN: true }),
  fc.double({ min: 0, max: Number.MAX_VALUE / 4, noNaN: true, noDefaultInfinity: true }),
);
/** A uniform fraction, with both ends (fc.double leans towards subnormals). */
const pctArb = fc.oneof(fc.constantFrom(0, 0.3, 0.85, 1), fc.integer({ min: 0, max: 2 ** 30 }).map((k) => k / 2 ** 30));
const divArb = fc.oneof(fc.constant(25), fc.double({ min: 1, max: 1e4, noNaN: true }));
const finalDivArb = fc.oneof(fc.constant(1e4), fc.double({ min: 0.5, max: 1e6, noNaN: true }));

/** A one-cycle case. */
export interface OneCycleOptaxCase<O> {
  readonly options: O;
  readonly peakValue: readonly number[];
  readonly transitionSteps: number;
  readonly ends: readonly number[];
}

/** Valid linearOneCycle configs (pctStart <= pctFinal by construction). */
export const linearOneCycleCaseArb: fc.Arbitrary<OneCycleOptaxCase<LinearOneCycleOptions>> = fc.record({
  peakValue: fc.array(peakArb, { minLength: 1, maxLength: 3 }),
  transitionSteps: decayStepsArb,
  a: pctArb,
  b: pctArb,
  divFactor: divArb,
  finalDivFactor: finalDivArb,
}).map(({ a, b, ...o }) => {
  const pctStart = Math.min(a, b), pctFinal = Math.max(a, b), T = o.transitionSteps;
  return {
    ...o,
    options: { ...o, pctStart, pctFinal },
    ends: [Math.floor(pctStart * T), Math.floor(pctFinal * T), T],
  };
});

/** Valid cosineOneCycle configs. */
export const cosineOneCycleCaseArb: fc.Arbitrary<OneCycleOptaxCase<CosineOneCycleOptions>> = fc.record({
  peakValue: fc.array(peakArb, { minLength: 1, maxLength: 3 }),
  transitionSteps: decayStepsArb,
  pctStart: pctArb,
  divFactor: divArb,
  finalDivFactor: finalDivArb,
}).map((o) => ({ ...o, options: o, ends: [Math.floor(o.pctStart * o.transitionSteps), o.transitionSteps] }));

/** Valid piecewiseInterpolate configs: up to 6 boundaries anywhere up to 2^53 - 1. */
export const piecewiseInterpolateCaseArb: fc.Arbitrary<
  {
    options: PiecewiseInterpolateOptions;
    initValue: readonly number[];
    boundaries: readonly number[];
    scales: readonly number[];
  }
> = fc.record({
  interpolateType: fc.constantFrom<"linear" | "cosine">("linear", "cosine"),
  initValue: fc.array(decayRateValueArb, { minLength: 1, maxLength: 3 }),
  entries: fc.dictionary(
    fc.oneof(fc.nat({ max: 50 }), fc.nat({ max: 100_000 }), fc.maxSafeNat()).map(String),
    fc.oneof(
      fc.constant(0),
      fc.constant(1),
      fc.double({ min: 0, max: 3, noNaN: true }),
      fc.double({ min: 0, max: 1e300, noNaN: true }),
    ),
    { maxKeys: 6 },
  ),
}).map(({ interpolateType, initValue, entries }) => {
  const sorted = Object.entries(entries).sort((x, y) => Number(x[0]) - Number(y[0]));
  return {
    options: { interpolateType, initValue, boundariesAndScales: entries },
    initValue,
    boundaries: sorted.map(([k]) => Number(k)),
    scales: sorted.map(([, s]) => s),
  };
});
