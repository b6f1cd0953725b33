import type { ScalarSchedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { type FieldsOf, kind, oneOf, positive } from "../options/_kinds.ts";
import { type OptionsRule, type OptionsTable, optionsTable } from "../options/table.ts";
import { invalid } from "../options/_errors.ts";
import { powWithBase } from "../_math/mod.ts";

/** How the rate grows during a range test. */
export type RampMode = "linear" | "exponential";

/** The learning-rate ramp of a range test, checked by {@link RANGE_TEST_RAMP}. */
export interface RampOptions {
  /** The first rate, a finite number > 0. */
  readonly minLr: number;
  /** The last rate, a finite number > `minLr`. */
  readonly maxLr: number;
  /** Iterations of the ramp, an integer >= 2 (the first is at `minLr`, the last at `maxLr`). */
  readonly iterations: number;
  /**
   * `"linear"`, as in the paper (Smith 2017, section 3.3), or `"exponential"`, as fastai's
   * `lr_find` and pytorch-lr-finder's default.
   */
  readonly mode?: RampMode;
}

/** The validated ramp, every default written out. */
export interface Ramp {
  /** The rate of the first iteration. */
  readonly minLr: number;
  /** The rate of the last iteration. */
  readonly maxLr: number;
  /** Number of iterations of the ramp. */
  readonly iterations: number;
  /** How the rate climbs between them. */
  readonly mode: RampMode;
}

/** `maxLr` is any number to its own check; the rule says it must be finite and above `minLr`. */
const maxLrKind = kind("a finite number > minLr", (v): v is number => typeof v === "number");

/**
 * The fields of a ramp, shared by {@link RANGE_TEST_RAMP} and the range test's table.
 * @internal
 */
export const RAMP_FIELDS: FieldsOf<RampOptions> = {
  minLr: positive.required(),
  maxLr: maxLrKind.required(),
  iterations: kind("an integer >= 2", (v): v is number => Number.isSafeInteger(v) && typeof v === "number" && v >= 2)
    .required(),
  mode: oneOf(["linear", "exponential"]).default("linear"),
};

/**
 * The rule of a ramp: `maxLr` is finite and above `minLr` (named in the message).
 * @internal
 */
export const maxLrAboveMinLr: OptionsRule<FieldsOf<RampOptions>> = (v) => {
  const { minLr, maxLr } = v;
  if (maxLr === undefined || (Number.isFinite(maxLr) && (minLr === undefined || maxLr > minLr))) return undefined;
  return invalid(["maxLr"], minLr === undefined ? maxLrKind.phrase : `${maxLrKind.phrase} (${minLr})`, maxLr);
};

/**
 * The options table of {@link rangeTestRamp}: `mode` is `"linear"` unless given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RANGE_TEST_RAMP } from "cyclical-lr/range-test";
 * assert.equal(RANGE_TEST_RAMP.read({ minLr: 1e-4, maxLr: 1, iterations: 100 }).mode, "linear");
 * assert.throws(() => RANGE_TEST_RAMP.read({ minLr: 1e-4, maxLr: 1, iterations: 100, min_lr: 1 }), {
 *   message: "min_lr: unknown option of rangeTestRamp; did you mean minLr?",
 * });
 * ```
 */
export const RANGE_TEST_RAMP: OptionsTable<FieldsOf<RampOptions>> = optionsTable("rangeTestRamp", RAMP_FIELDS, {
  rules: [maxLrAboveMinLr],
});

/**
 * The rate of a range test at iteration `t`, pytorch-lr-finder's `LinearLR` and
 * `ExponentialLR`: with `r = min(t, iterations - 1) / (iterations - 1)`,
 * linear `lr = minLr + r * (maxLr - minLr)`, exponential `lr = minLr * (maxLr / minLr) ** r`.
 * Both ends are tested: `lr(0) = minLr` and `lr(iterations - 1) = maxLr` (fastai's
 * `SchedExp` uses `t / iterations` and stops one step short of its end); past the end the
 * rate stays at `maxLr`.
 *
 * @param options `minLr`, `maxLr`, `iterations` and `mode` ({@link RANGE_TEST_RAMP}).
 * @returns A scalar schedule.
 * @throws {RangeError} If a bound or `iterations` is out of range.
 * @throws {TypeError} If `mode` is unknown, or an option is unknown.
 *
 * @example Ten times per step from 1e-4 to 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { rangeTestRamp } from "cyclical-lr/range-test";
 * const lr = rangeTestRamp({ minLr: 1e-4, maxLr: 1, iterations: 5, mode: "exponential" });
 * assert.ok(Math.abs(lr(2) - 1e-2) < 1e-15);
 * assert.equal(lr(4), 1);
 * ```
 * @see {@link https://github.com/davidtvs/pytorch-lr-finder | pytorch-lr-finder}
 */
export function rangeTestRamp(options: RampOptions): ScalarSchedule {
  const { minLr, maxLr, iterations, mode } = RANGE_TEST_RAMP.read(options);
  const last = iterations - 1;
  const ratio = maxLr / minLr;
  if (mode === "linear") {
    return (t) => {
      checkIteration(t);
      return t >= last ? maxLr : minLr + (t / last) * (maxLr - minLr);
    };
  }
  const power = powWithBase(ratio);
  return (t) => {
    checkIteration(t);
    return t >= last ? maxLr : minLr * power(t / last);
  };
}
