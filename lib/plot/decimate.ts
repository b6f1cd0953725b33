/**
 * Thins a long line for drawing without losing its shape: the points are cut into
 * `buckets` runs of consecutive points and each run keeps its first, lowest, highest and
 * last point, in order. Peaks and troughs of a schedule survive; a million iterations
 * become a few thousand SVG points. Shorter inputs are returned as they are.
 *
 * @param x The x values, increasing.
 * @param y The y values, as many.
 * @param buckets How many runs. @default 600
 * @returns The kept points.
 *
 * @example The peak of a long triangle survives
 * ```ts
 * import assert from "node:assert/strict";
 * import { decimate } from "cyclical-lr/plot";
 * const x = Array.from({ length: 100_001 }, (_, i) => i);
 * const y = x.map((t) => 50_000 - Math.abs(t - 50_000));
 * const thin = decimate(x, y, 100);
 * assert.ok(thin.x.length <= 400);
 * assert.equal(Math.max(...thin.y), 50_000);
 * ```
 */
export function decimate(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  buckets = 600,
): { x: number[]; y: number[] } {
  const n = Math.min(x.length, y.length);
  if (n <= 4 * buckets) {
    return {
      x: Array.from({ length: n }, (_, i) => x[i]),
      y: Array.from({ length: n }, (_, i) => y[i]),
    };
  }
  const ox: number[] = [], oy: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets), to = Math.floor(((b + 1) * n) / buckets);
    let lo = from, hi = from;
    for (let i = from + 1; i < to; i++) {
      if (y[i] < y[lo]) lo = i;
      if (y[i] > y[hi]) hi = i;
    }
    const keep = [...new Set([from, lo, hi, to - 1])].sort((a, c) => a - c);
    for (const i of keep) ox.push(x[i]), oy.push(y[i]);
  }
  return { x: ox, y: oy };
}
