import { type Axis, formatTick, linearAxis, logAxis } from "./ticks.ts";
import { bool, type FieldsOf, fraction, type Kind, kind, oneOf } from "../options/_kinds.ts";
import { complete, listKind, objectKind, type OptionsTable, optionsTable, type ValuesOf } from "../options/table.ts";
import { invalid, type OptionError, throwErrors } from "../options/_errors.ts";
import { log as ln } from "../_math/mod.ts";

/** One line (or set of points) of a plot, checked by {@link PLOT_SERIES}. */
export interface PlotSeries {
  /** The legend entry. */
  readonly name: string;
  /** The x values; points whose x or y is not finite (or x <= 0 on a log axis) are left out. */
  readonly x: ArrayLike<number>;
  /** The y values, as many as `x`. */
  readonly y: ArrayLike<number>;
  /** A CSS colour; without it, the next of a ten-colour palette. */
  readonly color?: string;
  /** `"line"`, `"points"` (sparse measurements) or `"both"`. */
  readonly style?: "line" | "points" | "both";
  /** Stroke opacity in [0, 1], to show a raw curve faintly under its smoothed one. */
  readonly opacity?: number;
  /** Draw dashed. */
  readonly dashed?: boolean;
}

/** A vertical line at `x`, with a label (a suggested bound), checked by {@link PLOT_MARKER}. */
export interface PlotMarker {
  /** Where the line is drawn, in data units (not drawn when not finite, or not positive on a log axis). */
  readonly x: number;
  /** The text beside the line. */
  readonly label?: string;
  /** A CSS colour. */
  readonly color?: string;
}

/** A plot: series on one pair of axes; the options of {@link renderPlot}, checked by {@link RENDER_PLOT}. */
export interface PlotOptions {
  /** The lines (or points) to draw. */
  readonly series: readonly PlotSeries[];
  /** The title above the plot. */
  readonly title?: string;
  /** The label of the x axis. */
  readonly xLabel?: string;
  /** The label of the y axis. */
  readonly yLabel?: string;
  /** The x axis scale. */
  readonly xScale?: "linear" | "log";
  /** The y axis scale. */
  readonly yScale?: "linear" | "log";
  /** Vertical lines with labels (suggested bounds). */
  readonly markers?: readonly PlotMarker[];
  /** Width in pixels, in [100, 100000]. */
  readonly width?: number;
  /** Height in pixels, in [100, 100000]. */
  readonly height?: number;
  /**
   * The y range to show, `[low, high]` with `low < high`; the lines are clipped to it (a
   * range test's loss after it blows up). Without it (or when it is not finite, or not
   * positive on a log axis), the range of the data.
   */
  readonly yDomain?: readonly [number, number];
  /**
   * The x range to show, `[low, high]` with `low < high` (panels that must line up); the
   * lines are clipped to it. Without it, the range of the data and the markers.
   */
  readonly xDomain?: readonly [number, number];
  /** Show the legend (when there is more than one series, or one with a name). */
  readonly legend?: boolean;
  /**
   * Where the legend goes: `"inside"` the top right corner of the plotting area, or to its
   * `"right"`, outside it, where it can never cover a point (the plot area narrows to make room).
   */
  readonly legendPosition?: "inside" | "right";
}

const text = kind("a string", (v): v is string => typeof v === "string");
const aNumber = kind("a number", (v): v is number => typeof v === "number");
const numbers = kind(
  "an array of numbers",
  (v): v is ArrayLike<number> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)),
);
const pair = kind(
  "two numbers [low, high]",
  (v): v is readonly [number, number] =>
    Array.isArray(v) && v.length === 2 && typeof v[0] === "number" && typeof v[1] === "number",
);
const scale = oneOf(["linear", "log"]);

/**
 * A size in pixels, in [100, 100000].
 * @internal
 */
export const pixels = kind(
  "a number of pixels in [100, 100000]",
  (v): v is number => typeof v === "number" && v >= 100 && v <= 100_000,
);

