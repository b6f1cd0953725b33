import type { PerGroup, Policy, ScalarSchedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { bool, type FieldsOf, GROUPS, perGroupRate, positive, positiveInt } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { withScalars } from "../schedule/scalars.ts";
import { pow } from "../_math/mod.ts";

/** Options of {@link polynomialDecay}: Keras' `PolynomialDecay` arguments, checked by {@link POLYNOMIAL_DECAY}. */
export interface PolynomialDecayOptions {
  /** The value at iteration 0 (Keras' `initial_learning_rate`), per group. */
  readonly initValue: PerGroup;
  /** Iterations of the decay (Keras' `decay_steps`), a positive safe integer. */
  readonly decaySteps: number;
  /** The value at the end of the decay (Keras' `end_learning_rate`), per group. */
  readonly endValue?: PerGroup;
  /** The power of the polynomial, finite and > 0. */
  readonly power?: number;
  /** Whether the decay cycles past `decaySteps`, over the next multiple of it. */
  readonly cycle?: boolean;
  /** Number of groups, when every per-group value is a number. */
  readonly groups?: number;
}

/**
 * The options table of {@link polynomialDecay} and of the `polynomialDecay` config (Keras
 * `PolynomialDecay`; the rate fields carry the library's names, as `inverseTimeDecay`'s do).
 *
 * @example Keras' defaults
 * ```ts
 * import assert from "node:assert/strict";
 * import { POLYNOMIAL_DECAY } from "cyclical-lr";
 * const v = POLYNOMIAL_DECAY.read({ initValue: 0.1, decaySteps: 10 });
 * assert.deepEqual([v.endValue[0], v.power, v.cycle], [0.0001, 1, false]);
 * ```
 */
export const POLYNOMIAL_DECAY: PolicyTable<FieldsOf<PolynomialDecayOptions, "groups">> = policyTable(
  "polynomialDecay",
  "polynomialDecay",
  {
    initValue: perGroupRate.required(),
    decaySteps: positiveInt.required(),
    endValue: perGroupRate.default(0.0001),
    power: positive.default(1),
    cycle: bool.default(false),
    groups: GROUPS,
  },
);

/**
 * The multiple of `steps` Keras decays over at iteration `t` with `cycle`: 1 at `t = 0`,
 * else `ceil(t / steps)`. The float quotient is never rounded onto the wrong integer: for
 * `t = q * steps + r` below 2^53 with `r >= 1`, the half-ulp of `q` is below `1 / steps <=
 * r / steps`. And `steps * multiple >= t` holds after rounding too, so `1 - p >= 0`.
 */
function multiple(t: number, steps: number): number {
  return t === 0 ? 1 : Math.ceil(t / steps);
}

/**
 * Keras' `PolynomialDecay`: a polynomial from `initValue` to `endValue` over `decaySteps`
 * iterations, `lr = (initValue - endValue) * (1 - p)^power + endValue`, Keras' expression
 * operation for operation (in float64; Keras computes in the dtype of
 * `initial_learning_rate`, float32 by default).
 *
 * * `cycle: false`: `p = min(t, decaySteps) / decaySteps`; from `decaySteps` on the rate
 *   is `endValue`. This is optax's `polynomial` with `transitionBegin = 0`.
 * * `cycle: true`: `p = t / D` with `D = decaySteps * ceil(t / decaySteps)` (`D = decaySteps`
 *   at `t = 0`): after each multiple `k * decaySteps`, where the rate is `endValue`, the
 *   decay starts again over the doubled, tripled ... span, from where that span's
 *   polynomial is at `t`, not from `initValue` (`lr(decaySteps + 1)` is about the value
 *   half way down). That is Keras' (and TF 1's `polynomial_decay`'s) cycle, kept; for
 *   restarts from the peak use `poly` with `cycleLimit`, or `repeat`.
 *
 * @param options The `polynomialDecay` config fields ({@link POLYNOMIAL_DECAY}); `initValue` and `decaySteps` are required.
 * @returns The policy (no momentum); its config is recorded for encoding.
 * @throws {TypeError} If a field has the wrong type (a missing `initValue` included) or is unknown.
 * @throws {RangeError} If a field is out of range: `decaySteps` a positive safe integer,
 *   `power` finite and > 0 (Keras accepts any power; 0 or below gives 1 or Infinity at the end).
 *
 * @example Keras' test: sqrt decay beyond the end, with cycle
 * ```ts
 * import assert from "node:assert/strict";
 * import { polynomialDecay } from "cyclical-lr";
 * const o = { initValue: 0.05, decaySteps: 10, endValue: 0.001, power: 0.5 };
 * assert.equal(polynomialDecay(o).lr(15)[0], 0.001);
 * const { lr } = polynomialDecay({ ...o, cycle: true });
 * assert.ok(Math.abs(lr(15)[0] - ((0.05 - 0.001) * 0.25 ** 0.5 + 0.001)) < 1e-15);
 * assert.equal(lr(20)[0], 0.001);
 * assert.equal(lr(0)[0], 0.05);
 * ```
 * @see {@link https://keras.io/api/optimizers/learning_rate_schedules/polynomial_decay/ | Keras PolynomialDecay}
 */
export function polynomialDecay(options: PolynomialDecayOptions): Policy {
  const o = POLYNOMIAL_DECAY.read(options);
  const { initValue, endValue, power, cycle, decaySteps: steps, groups } = o;
  // Keras: (initial - end) * (1 - p) ** power + end
  const weight = (t: number): number => {
    const p = cycle ? t / (steps * multiple(t, steps)) : Math.min(t, steps) / steps;
    return pow(1 - p, power);
  };
  const span = initValue.map((v, g) => v - endValue[g]);
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    const w = weight(t);
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = span[g] * w + endValue[g];
    return out;
  };
  const scalars: ScalarSchedule[] = span.map((k, g) => (t: number) => {
    checkIteration(t);
    return k * weight(t) + endValue[g];
  });
  return POLYNOMIAL_DECAY.make(o, withScalars(lr, scalars));
}
