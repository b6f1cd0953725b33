/**
 * The decoded, normalized config of every policy of `shared/spec/schedule-config.md`:
 * every default written out, per-group values as a number when there is one group and
 * as arrays of one length otherwise, no `groups` field.
 *
 * @module
 */
import type { ScaleMode } from "../types.ts";
import type { GroupValue, JsonObject } from "./codecs.ts";

export type { GroupValue, JsonObject, JsonValue } from "./codecs.ts";

/** A registered scale, by name: replaces `mode`/`gamma` of a `cyclic` config. */
export interface ScaleRef {
  /** The registered name. */
  readonly name: string;
  /** The factory's JSON params. @default {} */
  readonly params: JsonObject;
  /** What the scale receives. @default "cycle" */
  readonly mode: ScaleMode;
}

/** A wave by name: a built-in one (`triangle`, `cosine`) or a registered one. */
export interface WaveRef {
  /** The wave's name. */
  readonly name: string;
  /** The factory's JSON params (`{}` for the built-in waves). @default {} */
  readonly params: JsonObject;
}

/** PyTorch's `CyclicLR`; `scale` replaces `mode` and `gamma`, `wave` is absent for the triangle. */
export interface CyclicConfig {
  /** The policy name. */
  readonly policy: "cyclic";
  /** The rate at the bottom of every cycle, per group. @default 0.001 */
  readonly baseLr: GroupValue;
  /** The rate at the top of the first cycle, per group. @default 0.006 */
  readonly maxLr: GroupValue;
  /** Iterations of the rising half of a cycle. @default 2000 */
  readonly stepSizeUp: number;
  /** Iterations of the falling half of a cycle. @default stepSizeUp */
  readonly stepSizeDown: number;
  /** How the amplitude changes (PyTorch's `mode`); absent when `scale` is given. @default "triangular" */
  readonly mode?: "triangular" | "triangular2" | "exp_range";
  /** The per-iteration factor of `exp_range`, in (0, 1]; absent when `scale` is given. @default 1 */
  readonly gamma?: number;
  /** A registered scale, in place of `mode` and `gamma`. */
  readonly scale?: ScaleRef;
  /** `exp_range` shrinks the amplitude (PyTorch) or both bounds (the paper). @default "amplitude" */
  readonly expRangeDecays: "amplitude" | "bounds";
  /** Whether momentum cycles opposite to the rate. @default true */
  readonly cycleMomentum: boolean;
  /** The momentum at the top of the rate cycle, per group. @default 0.8 */
  readonly baseMomentum: GroupValue;
  /** The momentum at the bottom of the rate cycle, per group. @default 0.9 */
  readonly maxMomentum: GroupValue;
  /** A named wave; absent for the triangle. */
  readonly wave?: WaveRef;
}

/** PyTorch's `OneCycleLR`. */
export interface OneCycleConfig {
  /** The policy name. */
  readonly policy: "oneCycle";
  /** The peak rate, per group. */
  readonly maxLr: GroupValue;
  /** Iterations of the whole cycle. */
  readonly totalSteps: number;
  /** The fraction of `totalSteps` spent rising, in [0, 1]. @default 0.3 */
  readonly pctStart: number;
  /** The shape of each phase. @default "cos" */
  readonly annealStrategy: "cos" | "linear";
  /** The initial rate is `maxLr / divFactor`. @default 25 */
  readonly divFactor: number;
  /** The final rate is the initial rate / `finalDivFactor`. @default 1e4 */
  readonly finalDivFactor: number;
  /** Whether a third phase anneals to the final rate (the second then ends at the initial rate). @default false */
  readonly threePhase: boolean;
  /** Whether momentum cycles opposite to the rate. @default true */
  readonly cycleMomentum: boolean;
  /** The momentum at the peak rate, per group. @default 0.85 */
  readonly baseMomentum: GroupValue;
  /** The momentum at the start and the end, per group. @default 0.95 */
  readonly maxMomentum: GroupValue;
}

/** PyTorch's `CosineAnnealingWarmRestarts`, with timm's extras; `cycleLimit` absent for none. */
export interface CosineRestartsConfig {
  /** The policy name. */
  readonly policy: "cosineRestarts";
  /** The peak rate of the first cycle, per group. */
  readonly baseLr: GroupValue;
  /** Iterations of the first cycle. */
  readonly t0: number;
  /** Each cycle is `tMult` times longer than the previous one (real, >= 1). @default 1 */
  readonly tMult: number;
  /** The rate at the end of every cycle, per group. @default 0 */
  readonly etaMin: GroupValue;
  /** The peak is multiplied by it at every restart, in (0, 1]. @default 1 */
  readonly cycleDecay: number;
  /** After this many cycles the rate stays `etaMin`; absent for no limit. */
  readonly cycleLimit?: number;
  /** A linear ramp from `etaMin` to the peak over the first iterations of every cycle. @default 0 */
  readonly warmupSteps: number;
}

