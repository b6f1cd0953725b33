import type { PerGroup, PolicyLike } from "../types.ts";
import { EXPECTED, isBeta } from "../_check.ts";
import {
  checkPolicy,
  KERNEL_FIELDS,
  OPTIMIZER_HINTS,
  pickKernel,
  refuseScheduledMomentum,
  type Rule,
} from "./_core.ts";
import { beta, type FieldsOf, perGroupOf, perGroupRate } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { pow } from "../_math/mod.ts";
import { plainKernel } from "./_kernel.ts";
import { ADAM_DECOUPLED, ADAM_L2, ADAM_LERP_FROM_END, type AdamScalars } from "./_plain.ts";
import { optimizerOf } from "./_optimizer.ts";
import type { KernelOptions, Optimizer } from "./types.ts";
import { wasmKernel } from "./wasm/runtime.ts";

/**
 * Options of {@link adam} and {@link adamw}: PyTorch's arguments (camelCased, `betas` split), with its defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adam, type AdamOptions } from "cyclical-lr/optim";
 * const options: AdamOptions = { beta1: 0.95, beta2: 0.99 };
 * assert.deepEqual(adam({ lr: () => [1e-3], groups: 1 }, options).hyper.beta2, [0.99]);
 * ```
 */
export interface AdamOptions extends KernelOptions {
  /**
   * First-moment decay per group, in [0, 1). Refused when the policy schedules momentum
   * (`cyclicLR` and `oneCycle` do unless `cycleMomentum: false`): then `beta1` is the policy's.
   */
  readonly beta1?: PerGroup;
  /** Second-moment decay per group, in [0, 1). */
  readonly beta2?: PerGroup;
  /** Added to the denominator, per group. */
  readonly eps?: PerGroup;
  /** Weight decay per group: L2 on the gradient (Adam) or decoupled (AdamW). */
  readonly weightDecay?: PerGroup;
}

/** The fields of Adam and AdamW, with `weightDecay`'s default: 0 (Adam, L2) or 0.01 (AdamW, decoupled). */
function adamFields(weightDecay: number): FieldsOf<AdamOptions> {
  return {
    beta1: perGroupOf(beta).default(0.9),
    beta2: perGroupOf(beta).default(0.999),
    eps: perGroupRate.default(1e-8),
    weightDecay: perGroupRate.default(weightDecay),
    ...KERNEL_FIELDS,
  };
}

/**
 * The options table of {@link adam}: PyTorch's defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ADAM } from "cyclical-lr/optim";
 * assert.deepEqual(ADAM.read({}).beta2, [0.999]);
 * assert.throws(() => ADAM.read({ betas: [0.9, 0.99] }), { message: "betas: unknown option of adam (give beta1 and beta2)" });
 * ```
 */
export const ADAM: OptionsTable<FieldsOf<AdamOptions>> = optionsTable("adam", adamFields(0), {
  hints: OPTIMIZER_HINTS,
});

/**
 * The options table of {@link adamw}: PyTorch's defaults (`weightDecay` 0.01).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ADAMW } from "cyclical-lr/optim";
 * assert.deepEqual(ADAMW.read({}).weightDecay, [0.01]);
 * ```
 */
export const ADAMW: OptionsTable<FieldsOf<AdamOptions>> = optionsTable("adamw", adamFields(0.01), {
  hints: OPTIMIZER_HINTS,
});

function adamLike(schedule: PolicyLike, options: AdamOptions, decoupled: boolean): Optimizer {
  const policy = checkPolicy(schedule);
  refuseScheduledMomentum(policy, "beta1", options.beta1);
  const groups = policy.groups;
  const values = (decoupled ? ADAMW : ADAM).read(options, groups);
  const nonFinite = values.nonFinite;
  const kernel = pickKernel(values.kernel, wasmKernel, plainKernel);
  const algorithm = decoupled ? "adamw" : "adam";
  const f = Math.fround;
  const s: AdamScalars = {
    weightDecay: 0,
    decay: 1,
    lerp: 0,
    beta2: 0,
    oneMinusBeta2: 0,
    bc2Sqrt: 1,
    eps: 0,
    negStepSize: 0,
    flags: 0,
  };
  const rule: Rule = {
    algorithm,
    moments: 2,
    allocates: () => true,
    copiesParams: [],
    nonNegative: [1],
    averages: false,
    momentumPhrase: (b) => (isBeta(b) ? undefined : EXPECTED.beta),
    prepare: (state, g, lr, momentum) => {
      const beta1 = momentum ?? values.beta1[g];
      const beta2 = values.beta2[g], wd = values.weightDecay[g];
      const k = state.step + 1;
      const bc1 = 1 - pow(beta1, k), bc2 = 1 - pow(beta2, k);
      const w = f(1 - beta1);
      const fromEnd = !(Math.abs(w) < 0.5);
      s.weightDecay = f(wd);
      s.decay = f(1 - lr * wd);
      s.lerp = fromEnd ? f(w - 1) : w;
      s.beta2 = f(beta2);
      s.oneMinusBeta2 = f(1 - beta2);
      s.bc2Sqrt = f(Math.sqrt(bc2));
      s.eps = f(values.eps[g]);
      s.negStepSize = f(-(lr / bc1));
      s.flags = (wd !== 0 ? (decoupled ? ADAM_DECOUPLED : ADAM_L2) : 0) | (fromEnd ? ADAM_LERP_FROM_END : 0);
    },
    apply: (runtime, p, g, m, v) => runtime.adam(p, g, m, v, s),
    uniform: () => ({
      floats: [s.weightDecay, s.decay, s.lerp, s.beta2, s.oneMinusBeta2, s.bc2Sqrt, s.eps, s.negStepSize],
      flags: s.flags,
    }),
  };
  const hyper = { beta1: values.beta1, beta2: values.beta2, eps: values.eps, weightDecay: values.weightDecay };
  return optimizerOf(policy, rule, kernel, nonFinite, hyper);
}

