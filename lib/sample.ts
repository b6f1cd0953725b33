import type { ScalarSchedule, Schedule } from "./types.ts";
import { nonNegativeInt } from "./_check.ts";

/**
 * Evaluates a schedule at `count` consecutive iterations from `start` into a
 * `Float64Array`, row-major: entry `i * groups + g` is group `g` at iteration `start + i`.
 * A scalar schedule fills one value per row without allocating. The building block of
 * plots, GPU uploads and `clr eval`.
 *
 * @param schedule A group schedule or a scalar schedule.
 * @param start The first iteration, a non-negative safe integer.
 * @param count How many iterations, a non-negative safe integer.
 * @returns The values, `count * groups` of them (`groups` is 1 for a scalar schedule).
 * @throws {RangeError} If `start` or `count` is invalid, if `start + count - 1` passes
 *   `Number.MAX_SAFE_INTEGER`, or if the schedule's group count changes along the way.
 *
 * @example Two groups, three iterations
 * ```ts
 * import assert from "node:assert/strict";
 * import { sample, triangular } from "cyclical-lr";
 * const values = sample(triangular({ baseLr: [0, 1], maxLr: [2, 3], stepSizeUp: 2 }), 1, 3);
 * assert.deepEqual([...values], [1, 2, 2, 3, 1, 2]);
 * ```
 */
export function sample(schedule: Schedule | ScalarSchedule, start: number, count: number): Float64Array {
  nonNegativeInt("start", start);
  nonNegativeInt("count", count);
  if (count > 0) nonNegativeInt("start + count - 1", start + count - 1);
  if (count === 0) return new Float64Array(0);
  const first = schedule(start);
  if (typeof first === "number") return sampleScalar(schedule as ScalarSchedule, start, count);
  const groups = first.length;
  const out = new Float64Array(count * groups);
  out.set(first, 0);
  for (let i = 1; i < count; i++) {
    const row = (schedule as Schedule)(start + i);
    if (row.length !== groups) {
      throw new RangeError(`schedule: expected ${groups} groups at every iteration, got ${row.length} at ${start + i}`);
    }
    out.set(row, i * groups);
  }
  return out;
}

function sampleScalar(schedule: ScalarSchedule, start: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = schedule(start + i);
  return out;
}
