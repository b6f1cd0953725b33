// The SVG renderer and its helpers: well-formed XML (checked by a small parser here), nice
// and log ticks, no NaN for degenerate data, escaped text, schedule and range-test plots,
// and the `clr plot` command with a fake file system.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatTick, linearAxis, logAxis } from "../lib/plot/ticks.ts";
import { escapeXml, renderPlot, stackPlots } from "../lib/plot/svg.ts";
import { decimate } from "../lib/plot/decimate.ts";
import { plotSchedule } from "../lib/plot/plot_schedule.ts";
import { plotRangeTest } from "../lib/plot/plot_range_test_curve.ts";
import { cyclicLR } from "../mod.ts";
import { rangeTest } from "../lib/range_test/range_test_runner.ts";
import { suggestBounds } from "../lib/range_test/suggest_bounds.ts";
import { parsePlotArgs, type PlotDeps, runPlot } from "../cli/plot.ts";
import { loadPolicy } from "../cli/io.ts";

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict little XML parser, enough for SVG: elements, attributes in double quotes, text,
 * the five predefined entities and numeric references. Throws on anything malformed
 * (unclosed or mismatched tags, a raw `<` or `&` in text or attributes, duplicate
 * attributes, content after the root).
 */
function parseXml(xml: string): XmlElement {
  let i = 0;
  const entity = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
  const checkText = (text: string, where: string) => {
    for (let k = text.indexOf("&"); k >= 0; k = text.indexOf("&", k + 1)) {
      if (!entity.test(text.slice(k))) throw new Error(`bad entity in ${where} at ${k}: ${text.slice(k, k + 10)}`);
    }
    if (text.includes("<")) throw new Error(`raw < in ${where}`);
  };
  const ws = () => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  const element = (): XmlElement => {
    if (xml[i] !== "<") throw new Error(`expected < at ${i}`);
    i++;
    const name = /^[A-Za-z_][\w:.-]*/.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad tag name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: "" };
    for (;;) {
      ws();
      if (xml.startsWith("/>", i)) {
        i += 2;
        return el;
      }
      if (xml[i] === ">") {
        i++;
        break;
      }
      const m = /^([A-Za-z_][\w:.-]*)="([^"]*)"/.exec(xml.slice(i));
      if (!m) throw new Error(`bad attribute at ${i}: ${xml.slice(i, i + 30)}`);
      if (m[1] in el.attrs) throw new Error(`duplicate attribute ${m[1]}`);
      checkText(m[2], `attribute ${m[1]}`);
      el.attrs[m[1]] = m[2];
      i += m[0].length;
    }
    for (;;) {
      const next = xml.indexOf("<", i);
      if (next < 0) throw new Error(`unclosed <${name}>`);
      const text = xml.slice(i, next);
      checkText(text, `text of <${name}>`);
      el.text += text;
      i = next;
      if (xml.startsWith("</", i)) {
        const close = `</${name}>`;
        if (!xml.startsWith(close, i)) throw new Error(`expected ${close} at ${i}, got ${xml.slice(i, i + 20)}`);
        i += close.length;
        return el;
      }
      el.children.push(element());
    }
  };
  ws();
  const root = element();
  ws();
  if (i !== xml.length) throw new Error(`content after the root at ${i}`);
  return root;
}

function all(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
}

function checkSvg(svg: string): XmlElement {
  const root = parseXml(svg);
  assert.equal(root.name, "svg");
  assert.equal(root.attrs.xmlns, "http://www.w3.org/2000/svg");
  assert.ok(!/NaN|Infinity|undefined/.test(svg), "no NaN, Infinity or undefined in the output");
  return root;
}

describe("the XML checker itself", () => {
  test("rejects malformed documents", () => {
    for (
      const bad of ["<svg>", "<svg></g>", '<svg a="1" a="2"/>', "<svg>a < b</svg>", "<svg>a & b</svg>", "<svg/><svg/>"]
    ) {
      assert.throws(() => parseXml(bad), Error, bad);
    }
    assert.equal(parseXml('<svg a="&amp;"><g>x &lt; y</g></svg>').children[0].text, "x &lt; y");
  });
});

