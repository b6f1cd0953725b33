/**
 * Internal: optax's `piecewise_interpolate_schedule` arithmetic, shared by
 * `piecewiseInterpolate`, `linearOneCycle` and `cosineOneCycle`.
 *
 * @module
 */
import type { Schedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { withScalars } from "../schedule/scalars.ts";
import type { Anneal } from "../signal/anneal.ts";
import { LARGEST } from "../_saturate.ts";

/**
 * The running products of `init` by `scales`, one row per boundary and one before them:
 * `rows[0] = init`, `rows[i + 1] = rows[i] * scales[i]` (optax's `jnp.cumprod`, in the same
 * order), stopping at the largest double instead of reaching Infinity.
 *
 * @internal
 */
export function runningProducts(init: readonly number[], scales: readonly number[]): (readonly number[])[] {
  const rows: (readonly number[])[] = [init];
  for (const s of scales) rows.push(rows[rows.length - 1].map((v) => Math.min(v * s, LARGEST)));
  return rows;
}

/**
 * optax's piecewise interpolation between running products: with `bounds = [0, ...boundaries]`
 * (non-decreasing; optax's come from a dict, so they differ, but equal ones are allowed
 * here and make an empty segment) and `rows` from {@link runningProducts}, iteration `t` in
 * segment `[bounds[k], bounds[k + 1])` is `anneal(rows[k], rows[k + 1], pct)` with
 * `pct = (t - bounds[k]) / max(bounds[k + 1] - bounds[k], 1)`, and from the last boundary on
 * it is the last row. optax sums `indicator * value` over the segments; exactly one term (or
 * none) is not zero, so the sum is that term, bit for bit.
 *
 * @internal
 */
export function interpolateSchedule(
  boundaries: readonly number[],
  rows: readonly (readonly number[])[],
  anneal: Anneal,
): Schedule {
  const n = boundaries.length, groups = rows[0].length;
  const bounds = [0, ...boundaries];
  const last = rows[n];
  /** The segment of `t`: how many boundaries are <= t (a binary search). */
  const segment = (t: number): number => {
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (boundaries[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const pctOf = (k: number, t: number) => (t - bounds[k]) / Math.max(bounds[k + 1] - bounds[k], 1);
  const lr: Schedule = (t) => {
    checkIteration(t);
    const k = segment(t);
    if (k === n) return last.slice();
    const from = rows[k], to = rows[k + 1], pct = pctOf(k, t);
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = anneal(from[g], to[g], pct);
    return out;
  };
  return withScalars(
    lr,
    last.map((_, g) => (t: number) => {
      checkIteration(t);
      const k = segment(t);
      return k === n ? last[g] : anneal(rows[k][g], rows[k + 1][g], pctOf(k, t));
    }),
  );
}
