import type { Policy, PolicyLike } from "../types.ts";
import { checkIteration, fail } from "../_check.ts";
import { asPolicy, makePolicy } from "../schedule/policy.ts";
import { withoutConfig } from "../schedule/config_of.ts";

/**
 * Maps every value of a schedule: `mapSchedule(s, f)(t)[g] = f(s(t)[g], g, t)`. For
 * multiplying by a factor use `scaleBy`; for bounds, {@link clamp}. A result that is not
 * finite raises a `RangeError` naming the iteration and group, instead of spreading NaN into
 * the rates.
 *
 * Compositions: a cyclical policy is a unit signal (one group, in [0, 1]) repeated to every
 * group and mapped onto the bounds,
 * `mapSchedule(perGroup(unit, [1, 1]), (u, g) => baseLr[g] + (maxLr[g] - baseLr[g]) * u)`.
 *
 * @param schedule The schedule to map.
 * @param fn The map, given the value, the group index and the iteration.
 * @returns The mapped schedule.
 * @throws {TypeError} If `fn` is not a function.
 *
 * @example A floor under the rate, and a square root
 * ```ts
 * import assert from "node:assert/strict";
 * import { mapSchedule } from "cyclical-lr";
 * const s = mapSchedule((t) => [t, 4 * t], (v) => Math.sqrt(v));
 * assert.deepEqual(s(4), [2, 4]);
 * assert.throws(() => mapSchedule(() => [1], () => NaN)(3), /mapSchedule: expected a finite number at iteration 3 \(group 0\), got NaN/);
 * ```
 */
export function mapSchedule(schedule: PolicyLike, fn: (value: number, group: number, t: number) => number): Policy {
  const p = asPolicy(["schedule"], schedule);
  if (typeof fn !== "function") fail("fn", "a function", fn);
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    const v = p(t);
    const out = new Array<number>(v.length);
    for (let g = 0; g < v.length; g++) {
      const x: unknown = fn(v[g], g, t);
      out[g] = typeof x === "number" && Number.isFinite(x)
        ? x
        : fail("mapSchedule", `a finite number at iteration ${t} (group ${g})`, x);
    }
    return out;
  };
  return withoutConfig(
    makePolicy(lr, p.groups, p.momentum),
    "a mapSchedule (it applies a function, which has no config form)",
  );
}
