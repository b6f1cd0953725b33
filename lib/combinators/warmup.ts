import type { PerGroup, Policy, PolicyLike } from "../types.ts";
import { type FieldsOf, nonNegativeInt, oneOf, perGroupRate } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { asPolicy, makePolicy } from "../schedule/policy.ts";
import { withoutConfig } from "../schedule/config_of.ts";
import { annealCos, annealLinear } from "../signal/anneal.ts";
import { phaseSchedule } from "../signal/phases.ts";
import { joinSchedules } from "./join.ts";

/** Options of {@link warmup}, checked by {@link WARMUP}. */
export interface WarmupOptions {
  /** Iterations of the ramp, a non-negative safe integer (0: no warm-up). */
  readonly steps: number;
  /** The value at iteration 0, per group. */
  readonly from?: PerGroup;
  /** The ramp's shape: `"linear"`, or `"cos"` (flat at both ends). */
  readonly shape?: "linear" | "cos";
}

/**
 * The options table of {@link warmup}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { WARMUP } from "cyclical-lr";
 * assert.equal(WARMUP.read({ steps: 10 }).shape, "linear");
 * ```
 */
export const WARMUP: OptionsTable<FieldsOf<WarmupOptions>> = optionsTable("warmup", {
  steps: nonNegativeInt.required(),
  from: perGroupRate.default(0),
  shape: oneOf(["linear", "cos"]).default("linear"),
});

/**
 * Prefixes a schedule with a warm-up ramp: for `t < steps` the value ramps from `from`
 * towards `schedule(0)`, and from `steps` on it is `schedule(t - steps)`, so the wrapped
 * schedule keeps its own time and starts at its own iteration 0 (it is delayed, not
 * overlaid). The ramp ends where the schedule starts, so the seam is continuous:
 * linear `from + (s(0) - from) * t / steps`, or cosine
 * `s(0) + (from - s(0)) / 2 * (cos(pi * t / steps) + 1)`. This is
 * `join([ramp, schedule], [steps])`, as optax builds `warmup_cosine_decay_schedule`.
 *
 * To overlay instead (keep the schedule's time and scale its first iterations), multiply:
 * `scaleBy(schedule, (t) => Math.min(1, (t + 1) / steps))`.
 *
 * Compositions: two-phase one-cycle with `p * T` an integer is
 * `warmup(cosine anneal from maxLr to minLr over T - p * T iterations, { steps: p * T - 1, from: maxLr / divFactor, shape: "cos" })`.
 *
 * A policy's momentum, if it has one, holds its value at 0 during the ramp and then runs on
 * the same local time as the rate.
 *
 * @param schedule The schedule or policy to warm up into (evaluated once at 0; values must be >= 0).
 * @param options The ramp's length, start value and shape ({@link WARMUP}).
 * @returns The warmed-up policy.
 * @throws {RangeError} If `steps` is not a non-negative safe integer or `from` is not a
 *   finite number >= 0 (or has the wrong number of groups).
 * @throws {TypeError} If `shape` is not `"linear"` or `"cos"`.
 *
 * @example Five iterations of linear warm-up into a constant
 * ```ts
 * import assert from "node:assert/strict";
 * import { warmup } from "cyclical-lr";
 * const lr = warmup((t) => [1 / (1 + t)], { steps: 4 });
 * assert.deepEqual([0, 1, 2, 3, 4, 5].map((t) => lr(t)[0]), [0, 0.25, 0.5, 0.75, 1, 0.5]);
 * ```
 */
export function warmup(schedule: PolicyLike, options: WarmupOptions): Policy {
  const p = asPolicy(["schedule"], schedule);
  const o = WARMUP.read(options);
  const groups = p.groups;
  if (o.from.length !== 1 && o.from.length !== groups) {
    throw new RangeError(`from: expected ${groups} values (one per group, as groups), got ${o.from.length}`);
  }
  if (o.steps === 0) return p;
  const from = o.from.length === groups ? o.from : new Array<number>(groups).fill(o.from[0]);
  const anneal = o.shape === "cos" ? annealCos : annealLinear;
  const ramp = phaseSchedule([{ end: o.steps, from, to: [...p(0)], anneal }], groups);
  const b = [o.steps];
  const lr = joinSchedules([ramp, p], b, groups);
  const m = p.momentum;
  const momentum = m === undefined
    ? undefined
    : joinSchedules([phaseSchedule([{ end: 1, from: [...m(0)], to: [...m(0)] }], groups), m], b, groups);
  return withoutConfig(
    makePolicy(lr, groups, momentum),
    "a warmup (warmup has no config form; a join of a linear schedule and the schedule has one)",
  );
}
