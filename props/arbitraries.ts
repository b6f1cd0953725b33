// Arbitraries of valid cyclic configs, built by construction (`.map`, never `.filter`), shared
// by the property tests. Every arbitrary also carries the resolved per-group values, so a
// property can state its law without re-deriving the config.
import fc from "fast-check";
import type { CyclicLROptions, CyclicMode, PerGroup } from "../mod.ts";

/** A rate: 0, tiny, ordinary or large, all finite and >= 0 (the spec's "rate"). */
export const rateArb: fc.Arbitrary<number> = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-8, max: 1e-3, noNaN: true }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 1, max: 1e3, noNaN: true }),
);

/** A momentum-like value in [0, 1]. */
export const momentumArb: fc.Arbitrary<number> = fc.double({ min: 0, max: 1, noNaN: true });

/** A half-cycle length: mostly short (so cycles are visited), sometimes long. */
export const stepArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 20 }),
  fc.integer({ min: 1, max: 5000 }),
  fc.integer({ min: 1, max: 1_000_000 }),
);

/** `gamma` in (0, 1]: usually close to 1, as used in practice; sometimes small. */
export const gammaArb: fc.Arbitrary<number> = fc.oneof(
  fc.constant(1),
  fc.double({ min: 0.99, max: 1, noNaN: true }),
  fc.double({ min: 1e-3, max: 1, noNaN: true }),
);

/** One group's four bounds; `baseLr > maxLr` and `baseMomentum > maxMomentum` happen. */
const groupBoundsArb = (rate: fc.Arbitrary<number>) =>
  fc.record({
    baseLr: rate,
    maxLr: rate,
    baseMomentum: momentumArb,
    maxMomentum: momentumArb,
  });

/** A cyclic config with its resolved values, as the properties need them. */
export interface CyclicCase {
  /** The options passed to `cyclicLR` (scalars when every group has the same value). */
  readonly options: CyclicLROptions & {
    readonly baseLr: PerGroup;
    readonly maxLr: PerGroup;
    readonly baseMomentum: PerGroup;
    readonly maxMomentum: PerGroup;
    readonly stepSizeUp: number;
    readonly stepSizeDown: number;
  };
  readonly mode: CyclicMode;
  readonly gamma: number;
  readonly up: number;
  readonly down: number;
  readonly period: number;
  readonly groups: number;
  readonly baseLr: readonly number[];
  readonly maxLr: readonly number[];
  readonly baseMomentum: readonly number[];
  readonly maxMomentum: readonly number[];
}

/** Per-group values as the config would write them: a scalar when there is one group and `scalar`. */
/** The options of `triangular`, `triangular2` and `expRange` (without `gamma`) in a case. */
export function smith(c: CyclicCase) {
  const o = c.options;
  return { baseLr: o.baseLr, maxLr: o.maxLr, stepSizeUp: o.stepSizeUp, stepSizeDown: o.stepSizeDown };
}

function written(values: readonly number[], scalar: boolean): PerGroup {
  return scalar && values.length === 1 ? values[0] : values;
}

/**
 * Valid `cyclicLR` configs in one mode (or any of the three): 1 to 4 groups, inverted
 * bounds allowed, asymmetric step sizes, momentum bounds; the rates drawn from `rate`
 * (props/config_arbitraries.ts's `rateOfAnyMagnitude` reaches subnormals and Number.MAX_VALUE).
 */
export function cyclicCaseArb(
  modes: readonly CyclicMode[] = ["triangular", "triangular2", "exp_range"],
  rate: fc.Arbitrary<number> = rateArb,
): fc.Arbitrary<CyclicCase> {
  return fc.record({
    groups: fc.array(groupBoundsArb(rate), { minLength: 1, maxLength: 4 }),
    up: stepArb,
    down: fc.option(stepArb, { nil: undefined }),
    mode: fc.constantFrom(...modes),
    gamma: gammaArb,
    scalar: fc.boolean(),
  }).map(({ groups, up, down, mode, gamma, scalar }) => {
    const baseLr = groups.map((g) => g.baseLr);
    const maxLr = groups.map((g) => g.maxLr);
    const baseMomentum = groups.map((g) => g.baseMomentum);
    const maxMomentum = groups.map((g) => g.maxMomentum);
    const d = down ?? up;
    return {
      options: {
        baseLr: written(baseLr, scalar),
        maxLr: written(maxLr, scalar),
        baseMomentum: written(baseMomentum, scalar),
        maxMomentum: written(maxMomentum, scalar),
        stepSizeUp: up,
        stepSizeDown: d,
        mode,
        gamma,
      },
      mode,
      gamma: mode === "exp_range" ? gamma : 1,
      up,
      down: d,
      period: up + d,
      groups: groups.length,
      baseLr,
      maxLr,
      baseMomentum,
      maxMomentum,
    };
  });
}

/**
 * An iteration for a schedule of period `period`: small ones (the first cycles, where
 * bugs live), and ones anywhere up to `Number.MAX_SAFE_INTEGER - room` so that `t + room`
 * is still a valid iteration.
 */
export function iterationArb(room = 0): fc.Arbitrary<number> {
  return fc.oneof(
    fc.nat({ max: 100 }),
    fc.nat({ max: 100_000 }),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - room }),
    fc.integer({ min: Number.MAX_SAFE_INTEGER - room - 1000, max: Number.MAX_SAFE_INTEGER - room }),
  );
}

/** The largest period `cyclicCaseArb` produces (two step sizes of at most 10^6). */
export const MAX_PERIOD = 2_000_000;