/**
 * The options table of a {@link PlotSeries}: a line, fully opaque, solid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PLOT_SERIES } from "cyclical-lr/plot";
 * assert.equal(PLOT_SERIES.read({ name: "lr", x: [0], y: [1] }).style, "line");
 * ```
 */
export const PLOT_SERIES: OptionsTable<FieldsOf<PlotSeries, "color">> = optionsTable("PlotSeries", {
  name: text.required(),
  x: numbers.required(),
  y: numbers.required(),
  color: text.optional(),
  style: oneOf(["line", "points", "both"]).default("line"),
  opacity: fraction.default(1),
  dashed: bool.default(false),
}, {
  rules: [
    ({ x, y }) =>
      x !== undefined && y !== undefined && x.length !== y.length
        ? invalid(["y"], `${x.length} values (as x)`, y.length)
        : undefined,
  ],
});

/**
 * The options table of a {@link PlotMarker}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PLOT_MARKER } from "cyclical-lr/plot";
 * assert.throws(() => PLOT_MARKER.read({ x: 1, text: "maxLr" }), { message: "text: unknown option of PlotMarker" });
 * ```
 */
export const PLOT_MARKER: OptionsTable<FieldsOf<PlotMarker, "label" | "color">> = optionsTable("PlotMarker", {
  x: aNumber.required(),
  label: text.optional(),
  color: text.optional(),
});

type SeriesFields = FieldsOf<PlotSeries, "color">;
const seriesKind: Kind<PlotSeries> = objectKind("a series { name, x, y }", PLOT_SERIES);
const markerKind: Kind<PlotMarker> = objectKind("a marker { x, label, color }", PLOT_MARKER);

type PlotFields = FieldsOf<PlotOptions, "title" | "xLabel" | "yLabel" | "yDomain" | "xDomain">;

/**
 * The options table of {@link renderPlot} (and of each plot of {@link stackPlots}): linear
 * axes, 640 by 360 pixels, a legend inside the plotting area.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RENDER_PLOT } from "cyclical-lr/plot";
 * const v = RENDER_PLOT.read({ series: [] });
 * assert.deepEqual([v.width, v.height, v.xScale, v.legendPosition], [640, 360, "linear", "inside"]);
 * assert.throws(() => RENDER_PLOT.read({ series: [{ name: "lr", x: [0], y: [1], colour: "red" }] }), {
 *   message: "series[0].colour: unknown option of PlotSeries; did you mean color?",
 * });
 * ```
 */
export const RENDER_PLOT: OptionsTable<FieldsOf<PlotOptions, "title" | "xLabel" | "yLabel" | "yDomain" | "xDomain">> =
  optionsTable("renderPlot", {
    series: listKind("an array of series", seriesKind).required(),
    title: text.optional(),
    xLabel: text.optional(),
    yLabel: text.optional(),
    xScale: scale.default("linear"),
    yScale: scale.default("linear"),
    markers: listKind("an array of markers", markerKind).default([]),
    width: pixels.default(640),
    height: pixels.default(360),
    yDomain: pair.optional(),
    xDomain: pair.optional(),
    legend: bool.default(true),
    legendPosition: oneOf(["inside", "right"]).default("inside"),
  });

/** A plot's checked options. */
type Plot = ValuesOf<PlotFields>;

/** The ten-colour palette series take their colours from, in order. */
export const PALETTE: readonly string[] = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#ff7f0e",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

/**
 * Escapes text for SVG/XML content and attribute values (`&`, `<`, `>`, `"`, `'`), and drops
 * the control characters XML 1.0 forbids.
 *
 * @param text Any string.
 * @returns The escaped string.
 */
