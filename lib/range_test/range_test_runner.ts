import { describeValue } from "../_check.ts";
import type { Checkpoint, Tensors, Trainer } from "../optim/types.ts";
import { beta, bool, type FieldsOf, functionOf, kind } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { problem } from "../options/_errors.ts";
import { maxLrAboveMinLr, RAMP_FIELDS, type RampMode, type RampOptions, rangeTestRamp } from "./ramp.ts";
import { emaStep, smoothEma } from "./smoothing.ts";

/**
 * What one training step reports: a number (the loss), an object with a `loss` and/or an
 * `accuracy` (either may be left out on any step, e.g. an accuracy measured every 20
 * iterations), or nothing.
 */
export type RangeTestReport = number | { readonly loss?: number; readonly accuracy?: number } | undefined | void;

/**
 * One training step at learning rate `lr`: the caller sets the rate on its optimizer,
 * trains on one batch and reports. May return a promise (a WebGPU step).
 */
export type RangeTestStep = (lr: number, iteration: number) => RangeTestReport | Promise<RangeTestReport>;

/**
 * How to put the model back: `save` takes a snapshot of the parameters *and* the optimizer
 * state (moments, step counter) before the test, `load` restores it afterwards. Either may
 * be async. The snapshot must be a copy, not a view of buffers that training changes.
 */
export interface RestoreHooks<S> {
  /** Takes the snapshot (a copy of the parameters and the optimizer state), before the test. */
  save(): S | Promise<S>;
  /** Restores the snapshot, after the test. */
  load(snapshot: S): void | Promise<void>;
}

/**
 * Options of {@link rangeTest} for a step that trains a {@link Trainer}: the test takes
 * `trainer.save()` and `trainer.read()` before it, calls `trainer.load(…)` after it, and
 * reads from `trainer.optimizer` whether it is schedule-free.
 */
export type RangeTestTrainerOptions = Omit<RangeTestOptions<unknown>, "restore"> & {
  /** The trainer the step trains. */
  readonly restore: Trainer;
};

/** One iteration as {@link RangeTestOptions.onStep} sees it. */
export interface RangeTestPoint {
  /** The 0-based iteration of the test. */
  readonly iteration: number;
  /** The rate this iteration trained with. */
  readonly lr: number;
  /** The loss the step reported, if any. */
  readonly loss?: number;
  /** The loss after the test's smoothing, if a loss was reported. */
  readonly smoothedLoss?: number;
  /** The accuracy the step reported, if any. */
  readonly accuracy?: number;
}

/** Options of {@link rangeTest}, checked by {@link RANGE_TEST}. */
export interface RangeTestOptions<S> extends RampOptions {
  /**
   * Required: what restores the model and optimizer after the test (also when a step
   * throws): your own hooks, or `false` to leave the model as the test left it (a
   * throw-away copy). A trainer restores itself: see {@link RangeTestTrainerOptions}.
   */
  readonly restore: RestoreHooks<S> | false;
  /**
   * Whether the step trains a schedule-free optimizer (recorded in the curve's settings, so
   * that {@link suggestBounds} refuses to read bounds from it and `suggestRate` reads one
   * rate); when `restore` is a trainer, it must agree with the trainer's optimizer.
   */
  readonly scheduleFree?: boolean;
  /** Smoothing per iteration, in [0, 1) (fastai's 0.98). */
  readonly beta?: number;
  /**
   * Stop when the smoothed loss `s` and the best smoothed loss so far `b` satisfy
   * `s - b > (divergeThreshold - 1) * |b|`, i.e. `s > divergeThreshold * b` for positive
   * losses (fastai: 4; pytorch-lr-finder: 5, on its unbiased average). The difference
   * form stays right for negative losses (a log-likelihood), where `s > 4 * b` would stop
   * at once. A number > 1; `Infinity` never stops.
   */
  readonly divergeThreshold?: number;
  /** Called after every iteration (a progress bar). */
  readonly onStep?: (point: RangeTestPoint) => void;
}

/** One metric of a range test, at the iterations where the step reported it. */
export interface RangeTestSeries {
  /** The iterations that reported the metric, increasing. */
  readonly iterations: readonly number[];
  /** The rate at each of them. */
  readonly lrs: readonly number[];
  /** The reported values, all finite. */
  readonly raw: readonly number[];
  /** {@link smoothEma} of `raw` over `iterations`. */
  readonly smoothed: readonly number[];
}

/** Why a range test ended. */
export type RangeTestStop = "completed" | "diverged" | "nonFinite";

