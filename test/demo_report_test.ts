// The demo's report read at a glance, checked in headless Chromium: a `--quick --seeds 2`
// run writes report/index.html; Chromium takes a screenshot of it, and a copy of the page
// with a probe script reports the geometry of every SVG as the browser laid it out. From
// that: no legend box covers a plotted point or line, stacked panels share their x axis
// (the same ticks at the same pixels, the same plot area), and no text sticks out of its
// SVG (no clipped tick label). A control plot with its legend inside, over the data, must be
// caught by the same check. Runs once, in the Node run of the suite, where Chromium is on
// PATH (as test/browser_test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { renderPlot } from "../plot.ts";
import { parseDemoArgs } from "../demo/args.ts";
import { runWith } from "../demo/run.ts";

const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";

function findChromium(): string | undefined {
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}
const chromium = runtime === "Node" ? findChromium() : undefined;
const skip = runtime !== "Node"
  ? `the report is checked once, in the Node run (this is ${runtime})`
  : chromium
  ? false
  : "no Chromium on PATH (Debian: apt-get install chromium)";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--allow-file-access-from-files",
  "--virtual-time-budget=5000",
];

function browse(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      chromium ?? "chromium",
      [...FLAGS, ...args],
      { timeout: 60_000, maxBuffer: 1 << 27 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${err.message}\n${stderr.slice(-2000)}`));
        else resolve(stdout);
      },
    );
  });
}

/** What the probe reports of one SVG. */
interface SvgGeometry {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly texts: readonly { text: string; x: number; y: number; w: number; h: number }[];
  readonly panels: readonly {
    frame: Box | null;
    legend: Box | null;
    paths: string[];
    circles: [number, number][];
    ticks: [string, number][];
  }[];
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Runs in the page: the geometry of every SVG, as JSON in a <pre id="geometry">. */
const PROBE = `<script>
addEventListener("load", () => {
  const box = (e) => e && { x: +e.getAttribute("x"), y: +e.getAttribute("y"), w: +e.getAttribute("width"), h: +e.getAttribute("height") };
  const svgs = [...document.querySelectorAll("svg")].map((svg, i) => ({
    id: svg.closest("[data-probe]")?.getAttribute("data-probe") ?? "figure " + i,
    width: svg.viewBox.baseVal.width,
    height: svg.viewBox.baseVal.height,
    texts: [...svg.querySelectorAll("text")].map((t) => {
      // The box as drawn: getBBox() is in the text's own coordinates, before a rotate().
      const b = t.getBBox(), m = t.getCTM(), vb = svg.viewBox.baseVal, scale = vb.width / svg.getBoundingClientRect().width;
      const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
        .map(([x, y]) => [(m.a * x + m.c * y + m.e) * scale, (m.b * x + m.d * y + m.f) * scale]);
      const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
      const x = Math.min(...xs), y = Math.min(...ys);
      return { text: t.textContent, x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
    }),
    panels: [...svg.querySelectorAll("g.plot")].map((p) => ({
      frame: box([...p.children].find((c) => c.tagName === "rect" && c.getAttribute("fill") === "none")),
      legend: box(p.querySelector("g.legend > rect")),
      paths: [...p.querySelectorAll("path.series")].map((e) => e.getAttribute("d")),
      circles: [...p.querySelectorAll("g.series circle")].map((c) => [+c.getAttribute("cx"), +c.getAttribute("cy")]),
      ticks: [...p.querySelectorAll("g.x-axis text")].map((t) => [t.textContent, +t.getAttribute("x")]),
    })),
  }));
  const pre = document.createElement("pre");
  pre.id = "geometry";
  pre.textContent = encodeURIComponent(JSON.stringify(svgs));
  document.body.append(pre);
});
</script>`;

/** The points of an SVG path made of M and L commands. */
function vertices(d: string): [number, number][][] {
  const lines: [number, number][][] = [];
  for (const m of d.matchAll(/([ML])(-?[\d.]+) (-?[\d.]+)/g)) {
    if (m[1] === "M") lines.push([]);
    lines.at(-1)?.push([Number(m[2]), Number(m[3])]);
  }
  return lines;
}

const inside = (b: Box, x: number, y: number, pad = 0) =>
  x >= b.x - pad && x <= b.x + b.w + pad && y >= b.y - pad && y <= b.y + b.h + pad;

/** The part of segment p–q inside box b (Liang–Barsky), or undefined. */
function clip(b: Box, p: [number, number], q: [number, number]): [[number, number], [number, number]] | undefined {
  let t0 = 0, t1 = 1;
  const dx = q[0] - p[0], dy = q[1] - p[1];
  for (const [den, num] of [[-dx, p[0] - b.x], [dx, b.x + b.w - p[0]], [-dy, p[1] - b.y], [dy, b.y + b.h - p[1]]]) {
    if (den === 0) {
      if (num < 0) return undefined;
    } else {
      const t = num / den;
      if (den < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t0 <= t1 ? [[p[0] + t0 * dx, p[1] + t0 * dy], [p[0] + t1 * dx, p[1] + t1 * dy]] : undefined;
}

/** Where a legend covers something drawn: a point, or the visible part of a line. */
function overlaps(svg: SvgGeometry): string[] {
  const found: string[] = [];
  svg.panels.forEach((p, k) => {
    const { frame, legend } = p;
    if (!frame || !legend) return;
    for (const [x, y] of p.circles) {
      if (inside(frame, x, y) && inside(legend, x, y, 2.5)) found.push(`${svg.id} panel ${k}: point (${x}, ${y})`);
    }
    for (const d of p.paths) {
      for (const line of vertices(d)) {
        for (let i = 0; i + 1 < line.length; i++) {
          const seen = clip(frame, line[i], line[i + 1]);
          if (seen && clip({ x: legend.x - 1, y: legend.y - 1, w: legend.w + 2, h: legend.h + 2 }, ...seen)) {
            found.push(`${svg.id} panel ${k}: line through (${line[i]}) – (${line[i + 1]})`);
            break;
          }
        }
      }
    }
  });
  return found;
}

test(
  "the report: no legend covers a point, stacked panels share their x axis, no text is clipped (headless Chromium)",
  {
    skip,
  },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "clr-report-"));
    try {
      const settings = parseDemoArgs(["--quick", "--seeds", "2", "--out", dir]);
      assert.ok(typeof settings === "object");
      assert.equal(await runWith(settings, { write: () => {}, tty: false }), 0);
      const page = join(dir, "index.html");

      const shot = process.env.CLR_SCREENSHOT ?? join(dir, "report.png");
      await browse([
        `--user-data-dir=${join(dir, "profile")}`,
        "--window-size=1000,3000",
        `--screenshot=${shot}`,
        pathToFileURL(page).href,
      ]);
      assert.ok(existsSync(shot) && statSync(shot).size > 10_000, "a screenshot of the report");
      assert.equal(readFileSync(shot).subarray(1, 4).toString(), "PNG");

      // The control: a legend inside the plotting area, over the last points.
      const control = renderPlot({
        title: "control",
        series: [{ name: "rising to the top right corner", x: [0, 1, 2, 3], y: [0, 1, 2, 3], style: "both" }],
        width: 400,
        height: 300,
      });
      const html = readFileSync(page, "utf8").replace(
        "</body>",
        `<div data-probe="control">${control}</div>${PROBE}</body>`,
      );
      const probe = join(dir, "probe.html");
      writeFileSync(probe, html);
      const dom = await browse([`--user-data-dir=${join(dir, "profile")}`, "--dump-dom", pathToFileURL(probe).href]);
      const encoded = dom.match(/<pre id="geometry">([^<]*)<\/pre>/)?.[1];
      assert.ok(encoded, "the probe ran");
      const svgs: SvgGeometry[] = JSON.parse(decodeURIComponent(encoded));
      const report = svgs.filter((s) => s.id !== "control");
      const stacked = report.filter((s) => s.panels.length > 1);
      // The schedules, two range tests, the accuracy pair; then one small plot per contender.
      assert.ok(stacked.length >= 4, `${stacked.length} stacked figures`);
      assert.ok(report.some((s) => s.panels.some((p) => p.legend)), "the report has legends to check");

      assert.deepEqual(report.flatMap(overlaps), []);
      assert.notDeepEqual(
        overlaps(svgs.find((s) => s.id === "control") ?? report[0]),
        [],
        "the check sees a covering legend",
      );

      for (const s of stacked) {
        const [first, ...rest] = s.panels;
        for (const p of rest) {
          assert.deepEqual(p.ticks, first.ticks, `${s.id}: the same x ticks at the same pixels in every panel`);
          assert.deepEqual([p.frame?.x, p.frame?.w], [first.frame?.x, first.frame?.w], `${s.id}: the same plot area`);
        }
      }
      for (const s of report) {
        for (const t of s.texts) {
          const within = t.x >= -0.5 && t.y >= -0.5 && t.x + t.w <= s.width + 0.5 && t.y + t.h <= s.height + 0.5;
          assert.ok(
            within,
            `${s.id}: "${t.text}" at ${t.x.toFixed(1)}, ${t.y.toFixed(1)} (${
              t.w.toFixed(1)
            } wide) leaves its ${s.width}×${s.height} SVG`,
          );
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
