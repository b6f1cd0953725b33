import { atLeastOne, beta, bool, type FieldsOf, nonNegativeInt } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { fmt, readLoss, settingOf, withWarnings } from "./_loss_window.ts";
import type { CurveInput, SuggestionCurve } from "./suggest_bounds.ts";

/** Options of {@link suggestRate}, checked by {@link SUGGEST_RATE}. */
export interface SuggestRateOptions {
  /**
   * Smoothing per iteration, in [0, 1); 0 reads the raw values. When not given, the curve's
   * own (`curve.settings.beta`) if it records one, else the default.
   */
  readonly beta?: number;
  /** The rate is the rate of the lowest smoothed loss divided by this, a finite number >= 1. */
  readonly divisor?: number;
  /** Points left out at the start, a non-negative integer; without it, a tenth (as fastai). */
  readonly skipStart?: number;
  /** Points left out at the end, a non-negative integer (fastai: 5). */
  readonly skipEnd?: number;
  /**
   * Read the curve as a schedule-free optimizer's even when its settings do not say so (a
   * curve from your own code). When not given, the curve's `settings.scheduleFree` if it
   * records one, else the default.
   */
  readonly scheduleFree?: boolean;
}

/**
 * The options table of {@link suggestRate}: a third of the rate of the lowest smoothed
 * loss, read with fastai's smoothing and skips.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SUGGEST_RATE } from "cyclical-lr/range-test";
 * assert.equal(SUGGEST_RATE.read({}).divisor, 3);
 * assert.throws(() => SUGGEST_RATE.read({ divider: 3 }), {
 *   message: "divider: unknown option of suggestRate; did you mean divisor?",
 * });
 * ```
 */
export const SUGGEST_RATE: OptionsTable<FieldsOf<SuggestRateOptions, "skipStart">> = optionsTable("suggestRate", {
  beta: beta.default(0.98),
  divisor: atLeastOne.default(3),
  skipStart: nonNegativeInt.optional(),
  skipEnd: nonNegativeInt.default(5),
  scheduleFree: bool.default(false),
});

/** The result of {@link suggestRate}: one rate, or why there is none; never NaN. */
export type RateSuggestion =
  | {
    readonly ok: true;
    /** The suggested constant rate (its warm-up is yours to add). */
    readonly lr: number;
    readonly rule: "scheduleFree";
    readonly reason: string;
    readonly curve: SuggestionCurve;
    /** Present when the reading is suspect (also appended to `reason`, after "beware:"). */
    readonly warnings?: readonly string[];
  }
  | {
    readonly ok: false;
    readonly rule: "scheduleFree";
    readonly reason: string;
    readonly curve: SuggestionCurve;
  };

