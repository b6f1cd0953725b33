import type { JsonValue, Policy, PolicyLike } from "../types.ts";
import { asPolicy } from "../schedule/policy.ts";
import { withoutConfig } from "../schedule/config_of.ts";
import { makeMetricPolicy, type MetricPolicy } from "./metric_policy.ts";

/**
 * Composes a metric-driven policy with any combinator: `mapMetric(p, wrap)` listens as `p`
 * does (the same state, the same observations at the same iterations), and stands for
 * `wrap(p.at(state))` at every state. So `mapMetric(plateau(s), (q) => clamp(q, …))` clamps
 * the reduced rate, and timm's noise on top of its plateau is
 * `mapMetric(plateau(s, { semantics: "timm" }), (q) => noise(q, …))`: the reductions act on
 * the clean rate, the noise multiplies the result. `wrap` must not shift time (use
 * `joinMetric` to run a metric-driven policy after a boundary: it re-times the observations).
 *
 * @param policy The metric-driven policy.
 * @param wrap A combinator applied to the policy of each state; it should be pure.
 * @returns The metric-driven policy; it has no config form (`wrap` is a function).
 * @throws {TypeError | RangeError} If `wrap` does not give a policy (checked on the first state).
 *
 * @example A floor under a plateau's rate
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, hear, mapMetric, mapSchedule, plateau } from "cyclical-lr";
 * const p = mapMetric(plateau(constant({ value: 1 }), { patience: 0 }), (q) => mapSchedule(q, (v) => Math.max(v, 0.05)));
 * assert.deepEqual([1, 2, 3].map((t) => hear(p, [[0, 1], [1, 1], [2, 1]])(t)[0]), [1, 0.1, 0.05]);
 * ```
 */
export function mapMetric(policy: MetricPolicy, wrap: (policy: Policy) => PolicyLike): MetricPolicy {
  if (typeof wrap !== "function") throw new TypeError(`wrap: expected a function of a policy, got ${typeof wrap}`);
  const apply = (state: JsonValue): Policy => asPolicy(["wrap(policy)"], wrap(policy.at(state)));
  const first = apply(policy.initial);
  return withoutConfig(
    makeMetricPolicy({
      groups: first.groups,
      hasMomentum: first.momentum !== undefined,
      initial: policy.initial,
      read: (state, path) => policy.read(state, path),
      lastObserved: (state) => policy.lastObserved(state),
      observe: (state, iteration, metric) => policy.observe(state, iteration, metric),
      at: (state) => (state === policy.initial ? first : apply(state)),
    }),
    "a mapMetric (it applies a function, which has no config form)",
  );
}
