import { partsOf } from "../schedule/policy.ts";
import type { Policy, ScalarSchedule, Schedule } from "../types.ts";
import { sample } from "../schedule/sample.ts";
import { nonNegativeInt, positiveInt } from "../_check.ts";
import { decimate } from "./decimate.ts";
import { type PlotOptions, type PlotSeries, stackPlots } from "./svg.ts";

/** Options of {@link plotSchedule}. */
export interface PlotScheduleOptions {
  /** How many iterations to draw, a positive integer. */
  readonly steps: number;
  /** The first iteration. @default 0 */
  readonly start?: number;
  /** The title. @default "Learning-rate schedule" */
  readonly title?: string;
  /** Names of the parameter groups in the legend. @default "group 0", "group 1", ... */
  readonly groups?: readonly string[];
  /** Width in pixels. @default 640 */
  readonly width?: number;
  /** Height of each plot in pixels (the rate, then the momentum when there is one). @default 300 */
  readonly height?: number;
}

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
 * @param options `steps`, `start`, `title`, group names and size.
 * @returns An SVG document.
 * @throws {RangeError} If `steps` or `start` is not a valid count or iteration.
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
  const steps = positiveInt("steps", options.steps);
  const start = nonNegativeInt("start", options.start ?? 0);
  const { lr, momentum } = partsOf<Schedule | ScalarSchedule>(schedule);
  const plots: PlotOptions[] = [{
    title: options.title ?? "Learning-rate schedule",
    xLabel: "iteration",
    yLabel: "learning rate",
    series: seriesOf(lr, start, steps, options.groups),
  }];
  if (momentum) {
    plots.push({
      title: "Momentum",
      xLabel: "iteration",
      yLabel: "momentum",
      series: seriesOf(momentum, start, steps, options.groups),
    });
  }
  return stackPlots(plots, { width: options.width ?? 640, height: options.height ?? 300 });
}
