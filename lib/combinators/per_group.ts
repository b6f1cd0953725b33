import type { Policy, PolicyLike, Schedule } from "../types.ts";
import { checkIteration, fail, finite } from "../_check.ts";
import { saturate } from "../_saturate.ts";
import { throwErrors } from "../options/_errors.ts";
import { asPolicy, makePolicy } from "../schedule/policy.ts";
import { withoutConfig } from "../schedule/config_of.ts";
import { childName, momentumErrors } from "./_children.ts";

/**
 * Different schedules, or different multipliers, per parameter group.
 *
 * - `perGroup([s0, s1, ...])` puts the groups of the schedules side by side: with one-group
 *   children, group `g` follows `schedules[g]` (for example a warmed-up backbone and a
 *   cycling head).
 * - `perGroup(s, multipliers)` gives group `g` the value `s(t)[g] * multipliers[g]` (fastai's
 *   discriminative rates); a one-group `s` is repeated to `multipliers.length` groups. A
 *   product beyond the largest double is held at `±Number.MAX_VALUE`, as in {@link product}.
 *
 * @param schedules The schedules whose groups are concatenated, at least one.
 * @returns The combined policy; it has momentum when every child has (side by side, too).
 * @throws {TypeError} If there are no schedules, one is not a schedule or policy, or children
 *   disagree about momentum.
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
export function perGroup(schedules: readonly PolicyLike[]): Policy;
/**
 * The second form: one schedule, times a multiplier per group.
 *
 * @param schedule A schedule of one group, or of `multipliers.length` groups.
 * @param multipliers One finite factor per group (at least one).
 * @returns The scaled policy, with `multipliers.length` groups; momentum passes through.
 * @throws {RangeError} If a multiplier is not finite or the group counts disagree.
 */
export function perGroup(schedule: PolicyLike, multipliers: readonly number[]): Policy;
export function perGroup(first: PolicyLike | readonly PolicyLike[], multipliers?: readonly number[]): Policy {
  if (!Array.isArray(first)) return scaled(asPolicy(["schedule"], first), multipliers);
  if (first.length === 0) fail("schedules", "a non-empty array of schedules", first);
  const children = first.map((s: unknown, i) => asPolicy(["schedules", i], s));
  const errors = momentumErrors("schedules", children.map(childName));
  if (errors.length > 0) throwErrors(errors);
  const side = (parts: readonly Schedule[]): Schedule => {
    const counts = children.map((c) => c.groups);
    const groups = counts.reduce((a, b) => a + b, 0);
    return (t) => {
      checkIteration(t);
      const out = new Array<number>(groups);
      let k = 0;
      for (let i = 0; i < parts.length; i++) {
        const v = parts[i](t);
        for (let g = 0; g < counts[i]; g++) out[k++] = v[g];
      }
      return out;
    };
  };
  const momenta = children.map((c) => c.momentum);
  const momentum = momenta.every((m) => m !== undefined) ? side(momenta.filter((m) => m !== undefined)) : undefined;
  const groups = children.reduce((a, c) => a + c.groups, 0);
  return withoutConfig(makePolicy(side(children), groups, momentum), "a perGroup (perGroup has no config form)");
}

/** Repeats a one-group schedule to `groups` groups. */
function widened(schedule: Schedule, count: number, groups: number): Schedule {
  if (count === groups) return schedule;
  return (t) => new Array<number>(groups).fill(schedule(t)[0]);
}

function scaled(policy: Policy, multipliers: readonly number[] | undefined): Policy {
  if (!Array.isArray(multipliers) || multipliers.length === 0) {
    fail("multipliers", "a non-empty array of finite numbers", multipliers);
  }
  const m = multipliers.map((x: unknown, i) => finite(`multipliers[${i}]`, x));
  const count = policy.groups;
  const groups = m.length;
  if (count !== 1 && count !== groups) {
    throw new RangeError(`multipliers: expected ${count} values (one per group of schedule), got ${groups}`);
  }
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    const v = policy(t);
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = saturate((count === 1 ? v[0] : v[g]) * m[g]);
    return out;
  };
  const momentum = policy.momentum === undefined ? undefined : widened(policy.momentum, count, groups);
  return withoutConfig(makePolicy(lr, groups, momentum), "a perGroup (perGroup has no config form)");
}
