/**
 * What the loss rules of {@link suggestBounds} and {@link suggestRate} share: a series cut at
 * its first bad point, the noise estimate, the trimmed window of the smoothed loss and its
 * lowest point, and the warning for a smoothing that lags far behind the ramp.
 *
 * @module
 */

import { smoothEma } from "./smoothing.ts";
import { invalid } from "../options/_errors.ts";
import type { Kind } from "../options/_kinds.ts";
import { throwErrors } from "../options/_errors.ts";
import { pow } from "../_math/mod.ts";
import type { CurveInput, SeriesInput, SuggestionCurve } from "./suggest_bounds.ts";

/** The checked options of the loss rules. */
export interface LossSettings {
  beta: number;
  skipStart?: number;
  skipEnd: number;
}

/** The checked options of every rule. */
export interface Settings extends LossSettings {
  accuracyBeta: number;
  riseFrom: number;
  riseTo: number;
  ratio: number;
}

/** A series up to its first bad point. */
export interface Clean {
  lrs: number[];
  raw: number[];
  iterations: number[];
  note: string;
}

/** A number with three significant digits, as the reasons print it. */
export const fmt = (x: number): string => Number(x.toPrecision(3)).toString();

/** The points up to the first bad one (non-finite value, rate not positive or not increasing). */
export function clean(series: SeriesInput | undefined): Clean {
  const out: Clean = { lrs: [], raw: [], iterations: [], note: "" };
  if (typeof series !== "object" || series === null) return out;
  const lrs: unknown = series.lrs, raw: unknown = series.raw, its: unknown = series.iterations;
  if (!Array.isArray(lrs) || !Array.isArray(raw)) return out;
  const useIts = Array.isArray(its) && its.length === raw.length;
  const n = Math.min(lrs.length, raw.length);
  for (let i = 0; i < n; i++) {
    const lr: unknown = lrs[i], x: unknown = raw[i];
    const t: unknown = useIts ? its[i] : i;
    const prevLr = out.lrs[out.lrs.length - 1], prevT = out.iterations[out.iterations.length - 1];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      out.note = `; cut at point ${i}, whose value is ${String(x)}`;
      break;
    }
    if (typeof lr !== "number" || !Number.isFinite(lr) || lr <= 0 || (i > 0 && !(lr > prevLr))) {
      out.note = `; cut at point ${i}, whose rate ${String(lr)} is not positive and increasing`;
      break;
    }
    const at = typeof t === "number" && Number.isSafeInteger(t) && t >= 0 && (i === 0 || t > prevT)
      ? t
      : i === 0
      ? 0
      : prevT + 1;
    out.lrs.push(lr), out.raw.push(x), out.iterations.push(at);
  }
  if (n < Math.max(lrs.length, raw.length) && out.note === "") out.note = "; lrs and raw differ in length";
  return out;
}

/**
 * The noise of raw values: the median absolute second difference divided by 1.65 (for
 * independent noise of deviation sigma, |x[i+1] - 2 x[i] + x[i-1]| has median
 * 0.6745 * sqrt(6) * sigma). A smooth trend, even a steep one, adds almost nothing, and a
 * jump between two points touches only two of the differences.
 */
export function noiseScale(raw: readonly number[]): number {
  const d: number[] = [];
  for (let i = 1; i + 1 < raw.length; i++) d.push(Math.abs(raw[i + 1] - 2 * raw[i] + raw[i - 1]));
  if (d.length === 0) return 0;
  d.sort((a, b) => a - b);
  const h = d.length >> 1;
  return (d.length % 2 ? d[h] : (d[h - 1] + d[h]) / 2) / 1.65;
}

/**
 * The share of independent noise's variance left at index `i` of a bias-corrected
 * exponential average with factor `beta` (the sum of the squared weights): 1 at the first
 * point, falling to `(1 - beta) / (1 + beta)`. The first points of a smoothed curve are
 * almost raw, so a difference that involves them needs a larger rise to be real.
 */
export function varianceLeft(beta: number, i: number): number {
  if (beta === 0) return 1;
  const b = pow(beta, i + 1);
  return ((1 - beta) / (1 + beta)) * ((1 + b) / (1 - b));
}

/** The fewest points a rule reads. */
export const MIN_POINTS = 4;
/** A change smaller than this share of the values is rounding (a smoothed constant wobbles). */
export const ROUNDING = 1e-9;

/** What the loss rules read: the trimmed window of the smoothed loss and its lowest point. */
export interface LossWindow {
  readonly c: Clean;
  readonly curve: SuggestionCurve;
  /** The smoothed loss in the window. */
  readonly w: readonly number[];
  /** The rates in the window. */
  readonly lrs: readonly number[];
  /** The window's lowest point, and its highest point before that. */
  readonly lo: number;
  readonly hi: number;
  /** Warnings about the reading (a smoothing that lags far behind the ramp). */
  readonly warnings: readonly string[];
}

/** Share of the test's iterations that the smoothing may lag before a loss rule warns. */
const LAG_SHARE = 0.05;

