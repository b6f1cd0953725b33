/**
 * How the demo reads a seed's range test: the library's `suggestBounds`, with one written
 * fallback.
 *
 * @module
 */
import { type BoundsSuggestion, type RangeTestCurve, suggestBounds, type SuggestBoundsOptions } from "../range_test.ts";

/** A range test of one seed with its suggestion. */
export interface SeedRange {
  readonly seed: number;
  readonly curve: RangeTestCurve;
  readonly suggestion: BoundsSuggestion;
  /** The options of `suggestBounds` that gave the suggestion. */
  readonly options: SuggestBoundsOptions;
  /** Why `suggestBounds` with its defaults gave no bounds, when a fallback was used. */
  readonly fallbackFrom?: string;
}

/**
 * The demo's reading of a range test: `suggestBounds` with its defaults (the paper's
 * accuracy rule, else fastai's valley); when that gives no bounds, valley again on the whole
 * loss curve (`skipStart: 0`: the linear ramp passes the steep first descent of the loss
 * in its first tenth, which the default skips).
 *
 * @param seed The seed.
 * @param curve Its range test.
 * @returns The suggestion used, the options that gave it, and the default's answer when it failed.
 */
export function suggestForDemo(seed: number, curve: RangeTestCurve): SeedRange {
  const first = suggestBounds(curve);
  if (first.ok) return { seed, curve, suggestion: first, options: {} };
  const options: SuggestBoundsOptions = { rule: "valley", skipStart: 0 };
  const second = suggestBounds(curve, options);
  return second.ok
    ? { seed, curve, suggestion: second, options, fallbackFrom: first.reason }
    : { seed, curve, suggestion: first, options: {} };
}
