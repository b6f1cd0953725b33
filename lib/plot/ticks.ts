/** An axis: the drawn range and the tick values inside it, increasing. */
export interface Axis {
  /** The lower end of the drawn range. */
  readonly min: number;
  /** The upper end of the drawn range. */
  readonly max: number;
  /** The tick values, increasing, inside [min, max]. */
  readonly ticks: readonly number[];
}

/**
 * The decimal exponent of a positive finite `x`, `floor(log10(x))` exactly: read from its
 * shortest decimal form, which ECMAScript specifies digit for digit (where `Math.log10` is
 * approximated differently by each engine), so that every engine draws the same axes.
 */
function decimalExponent(x: number): number {
  const s = x.toExponential();
  return Number(s.slice(s.indexOf("e") + 1));
}

/** The value of `k * step` without the binary noise (`0.30000000000000004`). */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * Nice ticks for a linear axis over the finite values `[lo, hi]`: steps of 1, 2 or 5 times a
 * power of ten, about `count` of them, with the range widened to whole steps. A single
 * value gets a range around it (±10 %, or ±1 around 0); no values get [0, 1].
 *
 * @param lo The smallest value.
 * @param hi The largest value.
 * @param count About how many ticks. @default 6
 * @returns The axis: `min < max`, ticks increasing, all finite.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linearAxis } from "cyclical-lr/plot";
 * assert.deepEqual(linearAxis(0.001, 0.006).ticks, [0.001, 0.002, 0.003, 0.004, 0.005, 0.006]);
 * assert.deepEqual(linearAxis(-3, 2.5), { min: -3, max: 3, ticks: [-3, -2, -1, 0, 1, 2, 3] });
 * ```
 */
export function linearAxis(lo: number, hi: number, count = 6): Axis {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) return { min: 0, max: 1, ticks: [0, 0.5, 1] };
  const mid = lo / 2 + hi / 2;
  if (hi - lo <= Math.abs(mid) * 1e-9 || hi - lo === 0) {
    const pad = mid === 0 ? 1 : Math.abs(mid) * 0.1;
    lo = mid - pad;
    hi = mid + pad;
  }
  const span = hi - lo;
  if (!Number.isFinite(span)) return { min: lo, max: hi, ticks: [lo, hi] };
  const raw = span / Math.max(1, count);
  const magnitude = parseFloat(`1e${decimalExponent(raw)}`);
  const norm = raw / magnitude;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  const first = Math.floor(lo / step + 1e-9), last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(tidy(k * step));
  const min = Math.min(ticks[0], lo), max = Math.max(ticks[ticks.length - 1], hi);
  return { min, max, ticks: ticks.filter((t, i) => i === 0 || t > ticks[i - 1]) };
}

/**
 * Ticks for a logarithmic axis over the positive values `[lo, hi]`: the range is widened to
 * whole decades and the ticks are powers of ten (every `k`-th decade when there are more
 * than 8), with 2 and 5 times them when the range spans at most two decades.
 *
 * @param lo The smallest value, > 0.
 * @param hi The largest value.
 * @returns The axis: `0 < min < max`, ticks increasing, all finite.
 *
 * @example From 1e-4 to 2: ticks at 1e-4, 1e-3, ..., 10
 * ```ts
 * import assert from "node:assert/strict";
 * import { logAxis } from "cyclical-lr/plot";
 * assert.deepEqual(logAxis(1e-4, 2).ticks, [1e-4, 1e-3, 1e-2, 0.1, 1, 10]);
 * ```
 */
export function logAxis(lo: number, hi: number): Axis {
  if (!(lo > 0) || !Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) {
    return { min: 1, max: 10, ticks: [1, 10] };
  }
  const first = decimalExponent(lo);
  let last = decimalExponent(hi);
  if (parseFloat(`1e${last}`) < hi) last++;
  if (last <= first) last = first + 1;
  const stride = Math.ceil((last - first) / 8);
  last = first + stride * Math.ceil((last - first) / stride);
  const ticks: number[] = [];
  for (let e = first; e <= last; e += stride) {
    ticks.push(parseFloat(`1e${e}`));
    if (last - first <= 2 && e < last) ticks.push(parseFloat(`2e${e}`), parseFloat(`5e${e}`));
  }
  const min = parseFloat(`1e${first}`), max = parseFloat(`1e${last}`);
  if (!(min > 0) || !Number.isFinite(max)) return { min: lo, max: hi > lo ? hi : lo * 10, ticks: [lo] };
  return { min, max, ticks };
}

/**
 * A tick label: plain decimals from 0.001 to 99,999, else `1e-4`, `2.5e6`.
 *
 * @param v A finite number.
 * @returns A short label.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTick } from "cyclical-lr/plot";
 * assert.deepEqual([0.0001, 0.25, 1500, 2.5e6].map((v) => formatTick(v)), ["1e-4", "0.25", "1500", "2.5e6"]);
 * ```
 */
export function formatTick(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? "0" : String(v);
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return Number(v.toPrecision(4)).toExponential().replace("e+", "e");
  return String(Number(v.toPrecision(6)));
}
