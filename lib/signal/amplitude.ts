import type { ScalarSchedule, Scale, Wave } from "../types.ts";
import { checkIteration, describeValue, fail, finite, isPositiveInt } from "../_check.ts";
import { checkedScale, flat, isBuiltInScale } from "./scale.ts";
import { isBuiltInWave } from "./wave.ts";
import { saturate } from "../_saturate.ts";

/** Whether `u` has the shape of a {@link Wave}: a positive period and two functions. */
export function isWave(u: unknown): u is Wave {
  return typeof u === "object" && u !== null && "period" in u && typeof u.period === "number" && u.period > 0 &&
    "cycle" in u && typeof u.cycle === "function" && "height" in u && typeof u.height === "function";
}

/** Whether `u` has the shape of a {@link Scale}. */
export function isScale(u: unknown): u is Scale {
  return typeof u === "object" && u !== null && "fn" in u && typeof u.fn === "function" && "mode" in u &&
    (u.mode === "cycle" || u.mode === "iterations");
}

/**
 * A user's wave, checked where its values enter: the iteration first, then a height in
 * [0, 1] and a cycle that is a positive integer (a height of 5 would put the rate above
 * `maxLr`; NaN would spread into every rate).
 */
function checkedWave(wave: Wave, label: string): Wave {
  const height = (t: number): number => {
    checkIteration(t);
    const h: unknown = wave.height(t);
    return typeof h === "number" && h >= 0 && h <= 1 ? h : fail(`${label}.height(${t})`, "a number in [0, 1]", h);
  };
  const cycle = (t: number): number => {
    checkIteration(t);
    const c: unknown = wave.cycle(t);
    return isPositiveInt(c) ? c : fail(`${label}.cycle(${t})`, "a positive integer", c);
  };
  return { period: wave.period, height, cycle };
}

/**
 * The wave and scale as {@link amplitude} evaluates them: the library's own as they are,
 * a user's checked at every call, naming the piece (`label`, e.g. a registered name).
 * @internal
 */
export function checkedPieces(
  wave: Wave,
  scale: Scale,
  labels: { readonly wave: string; readonly scale: string } = { wave: "wave", scale: "scale.fn" },
): { wave: Wave; scale: Scale } {
  if (!isWave(wave)) fail(labels.wave, "a wave { period, cycle, height }", wave);
  if (!isScale(scale)) {
    throw new TypeError(`scale: expected a scale { mode: "cycle" | "iterations", fn }, got ${describeValue(scale)}`);
  }
  return {
    wave: isBuiltInWave(wave) ? wave : checkedWave(wave, labels.wave),
    scale: isBuiltInScale(scale) ? scale : checkedScale(scale.fn, scale.mode, labels.scale),
  };
}

/**
 * The unit cyclic signal: a wave's height times a scale, `height(t) * scale(cycle or t)`.
 * Every cyclic policy is this signal stretched between two bounds (see {@link between}).
 *
 * @param wave Where in its cycle each iteration is.
 * @param scale How large each cycle is. @default flat
 * @returns A scalar schedule, in [0, 1] when the scale is.
 * @throws {TypeError} If `wave` or `scale` does not have its shape.
 * @throws {RangeError} From the returned schedule, if `t` is not a non-negative safe integer,
 *   or a hand-written wave or scale gives a value out of its range (the error names it).
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
  return amplitudeOf(checkedPieces(wave, scale));
}

/** The signal of pieces that are already checked. @internal */
export function amplitudeOf(pieces: { readonly wave: Wave; readonly scale: Scale }): ScalarSchedule {
  const { wave, scale } = pieces;
  const fn = scale.fn;
  if (scale === flat) {
    // flat.fn is 1 at every cycle: skip the cycle number (a remainder and a division per
    // call, the largest cost of the composed triangular policy in bench/schedule_bench.ts).
    return madeSignal((t) => {
      checkIteration(t);
      return wave.height(t);
    });
  }
  if (scale.mode === "cycle") {
    return madeSignal((t) => {
      checkIteration(t);
      return wave.height(t) * fn(wave.cycle(t));
    });
  }
  return madeSignal((t) => {
    checkIteration(t);
    return wave.height(t) * fn(t);
  });
}

/** The signals made here, of checked pieces: finite by construction, not checked again. */
const madeSignals = new WeakSet<ScalarSchedule>();

function madeSignal(signal: ScalarSchedule): ScalarSchedule {
  madeSignals.add(signal);
  return signal;
}

/** The error of a signal's value that is not finite (out of line: the closures stay small). */
function badUnit(t: number, u: unknown): never {
  return fail(`unit(${t})`, "a finite number", u);
}

/**
 * A unit signal as {@link between} and `stretch` read it: a signal of amplitude's as it is
 * (finite by construction), any other checked where its values enter, each value a finite
 * number or an error naming `unit(t)` (the signal checks its own `t`).
 * @internal
 */
export function checkedSignal(unit: ScalarSchedule): ScalarSchedule {
  if (madeSignals.has(unit)) return unit;
  return (t) => {
    const u = unit(t);
    if (u - u !== 0) badUnit(t, u); // NaN and ±Infinity (and what is not a number)
    return u;
  };
}

/**
 * Stretches a unit signal between two values: `from + (to - from) * unit(t)`. With
 * `from = baseLr`, `to = maxLr` this is the paper's learning rate; with
 * `from = maxMomentum`, `to = baseMomentum` it is PyTorch's cyclical momentum. A unit value
 * that is not a finite number is an error naming the iteration; one beyond [0, 1] that takes
 * the value past the largest double gives `±Number.MAX_VALUE`.
 *
 * @param from The value where the signal is 0.
 * @param to The value where the signal is 1 (may be below `from`).
 * @param unit The signal, usually from {@link amplitude}.
 * @returns A scalar schedule.
 * @throws {RangeError} If `from` or `to` is not finite; the schedule throws where `unit` gives a value that is not finite.
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
  const hi = finite("to", to);
  const span = hi - lo;
  if (typeof unit !== "function") fail("unit", "a scalar schedule (a function)", unit);
  const at = checkedSignal(unit);
  // A unit beyond [0, 1] can take the value past the largest double: it is held there.
  if (Number.isFinite(span)) return (t) => saturate(lo + span * at(t));
  // The bounds are finite but so far apart that their difference overflows: the same
  // value as a convex combination, whose terms stay within the bounds.
  return (t) => {
    const h = at(t);
    return saturate(lo * (1 - h) + hi * h);
  };
}
