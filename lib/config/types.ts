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
  readonly policy: "cyclic";
  readonly baseLr: GroupValue;
  readonly maxLr: GroupValue;
  readonly stepSizeUp: number;
  readonly stepSizeDown: number;
  readonly mode?: "triangular" | "triangular2" | "exp_range";
  readonly gamma?: number;
  readonly scale?: ScaleRef;
  readonly expRangeDecays: "amplitude" | "bounds";
  readonly cycleMomentum: boolean;
  readonly baseMomentum: GroupValue;
  readonly maxMomentum: GroupValue;
  readonly wave?: WaveRef;
}

/** PyTorch's `OneCycleLR`. */
export interface OneCycleConfig {
  readonly policy: "oneCycle";
  readonly maxLr: GroupValue;
  readonly totalSteps: number;
  readonly pctStart: number;
  readonly annealStrategy: "cos" | "linear";
  readonly divFactor: number;
  readonly finalDivFactor: number;
  readonly threePhase: boolean;
  readonly cycleMomentum: boolean;
  readonly baseMomentum: GroupValue;
  readonly maxMomentum: GroupValue;
}

/** PyTorch's `CosineAnnealingWarmRestarts`, with timm's extras; `cycleLimit` absent for none. */
export interface CosineRestartsConfig {
  readonly policy: "cosineRestarts";
  readonly baseLr: GroupValue;
  readonly t0: number;
  readonly tMult: number;
  readonly etaMin: GroupValue;
  readonly cycleDecay: number;
  readonly cycleLimit?: number;
  readonly warmupSteps: number;
}

/** optax `constant_schedule`. */
export interface ConstantConfig {
  readonly policy: "constant";
  readonly value: GroupValue;
}

/** optax `linear_schedule`. */
export interface LinearConfig {
  readonly policy: "linear";
  readonly initValue: GroupValue;
  readonly endValue: GroupValue;
  readonly transitionSteps: number;
  readonly transitionBegin: number;
}

/** optax `polynomial_schedule`. */
export interface PolynomialConfig {
  readonly policy: "polynomial";
  readonly initValue: GroupValue;
  readonly endValue: GroupValue;
  readonly power: number;
  readonly transitionSteps: number;
  readonly transitionBegin: number;
}

/** optax `exponential_decay`; `endValue` absent for none. */
export interface ExponentialDecayConfig {
  readonly policy: "exponentialDecay";
  readonly initValue: GroupValue;
  readonly transitionSteps: number;
  readonly decayRate: number;
  readonly transitionBegin: number;
  readonly staircase: boolean;
  readonly endValue?: GroupValue;
}

/** optax `cosine_decay_schedule`. */
export interface CosineDecayConfig {
  readonly policy: "cosineDecay";
  readonly initValue: GroupValue;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly exponent: number;
}

/** optax `warmup_cosine_decay_schedule`. */
export interface WarmupCosineDecayConfig {
  readonly policy: "warmupCosineDecay";
  readonly initValue: GroupValue;
  readonly peakValue: GroupValue;
  readonly warmupSteps: number;
  readonly decaySteps: number;
  readonly endValue: GroupValue;
  readonly exponent: number;
}

/** optax `piecewise_constant_schedule`; keys are canonical integers, in increasing order. */
export interface PiecewiseConstantConfig {
  readonly policy: "piecewiseConstant";
  readonly initValue: GroupValue;
  readonly boundariesAndScales: { readonly [iteration: string]: number };
}

/** optax `join_schedules`: child `i` runs on `[boundaries[i-1], boundaries[i])` at local time. */
export interface JoinConfig {
  readonly policy: "join";
  readonly schedules: readonly Config[];
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
