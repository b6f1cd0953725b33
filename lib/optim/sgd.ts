import type { PerGroup, PolicyLike } from "../types.ts";
import { bool, type FieldsOf, perGroupRate } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import {
  checkPolicy,
  KERNEL_FIELDS,
  OPTIMIZER_HINTS,
  pickKernel,
  ratePhrase,
  refuseScheduledMomentum,
  type Rule,
} from "./_core.ts";
import { plainKernel } from "./_kernel.ts";
import { SGD_FIRST, SGD_MOMENTUM, SGD_NESTEROV, SGD_WEIGHT_DECAY, type SgdScalars } from "./_plain.ts";
import { optimizerOf } from "./_optimizer.ts";
import type { KernelOptions, Optimizer } from "./types.ts";
import { wasmKernel } from "./wasm/runtime.ts";

/**
 * Options of {@link sgd}: PyTorch's `torch.optim.SGD` arguments (camelCased), with its defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sgd, type SgdOptions } from "cyclical-lr/optim";
 * const options: SgdOptions = { momentum: 0.9, nesterov: true, weightDecay: [5e-4, 0] };
 * assert.deepEqual(sgd({ lr: () => [0.1, 0.1], groups: 2 }, options).hyper.weightDecay, [5e-4, 0]);
 * ```
 */
export interface SgdOptions extends KernelOptions {
  /**
   * Momentum factor per group. Refused when the policy schedules momentum (`cyclicLR` and
   * `oneCycle` do unless `cycleMomentum: false`): then the policy's momentum is used.
   */
  readonly momentum?: PerGroup;
  /** Dampening of the momentum per group. */
  readonly dampening?: PerGroup;
  /** L2 penalty per group, added to the gradient. */
  readonly weightDecay?: PerGroup;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). */
  readonly nesterov?: boolean;
}

/**
 * The options table of {@link sgd}: PyTorch's defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SGD } from "cyclical-lr/optim";
 * assert.equal(SGD.read({}).nesterov, false);
 * assert.throws(() => SGD.read({ lr: 0.1 }), { message: /^lr: unknown option of sgd \(the rate comes from the policy/ });
 * ```
 */
export const SGD: OptionsTable<FieldsOf<SgdOptions>> = optionsTable("sgd", {
  momentum: perGroupRate.default(0),
  dampening: perGroupRate.default(0),
  weightDecay: perGroupRate.default(0),
  nesterov: bool.default(false),
  ...KERNEL_FIELDS,
}, { hints: OPTIMIZER_HINTS });

