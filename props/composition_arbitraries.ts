// Arbitraries of valid oneCycle and cosineRestarts configs (built by construction, `.map`,
// never `.filter`), with the values the laws need, shared by props/one_cycle_test.ts,
// props/cosine_restarts_test.ts, props/join_test.ts, props/driver_test.ts and the
// every-policy table.
import fc from "fast-check";
import type { CosineRestartsOptions, OneCycleOptions } from "../mod.ts";
import { momentumArb, rateArb } from "./arbitraries.ts";

/**
 * Whether `a` and `b` agree to 1e-12 relative plus 1e-14 of `scale`, plus an absolute floor
 * of 1e-300 (subnormals round on a fixed grid): the tolerance of lib/laws.
 */
export function near(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)) + 1e-14 * scale + 1e-300;
}

/** Throws naming `what` unless `near(actual, expected, scale)`. */
export function assertNear(actual: number, expected: number, scale: number, what: string): void {
  if (!near(actual, expected, scale)) throw new Error(`${what}: expected ${expected}, got ${actual}`);
}

export interface OneCycleCase {
  readonly options: OneCycleOptions;
  readonly groups: number;
  readonly totalSteps: number;
  readonly pctStart: number;
  readonly threePhase: boolean;
  readonly maxLr: readonly number[];
  readonly initialLr: readonly number[];
  readonly minLr: readonly number[];
  readonly baseMomentum: readonly number[];
  readonly maxMomentum: readonly number[];
  /** PyTorch's phase end steps, as it computes them. */
  readonly ends: readonly number[];
}

const totalStepsArb = fc.oneof(
  fc.integer({ min: 1, max: 30 }),
  fc.integer({ min: 1, max: 5000 }),
  fc.integer({ min: 1, max: 10_000_000 }),
);

/**
 * Valid oneCycle configs: 1 to 3 groups, tiny to huge cycles, edge pctStart values, both
 * strategies; `maxLr` drawn from `rate` (the divisors are raised where a rate near the largest
 * double needs it, so that `maxLr / divFactor / finalDivFactor` stays finite).
 */
export function oneCycleCaseArbOf(rate: fc.Arbitrary<number>): fc.Arbitrary<OneCycleCase> {
  return fc.record({
    groups: fc.array(fc.record({ maxLr: rate, baseMomentum: momentumArb, maxMomentum: momentumArb }), {
      minLength: 1,
      maxLength: 3,
    }),
    totalSteps: totalStepsArb,
    pctStart: fc.oneof(fc.constantFrom(0, 0.3, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    annealStrategy: fc.constantFrom<"cos" | "linear">("cos", "linear"),
    divFactor: fc.oneof(
      fc.constant(25),
      fc.double({ min: 1, max: 1e4, noNaN: true }),
      fc.double({ min: 0.1, max: 1, noNaN: true }),
    ),
    finalDivFactor: fc.oneof(
      fc.constant(1e4),
      fc.double({ min: 1, max: 1e5, noNaN: true }),
      fc.double({ min: 0.5, max: 1, noNaN: true }),
    ),
    threePhase: fc.boolean(),
    cycleMomentum: fc.boolean(),
  }).map((r) => {
    const maxLr = r.groups.map((g) => g.maxLr);
    const top = Math.max(...maxLr);
    const divFactor = Math.max(r.divFactor, top / 1e308);
    const finalDivFactor = Math.max(r.finalDivFactor, top / divFactor / 1e308);
    const initialLr = maxLr.map((v) => v / divFactor);
    const minLr = initialLr.map((v) => v / finalDivFactor);
    const baseMomentum = r.groups.map((g) => g.baseMomentum);
    const maxMomentum = r.groups.map((g) => g.maxMomentum);
    const p = r.pctStart, T = r.totalSteps;
    const ends = r.threePhase ? [p * T - 1, 2 * p * T - 2, T - 1] : [p * T - 1, T - 1];
    return {
      options: {
        maxLr,
        totalSteps: T,
        pctStart: p,
        annealStrategy: r.annealStrategy,
        divFactor,
        finalDivFactor,
        threePhase: r.threePhase,
        cycleMomentum: r.cycleMomentum,
        baseMomentum,
        maxMomentum,
      },
      groups: maxLr.length,
      totalSteps: T,
      pctStart: p,
      threePhase: r.threePhase,
      maxLr,
      initialLr,
      minLr,
      baseMomentum,
      maxMomentum,
      ends,
    };
  });
}

/** {@link oneCycleCaseArbOf} with the ordinary rates of props/arbitraries.ts. */
export const oneCycleCaseArb: fc.Arbitrary<OneCycleCase> = oneCycleCaseArbOf(rateArb);

export interface CosineRestartsCase {
  readonly options: CosineRestartsOptions;
  readonly groups: number;
  readonly baseLr: readonly number[];
  readonly etaMin: readonly number[];
  readonly t0: number;
  readonly tMult: number;
  readonly cycleDecay: number;
  readonly cycleLimit: number | undefined;
  readonly warmupSteps: number;
}

/**
 * Valid cosineRestarts configs: integer and real tMult (some close to 1), peak decay, cycle
 * limits, warm-up below t0, `etaMin` above `baseLr` now and then.
 */
export function cosineRestartsCaseArbOf(rate: fc.Arbitrary<number>): fc.Arbitrary<CosineRestartsCase> {
  return fc.record({
    groups: fc.array(fc.record({ baseLr: rate, etaMin: fc.oneof(fc.constant(0), rate) }), {
      minLength: 1,
      maxLength: 3,
    }),
    t0: fc.oneof(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 2000 }),
      fc.integer({ min: 1, max: 10_000_000 }),
    ),
    tMult: fc.oneof(
      fc.constant(1),
      fc.integer({ min: 2, max: 6 }),
      fc.double({ min: 1, max: 3, noNaN: true }),
      fc.double({ min: 1, max: 1.001, noNaN: true }),
    ),
    cycleDecay: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })),
    cycleLimit: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    warmup: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })),
  }).map((r) => {
    const baseLr = r.groups.map((g) => g.baseLr);
    const etaMin = r.groups.map((g) => g.etaMin);
    const warmupSteps = Math.min(r.t0 - 1, Math.floor(r.warmup * r.t0));
    return {
      options: {
        baseLr,
        t0: r.t0,
        tMult: r.tMult,
        etaMin,
        cycleDecay: r.cycleDecay,
        warmupSteps,
        ...(r.cycleLimit === undefined ? {} : { cycleLimit: r.cycleLimit }),
      },
      groups: baseLr.length,
      baseLr,
      etaMin,
      t0: r.t0,
      tMult: r.tMult,
      cycleDecay: r.cycleDecay,
      cycleLimit: r.cycleLimit,
      warmupSteps,
    };
  });
}

/** {@link cosineRestartsCaseArbOf} with the ordinary rates of props/arbitraries.ts. */
export const cosineRestartsCaseArb: fc.Arbitrary<CosineRestartsCase> = cosineRestartsCaseArbOf(rateArb);
