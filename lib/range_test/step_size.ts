import { fail } from "../_check.ts";
import { bool, type FieldsOf, positive, positiveInt } from "../options/_kinds.ts";
import { type OptionsRule, type OptionsTable, optionsTable, type ValuesOf } from "../options/table.ts";
import { problem } from "../options/_errors.ts";

/** Options of {@link iterationsPerEpoch} (and of {@link stepSize}), checked by {@link ITERATIONS_PER_EPOCH}. */
export interface EpochOptions {
  /** Number of training examples, a positive integer. */
  readonly datasetSize: number;
  /** Examples per optimizer update, a positive integer. */
  readonly batchSize: number;
  /** Whether the last, incomplete batch of an epoch is dropped (PyTorch `DataLoader(drop_last=True)`). */
  readonly dropLast?: boolean;
}

const EPOCH_FIELDS: FieldsOf<EpochOptions> = {
  datasetSize: positiveInt.required(),
  batchSize: positiveInt.required(),
  dropLast: bool.default(false),
};

/** With `dropLast`, at least one whole batch. */
const oneBatchLeft: OptionsRule<FieldsOf<EpochOptions>> = (v) =>
  v.dropLast === true && v.batchSize !== undefined && v.datasetSize !== undefined && v.batchSize > v.datasetSize
    ? problem(
      ["batchSize"],
      `expected at most datasetSize (${v.datasetSize}) when dropLast is true, got ${v.batchSize}`,
      true,
    )
    : undefined;

/**
 * The options table of {@link iterationsPerEpoch}: PyTorch's `DataLoader` keeps the last
 * batch unless `dropLast`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ITERATIONS_PER_EPOCH } from "cyclical-lr/range-test";
 * assert.equal(ITERATIONS_PER_EPOCH.read({ datasetSize: 10, batchSize: 3 }).dropLast, false);
 * assert.throws(() => ITERATIONS_PER_EPOCH.read({ datasetSize: 10, batchSize: 3, drop_last: true }), {
 *   message: "drop_last: unknown option of iterationsPerEpoch; did you mean dropLast?",
 * });
 * ```
 */
export const ITERATIONS_PER_EPOCH: OptionsTable<FieldsOf<EpochOptions>> = optionsTable(
  "iterationsPerEpoch",
  EPOCH_FIELDS,
  { rules: [oneBatchLeft] },
);

/** Options of {@link stepSize}, checked by {@link STEP_SIZE}. */
export interface StepSizeOptions extends EpochOptions {
  /**
   * Epochs in one half cycle, a finite number > 0. The paper advises 2 to 10; other
   * values (a one-cycle run over a fraction of an epoch, say) are allowed.
   */
  readonly epochsPerHalfCycle: number;
}

/**
 * The options table of {@link stepSize}: the epoch's fields ({@link ITERATIONS_PER_EPOCH})
 * and the half cycle in epochs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { STEP_SIZE } from "cyclical-lr/range-test";
 * assert.throws(() => STEP_SIZE.read({ datasetSize: 10, batchSize: 3, epochs: 4 }), {
 *   message: "epochsPerHalfCycle: expected a finite number > 0, got undefined\nepochs: unknown option of stepSize",
 * });
 * ```
 */
export const STEP_SIZE: OptionsTable<FieldsOf<StepSizeOptions>> = optionsTable("stepSize", {
  ...EPOCH_FIELDS,
  epochsPerHalfCycle: positive.required(),
}, { rules: [oneBatchLeft] });

/** Updates per epoch of checked options. */
function perEpoch(o: ValuesOf<FieldsOf<EpochOptions>>): number {
  return o.dropLast ? Math.floor(o.datasetSize / o.batchSize) : Math.ceil(o.datasetSize / o.batchSize);
}

/**
 * Optimizer updates in one epoch, as PyTorch's `DataLoader` counts them:
 * `ceil(datasetSize / batchSize)`, or `floor(datasetSize / batchSize)` with `dropLast`.
 *
 * @param options The data-set size, the batch size and `dropLast`.
 * @returns A positive integer.
 * @throws {RangeError} If a size is not a positive integer, or if `dropLast` leaves no
 *   batch at all (`batchSize > datasetSize`).
 * @throws {TypeError} If `dropLast` is not a boolean, or an option is unknown.
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
  return perEpoch(ITERATIONS_PER_EPOCH.read(options));
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
 * @throws {TypeError} If a field has the wrong type, or an option is unknown.
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
  const o = STEP_SIZE.read(options);
  const epochs = o.epochsPerHalfCycle;
  const steps = Math.max(1, Math.floor(epochs * perEpoch(o) + 0.5));
  if (!Number.isSafeInteger(steps)) {
    fail("epochsPerHalfCycle", `a number of epochs giving at most ${Number.MAX_SAFE_INTEGER} iterations`, epochs);
  }
  return steps;
}
