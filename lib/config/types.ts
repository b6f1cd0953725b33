/**
 * The decoded, normalized config of every policy of the config spec, as types derived from
 * the policies' tables: every default written out, per-group values as a number when there
 * is one group and as arrays of one length otherwise, no `groups` field.
 *
 * @module
 */
import type { PerGroup } from "../types.ts";
import type { Field, Presence } from "../options/_kinds.ts";
import type { Fields } from "../options/table.ts";
import type { CYCLIC, ScaleRef, WaveRef } from "../policies/cyclic_lr.ts";
import type { ONE_CYCLE } from "../policies/one_cycle.ts";
import type { COSINE_RESTARTS } from "../policies/cosine_restarts.ts";
import type { CONSTANT } from "../policies/constant.ts";
import type { LINEAR, POLYNOMIAL } from "../policies/polynomial.ts";
import type { EXPONENTIAL_DECAY } from "../policies/exponential_decay.ts";
import type { COSINE_DECAY } from "../policies/cosine_decay.ts";
import type { WARMUP_COSINE_DECAY } from "../policies/warmup_cosine_decay.ts";
import type { PIECEWISE_CONSTANT } from "../policies/piecewise_constant.ts";
import type { WSD } from "../policies/wsd.ts";
import type { INVERSE_SQRT } from "../policies/inverse_sqrt.ts";
import type { INVERSE_TIME_DECAY } from "../policies/inverse_time_decay.ts";
import type { COOLDOWN } from "../combinators/cooldown.ts";
import type { NOISE } from "../combinators/noise.ts";
import type { TANH_DECAY } from "../policies/tanh_decay.ts";
import type { POLY } from "../policies/poly.ts";
import type { POLYNOMIAL_DECAY } from "../policies/polynomial_decay.ts";
import type { COSINE_WITH_WARMUP } from "../policies/cosine_with_warmup.ts";
import type { COSINE_WITH_HARD_RESTARTS } from "../policies/cosine_with_hard_restarts.ts";
import type { COSINE_ANNEALING } from "../policies/cosine_annealing.ts";
import type { LINEAR_ONE_CYCLE } from "../policies/linear_one_cycle.ts";
import type { COSINE_ONE_CYCLE } from "../policies/cosine_one_cycle.ts";
import type { PIECEWISE_INTERPOLATE } from "../policies/piecewise_interpolate.ts";
import type { PlateauRuleOf } from "../metric/plateau_options.ts";
import type { GREEDY } from "../metric/greedy_options.ts";

export type { JsonObject, JsonValue } from "../types.ts";
export type { ScaleRef, WaveRef } from "../policies/cyclic_lr.ts";

/** A normalized per-group value: one number for every group, or one per group. */
export type GroupValue = number | readonly number[];

/** The type a field has in a normalized config: per-group values as numbers or arrays. */
export type ConfigValue<X> = X extends Field<infer T, Presence> ? ([T] extends [PerGroup] ? GroupValue : T) : never;

/**
 * The fields of a normalized config, derived from a table: the optional fields as optional
 * properties, the others always present; `groups` and the fields in `Omitted` left out.
 *
 * @typeParam F The table's fields.
 * @typeParam Omitted Fields a config does not hold (functions, aliases).
 */
export type ConfigFields<F extends Fields, Omitted extends string = never> =
  & {
    readonly [K in keyof F as K extends "groups" | Omitted ? never : F[K]["presence"] extends "optional" ? never : K]:
      ConfigValue<F[K]>;
  }
  & {
    readonly [K in keyof F as K extends "groups" | Omitted ? never : F[K]["presence"] extends "optional" ? K : never]?:
      ConfigValue<F[K]>;
  };

/** PyTorch's `CyclicLR`; `scale` replaces `mode` and `gamma`, `wave` is absent for the triangle. */
export type CyclicConfig =
  & { readonly policy: "cyclic" }
  & ConfigFields<
    typeof CYCLIC.fields,
    "stepSize" | "scaleFn" | "scaleMode" | "registry" | "mode" | "gamma" | "scale" | "wave"
  >
  & {
    /** How the amplitude changes (PyTorch's `mode`); absent when `scale` is given. */
    readonly mode?: "triangular" | "triangular2" | "exp_range";
    /** The per-iteration factor of `exp_range`; absent when `scale` is given. */
    readonly gamma?: number;
    /** A registered scale, in place of `mode` and `gamma`. */
    readonly scale?: ScaleRef;
    /** A named wave; absent for the triangle. */
    readonly wave?: WaveRef;
  };

