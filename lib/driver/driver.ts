import type { JsonValue, Policy, PolicyLike } from "../types.ts";
import { describeValue, fail, nonNegativeInt } from "../_check.ts";
import { type FieldsOf, nonNegativeInt as iterationKind } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { configOf } from "../schedule/config_of.ts";
import { asPolicy } from "../schedule/policy.ts";
import { isMetricPolicy, type MetricPolicy } from "../metric/metric_policy.ts";
import { listen, type Listener } from "../metric/listen.ts";

/** Options of {@link driver}, checked by {@link DRIVER}. */
export interface DriverOptions {
  /** Where to start: the number of updates already applied, a non-negative safe integer. */
  readonly iteration?: number;
}

/**
 * The options table of {@link driver}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DRIVER } from "cyclical-lr";
 * assert.equal(DRIVER.read({}).iteration, 0);
 * ```
 */
export const DRIVER: OptionsTable<FieldsOf<DriverOptions>> = optionsTable("driver", {
  iteration: iterationKind.default(0),
});

/** A parameter group of an optimizer, PyTorch style: its rate, and its momentum or betas. */
export interface ParamGroup {
  /** The group's learning rate. */
  lr: number;
  /** The group's momentum (SGD-like optimizers). */
  momentum?: number;
  /** The group's betas (Adam-like optimizers); a scheduled momentum sets `betas[0]`. */
  betas?: readonly number[];
}

/** Anything with PyTorch-style parameter groups (`optimizer.paramGroups[i].lr`). */
export interface OptimizerLike {
  /** One group per policy group. */
  readonly paramGroups: readonly ParamGroup[];
}

/** The values for one iteration: a rate per group, and a momentum per group when scheduled. */
export interface DriverValues {
  /** The learning rate of each group. */
  readonly lr: readonly number[];
  /** The momentum of each group, when the policy schedules it. */
  readonly momentum?: readonly number[];
}

/** A callback that receives the values of every iteration (for optimizers without groups). */
export type Setter = (values: DriverValues, iteration: number) => void;

/**
 * What a driver saves: the iteration, the policy's config when it has one, and, for a
 * metric-driven policy, the state its metrics made. JSON-safe.
 */
export interface DriverState {
  /** The iteration whose values are set (the number of updates applied). */
  readonly iteration: number;
  /** The config recorded for the policy, when it has one. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** A metric-driven policy's state after the metrics observed so far. */
  readonly metric?: JsonValue;
}

/** The stateful edge: an iteration counter that pushes a policy's values into an optimizer. */
export interface Driver {
  /** The iteration whose values are set now (the number of `step()` calls since 0). */
  readonly iteration: number;
  /** The policy being driven (for a metric-driven policy, its rates with the metrics observed so far). */
  readonly policy: Policy;
  /** The values set now. */
  values(): DriverValues;
  /**
   * Advances to the next iteration and sets its values; call after each optimizer update.
   * With `metric` (metric-driven policies only), the metric observed after this update
   * first: it takes effect at the next update, whose values this sets.
   */
  step(metric?: number): void;
  /**
   * Observes the metric measured after the last update (iteration `iteration - 1`), as after
   * an epoch's last batch, and sets the values of the current iteration again: the metric
   * takes effect at the next update. Metric-driven policies only.
   */
  observe(metric: number): void;
  /** The state to save: `{ iteration, config, metric }`, plain JSON. */
  state(): DriverState;
  /** Jumps to a saved state's iteration (and metric state) and sets its values. */
  restore(state: DriverState): void;
}

function isSetter(x: unknown): x is Setter {
  return typeof x === "function";
}

function checkTarget(target: unknown, groups: number): void {
  if (isSetter(target)) return;
  if (
    typeof target !== "object" || target === null || !("paramGroups" in target) || !Array.isArray(target.paramGroups)
  ) {
    fail("optimizer", "an object with paramGroups, or a setter function", target);
  }
  const list: readonly unknown[] = target.paramGroups;
  if (list.length !== groups) {
    const i = Math.min(list.length, groups);
    throw new RangeError(
      list.length > groups
        ? `paramGroups[${i}]: expected ${groups} parameter groups (as the policy), got ${list.length}`
        : `paramGroups[${i}]: missing, expected ${groups} parameter groups (as the policy), got ${list.length}`,
    );
  }
  list.forEach((g, i) => {
    if (typeof g !== "object" || g === null) fail(`paramGroups[${i}]`, "an object with lr", g);
  });
}

function checkState(state: unknown): DriverState {
  if (typeof state !== "object" || state === null) fail("state", "an object { iteration, config }", state);
  const iteration = nonNegativeInt("state.iteration", "iteration" in state ? state.iteration : undefined);
  const config: unknown = "config" in state ? state.config : undefined;
  const metric: unknown = "metric" in state ? state.metric : undefined;
  const withMetric = metric === undefined ? {} : { metric: jsonOf(metric) };
  if (config === undefined) return { iteration, ...withMetric };
  if (typeof config !== "object" || config === null || Array.isArray(config)) fail("state.config", "an object", config);
  return { iteration, config: { ...config }, ...withMetric };
}

