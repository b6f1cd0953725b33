import type { PerGroup, PolicyLike } from "../types.ts";
import { beta, type FieldsOf, perGroupOf, perGroupRate } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { checkPolicy, KERNEL_FIELDS, OPTIMIZER_HINTS, pickKernel, ratePhrase, type Rule } from "./_core.ts";
import { plainKernel } from "./_kernel.ts";
import { SF_WEIGHT_DECAY, type SfSgdScalars } from "./_plain.ts";
import { optimizerOf } from "./_optimizer.ts";
import { averaging, AVERAGING_FIELDS, type AveragingOptions, refuseMomentumSchedule } from "./_schedule_free.ts";
import type { KernelOptions, Optimizer } from "./types.ts";
import { wasmKernel } from "./wasm/runtime.ts";

/**
 * Options of {@link scheduleFreeSgd}: `SGDScheduleFreeReference`'s arguments (camelCased),
 * with its defaults; its `lr` and `warmup_steps` come from the policy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleFreeSgd, type ScheduleFreeSgdOptions } from "cyclical-lr/optim";
 * const options: ScheduleFreeSgdOptions = { momentum: 0.95, weightDecay: 1e-4 };
 * assert.deepEqual(scheduleFreeSgd({ lr: () => [1], groups: 1 }, options).hyper.momentum, [0.95]);
 * ```
 */
export interface ScheduleFreeSgdOptions extends AveragingOptions, KernelOptions {
  /**
   * The interpolation `y = momentum * x + (1 - momentum) * z` per group, in [0, 1) (0 is
   * Polyak–Ruppert averaging; the reference refuses 0 and suggests 0.95 or 0.98 for long runs).
   */
  readonly momentum?: PerGroup;
  /** L2 penalty per group, added to the gradient at `y`. */
  readonly weightDecay?: PerGroup;
}

/**
 * The options table of {@link scheduleFreeSgd}: the reference's defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCHEDULE_FREE_SGD } from "cyclical-lr/optim";
 * assert.deepEqual(SCHEDULE_FREE_SGD.read({}).momentum, [0.9]);
 * ```
 */
export const SCHEDULE_FREE_SGD: OptionsTable<FieldsOf<ScheduleFreeSgdOptions>> = optionsTable("scheduleFreeSgd", {
  ...AVERAGING_FIELDS,
  momentum: perGroupOf(beta).default(0.9),
  weightDecay: perGroupRate.default(0),
  ...KERNEL_FIELDS,
}, { hints: OPTIMIZER_HINTS });

/**
 * Schedule-free SGD (Defazio et al. 2024, "The Road Less Scheduled"), with the equations of
 * `schedulefree/sgd_schedulefree_reference.py`: three sequences, `z` (plain SGD steps), `x`
 * (their weighted average, the parameters to evaluate) and `y` (where gradients are taken,
 * held in the parameters). At step `t`, group `g`, with `lr = policy.lr(t)[g]` (a constant,
 * or a warm-up: the reference's `warmup_steps = W` is
 * `scaleBy(constant({ value: lr }).lr, (t) => Math.min(1, (t + 1) / W))`; any schedule works):
 *
 * - host, float64: `lrMax = max(lrMax, lr)`, `weight = (t + 1)^r * lrMax^weightLrPower`,
 *   `weightSum += weight`, `ckp1 = weight / weightSum` (0 while `weightSum` is 0);
 * - per element, float32 with every operation rounded and each scalar rounded once:
 *   `d = g + weightDecay * y`; `z = z - lr * d`; `x = x * (1 - ckp1) + ckp1 * z`;
 *   `y = x * momentum + (1 - momentum) * z`.
 *
 * `init(params)` sets `z = x = y = params`. The state's moments are `[z, x]` (so `x` is
 * `state.moments[1]`: evaluate with it), plus the float64 `weightSum` and `lrMax` per
 * group; a checkpoint holds them all. Both CPU kernels and WebGPU give the same bits (on
 * GPUs that do not fuse multiply-adds). The reference's default rate is 1.0, and its README
 * suggests rates 10 to 50 times those of plain SGD; run the range test with this optimizer
 * and read it with `suggestRate`.
 *
 * @param schedule The rate policy: `{ lr, groups }` with no momentum schedule.
 * @param options `momentum`, `weightDecay`, `r`, `weightLrPower`, per group, plus the kernel and the non-finite policy.
 * @returns An optimizer: `init(params)`, then `update(params, grads, state)` in place (`params` is `y`).
 * @throws {RangeError} If a hyper-parameter is out of range.
 * @throws {TypeError} If the policy schedules momentum, or an option has the wrong type.
 *
 * @example Minimise `(w - 3)^2`: train at `y`, evaluate at `x`
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleFreeSgd } from "cyclical-lr/optim";
 * const opt = scheduleFreeSgd({ lr: () => [0.5], groups: 1 });
 * const y = [[new Float32Array([0])]];
 * const state = opt.init(y);
 * for (let t = 0; t < 200; t++) opt.update(y, [[new Float32Array([2 * (y[0][0][0] - 3)])]], state);
 * const x = state.moments[1][0][0];
 * assert.ok(Math.abs(x[0] - 3) < 0.05);
 * ```
 * @see {@link https://arxiv.org/abs/2405.15682 | Defazio et al., The Road Less Scheduled, 2024}
 * @see {@link https://github.com/facebookresearch/schedule_free | facebookresearch/schedule_free}
 */
export function scheduleFreeSgd(schedule: PolicyLike, options: ScheduleFreeSgdOptions = {}): Optimizer {
  const policy = checkPolicy(schedule);
  refuseMomentumSchedule(policy, "momentum");
  const groups = policy.groups;
  const values = SCHEDULE_FREE_SGD.read(options, groups);
  const avg = averaging(values);
  const nonFinite = values.nonFinite;
  const kernel = pickKernel(values.kernel, wasmKernel, plainKernel);
  const f = Math.fround;
  const s: SfSgdScalars = { lr: 0, weightDecay: 0, keep: 1, ckp1: 0, beta: 0, oneMinusBeta: 0, flags: 0 };
  const rule: Rule = {
    algorithm: "scheduleFreeSgd",
    moments: 2,
    allocates: () => true,
    copiesParams: [0, 1],
    nonNegative: [],
    averages: true,
    views: { x: 1, z: 0 },
    validate: avg.validate,
    momentumPhrase: ratePhrase,
    prepare: (state, g, lr) => {
      const ckp1 = avg.advance(state, g, lr);
      const wd = values.weightDecay[g], beta = values.momentum[g];
      s.lr = f(lr);
      s.weightDecay = f(wd);
      s.keep = f(1 - ckp1);
      s.ckp1 = f(ckp1);
      s.beta = f(beta);
      s.oneMinusBeta = f(1 - beta);
      s.flags = wd !== 0 ? SF_WEIGHT_DECAY : 0;
    },
    apply: (runtime, p, g, z, x) => runtime.sfSgd(p, g, z, x, s),
    uniform: () => ({ floats: [s.lr, s.weightDecay, s.keep, s.ckp1, s.beta, s.oneMinusBeta], flags: s.flags }),
  };
  const hyper = {
    momentum: values.momentum,
    weightDecay: values.weightDecay,
    r: [...avg.r],
    weightLrPower: [...avg.weightLrPower],
  };
  return optimizerOf(policy, rule, kernel, nonFinite, hyper);
}