/** PyTorch's `OneCycleLR`. */
export type OneCycleConfig = { readonly policy: "oneCycle" } & ConfigFields<typeof ONE_CYCLE.fields>;
/** PyTorch's `CosineAnnealingWarmRestarts`, with timm's extras; `cycleLimit` absent for none. */
export type CosineRestartsConfig = { readonly policy: "cosineRestarts" } & ConfigFields<typeof COSINE_RESTARTS.fields>;
/** optax `constant_schedule`. */
export type ConstantConfig = { readonly policy: "constant" } & ConfigFields<typeof CONSTANT.fields>;
/** optax `linear_schedule`. */
export type LinearConfig = { readonly policy: "linear" } & ConfigFields<typeof LINEAR.fields>;
/** optax `polynomial_schedule`. */
export type PolynomialConfig = { readonly policy: "polynomial" } & ConfigFields<typeof POLYNOMIAL.fields>;
/** optax `exponential_decay`; `endValue` absent for none. */
export type ExponentialDecayConfig =
  & { readonly policy: "exponentialDecay" }
  & ConfigFields<typeof EXPONENTIAL_DECAY.fields>;
/** optax `cosine_decay_schedule`. */
export type CosineDecayConfig = { readonly policy: "cosineDecay" } & ConfigFields<typeof COSINE_DECAY.fields>;
/** optax `warmup_cosine_decay_schedule`. */
export type WarmupCosineDecayConfig =
  & { readonly policy: "warmupCosineDecay" }
  & ConfigFields<typeof WARMUP_COSINE_DECAY.fields>;
/** optax `piecewise_constant_schedule`; keys are canonical integers, in increasing order. */
export type PiecewiseConstantConfig =
  & { readonly policy: "piecewiseConstant" }
  & ConfigFields<typeof PIECEWISE_CONSTANT.fields>;

/** timm `TanhLRScheduler`. */
export type TanhDecayConfig = { readonly policy: "tanhDecay" } & ConfigFields<typeof TANH_DECAY.fields>;
/** timm `PolyLRScheduler` (k-decay, cycles). */
export type PolyConfig = { readonly policy: "poly" } & ConfigFields<typeof POLY.fields>;
/** Keras `PolynomialDecay` (with `cycle`). */
export type PolynomialDecayConfig =
  & { readonly policy: "polynomialDecay" }
  & ConfigFields<typeof POLYNOMIAL_DECAY.fields>;
/** HF `get_cosine_schedule_with_warmup` (with `min_lr_rate`). */
export type CosineWithWarmupConfig =
  & { readonly policy: "cosineWithWarmup" }
  & ConfigFields<typeof COSINE_WITH_WARMUP.fields>;
/** HF `get_cosine_with_hard_restarts_schedule_with_warmup`. */
export type CosineWithHardRestartsConfig =
  & { readonly policy: "cosineWithHardRestarts" }
  & ConfigFields<typeof COSINE_WITH_HARD_RESTARTS.fields>;
/** PyTorch `CosineAnnealingLR` (closed form, periodic past `tMax`). */
export type CosineAnnealingConfig =
  & { readonly policy: "cosineAnnealing" }
  & ConfigFields<typeof COSINE_ANNEALING.fields>;
/** optax `linear_onecycle_schedule`. */
export type LinearOneCycleConfig = { readonly policy: "linearOneCycle" } & ConfigFields<typeof LINEAR_ONE_CYCLE.fields>;
/** optax `cosine_onecycle_schedule`. */
export type CosineOneCycleConfig = { readonly policy: "cosineOneCycle" } & ConfigFields<typeof COSINE_ONE_CYCLE.fields>;
/** optax `piecewise_interpolate_schedule`; keys are canonical integers, in increasing order. */
export type PiecewiseInterpolateConfig =
  & { readonly policy: "piecewiseInterpolate" }
  & ConfigFields<typeof PIECEWISE_INTERPOLATE.fields>;

/** optax `join_schedules`: child `i` runs on `[boundaries[i-1], boundaries[i])` at local time. */
export type JoinConfig = {
  /** The policy name. */
  readonly policy: "join";
  /** The children, each run at local time. */
  readonly schedules: readonly Config[];
  /** Strictly increasing iterations where the next child starts, one fewer than `schedules`. */
  readonly boundaries: readonly number[];
};

