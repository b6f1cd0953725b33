import type { Policy, ScalarSchedule, Schedule } from "../types.ts";
import { EXPECTED, fail, isFiniteNumber } from "../_check.ts";
import { MAX_GROUPS } from "../options/_kinds.ts";
import { saturate } from "../_saturate.ts";
import { withScalars } from "../schedule/scalars.ts";
import { makePolicy } from "../schedule/policy.ts";
import { checkedSignal } from "./amplitude.ts";

/** Checks one side of a stretch: a non-empty array of finite numbers. */
function side(field: string, values: unknown, length?: number): readonly number[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_GROUPS) {
    fail(field, `a non-empty array of finite numbers (at most ${MAX_GROUPS})`, values);
  }
  values.forEach((v: unknown, g) => {
    if (!isFiniteNumber(v)) fail(`${field}[${g}]`, EXPECTED.finite, v);
  });
  if (length !== undefined && values.length !== length) {
    throw new RangeError(`${field}: expected ${length} values (one per group, as from), got ${values.length}`);
  }
  return values;
}

/**
 * The stretched schedule with its scalar form, for the factories that build on it.
 * @internal
 */
export function stretchSchedule(from: readonly number[], to: readonly number[], unit: ScalarSchedule): Schedule {
  const n = from.length;
  const lo = Float64Array.from(from);
  const hi = Float64Array.from(to);
  const span = Float64Array.from(to, (v, g) => v - from[g]);
  // Finite bounds whose difference overflows (-1.7e308 to 1.7e308) take the convex form,
  // whose terms stay within the bounds; every other group keeps the paper's form.
  const wide = span.some((k) => !Number.isFinite(k));
  // A unit beyond [0, 1] (a user's scale above 1) can take the value past the largest double:
  // it is held there (the spec's edge case), never Infinity.
  const at = (g: number, h: number) =>
    saturate(Number.isFinite(span[g]) ? lo[g] + span[g] * h : lo[g] * (1 - h) + hi[g] * h);
  const schedule: Schedule = wide
    ? (t) => {
      const h = unit(t);
      const out = new Array<number>(n);
      for (let g = 0; g < n; g++) out[g] = at(g, h);
      return out;
    }
    : (t) => {
      const h = unit(t);
      const out = new Array<number>(n);
      for (let g = 0; g < n; g++) out[g] = saturate(lo[g] + span[g] * h);
      return out;
    };
  return withScalars(
    schedule,
    Array.from(lo, (l, g) => {
      const k = span[g];
      return Number.isFinite(k) ? (t: number) => saturate(l + k * unit(t)) : (t: number) => at(g, unit(t));
    }),
  );
}

/**
 * The values of every group times one factor of the iteration (PyTorch's `LambdaLR`, and HF's
 * schedules built on it): group `g` gets `values[g] * factor(t)`, the factor evaluated once per
 * call; with its scalar form. The factor checks `t` and is finite (the caller's promise).
 * @internal
 */
export function scaledValues(values: readonly number[], factor: ScalarSchedule): Schedule {
  const n = values.length;
  const schedule: Schedule = (t) => {
    const f = factor(t);
    const out = new Array<number>(n);
    for (let g = 0; g < n; g++) out[g] = values[g] * f;
    return out;
  };
  return withScalars(schedule, values.map((v) => (t: number) => v * factor(t)));
}

/**
 * Stretches one unit signal between per-group values: group `g` gets
 * `from[g] + (to[g] - from[g]) * unit(t)`. The signal is evaluated once per call. Every
 * cyclic policy and polynomial decay is such a stretch. A unit value that is not a finite
 * number is an error naming the iteration; a unit beyond [0, 1] that takes a value past the
 * largest double gives `±Number.MAX_VALUE`.
 *
 * @param from The value of each group where the signal is 0 (finite numbers).
 * @param to The value of each group where the signal is 1 (as many as `from`).
 * @param unit The signal, usually from `amplitude` (values in [0, 1]).
 * @returns A policy of `from.length` groups, without momentum.
 * @throws {TypeError} If `from` or `to` is not a non-empty array, or `unit` is not a function.
 * @throws {RangeError} If a value is not finite, or the lengths differ; when called, if `unit(t)` is not finite.
 *
 * @example Two groups on one triangle
 * ```ts
 * import assert from "node:assert/strict";
 * import { amplitude, stretch, triangle } from "cyclical-lr";
 * const lr = stretch([0, 1], [1, 3], amplitude(triangle({ stepSizeUp: 2 })));
 * assert.deepEqual(lr(1), [0.5, 2]);
 * assert.equal(lr.groups, 2);
 * ```
 */
export function stretch(from: readonly number[], to: readonly number[], unit: ScalarSchedule): Policy {
  const lo = side("from", from);
  const hi = side("to", to, lo.length);
  if (typeof unit !== "function") fail("unit", "a scalar schedule (a function)", unit);
  return makePolicy(stretchSchedule(lo, hi, checkedSignal(unit)), lo.length);
}
