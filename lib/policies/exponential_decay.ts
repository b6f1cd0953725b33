import type { PerGroup, Policy, ScalarSchedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { bool, type FieldsOf, GROUPS, nonNegativeInt, perGroupRate, positive, positiveInt } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { LARGEST, productOf } from "../_saturate.ts";
import { powWithBase } from "../_math/mod.ts";

/** Options of {@link exponentialFactor}: the shape of optax's exponential decay. */
export interface ExponentialFactorOptions {
  /** Iterations per factor of `decayRate`, a positive safe integer. */
  readonly transitionSteps: number;
  /** The factor per `transitionSteps` iterations, finite and > 0 (above 1 it grows). */
  readonly decayRate: number;
  /** Iterations held at factor 1 before the decay begins. */
  readonly transitionBegin?: number;
  /** Whether the exponent is floored, so the factor changes in stairs. */
  readonly staircase?: boolean;
}

/** Options of {@link exponentialDecay}: the fields of the `exponentialDecay` config, checked by {@link EXPONENTIAL_DECAY}. */
export interface ExponentialDecayOptions extends ExponentialFactorOptions {
  /** The value until the decay begins, per group (finite, >= 0). */
  readonly initValue: PerGroup;
  /**
   * Where the decay stops, per group: a lower bound when `decayRate < 1`, an upper bound
   * otherwise (as in optax). No bound when left out.
   */
  readonly endValue?: PerGroup;
  /** Number of groups, when every per-group value is a number. */
  readonly groups?: number;
}

const FACTOR_FIELDS: FieldsOf<ExponentialFactorOptions> = {
  transitionSteps: positiveInt.required(),
  decayRate: positive.required(),
  transitionBegin: nonNegativeInt.default(0),
  staircase: bool.default(false),
};

/**
 * The options table of {@link exponentialFactor}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EXPONENTIAL_FACTOR } from "cyclical-lr";
 * assert.equal(EXPONENTIAL_FACTOR.read({ transitionSteps: 10, decayRate: 0.5 }).staircase, false);
 * ```
 */
export const EXPONENTIAL_FACTOR: OptionsTable<FieldsOf<ExponentialFactorOptions>> = optionsTable(
  "exponentialFactor",
  FACTOR_FIELDS,
);

/**
 * The options table of {@link exponentialDecay} and of the `exponentialDecay` config
 * (optax `exponential_decay`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EXPONENTIAL_DECAY } from "cyclical-lr";
 * assert.equal(EXPONENTIAL_DECAY.read({ initValue: 1, transitionSteps: 5, decayRate: 0.5 }).endValue, undefined);
 * ```
 */
export const EXPONENTIAL_DECAY: PolicyTable<FieldsOf<ExponentialDecayOptions, "endValue" | "groups">> = policyTable(
  "exponentialDecay",
  "exponentialDecay",
  {
    initValue: perGroupRate.required(),
    ...FACTOR_FIELDS,
    endValue: perGroupRate.optional(),
    groups: GROUPS,
  },
);

/**
 * The exponent of checked options at iteration `t`: `(t - begin) / steps`, floored with
 * `staircase`, 0 before the decay begins.
 */
function exponentOf(o: { transitionSteps: number; transitionBegin: number; staircase: boolean }) {
  const steps = o.transitionSteps, begin = o.transitionBegin;
  return o.staircase
    ? (t: number) => {
      const d = t - begin;
      return d <= 0 ? 0 : (d - (d % steps)) / steps;
    }
    : (t: number) => {
      const d = t - begin;
      return d <= 0 ? 0 : d / steps;
    };
}

/**
 * The factor of optax's `exponential_decay`: `decayRate ** p` with
 * `p = (t - transitionBegin) / transitionSteps` (floored when `staircase`), and 1 while
 * `t <= transitionBegin`. A growing factor (`decayRate > 1`) stops at `Number.MAX_VALUE`
 * where optax would reach Infinity.
 *
 * @param options The decay's shape: `transitionSteps`, `decayRate`, `transitionBegin`, `staircase`.
 * @returns A positive, finite scalar schedule; non-increasing when `decayRate <= 1`.
 * @throws {RangeError} If `transitionSteps` is not a positive safe integer, `decayRate` not
 *   finite and > 0, or `transitionBegin` not a non-negative safe integer.
 * @throws {TypeError} If `staircase` is not a boolean.
 *
 * @example Halving every 10 iterations, in stairs
 * ```ts
 * import assert from "node:assert/strict";
 * import { exponentialFactor } from "cyclical-lr";
 * const f = exponentialFactor({ transitionSteps: 10, decayRate: 0.5, staircase: true });
 * assert.deepEqual([0, 9, 10, 25].map(f), [1, 1, 0.5, 0.25]);
 * ```
 */
export function exponentialFactor(options: ExponentialFactorOptions): ScalarSchedule {
  const o = EXPONENTIAL_FACTOR.read(options);
  const power = powWithBase(o.decayRate), p = exponentOf(o);
  return (t) => {
    checkIteration(t);
    return Math.min(power(p(t)), LARGEST);
  };
}

/**
 * optax's `exponential_decay` as a policy, continuous or in stairs, with `endValue` as a
 * bound in the direction of the decay.
 *
 * With `p = (t - transitionBegin) / transitionSteps` (floored when `staircase`):
 * `v[g] = initValue[g]` while `t <= transitionBegin`, else `initValue[g] * decayRate ** p`;
 * then, when `endValue` is given, `lr(t)[g] = max(v[g], endValue[g])` if `decayRate < 1`,
 * else `min(v[g], endValue[g])`. As in optax the bound applies at every iteration, so an
 * `initValue` beyond it is replaced by the bound from iteration 0. Matches optax exactly
 * wherever optax is finite. Where optax overflows (`decayRate > 1` and no `endValue`, far
 * enough out) the value is `initValue * decayRate ** p` computed from `decayRate ** (p / 2)`
 * or `** (p / 4)` while it is finite, and `Number.MAX_VALUE` beyond (the spec's edge case); an `initValue` of 0 stays 0 (optax gives `0 * inf`, NaN).
 * A `transitionSteps` <= 0 or a `decayRate` of 0, which optax logs and turns into a
 * constant schedule, is an error here, as the config spec says.
 *
 * @param options optax's arguments, camelCased, with per-group `initValue` and `endValue`.
 * @returns The policy (no momentum), with its config recorded (defaults written out;
 *   `endValue` only when given).
 * @throws {TypeError} If a field has the wrong type or `initValue` is missing.
 * @throws {RangeError} If a value is out of range: rates finite and >= 0, `decayRate`
 *   finite and > 0, `transitionSteps` a positive safe integer, `transitionBegin` a
 *   non-negative one.
 *
 * @example optax's test: 32 halving every step
 * ```ts
 * import assert from "node:assert/strict";
 * import { exponentialDecay } from "cyclical-lr";
 * const { lr } = exponentialDecay({ initValue: 32, transitionSteps: 1, decayRate: 0.5 });
 * assert.deepEqual([0, 1, 2, 3, 4].map((t) => lr(t)[0]), [32, 16, 8, 4, 2]);
 * ```
 *
 * @example Doubling in stairs of 2 after 3 steps, up to an upper bound of 3
 * ```ts
 * import assert from "node:assert/strict";
 * import { exponentialDecay } from "cyclical-lr";
 * const { lr } = exponentialDecay({
 *   initValue: 1, transitionSteps: 2, decayRate: 2, transitionBegin: 3, staircase: true, endValue: 3,
 * });
 * assert.deepEqual([0, 3, 4, 5, 6, 7, 100].map((t) => lr(t)[0]), [1, 1, 1, 2, 2, 3, 3]);
 * ```
 * @see {@link https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html | optax exponential_decay}
 */
export function exponentialDecay(options: ExponentialDecayOptions): Policy {
  const o = EXPONENTIAL_DECAY.read(options);
  const rate = o.decayRate, p = exponentOf(o);
  const init = o.initValue;
  const end = o.endValue;
  const power = powWithBase(rate);
  /** `x * f` with `f = decayRate ** e`, as optax computes it, where that is finite. */
  const decay = (x: number, e: number, f: number): number => {
    const v = x * f;
    if (v <= LARGEST) return v;
    // optax overflows here (Infinity, or NaN for 0 * Infinity). The value x * rate^e from
    // rate^(e/2) or rate^(e/4) (exact halvings of e) while it is finite, else the largest
    // double: x >= 2^-1074 > e^-745, so a rate^(e/4) past 2^1024 puts it beyond e^2094.
    if (x === 0) return 0;
    const half = power(e / 2);
    if (half <= LARGEST) return productOf([x, half, half]);
    const quarter = power(e / 4);
    return quarter <= LARGEST ? productOf([x, quarter, quarter, quarter, quarter]) : LARGEST;
  };
  // endValue bounds the value in the direction of the decay: from below when it shrinks.
  const bound: (v: number, g: number) => number = end === undefined
    ? (v) => v
    : rate < 1
    ? (v, g) => Math.max(v, end[g])
    : (v, g) => Math.min(v, end[g]);
  const n = o.groups;
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    const e = p(t), f = power(e);
    const out = new Array<number>(n);
    for (let g = 0; g < n; g++) out[g] = bound(decay(init[g], e, f), g);
    return out;
  };
  return EXPONENTIAL_DECAY.make(o, lr);
}