/** A value read back from JSON, as JSON (the metric policy checks its shape). */
function jsonOf(v: unknown): JsonValue {
  const text = JSON.stringify(v);
  if (text === undefined) fail("state.metric", "a JSON value", v);
  const json: JsonValue = JSON.parse(text);
  return json;
}

/** The listener of a metric-driven policy, restored to a state's metric state. */
function metricOf(listener: Listener | undefined, mp: MetricPolicy | undefined, state: DriverState): void {
  if (listener === undefined || mp === undefined) {
    if (state.metric !== undefined) {
      throw new TypeError("state.metric: expected no metric state (the policy does not listen to a metric), got one");
    }
    return;
  }
  if (state.metric === undefined) {
    throw new TypeError(
      "state.metric: missing, expected the state of the metric-driven policy (driver.state().metric)",
    );
  }
  const s = mp.read(state.metric, ["state", "metric"]);
  const last = mp.lastObserved(s);
  if (last >= state.iteration) {
    throw new RangeError(
      `state.metric: expected metrics observed before iteration ${state.iteration}, got one observed after ${last}`,
    );
  }
  listener.restore(s);
}

/** Whether two JSON values are equal (object keys in any order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra: Record<string, unknown> = { ...a }, rb: Record<string, unknown> = { ...b };
  return ka.every((k) => Object.hasOwn(rb, k) && sameJson(ra[k], rb[k]));
}

/**
 * Drives an optimizer with a policy: keeps the iteration counter (the one piece of state,
 * as optax's `inject_hyperparams` keeps the step) and sets, at every iteration `t`,
 * `paramGroups[g].lr = policy.lr(t)[g]` and, when the policy schedules momentum,
 * `paramGroups[g].momentum` (or `betas[0]`, for Adam-like groups, as PyTorch does) — or
 * calls a setter with the values. The values of the starting iteration are set at once,
 * as PyTorch's schedulers do when they are built; call `step()` after each optimizer update.
 *
 * `state()` is `{ iteration, config }` (the config recorded for the policy, when it has
 * one), plain JSON; `fromState` (or `restore`) resumes from it with exactly the values the
 * uninterrupted run would have used, because the values are a pure function of the
 * iteration.
 *
 * A metric-driven policy (`plateau`, …) is driven the same way, with its metric:
 * `step(metric)` after an update whose metric was measured (or `observe(metric)` after the
 * `step()` of an epoch's last batch); the metric takes effect at the next update. Its state
 * after those metrics is `state().metric`, so a resumed run is bit for bit the one that
 * never stopped.
 *
 * @param schedule The policy to drive, or a metric-driven policy.
 * @param target An optimizer with `paramGroups` (one per policy group), or a setter.
 * @param options `iteration`: where to start (a non-negative safe integer). @default 0
 * @returns The driver.
 * @throws {RangeError} If the optimizer's group count differs from the policy's (the
 *   message names the first group that does not match) or `iteration` is invalid.
 * @throws {TypeError} If `target` is neither an optimizer-like object nor a function.
 *
 * @example Save, then resume in a new process
 * ```ts
 * import assert from "node:assert/strict";
 * import { driver, fromState, oneCycle } from "cyclical-lr";
 * const policy = oneCycle({ maxLr: 0.1, totalSteps: 100 });
 * const opt = { paramGroups: [{ lr: 0, momentum: 0 }] };
 * const d = driver(policy, opt);
 * for (let i = 0; i < 30; i++) d.step();
 * assert.equal(opt.paramGroups[0].lr, policy.lr(30)[0]);
 * const saved = JSON.stringify(d.state());
 * const opt2 = { paramGroups: [{ lr: 0, momentum: 0 }] };
 * const resumed = fromState(JSON.parse(saved), opt2, oneCycle({ maxLr: 0.1, totalSteps: 100 }));
 * resumed.step();
 * d.step();
 * assert.deepEqual(opt2, opt);
 * ```
 *
 * @example Reduce on plateau: the validation loss after each epoch of 10 updates
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, driver, plateau } from "cyclical-lr";
 * const opt = { paramGroups: [{ lr: 0 }] };
 * const d = driver(plateau(constant({ value: 0.1 }), { patience: 0 }), opt);
 * for (const loss of [1.0, 0.9, 0.95]) {
 *   for (let batch = 0; batch < 10; batch++) d.step(); // the updates of one epoch
 *   d.observe(loss);                                   // measured after the epoch's last update
 * }
 * assert.equal(d.iteration, 30);
 * assert.ok(Math.abs(opt.paramGroups[0].lr - 0.01) < 1e-17);
 * assert.equal(JSON.parse(JSON.stringify(d.state())).metric.reductions, 1); // saved with the iteration
 * ```
 */
