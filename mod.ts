/**
 * cyclical-lr: learning-rate schedules as pure functions of the iteration, built around
 * Smith's Cyclical Learning Rates, with PyTorch's and optax's numbers.
 *
 * @example The paper's triangular policy for two parameter groups
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular } from "cyclical-lr";
 * const lr = triangular({ baseLr: [0.001, 0.0001], maxLr: [0.006, 0.0006], stepSizeUp: 2000 });
 * assert.deepEqual(lr(2000), [0.006, 0.0006]);
 * ```
 *
 * @module
 */
export type { PerGroup, Policy, ScalarSchedule, Scale, ScaleMode, Schedule, Wave } from "./lib/types.ts";
export { resolveGroups } from "./lib/groups.ts";
export { cosineWave, type StepSizes, triangle } from "./lib/wave.ts";
export { exponential, flat, halving, scaleFn } from "./lib/scale.ts";
export { amplitude, between } from "./lib/amplitude.ts";
export { type CyclicBounds, cyclic, type CyclicOptions, expRange, stretch, triangular, triangular2 } from "./lib/cyclic.ts";
export { scaleBy } from "./lib/scale_by.ts";
export { type CyclicLROptions, cyclicLR, type CyclicMode, type WaveFactory } from "./lib/cyclic_lr.ts";
export { sample } from "./lib/sample.ts";
export { configOf, withConfig } from "./lib/describe.ts";
export { LawError } from "./lib/laws/law_error.ts";
export { periodic } from "./lib/laws/periodic.ts";
export { halvesEachCycle } from "./lib/laws/halves_each_cycle.ts";
export { withinBounds } from "./lib/laws/within_bounds.ts";
export { decaysLike } from "./lib/laws/decays_like.ts";
export { monotoneWithinCycle } from "./lib/laws/monotone_within_cycle.ts";
export { groupsIndependent } from "./lib/laws/groups_independent.ts";
export { startOffset } from "./lib/laws/start_offset.ts";
export { finite } from "./lib/laws/finite.ts";
export { deterministic } from "./lib/laws/deterministic.ts";
export { checkScheduleLaws, type LawName, type LawReport, type ScheduleLawOptions } from "./lib/laws/check_schedule_laws.ts";
export { constant, type ConstantOptions } from "./lib/decay/constant.ts";
export { linear, type LinearOptions } from "./lib/decay/linear.ts";
export { polynomial, type PolynomialOptions, polynomialWeight, type PolynomialWeightOptions } from "./lib/decay/polynomial.ts";
export {
  exponentialDecay,
  type ExponentialDecayOptions,
  exponentialFactor,
  type ExponentialFactorOptions,
} from "./lib/decay/exponential_decay.ts";
export { cosineDecay, type CosineDecayOptions, cosineWeight, type CosineWeightOptions } from "./lib/decay/cosine_decay.ts";
export { warmupCosineDecay, type WarmupCosineDecayOptions } from "./lib/decay/warmup_cosine_decay.ts";
export { piecewiseConstant, type PiecewiseConstantOptions } from "./lib/decay/piecewise_constant.ts";
export { type EpochOptions, iterationsPerEpoch, stepSize, type StepSizeOptions } from "./lib/step_size.ts";
export { type Ramp, type RampMode, type RampOptions, rangeTestRamp } from "./lib/range_test/ramp.ts";
export { smoothCentered, smoothEma, type SmoothingOptions } from "./lib/range_test/smoothing.ts";
export {
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
  suggestBounds,
  type SuggestBoundsOptions,
  type SuggestionCurve,
} from "./lib/range_test/suggest_bounds.ts";
export { type RateSuggestion, suggestRate, type SuggestRateOptions } from "./lib/range_test/suggest_rate.ts";
export type {
  Algorithm,
  Backend,
  Checkpoint,
  CpuKernel,
  NonFinitePolicy,
  Optimizer,
  OptimizerState,
  StepReport,
  Tensors,
  Trainer,
  View,
} from "./lib/optim/types.ts";
export { sgd, type SgdOptions } from "./lib/optim/sgd.ts";
export { adam, type AdamOptions, adamw } from "./lib/optim/adam.ts";
export { scheduleFreeSgd, type ScheduleFreeSgdOptions } from "./lib/optim/schedule_free_sgd.ts";
export { scheduleFreeAdamw, type ScheduleFreeAdamwOptions } from "./lib/optim/schedule_free_adamw.ts";
export { decodeFloat32, encodeFloat32 } from "./lib/optim/checkpoint.ts";
export { wasmSimdSupported } from "./lib/optim/wasm/runtime.ts";
export { KERNELS_WASM_BASE64 } from "./lib/optim/wasm/kernels_wasm.ts";
export { type Anneal, annealCos, annealLinear } from "./lib/combinators/anneal.ts";
export { type Phase, phases } from "./lib/combinators/phases.ts";
export { oneCycle, type OneCycleOptions } from "./lib/one_cycle.ts";
export { cosineRestarts, type CosineRestartsOptions, restartCycles, type RestartCycles } from "./lib/cosine_restarts.ts";
export { join, joinPolicies } from "./lib/join.ts";
export { product } from "./lib/combinators/product.ts";
export { warmup, type WarmupOptions } from "./lib/combinators/warmup.ts";
export { repeat } from "./lib/combinators/repeat.ts";
export { mapSchedule } from "./lib/combinators/map_schedule.ts";
export { clamp } from "./lib/combinators/clamp.ts";
export { perGroup } from "./lib/combinators/per_group.ts";
export { shift } from "./lib/combinators/shift.ts";
export { resumeAt } from "./lib/combinators/resume_at.ts";
export {
  driver,
  type Driver,
  type DriverState,
  type DriverValues,
  fromState,
  type OptimizerLike,
  type ParamGroup,
  type Setter,
} from "./lib/driver.ts";
export { type Axis, formatTick, linearAxis, logAxis } from "./lib/plot/ticks.ts";
export {
  escapeXml,
  PALETTE,
  type PlotMarker,
  type PlotOptions,
  type PlotSeries,
  renderPlot,
  stackPlots,
} from "./lib/plot/svg.ts";
export { decimate } from "./lib/plot/decimate.ts";
export { plotSchedule, type PlotScheduleOptions } from "./lib/plot/plot_schedule.ts";
export { plotRangeTest, type PlotRangeTestOptions } from "./lib/plot/plot_range_test_curve.ts";
export type * from "./lib/config/types.ts";
export { createRegistry, defaultRegistry, registerScale, registerWave, type Registry, type ScalePiece, type WavePiece } from "./lib/config/registry.ts";
export { decodeConfig, type DecodeOptions, type DecodeResult, parseConfig } from "./lib/config/decode.ts";
export { buildPolicy, policyFromConfig } from "./lib/config/build.ts";
export { encodeConfig } from "./lib/config/encode.ts";
export { createTrainer, type TrainerOptions } from "./lib/optim/trainer.ts";
export type { Gpu } from "./lib/optim/webgpu/device.ts";
export { SGD_WGSL } from "./lib/optim/webgpu/sgd_wgsl.ts";
export { ADAM_WGSL } from "./lib/optim/webgpu/adam_wgsl.ts";
export { SCHEDULE_FREE_ADAMW_WGSL, SCHEDULE_FREE_SGD_WGSL } from "./lib/optim/webgpu/schedule_free_wgsl.ts";
export { sparkline, terminalPlot, type TerminalPlotOptions, type TerminalSeries } from "./lib/plot/terminal.ts";
export { scalarsOf, withScalars } from "./lib/scalar_form.ts";
