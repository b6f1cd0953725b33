/**
 * Plots for a terminal: a line plot drawn with characters, and a one-line sparkline. No
 * dependencies and no terminal APIs: both return strings (lines joined by `"\n"`).
 *
 * @module
 */
import { bool, type FieldsOf, finiteNumber, kind, nonNegativeInt } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";

/** One line of a {@link terminalPlot}. */
export interface TerminalSeries {
  /** The legend's name for it. */
  readonly name: string;
  /** The values at x = 0, 1, 2, …; non-finite values are left out of the plot. */
  readonly values: ArrayLike<number>;
}

/** Options of {@link terminalPlot}, checked by {@link TERMINAL_PLOT}. */
export interface TerminalPlotOptions {
  /** Columns of the plotting area (the y labels come on top of it), an integer >= 2. */
  readonly width?: number;
  /** Rows of the plotting area, an integer >= 2. */
  readonly height?: number;
  /** Draw with ASCII only (`*+o#`, `|`, `-`) instead of Unicode. */
  readonly ascii?: boolean;
  /** The bottom of the y axis, a finite number; without it, the smallest finite value. */
  readonly min?: number;
  /** The top of the y axis, a finite number; without it, the largest finite value. */
  readonly max?: number;
  /** The x value of the first sample, for the x axis labels, a finite number. */
  readonly xStart?: number;
  /** A title line above the plot. */
  readonly title?: string;
}

const atLeastTwo = kind(
  "an integer >= 2",
  (v): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 2,
);

/**
 * The options table of {@link terminalPlot}: 60 columns by 12 rows, in Unicode, from x = 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TERMINAL_PLOT } from "cyclical-lr/plot";
 * const v = TERMINAL_PLOT.read({});
 * assert.deepEqual([v.width, v.height, v.ascii, v.xStart], [60, 12, false, 0]);
 * ```
 */
export const TERMINAL_PLOT: OptionsTable<FieldsOf<TerminalPlotOptions, "min" | "max" | "title">> = optionsTable(
  "terminalPlot",
  {
    width: atLeastTwo.default(60),
    height: atLeastTwo.default(12),
    ascii: bool.default(false),
    min: finiteNumber.optional(),
    max: finiteNumber.optional(),
    xStart: finiteNumber.default(0),
    title: kind("a string", (v): v is string => typeof v === "string").optional(),
  },
);

/** Options of {@link sparkline}, checked by {@link SPARKLINE}. */
export interface SparklineOptions {
  /** Characters, a non-negative integer; without it, one per value, at most 80. */
  readonly width?: number;
  /** The value of the lowest bar, a finite number; without it, the smallest finite value. */
  readonly min?: number;
  /** The value of the highest bar, a finite number; without it, the largest finite value. */
  readonly max?: number;
}

/**
 * The options table of {@link sparkline}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SPARKLINE } from "cyclical-lr/plot";
 * assert.throws(() => SPARKLINE.read({ columns: 10 }), { message: "columns: unknown option of sparkline" });
 * ```
 */
export const SPARKLINE: OptionsTable<FieldsOf<SparklineOptions, "width" | "min" | "max">> = optionsTable("sparkline", {
  width: nonNegativeInt.optional(),
  min: finiteNumber.optional(),
  max: finiteNumber.optional(),
});

const MARKS_UNICODE = ["●", "◆", "▲", "■", "○", "◇"];
const MARKS_ASCII = ["*", "+", "o", "#", "x", "@"];
const BARS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/** The finite range of some series, widened when it is a single value. */
function rangeOf(series: readonly ArrayLike<number>[], min?: number, max?: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of series) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  lo = min ?? (lo === Infinity ? 0 : lo);
  hi = max ?? (hi === -Infinity ? 1 : hi);
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/** A number in at most `digits` significant digits, without binary noise. */
function label(v: number, digits = 3): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e6 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 1);
}

/**
 * A line plot of one or more series in characters: a y axis with the top, middle and
 * bottom values, one mark per column for each series (the series are resampled to the
 * width: column `c` shows sample `round(c * (n - 1) / (width - 1))`), vertical strokes
 * joining consecutive columns, an x axis with the first and last x, and a legend.
 *
 * @param series The series to draw, all on the same axes (the longest sets the x range).
 * @param options Size, characters and axis range ({@link TERMINAL_PLOT}).
 * @returns The plot, lines joined by `"\n"`, every line the same width.
 * @throws {RangeError} If `width` or `height` is not an integer >= 2, or a bound is not finite.
 * @throws {TypeError} If an option is unknown or of the wrong type.
 *
 * @example Two cycles of a triangular rate
 * ```ts
 * import assert from "node:assert/strict";
 * import { sample, triangular } from "cyclical-lr";
 * import { terminalPlot } from "cyclical-lr/plot";
 * const lr = sample(triangular({ baseLr: 0.001, maxLr: 0.006, stepSizeUp: 10 }), 0, 41);
 * const plot = terminalPlot([{ name: "triangular", values: lr }], { width: 41, height: 6, ascii: true });
 * const lines = plot.split("\n");
 * assert.equal(lines.length, 6 + 3);
 * assert.equal(lines[0], " 0.006 |         ***                 ***         ");
 * assert.equal(lines[5], " 0.001 |*                   *                   *");
 * assert.ok(lines.at(-1)!.includes("* triangular"));
 * ```
 */
