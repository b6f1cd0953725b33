import type { PerGroup, Policy, Scale, Wave } from "../types.ts";
import { type FieldsOf, gamma, GROUPS, kind, perGroupRate } from "../options/_kinds.ts";
import { type Fields, type OptionsTable, optionsTable } from "../options/table.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { amplitudeOf, checkedPieces, isScale, isWave } from "../signal/amplitude.ts";
import { stretchSchedule } from "../signal/stretch.ts";
import { exponential, flat, halving } from "../signal/scale.ts";
import { STEP_EXCLUSIVE, STEP_FIELDS, stepSizeGiven, type StepSizes, triangle } from "../signal/wave.ts";
import { makePolicy } from "../schedule/policy.ts";
import { withoutConfig } from "../schedule/config_of.ts";
import { CYCLIC, type CyclicMode } from "./cyclic_lr.ts";

/** Per-group bounds and half-cycle lengths: the options of `triangular`, `triangular2` and `expRange`. */
export interface CyclicBounds extends StepSizes {
  /** The rate at the bottom of every cycle, per group. */
  readonly baseLr: PerGroup;
  /** The rate at the top of the first cycle, per group (may be below `baseLr`). */
  readonly maxLr: PerGroup;
  /** Number of groups, when `baseLr` and `maxLr` are both numbers. */
  readonly groups?: number;
}

/** A cyclical rate from its parts: bounds, a wave and a scale. */
export interface CyclicOptions {
  /** The rate at the bottom of every cycle, per group. */
  readonly baseLr: PerGroup;
  /** The rate at the top of the first cycle, per group (may be below `baseLr`). */
  readonly maxLr: PerGroup;
  /** The shape of a cycle. */
  readonly wave: Wave;
  /** The size of each cycle (`flat` when left out). */
  readonly scale?: Scale;
  /** Number of groups, when `baseLr` and `maxLr` are both numbers. */
  readonly groups?: number;
}

/** The options of `expRange`: the bounds, the half cycles and the amplitude's decay. */
export interface ExpRangeOptions extends CyclicBounds {
  /** The amplitude's factor per iteration, in (0, 1]. */
  readonly gamma: number;
}

const BOUND_FIELDS = {
  baseLr: perGroupRate.required(),
  maxLr: perGroupRate.required(),
} as const;

/**
 * The options table of {@link cyclic}: bounds, a wave and a scale.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CYCLIC_PARTS } from "cyclical-lr";
 * assert.deepEqual(Object.keys(CYCLIC_PARTS.fields), ["baseLr", "maxLr", "wave", "scale", "groups"]);
 * ```
 */
export const CYCLIC_PARTS: OptionsTable<FieldsOf<CyclicOptions, "groups">> = optionsTable("cyclic", {
  ...BOUND_FIELDS,
  wave: kind("a wave { period, cycle, height }", isWave, { json: false }).required(),
  scale: kind("a scale { mode, fn }", isScale, { json: false }).default(flat),
  groups: GROUPS,
});

const TRIANGULAR_FIELDS: FieldsOf<CyclicBounds, "groups" | "stepSize"> = {
  ...BOUND_FIELDS,
  ...STEP_FIELDS,
  groups: GROUPS,
};
const EXP_RANGE_FIELDS: FieldsOf<ExpRangeOptions, "groups" | "stepSize"> = {
  ...TRIANGULAR_FIELDS,
  gamma: gamma.required(),
};

/** The half-cycle lengths of checked options, for the wave. */
function stepsOf(o: { readonly stepSizeUp: number; readonly stepSizeDown: number }) {
  return { stepSizeUp: o.stepSizeUp, stepSizeDown: o.stepSizeDown };
}

/** The table of one of Smith's policies: its fields, and the `cyclic` config it records. */
function smithTable<F extends Fields>(of: string, mode: CyclicMode, fields: F): PolicyTable<F> {
  return policyTable("cyclic", of, fields, {
    exclusive: STEP_EXCLUSIVE,
    rules: [stepSizeGiven],
    config: (v) => CYCLIC.configOf(CYCLIC.read({ ...v, stepSize: undefined, mode, cycleMomentum: false })),
  });
}

/**
 * The options table of {@link triangular}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TRIANGULAR } from "cyclical-lr";
 * assert.equal(TRIANGULAR.read({ baseLr: 0, maxLr: 1, stepSize: 3 }).stepSizeDown, 3);
 * ```
 */
export const TRIANGULAR: PolicyTable<FieldsOf<CyclicBounds, "groups" | "stepSize">> = smithTable(
  "triangular",
  "triangular",
  TRIANGULAR_FIELDS,
);

/**
 * The options table of {@link triangular2}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TRIANGULAR2 } from "cyclical-lr";
 * assert.equal(TRIANGULAR2.of, "triangular2");
 * ```
 */
export const TRIANGULAR2: PolicyTable<FieldsOf<CyclicBounds, "groups" | "stepSize">> = smithTable(
  "triangular2",
  "triangular2",
  TRIANGULAR_FIELDS,
);

/**
 * The options table of {@link expRange}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EXP_RANGE } from "cyclical-lr";
 * assert.equal(EXP_RANGE.fields.gamma.presence, "required");
 * ```
 */
export const EXP_RANGE: PolicyTable<FieldsOf<ExpRangeOptions, "groups" | "stepSize">> = smithTable(
  "expRange",
  "exp_range",
  EXP_RANGE_FIELDS,
);

