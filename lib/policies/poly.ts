import type { Policy } from "../types.ts";
import { type FieldsOf, GROUPS, positive } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { pow } from "../_math/mod.ts";
import { kFraction } from "./_k_decay.ts";
import { TIMM_CYCLE_FIELDS, type TimmCycleOptions, timmSchedule } from "./_timm.ts";

/** Options of {@link poly}: timm's `PolyLRScheduler` arguments, camelCased, checked by {@link POLY}. */
export interface PolyOptions extends TimmCycleOptions {
  /** The power of the polynomial (timm's `power`), finite and > 0. */
  readonly power?: number;
  /** timm's `k_decay`: the polynomial runs on `(a / L)^k`, finite and > 0 (1: plain poly). */
  readonly kDecay?: number;
}

/** The fields of {@link POLY}, one per option of {@link PolyOptions}. */
export type PolyFields = FieldsOf<PolyOptions, "groups">;

/**
 * The options table of {@link poly} and of the `poly` config: timm's `PolyLRScheduler`
 * arguments, camelCased, with its defaults.
 *
 * @example timm's defaults: a square root, one cycle
 * ```ts
 * import assert from "node:assert/strict";
 * import { POLY } from "cyclical-lr";
 * const v = POLY.read({ baseLr: 0.1, tInitial: 100 });
 * assert.deepEqual([v.power, v.kDecay, v.cycleLimit], [0.5, 1, 1]);
 * ```
 */
export const POLY: PolicyTable<PolyFields> = policyTable("poly", "poly", {
  ...TIMM_CYCLE_FIELDS,
  power: positive.default(0.5),
  kDecay: positive.default(1),
  groups: GROUPS,
});

/**
 * timm's `PolyLRScheduler`: polynomial decay with k-decay, restarts, a decay per cycle and a
 * warm-up (the "poly" policy of DeepLab, `(1 - t / T)^power`, cycled). In a cycle of length
 * `L` with `a` iterations done, `lr = lrMin + (lrMax - lrMin) * (1 - a^k / L^k)^power`,
 * timm's expression operation for operation (`k = kDecay`, Zhang and Li's k-decay: above 1
 * the rate stays high longer). Cycle `i` lasts `tInitial * cycleMul^i` iterations and
 * peaks at `lrMax = baseLr * cycleDecay^i`; from cycle `cycleLimit` on (default 1) the rate
 * is `lrMin`. The warm-up (`warmupT`, `warmupLrInit`, `warmupPrefix`) ramps linearly to
 * `baseLr`; without `warmupPrefix` (timm's default) it replaces the first `warmupT`
 * iterations, and the rate then jumps from near `baseLr` to the polynomial's value at
 * `warmupT` (timm's quirk, kept: its cosine does the same, its tanh ramps to the schedule).
 *
 * With `cycleLimit > 1` this is timm's cycling polynomial: every cycle restarts at its
 * decayed peak (unlike Keras' `PolynomialDecay(cycle=True)`, see `polynomialDecay`, which
 * stretches the decay instead). `t` is the number timm's `step_update` receives. Where
 * `L^k` passes 1e308 (timm raises `OverflowError`) the quotient is raised instead. Matches
 * timm's `_get_lr` to 1e-12 relative (plus 1e-14 of the largest rate) away from the restart
 * iterations that timm's `log` misfiles.
 *
 * @param options The `poly` config fields ({@link POLY}); `baseLr` and `tInitial` are required.
 * @returns The policy (no momentum); its config is recorded for encoding.
 * @throws {TypeError} If a field has the wrong type (a missing `baseLr` included) or is unknown.
 * @throws {RangeError} If a field is out of range (the message names the field and value).
 *
 * @example timm's test: power 1 from 0.1 reaches lrMin at tInitial
 * ```ts
 * import assert from "node:assert/strict";
 * import { poly } from "cyclical-lr";
 * const { lr } = poly({ baseLr: 0.1, tInitial: 100, lrMin: 0.001, power: 1 });
 * assert.equal(lr(0)[0], 0.1);
 * assert.ok(Math.abs(lr(50)[0] - 0.0505) < 1e-15);
 * assert.equal(lr(100)[0], 0.001);
 * ```
 * @example Three cycles of 10, each peak half the last
 * ```ts
 * import assert from "node:assert/strict";
 * import { poly } from "cyclical-lr";
 * const { lr } = poly({ baseLr: 0.8, tInitial: 10, cycleLimit: 3, cycleDecay: 0.5 });
 * assert.deepEqual([0, 10, 20, 30].map((t) => lr(t)[0]), [0.8, 0.4, 0.2, 0]);
 * ```
 * @see {@link https://arxiv.org/abs/2004.05909 | Zhang and Li, k-decay, 2020}
 * @see {@link https://github.com/huggingface/pytorch-image-models/blob/main/timm/scheduler/poly_lr.py | timm PolyLRScheduler}
 */
export function poly(options: PolyOptions): Policy {
  const o = POLY.read(options);
  const { power, kDecay: k } = o;
  const lr = timmSchedule(o, {
    // timm: (1 - t_curr ** k / t_i ** k) ** power
    factor: (a, b) => pow(1 - kFraction(a, b, k), power),
    half: false,
    overlayTarget: "baseLr",
  });
  return POLY.make(o, lr);
}
