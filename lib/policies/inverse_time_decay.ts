import type { PerGroup, Policy } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { bool, type FieldsOf, GROUPS, perGroupRate, positiveInt, rate } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { withScalars } from "../schedule/scalars.ts";

/** Options of {@link inverseTimeDecay}: the fields of the `inverseTimeDecay` config (Keras `InverseTimeDecay`), checked by {@link INVERSE_TIME_DECAY}. */
export interface InverseTimeDecayOptions {
  /** The rate at iteration 0, per group (Keras `initial_learning_rate`); finite and >= 0. */
  readonly initValue: PerGroup;
  /** Iterations per unit of `p`, a positive safe integer. */
  readonly decaySteps: number;
  /** How fast the rate falls: `initValue / (1 + decayRate * p)`; finite and >= 0 (0: constant). */
  readonly decayRate: number;
  /** Whether `p` is floored, so the rate falls in stairs of `decaySteps` iterations. */
  readonly staircase?: boolean;
  /** Number of groups, when `initValue` is a number. */
  readonly groups?: number;
}

/**
 * The options table of {@link inverseTimeDecay} and of the `inverseTimeDecay` config.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INVERSE_TIME_DECAY } from "cyclical-lr";
 * assert.equal(INVERSE_TIME_DECAY.read({ initValue: 0.1, decaySteps: 10, decayRate: 0.5 }).staircase, false);
 * ```
 */
export const INVERSE_TIME_DECAY: PolicyTable<FieldsOf<InverseTimeDecayOptions, "groups">> = policyTable(
  "inverseTimeDecay",
  "inverseTimeDecay",
  {
    initValue: perGroupRate.required(),
    decaySteps: positiveInt.required(),
    decayRate: rate.required(),
    staircase: bool.default(false),
    groups: GROUPS,
  },
);

/**
 * Keras's `InverseTimeDecay`: the rate falls as `1 / (1 + decayRate * p)`, continuously or
 * in stairs.
 *
 * `lr(t)[g] = initValue[g] / (1 + decayRate * p)` with `p = t / decaySteps`, or
 * `p = floor(t / decaySteps)` when `staircase` (the floor computed exactly, as
 * `(t - t % decaySteps) / decaySteps`). Matches Keras evaluated in float64 to 1e-12 relative
 * (Keras computes in the rate's dtype, float32 by default). Where `1 + decayRate * p`
 * overflows (a `decayRate` near `Number.MAX_VALUE`), the value is
 * `initValue / decayRate / p`, the same quotient without the 1 it can no longer hold, where
 * Keras gives 0. Non-increasing in `t`.
 *
 * @param options The `inverseTimeDecay` config fields ({@link INVERSE_TIME_DECAY}).
 * @returns The policy (no momentum), with its config recorded (`staircase` written out).
 * @throws {TypeError} If a field has the wrong type or is unknown, or one is missing.
 * @throws {RangeError} If a value is out of range: rates and `decayRate` finite and >= 0,
 *   `decaySteps` a positive safe integer.
 *
 * @example Keras's docstring: 1/t decay with rate 0.5, per step and in stairs of 10
 * ```ts
 * import assert from "node:assert/strict";
 * import { inverseTimeDecay } from "cyclical-lr";
 * const lr = inverseTimeDecay({ initValue: 0.1, decaySteps: 1, decayRate: 0.5 });
 * assert.deepEqual([0, 2, 6].map((t) => lr(t)[0]), [0.1, 0.05, 0.025]);
 * const stairs = inverseTimeDecay({ initValue: 0.1, decaySteps: 10, decayRate: 1, staircase: true });
 * assert.deepEqual([0, 9, 10, 19, 20].map((t) => stairs(t)[0]), [0.1, 0.1, 0.05, 0.05, 0.1 / 3]);
 * ```
 * @see {@link https://keras.io/api/optimizers/learning_rate_schedules/inverse_time_decay/ | Keras InverseTimeDecay}
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): Policy {
  const o = INVERSE_TIME_DECAY.read(options);
  const steps = o.decaySteps, k = o.decayRate;
  const progress = o.staircase ? (t: number) => (t - (t % steps)) / steps : (t: number) => t / steps;
  /** `v / (1 + k * p)`, or `v / k / p` where the denominator overflows. */
  const decayed = (v: number, p: number, denominator: number): number =>
    denominator === Infinity ? v / k / p : v / denominator;
  const init = o.initValue, n = o.groups;
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    const p = progress(t), denominator = 1 + k * p;
    const out = new Array<number>(n);
    for (let g = 0; g < n; g++) out[g] = decayed(init[g], p, denominator);
    return out;
  };
  withScalars(
    lr,
    init.map((v) => (t: number) => {
      checkIteration(t);
      const p = progress(t);
      return decayed(v, p, 1 + k * p);
    }),
  );
  return INVERSE_TIME_DECAY.make(o, lr);
}
