import type { PerGroup, PolicyLike } from "../types.ts";
import { beta, type FieldsOf, perGroupOf, perGroupRate } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { checkPolicy, KERNEL_FIELDS, OPTIMIZER_HINTS, pickKernel, ratePhrase, type Rule } from "./_core.ts";
import { pow } from "../_math/mod.ts";
import { plainKernel } from "./_kernel.ts";
import { SF_WEIGHT_DECAY, type SfAdamwScalars } from "./_plain.ts";
import { optimizerOf } from "./_optimizer.ts";
import { averaging, AVERAGING_FIELDS, type AveragingOptions, refuseMomentumSchedule } from "./_schedule_free.ts";
import type { KernelOptions, Optimizer } from "./types.ts";
import { wasmKernel } from "./wasm/runtime.ts";

/**
 * Options of {@link scheduleFreeAdamw}: `AdamWScheduleFreeReference`'s arguments
 * (camelCased, `betas` split), with its defaults; its `lr` and `warmup_steps` come from the policy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleFreeAdamw, type ScheduleFreeAdamwOptions } from "cyclical-lr/optim";
 * const options: ScheduleFreeAdamwOptions = { beta1: 0.95, weightDecay: 0.01 };
 * assert.deepEqual(scheduleFreeAdamw({ lr: () => [0.0025], groups: 1 }, options).hyper.beta2, [0.999]);
 * ```
 */
export interface ScheduleFreeAdamwOptions extends AveragingOptions, KernelOptions {
  /** The interpolation `y = beta1 * x + (1 - beta1) * z` per group, in [0, 1). */
  readonly beta1?: PerGroup;
  /** Second-moment decay per group, in [0, 1). */
  readonly beta2?: PerGroup;
  /** Added to the denominator, per group. */
  readonly eps?: PerGroup;
  /** Decoupled weight decay per group, taken at `y`: `z -= lr * weightDecay * y`. */
  readonly weightDecay?: PerGroup;
}

/**
 * The options table of {@link scheduleFreeAdamw}: the reference's defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCHEDULE_FREE_ADAMW } from "cyclical-lr/optim";
 * assert.deepEqual(SCHEDULE_FREE_ADAMW.read({}).weightLrPower, [2]);
 * ```
 */
export const SCHEDULE_FREE_ADAMW: OptionsTable<FieldsOf<ScheduleFreeAdamwOptions>> = optionsTable(
  "scheduleFreeAdamw",
  {
    ...AVERAGING_FIELDS,
    beta1: perGroupOf(beta).default(0.9),
    beta2: perGroupOf(beta).default(0.999),
    eps: perGroupRate.default(1e-8),
    weightDecay: perGroupRate.default(0),
    ...KERNEL_FIELDS,
  },
  { hints: OPTIMIZER_HINTS },
);

