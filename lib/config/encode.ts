/**
 * Encoding a policy back to its JSON config.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import { describeValue } from "../_check.ts";
import { configOf } from "../describe.ts";
import type { Config } from "./types.ts";
import { builtConfigOf } from "./build.ts";
import { decodeConfig } from "./decode.ts";
import { defaultRegistry, type Registry } from "./registry.ts";

/**
 * The normalized config of a policy: the one it was built from by `buildPolicy`, or the
 * one a factory recorded (`cyclicLR`, `oneCycle`, … record theirs with `withConfig`).
 * Decoding the result and building it gives the same schedules, and
 * `encodeConfig(buildPolicy(decode(c)))` decodes to `decode(c)` again.
 *
 * @param policy A policy.
 * @param registry Where the custom pieces of a recorded config are looked up. @default defaultRegistry
 * @returns Its normalized config.
 * @throws {TypeError} If the policy has no config: it was built from an unregistered
 *   function (`scaleFn`, a `Scale` or a wave factory passed to `cyclicLR`, a hand-written
 *   schedule). Register such pieces with `registerScale`/`registerWave` and name them in
 *   a config instead.
 *
 * @example From a factory to JSON and back
 * ```ts
 * import assert from "node:assert/strict";
 * import { cyclicLR, encodeConfig, policyFromConfig, scaleFn } from "cyclical-lr";
 * const config = encodeConfig(cyclicLR({ baseLr: 0.1, maxLr: 1, stepSize: 5, mode: "triangular2" }));
 * assert.equal(config.policy, "cyclic");
 * assert.equal(JSON.stringify(encodeConfig(policyFromConfig(config))), JSON.stringify(config));
 * assert.throws(() => encodeConfig(cyclicLR({ scaleFn: (c) => 1 / c })), TypeError);
 * ```
 */
export function encodeConfig(policy: object, registry: Registry = defaultRegistry): Config {
  const built = builtConfigOf(policy);
  if (built !== undefined) return built;
  const recorded = configOf(policy);
  if (recorded === undefined) {
    throw new TypeError(
      `policy: expected a policy with a config (built from a config, or by a factory from JSON-like options; ` +
        `a function such as a scaleFn has no config form, register it with registerScale or registerWave), ` +
        `got ${describeValue(policy)}`,
    );
  }
  const decoded = decodeConfig(recorded, { registry });
  if (isLeft(decoded)) {
    throw new TypeError(`policy: its recorded config does not decode:\n${decoded.left.join("\n")}`);
  }
  return decoded.right;
}
