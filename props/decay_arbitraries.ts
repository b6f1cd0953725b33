// Arbitraries of valid optax decay configs (constant, linear, polynomial, exponentialDecay,
// cosineDecay, warmupCosineDecay, piecewiseConstant), built by construction (`.map`, never
// `.filter`). Each case carries its options and the resolved per-group values.
import fc from "fast-check";
import type {
  ConstantOptions,
  CosineDecayOptions,
  ExponentialDecayOptions,
  PerGroup,
  PiecewiseConstantOptions,
  PolynomialOptions,
  WarmupCosineDecayOptions,
} from "../mod.ts";

/** A rate as the spec allows it: 0, subnormal, tiny, ordinary, large, and now and then up to `Number.MAX_VALUE`. */
export const decayRateValueArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.double({ min: Number.MIN_VALUE, max: 2.2250738585072014e-308, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 1e-8, max: 1e-3, noNaN: true }) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }) },
);

/** A positive step count: short (boundaries get visited), long, or up to 2^53 - 1. */
export const decayStepsArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 20 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }) },
);

/** A non-negative begin: often 0, short, long, or huge. */
export const beginArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
);

/** A power or exponent: finite and > 0, from very flat to very steep. */
export const powerArb: fc.Arbitrary<number> = fc.oneof(
  fc.constant(1),
  fc.double({ min: 0.05, max: 5, noNaN: true }),
  fc.double({ min: 2 ** -30, max: 1000, noNaN: true }),
);

