import { beta, type FieldsOf, kind, nonNegativeInt, oneOf } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { invalid } from "../options/_errors.ts";
import { smoothCentered } from "./smoothing.ts";
import { log } from "../_math/mod.ts";
import {
  clean,
  fmt,
  MIN_POINTS,
  noiseScale,
  readLoss,
  ROUNDING,
  settingOf,
  type Settings,
  withWarnings,
} from "./_loss_window.ts";
import { suggestRate } from "./suggest_rate.ts";

/** A metric of a range test as {@link suggestBounds} reads it (a {@link RangeTestSeries} fits). */
export interface SeriesInput {
  /** The rate of each point, positive and strictly increasing. */
  readonly lrs: readonly number[];
  /** The measured values. */
  readonly raw: readonly number[];
  /** The iteration of each point, when the points are not one per iteration. */
  readonly iterations?: readonly number[];
}

/** What {@link suggestBounds} reads: a {@link RangeTestCurve}, or any object of this shape. */
export interface CurveInput {
  /** The loss series, if the test recorded one. */
  readonly loss?: SeriesInput;
  /** The accuracy series, if the test recorded one. */
  readonly accuracy?: SeriesInput;
  /**
   * The test's smoothing, used unless `beta` is given, and whether it trained a
   * schedule-free optimizer (whose curve gives one rate: `suggestRate`, not bounds).
   */
  readonly settings?: { readonly beta?: number; readonly scheduleFree?: boolean };
}

/** The rules {@link suggestBounds} knows. */
export type BoundsRule = "accuracy" | "valley" | "steep" | "minimum";

/** Options of {@link suggestBounds}, checked by {@link SUGGEST_BOUNDS}. */
export interface SuggestBoundsOptions {
  /** Which rule; `"auto"` is accuracy when the curve has it, else valley. */
  readonly rule?: BoundsRule | "auto";
  /**
   * Loss rules: smoothing per iteration, in [0, 1); 0 reads the raw values. When not given,
   * the curve's own (`curve.settings.beta`) if it records one, else the default.
   */
  readonly beta?: number;
  /**
   * Accuracy rule: smoothing per iteration, in [0, 1). Lighter than the loss's: an accuracy
   * measured on a test set every 20 iterations is far less noisy than a batch loss, and
   * smoothing widens the rise (at 0.98 it moves both bounds out by over a report).
   */
  readonly accuracyBeta?: number;
  /** Accuracy rule: the share of the rise where `baseLr` is read, in (0, 1). */
  readonly riseFrom?: number;
  /**
   * Accuracy rule: the share of the rise where `maxLr` is read, in (riseFrom, 1]: the first
   * rate where the smoothed accuracy is within `(1 - riseTo) * rise` of its peak.
   */
  readonly riseTo?: number;
  /**
   * The momentum (SGD's, or Adam's `beta1`) the range test trained with, if known, in
   * [0, 1). With `rule: "auto"`, a momentum below 0.5 picks valley over the accuracy rule.
   */
  readonly momentum?: number;
  /** Loss rules: `maxLr / baseLr`, a finite number > 1 (the paper: 3 to 4). */
  readonly ratio?: number;
  /** Loss rules: points left out at the start, a non-negative integer; without it, a tenth (as fastai). */
  readonly skipStart?: number;
  /** Loss rules: points left out at the end, a non-negative integer (fastai: 5). */
  readonly skipEnd?: number;
}

const riseToKind = kind("a number in (riseFrom, 1]", (v): v is number => typeof v === "number");

/**
 * The options table of {@link suggestBounds}: fastai's smoothing and skips, the paper's
 * ratio of 4, the accuracy rule's 10 % and 99 % of the rise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SUGGEST_BOUNDS } from "cyclical-lr/range-test";
 * const v = SUGGEST_BOUNDS.read({});
 * assert.deepEqual([v.rule, v.ratio, v.riseFrom, v.riseTo, v.skipEnd], ["auto", 4, 0.1, 0.99, 5]);
 * assert.throws(() => SUGGEST_BOUNDS.read({ skip_end: 5 }), {
 *   message: "skip_end: unknown option of suggestBounds; did you mean skipEnd?",
 * });
 * ```
 */
