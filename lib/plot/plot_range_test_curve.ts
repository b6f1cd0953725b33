import type { RangeTestCurve } from "../range_test/range_test_runner.ts";
import type { BoundsSuggestion } from "../range_test/suggest_bounds.ts";
import { pixels, type PlotMarker, type PlotOptions, stackPlots } from "./svg.ts";
import { formatTick } from "./ticks.ts";
import { type FieldsOf, kind, oneOf } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";

/** Options of {@link plotRangeTest}, checked by {@link PLOT_RANGE_TEST}. */
export interface PlotRangeTestOptions {
  /** The title; without it, "LR range test" and the suggestion's rule. */
  readonly title?: string;
  /** The rate axis; without it, `"log"` for an exponential ramp, else `"linear"`. */
  readonly xScale?: "linear" | "log";
  /** Width in pixels, in [100, 100000]. */
  readonly width?: number;
  /** Height of each plot (loss, then accuracy), in [100, 100000]. */
  readonly height?: number;
  /** Where the legends go: inside the top right corner, or outside to the right (see {@link PlotOptions}). */
  readonly legendPosition?: "inside" | "right";
}

/**
 * The options table of {@link plotRangeTest}: 640 pixels wide, 300 high per plot, legends inside.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PLOT_RANGE_TEST } from "cyclical-lr/plot";
 * assert.equal(PLOT_RANGE_TEST.read({}).legendPosition, "inside");
 * assert.throws(() => PLOT_RANGE_TEST.read({ xscale: "log" }), {
 *   message: "xscale: unknown option of plotRangeTest; did you mean xScale?",
 * });
 * ```
 */
export const PLOT_RANGE_TEST: OptionsTable<FieldsOf<PlotRangeTestOptions, "title" | "xScale">> = optionsTable(
  "plotRangeTest",
  {
    title: kind("a string", (v): v is string => typeof v === "string").optional(),
    xScale: oneOf(["linear", "log"]).optional(),
    width: pixels.default(640),
    height: pixels.default(300),
    legendPosition: oneOf(["inside", "right"]).default("inside"),
  },
);

/**
 * The loss range worth showing: from the lowest value to the highest smoothed value before
 * the smoothed minimum, plus a quarter, so that the blow-up at the end does not flatten the
 * part that matters (fastai drops the last points for the same reason).
 */
function lossDomain(raw: readonly number[], smoothed: readonly number[]): { yDomain?: readonly [number, number] } {
  let lowest = 0;
  for (let i = 1; i < smoothed.length; i++) if (smoothed[i] < smoothed[lowest]) lowest = i;
  let top = -Infinity, bottom = Infinity;
  for (let i = 0; i <= lowest && i < smoothed.length; i++) top = Math.max(top, smoothed[i], raw[i]);
  for (const v of [...raw, ...smoothed]) bottom = Math.min(bottom, v);
  const high = top + (top - bottom) / 4;
  return Number.isFinite(bottom) && Number.isFinite(high) && bottom < high ? { yDomain: [bottom, high] } : {};
}

/**
 * Draws a range test as an SVG: the loss (raw, faint, and smoothed) and the accuracy (the
 * measured points and the smoothed line) against the learning rate, one plot each, with the
 * suggested `baseLr` and `maxLr` marked by vertical lines and the rule in the title. When
 * the suggestion read a metric, its smoothed line is the one the rule used. The loss axis
 * stops a quarter above the highest loss before the smoothed minimum; the blow-up beyond is
 * clipped. Both panels share the rate axis (through {@link stackPlots}).
 *
 * @param curve What {@link rangeTest} returned.
 * @param suggestion What {@link suggestBounds} returned, to mark the bounds.
 * @param options Title, rate axis scale, size and legend position ({@link PLOT_RANGE_TEST}).
 * @returns An SVG document.
 * @throws {RangeError} If a size is out of range.
 * @throws {TypeError} If an option is unknown or of the wrong type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { plotRangeTest } from "cyclical-lr/plot";
 * import { rangeTest, suggestBounds } from "cyclical-lr/range-test";
 * const curve = await rangeTest((lr) => ({ accuracy: 0.1 + 0.8 / (1 + Math.exp(-(lr - 0.4) / 0.05)) }), {
 *   minLr: 0.01, maxLr: 1, iterations: 100, restore: false,
 * });
 * const svg = plotRangeTest(curve, suggestBounds(curve));
 * assert.ok(svg.includes("baseLr") && svg.includes("maxLr"));
 * ```
 */
export function plotRangeTest(
  curve: RangeTestCurve,
  suggestion?: BoundsSuggestion,
  options: PlotRangeTestOptions = {},
): string {
  const o = PLOT_RANGE_TEST.read(options);
  const xScale = o.xScale ?? (curve.settings?.mode === "exponential" ? "log" : "linear");
  const markers: PlotMarker[] = suggestion?.ok
    ? [
      {
        x: suggestion.baseLr,
        label: `baseLr ${formatTick(Number(suggestion.baseLr.toPrecision(3)))}`,
        color: "#2ca02c",
      },
      { x: suggestion.maxLr, label: `maxLr ${formatTick(Number(suggestion.maxLr.toPrecision(3)))}`, color: "#d62728" },
    ]
    : [];
  const verdict = suggestion === undefined
    ? ""
    : suggestion.ok
    ? ` (${suggestion.rule} rule)`
    : ` (no suggestion: ${suggestion.rule})`;
  const title = o.title ?? `LR range test${verdict}`;
  const plots: PlotOptions[] = [];
  const smoothedFor = (metric: "loss" | "accuracy", fallback: readonly number[]) =>
    suggestion?.curve.metric === metric && suggestion.curve.smoothed.length === fallback.length
      ? suggestion.curve.smoothed
      : fallback;
  if (curve.loss) {
    const smoothed = smoothedFor("loss", curve.loss.smoothed);
    plots.push({
      ...lossDomain(curve.loss.raw, smoothed),
      xLabel: "learning rate",
      yLabel: "loss",
      xScale,
      markers,
      series: [
        { name: "loss", x: curve.loss.lrs, y: curve.loss.raw, color: "#1f77b4", opacity: 0.3 },
        { name: "smoothed loss", x: curve.loss.lrs, y: smoothed, color: "#1f77b4" },
      ],
    });
  }
  if (curve.accuracy) {
    plots.push({
      xLabel: "learning rate",
      yLabel: "accuracy",
      xScale,
      markers,
      series: [
        { name: "accuracy", x: curve.accuracy.lrs, y: curve.accuracy.raw, color: "#ff7f0e", style: "points" },
        {
          name: "smoothed accuracy",
          x: curve.accuracy.lrs,
          y: smoothedFor("accuracy", curve.accuracy.smoothed),
          color: "#ff7f0e",
        },
      ],
    });
  }
  if (plots.length === 0) plots.push({ xLabel: "learning rate", xScale, markers, series: [] });
  plots[0] = { ...plots[0], title };
  plots.forEach((p, i) => plots[i] = { ...p, legendPosition: o.legendPosition });
  return stackPlots(plots, { width: o.width, height: o.height });
}