describe("ticks", () => {
  test("linear ticks are increasing, nice (1, 2 or 5 times a power of ten apart) and cover the data", () => {
    const ranges: [number, number][] = [[0, 1], [0.001, 0.006], [-3, 2.5], [1e-9, 3e-9], [123456, 123999], [-1e6, -2], [
      0.1,
      0.97,
    ], [7, 7.0000001]];
    for (const [lo, hi] of ranges) {
      const a = linearAxis(lo, hi);
      assert.ok(a.min <= lo && a.max >= hi, `${lo}..${hi}`);
      for (let k = 1; k < a.ticks.length; k++) assert.ok(a.ticks[k] > a.ticks[k - 1], `${lo}..${hi}: ${a.ticks}`);
      const step = a.ticks[1] - a.ticks[0];
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
      assert.ok([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6), `${lo}..${hi}: step ${step}`);
      assert.ok(a.ticks.length >= 2 && a.ticks.length <= 12, `${lo}..${hi}: ${a.ticks.length} ticks`);
    }
  });

  test("degenerate ranges get a finite axis: one value, no values, non-finite", () => {
    assert.deepEqual(linearAxis(0, 0).ticks.length > 1, true);
    assert.ok(linearAxis(5, 5).min < 5 && linearAxis(5, 5).max > 5);
    for (const [lo, hi] of [[Infinity, -Infinity], [NaN, 1], [0, Infinity]]) {
      const a = linearAxis(lo, hi);
      assert.ok([a.min, a.max, ...a.ticks].every(Number.isFinite) && a.min < a.max);
    }
  });

  test("log ticks are powers of ten; 2 and 5 appear only on short ranges", () => {
    const a = logAxis(1e-7, 10);
    assert.deepEqual(a.ticks, [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10]);
    assert.deepEqual([a.min, a.max], [1e-7, 10]);
    assert.deepEqual(logAxis(0.2, 0.6).ticks, [0.1, 0.2, 0.5, 1]);
    assert.deepEqual(logAxis(1e-4, 2).ticks, [1e-4, 1e-3, 1e-2, 0.1, 1, 10]);
    const wide = logAxis(1e-30, 1e30);
    assert.ok(wide.ticks.length <= 10);
    for (const t of wide.ticks) assert.ok(Number.isInteger(Math.log10(t)), `${t}`);
    for (let k = 1; k < wide.ticks.length; k++) assert.ok(wide.ticks[k] > wide.ticks[k - 1]);
  });

  test("log axis of nothing positive is still finite", () => {
    for (const [lo, hi] of [[0, 1], [-1, -0.5], [Infinity, -Infinity]]) {
      const a = logAxis(lo, hi);
      assert.ok(a.min > 0 && a.max > a.min && a.ticks.every(Number.isFinite));
    }
  });

  test("tick labels", () => {
    assert.deepEqual([0, 1e-4, 0.001, 0.30000000000000004, 2, 99999, 1e5, -2.5e-6].map(formatTick), [
      "0",
      "1e-4",
      "0.001",
      "0.3",
      "2",
      "99999",
      "1e5",
      "-2.5e-6",
    ]);
  });
});

