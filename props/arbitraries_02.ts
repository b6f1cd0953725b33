// Arbitraries of valid configs of the 0.2 policies (wsd, cooldown, inverseSqrt,
// inverseTimeDecay, noise, product), built by construction (`.map`, never `.filter`), with
// extreme magnitudes: rates up to Number.MAX_VALUE, phases up to 2^53 - 1. Each case carries
// its options and the resolved values the laws need.
import fc from "fast-check";
import type {
  DecayShape,
  InverseSqrtOptions,
  InverseTimeDecayOptions,
  NoiseOptions,
  PerGroup,
  Policy,
  WarmupShape,
  WsdOptions,
} from "../mod.ts";
import { constant, cosineRestarts, exponentialDecay, makePolicy, oneCycle, wsd } from "../mod.ts";
import { decayRateValueArb } from "./decay_arbitraries.ts";
import { cosineRestartsCaseArb, oneCycleCaseArb } from "./composition_arbitraries.ts";

/** Per-group values as written: a number for one group (sometimes), else the array. */
function written(values: readonly number[], scalar: boolean): PerGroup {
  return scalar && values.length === 1 ? values[0] : values;
}

/** A phase length: short (every step visited), long, or up to 2^40. */
const phaseArb = (min: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min, max: 30 }) },
    { weight: 2, arbitrary: fc.integer({ min, max: 3000 }) },
    { weight: 1, arbitrary: fc.integer({ min: Math.max(min, 1), max: 2 ** 40 }) },
  );

/** A ratio in [0, 1], with both ends. */
const ratioArb = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));

export interface WsdCase {
  readonly options: WsdOptions;
  readonly groups: number;
  readonly peak: readonly number[];
  readonly w: number;
  readonly s: number;
  readonly d: number;
  readonly r: number;
  readonly warmupShape: WarmupShape;
  readonly decayShape: DecayShape;
  /** The cosine's waves (0.5 for the other shapes, which do not use it). */
  readonly numCycles: number;
  /** The power's exponent (1 for the other shapes). */
  readonly decayPower: number;
}

/** Valid wsd configs: 1 to 3 groups, every shape, stable phases given directly or as a total. */
export const wsdCaseArb: fc.Arbitrary<WsdCase> = fc.record({
  peak: fc.array(decayRateValueArb, { minLength: 1, maxLength: 3 }),
  scalar: fc.boolean(),
  w: fc.oneof(fc.constant(0), phaseArb(1)),
  s: fc.oneof(fc.constant(0), phaseArb(0)),
  d: phaseArb(1),
  r: ratioArb,
  warmupShape: fc.constantFrom<WarmupShape>("linear", "cosine", "1-sqrt"),
  decayShape: fc.constantFrom<DecayShape>("linear", "cosine", "1-sqrt", "power"),
  numCycles: fc.oneof(fc.constant(0.5), fc.constantFrom(1.5, 0.25, 2), fc.double({ min: 0.01, max: 4, noNaN: true })),
  decayPower: fc.oneof(fc.constantFrom(0.5, 1, 2), fc.double({ min: 2 ** -20, max: 50, noNaN: true })),
  byTotal: fc.boolean(),
}).map((c) => {
  const cosine = c.decayShape === "cosine", power = c.decayShape === "power";
  const options: WsdOptions = {
    peakValue: written(c.peak, c.scalar),
    warmupSteps: c.w,
    ...(c.byTotal ? { totalSteps: Math.max(1, c.w + c.s + c.d) } : { stableSteps: c.s }),
    decaySteps: c.d,
    minLrRatio: c.r,
    warmupShape: c.warmupShape,
    decayShape: c.decayShape,
    ...(cosine ? { numCycles: c.numCycles } : {}),
    ...(power ? { decayPower: c.decayPower } : {}),
  };
  return {
    options,
    groups: c.peak.length,
    peak: c.peak,
    w: c.w,
    s: c.s,
    d: c.d,
    r: c.r,
    warmupShape: c.warmupShape,
    decayShape: c.decayShape,
    numCycles: cosine ? c.numCycles : 0.5,
    decayPower: power ? c.decayPower : 1,
  };
});

export interface InverseSqrtCase {
  readonly options: InverseSqrtOptions;
  readonly groups: number;
  readonly peak: readonly number[];
  readonly w: number;
  readonly tau: number;
}

export const inverseSqrtCaseArb: fc.Arbitrary<InverseSqrtCase> = fc.record({
  peak: fc.array(decayRateValueArb, { minLength: 1, maxLength: 3 }),
  scalar: fc.boolean(),
  w: fc.oneof(fc.constant(0), phaseArb(1)),
  tau: fc.option(fc.oneof(phaseArb(1), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })), { nil: undefined }),
}).map((c) => ({
  options: {
    peakValue: written(c.peak, c.scalar),
    warmupSteps: c.w,
    ...(c.tau === undefined ? {} : { timescale: c.tau }),
  },
  groups: c.peak.length,
  peak: c.peak,
  w: c.w,
  tau: c.tau ?? (c.w === 0 ? 10_000 : c.w),
}));

export interface InverseTimeDecayCase {
  readonly options: InverseTimeDecayOptions;
  readonly groups: number;
  readonly init: readonly number[];
  readonly steps: number;
  readonly rate: number;
  readonly staircase: boolean;
}

