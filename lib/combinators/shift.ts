import type { Policy, PolicyLike } from "../types.ts";
import { nonNegativeInt } from "../_check.ts";
import { asPolicy } from "../schedule/policy.ts";
import { retimed } from "./_retime.ts";

/**
 * Starts a schedule later: `shift(s, k)(t) = s(t - k)` for `t >= k`, and `s(0)` before
 * (the first value is held while waiting). The same as `join([() => s(0), s], [k])`.
 * For the opposite, continuing a schedule from iteration `k`, see {@link resumeAt}.
 *
 * @param schedule The schedule to delay.
 * @param k The iteration at which it starts, a non-negative safe integer.
 * @returns The delayed policy (momentum, if it has one, moves with the rate).
 * @throws {RangeError} If `k` is not a non-negative safe integer.
 *
 * @example A decay that starts at iteration 10
 * ```ts
 * import assert from "node:assert/strict";
 * import { shift } from "cyclical-lr";
 * const lr = shift((t) => [0.5 ** t], 10);
 * assert.deepEqual([0, 9, 10, 11].map((t) => lr(t)[0]), [1, 1, 1, 0.5]);
 * ```
 */
export function shift(schedule: PolicyLike, k: number): Policy {
  const p = asPolicy(["schedule"], schedule);
  const delay = nonNegativeInt("k", k);
  return retimed(p, (t) => (t < delay ? 0 : t - delay), "shift");
}