/** The result of {@link rangeTest}: plain data, JSON-serialisable. */
export interface RangeTestCurve {
  /** The rate of every iteration that ran, `lrs[t]` at iteration `t`. */
  readonly lrs: readonly number[];
  /** The loss, when the step reported one. */
  readonly loss?: RangeTestSeries;
  /** The accuracy, when the step reported one. */
  readonly accuracy?: RangeTestSeries;
  /**
   * `"completed"`; `"diverged"` (the last loss point broke the threshold); or
   * `"nonFinite"` (the last iteration reported NaN or ±Infinity, which is not recorded).
   */
  readonly stop: RangeTestStop;
  /** The settings of the test, defaults written out. */
  readonly settings: {
    readonly minLr: number;
    readonly maxLr: number;
    readonly iterations: number;
    readonly mode: RampMode;
    readonly beta: number;
    readonly divergeThreshold: number;
    /** Whether the step trained a schedule-free optimizer. */
    readonly scheduleFree: boolean;
  };
}

interface Recorder {
  iterations: number[];
  lrs: number[];
  raw: number[];
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === "object" && v !== null && "then" in v && typeof v.then === "function";
}

/** Whether `v` is a trainer: its `load` takes the checkpoint and the parameters. */
function isTrainer(v: unknown): v is Trainer {
  if (typeof v !== "object" || v === null) return false;
  const optimizer: unknown = Reflect.get(v, "optimizer");
  return typeof optimizer === "object" && optimizer !== null &&
    typeof Reflect.get(optimizer, "algorithm") === "string" &&
    ["read", "save", "load"].every((k) => typeof Reflect.get(v, k) === "function");
}

/** The restore hooks of a trainer: its checkpoint and its train-view parameters. */
function trainerHooks(trainer: Trainer): RestoreHooks<{ checkpoint: Checkpoint; params: Tensors }> {
  return {
    save: async () => {
      if (trainer.view !== "train") {
        throw new TypeError('restore.view: expected "train" (the range test trains: call train() first), got "eval"');
      }
      return { checkpoint: await trainer.save(), params: await trainer.read() };
    },
    load: ({ checkpoint, params }) => trainer.load(checkpoint, params),
  };
}

/** One error for a step that threw and a restore that threw after it: neither is lost. */
function bothFailed(t: number, stepError: unknown, loadError: unknown): AggregateError {
  const text = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : describeValue(e));
  return new AggregateError(
    [stepError, loadError],
    `rangeTest: iteration ${t} threw (errors[0]: ${text(stepError)}) and restore.load threw after it ` +
      `(errors[1]: ${text(loadError)}), so the model and optimizer were not restored`,
  );
}

function isRestoreHooks<S>(v: unknown): v is RestoreHooks<S> {
  return typeof v === "object" && v !== null && "save" in v && "load" in v &&
    typeof v.save === "function" && typeof v.load === "function";
}

/** The algorithm of the trainer `restore` is, if it is one. */
function trainedBy(restore: unknown): string | undefined {
  return isTrainer(restore) ? restore.optimizer.algorithm : undefined;
}

const restoreKind = kind(
  "a trainer, { save, load } functions or false",
  (v): v is RestoreHooks<unknown> | false => v === false || isTrainer(v) || isRestoreHooks(v),
);

/**
 * The options table of {@link rangeTest}: the ramp's fields ({@link RANGE_TEST_RAMP}), then
 * the restore hooks, fastai's smoothing and divergence threshold; `scheduleFree` defaults to
 * what a trainer given as `restore` runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RANGE_TEST } from "cyclical-lr/range-test";
 * const v = RANGE_TEST.read({ minLr: 1e-4, maxLr: 1, iterations: 100, restore: false });
 * assert.deepEqual([v.beta, v.divergeThreshold, v.scheduleFree], [0.98, 4, false]);
 * assert.throws(() => RANGE_TEST.read({ minLr: 1e-4, maxLr: 1, iterations: 100, restore: false, smoothing: 0.9 }), {
 *   message: "smoothing: unknown option of rangeTest",
 * });
 * ```
 */
