// HF transformers' GreedyLR and StreamingAverage (src/transformers/optimization.py),
// transcribed as the test oracle: a mutable object over absolute group rates, line for line
// as the Python reads, written apart from lib/metric/greedy_state.ts.

/** HF's StreamingAverage. */
class StreamingAverage {
  values: number[] = [];
  sum = 0;
  constructor(readonly windowSize: number) {}
  streamavg(value: number): number {
    this.values.push(value);
    this.sum += value;
    if (this.values.length > this.windowSize) {
      const removed = this.values.shift() as number;
      this.sum -= removed;
    }
    return this.sum / this.values.length;
  }
}

/** GreedyLR's arguments (camelCased), every one given. */
export interface GreedyArgs {
  mode: "min" | "max";
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: "rel" | "abs";
  cooldown: number;
  warmup: number;
  minLr: number[];
  maxLr: number[];
  eps: number;
  smooth: boolean;
  windowSize: number;
  resetStart: number;
}

/** HF's defaults. */
export const HF_DEFAULTS: Omit<GreedyArgs, "minLr" | "maxLr"> & { minLr: number; maxLr: number } = {
  mode: "min",
  factor: 0.95,
  patience: 10,
  threshold: 1e-6,
  thresholdMode: "abs",
  cooldown: 0,
  warmup: 0,
  minLr: 1e-3,
  maxLr: 1.0,
  eps: 1e-8,
  smooth: false,
  windowSize: 50,
  resetStart: 500,
};

/** HF's GreedyLR over an optimizer's group rates (`lrs`, mutated as param_group["lr"]). */
export class HfGreedyLR {
  lrs: number[];
  readonly initLrs: number[];
  cooldownCounter = 0;
  warmupCounter = 0;
  best: number;
  numBadEpochs = 0;
  numGoodEpochs = 0;
  resetStart: number;
  streamingAvg: StreamingAverage | null;

  constructor(lrs: number[], readonly a: GreedyArgs) {
    this.lrs = [...lrs];
    this.initLrs = [...lrs];
    this.best = a.mode === "min" ? Infinity : -Infinity;
    this.resetStart = a.resetStart;
    this.streamingAvg = a.smooth ? new StreamingAverage(a.windowSize) : null;
  }

  step(metrics: number): void {
    let current = metrics;
    if (this.a.smooth && this.streamingAvg !== null) current = this.streamingAvg.streamavg(current);
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
      this.numGoodEpochs = 0;
    } else if (this.warmupCounter > 0) {
      this.warmupCounter -= 1;
      this.numBadEpochs = 0;
      this.numGoodEpochs = 0;
    } else {
      if (this.isBetter(current, this.best)) {
        this.best = current;
        this.numBadEpochs = 0;
        this.numGoodEpochs += 1;
      } else {
        this.numBadEpochs += 1;
        this.numGoodEpochs = 0;
      }
      if (this.numGoodEpochs > this.a.patience) {
        this.increaseLr();
        this.warmupCounter = this.a.warmup;
        this.numGoodEpochs = 0;
      } else if (this.numBadEpochs > this.a.patience) {
        this.reduceLr();
        this.cooldownCounter = this.a.cooldown;
        this.numBadEpochs = 0;
      }
    }
  }

  isBetter(current: number, best: number): boolean {
    if (this.a.mode === "min") {
      if (this.a.thresholdMode === "rel") return current < best * (1.0 - this.a.threshold);
      return current < best - this.a.threshold;
    }
    if (this.a.thresholdMode === "rel") return current > best * (1.0 + this.a.threshold);
    return current > best + this.a.threshold;
  }

  reduceLr(): void {
    let allAtMin = true;
    for (let i = 0; i < this.lrs.length; i++) {
      const oldLr = this.lrs[i];
      const newLr = pyMax(oldLr * this.a.factor, this.a.minLr[i]);
      if (oldLr - newLr > this.a.eps) this.lrs[i] = newLr;
      if (this.lrs[i] > this.a.minLr[i]) allAtMin = false;
    }
    if (allAtMin) {
      this.resetStart -= 1;
      if (this.resetStart <= 0) this.reset();
    }
  }

  increaseLr(): void {
    for (let i = 0; i < this.lrs.length; i++) {
      const oldLr = this.lrs[i];
      const newLr = pyMin(oldLr / this.a.factor, this.a.maxLr[i]);
      if (newLr - oldLr > this.a.eps) this.lrs[i] = newLr;
    }
    this.resetStart = this.a.resetStart;
  }

  reset(): void {
    this.lrs = [...this.initLrs];
    this.best = this.a.mode === "min" ? Infinity : -Infinity;
    this.numBadEpochs = 0;
    this.numGoodEpochs = 0;
    this.cooldownCounter = 0;
    this.warmupCounter = 0;
    this.resetStart = this.a.resetStart;
    if (this.a.smooth && this.streamingAvg !== null) this.streamingAvg = new StreamingAverage(this.a.windowSize);
  }
}

/** Python's max(a, b): a unless b > a. */
function pyMax(a: number, b: number): number {
  return b > a ? b : a;
}

/** Python's min(a, b): a unless b < a. */
function pyMin(a: number, b: number): number {
  return b < a ? b : a;
}
