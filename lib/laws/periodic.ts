import type { Schedule } from "../types.ts";
import { nonNegativeInt, positiveInt } from "../_check.ts";
import { LawError } from "./law_error.ts";
import { close, show } from "./_tolerance.ts";

/**
 * Law: the schedule repeats itself every `period` iterations, `s(t + P)[g] = s(t)[g]` for
 * every group `g` (Smith's `triangular` policy, any constant-amplitude cycle).
 *
 * Tolerance: `1e-12` relative plus `1e-14` of the larger value (see {@link near}-style
 * rules in the module docs): float64 evaluation of the same point of a cycle.
 *
 * @param schedule The schedule under test.
 * @param t The iteration compared with `t + period`.
 * @param options `period`: the cycle length in iterations, a positive safe integer.
 * @throws {LawError} If a group differs, naming `t`, `t + period`, the group and both values.
 * @throws {RangeError} If `period` is invalid or `t + period` is not a safe integer.
 *
 * @example The triangular policy repeats every `2 * stepSizeUp`; triangular2 does not
 * ```ts
 * import assert from "node:assert/strict";
 * import { periodic, triangular, triangular2 } from "cyclical-lr";
 * periodic(triangular({ baseLr: 0.1, maxLr: 1, stepSizeUp: 5 }), 7, { period: 10 });
 * assert.throws(
 *   () => periodic(triangular2({ baseLr: 0, maxLr: 1, stepSizeUp: 5 }), 7, { period: 10 }),
 *   /^LawError: periodic: at t = 7 and t = 17, group 0: expected 0.6, got 0.3$/,
 * );
 * ```
 */
export function periodic(schedule: Schedule, t: number, options: { readonly period: number }): void {
  const period = positiveInt("period", options.period);
  const later = nonNegativeInt("t + period", t + period);
  const a = [...schedule(t)];
  const b = schedule(later);
  if (a.length !== b.length) {
    throw new LawError("periodic", [t, later], `expected ${a.length} groups, got ${b.length}`);
  }
  for (let g = 0; g < a.length; g++) {
    if (!close(b[g], a[g])) {
      throw new LawError("periodic", [t, later], `group ${g}: expected ${show(a[g])}, got ${show(b[g])}`);
    }
  }
}