export function terminalPlot(series: readonly TerminalSeries[], options: TerminalPlotOptions = {}): string {
  const o = TERMINAL_PLOT.read(options);
  const { width, height, ascii } = o;
  const marks = ascii ? MARKS_ASCII : MARKS_UNICODE;
  const stroke = ascii ? "|" : "│";
  const [lo, hi] = rangeOf(series.map((s) => s.values), o.min, o.max);
  let n = 0; // a loop, not Math.max(...series): the series are the caller's, as many as they like
  for (const s of series) if (s.values.length > n) n = s.values.length;
  const grid: string[][] = Array.from({ length: height }, () => new Array<string>(width).fill(" "));
  const rowOf = (v: number) =>
    height - 1 - Math.round(((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (height - 1));

  series.forEach((s, k) => {
    const mark = marks[k % marks.length];
    let previous: number | undefined;
    for (let c = 0; c < width && n > 0; c++) {
      const i = n === 1 ? 0 : Math.round((c * (n - 1)) / (width - 1));
      const v = i < s.values.length ? s.values[i] : NaN;
      if (!Number.isFinite(v)) {
        previous = undefined;
        continue;
      }
      const row = rowOf(v);
      if (previous !== undefined) {
        // Join to the previous column with a vertical stroke in the rows between.
        const [a, b] = previous < row ? [previous, row] : [row, previous];
        for (let r = a + 1; r < b; r++) if (grid[r][c] === " ") grid[r][c] = stroke;
      }
      grid[row][c] = mark;
      previous = row;
    }
  });

  const yLabels = [label(hi), label((lo + hi) / 2), label(lo)];
  const pad = Math.max(...yLabels.map((l) => l.length));
  const mid = Math.round((height - 1) / 2);
  const axis = ascii ? "|" : "┤";
  const lines = grid.map((row, r) => {
    const text = r === 0 ? yLabels[0] : r === height - 1 ? yLabels[2] : r === mid ? yLabels[1] : "";
    return `${text.padStart(pad)} ${axis}${row.join("")}`;
  });
  const { xStart } = o;
  const first = label(xStart, 6);
  const last = label(xStart + Math.max(0, n - 1), 6);
  lines.push(`${" ".repeat(pad)} ${ascii ? "+" : "└"}${(ascii ? "-" : "─").repeat(width)}`);
  lines.push(`${" ".repeat(pad + 2)}${first}${last.padStart(Math.max(1, width - first.length))}`);
  if (o.title !== undefined) lines.unshift(o.title);
  lines.push(`${" ".repeat(pad + 2)}${series.map((s, k) => `${marks[k % marks.length]} ${s.name}`).join("   ")}`);
  return lines.join("\n");
}

/**
 * A one-line plot of a series with the eight block characters `▁▂▃▄▅▆▇█` (lowest to
 * highest value), resampled to `width` characters by averaging the samples that fall in
 * each character. Non-finite values and empty buckets are spaces.
 *
 * @param values The series.
 * @param options `width` (default: one character per value, at most 80) and the range
 *   `min`/`max` (default: the finite range of the values); {@link SPARKLINE}.
 * @returns The sparkline.
 * @throws {RangeError} If `width` is not a non-negative integer, or a bound is not finite.
 * @throws {TypeError} If an option is unknown or of the wrong type.
 *
 * @example A triangle rises and falls
 * ```ts
 * import assert from "node:assert/strict";
 * import { sparkline } from "cyclical-lr/plot";
 * assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1, 0]), "▁▂▃▄▅▆▇█▇▆▅▄▃▂▁");
 * assert.equal(sparkline([0, 0, 7, 7], { width: 2 }), "▁█");
 * ```
 */
export function sparkline(values: ArrayLike<number>, options: SparklineOptions = {}): string {
  const o = SPARKLINE.read(options);
  const n = values.length;
  const width = o.width ?? Math.min(n, 80);
  if (n === 0 || width === 0) return "";
  const [lo, hi] = rangeOf([values], o.min, o.max);
  let out = "";
  for (let c = 0; c < width; c++) {
    const from = Math.floor((c * n) / width);
    const to = Math.max(from + 1, Math.floor(((c + 1) * n) / width));
    let sum = 0;
    let count = 0;
    for (let i = from; i < to && i < n; i++) {
      if (Number.isFinite(values[i])) {
        sum += values[i];
        count++;
      }
    }
    if (count === 0) {
      out += " ";
      continue;
    }
    const level = Math.round(((Math.min(hi, Math.max(lo, sum / count)) - lo) / (hi - lo)) * (BARS.length - 1));
    out += BARS[level];
  }
  return out;
}
