// Renders the README's figures into docs/ (run: npx tsx scripts/figures.ts).
import { writeFileSync } from "node:fs";
import { cyclicLR } from "../mod.ts";
import { renderPlot, stackPlots } from "../plot.ts";

const steps = 12_000;
// Every 50th iteration: 50 divides the step size, so every corner of the waves is kept.
const stride = 50;
const x = Float64Array.from({ length: steps / stride + 1 }, (_, i) => i * stride);
const at = (s: (t: number) => readonly number[]) => x.map((t) => s(t)[0]);
const modes = [
  ["triangular", cyclicLR({ baseLr: 0.001, maxLr: 0.006, stepSize: 2000, mode: "triangular" })],
  ["triangular2", cyclicLR({ baseLr: 0.001, maxLr: 0.006, stepSize: 2000, mode: "triangular2" })],
  [
    "exp_range (gamma 0.9998)",
    cyclicLR({ baseLr: 0.001, maxLr: 0.006, stepSize: 2000, mode: "exp_range", gamma: 0.9998 }),
  ],
] as const;
const svg = stackPlots(
  modes.map(([name, policy]) => ({
    title: name,
    xLabel: "iteration",
    yLabel: "learning rate",
    series: [{ name, x, y: at(policy.lr) }],
    legend: false,
  })),
  { width: 640, height: 220 },
);
writeFileSync("docs/clr_modes.svg", svg);
const policy0Lr = modes[0][1].lr;
const momentum = renderPlot({
  title: "cyclicLR momentum (opposite to the rate)",
  xLabel: "iteration",
  series: [{ name: "momentum", x, y: at(modes[0][1].momentum ?? policy0Lr) }],
});
writeFileSync("docs/clr_momentum.svg", momentum);
console.log("wrote docs/clr_modes.svg, docs/clr_momentum.svg");
