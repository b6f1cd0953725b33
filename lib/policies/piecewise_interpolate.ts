import type { PerGroup, Policy } from "../types.ts";
import { type FieldsOf, GROUPS, oneOf, perGroupRate } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { annealCos, annealLinear } from "../signal/anneal.ts";
import { boundariesAndScales } from "./piecewise_constant.ts";
import { interpolateSchedule, runningProducts } from "./_interpolate.ts";

/** Options of {@link piecewiseInterpolate}: optax's `piecewise_interpolate_schedule` arguments, camelCased. */
export interface PiecewiseInterpolateOptions {
  /** How each segment moves between its two values: `"linear"` or `"cosine"` (flat at both ends). */
  readonly interpolateType: "linear" | "cosine";
  /** The value at iteration 0, per group (finite, >= 0). */
  readonly initValue: PerGroup;
  /**
   * Iteration (a non-negative integer, as a key) to multiplier (finite, >= 0): the value
   * reached at that iteration is the previous one times the multiplier. Empty: a constant.
   */
  readonly boundariesAndScales?: Readonly<Record<string, number>>;
  /** Number of groups, when `initValue` is a number. */
  readonly groups?: number;
}

/**
 * The options table of {@link piecewiseInterpolate} and of the `piecewiseInterpolate` config.
 *
 * @example The type is required; the boundaries default to none
 * ```ts
 * import assert from "node:assert/strict";
 * import { PIECEWISE_INTERPOLATE } from "cyclical-lr";
 * assert.deepEqual(PIECEWISE_INTERPOLATE.read({ interpolateType: "linear", initValue: 1 }).boundariesAndScales, {});
 * assert.throws(() => PIECEWISE_INTERPOLATE.read({ interpolateType: "linar", initValue: 1 } as never), {
 *   message: 'interpolateType: expected one of "linear", "cosine", got "linar"',
 * });
 * ```
 */
export const PIECEWISE_INTERPOLATE: PolicyTable<FieldsOf<PiecewiseInterpolateOptions, "groups">> = policyTable(
  "piecewiseInterpolate",
  "piecewiseInterpolate",
  {
    interpolateType: oneOf(["linear", "cosine"]).required(),
    initValue: perGroupRate.required(),
    boundariesAndScales: boundariesAndScales.default({}),
    groups: GROUPS,
  },
);

/**
 * optax's `piecewise_interpolate_schedule`: the values `v_0 = initValue`,
 * `v_i = v_{i-1} * s_i` at the boundaries `b_1 < b_2 < ...` (the running products of the
 * scales, not the scales themselves), joined by linear or cosine interpolation. With
 * `b_0 = 0`, iteration `t` in `[b_i, b_{i+1})` has `pct = (t - b_i) / max(b_{i+1} - b_i, 1)`
 * and the value `(v_{i+1} - v_i) * pct + v_i` (`"linear"`) or
 * `v_{i+1} + (v_i - v_{i+1}) / 2 * (cos(pi * pct) + 1)` (`"cosine"`), optax's
 * `_linear_interpolate` and `_cosine_interpolate` operation for operation; from the last
 * boundary on the value is the last product. A boundary at 0 makes an empty first segment:
 * the schedule starts at `initValue * s_0` (optax's `test_zero_interval_size`). A running
 * product that would overflow stops at `Number.MAX_VALUE`, as `piecewiseConstant`'s does
 * (optax reaches Infinity, and NaN where its dot product meets `0 * Infinity`).
 *
 * @param options The `piecewiseInterpolate` config fields ({@link PIECEWISE_INTERPOLATE}); `interpolateType` and `initValue` are required.
 * @returns The policy (no momentum); its config is recorded (boundaries in increasing order).
 * @throws {TypeError} If `interpolateType` is not `"linear"` or `"cosine"`, a field is missing or unknown.
 * @throws {RangeError} If a rate or a scale is not finite and >= 0, or a key is not a non-negative integer.
 *
 * @example optax's docstring example
 * ```ts
 * import assert from "node:assert/strict";
 * import { piecewiseInterpolate } from "cyclical-lr";
 * const { lr } = piecewiseInterpolate({
 *   interpolateType: "linear", initValue: 1, boundariesAndScales: { 4: 0.1, 8: 0.01 },
 * });
 * const optax = ["1.000000", "0.550000", "0.100000", "0.050500", "0.001000", "0.001000"];
 * assert.deepEqual([0, 2, 4, 6, 8, 10].map((t) => lr(t)[0].toFixed(6)), optax);
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax piecewise_interpolate_schedule}
 */
export function piecewiseInterpolate(options: PiecewiseInterpolateOptions): Policy {
  const o = PIECEWISE_INTERPOLATE.read(options);
  const entries = Object.entries(o.boundariesAndScales);
  const rows = runningProducts(o.initValue, entries.map(([, s]) => s));
  const anneal = o.interpolateType === "cosine" ? annealCos : annealLinear;
  return PIECEWISE_INTERPOLATE.make(o, interpolateSchedule(entries.map(([k]) => Number(k)), rows, anneal));
}
