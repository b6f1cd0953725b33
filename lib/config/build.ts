/**
 * Building a policy from a config: each `policy` dispatches to its factory, whose options
 * are exactly the config's fields, and the built policy records its normalized config.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import type { Policy, Scale } from "../types.ts";
import { describeValue } from "../_check.ts";
import { withConfig } from "../describe.ts";
import { scaleFn } from "../scale.ts";
import { cyclicLR, type WaveFactory } from "../cyclic_lr.ts";
import { oneCycle } from "../one_cycle.ts";
import { cosineRestarts } from "../cosine_restarts.ts";
import { constant } from "../decay/constant.ts";
import { linear } from "../decay/linear.ts";
import { polynomial } from "../decay/polynomial.ts";
import { exponentialDecay } from "../decay/exponential_decay.ts";
import { cosineDecay } from "../decay/cosine_decay.ts";
import { warmupCosineDecay } from "../decay/warmup_cosine_decay.ts";
import { piecewiseConstant } from "../decay/piecewise_constant.ts";
import { joinPolicies } from "../join.ts";
import type { Config, CyclicConfig, ScaleRef, WaveRef } from "./types.ts";
import { decodeConfig } from "./decode.ts";
import { isWave, namesPhrase } from "./cyclic.ts";
import { BUILT_IN_WAVES, defaultRegistry, type Registry } from "./registry.ts";

/** The normalized config of every policy built here, for {@link encodeConfig}. */
const builtConfigs = new WeakMap<object, Config>();

/**
 * The normalized config a policy was built from by {@link buildPolicy}, if it was.
 *
 * @param policy A policy.
 * @returns Its config, or `undefined`.
 */
export function builtConfigOf(policy: object): Config | undefined {
  return builtConfigs.get(policy);
}

/** The config's fields without `policy`: the options of its factory. */
function fieldsOf<C extends { readonly policy: string }>(config: C): Omit<C, "policy"> {
  const { policy: _policy, ...fields } = config;
  return fields;
}

function registeredScale(ref: ScaleRef, registry: Registry): Scale {
  const factory = registry.scales.get(ref.name);
  if (factory === undefined) {
    const phrase = namesPhrase("scale", [...registry.scales.keys()]);
    throw new TypeError(`scale.name: expected ${phrase}, got ${describeValue(ref.name)}`);
  }
  return scaleFn(factory(ref.params), ref.mode);
}

function registeredWave(ref: WaveRef, registry: Registry): WaveFactory {
  const factory = registry.waves.get(ref.name);
  if (factory === undefined) {
    const phrase = namesPhrase("wave", [...BUILT_IN_WAVES, ...registry.waves.keys()]);
    throw new TypeError(`wave.name: expected ${phrase}, got ${describeValue(ref.name)}`);
  }
  return (steps) => {
    const wave: unknown = factory(ref.params, steps);
    if (!isWave(wave)) {
      throw new TypeError(
        `wave: expected ${JSON.stringify(ref.name)} to give a wave {period, cycle, height}, got ${describeValue(wave)}`,
      );
    }
    return wave;
  };
}

function buildCyclic(c: CyclicConfig, registry: Registry): Policy {
  const wave = c.wave === undefined || c.wave.name === "triangle"
    ? "triangle"
    : c.wave.name === "cosine"
    ? "cosine"
    : registeredWave(c.wave, registry);
  return cyclicLR({
    baseLr: c.baseLr,
    maxLr: c.maxLr,
    stepSizeUp: c.stepSizeUp,
    stepSizeDown: c.stepSizeDown,
    ...(c.scale === undefined ? { mode: c.mode, gamma: c.gamma } : { scale: registeredScale(c.scale, registry) }),
    wave,
    expRangeDecays: c.expRangeDecays,
    cycleMomentum: c.cycleMomentum,
    baseMomentum: c.baseMomentum,
    maxMomentum: c.maxMomentum,
  });
}

/**
 * Builds a config that has already been decoded (normalized) with the same registry, and
 * records it on the policy: for callers that decoded it themselves and would otherwise
 * decode it twice. Anything else goes through {@link policyFromConfig}.
 * @internal
 */
export function buildDecoded(config: Config, registry: Registry = defaultRegistry): Policy {
  return build(config, registry);
}

