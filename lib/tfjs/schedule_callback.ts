import { asPolicy, isPolicy } from "../schedule/policy.ts";
import type { Policy, PolicyLike, ScalarSchedule, Schedule } from "../types.ts";
import { describeValue, fail } from "../_check.ts";
import { isMetricPolicy, type MetricPolicy } from "../metric/metric_policy.ts";
import { type Driver, driver, type DriverValues } from "../driver/driver.ts";
import { optimizerSetter, type TfOptimizer } from "./optimizer_setter.ts";

/** Options of {@link scheduleCallback}. */
export interface ScheduleCallbackOptions {
  /**
   * The iteration to start at: the number of optimizer updates already applied, to resume
   * a run (`callback.driver.iteration` of the previous run). @default 0
   */
  readonly iteration?: number;
  /**
   * The key of the epoch's `logs` a metric-driven policy listens to, read at every
   * `onEpochEnd` (`"val_loss"` needs `validationData` or `validationSplit`; `"loss"`,
   * `"acc"`, `"val_acc"`, … as `model.fit` names them). @default "val_loss"
   */
  readonly monitor?: string;
}

/**
 * A `model.fit` callback (TF.js `CustomCallbackArgs`) that drives an optimizer's rate. Its
 * methods do not use `this`, as TF.js calls them detached.
 */
export interface ScheduleCallback {
  /** The iteration counter and the state to save (`driver.state()`) or restore. */
  readonly driver: Driver;
  /** Sets the values of the current iteration again, before each batch. */
  readonly onBatchBegin: (batch: number, logs?: unknown) => void;
  /** Counts the update just applied and sets the next iteration's values. */
  readonly onBatchEnd: (batch: number, logs?: unknown) => void;
  /**
   * For a metric-driven policy: hears `logs[monitor]`, measured after the epoch's last
   * update, which takes effect at the next update.
   * @throws {TypeError} If the logs have no number under `monitor` (the message lists the keys they have).
   */
  readonly onEpochEnd?: (epoch: number, logs?: unknown) => void;
}

/** A one-group policy from a policy, a schedule or a scalar schedule. */
function onePolicy(source: PolicyLike | ScalarSchedule | MetricPolicy): Policy | MetricPolicy {
  if (isMetricPolicy(source)) {
    if (source.groups !== 1) fail("policy.groups", "1 (a TF.js optimizer has one learning rate)", source.groups);
    return source;
  }
  if (typeof source === "function" && !isPolicy(source)) {
    const first: unknown = source(0);
    if (typeof first === "number") {
      // A scalar schedule: one learning rate, as TF.js optimizers have.
      const scalar = (t: number): unknown => source(t);
      return asPolicy(["policy"], (t: number) => [scalar(t)]);
    }
  }
  const p = asPolicy(["policy"], source);
  if (p.groups !== 1) fail("policy.groups", "1 (a TF.js optimizer has one learning rate)", p.groups);
  return p;
}

