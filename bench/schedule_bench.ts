// How much do the library's combinators cost? The triangular policy for 10^7 iterations:
// (a) a hand-written closed-form loop (the baseline), (b) the same scalar schedule built
// from combinators, `between(base, max, amplitude(triangle({ stepSizeUp }), flat))`, called
// once per iteration into a preallocated Float64Array, and (c) `sample()` of that schedule
// into the same preallocated array (its `into` argument). Target: (b) within 1.3x of (a)
// on every runtime. (d) is (a) plus the `checkIteration(t)` call that the contract puts in
// every schedule closure: the part of (b)'s cost that is the check, not the combinators.
// (Without `into`, sample pays for a fresh 80 MB array every call: its
// page faults alone cost about as much as the loop.)
import { checkIteration } from "../lib/_check.ts";
import { amplitude, between } from "../mod.ts";
import { sample } from "../mod.ts";
import { flat } from "../mod.ts";
import { triangle } from "../mod.ts";
import { ratio } from "./_ratio.ts";

const N = 10_000_000;
const BASE = 0.001;
const MAX = 0.006;
const STEP = 2000;
const out = new Float64Array(N);
let sink = 0;

function handWritten(base: number, max: number, up: number): void {
  const period = 2 * up;
  const span = max - base;
  for (let t = 0; t < N; t++) {
    const r = t % period;
    out[t] = base + span * (r <= up ? r / up : (period - r) / up);
  }
  sink += out[N - 1];
}

/** The baseline plus the iteration check every schedule closure must make: its cost alone. */
function handWrittenChecked(base: number, max: number, up: number): void {
  const period = 2 * up;
  const span = max - base;
  for (let t = 0; t < N; t++) {
    checkIteration(t);
    const r = t % period;
    out[t] = base + span * (r <= up ? r / up : (period - r) / up);
  }
  sink += out[N - 1];
}

const composed = between(BASE, MAX, amplitude(triangle({ stepSizeUp: STEP }), flat));

ratio("schedule", [
  { name: "hand-written", iterations: N, run: () => handWritten(BASE, MAX, STEP) },
  {
    name: "composed",
    iterations: N,
    run: () => {
      for (let t = 0; t < N; t++) out[t] = composed(t);
      sink += out[N - 1];
    },
  },
  { name: "hand-written+check", iterations: N, run: () => handWrittenChecked(BASE, MAX, STEP) },
  { name: "sample", iterations: N, run: () => (sink += sample(composed, 0, N, out)[N - 1]) },
], { warmup: 5, runs: 9 });

// Both loops must compute the same numbers, or the comparison means nothing.
handWritten(BASE, MAX, STEP);
for (let t = 0; t < N; t += 9973) {
  if (Math.abs(out[t] - composed(t)) > 1e-15) throw new Error(`hand-written and composed differ at t = ${t}`);
}
if (!Number.isFinite(sink)) throw new Error("unreachable");
