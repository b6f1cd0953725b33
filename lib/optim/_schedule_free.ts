/**
 * What the two schedule-free optimizers share: the option checks, and the averaging weight
 * `ckp1` of each step, computed on the host in float64 in the reference's order
 * (`facebookresearch/schedule_free`, `*_reference.py`):
 * `lrMax = max(lrMax, lr)`, `weight = (t + 1)^r * lrMax^weightLrPower`,
 * `weightSum += weight`, `ckp1 = weight / weightSum` (0 while the sum is 0, where Python's
 * division raises `ZeroDivisionError` and the reference takes 0).
 *
 * @module
 */

import type { PerGroup, Policy } from "../types.ts";
import { expectedMessage } from "../_check.ts";
import { type FieldsOf, perGroupRate } from "../options/_kinds.ts";
import { pow } from "../_math/mod.ts";
import type { StepCounter } from "./_core.ts";

/** The options both schedule-free optimizers take, with the reference's defaults. */
/** The fields of the averaging, shared by both schedule-free optimizers. */
export const AVERAGING_FIELDS: FieldsOf<AveragingOptions> = {
  r: perGroupRate.default(0),
  weightLrPower: perGroupRate.default(2),
};

/** The options of the averaging, shared by both schedule-free optimizers. */
export interface AveragingOptions {
  /** Polynomial weighting of the average: step `t` weighs `(t + 1)^r`, per group, >= 0. */
  readonly r?: PerGroup;
  /** Step `t` also weighs `lrMax^weightLrPower` (the largest rate so far), per group, >= 0. */
  readonly weightLrPower?: PerGroup;
}

/** Refuses a policy that schedules momentum: the schedule-free interpolation weight is fixed. */
export function refuseMomentumSchedule(policy: Policy, name: "momentum" | "beta1"): void {
  if (policy.momentum === undefined) return;
  throw new TypeError(expectedMessage(
    "policy.momentum",
    `no momentum schedule for a schedule-free optimizer (its ${name} is the fixed weight of x in ` +
      `y = ${name} * x + (1 - ${name}) * z; build the policy with cycleMomentum: false)`,
    policy.momentum,
  ));
}

/** The averaging of one optimizer: its per-group `r` and `weightLrPower`. */
export interface Averaging {
  readonly r: readonly number[];
  readonly weightLrPower: readonly number[];
  /** Throws, before anything changes, when step `state.step` at these rates has a non-finite weight or sum. */
  readonly validate: (state: StepCounter, lr: readonly number[]) => void;
  /** Advances group `g`'s `lrMax` and `weightSum` by step `state.step` at rate `lr`; returns `ckp1`. */
  readonly advance: (state: StepCounter, g: number, lr: number) => number;
}

/** The averaging for these options and group count. */
export function averaging(
  values: { readonly r: readonly number[]; readonly weightLrPower: readonly number[] },
): Averaging {
  const { r, weightLrPower } = values;
  const weightOf = (t: number, g: number, lrMax: number) => pow(t + 1, r[g]) * pow(lrMax, weightLrPower[g]);
  const sums = (state: StepCounter): { weightSum: number[]; lrMax: number[] } => {
    if (!state.weightSum || !state.lrMax) {
      throw new TypeError("state: expected the schedule-free sums weightSum and lrMax");
    }
    return { weightSum: state.weightSum, lrMax: state.lrMax };
  };
  return {
    r,
    weightLrPower,
    validate: (state, lr) => {
      const { weightSum, lrMax } = sums(state);
      const t = state.step;
      for (let g = 0; g < lr.length; g++) {
        const top = Math.max(lrMax[g], lr[g]), sum = weightSum[g] + weightOf(t, g, top);
        if (!Number.isFinite(sum)) {
          throw new RangeError(expectedMessage(
            `weightSum[${g}]`,
            `a finite sum of the averaging weights (t + 1)^r * lrMax^weightLrPower (at step ${t}: r = ${
              r[g]
            }, lrMax = ${top}, weightLrPower = ${weightLrPower[g]}; lower r or weightLrPower)`,
            sum,
          ));
        }
      }
    },
    advance: (state, g, lr) => {
      const { weightSum, lrMax } = sums(state);
      const top = Math.max(lrMax[g], lr);
      const weight = weightOf(state.step, g, top);
      const sum = weightSum[g] + weight;
      lrMax[g] = top;
      weightSum[g] = sum;
      return sum === 0 ? 0 : weight / sum;
    },
  };
}
