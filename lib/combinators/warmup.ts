import type { PerGroup, Schedule } from "../types.ts";
import { nonNegativeInt, oneOf } from "../_check.ts";
import { resolveGroups } from "../groups.ts";
import { join } from "../join.ts";
import { annealCos, annealLinear } from "./anneal.ts";
import { groupsOf } from "./_groups.ts";
import { phases } from "./phases.ts";

/** Options of {@link warmup}. */
export interface WarmupOptions {
  /** Iterations of the ramp, a non-negative safe integer (0: no warm-up). */
  readonly steps: number;
  /** The value at iteration 0, per group. @default 0 */
  readonly from?: PerGroup;
  /** The ramp's shape: `"linear"`, or `"cos"` (flat at both ends). @default "linear" */
  readonly shape?: "linear" | "cos";
}

/**
 * Prefixes a schedule with a warm-up ramp: for `t < steps` the value ramps from `from`
 * towards `schedule(0)`, and from `steps` on it is `schedule(t - steps)`, so the wrapped
 * schedule keeps its own time and starts at its own iteration 0 (it is delayed, not
 * overlaid). The ramp ends where the schedule starts, so the seam is continuous:
 * linear `from + (s(0) - from) * t / steps`, or cosine
 * `s(0) + (from - s(0)) / 2 * (cos(pi * t / steps) + 1)`. This is
 * `join([ramp, schedule], [steps])`, as optax builds `warmup_cosine_decay_schedule`.
 *
 * To overlay instead (keep the schedule's time and scale its first iterations), multiply:
 * `scaleBy(schedule, (t) => Math.min(1, (t + 1) / steps))`.
 *
 * Compositions: two-phase one-cycle with `p * T` an integer is
 * `warmup(cosine anneal from maxLr to minLr over T - p * T iterations, { steps: p * T - 1, from: maxLr / divFactor, shape: "cos" })`.
 *
 * @param schedule The schedule to warm up into (evaluated once at 0; values must be >= 0).
 * @param options The ramp's length, start value and shape.
 * @returns The warmed-up schedule.
 * @throws {RangeError} If `steps` is not a non-negative safe integer or `from` is not a
 *   finite number >= 0 (or has the wrong number of groups).
 * @throws {TypeError} If `shape` is not `"linear"` or `"cos"`.
 *
 * @example Five iterations of linear warm-up into a constant
 * ```ts
 * import assert from "node:assert/strict";
 * import { warmup } from "cyclical-lr";
 * const lr = warmup((t) => [1 / (1 + t)], { steps: 4 });
 * assert.deepEqual([0, 1, 2, 3, 4, 5].map((t) => lr(t)[0]), [0, 0.25, 0.5, 0.75, 1, 0.5]);
 * ```
 */
export function warmup(schedule: Schedule, options: WarmupOptions): Schedule {
  const steps = nonNegativeInt("steps", options.steps);
  const shape = oneOf("shape", ["linear", "cos"], options.shape ?? "linear");
  const groups = groupsOf("schedule", schedule);
  const { values } = resolveGroups({ from: options.from ?? 0 }, groups);
  if (steps === 0) return schedule;
  const ramp = phases([{
    end: steps,
    from: values.from,
    to: [...schedule(0)],
    anneal: shape === "cos" ? annealCos : annealLinear,
  }], { groups });
  return join([ramp, schedule], [steps]);
}