/** HF `get_wsd_schedule`; exactly one of `stableSteps`/`totalSteps`; `numCycles` with a cosine decay, `decayPower` with `power`. */
export type WsdConfig =
  & { readonly policy: "wsd" }
  & ConfigFields<typeof WSD.fields, "numCycles">
  & {
    /** The waves of the cosine decay; present exactly when `decayShape` is `"cosine"`. */
    readonly numCycles?: number;
  };

/** A cooldown forked from iteration `at` of its `schedule`. */
export type CooldownConfig = {
  /** The policy name. */
  readonly policy: "cooldown";
  /** The schedule cooled down. */
  readonly schedule: Config;
} & ConfigFields<typeof COOLDOWN.fields>;

/** HF `get_inverse_sqrt_schedule`. */
export type InverseSqrtConfig = { readonly policy: "inverseSqrt" } & ConfigFields<typeof INVERSE_SQRT.fields>;

/** Keras `InverseTimeDecay`. */
export type InverseTimeDecayConfig =
  & { readonly policy: "inverseTimeDecay" }
  & ConfigFields<typeof INVERSE_TIME_DECAY.fields>;

/** timm's LR noise over its `schedule`; `end` absent for none. */
export type NoiseConfig = {
  /** The policy name. */
  readonly policy: "noise";
  /** The schedule made noisy. */
  readonly schedule: Config;
} & ConfigFields<typeof NOISE.fields>;

/** PyTorch's `ChainedScheduler` of multiplicative schedulers: the rates multiplied group by group. */
export type ProductConfig = {
  /** The policy name. */
  readonly policy: "product";
  /** The factors, at least two, none with momentum. */
  readonly schedules: readonly Config[];
};

/** The fields of a `plateau` config with PyTorch's or timm's rule (`semantics` `"pytorch"` or `"timm"`). */
export type PlateauTorchFields = Extract<PlateauRuleOf<GroupValue>, { readonly semantics: "pytorch" | "timm" }>;

/** The fields of a `plateau` config with optax's rule (`semantics: "optax"`). */
export type PlateauOptaxFields = Extract<PlateauRuleOf<GroupValue>, { readonly semantics: "optax" }>;

/** Reduce-on-plateau over a child schedule: a metric-driven policy (see docs/schedule-config.md). */
export type PlateauConfig =
  & {
    /** The policy name. */
    readonly policy: "plateau";
    /** The schedule it multiplies. */
    readonly schedule: Config;
  }
  & (PlateauTorchFields | PlateauOptaxFields);

/** HF's `GreedyLR` over a child schedule: a metric-driven policy (see docs/schedule-config.md). */
export type GreedyConfig =
  & {
    /** The policy name. */
    readonly policy: "greedy";
    /** The schedule it multiplies. */
    readonly schedule: Config;
  }
  & ConfigFields<typeof GREEDY.fields>;

/**
 * A decoded, normalized schedule config: what a config's `policy` builds. Narrow it by
 * its `policy` field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Config, decodeConfig } from "cyclical-lr/config";
 * const r = decodeConfig({ policy: "cosineDecay", initValue: 0.1, decaySteps: 100 });
 * const config: Config | undefined = r._tag === "Right" ? r.right : undefined;
 * assert.equal(config?.policy === "cosineDecay" ? config.alpha : undefined, 0);
 * ```
 */
export type Config =
  | CyclicConfig
  | OneCycleConfig
  | CosineRestartsConfig
  | ConstantConfig
  | LinearConfig
  | PolynomialConfig
  | ExponentialDecayConfig
  | CosineDecayConfig
  | WarmupCosineDecayConfig
  | PiecewiseConstantConfig
  | JoinConfig
  | WsdConfig
  | CooldownConfig
  | InverseSqrtConfig
  | InverseTimeDecayConfig
  | NoiseConfig
  | ProductConfig
  | TanhDecayConfig
  | PolyConfig
  | PolynomialDecayConfig
  | CosineWithWarmupConfig
  | CosineWithHardRestartsConfig
  | CosineAnnealingConfig
  | LinearOneCycleConfig
  | CosineOneCycleConfig
  | PiecewiseInterpolateConfig
  | PlateauConfig
  | GreedyConfig;

/** The name of a policy: the `policy` field of a config. */
export type PolicyName = Config["policy"];
