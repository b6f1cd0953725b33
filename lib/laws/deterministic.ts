import type { Schedule } from "../types.ts";
import { LawError } from "./law_error.ts";
import { close, show } from "./_tolerance.ts";

/**
 * Law: a schedule is a pure function of `t`. Evaluating `s(t)`, then another iteration
 * (`t + 1`, or `t - 1` at the last safe integer), then `s(t)` again gives the same values,
 * and the first result is not changed by the later calls (a schedule must not reuse one
 * output array).
 *
 * Tolerance: `1e-12` relative plus `1e-14` of the larger value (identical in practice).
 *
 * @param schedule The schedule under test.
 * @param t The iteration, a non-negative safe integer.
 * @throws {LawError} If the values differ, naming `t`, the group and both values.
 *
 * @example A schedule with a hidden counter breaks it
 * ```ts
 * import assert from "node:assert/strict";
 * import { deterministic, triangular } from "cyclical-lr";
 * deterministic(triangular({ baseLr: 0.1, maxLr: 1, stepSizeUp: 3 }), 7);
 * let calls = 0;
 * assert.throws(() => deterministic(() => [calls++], 7), /^LawError: deterministic: at t = 7, group 0: expected 0, got 2$/);
 * ```
 */
export function deterministic(schedule: Schedule, t: number): void {
  const first = schedule(t);
  const copy = [...first];
  schedule(t === Number.MAX_SAFE_INTEGER ? t - 1 : t + 1);
  const again = schedule(t);
  if (again.length !== copy.length) {
    throw new LawError("deterministic", [t], `expected ${copy.length} groups, got ${again.length}`);
  }
  for (let g = 0; g < copy.length; g++) {
    if (!close(again[g], copy[g])) {
      throw new LawError("deterministic", [t], `group ${g}: expected ${show(copy[g])}, got ${show(again[g])}`);
    }
    if (!Object.is(first[g], copy[g])) {
      throw new LawError(
        "deterministic",
        [t],
        `group ${g}: expected ${show(copy[g])}, got ${show(first[g])} (the first result changed later)`,
      );
    }
  }
}