export function escapeXml(text: string): string {
  return String(text)
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A pixel coordinate, two decimals. */
function px(v: number): string {
  return String(Math.round(v * 100) / 100);
}

const usable = (v: number, log: boolean): boolean => Number.isFinite(v) && (!log || v > 0);

/** A short deterministic hash (FNV-1a), to give each plot's clip path its own id. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

interface Scale {
  readonly axis: Axis;
  readonly log: boolean;
  map(v: number): number;
}

function makeScale(
  values: number[],
  log: boolean,
  from: number,
  to: number,
  count: number,
  domain?: readonly [number, number],
): Scale {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (domain && usable(domain[0], log) && usable(domain[1], log) && domain[0] < domain[1]) [lo, hi] = domain;
  const axis = log ? logAxis(lo, hi) : linearAxis(lo, hi, count);
  // A log axis places v at (ln v - ln min) / (ln max - ln min): the base of the logarithm cancels.
  const a = log ? ln(axis.min) : axis.min, b = log ? ln(axis.max) : axis.max;
  const span = b - a;
  return {
    axis,
    log,
    map: (v) => {
      const u = log ? ln(v) : v;
      const f = span > 0 && Number.isFinite(span) ? (u - a) / span : 0.5;
      return from + (to - from) * f;
    },
  };
}

/** The legend's entries: the named series, or none when the legend is off or says nothing. */
function legendNames(o: Plot): string[] {
  const named = o.series.map((s) => s.name).filter((name) => name !== "");
  const shown = o.legend && named.length > 0 && !(named.length === 1 && o.series.length === 1 && !o.title);
  return shown ? named : [];
}

/** The legend box's width for these names (11 px text, about 6.4 px a character). */
function legendWidth(names: readonly string[]): number {
  let longest = 0; // a loop, not Math.max(...names): a legend may have 10^5 entries
  for (const name of names) if (name.length > longest) longest = name.length;
  return 34 + longest * 6.4;
}

/** The right margin of a plot: room for the legend when it goes to the right. */
function rightMargin(o: Plot): number {
  const names = legendNames(o);
  return o.legendPosition === "right" && names.length > 0 ? 16 + legendWidth(names) : 16;
}

/** The x values of a plot and its markers that its x axis can show. */
function xValues(o: Plot): number[] {
  const xLog = o.xScale === "log", yLog = o.yScale === "log";
  const xs: number[] = [];
  for (const s of o.series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) if (usable(s.x[i], xLog) && usable(s.y[i], yLog)) xs.push(s.x[i]);
  }
  for (const mk of o.markers) if (usable(mk.x, xLog)) xs.push(mk.x);
  return xs;
}

/** What the panels of a stack share: the right margin, and the x range. */
interface Frame {
  readonly right?: number;
  readonly xDomain?: readonly [number, number];
}

/**
 * The SVG elements of one plot, placed at `(left, top)` with the given size: the building
 * block of {@link renderPlot} and {@link stackPlots}.
 */