export const SUGGEST_BOUNDS: OptionsTable<FieldsOf<SuggestBoundsOptions, "momentum" | "skipStart">> = optionsTable(
  "suggestBounds",
  {
    rule: oneOf(["auto", "accuracy", "valley", "steep", "minimum"]).default("auto"),
    beta: beta.default(0.98),
    accuracyBeta: beta.default(0.9),
    riseFrom: kind("a number in (0, 1)", (v): v is number => typeof v === "number" && v > 0 && v < 1).default(0.1),
    riseTo: riseToKind.default(0.99),
    momentum: beta.optional(),
    ratio: kind("a finite number > 1", (v): v is number => typeof v === "number" && Number.isFinite(v) && v > 1)
      .default(4),
    skipStart: nonNegativeInt.optional(),
    skipEnd: nonNegativeInt.default(5),
  },
  {
    rules: [
      ({ riseFrom, riseTo }) => {
        if (riseTo === undefined || (riseTo <= 1 && (riseFrom === undefined || riseTo > riseFrom))) return undefined;
        const phrase = riseFrom === undefined ? riseToKind.phrase : `${riseToKind.phrase} = (${riseFrom}, 1]`;
        return invalid(["riseTo"], phrase, riseTo);
      },
    ],
  },
);

/** The metric a rule read, whole: rates, raw values and the smoothed values the rule used. */
export interface SuggestionCurve {
  /** Which metric the rule read. */
  readonly metric: "loss" | "accuracy";
  /** The rate of each point. */
  readonly lrs: readonly number[];
  /** The metric as recorded. */
  readonly raw: readonly number[];
  /** The smoothed metric the rule used. */
  readonly smoothed: readonly number[];
}

/** The result of {@link suggestBounds}: bounds, or why there are none; never NaN. */
export type BoundsSuggestion =
  | {
    readonly ok: true;
    readonly baseLr: number;
    readonly maxLr: number;
    readonly rule: BoundsRule;
    readonly reason: string;
    readonly curve: SuggestionCurve;
    /** Present when the reading is suspect (also appended to `reason`, after "beware:"). */
    readonly warnings?: readonly string[];
  }
  | {
    readonly ok: false;
    readonly rule: BoundsRule;
    readonly reason: string;
    readonly curve: SuggestionCurve;
  };

function none(rule: BoundsRule, reason: string, curve: SuggestionCurve): BoundsSuggestion {
  return { ok: false, rule, reason: `${rule}: ${reason}`, curve };
}

