import type { Wave } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { type FieldsOf, numberIn, positiveInt } from "../options/_kinds.ts";
import { invalid, type OptionError } from "../options/_errors.ts";
import { cos } from "../_math/mod.ts";

/**
 * Half-cycle lengths in iterations: the rise (`stepSizeUp`) and the fall (`stepSizeDown`,
 * equal to the rise when left out), as in PyTorch's `CyclicLR`, or `stepSize` for both (the
 * seed's name). Checked by {@link STEP_SIZES}.
 */
export interface StepSizes {
  /** The seed's name for a symmetric half cycle: both step sizes at once (not with them). */
  readonly stepSize?: number;
  /** Iterations from the bottom of a cycle to its peak (given, or `stepSize`). */
  readonly stepSizeUp?: number;
  /** Iterations from the peak back to the bottom (`stepSizeUp` when left out). */
  readonly stepSizeDown?: number;
}

/** The fields of half-cycle lengths, shared by every factory that takes them. */
export const STEP_FIELDS: FieldsOf<StepSizes, "stepSize"> = {
  stepSize: positiveInt.optional(),
  stepSizeUp: positiveInt.derived((o) => numberIn(o.stepSize), "stepSize"),
  stepSizeDown: positiveInt.derived((o) => numberIn(o.stepSize) ?? numberIn(o.stepSizeUp), "stepSizeUp"),
};

/** `stepSize` and the step sizes it stands for cannot both be given. */
export const STEP_EXCLUSIVE: readonly (readonly ["stepSize", "stepSizeUp" | "stepSizeDown"])[] = [
  ["stepSize", "stepSizeUp"],
  ["stepSize", "stepSizeDown"],
];

/** A rise is needed: `stepSizeUp`, or `stepSize` for both halves. */
export function stepSizeGiven(_: unknown, given: (key: string) => boolean): OptionError | undefined {
  return given("stepSize") || given("stepSizeUp") ? undefined : invalid(["stepSizeUp"], positiveInt.phrase, undefined);
}

/**
 * The options table of the waves: the half-cycle lengths.
 *
 * @example `stepSize` is both halves
 * ```ts
 * import assert from "node:assert/strict";
 * import { STEP_SIZES } from "cyclical-lr";
 * const v = STEP_SIZES.read({ stepSize: 4 });
 * assert.deepEqual([v.stepSizeUp, v.stepSizeDown], [4, 4]);
 * ```
 */
export const STEP_SIZES: OptionsTable<FieldsOf<StepSizes, "stepSize">> = stepSizesOf("triangle");

/** The table of the step sizes as the factory `of` reads them (its name is in the errors). */
function stepSizesOf(of: string): OptionsTable<FieldsOf<StepSizes, "stepSize">> {
  return optionsTable(of, STEP_FIELDS, { exclusive: STEP_EXCLUSIVE, rules: [stepSizeGiven] });
}

const COSINE_STEP_SIZES = stepSizesOf("cosineWave");

/** Checks the step sizes once and gives back the position of `t` in its cycle. */
function phase(steps: StepSizes, table: OptionsTable<FieldsOf<StepSizes, "stepSize">>) {
  const { stepSizeUp: up, stepSizeDown: down } = table.read(steps);
  // Each step size is a safe integer, but their sum may pass 2^53, where it is no longer
  // exact: then every valid iteration (< 2^53) lies in the first cycle, and r = t.
  const long = up + down > Number.MAX_SAFE_INTEGER;
  const period = long ? Infinity : up + down;
  // t % period is exact for integers, where PyTorch's 1 + t / period - cycle drifts
  // once t reaches about 10^6: the remainder keeps the exact value at any t < 2^53.
  const position = long ? (t: number) => t : (t: number) => t % period;
  // A public piece checks `t` as the schedules do (a negative t would give a height below 0).
  const cycle = long
    ? (t: number) => {
      checkIteration(t);
      return 1;
    }
    : (t: number) => {
      checkIteration(t);
      return (t - (t % period)) / period + 1;
    };
  return { up, down, period, position, cycle };
}