function panel(o: Plot, left: number, top: number, width: number, height: number, frame: Frame = {}): string {
  const xLog = o.xScale === "log", yLog = o.yScale === "log";
  const m = { l: 72, r: frame.right ?? rightMargin(o), t: o.title ? 30 : 12, b: o.xLabel ? 44 : 28 };
  const x0 = left + m.l, x1 = left + width - m.r, y0 = top + height - m.b, y1 = top + m.t;
  const xs: number[] = [], ys: number[] = [];
  for (const s of o.series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      if (usable(s.x[i], xLog) && usable(s.y[i], yLog)) xs.push(s.x[i]), ys.push(s.y[i]);
    }
  }
  for (const mk of o.markers) if (usable(mk.x, xLog)) xs.push(mk.x);
  const sx = makeScale(xs, xLog, x0, x1, Math.max(2, Math.floor((x1 - x0) / 80)), o.xDomain ?? frame.xDomain);
  const sy = makeScale(ys, yLog, y0, y1, Math.max(2, Math.floor((y0 - y1) / 45)), o.yDomain);
  const out: string[] = [];
  out.push(`<g class="plot">`);
  if (o.title) {
    out.push(
      `<text x="${px((x0 + x1) / 2)}" y="${px(top + 20)}" text-anchor="middle" font-size="14" font-weight="bold">${
        escapeXml(o.title)
      }</text>`,
    );
  }
  // grid and ticks
  out.push(`<g class="x-axis" font-size="11" fill="#333">`);
  for (const t of sx.axis.ticks) {
    const x = px(sx.map(t));
    out.push(`<line x1="${x}" y1="${px(y1)}" x2="${x}" y2="${px(y0)}" stroke="#e5e5e5"/>`);
    out.push(`<line x1="${x}" y1="${px(y0)}" x2="${x}" y2="${px(y0 + 5)}" stroke="#333"/>`);
    out.push(`<text x="${x}" y="${px(y0 + 17)}" text-anchor="middle">${escapeXml(formatTick(t))}</text>`);
  }
  out.push(`</g>`, `<g class="y-axis" font-size="11" fill="#333">`);
  for (const t of sy.axis.ticks) {
    const y = px(sy.map(t));
    out.push(`<line x1="${px(x0)}" y1="${y}" x2="${px(x1)}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<line x1="${px(x0 - 5)}" y1="${y}" x2="${px(x0)}" y2="${y}" stroke="#333"/>`);
    out.push(`<text x="${px(x0 - 8)}" y="${px(sy.map(t) + 4)}" text-anchor="end">${escapeXml(formatTick(t))}</text>`);
  }
  out.push(`</g>`);
  out.push(
    `<rect x="${px(x0)}" y="${px(y1)}" width="${px(x1 - x0)}" height="${px(y0 - y1)}" fill="none" stroke="#333"/>`,
  );
  if (o.xLabel) {
    out.push(`<text x="${px((x0 + x1) / 2)}" y="${px(y0 + 36)}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  }
  if (o.yLabel) {
    const cy = px((y0 + y1) / 2);
    out.push(
      `<text x="${px(left + 14)}" y="${cy}" text-anchor="middle" transform="rotate(-90 ${px(left + 14)} ${cy})">${
        escapeXml(o.yLabel)
      }</text>`,
    );
  }
  // series
  const lines: string[] = [];
  const legend: { name: string; color: string; dashed: boolean; style: string; opacity: number }[] = [];
  o.series.forEach((given, k) => {
    const s = complete<SeriesFields>(given); // normalized by RENDER_PLOT: every default written out
    const color = escapeXml(s.color ?? PALETTE[k % PALETTE.length]);
    const { style, opacity } = s;
    const n = Math.min(s.x.length, s.y.length);
    let d = "", pen = false;
    const dots: string[] = [];
    for (let i = 0; i < n; i++) {
      if (!(usable(s.x[i], xLog) && usable(s.y[i], yLog))) {
        pen = false;
        continue;
      }
      const x = px(sx.map(s.x[i])), y = px(sy.map(s.y[i]));
      d += `${pen ? "L" : "M"}${x} ${y}`;
      pen = true;
      if (style !== "line") dots.push(`<circle cx="${x}" cy="${y}" r="2.5"/>`);
    }
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    const attrs = `class="series" data-name="${escapeXml(s.name)}"`;
    if (style !== "points" && d) {
      lines.push(
        `<path ${attrs} d="${d}" fill="none" stroke="${color}" stroke-width="1.6" stroke-opacity="${opacity}"${dash}/>`,
      );
    }
    if (dots.length) lines.push(`<g ${attrs} fill="${color}" fill-opacity="${opacity}">${dots.join("")}</g>`);
    legend.push({ name: s.name, color, dashed: !!s.dashed, style, opacity: Math.max(opacity, 0.3) });
  });
  const body = lines.join("\n");
  const clip = `clip-${hash(`${left},${top},${width},${height}\n${body}`)}`;
  out.push(
    `<clipPath id="${clip}"><rect x="${px(x0)}" y="${px(y1)}" width="${px(x1 - x0)}" height="${
      px(y0 - y1)
    }"/></clipPath>`,
    `<g clip-path="url(#${clip})">`,
    body,
    `</g>`,
  );
  // markers, their labels stepped down so that close ones do not overlap
  o.markers.forEach((mk, k) => {
    if (!usable(mk.x, xLog)) return;
    const x = px(sx.map(mk.x)), color = escapeXml(mk.color ?? "#555");
    out.push(
      `<line class="marker" x1="${x}" y1="${px(y1)}" x2="${x}" y2="${
        px(y0)
      }" stroke="${color}" stroke-width="1.2" stroke-dasharray="3 3"/>`,
    );
    if (mk.label) {
      out.push(
        `<text x="${px(sx.map(mk.x) + 4)}" y="${px(y1 + 14 + 14 * k)}" font-size="11" fill="${color}">${
          escapeXml(mk.label)
        }</text>`,
      );
    }
  });
  // legend
  const shown = legend.filter((e) => e.name !== "");
  if (legendNames(o).length > 0) {
    const outside = o.legendPosition === "right";
    const full = legendWidth(shown.map((e) => e.name));
    const w = outside ? full : Math.min(x1 - x0 - 8, full), h = 8 + shown.length * 16;
    const lx = outside ? x1 + 8 : x1 - w - 6, ly = outside ? y1 : y1 + 6;
    out.push(
      `<g class="legend" font-size="11"><rect x="${px(lx)}" y="${px(ly)}" width="${
        px(w)
      }" height="${h}" fill="white" fill-opacity="0.85" stroke="#bbb"/>`,
    );
    shown.forEach((e, i) => {
      const yy = ly + 12 + i * 16;
      if (e.style === "points") {
        out.push(`<circle cx="${px(lx + 15)}" cy="${px(yy)}" r="3" fill="${e.color}" fill-opacity="${e.opacity}"/>`);
      } else {
        out.push(
          `<line x1="${px(lx + 6)}" y1="${px(yy)}" x2="${px(lx + 24)}" y2="${
            px(yy)
          }" stroke="${e.color}" stroke-opacity="${e.opacity}" stroke-width="2"${
            e.dashed ? ` stroke-dasharray="4 3"` : ""
          }/>`,
        );
      }
      out.push(`<text x="${px(lx + 30)}" y="${px(yy + 4)}">${escapeXml(e.name)}</text>`);
    });
    out.push(`</g>`);
  }
  out.push(`</g>`);
  return out.join("\n");
}

