/**
 * The three modes of the paper side by side (`npm start -- --modes`, `clr demo --modes`):
 * `cyclicLR` with the seed's defaults (baseLr 0.001, maxLr 0.006, stepSize 2000) in
 * `triangular`, `triangular2` and `exp_range` (gamma 0.99994, the paper's CIFAR-10 value),
 * at a few iterations across three cycles.
 *
 * @module
 */
import { cyclicLR } from "../mod.ts";

/** The iterations the table shows: starts, peaks and middles of the first three cycles. */
export const MODE_ITERATIONS: readonly number[] = [0, 1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000];

/**
 * The table as lines of text.
 *
 * @returns A header, a rule and one row per iteration.
 */
export function modesTable(): string[] {
  const common = { baseLr: 0.001, maxLr: 0.006, stepSize: 2000, cycleMomentum: false };
  const modes: [string, ReturnType<typeof cyclicLR>][] = [
    ["triangular", cyclicLR({ ...common, mode: "triangular" })],
    ["triangular2", cyclicLR({ ...common, mode: "triangular2" })],
    ["exp_range", cyclicLR({ ...common, mode: "exp_range", gamma: 0.99994 })],
  ];
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
