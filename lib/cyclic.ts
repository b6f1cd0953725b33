import type { PerGroup, Scale, Schedule, ScalarSchedule, Wave } from "./types.ts";
import { gamma as checkGamma } from "./_check.ts";
import { resolveGroups } from "./groups.ts";
import { amplitude } from "./amplitude.ts";
import { exponential, flat, halving } from "./scale.ts";
import { type StepSizes, triangle } from "./wave.ts";
import { withScalars } from "./scalar_form.ts";

/** Per-group bounds of a cyclical learning rate. */
export interface CyclicBounds {
  /** The rate at the bottom of every cycle, per group. */
  readonly baseLr: PerGroup;
  /** The rate at the top of the first cycle, per group (may be below `baseLr`). */
  readonly maxLr: PerGroup;
  /** Number of groups, when `baseLr` and `maxLr` are both scalars. @default 1 */
  readonly groups?: number;
}

/** A cyclical rate from its parts: bounds, a wave and a scale. */
export interface CyclicOptions extends CyclicBounds {
  /** The shape of a cycle. */
  readonly wave: Wave;
  /** The size of each cycle. @default flat */
  readonly scale?: Scale;
}

/**
 * Stretches one unit signal between per-group values: group `g` gets
 * `from[g] + (to[g] - from[g]) * unit(t)`. The signal is evaluated once per call.
 */
export function stretch(from: readonly number[], to: readonly number[], unit: ScalarSchedule): Schedule {
  const n = from.length;
  const lo = Float64Array.from(from);
  const span = Float64Array.from(to, (v, g) => v - from[g]);
  const schedule: Schedule = (t) => {
    const h = unit(t);
    const out = new Array<number>(n);
    for (let g = 0; g < n; g++) out[g] = lo[g] + span[g] * h;
    return out;
  };
  return withScalars(schedule, Array.from(lo, (l, g) => {
    const k = span[g];
    return (t: number) => l + k * unit(t);
  }));
}

/**
 * A cyclical learning rate built from its parts, for every parameter group:
 * `lr(t)[g] = baseLr[g] + (maxLr[g] - baseLr[g]) * wave.height(t) * scale(cycle or t)`.
 *
 * @param options The bounds (number or one per group), the wave and the scale.
 * @returns A schedule of one rate per group.
 * @throws {RangeError} If a bound is negative or not finite, or group lengths disagree.
 *
 * @example A smooth cycle whose amplitude shrinks by a third per cycle
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineWave, cyclic, scaleFn } from "cyclical-lr";
 * const lr = cyclic({
 *   baseLr: [0.01, 0.001], maxLr: [0.1, 0.01],
 *   wave: cosineWave({ stepSizeUp: 100 }),
 *   scale: scaleFn((c) => (2 / 3) ** (c - 1)),
 * });
 * const close = (a: readonly number[], b: number[]) => a.every((v, g) => Math.abs(v - b[g]) < 1e-15);
 * assert.ok(close(lr(100), [0.1, 0.01]));
 * assert.ok(close(lr(200), [0.01, 0.001]));
 * ```
 */
export function cyclic(options: CyclicOptions): Schedule {
  const { values } = resolveGroups({ baseLr: options.baseLr, maxLr: options.maxLr }, options.groups);
  return stretch(values.baseLr, values.maxLr, amplitude(options.wave, options.scale ?? flat));
}

/**
 * Smith's `triangular` policy: a triangle between `baseLr` and `maxLr` of constant amplitude.
 * Matches PyTorch `CyclicLR(mode="triangular")` to 1e-12 relative.
 *
 * @param options Per-group bounds and half-cycle lengths, in iterations.
 * @returns A schedule mapping an iteration to one rate per parameter group.
 * @throws {RangeError} If a step size is not a positive safe integer or a bound is invalid.
 *
 * @example Bottom, peak, bottom
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular } from "cyclical-lr";
 * const lr = triangular({ baseLr: 0.1, maxLr: 1.1, stepSizeUp: 10 });
 * assert.deepEqual([lr(0)[0], lr(10)[0], lr(20)[0]], [0.1, 1.1, 0.1]);
 * ```
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates, 2017, section 3.1}
 */
export function triangular(options: CyclicBounds & StepSizes): Schedule {
  return cyclic({ ...options, wave: triangle(options), scale: flat });
}

/**
 * Triangular cyclical learning rate whose amplitude halves every cycle ("triangular2",
 * Smith 2017, section 3.1). With `P = stepSizeUp + stepSizeDown` and
 * `c = floor(1 + t / P)`, `lr(t) = baseLr + (maxLr - baseLr) * height(t) / 2^(c - 1)`.
 * Matches PyTorch `CyclicLR(mode="triangular2")` to 1e-12; past cycle 1025, where PyTorch
 * raises `OverflowError`, the amplitude is 0 and the rate is `baseLr`.
 *
 * @param options Per-group bounds and half-cycle lengths, in iterations.
 * @returns A schedule mapping an iteration to one rate per parameter group.
 * @throws {RangeError} If `stepSizeUp` is not a positive safe integer.
 *
 * @example The second peak is half as high
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular2 } from "cyclical-lr";
 * const lr = triangular2({ baseLr: [0.1], maxLr: [1.1], stepSizeUp: 10 });
 * assert.ok(Math.abs(lr(10)[0] - 1.1) < 1e-12);
 * assert.ok(Math.abs(lr(30)[0] - 0.6) < 1e-12);
 * ```
 * @see {@link https://arxiv.org/abs/1506.01186 | Smith, Cyclical Learning Rates, 2017}
 */
export function triangular2(options: CyclicBounds & StepSizes): Schedule {
  return cyclic({ ...options, wave: triangle(options), scale: halving });
}

/**
 * The `exp_range` policy as PyTorch and the seed's code define it: the *amplitude* decays
 * by `gamma^t`, `lr(t) = baseLr + (maxLr - baseLr) * height(t) * gamma^t`, so the rate
 * still returns to `baseLr`. The paper instead shrinks *both* bounds by `gamma^t`; for
 * that, see {@link scaleBy} (`scaleBy(triangular(o), (t) => gamma ** t)`) or the config's
 * `expRangeDecays: "bounds"`.
 *
 * @param options Per-group bounds, half-cycle lengths and `gamma` in (0, 1].
 * @returns A schedule mapping an iteration to one rate per parameter group.
 * @throws {RangeError} If `gamma` is not in (0, 1] or a step size is invalid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expRange } from "cyclical-lr";
 * const lr = expRange({ baseLr: 0, maxLr: 1, stepSizeUp: 2, gamma: 0.5 });
 * assert.equal(lr(2)[0], 0.25);
 * ```
 */
export function expRange(options: CyclicBounds & StepSizes & { readonly gamma: number }): Schedule {
  return cyclic({ ...options, wave: triangle(options), scale: exponential(checkGamma("gamma", options.gamma)) });
}