function svg(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${
    px(width)
  } ${px(height)}" font-family="Helvetica, Arial, sans-serif" font-size="12">\n` +
    `<rect width="${px(width)}" height="${px(height)}" fill="white"/>\n${body}\n</svg>\n`;
}

/**
 * Renders a plot as a standalone SVG string, without dependencies: axes with nice ticks
 * (powers of ten on a log axis), a light grid, several series with a legend, vertical
 * markers, a title and axis labels. All text is escaped; points that are not finite (or not
 * positive on a log axis) are skipped and break the line, so the output never contains NaN,
 * even for an empty or constant series.
 *
 * @param options The series, labels, scales, markers and size ({@link RENDER_PLOT}).
 * @returns An SVG document (`<svg xmlns=...>...</svg>`).
 * @throws {RangeError} If `width` or `height` is not in [100, 100000], or a number is out of range.
 * @throws {TypeError} If an option (of the plot, a series or a marker) is unknown or of the wrong type.
 *
 * @example A line and its legend
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderPlot } from "cyclical-lr/plot";
 * const svg = renderPlot({ title: "lr", series: [{ name: "group 0", x: [0, 1, 2], y: [0.1, 0.2, 0.1] }] });
 * assert.ok(svg.startsWith("<svg"));
 * assert.ok(svg.includes("group 0") && !svg.includes("NaN"));
 * ```
 */
export function renderPlot(options: PlotOptions): string {
  const o = RENDER_PLOT.read(options);
  return svg(o.width, o.height, panel(o, 0, 0, o.width, o.height));
}

/** The union of the x ranges of plots on the same kind of x axis, or undefined. */
function sharedXDomain(plots: readonly Plot[]): readonly [number, number] | undefined {
  if (plots.length < 2 || plots.some((p) => p.xScale !== plots[0].xScale)) return undefined;
  let lo = Infinity, hi = -Infinity;
  for (const p of plots) {
    const xs = p.xDomain ? [...p.xDomain] : xValues(p);
    for (const x of xs) lo = Math.min(lo, x), hi = Math.max(hi, x);
  }
  return lo < hi ? [lo, hi] : undefined;
}

