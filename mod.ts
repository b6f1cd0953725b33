/**
 * cyclical-lr: learning-rate schedules as pure functions of the iteration, built around
 * Smith's Cyclical Learning Rates, with PyTorch's and optax's numbers. This is the core:
 * the signal pieces, the policies, the combinators, sampling, the laws and the driver. It
 * imports no third-party module, so it loads by path or URL with no install or config.
 * The parts with needs of their own have their own entry points: `cyclical-lr/config`
 * (JSON configs, io-ts), `cyclical-lr/optim` (SGD, Adam, WebGPU), `cyclical-lr/range-test`,
 * `cyclical-lr/plot` and `cyclical-lr/tfjs`.
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

// — types
export type {
  JsonObject,
  JsonValue,
  PerGroup,
  Policy,
  PolicyLike,
  ScalarSchedule,
  Scale,
  ScaleMode,
  Schedule,
  Wave,
} from "./lib/types.ts";

// — options: the tables every factory checks its options against
export type { Derive, Field, FieldsOf, Kind, Presence } from "./lib/options/_kinds.ts";
export type {
  CheckMode,
  CheckResult,
  Fields,
  FieldType,
  OptionsOf,
  OptionsRule,
  OptionsTable,
  Resolved,
  TableExtras,
  ValuesOf,
} from "./lib/options/table.ts";
export type { ConfigOrReason, PolicyTable } from "./lib/options/policy_table.ts";
export type { OptionError } from "./lib/options/_errors.ts";
export { resolveGroups } from "./lib/options/resolve_groups.ts";

// — schedule: the one composable shape, its recorded config, sampling
export { asPolicy, isPolicy, makePolicy } from "./lib/schedule/policy.ts";
export { configOf, withConfig } from "./lib/schedule/config_of.ts";
export { scalarsOf, withScalars } from "./lib/schedule/scalars.ts";
export { sample } from "./lib/schedule/sample.ts";

// — signal: waves, scales, the unit signal, stretches, anneals, phases, named pieces
export { cosineWave, STEP_SIZES, type StepSizes, triangle } from "./lib/signal/wave.ts";
export { exponential, flat, halving, scaleFn } from "./lib/signal/scale.ts";
export { amplitude, between } from "./lib/signal/amplitude.ts";
export { stretch } from "./lib/signal/stretch.ts";
export { type Anneal, annealCos, annealLinear } from "./lib/signal/anneal.ts";
export { type Phase, PHASES, phases, type PhasesOptions } from "./lib/signal/phases.ts";
export {
  createRegistry,
  defaultRegistry,
  registerScale,
  registerWave,
  type Registry,
  type ScalePiece,
  type WavePiece,
} from "./lib/signal/registry.ts";

// — policies
export {
  cyclic,
  CYCLIC_PARTS,
  type CyclicBounds,
  type CyclicOptions,
  EXP_RANGE,
  expRange,
  type ExpRangeOptions,
  TRIANGULAR,
  triangular,
  TRIANGULAR2,
  triangular2,
} from "./lib/policies/cyclic.ts";
export {
  CYCLIC,
  type CyclicFields,
  cyclicLR,
  type CyclicLROptions,
  type CyclicMode,
  SCALE_REF,
  type ScaleRef,
  WAVE_REF,
  type WaveFactory,
  type WaveRef,
} from "./lib/policies/cyclic_lr.ts";
export { ONE_CYCLE, oneCycle, type OneCycleFields, type OneCycleOptions } from "./lib/policies/one_cycle.ts";
export {
  COSINE_RESTARTS,
  cosineRestarts,
  type CosineRestartsFields,
  type CosineRestartsOptions,
  RESTART_CYCLES,
  type RestartCycles,
  restartCycles,
  type RestartCyclesOptions,
} from "./lib/policies/cosine_restarts.ts";
export { CONSTANT, constant, type ConstantOptions } from "./lib/policies/constant.ts";
export { linear } from "./lib/policies/linear.ts";
export {
  LINEAR,
  type LinearOptions,
  POLYNOMIAL,
  polynomial,
  POLYNOMIAL_WEIGHT,
  type PolynomialOptions,
  polynomialWeight,
  type PolynomialWeightOptions,
} from "./lib/policies/polynomial.ts";
export {
  EXPONENTIAL_DECAY,
  EXPONENTIAL_FACTOR,
  exponentialDecay,
  type ExponentialDecayOptions,
  exponentialFactor,
  type ExponentialFactorOptions,
} from "./lib/policies/exponential_decay.ts";
export {
  COSINE_DECAY,
  COSINE_WEIGHT,
  cosineDecay,
  type CosineDecayOptions,
  cosineWeight,
  type CosineWeightOptions,
} from "./lib/policies/cosine_decay.ts";
export {
  WARMUP_COSINE_DECAY,
  warmupCosineDecay,
  type WarmupCosineDecayOptions,
} from "./lib/policies/warmup_cosine_decay.ts";
export {
  PIECEWISE_CONSTANT,
  piecewiseConstant,
  type PiecewiseConstantOptions,
} from "./lib/policies/piecewise_constant.ts";
export { WSD, wsd, type WsdFields, type WsdOptions } from "./lib/policies/wsd.ts";
export { INVERSE_SQRT, inverseSqrt, type InverseSqrtOptions } from "./lib/policies/inverse_sqrt.ts";
export {
  INVERSE_TIME_DECAY,
  inverseTimeDecay,
  type InverseTimeDecayOptions,
} from "./lib/policies/inverse_time_decay.ts";
export { type DecayShape, type WarmupShape } from "./lib/signal/_shapes.ts";
export { TANH_DECAY, tanhDecay, type TanhDecayFields, type TanhDecayOptions } from "./lib/policies/tanh_decay.ts";
export { POLY, poly, type PolyFields, type PolyOptions } from "./lib/policies/poly.ts";
export type { TimmCycleOptions } from "./lib/policies/_timm.ts";
export { POLYNOMIAL_DECAY, polynomialDecay, type PolynomialDecayOptions } from "./lib/policies/polynomial_decay.ts";
export type { HfWarmupOptions } from "./lib/policies/_hf.ts";
export {
  COSINE_WITH_WARMUP,
  cosineWithWarmup,
  type CosineWithWarmupOptions,
} from "./lib/policies/cosine_with_warmup.ts";
export {
  COSINE_WITH_HARD_RESTARTS,
  cosineWithHardRestarts,
  type CosineWithHardRestartsOptions,
} from "./lib/policies/cosine_with_hard_restarts.ts";
export { COSINE_ANNEALING, cosineAnnealing, type CosineAnnealingOptions } from "./lib/policies/cosine_annealing.ts";
export { LINEAR_ONE_CYCLE, linearOneCycle, type LinearOneCycleOptions } from "./lib/policies/linear_one_cycle.ts";
export { COSINE_ONE_CYCLE, cosineOneCycle, type CosineOneCycleOptions } from "./lib/policies/cosine_one_cycle.ts";
export {
  PIECEWISE_INTERPOLATE,
  piecewiseInterpolate,
  type PiecewiseInterpolateOptions,
} from "./lib/policies/piecewise_interpolate.ts";

// — combinators
export { JOIN, join, type JoinOptions, joinPolicies } from "./lib/combinators/join.ts";
export { PRODUCT, product } from "./lib/combinators/product.ts";
export { COOLDOWN, cooldown, type CooldownOptions } from "./lib/combinators/cooldown.ts";
export { MIN_NORMAL_PCT, NOISE, noise, type NoiseOptions } from "./lib/combinators/noise.ts";
export { WARMUP, warmup, type WarmupOptions } from "./lib/combinators/warmup.ts";
export { repeat } from "./lib/combinators/repeat.ts";
export { mapSchedule } from "./lib/combinators/map_schedule.ts";
export { CLAMP, clamp, type ClampBounds } from "./lib/combinators/clamp.ts";
export { perGroup } from "./lib/combinators/per_group.ts";
export { scaleBy } from "./lib/combinators/scale_by.ts";
export { shift } from "./lib/combinators/shift.ts";
export { resumeAt } from "./lib/combinators/resume_at.ts";

// — metric-driven: schedules that listen (reduce-on-plateau), as pure reducers over JSON states
export { isMetricPolicy, makeMetricPolicy, type MetricPolicy, type Observation } from "./lib/metric/metric_policy.ts";
export {
  PLATEAU,
  PLATEAU_DEFAULTS,
  type PlateauOptions,
  type PlateauRule,
  type PlateauRuleOf,
  type PlateauSemantics,
} from "./lib/metric/plateau_options.ts";
export {
  type JsonNumber,
  type PlateauReducer,
  plateauReducer,
  type PlateauState,
} from "./lib/metric/plateau_reducer.ts";
export { plateau } from "./lib/metric/plateau.ts";
export { GREEDY, type GreedyOptions } from "./lib/metric/greedy_options.ts";
export { type GreedyRate, type GreedyState } from "./lib/metric/greedy_state.ts";
export { greedy } from "./lib/metric/greedy.ts";
export { hear } from "./lib/metric/hear.ts";
export { listen, type Listener } from "./lib/metric/listen.ts";
export { joinMetric } from "./lib/metric/join_metric.ts";
export { mapMetric } from "./lib/metric/map_metric.ts";

// — laws: the properties every policy keeps, for users' own policies too
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
export {
  checkScheduleLaws,
  type LawName,
  type LawReport,
  SCHEDULE_LAWS,
  type ScheduleLawOptions,
} from "./lib/laws/check_schedule_laws.ts";

// — edges: the stateful driver for PyTorch-style optimizers
export {
  DRIVER,
  type Driver,
  driver,
  type DriverOptions,
  type DriverState,
  type DriverValues,
  fromState,
  type OptimizerLike,
  type ParamGroup,
  type Setter,
} from "./lib/driver/driver.ts";
