import type { PerGroup, Policy } from "../types.ts";
import { checkIteration, EXPECTED, isRate } from "../_check.ts";
import { type FieldsOf, GROUPS, type Kind, kind, perGroupRate } from "../options/_kinds.ts";
import { invalid, type OptionError } from "../options/_errors.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { productOf } from "../_saturate.ts";

/** A canonical non-negative integer, as a key of `boundariesAndScales`. */
const KEY = /^(0|[1-9][0-9]*)$/;

const PHRASE = "an object of iteration: multiplier";

function boundaryErrors(v: unknown, path: readonly (string | number)[]): readonly OptionError[] {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return [invalid(path, PHRASE, v)];
  const errors: OptionError[] = [];
  for (const [key, scale] of Object.entries(v)) {
    if (!KEY.test(key) || !Number.isSafeInteger(Number(key))) {
      errors.push({ ...invalid(path, "keys that are non-negative integers", key), range: true });
    } else if (!isRate(scale)) errors.push(invalid([...path, key], EXPECTED.rate, scale));
  }
  return errors;
}

/**
 * Iteration (as a canonical integer key) to multiplier (finite, >= 0), sorted by iteration
 * (shared with `piecewiseInterpolate`).
 * @internal
 */
export const boundariesAndScales: Kind<Readonly<Record<string, number>>> = kind(
  PHRASE,
  (v): v is Readonly<Record<string, number>> => boundaryErrors(v, []).length === 0,
  {
    check: boundaryErrors,
    normalize: (v) => Object.fromEntries(Object.entries(v).sort((x, y) => Number(x[0]) - Number(y[0]))),
  },
);

/** Options of {@link piecewiseConstant}: the fields of the `piecewiseConstant` config, checked by {@link PIECEWISE_CONSTANT}. */
export interface PiecewiseConstantOptions {
  /** The value before the first boundary, per group (finite, >= 0). */
  readonly initValue: PerGroup;
  /**
   * Iteration (a non-negative integer, as a key) to multiplier (finite, >= 0): from that
   * iteration on, the value is multiplied by it, on top of the earlier multipliers.
   */
  readonly boundariesAndScales: Readonly<Record<string, number>>;
  /** Number of groups, when `initValue` is a number. */
  readonly groups?: number;
}

/**
 * The options table of {@link piecewiseConstant} and of the `piecewiseConstant` config
 * (optax `piecewise_constant_schedule`).
 *
 * @example Keys are iterations, in any order
 * ```ts
 * import assert from "node:assert/strict";
 * import { PIECEWISE_CONSTANT } from "cyclical-lr";
 * const v = PIECEWISE_CONSTANT.read({ initValue: 1, boundariesAndScales: { 20: 0.1, 10: 0.5 } });
 * assert.deepEqual(Object.keys(v.boundariesAndScales), ["10", "20"]);
 * ```
 */
export const PIECEWISE_CONSTANT: PolicyTable<FieldsOf<PiecewiseConstantOptions, "groups">> = policyTable(
  "piecewiseConstant",
  "piecewiseConstant",
  { initValue: perGroupRate.required(), boundariesAndScales: boundariesAndScales.required(), groups: GROUPS },
);

/**
 * optax's `piecewise_constant_schedule` as a policy: `initValue`, multiplied by every
 * scale whose boundary has been reached, `lr(t)[g] = initValue[g] * prod(s_i for b_i <= t)`.
 *
 * The scales are applied one after another in increasing boundary order
 * (`v = s_1 * initValue`, then `v = s_2 * v`, ...), as optax's loop does, so the numbers
 * match optax exactly; they are computed once, when the policy is built, and the closure
 * only looks up the segment of `t`. Where the running product overflows on the way, the true
 * product is taken (a later scale below 1 brings it back), held at `Number.MAX_VALUE` where it
 * passes the largest double (optax reaches Infinity, and NaN if a later scale is 0).
 *
 * @param options The initial value per group and the boundaries with their multipliers.
 * @returns The policy (no momentum), with its config recorded (boundaries in increasing order).
 * @throws {TypeError} If `initValue` is missing or `boundariesAndScales` is not an object.
 * @throws {RangeError} If a rate is negative or not finite, a key is not a non-negative
 *   integer, or a scale is not finite and >= 0.
 *
 * @example optax's docstring example: a tenth at 100, a further hundredth at 200
 * ```ts
 * import assert from "node:assert/strict";
 * import { piecewiseConstant } from "cyclical-lr";
 * const { lr } = piecewiseConstant({ initValue: 1, boundariesAndScales: { 100: 0.1, 200: 0.01 } });
 * assert.equal(lr(99)[0], 1);
 * assert.equal(lr(100)[0], 0.1);
 * assert.equal(lr(250)[0], 0.1 * 0.01);
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax piecewise_constant_schedule}
 */
export function piecewiseConstant(options: PiecewiseConstantOptions): Policy {
  const o = PIECEWISE_CONSTANT.read(options);
  const entries = Object.entries(o.boundariesAndScales);
  const boundaries = entries.map(([k]) => Number(k));
  // Row k is initValue times the first k scales: the true product, held at the largest double.
  const rows: (readonly number[])[] = [o.initValue];
  for (let k = 1; k <= entries.length; k++) {
    const scales = entries.slice(0, k).map(([, s]) => s);
    rows.push(o.initValue.map((v) => productOf([v, ...scales])));
  }
  const last = boundaries.length;
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    // k = how many boundaries are <= t (binary search over the sorted boundaries)
    let lo = 0, hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (boundaries[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return rows[lo].slice();
  };
  return PIECEWISE_CONSTANT.make(o, lr);
}
