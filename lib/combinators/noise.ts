import type { Policy, PolicyLike } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { type FieldsOf, nonNegativeInt, oneOf, positive, positiveInt } from "../options/_kinds.ts";
import { invalid, type OptionError } from "../options/_errors.ts";
import { type OptionsRule, type OptionsTable, optionsTable } from "../options/table.ts";
import { asPolicy, makePolicy } from "../schedule/policy.ts";
import { withChildConfig } from "../schedule/config_of.ts";
import { scalarsOf, withScalars } from "../schedule/scalars.ts";
import { noiseEpsilon } from "./_splitmix64.ts";

/** Options of {@link noise}: the fields of the `noise` config beside its `schedule` (timm's `noise_*`), checked by {@link NOISE}. */
export interface NoiseOptions {
  /** The bound of the relative noise (timm `noise_pct`), finite and > 0 (for `"normal"`, at least 0.001). */
  readonly pct?: number;
  /** A standard normal truncated to (-pct, pct), or a uniform on [-pct, pct) (timm `noise_type`). */
  readonly type?: "normal" | "uniform";
  /** The seed of the noise (timm `noise_seed`), a non-negative safe integer. */
  readonly seed?: number;
  /** The first noisy iteration (timm `noise_range_t`), a non-negative safe integer. */
  readonly start?: number;
  /** The first iteration without noise again, an integer above `start`; none: noisy to the end. */
  readonly end?: number;
}

/**
 * The smallest `pct` of `normal` noise: the rejection loop takes about `1.25 / pct` candidates
 * per step, and without a bound it would spin (as timm's does) as `pct` goes to 0.
 */
export const MIN_NORMAL_PCT = 0.001;

const RULES: readonly OptionsRule<FieldsOf<NoiseOptions, "end">>[] = [
  ({ start, end }) =>
    start !== undefined && end !== undefined && end <= start
      ? invalid(["end"], `an integer above start (${start})`, end)
      : undefined,
  ({ pct, type }): OptionError | undefined =>
    pct !== undefined && type === "normal" && pct < MIN_NORMAL_PCT
      ? invalid(["pct"], `a finite number >= ${MIN_NORMAL_PCT} with type "normal" (or type "uniform")`, pct)
      : undefined,
];

/**
 * The options table of {@link noise} and of the `noise` config, beside its child config
 * (`schedule`): timm's defaults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NOISE } from "cyclical-lr";
 * const o = NOISE.read({});
 * assert.deepEqual([o.pct, o.type, o.seed, o.start, o.end], [0.67, "normal", 42, 0, undefined]);
 * ```
 */
export const NOISE: OptionsTable<FieldsOf<NoiseOptions, "end">> = optionsTable("noise", {
  pct: positive.default(0.67),
  type: oneOf(["normal", "uniform"]).default("normal"),
  seed: nonNegativeInt.default(42),
  start: nonNegativeInt.default(0),
  end: positiveInt.optional(),
}, { rules: RULES });

/**
 * The normalized `noise` config of a child config and checked fields, in the spec's order
 * (the factory records it, the decoder gives it).
 * @internal
 */
export function noiseConfig(
  schedule: Readonly<Record<string, unknown>>,
  v: {
    readonly pct?: unknown;
    readonly type?: unknown;
    readonly seed?: unknown;
    readonly start?: unknown;
    readonly end?: unknown;
  },
): Readonly<Record<string, unknown>> {
  return {
    policy: "noise",
    schedule,
    pct: v.pct,
    type: v.type,
    seed: v.seed,
    start: v.start,
    ...(v.end === undefined ? {} : { end: v.end }),
  };
}

/** `v * (1 + e)`, held at `±Number.MAX_VALUE` where it overflows. */
function noisy(v: number, e: number): number {
  const x = v * (1 + e);
  return x === Infinity ? Number.MAX_VALUE : x === -Infinity ? -Number.MAX_VALUE : x;
}

/**
 * Multiplies a schedule by seeded noise, as timm's schedulers do with `noise_range_t`,
 * `noise_pct`, `noise_type` and `noise_seed`, with the noise a pure function of
 * `(seed, t)`: the same on every worker, after every resume and on every engine.
 *
 * For `start <= t < end`, `lr(t)[g] = schedule(t)[g] * (1 + ε(t))`, with the same `ε(t)`
 * for every group; elsewhere `schedule(t)[g]`. `ε(t)` comes from SplitMix64 started at
 * `(seed + t * 0xD1B54A32D192ED03) mod 2^64`: `uniform`, `2 * (u1 - 0.5) * pct`; `normal`,
 * the first Box–Muller candidate with `|ε| < pct` (see `docs/schedule-config.md`); so the rate
 * stays within `pct` of the clean one (relative). Momentum passes through unchanged. timm draws from torch's
 * generator seeded with `seed + t` and computes `v + v * ε`; the generator here is the
 * spec's, so that any implementation gives the same noise. With `pct >= 1` a rate can reach
 * 0 or below, as in timm; a value too large for a double is held at `±Number.MAX_VALUE`.
 *
 * @param schedule The schedule or policy to make noisy.
 * @param options The bound, kind, seed and range of the noise ({@link NOISE}).
 * @returns The policy; with a schedule built from a config it records
 *   `{ policy: "noise", schedule, pct, type, seed, start, end? }`.
 * @throws {TypeError} If `schedule` is not a schedule or a policy, or a field has the wrong type or is unknown.
 * @throws {RangeError} If a value is out of range: `pct` finite and > 0 (at least 0.001 for
 *   `normal`), `seed` and `start` non-negative safe integers, `end` an integer above `start`.
 *
 * @example Noise from step 10 to 50, within 10 % of the clean rate, the same on every call
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, noise } from "cyclical-lr";
 * const lr = noise(constant({ value: 0.5 }), { pct: 0.1, start: 10, end: 50 });
 * assert.equal(lr(9)[0], 0.5);
 * assert.notEqual(lr(10)[0], 0.5);
 * assert.ok(Math.abs(lr(10)[0] - 0.5) < 0.05);
 * assert.equal(lr(10)[0], noise(constant({ value: 0.5 }), { pct: 0.1, start: 10, end: 50 })(10)[0]);
 * assert.equal(lr(50)[0], 0.5);
 * ```
 * @see {@link https://github.com/huggingface/pytorch-image-models/blob/main/timm/scheduler/scheduler.py | timm Scheduler._add_noise}
 */
export function noise(schedule: PolicyLike, options: NoiseOptions = {}): Policy {
  const child = asPolicy(["schedule"], schedule);
  const o = NOISE.read(options);
  const { pct, type, seed, start } = o;
  const end = o.end ?? Infinity;
  const groups = child.groups;
  const inRange = (t: number) => t >= start && t < end;
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    const v = child(t);
    if (!inRange(t)) return v;
    const e = noiseEpsilon(seed, t, pct, type);
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = noisy(v[g], e);
    return out;
  };
  const forms = scalarsOf(child);
  if (forms !== undefined) {
    withScalars(
      lr,
      forms.map((f) => (t: number) => {
        checkIteration(t);
        const v = f(t);
        return inRange(t) ? noisy(v, noiseEpsilon(seed, t, pct, type)) : v;
      }),
    );
  }
  const policy = makePolicy(lr, groups, child.momentum);
  return withChildConfig(policy, child, (c) => noiseConfig(c, o), (why) => `a noise whose schedule is ${why}`);
}
