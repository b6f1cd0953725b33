/**
 * The types every part of cyclical-lr speaks: schedules, waves, scales and policies.
 *
 * A schedule is a pure function of the 0-based iteration `t` (the number of optimizer
 * updates already applied, so `t = 0` is the rate of the first update).
 *
 * @module
 */

/**
 * A schedule over parameter groups: iteration to one value per group.
 *
 * @example Two groups, the second at a tenth of the first
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Schedule } from "cyclical-lr";
 * const lr: Schedule = (t) => [1 / (t + 1), 0.1 / (t + 1)];
 * assert.deepEqual(lr(0), [1, 0.1]);
 * ```
 */
export type Schedule = (t: number) => readonly number[];

/**
 * A schedule of one value: the allocation-free form used in hot loops and by `sample`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ScalarSchedule } from "cyclical-lr";
 * const half: ScalarSchedule = (t) => 0.5 ** t;
 * assert.equal(half(2), 0.25);
 * ```
 */
export type ScalarSchedule = (t: number) => number;

/**
 * The shape of one cycle: where in its cycle an iteration is, as a height in [0, 1].
 *
 * `cycle(t)` is the 1-based cycle number (PyTorch's `cycle`); `height(t)` is 0 at the
 * start of a cycle and 1 at its peak; `period` is the cycle length in iterations.
 *
 * @example A square wave of period 4
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Wave } from "cyclical-lr";
 * const square: Wave = {
 *   period: 4,
 *   cycle: (t) => Math.floor(t / 4) + 1,
 *   height: (t) => (t % 4 < 2 ? 1 : 0),
 * };
 * assert.equal(square.height(5), 1);
 * assert.equal(square.cycle(5), 2);
 * ```
 */
export interface Wave {
  /** Iterations in one cycle. */
  readonly period: number;
  /** The 1-based number of the cycle that iteration `t` is in. */
  cycle(t: number): number;
  /** Height in [0, 1] at iteration `t`. */
  height(t: number): number;
}

/**
 * What a scale function is applied to: the 1-based cycle number, or the iteration.
 *
 * @example
 * ```ts
 * import type { ScaleMode } from "cyclical-lr";
 * const mode: ScaleMode = "cycle";
 * ```
 */
export type ScaleMode = "cycle" | "iterations";

/**
 * How large the current cycle is: a multiplier of the amplitude, as PyTorch's
 * `scale_fn` with its `scale_mode`.
 *
 * @example Halving per cycle (triangular2)
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Scale } from "cyclical-lr";
 * const halving: Scale = { mode: "cycle", fn: (c) => 0.5 ** (c - 1) };
 * assert.equal(halving.fn(3), 0.25);
 * ```
 */
export interface Scale {
  /** Whether `fn` receives the cycle number or the iteration. */
  readonly mode: ScaleMode;
  /** The multiplier; finite and usually in [0, 1]. */
  readonly fn: (x: number) => number;
}

/**
 * A value given per parameter group: one number for every group, or one per group.
 *
 * @example
 * ```ts
 * import type { PerGroup } from "cyclical-lr";
 * const baseLr: PerGroup = [0.001, 0.0001];
 * ```
 */
export type PerGroup = number | readonly number[];

/**
 * A learning-rate schedule with what an optimizer needs beside it: the number of parameter
 * groups and, when the policy cycles it, the momentum (or Adam's `beta1`) schedule.
 *
 * A policy *is* its learning-rate schedule: `policy(t)` and `policy.lr(t)` are the same
 * rates. Every factory and combinator of the library returns a policy, and every one that
 * takes a schedule also takes a policy (and the other way round: a plain function
 * `(t) => number[]` is a policy without momentum). `momentum` is present only when the
 * policy schedules it.
 *
 * @example Call it, or read its parts
 * ```ts
 * import assert from "node:assert/strict";
 * import { cyclicLR, type Policy } from "cyclical-lr";
 * const p: Policy = cyclicLR({ baseLr: 0.1, maxLr: 1, stepSize: 4 });
 * assert.deepEqual(p(4), p.lr(4));
 * assert.equal(p.groups, 1);
 * assert.deepEqual(p.momentum?.(4), [0.8]);
 * ```
 */
export interface Policy {
  /** The learning rate per group at iteration `t`. */
  (t: number): readonly number[];
  /**
   * The learning rate alone, as a policy without momentum: the policy itself when it has
   * no momentum (so `policy.lr` can be passed wherever only the rate is wanted).
   */
  readonly lr: Policy;
  /** Momentum (or Adam's `beta1`) per group, when the policy schedules it. */
  readonly momentum?: Schedule;
  /** Number of parameter groups: the length of every array the schedules return. */
  readonly groups: number;
}

/**
 * What every combinator and optimizer accepts in place of a policy: a policy, a plain
 * schedule (a policy without momentum, whose group count is read from `schedule(0)`), or an
 * object `{ lr, momentum?, groups? }`.
 *
 * @example A hand-written schedule composes like a built one
 * ```ts
 * import assert from "node:assert/strict";
 * import { join, type PolicyLike, triangular } from "cyclical-lr";
 * const ramp: PolicyLike = (t) => [t / 10];
 * const p = join([ramp, triangular({ baseLr: 0.1, maxLr: 1, stepSize: 5 })], [1]);
 * assert.deepEqual(p(1), [0.1]);
 * ```
 */
export type PolicyLike =
  | Schedule
  | { readonly lr: Schedule; readonly momentum?: Schedule; readonly groups?: number };

/**
 * A JSON value, as the params of a registered wave or scale.
 *
 * @example
 * ```ts
 * import type { JsonValue } from "cyclical-lr";
 * const v: JsonValue = { ratio: 0.5, names: ["a", null] };
 * ```
 */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

/**
 * A JSON object.
 *
 * @example
 * ```ts
 * import type { JsonObject } from "cyclical-lr";
 * const params: JsonObject = { ratio: 0.5 };
 * ```
 */
export interface JsonObject {
  /** Any key, to a JSON value. */
  readonly [key: string]: JsonValue;
}
