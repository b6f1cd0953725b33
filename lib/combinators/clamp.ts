import type { Policy, PolicyLike } from "../types.ts";
import { type FieldsOf, finiteNumber } from "../options/_kinds.ts";
import { invalid } from "../options/_errors.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { mapSchedule } from "./map_schedule.ts";
import { withoutConfig } from "../schedule/config_of.ts";

/** The bounds of {@link clamp}, checked by {@link CLAMP}. */
export interface ClampBounds {
  /** The lowest value (no bound below when left out), finite. */
  readonly min?: number;
  /** The highest value (no bound above when left out), finite and >= `min`. */
  readonly max?: number;
}

/**
 * The options table of {@link clamp}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CLAMP } from "cyclical-lr";
 * assert.throws(() => CLAMP.read({ min: 2, max: 1 }), { message: "max: expected a number >= min (2), got 1" });
 * ```
 */
export const CLAMP: OptionsTable<FieldsOf<ClampBounds, "min" | "max">> = optionsTable("clamp", {
  min: finiteNumber.optional(),
  max: finiteNumber.optional(),
}, {
  rules: [
    ({ min, max }) =>
      min !== undefined && max !== undefined && min > max
        ? invalid(["max"], `a number >= min (${min})`, max)
        : undefined,
  ],
});

/**
 * Keeps a schedule within bounds: `clamp(s, { min, max })(t)[g] = min(max, max(min, s(t)[g]))`.
 * A {@link mapSchedule} with a fixed map.
 *
 * @param schedule The schedule to bound.
 * @param bounds `min` (default -Infinity) and `max` (default Infinity), finite when given,
 *   with `min <= max`.
 * @returns The bounded policy (the rate only; momentum passes through).
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
export function clamp(schedule: PolicyLike, bounds: ClampBounds): Policy {
  const o = CLAMP.read(bounds);
  const lo = o.min ?? -Infinity, hi = o.max ?? Infinity;
  return withoutConfig(
    mapSchedule(schedule, (v) => (v < lo ? lo : v > hi ? hi : v)),
    "a clamp (clamp has no config form)",
  );
}