describe("renderPlot", () => {
  test("is well-formed SVG with the title, labels, ticks and a legend entry per series", () => {
    const svg = renderPlot({
      title: "Rates",
      xLabel: "iteration",
      yLabel: "lr",
      series: [{ name: "a", x: [0, 1, 2], y: [1, 2, 3] }, { name: "b", x: [0, 1, 2], y: [3, 2, 1], dashed: true }],
      markers: [{ x: 1, label: "here" }],
    });
    const root = checkSvg(svg);
    const texts = all(root, "text").map((t) => t.text);
    for (const t of ["Rates", "iteration", "lr", "a", "b", "here"]) assert.ok(texts.includes(t), t);
    assert.equal(all(root, "path").length, 2);
    assert.equal(all(root, "line").filter((l) => l.attrs.class === "marker").length, 1);
  });

  test("degenerate data gives no NaN: empty, single point, constant, NaN-laden, non-positive on log axes", () => {
    const cases = [
      { series: [] },
      { series: [{ name: "one", x: [3], y: [7] }] },
      { series: [{ name: "flat", x: [0, 1, 2, 3], y: [0.5, 0.5, 0.5, 0.5] }] },
      { series: [{ name: "zero", x: [0, 0], y: [0, 0] }] },
      { series: [{ name: "nan", x: [0, 1, 2, 3], y: [NaN, 1, Infinity, 2] }] },
      { series: [{ name: "neg", x: [-1, 0, 1], y: [1, 2, 3] }], xScale: "log" as const },
      { series: [{ name: "allneg", x: [-1, -2], y: [1, 2] }], xScale: "log" as const, yScale: "log" as const },
      { series: [{ name: "huge", x: [0, 1], y: [-1e308, 1e308] }] },
      { series: [{ name: "m", x: [1, 2], y: [1, 2] }], markers: [{ x: NaN }, { x: Infinity, label: "x" }] },
      { series: [{ name: "d", x: [1, 2], y: [1, 2] }], yDomain: [NaN, 1] as [number, number] },
    ];
    for (const c of cases) checkSvg(renderPlot(c));
  });

  test("points beyond a non-finite value start a new line", () => {
    const root = checkSvg(renderPlot({ series: [{ name: "s", x: [0, 1, 2, 3, 4], y: [1, 2, NaN, 3, 4] }] }));
    const d = all(root, "path")[0].attrs.d;
    assert.equal(d.match(/M/g)?.length, 2);
  });

  test("a log x axis puts powers of ten equally apart", () => {
    const root = checkSvg(renderPlot({ series: [{ name: "s", x: [1e-6, 1e-3, 1], y: [1, 2, 3] }], xScale: "log" }));
    const xAxis = root.children.flatMap((c) => c.children).find((c) => c.attrs.class === "x-axis");
    assert.ok(xAxis);
    const labels = all(xAxis, "text").map((t) => t.text);
    assert.deepEqual(labels, ["1e-6", "1e-5", "1e-4", "0.001", "0.01", "0.1", "1"]);
    const xs = all(xAxis, "text").map((t) => Number(t.attrs.x));
    const gaps = xs.slice(1).map((x, k) => x - xs[k]);
    for (const g of gaps) assert.ok(Math.abs(g - gaps[0]) < 0.02, `${gaps}`);
  });

  test("y ticks are monotone on the page: higher values higher up", () => {
    const root = checkSvg(renderPlot({ series: [{ name: "s", x: [0, 1], y: [-3, 17] }] }));
    const yAxis = root.children.flatMap((c) => c.children).find((c) => c.attrs.class === "y-axis");
    assert.ok(yAxis);
    const ticks = all(yAxis, "text").map((t) => ({ v: Number(t.text), y: Number(t.attrs.y) }));
    for (let k = 1; k < ticks.length; k++) assert.ok(ticks[k].v > ticks[k - 1].v && ticks[k].y < ticks[k - 1].y);
  });

  test("text is escaped everywhere", () => {
    const evil = `<script>alert("x" & 'y')</script>`;
    const svg = renderPlot({
      title: evil,
      xLabel: evil,
      yLabel: evil,
      series: [{ name: evil, x: [0, 1], y: [0, 1] }],
      markers: [{ x: 0.5, label: evil }],
    });
    checkSvg(svg);
    assert.ok(!svg.includes("<script"));
    assert.equal(escapeXml("a\u0000b"), "ab");
  });

  test("bad sizes are named", () => {
    assert.throws(() => renderPlot({ series: [], width: 10 }), {
      name: "RangeError",
      message: "width: expected a number of pixels in [100, 100000], got 10",
    });
  });

  test("stackPlots stacks panels, each with its own clip path", () => {
    const root = checkSvg(
      stackPlots(
        [{ series: [{ name: "a", x: [0, 1], y: [0, 1] }] }, { series: [{ name: "b", x: [0, 1], y: [1, 0] }] }],
        { height: 250 },
      ),
    );
    assert.equal(root.attrs.height, "500");
    const ids = all(root, "clipPath").map((c) => c.attrs.id);
    assert.equal(new Set(ids).size, 2);
  });
});