/**
 * A cyclical learning rate built from its parts, for every parameter group:
 * `lr(t)[g] = baseLr[g] + (maxLr[g] - baseLr[g]) * wave.height(t) * scale(cycle or t)`.
 *
 * @param options The bounds (number or one per group), the wave and the scale.
 * @returns A policy of one rate per group (no momentum, no config: the wave is an object).
 * @throws {RangeError} If a bound is negative or not finite, or group lengths disagree.
 *
 * @example A smooth cycle whose amplitude shrinks by a third per cycle
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineWave, cyclic, scaleFn } from "cyclical-lr";
 * const lr = cyclic({
 *   baseLr: [0.01, 0.001], maxLr: [0.1, 0.01],
 *   wave: cosineWave({ stepSizeUp: 100 }),
 *   scale: scaleFn((c) => (2 / 3) ** (c - 1)),
 * });
 * const close = (a: readonly number[], b: number[]) => a.every((v, g) => Math.abs(v - b[g]) < 1e-15);
 * assert.ok(close(lr(100), [0.1, 0.01]));
 * assert.ok(close(lr(200), [0.01, 0.001]));
 * ```
 */
export function cyclic(options: CyclicOptions): Policy {
  const o = CYCLIC_PARTS.read(options);
  const pieces = checkedPieces(o.wave, o.scale);
  const policy = makePolicy(stretchSchedule(o.baseLr, o.maxLr, amplitudeOf(pieces)), o.groups);
  return withoutConfig(
    policy,
    "a cyclic built from a wave object (cyclicLR names its wave and scale, and has a config)",
  );
}

/**
 * Smith's `triangular` policy: a triangle between `baseLr` and `maxLr` of constant amplitude.
 * Matches PyTorch `CyclicLR(mode="triangular")` to 1e-12 relative.
 *
 * @param options Per-group bounds and half-cycle lengths, in iterations.
 * @returns A policy mapping an iteration to one rate per parameter group (no momentum; its
 *   config is the `cyclic` config of the same schedule, with `cycleMomentum: false`).
 * @throws {RangeError} If a step size is not a positive safe integer or a bound is invalid.
 *
 * @example Bottom, peak, bottom
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular } from "cyclical-lr";
 * const lr = triangular({ baseLr: 0.1, maxLr: 1.1, stepSizeUp: 10 });
 * assert.deepEqual([lr(0)[0], lr(10)[0], lr(20)[0]], [0.1, 1.1, 0.1]);
 * ```
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates, 2017, section 3.1}
 */
export function triangular(options: CyclicBounds): Policy {
  const o = TRIANGULAR.read(options);
  return TRIANGULAR.make(
    o,
    stretchSchedule(o.baseLr, o.maxLr, amplitudeOf({ wave: triangle(stepsOf(o)), scale: flat })),
  );
}

/**
 * Triangular cyclical learning rate whose amplitude halves every cycle ("triangular2",
 * Smith 2017, section 3.1). With `P = stepSizeUp + stepSizeDown` and
 * `c = floor(1 + t / P)`, `lr(t) = baseLr + (maxLr - baseLr) * height(t) / 2^(c - 1)`.
 * Matches PyTorch `CyclicLR(mode="triangular2")` to 1e-12; past cycle 1025, where PyTorch
 * raises `OverflowError`, the amplitude is 0 and the rate is `baseLr`.
 *
 * @param options Per-group bounds and half-cycle lengths, in iterations.
 * @returns A policy mapping an iteration to one rate per parameter group (no momentum; its
 *   config is the `cyclic` config of the same schedule, with `cycleMomentum: false`).
 * @throws {RangeError} If `stepSizeUp` is not a positive safe integer.
 *
 * @example The second peak is half as high
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular2 } from "cyclical-lr";
 * const lr = triangular2({ baseLr: [0.1], maxLr: [1.1], stepSizeUp: 10 });
 * assert.ok(Math.abs(lr(10)[0] - 1.1) < 1e-12);
 * assert.ok(Math.abs(lr(30)[0] - 0.6) < 1e-12);
 * ```
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates, 2017}
 */
export function triangular2(options: CyclicBounds): Policy {
  const o = TRIANGULAR2.read(options);
  return TRIANGULAR2.make(
    o,
    stretchSchedule(o.baseLr, o.maxLr, amplitudeOf({ wave: triangle(stepsOf(o)), scale: halving })),
  );
}

/**
 * The `exp_range` policy as PyTorch and the seed's code define it: the *amplitude* decays
 * by `gamma^t`, `lr(t) = baseLr + (maxLr - baseLr) * height(t) * gamma^t`, so the rate
 * still returns to `baseLr`. The paper instead shrinks *both* bounds by `gamma^t`; for
 * that, see {@link scaleBy} (`scaleBy(triangular(o), (t) => gamma ** t)`) or the config's
 * `expRangeDecays: "bounds"`.
 *
 * @param options Per-group bounds, half-cycle lengths and `gamma` in (0, 1].
 * @returns A policy mapping an iteration to one rate per parameter group (no momentum; its
 *   config is the `cyclic` config of the same schedule, with `cycleMomentum: false`).
 * @throws {RangeError} If `gamma` is not in (0, 1] or a step size is invalid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expRange } from "cyclical-lr";
 * const lr = expRange({ baseLr: 0, maxLr: 1, stepSizeUp: 2, gamma: 0.5 });
 * assert.equal(lr(2)[0], 0.25);
 * ```
 */
export function expRange(options: ExpRangeOptions): Policy {
  const o = EXP_RANGE.read(options);
  const scale = exponential(o.gamma);
  return EXP_RANGE.make(o, stretchSchedule(o.baseLr, o.maxLr, amplitudeOf({ wave: triangle(stepsOf(o)), scale })));
}
