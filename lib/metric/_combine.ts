/**
 * Internal: the state of a combinator whose children may listen to a metric, and its
 * checks. The state is `{ iteration, children }`: the last iteration observed, and one state
 * per child (`null` for a child that does not listen).
 *
 * @module
 */
import type { JsonValue, Policy } from "../types.ts";
import { describeValue, EXPECTED, isNonNegativeInt, pathText } from "../_check.ts";
import { checkObservedIteration, isMetricPolicy, makeMetricPolicy, type MetricPolicy } from "./metric_policy.ts";

/** A combinator's state: the last iteration observed, and its children's states. */
export type CombinedState = { readonly iteration: number; readonly children: readonly JsonValue[] };

/** The first state of children. */
export function initialOf(children: readonly (Policy | MetricPolicy)[]): CombinedState {
  return { iteration: -1, children: children.map((c) => (isMetricPolicy(c) ? c.initial : null)) };
}

/** Checks a combinator's state read back from JSON, and its children's. */
export function readCombined(
  children: readonly (Policy | MetricPolicy)[],
  value: unknown,
  path: readonly (string | number)[],
): CombinedState {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${pathText(path)}: expected a state { iteration, children }, got ${describeValue(value)}`);
  }
  const iteration: unknown = Reflect.get(value, "iteration");
  if (!(iteration === -1 || isNonNegativeInt(iteration))) {
    throw new RangeError(
      `${pathText([...path, "iteration"])}: expected -1 or ${EXPECTED.nonNegativeInt}, got ${describeValue(iteration)}`,
    );
  }
  const list: unknown = Reflect.get(value, "children");
  if (!Array.isArray(list) || list.length !== children.length) {
    throw new TypeError(
      `${pathText([...path, "children"])}: expected ${children.length} states (one per child), got ${
        describeValue(list)
      }`,
    );
  }
  const states = children.map((c, k) => {
    const p = [...path, "children", k];
    const s: unknown = list[k];
    if (!isMetricPolicy(c)) {
      if (s !== null) {
        throw new TypeError(`${pathText(p)}: expected null (the child does not listen), got ${describeValue(s)}`);
      }
      return null;
    }
    const read = c.read(s, p);
    if (c.lastObserved(read) > iteration) {
      throw new RangeError(`${pathText(p)}: expected a state observed up to iteration ${iteration}, got a later one`);
    }
    return read;
  });
  return { iteration, children: states };
}

/** A lifted combinator's state: its children's, and its own when it listens too. */
type LiftedState = { readonly iteration: number; readonly children: readonly JsonValue[]; readonly own: JsonValue };

/**
 * A combinator of children some of which listen, that does not shift time (a product, a
 * noise, a cooldown, a plateau of them): every listening child hears every observation at
 * the same iteration, and at each state the combinator is built of the children's policies.
 * When what it builds listens too (a plateau of a plateau), it hears the observations as well.
 */
export function liftMetric(
  children: readonly (Policy | MetricPolicy)[],
  build: (policies: readonly Policy[]) => Policy | MetricPolicy,
): MetricPolicy {
  const builtAt = (states: readonly JsonValue[]) =>
    build(children.map((c, k) => (isMetricPolicy(c) ? c.at(states[k]) : c)));
  const start = initialOf(children);
  const first = builtAt(start.children);
  const read = (value: unknown, path: readonly (string | number)[] = ["state"]): LiftedState => {
    const s = readCombined(children, value, path);
    const own: unknown = typeof value === "object" && value !== null ? Reflect.get(value, "own") : undefined;
    if (!isMetricPolicy(first)) {
      if (own !== null) throw new TypeError(`${pathText([...path, "own"])}: expected null, got ${describeValue(own)}`);
      return { ...s, own: null };
    }
    return { ...s, own: first.read(own, [...path, "own"]) };
  };
  return makeMetricPolicy({
    groups: first.groups,
    hasMomentum: isMetricPolicy(first) ? first.hasMomentum : first.momentum !== undefined,
    initial: { ...start, own: isMetricPolicy(first) ? first.initial : null },
    read,
    lastObserved: (state) => read(state).iteration,
    observe: (state, iteration, metric) => {
      const s = read(state);
      checkObservedIteration(iteration, s.iteration);
      const built = builtAt(s.children);
      const states = children.map((c, k) => (isMetricPolicy(c) ? c.observe(s.children[k], iteration, metric) : null));
      const own = isMetricPolicy(built) ? built.observe(s.own, iteration, metric) : null;
      const next: LiftedState = { iteration, children: states, own };
      return next;
    },
    at: (state) => {
      const s = read(state);
      const built = builtAt(s.children);
      return isMetricPolicy(built) ? built.at(s.own) : built;
    },
  });
}
