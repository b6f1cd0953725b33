/**
 * The one composable shape: a {@link Policy} is its learning-rate schedule with `groups`
 * and an optional `momentum` beside it. Factories make policies; combinators and the
 * optimizer take any {@link PolicyLike} and read it through {@link asPolicy}.
 *
 * @module
 */
import type { Policy, PolicyLike, Schedule } from "../types.ts";
import { EXPECTED, fail, isFiniteNumber, isPositiveInt, pathText } from "../_check.ts";
import { MAX_GROUPS } from "../options/_kinds.ts";
import { scalarsOf, withScalars } from "./scalars.ts";
import { configOf, withConfig, withoutConfig } from "./config_of.ts";
import { isMetricPolicy } from "../metric/metric_policy.ts";

/** The policies this library made: read as they are, never wrapped again. */
const made = new WeakSet<object>();

/**
 * Makes a policy from its learning-rate schedule, its group count and its momentum.
 * Without momentum the schedule becomes the policy (its own `lr`); with momentum, `lr` is
 * the rate alone (a policy without momentum, so that `policy.lr` can be passed where only
 * the rate is wanted) and the policy is a new function of the same values. A schedule that
 * already is a policy is never changed: a new function with the same values (and scalar
 * form) is made.
 *
 * @param lr The learning rate per group.
 * @param groups The number of groups every call returns.
 * @param momentum The momentum per group, if the policy schedules it.
 * @returns The policy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makePolicy } from "cyclical-lr";
 * const p = makePolicy((t) => [1 / (t + 1)], 1);
 * assert.equal(p.lr, p);
 * assert.deepEqual(p(1), [0.5]);
 * const withMomentum = makePolicy((t) => [1 / (t + 1)], 1, () => [0.9]);
 * assert.deepEqual(withMomentum.lr(1), [0.5]);
 * assert.equal(withMomentum.lr.momentum, undefined);
 * ```
 */
export function makePolicy(lr: Schedule, groups: number, momentum?: Schedule): Policy {
  if (momentum === undefined) {
    const fn = fresh(lr);
    return decorate(fn, fn, groups, undefined);
  }
  const rate = makePolicy(lr, groups);
  return decorate(copy(rate), rate, groups, momentum);
}

/** `fn` itself when it may be decorated, else a new function with its values and scalar form. */
function fresh(fn: Schedule): Schedule {
  return made.has(fn) || !Object.isExtensible(fn) ? copy(fn) : fn;
}

/** A new function with the values and the scalar form of `fn`. */
function copy(fn: Schedule): Schedule {
  const out: Schedule = (t) => fn(t);
  const scalars = scalarsOf(fn);
  return scalars === undefined ? out : withScalars(out, scalars);
}

function decorate(fn: Schedule, rate: Schedule, groups: number, momentum: Schedule | undefined): Policy {
  // `rate` is fn itself, or a policy made just before: either way a policy once decorated.
  Object.defineProperty(fn, "lr", { value: rate, enumerable: true });
  Object.defineProperty(fn, "groups", { value: groups, enumerable: true });
  if (momentum !== undefined) Object.defineProperty(fn, "momentum", { value: momentum, enumerable: true });
  Object.freeze(fn);
  made.add(fn);
  return policyOf(fn);
}

/** The policy a decorated schedule is, seen through its type. */
function policyOf(fn: Schedule): Policy {
  // makePolicy defined lr, groups and momentum on fn just above: this is that object.
  return fn as Policy;
}

/**
 * Whether `v` is a policy this library made (a factory's or a combinator's result).
 *
 * @param v Any value.
 * @returns Whether it is such a policy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPolicy, triangular } from "cyclical-lr";
 * assert.equal(isPolicy(triangular({ baseLr: 0, maxLr: 1, stepSize: 2 })), true);
 * assert.equal(isPolicy((t: number) => [t]), false);
 * ```
 */
export function isPolicy(v: unknown): v is Policy {
  return typeof v === "function" && made.has(v);
}

/** A user's schedule, checked where its values enter: `groups` finite numbers at every call. */
function checked(field: readonly (string | number)[], fn: (t: number) => unknown, groups: number): Schedule {
  return (t) => {
    const v = fn(t);
    if (Array.isArray(v) && v.length === groups) {
      let ok = true;
      for (let g = 0; g < groups; g++) if (!isFiniteNumber(v[g])) ok = false;
      if (ok) return v;
    }
    return fail(`${pathText(field)}(${t})`, `${groups} finite numbers (one per group)`, v);
  };
}

/** The group count of a user's schedule: the length of `schedule(0)`, which must be finite numbers. */
function groupsAt0(field: readonly (string | number)[], fn: (t: number) => unknown): number {
  const v = fn(0);
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_GROUPS || !v.every(isFiniteNumber)) {
    fail(`${pathText(field)}(0)`, `a non-empty array of finite numbers (at most ${MAX_GROUPS})`, v);
  }
  return v.length;
}

/** The policy made of a user's value, with the config recorded for that value if any. */
function kept(value: object, policy: Policy, reason: string): Policy {
  const config = configOf(value);
  return config === undefined ? withoutConfig(policy, reason) : withConfig(policy, config);
}

