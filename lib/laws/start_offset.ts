import type { Schedule } from "../types.ts";
import { nonNegativeInt } from "../_check.ts";
import { sample } from "../schedule/sample.ts";
import { LawError } from "./law_error.ts";
import { close, show } from "./_tolerance.ts";

/** Starts up to this iteration are compared with a sample taken from iteration 0. */
const MAX_PREFIX = 100_000;

/**
 * Law: a schedule has no hidden state, so sampling from `start` gives the tail of a
 * sample from 0: `sample(s, start, count)` equals the last `count` rows of
 * `sample(s, 0, start + count)`. When `start + count` passes 100,000 the prefix is not
 * sampled and row `i` is compared with `s(start + i)` instead.
 *
 * Tolerance: `1e-12` relative plus `1e-14` of the larger value.
 *
 * @param schedule The schedule under test.
 * @param start The first iteration of the tail, a non-negative safe integer.
 * @param options `count`: rows to compare. @default 4
 * @throws {LawError} If a row differs, naming the iteration, the group and both values.
 * @throws {RangeError} If `start`, `count` or `start + count - 1` is invalid (from `sample`).
 *
 * @example A schedule with a hidden counter breaks it
 * ```ts
 * import assert from "node:assert/strict";
 * import { startOffset, triangular } from "cyclical-lr";
 * startOffset(triangular({ baseLr: 0.1, maxLr: 1, stepSizeUp: 3 }), 5);
 * let calls = 0;
 * const counting = (_t: number) => [calls++];
 * assert.throws(() => startOffset(counting, 5, { count: 2 }), /^LawError: startOffset: at t = 5, group 0: expected 7 \(sampled from 0\), got 0$/);
 * ```
 */
export function startOffset(schedule: Schedule, start: number, options: { readonly count?: number } = {}): void {
  const count = nonNegativeInt("count", options.count ?? 4);
  const tail = sample(schedule, start, count);
  if (count === 0) return;
  const groups = tail.length / count;
  const fromZero = start + count <= MAX_PREFIX;
  const whole = fromZero ? sample(schedule, 0, start + count) : undefined;
  for (let i = 0; i < count; i++) {
    const row = whole ? whole.subarray((start + i) * groups, (start + i + 1) * groups) : schedule(start + i);
    for (let g = 0; g < groups; g++) {
      const expected = row[g];
      const got = tail[i * groups + g];
      if (!close(got, expected)) {
        throw new LawError(
          "startOffset",
          [start + i],
          `group ${g}: expected ${show(expected)} (${fromZero ? "sampled from 0" : "evaluated alone"}), got ${
            show(got)
          }`,
        );
      }
    }
  }
}
