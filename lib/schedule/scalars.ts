/**
 * A group schedule's allocation-free twin: one scalar schedule per group, with
 * `scalars[g](t) === schedule(t)[g]` at every iteration. `sample()` fills a group through
 * its scalar instead of building a small array per iteration, which keeps a sampled
 * one-cycle or join close to a hand-written loop. Kept beside the schedule (not on it), so
 * schedules stay plain functions; a schedule without one is sampled through its arrays.
 *
 * @module
 */
import type { ScalarSchedule, Schedule } from "../types.ts";

const forms = new WeakMap<Schedule, readonly ScalarSchedule[]>();

/**
 * Records `scalars` as the per-group form of `schedule` and returns `schedule`. The caller
 * promises `scalars[g](t) === schedule(t)[g]` for every valid `t` (the same arithmetic,
 * bit for bit), and that each scalar checks its iteration as the schedule does.
 *
 * @param schedule A group schedule.
 * @param scalars One scalar schedule per group.
 * @returns `schedule`, unchanged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scalarsOf, withScalars } from "cyclical-lr";
 * const half = (t: number) => 0.5 ** t;
 * const s = withScalars((t: number) => [half(t)], [half]);
 * assert.equal(scalarsOf(s)?.[0](3), s(3)[0]);
 * ```
 */
export function withScalars(schedule: Schedule, scalars: readonly ScalarSchedule[]): Schedule {
  forms.set(schedule, scalars);
  return schedule;
}

/**
 * The per-group scalar form recorded for `schedule`, or `undefined`.
 *
 * @param schedule A group schedule.
 * @returns One scalar schedule per group, or `undefined` when none was recorded.
 *
 * @example The cyclic policies have one
 * ```ts
 * import assert from "node:assert/strict";
 * import { scalarsOf, triangular } from "cyclical-lr";
 * const lr = triangular({ baseLr: [0, 1], maxLr: [1, 3], stepSizeUp: 2 });
 * assert.deepEqual(scalarsOf(lr)?.map((s) => s(1)), [...lr(1)]);
 * assert.equal(scalarsOf((t: number) => [t]), undefined);
 * ```
 */
export function scalarsOf(schedule: Schedule): readonly ScalarSchedule[] | undefined {
  return forms.get(schedule);
}