/** The waves made here: their heights are in [0, 1] by construction, so they are not checked again. */
const madeWaves = new WeakSet<Wave>();

/** Whether a wave was made by this library (its values need no check where they enter). */
export function isBuiltInWave(wave: Wave): boolean {
  return madeWaves.has(wave);
}

function builtIn(wave: Wave): Wave {
  madeWaves.add(Object.freeze(wave));
  return wave;
}

/**
 * The triangle wave of Smith's triangular policy: a linear rise over `stepSizeUp`
 * iterations, then a linear fall over `stepSizeDown` (PyTorch's asymmetric form).
 *
 * With `P = up + down` and `r = t mod P`, `height(t) = r / up` when `r <= up`, else
 * `(P - r) / down`; `cycle(t) = floor(t / P) + 1`. Exact at every iteration below 2^53,
 * including when `P` itself passes 2^53 (then `period` is `Infinity` and every valid
 * iteration is in cycle 1). With `up = down = stepSize` this is the
 * paper's `max(0, 1 - |t / stepSize - 2 * cycle + 1|)`.
 *
 * @param steps The half-cycle lengths, positive safe integers ({@link STEP_SIZES}).
 * @returns The wave.
 * @throws {RangeError} If a step size is not a positive safe integer.
 * @throws {TypeError} If an option is unknown, or `stepSize` is given with a step size it stands for.
 *
 * @example Peak at `stepSizeUp`, bottom again after a full period
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangle } from "cyclical-lr";
 * const w = triangle({ stepSizeUp: 4, stepSizeDown: 2 });
 * assert.equal(w.height(2), 0.5);
 * assert.equal(w.height(4), 1);
 * assert.equal(w.height(5), 0.5);
 * assert.equal(w.height(6), 0);
 * assert.equal(w.cycle(6), 2);
 * ```
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates, 2017, section 3.1}
 */
export function triangle(steps: StepSizes): Wave {
  const { up, down, period, position, cycle } = phase(steps, STEP_SIZES);
  return builtIn({
    period,
    cycle,
    height: (t) => {
      checkIteration(t);
      const r = position(t);
      // down - (r - up) is P - r, exact even where P itself would round.
      return r <= up ? r / up : (down - (r - up)) / down;
    },
  });
}

/**
 * A smooth wave: a half cosine up over `stepSizeUp`, a half cosine down over `stepSizeDown`.
 * Same cycle and peaks as {@link triangle}; the rate lingers near the bounds instead of
 * turning sharply.
 *
 * With `r = t mod P`: `height(t) = (1 - cos(pi r / up)) / 2` when `r <= up`, else
 * `(1 + cos(pi (r - up) / down)) / 2`.
 *
 * @param steps The half-cycle lengths, positive safe integers ({@link STEP_SIZES}).
 * @returns The wave.
 * @throws {RangeError} If a step size is not a positive safe integer.
 * @throws {TypeError} If an option is unknown, or `stepSize` is given with a step size it stands for.
 *
 * @example Half way up is half height; the peak is 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineWave } from "cyclical-lr";
 * const w = cosineWave({ stepSizeUp: 10 });
 * assert.ok(Math.abs(w.height(5) - 0.5) < 1e-15);
 * assert.equal(w.height(10), 1);
 * assert.equal(w.height(20), 0);
 * ```
 */
export function cosineWave(steps: StepSizes): Wave {
  const { up, down, period, position, cycle } = phase(steps, COSINE_STEP_SIZES);
  return builtIn({
    period,
    cycle,
    height: (t) => {
      checkIteration(t);
      const r = position(t);
      return r <= up ? (1 - cos((Math.PI * r) / up)) / 2 : (1 + cos((Math.PI * (r - up)) / down)) / 2;
    },
  });
}
