/**
 * Greedy: HF's `GreedyLR` as a metric-driven multiplier of any schedule.
 *
 * @module
 */
import type { Policy, PolicyLike, ScalarSchedule, Schedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { asPolicy, makePolicy } from "../schedule/policy.ts";
import { withChildConfig, withoutConfig } from "../schedule/config_of.ts";
import { scalarsOf, withScalars } from "../schedule/scalars.ts";
import { checkMetric, checkObservedIteration, makeMetricPolicy, type MetricPolicy } from "./metric_policy.ts";
import { GREEDY, type GreedyOptions } from "./greedy_options.ts";
import {
  type GreedyRule,
  type GreedyState,
  greedyStep,
  initialGreedyState,
  rateOf,
  readGreedyState,
} from "./greedy_state.ts";

/** The rule of options for a schedule of `groups` groups: `minLr` and `maxLr` one per group. */
function ruleOf(options: GreedyOptions, groups: number): GreedyRule {
  const o = GREEDY.read(options);
  const perGroup = (field: "minLr" | "maxLr"): readonly number[] => {
    const v = o[field];
    if (v.length === groups) return v;
    if (v.length === 1) return new Array<number>(groups).fill(v[0]);
    // The table gave both fields one length; name the one given as an array of it.
    const named = Array.isArray(options.minLr) ? "minLr" : "maxLr";
    throw new RangeError(`${named}: expected ${groups} values (one per group, as schedule), got ${v.length}`);
  };
  return { ...o, minLr: perGroup("minLr"), maxLr: perGroup("maxLr") };
}

/** The policy greedy stands for once its state is `state`. */
function policyAt(p: Policy, state: GreedyState): Policy {
  const rates = state.rates;
  if (rates.every((r) => r === null)) return p;
  const groups = p.groups;
  const lr: Schedule = (t) => {
    checkIteration(t);
    const v = p(t);
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = rateOf(rates[g], v[g]);
    return out;
  };
  const scalars = scalarsOf(p.lr);
  if (scalars !== undefined) {
    withScalars(lr, scalars.map((s, g): ScalarSchedule => (t) => rateOf(rates[g], s(t))));
  }
  return withoutConfig(
    makePolicy(lr, groups, p.momentum),
    "a greedy policy at one state (the config is greedy's: save its state beside it)",
  );
}

/** The fields of greedy's normal config, in the table's order, per-group bounds for every group. */
function greedyFields(rule: GreedyRule, groups: number): Record<string, unknown> {
  const each = (v: readonly number[]) => (groups === 1 ? v[0] : [...v]);
  return {
    mode: rule.mode,
    factor: rule.factor,
    patience: rule.patience,
    threshold: rule.threshold,
    thresholdMode: rule.thresholdMode,
    cooldown: rule.cooldown,
    warmup: rule.warmup,
    minLr: each(rule.minLr),
    maxLr: each(rule.maxLr),
    eps: rule.eps,
    smooth: rule.smooth,
    windowSize: rule.windowSize,
    resetStart: rule.resetStart,
  };
}

/**
 * The normal config of greedy over a child config with `groups` groups.
 * @internal
 */
export function greedyConfig(
  schedule: Readonly<Record<string, unknown>>,
  options: GreedyOptions,
  groups: number,
): Readonly<Record<string, unknown>> {
  return { policy: "greedy", schedule, ...greedyFields(ruleOf(options, groups), groups) };
}

/**
 * HF's `GreedyLR` (Subramanian et al., 2025) as a multiplier of any schedule: the rate goes
 * *up* while the metric keeps improving and down when it stops, within `[minLr, maxLr]`,
 * and back to the schedule's own after a long stay at `minLr`. A metric-driven policy,
 * composable as {@link plateau} is (`joinMetric`, `mapMetric`, `hear`, the driver, TF.js).
 *
 * The decisions are `GreedyLR.step`'s, operation for operation: the metric (averaged over
 * the last `windowSize` when `smooth`) is better when `m < best - threshold` (`min`,
 * `abs`; `rel`: `m < best * (1 - threshold)`; `max` the other way); in cooldown (after a
 * reduction) or warm-up (after an increase) nothing is counted; more than `patience`
 * improvements in a row set each group's rate to `min(rate / factor, maxLr)`, more than
 * `patience` others to `max(rate * factor, minLr)`, each change made only when it moves the
 * rate by more than `eps`; `resetStart` reductions that leave every group at its `minLr`
 * reset the state (the schedule's rates, counters and average as at the start).
 *
 * Rates: a group's rate is the schedule's until greedy changes it; a change sets it from
 * the rate at the iteration it takes effect, and from there it follows the schedule's shape,
 * `rate * (schedule(t) / schedule(t_change))`. On a constant schedule this is HF's
 * `param_group["lr"]` after every `step`, bit for bit. Time: a metric observed after update
 * `i` takes effect at iteration `i + 1`. Momentum passes through unchanged. NaN and
 * ±Infinity metrics follow HF's arithmetic (NaN is never better; it stays in a smoothed sum).
 *
 * @param schedule The schedule (or policy) to multiply.
 * @param options The rule ({@link GREEDY}; defaults HF's).
 * @returns The metric-driven policy: `observe` it and read `at(state)`, or `hear(p, observations)`.
 *   With a child built from a config it records the config `{ policy: "greedy", schedule, … }`.
 * @throws {TypeError | RangeError} On bad options (every error at once), or when `minLr` or
 *   `maxLr` has another number of groups than the schedule.
 *
 * @example HF's test_lr_increase_on_improvement: four improvements in a row with patience 3
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, greedy, hear } from "cyclical-lr";
 * const p = greedy(constant({ value: 0.1 }), { factor: 0.9, patience: 3, minLr: 1e-6 });
 * const lr = hear(p, [[0, 8], [1, 6.4], [2, 5.12], [3, 4.096]]);
 * assert.equal(lr(3)[0], 0.1);
 * assert.equal(lr(4)[0], 0.1 / 0.9);
 * ```
 * @see {@link https://arxiv.org/abs/2512.14527 | Subramanian et al., GreedyLR, 2025}
 */
export function greedy(schedule: PolicyLike, options: GreedyOptions = {}): MetricPolicy {
  const p = asPolicy(["schedule"], schedule);
  const groups = p.groups;
  const rule = ruleOf(options, groups);
  const read = (state: unknown, path?: readonly (string | number)[]) => readGreedyState(state, rule, groups, path);
  const mp = makeMetricPolicy({
    groups,
    hasMomentum: p.momentum !== undefined,
    initial: initialGreedyState(rule, groups),
    read,
    lastObserved: (state) => read(state).iteration,
    observe: (state, iteration, metric) => {
      const s = read(state);
      const i = checkObservedIteration(iteration, s.iteration);
      const m = checkMetric(metric);
      // Each group's rate is read where the decision takes effect: the next iteration.
      const next = greedyStep(rule, s, m, p(Math.min(i + 1, Number.MAX_SAFE_INTEGER)));
      return { ...next, iteration: i };
    },
    at: (state) => policyAt(p, read(state)),
  });
  return withChildConfig(
    mp,
    p,
    (child) => ({ policy: "greedy", schedule: child, ...greedyFields(rule, groups) }),
    () => "a greedy of a schedule that has no config form",
  );
}
