import type { Schedule } from "../types.ts";
import { LawError } from "./law_error.ts";
import { show } from "./_tolerance.ts";

/**
 * Law: at every valid iteration (a non-negative safe integer, up to
 * `Number.MAX_SAFE_INTEGER` = 2^53 - 1) the schedule returns at least one group, every value
 * a finite number, and does not throw.
 *
 * @param schedule The schedule under test.
 * @param t The iteration, a non-negative safe integer.
 * @throws {LawError} If the schedule throws, returns no groups, or returns NaN or ±Infinity.
 *
 * @example triangular2 stays finite at the last safe integer; 1 / t does not at 0
 * ```ts
 * import assert from "node:assert/strict";
 * import { finite, triangular2 } from "cyclical-lr";
 * finite(triangular2({ baseLr: 0.1, maxLr: 1, stepSizeUp: 3 }), Number.MAX_SAFE_INTEGER);
 * assert.throws(() => finite((t) => [1 / t], 0), /^LawError: finite: at t = 0, group 0: expected a finite number, got Infinity$/);
 * ```
 */
export function finite(schedule: Schedule, t: number): void {
  let v: readonly number[];
  try {
    v = schedule(t);
  } catch (e) {
    throw new LawError(
      "finite",
      [t],
      `expected a value, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
    );
  }
  if (v.length === 0) throw new LawError("finite", [t], "expected at least one group, got none");
  for (let g = 0; g < v.length; g++) {
    if (typeof v[g] !== "number" || !Number.isFinite(v[g])) {
      throw new LawError("finite", [t], `group ${g}: expected a finite number, got ${show(v[g])}`);
    }
  }
}
