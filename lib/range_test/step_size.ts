import { boolean, fail, positive, positiveInt } from "../_check.ts";

/** Options of {@link stepSize} and {@link iterationsPerEpoch}. */
export interface EpochOptions {
  /** Number of training examples, a positive integer. */
  readonly datasetSize: number;
  /** Examples per optimizer update, a positive integer. */
  readonly batchSize: number;
  /**
   * Whether the last, incomplete batch of an epoch is dropped (PyTorch `DataLoader(drop_last=True)`).
   * @default false
   */
  readonly dropLast?: boolean;
}

/** Options of {@link stepSize}. */
export interface StepSizeOptions extends EpochOptions {
  /**
   * Epochs in one half cycle, a finite number > 0. The paper advises 2 to 10; other
   * values (a one-cycle run over a fraction of an epoch, say) are allowed.
   */
  readonly epochsPerHalfCycle: number;
}

/**
 * Optimizer updates in one epoch, as PyTorch's `DataLoader` counts them:
 * `ceil(datasetSize / batchSize)`, or `floor(datasetSize / batchSize)` with `dropLast`.
 *
 * @param options The data-set size, the batch size and `dropLast`.
 * @returns A positive integer.
 * @throws {RangeError} If a size is not a positive integer, or if `dropLast` leaves no
 *   batch at all (`batchSize > datasetSize`).
 * @throws {TypeError} If `dropLast` is not a boolean.
 *
 * @example 8,000 examples in batches of 100, and 8,050 with and without the remainder
 * ```ts
 * import assert from "node:assert/strict";
 * import { iterationsPerEpoch } from "cyclical-lr/range-test";
 * assert.equal(iterationsPerEpoch({ datasetSize: 8000, batchSize: 100 }), 80);
 * assert.equal(iterationsPerEpoch({ datasetSize: 8050, batchSize: 100 }), 81);
 * assert.equal(iterationsPerEpoch({ datasetSize: 8050, batchSize: 100, dropLast: true }), 80);
 * ```
 */
export function iterationsPerEpoch(options: EpochOptions): number {
  const size = positiveInt("datasetSize", options.datasetSize);
  const batch = positiveInt("batchSize", options.batchSize);
  const dropLast = boolean("dropLast", options.dropLast ?? false);
  if (dropLast && batch > size) {
    throw new RangeError(
      `batchSize: expected at most datasetSize (${size}) when dropLast is true, got ${batch}`,
    );
  }
  return dropLast ? Math.floor(size / batch) : Math.ceil(size / batch);
}

/**
 * The half-cycle length `stepSize` (PyTorch's `step_size_up`), in iterations, from the
 * data set: Smith (2017, section 3.3) sets it to 2 to 10 epochs, one epoch being
 * `datasetSize / batchSize` iterations.
 *
 * `stepSize = max(1, round(epochsPerHalfCycle * iterationsPerEpoch))`, where
 * `iterationsPerEpoch = ceil(datasetSize / batchSize)` (PyTorch's `DataLoader`, whose last
 * batch is short; `floor` with `dropLast`) and `round` rounds halves up. A whole number of
 * epochs therefore gives an exact multiple of the epoch length, so cycles end on epoch
 * boundaries. Values of `epochsPerHalfCycle` outside the paper's 2 to 10 are allowed
 * (one-cycle and fine-tuning runs use fractions of an epoch); a result below one iteration
 * is raised to 1.
 *
 * @param options `datasetSize`, `batchSize`, `epochsPerHalfCycle` and `dropLast`.
 * @returns A positive safe integer, usable as `stepSize` or `stepSizeUp`.
 * @throws {RangeError} If a size is not a positive integer, `epochsPerHalfCycle` is not a
 *   finite number > 0, `dropLast` leaves no batch, or the result is not a safe integer.
 * @throws {TypeError} If a field has the wrong type.
 *
 * @example The paper's advice on CIFAR-10 (50,000 images, batch 100): 4 epochs is 2,000 iterations
 * ```ts
 * import assert from "node:assert/strict";
 * import { stepSize } from "cyclical-lr/range-test";
 * import { triangular } from "cyclical-lr";
 * const s = stepSize({ datasetSize: 50_000, batchSize: 100, epochsPerHalfCycle: 4 });
 * assert.equal(s, 2000);
 * const lr = triangular({ baseLr: [0.001], maxLr: [0.006], stepSizeUp: s });
 * assert.equal(lr(s)[0], 0.006);
 * ```
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates, 2017, section 3.3}
 */
export function stepSize(options: StepSizeOptions): number {
  const perEpoch = iterationsPerEpoch(options);
  const epochs = positive("epochsPerHalfCycle", options.epochsPerHalfCycle);
  const steps = Math.max(1, Math.floor(epochs * perEpoch + 0.5));
  if (!Number.isSafeInteger(steps)) {
    fail("epochsPerHalfCycle", `a number of epochs giving at most ${Number.MAX_SAFE_INTEGER} iterations`, epochs);
  }
  return steps;
}
