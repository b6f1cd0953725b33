/**
 * The demo's report folder: `index.html` (the table, the verdicts and SVG plots drawn by
 * the library's renderer) and `summary.json` (every number behind them).
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BoundsSuggestion, RangeTestCurve, SuggestBoundsOptions } from "../range_test.ts";
import { decimate, plotRangeTest, type PlotSeries, renderPlot } from "../plot.ts";
import { escapeXml, PALETTE } from "../lib/plot/svg.ts";
import type { Policy, Schedule } from "../mod.ts";
import type { Analysis } from "./analyze.ts";

/** A range test of one seed with its suggestion. */
export interface SeedRange {
  readonly seed: number;
  readonly curve: RangeTestCurve;
  readonly suggestion: BoundsSuggestion;
  /** The options of `suggestBounds` that gave the suggestion. */
  readonly options: SuggestBoundsOptions;
  /** Why `suggestBounds` with its defaults gave no bounds, when a fallback was used. */
  readonly fallbackFrom?: string;
}

/** Everything the report shows. */
export interface ReportInput {
  readonly title: string;
  /** Lines describing the setup. */
  readonly setup: readonly string[];
  /** The table as text lines. */
  readonly table: readonly string[];
  readonly analysis: Analysis;
  readonly ranges: readonly SeedRange[];
  /** The policies of the first seed, by row name, to draw the schedules. */
  readonly policies: ReadonlyMap<string, Policy>;
  /** The runs' accuracy curves by row name, one per seed. */
  readonly curves: ReadonlyMap<string, readonly (readonly number[])[]>;
  /** The JSON summary. */
  readonly summary: unknown;
}

const colorOf = (i: number) => PALETTE[i % PALETTE.length];

function scheduleSeries(
  policies: ReadonlyMap<string, Policy>,
  budget: number,
  pick: (p: Policy) => Schedule | undefined,
): PlotSeries[] {
  const out: PlotSeries[] = [];
  let i = 0;
  for (const [name, policy] of policies) {
    const s = pick(policy);
    const color = colorOf(i++);
    if (!s) continue;
    const x = Array.from({ length: budget }, (_, t) => t);
    const y = x.map((t) => s(t)[0]);
    const thin = decimate(x, y);
    out.push({ name, x: thin.x, y: thin.y, color, dashed: name.startsWith("fixed") });
  }
  return out;
}

/**
 * Writes `index.html` and `summary.json` into `dir` (created if needed).
 *
 * @param dir The folder.
 * @param input What to show.
 * @returns The paths written.
 */
