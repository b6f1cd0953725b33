/**
 * Interpolations between two values as a fraction goes from 0 to 1: the two annealing
 * strategies of PyTorch's `OneCycleLR` (`_annealing_cos`, `_annealing_linear`), shared by
 * {@link phases}, `oneCycle` and `warmup`.
 *
 * @module
 */
import { cos } from "../_math/mod.ts";

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
  return end + ((start - end) / 2) * (cos(Math.PI * pct) + 1);
}

/**
 * Linear annealing, PyTorch's `OneCycleLR._annealing_linear`: `(end - start) * pct + start`.
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
  return (end - start) * pct + start;
}
