import type { PerGroup, Schedule } from "../types.ts";
import { nonNegativeInt, positiveInt } from "../_check.ts";
import { LawError } from "./law_error.ts";
import { checkGroups, groupValue, near, show } from "./_tolerance.ts";

/**
 * Law of `triangular2`: every cycle is half as high as the one before, measured from the
 * bottom `from` (the `baseLr`): `s(t + P)[g] - from[g] = (s(t)[g] - from[g]) / 2`.
 *
 * Tolerance: `1e-12` relative plus `1e-14 * max(|from[g]|, |s(t)[g]|)` absolute, since
 * both sides subtract `from` and keep its rounding error.
 *
 * @param schedule The schedule under test.
 * @param t The iteration compared with `t + period`.
 * @param options `period` (a positive safe integer) and `from`, the value at the bottom of
 *   every cycle, per group (`baseLr`; for momentum, `maxMomentum`).
 * @throws {LawError} If a group does not halve, naming both iterations and both values.
 * @throws {RangeError} If `period` is invalid or `t + period` is not a safe integer.
 *
 * @example triangular2 halves; triangular does not
 * ```ts
 * import assert from "node:assert/strict";
 * import { halvesEachCycle, triangular, triangular2 } from "cyclical-lr";
 * halvesEachCycle(triangular2({ baseLr: 1, maxLr: 3, stepSizeUp: 2 }), 1, { period: 4, from: 1 });
 * assert.throws(
 *   () => halvesEachCycle(triangular({ baseLr: 1, maxLr: 3, stepSizeUp: 2 }), 1, { period: 4, from: 1 }),
 *   /^LawError: halvesEachCycle: at t = 1 and t = 5, group 0: expected 1\.5, got 2$/,
 * );
 * ```
 */
export function halvesEachCycle(
  schedule: Schedule,
  t: number,
  options: { readonly period: number; readonly from: PerGroup },
): void {
  const period = positiveInt("period", options.period);
  const later = nonNegativeInt("t + period", t + period);
  const a = [...schedule(t)];
  const b = schedule(later);
  if (a.length !== b.length) {
    throw new LawError("halvesEachCycle", [t, later], `expected ${a.length} groups, got ${b.length}`);
  }
  checkGroups("halvesEachCycle", "from", options.from, a.length, t);
  for (let g = 0; g < a.length; g++) {
    const from = groupValue(options.from, g);
    const expected = from + (a[g] - from) / 2;
    const scale = Math.max(Math.abs(from), Math.abs(a[g]));
    if (!near(b[g] - from, (a[g] - from) / 2, scale)) {
      throw new LawError("halvesEachCycle", [t, later], `group ${g}: expected ${show(expected)}, got ${show(b[g])}`);
    }
  }
}