/**
 * The warning for a smoothing whose lag `beta / (1 - beta)` (in iterations) is more than
 * {@link LAG_SHARE} of the iterations the curve spans: every feature of the causal average
 * arrives that much later, at a higher rate. Measured against the unsmoothed reading of a
 * noiseless curve over 1e-4 … 2 (exponential ramp; test/suggest_rate_test.ts): at 0.98 over
 * 100 iterations (a lag of 49 % of the test) valley moved 1.65x, minimum and suggestRate
 * 2.5x, steep 3x; over 981 iterations (5 %, no warning) 1.1x, 1.2x and 1.5x.
 */
export function lagWarning(beta: number, span: number): string | undefined {
  const lag = beta / (1 - beta);
  if (!(span > 0) || lag <= LAG_SHARE * span) return undefined;
  const most = LAG_SHARE * span, smallBeta = Math.floor((most / (most + 1)) * 1000) / 1000;
  const needed = Math.ceil(lag / LAG_SHARE) + 1;
  return `the smoothing (beta ${fmt(beta)}) lags ${fmt(lag)} iterations behind the ramp, ${
    fmt(100 * lag / span)
  } % of the test's ${span}: the smoothed loss reaches each rate late, which moves a loss rule's rate ` +
    `(up to 3x at 0.98 over 100 iterations); smooth less (beta <= ${smallBeta}) or test over at least ${needed} iterations`;
}

/** Reads the loss window of a curve, or says why there is none. */
export function readLoss(input: CurveInput, s: LossSettings): LossWindow | { failed: string; curve: SuggestionCurve } {
  const c = clean(input.loss);
  const n = c.raw.length;
  const smoothed = n === 0 ? [] : smoothEma(c.raw, { beta: s.beta, iterations: c.iterations });
  const curve: SuggestionCurve = { metric: "loss", lrs: c.lrs, raw: c.raw, smoothed };
  if (input.loss === undefined) return { failed: "the curve has no loss", curve };
  const start = s.skipStart ?? Math.floor(n / 10), end = n - s.skipEnd;
  if (end - start < MIN_POINTS) {
    return {
      failed: `too short: ${n} usable points, ${
        Math.max(0, end - start)
      } after skipping ${start} at the start and ${s.skipEnd} at the end, need ${MIN_POINTS}${c.note}`,
      curve,
    };
  }
  const w = smoothed.slice(start, end), lrs = c.lrs.slice(start, end);
  let lo = 0, hi = 0;
  for (let i = 1; i < w.length; i++) {
    if (w[i] < w[lo]) lo = i;
  }
  for (let i = 1; i <= lo; i++) if (w[i] > w[hi]) hi = i;
  // The loss is smoothed forwards only: the noise left in a difference of two smoothed values
  // depends on how many points each has averaged (see varianceLeft).
  const left = varianceLeft(s.beta, start + hi) + varianceLeft(s.beta, start + lo);
  const drop = w[hi] - w[lo], noise = noiseScale(c.raw.slice(start, end)) * Math.min(1, Math.sqrt(left));
  if (!(drop > ROUNDING * Math.max(Math.abs(w[hi]), Math.abs(w[lo])) && drop >= 3 * noise)) {
    return {
      failed: `the loss does not fall: it drops by ${fmt(drop)}, within three times the noise of its smoothed values (${
        fmt(noise)
      })${c.note}`,
      curve,
    };
  }
  const lag = lagWarning(s.beta, c.iterations[n - 1] - c.iterations[0]);
  return { c, curve, w, lrs, lo, hi, warnings: lag === undefined ? [] : [lag] };
}

/** A reason with its warnings appended, and the warnings field when there are any. */
export function withWarnings<T extends { reason: string }>(
  result: T,
  warnings: readonly string[],
): T & { warnings?: readonly string[] } {
  if (warnings.length === 0) return result;
  return { ...result, reason: `${result.reason}; beware: ${warnings.join("; ")}`, warnings };
}

/**
 * A setting that a curve records (`settings.beta`, `settings.scheduleFree`) and an option
 * may override: the option when it was given, else the curve's (checked, and named
 * `curve.settings.<key>` when bad), else the table's default.
 *
 * @param option The option as given (`undefined`: not given).
 * @param curve The curve.
 * @param key The setting.
 * @param kind What the setting holds.
 * @param value The option's value after its table (the default when it was not given).
 * @returns The value to use.
 */
export function settingOf<T>(
  option: unknown,
  curve: CurveInput,
  key: "beta" | "scheduleFree",
  kind: Kind<T>,
  value: T,
): T {
  if (option !== undefined) return value;
  const settings: unknown = curve.settings;
  const recorded: unknown = typeof settings === "object" && settings !== null ? Reflect.get(settings, key) : undefined;
  if (recorded === undefined) return value;
  if (!kind.is(recorded)) throwErrors([invalid(["curve", "settings", key], kind.phrase, recorded)]);
  return recorded;
}
