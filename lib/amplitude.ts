import type { ScalarSchedule, Scale, Wave } from "./types.ts";
import { checkIteration, finite } from "./_check.ts";
import { flat } from "./scale.ts";

/**
 * The unit cyclic signal: a wave's height times a scale, `height(t) * scale(cycle or t)`.
 * Every cyclic policy is this signal stretched between two bounds (see {@link between}).
 *
 * @param wave Where in its cycle each iteration is.
 * @param scale How large each cycle is. @default flat
 * @returns A scalar schedule, in [0, 1] when the scale is.
 * @throws {RangeError} From the returned schedule, if `t` is not a non-negative safe integer.
 *
 * @example The triangular2 signal: the second peak is half the first
 * ```ts
 * import assert from "node:assert/strict";
 * import { amplitude, halving, triangle } from "cyclical-lr";
 * const u = amplitude(triangle({ stepSizeUp: 5 }), halving);
 * assert.equal(u(5), 1);
 * assert.equal(u(15), 0.5);
 * ```
 */
export function amplitude(wave: Wave, scale: Scale = flat): ScalarSchedule {
  const fn = scale.fn;
  if (scale === flat) {
    // flat.fn is 1 at every cycle: skip the cycle number (a remainder and a division per
    // call, the largest cost of the composed triangular policy in bench/schedule_bench.ts).
    return (t) => {
      checkIteration(t);
      return wave.height(t);
    };
  }
  if (scale.mode === "cycle") {
    return (t) => {
      checkIteration(t);
      return wave.height(t) * fn(wave.cycle(t));
    };
  }
  return (t) => {
    checkIteration(t);
    return wave.height(t) * fn(t);
  };
}

/**
 * Stretches a unit signal between two values: `from + (to - from) * unit(t)`. With
 * `from = baseLr`, `to = maxLr` this is the paper's learning rate; with
 * `from = maxMomentum`, `to = baseMomentum` it is PyTorch's cyclical momentum.
 *
 * @param from The value where the signal is 0.
 * @param to The value where the signal is 1 (may be below `from`).
 * @param unit The signal, usually from {@link amplitude}.
 * @returns A scalar schedule.
 * @throws {RangeError} If `from` or `to` is not finite.
 *
 * @example The triangular policy as a scalar schedule
 * ```ts
 * import assert from "node:assert/strict";
 * import { amplitude, between, triangle } from "cyclical-lr";
 * const lr = between(0.001, 0.006, amplitude(triangle({ stepSizeUp: 2000 })));
 * assert.ok(Math.abs(lr(1000) - 0.0035) < 1e-15);
 * ```
 */
export function between(from: number, to: number, unit: ScalarSchedule): ScalarSchedule {
  const lo = finite("from", from);
  const span = finite("to", to) - lo;
  return (t) => lo + span * unit(t);
}
