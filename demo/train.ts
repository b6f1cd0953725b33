/**
 * Training runs of the demo: one contender, one seed, a fixed number of iterations, through
 * the library's optimizer adapter, the test accuracy every few iterations; and the LR range
 * test on the same model, through the library's `rangeTest`.
 *
 * A seed fixes the initial weights and the batch order, and every policy of that seed gets
 * exactly the same ones (paired seeds), so differences between policies are the policies'.
 *
 * @module
 */
import { createTrainer, sgd, type Tensors } from "../optim.ts";
import type { PolicyLike } from "../mod.ts";
import { rangeTest, type RangeTestCurve, rangeTestRamp, type RangeTestReport } from "../range_test.ts";
import type { Recipe } from "./contenders.ts";
import type { SparseImages, Split } from "./mnist.ts";
import { createMlp, initParams } from "./mlp.ts";
import type { KernelKind } from "./first_layer.ts";
import { deriveSeed, mulberry32, permutation } from "./prng.ts";

/** Examples per batch. */
export const BATCH = 100;
/** SGD momentum, for the policies that do not schedule one (one-cycle cycles its own). */
export const MOMENTUM = 0.9;

/** Batch `t` of a seed: the rows of that epoch's permutation and the batch's offset in it. */
export type BatchOrder = (t: number) => { rows: Uint32Array; from: number };

/**
 * The batch order of a seed: a fresh seeded permutation of the training set every epoch
 * (the last, incomplete batch of an epoch is dropped; 8,000 / 100 has none).
 *
 * @param size Training examples.
 * @param seed The seed.
 * @returns Batch `t` for any `t`.
 */
export function batchOrder(size: number, seed: number): BatchOrder {
  const rng = mulberry32(deriveSeed(seed, "batches"));
  const perEpoch = Math.floor(size / BATCH);
  const epochs: Uint32Array[] = [];
  return (t) => {
    const epoch = Math.floor(t / perEpoch);
    while (epochs.length <= epoch) epochs.push(permutation(size, rng));
    return { rows: epochs[epoch], from: (t % perEpoch) * BATCH };
  };
}

/** The initial parameters of a seed (the same for every policy of that seed). */
export function seedParams(seed: number): Float32Array[][] {
  return initParams(mulberry32(deriveSeed(seed, "init")));
}

/** One contender trained on one seed. */
export interface Run {
  /** The iterations (updates applied) at which the test accuracy was measured. */
  readonly iterations: number[];
  /** The test accuracy there, in [0, 1]. */
  readonly accuracy: number[];
  /** The mean training loss over each interval between measurements. */
  readonly loss: number[];
  /** The validation accuracy after the last iteration (what the best rate of the grid is chosen by). */
  readonly validation: number;
  /** The rate of the first group at every update applied. */
  readonly lr: number[];
  /** The momentum of the first group at every update, where the policy schedules it. */
  readonly momentum?: number[];
  /** The iteration whose loss was not finite, when the run diverged (the rest of the run is skipped). */
  readonly divergedAt?: number;
  /** Wall time of the run, ms. */
  readonly ms: number;
  /** Of which measuring accuracies (test and validation), ms. */
  readonly evalMs: number;
}

/** Where a run reports its progress. */
export type Tick = (iterationsDone: number, accuracy?: number) => void;

/** The iterations at which a run of `budget` iterations measures the test accuracy. */
export function evalPoints(budget: number, every: number): number[] {
  const out: number[] = [];
  for (let t = every; t < budget; t += every) out.push(t);
  out.push(budget);
  return out;
}

/** What a training run needs besides its recipe and the data. */
export interface RunSettings {
  /** The seed of the initial weights and the batch order. */
  readonly seed: number;
  /** Iterations. */
  readonly budget: number;
  /** Test accuracy every this many iterations (and at the end). */
  readonly evalEvery: number;
  /** The model's first-layer kernel. */
  readonly kernel: KernelKind;
}

/**
 * Trains a fresh model of the seed for `budget` iterations with a contender's recipe. The
 * test accuracy is measured every `evalEvery` iterations and only reported; the validation
 * accuracy goes to the recipe's listener, when it has one, and is measured once more at the
 * end.
 *
 * @param recipe The optimizer (two groups: weights, biases) and its hooks.
 * @param data The split.
 * @param settings Seed, budget, evaluation frequency, kernel.
 * @param tick Progress.
 * @returns The curve.
 */
