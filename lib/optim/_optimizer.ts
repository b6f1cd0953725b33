/**
 * The assembly every algorithm shares: from its update rule, kernel and hyper-parameters to
 * the {@link Optimizer} object, registered with its internals. The algorithms (sgd.ts,
 * adam.ts) only check their options and define their rule.
 *
 * @module
 */
import type { Policy } from "../types.ts";
import { allocate, checkTensors, copyParamsIn, register, releaseState, type Rule, sizesOf, step } from "./_core.ts";
import type { KernelFactory } from "./_kernel.ts";
import { loadState, saveState } from "./checkpoint.ts";
import type { NonFinitePolicy, Optimizer } from "./types.ts";

/**
 * The optimizer for `policy` that updates with `rule` on `kernel`.
 * @internal
 */
export function optimizerOf(
  policy: Policy,
  rule: Rule,
  kernel: KernelFactory,
  nonFinite: NonFinitePolicy,
  hyper: Optimizer["hyper"],
): Optimizer {
  const groups = policy.groups;
  const opt: Optimizer = {
    algorithm: rule.algorithm,
    kernel: kernel.kind,
    policy,
    groups,
    hyper,
    init: (params) => {
      const state = allocate(opt, rule, kernel, sizesOf(checkTensors("params", params, groups)));
      copyParamsIn(state, rule, params);
      return state;
    },
    update: (params, grads, state) => step(opt, rule, policy, nonFinite, params, grads, state),
    save: (state) => saveState(opt, opt, state),
    load: (checkpoint) => loadState(opt, opt, rule, kernel, checkpoint),
    release: (state) => releaseState(state, opt),
  };
  return register(opt, { rule, kernel, nonFinite });
}
