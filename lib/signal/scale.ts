import type { Scale, ScaleMode } from "../types.ts";
import { checkIteration, EXPECTED, fail, gamma as checkGamma, isPositiveInt, oneOf } from "../_check.ts";
import { pow, powWithBase } from "../_math/mod.ts";

/** The scales made here: their values are finite by construction, so they are not checked again. */
const madeScales = new WeakSet<Scale>();

/** Whether a scale was made by this library (its values need no check where they enter). */
export function isBuiltInScale(scale: Scale): boolean {
  return madeScales.has(scale);
}

function builtIn(scale: Scale): Scale {
  madeScales.add(Object.freeze(scale));
  return scale;
}

/** Rejects a cycle number that is not a positive safe integer, as iterations are rejected. */
function checkCycle(cycle: number): void {
  if (!isPositiveInt(cycle)) fail("cycle", EXPECTED.positiveInt, cycle);
}

/**
 * The constant scale of the `triangular` policy: every cycle has the full amplitude.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flat } from "cyclical-lr";
 * assert.equal(flat.fn(7), 1);
 * ```
 */
export const flat: Scale = builtIn({
  mode: "cycle",
  fn: (cycle) => {
    checkCycle(cycle);
    return 1;
  },
});

/**
 * The scale of `triangular2`: the amplitude halves every cycle, `1 / 2^(cycle - 1)`.
 * Past cycle 1025 the factor underflows to 0, so the rate rests at `baseLr` (where
 * PyTorch raises `OverflowError`).
 *
 * @example The third cycle has a quarter of the amplitude
 * ```ts
 * import assert from "node:assert/strict";
 * import { halving } from "cyclical-lr";
 * assert.equal(halving.fn(3), 0.25);
 * assert.equal(halving.fn(2000), 0);
 * ```
 */
export const halving: Scale = builtIn({
  mode: "cycle",
  fn: (cycle) => {
    checkCycle(cycle);
    return pow(0.5, cycle - 1);
  },
});

/**
 * The scale of `exp_range`: the amplitude decays per iteration, `gamma^t`.
 *
 * @param gamma The decay per iteration, in (0, 1].
 * @returns A scale in `"iterations"` mode.
 * @throws {RangeError} If `gamma` is not in (0, 1].
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exponential } from "cyclical-lr";
 * assert.equal(exponential(0.5).fn(3), 0.125);
 * ```
 */
export function exponential(gamma: number): Scale {
  const power = powWithBase(checkGamma("gamma", gamma));
  return builtIn({
    mode: "iterations",
    fn: (t) => {
      checkIteration(t);
      return power(t);
    },
  });
}

/**
 * A user's scale function, as PyTorch's `scale_fn` with `scale_mode`. The result is
 * checked at every call: a function that returns NaN or ±Infinity raises a `RangeError`
 * naming the cycle or iteration, instead of spreading NaN into the rates.
 *
 * @param fn The multiplier of the amplitude, given the cycle number or the iteration.
 * @param mode What `fn` receives. @default "cycle"
 * @returns The scale.
 * @throws {TypeError} If `fn` is not a function or `mode` is not `"cycle"`/`"iterations"`.
 *
 * @example A scale that shrinks by a third each cycle
 * ```ts
 * import assert from "node:assert/strict";
 * import { scaleFn } from "cyclical-lr";
 * const s = scaleFn((c) => (2 / 3) ** (c - 1));
 * assert.equal(s.fn(1), 1);
 * assert.throws(() => scaleFn(() => NaN).fn(1), /scaleFn: expected a finite number at cycle 1, got NaN/);
 * ```
 */
export function scaleFn(fn: (x: number) => number, mode: ScaleMode = "cycle"): Scale {
  return checkedScale(fn, mode, "scaleFn");
}

/**
 * A user's scale function checked at every call, with the name the errors give it
 * (`scaleFn`, `scale.fn`, or a registered scale's name).
 *
 * @param fn The multiplier.
 * @param mode What `fn` receives.
 * @param label The name in errors.
 * @returns The checked scale.
 * @internal
 */
export function checkedScale(fn: (x: number) => number, mode: ScaleMode, label: string): Scale {
  if (typeof fn !== "function") fail(label, "a function", fn);
  const m = oneOf("scaleMode", ["cycle", "iterations"], mode);
  const at = m === "cycle" ? "cycle" : "iteration";
  const check = m === "cycle" ? checkCycle : checkIteration;
  return builtIn({
    mode: m,
    fn: (x) => {
      check(x);
      const v: unknown = fn(x);
      return typeof v === "number" && Number.isFinite(v) ? v : fail(label, `a finite number at ${at} ${x}`, v);
    },
  });
}
