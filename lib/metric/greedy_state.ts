/**
 * The state of greedy (HF's `GreedyLR`) as plain JSON, and its step: `GreedyLR.step`
 * transcribed operation for operation, acting on each group's rate at the iteration the
 * decision takes effect.
 *
 * @module
 */
import { describeValue } from "../_check.ts";
import { saturate } from "../_saturate.ts";
import { fromJsonNumber, toJsonNumber } from "./plateau_reducer.ts";
import { isJsonNumber, JSON_NUMBER, type JsonNumber, stateFields } from "./_state_fields.ts";
import type { GreedyOptions } from "./greedy_options.ts";

/**
 * A group's rate as greedy last set it: `[rate, base]`, the rate it gave the group and the
 * schedule's value then. From there the group follows the schedule's shape,
 * `rate * (schedule(t) / base)`; `null`: the schedule's own rate (before any change, or
 * after a reset).
 */
export type GreedyRate = readonly [rate: number, base: number] | null;

/**
 * What greedy remembers, as plain JSON (non-finite numbers as strings, as a plateau's): the
 * counters of HF's `GreedyLR`, its streaming average and each group's rate.
 */
export type GreedyState = {
  /** The iteration after which the last metric was observed; -1 before the first. */
  readonly iteration: number;
  /** The best (smoothed) metric so far: ±Infinity before the first. */
  readonly best: JsonNumber;
  /** Improving observations in a row (HF's `num_good_epochs`). */
  readonly good: number;
  /** Observations without improvement in a row (HF's `num_bad_epochs`). */
  readonly bad: number;
  /** Observations of cooldown left (after a reduction). */
  readonly cooldown: number;
  /** Observations of warm-up left (after an increase). */
  readonly warmup: number;
  /** Reductions at every group's `minLr` still to go before a reset (HF's `reset_start`). */
  readonly resetLeft: number;
  /** The metrics of the streaming average, oldest first (empty unless `smooth`). */
  readonly window: readonly JsonNumber[];
  /** Their running sum, as HF keeps it. */
  readonly sum: JsonNumber;
  /** Each group's rate, as greedy last set it. */
  readonly rates: readonly GreedyRate[];
  /** Increases so far. */
  readonly increases: number;
  /** Reductions so far. */
  readonly reductions: number;
  /** Resets so far. */
  readonly resets: number;
};

/** A greedy rule, resolved: every option with its value, `minLr` and `maxLr` one per group. */
export type GreedyRule =
  & Readonly<Required<Omit<GreedyOptions, "minLr" | "maxLr">>>
  & { readonly minLr: readonly number[]; readonly maxLr: readonly number[] };

/**
 * The state before any observation.
 * @internal
 */
export function initialGreedyState(rule: GreedyRule, groups: number): GreedyState {
  return {
    iteration: -1,
    best: toJsonNumber(rule.mode === "min" ? Infinity : -Infinity),
    good: 0,
    bad: 0,
    cooldown: 0,
    warmup: 0,
    resetLeft: rule.resetStart,
    window: [],
    sum: 0,
    rates: new Array<GreedyRate>(groups).fill(null),
    increases: 0,
    reductions: 0,
    resets: 0,
  };
}

/**
 * A group's rate under `r` where the schedule gives `v`: the rate set, moved as the schedule
 * moved since (exactly the rate set while the schedule is where it was).
 * @internal
 */
export function rateOf(r: GreedyRate, v: number): number {
  if (r === null) return v;
  const [rate, base] = r;
  return rate === 0 ? 0 : saturate(rate * (v / base));
}

/** HF's `is_better`, operation for operation. */
function isBetter(rule: GreedyRule, current: number, best: number): boolean {
  if (rule.mode === "min") {
    return rule.thresholdMode === "rel" ? current < best * (1.0 - rule.threshold) : current < best - rule.threshold;
  }
  return rule.thresholdMode === "rel" ? current > best * (1.0 + rule.threshold) : current > best + rule.threshold;
}

/**
 * The state after one more metric: HF's `GreedyLR.step`, with `values` the schedule's rates
 * at the iteration the decision takes effect (each group's current rate is read there).
 * @internal
 */