export async function train(recipe: Recipe, data: Split, settings: RunSettings, tick: Tick): Promise<Run> {
  const start = performance.now();
  const { seed, budget } = settings;
  const trainer = await createTrainer(recipe.optimizer, seedParams(seed), { backend: "cpu" });
  const params = trainer.params, grads = trainer.grads;
  if (!params || !grads) throw new Error("demo: expected the CPU trainer's live tensors");
  const mlp = createMlp(BATCH, settings.kernel);
  const order = batchOrder(data.train.count, seed);
  const points = evalPoints(budget, settings.evalEvery);
  const listener = recipe.listener;
  const iterations: number[] = [], accuracy: number[] = [], loss: number[] = [], lr: number[] = [];
  const momentum: number[] = [];
  let sum = 0, n = 0, divergedAt: number | undefined, evalMs = 0;
  const measure = (images: SparseImages) => {
    const t0 = performance.now();
    const acc = recipe.evaluate
      ? recipe.evaluate(trainer, (p) => mlp.accuracy(p, images))
      : mlp.accuracy(params, images);
    evalMs += performance.now() - t0;
    return acc;
  };
  for (let t = 0, next = 0; t < budget; t++) {
    const { rows, from } = order(t);
    const l = mlp.gradient(params, grads, data.train, rows, from, BATCH);
    if (!Number.isFinite(l)) {
      divergedAt = t;
      break;
    }
    const report = trainer.update();
    lr.push(report.lr[0]);
    if (report.momentum) momentum.push(report.momentum[0]);
    sum += l, n++;
    const done = t + 1;
    if (listener && done % listener.every === 0) listener.hear(done, measure(data.validation));
    if (done === points[next]) {
      const acc = measure(data.test);
      iterations.push(done), accuracy.push(acc), loss.push(sum / n);
      sum = 0, n = 0, next++;
      tick(done, acc);
    } else if ((t & 7) === 7) {
      tick(done);
    }
  }
  if (divergedAt !== undefined) {
    // The weights are ruined: the rest of the curve is what they now score (about chance).
    const acc = measure(data.test);
    for (const p of points.slice(iterations.length)) iterations.push(p), accuracy.push(acc), loss.push(NaN);
    tick(budget, acc);
  }
  const validation = measure(data.validation);
  trainer.destroy();
  const ms = performance.now() - start;
  return {
    iterations,
    accuracy,
    loss,
    validation,
    lr,
    ...(momentum.length > 0 ? { momentum } : {}),
    ...(divergedAt === undefined ? {} : { divergedAt }),
    ms,
    evalMs,
  };
}

/** Settings of the demo's range test. */
export interface RangeSettings {
  readonly minLr: number;
  readonly maxLr: number;
  readonly iterations: number;
  /** Test accuracy every this many iterations. */
  readonly every: number;
}

/** What the range test of a seed needs besides its ramp and the data. */
export interface RangeRunSettings {
  /** The seed of the initial weights and the batch order. */
  readonly seed: number;
  /** SGD momentum (the runs' momentum: the bounds depend on it). */
  readonly momentum: number;
  /** The model's first-layer kernel. */
  readonly kernel: KernelKind;
}

/**
 * The LR range test of a seed (the paper's section 3.3): a fresh model trained with a
 * linearly rising rate by the library's `rangeTest`, the optimizer's rate coming from the
 * same ramp as a policy; the validation accuracy (never the test accuracy: the bounds are a
 * choice) every `every` iterations and the batch loss at every one. The model is thrown
 * away afterwards (every run starts again from the seed's initial weights), so nothing
 * needs restoring: `restore: false`.
 *
 * @param data The split.
 * @param range The ramp and the accuracy frequency.
 * @param settings Seed, momentum, kernel.
 * @param tick Progress.
 * @returns The curve, raw and smoothed, as `rangeTest` gives it.
 */
export async function rangeTestRun(
  data: Split,
  range: RangeSettings,
  settings: RangeRunSettings,
  tick: Tick,
): Promise<RangeTestCurve> {
  const ramp = rangeTestRamp({ minLr: range.minLr, maxLr: range.maxLr, iterations: range.iterations });
  const policy: PolicyLike = { lr: (t) => [ramp(t), ramp(t)], groups: 2 };
  const trainer = await createTrainer(sgd(policy, { momentum: settings.momentum }), seedParams(settings.seed), {
    backend: "cpu",
  });
  const params: Tensors | undefined = trainer.params, grads: Tensors | undefined = trainer.grads;
  if (!params || !grads) throw new Error("demo: expected the CPU trainer's live tensors");
  const mlp = createMlp(BATCH, settings.kernel);
  const order = batchOrder(data.train.count, settings.seed);
  const validation: SparseImages = data.validation;
  try {
    return await rangeTest((lr, t): RangeTestReport => {
      const { rows, from } = order(t);
      const loss = mlp.gradient(params, grads, data.train, rows, from, BATCH);
      if (!Number.isFinite(loss)) return loss; // rangeTest stops here ("nonFinite")
      const report = trainer.update();
      if (report.lr[0] !== lr) throw new Error(`demo: the optimizer used rate ${report.lr[0]} at ${t}, the test ${lr}`);
      if ((t + 1) % range.every !== 0) {
        if ((t & 7) === 7) tick(t + 1);
        return { loss };
      }
      const accuracy = mlp.accuracy(params, validation);
      tick(t + 1, accuracy);
      return { loss, accuracy };
    }, {
      minLr: range.minLr,
      maxLr: range.maxLr,
      iterations: range.iterations,
      mode: "linear",
      restore: false,
    });
  } finally {
    trainer.destroy();
  }
}