/**
 * A Keras-style callback for TF.js `model.fit` (or `fitDataset`) that sets the optimizer's
 * learning rate, and its momentum when the policy schedules one, from a policy at every
 * batch: the update of batch `k` (counted across epochs from `options.iteration`, since
 * `onBatchBegin`'s index restarts every epoch) uses `policy.lr(iteration + k)[0]`.
 *
 * The counter is a {@link driver}: the values of the starting iteration are set as soon as
 * the callback is built, each `onBatchEnd` advances it, and `callback.driver.state()` is
 * the JSON to save for resuming (`scheduleCallback(opt, policy, { iteration })`). The
 * optimizer is reached through {@link optimizerSetter}: one setter per TF.js class, each
 * value read back, and an `Error` when it did not take.
 *
 * A metric-driven policy (`plateau`, …) listens to `logs[monitor]` (default `"val_loss"`)
 * at every `onEpochEnd`: the metric is measured after the epoch's last update and takes
 * effect at the first update of the next epoch; `callback.driver.state()` then holds the
 * metric's state too, for resuming (`fromState`).
 *
 * @param optimizer The optimizer given to `model.compile` (`model.optimizer` works too).
 * @param policy A one-group policy, a schedule (its momentum, if any, is not used), or a
 *   one-group metric-driven policy.
 * @param options `iteration`: where to start; `monitor`: the logs key a metric-driven
 *   policy listens to. @default { iteration: 0, monitor: "val_loss" }
 * @returns The callback; pass it in `model.fit(x, y, { callbacks: [callback] })`.
 * @throws {TypeError} If the policy schedules momentum on a class that cannot take it
 *   (TF.js `SGD`, `Momentum`, `Adagrad`, `Adadelta`): pass `policy.lr` alone, or build the
 *   policy without momentum (`cycleMomentum: false`).
 * @throws {RangeError} If the policy has more than one group or `iteration` is invalid.
 *
 * @example One cycle on a structural stand-in for `tf.train.adam()`
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular } from "cyclical-lr";
 * import { scheduleCallback } from "cyclical-lr/tfjs";
 * const adam = { getClassName: () => "Adam", learningRate: 0.001 };
 * const lr = triangular({ baseLr: 0.001, maxLr: 0.006, stepSizeUp: 2 });
 * const callback = scheduleCallback(adam, lr);
 * const seen: number[] = [];
 * for (const epoch of [0, 1]) {
 *   for (const batch of [0, 1]) {
 *     callback.onBatchBegin(batch);
 *     seen.push(adam.learningRate); // model.fit trains the batch here
 *     callback.onBatchEnd(batch);
 *   }
 * }
 * assert.deepEqual(seen, [0, 1, 2, 3].map((t) => lr(t)[0]));
 * assert.equal(callback.driver.iteration, 4);
 * ```
 *
 * @example Reduce on plateau of the validation loss
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, plateau } from "cyclical-lr";
 * import { scheduleCallback } from "cyclical-lr/tfjs";
 * const adam = { getClassName: () => "Adam", learningRate: 0.001 };
 * const callback = scheduleCallback(adam, plateau(constant({ value: 0.01 }), { patience: 0, factor: 0.5 }));
 * for (const [epoch, valLoss] of [[0, 0.8], [1, 0.9]] as const) {
 *   for (const batch of [0, 1]) { callback.onBatchBegin(batch); callback.onBatchEnd(batch); }
 *   callback.onEpochEnd?.(epoch, { loss: 0.5, val_loss: valLoss });
 * }
 * assert.equal(adam.learningRate, 0.005); // the next update's rate
 * assert.throws(() => callback.onEpochEnd?.(2, { loss: 0.5 }), /logs.val_loss: missing/);
 * ```
 */
export function scheduleCallback(
  optimizer: TfOptimizer,
  policy: Policy | Schedule | ScalarSchedule | MetricPolicy,
  options: ScheduleCallbackOptions = {},
): ScheduleCallback {
  const set = optimizerSetter(optimizer);
  const p = onePolicy(policy);
  const setMomentum = set.momentum;
  const monitor = options.monitor ?? "val_loss";
  if (typeof monitor !== "string" || monitor.length === 0) fail("options.monitor", "a non-empty string", monitor);
  const hasMomentum = isMetricPolicy(p) ? p.hasMomentum : p.momentum !== undefined;
  if (hasMomentum && setMomentum === undefined) {
    throw new TypeError(
      `policy.momentum: expected no momentum schedule for TF.js ${set.className}, got a schedule ` +
        `(${set.momentumRefusal ?? "it has no momentum"}; pass policy.lr alone, or build the policy without momentum)`,
    );
  }
  const apply = ({ lr, momentum }: DriverValues): void => {
    set.learningRate(lr[0]);
    if (momentum !== undefined && setMomentum !== undefined) setMomentum(momentum[0]);
  };
  const d = driver(p, apply, { iteration: options.iteration ?? 0 });
  const callback = {
    driver: d,
    onBatchBegin: () => apply(d.values()),
    onBatchEnd: () => d.step(),
  };
  if (!isMetricPolicy(p)) return callback;
  return { ...callback, onEpochEnd: (_epoch: number, logs?: unknown) => d.observe(metricIn(logs, monitor)) };
}

/** The metric under `key` of an epoch's logs, or the error that says which keys there are. */
function metricIn(logs: unknown, key: string): number {
  const record = typeof logs === "object" && logs !== null ? logs : {};
  const value: unknown = Object.hasOwn(record, key) ? Reflect.get(record, key) : undefined;
  if (typeof value === "number") return value;
  const keys = Object.keys(record).map((k) => JSON.stringify(k)).join(", ");
  const field = `logs.${key}`;
  if (value === undefined) {
    throw new TypeError(
      `${field}: missing, expected a number (the metric the policy listens to); the logs have ${keys || "no keys"}` +
        (key.startsWith("val_")
          ? " (give model.fit validationData or validationSplit, or set options.monitor)"
          : " (set options.monitor)"),
    );
  }
  throw new TypeError(`${field}: expected a number (the metric the policy listens to), got ${describeValue(value)}`);
}
