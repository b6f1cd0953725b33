/**
 * The options of greedy, HF's `GreedyLR` (Subramanian et al., 2025): its fields, ranges and
 * defaults, written once.
 *
 * @module
 */
import type { PerGroup } from "../types.ts";
import { bool, type FieldsOf, nonNegativeInt, oneOf, perGroupRate, positiveInt, rate } from "../options/_kinds.ts";
import type { OptionError } from "../options/_errors.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { openFraction } from "./plateau_options.ts";

/**
 * Options of {@link greedy} (and the fields of the `greedy` config beside `schedule`),
 * checked by {@link GREEDY}: HF's `GreedyLR` arguments, camelCased, with its defaults.
 */
export interface GreedyOptions {
  /** `"min"`: lower metrics are better (a loss); `"max"`: higher are (an accuracy). */
  readonly mode?: "min" | "max";
  /** A reduction multiplies a group's rate by `factor`, an increase divides it by `factor`; in (0, 1). */
  readonly factor?: number;
  /** Observations tolerated: more than `patience` improving ones in a row increase the rate, more than `patience` others reduce it. A non-negative integer. */
  readonly patience?: number;
  /** How much better than the best a metric must be to count as an improvement, a finite number >= 0. */
  readonly threshold?: number;
  /** `"rel"`: better than `best * (1 ∓ threshold)`; `"abs"`: better than `best ∓ threshold`. */
  readonly thresholdMode?: "rel" | "abs";
  /** Observations after a reduction during which none is counted, a non-negative integer. */
  readonly cooldown?: number;
  /** Observations after an increase during which none is counted (HF's `warmup`), a non-negative integer. */
  readonly warmup?: number;
  /** The lowest rate a reduction takes a group to, per group (a finite number >= 0, at most `maxLr`). */
  readonly minLr?: PerGroup;
  /** The highest rate an increase takes a group to, per group (a finite number >= 0). */
  readonly maxLr?: PerGroup;
  /** A change of a group's rate by `eps` or less is not made, a finite number >= 0. */
  readonly eps?: number;
  /** Whether the metric is first averaged over the last `windowSize` observations. */
  readonly smooth?: boolean;
  /** How many observations the average of `smooth` takes, a positive integer. */
  readonly windowSize?: number;
  /** Reductions that find every group at its `minLr` before the state resets to the schedule's own rates, a non-negative integer. */
  readonly resetStart?: number;
}

/** `minLr` above `maxLr` in a group: a reduction would then raise the rate past its ceiling. */
function boundErrors(
  values: { readonly minLr?: readonly number[]; readonly maxLr?: readonly number[] },
): OptionError[] {
  const { minLr, maxLr } = values;
  if (minLr === undefined || maxLr === undefined) return [];
  const n = Math.max(minLr.length, maxLr.length);
  for (let g = 0; g < n; g++) {
    const lo = minLr[minLr.length === 1 ? 0 : g], hi = maxLr[maxLr.length === 1 ? 0 : g];
    if (lo !== undefined && hi !== undefined && lo > hi) {
      return [{
        path: minLr.length === 1 ? ["minLr"] : ["minLr", g],
        message: `expected at most maxLr (${hi}${n > 1 ? `, group ${g}` : ""}), got ${lo}`,
        range: true,
      }];
    }
  }
  return [];
}

/**
 * The options table of {@link greedy} and of the `greedy` config, beside its child config
 * (`schedule`). Defaults are HF's `GreedyLR`'s; `minLr` above `maxLr` is refused (HF takes it).
 *
 * @example HF's defaults, and a PyTorch spelling
 * ```ts
 * import assert from "node:assert/strict";
 * import { GREEDY } from "cyclical-lr";
 * const o = GREEDY.read({});
 * assert.deepEqual([o.factor, o.patience, o.minLr, o.maxLr, o.resetStart], [0.95, 10, [0.001], [1], 500]);
 * assert.throws(() => GREEDY.read({ min_lr: 0.01 }), { message: "min_lr: unknown option of greedy; did you mean minLr?" });
 * ```
 */
export const GREEDY: OptionsTable<FieldsOf<GreedyOptions>> = optionsTable("greedy", {
  mode: oneOf(["min", "max"]).default("min"),
  factor: openFraction.default(0.95),
  patience: nonNegativeInt.default(10),
  threshold: rate.default(1e-6),
  thresholdMode: oneOf(["rel", "abs"]).default("abs"),
  cooldown: nonNegativeInt.default(0),
  warmup: nonNegativeInt.default(0),
  minLr: perGroupRate.default(1e-3),
  maxLr: perGroupRate.default(1),
  eps: rate.default(1e-8),
  smooth: bool.default(false),
  windowSize: positiveInt.default(50),
  resetStart: nonNegativeInt.default(500),
}, {
  rules: [(values) => boundErrors(values)],
});
