import type { ScalarSchedule } from "../types.ts";
import { checkIteration, fail, oneOf, positive } from "../_check.ts";
import { powWithBase } from "../_math/mod.ts";

/** How the rate grows during a range test. */
export type RampMode = "linear" | "exponential";

/** The learning-rate ramp of a range test. */
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
   * @default "linear"
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

/** Validates ramp options and writes out the defaults. */
export function checkRamp(options: RampOptions): Ramp {
  const minLr = positive("minLr", options.minLr);
  const maxLr = options.maxLr;
  if (!(typeof maxLr === "number" && Number.isFinite(maxLr) && maxLr > minLr)) {
    fail("maxLr", `a finite number > minLr (${minLr})`, maxLr);
  }
  const iterations = options.iterations;
  if (!(typeof iterations === "number" && Number.isSafeInteger(iterations) && iterations >= 2)) {
    fail("iterations", "an integer >= 2", iterations);
  }
  const mode = oneOf("mode", ["linear", "exponential"], options.mode ?? "linear");
  return { minLr, maxLr, iterations, mode };
}

/**
 * The rate of a range test at iteration `t`, pytorch-lr-finder's `LinearLR` and
 * `ExponentialLR`: with `r = min(t, iterations - 1) / (iterations - 1)`,
 * linear `lr = minLr + r * (maxLr - minLr)`, exponential `lr = minLr * (maxLr / minLr) ** r`.
 * Both ends are tested: `lr(0) = minLr` and `lr(iterations - 1) = maxLr` (fastai's
 * `SchedExp` uses `t / iterations` and stops one step short of its end); past the end the
 * rate stays at `maxLr`.
 *
 * @param options `minLr`, `maxLr`, `iterations` and `mode`.
 * @returns A scalar schedule.
 * @throws {RangeError} If a bound or `iterations` is out of range.
 * @throws {TypeError} If `mode` is unknown.
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
  const { minLr, maxLr, iterations, mode } = checkRamp(options);
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
