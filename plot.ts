/**
 * cyclical-lr/plot: schedules and range-test curves as SVG (for pages and reports) or as
 * text (for terminals).
 *
 * @example A one-cycle policy as SVG
 * ```ts
 * import assert from "node:assert/strict";
 * import { oneCycle } from "cyclical-lr";
 * import { plotSchedule } from "cyclical-lr/plot";
 * const svg = plotSchedule(oneCycle({ maxLr: 0.1, totalSteps: 100 }), { steps: 100 });
 * assert.ok(svg.startsWith("<svg"));
 * ```
 *
 * @module
 */
export { type Axis, formatTick, linearAxis, logAxis } from "./lib/plot/ticks.ts";
export {
  PLOT_MARKER,
  PLOT_SERIES,
  type PlotMarker,
  type PlotOptions,
  type PlotSeries,
  RENDER_PLOT,
  renderPlot,
  STACK_PLOTS,
  type StackOptions,
  stackPlots,
} from "./lib/plot/svg.ts";
export { decimate } from "./lib/plot/decimate.ts";
export { PLOT_SCHEDULE, plotSchedule, type PlotScheduleOptions } from "./lib/plot/plot_schedule.ts";
export { PLOT_RANGE_TEST, plotRangeTest, type PlotRangeTestOptions } from "./lib/plot/plot_range_test_curve.ts";
export {
  SPARKLINE,
  sparkline,
  type SparklineOptions,
  TERMINAL_PLOT,
  terminalPlot,
  type TerminalPlotOptions,
  type TerminalSeries,
} from "./lib/plot/terminal.ts";