/**
 * Schedule-free AdamW (Defazio et al. 2024), with the equations of
 * `schedulefree/adamw_schedulefree_reference.py` (its defaults `decay_at_z = False` and
 * `inner_momentum = 0`): `z` takes Adam steps without a first moment, `x` averages them (the
 * parameters to evaluate) and `y`, held in the parameters, is where gradients are taken. At
 * step `t`, group `g`, with `lr = policy.lr(t)[g]` (a constant or a warm-up, as for
 * {@link scheduleFreeSgd}):
 *
 * - host, float64: `lrMax`, `weightSum` and `ckp1` as for {@link scheduleFreeSgd};
 *   `bc2 = 1 - beta2^(t + 1)`;
 * - per element, float32 with every operation rounded and each scalar rounded once:
 *   `z = z - (lr * weightDecay) * y`; `v = v * beta2 + ((1 - beta2) * g) * g`;
 *   `z = z + (-lr * g) / (sqrt(v / bc2) + eps)`; `x = x * (1 - ckp1) + ckp1 * z`;
 *   `y = x * beta1 + (1 - beta1) * z`.
 *
 * `init(params)` sets `z = x = y = params` and `v = 0`; the moments are `[z, x, v]` (`x` is
 * `state.moments[1]`), plus `weightSum` and `lrMax` per group. The reference's default rate is
 * 0.0025, and its README suggests 1 to 10 times the rates of scheduled AdamW.
 *
 * @param schedule The rate policy: `{ lr, groups }` with no momentum schedule.
 * @param options `beta1`, `beta2`, `eps`, `weightDecay`, `r`, `weightLrPower`, per group, plus the kernel and the non-finite policy.
 * @returns An optimizer: `init(params)`, then `update(params, grads, state)` in place (`params` is `y`).
 * @throws {RangeError} If a hyper-parameter is out of range.
 * @throws {TypeError} If the policy schedules momentum, or an option has the wrong type.
 *
 * @example The first step moves `z` by `lr` against the gradient's sign; `x` and `y` follow it (the first average is `z`)
 * ```ts
 * import assert from "node:assert/strict";
 * import { scheduleFreeAdamw } from "cyclical-lr/optim";
 * const opt = scheduleFreeAdamw({ lr: () => [0.01], groups: 1 });
 * const y = [[new Float32Array([1])]];
 * const state = opt.init(y);
 * opt.update(y, [[new Float32Array([3])]], state);
 * const [z, x] = [state.moments[0][0][0][0], state.moments[1][0][0][0]];
 * assert.ok(Math.abs(z - 0.99) < 1e-6);
 * assert.equal(x, z);
 * assert.ok(Math.abs(y[0][0][0] - 0.99) < 1e-6);
 * ```
 * @see {@link https://arxiv.org/abs/2405.15682 | Defazio et al., The Road Less Scheduled, 2024}
 * @see {@link https://github.com/facebookresearch/schedule_free | facebookresearch/schedule_free}
 */
export function scheduleFreeAdamw(schedule: PolicyLike, options: ScheduleFreeAdamwOptions = {}): Optimizer {
  const policy = checkPolicy(schedule);
  refuseMomentumSchedule(policy, "beta1");
  const groups = policy.groups;
  const values = SCHEDULE_FREE_ADAMW.read(options, groups);
  const avg = averaging(values);
  const nonFinite = values.nonFinite;
  const kernel = pickKernel(values.kernel, wasmKernel, plainKernel);
  const f = Math.fround;
  const s: SfAdamwScalars = {
    lrDecay: 0,
    beta2: 0,
    oneMinusBeta2: 0,
    bc2: 1,
    eps: 0,
    negLr: 0,
    keep: 1,
    ckp1: 0,
    beta1: 0,
    oneMinusBeta1: 0,
    flags: 0,
  };
  const rule: Rule = {
    algorithm: "scheduleFreeAdamw",
    moments: 3,
    allocates: () => true,
    copiesParams: [0, 1],
    nonNegative: [2],
    averages: true,
    views: { x: 1, z: 0 },
    validate: avg.validate,
    momentumPhrase: ratePhrase,
    prepare: (state, g, lr) => {
      const ckp1 = avg.advance(state, g, lr);
      const wd = values.weightDecay[g], beta1 = values.beta1[g], beta2 = values.beta2[g];
      s.lrDecay = f(lr * wd);
      s.beta2 = f(beta2);
      s.oneMinusBeta2 = f(1 - beta2);
      s.bc2 = f(1 - pow(beta2, state.step + 1));
      s.eps = f(values.eps[g]);
      s.negLr = f(-lr);
      s.keep = f(1 - ckp1);
      s.ckp1 = f(ckp1);
      s.beta1 = f(beta1);
      s.oneMinusBeta1 = f(1 - beta1);
      s.flags = wd !== 0 ? SF_WEIGHT_DECAY : 0;
    },
    apply: (runtime, p, g, z, x, v) => runtime.sfAdamw(p, g, z, x, v, s),
    uniform: () => ({
      floats: [s.lrDecay, s.beta2, s.oneMinusBeta2, s.bc2, s.eps, s.negLr, s.keep, s.ckp1, s.beta1, s.oneMinusBeta1],
      flags: s.flags,
    }),
  };
  const hyper = {
    beta1: values.beta1,
    beta2: values.beta2,
    eps: values.eps,
    weightDecay: values.weightDecay,
    r: [...avg.r],
    weightLrPower: [...avg.weightLrPower],
  };
  return optimizerOf(policy, rule, kernel, nonFinite, hyper);
}
