import type { Policy } from "../types.ts";
import { checkObservations, type MetricPolicy, type Observation } from "./metric_policy.ts";
import { metricLog } from "./_log.ts";

/**
 * A metric-driven policy as a plain policy of the iteration, given the metric's observations:
 * the rate of iteration `t` is `policy.at(s)(t)`, where `s` is the state after every
 * observation `[i, value]` with `i < t` (a metric observed after update `i` takes effect at
 * `i + 1`). So `hear(p, observations)(t)` is a pure function of `t` and the observations
 * before `t`: what a run that observed them used, at every iteration. With no observations
 * it is the schedule the plateau multiplies.
 *
 * Observations at or after the last iteration you evaluate change nothing there; each
 * distinct state's policy is built once, when first needed.
 *
 * @param policy The metric-driven policy.
 * @param observations `[iteration, value]` pairs, iterations strictly increasing.
 * @returns The policy (with momentum when the metric-driven policy has it); it has no config
 *   form (the observations are data: keep them beside the metric-driven policy's config).
 * @throws {RangeError} If an iteration is not a non-negative safe integer after the one before.
 * @throws {TypeError} If an observation is not an `[iteration, number]` pair.
 *
 * @example A loss that stops improving: the rate drops a tenth one update after the sixth bad epoch
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, hear, plateau } from "cyclical-lr";
 * const p = plateau(constant({ value: 1 }), { patience: 5 });
 * const losses = [3, 2, 1, 1, 1, 1, 1, 1, 1].map((loss, epoch) => [epoch * 10 + 9, loss] as const);
 * const lr = hear(p, losses); // epochs of 10 updates; loss after each epoch's last update
 * assert.equal(lr(89)[0], 1);
 * assert.equal(lr(90)[0], 0.1);
 * assert.equal(hear(p, [])(90)[0], 1);
 * ```
 */
export function hear(policy: MetricPolicy, observations: readonly Observation[]): Policy {
  const list = checkObservations(observations);
  const log = metricLog(
    policy,
    policy.initial,
    "a metric-driven policy heard with observations (keep the observations beside the metric-driven policy's config)",
  );
  for (const [i, value] of list) log.add(i, value);
  return log.policy;
}