export function writeReport(dir: string, input: ReportInput): string[] {
  const a = input.analysis;
  const names = a.rows.map((r) => r.name);
  const sections: string[] = [];
  const figure = (caption: string, svg: string) =>
    `<figure>${svg}<figcaption>${escapeXml(caption)}</figcaption></figure>`;

  const lrSeries = scheduleSeries(input.policies, a.budget, (p) => p.lr);
  sections.push(figure(
    "Learning rate of every policy over the run (first seed's bounds; both parameter groups get the same rate).",
    renderPlot({
      title: "Schedules: learning rate",
      xLabel: "iteration",
      yLabel: "learning rate",
      series: lrSeries,
      width: 860,
      height: 360,
    }),
  ));
  const momentum = scheduleSeries(input.policies, a.budget, (p) => p.momentum ?? (() => [0.9]));
  sections.push(figure(
    "Momentum: 0.9 throughout, except one-cycle, which cycles it opposite to the rate.",
    renderPlot({
      title: "Schedules: momentum",
      xLabel: "iteration",
      yLabel: "momentum",
      series: momentum,
      width: 860,
      height: 260,
    }),
  ));

  for (const r of input.ranges) {
    sections.push(figure(
      `Seed ${r.seed}: LR range test (linear ramp ${r.curve.settings.minLr} → ${r.curve.settings.maxLr} over ` +
        `${r.curve.settings.iterations} iterations, stopped: ${r.curve.stop}). ` +
        (r.suggestion.ok
          ? `Suggested baseLr ${r.suggestion.baseLr.toPrecision(3)}, maxLr ${
            r.suggestion.maxLr.toPrecision(3)
          } (${r.suggestion.rule} rule). `
          : `No suggestion: ${r.suggestion.reason}. `) +
        (r.fallbackFrom === undefined
          ? ""
          : `(With its defaults, suggestBounds said: ${r.fallbackFrom}; this is valley with skipStart 0.) `) +
        `Best fixed rate of the grid: ${a.best}.`,
      plotRangeTest(r.curve, r.suggestion, { width: 860, height: 300 }),
    ));
  }

  const x = a.iterations;
  const meanSeries: PlotSeries[] = a.rows.map((row, i) => ({
    name: row.name,
    x,
    y: row.curve,
    color: colorOf(i),
    dashed: row.kind === "fixed",
    style: "both",
  }));
  const targetLine: PlotSeries = {
    name: `target ${(100 * a.target).toFixed(2)} % - 0.1 pp`,
    x: [x[0], x[x.length - 1]],
    y: [a.target - 0.001, a.target - 0.001],
    color: "#000000",
    opacity: 0.5,
    dashed: true,
  };
  sections.push(figure(
    `Test accuracy against iteration, mean over ${a.seeds} seed(s), every policy.`,
    renderPlot({
      title: "Test accuracy (mean over seeds)",
      xLabel: "iteration",
      yLabel: "test accuracy",
      series: [...meanSeries, targetLine],
      width: 860,
      height: 420,
    }),
  ));
  const floor = a.target - 0.03;
  const zoom = meanSeries.map((s) => ({ ...s, y: Array.from(s.y, (v) => (v >= floor ? v : NaN)) }));
  sections.push(figure(
    "The same, zoomed to within 3 pp of the target (points below are left out).",
    renderPlot({
      title: "Test accuracy near the target",
      xLabel: "iteration",
      yLabel: "test accuracy",
      series: [...zoom, targetLine],
      width: 860,
      height: 420,
    }),
  ));
  const small: string[] = [];
  const top = Math.max(...[...input.curves.values()].flat(2));
  // An invisible pair of points gives every small plot the same y range (no legend there).
  const frame: PlotSeries = { name: "", x: [x[0], x[0]], y: [floor, top], opacity: 0 };
  names.forEach((name, i) => {
    const runs = input.curves.get(name) ?? [];
    const series: PlotSeries[] = runs.map((y, s) => ({
      name: `seed ${s + 1}`,
      x,
      y: Array.from(y, (v) => (v >= floor ? v : NaN)),
      color: colorOf(i),
      opacity: runs.length > 1 ? 0.35 + 0.65 * (s / (runs.length - 1)) : 1,
    }));
    small.push(renderPlot({
      title: `${name}: every seed`,
      xLabel: "iteration",
      yLabel: "test accuracy",
      series: [frame, ...series, targetLine],
      width: 420,
      height: 260,
      legend: false,
    }));
  });
  sections.push(
    `<figure class="grid">${
      small.join("\n")
    }<figcaption>Test accuracy of each seed, per policy, on a common scale from 3 pp below the target (dashed) to the best accuracy of any run; the first seed is drawn faintest.</figcaption></figure>`,
  );

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(input.title)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; max-width: 900px; margin: 2em auto; padding: 0 1em; color: #222; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 12px; }
figure { margin: 1.5em 0; }
figure.grid { display: flex; flex-wrap: wrap; gap: 8px; }
figure.grid figcaption { width: 100%; }
figcaption { color: #555; font-size: 13px; margin-top: 0.3em; }
li { margin: 0.3em 0; }
</style>
</head>
<body>
<h1>${escapeXml(input.title)}</h1>
<ul>${input.setup.map((l) => `<li>${escapeXml(l)}</li>`).join("\n")}</ul>
<h2>Result</h2>
<pre>${escapeXml(input.table.join("\n"))}</pre>
<ul>${a.verdicts.map((l) => `<li>${escapeXml(l)}</li>`).join("\n")}</ul>
<h2>Plots</h2>
${sections.join("\n")}
<p>All numbers are in <a href="summary.json">summary.json</a>.</p>
</body>
</html>
`;
  mkdirSync(dir, { recursive: true });
  const htmlPath = join(dir, "index.html"), jsonPath = join(dir, "summary.json");
  writeFileSync(htmlPath, html);
  writeFileSync(jsonPath, JSON.stringify(input.summary, null, 2) + "\n");
  return [htmlPath, jsonPath];
}
