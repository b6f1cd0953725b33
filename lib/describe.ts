/**
 * Remembers the config a policy was built from, so that it can be encoded back to JSON.
 * Kept beside the policy (not on it) so that policies stay plain `{ lr, momentum, groups }`.
 *
 * @module
 */

const configs = new WeakMap<object, Readonly<Record<string, unknown>>>();

/**
 * Records `config` as the description of `value` and returns `value`.
 *
 * @param value A policy (or any object) built from the config.
 * @param config Its config, with every default written out.
 * @returns `value`, unchanged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configOf, withConfig } from "cyclical-lr";
 * const p = withConfig({ lr: () => [0.1], groups: 1 }, { policy: "constant", value: 0.1 });
 * assert.deepEqual(configOf(p), { policy: "constant", value: 0.1 });
 * ```
 */
export function withConfig<T extends object>(value: T, config: Readonly<Record<string, unknown>>): T {
  configs.set(value, config);
  return value;
}

/**
 * The config recorded for `value`, or `undefined` when it was built from code that has
 * no config form (an unregistered function).
 *
 * @param value A policy.
 * @returns Its config, or `undefined`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configOf } from "cyclical-lr";
 * assert.equal(configOf({}), undefined);
 * ```
 */
export function configOf(value: object): Readonly<Record<string, unknown>> | undefined {
  return configs.get(value);
}
