import type { Policy } from "../types.ts";
import { stretchSchedule } from "../signal/stretch.ts";
import { LINEAR, type LinearOptions, linearWeight } from "./polynomial.ts";

/**
 * optax's `linear_schedule` as a policy: `initValue` until `transitionBegin`, a straight
 * line to `endValue` over `transitionSteps` iterations, then `endValue`. As in optax it is
 * the polynomial schedule with power 1, evaluated in the same order:
 * `lr(t)[g] = (initValue[g] - endValue[g]) * (1 - count / transitionSteps) + endValue[g]`
 * with `count = clip(t - transitionBegin, 0, transitionSteps)`; it matches optax exactly.
 * A `transitionSteps` <= 0 (a constant schedule in optax, with a log line) is an error here.
 *
 * @param options optax's arguments, camelCased, with per-group `initValue` and `endValue`.
 * @returns The policy (no momentum), with its config recorded (`transitionBegin` written out).
 * @throws {TypeError} If a field has the wrong type or a required one is missing.
 * @throws {RangeError} If a rate is negative or not finite, `transitionSteps` is not a
 *   positive safe integer or `transitionBegin` not a non-negative one.
 *
 * @example optax's test: from 10 to 20 over 10 steps
 * ```ts
 * import assert from "node:assert/strict";
 * import { linear } from "cyclical-lr";
 * const { lr } = linear({ initValue: 10, endValue: 20, transitionSteps: 10 });
 * assert.deepEqual([0, 1, 5, 10, 14].map((t) => lr(t)[0]), [10, 11, 15, 20, 20]);
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax linear_schedule}
 */
export function linear(options: LinearOptions): Policy {
  const o = LINEAR.read(options);
  return LINEAR.make(o, stretchSchedule(o.endValue, o.initValue, linearWeight(o.transitionSteps, o.transitionBegin)));
}