function accuracyRule(input: CurveInput, s: Settings): BoundsSuggestion {
  const c = clean(input.accuracy);
  const n = c.raw.length;
  const smoothed = n === 0 ? [] : smoothCentered(c.raw, { beta: s.accuracyBeta, iterations: c.iterations });
  const curve: SuggestionCurve = { metric: "accuracy", lrs: c.lrs, raw: c.raw, smoothed };
  if (input.accuracy === undefined) return none("accuracy", "the curve has no accuracy", curve);
  if (n < MIN_POINTS) return none("accuracy", `too short: ${n} usable points, need ${MIN_POINTS}${c.note}`, curve);
  let p = 0;
  for (let i = 1; i < n; i++) if (smoothed[i] > smoothed[p]) p = i;
  if (p === 0) return none("accuracy", `accuracy never rises: it is highest at the lowest rate${c.note}`, curve);
  let q = 0;
  for (let i = 1; i <= p; i++) if (smoothed[i] < smoothed[q]) q = i;
  const d = smoothed.map((v) => v - smoothed[q]);
  // The accuracy is smoothed in both directions, so every point averages about as many raw
  // points as the middle ones: the noise of a difference of two is sqrt(2 (1 - b) / (1 + b))
  // of the raw noise. Against the raw noise alone, a real but gradual rise looks flat.
  // (Capped at 1: smoothing only ever lowers the bar below three times the raw noise.)
  const b0 = s.accuracyBeta;
  const rise = d[p], noise = noiseScale(c.raw) * Math.min(1, Math.sqrt((2 * (1 - b0)) / (1 + b0)));
  if (!(rise > ROUNDING * Math.max(Math.abs(smoothed[p]), Math.abs(smoothed[q])) && rise >= 3 * noise)) {
    return none(
      "accuracy",
      `accuracy is flat: it rises by ${fmt(rise)}, within three times the noise of its smoothed values (${
        fmt(noise)
      })${c.note}`,
      curve,
    );
  }
  let b = q + 1;
  while (b < p && d[b] < s.riseFrom * rise) b++;
  const tolerance = (1 - s.riseTo) * rise;
  let m = b;
  while (m < p && rise - d[m] > tolerance) m++;
  // A jump straight to the plateau: the rise happened between the point before and this one.
  const [baseAt, maxAt] = m === b ? [b - 1, b] : [b, m];
  const baseLr = c.lrs[baseAt], maxLr = c.lrs[maxAt];
  const still = p === n - 1 ? "; accuracy is still rising at the end of the test: test higher rates" : "";
  const jump = m === b ? "; it jumps to its plateau at one point, so baseLr is the point before" : "";
  return {
    ok: true,
    baseLr,
    maxLr,
    rule: "accuracy",
    reason:
      `accuracy: the smoothed accuracy rises from ${fmt(smoothed[q])} at lr ${fmt(c.lrs[q])} to ${
        fmt(smoothed[p])
      } at lr ${fmt(c.lrs[p])}; baseLr is the first tested rate where it has risen ${fmt(100 * s.riseFrom)} % ` +
      `of the way (it starts to rise quickly), maxLr the first where it has risen ${fmt(100 * s.riseTo)} % ` +
      `(it stops rising)${jump}${still}${c.note}`,
    curve,
  };
}

function lossRule(rule: "valley" | "steep" | "minimum", input: CurveInput, s: Settings): BoundsSuggestion {
  const read = readLoss(input, s);
  if ("failed" in read) return none(rule, read.failed, read.curve);
  const { c, curve, w, lrs, lo } = read;
  let point: number, how: string;
  if (rule === "valley") {
    const v = valleyIndex(w);
    point = lrs[v.index];
    how = `the longest valley of the smoothed loss ends at lr ${fmt(lrs[v.end])}; maxLr is fastai's valley point in it`;
  } else if (rule === "steep") {
    let best = 0, bestGrad = Infinity;
    for (let i = 0; i + 1 < w.length; i++) {
      const dx = log(lrs[i + 1]) - log(lrs[i]);
      if (!(dx > 0)) continue;
      const g = (w[i + 1] - w[i]) / dx;
      if (g < bestGrad) bestGrad = g, best = i;
    }
    if (!(bestGrad < 0)) return none(rule, `the smoothed loss never decreases${c.note}`, curve);
    point = lrs[best];
    how = "maxLr is where the smoothed loss falls fastest against log lr (fastai's steep)";
  } else {
    point = lrs[lo] / 10;
    how = `the smoothed loss is lowest at lr ${fmt(lrs[lo])}; maxLr is a tenth of it (fastai's minimum)`;
  }
  const lowest = c.lrs[0];
  if (!(point > lowest)) {
    return none(
      rule,
      `the rule's rate ${fmt(point)} is not above the lowest tested rate ${fmt(lowest)}: start the test lower${c.note}`,
      curve,
    );
  }
  const divided = point / s.ratio;
  const baseLr = divided > lowest ? divided : lowest;
  const clamp = divided > lowest ? "" : " (raised to the lowest tested rate)";
  return withWarnings({
    ok: true,
    baseLr,
    maxLr: point,
    rule,
    reason: `${rule}: ${how}; baseLr = maxLr / ${fmt(s.ratio)} (the paper's rule of thumb)${clamp}${c.note}`,
    curve,
  }, read.warnings);
}

