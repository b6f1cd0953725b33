/**
 * A config's text to what it builds, as every `clr` command loads it. Imports nothing of
 * Node's, so that a browser bundle loads configs exactly as `clr` does.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import type { Policy } from "../lib/types.ts";
import { parseConfig } from "../config.ts";
import { buildDecoded } from "../lib/config/build.ts";
import { isMetricPolicy, type MetricPolicy } from "../lib/metric/metric_policy.ts";
import { hear } from "../lib/metric/hear.ts";

/**
 * Config text to what it builds, decoded once (a metric-driven policy for a config with a
 * `plateau`), or the decoder's error lines.
 *
 * @param text The config, as JSON text.
 * @returns The policy or metric-driven policy, or every error, one per line.
 */
export function loadBuilt(
  text: string,
): { readonly built: Policy | MetricPolicy } | { readonly errors: readonly string[] } {
  const decoded = parseConfig(text);
  return isLeft(decoded) ? { errors: decoded.left } : { built: buildDecoded(decoded.right) };
}

/**
 * Config text to its policy, decoded once, or the decoder's error lines. A metric-driven
 * config is the policy it is with no observations (the schedule it multiplies).
 *
 * @param text The config, as JSON text.
 * @returns The policy, or every error, one per line.
 */
export function loadPolicy(text: string): { readonly policy: Policy } | { readonly errors: readonly string[] } {
  const loaded = loadBuilt(text);
  if ("errors" in loaded) return loaded;
  return { policy: isMetricPolicy(loaded.built) ? hear(loaded.built, []) : loaded.built };
}
