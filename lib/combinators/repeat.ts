import type { Policy, PolicyLike } from "../types.ts";
import { positiveInt } from "../_check.ts";
import { asPolicy } from "../schedule/policy.ts";
import { retimed } from "./_retime.ts";

/**
 * Makes a schedule periodic: `repeat(s, period)(t) = s(t mod period)`. The remainder is
 * exact for every safe integer, so the pattern does not drift however long the run.
 *
 * Compositions: Smith's triangular policy is one rise and one fall, repeated:
 * `repeat(phases([{ end: up, from: base, to: max }, { end: up + down, from: max, to: base }]), up + down)`;
 * SGDR with `tMult = 1` is one cosine anneal repeated every `t0` iterations.
 *
 * @param schedule The pattern, read on `[0, period)`.
 * @param period The period in iterations, a positive safe integer.
 * @returns The periodic policy (momentum, if it has one, moves with the rate).
 * @throws {RangeError} If `period` is not a positive safe integer.
 *
 * @example A triangle of period 4, repeated
 * ```ts
 * import assert from "node:assert/strict";
 * import { phases, repeat } from "cyclical-lr";
 * const tri = repeat(phases([{ end: 2, from: 0, to: 1 }, { end: 4, from: 1, to: 0 }]), 4);
 * assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((t) => tri(t)[0]), [0, 0.5, 1, 0.5, 0, 0.5, 1]);
 * ```
 */
export function repeat(schedule: PolicyLike, period: number): Policy {
  const p = asPolicy(["schedule"], schedule);
  const n = positiveInt("period", period);
  return retimed(p, (t) => t % n, "repeat");
}
