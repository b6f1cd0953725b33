/**
 * Internal: what HF transformers' warm-up schedules (`optimization.py`) share: the fields
 * of a linear warm-up into a decay that ends at `totalSteps`, the lambda's warm-up and
 * progress, and the scaling by the peak (`LambdaLR`: `lr = base_lr * lambda(t)`).
 *
 * @module
 */
import type { PerGroup, Schedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { kind, nonNegativeInt, perGroupRate, positiveInt } from "../options/_kinds.ts";
import { invalid, type OptionError } from "../options/_errors.ts";
import { scaledValues } from "../signal/stretch.ts";

/** The options every HF warm-up schedule takes (HF's names as the `wsd` config spells them). */
export interface HfWarmupOptions {
  /** The rate after the warm-up (the optimizer's `lr`, which HF's lambda multiplies), per group. */
  readonly peakValue: PerGroup;
  /** The iteration where the decay ends (HF's `num_training_steps`), a positive safe integer. */
  readonly totalSteps: number;
  /** Iterations of linear warm-up from 0 (HF's `num_warmup_steps`), at most `totalSteps`. */
  readonly warmupSteps?: number;
  /** Number of groups, when `peakValue` is a number. */
  readonly groups?: number;
}

/** The fields of {@link HfWarmupOptions} (without `groups`). */
export const HF_WARMUP_FIELDS = {
  peakValue: perGroupRate.required(),
  totalSteps: positiveInt.required(),
  warmupSteps: nonNegativeInt.default(0),
} as const;

/** A number of cycles: finite, >= 0 and at most 2^53, so that `pi * numCycles * 2 * progress` stays finite. */
export const CYCLE_COUNT = kind(
  "a number in [0, 2^53]",
  (v): v is number => typeof v === "number" && v >= 0 && v <= 2 ** 53,
);

/** The rule `warmupSteps <= totalSteps` (HF's `max(1, total - warmup)` hides a longer warm-up). */
export function warmupWithinTotal(
  { totalSteps, warmupSteps }: { readonly totalSteps?: number; readonly warmupSteps?: number },
): OptionError | undefined {
  return totalSteps !== undefined && warmupSteps !== undefined && warmupSteps > totalSteps
    ? invalid(["warmupSteps"], `a non-negative integer at most totalSteps (${totalSteps})`, warmupSteps)
    : undefined;
}

/**
 * `peakValue * factor(t)` per group, where `factor` is HF's lambda after the warm-up:
 * `t / max(1, W)` for `t < W`, else `after(progress)` with
 * `progress = (t - W) / max(1, T - W)`, HF's `float(current_step - num_warmup_steps) /
 * float(max(1, num_training_steps - num_warmup_steps))`.
 *
 * @internal
 */
export function hfSchedule(
  peakValue: readonly number[],
  totalSteps: number,
  warmupSteps: number,
  after: (progress: number) => number,
): Schedule {
  const w = warmupSteps, d = Math.max(1, totalSteps - w);
  const factor = (t: number): number => {
    checkIteration(t);
    return t < w ? t / Math.max(1, w) : after((t - w) / d);
  };
  return scaledValues(peakValue, factor);
}
