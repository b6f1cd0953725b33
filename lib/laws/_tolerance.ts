/**
 * Internal helpers of the laws: the tolerance every law uses, per-group values, and the
 * error a broken law throws.
 *
 * @module
 */
import type { PerGroup } from "../types.ts";
import { LawError } from "./law_error.ts";

/** Relative tolerance of every law: float64 formulas agree with their reference to 1e-12. */
export const RTOL = 1e-12;

/**
 * Absolute tolerance, as a multiple of the magnitude of the bounds (`max(|from|, |to|)`).
 * A difference such as `lr(t) - baseLr` carries a rounding error of a few ulps of the
 * bounds, so near the bottom of a cycle (or once an amplitude has decayed) a purely
 * relative comparison of that difference would be meaningless: 1e-14 of the bounds is
 * about 45 ulps, far below any real mistake and far above rounding.
 */
export const ATOL = 1e-14;

/**
 * An absolute floor under every tolerance: subnormal numbers (below 2.2e-308) round to a
 * fixed absolute grid, so relative tolerances mean nothing there; no rate is that small.
 */
export const FLOOR = 1e-300;

/** Whether `a` and `b` agree to `RTOL` relative, plus `ATOL * scale` and `FLOOR` absolute. */
export function near(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= RTOL * Math.max(Math.abs(a), Math.abs(b)) + ATOL * scale + FLOOR;
}

/** How far a value may pass a bound of magnitude `scale`: `(RTOL + ATOL) * scale + FLOOR`. */
/** {@link near} for two values of the same quantity: the scale is the larger of them. */
export function close(a: number, b: number): boolean {
  return near(a, b, Math.max(Math.abs(a), Math.abs(b)));
}

export function slack(scale: number): number {
  return (RTOL + ATOL) * scale + FLOOR;
}

/** Group `g` of a per-group value (a number is the same for every group). */
export function groupValue(v: PerGroup, g: number): number {
  return typeof v === "number" ? v : v[g];
}

/** The magnitude of two bounds of group `g`, the unit of `ATOL`. */
export function magnitude(from: PerGroup, to: PerGroup, g: number): number {
  return Math.max(Math.abs(groupValue(from, g)), Math.abs(groupValue(to, g)));
}

/** Checks a per-group value against the number of groups the schedule returns. */
export function checkGroups(law: string, field: string, v: PerGroup, groups: number, t: number): void {
  if (typeof v !== "number" && v.length !== groups) {
    throw new LawError(law, [t], `${field} has ${v.length} values but the schedule returned ${groups} groups`);
  }
}

/** Prints a number with every digit, as the law messages show values. */
export function show(v: number): string {
  return Object.is(v, -0) ? "-0" : String(v);
}
