/**
 * What the demo's table counts: a 3-point moving average of the test accuracy, the
 * iteration from which it stays at a target, the two speed-ups, and mean ± spread over seeds.
 *
 * @module
 */

/** The trailing 3-point moving average: `m[i] = mean(v[i-2], v[i-1], v[i])` (fewer points at the start). */
export function movingAverage3(v: readonly number[]): number[] {
  return v.map((_, i) => {
    const from = Math.max(0, i - 2);
    let s = 0;
    for (let k = from; k <= i; k++) s += v[k];
    return s / (i - from + 1);
  });
}

/**
 * The first measured iteration from which the 3-point moving average of `accuracy` stays at
 * `target` or above, within `tolerance` (0.001 = 0.1 percentage point) until the end, or
 * undefined when it never does (NaN counts as below).
 *
 * @param iterations The iterations of the measurements.
 * @param accuracy The accuracies, as fractions.
 * @param target The accuracy to stay at.
 * @param tolerance How far below the target still counts. @default 0.001
 * @returns The iteration, or undefined.
 */
export function staysFrom(
  iterations: readonly number[],
  accuracy: readonly number[],
  target: number,
  tolerance = 0.001,
): number | undefined {
  const m = movingAverage3(accuracy);
  let from: number | undefined;
  for (let i = m.length - 1; i >= 0; i--) {
    if (!(m[i] >= target - tolerance)) break;
    from = iterations[i];
  }
  return from;
}

/** The element-wise mean of equally long curves. */
export function meanCurve(curves: readonly (readonly number[])[]): number[] {
  return curves[0].map((_, i) => curves.reduce((s, c) => s + c[i], 0) / curves.length);
}

/** Mean and sample standard deviation (0 for one value). */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, sd };
}
