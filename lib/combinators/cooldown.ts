import type { PerGroup, Policy, PolicyLike, Schedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { type FieldsOf, nonNegativeInt, oneOf, perGroupRate, positive, positiveInt } from "../options/_kinds.ts";
import { invalid, type OptionError, problem, throwErrors } from "../options/_errors.ts";
import { perGroupConfig } from "../options/_groups.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { asPolicy, makePolicy } from "../schedule/policy.ts";
import { withChildConfig } from "../schedule/config_of.ts";
import { scalarsOf, withScalars } from "../schedule/scalars.ts";
import { DECAY_SHAPES, decayFactor, type DecayShape } from "../signal/_shapes.ts";

/** Options of {@link cooldown}: the fields of the `cooldown` config beside its `schedule`, checked by {@link COOLDOWN}. */
export interface CooldownOptions {
  /** The iteration the cooldown forks from, a non-negative safe integer. */
  readonly at: number;
  /** Iterations of the cooldown, a positive safe integer. */
  readonly steps: number;
  /** How it falls: `"linear"`, `"cosine"`, `"1-sqrt"` or `"power"` (`1 - p^power`). */
  readonly shape?: DecayShape;
  /** The exponent of the `"power"` shape, finite and > 0; required with it, and only with it. */
  readonly power?: number;
  /** Where it ends and stays, per group (finite, >= 0). */
  readonly endValue?: PerGroup;
}

/** The errors of `power` against `shape`: required with `"power"`, refused with the others. */
function powerErrors(
  shape: DecayShape | undefined,
  power: number | undefined,
  given: (k: string) => boolean,
  config: boolean,
) {
  if (shape === undefined) return undefined;
  if (shape === "power") {
    if (given("power")) return undefined;
    const phrase = `${positive.phrase} (shape is "power")`;
    return config ? problem(["power"], `missing, expected ${phrase}`) : invalid(["power"], phrase, undefined);
  }
  return given("power") && power !== undefined
    ? problem(["power"], `cannot be given with shape ${JSON.stringify(shape)} (only with "power")`)
    : undefined;
}

/**
 * The options table of {@link cooldown} and of the `cooldown` config, beside its child
 * config (`schedule`).
 *
 * @example The default shape is the `1-sqrt` cooldown
 * ```ts
 * import assert from "node:assert/strict";
 * import { COOLDOWN } from "cyclical-lr";
 * const o = COOLDOWN.read({ at: 9000, steps: 1000 });
 * assert.deepEqual([o.shape, o.endValue], ["1-sqrt", [0]]);
 * ```
 */
export const COOLDOWN: OptionsTable<FieldsOf<CooldownOptions, "power">> = optionsTable("cooldown", {
  at: nonNegativeInt.required(),
  steps: positiveInt.required(),
  shape: oneOf(DECAY_SHAPES).default("1-sqrt"),
  power: positive.optional(),
  endValue: perGroupRate.default(0),
}, { rules: [({ shape, power }, given, config) => powerErrors(shape, power, given, config)] });

/**
 * The group count of a cooldown of a `childGroups`-group schedule to `endGroups` end values:
 * they agree, or one of them is 1 (repeated to match).
 * @internal
 */
export function cooldownGroupErrors(childGroups: number, endGroups: number): OptionError[] {
  return endGroups === 1 || childGroups === 1 || endGroups === childGroups ? [] : [
    problem(["endValue"], `expected ${childGroups} values (one per group, as schedule), got ${endGroups}`, true),
  ];
}

/**
 * The normalized `cooldown` config of a child config and checked fields, in the spec's
 * order (the factory records it, the decoder gives it).
 * @internal
 */
export function cooldownConfig(
  schedule: Readonly<Record<string, unknown>>,
  v: {
    readonly at?: unknown;
    readonly steps?: unknown;
    readonly shape?: unknown;
    readonly power?: unknown;
    readonly endValue?: unknown;
  },
): Readonly<Record<string, unknown>> {
  const end = Array.isArray(v.endValue) ? perGroupConfig(v.endValue) : v.endValue;
  return {
    policy: "cooldown",
    schedule,
    at: v.at,
    steps: v.steps,
    shape: v.shape,
    ...(v.power === undefined ? {} : { power: v.power }),
    endValue: end,
  };
}

/** `e + (v - e) * f`, or `e * (1 - f) + v * f` where `v - e` overflows (a large negative `v`). */
function between(v: number, e: number): (f: number) => number {
  const d = v - e;
  return Number.isFinite(d) ? (f) => e + d * f : (f) => e * (1 - f) + v * f;
}

/**
 * Forks a cooldown from iteration `at` of any schedule: the warmup–stable–decay cooldown
 * (Hägele et al.'s `1 - sqrt` by default), taken from wherever a long run is, without
 * retraining its start. The schedule is evaluated once at `at`; with `v[g] = schedule(at)[g]`:
 * `lr(t)[g] = schedule(t)[g]` for `t < at`; for `at <= t < at + steps`, with
 * `p = (t - at) / steps`, `lr(t)[g] = endValue[g] + (v[g] - endValue[g]) * f(p)` with
 * `f = 1 - p` (linear), `0.5 * (1 + cos(pi * p))` (cosine), `1 - sqrt(p)` (1-sqrt),
 * `1 - p^power` (power); from `at + steps` on, `endValue[g]`. The cooldown starts at the
 * schedule's own value (`lr(at) = schedule(at)`) and reaches `endValue` at `at + steps`.
 * A schedule with momentum keeps it before `at` and holds `momentum(at)` from `at` on.
 *
 * Unlike timm's `WSDLRScheduler` with a decaying stable function (whose decay multiplies the
 * still-falling stable value), the cooldown falls from the value at `at`, which is what a
 * fork from a checkpoint sees. `wsd` is a cooldown of a warm-up and a constant.
 *
 * @param schedule The schedule or policy to cool down (evaluated once at `at`).
 * @param options Where the cooldown starts, how long and how it falls, where it ends ({@link COOLDOWN}).
 * @returns The policy; with a schedule built from a config it records
 *   `{ policy: "cooldown", schedule, at, steps, shape, power?, endValue }`.
 * @throws {TypeError} If `schedule` is not a schedule or a policy, a field has the wrong type
 *   or is unknown, or `power` is missing with `shape: "power"` or given with another shape.
 * @throws {RangeError} If a value is out of range, or `endValue` has neither 1 value nor one per group.
 *
 * @example A 1-sqrt cooldown of a constant rate over 100 steps from step 900
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, cooldown } from "cyclical-lr";
 * const lr = cooldown(constant({ value: 0.1 }), { at: 900, steps: 100 });
 * assert.deepEqual([0, 899, 900, 925, 1000, 5000].map((t) => lr(t)[0]), [0.1, 0.1, 0.1, 0.05, 0, 0]);
 * ```
 *
 * @example Forked from a one-cycle run: momentum is held from the fork
 * ```ts
 * import assert from "node:assert/strict";
 * import { cooldown, oneCycle } from "cyclical-lr";
 * const run = oneCycle({ maxLr: 1, totalSteps: 1000 });
 * const p = cooldown(run, { at: 400, steps: 50, shape: "linear", endValue: 0.001 });
 * assert.deepEqual(p(399), run(399));
 * assert.deepEqual(p.momentum?.(420), run.momentum?.(400));
 * assert.equal(p(450)[0], 0.001);
 * ```
 * @see {@link https://arxiv.org/abs/2405.18392 | Hägele et al., Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations, 2024}
 */
export function cooldown(schedule: PolicyLike, options: CooldownOptions): Policy {
  const child = asPolicy(["schedule"], schedule);
  const o = COOLDOWN.read(options);
  const errors = cooldownGroupErrors(child.groups, o.endValue.length);
  if (errors.length > 0) throwErrors(errors);
  const groups = Math.max(child.groups, o.endValue.length);
  const { at, steps } = o;
  const fall = decayFactor(o.shape, o.power ?? 1, 0.5);
  const spread = (v: readonly number[]) => (v.length === groups ? [...v] : new Array<number>(groups).fill(v[0]));
  const start = spread(child(at)), end = spread(o.endValue);
  const toward = start.map((v, g) => between(v, end[g]));
  const own: Schedule = child.groups === groups ? child : (t) => new Array<number>(groups).fill(child(t)[0]);
  /** The factor f(p) at `t >= at`: 0 from at + steps on. */
  const afterFork = (t: number, g: number): number => {
    const k = t - at; // exact: 0 <= k <= t
    return k < steps ? toward[g](fall(k / steps)) : end[g];
  };
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    if (t < at) return own(t);
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = afterFork(t, g);
    return out;
  };
  const forms = scalarsOf(child);
  if (forms !== undefined) {
    withScalars(
      lr,
      start.map((_, g) => {
        const before = forms[child.groups === groups ? g : 0];
        return (t: number) => {
          checkIteration(t);
          return t < at ? before(t) : afterFork(t, g);
        };
      }),
    );
  }
  const m = child.momentum;
  let momentum: Schedule | undefined;
  if (m !== undefined) {
    const held = spread(m(at));
    const mine: Schedule = child.groups === groups ? m : (t) => new Array<number>(groups).fill(m(t)[0]);
    momentum = (t) => {
      checkIteration(t);
      return t < at ? mine(t) : [...held];
    };
  }
  const policy = makePolicy(lr, groups, momentum);
  return withChildConfig(policy, child, (c) => cooldownConfig(c, o), (why) => `a cooldown whose schedule is ${why}`);
}
