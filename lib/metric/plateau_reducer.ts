/**
 * The reducer of reduce-on-plateau: `(state, observation) => state` over a plain-JSON
 * state, transcribing PyTorch's `ReduceLROnPlateau.step` (timm's `PlateauLRScheduler` steps
 * the same rule) and optax's `contrib.reduce_on_plateau` update. It decides *when* to
 * reduce; {@link plateau} applies the reductions to a schedule.
 *
 * @module
 */
import { describeValue, EXPECTED } from "../_check.ts";
import { type JsonNumber, stateFields } from "./_state_fields.ts";
import { checkMetric, checkObservedIteration, type Observation } from "./metric_policy.ts";
import { type PlateauOptions, type PlateauRule, readPlateau } from "./plateau_options.ts";

export type { JsonNumber } from "./_state_fields.ts";

/**
 * What a plateau remembers, as plain JSON (non-finite numbers as strings, see
 * {@link JsonNumber}). `scale` is the multiplier the reductions made: optax's scale; for
 * pytorch and timm `factor^reductions`, which each group's rate follows until `minLr` or
 * `eps` stops it.
 */
export type PlateauState = {
  /** The iteration after which the last metric was observed; -1 before the first. */
  readonly iteration: number;
  /** The best metric so far (PyTorch's `best`, optax's `best_value`): ±Infinity before the first. */
  readonly best: JsonNumber;
  /** Observations without improvement (PyTorch's `num_bad_epochs`, optax's `plateau_count`). */
  readonly bad: number;
  /** Observations of cooldown left. */
  readonly cooldown: number;
  /** Reductions so far. */
  readonly reductions: number;
  /** The multiplier, in [0, 1]. */
  readonly scale: number;
  /** Metrics accumulated towards the next decision (optax's `count`; 0 otherwise). */
  readonly count: number;
  /** Their running average (optax's `avg_value`; 0 otherwise). */
  readonly average: JsonNumber;
};

/** A plateau's reducer: its first state and the pure step. */
export interface PlateauReducer {
  /** The state before any observation. */
  readonly initial: PlateauState;
  /**
   * The state after one more observation `[iteration, metric]` (the iteration must come
   * after the state's). NaN and ±Infinity metrics follow the reference's arithmetic: NaN
   * is never better than anything; `-Infinity` (mode `"min"`) is better than any finite
   * best, and then nothing is better than it.
   */
  reduce(state: PlateauState, observation: Observation): PlateauState;
}

/**
 * A float64 as JSON.
 * @internal
 */
