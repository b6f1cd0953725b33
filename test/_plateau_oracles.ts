// Transcriptions of the three references, for the tests only: PyTorch's ReduceLROnPlateau
// (torch/optim/lr_scheduler.py: __init__, step, _reduce_lr, _is_better, _init_is_better),
// optax's contrib.reduce_on_plateau (optax/contrib/_reduce_on_plateau.py: init_fn, update_fn,
// _update_scale, in float64 as with jax_enable_x64) and timm's PlateauLRScheduler.step
// (timm/scheduler/plateau_lr.py, without noise), each written as the Python is, statement by
// statement, over mutable param groups. They share no code with lib/metric.

/** Python's `max(a, b)`: `a` unless `b > a`. */
const pyMax = (a: number, b: number): number => (b > a ? b : a);

/** torch.optim.lr_scheduler.ReduceLROnPlateau over `param_groups` of plain numbers. */
export class TorchReduceLROnPlateau {
  readonly paramGroups: { lr: number }[];
  readonly factor: number;
  readonly minLrs: number[];
  readonly patience: number;
  readonly cooldown: number;
  readonly eps: number;
  lastEpoch = 0;
  best = 0;
  cooldownCounter = 0;
  numBadEpochs = 0;
  readonly mode: "min" | "max";
  readonly threshold: number;
  readonly thresholdMode: "rel" | "abs";
  readonly modeWorse: number;

  constructor(
    lrs: readonly number[],
    o: {
      mode?: "min" | "max";
      factor?: number;
      patience?: number;
      threshold?: number;
      thresholdMode?: "rel" | "abs";
      cooldown?: number;
      minLr?: number | readonly number[];
      eps?: number;
    } = {},
  ) {
    const factor = o.factor ?? 0.1;
    if (factor >= 1.0) throw new Error("Factor should be < 1.0.");
    this.factor = factor;
    this.paramGroups = lrs.map((lr) => ({ lr }));
    const minLr = o.minLr ?? 0;
    this.minLrs = typeof minLr === "number" ? lrs.map(() => minLr) : [...minLr];
    this.patience = o.patience ?? 10;
    this.cooldown = o.cooldown ?? 0;
    this.eps = o.eps ?? 1e-8;
    this.mode = o.mode ?? "min";
    this.threshold = o.threshold ?? 1e-4;
    this.thresholdMode = o.thresholdMode ?? "rel";
    this.modeWorse = this.mode === "min" ? Infinity : -Infinity;
    this.reset();
  }

  reset(): void {
    this.best = this.modeWorse;
    this.cooldownCounter = 0;
    this.numBadEpochs = 0;
  }

  step(metrics: number): void {
    const current = metrics;
    const epoch = this.lastEpoch + 1;
    this.lastEpoch = epoch;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
  }

  reduceLr(): void {
    this.paramGroups.forEach((group, i) => {
      const oldLr = group.lr;
      const newLr = pyMax(oldLr * this.factor, this.minLrs[i]);
      if (oldLr - newLr > this.eps) group.lr = newLr;
    });
  }

  isBetter(a: number, best: number): boolean {
    if (this.mode === "min" && this.thresholdMode === "rel") {
      const relEpsilon = 1.0 - this.threshold;
      return a < best * relEpsilon;
    } else if (this.mode === "min" && this.thresholdMode === "abs") {
      return a < best - this.threshold;
    } else if (this.mode === "max" && this.thresholdMode === "rel") {
      const relEpsilon = this.threshold + 1.0;
      return a > best * relEpsilon;
    }
    return a > best + this.threshold;
  }
}

/** optax.contrib.reduce_on_plateau's state and update, with the value of every update. */
export class OptaxReduceOnPlateau {
  scale = 1.0;
  bestValue = Infinity;
  plateauCount = 0;
  cooldownCount = 0;
  count = 0;
  avgValue = 0.0;

  constructor(
    readonly o: {
      factor: number;
      patience: number;
      rtol: number;
      atol: number;
      cooldown: number;
      accumulationSize: number;
      minScale: number;
    },
  ) {}

  /** `update_fn`: returns the scale the updates are multiplied by. */
  update(value: number): number {
    const count = this.count;
    const newCount = count + 1;
    const newAvgValue = (count * this.avgValue + value) / newCount;
    this.avgValue = newAvgValue;
    this.count = newCount;
    if (newCount === this.o.accumulationSize) this.updateScale();
    return this.scale;
  }

  private updateScale(): void {
    const { rtol, atol, patience, factor, minScale, cooldown } = this.o;
    const avgValue = this.avgValue;
    const hasImproved = avgValue < (1 - rtol) * this.bestValue - atol ? 1 : 0;
    const newBestValue = hasImproved ? avgValue : this.bestValue;
    const currPlateauCount = hasImproved ? 0 : this.plateauCount + 1;
    let newPlateauCount: number, newScale: number, newCooldownCount: number;
    if (this.cooldownCount > 0) {
      newPlateauCount = 0;
      newScale = this.scale;
      newCooldownCount = this.cooldownCount - 1;
    } else {
      newPlateauCount = currPlateauCount === patience ? 0 : currPlateauCount;
      newScale = Math.max(currPlateauCount === patience ? this.scale * factor : this.scale, minScale);
      newCooldownCount = currPlateauCount === patience ? cooldown : 0;
    }
    this.plateauCount = newPlateauCount;
    this.bestValue = newBestValue;
    this.scale = newScale;
    this.cooldownCount = newCooldownCount;
    this.count = 0;
    this.avgValue = 0.0;
  }
}

/** timm.scheduler.PlateauLRScheduler without noise, stepped as train.py does: step(epoch + 1, metric). */
export class TimmPlateauLRScheduler {
  readonly torch: TorchReduceLROnPlateau;
  readonly warmupSteps: number[];

  constructor(
    readonly baseValues: readonly number[],
    readonly o: {
      decayRate?: number;
      patienceT?: number;
      threshold?: number;
      cooldownT?: number;
      warmupT?: number;
      warmupLrInit?: number;
      lrMin?: number;
      mode?: "min" | "max";
    } = {},
  ) {
    this.torch = new TorchReduceLROnPlateau(baseValues, {
      patience: o.patienceT ?? 10,
      factor: o.decayRate ?? 0.1,
      threshold: o.threshold ?? 1e-4,
      cooldown: o.cooldownT ?? 0,
      mode: o.mode ?? "max",
      minLr: o.lrMin ?? 0,
    });
    const warmupT = o.warmupT ?? 0, init = o.warmupLrInit ?? 0;
    if (warmupT) {
      this.warmupSteps = baseValues.map((v) => (v - init) / warmupT);
      this.torch.paramGroups.forEach((g) => (g.lr = init));
    } else {
      this.warmupSteps = baseValues.map(() => 1);
    }
  }

  get lrs(): number[] {
    return this.torch.paramGroups.map((g) => g.lr);
  }

  step(epoch: number, metric?: number): void {
    const warmupT = this.o.warmupT ?? 0, init = this.o.warmupLrInit ?? 0;
    if (epoch <= warmupT) {
      const lrs = this.warmupSteps.map((s) => init + epoch * s);
      this.torch.paramGroups.forEach((g, i) => (g.lr = lrs[i]));
    } else if (metric !== undefined) {
      this.torch.step(metric);
    }
  }
}
