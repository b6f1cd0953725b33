/**
 * Building a policy from a config: each `policy` goes to its factory, whose options are
 * exactly the config's fields (the registry of policies says which); the factory records
 * the config, so that it encodes back.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import type { Policy } from "../types.ts";
import { defaultRegistry, type Registry } from "../signal/registry.ts";
import type { Config } from "./types.ts";
import { decodeConfig } from "./decode.ts";
import { type ConfigObject, entryOf } from "./policies.ts";

/** Builds a decoded, normalized config: its children first, then the policy itself. */
function build(config: ConfigObject, registry: Registry): Policy {
  const name = config.policy;
  const entry = typeof name === "string" ? entryOf(name) : undefined;
  if (entry === undefined) throw new TypeError(`policy: expected a decoded config, got ${JSON.stringify(name)}`);
  const field = entry.children?.field;
  const raw = field === undefined ? [] : config[field];
  const children = (Array.isArray(raw) ? raw : [raw]).filter(isConfigObject).map((c) => build(c, registry));
  return entry.build(config, children, registry);
}

function isConfigObject(u: unknown): u is ConfigObject {
  return typeof u === "object" && u !== null && !Array.isArray(u);
}

/**
 * Builds a config that has already been decoded (normalized) with the same registry: for
 * callers that decoded it themselves and would otherwise decode it twice. Anything else
 * goes through {@link policyFromConfig}.
 * @internal
 */
export function buildDecoded(config: Config, registry: Registry = defaultRegistry): Policy {
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
 * @throws {TypeError} If the config does not decode; the message has every error, one per line.
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
  const decoded = decodeConfig(json, { registry });
  if (isLeft(decoded)) throw new TypeError(decoded.left.join("\n"));
  return build(decoded.right, registry);
}
