import type { Schedule } from "../types.ts";
import { fail, finite } from "../_check.ts";
import { mapSchedule } from "./map_schedule.ts";

/**
 * Keeps a schedule within bounds: `clamp(s, { min, max })(t)[g] = min(max, max(min, s(t)[g]))`.
 * A {@link mapSchedule} with a fixed map.
 *
 * @param schedule The schedule to bound.
 * @param bounds `min` (default -Infinity) and `max` (default Infinity), finite when given,
 *   with `min <= max`.
 * @returns The bounded schedule.
 * @throws {RangeError} If a bound is not finite or `min > max`.
 *
 * @example Never below 1e-5
 * ```ts
 * import assert from "node:assert/strict";
 * import { clamp } from "cyclical-lr";
 * const s = clamp((t) => [0.1 * 0.5 ** t], { min: 1e-5 });
 * assert.deepEqual(s(1), [0.05]);
 * assert.deepEqual(s(100), [1e-5]);
 * ```
 */
export function clamp(schedule: Schedule, bounds: { readonly min?: number; readonly max?: number }): Schedule {
  const lo = bounds.min === undefined ? -Infinity : finite("min", bounds.min);
  const hi = bounds.max === undefined ? Infinity : finite("max", bounds.max);
  if (lo > hi) fail("max", `a number >= min (${lo})`, hi);
  return mapSchedule(schedule, (v) => (v < lo ? lo : v > hi ? hi : v));
}
