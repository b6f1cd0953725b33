import type { Policy, PolicyLike, Schedule } from "../types.ts";
import { checkIteration, EXPECTED } from "../_check.ts";
import { type FieldsOf, nonNegativeInt } from "../options/_kinds.ts";
import { throwErrors } from "../options/_errors.ts";
import { listKind, type OptionsTable, optionsTable } from "../options/table.ts";
import { makePolicy } from "../schedule/policy.ts";
import { childConfigs, withConfig, withNormalConfig, withoutConfig } from "../schedule/config_of.ts";
import { scalarsOf, withScalars } from "../schedule/scalars.ts";
import { boundaryErrors, childName, momentumErrors, readChildren } from "./_children.ts";

/** The fields of a `join` config beside its children; in code, `join`'s second argument. */
export interface JoinOptions {
  /** Strictly increasing iterations where the next child starts, one fewer than the children. */
  readonly boundaries: readonly number[];
}

/**
 * The options table of {@link join} and of the `join` config, beside its child configs
 * (`schedules`): the iterations where the next child starts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JOIN } from "cyclical-lr";
 * assert.throws(() => JOIN.read({ boundaries: [1, -2] }), {
 *   message: "boundaries[1]: expected a non-negative integer, got -2",
 * });
 * ```
 */
export const JOIN: OptionsTable<FieldsOf<JoinOptions>> = optionsTable("join", {
  boundaries: listKind(EXPECTED.boundaries, nonNegativeInt).required(),
});

function isDefined<T>(x: T | undefined): x is T {
  return x !== undefined;
}

/**
 * The joined schedule of children whose group counts are known: child `i` on
 * `[b[i-1], b[i])`, at local time `t - b[i-1]`; a one-group child serves every group.
 * @internal
 */
export function joinSchedules(children: readonly Schedule[], b: readonly number[], groups: number): Schedule {
  const n = children.length;
  const counts = children.map((c) => c(0).length);
  const schedule: Schedule = (t) => {
    checkIteration(t);
    let i = n - 1;
    while (i > 0 && t < b[i - 1]) i--;
    const v = children[i](i === 0 ? t : t - b[i - 1]);
    if (counts[i] === groups) return v;
    return new Array<number>(groups).fill(v[0]);
  };
  // The scalar form exists when every child has one.
  const forms = children.map(scalarsOf);
  if (!forms.every(isDefined)) return schedule;
  return withScalars(
    schedule,
    Array.from({ length: groups }, (_, g) => {
      const parts = forms.map((f, i) => (counts[i] === groups ? f[g] : f[0]));
      return (t: number) => {
        checkIteration(t);
        let i = n - 1;
        while (i > 0 && t < b[i - 1]) i--;
        return parts[i](i === 0 ? t : t - b[i - 1]);
      };
    }),
  );
}

/**
 * Runs schedules one after another, optax's `join_schedules`: on `[b[i-1], b[i])` (with
 * `b[-1] = 0` and the last child open-ended) the value is `schedules[i](t - b[i-1])`, so
 * every child starts at its own local time 0. Children are policies or plain schedules
 * (a plain schedule's group count is read from its value at 0); they must give the same
 * number of groups, and a one-group child is repeated to match. When every child schedules
 * momentum, the momenta are joined the same way; a mix is an error that names the children
 * and the fix. The join records the config `{ policy: "join", schedules, boundaries }` when
 * every child has a config.
 *
 * The join is continuous at `b[i]` when the children meet there, that is when
 * `schedules[i](b[i] - b[i-1]) = schedules[i+1](0)`: the step across the seam is then the
 * left child's own step.
 *
 * @param schedules The children (policies or schedules), at least one.
 * @param boundaries Strictly increasing non-negative safe integers, one fewer than `schedules`.
 * @returns The joined policy.
 * @throws {TypeError} If `schedules` is empty, a child is neither a schedule nor a policy, a
 *   boundary is not a number, or children disagree about momentum.
 * @throws {RangeError} If a boundary is out of order or negative, their count is wrong, or
 *   group counts disagree.
 *
 * @example optax's own test: 1, then 2 from step 3, then 1 from step 6
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "cyclical-lr";
 * const s = join([() => [1], () => [2], () => [1]], [3, 6]);
 * assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((t) => s(t)[0]), [1, 1, 1, 2, 2, 2, 1]);
 * const ramp = join([(t) => [t / 10], (t) => [1 - t / 100]], [10]);
 * assert.deepEqual([ramp(9)[0], ramp(10)[0], ramp(11)[0]], [0.9, 1, 0.99]);
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html#optax.schedules.join_schedules | optax join_schedules}
 */
export function join(schedules: readonly PolicyLike[], boundaries: readonly number[]): Policy {
  const { policies, groups } = readChildren("schedules", schedules);
  const { boundaries: b } = JOIN.read({ boundaries });
  const errors = [...boundaryErrors(policies.length, b), ...momentumErrors("schedules", policies.map(childName))];
  if (errors.length > 0) throwErrors(errors);
  const lr = joinSchedules(policies, b, groups);
  const momenta = policies.map((p) => p.momentum).filter(isDefined);
  const policy = makePolicy(lr, groups, momenta.length > 0 ? joinSchedules(momenta, b, groups) : undefined);
  const c = childConfigs("join", "schedules", policies);
  return "configs" in c
    ? (c.normal ? withNormalConfig : withConfig)(policy, { policy: "join", schedules: c.configs, boundaries: [...b] })
    : withoutConfig(policy, c.reason);
}

/**
 * The former name of {@link join} for policies, kept for 0.1 code: `join` now takes
 * policies and schedules alike.
 *
 * @deprecated Use {@link join}.
 * @param policies The children, at least one.
 * @param boundaries Strictly increasing non-negative safe integers, one fewer than `policies`.
 * @returns The joined policy.
 * @throws {TypeError} If a child is not a policy, or children disagree about momentum
 *   (`schedules[i]: expected momentum like schedules[0]`, whichever way they disagree).
 * @throws {RangeError} As {@link join}.
 *
 * @example Warm up for 100 iterations, then one cycle
 * ```ts
 * import assert from "node:assert/strict";
 * import { configOf, joinPolicies, oneCycle } from "cyclical-lr";
 * const p = joinPolicies([
 *   oneCycle({ maxLr: 0.1, totalSteps: 100, pctStart: 1, cycleMomentum: false }),
 *   oneCycle({ maxLr: 0.1, totalSteps: 900, pctStart: 0, divFactor: 1, cycleMomentum: false }),
 * ], [100]);
 * assert.equal(p.lr(99)[0], 0.1);
 * assert.equal(p.momentum, undefined);
 * assert.equal(configOf(p)?.policy, "join");
 * ```
 */
export function joinPolicies(policies: readonly PolicyLike[], boundaries: readonly number[]): Policy {
  return join(policies, boundaries);
}