export function driver(
  schedule: PolicyLike | MetricPolicy,
  target: OptimizerLike | Setter,
  options: DriverOptions = {},
): Driver {
  return makeDriver(schedule, target, DRIVER.read(options).iteration);
}

/** A driver at `start`; with `resumed`, a saved state whose metric state it starts from (checked). */
function makeDriver(
  schedule: PolicyLike | MetricPolicy,
  target: OptimizerLike | Setter,
  start: number,
  resumed?: DriverState,
): Driver {
  const mp = isMetricPolicy(schedule) ? schedule : undefined;
  const listener = mp === undefined ? undefined : listen(mp);
  const policy = listener === undefined ? asPolicy(["policy"], schedule) : listener.policy;
  const recorded = mp ?? policy;
  const groups = policy.groups;
  checkTarget(target, groups);
  let iteration = start;
  // A resumed driver sets the values of its saved state first, and no others.
  if (resumed !== undefined) metricOf(listener, mp, resumed);
  const valuesAt = (t: number): DriverValues => {
    const lr = policy.lr(t);
    return policy.momentum ? { lr, momentum: policy.momentum(t) } : { lr };
  };
  const apply = () => {
    const v = valuesAt(iteration);
    if (isSetter(target)) return target(v, iteration);
    target.paramGroups.forEach((group, g) => {
      group.lr = v.lr[g];
      if (v.momentum === undefined) return;
      if (Array.isArray(group.betas)) group.betas = [v.momentum[g], ...group.betas.slice(1)];
      else group.momentum = v.momentum[g];
    });
  };
  apply();
  return {
    get iteration() {
      return iteration;
    },
    policy,
    values: () => valuesAt(iteration),
    step: (metric?: number) => {
      const next = nonNegativeInt("iteration", iteration + 1);
      if (metric !== undefined) hear(iteration, metric);
      iteration = next;
      apply();
    },
    observe: (metric: number) => {
      if (iteration === 0) {
        throw new RangeError("metric: expected an update before it (iteration is 0), got one at none");
      }
      hear(iteration - 1, metric);
      apply();
    },
    state: () => {
      const config = configOf(recorded);
      const metric = listener === undefined ? {} : { metric: listener.state() };
      return config === undefined
        ? { iteration, ...metric }
        : { iteration, config: JSON.parse(JSON.stringify(config)), ...metric };
    },
    restore: (state) => {
      const s = checkState(state);
      checkConfig(s, recorded);
      metricOf(listener, mp, s);
      iteration = s.iteration;
      apply();
    },
  };

  function hear(after: number, metric: number): void {
    if (listener === undefined) {
      throw new TypeError(
        `metric: expected none (the policy does not listen to a metric; build it with plateau), got ${
          describeValue(metric)
        }`,
      );
    }
    listener.hear(after, metric);
  }
}

function checkConfig(state: DriverState, policy: object): void {
  const recorded = configOf(policy);
  if (
    state.config !== undefined && recorded !== undefined &&
    !sameJson(state.config, JSON.parse(JSON.stringify(recorded)))
  ) {
    throw new TypeError("state.config: expected the config of the policy being driven, got a different config");
  }
}

/**
 * Resumes a saved run: a {@link driver} for `policy` at the saved iteration, with its
 * values set. `policy` is the policy the state was saved with, rebuilt by the caller (from
 * `state.config` with the config decoder, or from code); when both the state and the
 * policy carry a config they must be equal.
 *
 * @param state A state from `Driver.state()`, after a JSON round trip or not.
 * @param target An optimizer with `paramGroups`, or a setter.
 * @param policy The policy to drive.
 * @returns The driver, at `state.iteration`.
 * @throws {RangeError} If `state.iteration` is not a non-negative safe integer, or groups
 *   disagree.
 * @throws {TypeError} If the state is malformed or its config differs from the policy's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineRestarts, fromState } from "cyclical-lr";
 * const policy = cosineRestarts({ baseLr: 0.1, t0: 10 });
 * const seen: number[] = [];
 * const d = fromState({ iteration: 12 }, ({ lr }) => seen.push(lr[0]), policy);
 * d.step();
 * assert.deepEqual(seen, [policy.lr(12)[0], policy.lr(13)[0]]);
 * assert.throws(() => fromState({ iteration: -1 }, () => {}, policy), /state.iteration: expected a non-negative integer, got -1/);
 * ```
 */
export function fromState(
  state: DriverState,
  target: OptimizerLike | Setter,
  schedule: PolicyLike | MetricPolicy,
): Driver {
  const s = checkState(state);
  const policy = isMetricPolicy(schedule) ? schedule : asPolicy(["policy"], schedule);
  checkConfig(s, policy);
  return makeDriver(policy, target, s.iteration, s);
}
