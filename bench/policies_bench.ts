// What do the composed policies cost against hand-written loops of the same formulas?
// (1) PyTorch's one-cycle (cos annealing, two phases) and (2) an optax-style join of three
// policies (linear warm-up, a triangular cycle, a cosine decay), each filling 10^6
// iterations into a preallocated Float64Array with `sample()`. Both policies are group
// schedules, which allocate their small per-call array (the contract allows it, once per
// optimizer step); the target of issue 4 is 1.3x of the hand-written loop.
import { oneCycle } from "../mod.ts";
import { join } from "../mod.ts";
import { linear } from "../mod.ts";
import { cosineDecay } from "../mod.ts";
import { cyclicLR } from "../mod.ts";
import { sample } from "../mod.ts";
import { ratio } from "./_ratio.ts";

const N = 1_000_000;
const out = new Float64Array(N);
let sink = 0;

// One-cycle, as PyTorch's OneCycleLR.get_lr computes it.
const MAX_LR = 0.1, DIV = 25, FINAL_DIV = 1e4, PCT = 0.3;
function handOneCycle(): void {
  const initial = MAX_LR / DIV, min = initial / FINAL_DIV;
  const e1 = PCT * N - 1, e2 = N - 1;
  const cos = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  for (let t = 0; t < N; t++) {
    const x = t > e2 ? e2 : t;
    out[t] = x <= e1 ? cos(initial, MAX_LR, x / e1) : cos(MAX_LR, min, (x - e1) / (e2 - e1));
  }
  sink += out[N - 1];
}
const cycle = oneCycle({ maxLr: MAX_LR, totalSteps: N, cycleMomentum: false }).lr;

// A join of three: 10^4 steps of warm-up, cycles until 6 * 10^5, then a cosine decay.
const W = 10_000, C = 600_000, UP = 20_000, BASE = 0.001, TOP = 0.006, DECAY = N - C;
function handJoin(): void {
  for (let t = 0; t < N; t++) {
    if (t < W) {
      out[t] = (0 - TOP) * (1 - t / W) + TOP;
    } else if (t < C) {
      const r = (t - W) % (2 * UP);
      out[t] = BASE + (TOP - BASE) * (r <= UP ? r / UP : (2 * UP - r) / UP);
    } else {
      const k = Math.min(t - C, DECAY);
      out[t] = BASE * (0.5 * (1 + Math.cos((Math.PI * k) / DECAY)));
    }
  }
  sink += out[N - 1];
}
const joined = join([
  linear({ initValue: 0, endValue: TOP, transitionSteps: W }).lr,
  cyclicLR({ baseLr: BASE, maxLr: TOP, stepSizeUp: UP, cycleMomentum: false }).lr,
  cosineDecay({ initValue: BASE, decaySteps: DECAY }).lr,
], [W, C]);

ratio("one-cycle", [
  { name: "hand-written", iterations: N, run: handOneCycle },
  { name: "oneCycle+sample", iterations: N, run: () => (sink += sample(cycle, 0, N, out)[N - 1]) },
], { warmup: 3, runs: 7 });

ratio("join-of-three", [
  { name: "hand-written", iterations: N, run: handJoin },
  { name: "join+sample", iterations: N, run: () => (sink += sample(joined, 0, N, out)[N - 1]) },
], { warmup: 3, runs: 7 });

// The loops must agree, or the comparison means nothing.
for (const [hand, composed] of [[handOneCycle, cycle], [handJoin, joined]] as const) {
  hand();
  for (let t = 0; t < N; t += 9973) {
    const want = out[t], got = composed(t)[0];
    if (Math.abs(got - want) > 1e-12 * Math.abs(want) + 1e-18) throw new Error(`differ at t = ${t}: ${got} vs ${want}`);
  }
}
if (!Number.isFinite(sink)) throw new Error("unreachable");