/** optax `constant_schedule`. */
export interface ConstantConfig {
  /** The policy name. */
  readonly policy: "constant";
  /** The value, per group. */
  readonly value: GroupValue;
}

/** optax `linear_schedule`. */
export interface LinearConfig {
  /** The policy name. */
  readonly policy: "linear";
  /** The value before the transition, per group. */
  readonly initValue: GroupValue;
  /** The value after the transition, per group. */
  readonly endValue: GroupValue;
  /** Iterations of the transition. */
  readonly transitionSteps: number;
  /** The iteration where the transition starts. @default 0 */
  readonly transitionBegin: number;
}

/** optax `polynomial_schedule`. */
export interface PolynomialConfig {
  /** The policy name. */
  readonly policy: "polynomial";
  /** The value before the transition, per group. */
  readonly initValue: GroupValue;
  /** The value after the transition, per group. */
  readonly endValue: GroupValue;
  /** The exponent of the polynomial, > 0. */
  readonly power: number;
  /** Iterations of the transition. */
  readonly transitionSteps: number;
  /** The iteration where the transition starts. @default 0 */
  readonly transitionBegin: number;
}

/** optax `exponential_decay`; `endValue` absent for none. */
export interface ExponentialDecayConfig {
  /** The policy name. */
  readonly policy: "exponentialDecay";
  /** The value before the decay, per group. */
  readonly initValue: GroupValue;
  /** Iterations over which the value is multiplied by `decayRate` once. */
  readonly transitionSteps: number;
  /** The factor per `transitionSteps`, > 0. */
  readonly decayRate: number;
  /** The iteration where the decay starts. @default 0 */
  readonly transitionBegin: number;
  /** Whether the decay happens in steps of `transitionSteps`. @default false */
  readonly staircase: boolean;
  /** A lower bound (an upper bound when `decayRate > 1`), per group; absent for none. */
  readonly endValue?: GroupValue;
}

/** optax `cosine_decay_schedule`. */
export interface CosineDecayConfig {
  /** The policy name. */
  readonly policy: "cosineDecay";
  /** The value at iteration 0, per group. */
  readonly initValue: GroupValue;
  /** Iterations of the decay. */
  readonly decaySteps: number;
  /** The final value as a fraction of `initValue`, in [0, 1]. @default 0 */
  readonly alpha: number;
  /** The power the cosine factor is raised to, > 0. @default 1 */
  readonly exponent: number;
}

/** optax `warmup_cosine_decay_schedule`. */
export interface WarmupCosineDecayConfig {
  /** The policy name. */
  readonly policy: "warmupCosineDecay";
  /** The value at iteration 0, per group. */
  readonly initValue: GroupValue;
  /** The value at the end of the warm-up, per group. */
  readonly peakValue: GroupValue;
  /** Iterations of the linear warm-up. */
  readonly warmupSteps: number;
  /** Iterations of warm-up and decay together. */
  readonly decaySteps: number;
  /** The value at the end of the decay, per group. @default 0 */
  readonly endValue: GroupValue;
  /** The power the cosine factor is raised to, > 0. @default 1 */
  readonly exponent: number;
}

/** optax `piecewise_constant_schedule`; keys are canonical integers, in increasing order. */
export interface PiecewiseConstantConfig {
  /** The policy name. */
  readonly policy: "piecewiseConstant";
  /** The value before the first boundary, per group. */
  readonly initValue: GroupValue;
  /** Boundary iteration to the factor the value is multiplied by there, as optax. */
  readonly boundariesAndScales: { readonly [iteration: string]: number };
}

/** optax `join_schedules`: child `i` runs on `[boundaries[i-1], boundaries[i])` at local time. */
export interface JoinConfig {
  /** The policy name. */
  readonly policy: "join";
  /** The children, each run at local time. */
  readonly schedules: readonly Config[];
  /** Strictly increasing iterations where the next child starts, one fewer than `schedules`. */
  readonly boundaries: readonly number[];
}

/**
 * A decoded, normalized schedule config: what a config's `policy` builds. Narrow it by
 * its `policy` field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Config, decodeConfig } from "cyclical-lr";
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
  | JoinConfig;

/** The name of a policy: the `policy` field of a config. */
export type PolicyName = Config["policy"];
