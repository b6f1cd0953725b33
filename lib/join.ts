import type { Policy, Schedule } from "./types.ts";
import { checkIteration, fail, isNonNegativeInt } from "./_check.ts";
import { configOf, withConfig } from "./describe.ts";
import { agreeingGroups, groupsOf } from "./combinators/_groups.ts";
import { scalarsOf, withScalars } from "./scalar_form.ts";

/** Checks the children and the boundaries of a join. */
function checkJoin(what: string, children: readonly unknown[], boundaries: readonly number[]): void {
  if (!Array.isArray(children) || children.length === 0) fail(what, `a non-empty array of ${what}`, children);
  if (!Array.isArray(boundaries)) fail("boundaries", "an array of non-negative integers", boundaries);
  if (boundaries.length !== children.length - 1) {
    throw new RangeError(
      `boundaries: expected ${children.length - 1} values (one fewer than ${what}), got ${boundaries.length}`,
    );
  }
  boundaries.forEach((b: unknown, i) => {
    if (!isNonNegativeInt(b)) fail(`boundaries[${i}]`, "a non-negative integer", b);
    if (i > 0 && !(b > boundaries[i - 1])) {
      fail(`boundaries[${i}]`, `an integer above boundaries[${i - 1}] (${boundaries[i - 1]})`, b);
    }
  });
}

/** The joined schedule: child `i` on `[b[i-1], b[i])`, at local time `t - b[i-1]`. */
function isDefined<T>(x: T | undefined): x is T {
  return x !== undefined;
}

function joined(
  children: readonly Schedule[],
  counts: readonly number[],
  b: readonly number[],
  groups: number,
): Schedule {
  const n = children.length;
  const schedule: Schedule = (t) => {
    checkIteration(t);
    let i = n - 1;
    while (i > 0 && t < b[i - 1]) i--;
    const v = children[i](i === 0 ? t : t - b[i - 1]);
    if (counts[i] === groups) return v;
    return new Array<number>(groups).fill(v[0]);
  };
  // The scalar form exists when every child has one; a one-group child serves every group.
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
 * every child starts at its own local time 0. Children must give the same number of
 * groups; a one-group child is repeated to match (each child is evaluated once at 0 here to
 * learn its count).
 *
 * The join is continuous at `b[i]` when the children meet there, that is when
 * `schedules[i](b[i] - b[i-1]) = schedules[i+1](0)`: the step across the seam is then the
 * left child's own step.
 *
 * @param schedules The children, at least one.
 * @param boundaries Strictly increasing non-negative safe integers, one fewer than `schedules`.
 * @returns The joined schedule.
 * @throws {TypeError} If `schedules` is empty or a boundary is not a number.
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
export function join(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  checkJoin("schedules", schedules, boundaries);
  const counts = schedules.map((s, i) => groupsOf(`schedules[${i}]`, s));
  const groups = agreeingGroups("schedules", counts);
  return joined([...schedules], counts, [...boundaries], groups);
}

function isPolicy(p: unknown): p is Policy {
  return typeof p === "object" && p !== null && "lr" in p && typeof p.lr === "function" &&
    "groups" in p && typeof p.groups === "number";
}

/**
 * {@link join} for policies: joins the rates and, when every child has one, the momenta.
 * What a `join` config builds. Children that disagree about momentum are an error, as in
 * the config (`schedules[1]: expected momentum like schedules[0]`). The joined policy
 * records the config `{ policy: "join", schedules, boundaries }` when every child has a
 * recorded config (see `configOf`); otherwise it has none.
 *
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
export function joinPolicies(policies: readonly Policy[], boundaries: readonly number[]): Policy {
  checkJoin("schedules", policies, boundaries);
  policies.forEach((p: unknown, i) => {
    if (!isPolicy(p)) fail(`schedules[${i}]`, "a policy ({ lr, groups })", p);
  });
  const withMomentum = policies[0].momentum !== undefined;
  policies.forEach((p, i) => {
    if ((p.momentum !== undefined) !== withMomentum) {
      throw new TypeError(`schedules[${i}]: expected momentum like schedules[0]`);
    }
  });
  const counts = policies.map((p) => p.groups);
  const groups = agreeingGroups("schedules", counts);
  const b = [...boundaries];
  const lr = joined(policies.map((p) => p.lr), counts, b, groups);
  const momenta = policies.map((p) => p.momentum).filter((m) => m !== undefined);
  const policy: Policy = withMomentum ? { lr, momentum: joined(momenta, counts, b, groups), groups } : { lr, groups };
  const configs = policies.map((p) => configOf(p));
  if (!configs.every((c) => c !== undefined)) return policy;
  return withConfig(policy, { policy: "join", schedules: configs, boundaries: b });
}