export const RANGE_TEST: OptionsTable<FieldsOf<RangeTestOptions<unknown>, "onStep">> = optionsTable("rangeTest", {
  ...RAMP_FIELDS,
  restore: restoreKind.required(),
  scheduleFree: bool.derived((o) => {
    const trained = trainedBy(o.restore);
    return trained !== undefined && trained.startsWith("scheduleFree");
  }, "whether restore is a trainer of a schedule-free optimizer"),
  beta: beta.default(0.98),
  divergeThreshold: kind("a number > 1 (Infinity never stops)", (v): v is number => typeof v === "number" && v > 1)
    .default(4),
  onStep: functionOf<(point: RangeTestPoint) => void>().optional(),
}, {
  rules: [
    maxLrAboveMinLr,
    (v, given) => {
      const trained = trainedBy(v.restore);
      if (trained === undefined || !given("scheduleFree") || v.scheduleFree === undefined) return undefined;
      const isFree = trained.startsWith("scheduleFree");
      if (v.scheduleFree === isFree) return undefined;
      return problem(
        ["scheduleFree"],
        `expected ${isFree} (as restore.optimizer.algorithm ${
          JSON.stringify(trained)
        }) or no value, got ${v.scheduleFree}`,
        true,
      );
    },
  ],
});

function readNumber(report: object, key: "loss" | "accuracy", t: number): number | undefined {
  const v: unknown = Reflect.get(report, key);
  if (v === undefined || typeof v === "number") return v;
  throw new TypeError(`step(${t}).${key}: expected a number, got ${describeValue(v)}`);
}

function readReport(report: unknown, t: number): { loss?: number; accuracy?: number } {
  if (report === undefined) return {};
  if (typeof report === "number") return { loss: report };
  if (typeof report === "object" && report !== null) {
    const loss = readNumber(report, "loss", t), accuracy = readNumber(report, "accuracy", t);
    return { ...(loss === undefined ? {} : { loss }), ...(accuracy === undefined ? {} : { accuracy }) };
  }
  throw new TypeError(`step(${t}): expected a number, { loss, accuracy } or undefined, got ${describeValue(report)}`);
}

function series(r: Recorder, smoothed: number[]): RangeTestSeries | undefined {
  return r.raw.length === 0 ? undefined : { ...r, smoothed };
}

/**
 * The LR range test (Smith 2017, section 3.3; fastai's `lr_find`, pytorch-lr-finder's
 * `range_test`): trains with a rate that grows from `minLr` to `maxLr` over `iterations`
 * steps ({@link rangeTestRamp}), records the loss and/or accuracy the step reports, and
 * returns the curve, raw and smoothed, for {@link suggestBounds} and the plots.
 *
 * At iteration `t` it calls `step(lr(t), t)` and awaits the result when it is a promise;
 * `rangeTest` itself is always async. The loss is smoothed as fastai does (bias-corrected
 * moving average, `beta = 0.98`); the test stops early, like fastai's, when the smoothed
 * loss `s` exceeds the best smoothed loss `b` so far by `s - b > (divergeThreshold - 1) * |b|`
 * (`s > 4 * b` for positive losses, and still right for negative ones), and on any NaN or
 * infinite loss or accuracy. Before the first step it calls `restore.save()`, and after the
 * last one, even when a step throws, `restore.load(snapshot)`, so the parameters and the
 * optimizer state are what they were: the hooks are required (`false` opts out). With
 * `restore: trainer`, the snapshot is `trainer.save()` and `trainer.read()` (in the train
 * view) and the restore `trainer.load(…)`, bit for bit on the CPU and on WebGPU. When a step
 * throws and the restore throws too, the test rejects with an `AggregateError` holding both.
 *
 * A schedule-free optimizer (`scheduleFreeSgd`, `scheduleFreeAdamw`) takes one rate, not
 * bounds, and needs higher rates than a scheduled one (the reference's README: 10 to 50
 * times SGD's, 1 to 10 times AdamW's): ramp `maxLr` accordingly, and read the curve with
 * `suggestRate`; the curve records `settings.scheduleFree`.
 *
 * @param step Trains one batch at the given rate and reports the loss and/or accuracy.
 * @param options The ramp (`minLr`, `maxLr`, `iterations`, `mode`), `restore`, `beta`,
 *   `divergeThreshold` and `onStep`.
 * @returns The curve: every rate, the loss and accuracy series, and why it stopped.
 * @throws {RangeError} If an option is out of range.
 * @throws {TypeError} If `restore` is missing, an option is unknown, or a step reports something else than a
 *   number, `{ loss, accuracy }` or nothing; whatever the step or the hooks throw (an
 *   `AggregateError` of both when the step and then `restore.load` throw).
 *
 * @example A loss that is best at rate 0.5 and blows up beyond it
 * ```ts
 * import assert from "node:assert/strict";
 * import { rangeTest } from "cyclical-lr/range-test";
 * let weights = [1, 2, 3];
 * const curve = await rangeTest((lr) => {
 *   weights = weights.map((w) => w * 1.01);
 *   return 1 + (lr - 0.5) ** 2 * 20 ** lr;
 * }, {
 *   minLr: 0.01, maxLr: 3, iterations: 100,
 *   restore: { save: () => [...weights], load: (w) => { weights = w; } },
 * });
 * assert.equal(curve.stop, "diverged");
 * assert.deepEqual(weights, [1, 2, 3]);
 * ```
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates, 2017, section 3.3}
 * @see {@link https://docs.fast.ai/callback.schedule.html#learner.lr_find | fastai lr_find}
 */