export const inverseTimeDecayCaseArb: fc.Arbitrary<InverseTimeDecayCase> = fc.record({
  init: fc.array(decayRateValueArb, { minLength: 1, maxLength: 3 }),
  scalar: fc.boolean(),
  steps: fc.oneof(phaseArb(1), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  rate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true }), decayRateValueArb),
  staircase: fc.boolean(),
}).map((c) => ({
  options: { initValue: written(c.init, c.scalar), decaySteps: c.steps, decayRate: c.rate, staircase: c.staircase },
  groups: c.init.length,
  init: c.init,
  steps: c.steps,
  rate: c.rate,
  staircase: c.staircase,
}));

/** A child schedule for the combinators: with or without momentum, of 1 to 3 groups. */
export interface ChildCase {
  readonly name: string;
  readonly make: () => Policy;
}

export const childCaseArb: fc.Arbitrary<ChildCase> = fc.oneof(
  oneCycleCaseArb.map((c) => ({ name: `oneCycle ${JSON.stringify(c.options)}`, make: () => oneCycle(c.options) })),
  cosineRestartsCaseArb.map((c) => ({
    name: `cosineRestarts ${JSON.stringify(c.options)}`,
    make: () => cosineRestarts(c.options),
  })),
  wsdCaseArb.map((c) => ({ name: `wsd ${JSON.stringify(c.options)}`, make: () => wsd(c.options) })),
  fc.array(decayRateValueArb, { minLength: 1, maxLength: 3 }).map((v) => ({
    name: `constant ${v}`,
    make: () => constant({ value: v }),
  })),
  fc.tuple(decayRateValueArb, fc.double({ min: 0.5, max: 1, noNaN: true })).map(([v, rate]) => ({
    name: `exponentialDecay ${v} ${rate}`,
    make: () => exponentialDecay({ initValue: v, transitionSteps: 100, decayRate: rate }),
  })),
);

export interface CooldownCase {
  readonly child: ChildCase;
  readonly at: number;
  readonly steps: number;
  readonly shape: DecayShape;
  readonly power: number | undefined;
  /** The end values as given (one, or one per group of the child). */
  readonly endValue: readonly number[];
  readonly scalarEnd: boolean;
}

/** Valid cooldowns: any child, a fork anywhere, every shape, end values broadcast or per group. */
export const cooldownCaseArb: fc.Arbitrary<CooldownCase> = fc.record({
  child: childCaseArb,
  at: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 }), fc.maxSafeNat()),
  steps: phaseArb(1),
  shape: fc.constantFrom<DecayShape>("linear", "cosine", "1-sqrt", "power"),
  power: fc.oneof(fc.constantFrom(0.5, 1, 2), fc.double({ min: 2 ** -20, max: 50, noNaN: true })),
  end: fc.array(decayRateValueArb, { minLength: 3, maxLength: 3 }),
  perGroup: fc.boolean(),
}).map((c) => {
  const groups = c.child.make().groups;
  const endValue = c.perGroup ? c.end.slice(0, groups) : [c.end[0]];
  return {
    child: c.child,
    at: c.at,
    steps: c.steps,
    shape: c.shape,
    power: c.shape === "power" ? c.power : undefined,
    endValue,
    scalarEnd: !c.perGroup,
  };
});

/** The options of a cooldown case. */
export function cooldownOptions(c: CooldownCase) {
  return {
    at: c.at,
    steps: c.steps,
    shape: c.shape,
    ...(c.power === undefined ? {} : { power: c.power }),
    endValue: c.scalarEnd ? c.endValue[0] : c.endValue,
  };
}

export interface NoiseCase {
  readonly child: ChildCase;
  readonly options: NoiseOptions & {
    readonly pct: number;
    readonly type: "normal" | "uniform";
    readonly seed: number;
    readonly start: number;
  };
}

/** Valid noise configs: any child, both types, small to huge bounds, any seed, open or closed ranges. */
export const noiseCaseArb: fc.Arbitrary<NoiseCase> = fc.record({
  child: childCaseArb,
  type: fc.constantFrom<"normal" | "uniform">("normal", "uniform"),
  pct: fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: 0.05, max: 3, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0.001, 0.67, 1) },
    { weight: 1, arbitrary: fc.double({ min: 0.001, max: 1e300, noNaN: true }) },
  ),
  seed: fc.oneof(fc.constantFrom(0, 42), fc.maxSafeNat()),
  start: fc.oneof(fc.constant(0), fc.nat({ max: 3000 }), fc.maxSafeNat()),
  length: fc.option(fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.maxSafeNat()), { nil: undefined }),
}).map((c) => {
  const end = c.length === undefined ? undefined : Math.min(Number.MAX_SAFE_INTEGER, c.start + Math.max(1, c.length));
  const start = end !== undefined && end <= c.start ? c.start - 1 : c.start;
  return {
    child: c.child,
    options: { pct: c.pct, type: c.type, seed: c.seed, start, ...(end === undefined ? {} : { end }) },
  };
});

export interface ProductCase {
  readonly names: readonly string[];
  /** The factors (rates without momentum): of `groups` groups or of one. */
  readonly factors: () => Policy[];
  readonly groups: number;
}

/** Valid products: 2 to 4 factors of one common group count or of one group (others cut to their first group). */
export const productCaseArb: fc.Arbitrary<ProductCase> = fc.record({
  children: fc.array(childCaseArb, { minLength: 2, maxLength: 4 }),
}).map(({ children }) => {
  const counts = children.map((c) => c.make().groups);
  const groups = counts[0];
  return {
    names: children.map((c) => c.name),
    groups: Math.max(...counts.map((n) => (n === groups ? n : 1))),
    factors: () =>
      children.map((c, i) => {
        const p = c.make().lr;
        return counts[i] === groups || counts[i] === 1 ? p : makePolicy((t) => [p(t)[0]], 1);
      }),
  };
});
