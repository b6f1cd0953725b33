import { checkIteration } from "../lib/_check.ts";
import { amplitude, between } from "../lib/amplitude.ts";
import { flat } from "../lib/scale.ts";
import { triangle } from "../lib/wave.ts";
const N = 10_000_000, out = new Float64Array(N); let sink = 0;
function hand(base: number, max: number, up: number): void {
  const period = 2 * up; const span = max - base;
  for (let t = 0; t < N; t++) { const r = t % period; out[t] = base + span * (r <= up ? r / up : (period - r) / up); }
  sink += out[N - 1];
}
function handChecked(base: number, max: number, up: number): void {
  const period = 2 * up; const span = max - base;
  for (let t = 0; t < N; t++) { checkIteration(t); const r = t % period; out[t] = base + span * (r <= up ? r / up : (period - r) / up); }
  sink += out[N - 1];
}
const composed = between(0.001, 0.006, amplitude(triangle({ stepSizeUp: 2000 }), flat));
const cases: [string, () => void][] = [
  ["hand", () => hand(0.001, 0.006, 2000)],
  ["hand+checkIteration", () => handChecked(0.001, 0.006, 2000)],
  ["composed", () => { for (let t = 0; t < N; t++) out[t] = composed(t); sink += out[N - 1]; }],
];
const mins = cases.map(() => Infinity);
for (let r = 0; r < 21; r++) cases.forEach(([, f], i) => { const s0 = performance.now(); f(); mins[i] = Math.min(mins[i], performance.now() - s0); });
console.log(cases.map(([n], i) => `${n} ${(mins[i] * 1e6 / N).toFixed(2)}ns ${(mins[i] / mins[0]).toFixed(2)}x`).join(" | "));
