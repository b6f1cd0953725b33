/**
 * Training runs of the demo: one policy, one seed, a fixed number of iterations, SGD with
 * momentum 0.9 from the library's optimizer adapter, the test accuracy every few
 * iterations; and the LR range test on the same model, through the library's `rangeTest`.
 *
 * A seed fixes the initial weights and the batch order, and every policy of that seed gets
 * exactly the same ones (paired seeds), so differences between policies are the policies'.
 *
 * @module
 */
import {
  createTrainer,
  type Policy,
  rangeTest,
  type RangeTestCurve,
  rangeTestRamp,
  type RangeTestReport,
  sgd,
  type Tensors,
} from "../mod.ts";
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

/** One policy trained on one seed. */
export interface Run {
  /** The iterations (updates applied) at which the test accuracy was measured. */
  readonly iterations: number[];
  /** The test accuracy there, in [0, 1]. */
  readonly accuracy: number[];
  /** The mean training loss over each interval between measurements. */
  readonly loss: number[];
  /** The iteration whose loss was not finite, when the run diverged (the rest of the run is skipped). */
  readonly divergedAt?: number;
  /** Wall time of the run, ms. */
  readonly ms: number;
  /** Of which measuring the test accuracy, ms. */
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

/**
 * Trains a fresh model of `seed` for `budget` iterations under `policy`.
 *
 * @param policy The learning-rate (and maybe momentum) policy, two groups: weights, biases.
 * @param data The split.
 * @param seed The seed of the initial weights and the batch order.
 * @param budget Iterations.
 * @param every Test accuracy every this many iterations (and at the end).
 * @param tick Progress.
 * @param kernel The model's first-layer kernel. @default WebAssembly SIMD where available
 * @returns The curve.
 */
export async function train(
  policy: Policy,
  data: Split,
  seed: number,
  budget: number,
  every: number,
  tick: Tick,
  kernel?: KernelKind,
): Promise<Run> {
  const start = performance.now();
  // A policy that schedules momentum (one-cycle) trains with it; giving both is an error.
  const options = policy.momentum ? {} : { momentum: MOMENTUM };
  const trainer = await createTrainer(sgd(policy, options), seedParams(seed), { backend: "cpu" });
  const params = trainer.params, grads = trainer.grads;
  if (!params || !grads) throw new Error("demo: expected the CPU trainer's live tensors");
  const mlp = createMlp(BATCH, kernel);
  const order = batchOrder(data.train.count, seed);
  const points = evalPoints(budget, every);
  const iterations: number[] = [], accuracy: number[] = [], loss: number[] = [];
  let sum = 0, n = 0, divergedAt: number | undefined, evalMs = 0;
  const measure = () => {
    const t0 = performance.now();
    const acc = mlp.accuracy(params, data.test);
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
    trainer.update();
    sum += l, n++;
    if (t + 1 === points[next]) {
      const acc = measure();
      iterations.push(t + 1), accuracy.push(acc), loss.push(sum / n);
      sum = 0, n = 0, next++;
      tick(t + 1, acc);
    } else if ((t & 7) === 7) {
      tick(t + 1);
    }
  }
  if (divergedAt !== undefined) {
    // The weights are ruined: the rest of the curve is what they now score (about chance).
    const acc = measure();
    for (const p of points.slice(iterations.length)) iterations.push(p), accuracy.push(acc), loss.push(NaN);
    tick(budget, acc);
  }
  trainer.destroy();
  const ms = performance.now() - start;
  return divergedAt === undefined
    ? { iterations, accuracy, loss, ms, evalMs }
    : { iterations, accuracy, loss, divergedAt, ms, evalMs };
}

/** Settings of the demo's range test. */
export interface RangeSettings {
  readonly minLr: number;
  readonly maxLr: number;
  readonly iterations: number;
  /** Test accuracy every this many iterations. */
  readonly every: number;
}

/**
 * The LR range test of `seed` (the paper's section 3.3): a fresh model trained with a
 * linearly rising rate by the library's `rangeTest`, the optimizer's rate coming from the
 * same ramp as a policy; the test accuracy every `every` iterations and the batch loss at
 * every one. The model is thrown away afterwards (every run starts again from the seed's
 * initial weights), so nothing needs restoring: `restore: false`.
 *
 * @param data The split.
 * @param seed The seed of the initial weights and the batch order.
 * @param settings The ramp and the accuracy frequency.
 * @param tick Progress.
 * @param kernel The model's first-layer kernel. @default WebAssembly SIMD where available
 * @returns The curve, raw and smoothed, as `rangeTest` gives it.
 */
export async function rangeTestRun(
  data: Split,
  seed: number,
  settings: RangeSettings,
  tick: Tick,
  kernel?: KernelKind,
): Promise<RangeTestCurve> {
  const ramp = rangeTestRamp({ minLr: settings.minLr, maxLr: settings.maxLr, iterations: settings.iterations });
  const policy: Policy = { lr: (t) => [ramp(t), ramp(t)], groups: 2 };
  const trainer = await createTrainer(sgd(policy, { momentum: MOMENTUM }), seedParams(seed), { backend: "cpu" });
  const params: Tensors | undefined = trainer.params, grads: Tensors | undefined = trainer.grads;
  if (!params || !grads) throw new Error("demo: expected the CPU trainer's live tensors");
  const mlp = createMlp(BATCH, kernel);
  const order = batchOrder(data.train.count, seed);
  const test: SparseImages = data.test;
  try {
    return await rangeTest((lr, t): RangeTestReport => {
      const { rows, from } = order(t);
      const loss = mlp.gradient(params, grads, data.train, rows, from, BATCH);
      if (!Number.isFinite(loss)) return loss; // rangeTest stops here ("nonFinite")
      const report = trainer.update();
      if (report.lr[0] !== lr) throw new Error(`demo: the optimizer used rate ${report.lr[0]} at ${t}, the test ${lr}`);
      if ((t + 1) % settings.every !== 0) {
        if ((t & 7) === 7) tick(t + 1);
        return { loss };
      }
      const accuracy = mlp.accuracy(params, test);
      tick(t + 1, accuracy);
      return { loss, accuracy };
    }, {
      minLr: settings.minLr,
      maxLr: settings.maxLr,
      iterations: settings.iterations,
      mode: "linear",
      restore: false,
    });
  } finally {
    trainer.destroy();
  }
}
