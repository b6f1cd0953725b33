import type { PerGroup, Policy } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { type FieldsOf, GROUPS, perGroupRate } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { withScalars } from "../schedule/scalars.ts";

/** Options of {@link constant}: the fields of the `constant` config, checked by {@link CONSTANT}. */
export interface ConstantOptions {
  /** The value held at every iteration, per group (a finite number >= 0). */
  readonly value: PerGroup;
  /** Number of groups, when `value` is a number. */
  readonly groups?: number;
}

/**
 * The options table of {@link constant} and of the `constant` config (optax `constant_schedule`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CONSTANT } from "cyclical-lr";
 * assert.deepEqual(CONSTANT.read({ value: 0.1, groups: 2 }).value, [0.1, 0.1]);
 * ```
 */
export const CONSTANT: PolicyTable<FieldsOf<ConstantOptions, "groups">> = policyTable("constant", "constant", {
  value: perGroupRate.required(),
  groups: GROUPS,
});

/**
 * optax's `constant_schedule` as a policy: the same value at every iteration,
 * `lr(t)[g] = value[g]`. Matches optax exactly.
 *
 * @param options The value, one per group or one for all.
 * @returns The policy (no momentum), with its config recorded as `{ policy: "constant", value }`.
 * @throws {TypeError} If `value` is missing or neither a number nor an array of numbers, or an option is unknown.
 * @throws {RangeError} If a value is negative or not finite, or `groups` disagrees with the array.
 *
 * @example Two groups, the same at iteration 0 and 1000
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant } from "cyclical-lr";
 * const { lr, groups } = constant({ value: [0.1, 0.01] });
 * assert.equal(groups, 2);
 * assert.deepEqual(lr(0), [0.1, 0.01]);
 * assert.deepEqual(lr(1000), [0.1, 0.01]);
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax constant_schedule}
 */
export function constant(options: ConstantOptions): Policy {
  const o = CONSTANT.read(options);
  const value = o.value;
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    return value.slice();
  };
  withScalars(
    lr,
    value.map((v) => (t: number) => {
      checkIteration(t);
      return v;
    }),
  );
  return CONSTANT.make(o, lr);
}
