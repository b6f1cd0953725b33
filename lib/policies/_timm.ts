/**
 * Internal: what timm's cycle-based schedulers share (`TanhLRScheduler`, `PolyLRScheduler`;
 * `CosineLRScheduler` is `cosineRestarts`): the fields of cycles, restarts, decay per cycle,
 * a cycle limit and a warm-up, with timm's names and defaults, and the schedule that runs a
 * per-cycle shape through them exactly as timm's `_get_lr` does.
 *
 * @module
 */
import type { PerGroup, Schedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import {
  atLeastOne,
  bool,
  type FieldsOf,
  gamma,
  nonNegativeInt,
  perGroupRate,
  positiveInt,
} from "../options/_kinds.ts";
import { withScalars } from "../schedule/scalars.ts";
import { powWithBase } from "../_math/mod.ts";
import { cycles } from "./cosine_restarts.ts";

/** The options every timm cycle scheduler takes, camelCased, with timm's defaults. */
export interface TimmCycleOptions {
  /** The rate at the start of the first cycle, per group (timm reads it from the optimizer: `base_values`). */
  readonly baseLr: PerGroup;
  /** Length of the first cycle in iterations (timm's `t_initial`), a positive safe integer. */
  readonly tInitial: number;
  /** The rate at the end of every cycle and after the last one (timm's `lr_min`), per group. */
  readonly lrMin?: PerGroup;
  /** Growth of the cycle length per restart (timm's `cycle_mul`), finite and >= 1. */
  readonly cycleMul?: number;
  /** Factor of the peak at every restart (timm's `cycle_decay`), in (0, 1]. */
  readonly cycleDecay?: number;
  /** Number of cycles before the rate stays `lrMin` (timm's `cycle_limit`), a non-negative safe integer. */
  readonly cycleLimit?: number;
  /** Iterations of linear warm-up (timm's `warmup_t`), a non-negative safe integer. */
  readonly warmupT?: number;
  /** The rate at iteration 0 when there is a warm-up (timm's `warmup_lr_init`), per group. */
  readonly warmupLrInit?: PerGroup;
  /** Whether the cycles start after the warm-up (true) or run from 0 under it (timm's `warmup_prefix`). */
  readonly warmupPrefix?: boolean;
  /** Number of groups, when every per-group value is a number. */
  readonly groups?: number;
}

/** The fields of {@link TimmCycleOptions}, for the tables of `tanhDecay` and `poly`. */
export const TIMM_CYCLE_FIELDS: FieldsOf<Omit<TimmCycleOptions, "groups">> = {
  baseLr: perGroupRate.required(),
  tInitial: positiveInt.required(),
  lrMin: perGroupRate.default(0),
  cycleMul: atLeastOne.default(1),
  cycleDecay: gamma.default(1),
  cycleLimit: nonNegativeInt.default(1),
  warmupT: nonNegativeInt.default(0),
  warmupLrInit: perGroupRate.default(0),
  warmupPrefix: bool.default(false),
};

/** The checked values of {@link TimmCycleOptions}: per-group fields as arrays of `groups` numbers. */
export interface TimmCycleValues {
  readonly baseLr: readonly number[];
  readonly tInitial: number;
  readonly lrMin: readonly number[];
  readonly cycleMul: number;
  readonly cycleDecay: number;
  readonly cycleLimit: number;
  readonly warmupT: number;
  readonly warmupLrInit: readonly number[];
  readonly warmupPrefix: boolean;
  readonly groups: number;
}

/**
 * A timm shape: `lr = lrMin + (lrMax - lrMin) * factor` (`half` false, timm's poly) or
 * `lr = lrMin + 0.5 * (lrMax - lrMin) * factor` (`half` true, timm's cosine and tanh), where
 * `factor` depends on the iterations into the cycle `a` and the cycle's length `b` only.
 */
export interface TimmShape {
  /** The shape's factor at `a` iterations into a cycle of length `b` (`0 <= a < b`, `b >= 1`). */
  readonly factor: (a: number, b: number) => number;
  /** Whether the factor is halved first, as timm's cosine and tanh write it. */
  readonly half: boolean;
  /**
   * Where the warm-up ramps to without `warmupPrefix`: to `baseLr` (cosine, poly) or to the
   * schedule's own value at `warmupT` (tanh). With `warmupPrefix` every shape ramps to `baseLr`.
   */
  readonly overlayTarget: "baseLr" | "schedule";
}

/**
 * timm's `_get_lr` of a cycle scheduler, as a schedule: at iteration `t`,
 *
 * * `t < warmupT`: `warmupLrInit + t * (target - warmupLrInit) / warmupT`, where `target` is
 *   `baseLr`, or, for a shape whose overlay targets the schedule and no prefix, the value at
 *   `warmupT`;
 * * otherwise, with `u = t - warmupT` (prefix) or `u = t`, the cycle `i` of `u`, the
 *   iterations `a` into it and its length `b` (cycle `i` has length `tInitial * cycleMul^i`;
 *   the starts are exact, see `restartCycles`), `lrMax = baseLr * cycleDecay^i` and the
 *   shape's value, or `lrMin` once `i >= cycleLimit`.
 *
 * @internal
 */
export function timmSchedule(o: TimmCycleValues, shape: TimmShape): Schedule {
  const { baseLr, lrMin, cycleDecay, cycleLimit, warmupT: w, warmupLrInit, warmupPrefix, groups } = o;
  const { locate } = cycles({ t0: o.tInitial, tMult: o.cycleMul });
  const decayTo = powWithBase(cycleDecay);
  const { factor, half } = shape;

  // Where t is in its cycle: done (past cycleLimit), or the peak's decay and the shape's
  // factor. One object, reused: the answer depends on t only.
  const at = { done: false, decay: 1, f: 0 };
  const frame = (t: number) => {
    const u = warmupPrefix ? t - w : t;
    const { n, s, len } = locate(u);
    at.done = n >= cycleLimit;
    if (!at.done) {
      at.decay = cycleDecay === 1 ? 1 : decayTo(n);
      at.f = factor(u - s, len);
    }
    return at;
  };
  // timm's `lr_min + 0.5 * (lr_max - lr_min) * f` and `lr_min + (lr_max - lr_min) * f`,
  // with lr_max = base * gamma; the difference of two finite rates >= 0 never overflows.
  const value = (c: typeof at, g: number): number => {
    if (c.done) return lrMin[g];
    const lrMax = baseLr[g] * c.decay;
    return half ? lrMin[g] + 0.5 * (lrMax - lrMin[g]) * c.f : lrMin[g] + (lrMax - lrMin[g]) * c.f;
  };

  const target = shape.overlayTarget === "schedule" && !warmupPrefix && w > 0
    ? baseLr.map((_, g) => value(frame(w), g))
    : baseLr;
  // timm's warmup_steps: (v - warmup_lr_init) / warmup_t
  const slope = target.map((v, g) => (w > 0 ? (v - warmupLrInit[g]) / w : 0));

  const lr: Schedule = (t) => {
    checkIteration(t);
    const out = new Array<number>(groups);
    if (t < w) {
      for (let g = 0; g < groups; g++) out[g] = warmupLrInit[g] + t * slope[g];
    } else {
      const c = frame(t);
      for (let g = 0; g < groups; g++) out[g] = value(c, g);
    }
    return out;
  };
  return withScalars(
    lr,
    baseLr.map((_, g) => (t: number) => {
      checkIteration(t);
      return t < w ? warmupLrInit[g] + t * slope[g] : value(frame(t), g);
    }),
  );
}
