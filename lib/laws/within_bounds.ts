import type { PerGroup, Schedule } from "../types.ts";
import { LawError } from "./law_error.ts";
import { checkGroups, groupValue, magnitude, show, slack } from "./_tolerance.ts";

/**
 * Law: every group stays between its two bounds, in either order:
 * `min(from[g], to[g]) <= s(t)[g] <= max(from[g], to[g])`. For a learning rate the bounds
 * are `baseLr` and `maxLr` (`baseLr > maxLr` is allowed); for momentum, `maxMomentum` and
 * `baseMomentum`.
 *
 * Tolerance: a value may pass a bound by `(1e-12 + 1e-14) * max(|from[g]|, |to[g]|)`,
 * the rounding of `from + (to - from) * h` at `h = 1`.
 *
 * @param schedule The schedule under test.
 * @param t The iteration.
 * @param options The two bounds per group, `from` and `to`, in any order.
 * @throws {LawError} If a group leaves its bounds, naming `t`, the group, the value and the bounds.
 *
 * @example A rate between 0.1 and 1, and one that overshoots
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular, withinBounds } from "cyclical-lr";
 * withinBounds(triangular({ baseLr: 1, maxLr: 0.1, stepSizeUp: 5 }), 3, { from: 1, to: 0.1 });
 * assert.throws(
 *   () => withinBounds(() => [1.5], 3, { from: 0.1, to: 1 }),
 *   /^LawError: withinBounds: at t = 3, group 0: expected a value in \[0\.1, 1\], got 1\.5$/,
 * );
 * ```
 */
export function withinBounds(
  schedule: Schedule,
  t: number,
  options: { readonly from: PerGroup; readonly to: PerGroup },
): void {
  const v = schedule(t);
  checkGroups("withinBounds", "from", options.from, v.length, t);
  checkGroups("withinBounds", "to", options.to, v.length, t);
  for (let g = 0; g < v.length; g++) {
    const from = groupValue(options.from, g);
    const to = groupValue(options.to, g);
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    const allowed = slack(magnitude(from, to, 0));
    if (!(v[g] >= lo - allowed && v[g] <= hi + allowed)) {
      throw new LawError(
        "withinBounds",
        [t],
        `group ${g}: expected a value in [${show(lo)}, ${show(hi)}], got ${show(v[g])}`,
      );
    }
  }
}
