import type { PerGroup, Policy } from "../types.ts";
import {
  bool,
  type FieldsOf,
  fraction,
  GROUPS,
  oneOf,
  perGroupRate,
  positive,
  positiveInt,
} from "../options/_kinds.ts";
import { invalid } from "../options/_errors.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { annealCos, annealLinear } from "../signal/anneal.ts";
import { phaseSchedule, type ResolvedPhase } from "../signal/phases.ts";

/** Options of {@link oneCycle}: PyTorch's `OneCycleLR` arguments, camelCased, checked by {@link ONE_CYCLE}. */
export interface OneCycleOptions {
  /** The peak rate per group (PyTorch's `max_lr`). */
  readonly maxLr: PerGroup;
  /** Iterations in the cycle (PyTorch's `total_steps`), a positive safe integer. */
  readonly totalSteps: number;
  /** The fraction of the cycle spent raising the rate, in [0, 1]. */
  readonly pctStart?: number;
  /** How each phase moves: `"cos"` or `"linear"`. */
  readonly annealStrategy?: "cos" | "linear";
  /** `initialLr = maxLr / divFactor`; finite and > 0. */
  readonly divFactor?: number;
  /** `minLr = initialLr / finalDivFactor`; finite and > 0. */
  readonly finalDivFactor?: number;
  /** Three phases (up, down to `initialLr`, down to `minLr`) as in the paper. */
  readonly threePhase?: boolean;
  /** Whether momentum cycles opposite to the rate. */
  readonly cycleMomentum?: boolean;
  /** Momentum at the rate's peak, per group. */
  readonly baseMomentum?: PerGroup;
  /** Momentum at the start and the end, per group. */
  readonly maxMomentum?: PerGroup;
  /** Number of groups, when every per-group value is a number. */
  readonly groups?: number;
}

/** The fields of {@link ONE_CYCLE}, one per option of {@link OneCycleOptions}. */
export type OneCycleFields = FieldsOf<OneCycleOptions, "groups">;

/**
 * The options table of {@link oneCycle} and of the `oneCycle` config: PyTorch's
 * `OneCycleLR` arguments, camelCased, with its defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ONE_CYCLE } from "cyclical-lr";
 * assert.equal(ONE_CYCLE.read({ maxLr: 1, totalSteps: 10 }).finalDivFactor, 1e4);
 * ```
 */
export const ONE_CYCLE: PolicyTable<OneCycleFields> = policyTable("oneCycle", "oneCycle", {
  maxLr: perGroupRate.required(),
  totalSteps: positiveInt.required(),
  pctStart: fraction.default(0.3),
  annealStrategy: oneOf(["cos", "linear"]).default("cos"),
  divFactor: positive.default(25),
  finalDivFactor: positive.default(1e4),
  threePhase: bool.default(false),
  cycleMomentum: bool.default(true),
  baseMomentum: perGroupRate.default(0.85),
  maxMomentum: perGroupRate.default(0.95),
  groups: GROUPS,
}, {
  rules: [
    // The initial and final rates, maxLr / divFactor / finalDivFactor, must stay finite.
    ({ maxLr, divFactor, finalDivFactor }) => {
      if (maxLr === undefined || divFactor === undefined || finalDivFactor === undefined) return undefined;
      const g = maxLr.findIndex((v) => !Number.isFinite(v / divFactor));
      if (g >= 0) {
        return invalid(
          ["divFactor"],
          `a finite number > 0 that keeps maxLr / divFactor finite (group ${g})`,
          divFactor,
        );
      }
      const h = maxLr.findIndex((v) => !Number.isFinite(v / divFactor / finalDivFactor));
      if (h >= 0) {
        const phrase = `a finite number > 0 that keeps maxLr / divFactor / finalDivFactor finite (group ${h})`;
        return invalid(["finalDivFactor"], phrase, finalDivFactor);
      }
      return undefined;
    },
  ],
  momentum: (c) => c.cycleMomentum === true,
});

