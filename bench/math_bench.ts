// What do the deterministic elementary functions (lib/_math) cost against the engine's Math.*?
// (1) a cosine wave, 0.5 (1 + cos(pi t / T)), the shape of one-cycle, cosine decay and warm
// restarts, and (2) an exp_range-like rate, base + span * h(t) * gamma^t with a triangular h,
// each for 10^6 iterations into a preallocated Float64Array, with Math.cos / `**` (the baseline)
// and with cos / pow. Target of issue 11: 1.5x. A schedule is evaluated once per optimizer step,
// so the absolute figure (tens of ns) matters less than the ratio; the per-function groups after
// them say where the time goes.
import { cos, sin } from "../lib/_math/trig.ts";
import { exp } from "../lib/_math/exp.ts";
import { log } from "../lib/_math/log.ts";
import { pow, powWithBase } from "../lib/_math/pow.ts";
import { tanh } from "../lib/_math/tanh.ts";
import { ratio } from "./_ratio.ts";

const N = 1_000_000;
const out = new Float64Array(N);
let sink = 0;

function cosineWave(c: (x: number) => number): void {
  for (let t = 0; t < N; t++) out[t] = 0.5 * (1 + c((Math.PI * t) / N));
  sink += out[N - 1];
}

const BASE = 0.001, SPAN = 0.005, STEP = 2000, GAMMA = 0.999994;
const power = powWithBase(GAMMA);
const gammaPower = (_: number, t: number) => power(t);
function expRange(power: (g: number, t: number) => number): void {
  for (let t = 0; t < N; t++) {
    const cycle = Math.floor(1 + t / (2 * STEP));
    const x = Math.abs(t / STEP - 2 * cycle + 1);
    out[t] = BASE + SPAN * Math.max(0, 1 - x) * power(GAMMA, t);
  }
  sink += out[N - 1];
}

ratio("cosine-wave", [
  { name: "Math.cos", iterations: N, run: () => cosineWave(Math.cos) },
  { name: "cos", iterations: N, run: () => cosineWave(cos) },
], { warmup: 3, runs: 9 });

ratio("exp_range", [
  { name: "gamma ** t", iterations: N, run: () => expRange((g, t) => g ** t) },
  { name: "pow(gamma, t)", iterations: N, run: () => expRange(pow) },
  { name: "powWithBase(gamma)(t)", iterations: N, run: () => expRange(gammaPower) },
], { warmup: 3, runs: 9 });

// Each function alone over arguments the policies use.
function each(f: (x: number) => number, a: number, b: number): void {
  const step = (b - a) / N;
  for (let i = 0; i < N; i++) out[i] = f(a + i * step);
  sink += out[N - 1];
}
for (
  const [name, ours, theirs, a, b] of [
    ["cos", cos, Math.cos, 0, Math.PI],
    ["sin", sin, Math.sin, 0, 2 * Math.PI],
    ["exp", exp, Math.exp, -20, 20],
    ["log", log, Math.log, 1e-6, 10],
    ["tanh", tanh, Math.tanh, -6, 6],
  ] as const
) {
  ratio(name, [
    { name: `Math.${name}`, iterations: N, run: () => each(theirs, a, b) },
    { name, iterations: N, run: () => each(ours, a, b) },
  ], { warmup: 3, runs: 7 });
}

// The two loops of each group must compute (nearly) the same numbers, or the ratio means nothing.
cosineWave(Math.cos);
const reference = out.slice();
cosineWave(cos);
for (let t = 0; t < N; t += 997) {
  if (Math.abs(out[t] - reference[t]) > 1e-15) throw new Error(`cosine waves differ at t = ${t}`);
}
if (!Number.isFinite(sink)) throw new Error("unreachable");
