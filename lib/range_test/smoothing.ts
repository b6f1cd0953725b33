import { beta, type FieldsOf, kind } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { invalid, type OptionError } from "../options/_errors.ts";
import { powWithBase } from "../_math/mod.ts";

/** Options of {@link smoothEma} and {@link smoothCentered}, checked by {@link SMOOTHING}. */
export interface SmoothingOptions {
  /**
   * Decay per iteration, in [0, 1); 0 turns smoothing off. fastai's `AvgSmoothLoss` and
   * its `lr_find` use 0.98.
   */
  readonly beta?: number;
  /**
   * The iteration of each value, strictly increasing, when values are not one per
   * iteration (an accuracy measured every 20 iterations); one per value. A value `k`
   * iterations after the previous one decays the average by `beta ** k`, so the time
   * constant stays `1 / (1 - beta)` iterations however sparse the values are. Without
   * it, the values are at 0, 1, 2, ...
   */
  readonly iterations?: readonly number[];
}

const ABOVE_PREVIOUS = "a non-negative integer above the previous one";

function iterationErrors(v: unknown, path: readonly (string | number)[]): readonly OptionError[] {
  if (!Array.isArray(v)) return [invalid(path, "an array of increasing non-negative integers", v)];
  const errors: OptionError[] = [];
  for (let i = 0; i < v.length; i++) {
    const t: unknown = v[i];
    if (!(typeof t === "number" && Number.isSafeInteger(t) && t >= 0 && (i === 0 || t > v[i - 1]))) {
      errors.push(invalid([...path, i], ABOVE_PREVIOUS, t));
    }
  }
  return errors;
}

/**
 * The options table of {@link smoothEma} and {@link smoothCentered}: fastai's `beta`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SMOOTHING } from "cyclical-lr/range-test";
 * assert.equal(SMOOTHING.read({}).beta, 0.98);
 * assert.throws(() => SMOOTHING.read({ betta: 0.9 }), { message: "betta: unknown option of smoothEma; did you mean beta?" });
 * ```
 */
export const SMOOTHING: OptionsTable<FieldsOf<SmoothingOptions, "iterations">> = optionsTable("smoothEma", {
  beta: beta.default(0.98),
  iterations: kind(
    "an array of increasing non-negative integers",
    (v): v is readonly number[] => iterationErrors(v, []).length === 0,
    { check: iterationErrors },
  ).optional(),
});

const SMOOTH_CENTERED: OptionsTable<FieldsOf<SmoothingOptions, "iterations">> = optionsTable(
  "smoothCentered",
  SMOOTHING.fields,
);

function checkOptions(
  table: typeof SMOOTHING,
  n: number,
  options: SmoothingOptions,
): { beta: number; at: (i: number) => number } {
  const { beta, iterations: its } = table.read(options);
  if (its === undefined) return { beta, at: (i) => i };
  if (its.length !== n) throw new RangeError(`iterations: expected ${n} values (one per value), got ${its.length}`);
  return { beta, at: (i) => its[i] };
}

/**
 * Bias-corrected exponential moving average, fastai's `AvgSmoothLoss` (also the smoothing
 * of its `lr_find`).
 *
 * With `v_0 = 0` and, for the value `x_i` at iteration `t_i` (`d_i = beta ** (t_i - t_{i-1})`),
 * `v_i = x_i + d_i * (v_{i-1} - x_i)` (torch's `lerp`), the result is
 * `s_i = v_i / (1 - beta ** (t_i - t_0 + 1))`. With one value per iteration this is exactly
 * fastai's `val / (1 - beta ** count)`; the first result is the first value (up to rounding). The
 * average is causal: on a trend it lags by about `beta / (1 - beta)` iterations (49 at
 * 0.98). Linear in the values, so scaling them by a power of two scales the result exactly.
 *
 * @param values Finite numbers.
 * @param options `beta` and, for sparse values, their `iterations`.
 * @returns The smoothed values, as many as `values`.
 * @throws {RangeError} If `beta` is outside [0, 1) or `iterations` is not strictly
 *   increasing and as long as `values`.
 *
 * @example The first value is kept; then each value moves the average by 1 - beta
 * ```ts
 * import assert from "node:assert/strict";
 * import { smoothEma } from "cyclical-lr/range-test";
 * const s = smoothEma([1, 3], { beta: 0.5 });
 * assert.equal(s[0], 1);
 * assert.ok(Math.abs(s[1] - (0.5 * 3 + 0.25 * 1) / 0.75) < 1e-15);
 * ```
 * @see {@link https://docs.fast.ai/learner.html#avgsmoothloss | fastai AvgSmoothLoss}
 */
export function smoothEma(values: readonly number[], options: SmoothingOptions = {}): number[] {
  const { beta, at } = checkOptions(SMOOTHING, values.length, options);
  const add = emaStep(beta);
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = add(values[i], at(i));
  return out;
}

/**
 * The same average one value at a time, for a caller that needs each smoothed value as it
 * comes (the range test's divergence stop): `add(x, t)` takes the value of iteration `t`
 * (increasing) and returns the smoothed value there. `beta` is checked by the caller.
 * @internal
 */
export function emaStep(beta: number): (x: number, t: number) => number {
  const power = powWithBase(beta);
  let v = 0, first = -1, last = -1;
  return (x, t) => {
    if (first < 0) first = t;
    v = x + (last < 0 ? beta : power(t - last)) * (v - x);
    last = t;
    return v / (1 - power(t - first + 1));
  };
}

/**
 * Zero-lag smoothing: the mean of {@link smoothEma} run forwards and run backwards over the
 * values. On a straight line the two lags cancel, so a rise or a peak stays where it is;
 * this is what {@link suggestBounds} reads accuracy from, where the forward average's lag
 * (two 20-iteration reports at `beta = 0.98`) would push both bounds to higher rates.
 * With `beta = 0` it returns the values unchanged.
 *
 * @param values Finite numbers.
 * @param options `beta` and, for sparse values, their `iterations`.
 * @returns The smoothed values, as many as `values`.
 * @throws {RangeError} As {@link smoothEma}.
 *
 * @example A straight line is left as it is
 * ```ts
 * import assert from "node:assert/strict";
 * import { smoothCentered } from "cyclical-lr/range-test";
 * const s = smoothCentered([0, 1, 2, 3, 4, 5, 6], { beta: 0.5 });
 * assert.ok(Math.abs(s[3] - 3) < 1e-12);
 * ```
 */
export function smoothCentered(values: readonly number[], options: SmoothingOptions = {}): number[] {
  const n = values.length;
  const { beta, at } = checkOptions(SMOOTH_CENTERED, n, options);
  const forward = smoothEma(values, { beta, iterations: values.map((_, i) => at(i)) });
  const last = n === 0 ? 0 : at(n - 1);
  const backward = smoothEma([...values].reverse(), {
    beta,
    iterations: values.map((_, i) => last - at(n - 1 - i)),
  }).reverse();
  return forward.map((f, i) => (f + backward[i]) / 2);
}
