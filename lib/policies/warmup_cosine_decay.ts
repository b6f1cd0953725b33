import type { PerGroup, Policy } from "../types.ts";
import { type FieldsOf, GROUPS, nonNegativeInt, perGroupRate, positive, positiveInt } from "../options/_kinds.ts";
import { invalid } from "../options/_errors.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { stretchSchedule } from "../signal/stretch.ts";
import { joinSchedules } from "../combinators/join.ts";
import { LARGEST } from "../_saturate.ts";
import { linearWeight } from "./polynomial.ts";
import { cosineWeightOf } from "./cosine_decay.ts";

/** Options of {@link warmupCosineDecay}: the fields of the `warmupCosineDecay` config, checked by {@link WARMUP_COSINE_DECAY}. */
export interface WarmupCosineDecayOptions {
  /** The value at iteration 0, where the warm-up starts, per group (finite, >= 0). */
  readonly initValue: PerGroup;
  /** The value at the end of the warm-up, where the decay starts, per group (finite, >= 0). */
  readonly peakValue: PerGroup;
  /** Iterations of the linear warm-up, a non-negative safe integer (0: no warm-up). */
  readonly warmupSteps: number;
  /** Iterations of warm-up and decay together, a safe integer above `warmupSteps`. */
  readonly decaySteps: number;
  /** The value at `decaySteps` and after, per group (finite, >= 0). */
  readonly endValue?: PerGroup;
  /** The power of the half cosine, finite and > 0. */
  readonly exponent?: number;
  /** Number of groups, when every per-group value is a number. */
  readonly groups?: number;
}

/**
 * The options table of {@link warmupCosineDecay} and of the `warmupCosineDecay` config
 * (optax `warmup_cosine_decay_schedule`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { WARMUP_COSINE_DECAY } from "cyclical-lr";
 * assert.throws(() => WARMUP_COSINE_DECAY.read({ initValue: 0, peakValue: 1, warmupSteps: 5, decaySteps: 5 }), {
 *   message: "decaySteps: expected an integer > warmupSteps (5), got 5",
 * });
 * ```
 */
export const WARMUP_COSINE_DECAY: PolicyTable<FieldsOf<WarmupCosineDecayOptions, "groups">> = policyTable(
  "warmupCosineDecay",
  "warmupCosineDecay",
  {
    initValue: perGroupRate.required(),
    peakValue: perGroupRate.required(),
    warmupSteps: nonNegativeInt.required(),
    decaySteps: positiveInt.required(),
    endValue: perGroupRate.default(0),
    exponent: positive.default(1),
    groups: GROUPS,
  },
  {
    rules: [
      ({ warmupSteps, decaySteps }) =>
        warmupSteps !== undefined && decaySteps !== undefined && decaySteps <= warmupSteps
          ? invalid(["decaySteps"], `an integer > warmupSteps (${warmupSteps})`, decaySteps)
          : undefined,
    ],
  },
);

/**
 * optax's `warmup_cosine_decay_schedule` as a policy: a linear warm-up from `initValue` to
 * `peakValue` over `warmupSteps` iterations, then a cosine decay to `endValue` at
 * `decaySteps` (which counts the warm-up), held after.
 *
 * As optax builds it, it is `join` of two schedules at boundary `W = warmupSteps`:
 * for `t < W`, the linear schedule `(initValue - peakValue) * (1 - t / W) + peakValue`;
 * for `t >= W`, the cosine decay of `peakValue` over `decaySteps - W` iterations at local
 * time `t - W`: `peakValue * ((1 - alpha) * w(t - W) + alpha)` with
 * `alpha = endValue / peakValue` (each group its own) and
 * `w(s) = (0.5 * (1 + cos(pi * min(s, D - W) / (D - W)))) ** exponent`. Matches optax
 * 0.2.9.dev (commit 2edbcbe) exactly. Documented edge cases, all as in optax: with `warmupSteps` 0 there is no
 * warm-up and `lr(0)` is `peakValue` (`initValue` is unused); with `peakValue` 0, `alpha`
 * is 0 and the rate is 0 from `W` on, whatever `endValue`. Where `endValue / peakValue`
 * overflows (a subnormal peak), the same value is computed as
 * `peakValue * w + endValue * (1 - w)` instead of optax's NaN. `decaySteps <= warmupSteps`
 * is an error, as in optax.
 *
 * @param options optax's arguments, camelCased, with per-group `initValue`, `peakValue`, `endValue`.
 * @returns The policy (no momentum), with its config recorded (`endValue`, `exponent` written out).
 * @throws {TypeError} If a field has the wrong type or a required one is missing.
 * @throws {RangeError} If a value is out of range: rates finite and >= 0, `warmupSteps` a
 *   non-negative safe integer, `decaySteps` a safe integer above it, `exponent` finite and > 0.
 *
 * @example optax's test: from 10 up to 0.5 in 100 steps, then down to 1e-4 at 1000
 * ```ts
 * import assert from "node:assert/strict";
 * import { warmupCosineDecay } from "cyclical-lr";
 * const { lr } = warmupCosineDecay({
 *   initValue: 10, peakValue: 0.5, warmupSteps: 100, decaySteps: 1000, endValue: 1e-4,
 * });
 * assert.equal(lr(0)[0], 10);
 * assert.equal(lr(100)[0], 0.5);
 * assert.ok(Math.abs(lr(1000)[0] - 1e-4) < 1e-18);
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax warmup_cosine_decay_schedule}
 */
export function warmupCosineDecay(options: WarmupCosineDecayOptions): Policy {
  const o = WARMUP_COSINE_DECAY.read(options);
  const { initValue: init, peakValue: peak, endValue: end, warmupSteps, groups: n } = o;
  const alpha = Float64Array.from(peak, (p, g) => (p === 0 ? 0 : end[g] / p));
  const weight = cosineWeightOf(o.decaySteps - warmupSteps, o.exponent);
  // optax's cosine_decay_schedule(peakValue, decaySteps - warmupSteps, alpha, exponent), per group
  const decay = (s: number): readonly number[] => {
    const w = weight(s);
    const out = new Array<number>(n);
    for (let g = 0; g < n; g++) {
      const a = alpha[g];
      const v = Number.isFinite(a) ? peak[g] * ((1 - a) * w + a) : peak[g] * w + end[g] * (1 - w);
      out[g] = Math.min(v, LARGEST);
    }
    return out;
  };
  // optax's join_schedules([linear_schedule(initValue, peakValue, warmupSteps), decay], [warmupSteps]);
  // with no warm-up the join only ever runs the decay.
  const lr = warmupSteps === 0
    ? decay
    : joinSchedules([stretchSchedule(peak, init, linearWeight(warmupSteps, 0)), decay], [warmupSteps], n);
  return WARMUP_COSINE_DECAY.make(o, lr);
}
