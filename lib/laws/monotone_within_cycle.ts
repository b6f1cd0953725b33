import type { PerGroup, Schedule } from "../types.ts";
import { nonNegativeInt, positiveInt } from "../_check.ts";
import { LawError } from "./law_error.ts";
import { checkGroups, groupValue, magnitude, show, slack } from "./_tolerance.ts";

/**
 * Law: within a cycle the value moves from `from` toward `to` on the rise (the first
 * `stepSizeUp` iterations) and back on the fall: with `r = t mod (up + down)`, if
 * `r < up` then `s(t + 1)[g]` is not farther from `to[g]` than `s(t)[g]`, else not nearer.
 * Holds for any wave that is monotone on each half (triangle, cosine) times a scale that is
 * constant within a cycle (`scaleMode: "cycle"`); an `exp_range` rate can turn down before
 * its peak, so this law is not for it.
 *
 * Tolerance: a step the wrong way of at most `(1e-12 + 1e-14) * max(|from[g]|, |to[g]|)`.
 *
 * @param schedule The schedule under test.
 * @param t The iteration compared with `t + 1`.
 * @param options `stepSizeUp`, `stepSizeDown` (default `stepSizeUp`) and the bounds per
 *   group: `from` (bottom of a cycle) and `to` (its peak).
 * @throws {LawError} If a group steps the wrong way, naming `t`, `t + 1` and both values.
 * @throws {RangeError} If a step size is invalid or `t + 1` is not a safe integer.
 *
 * @example A rising rate, and a sawtooth that falls when it should rise
 * ```ts
 * import assert from "node:assert/strict";
 * import { monotoneWithinCycle, triangular } from "cyclical-lr";
 * const o = { stepSizeUp: 3, stepSizeDown: 5, from: 0.1, to: 1 };
 * monotoneWithinCycle(triangular({ baseLr: 0.1, maxLr: 1, stepSizeUp: 3, stepSizeDown: 5 }), 1, o);
 * assert.throws(
 *   () => monotoneWithinCycle((t) => [1 - t / 8], 1, o),
 *   /^LawError: monotoneWithinCycle: at t = 1 and t = 2, group 0: expected a rise toward 1, got 0\.875 then 0\.75$/,
 * );
 * ```
 */
export function monotoneWithinCycle(
  schedule: Schedule,
  t: number,
  options: {
    readonly stepSizeUp: number;
    readonly stepSizeDown?: number;
    readonly from: PerGroup;
    readonly to: PerGroup;
  },
): void {
  const up = positiveInt("stepSizeUp", options.stepSizeUp);
  const down = options.stepSizeDown === undefined ? up : positiveInt("stepSizeDown", options.stepSizeDown);
  const next = nonNegativeInt("t + 1", t + 1);
  const rising = t % (up + down) < up;
  const a = [...schedule(t)];
  const b = schedule(next);
  if (a.length !== b.length) {
    throw new LawError("monotoneWithinCycle", [t, next], `expected ${a.length} groups, got ${b.length}`);
  }
  checkGroups("monotoneWithinCycle", "from", options.from, a.length, t);
  checkGroups("monotoneWithinCycle", "to", options.to, a.length, t);
  for (let g = 0; g < a.length; g++) {
    const from = groupValue(options.from, g);
    const to = groupValue(options.to, g);
    const toward = Math.sign(to - from) * (b[g] - a[g]);
    const allowed = slack(magnitude(from, to, 0));
    if (rising ? toward < -allowed : toward > allowed) {
      throw new LawError(
        "monotoneWithinCycle",
        [t, next],
        `group ${g}: expected a ${rising ? "rise toward" : "fall back from"} ${show(to)}, got ${show(a[g])} then ${
          show(b[g])
        }`,
      );
    }
  }
}
