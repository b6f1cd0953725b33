// What do bit-identical schedules cost? Two of the library's schedules, a cosine cycle
// (cyclicLR's `wave: "cosine"`: `base + span * (1 - cos(pi r / up)) / 2`) and exp_range
// (`base + span * triangle(t) * gamma^t`), built from the library's own pieces, each sampled
// for 10^6 iterations into a preallocated Float64Array, with lib/_math's cos and
// powWithBase(gamma) (the library as shipped) against the same pieces with `Math.cos` and
// `gamma ** t`, the engine's approximations (the baseline). Target of issue 11: 1.5x. A
// schedule is evaluated once per optimizer step, so the ratio matters more than the tens of
// nanoseconds. (bench/math_bench.ts times the functions alone.)
import { checkIteration } from "../lib/_check.ts";
import { amplitudeOf } from "../lib/signal/amplitude.ts";
import { stretchSchedule } from "../lib/signal/stretch.ts";
import { cosineWave, exponential, flat, sample, type Scale, triangle, type Wave } from "../mod.ts";
import { ratio } from "./_ratio.ts";

const N = 1_000_000;
const BASE = [0.001], MAX = [0.006], UP = 2000, GAMMA = 0.999994;
const out = new Float64Array(N);
let sink = 0;

/** cosineWave's arithmetic, with the engine's Math.cos. */
function mathCosineWave(up: number, down: number): Wave {
  const period = up + down;
  return {
    period,
    cycle: (t) => (t - (t % period)) / period + 1,
    height: (t) => {
      checkIteration(t);
      const r = t % period;
      return r <= up ? (1 - Math.cos((Math.PI * r) / up)) / 2 : (1 + Math.cos((Math.PI * (r - up)) / down)) / 2;
    },
  };
}

/** exponential(gamma)'s arithmetic, with the engine's `**`. */
function mathExponential(gamma: number): Scale {
  return {
    mode: "iterations",
    fn: (t) => {
      checkIteration(t);
      return gamma ** t;
    },
  };
}

const cosineOurs = stretchSchedule(BASE, MAX, amplitudeOf({ wave: cosineWave({ stepSizeUp: UP }), scale: flat }));
const cosineMath = stretchSchedule(BASE, MAX, amplitudeOf({ wave: mathCosineWave(UP, UP), scale: flat }));
const expRangeOurs = stretchSchedule(
  BASE,
  MAX,
  amplitudeOf({ wave: triangle({ stepSizeUp: UP }), scale: exponential(GAMMA) }),
);
const expRangeMath = stretchSchedule(
  BASE,
  MAX,
  amplitudeOf({ wave: triangle({ stepSizeUp: UP }), scale: mathExponential(GAMMA) }),
);

ratio("cosine schedule", [
  { name: "Math.cos", iterations: N, run: () => (sink += sample(cosineMath, 0, N, out)[N - 1]) },
  { name: "lib/_math cos", iterations: N, run: () => (sink += sample(cosineOurs, 0, N, out)[N - 1]) },
], { warmup: 3, runs: 9 });

ratio("exp_range schedule", [
  { name: "gamma ** t", iterations: N, run: () => (sink += sample(expRangeMath, 0, N, out)[N - 1]) },
  { name: "powWithBase(gamma)", iterations: N, run: () => (sink += sample(expRangeOurs, 0, N, out)[N - 1]) },
], { warmup: 3, runs: 9 });

// The two schedules of each pair must compute (nearly) the same numbers, or the ratio means nothing.
for (const [ours, theirs] of [[cosineOurs, cosineMath], [expRangeOurs, expRangeMath]]) {
  for (let t = 0; t < N; t += 997) {
    const a = ours(t)[0], b = theirs(t)[0];
    if (!(Math.abs(a - b) <= 1e-12 * Math.abs(b))) throw new Error(`the pair differs at t = ${t}: ${a}, ${b}`);
  }
}
if (!Number.isFinite(sink)) throw new Error("unreachable");
