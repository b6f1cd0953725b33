/**
 * The options table of a policy that has a config: beside the checks, it knows the config's
 * `policy` name, the normalized config of checked options, and whether that config builds
 * momentum; and it is the one place where a built policy's config is recorded.
 *
 * @module
 */
import type { Policy, Schedule } from "../types.ts";
import { makePolicy } from "../schedule/policy.ts";
import { withNormalConfig, withoutConfig } from "../schedule/config_of.ts";
import { type Fields, type OptionsTable, optionsTable, type TableExtras, type ValuesOf } from "./table.ts";
import { perGroupConfig } from "./_groups.ts";

/** A normalized config (every default written out), or why the options have none. */
export type ConfigOrReason =
  | { readonly config: Readonly<Record<string, unknown>> }
  | { readonly reason: string };

/**
 * A policy's options table: the fields and rules of {@link OptionsTable}, the config's
 * `policy` name, and what is derived from them for configs.
 *
 * @typeParam F The table's fields.
 *
 * @example The config a factory records
 * ```ts
 * import assert from "node:assert/strict";
 * import { configOf, oneCycle, ONE_CYCLE } from "cyclical-lr";
 * assert.equal(ONE_CYCLE.policy, "oneCycle");
 * assert.equal(configOf(oneCycle({ maxLr: 0.1, totalSteps: 10 }))?.divFactor, 25);
 * ```
 */
export interface PolicyTable<F extends Fields> extends OptionsTable<F> {
  /** The config's `policy`. */
  readonly policy: string;
  /** Whether a normalized config of this policy builds momentum. */
  readonly hasMomentum: (config: Readonly<Record<string, unknown>>) => boolean;
  /** The normalized config of checked options, or why they have none. */
  configOf(values: ValuesOf<F>): ConfigOrReason;
  /** Makes the policy from its schedules and records its config (or why it has none). */
  make(values: ValuesOf<F>, lr: Schedule, momentum?: Schedule): Policy;
}

/**
 * Declares a policy's options table.
 *
 * @param policy The config's `policy` name.
 * @param of The factory's name, for unknown-option errors.
 * @param fields The fields, required ones first.
 * @param extra Exclusive pairs, rules, hints; `momentum` says whether a config builds
 *   momentum (default: never); `config` replaces the default normal form.
 * @returns The table.
 * @internal
 */
export function policyTable<F extends Fields>(
  policy: string,
  of: string,
  fields: F,
  extra: TableExtras<F> & {
    readonly momentum?: (config: Readonly<Record<string, unknown>>) => boolean;
    readonly config?: (values: ValuesOf<F>, plain: (values: ValuesOf<F>) => ConfigOrReason) => ConfigOrReason;
  } = {},
): PolicyTable<F> {
  const table = optionsTable(of, fields, extra);
  const plain = (values: ValuesOf<F>): ConfigOrReason => {
    const config: Record<string, unknown> = { policy };
    for (const name of Object.keys(fields)) {
      const v: unknown = values[name];
      if (name === "groups" || v === undefined) continue;
      const { kind } = fields[name];
      if (!kind.json) return { reason: `a ${of} whose ${name} is a function` };
      config[name] = kind.perGroup && Array.isArray(v) ? perGroupConfig(v) : v;
    }
    return { config };
  };
  const configOf = (values: ValuesOf<F>) => (extra.config ? extra.config(values, plain) : plain(values));
  return {
    ...table,
    policy,
    hasMomentum: extra.momentum ?? (() => false),
    configOf,
    make: (values, lr, momentum) => {
      const groups: unknown = values["groups"];
      const made = makePolicy(lr, typeof groups === "number" ? groups : 1, momentum);
      const c = configOf(values);
      return "config" in c ? withNormalConfig(made, c.config) : withoutConfig(made, c.reason);
    },
  };
}
