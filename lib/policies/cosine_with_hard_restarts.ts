import type { Policy } from "../types.ts";
import { type FieldsOf, GROUPS } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { cos } from "../_math/mod.ts";
import { CYCLE_COUNT, HF_WARMUP_FIELDS, hfSchedule, type HfWarmupOptions, warmupWithinTotal } from "./_hf.ts";

/** Options of {@link cosineWithHardRestarts}: HF's `get_cosine_with_hard_restarts_schedule_with_warmup` arguments. */
export interface CosineWithHardRestartsOptions extends HfWarmupOptions {
  /** Half cosines from the peak to 0 over the decay (HF's `num_cycles`; any real, not only an integer), in [0, 2^53]. */
  readonly numCycles?: number;
}

/**
 * The options table of {@link cosineWithHardRestarts} and of the `cosineWithHardRestarts` config.
 *
 * @example HF's default: one cycle
 * ```ts
 * import assert from "node:assert/strict";
 * import { COSINE_WITH_HARD_RESTARTS } from "cyclical-lr";
 * assert.equal(COSINE_WITH_HARD_RESTARTS.read({ peakValue: 1, totalSteps: 10 }).numCycles, 1);
 * ```
 */
export const COSINE_WITH_HARD_RESTARTS: PolicyTable<FieldsOf<CosineWithHardRestartsOptions, "groups">> = policyTable(
  "cosineWithHardRestarts",
  "cosineWithHardRestarts",
  { ...HF_WARMUP_FIELDS, numCycles: CYCLE_COUNT.default(1), groups: GROUPS },
  { rules: [warmupWithinTotal] },
);

/**
 * HF transformers' `get_cosine_with_hard_restarts_schedule_with_warmup` (the Trainer's
 * `"cosine_with_restarts"`): after a linear warm-up from 0, `numCycles` half cosines from
 * `peakValue` down to 0, each restarting at the peak. With `W = warmupSteps`,
 * `T = totalSteps`, `n = numCycles`: `lr = peakValue * factor(t)`,
 *
 * * `t < W`: `factor = t / max(1, W)`;
 * * else `p = (t - W) / max(1, T - W)`; `factor = 0` once `p >= 1`, else
 *   `max(0, 0.5 * (1 + cos(pi * ((n * p) % 1))))`, HF's lambda operation for operation.
 *
 * A real `n` is HF's too (its type hint says int; the arithmetic takes any float): with
 * `n = 1.5` the decay holds one full cycle and half of the next, cut off at `T`, where the
 * rate drops from half the peak to 0. The cycles restart where `n * p` crosses an integer
 * in floating point, as HF's `%` does. `n = 0` holds the peak until `T`. From `T` on the rate
 * is 0 (HF's `progress >= 1` branch), up to 2^53 - 1.
 *
 * @param options The `cosineWithHardRestarts` config fields ({@link COSINE_WITH_HARD_RESTARTS}); `peakValue` and `totalSteps` are required.
 * @returns The policy (no momentum); its config is recorded for encoding.
 * @throws {TypeError} If a field has the wrong type (a missing `peakValue` included) or is unknown.
 * @throws {RangeError} If a field is out of range (`warmupSteps` above `totalSteps` included).
 *
 * @example HF's own test: two cycles after two warm-up steps
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineWithHardRestarts } from "cyclical-lr";
 * const { lr } = cosineWithHardRestarts({ peakValue: 10, warmupSteps: 2, totalSteps: 10, numCycles: 2 });
 * const hf = [0.0, 5.0, 10.0, 8.53, 5.0, 1.46, 10.0, 8.53, 5.0, 1.46];
 * hf.forEach((v, t) => assert.ok(Math.abs(lr(t)[0] - v) < 1e-2));
 * assert.equal(lr(10)[0], 0);
 * ```
 * @example A non-integer number of cycles: the last one is cut at totalSteps
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineWithHardRestarts } from "cyclical-lr";
 * const { lr } = cosineWithHardRestarts({ peakValue: 1, totalSteps: 30, numCycles: 1.5 });
 * assert.equal(lr(20)[0], 1);
 * assert.ok(Math.abs(lr(29)[0] - 0.5 * (1 + Math.cos(Math.PI * 0.45))) < 1e-15);
 * assert.equal(lr(30)[0], 0);
 * ```
 * @see {@link https://huggingface.co/docs/transformers/main_classes/optimizer_schedules | HF transformers schedules}
 */
export function cosineWithHardRestarts(options: CosineWithHardRestartsOptions): Policy {
  const o = COSINE_WITH_HARD_RESTARTS.read(options);
  const n = o.numCycles;
  const lr = hfSchedule(o.peakValue, o.totalSteps, o.warmupSteps, (p) => {
    if (p >= 1) return 0;
    return Math.max(0, 0.5 * (1 + cos(Math.PI * ((n * p) % 1))));
  });
  return COSINE_WITH_HARD_RESTARTS.make(o, lr);
}