describe("legends and stacked panels that line up", () => {
  const frameOf = (plot: XmlElement) => {
    const r = plot.children.find((c) => c.name === "rect" && c.attrs.fill === "none");
    assert.ok(r, "a plot area");
    return { x: Number(r.attrs.x), y: Number(r.attrs.y), w: Number(r.attrs.width), h: Number(r.attrs.height) };
  };
  const plotsOf = (root: XmlElement) => all(root, "g").filter((g) => g.attrs.class === "plot");
  const ticksOf = (plot: XmlElement) => {
    const axis = plot.children.find((c) => c.attrs.class === "x-axis");
    assert.ok(axis);
    return all(axis, "text").map((t) => `${t.text}@${t.attrs.x}`);
  };
  const legendOf = (plot: XmlElement) => {
    const g = plot.children.find((c) => c.attrs.class === "legend");
    const r = g?.children.find((c) => c.name === "rect");
    assert.ok(r, "a legend");
    return { x: Number(r.attrs.x), w: Number(r.attrs.width) };
  };
  const rising = [{ name: "rising to the corner", x: [0, 1, 2], y: [0, 1, 2] }];

  test('legendPosition "right" puts the legend outside the plotting area, which narrows to make room', () => {
    const inside = plotsOf(checkSvg(renderPlot({ title: "t", series: rising })))[0];
    const right = plotsOf(checkSvg(renderPlot({ title: "t", series: rising, legendPosition: "right" })))[0];
    const a = frameOf(inside), b = frameOf(right), legend = legendOf(right);
    assert.ok(legendOf(inside).x < a.x + a.w, "the default stays inside");
    assert.ok(b.w < a.w && legend.x > b.x + b.w && legend.x + legend.w <= 640, `${JSON.stringify([b, legend])}`);
  });

  test("xDomain sets the x axis, whatever the data", () => {
    const plot = plotsOf(checkSvg(renderPlot({ series: rising, xDomain: [0, 10] })))[0];
    const labels = ticksOf(plot).map((t) => t.split("@")[0]);
    assert.equal(labels[0], "0");
    assert.equal(labels.at(-1), "10");
  });

  test("stackPlots: panels with different x extents and legends share the x axis and the plot area", () => {
    const loss = {
      title: "loss",
      series: [{ name: "loss", x: [0, 1, 2], y: [3, 2, 4] }],
      legendPosition: "right" as const,
    };
    const accuracy = {
      title: "accuracy",
      series: [{ name: "a much longer legend entry", x: [1.2, 1.8], y: [0.5, 0.9] }],
      legendPosition: "right" as const,
    };
    const [top, bottom] = plotsOf(checkSvg(stackPlots([loss, accuracy])));
    assert.deepEqual(ticksOf(bottom), ticksOf(top));
    const [a, b] = [frameOf(top), frameOf(bottom)];
    assert.deepEqual([b.x, b.w], [a.x, a.w]);
    assert.ok(legendOf(top).x > a.x + a.w && legendOf(bottom).x > b.x + b.w);
    const [own1, own2] = plotsOf(checkSvg(stackPlots([loss, accuracy], { shareX: false })));
    assert.notDeepEqual(ticksOf(own2), ticksOf(own1), "shareX: false keeps each panel's own range");
  });
});

describe("decimate", () => {
  test("keeps the first, last, lowest and highest points of every bucket, in order", () => {
    const x = Array.from({ length: 10_000 }, (_, i) => i);
    const y = x.map((i) => Math.sin(i / 300) + (i === 4321 ? 5 : 0));
    const thin = decimate(x, y, 50);
    assert.ok(thin.x.length <= 200);
    assert.equal(thin.x[0], 0);
    assert.equal(thin.x[thin.x.length - 1], 9999);
    assert.ok(thin.x.includes(4321));
    for (let k = 1; k < thin.x.length; k++) assert.ok(thin.x[k] > thin.x[k - 1]);
  });
});

describe("plotSchedule and plotRangeTest", () => {
  test("a policy with momentum gives two panels; a long schedule stays small", () => {
    const policy = cyclicLR({ baseLr: [0.001, 0.0001], maxLr: [0.006, 0.0006], stepSize: 2000 });
    const svg = plotSchedule(policy, { steps: 200_000 });
    const root = checkSvg(svg);
    assert.equal(all(root, "g").filter((g) => g.attrs.class === "plot").length, 2);
    assert.ok(svg.length < 400_000, `${svg.length} bytes`);
    const texts = all(root, "text").map((t) => t.text);
    assert.ok(texts.includes("group 0") && texts.includes("group 1") && texts.includes("0.006"));
  });

  test("a scalar schedule and a start offset", () => {
    const root = checkSvg(plotSchedule((t: number) => 1 / (1 + t), { steps: 50, start: 100, title: "decay" }));
    const xAxis = root.children.flatMap((c) => c.children).find((c) => c.attrs.class === "x-axis");
    assert.ok(xAxis);
    assert.equal(Number(all(xAxis, "text")[0].text), 100);
  });

  test("bad steps are named", () => {
    assert.throws(() => plotSchedule(() => [1], { steps: 0 }), {
      name: "RangeError",
      message: "steps: expected a positive integer, got 0",
    });
  });

  test("a range test with its suggestion: both metrics, the bounds marked, log axis for an exponential ramp", async () => {
    const curve = await rangeTest((lr, t) => ({
      loss: 2 - Math.tanh(Math.log10(lr) + 3) + (lr > 1 ? lr * 10 : 0),
      ...(t % 10 === 0 ? { accuracy: 0.5 + 0.4 * Math.tanh(Math.log10(lr) + 3) } : {}),
    }), { minLr: 1e-6, maxLr: 10, iterations: 120, mode: "exponential", restore: false });
    const s = suggestBounds(curve);
    assert.ok(s.ok);
    const root = checkSvg(plotRangeTest(curve, s));
    const texts = all(root, "text").map((t) => t.text);
    assert.ok(texts.some((t) => t.startsWith("baseLr ")) && texts.some((t) => t.startsWith("maxLr ")));
    assert.ok(texts.includes("1e-6") && texts.includes("10"));
    assert.ok(texts.includes("LR range test (accuracy rule)"));
    assert.equal(all(root, "line").filter((l) => l.attrs.class === "marker").length, 4);
  });

  test("a range test without any metric or suggestion still draws", async () => {
    const curve = await rangeTest(() => undefined, { minLr: 0.1, maxLr: 1, iterations: 3, restore: false });
    checkSvg(plotRangeTest(curve, suggestBounds(curve)));
    checkSvg(plotRangeTest(curve));
  });
});

