/**
 * The shape of a metric-driven schedule: a pure reducer over a plain-JSON state, and the
 * policy each state stands for. One rule of time everywhere: a metric observed after update
 * `i` (the update that used the rate of iteration `i`) takes effect at iteration `i + 1`,
 * so the rate of iteration `t` is a pure function of `t` and the observations made after
 * iterations before `t`.
 *
 * @module
 */
import type { JsonValue, Policy } from "../types.ts";
import { describeValue, EXPECTED, isNonNegativeInt, pathText } from "../_check.ts";

/**
 * One observation of a metric: `[iteration, value]`, the value measured after the update of
 * `iteration` (0-based) was applied. It takes effect at `iteration + 1`.
 *
 * @example The validation loss after the 100th update (iteration 99)
 * ```ts
 * import type { Observation } from "cyclical-lr";
 * const seen: Observation = [99, 0.42];
 * ```
 */
export type Observation = readonly [iteration: number, value: number];

/**
 * A policy that listens to a metric. It is a pure state machine: `initial` is its state
 * before any observation (plain JSON), `observe(state, i, metric)` gives the state after the
 * metric observed after update `i`, and `at(state)` is the ordinary {@link Policy} in force
 * once those observations are made (the schedule it multiplies, times what the metric
 * decided). Nothing is mutated, so a state saved as JSON and read back resumes exactly.
 *
 * `hear(policy, observations)` turns it into a plain policy of the iteration; `listen`,
 * `driver` and the TF.js callback feed it metrics as training goes; `joinMetric` and
 * `mapMetric` compose it (other combinators refuse it, since they would drop the metric).
 *
 * @example Observe a loss that stops improving
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, plateau } from "cyclical-lr";
 * const p = plateau(constant({ value: 0.1 }), { patience: 1 });
 * let s = p.initial;
 * for (const [i, loss] of [[9, 1], [19, 1], [29, 1]] as const) s = p.observe(s, i, loss);
 * assert.ok(Math.abs(p.at(s)(30)[0] - 0.01) < 1e-15);
 * ```
 */
export interface MetricPolicy {
  /** The number of parameter groups of every policy it stands for. */
  readonly groups: number;
  /** Whether the policies it stands for schedule momentum. */
  readonly hasMomentum: boolean;
  /** The state before any observation. */
  readonly initial: JsonValue;
  /**
   * Checks a state read back from JSON and gives it in its normal form.
   * @throws {TypeError | RangeError} Naming the bad part below `path`.
   */
  read(state: unknown, path?: readonly (string | number)[]): JsonValue;
  /** The iteration after which the last metric of `state` was observed; -1 before the first. */
  lastObserved(state: JsonValue): number;
  /**
   * The state after one more observation: `metric`, observed after update `iteration`
   * (which must come after the state's last one). Any number is a metric: NaN and
   * ±Infinity are never an improvement.
   * @throws {RangeError} If `iteration` is not a non-negative safe integer after the last one.
   * @throws {TypeError} If `metric` is not a number.
   */
  observe(state: JsonValue, iteration: number, metric: number): JsonValue;
  /** The policy in force after the observations of `state`. */
  at(state: JsonValue): Policy;
}

const made = new WeakSet<object>();

/**
 * Makes a metric-driven policy from its parts (frozen, and known to {@link isMetricPolicy}).
 *
 * @param parts The groups, momentum, initial state, and the pure functions.
 * @returns The metric-driven policy.
 *
 * @example A listener that only remembers when it last heard a metric
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, isMetricPolicy, makeMetricPolicy } from "cyclical-lr";
 * const base = constant({ value: 0.1 });
 * const last = (s: unknown) => (typeof s === "number" ? s : -1);
 * const remembering = makeMetricPolicy({
 *   groups: 1, hasMomentum: false, initial: -1,
 *   read: last, lastObserved: last, observe: (_, i) => i, at: () => base,
 * });
 * assert.ok(isMetricPolicy(remembering));
 * assert.equal(remembering.observe(remembering.initial, 4, 0.5), 4);
 * ```
 */
export function makeMetricPolicy(parts: MetricPolicy): MetricPolicy {
  const policy: MetricPolicy = Object.freeze({
    groups: parts.groups,
    hasMomentum: parts.hasMomentum,
    initial: parts.initial,
    read: (state: unknown, path: readonly (string | number)[] = ["state"]) => parts.read(state, path),
    lastObserved: (state: JsonValue) => parts.lastObserved(state),
    observe: (state: JsonValue, iteration: number, metric: number) => parts.observe(state, iteration, metric),
    at: (state: JsonValue) => parts.at(state),
  });
  made.add(policy);
  return policy;
}

/**
 * Whether `v` is a metric-driven policy (made by `plateau`, `greedy`, `joinMetric`, …).
 *
 * @param v Any value.
 * @returns Whether it is one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, isMetricPolicy, plateau } from "cyclical-lr";
 * assert.equal(isMetricPolicy(plateau(constant({ value: 1 }))), true);
 * assert.equal(isMetricPolicy(constant({ value: 1 })), false);
 * ```
 */
export function isMetricPolicy(v: unknown): v is MetricPolicy {
  return typeof v === "object" && v !== null && made.has(v);
}

/**
 * Checks an observation's iteration against the last one: a non-negative safe integer after it.
 * @internal
 */
export function checkObservedIteration(iteration: unknown, last: number, field = "iteration"): number {
  if (!isNonNegativeInt(iteration)) {
    throw new RangeError(`${field}: expected ${EXPECTED.iteration}, got ${describeValue(iteration)}`);
  }
  if (iteration <= last) {
    throw new RangeError(
      `${field}: expected an iteration after ${last} (the last one a metric was observed after), got ${iteration}`,
    );
  }
  return iteration;
}

/**
 * Checks a metric: any number (NaN and ±Infinity included).
 * @internal
 */
export function checkMetric(metric: unknown, field = "metric"): number {
  if (typeof metric !== "number") throw new TypeError(`${field}: expected a number, got ${describeValue(metric)}`);
  return metric;
}

/**
 * A list of observations, checked: `[iteration, value]` pairs, iterations strictly increasing.
 * @internal
 */
export function checkObservations(observations: unknown, field = "observations"): readonly Observation[] {
  if (!Array.isArray(observations)) {
    throw new TypeError(`${field}: expected an array of [iteration, value] pairs, got ${describeValue(observations)}`);
  }
  const out: Observation[] = [];
  let last = -1;
  for (let k = 0; k < observations.length; k++) {
    const o: unknown = observations[k];
    const at = pathText([field, k]);
    if (!Array.isArray(o) || o.length !== 2) {
      throw new TypeError(`${at}: expected an [iteration, value] pair, got ${describeValue(o)}`);
    }
    const i = checkObservedIteration(o[0], last, `${at}[0]`);
    out.push([i, checkMetric(o[1], `${at}[1]`)]);
    last = i;
  }
  return out;
}
