import type { PerGroup, Policy } from "../types.ts";
import { type FieldsOf, fraction, GROUPS, perGroupRate, positive, positiveInt } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { annealCos } from "../signal/anneal.ts";
import { interpolateSchedule, runningProducts } from "./_interpolate.ts";
import { finiteValues } from "./linear_one_cycle.ts";

/** Options of {@link cosineOneCycle}: optax's `cosine_onecycle_schedule` arguments, camelCased. */
export interface CosineOneCycleOptions {
  /** Iterations of the two phases together (optax's `transition_steps`), a positive safe integer. */
  readonly transitionSteps: number;
  /** The rate at the end of the first phase, per group (optax's `peak_value`). */
  readonly peakValue: PerGroup;
  /** Where the first phase ends, as a fraction of `transitionSteps`, in [0, 1]. */
  readonly pctStart?: number;
  /** `initValue = peakValue / divFactor`; finite and > 0. */
  readonly divFactor?: number;
  /** `finalValue = initValue / finalDivFactor`; finite and > 0. */
  readonly finalDivFactor?: number;
  /** Number of groups, when `peakValue` is a number. */
  readonly groups?: number;
}

/** Group values: the start, the two ends, and the scales between them. */
function valuesOf(peak: number, o: { divFactor: number; finalDivFactor: number }): readonly number[] {
  const init = peak / o.divFactor, down = 1 / (o.divFactor * o.finalDivFactor);
  const peakAgain = init * o.divFactor;
  return [init, peakAgain, down, peakAgain * down];
}

/**
 * The options table of {@link cosineOneCycle} and of the `cosineOneCycle` config.
 *
 * @example optax's defaults
 * ```ts
 * import assert from "node:assert/strict";
 * import { COSINE_ONE_CYCLE } from "cyclical-lr";
 * const v = COSINE_ONE_CYCLE.read({ transitionSteps: 100, peakValue: 1 });
 * assert.deepEqual([v.pctStart, v.divFactor, v.finalDivFactor], [0.3, 25, 1e4]);
 * ```
 */
export const COSINE_ONE_CYCLE: PolicyTable<FieldsOf<CosineOneCycleOptions, "groups">> = policyTable(
  "cosineOneCycle",
  "cosineOneCycle",
  {
    transitionSteps: positiveInt.required(),
    peakValue: perGroupRate.required(),
    pctStart: fraction.default(0.3),
    divFactor: positive.default(25),
    finalDivFactor: positive.default(1e4),
    groups: GROUPS,
  },
  {
    rules: [
      ({ peakValue, divFactor, finalDivFactor }) =>
        finiteValues(
          peakValue,
          (peak) => valuesOf(peak, { divFactor: divFactor ?? 1, finalDivFactor: finalDivFactor ?? 1 }),
          ["divFactor", "divFactor", "finalDivFactor", "finalDivFactor"],
          { divFactor, finalDivFactor },
        ),
    ],
  },
);

/**
 * optax's `cosine_onecycle_schedule`: two cosine phases, built as optax builds them, a
 * {@link piecewiseInterpolate} over `init = peakValue / divFactor` with the boundaries and
 * multipliers `floor(pctStart * T): divFactor` and `T: 1 / (divFactor * finalDivFactor)`
 * (`T = transitionSteps`): from `init` up to `peakValue` at `floor(pctStart * T)`, then
 * down to `init / finalDivFactor` at `T`, held after, each phase
 * `end + (start - end) / 2 * (cos(pi * pct) + 1)`.
 *
 * Unlike PyTorch's `OneCycleLR` (see `oneCycle`), whose phases end at the real
 * `pctStart * T - 1` and `T - 1`, the phase ends are the integers `int(pctStart * T)` and
 * `T`, each reached exactly. With `pctStart = 1` both ends are `T`: optax's dict keeps only
 * the second multiplier (the rate falls from `init` to `init / (divFactor * finalDivFactor)`
 * and never reaches the peak); here the rate rises to `peakValue` at `T` and then holds
 * `init / finalDivFactor`. Everywhere else this is optax's schedule to 1e-12 relative.
 *
 * @param options The `cosineOneCycle` config fields ({@link COSINE_ONE_CYCLE}); `transitionSteps` and `peakValue` are required.
 * @returns The policy (no momentum); its config is recorded for encoding.
 * @throws {TypeError} If a field has the wrong type or is missing or unknown.
 * @throws {RangeError} If a field is out of range, or the factors make a value overflow.
 *
 * @example optax's test: 5 steps, peak 1000 at step 2
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineOneCycle } from "cyclical-lr";
 * const { lr } = cosineOneCycle({
 *   transitionSteps: 5, peakValue: 1000, pctStart: 0.4, divFactor: 10, finalDivFactor: 100,
 * });
 * const optax = [100, 550, 1000, 750.25, 250.75, 1, 1];
 * optax.forEach((v, t) => assert.ok(Math.abs(lr(t)[0] - v) < 1e-9));
 * ```
 * @see {@link https://arxiv.org/abs/1708.07120 | Smith and Topin, Super-Convergence, 2017}
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax cosine_onecycle_schedule}
 */
export function cosineOneCycle(options: CosineOneCycleOptions): Policy {
  const o = COSINE_ONE_CYCLE.read(options);
  const t = o.transitionSteps;
  const scales = [o.divFactor, 1 / (o.divFactor * o.finalDivFactor)];
  const rows = runningProducts(o.peakValue.map((v) => v / o.divFactor), scales);
  // optax: int(pct_start * transition_steps), int(transition_steps)
  return COSINE_ONE_CYCLE.make(o, interpolateSchedule([Math.floor(o.pctStart * t), t], rows, annealCos));
}
