/**
 * cyclical-lr/range-test: finding the bounds. The LR range test (Smith 2017, section 3.3;
 * fastai's `lr_find`), the bounds it suggests, and the half-cycle length from the data set.
 *
 * @example A half cycle of four epochs
 * ```ts
 * import assert from "node:assert/strict";
 * import { stepSize } from "cyclical-lr/range-test";
 * assert.equal(stepSize({ datasetSize: 8000, batchSize: 100, epochsPerHalfCycle: 4 }), 320);
 * ```
 *
 * @module
 */
export {
  type EpochOptions,
  ITERATIONS_PER_EPOCH,
  iterationsPerEpoch,
  STEP_SIZE,
  stepSize,
  type StepSizeOptions,
} from "./lib/range_test/step_size.ts";
export { type Ramp, type RampMode, type RampOptions, RANGE_TEST_RAMP, rangeTestRamp } from "./lib/range_test/ramp.ts";
export { smoothCentered, smoothEma, SMOOTHING, type SmoothingOptions } from "./lib/range_test/smoothing.ts";
export {
  RANGE_TEST,
  rangeTest,
  type RangeTestCurve,
  type RangeTestOptions,
  type RangeTestPoint,
  type RangeTestReport,
  type RangeTestSeries,
  type RangeTestStep,
  type RangeTestStop,
  type RangeTestTrainerOptions,
  type RestoreHooks,
} from "./lib/range_test/range_test_runner.ts";
export {
  type BoundsRule,
  type BoundsSuggestion,
  type CurveInput,
  type SeriesInput,
  SUGGEST_BOUNDS,
  suggestBounds,
  type SuggestBoundsOptions,
  type SuggestionCurve,
} from "./lib/range_test/suggest_bounds.ts";
export {
  type RateSuggestion,
  SUGGEST_RATE,
  suggestRate,
  type SuggestRateOptions,
} from "./lib/range_test/suggest_rate.ts";
