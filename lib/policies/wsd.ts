import type { PerGroup, Policy } from "../types.ts";
import { checkIteration } from "../_check.ts";
import {
  type FieldsOf,
  fraction,
  GROUPS,
  nonNegativeInt,
  oneOf,
  perGroupRate,
  positive,
  positiveInt,
} from "../options/_kinds.ts";
import { invalid, type OptionError, problem } from "../options/_errors.ts";
import type { OptionsRule } from "../options/table.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { scaledValues } from "../signal/stretch.ts";
import {
  DECAY_SHAPES,
  decayFactor,
  type DecayShape,
  WARMUP_SHAPES,
  warmupFactor,
  type WarmupShape,
} from "../signal/_shapes.ts";

/** Options of {@link wsd}: the fields of the `wsd` config (HF `get_wsd_schedule`), checked by {@link WSD}. */
export interface WsdOptions {
  /** The rate of the stable phase, per group (HF: the optimizer's `lr`); finite and >= 0. */
  readonly peakValue: PerGroup;
  /** Iterations of the warm-up, a non-negative safe integer (0: none). */
  readonly warmupSteps?: number;
  /** Iterations of the stable phase, a non-negative safe integer; exactly one of it and `totalSteps`. */
  readonly stableSteps?: number;
  /** All iterations, warm-up + stable + decay, a positive safe integer; exactly one of it and `stableSteps`. */
  readonly totalSteps?: number;
  /** Iterations of the decay, a positive safe integer. */
  readonly decaySteps: number;
  /** The rate at the start of the warm-up and after the decay, as a fraction of `peakValue`, in [0, 1]. */
  readonly minLrRatio?: number;
  /** How the warm-up rises: `"linear"`, `"cosine"` or `"1-sqrt"`. */
  readonly warmupShape?: WarmupShape;
  /** How the decay falls: `"linear"`, `"cosine"`, `"1-sqrt"` or `"power"` (`1 - p^decayPower`). */
  readonly decayShape?: DecayShape;
  /** The waves of the cosine decay, finite and > 0 (0.5: a half cosine); only with `decayShape: "cosine"`. */
  readonly numCycles?: number;
  /** The exponent of the `"power"` decay, finite and > 0; required with it, and only with it. */
  readonly decayPower?: number;
  /** Number of groups, when `peakValue` is a number. */
  readonly groups?: number;
}

/** The fields of {@link WSD}, one per option of {@link WsdOptions}. */
export type WsdFields = FieldsOf<WsdOptions, "stableSteps" | "totalSteps" | "decayPower" | "groups">;

/** `field: missing, expected …` in a config; `field: expected …, got undefined` in code. */
function missing(field: string, phrase: string, config: boolean): OptionError {
  return config ? problem([field], `missing, expected ${phrase}`) : invalid([field], phrase, undefined);
}

const RULES: readonly OptionsRule<WsdFields>[] = [
  // Exactly one of stableSteps and totalSteps (both at once is the exclusive pair's error).
  (_, given, config) =>
    given("stableSteps") || given("totalSteps")
      ? undefined
      : missing("totalSteps", "a positive integer (or stableSteps)", config),
  ({ warmupSteps, decaySteps, totalSteps }) =>
    warmupSteps !== undefined && decaySteps !== undefined && totalSteps !== undefined &&
      totalSteps - warmupSteps - decaySteps < 0
      ? invalid(["totalSteps"], `an integer >= warmupSteps + decaySteps (${warmupSteps + decaySteps})`, totalSteps)
      : undefined,
  ({ decayShape, numCycles }, given) =>
    decayShape !== undefined && decayShape !== "cosine" && given("numCycles") && numCycles !== undefined
      ? problem(["numCycles"], `cannot be given with decayShape ${JSON.stringify(decayShape)} (only with "cosine")`)
      : undefined,
  ({ decayShape, decayPower }, given, config) => {
    if (decayShape === undefined) return undefined;
    if (decayShape === "power") {
      return given("decayPower")
        ? undefined
        : missing("decayPower", `${positive.phrase} (decayShape is "power")`, config);
    }
    return given("decayPower") && decayPower !== undefined
      ? problem(["decayPower"], `cannot be given with decayShape ${JSON.stringify(decayShape)} (only with "power")`)
      : undefined;
  },
];

/**
 * The options table of {@link wsd} and of the `wsd` config: HF `get_wsd_schedule`'s
 * arguments, camelCased, with its defaults.
 *
 * @example `numCycles` belongs to the cosine decay
 * ```ts
 * import assert from "node:assert/strict";
 * import { WSD } from "cyclical-lr";
 * assert.equal(WSD.read({ peakValue: 1, decaySteps: 10, totalSteps: 100 }).numCycles, 0.5);
 * assert.equal(WSD.read({ peakValue: 1, decaySteps: 10, totalSteps: 100, decayShape: "1-sqrt" }).numCycles, undefined);
 * ```
 */
