import type { ScalarSchedule, Schedule } from "./types.ts";
import { finite } from "./_check.ts";

/**
 * Multiplies every group of a schedule by a factor, constant or changing with `t`:
 * `scaleBy(s, f)(t)[g] = s(t)[g] * f(t)`. The paper's `exp_range`, which shrinks both
 * bounds, is `scaleBy(triangular(o), (t) => gamma ** t)`.
 *
 * @param schedule The schedule to scale.
 * @param factor A number, or a scalar schedule giving the factor at each iteration.
 * @returns The scaled schedule.
 * @throws {RangeError} If a constant `factor` is not finite.
 *
 * @example The paper's exp_range: both bounds decay
 * ```ts
 * import assert from "node:assert/strict";
 * import { scaleBy, triangular } from "cyclical-lr";
 * const lr = scaleBy(triangular({ baseLr: 1, maxLr: 3, stepSizeUp: 2 }), (t) => 0.5 ** t);
 * assert.deepEqual(lr(2), [0.75]);
 * assert.deepEqual(lr(4), [0.0625]);
 * ```
 */
export function scaleBy(schedule: Schedule, factor: number | ScalarSchedule): Schedule {
  if (typeof factor === "number") {
    const k = finite("factor", factor);
    return (t) => schedule(t).map((v) => v * k);
  }
  return (t) => {
    const k = factor(t);
    return schedule(t).map((v) => v * k);
  };
}