/** `decayRate`: below 1 (decay), exactly 1, above 1 (growth), including extremes. */
export const decayRateArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 1e-3, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(1) },
  { weight: 2, arbitrary: fc.double({ min: 1, max: 10, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
  },
);

/** A fraction in [0, 1], with both ends. */
export const alphaArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

/** Per-group values as a config writes them: a scalar for one group (sometimes), else the array. */
function written(values: readonly number[], scalar: boolean): PerGroup {
  return scalar && values.length === 1 ? values[0] : values;
}

/** `count` rates per group. */
const ratesArb = (count: number) => fc.array(decayRateValueArb, { minLength: count, maxLength: count });

/** A case: the options and the resolved values a law needs. */
export interface DecayCase<O> {
  readonly options: O;
  readonly groups: number;
}

export interface ConstantCase extends DecayCase<ConstantOptions> {
  readonly value: readonly number[];
}

export const constantCaseArb: fc.Arbitrary<ConstantCase> = fc.record({
  value: fc.array(decayRateValueArb, { minLength: 1, maxLength: 3 }),
  scalar: fc.boolean(),
}).map(({ value, scalar }) => ({ options: { value: written(value, scalar) }, groups: value.length, value }));

export interface PolynomialCase extends DecayCase<PolynomialOptions> {
  readonly initValue: readonly number[];
  readonly endValue: readonly number[];
  readonly power: number;
  readonly transitionSteps: number;
  readonly transitionBegin: number;
}

/** `polynomial` configs (with `power: 1` drawn often, for `linear`). */
/** The options of `linear` in a polynomial case: the same, without the power. */
export function withoutPower<O extends { readonly power: number }>(o: O): Omit<O, "power"> {
  const { power: _power, ...rest } = o;
  return rest;
}

export const polynomialCaseArb: fc.Arbitrary<PolynomialCase> = fc.record({
  values: fc.array(fc.tuple(decayRateValueArb, decayRateValueArb), { minLength: 1, maxLength: 3 }),
  power: powerArb,
  transitionSteps: decayStepsArb,
  transitionBegin: beginArb,
  scalar: fc.boolean(),
}).map(({ values, power, transitionSteps, transitionBegin, scalar }) => {
  const initValue = values.map((v) => v[0]);
  const endValue = values.map((v) => v[1]);
  return {
    options: {
      initValue: written(initValue, scalar),
      endValue: written(endValue, scalar),
      power,
      transitionSteps,
      transitionBegin,
    },
    groups: values.length,
    initValue,
    endValue,
    power,
    transitionSteps,
    transitionBegin,
  };
});

export interface ExponentialDecayCase extends DecayCase<ExponentialDecayOptions> {
  readonly initValue: readonly number[];
  readonly endValue: readonly number[] | undefined;
  readonly transitionSteps: number;
  readonly decayRate: number;
  readonly transitionBegin: number;
  readonly staircase: boolean;
}

export const exponentialDecayCaseArb: fc.Arbitrary<ExponentialDecayCase> = fc.record({
  groups: fc.integer({ min: 1, max: 3 }),
  init: ratesArb(3),
  end: fc.option(ratesArb(3), { nil: undefined }),
  transitionSteps: decayStepsArb,
  decayRate: decayRateArb,
  transitionBegin: beginArb,
  staircase: fc.boolean(),
  scalar: fc.boolean(),
}).map(({ groups, init, end, transitionSteps, decayRate, transitionBegin, staircase, scalar }) => {
  const initValue = init.slice(0, groups);
  const endValue = end?.slice(0, groups);
  return {
    options: {
      initValue: written(initValue, scalar),
      ...(endValue === undefined ? {} : { endValue: written(endValue, scalar) }),
      transitionSteps,
      decayRate,
      transitionBegin,
      staircase,
    },
    groups,
    initValue,
    endValue,
    transitionSteps,
    decayRate,
    transitionBegin,
    staircase,
  };
});

export interface CosineDecayCase extends DecayCase<CosineDecayOptions> {
  readonly initValue: readonly number[];
  readonly decaySteps: number;
  readonly alpha: number;
  readonly exponent: number;
}

export const cosineDecayCaseArb: fc.Arbitrary<CosineDecayCase> = fc.record({
  init: fc.array(decayRateValueArb, { minLength: 1, maxLength: 3 }),
  decaySteps: decayStepsArb,
  alpha: alphaArb,
  exponent: powerArb,
  scalar: fc.boolean(),
}).map(({ init, decaySteps, alpha, exponent, scalar }) => ({
  options: { initValue: written(init, scalar), decaySteps, alpha, exponent },
  groups: init.length,
  initValue: init,
  decaySteps,
  alpha,
  exponent,
}));

export interface WarmupCosineDecayCase extends DecayCase<WarmupCosineDecayOptions> {
  readonly initValue: readonly number[];
  readonly peakValue: readonly number[];
  readonly endValue: readonly number[];
  readonly warmupSteps: number;
  readonly decaySteps: number;
  readonly exponent: number;
}

/** `decaySteps = warmupSteps + length`, so it is always above `warmupSteps` and safe. */
export const warmupCosineDecayCaseArb: fc.Arbitrary<WarmupCosineDecayCase> = fc.record({
  values: fc.array(fc.tuple(decayRateValueArb, decayRateValueArb, decayRateValueArb), { minLength: 1, maxLength: 3 }),
  warmupSteps: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 100_000 })),
  length: decayStepsArb,
  exponent: powerArb,
  scalar: fc.boolean(),
}).map(({ values, warmupSteps, length, exponent, scalar }) => {
  const initValue = values.map((v) => v[0]);
  const peakValue = values.map((v) => v[1]);
  const endValue = values.map((v) => v[2]);
  const decaySteps = Math.min(warmupSteps + length, Number.MAX_SAFE_INTEGER);
  return {
    options: {
      initValue: written(initValue, scalar),
      peakValue: written(peakValue, scalar),
      endValue: written(endValue, scalar),
      warmupSteps,
      decaySteps,
      exponent,
    },
    groups: values.length,
    initValue,
    peakValue,
    endValue,
    warmupSteps,
    decaySteps,
    exponent,
  };
});

export interface PiecewiseConstantCase extends DecayCase<PiecewiseConstantOptions> {
  readonly initValue: readonly number[];
  /** The boundaries in increasing order, with their scales. */
  readonly steps: readonly (readonly [number, number])[];
}

/** Piecewise configs; `scale` draws the multipliers (bounded ones keep the product law exact). */
export function piecewiseConstantCaseArb(
  scale: fc.Arbitrary<number> = fc.double({ min: 0, max: 4, noNaN: true }),
): fc.Arbitrary<PiecewiseConstantCase> {
  const boundary = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
  return fc.record({
    init: fc.array(decayRateValueArb, { minLength: 1, maxLength: 3 }),
    table: fc.uniqueArray(fc.tuple(boundary, scale), { maxLength: 6, selector: (e) => e[0] }),
    scalar: fc.boolean(),
  }).map(({ init, table, scalar }) => ({
    options: {
      initValue: written(init, scalar),
      boundariesAndScales: Object.fromEntries(table.map(([b, s]) => [String(b), s])),
    },
    groups: init.length,
    initValue: init,
    steps: [...table].sort((a, b) => a[0] - b[0]),
  }));
}
