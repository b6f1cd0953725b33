/**
 * Internal: a metric-driven policy's log of observations, and the plain policy it makes: the
 * rate of iteration `t` is the policy of the state after the observations made after
 * iterations before `t`. Shared by `hear` (a fixed list) and `listen` (a growing one).
 *
 * @module
 */
import type { JsonValue, Policy, ScalarSchedule, Schedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { makePolicy } from "../schedule/policy.ts";
import { withoutConfig } from "../schedule/config_of.ts";
import { scalarsOf, withScalars } from "../schedule/scalars.ts";
import type { MetricPolicy } from "./metric_policy.ts";

/** A growing log of observations of one metric-driven policy, and the policy it makes. */
export interface MetricLog {
  /** The rates of every iteration after the log's first state, with the observations so far. */
  readonly policy: Policy;
  /** Adds an observation (after the last one). */
  add(iteration: number, metric: number): void;
  /** The state after the last observation. */
  last(): JsonValue;
  /** Starts again from a state: iterations up to its last observation are no longer known. */
  reset(state: JsonValue): void;
}

/**
 * A log starting from `start` (a state already read by `mp.read`).
 *
 * @param mp The metric-driven policy.
 * @param start The first state.
 * @param reason Why the policy has no config form, for `encodeConfig`.
 */
export function metricLog(mp: MetricPolicy, start: JsonValue, reason: string): MetricLog {
  // states[j] is the state after observations[0 .. j-1]; iterations[j] the iteration of observation j.
  let states: JsonValue[] = [start];
  let iterations: number[] = [];
  // The policy of one state, the last one asked for: sampling and training move forward, so
  // one is enough, and memory stays one state per observation.
  let cachedIndex = -1, cached: Policy | undefined;
  let floor = mp.lastObserved(start);
  let lastT = -1, lastJ = 0;

  /** The number of observations made after iterations before t. */
  const indexFor = (t: number): number => {
    if (t <= floor) {
      throw new RangeError(
        `t: expected an iteration after ${floor} (the state these rates start from was observed after it), got ${t}`,
      );
    }
    const n = iterations.length;
    if (t === lastT) return lastJ;
    let j: number;
    if (t > lastT && (lastJ === n || iterations[lastJ] >= t - 1)) {
      // Forward by a little, the common case (training, sampling): step from the last answer.
      j = lastJ;
      while (j < n && iterations[j] < t) j++;
    } else {
      let lo = 0, hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (iterations[mid] < t) lo = mid + 1;
        else hi = mid;
      }
      j = lo;
    }
    lastT = t;
    lastJ = j;
    return j;
  };
  const policyOf = (j: number): Policy => {
    if (j !== cachedIndex || cached === undefined) {
      cached = mp.at(states[j]);
      cachedIndex = j;
    }
    return cached;
  };
  const at = (t: number): Policy => {
    checkIteration(t);
    return policyOf(indexFor(t));
  };

  const lr: Schedule = (t) => at(t).lr(t);
  const groups = mp.groups;
  withScalars(
    lr,
    Array.from({ length: groups }, (_, g): ScalarSchedule => {
      let known: Policy | undefined, scalar: ScalarSchedule = () => NaN;
      return (t) => {
        const p = at(t);
        if (p !== known) {
          known = p;
          scalar = scalarsOf(p.lr)?.[g] ?? ((u) => p.lr(u)[g]);
        }
        return scalar(t);
      };
    }),
  );
  const momentum: Schedule | undefined = mp.hasMomentum
    ? (t) => {
      const m = at(t).momentum;
      if (m === undefined) throw new TypeError(`momentum(${t}): expected a momentum schedule at every state, got none`);
      return m(t);
    }
    : undefined;
  const policy = withoutConfig(makePolicy(lr, groups, momentum), reason);

  return {
    policy,
    add: (iteration, metric) => {
      const next = mp.observe(states[states.length - 1], iteration, metric);
      states.push(next);
      iterations.push(iteration);
      lastT = -1;
      lastJ = 0;
    },
    last: () => states[states.length - 1],
    reset: (state) => {
      states = [state];
      iterations = [];
      cachedIndex = -1;
      cached = undefined;
      floor = mp.lastObserved(state);
      lastT = -1;
      lastJ = 0;
    },
  };
}