export function greedyStep(
  rule: GreedyRule,
  s: GreedyState,
  metric: number,
  values: readonly number[],
): GreedyState {
  let current = metric;
  let window = s.window, sum = fromJsonNumber(s.sum);
  if (rule.smooth) {
    // StreamingAverage.streamavg: append, add, drop the oldest past the window, average.
    const next = [...window, toJsonNumber(metric)];
    // The sum as HF keeps it; a -0 metric held as 0 adds the same (the sum starts at +0).
    sum += metric;
    if (next.length > rule.windowSize) sum -= fromJsonNumber(next.shift() ?? 0);
    window = next;
    current = sum / next.length;
  }
  let best = fromJsonNumber(s.best), good = s.good, bad = s.bad, cooldown = s.cooldown, warmup = s.warmup;
  let resetLeft = s.resetLeft, rates = s.rates;
  let { increases, reductions, resets } = s;
  if (cooldown > 0) {
    cooldown -= 1;
    bad = 0;
    good = 0;
  } else if (warmup > 0) {
    warmup -= 1;
    bad = 0;
    good = 0;
  } else {
    if (isBetter(rule, current, best)) {
      best = current;
      bad = 0;
      good += 1;
    } else {
      bad += 1;
      good = 0;
    }
    if (good > rule.patience) {
      // _increase_lr: min(old / factor, maxLr), made when it changes the rate by more than eps.
      rates = rates.map((r, g) => {
        const old = rateOf(r, values[g]);
        const candidate = old / rule.factor;
        const next = candidate < rule.maxLr[g] ? candidate : rule.maxLr[g]; // Python's min(candidate, maxLr)
        return next - old > rule.eps ? [next, values[g]] : r;
      });
      increases += 1;
      resetLeft = rule.resetStart;
      warmup = rule.warmup;
      good = 0;
    } else if (bad > rule.patience) {
      // _reduce_lr: max(old * factor, minLr), made when it changes the rate by more than eps.
      let allAtMin = true;
      rates = rates.map((r, g) => {
        const old = rateOf(r, values[g]);
        const candidate = old * rule.factor;
        const next = rule.minLr[g] > candidate ? rule.minLr[g] : candidate; // Python's max(candidate, minLr)
        const made: GreedyRate = old - next > rule.eps ? [next, values[g]] : r;
        if ((made === r ? old : next) > rule.minLr[g]) allAtMin = false;
        return made;
      });
      reductions += 1;
      if (allAtMin) {
        resetLeft -= 1;
        if (resetLeft <= 0) {
          // _reset: the schedule's own rates, the counters and the average as at the start.
          rates = rates.map(() => null);
          best = rule.mode === "min" ? Infinity : -Infinity;
          good = 0;
          warmup = 0;
          resetLeft = rule.resetStart;
          if (rule.smooth) window = [], sum = 0;
          resets += 1;
        }
      }
      cooldown = rule.cooldown;
      bad = 0;
    }
  }
  return {
    iteration: s.iteration,
    best: toJsonNumber(best),
    good,
    bad,
    cooldown,
    warmup,
    resetLeft,
    window,
    sum: toJsonNumber(sum),
    rates,
    increases,
    reductions,
    resets,
  };
}

const KEYS: readonly string[] = [
  "iteration",
  "best",
  "good",
  "bad",
  "cooldown",
  "warmup",
  "resetLeft",
  "window",
  "sum",
  "rates",
  "increases",
  "reductions",
  "resets",
];

/**
 * Checks a greedy state read back from JSON, for a rule and a group count.
 *
 * @returns A copy, with its keys in order.
 * @throws {TypeError | RangeError} Naming the first bad field (`state.rates[1][1]: …`).
 * @internal
 */
export function readGreedyState(
  value: unknown,
  rule: GreedyRule,
  groups: number,
  path: readonly (string | number)[] = ["state"],
): GreedyState {
  const f = stateFields(value, path, "a greedy state", KEYS);
  f.refuseUnknown();
  const { at, get, int, num } = f;
  const iteration = f.iteration();
  const window = get("window");
  if (!Array.isArray(window) || window.length > (rule.smooth ? rule.windowSize : 0)) {
    throw new TypeError(
      `${at("window")}: expected an array of at most ${rule.smooth ? rule.windowSize : 0} metrics, got ${
        describeValue(window)
      }`,
    );
  }
  window.forEach((v: unknown, i) => {
    if (!isJsonNumber(v)) throw new TypeError(`${at("window", i)}: expected ${JSON_NUMBER}, got ${describeValue(v)}`);
  });
  const rates = get("rates");
  if (!Array.isArray(rates) || rates.length !== groups) {
    throw new TypeError(
      `${at("rates")}: expected an array of ${groups} rates (one per group), got ${describeValue(rates)}`,
    );
  }
  const read: GreedyRate[] = rates.map((r: unknown, g): GreedyRate => {
    if (r === null) return null;
    const ok = Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[1] !== 0;
    if (!ok) {
      throw new TypeError(
        `${at("rates", g)}: expected null or [rate, base] (finite numbers, base not 0), got ${describeValue(r)}`,
      );
    }
    return [r[0], r[1]];
  });
  return {
    iteration,
    best: num("best"),
    good: int("good"),
    bad: int("bad"),
    cooldown: int("cooldown"),
    warmup: int("warmup"),
    resetLeft: int("resetLeft"),
    window: window as JsonNumber[],
    sum: num("sum"),
    rates: read,
    increases: int("increases"),
    reductions: int("reductions"),
    resets: int("resets"),
  };
}
