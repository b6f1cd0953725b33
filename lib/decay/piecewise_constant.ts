import type { PerGroup, Policy } from "../types.ts";
import { checkIteration, EXPECTED, expectedMessage, fail, isRate } from "../_check.ts";
import { perGroupConfig, requirePerGroup, resolveGroups } from "../groups.ts";
import { withConfig } from "../describe.ts";
import { LARGEST } from "./_decay.ts";

/** Options of {@link piecewiseConstant}: the fields of the `piecewiseConstant` config. */
export interface PiecewiseConstantOptions {
  /** The value before the first boundary, per group (finite, >= 0). */
  readonly initValue: PerGroup;
  /**
   * Iteration (a non-negative integer, as a key) to multiplier (finite, >= 0): from that
   * iteration on, the value is multiplied by it, on top of the earlier multipliers.
   */
  readonly boundariesAndScales: Readonly<Record<string, number>>;
  /** Number of groups, when `initValue` is a scalar. @default 1 */
  readonly groups?: number;
}

const KEY = /^(0|[1-9][0-9]*)$/;

/** Checks the boundaries once: keys as integers in increasing order, with their scales. */
function boundariesOf(v: unknown): { boundaries: number[]; scales: number[] } {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    return fail("boundariesAndScales", "an object of iteration: multiplier", v);
  }
  const entries: [number, number][] = [];
  for (const [key, scale] of Object.entries(v)) {
    const b = Number(key);
    if (!KEY.test(key) || !Number.isSafeInteger(b)) {
      throw new RangeError(expectedMessage("boundariesAndScales", "keys that are non-negative integers", key));
    }
    if (!isRate(scale)) fail(`boundariesAndScales.${key}`, EXPECTED.rate, scale);
    entries.push([b, scale]);
  }
  entries.sort((x, y) => x[0] - y[0]);
  return { boundaries: entries.map((e) => e[0]), scales: entries.map((e) => e[1]) };
}

/**
 * optax's `piecewise_constant_schedule` as a policy: `initValue`, multiplied by every
 * scale whose boundary has been reached, `lr(t)[g] = initValue[g] * prod(s_i for b_i <= t)`.
 *
 * The scales are applied one after another in increasing boundary order
 * (`v = s_1 * initValue`, then `v = s_2 * v`, ...), as optax's loop does, so the numbers
 * match optax exactly; they are computed once, when the policy is built, and the closure
 * only looks up the segment of `t`. A running product that would overflow stops at
 * `Number.MAX_VALUE` (optax reaches Infinity, and NaN if a later scale is 0).
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
  const { groups, values } = resolveGroups(
    { initValue: requirePerGroup("initValue", options.initValue) },
    options.groups,
  );
  const { boundaries, scales } = boundariesOf(options.boundariesAndScales);
  const rows: number[][] = [values.initValue];
  for (const s of scales) rows.push(rows[rows.length - 1].map((v) => Math.min(s * v, LARGEST)));
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
  const table: Record<string, number> = {};
  boundaries.forEach((b, i) => (table[String(b)] = scales[i]));
  return withConfig({ lr, groups }, {
    policy: "piecewiseConstant",
    initValue: perGroupConfig(values.initValue, groups),
    boundariesAndScales: table,
  });
}
