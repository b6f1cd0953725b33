import type { JsonValue, Policy, PolicyLike } from "../types.ts";
import { throwErrors } from "../options/_errors.ts";
import { asPolicy } from "../schedule/policy.ts";
import { configOf, hasNormalConfig, withConfig, withNormalConfig, withoutConfig } from "../schedule/config_of.ts";
import { JOIN, join } from "../combinators/join.ts";
import { boundaryErrors, type ChildName, groupErrors, momentumErrors } from "../combinators/_children.ts";
import {
  checkMetric,
  checkObservedIteration,
  isMetricPolicy,
  makeMetricPolicy,
  type MetricPolicy,
} from "./metric_policy.ts";
import { type CombinedState, initialOf, readCombined } from "./_combine.ts";

function nameOf(c: Policy | MetricPolicy): ChildName {
  const policy = configOf(c)?.policy;
  const momentum = isMetricPolicy(c) ? c.hasMomentum : c.momentum !== undefined;
  return { momentum, ...(typeof policy === "string" ? { policy } : {}) };
}

/**
 * optax's `join_schedules` for children of which some listen to a metric: on
 * `[b[k-1], b[k])` the value is child `k`'s at local time `t - b[k-1]`, as {@link join}, and
 * an observation belongs to the child whose segment holds its iteration, which hears it at
 * local time too (`i - b[k-1]`). So a plateau after a warm-up hears nothing before the
 * warm-up ends, as timm's `PlateauLRScheduler` ignores metrics during its warm-up, and a
 * plateau before a boundary stops listening at it. A metric observed after iteration
 * `b[k] - 1` is the last child `k` hears; it would act from `b[k]`, where child `k + 1` runs.
 *
 * @param schedules The children: policies, schedules or metric-driven policies, at least one.
 * @param boundaries Strictly increasing non-negative safe integers, one fewer than `schedules`.
 * @returns A metric-driven policy whose state holds each listening child's state; with every
 *   child built from a config it records `{ policy: "join", schedules, boundaries }`.
 * @throws {TypeError | RangeError} As {@link join}: bad boundaries, group counts or momentum.
 *
 * @example Five updates of warm-up, then a plateau: the metric of the warm-up is not heard
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, hear, joinMetric, linear, plateau } from "cyclical-lr";
 * const run = joinMetric([
 *   linear({ initValue: 0, endValue: 1, transitionSteps: 5 }),
 *   plateau(constant({ value: 1 }), { patience: 0 }),
 * ], [5]);
 * const lr = hear(run, [[1, 5], [2, 6], [5, 1], [6, 2]]);
 * assert.deepEqual([0, 2, 4, 5, 6, 7].map((t) => lr(t)[0]), [0, 0.4, 0.8, 1, 1, 0.1]);
 * ```
 */
export function joinMetric(
  schedules: readonly (PolicyLike | MetricPolicy)[],
  boundaries: readonly number[],
): MetricPolicy {
  if (!Array.isArray(schedules) || schedules.length === 0) {
    throw new TypeError(`schedules: expected a non-empty array of schedules, got ${JSON.stringify(schedules)}`);
  }
  const children = schedules.map((c, k) => (isMetricPolicy(c) ? c : asPolicy(["schedules", k], c)));
  const { boundaries: b } = JOIN.read({ boundaries });
  const counts = groupErrors("schedules", children.map((c) => c.groups));
  const errors = [
    ...counts.errors,
    ...boundaryErrors(children.length, b),
    ...momentumErrors("schedules", children.map(nameOf)),
  ];
  if (errors.length > 0) throwErrors(errors);
  const segmentOf = (i: number): number => {
    let k = children.length - 1;
    while (k > 0 && i < b[k - 1]) k--;
    return k;
  };
  const read = (state: unknown, path: readonly (string | number)[] = ["state"]) => readCombined(children, state, path);
  const mp = makeMetricPolicy({
    groups: counts.groups,
    hasMomentum: nameOf(children[0]).momentum,
    initial: initialOf(children),
    read,
    lastObserved: (state) => read(state).iteration,
    observe: (state, iteration, metric) => {
      const s = read(state);
      const i = checkObservedIteration(iteration, s.iteration);
      const m = checkMetric(metric);
      const k = segmentOf(i);
      const child = children[k];
      if (!isMetricPolicy(child)) return { iteration: i, children: s.children };
      const states: JsonValue[] = [...s.children];
      states[k] = child.observe(s.children[k], k === 0 ? i : i - b[k - 1], m);
      const next: CombinedState = { iteration: i, children: states };
      return next;
    },
    at: (state) => {
      const s = read(state);
      return join(children.map((c, k) => (isMetricPolicy(c) ? c.at(s.children[k]) : c)), b);
    },
  });
  const configs = children.map((c) => configOf(c));
  if (configs.some((c) => c === undefined)) {
    const k = configs.findIndex((c) => c === undefined);
    return withoutConfig(mp, `a join whose schedules[${k}] has no config form`);
  }
  const config = { policy: "join", schedules: configs, boundaries: [...b] };
  return children.every(hasNormalConfig) ? withNormalConfig(mp, config) : withConfig(mp, config);
}