/**
 * PyTorch's `OneCycleLR` (Smith's 1cycle policy, the fastai default) as a pure policy:
 * the rate rises from `maxLr / divFactor` to `maxLr`, then falls to
 * `maxLr / divFactor / finalDivFactor`; momentum moves the other way, from `maxMomentum`
 * to `baseMomentum` and back.
 *
 * It is {@link phases} with PyTorch's phase ends, as floats, with `p = pctStart` and
 * `T = totalSteps`: two phases end at `p * T - 1` and `T - 1` (initial -> max -> min);
 * three phases at `p * T - 1`, `2 * p * T - 2` and `T - 1` (initial -> max -> initial ->
 * min, momentum max -> base -> max, then held). In a phase from `start` to `end` (the
 * previous end, or 0), `pct = (t - start) / (end - start)` and the value is
 * `end + (start - end) / 2 * (cos(pi * pct) + 1)` (`"cos"`) or
 * `(end - start) * pct + start` (`"linear"`). Matches PyTorch to 1e-12 relative,
 * including small `totalSteps`, where phase ends fall between iterations (then the peak
 * `maxLr` itself is not reached, exactly as in PyTorch). Where PyTorch fails this is
 * defined: a phase of zero length (`p * T == 1`) takes its end value (PyTorch divides
 * 0/0), and past `T - 1` the values of `T - 1` are held (PyTorch extrapolates one step,
 * then raises `ValueError`).
 *
 * @param options The `oneCycle` config fields ({@link ONE_CYCLE}); `maxLr` and `totalSteps` are required.
 * @returns The policy: `lr` (the policy itself), `momentum` (when `cycleMomentum`) and `groups`; its
 *   config is recorded (every default written out) for encoding.
 * @throws {TypeError} If a field has the wrong type (a missing `maxLr` included) or is unknown.
 * @throws {RangeError} If a field is out of range (the message names the field and value).
 *
 * @example PyTorch's own test: linear annealing over 10 steps
 * ```ts
 * import assert from "node:assert/strict";
 * import { oneCycle } from "cyclical-lr";
 * const { lr, momentum } = oneCycle({
 *   maxLr: 25, totalSteps: 10, finalDivFactor: 2, baseMomentum: 1, maxMomentum: 22,
 *   annealStrategy: "linear",
 * });
 * const at = (t: number) => lr(t)[0];
 * assert.deepEqual([0, 1, 2, 3, 9].map(at), [1, 13, 25, 21.5, 0.5]);
 * assert.deepEqual([0, 2, 9].map((t) => momentum?.(t)[0]), [22, 1, 22]);
 * assert.equal(at(1000), 0.5);
 * ```
 * @see {@link https://arxiv.org/abs/1708.07120 | Smith and Topin, Super-Convergence, 2017}
 * @see {@link https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html | PyTorch OneCycleLR}
 */
export function oneCycle(options: OneCycleOptions): Policy {
  const o = ONE_CYCLE.read(options);
  const { maxLr, totalSteps, pctStart, threePhase, baseMomentum, maxMomentum, groups } = o;
  const initialLr = maxLr.map((v) => v / o.divFactor);
  const minLr = initialLr.map((v) => v / o.finalDivFactor);
  const anneal = o.annealStrategy === "cos" ? annealCos : annealLinear;
  // PyTorch's end steps, computed as it does: float(pct_start * total_steps) - 1, ...
  const ends = threePhase
    ? [pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1]
    : [pctStart * totalSteps - 1, totalSteps - 1];
  const lrPoints = threePhase ? [initialLr, maxLr, initialLr, minLr] : [initialLr, maxLr, minLr];
  const momentumPoints = threePhase
    ? [maxMomentum, baseMomentum, maxMomentum, maxMomentum]
    : [maxMomentum, baseMomentum, maxMomentum];
  const along = (points: readonly (readonly number[])[]): ResolvedPhase[] =>
    ends.map((end, i) => ({ end, from: points[i], to: points[i + 1], anneal }));
  const lr = phaseSchedule(along(lrPoints), groups);
  return ONE_CYCLE.make(o, lr, o.cycleMomentum ? phaseSchedule(along(momentumPoints), groups) : undefined);
}
