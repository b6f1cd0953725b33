// The reference formulas of the 0.2 policies, transcribed line by line from their sources in
// float64 (JavaScript's Math, so independent of lib/_math), for the tests to run against:
// HF transformers src/transformers/optimization.py (_get_wsd_scheduler_lambda,
// get_wsd_schedule, _get_inverse_sqrt_schedule_lr_lambda), timm timm/scheduler/wsd_lr.py
// (WSDLRScheduler._get_lr) and scheduler.py (Scheduler._add_noise), Keras
// keras/src/optimizers/schedules/learning_rate_schedule.py (InverseTimeDecay.__call__),
// PyTorch torch/optim/lr_scheduler.py (ChainedScheduler over the chainable get_lr forms), and
// the SplitMix64 generator of the config spec in BigInt.

/** HF `_get_wsd_scheduler_lambda`, as written. */
export function hfWsdLambda(
  step: number,
  o: {
    numWarmupSteps: number;
    numStableSteps: number;
    numDecaySteps: number;
    warmupType: string;
    decayType: string;
    minLrRatio: number;
    numCycles: number;
    decayPower?: number; // timm's `1 - p^q`, which HF does not have: the spec's `power` shape
  },
): number {
  const { numWarmupSteps: w, numStableSteps: s, numDecaySteps: d, minLrRatio: r } = o;
  if (step < w) {
    const progress = step / Math.max(1, w);
    let factor = 0;
    if (o.warmupType === "linear") factor = progress;
    else if (o.warmupType === "cosine") factor = 0.5 * (1.0 - Math.cos(Math.PI * progress));
    else if (o.warmupType === "1-sqrt") factor = 1.0 - Math.sqrt(1.0 - progress);
    factor = factor * (1.0 - r) + r;
    return Math.max(0.0, factor);
  }
  if (step < w + s) return 1.0;
  if (step < w + s + d) {
    const progress = (step - w - s) / Math.max(1, d);
    let factor = 0;
    if (o.decayType === "linear") factor = 1.0 - progress;
    else if (o.decayType === "cosine") factor = 0.5 * (1.0 + Math.cos(Math.PI * o.numCycles * 2.0 * progress));
    else if (o.decayType === "1-sqrt") factor = 1.0 - Math.sqrt(progress);
    else if (o.decayType === "power") factor = 1.0 - progress ** (o.decayPower ?? 1);
    factor = factor * (1.0 - r) + r;
    return Math.max(0.0, factor);
  }
  return r;
}

/** HF `get_wsd_schedule`'s stable steps: `num_training_steps - num_warmup_steps - num_decay_steps` when not given. */
export function hfStableSteps(
  o: { numWarmupSteps: number; numDecaySteps: number; numTrainingSteps?: number; numStableSteps?: number },
): number {
  if (o.numStableSteps !== undefined) return o.numStableSteps;
  if (o.numTrainingSteps === undefined) {
    throw new Error("Either num_training_steps or num_stable_steps must be specified.");
  }
  return o.numTrainingSteps - o.numWarmupSteps - o.numDecaySteps;
}

/** HF `_get_inverse_sqrt_schedule_lr_lambda`, with `get_inverse_sqrt_schedule`'s timescale default. */
export function hfInverseSqrtLambda(step: number, numWarmupSteps: number, timescale?: number): number {
  const tau = timescale ?? (numWarmupSteps || 10_000);
  if (step < numWarmupSteps) return step / Math.max(1, numWarmupSteps);
  const shift = tau - numWarmupSteps;
  return 1.0 / Math.sqrt((step + shift) / tau);
}

/** `LambdaLR`: the base rate times the lambda. */
export function lambdaLR(baseLr: number, lambda: number): number {
  return baseLr * lambda;
}

/** Keras `InverseTimeDecay.__call__`, in float64. */
export function kerasInverseTimeDecay(
  step: number,
  initial: number,
  decaySteps: number,
  decayRate: number,
  staircase: boolean,
): number {
  let p = step / decaySteps;
  if (staircase) p = Math.floor(p);
  return initial / (1 + decayRate * p);
}

/** timm `WSDLRScheduler._get_lr` with `stable_fn="constant"` (one group). */
export function timmWsd(
  t: number,
  o: {
    baseLr: number;
    tInitial: number;
    decayT: number;
    lrMin: number;
    decayFn: "linear" | "1-sqrt" | "cosine" | "power";
    decayPower: number;
    warmupT: number;
    warmupLrInit: number;
  },
): number {
  const decay = (frac: number): number => {
    if (o.decayFn === "linear") return 1 - frac;
    if (o.decayFn === "1-sqrt") return 1 - Math.sqrt(frac);
    if (o.decayFn === "cosine") return 0.5 * (1 + Math.cos(Math.PI * frac));
    return 1 - frac ** o.decayPower;
  };
  if (t < o.warmupT) {
    const step = (o.baseLr - o.warmupLrInit) / o.warmupT;
    return o.warmupLrInit + t * step;
  }
  const ts = t - o.warmupT;
  const stable = Math.max(o.baseLr * 1, o.lrMin);
  const tDecay = ts - (o.tInitial - o.decayT);
  if (tDecay <= 0) return stable;
  const d = decay(Math.min(tDecay / o.decayT, 1));
  return o.lrMin + (stable - o.lrMin) * d;
}