/** Builds a decoded, normalized config; records the config on the policy. */
function build(config: Config, registry: Registry): Policy {
  let policy: Policy;
  switch (config.policy) {
    case "cyclic":
      policy = buildCyclic(config, registry);
      break;
    case "oneCycle":
      policy = oneCycle(fieldsOf(config));
      break;
    case "cosineRestarts":
      policy = cosineRestarts(fieldsOf(config));
      break;
    case "constant":
      policy = constant(fieldsOf(config));
      break;
    case "linear":
      policy = linear(fieldsOf(config));
      break;
    case "polynomial":
      policy = polynomial(fieldsOf(config));
      break;
    case "exponentialDecay":
      policy = exponentialDecay(fieldsOf(config));
      break;
    case "cosineDecay":
      policy = cosineDecay(fieldsOf(config));
      break;
    case "warmupCosineDecay":
      policy = warmupCosineDecay(fieldsOf(config));
      break;
    case "piecewiseConstant":
      policy = piecewiseConstant(fieldsOf(config));
      break;
    case "join":
      policy = joinPolicies(config.schedules.map((s) => build(s, registry)), config.boundaries);
      break;
  }
  builtConfigs.set(policy, config);
  return withConfig(policy, { ...config });
}

/**
 * Builds the policy a config describes. The config is decoded first (so defaults may be
 * left out), then each `policy` goes to its factory: `cyclic` to `cyclicLR` (with the
 * registered scale and wave, if named), `oneCycle`, `cosineRestarts`, the optax decays,
 * and `join` to `joinPolicies`. The policy records its normalized config, so
 * {@link encodeConfig} gives it back.
 *
 * @param config A config, as decoded by {@link decodeConfig} or written by hand.
 * @param registry Where custom scales and waves are looked up. @default defaultRegistry
 * @returns The policy: `lr`, `momentum` when the config schedules it, and `groups`.
 * @throws {TypeError} If the config does not decode; the message has every error, one per line.
 *
 * @example A warm-up, then cycles
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildPolicy } from "cyclical-lr";
 * const { lr, momentum, groups } = buildPolicy({
 *   policy: "join",
 *   schedules: [
 *     { policy: "linear", initValue: 0, endValue: 0.001, transitionSteps: 100, transitionBegin: 0 },
 *     { policy: "constant", value: 0.001 },
 *   ],
 *   boundaries: [100],
 * });
 * assert.equal(groups, 1);
 * assert.equal(momentum, undefined);
 * assert.ok(Math.abs(lr(50)[0] - 0.0005) < 1e-18);
 * assert.deepEqual(lr(100), [0.001]);
 * ```
 */
export function buildPolicy(config: Config, registry: Registry = defaultRegistry): Policy {
  return policyFromConfig(config, registry);
}

/**
 * Decodes a JSON value and builds its policy: {@link decodeConfig}, then
 * {@link buildPolicy}, throwing instead of returning the errors.
 *
 * @param json A parsed JSON config (or any value).
 * @param registry Where custom scales and waves are looked up. @default defaultRegistry
 * @returns The policy.
 * @throws {TypeError} If the value does not decode; the message has every error, one per line.
 *
 * @example Decode and build in one step; bad configs throw every error
 * ```ts
 * import assert from "node:assert/strict";
 * import { policyFromConfig } from "cyclical-lr";
 * const { lr, momentum } = policyFromConfig({ policy: "cyclic", baseLr: 0.1, maxLr: 1.1, stepSize: 10 });
 * assert.deepEqual(lr(10), [1.1]);
 * assert.deepEqual(momentum?.(10), [0.8]);
 * assert.throws(() => policyFromConfig({ policy: "cyclic", stepSize: 0, gamma: 2 }), {
 *   name: "TypeError",
 *   message: "stepSize: expected a positive integer, got 0\ngamma: expected a number in (0, 1], got 2",
 * });
 * ```
 */
export function policyFromConfig(json: unknown, registry: Registry = defaultRegistry): Policy {
  const decoded = decodeConfig(json, { registry });
  if (isLeft(decoded)) throw new TypeError(decoded.left.join("\n"));
  return build(decoded.right, registry);
}
