/**
 * Encoding a policy back to its JSON config.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import { describeValue } from "../_check.ts";
import { configOf, hasNormalConfig, noConfigReason } from "../schedule/config_of.ts";
import { defaultRegistry, type Registry } from "../signal/registry.ts";
import type { Config } from "./types.ts";
import { asConfig, decodeConfig } from "./decode.ts";

/**
 * The normalized config of a policy: the one its factory recorded (every factory of a
 * policy with a config form records it, `join` and `product` when every child has one).
 * Decoding the result and building it gives the same schedules, and
 * `encodeConfig(buildPolicy(decode(c)))` decodes to `decode(c)` again.
 *
 * @param policy A policy.
 * @param registry Where the custom pieces of a recorded config are looked up. @default defaultRegistry
 * @returns Its normalized config.
 * @throws {TypeError} If the policy has no config form, naming the piece that has none: a
 *   function (`scaleFn`, a `Scale` or a wave factory given to `cyclicLR`, a hand-written
 *   schedule) or a combinator without a config policy (`warmup`, `scaleBy`, `shift`, …).
 *   Register custom pieces with `registerScale`/`registerWave` and name them instead.
 *
 * @example From a factory to JSON and back
 * ```ts
 * import assert from "node:assert/strict";
 * import { cyclicLR } from "cyclical-lr";
 * import { encodeConfig, policyFromConfig } from "cyclical-lr/config";
 * const config = encodeConfig(cyclicLR({ baseLr: 0.1, maxLr: 1, stepSize: 5, mode: "triangular2" }));
 * assert.equal(config.policy, "cyclic");
 * assert.equal(JSON.stringify(encodeConfig(policyFromConfig(config))), JSON.stringify(config));
 * assert.throws(() => encodeConfig(cyclicLR({ scaleFn: (c) => 1 / c })), TypeError);
 * ```
 */
export function encodeConfig(policy: object, registry: Registry = defaultRegistry): Config {
  const recorded = configOf(policy);
  if (recorded === undefined) {
    const reason = noConfigReason(policy);
    // The way out for a function; a combinator's reason already names its own.
    const hint = reason === undefined || /function|hand-written/.test(reason)
      ? " (a function has none: register it with registerScale or registerWave and name it in a config)"
      : "";
    throw new TypeError(`policy: expected a policy with a config form, got ${reason ?? describeValue(policy)}${hint}`);
  }
  // A table's config is already normal; a hand-recorded one (withConfig) is decoded first.
  if (hasNormalConfig(policy)) return asConfig(recorded);
  const decoded = decodeConfig(recorded, { registry });
  if (isLeft(decoded)) {
    throw new TypeError(`policy: its recorded config does not decode:\n${decoded.left.join("\n")}`);
  }
  return decoded.right;
}
