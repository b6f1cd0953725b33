/**
 * The three modes of the paper side by side (`npm start -- --modes`, `clr demo --modes`):
 * `cyclicLR` with the seed's defaults (baseLr 0.001, maxLr 0.006, stepSize 2000) in
 * `triangular`, `triangular2` and `exp_range` (gamma 0.99994, the paper's CIFAR-10 value),
 * as a table at a few iterations across three cycles, and as a terminal plot of the same
 * three cycles.
 *
 * @module
 */
import { cyclicLR, sample } from "../mod.ts";
import { terminalPlot } from "../plot.ts";

/** The paper's three modes with the seed's defaults. */
function theModes(): [string, ReturnType<typeof cyclicLR>][] {
  const common = { baseLr: 0.001, maxLr: 0.006, stepSize: 2000, cycleMomentum: false };
  return [
    ["triangular", cyclicLR({ ...common, mode: "triangular" })],
    ["triangular2", cyclicLR({ ...common, mode: "triangular2" })],
    ["exp_range", cyclicLR({ ...common, mode: "exp_range", gamma: 0.99994 })],
  ];
}

/** The iterations the table shows: starts, peaks and middles of the first three cycles. */
export const MODE_ITERATIONS: readonly number[] = [0, 1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000];

/**
 * The table as lines of text.
 *
 * @returns A header, a rule and one row per iteration.
 */
export function modesTable(): string[] {
  const modes = theModes();
  const head = ["iteration", ...modes.map(([name]) => name)];
  const rows = MODE_ITERATIONS.map((t) => [String(t), ...modes.map(([, p]) => p.lr(t)[0].toFixed(6))]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => x.padStart(widths[c])).join("  ");
  return [
    "cyclicLR, baseLr 0.001, maxLr 0.006, stepSize 2000 (exp_range: gamma 0.99994)",
    line(head),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
  ];
}

/** Iterations the plot covers: three cycles of 2 × 2000. */
export const MODE_PLOT_STEPS = 12001;

/**
 * The three modes as one terminal plot over three cycles.
 *
 * @param options `ascii` for a terminal without Unicode. @default false
 * @returns Lines of text.
 */
export function modesPlot(options: { readonly ascii?: boolean } = {}): string[] {
  const series = theModes().map(([name, p]) => ({ name, values: sample(p.lr, 0, MODE_PLOT_STEPS) }));
  return terminalPlot(series, {
    width: 72,
    height: 14,
    ascii: options.ascii ?? false,
    title: "learning rate against iteration, three cycles",
  }).split("\n");
}