/**
 * Reads anything a combinator or optimizer accepts as a policy: a policy made here (taken
 * as it is), a plain schedule (a policy without momentum; its group count is the length of
 * `schedule(0)`), or an object `{ lr, momentum?, groups? }`. A user's functions are checked
 * where their values enter: every call must give one finite number per group, else a
 * `RangeError` names the piece and the iteration.
 *
 * @param field Where the value was given, for errors (`["schedules", 1]`).
 * @param value The value.
 * @returns The policy.
 * @throws {TypeError} If the value is neither a schedule nor a policy.
 * @throws {RangeError} If its values at 0 are not a non-empty array of finite numbers, or
 *   `groups` disagrees with them.
 *
 * @example A plain schedule and a `{ lr, groups }` object
 * ```ts
 * import assert from "node:assert/strict";
 * import { asPolicy } from "cyclical-lr";
 * assert.equal(asPolicy(["schedule"], (t) => [t, 2 * t]).groups, 2);
 * const p = asPolicy(["policy"], { lr: () => [0.1], momentum: () => [0.9], groups: 1 });
 * assert.deepEqual(p.momentum?.(3), [0.9]);
 * assert.throws(() => asPolicy(["schedule"], (t: number) => [t === 3 ? NaN : t])(3), {
 *   message: "schedule(3): expected 1 finite numbers (one per group), got [NaN]",
 * });
 * ```
 */
export function asPolicy(field: readonly (string | number)[], value: PolicyLike): Policy;
/**
 * The same, for a value of unknown type (a caller's argument not checked yet).
 *
 * @param field Where the value was given.
 * @param value The value.
 * @returns The policy.
 */
export function asPolicy(field: readonly (string | number)[], value: unknown): Policy;
export function asPolicy(field: readonly (string | number)[], value: unknown): Policy {
  if (isPolicy(value)) return value;
  if (isMetricPolicy(value)) {
    // A combinator that does not listen would drop the metric: say how to compose it instead.
    throw new TypeError(
      `${pathText(field) || "policy"}: expected a schedule or a policy, got a metric-driven policy ` +
        "(compose it with joinMetric or mapMetric, or make it a policy of the iteration with hear(policy, observations))",
    );
  }
  // A function with an `lr` of its own is a policy (of another copy of this library, say),
  // read by its parts; any other function is a plain schedule.
  if (typeof value === "function" && !("lr" in value && typeof value.lr === "function")) {
    const fn = (t: number): unknown => value(t);
    const groups = groupsAt0(field, fn);
    const policy = makePolicy(checked(field, fn, groups), groups);
    return kept(value, policy, "a hand-written schedule");
  }
  if (
    (typeof value === "object" || typeof value === "function") && value !== null && "lr" in value &&
    typeof value.lr === "function"
  ) {
    const { lr } = value;
    const m: unknown = "momentum" in value ? value.momentum : undefined;
    const g: unknown = "groups" in value ? value.groups : undefined;
    if (m !== undefined && typeof m !== "function") {
      fail(pathText([...field, "momentum"]), "a schedule (a function) or undefined", m);
    }
    const lrFn = (t: number): unknown => lr(t);
    const groups = groupsAt0([...field, "lr"], lrFn);
    if (g !== undefined && !isPositiveInt(g)) fail(pathText([...field, "groups"]), EXPECTED.positiveInt, g);
    if (g !== undefined && g !== groups) fail(pathText([...field, "groups"]), `${groups} (the length of lr(0))`, g);
    let momentum: Schedule | undefined;
    if (typeof m === "function") {
      const mFn = (t: number): unknown => m(t);
      if (groupsAt0([...field, "momentum"], mFn) !== groups) {
        fail(pathText([...field, "momentum"]) + "(0)", `${groups} finite numbers (as lr(0))`, mFn(0));
      }
      momentum = checked([...field, "momentum"], mFn, groups);
    }
    const policy = makePolicy(checked([...field, "lr"], lrFn, groups), groups, momentum);
    return kept(value, policy, "a hand-written policy");
  }
  return fail(
    pathText(field) || "policy",
    "a schedule (a function of the iteration) or a policy { lr, momentum?, groups }",
    value,
  );
}

/**
 * The rate and momentum of anything that may be a policy: a policy, a `{ lr, momentum? }`
 * object, or a bare schedule (its own rate, no momentum). For the functions that also take
 * a scalar schedule (plots, laws), which are read as they are.
 *
 * @param x A policy, a policy-like object or a schedule.
 * @returns Its rate schedule and its momentum, if any.
 * @internal
 */
export function partsOf<S>(x: S | { readonly lr: S; readonly momentum?: S }): { lr: S; momentum?: S } {
  if (typeof x === "object" && x !== null && "lr" in x) {
    return { lr: x.lr, ...(x.momentum ? { momentum: x.momentum } : {}) };
  }
  if (isPolicy(x)) return x.momentum ? { lr: x, momentum: x.momentum as S } : { lr: x };
  return { lr: x };
}
