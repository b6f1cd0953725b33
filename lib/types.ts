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
 * What a config's `policy` builds: the learning-rate schedule, the momentum schedule
 * when the policy cycles momentum, and the number of parameter groups.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Policy } from "cyclical-lr";
 * const fixed: Policy = { lr: () => [0.1], groups: 1 };
 * assert.equal(fixed.momentum, undefined);
 * ```
 */
export interface Policy {
  /** Learning rate per group. */
  readonly lr: Schedule;
  /** Momentum (or Adam's `beta1`) per group, when the policy schedules it. */
  readonly momentum?: Schedule;
  /** Number of parameter groups: the length of every array the schedules return. */
  readonly groups: number;
}