export function toJsonNumber(x: number): JsonNumber {
  // -0 as 0: JSON has no -0, so a state must not hold one for a state read back to equal it
  // (no comparison the reducers make tells them apart).
  if (Number.isFinite(x)) return x === 0 ? 0 : x;
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/**
 * A {@link JsonNumber} back as a float64.
 * @internal
 */
export function fromJsonNumber(x: JsonNumber): number {
  return typeof x === "number" ? x : x === "NaN" ? NaN : x === "Infinity" ? Infinity : -Infinity;
}

/**
 * Checks a plateau state read back from JSON.
 *
 * @param value The state.
 * @param path Where it was given, for errors.
 * @returns A copy, with its keys in order.
 * @throws {TypeError | RangeError} Naming the first bad field (`state.bad: expected a non-negative integer, got -1`).
 * @internal
 */
export function readPlateauState(value: unknown, path: readonly (string | number)[] = ["state"]): PlateauState {
  const f = stateFields(value, path, "a plateau state", KEYS);
  const iteration = f.iteration();
  const scale = f.get("scale");
  if (!(typeof scale === "number" && scale >= 0 && scale <= 1)) {
    throw new RangeError(`${f.at("scale")}: expected ${EXPECTED.fraction}, got ${describeValue(scale)}`);
  }
  f.refuseUnknown();
  return {
    iteration,
    best: f.num("best"),
    bad: f.int("bad"),
    cooldown: f.int("cooldown"),
    reductions: f.int("reductions"),
    scale,
    count: f.int("count"),
    average: f.num("average"),
  };
}

const KEYS: readonly string[] = ["iteration", "best", "bad", "cooldown", "reductions", "scale", "count", "average"];

/** PyTorch's `_is_better`, operation for operation. */
function isBetter(rule: Extract<PlateauRule, { mode: unknown }>, a: number, best: number): boolean {
  if (rule.mode === "min") {
    return rule.thresholdMode === "rel" ? a < best * (1.0 - rule.threshold) : a < best - rule.threshold;
  }
  return rule.thresholdMode === "rel" ? a > best * (rule.threshold + 1.0) : a > best + rule.threshold;
}

/** PyTorch's `ReduceLROnPlateau.step`, without the rates: whether this observation reduces. */
function pytorchStep(rule: Extract<PlateauRule, { mode: unknown }>, s: PlateauState, a: number): PlateauState {
  let best = fromJsonNumber(s.best), bad = s.bad, cooldown = s.cooldown, reductions = s.reductions, scale = s.scale;
  if (isBetter(rule, a, best)) {
    best = a;
    bad = 0;
  } else {
    bad += 1;
  }
  if (cooldown > 0) {
    cooldown -= 1;
    bad = 0; // bad epochs in cooldown are ignored
  }
  if (bad > rule.patience) {
    reductions += 1;
    scale *= rule.factor;
    cooldown = rule.cooldown;
    bad = 0;
  }
  return { ...s, best: toJsonNumber(best), bad, cooldown, reductions, scale };
}

/** optax's `update_fn` and `_update_scale`, operation for operation (in float64, as with `jax_enable_x64`). */
function optaxStep(rule: Extract<PlateauRule, { semantics: "optax" }>, s: PlateauState, value: number): PlateauState {
  const count = s.count + 1;
  const average = (s.count * fromJsonNumber(s.average) + value) / count;
  if (count !== rule.accumulationSize) return { ...s, count, average: toJsonNumber(average) };
  const best = fromJsonNumber(s.best);
  const improved = average < (1 - rule.rtol) * best - rule.atol;
  const newBest = improved ? average : best;
  const current = improved ? 0 : s.bad + 1;
  let bad: number, scale: number, cooldown: number, reductions = s.reductions;
  if (s.cooldown > 0) {
    bad = 0;
    scale = s.scale;
    cooldown = s.cooldown - 1;
  } else {
    const hit = current === rule.patience;
    bad = hit ? 0 : current;
    scale = Math.max(hit ? s.scale * rule.factor : s.scale, rule.minScale);
    cooldown = hit ? rule.cooldown : 0;
    if (hit) reductions += 1;
  }
  return { ...s, best: toJsonNumber(newBest), bad, cooldown, reductions, scale, count: 0, average: 0 };
}

/**
 * The reducer of a resolved rule.
 * @internal
 */
export function reducerOf(rule: PlateauRule): PlateauReducer {
  const worst = rule.semantics !== "optax" && rule.mode === "max" ? -Infinity : Infinity;
  const initial: PlateauState = {
    iteration: -1,
    best: toJsonNumber(worst),
    bad: 0,
    cooldown: 0,
    reductions: 0,
    scale: 1,
    count: 0,
    average: 0,
  };
  const step = (s: PlateauState, value: number): PlateauState =>
    rule.semantics === "optax" ? optaxStep(rule, s, value) : pytorchStep(rule, s, value);
  return Object.freeze({
    initial,
    reduce: (state: PlateauState, observation: Observation): PlateauState => {
      const s = readPlateauState(state);
      const iteration = checkObservedIteration(observation[0], s.iteration);
      const value = checkMetric(observation[1]);
      return { ...step(s, value), iteration };
    },
  });
}

/**
 * The reducer of reduce-on-plateau, `(state, [iteration, metric]) => state`, alone: the
 * decision of *when* to reduce, over a plain-JSON state ({@link PlateauState}), with the
 * rule of one of three references:
 *
 * * `"pytorch"` (and `"timm"`, which steps PyTorch's rule with `mode: "max"` by default):
 *   an observation is better when `a < best * (1 - threshold)` (`min`, `rel`),
 *   `a < best - threshold` (`min`, `abs`), `a > best * (threshold + 1)` (`max`, `rel`) or
 *   `a > best + threshold` (`max`, `abs`); then `bad` resets, else it grows; in cooldown
 *   `cooldown` counts down and `bad` resets; when `bad > patience` a reduction is made,
 *   `cooldown` restarts and `bad` resets. As PyTorch's `step`, operation for operation.
 * * `"optax"`: metrics are averaged over `accumulationSize` observations; the average is
 *   better when `avg < (1 - rtol) * best - atol`; in cooldown the count resets and the
 *   cooldown counts down; otherwise a reduction is made when the count of observations
 *   without improvement *equals* `patience` (so `patience: 0` reduces on every improvement,
 *   as optax does), and `scale = max(scale * factor, minScale)`. As optax's update, in float64.
 *
 * @param options The rule's options ({@link PLATEAU}); `minLr` and `eps` act on rates, so
 *   only {@link plateau} uses them.
 * @returns The initial state and the step.
 * @throws {TypeError | RangeError} On bad options; `reduce` on a bad state, an iteration
 *   that does not come after the state's, or a metric that is not a number.
 *
 * @example PyTorch's test_reduce_lr_on_plateau3: a reduction after six bad epochs
 * ```ts
 * import assert from "node:assert/strict";
 * import { plateauReducer } from "cyclical-lr";
 * const { initial, reduce } = plateauReducer({ mode: "max", patience: 5, cooldown: 5, thresholdMode: "abs" });
 * let s = initial;
 * const metrics = [-0.8, -0.8, ...new Array(20).fill(-0.234)];
 * const reductions = metrics.map((m, i) => (s = reduce(s, [i, m])).reductions);
 * assert.deepEqual(reductions, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
 * ```
 */
export function plateauReducer(options: PlateauOptions = {}): PlateauReducer {
  return reducerOf(readPlateau(options));
}