/** timm `Scheduler._add_noise` with the noise `noise(t)` of a generator: `v + v * noise` inside the range. */
export function timmAddNoise(
  lrs: readonly number[],
  t: number,
  noiseRangeT: number | readonly [number, number] | undefined,
  noiseAt: (t: number) => number,
): number[] {
  if (noiseRangeT === undefined) return [...lrs];
  const apply = typeof noiseRangeT === "number" ? t >= noiseRangeT : noiseRangeT[0] <= t && t < noiseRangeT[1];
  if (!apply) return [...lrs];
  const noise = noiseAt(t);
  return lrs.map((v) => v + v * noise);
}

const MASK = (1n << 64n) - 1n;

/** The spec's SplitMix64 stream of step `t`, in BigInt, as the spec writes it. */
export function splitMix64Stream(seed: number, t: number): () => number {
  let s = (BigInt(seed) + BigInt(t) * 0xD1B54A32D192ED03n) & MASK;
  return () => {
    s = (s + 0x9E3779B97F4A7C15n) & MASK;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
    z = z ^ (z >> 31n);
    return Number(z >> 11n) * 2 ** -53;
  };
}

/** The raw 64-bit outputs of the spec's stream of step `t` (for the published SplitMix64 vectors). */
export function splitMix64Raw(seed: number, t: number, count: number): bigint[] {
  let s = (BigInt(seed) + BigInt(t) * 0xD1B54A32D192ED03n) & MASK;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    s = (s + 0x9E3779B97F4A7C15n) & MASK;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

/** The spec's `ε(t)` in plain Math (Math.log, Math.cos, Math.sin): within an ulp of the library's. */
export function specEpsilon(seed: number, t: number, pct: number, type: "normal" | "uniform"): number {
  const next = splitMix64Stream(seed, t);
  if (type === "uniform") return 2 * (next() - 0.5) * pct;
  for (;;) {
    const u1 = next(), u2 = next();
    const rho = Math.sqrt(-2 * Math.log(1 - u1));
    const theta = 2 * Math.PI * u2;
    const a = rho * Math.cos(theta);
    if (Math.abs(a) < pct) return a;
    const b = rho * Math.sin(theta);
    if (Math.abs(b) < pct) return b;
  }
}

/** A chainable PyTorch scheduler: its get_lr at `lastEpoch` from the current rate (initial: the constructor's step). */
export interface Chainable {
  getLr(lr: number, lastEpoch: number, initial: boolean): number;
}

/** PyTorch's chainable forms (get_lr), for one group. */
export const torch = {
  ExponentialLR: (gamma: number): Chainable => ({ getLr: (lr, _e, initial) => (initial ? lr : lr * gamma) }),
  StepLR: (stepSize: number, gamma = 0.1): Chainable => ({
    getLr: (lr, e) => (e === 0 || e % stepSize !== 0 ? lr : lr * gamma),
  }),
  MultiStepLR: (milestones: readonly number[], gamma = 0.1): Chainable => ({
    getLr: (lr, e) => {
      const count = milestones.filter((m) => m === e).length;
      return count === 0 ? lr : lr * gamma ** count;
    },
  }),
  ConstantLR: (factor = 1 / 3, totalIters = 5): Chainable => ({
    getLr: (lr, e) => (e === 0 ? lr * factor : e !== totalIters ? lr : lr * (1.0 / factor)),
  }),
  LinearLR: (startFactor = 1 / 3, endFactor = 1.0, totalIters = 5): Chainable => ({
    getLr: (lr, e, initial) => {
      if (e === 0) return lr * startFactor;
      if (initial || e > totalIters) return lr;
      return lr * (1.0 + (endFactor - startFactor) / (totalIters * startFactor + (e - 1) * (endFactor - startFactor)));
    },
  }),
};

/**
 * `ChainedScheduler(schedulers)` over one group of base rate `baseLr`: each scheduler steps
 * once at construction (last_epoch 0, in order), then all step in turn at every step.
 * Returns the rate of epochs 0 … n-1.
 */
export function chainedScheduler(baseLr: number, schedulers: readonly Chainable[], n: number): number[] {
  let lr = baseLr;
  for (const s of schedulers) lr = s.getLr(lr, 0, true);
  const out = [lr];
  for (let e = 1; e < n; e++) {
    for (const s of schedulers) lr = s.getLr(lr, e, false);
    out.push(lr);
  }
  return out;
}