describe("clr plot", () => {
  const config = '{"policy": "cyclic", "baseLr": 0.001, "maxLr": 0.006, "stepSizeUp": 10}';
  function fakeDeps(files: Record<string, string>) {
    const written: Record<string, string> = {};
    const stderr: string[] = [];
    const out = { stdout: "", stderr, written };
    const deps: PlotDeps = {
      readInput: (path) => (path in files ? Promise.resolve(files[path]) : Promise.reject(new Error("ENOENT"))),
      writeFile: (path, text) => {
        written[path] = text;
        return Promise.resolve();
      },
      writeOut: (t) => {
        out.stdout += t;
        return Promise.resolve();
      },
      writeErr: (lines) => void stderr.push(...lines),
      load: loadPolicy,
    };
    return { deps, out };
  }

  test("parses flags in both forms", () => {
    assert.deepEqual(parsePlotArgs(["c.json", "--steps", "100", "--start=5", "--out", "x.svg", "--width", "800"]), {
      help: false,
      config: "c.json",
      steps: 100,
      start: 5,
      out: "x.svg",
      width: 800,
    });
  });

  test("bad arguments are UsageErrors that name the flag", () => {
    const cases: [string[], string][] = [
      [["c.json"], "missing --steps N"],
      [["c.json", "--steps", "0"], '--steps: expected an integer from 1 to 10000000, got "0"'],
      [["c.json", "--steps", "1e3"], '--steps: expected an integer from 1 to 10000000, got "1e3"'],
      [["c.json", "--steps", "5", "--start", "x"], '--start: expected a non-negative integer, got "x"'],
      [["c.json", "--steps", "5", "--width", "50"], '--width: expected an integer from 100 to 100000, got "50"'],
      [["c.json", "--steps", "5", "--out="], '--out: expected a non-empty value, got ""'],
      [["--steps", "5"], "missing CONFIG.json"],
      [["c.json", "--steps", "5", "--bogus"], 'unknown option "--bogus"'],
    ];
    for (const [args, message] of cases) assert.throws(() => parsePlotArgs(args), { name: "UsageError", message });
  });

  test("writes the SVG to stdout, or to --out", async () => {
    const a = fakeDeps({ "c.json": config });
    assert.equal(await runPlot(["c.json", "--steps", "40"], a.deps), 0);
    checkSvg(a.out.stdout);
    assert.ok(a.out.stdout.includes("Momentum"));
    assert.deepEqual(a.out.stderr, []);
    const b = fakeDeps({ "c.json": config });
    assert.equal(await runPlot(["c.json", "--steps", "40", "--out", "p.svg", "--title", "mine"], b.deps), 0);
    assert.equal(b.out.stdout, "");
    assert.ok(b.out.written["p.svg"].includes(">mine<"));
    checkSvg(b.out.written["p.svg"]);
  });

  test("a config that does not decode: exit 1, its errors on stderr, nothing on stdout", async () => {
    const a = fakeDeps({ "bad.json": '{"policy": "cyclic", "stepSizeUp": -3}' });
    assert.equal(await runPlot(["bad.json", "--steps", "10"], a.deps), 1);
    assert.equal(a.out.stdout, "");
    assert.deepEqual(a.out.stderr, ["stepSizeUp: expected a positive integer, got -3"]);
  });

  test("a missing file exits 1; --help prints the usage", async () => {
    const a = fakeDeps({});
    assert.equal(await runPlot(["none.json", "--steps", "10"], a.deps), 1);
    assert.deepEqual(a.out.stderr, ["none.json: cannot be read (ENOENT)"]);
    const b = fakeDeps({});
    assert.equal(await runPlot(["--help"], b.deps), 0);
    assert.match(b.out.stdout, /^Usage: clr plot CONFIG.json --steps N/);
  });
});