/**
 * Adam with PyTorch's semantics (`torch.optim.Adam`, L2 weight decay on the gradient),
 * driven by a schedule policy: at step `t` (0-based), group `g` uses `lr = policy.lr(t)[g]`
 * and, where the policy schedules momentum, `beta1 = policy.momentum(t)[g]` (as
 * PyTorch's `CyclicLR`/`OneCycleLR` cycle `betas[0]`); otherwise its own `beta1`. Giving
 * `beta1` to a policy that schedules momentum is an error, not a silent replacement.
 *
 * With `k = t + 1`, the host computes in float64 `bc1 = 1 - beta1^k`, `bc2 = 1 - beta2^k`,
 * `stepSize = lr / bc1`, and rounds each scalar once. Per element, in float32 with every
 * operation rounded, in PyTorch's `_single_tensor_adam` order:
 * `g = g + weightDecay * p`; `m = m.lerp(g, 1 - beta1)` (PyTorch's two-branch lerp);
 * `v = v * beta2 + ((1 - beta2) * g) * g`; `p = p + (-stepSize * m) / (sqrt(v) / sqrt(bc2) + eps)`.
 * Both CPU kernels give the same bits.
 *
 * @param policy The policy (`cyclicLR(…)`, any factory's result, a plain schedule, or `{ lr, momentum?, groups }`).
 * @param options PyTorch's hyper-parameters, per group, plus the kernel and the non-finite policy.
 * @returns An optimizer: `init(params)`, then `update(params, grads, state)` in place.
 * @throws {RangeError} If a beta is outside [0, 1) or another hyper-parameter is out of range.
 * @throws {TypeError} If the policy or an option has the wrong type.
 *
 * @example The first Adam step moves every parameter by about `lr` against its gradient
 * ```ts
 * import assert from "node:assert/strict";
 * import { adam } from "cyclical-lr/optim";
 * const opt = adam({ lr: () => [0.001], groups: 1 });
 * const params = [[new Float32Array([1, 1])]];
 * const state = opt.init(params);
 * opt.update(params, [[new Float32Array([3, -0.5])]], state);
 * assert.ok(Math.abs(params[0][0][0] - 0.999) < 1e-6);
 * assert.ok(Math.abs(params[0][0][1] - 1.001) < 1e-6);
 * ```
 * @see {@link https://pytorch.org/docs/stable/generated/torch.optim.Adam.html | PyTorch Adam}
 */
export function adam(policy: PolicyLike, options: AdamOptions = {}): Optimizer {
  return adamLike(policy, options, false);
}

/**
 * AdamW: {@link adam} with decoupled weight decay (`torch.optim.AdamW`): before the moment
 * updates each parameter is multiplied by `fround(1 - lr * weightDecay)` (computed on the
 * host in float64) and the gradient is left alone. Default `weightDecay` 0.01, as PyTorch.
 *
 * @param policy The policy, as for `adam`.
 * @param options As {@link adam}.
 * @returns An optimizer: `init(params)`, then `update(params, grads, state)` in place.
 * @throws {RangeError} If a beta is outside [0, 1) or another hyper-parameter is out of range.
 * @throws {TypeError} If the policy or an option has the wrong type.
 *
 * @example A zero gradient still decays the weights
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamw } from "cyclical-lr/optim";
 * const opt = adamw({ lr: () => [0.1], groups: 1 }, { weightDecay: 0.5 });
 * const params = [[new Float32Array([2])]];
 * const state = opt.init(params);
 * opt.update(params, [[new Float32Array([0])]], state);
 * assert.equal(params[0][0][0], Math.fround(2 * Math.fround(1 - 0.05)));
 * ```
 * @see {@link https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html | PyTorch AdamW}
 */
export function adamw(policy: PolicyLike, options: AdamOptions = {}): Optimizer {
  return adamLike(policy, options, true);
}