/** fastai's `valley`, transcribed: the longest decreasing subsequence, and a point near its middle. */
function valleyIndex(losses: readonly number[]): { index: number; end: number } {
  const n = losses.length;
  let maxStart = 0, maxEnd = 0;
  const lds = new Array<number>(n).fill(1);
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i] < losses[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
      if (lds[maxEnd] < lds[i]) {
        maxEnd = i;
        maxStart = maxEnd - lds[maxEnd];
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  const index = maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
  return { index: Math.min(n - 1, Math.max(0, index)), end: maxEnd };
}

/**
 * Suggests `baseLr` and `maxLr` for a cyclical schedule from a range-test curve, says which
 * rule gave them and why, and returns the whole curve the rule read (raw and smoothed),
 * since a single number deserves a look at the plot.
 *
 * Rules (`d` is the smoothed metric):
 * - `"accuracy"`, the paper's reading (Smith 2017, section 3.3): accuracy is smoothed
 *   lightly and without lag ({@link smoothCentered}, `accuracyBeta`); from its lowest point
 *   `q` before its peak `p`, the rise is `d[p] - d[q]`. `baseLr` is the first tested rate
 *   where `d - d[q] >= riseFrom * rise` ("starts to rise quickly"), `maxLr` the first after
 *   it where `d - d[q] >= riseTo * rise` ("stops rising": within 1 % of the peak by
 *   default; a noisy accuracy needs a larger `accuracyBeta`, or its peak is noise). Rates are
 *   read at measured points, not interpolated: in a range test an accuracy is the result
 *   of all the training up to its rate, so a jump between two reports (typical with
 *   momentum, where the first report already has most of the rise) is credited to the
 *   rate that measured it. If one point does both, `baseLr` is the point before it.
 * - `"valley"`, the default of fastai's `lr_find`: the longest decreasing subsequence of the
 *   smoothed loss, and the point `start + int(len / 3) + int(len / 6)` of it, as fastai
 *   computes it (about halfway along, though it is often described as two thirds).
 * - `"steep"`, fastai's and pytorch-lr-finder's steepest descent: the rate `lrs[i]` that
 *   minimises `(d[i+1] - d[i]) / (log lrs[i+1] - log lrs[i])`.
 * - `"minimum"`, fastai's `minimum`: a tenth of the rate of the lowest smoothed loss.
 *
 * A loss rule gives one rate, used as `maxLr`, and `baseLr = maxLr / ratio` (the paper's
 * "set base_lr to 1/3 or 1/4 of max_lr"; raised to the lowest tested rate if below it).
 * Loss rules read fastai's causal smoothed loss and, like `lr_find`, skip the first tenth
 * of the points and the last 5.
 *
 * The default, `"auto"`, uses the accuracy rule when the curve has accuracy and it
 * succeeds, else valley; and valley when `momentum` is given and below 0.5. In a study of
 * exactly the demo's setup (an MLP on MNIST, linear ramp), the paper's accuracy rule
 * picked bounds that beat the best fixed rate with SGD momentum 0.9, while without
 * momentum only fastai's valley gave good bounds; the paper's rule needs an accuracy,
 * valley only the loss that every test records.
 *
 * Never NaN and never a throw on odd curves: a curve is cut at its first non-finite value
 * or non-increasing rate (fastai also cuts at the first NaN); a curve that is too short,
 * flat (the rise or drop of the smoothed metric below three times the noise left in the
 * smoothed values, estimated from the raw values' median absolute second difference), monotone the wrong
 * way or out of the tested range gives `ok: false` with the reason. When `ok`, `baseLr < maxLr`, both inside the
 * tested rates, and the result is unchanged when the metric is scaled by a positive
 * constant (or, for loss, shifted).
 *
 * @param curve A {@link RangeTestCurve} (or `{ loss?, accuracy? }` series of `lrs` and `raw`).
 * @param options `rule`, `momentum`, `beta`, `accuracyBeta`, `riseFrom`, `riseTo`, `ratio`,
 *   `skipStart`, `skipEnd`.
 * @returns `{ ok: true, baseLr, maxLr, rule, reason, curve }` or `{ ok: false, rule, reason, curve }`.
 * @throws {RangeError} If an option is out of range.
 * @throws {TypeError} If `rule` or an option is unknown, or `curve` is not an object.
 *
 * @example A logistic rise of accuracy centred on rate 0.4: from its 10 % to its 99 % point
 * ```ts
 * import assert from "node:assert/strict";
 * import { suggestBounds } from "cyclical-lr/range-test";
 * const lrs = Array.from({ length: 100 }, (_, i) => 0.01 * (i + 1));
 * const raw = lrs.map((lr) => 0.1 + 0.8 / (1 + Math.exp(-(lr - 0.4) / 0.05)));
 * const s = suggestBounds({ accuracy: { lrs, raw } }, { accuracyBeta: 0 });
 * assert.ok(s.ok);
 * assert.equal(s.rule, "accuracy");
 * assert.ok(Math.abs(s.baseLr - (0.4 - 0.05 * Math.log(9))) <= 0.01);
 * assert.ok(Math.abs(s.maxLr - (0.4 + 0.05 * Math.log(99))) <= 0.01);
 * ```
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates, 2017, section 3.3}
 * @see {@link https://docs.fast.ai/callback.schedule.html#suggestion-methods | fastai suggestion methods}
 */
export function suggestBounds(curve: CurveInput, options: SuggestBoundsOptions = {}): BoundsSuggestion {
  if (typeof curve !== "object" || curve === null) {
    throw new TypeError(`curve: expected a range-test curve, got ${curve === null ? "null" : typeof curve}`);
  }
  const o = SUGGEST_BOUNDS.read(options);
  const rule = o.rule;
  const s: Settings = {
    beta: settingOf(options.beta, curve, "beta", beta, o.beta),
    accuracyBeta: o.accuracyBeta,
    riseFrom: o.riseFrom,
    riseTo: o.riseTo,
    ratio: o.ratio,
    skipEnd: o.skipEnd,
    ...(o.skipStart === undefined ? {} : { skipStart: o.skipStart }),
  };
  if (curve.settings?.scheduleFree === true) {
    const named = rule === "auto" ? (curve.accuracy === undefined ? "valley" : "accuracy") : rule;
    const rate = suggestRate(curve, {
      beta: s.beta,
      skipEnd: s.skipEnd,
      ...(s.skipStart === undefined ? {} : { skipStart: s.skipStart }),
    });
    return none(
      named,
      `the curve is from a schedule-free optimizer (settings.scheduleFree), which takes one rate and no bounds, ` +
        `and trains at higher rates than a scheduled one: read it with suggestRate(curve) (${
          rate.ok ? `it gives lr ${fmt(rate.lr)}` : `which says: ${rate.reason}`
        })`,
      { metric: "loss", lrs: rate.curve.lrs, raw: rate.curve.raw, smoothed: rate.curve.smoothed },
    );
  }
  if (rule === "accuracy") return accuracyRule(curve, s);
  if (rule !== "auto") return lossRule(rule, curve, s);
  if (curve.accuracy === undefined) return lossRule("valley", curve, s);
  if (o.momentum !== undefined && o.momentum < 0.5 && curve.loss !== undefined) {
    const byValley = lossRule("valley", curve, s);
    return {
      ...byValley,
      reason: `${byValley.reason} (valley, not accuracy: the test ran with momentum ${o.momentum})`,
    };
  }
  const byAccuracy = accuracyRule(curve, s);
  if (byAccuracy.ok || curve.loss === undefined) return byAccuracy;
  const byValley = lossRule("valley", curve, s);
  return { ...byValley, reason: `${byValley.reason} (used because ${byAccuracy.reason})` };
}
