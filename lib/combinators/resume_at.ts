import type { Policy, PolicyLike } from "../types.ts";
import { nonNegativeInt } from "../_check.ts";
import { asPolicy } from "../schedule/policy.ts";
import { retimed } from "./_retime.ts";

/**
 * Continues a schedule from iteration `k`: `resumeAt(s, k)(t) = s(k + t)`, so a resumed run
 * that counts its iterations from 0 again gets exactly the values the original run would
 * have used from `k` on. Past `Number.MAX_SAFE_INTEGER` the iteration is held there (the
 * wrapped schedule is never asked for an invalid iteration). For a stateful run, the
 * driver's `fromState` does the same from a saved iteration.
 *
 * @param schedule The schedule to continue.
 * @param k The iteration of `schedule` that becomes iteration 0, a non-negative safe integer.
 * @returns The advanced policy (momentum, if it has one, moves with the rate).
 * @throws {RangeError} If `k` is not a non-negative safe integer.
 *
 * @example Resume a cycle at iteration 3
 * ```ts
 * import assert from "node:assert/strict";
 * import { resumeAt, triangular } from "cyclical-lr";
 * const lr = triangular({ baseLr: 0, maxLr: 1, stepSizeUp: 4 });
 * assert.deepEqual(resumeAt(lr, 3)(1), lr(4));
 * ```
 */
export function resumeAt(schedule: PolicyLike, k: number): Policy {
  const p = asPolicy(["schedule"], schedule);
  const offset = nonNegativeInt("k", k);
  return retimed(p, (t) => {
    const u = t + offset;
    return u > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : u;
  }, "resumeAt");
}
