/**
 * Building a policy from a config: each `policy` goes to its factory, whose options are
 * exactly the config's fields (the registry of policies says which); the factory records
 * the config, so that it encodes back.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import type { Policy } from "../types.ts";
import { isRecord } from "../_check.ts";
import { defaultRegistry, type Registry } from "../signal/registry.ts";
import { withNormalConfig } from "../schedule/config_of.ts";
import { isMetricPolicy, type MetricPolicy } from "../metric/metric_policy.ts";
import { liftMetric } from "../metric/_combine.ts";
import type { Config } from "./types.ts";
import { decodeConfig } from "./decode.ts";
import { type ConfigObject, entryOf } from "./policies.ts";

/**
 * Builds a decoded, normalized config: its children first, then the policy itself. A
 * policy with a child that listens to a metric listens too: a `join` routes each
 * observation to the child of its segment, at local time; any other policy is built at
 * every state of its children, each hearing every observation at the same iteration.
 */
function build(config: ConfigObject, registry: Registry): Policy | MetricPolicy {
  const name = config.policy;
  const entry = typeof name === "string" ? entryOf(name) : undefined;
  if (entry === undefined) throw new TypeError(`policy: expected a decoded config, got ${JSON.stringify(name)}`);
  const field = entry.children?.field;
  const raw = field === undefined ? [] : config[field];
  const children = (Array.isArray(raw) ? raw : [raw]).filter(isRecord).map((c) => build(c, registry));
  if (!children.some(isMetricPolicy)) return entry.build(config, children.filter(isPlain), registry);
  const built = entry.buildMetric
    ? entry.buildMetric(config, children)
    : liftMetric(children, (policies) => entry.build(config, policies, registry));
  return withNormalConfig(built, config);
}

function isPlain(p: Policy | MetricPolicy): p is Policy {
  return !isMetricPolicy(p);
}

/** What a config builds, metric-driven or not. */
function buildAny(json: unknown, registry: Registry): Policy | MetricPolicy {
  const decoded = decodeConfig(json, { registry });
  if (isLeft(decoded)) throw new TypeError(decoded.left.join("\n"));
  return build(decoded.right, registry);
}

/** A plain policy, or the error that says a metric-driven config needs the metric. */
function plainPolicy(built: Policy | MetricPolicy): Policy {
  if (!isMetricPolicy(built)) return built;
  throw new TypeError(
    "policy: expected a config of a policy of the iteration, got a metric-driven config (plateau or greedy): " +
      "build it with metricPolicyFromConfig, or evaluate it with observations, hear(metricPolicyFromConfig(config), observations)",
  );
}

/**
 * Builds a config that has already been decoded (normalized) with the same registry: for
 * callers that decoded it themselves and would otherwise decode it twice. Anything else
 * goes through {@link policyFromConfig}.
 * @internal
 */
export function buildDecoded(config: Config, registry: Registry = defaultRegistry): Policy | MetricPolicy {
  return build(config, registry);
}

/**
 * Builds the policy a config describes. The config is decoded first (so defaults may be
 * left out), then each `policy` goes to its factory: `cyclic` to `cyclicLR` (with the
 * registered scale and wave, if named), `oneCycle`, `cosineRestarts`, the optax decays,
 * `join` to `join` and `product` to `product`. The policy records its normalized config, so
 * `encodeConfig` gives it back.
 *
 * @param config A config, as decoded by {@link decodeConfig} or written by hand.
 * @param registry Where custom scales and waves are looked up. @default defaultRegistry
 * @returns The policy: `lr`, `momentum` when the config schedules it, and `groups`.
 * @throws {TypeError} If the config does not decode (the message has every error, one per
 *   line), or if it listens to a metric (a `plateau` or `greedy`): build that with {@link metricPolicyFromConfig}.
 *
 * @example A warm-up, then cycles
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildPolicy } from "cyclical-lr/config";
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
  return plainPolicy(buildAny(config, registry));
}

/**
 * Decodes a JSON value and builds its policy: {@link decodeConfig}, then
 * {@link buildPolicy}, throwing instead of returning the errors.
 *
 * @param json A parsed JSON config (or any value).
 * @param registry Where custom scales and waves are looked up. @default defaultRegistry
 * @returns The policy.
 * @throws {TypeError} If the value does not decode (the message has every error, one per
 *   line), or if it listens to a metric (a `plateau` or `greedy`): build that with {@link metricPolicyFromConfig}.
 *
 * @example Decode and build in one step; bad configs throw every error
 * ```ts
 * import assert from "node:assert/strict";
 * import { policyFromConfig } from "cyclical-lr/config";
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
  return plainPolicy(buildAny(json, registry));
}

/**
 * Decodes a config that listens to a metric (a `plateau` or `greedy` somewhere in it) and builds its
 * metric-driven policy: `hear` it with observations, `listen` to it, or give it to `driver`
 * or the TF.js callback. It records its normalized config, so `encodeConfig` gives it back.
 *
 * @param json A parsed JSON config (or any value).
 * @param registry Where custom scales and waves are looked up. @default defaultRegistry
 * @returns The metric-driven policy.
 * @throws {TypeError} If the value does not decode (every error, one per line), or if no
 *   part of it listens to a metric (build that with {@link policyFromConfig}).
 *
 * @example Warm-up, then a plateau-controlled cosine, from JSON
 * ```ts
 * import assert from "node:assert/strict";
 * import { hear } from "cyclical-lr";
 * import { encodeConfig, metricPolicyFromConfig } from "cyclical-lr/config";
 * const p = metricPolicyFromConfig({
 *   policy: "join", boundaries: [10],
 *   schedules: [
 *     { policy: "linear", initValue: 0, endValue: 0.1, transitionSteps: 10 },
 *     { policy: "plateau", patience: 0, schedule: { policy: "cosineDecay", initValue: 0.1, decaySteps: 100 } },
 *   ],
 * });
 * const lr = hear(p, [[19, 1], [29, 1]]); // local iterations 9 and 19 of the plateau
 * assert.ok(Math.abs(lr(30)[0] - 0.1 * 0.1 * 0.5 * (1 + Math.cos(Math.PI * 20 / 100))) < 1e-15);
 * assert.equal(encodeConfig(p).policy, "join");
 * ```
 */
export function metricPolicyFromConfig(json: unknown, registry: Registry = defaultRegistry): MetricPolicy {
  const built = buildAny(json, registry);
  if (isMetricPolicy(built)) return built;
  throw new TypeError(
    "policy: expected a config that listens to a metric (a plateau or greedy in it), got one that does not: build it with policyFromConfig",
  );
}
