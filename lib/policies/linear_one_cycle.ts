import type { PerGroup, Policy } from "../types.ts";
import { type FieldsOf, fraction, GROUPS, perGroupRate, positive, positiveInt } from "../options/_kinds.ts";
import { invalid, type OptionError } from "../options/_errors.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { annealLinear } from "../signal/anneal.ts";
import { interpolateSchedule, runningProducts } from "./_interpolate.ts";

/** Options of {@link linearOneCycle}: optax's `linear_onecycle_schedule` arguments, camelCased. */
export interface LinearOneCycleOptions {
  /** Iterations of the three phases together (optax's `transition_steps`), a positive safe integer. */
  readonly transitionSteps: number;
  /** The rate at the end of the first phase, per group (optax's `peak_value`). */
  readonly peakValue: PerGroup;
  /** Where the first phase ends, as a fraction of `transitionSteps`, in [0, 1]. */
  readonly pctStart?: number;
  /** Where the second phase ends, as a fraction of `transitionSteps`, in [`pctStart`, 1]. */
  readonly pctFinal?: number;
  /** `initValue = peakValue / divFactor`; finite and > 0. */
  readonly divFactor?: number;
  /** `finalValue = initValue / finalDivFactor`; finite and > 0. */
  readonly finalDivFactor?: number;
  /** Number of groups, when `peakValue` is a number. */
  readonly groups?: number;
}

/**
 * The error of a one-cycle whose values would not all be finite, naming the factor that
 * makes them so; `values(g)` gives group `g`'s values in order, `fields[i]` the field of the
 * `i`-th value.
 *
 * @internal
 */
export function finiteValues(
  peakValue: readonly number[] | undefined,
  values: (peak: number) => readonly number[],
  fields: readonly string[],
  given: Readonly<Record<string, number | undefined>>,
): OptionError | undefined {
  if (peakValue === undefined || Object.values(given).some((v) => v === undefined)) return undefined;
  for (let g = 0; g < peakValue.length; g++) {
    const i = values(peakValue[g]).findIndex((v) => !Number.isFinite(v));
    if (i >= 0) {
      const field = fields[i];
      return invalid([field], `a finite number > 0 that keeps every value finite (group ${g})`, given[field]);
    }
  }
  return undefined;
}

/** The phase ends and multipliers of optax's `linear_onecycle_schedule`. */
function phases(
  o: { transitionSteps: number; pctStart: number; pctFinal: number; divFactor: number; finalDivFactor: number },
) {
  const t = o.transitionSteps;
  return {
    // optax: int(pct_start * transition_steps), int(pct_final * transition_steps), transition_steps
    boundaries: [Math.floor(o.pctStart * t), Math.floor(o.pctFinal * t), t],
    scales: [o.divFactor, 1 / o.divFactor, 1 / o.finalDivFactor],
  };
}

/** Group values: the start, the three ends, and the scales between them. */
function valuesOf(peak: number, o: { divFactor: number; finalDivFactor: number }): readonly number[] {
  const init = peak / o.divFactor, up = 1 / o.divFactor, down = 1 / o.finalDivFactor;
  const peakAgain = init * o.divFactor, back = peakAgain * up;
  return [init, up, peakAgain, back, down, back * down];
}

/**
 * The options table of {@link linearOneCycle} and of the `linearOneCycle` config.
 *
 * @example optax's defaults; the second phase cannot end before the first
 * ```ts
 * import assert from "node:assert/strict";
 * import { LINEAR_ONE_CYCLE } from "cyclical-lr";
 * const v = LINEAR_ONE_CYCLE.read({ transitionSteps: 100, peakValue: 1 });
 * assert.deepEqual([v.pctStart, v.pctFinal, v.divFactor, v.finalDivFactor], [0.3, 0.85, 25, 1e4]);
 * assert.throws(() => LINEAR_ONE_CYCLE.read({ transitionSteps: 100, peakValue: 1, pctFinal: 0.2 }), {
 *   message: "pctFinal: expected a number in [pctStart (0.3), 1], got 0.2",
 * });
 * ```
 */
