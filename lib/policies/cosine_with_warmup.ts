import type { Policy } from "../types.ts";
import { type FieldsOf, fraction, GROUPS } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { cos } from "../_math/mod.ts";
import { CYCLE_COUNT, HF_WARMUP_FIELDS, hfSchedule, type HfWarmupOptions, warmupWithinTotal } from "./_hf.ts";

/** Options of {@link cosineWithWarmup}: HF's `get_cosine_schedule_with_warmup` arguments, checked by {@link COSINE_WITH_WARMUP}. */
export interface CosineWithWarmupOptions extends HfWarmupOptions {
  /** Waves of the cosine over the decay (HF's `num_cycles`; 0.5: one half wave down), in [0, 2^53]. */
  readonly numCycles?: number;
  /** The floor as a fraction of `peakValue` (HF's `min_lr_rate` of `get_cosine_with_min_lr_schedule_with_warmup`), in [0, 1]. */
  readonly minLrRatio?: number;
}

/**
 * The options table of {@link cosineWithWarmup} and of the `cosineWithWarmup` config.
 *
 * @example HF's defaults; the warm-up must fit in totalSteps
 * ```ts
 * import assert from "node:assert/strict";
 * import { COSINE_WITH_WARMUP } from "cyclical-lr";
 * const v = COSINE_WITH_WARMUP.read({ peakValue: 1, totalSteps: 10 });
 * assert.deepEqual([v.warmupSteps, v.numCycles, v.minLrRatio], [0, 0.5, 0]);
 * assert.throws(() => COSINE_WITH_WARMUP.read({ peakValue: 1, totalSteps: 10, warmupSteps: 11 }), {
 *   message: "warmupSteps: expected a non-negative integer at most totalSteps (10), got 11",
 * });
 * ```
 */
export const COSINE_WITH_WARMUP: PolicyTable<FieldsOf<CosineWithWarmupOptions, "groups">> = policyTable(
  "cosineWithWarmup",
  "cosineWithWarmup",
  { ...HF_WARMUP_FIELDS, numCycles: CYCLE_COUNT.default(0.5), minLrRatio: fraction.default(0), groups: GROUPS },
  { rules: [warmupWithinTotal] },
);

/**
 * HF transformers' `get_cosine_schedule_with_warmup` (the Trainer's `"cosine"`), with the
 * floor of `get_cosine_with_min_lr_schedule_with_warmup` (`"cosine_with_min_lr"`,
 * `min_lr_rate`): `lr = peakValue * factor(t)` with, for `W = warmupSteps`,
 * `T = totalSteps`, `n = numCycles`, `r = minLrRatio`,
 *
 * * `t < W`: `factor = t / max(1, W)` (HF's `t / W` warm-up: 0 at `t = 0`);
 * * else `p = (t - W) / max(1, T - W)` and
 *   `factor = max(0, 0.5 * (1 + cos(pi * n * 2 * p)) * (1 - r) + r)`, HF's lambda
 *   operation for operation.
 *
 * With `n = 0.5` the rate falls from `peakValue` to `r * peakValue` at `T`; with `n = 1` it
 * falls and rises back to the peak at `T`; `n = 0` holds the peak. Past `T` the cosine goes
 * on as HF's does (for `n = 0.5` the rate rises again, reaching the peak at `2T - W`): to
 * hold the final value, join with a constant. `warmupSteps` may equal `totalSteps` (HF's
 * `max(1, ·)` then decays over one step per wave); a longer warm-up is refused. HF's other
 * warm-up, `(t + 1) / W` with progress `(t - W + 1) / (T - W)`
 * (`get_cosine_with_min_lr_schedule_with_warmup_lr_rate` without `warmup_lr_rate`), is this
 * schedule one iteration later: `resumeAt(cosineWithWarmup(o), 1)`.
 *
 * @param options The `cosineWithWarmup` config fields ({@link COSINE_WITH_WARMUP}); `peakValue` and `totalSteps` are required.
 * @returns The policy (no momentum); its config is recorded for encoding.
 * @throws {TypeError} If a field has the wrong type (a missing `peakValue` included) or is unknown.
 * @throws {RangeError} If a field is out of range (`warmupSteps` above `totalSteps` included).
 *
 * @example HF's own test: peak 10, 2 warm-up steps, 10 steps
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineWithWarmup } from "cyclical-lr";
 * const { lr } = cosineWithWarmup({ peakValue: 10, warmupSteps: 2, totalSteps: 10 });
 * const hf = [0.0, 5.0, 10.0, 9.61, 8.53, 6.91, 5.0, 3.08, 1.46, 0.38];
 * hf.forEach((v, t) => assert.ok(Math.abs(lr(t)[0] - v) < 1e-2));
 * assert.equal(lr(10)[0], 0);
 * ```
 * @example One full wave: down and back up to the peak
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineWithWarmup } from "cyclical-lr";
 * const { lr } = cosineWithWarmup({ peakValue: 1, totalSteps: 100, numCycles: 1, minLrRatio: 0.1 });
 * assert.ok(Math.abs(lr(50)[0] - 0.1) < 1e-15);
 * assert.ok(Math.abs(lr(100)[0] - 1) < 1e-15);
 * ```
 * @see {@link https://huggingface.co/docs/transformers/main_classes/optimizer_schedules | HF transformers schedules}
 */
export function cosineWithWarmup(options: CosineWithWarmupOptions): Policy {
  const o = COSINE_WITH_WARMUP.read(options);
  const { numCycles: n, minLrRatio: r } = o;
  const lr = hfSchedule(o.peakValue, o.totalSteps, o.warmupSteps, (p) => {
    const factor = 0.5 * (1 + cos(Math.PI * n * 2 * p));
    return Math.max(0, factor * (1 - r) + r);
  });
  return COSINE_WITH_WARMUP.make(o, lr);
}
