import type { Schedule } from "../types.ts";
import { checkIteration, fail, finite } from "../_check.ts";
import { groupsOf } from "./_groups.ts";

/**
 * Different schedules, or different multipliers, per parameter group.
 *
 * - `perGroup([s0, s1, ...])` puts the groups of the schedules side by side: with one-group
 *   children, group `g` follows `schedules[g]` (for example a warmed-up backbone and a
 *   cycling head).
 * - `perGroup(s, multipliers)` gives group `g` the value `s(t)[g] * multipliers[g]` (fastai's
 *   discriminative rates); a one-group `s` is repeated to `multipliers.length` groups.
 *
 * @param schedules The schedules whose groups are concatenated, at least one.
 * @returns The combined schedule.
 * @throws {TypeError} If there are no schedules or one is not a function.
 *
 * @example Two one-group schedules, and multipliers of one schedule
 * ```ts
 * import assert from "node:assert/strict";
 * import { perGroup } from "cyclical-lr";
 * const both = perGroup([(t) => [0.1 * t], () => [0.5]]);
 * assert.deepEqual(both(2), [0.2, 0.5]);
 * const layers = perGroup(() => [0.1], [0.01, 0.1, 1]);
 * assert.deepEqual(layers(0), [0.001, 0.010000000000000002, 0.1]);
 * ```
 */
export function perGroup(schedules: readonly Schedule[]): Schedule;
/**
 * The second form: one schedule, times a multiplier per group.
 *
 * @param schedule A schedule of one group, or of `multipliers.length` groups.
 * @param multipliers One finite factor per group (at least one).
 * @returns The scaled schedule, with `multipliers.length` groups.
 * @throws {RangeError} If a multiplier is not finite or the group counts disagree.
 */
export function perGroup(schedule: Schedule, multipliers: readonly number[]): Schedule;
export function perGroup(first: Schedule | readonly Schedule[], multipliers?: readonly number[]): Schedule {
  if (typeof first === "function") return scaled(first, multipliers);
  if (!Array.isArray(first) || first.length === 0) fail("schedules", "a non-empty array of schedules", first);
  const children: readonly Schedule[] = first;
  const counts = children.map((s, i) => groupsOf(`schedules[${i}]`, s));
  const groups = counts.reduce((a, b) => a + b, 0);
  return (t) => {
    checkIteration(t);
    const out = new Array<number>(groups);
    let k = 0;
    for (let i = 0; i < children.length; i++) {
      const v = children[i](t);
      for (let g = 0; g < counts[i]; g++) out[k++] = v[g];
    }
    return out;
  };
}

function scaled(schedule: Schedule, multipliers: readonly number[] | undefined): Schedule {
  if (!Array.isArray(multipliers) || multipliers.length === 0) {
    fail("multipliers", "a non-empty array of finite numbers", multipliers);
  }
  const m = multipliers.map((x: unknown, i) => finite(`multipliers[${i}]`, x));
  const count = groupsOf("schedule", schedule);
  const groups = m.length;
  if (count !== 1 && count !== groups) {
    throw new RangeError(`multipliers: expected ${count} values (one per group of schedule), got ${groups}`);
  }
  return (t) => {
    checkIteration(t);
    const v = schedule(t);
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = (count === 1 ? v[0] : v[g]) * m[g];
    return out;
  };
}