/**
 * Options of {@link stackPlots}, checked by {@link STACK_PLOTS}.
 *
 * @example Each panel keeps its own x range
 * ```ts
 * import assert from "node:assert/strict";
 * import { type StackOptions, stackPlots } from "cyclical-lr/plot";
 * const options: StackOptions = { width: 400, height: 200, shareX: false };
 * assert.ok(stackPlots([{ series: [] }, { series: [] }], options).includes('height="400"'));
 * ```
 */
export interface StackOptions {
  /** The common width in pixels, in [100, 100000]. */
  readonly width?: number;
  /** The height of each plot in pixels, in [100, 100000]. */
  readonly height?: number;
  /**
   * Give every panel the same x range (the union of theirs; a panel's own `xDomain` wins) when
   * they have the same kind of x axis.
   */
  readonly shareX?: boolean;
}

/**
 * The options table of {@link stackPlots}: 640 pixels wide, 300 high per plot, one x range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { STACK_PLOTS } from "cyclical-lr/plot";
 * assert.deepEqual(STACK_PLOTS.read({}), { width: 640, height: 300, shareX: true });
 * ```
 */
export const STACK_PLOTS: OptionsTable<FieldsOf<StackOptions>> = optionsTable("stackPlots", {
  width: pixels.default(640),
  height: pixels.default(300),
  shareX: bool.default(true),
});

const PLOTS = listKind("an array of plots", objectKind("a plot { series, ... }", RENDER_PLOT));

/**
 * Renders plots stacked vertically in one SVG, each `height` pixels high (a schedule's rate
 * above its momentum; a range test's loss above its accuracy). The panels line up: their
 * plotting areas have the same left and right edges (the widest right-hand legend sets the
 * right margin of all) and, unless `shareX` is false, the same x range.
 *
 * @param plots The plots, top to bottom, each checked as {@link renderPlot}'s options (their own `width`/`height` are ignored).
 * @param options The common `width`, the `height` of each plot, and `shareX` ({@link STACK_PLOTS}).
 * @returns An SVG document.
 * @throws {RangeError} If a size is out of range.
 * @throws {TypeError} If an option (of the stack, a plot, a series or a marker) is unknown or of the wrong type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stackPlots } from "cyclical-lr/plot";
 * const svg = stackPlots([{ series: [] }, { series: [] }], { height: 200 });
 * assert.ok(svg.includes('height="400"'));
 * ```
 *
 * @example Panels with different x extents share one x axis
 * ```ts
 * import assert from "node:assert/strict";
 * import { stackPlots } from "cyclical-lr/plot";
 * const svg = stackPlots([
 *   { series: [{ name: "loss", x: [0, 1, 2], y: [3, 2, 4] }] },
 *   { series: [{ name: "accuracy", x: [1.2, 1.8], y: [0.5, 0.9] }] },
 * ]);
 * const firstTicks = [...svg.matchAll(/text-anchor="middle">([^<]*)</g)].map((m) => m[1]);
 * assert.deepEqual(firstTicks.slice(0, 5), firstTicks.slice(5, 10));
 * ```
 */
export function stackPlots(plots: readonly PlotOptions[], options: StackOptions = {}): string {
  const errors: OptionError[] = [];
  for (const e of PLOTS.check?.(plots, ["plots"], false) ?? []) errors.push(e);
  const checked = STACK_PLOTS.check(options);
  for (const e of checked.errors) errors.push(e);
  if (errors.length > 0) throwErrors(errors);
  const { width, height, shareX } = complete<FieldsOf<StackOptions>>(checked.values);
  const ps = plots.map((p) => RENDER_PLOT.read(p));
  let right = 16; // a loop, not Math.max(...): the stack may have many plots
  for (const p of ps) right = Math.max(right, rightMargin(p));
  const frame: Frame = { right, ...(shareX ? { xDomain: sharedXDomain(ps) } : {}) };
  const body = ps.map((p, i) => panel(p, 0, i * height, width, height, frame)).join("\n");
  return svg(width, Math.max(1, ps.length) * height, body);
}
