/**
 * Interpolations between two values as a fraction goes from 0 to 1: the two annealing
 * strategies of PyTorch's `OneCycleLR` (`_annealing_cos`, `_annealing_linear`), shared by
 * {@link phases}, `oneCycle` and `warmup`.
 *
 * @module
 */
import { cos } from "../_math/mod.ts";
import { saturate } from "../_saturate.ts";

/**
 * An interpolation from `start` (at `pct = 0`) to `end` (at `pct = 1`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Anneal } from "cyclical-lr";
 * const step: Anneal = (start, end, pct) => (pct < 1 ? start : end);
 * assert.equal(step(1, 2, 0.5), 1);
 * ```
 */
export type Anneal = (start: number, end: number, pct: number) => number;

/** Whether an interpolation is one of this module's (its values need no check where they enter). */
export function isBuiltInAnneal(anneal: unknown): anneal is Anneal {
  return anneal === annealCos || anneal === annealLinear;
}

/**
 * Cosine annealing, PyTorch's `OneCycleLR._annealing_cos` operation for operation:
 * `end + (start - end) / 2 * (cos(pi * pct) + 1)`. Flat at both ends, exact at `pct = 0`
 * (`start`, up to one rounding) and at `pct = 1` (`end`).
 * Finite ends give a finite value: ends so far apart that `start - end` overflows take the
 * convex form `end * (1 - w) + start * w`, `w = (cos(pi * pct) + 1) / 2`.
 *
 * @param start The value at `pct = 0`.
 * @param end The value at `pct = 1`.
 * @param pct The fraction of the way, usually in [0, 1].
 * @returns The interpolated value.
 *
 * @example Half way is the mean
 * ```ts
 * import assert from "node:assert/strict";
 * import { annealCos } from "cyclical-lr";
 * assert.equal(annealCos(1, 3, 0), 1);
 * assert.ok(Math.abs(annealCos(1, 3, 0.5) - 2) < 1e-15);
 * assert.equal(annealCos(1, 3, 1), 3);
 * ```
 */
export function annealCos(start: number, end: number, pct: number): number {
  const c = cos(Math.PI * pct) + 1;
  const d = start - end;
  if (d - d === 0) return within(start, end, pct, saturate(end + (d / 2) * c));
  // Finite ends of opposite signs whose difference overflows: the same value as a convex
  // combination, whose terms stay within the ends.
  return end * (1 - c / 2) + start * (c / 2);
}

/**
 * Linear annealing, PyTorch's `OneCycleLR._annealing_linear`: `(end - start) * pct + start`.
 * Ends so far apart that `end - start` overflows take the convex form `start * (1 - pct) + end * pct`.
 *
 * @param start The value at `pct = 0`.
 * @param end The value at `pct = 1`.
 * @param pct The fraction of the way, usually in [0, 1].
 * @returns The interpolated value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { annealLinear } from "cyclical-lr";
 * assert.equal(annealLinear(1, 3, 0.25), 1.5);
 * ```
 */
export function annealLinear(start: number, end: number, pct: number): number {
  const d = end - start;
  // Finite ends whose difference overflows take the convex form (see annealCos).
  return d - d === 0 ? within(start, end, pct, saturate(d * pct + start)) : start * (1 - pct) + end * pct;
}

/**
 * An interpolation's value for `pct` in [0, 1], held between its ends: PyTorch's order of
 * operations rounds twice, and among subnormals that can land one unit outside them (from 0
 * to 9.4e-323, a cosine at pct 0 gave -5e-324, a negative rate), where the true value never
 * is. Outside [0, 1] (an extrapolation) the value is kept.
 */
function within(start: number, end: number, pct: number, v: number): number {
  if (!(pct >= 0 && pct <= 1)) return v;
  const lo = start < end ? start : end, hi = start < end ? end : start;
  return v < lo ? lo : v > hi ? hi : v;
}
