import { partsOf } from "../schedule/policy.ts";
import type { Policy, ScalarSchedule, Schedule } from "../types.ts";
import { sample } from "../schedule/sample.ts";
import { type FieldsOf, kind, nonNegativeInt, positiveInt } from "../options/_kinds.ts";
import { listKind, type OptionsTable, optionsTable } from "../options/table.ts";
import { decimate } from "./decimate.ts";
import { pixels, type PlotOptions, type PlotSeries, stackPlots } from "./svg.ts";

/** Options of {@link plotSchedule}, checked by {@link PLOT_SCHEDULE}. */
export interface PlotScheduleOptions {
  /**
   * How many iterations to draw, a positive integer. Required: a schedule is defined at every
   * iteration up to 2^53 - 1, and no window fits all of them (a 2000-iteration half cycle drawn
   * over 1000 iterations is a ramp, a 10^5-iteration decay drawn over 1000 is flat).
   */
  readonly steps: number;
  /** The first iteration, a non-negative integer. */
  readonly start?: number;
  /** The title. */
  readonly title?: string;
  /** Names of the parameter groups in the legend; groups past the list are "group 0", "group 1", ... */
  readonly groups?: readonly string[];
  /** Width in pixels, in [100, 100000]. */
  readonly width?: number;
  /** Height of each plot in pixels (the rate, then the momentum when there is one), in [100, 100000]. */
  readonly height?: number;
}

/**
 * The options table of {@link plotSchedule}: from iteration 0, 640 pixels wide, 300 high per plot.
 *
 * @example `steps` has no default
 * ```ts
 * import assert from "node:assert/strict";
 * import { PLOT_SCHEDULE } from "cyclical-lr/plot";
 * assert.equal(PLOT_SCHEDULE.read({ steps: 100 }).title, "Learning-rate schedule");
 * assert.throws(() => PLOT_SCHEDULE.read(undefined), { message: "steps: expected a positive integer, got undefined" });
 * ```
 */
export const PLOT_SCHEDULE: OptionsTable<FieldsOf<PlotScheduleOptions, "groups">> = optionsTable("plotSchedule", {
  steps: positiveInt.required(),
  start: nonNegativeInt.default(0),
  title: kind("a string", (v): v is string => typeof v === "string").default("Learning-rate schedule"),
  groups: listKind("an array of names", kind("a string", (v): v is string => typeof v === "string")).optional(),
  width: pixels.default(640),
  height: pixels.default(300),
});

function seriesOf(
  schedule: Schedule | ScalarSchedule,
  start: number,
  steps: number,
  names?: readonly string[],
): PlotSeries[] {
  const values = sample(schedule, start, steps);
  const groups = values.length / steps; // sample() gives steps * groups values
  const x = Array.from({ length: steps }, (_, i) => start + i);
  const out: PlotSeries[] = [];
  for (let g = 0; g < groups; g++) {
    const y = Array.from({ length: steps }, (_, i) => values[i * groups + g]);
    const thin = decimate(x, y);
    out.push({ name: names?.[g] ?? (groups === 1 ? "" : `group ${g}`), x: thin.x, y: thin.y });
  }
  return out;
}

/**
 * Draws a schedule or a policy as an SVG: the learning rate of every parameter group
 * against the iteration, and below it the momentum when the policy has one. Long ranges are
 * thinned with {@link decimate}, keeping every peak and trough.
 *
 * @param schedule A {@link Policy} (what a config builds), a schedule or a scalar schedule.
 * @param options `steps` (required: how many iterations), `start`, `title`, group names and size ({@link PLOT_SCHEDULE}).
 * @returns An SVG document.
 * @throws {RangeError} If `steps` or `start` is not a valid count or iteration, or a size is out of range.
 * @throws {TypeError} If `steps` is missing, or an option is unknown or of the wrong type.
 *
 * @example Two cycles of the paper's triangular policy
 * ```ts
 * import assert from "node:assert/strict";
 * import { cyclicLR } from "cyclical-lr";
 * import { plotSchedule } from "cyclical-lr/plot";
 * const svg = plotSchedule(cyclicLR({ baseLr: 0.001, maxLr: 0.006, stepSize: 2000 }), { steps: 8000 });
 * assert.ok(svg.includes("Momentum") && svg.includes("0.006"));
 * ```
 */
export function plotSchedule(schedule: Policy | Schedule | ScalarSchedule, options: PlotScheduleOptions): string {
  const o = PLOT_SCHEDULE.read(options);
  const { steps, start } = o;
  const { lr, momentum } = partsOf<Schedule | ScalarSchedule>(schedule);
  const plots: PlotOptions[] = [{
    title: o.title,
    xLabel: "iteration",
    yLabel: "learning rate",
    series: seriesOf(lr, start, steps, o.groups),
  }];
  if (momentum) {
    plots.push({
      title: "Momentum",
      xLabel: "iteration",
      yLabel: "momentum",
      series: seriesOf(momentum, start, steps, o.groups),
    });
  }
  return stackPlots(plots, { width: o.width, height: o.height });
}
