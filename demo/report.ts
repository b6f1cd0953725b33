/**
 * The demo's report folder: `index.html` (the tables, the verdicts, the rules and SVG plots
 * drawn by the library's renderer) and `summary.json` (every number behind them).
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decimate, type PlotOptions, plotRangeTest, type PlotSeries, renderPlot, stackPlots } from "../plot.ts";
import { escapeXml, PALETTE } from "../lib/plot/svg.ts";
import type { Analysis } from "./analyze.ts";
import type { SeedRange } from "./suggest.ts";

/** The rates one run used, to draw its schedule. */
export interface RunSchedule {
  /** The rate of the first group at every update. */
  readonly lr: readonly number[];
  /** Its momentum at every update, where the policy schedules it. */
  readonly momentum?: readonly number[];
}

/** Everything the report shows. */
export interface ReportInput {
  readonly title: string;
  /** Lines describing the setup. */
  readonly setup: readonly string[];
  /** The table as text lines. */
  readonly table: readonly string[];
  /** The per-seed table as text lines. */
  readonly perSeed: readonly string[];
  /** One sentence per contender built from the range test. */
  readonly verdicts: readonly string[];
  /** The closing lines. */
  readonly conclusion: readonly string[];
  /** How each contender built from the range test takes its rates from it. */
  readonly rules: readonly { readonly name: string; readonly rule: string }[];
  readonly analysis: Analysis;
  readonly ranges: readonly SeedRange[];
  /** The first seed's run of each contender, by row name. */
  readonly schedules: ReadonlyMap<string, RunSchedule>;
  /** The momentum of the runs whose policy does not schedule one. */
  readonly momentum: number;
  /** The runs' test accuracy curves by row name, one per seed it ran on. */
  readonly curves: ReadonlyMap<
    string,
    { readonly seeds: readonly number[]; readonly accuracy: readonly (readonly number[])[] }
  >;
  /** The JSON summary. */
  readonly summary: unknown;
}

const colorOf = (i: number) => PALETTE[i % PALETTE.length];
/** The width of every full-width figure. */
const WIDE = 860;

function scheduleSeries(
  names: readonly string[],
  schedules: ReadonlyMap<string, RunSchedule>,
  pick: (s: RunSchedule) => readonly number[],
): PlotSeries[] {
  return names.flatMap((name, i) => {
    const s = schedules.get(name);
    if (!s) return [];
    const y = pick(s), x = y.map((_, t) => t);
    const thin = decimate(x, y);
    return [{ name, x: thin.x, y: thin.y, color: colorOf(i), dashed: name.startsWith("fixed") }];
  });
}

/**
 * Writes `index.html` and `summary.json` into `dir` (created if needed). Every legend sits
 * to the right of its plotting area, so none covers a point, and panels drawn one above the
 * other share their x axis.
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

  const lr = scheduleSeries(names, input.schedules, (s) => s.lr);
  const momentum = scheduleSeries(names, input.schedules, (s) => s.momentum ?? s.lr.map(() => input.momentum));
  sections.push(figure(
    "The rate and the momentum every contender used, update by update (first seed's run; both parameter groups " +
      `get the same values). Momentum is ${input.momentum} throughout except where a policy schedules it.`,
    stackPlots([
      { title: "Schedules: learning rate", yLabel: "learning rate", series: lr, legendPosition: "right" },
      {
        title: "Schedules: momentum",
        xLabel: "iteration",
        yLabel: "momentum",
        series: momentum,
        legendPosition: "right",
      },
    ], { width: WIDE, height: 300 }),
  ));

  for (const r of input.ranges) {
    sections.push(figure(
      `Seed ${r.seed}: LR range test (linear ramp ${r.curve.settings.minLr} → ${r.curve.settings.maxLr} over ` +
        `${r.curve.settings.iterations} iterations, stopped: ${r.curve.stop}; accuracy on the validation digits). ` +
        (r.suggestion.ok
          ? `Suggested baseLr ${r.suggestion.baseLr.toPrecision(3)}, maxLr ${
            r.suggestion.maxLr.toPrecision(3)
          } (${r.suggestion.rule} rule). `
          : `No suggestion: ${r.suggestion.reason}. `) +
        (r.fallbackFrom === undefined
          ? ""
          : `(With its defaults, suggestBounds said: ${r.fallbackFrom}; this is valley with skipStart 0.) `) +
        `Best fixed rate of the grid: ${a.best}.`,
      plotRangeTest(r.curve, r.suggestion, { width: WIDE, height: 300, legendPosition: "right" }),
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
  const floor = a.target - 0.03;
  const zoom = meanSeries.map((s) => ({ ...s, y: Array.from(s.y, (v) => (v >= floor ? v : NaN)) }));
  const accuracyPanel = (title: string, series: PlotSeries[], xLabel?: string): PlotOptions => ({
    title,
    yLabel: "test accuracy",
    series: [...series, targetLine],
    legendPosition: "right",
    ...(xLabel ? { xLabel } : {}),
  });
  sections.push(figure(
    `Test accuracy against iteration, mean over ${a.seeds} seed(s), every contender; below, the same zoomed to ` +
      "within 3 pp of the target (points below are left out).",
    stackPlots([
      accuracyPanel("Test accuracy (mean over seeds)", meanSeries),
      accuracyPanel("Test accuracy near the target", zoom, "iteration"),
    ], { width: WIDE, height: 400 }),
  ));
  const small: string[] = [];
  const top = Math.max(...[...input.curves.values()].flatMap((c) => c.accuracy.flat()));
  // An invisible pair of points gives every small plot the same y range (no legend there).
  const frame: PlotSeries = { name: "", x: [x[0], x[0]], y: [floor, top], opacity: 0 };
  names.forEach((name, i) => {
    const { seeds, accuracy: runs } = input.curves.get(name) ?? { seeds: [], accuracy: [] };
    const series: PlotSeries[] = runs.map((y, s) => ({
      name: `seed ${seeds[s]}`,
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

  // The table's rows stay in a <pre>; the lines that explain its columns wrap as text.
  const blank = input.table.indexOf("");
  const tableRows = blank < 0 ? input.table : input.table.slice(0, blank);
  const tableLegend = blank < 0 ? [] : input.table.slice(blank + 1);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(input.title)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; max-width: 1240px; margin: 2em auto; padding: 0 1em; color: #222; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 12px; }
figure { margin: 1.5em 0; }
figure.grid { display: flex; flex-wrap: wrap; gap: 8px; }
figure.grid figcaption { width: 100%; }
figcaption { color: #555; font-size: 13px; margin-top: 0.3em; }
li { margin: 0.3em 0; }
p.legend { color: #555; font-size: 13px; }
</style>
</head>
<body>
<h1>${escapeXml(input.title)}</h1>
<ul>${input.setup.map((l) => `<li>${escapeXml(l)}</li>`).join("\n")}</ul>
<h2>Result</h2>
<pre>${escapeXml(tableRows.join("\n"))}</pre>
<p class="legend">${tableLegend.map(escapeXml).join("<br>\n")}</p>
<h3>Paired, per seed</h3>
<pre>${escapeXml(input.perSeed.join("\n"))}</pre>
<ul>${[...input.verdicts, ...input.conclusion].map((l) => `<li>${escapeXml(l)}</li>`).join("\n")}</ul>
<h3>How each contender takes its rates from the range test</h3>
<ul>${input.rules.map((r) => `<li><b>${escapeXml(r.name)}</b>: ${escapeXml(r.rule)}</li>`).join("\n")}</ul>
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
