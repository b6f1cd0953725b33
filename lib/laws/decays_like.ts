import type { PerGroup, Schedule } from "../types.ts";
import { gamma as checkGamma } from "../_check.ts";
import { LawError } from "./law_error.ts";
import { pow } from "../_math/mod.ts";
import { ATOL, checkGroups, FLOOR, groupValue, magnitude, RTOL, show } from "./_tolerance.ts";

/**
 * Law of `exp_range`: the distance from the bottom of the cycle is bounded by an amplitude
 * that decays per iteration, `|s(t)[g] - from[g]| <= |to[g] - from[g]| * gamma^t`.
 *
 * Tolerance: `1e-12` of the bound plus `1e-14 * max(|from[g]|, |to[g]|)`.
 *
 * @param schedule The schedule under test.
 * @param t The iteration.
 * @param options The bounds per group (`from` = `baseLr`, `to` = `maxLr`) and `gamma` in (0, 1].
 * @throws {LawError} If a group is farther from `from` than the decayed amplitude.
 * @throws {RangeError} If `gamma` is not in (0, 1].
 *
 * @example exp_range obeys its envelope; triangular does not
 * ```ts
 * import assert from "node:assert/strict";
 * import { decaysLike, expRange, triangular } from "cyclical-lr";
 * decaysLike(expRange({ baseLr: 1, maxLr: 5, stepSizeUp: 4, gamma: 0.9 }), 4, { from: 1, to: 5, gamma: 0.9 });
 * assert.throws(
 *   () => decaysLike(triangular({ baseLr: 0, maxLr: 1, stepSizeUp: 4 }), 4, { from: 0, to: 1, gamma: 0.5 }),
 *   /^LawError: decaysLike: at t = 4, group 0: expected a distance from 0 of at most 0\.0625, got 1$/,
 * );
 * ```
 */
export function decaysLike(
  schedule: Schedule,
  t: number,
  options: { readonly from: PerGroup; readonly to: PerGroup; readonly gamma: number },
): void {
  const gamma = checkGamma("gamma", options.gamma);
  const v = schedule(t);
  checkGroups("decaysLike", "from", options.from, v.length, t);
  checkGroups("decaysLike", "to", options.to, v.length, t);
  const decay = pow(gamma, t);
  for (let g = 0; g < v.length; g++) {
    const from = groupValue(options.from, g);
    const bound = Math.abs(groupValue(options.to, g) - from) * decay;
    const distance = Math.abs(v[g] - from);
    if (!(distance <= bound * (1 + RTOL) + ATOL * magnitude(from, options.to, g) + FLOOR)) {
      throw new LawError(
        "decaysLike",
        [t],
        `group ${g}: expected a distance from ${show(from)} of at most ${show(bound)}, got ${show(distance)}`,
      );
    }
  }
}
