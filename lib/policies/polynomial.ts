import type { PerGroup, Policy, ScalarSchedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { type FieldsOf, GROUPS, nonNegativeInt, perGroupRate, positive, positiveInt } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { stretchSchedule } from "../signal/stretch.ts";
import { pow } from "../_math/mod.ts";

/** Options of {@link polynomialWeight}: the shape of optax's polynomial transition. */
export interface PolynomialWeightOptions {
  /** The power of the polynomial, finite and > 0. */
  readonly power: number;
  /** Iterations of the transition, a positive safe integer. */
  readonly transitionSteps: number;
  /** Iterations held at the start before the transition begins. */
  readonly transitionBegin?: number;
}

/** Options of `linear`: the fields of the `linear` config, checked by {@link LINEAR}. */
export interface LinearOptions {
  /** The value before and at the start of the transition, per group (finite, >= 0). */
  readonly initValue: PerGroup;
  /** The value at and after the end of the transition, per group (finite, >= 0). */
  readonly endValue: PerGroup;
  /** Iterations of the transition, a positive safe integer. */
  readonly transitionSteps: number;
  /** Iterations held at `initValue` before the transition begins. */
  readonly transitionBegin?: number;
  /** Number of groups, when every per-group value is a number. */
  readonly groups?: number;
}

/** Options of {@link polynomial}: the fields of the `polynomial` config, checked by {@link POLYNOMIAL}. */
export interface PolynomialOptions extends LinearOptions {
  /** The power of the polynomial, finite and > 0. */
  readonly power: number;
}

const TRANSITION_FIELDS = {
  transitionSteps: positiveInt.required(),
  transitionBegin: nonNegativeInt.default(0),
} as const;

/**
 * The options table of {@link polynomialWeight}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { POLYNOMIAL_WEIGHT } from "cyclical-lr";
 * assert.equal(POLYNOMIAL_WEIGHT.read({ power: 2, transitionSteps: 5 }).transitionBegin, 0);
 * ```
 */
export const POLYNOMIAL_WEIGHT: OptionsTable<FieldsOf<PolynomialWeightOptions>> = optionsTable("polynomialWeight", {
  power: positive.required(),
  ...TRANSITION_FIELDS,
});

const ENDS = { initValue: perGroupRate.required(), endValue: perGroupRate.required() } as const;

/**
 * The options table of {@link polynomial} and of the `polynomial` config (optax `polynomial_schedule`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { POLYNOMIAL } from "cyclical-lr";
 * assert.deepEqual(Object.keys(POLYNOMIAL.fields), [
 *   "initValue", "endValue", "power", "transitionSteps", "transitionBegin", "groups",
 * ]);
 * ```
 */
export const POLYNOMIAL: PolicyTable<FieldsOf<PolynomialOptions, "groups">> = policyTable("polynomial", "polynomial", {
  ...ENDS,
  power: positive.required(),
  ...TRANSITION_FIELDS,
  groups: GROUPS,
});

/**
 * The options table of `linear` and of the `linear` config (optax `linear_schedule`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LINEAR } from "cyclical-lr";
 * assert.equal(LINEAR.policy, "linear");
 * ```
 */
export const LINEAR: PolicyTable<FieldsOf<LinearOptions, "groups">> = policyTable("linear", "linear", {
  ...ENDS,
  ...TRANSITION_FIELDS,
  groups: GROUPS,
});

/** The weight of checked options. */
function weightOf(power: number, steps: number, begin: number): ScalarSchedule {
  return (t) => {
    checkIteration(t);
    const count = Math.min(Math.max(t - begin, 0), steps);
    const frac = 1 - count / steps;
    return power === 1 ? frac : pow(frac, power);
  };
}

/**
 * The unit signal of optax's `polynomial_schedule`: 1 until `transitionBegin`, then
 * `(1 - count / transitionSteps) ** power`, 0 from `transitionBegin + transitionSteps` on,
 * where `count = clip(t - transitionBegin, 0, transitionSteps)`. Stretched between two
 * values with {@link stretch} it is the polynomial decay (see {@link polynomial}).
 *
 * @param options The power and the transition's begin and length, in iterations.
 * @returns A scalar schedule in [0, 1], non-increasing.
 * @throws {RangeError} If `power` is not finite and > 0, `transitionSteps` is not a
 *   positive safe integer or `transitionBegin` not a non-negative one.
 *
 * @example Square law over 10 steps, starting at iteration 5
 * ```ts
 * import assert from "node:assert/strict";
 * import { polynomialWeight } from "cyclical-lr";
 * const w = polynomialWeight({ power: 2, transitionSteps: 10, transitionBegin: 5 });
 * assert.equal(w(5), 1);
 * assert.equal(w(10), 0.25);
 * assert.equal(w(15), 0);
 * ```
 */
export function polynomialWeight(options: PolynomialWeightOptions): ScalarSchedule {
  const o = POLYNOMIAL_WEIGHT.read(options);
  return weightOf(o.power, o.transitionSteps, o.transitionBegin);
}

/**
 * optax's `polynomial_schedule` as a policy: `initValue` until `transitionBegin`, then a
 * polynomial transition to `endValue` over `transitionSteps` iterations, then `endValue`.
 *
 * With `count = clip(t - transitionBegin, 0, transitionSteps)` and
 * `frac = 1 - count / transitionSteps`,
 * `lr(t)[g] = (initValue[g] - endValue[g]) * frac ** power + endValue[g]`, evaluated in
 * float64 in optax's order, so it matches optax exactly. Unlike optax, which logs and
 * returns a constant schedule, a `transitionSteps` <= 0 or a negative `transitionBegin`
 * is an error here, as the config spec says.
 *
 * @param options optax's arguments, camelCased, with per-group `initValue` and `endValue`.
 * @returns The policy (no momentum), with its config recorded (`transitionBegin` written out).
 * @throws {TypeError} If a field has the wrong type or a required one is missing.
 * @throws {RangeError} If a value is out of range: rates finite and >= 0, `power` finite
 *   and > 0, `transitionSteps` a positive safe integer, `transitionBegin` a non-negative one.
 *
 * @example optax's docstring example: power 2 from 1 to 0.01, beginning at step 5
 * ```ts
 * import assert from "node:assert/strict";
 * import { polynomial } from "cyclical-lr";
 * const { lr } = polynomial({
 *   initValue: 1, endValue: 0.01, power: 2, transitionSteps: 100, transitionBegin: 5,
 * });
 * assert.equal(lr(5)[0], 1);
 * assert.equal(lr(6)[0].toFixed(4), "0.9803");
 * assert.equal(lr(104)[0].toFixed(4), "0.0101");
 * assert.equal(lr(105)[0], 0.01);
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax polynomial_schedule}
 */
export function polynomial(options: PolynomialOptions): Policy {
  const o = POLYNOMIAL.read(options);
  const w = weightOf(o.power, o.transitionSteps, o.transitionBegin);
  return POLYNOMIAL.make(o, stretchSchedule(o.endValue, o.initValue, w));
}

/**
 * The linear weight of `linear`: a polynomial of power 1.
 * @internal
 */
export function linearWeight(steps: number, begin: number): ScalarSchedule {
  return weightOf(1, steps, begin);
}
