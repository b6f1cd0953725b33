import type { PerGroup, Policy } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { type FieldsOf, GROUPS, nonNegativeInt, numberIn, perGroupRate, positiveInt } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { scaledValues } from "../signal/stretch.ts";

/** Options of {@link inverseSqrt}: the fields of the `inverseSqrt` config (HF `get_inverse_sqrt_schedule`), checked by {@link INVERSE_SQRT}. */
export interface InverseSqrtOptions {
  /** The rate at the end of the warm-up, per group (HF: the optimizer's `lr`); finite and >= 0. */
  readonly peakValue: PerGroup;
  /** Iterations of the linear warm-up from 0, a non-negative safe integer (0: none). */
  readonly warmupSteps?: number;
  /** Iterations over which the rate falls by `1 / sqrt(2)` after the warm-up, a positive safe integer. */
  readonly timescale?: number;
  /** Number of groups, when `peakValue` is a number. */
  readonly groups?: number;
}

/** HF's default timescale when there is no warm-up. */
const TIMESCALE_WITHOUT_WARMUP = 10_000;

/**
 * The options table of {@link inverseSqrt} and of the `inverseSqrt` config.
 *
 * @example The timescale defaults to the warm-up, or 10000 without one
 * ```ts
 * import assert from "node:assert/strict";
 * import { INVERSE_SQRT } from "cyclical-lr";
 * assert.equal(INVERSE_SQRT.read({ peakValue: 1, warmupSteps: 400 }).timescale, 400);
 * assert.equal(INVERSE_SQRT.read({ peakValue: 1 }).timescale, 10000);
 * ```
 */
export const INVERSE_SQRT: PolicyTable<FieldsOf<InverseSqrtOptions, "groups">> = policyTable(
  "inverseSqrt",
  "inverseSqrt",
  {
    peakValue: perGroupRate.required(),
    warmupSteps: nonNegativeInt.default(0),
    timescale: positiveInt.derived((o) => {
      const w = numberIn(o.warmupSteps);
      return w === undefined ? undefined : w === 0 ? TIMESCALE_WITHOUT_WARMUP : w;
    }, "warmupSteps, or 10000 when warmupSteps is 0"),
    groups: GROUPS,
  },
);

/**
 * The inverse square-root schedule of HF's `get_inverse_sqrt_schedule` (after big_vision's
 * `rsqrt`): a linear warm-up from 0, then a decay as `1 / sqrt(t)`.
 *
 * With `W = warmupSteps` and `τ = timescale`: `lr(t)[g] = peakValue[g] * (t / W)` for
 * `t < W`, and `lr(t)[g] = peakValue[g] * (1 / sqrt((t + (τ - W)) / τ))` from `W` on (HF's
 * `LambdaLR`: the peak times its lambda, the same operations). The warm-up ends at the peak
 * (`lr(W) = peakValue`), and with `τ = W` the decay is `peakValue * sqrt(W / t)`. Matches HF
 * in float64 to 1e-12 relative; non-increasing from `W` on.
 *
 * @param options The `inverseSqrt` config fields ({@link INVERSE_SQRT}); `peakValue` is required.
 * @returns The policy (no momentum), with its config recorded (the timescale written out).
 * @throws {TypeError} If a field has the wrong type or is unknown, or `peakValue` is missing.
 * @throws {RangeError} If a value is out of range (`timescale` a positive safe integer,
 *   `warmupSteps` a non-negative one, rates finite and >= 0).
 *
 * @example HF's own test: peak 10, two steps of warm-up
 * ```ts
 * import assert from "node:assert/strict";
 * import { inverseSqrt } from "cyclical-lr";
 * const lr = inverseSqrt({ peakValue: 10, warmupSteps: 2 });
 * const got = [0, 1, 2, 3, 4, 8].map((t) => Number(lr(t)[0].toFixed(3)));
 * assert.deepEqual(got, [0, 5, 10, 8.165, 7.071, 5]);
 * ```
 * @see {@link https://github.com/google-research/big_vision | big_vision rsqrt}
 */
export function inverseSqrt(options: InverseSqrtOptions): Policy {
  const o = INVERSE_SQRT.read(options);
  const w = o.warmupSteps, tau = o.timescale;
  const shift = tau - w; // exact: both are safe integers
  const factor = (t: number): number => {
    checkIteration(t);
    return t < w ? t / w : 1 / Math.sqrt((t + shift) / tau);
  };
  return INVERSE_SQRT.make(o, scaledValues(o.peakValue, factor));
}