/**
 * Stochastic gradient descent with PyTorch's semantics (`torch.optim.SGD`), driven by a
 * schedule policy: at step `t`, group `g` uses `lr = policy.lr(t)[g]`, and, where the
 * policy schedules momentum, `momentum = policy.momentum(t)[g]` (else its own option; giving
 * both is an error, not a silent replacement).
 *
 * Per element, in float32 with every operation rounded (per-step scalars rounded once):
 * `d = g + weightDecay * p`; with momentum, `buf = d` on the group's first momentum step,
 * else `buf = momentum * buf + (1 - dampening) * d`, and `d = nesterov ? d + momentum * buf : buf`;
 * then `p = p - lr * d`. The order of operations is PyTorch's `_single_tensor_sgd`; both
 * CPU kernels (WebAssembly SIMD and plain TypeScript) give the same bits. Any
 * `Float32Array`s work; for the fastest loop, `createTrainer` keeps parameters and
 * gradients in the WebAssembly kernel's memory so that no step copies them.
 *
 * @param schedule The policy (`cyclicLR(…)`, any factory's result, a plain schedule, or `{ lr, momentum?, groups }`).
 * @param options PyTorch's hyper-parameters, per group, plus the kernel and the non-finite policy.
 * @returns An optimizer: `init(params)`, then `update(params, grads, state)` in place.
 * @throws {RangeError} If a hyper-parameter is out of range, or Nesterov lacks momentum or has dampening.
 * @throws {TypeError} If the policy or an option has the wrong type.
 *
 * @example Train a 784-128-10 MLP: weights and biases in two groups, momentum 0.9
 * ```ts
 * import assert from "node:assert/strict";
 * import { cyclicLR } from "cyclical-lr";
 * import { sgd } from "cyclical-lr/optim";
 * const policy = cyclicLR({ baseLr: [0.01, 0.02], maxLr: [0.1, 0.2], stepSizeUp: 500, cycleMomentum: false });
 * const opt = sgd(policy, { momentum: 0.9, weightDecay: [5e-4, 0] });
 * const params = [
 *   [new Float32Array(784 * 128), new Float32Array(128 * 10)], // weights
 *   [new Float32Array(128), new Float32Array(10)], // biases
 * ];
 * const grads = params.map((group) => group.map((p) => new Float32Array(p.length)));
 * const state = opt.init(params);
 * for (let t = 0; t < 3; t++) {
 *   grads[1][1].fill(1); // backprop writes the gradients here
 *   opt.update(params, grads, state); // params change in place
 * }
 * assert.equal(state.step, 3);
 * assert.ok(params[1][1][0] < -0.05);
 * ```
 * @see {@link https://pytorch.org/docs/stable/generated/torch.optim.SGD.html | PyTorch SGD}
 */
export function sgd(schedule: PolicyLike, options: SgdOptions = {}): Optimizer {
  const policy = checkPolicy(schedule);
  refuseScheduledMomentum(policy, "momentum", options.momentum);
  const groups = policy.groups;
  const values = SGD.read(options, groups);
  const { nesterov, nonFinite } = values;
  const kernel = pickKernel(values.kernel, wasmKernel, plainKernel);
  if (nesterov) {
    for (let g = 0; g < groups; g++) {
      if (values.dampening[g] !== 0) {
        throw new RangeError(
          `nesterov: expected dampening 0 in every group, got dampening[${g}] = ${values.dampening[g]}`,
        );
      }
      if (!policy.momentum && values.momentum[g] === 0) {
        throw new RangeError(`nesterov: expected momentum > 0 in every group, got momentum[${g}] = 0`);
      }
    }
  }
  const scheduled = policy.momentum !== undefined;
  const scalars: SgdScalars = { lr: 0, weightDecay: 0, momentum: 0, dampen: 0, flags: 0 };
  const f = Math.fround;
  const rule: Rule = {
    algorithm: "sgd",
    moments: 1,
    allocates: (_k, g) => scheduled || values.momentum[g] !== 0,
    copiesParams: [],
    nonNegative: [],
    averages: false,
    momentumPhrase: ratePhrase,
    prepare: (state, g, lr, momentum) => {
      const mom = momentum ?? values.momentum[g];
      const wd = values.weightDecay[g];
      scalars.lr = f(lr);
      scalars.weightDecay = f(wd);
      scalars.momentum = f(mom);
      scalars.dampen = f(1 - values.dampening[g]);
      scalars.flags = (wd !== 0 ? SGD_WEIGHT_DECAY : 0) |
        (mom !== 0 ? SGD_MOMENTUM | (state.started[g] ? 0 : SGD_FIRST) : 0) |
        (nesterov ? SGD_NESTEROV : 0);
      if (mom !== 0) state.started[g] = true;
    },
    apply: (runtime, p, g, b) => runtime.sgd(p, g, b, scalars),
    uniform: () => ({
      floats: [scalars.lr, scalars.weightDecay, scalars.momentum, scalars.dampen],
      flags: scalars.flags,
    }),
  };
  const hyper = {
    momentum: values.momentum,
    dampening: values.dampening,
    weightDecay: values.weightDecay,
    nesterov,
  };
  return optimizerOf(policy, rule, kernel, nonFinite, hyper);
}
