/**
 * The one record of which config a policy was built from, so that it can be encoded back
 * to JSON, and, for a policy that has no config form, the reason (so that `encodeConfig`
 * can name the piece). Kept beside the policy (in a `WeakMap`), so that policies stay plain
 * functions.
 *
 * @module
 */

const configs = new WeakMap<object, Readonly<Record<string, unknown>>>();
const reasons = new WeakMap<object, string>();
/** Policies whose recorded config a table wrote: already normal, needing no decode. */
const normal = new WeakSet<object>();

/**
 * Records `config` as the description of `value` and returns `value`. The library's
 * factories record theirs (every default written out); use this for a hand-written policy
 * that a registered piece or a config can rebuild.
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
  reasons.delete(value);
  normal.delete(value);
  return value;
}

/**
 * Records the normal config a table derived (every default written out, registered names
 * as given), which encodes as it is.
 *
 * @param value A policy.
 * @param config Its normal config.
 * @returns `value`, unchanged.
 * @internal
 */
export function withNormalConfig<T extends object>(value: T, config: Readonly<Record<string, unknown>>): T {
  withConfig(value, config);
  normal.add(value);
  return value;
}

/**
 * Whether the config recorded for `value` is the normal form a table derived.
 *
 * @param value A policy.
 * @returns Whether it needs no decode to be encoded.
 * @internal
 */
export function hasNormalConfig(value: object): boolean {
  return normal.has(value);
}

/**
 * Records why `value` has no config form (`"scaleFn of cyclicLR is a function"`) and
 * returns `value`.
 *
 * @param value A policy.
 * @param reason What in it has no JSON form.
 * @returns `value`, unchanged.
 * @internal
 */
export function withoutConfig<T extends object>(value: T, reason: string): T {
  configs.delete(value);
  normal.delete(value);
  reasons.set(value, reason);
  return value;
}

/**
 * The config recorded for `value`, or `undefined` when it was built from something that
 * has no config form (a hand-written function, a combinator without a config policy).
 *
 * @param value A policy.
 * @returns Its config, or `undefined`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configOf, oneCycle, warmup } from "cyclical-lr";
 * const p = oneCycle({ maxLr: 0.1, totalSteps: 100 });
 * assert.equal(configOf(p)?.pctStart, 0.3);
 * assert.equal(configOf(warmup(p, { steps: 10 })), undefined);
 * ```
 */
export function configOf(value: object): Readonly<Record<string, unknown>> | undefined {
  return configs.get(value);
}

/**
 * Why `value` has no config, when the library knows (`undefined` otherwise).
 *
 * @param value A policy.
 * @returns The reason, or `undefined`.
 * @internal
 */
export function noConfigReason(value: object): string | undefined {
  return reasons.get(value);
}

/**
 * The configs of children, or the reason the first of them that has none lacks one.
 *
 * @param field The children's field (`schedules`), for the reason.
 * @param children The child policies.
 * @returns Their configs, or the reason.
 * @internal
 */
export function childConfigs(
  combinator: string,
  field: string,
  children: readonly object[],
): { readonly configs: readonly Readonly<Record<string, unknown>>[]; readonly normal: boolean } | {
  readonly reason: string;
} {
  const out: Readonly<Record<string, unknown>>[] = [];
  for (let i = 0; i < children.length; i++) {
    const c = configs.get(children[i]);
    if (c === undefined) {
      return {
        reason: `a ${combinator} whose ${field}[${i}] is ${reasons.get(children[i]) ?? "not built from a config"}`,
      };
    }
    out.push(c);
  }
  return { configs: out, normal: children.every((c) => normal.has(c)) };
}

/**
 * Records on a combinator of one child the config it builds around the child's (normal
 * when the child's is), or, when the child has none, the reason.
 *
 * @param value The combinator's policy.
 * @param child Its child.
 * @param config The combinator's config, from the child's.
 * @param reason Why the combinator has no config, from the child's reason.
 * @returns `value`.
 * @internal
 */
export function withChildConfig<T extends object>(
  value: T,
  child: object,
  config: (childConfig: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>,
  reason: (childReason: string) => string,
): T {
  const c = configs.get(child);
  if (c === undefined) return withoutConfig(value, reason(reasons.get(child) ?? "not built from a config"));
  return (normal.has(child) ? withNormalConfig : withConfig)(value, config(c));
}
