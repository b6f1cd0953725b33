import type { PerGroup, Policy } from "./types.ts";
import { boolean, fail, fraction, oneOf, positive, positiveInt } from "./_check.ts";
import { perGroupConfig, requirePerGroup, resolveGroups } from "./groups.ts";
import { withConfig } from "./describe.ts";
import { annealCos, annealLinear } from "./combinators/anneal.ts";
import { type Phase, phases } from "./combinators/phases.ts";

/** Options of {@link oneCycle}: the fields of the `oneCycle` config, PyTorch's defaults. */
export interface OneCycleOptions {
  /** The peak rate per group (PyTorch's `max_lr`). Required. */
  readonly maxLr: PerGroup;
  /** Iterations in the cycle (PyTorch's `total_steps`), a positive safe integer. Required. */
  readonly totalSteps: number;
  /** The fraction of the cycle spent raising the rate, in [0, 1]. @default 0.3 */
  readonly pctStart?: number;
  /** How each phase moves: `"cos"` or `"linear"`. @default "cos" */
  readonly annealStrategy?: "cos" | "linear";
  /** `initialLr = maxLr / divFactor`; finite and > 0. @default 25 */
  readonly divFactor?: number;
  /** `minLr = initialLr / finalDivFactor`; finite and > 0. @default 1e4 */
  readonly finalDivFactor?: number;
  /** Three phases (up, down to `initialLr`, down to `minLr`) as in the paper. @default false */
  readonly threePhase?: boolean;
  /** Whether momentum cycles opposite to the rate. @default true */
  readonly cycleMomentum?: boolean;
  /** Momentum at the rate's peak, per group. @default 0.85 */
  readonly baseMomentum?: PerGroup;
  /** Momentum at the start and the end, per group. @default 0.95 */
  readonly maxMomentum?: PerGroup;
  /** Number of groups, when every per-group value is a scalar. */
  readonly groups?: number;
}

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
 * @param options The `oneCycle` config fields; `maxLr` and `totalSteps` are required.
 * @returns The policy: `lr`, `momentum` (when `cycleMomentum`) and `groups`; its config is
 *   recorded (every default written out) for encoding.
 * @throws {TypeError} If a field has the wrong type (a missing `maxLr` included).
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
  const o = options;
  const maxLrOption = requirePerGroup("maxLr", o.maxLr);
  const totalSteps = positiveInt("totalSteps", o.totalSteps);
  const pctStart = fraction("pctStart", o.pctStart ?? 0.3);
  const annealStrategy = oneOf("annealStrategy", ["cos", "linear"], o.annealStrategy ?? "cos");
  const divFactor = positive("divFactor", o.divFactor ?? 25);
  const finalDivFactor = positive("finalDivFactor", o.finalDivFactor ?? 1e4);
  const threePhase = boolean("threePhase", o.threePhase ?? false);
  const cycleMomentum = boolean("cycleMomentum", o.cycleMomentum ?? true);
  const { groups, values } = resolveGroups({
    maxLr: maxLrOption,
    baseMomentum: o.baseMomentum ?? 0.85,
    maxMomentum: o.maxMomentum ?? 0.95,
  }, o.groups);

  const maxLr = values.maxLr;
  const initialLr = maxLr.map((v) => v / divFactor);
  initialLr.forEach((v, g) => {
    if (!Number.isFinite(v)) {
      fail("divFactor", `a finite number > 0 that keeps maxLr / divFactor finite (group ${g})`, divFactor);
    }
  });
  const minLr = initialLr.map((v) => v / finalDivFactor);
  const { baseMomentum, maxMomentum } = values;
  const anneal = annealStrategy === "cos" ? annealCos : annealLinear;
  // PyTorch's end steps, computed as it does: float(pct_start * total_steps) - 1, ...
  const ends = threePhase
    ? [pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1]
    : [pctStart * totalSteps - 1, totalSteps - 1];
  const lrPoints = threePhase ? [initialLr, maxLr, initialLr, minLr] : [initialLr, maxLr, minLr];
  const momentumPoints = threePhase
    ? [maxMomentum, baseMomentum, maxMomentum, maxMomentum]
    : [maxMomentum, baseMomentum, maxMomentum];
  const along = (points: number[][]): Phase[] =>
    ends.map((end, i) => ({ end, from: points[i], to: points[i + 1], anneal }));

  const lr = phases(along(lrPoints), { groups });
  const policy: Policy = cycleMomentum
    ? { lr, momentum: phases(along(momentumPoints), { groups }), groups }
    : { lr, groups };
  return withConfig(policy, {
    policy: "oneCycle",
    maxLr: perGroupConfig(maxLr, groups),
    totalSteps,
    pctStart,
    annealStrategy,
    divFactor,
    finalDivFactor,
    threePhase,
    cycleMomentum,
    baseMomentum: perGroupConfig(baseMomentum, groups),
    maxMomentum: perGroupConfig(maxMomentum, groups),
  });
}