export const WSD: PolicyTable<WsdFields> = policyTable("wsd", "wsd", {
  peakValue: perGroupRate.required(),
  warmupSteps: nonNegativeInt.default(0),
  stableSteps: nonNegativeInt.optional(),
  totalSteps: positiveInt.optional(),
  decaySteps: positiveInt.required(),
  minLrRatio: fraction.default(0),
  warmupShape: oneOf(WARMUP_SHAPES).default("linear"),
  decayShape: oneOf(DECAY_SHAPES).default("cosine"),
  numCycles: positive.derived((o) => (o.decayShape === "cosine" ? 0.5 : undefined), '0.5 with decayShape "cosine"'),
  decayPower: positive.optional(),
  groups: GROUPS,
}, { exclusive: [["stableSteps", "totalSteps"]], rules: RULES });

/**
 * Warmup–stable–decay (MiniCPM's WSD) as HF's `get_wsd_schedule` computes it: a warm-up from
 * `minLrRatio * peakValue` to `peakValue`, a stable phase at `peakValue`, a decay back to
 * `minLrRatio * peakValue`, held after.
 *
 * With `W = warmupSteps`, `S = stableSteps` (or `totalSteps - W - decaySteps`),
 * `D = decaySteps`, `r = minLrRatio`, `lr(t)[g] = peakValue[g] * factor(t)` (HF's `LambdaLR`):
 * for `t < W`, `p = t / W` and `factor = f(p) * (1 - r) + r` with `f = p` (linear),
 * `0.5 * (1 - cos(pi * p))` (cosine), `1 - sqrt(1 - p)` (1-sqrt); for `W <= t < W + S`,
 * `factor = 1`; for `W + S <= t < W + S + D`, `p = (t - W - S) / D` and
 * `factor = max(0, f(p) * (1 - r) + r)` with `f = 1 - p` (linear),
 * `0.5 * (1 + cos(pi * numCycles * 2 * p))` (cosine), `1 - sqrt(p)` (1-sqrt),
 * `1 - p^decayPower` (power, timm's); from `W + S + D` on, `factor = r`. The phases meet:
 * the warm-up reaches `peakValue` at `t = W`, the decay starts there at `W + S` and ends at
 * `r * peakValue` at `W + S + D` (for a cosine, when `numCycles` is a half-integer), so the
 * step across a seam is the step of the phase before it. Matches HF's lambda in float64 to
 * 1e-12 relative (the same operations, with deterministic `cos` and `pow`).
 *
 * @param options The `wsd` config fields ({@link WSD}); `peakValue`, `decaySteps` and one of
 *   `stableSteps`/`totalSteps` are required.
 * @returns The policy (no momentum), with its config recorded (defaults written out).
 * @throws {TypeError} If a field has the wrong type or is unknown, both or neither of
 *   `stableSteps`/`totalSteps` are given, or `numCycles`/`decayPower` come with the wrong shape.
 * @throws {RangeError} If a value is out of range, or `totalSteps < warmupSteps + decaySteps`.
 *
 * @example A 1-sqrt cooldown over the last 20 of 100 steps, after 10 of warm-up
 * ```ts
 * import assert from "node:assert/strict";
 * import { wsd } from "cyclical-lr";
 * const lr = wsd({ peakValue: 1, warmupSteps: 10, totalSteps: 100, decaySteps: 20, decayShape: "1-sqrt" });
 * assert.deepEqual([0, 5, 10, 79, 80].map((t) => lr(t)[0]), [0, 0.5, 1, 1, 1]);
 * assert.equal(lr(85)[0], 0.5);
 * assert.deepEqual([100, 1e9].map((t) => lr(t)[0]), [0, 0]);
 * ```
 *
 * @example HF's defaults: a half-cosine decay, here to a tenth of the peak
 * ```ts
 * import assert from "node:assert/strict";
 * import { wsd } from "cyclical-lr";
 * const lr = wsd({ peakValue: 10, warmupSteps: 2, stableSteps: 2, decaySteps: 3, minLrRatio: 0.1 });
 * const got = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((t) => Number(lr(t)[0].toFixed(6)));
 * assert.deepEqual(got, [1, 5.5, 10, 10, 10, 7.75, 3.25, 1, 1]);
 * ```
 * @see {@link https://arxiv.org/abs/2404.06395 | Hu et al., MiniCPM, 2024 (WSD)}
 * @see {@link https://arxiv.org/abs/2405.18392 | Hägele et al., Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations, 2024 (1-sqrt)}
 */
export function wsd(options: WsdOptions): Policy {
  const o = WSD.read(options);
  const w = o.warmupSteps, d = o.decaySteps, r = o.minLrRatio;
  const s = o.stableSteps ?? (o.totalSteps ?? 0) - w - d;
  const peak = o.peakValue;
  const rise = warmupFactor(o.warmupShape);
  const fall = decayFactor(o.decayShape, o.decayPower ?? 1, o.numCycles ?? 0.5);
  // Ends of the phases; w + s may pass 2^53 (then rounded up, still above every valid t).
  const stableEnd = w + s;
  const factor = (t: number): number => {
    checkIteration(t);
    if (t < w) return rise(t / w) * (1 - r) + r;
    if (t < stableEnd) return 1;
    const k = t - stableEnd; // exact: 0 <= k <= t
    if (k < d) return Math.max(0, fall(k / d) * (1 - r) + r);
    return r;
  };
  return WSD.make(o, scaledValues(peak, factor));
}
