import type { PerGroup, Policy, ScalarSchedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { type FieldsOf, fraction, GROUPS, perGroupRate, positive, positiveInt } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { withScalars } from "../schedule/scalars.ts";
import { cos, pow } from "../_math/mod.ts";

/** Options of {@link cosineWeight}: the shape of optax's cosine decay. */
export interface CosineWeightOptions {
  /** Iterations of the decay, a positive safe integer. */
  readonly decaySteps: number;
  /** The power of the half cosine, finite and > 0. */
  readonly exponent?: number;
}

/** Options of {@link cosineDecay}: the fields of the `cosineDecay` config, checked by {@link COSINE_DECAY}. */
export interface CosineDecayOptions extends CosineWeightOptions {
  /** The value at iteration 0, per group (finite, >= 0). */
  readonly initValue: PerGroup;
  /** The final value as a fraction of `initValue`, in [0, 1]. */
  readonly alpha?: number;
  /** Number of groups, when `initValue` is a number. */
  readonly groups?: number;
}

/**
 * The options table of {@link cosineWeight}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { COSINE_WEIGHT } from "cyclical-lr";
 * assert.equal(COSINE_WEIGHT.read({ decaySteps: 10 }).exponent, 1);
 * ```
 */
export const COSINE_WEIGHT: OptionsTable<FieldsOf<CosineWeightOptions>> = optionsTable("cosineWeight", {
  decaySteps: positiveInt.required(),
  exponent: positive.default(1),
});

/**
 * The options table of {@link cosineDecay} and of the `cosineDecay` config (optax
 * `cosine_decay_schedule`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { COSINE_DECAY } from "cyclical-lr";
 * assert.equal(COSINE_DECAY.read({ initValue: 0.1, decaySteps: 100 }).alpha, 0);
 * ```
 */
export const COSINE_DECAY: PolicyTable<FieldsOf<CosineDecayOptions, "groups">> = policyTable(
  "cosineDecay",
  "cosineDecay",
  {
    initValue: perGroupRate.required(),
    decaySteps: COSINE_WEIGHT.fields.decaySteps,
    alpha: fraction.default(0),
    exponent: COSINE_WEIGHT.fields.exponent,
    groups: GROUPS,
  },
);

/**
 * optax's cosine weight of checked options.
 * @internal
 */
export function cosineWeightOf(steps: number, exponent: number): ScalarSchedule {
  return (t) => {
    checkIteration(t);
    const count = Math.min(t, steps);
    const cosine = 0.5 * (1 + cos(Math.PI * count / steps));
    return exponent === 1 ? cosine : pow(cosine, exponent);
  };
}

/**
 * The unit signal of optax's `cosine_decay_schedule`: a half cosine from 1 to 0 over
 * `decaySteps` iterations, raised to `exponent`, then 0:
 * `(0.5 * (1 + cos(pi * min(t, decaySteps) / decaySteps))) ** exponent`.
 *
 * @param options The decay's length and exponent.
 * @returns A scalar schedule in [0, 1], non-increasing, 0 from `decaySteps` on.
 * @throws {RangeError} If `decaySteps` is not a positive safe integer or `exponent` is not
 *   finite and > 0.
 *
 * @example Half way down at half the steps
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineWeight } from "cyclical-lr";
 * const w = cosineWeight({ decaySteps: 100 });
 * assert.equal(w(0), 1);
 * assert.ok(Math.abs(w(50) - 0.5) < 1e-15);
 * assert.equal(w(100), 0);
 * assert.equal(w(1e6), 0);
 * ```
 */
export function cosineWeight(options: CosineWeightOptions): ScalarSchedule {
  const o = COSINE_WEIGHT.read(options);
  return cosineWeightOf(o.decaySteps, o.exponent);
}

/**
 * optax's `cosine_decay_schedule` as a policy (SGDR's annealing without restarts).
 *
 * `lr(t)[g] = initValue[g] * ((1 - alpha) * w(t) + alpha)` with
 * `w(t) = (0.5 * (1 + cos(pi * min(t, decaySteps) / decaySteps))) ** exponent`
 * ({@link cosineWeight}): from `initValue` at 0 to `alpha * initValue` at `decaySteps`,
 * held after. This is the form of optax 0.2.9.dev, commit 2edbcbe (`(1 - alpha) * cosine ** exponent + alpha`,
 * times `init_value`), evaluated in the same order, so it matches optax exactly.
 *
 * @param options optax's arguments, camelCased, with per-group `initValue`.
 * @returns The policy (no momentum), with its config recorded (`alpha`, `exponent` written out).
 * @throws {TypeError} If a field has the wrong type or `initValue` is missing.
 * @throws {RangeError} If a value is out of range: rates finite and >= 0, `decaySteps` a
 *   positive safe integer, `alpha` in [0, 1], `exponent` finite and > 0.
 *
 * @example optax's test with alpha 0.1: down to a tenth over 5 steps
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineDecay } from "cyclical-lr";
 * const { lr } = cosineDecay({ initValue: 0.1, decaySteps: 5, alpha: 0.1 });
 * assert.equal(lr(0)[0], 0.1);
 * assert.ok(Math.abs(lr(5)[0] - 0.01) < 1e-15);
 * assert.ok(Math.abs(lr(11)[0] - 0.01) < 1e-15);
 * ```
 * @see {@link https://arxiv.org/abs/1608.03983 | Loshchilov and Hutter, SGDR, 2017}
 */
export function cosineDecay(options: CosineDecayOptions): Policy {
  const o = COSINE_DECAY.read(options);
  const { alpha, groups: n } = o;
  const weight = cosineWeightOf(o.decaySteps, o.exponent);
  const init = o.initValue;
  const lr = (t: number): readonly number[] => {
    const decayed = (1 - alpha) * weight(t) + alpha;
    const out = new Array<number>(n);
    for (let g = 0; g < n; g++) out[g] = init[g] * decayed;
    return out;
  };
  withScalars(lr, init.map((v) => (t: number) => v * ((1 - alpha) * weight(t) + alpha)));
  return COSINE_DECAY.make(o, lr);
}