/**
 * Suggests the one rate of a schedule-free optimizer (`scheduleFreeSgd`,
 * `scheduleFreeAdamw`) from a range test run with that optimizer: the rate at the lowest
 * point of the smoothed loss, divided by `divisor` (3).
 *
 * Why this rule and not the bounds of {@link suggestBounds}: a schedule-free optimizer has
 * no schedule to take its rate down, and it tolerates rates close to where its loss turns
 * up (the average `x` damps what `z` does; the reference's README suggests 10 to 50 times
 * the rates of SGD). fastai's valley and steep points, read on the same curves, are 15 to
 * 20 times lower. Measured on the demo's problem (an MLP on 8,000 MNIST digits, 2 seeds,
 * exponential ramp over 300 iterations, 5 % linear warm-up, the reference's defaults), the
 * best of a grid of constant rates (1600 and 4800 iterations) was within 1.2x of this rule
 * for both optimizers: schedule-free SGD, lowest smoothed loss at 7.6 to 8.5, best rate 3
 * (95.4 % against 93.3 % at valley's 0.15 to 0.19); schedule-free AdamW, lowest at 0.096 to
 * 0.107, best rate 0.03 (95.5 % against 94.8 % near valley's 0.002). fastai's minimum (a
 * tenth) was 0.5 to 1 point below the best.
 *
 * The curve must say it comes from a schedule-free optimizer (`settings.scheduleFree`,
 * which `rangeTest` sets from `restore: trainer` or its `scheduleFree` option), or
 * `scheduleFree: true` must be given: for a scheduled optimizer the rule is not this one.
 * The loss is read as the loss rules of {@link suggestBounds} read it (fastai's smoothing,
 * the first tenth and the last 5 points skipped, a drop above three times the noise), and
 * the same warning is given when the smoothing lags far behind the ramp.
 *
 * @param curve A {@link RangeTestCurve} from a schedule-free optimizer (or any {@link CurveInput}).
 * @param options `beta`, `divisor`, `skipStart`, `skipEnd`, `scheduleFree`.
 * @returns `{ ok: true, lr, rule, reason, curve }` or `{ ok: false, rule, reason, curve }`.
 * @throws {RangeError} If an option is out of range.
 * @throws {TypeError} If `curve` is not an object, or an option is unknown.
 *
 * @example A loss lowest at rate 9 gives 3
 * ```ts
 * import assert from "node:assert/strict";
 * import { suggestRate } from "cyclical-lr/range-test";
 * const lrs = Array.from({ length: 200 }, (_, i) => 1e-3 * 1e5 ** (i / 199));
 * const raw = lrs.map((lr) => 2 - Math.tanh(lr) + (Math.log(lr / 9) > 0 ? Math.log(lr / 9) ** 2 * 10 : 0));
 * const s = suggestRate({ loss: { lrs, raw }, settings: { scheduleFree: true } }, { beta: 0 });
 * assert.ok(s.ok);
 * assert.ok(Math.abs(s.lr - 3) < 0.3);
 * ```
 * @see {@link https://github.com/facebookresearch/schedule_free | facebookresearch/schedule_free}
 */
export function suggestRate(curve: CurveInput, options: SuggestRateOptions = {}): RateSuggestion {
  if (typeof curve !== "object" || curve === null) {
    throw new TypeError(`curve: expected a range-test curve, got ${curve === null ? "null" : typeof curve}`);
  }
  const o = SUGGEST_RATE.read(options);
  const { divisor, skipEnd, skipStart } = o;
  const smoothing = settingOf(options.beta, curve, "beta", beta, o.beta);
  const scheduleFree = settingOf(options.scheduleFree, curve, "scheduleFree", bool, o.scheduleFree);
  const read = readLoss(curve, { beta: smoothing, skipEnd, ...(skipStart === undefined ? {} : { skipStart }) });
  const none = (reason: string): RateSuggestion => ({
    ok: false,
    rule: "scheduleFree",
    reason: `scheduleFree: ${reason}`,
    curve: read.curve,
  });
  if (!scheduleFree) {
    return none(
      "the curve is not marked as a schedule-free optimizer's (settings.scheduleFree): this rule was measured " +
        "for schedule-free optimizers; for a cyclical schedule use suggestBounds, or pass scheduleFree: true",
    );
  }
  if ("failed" in read) return none(read.failed);
  const { c, w, lrs, lo } = read;
  const at = lrs[lo];
  if (lo >= w.length - 1) {
    return none(
      `the smoothed loss is still falling at the end of the test (lr ${fmt(at)}): test higher rates${c.note}`,
    );
  }
  const lr = at / divisor;
  const lowest = c.lrs[0];
  if (!(lr > lowest)) {
    return none(
      `the rule's rate ${fmt(lr)} is not above the lowest tested rate ${fmt(lowest)}: start the test lower${c.note}`,
    );
  }
  return withWarnings({
    ok: true,
    lr,
    rule: "scheduleFree",
    reason: `scheduleFree: the smoothed loss is lowest at lr ${fmt(at)}; lr is a ${
      divisor === 3 ? "third" : `1/${fmt(divisor)}`
    } of it (schedule-free trains close to where its loss turns up)${c.note}`,
    curve: read.curve,
  }, read.warnings);
}
