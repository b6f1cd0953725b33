import { withScalars } from "../scalar_form.ts";
import type { PerGroup, Policy, ScalarSchedule } from "../types.ts";
import { checkIteration, fraction, positive, positiveInt } from "../_check.ts";
import { perGroupConfig, requirePerGroup, resolveGroups } from "../groups.ts";
import { withConfig } from "../describe.ts";

/** Options of {@link cosineWeight}: the shape of optax's cosine decay. */
export interface CosineWeightOptions {
  /** Iterations of the decay, a positive safe integer. */
  readonly decaySteps: number;
  /** The power of the half cosine, finite and > 0. @default 1 */
  readonly exponent?: number;
}

/** Options of {@link cosineDecay}: the fields of the `cosineDecay` config. */
export interface CosineDecayOptions {
  /** The value at iteration 0, per group (finite, >= 0). */
  readonly initValue: PerGroup;
  /** Iterations of the decay, a positive safe integer. */
  readonly decaySteps: number;
  /** The final value as a fraction of `initValue`, in [0, 1]. @default 0 */
  readonly alpha?: number;
  /** The power of the half cosine, finite and > 0. @default 1 */
  readonly exponent?: number;
  /** Number of groups, when `initValue` is a scalar. @default 1 */
  readonly groups?: number;
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
  const steps = positiveInt("decaySteps", options.decaySteps);
  const exponent = positive("exponent", options.exponent ?? 1);
  return (t) => {
    checkIteration(t);
    const count = Math.min(t, steps);
    const cosine = 0.5 * (1 + Math.cos(Math.PI * count / steps));
    return cosine ** exponent;
  };
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
  const { groups, values } = resolveGroups(
    { initValue: requirePerGroup("initValue", options.initValue) },
    options.groups,
  );
  const decaySteps = positiveInt("decaySteps", options.decaySteps);
  const alpha = fraction("alpha", options.alpha ?? 0);
  const exponent = positive("exponent", options.exponent ?? 1);
  const weight = cosineWeight({ decaySteps, exponent });
  const init = values.initValue;
  const n = groups;
  const lr = (t: number): readonly number[] => {
    const decayed = (1 - alpha) * weight(t) + alpha;
    const out = new Array<number>(n);
    for (let g = 0; g < n; g++) out[g] = init[g] * decayed;
    return out;
  };
  withScalars(lr, init.map((v) => (t: number) => v * ((1 - alpha) * weight(t) + alpha)));
  return withConfig({ lr, groups }, {
    policy: "cosineDecay",
    initValue: perGroupConfig(init, groups),
    decaySteps,
    alpha,
    exponent,
  });
}
