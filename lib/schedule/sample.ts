import { scalarsOf } from "./scalars.ts";
import type { ScalarSchedule, Schedule } from "../types.ts";
import { describeValue, EXPECTED, fail, iterationPhrase, nonNegativeInt } from "../_check.ts";

/**
 * The most values one call allocates: 2^28 float64 values (2 GiB). Checked before the
 * allocation, so that a typo (`1e12` for `1e6`) is told the limit, not the engine's
 * `Invalid typed array length`; a longer range is sampled in chunks into one buffer.
 */
const MAX_VALUES = 2 ** 28;

function tooMany(count: number, groups: number): never {
  const most = Math.floor(MAX_VALUES / groups);
  return fail(
    "count",
    `at most ${most} iterations (2^28 values in all, ${groups} per iteration; sample a longer range in chunks, with into)`,
    count,
  );
}

/**
 * Evaluates a schedule at `count` consecutive iterations from `start` into a
 * `Float64Array`, row-major: entry `i * groups + g` is group `g` at iteration `start + i`.
 * A scalar schedule fills one value per row without allocating. The building block of
 * plots, GPU uploads and `clr eval`.
 *
 * @param schedule A group schedule or a scalar schedule.
 * @param start The first iteration, a non-negative safe integer.
 * @param count How many iterations, a non-negative safe integer.
 * @param into A buffer to fill instead of allocating one (hot loops, GPU staging): it must
 *   hold at least `count * groups` values; the result is a view of its first ones. Without
 *   it, one call allocates at most 2^28 values (2 GiB).
 * @returns The values, `count * groups` of them (`groups` is 1 for a scalar schedule).
 * @throws {RangeError} If `start` or `count` is invalid, if `start + count - 1` passes
 *   `Number.MAX_SAFE_INTEGER`, if the schedule's group count changes along the way, if
 *   `into` is too short, or if, without `into`, `count * groups` is above 2^28.
 * @throws {TypeError} If `into` is given and is not a `Float64Array`.
 *
 * @example Two groups, three iterations
 * ```ts
 * import assert from "node:assert/strict";
 * import { sample, triangular } from "cyclical-lr";
 * const values = sample(triangular({ baseLr: [0, 1], maxLr: [2, 3], stepSizeUp: 2 }), 1, 3);
 * assert.deepEqual([...values], [1, 2, 2, 3, 1, 2]);
 * ```
 *
 * @example Refill one buffer without allocating
 * ```ts
 * import assert from "node:assert/strict";
 * import { amplitude, sample, triangle } from "cyclical-lr";
 * const buffer = new Float64Array(8);
 * const view = sample(amplitude(triangle({ stepSizeUp: 2 })), 0, 5, buffer);
 * assert.deepEqual([...view], [0, 0.5, 1, 0.5, 0]);
 * assert.equal(view.buffer, buffer.buffer);
 * ```
 */
export function sample(
  schedule: Schedule | ScalarSchedule,
  start: number,
  count: number,
  into?: Float64Array,
): Float64Array {
  // Plain comparisons here, and the shared checker only to throw: calling nonNegativeInt on
  // every call was measured (Node 20) to slow the sampled schedule itself five- to eightfold,
  // in sample() and in any loop that called the schedule afterwards.
  if (!(typeof start === "number" && Number.isSafeInteger(start) && start >= 0)) {
    fail("start", iterationPhrase(start), start);
  }
  if (!(typeof count === "number" && Number.isSafeInteger(count) && count >= 0)) nonNegativeInt("count", count);
  // count - 1 > MAX - start is exact where start + count - 1 may round back down to 2^53 - 1.
  if (count > 0 && count - 1 > Number.MAX_SAFE_INTEGER - start) {
    throw new RangeError(
      `start + count - 1: expected ${EXPECTED.nonNegativeInt}, got ${BigInt(start) + BigInt(count) - 1n}`,
    );
  }
  if (into !== undefined && !(into instanceof Float64Array)) {
    throw new TypeError(`into: expected a Float64Array, got ${describeValue(into)}`);
  }
  if (count === 0) return into ? into.subarray(0, 0) : new Float64Array(0);
  if (into === undefined && count > MAX_VALUES) tooMany(count, 1);
  const first = schedule(start);
  const groups = typeof first === "number" ? 1 : first.length;
  if (into === undefined && count * groups > MAX_VALUES) tooMany(count, groups);
  if (into !== undefined && into.length < count * groups) {
    throw new RangeError(`into: expected a Float64Array of at least ${count * groups} values, got ${into.length}`);
  }
  const out = into ? into.subarray(0, count * groups) : new Float64Array(count * groups);
  if (typeof first === "number") return sampleScalar(schedule as ScalarSchedule, start, out);
  return sampleGroups(schedule as Schedule, start, out, first);
}

function sampleScalar(schedule: ScalarSchedule, start: number, out: Float64Array): Float64Array {
  const count = out.length;
  for (let i = 0; i < count; i++) out[i] = schedule(start + i);
  return out;
}

// A loop per value, not out.set(row): set() with a small plain array costs more than the
// schedule itself on V8.
function sampleGroups(schedule: Schedule, start: number, out: Float64Array, first: readonly number[]): Float64Array {
  const groups = first.length, count = out.length / groups;
  const scalars = scalarsOf(schedule);
  if (scalars !== undefined && scalars.length === groups) {
    if (groups === 1) return sampleScalar(scalars[0], start, out);
    for (let g = 0; g < groups; g++) {
      const s = scalars[g];
      for (let i = 0, k = g; i < count; i++, k += groups) out[k] = s(start + i);
    }
    return out;
  }
  for (let i = 0, k = 0; i < count; i++) {
    const row = i === 0 ? first : schedule(start + i);
    if (row.length !== groups) {
      throw new RangeError(`schedule: expected ${groups} groups at every iteration, got ${row.length} at ${start + i}`);
    }
    for (let g = 0; g < groups; g++) out[k++] = row[g];
  }
  return out;
}