export function rangeTest(step: RangeTestStep, options: RangeTestTrainerOptions): Promise<RangeTestCurve>;
/**
 * The LR range test with your own restore hooks (or `restore: false`); see the trainer form above.
 *
 * @param step Trains one batch at the given rate and reports the loss and/or accuracy.
 * @param options The ramp, `restore`, `beta`, `divergeThreshold`, `scheduleFree` and `onStep`.
 * @returns The curve: every rate, the loss and accuracy series, and why it stopped.
 */
export function rangeTest<S>(step: RangeTestStep, options: RangeTestOptions<S>): Promise<RangeTestCurve>;
export async function rangeTest<S>(
  step: RangeTestStep,
  options: RangeTestOptions<S> | RangeTestTrainerOptions,
): Promise<RangeTestCurve> {
  if (typeof step !== "function") throw new TypeError(`step: expected a function, got ${describeValue(step)}`);
  const o = RANGE_TEST.read(options);
  const ramp = { minLr: o.minLr, maxLr: o.maxLr, iterations: o.iterations, mode: o.mode };
  const given: unknown = o.restore;
  const trainer = isTrainer(given) ? given : undefined;
  const restore: RestoreHooks<unknown> | false = trainer ? trainerHooks(trainer) : o.restore;
  const { scheduleFree, beta, onStep } = o;
  const threshold = o.divergeThreshold;
  const lrOf = rangeTestRamp(ramp);

  const lrs: number[] = [];
  const loss: Recorder = { iterations: [], lrs: [], raw: [] };
  const accuracy: Recorder = { iterations: [], lrs: [], raw: [] };
  let stop: RangeTestStop = "completed";
  // fastai's AvgSmoothLoss, kept as it goes: the divergence stop needs each value.
  const smoothLoss = emaStep(beta), smoothedLoss: number[] = [];
  let best = Infinity;

  let t = 0;
  const run = async (): Promise<void> => {
    for (t = 0; t < ramp.iterations; t++) {
      const lr = lrOf(t);
      lrs.push(lr);
      const returned = step(lr, t);
      const report = readReport(isThenable(returned) ? await returned : returned, t);
      if (
        (report.loss !== undefined && !Number.isFinite(report.loss)) ||
        (report.accuracy !== undefined && !Number.isFinite(report.accuracy))
      ) {
        stop = "nonFinite";
        break;
      }
      let smoothed: number | undefined;
      if (report.loss !== undefined) {
        const x = report.loss;
        smoothed = smoothLoss(x, t);
        smoothedLoss.push(smoothed);
        loss.iterations.push(t), loss.lrs.push(lr), loss.raw.push(x);
      }
      if (report.accuracy !== undefined) {
        accuracy.iterations.push(t), accuracy.lrs.push(lr), accuracy.raw.push(report.accuracy);
      }
      onStep?.({ iteration: t, lr, ...report, ...(smoothed === undefined ? {} : { smoothedLoss: smoothed }) });
      if (smoothed !== undefined) {
        if (smoothed < best) best = smoothed;
        if (smoothed - best > (threshold - 1) * Math.abs(best)) {
          stop = "diverged";
          break;
        }
      }
    }
  };
  if (restore === false) {
    await run();
  } else {
    const snapshot = await restore.save();
    let failed: { error: unknown } | undefined;
    try {
      await run();
    } catch (error) {
      failed = { error };
    }
    try {
      await restore.load(snapshot);
    } catch (loadError) {
      throw failed ? bothFailed(t, failed.error, loadError) : loadError;
    }
    if (failed) throw failed.error;
  }

  const lossSeries = series(loss, smoothedLoss);
  const accuracySeries = series(accuracy, smoothEma(accuracy.raw, { beta, iterations: accuracy.iterations }));
  return {
    lrs,
    ...(lossSeries ? { loss: lossSeries } : {}),
    ...(accuracySeries ? { accuracy: accuracySeries } : {}),
    stop,
    settings: { ...ramp, beta, divergeThreshold: threshold, scheduleFree },
  };
}