export const LINEAR_ONE_CYCLE: PolicyTable<FieldsOf<LinearOneCycleOptions, "groups">> = policyTable(
  "linearOneCycle",
  "linearOneCycle",
  {
    transitionSteps: positiveInt.required(),
    peakValue: perGroupRate.required(),
    pctStart: fraction.default(0.3),
    pctFinal: fraction.default(0.85),
    divFactor: positive.default(25),
    finalDivFactor: positive.default(1e4),
    groups: GROUPS,
  },
  {
    rules: [
      ({ pctStart, pctFinal }) =>
        pctStart !== undefined && pctFinal !== undefined && pctFinal < pctStart
          ? invalid(["pctFinal"], `a number in [pctStart (${pctStart}), 1]`, pctFinal)
          : undefined,
      ({ peakValue, divFactor, finalDivFactor }) =>
        finiteValues(
          peakValue,
          (peak) => valuesOf(peak, { divFactor: divFactor ?? 1, finalDivFactor: finalDivFactor ?? 1 }),
          ["divFactor", "divFactor", "divFactor", "divFactor", "finalDivFactor", "finalDivFactor"],
          { divFactor, finalDivFactor },
        ),
    ],
  },
);

/**
 * optax's `linear_onecycle_schedule`: three linear phases, built as optax builds them, a
 * {@link piecewiseInterpolate} over `init = peakValue / divFactor` with the boundaries and
 * multipliers `floor(pctStart * T): divFactor`, `floor(pctFinal * T): 1 / divFactor`,
 * `T: 1 / finalDivFactor` (`T = transitionSteps`): from `init` up to `peakValue` at
 * `floor(pctStart * T)`, back down to `init` at `floor(pctFinal * T)`, then down to
 * `init / finalDivFactor` at `T`, held after. (optax's docstring says the last value is
 * `peak_value / final_div_factor`; its code, followed here, gives `init / final_div_factor`.)
 *
 * Unlike PyTorch's `OneCycleLR` (see `oneCycle`), whose phases end at the real
 * `pctStart * T - 1`, the phase ends are integers, `int(pct * T)`, and each is reached
 * exactly: the peak is the value at `floor(pctStart * T)`. Where two ends fall on the same
 * iteration (`floor(pctStart * T) == floor(pctFinal * T)`, or `pctFinal = 1`), optax's dict
 * keeps only the later multiplier and so loses a factor of `divFactor` for the rest of the
 * schedule (with `pctFinal = 1` it ends at `peakValue / finalDivFactor`, with equal ends it
 * never reaches the peak); here the phase between them is empty and every multiplier is
 * applied, so the values are the ones the docstring describes. Everywhere else this is
 * optax's schedule to 1e-12 relative.
 *
 * @param options The `linearOneCycle` config fields ({@link LINEAR_ONE_CYCLE}); `transitionSteps` and `peakValue` are required.
 * @returns The policy (no momentum); its config is recorded for encoding.
 * @throws {TypeError} If a field has the wrong type or is missing or unknown.
 * @throws {RangeError} If a field is out of range: `pctFinal` below `pctStart`, or factors
 *   that make a value overflow (`peakValue / divFactor` above 1.8e308, say).
 *
 * @example optax's test: 10 steps, peak 1000, ends at 3 and 7
 * ```ts
 * import assert from "node:assert/strict";
 * import { linearOneCycle } from "cyclical-lr";
 * const { lr } = linearOneCycle({
 *   transitionSteps: 10, peakValue: 1000, pctStart: 0.3, pctFinal: 0.7, divFactor: 10, finalDivFactor: 100,
 * });
 * const optax = [100, 400, 700, 1000, 775, 550, 325, 100, 67, 34, 1, 1];
 * optax.forEach((v, t) => assert.ok(Math.abs(lr(t)[0] - v) < 1e-9));
 * ```
 * @see {@link https://arxiv.org/abs/1708.07120 | Smith and Topin, Super-Convergence, 2017}
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax linear_onecycle_schedule}
 */
export function linearOneCycle(options: LinearOneCycleOptions): Policy {
  const o = LINEAR_ONE_CYCLE.read(options);
  const { boundaries, scales } = phases(o);
  const rows = runningProducts(o.peakValue.map((v) => v / o.divFactor), scales);
  return LINEAR_ONE_CYCLE.make(o, interpolateSchedule(boundaries, rows, annealLinear));
}
