import type { Policy } from "../types.ts";
import { type FieldsOf, finiteNumber, GROUPS } from "../options/_kinds.ts";
import { invalid } from "../options/_errors.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { tanh } from "../_math/mod.ts";
import { TIMM_CYCLE_FIELDS, type TimmCycleOptions, timmSchedule } from "./_timm.ts";

/** Options of {@link tanhDecay}: timm's `TanhLRScheduler` arguments, camelCased, checked by {@link TANH_DECAY}. */
export interface TanhDecayOptions extends TimmCycleOptions {
  /** The argument of tanh at the start of a cycle (timm's `lb`), finite and below `ub`. */
  readonly lb?: number;
  /** The argument of tanh at the end of a cycle (timm's `ub`), finite and above `lb`. */
  readonly ub?: number;
}

/** The fields of {@link TANH_DECAY}, one per option of {@link TanhDecayOptions}. */
export type TanhDecayFields = FieldsOf<TanhDecayOptions, "groups">;

/**
 * The options table of {@link tanhDecay} and of the `tanhDecay` config: timm's
 * `TanhLRScheduler` arguments, camelCased, with its defaults.
 *
 * @example timm's defaults, and lb below ub
 * ```ts
 * import assert from "node:assert/strict";
 * import { TANH_DECAY } from "cyclical-lr";
 * const v = TANH_DECAY.read({ baseLr: 0.1, tInitial: 100 });
 * assert.deepEqual([v.lb, v.ub, v.cycleLimit, v.cycleMul], [-7, 3, 1, 1]);
 * assert.throws(() => TANH_DECAY.read({ baseLr: 0.1, tInitial: 100, lb: 3 }), {
 *   message: "ub: expected a finite number above lb (3), got 3",
 * });
 * ```
 */
export const TANH_DECAY: PolicyTable<TanhDecayFields> = policyTable("tanhDecay", "tanhDecay", {
  ...TIMM_CYCLE_FIELDS,
  lb: finiteNumber.default(-7),
  ub: finiteNumber.default(3),
  groups: GROUPS,
}, {
  rules: [
    ({ lb, ub }) =>
      lb !== undefined && ub !== undefined && !(lb < ub)
        ? invalid(["ub"], `a finite number above lb (${lb})`, ub)
        : undefined,
  ],
});

/**
 * timm's `TanhLRScheduler`: hyperbolic-tangent decay with restarts (Hsueh et al. 2019). In
 * a cycle of length `L` with `a` iterations done, `tr = a / L` and
 * `lr = lrMin + 0.5 * (lrMax - lrMin) * (1 - tanh(lb * (1 - tr) + ub * tr))`, timm's
 * expression operation for operation: close to `lrMax` at the start (`tanh(-7)` is
 * `-0.99999834`) and falling to `lrMin + 0.0025 * (lrMax - lrMin)` at the end (`ub = 3`).
 * Cycle `i` lasts `tInitial * cycleMul^i` iterations and peaks at
 * `lrMax = baseLr * cycleDecay^i`; from cycle `cycleLimit` on (default 1: one decay, no
 * restart) the rate is `lrMin`. A warm-up of `warmupT` iterations ramps linearly from
 * `warmupLrInit`: with `warmupPrefix` the cycles start after it and it ramps to `baseLr`;
 * without (timm's default) it replaces the first `warmupT` iterations of the cycles and
 * ramps to their value at `warmupT`, so the seam is continuous (timm's tanh, unlike its
 * cosine and poly, ramps to `_get_lr(warmup_t)`).
 *
 * `t` is the number timm's `step_update(num_updates)` receives (`t_in_epochs=False`): one
 * iteration per optimizer update. For timm's per-epoch stepping, give `tInitial` and
 * `warmupT` in epochs and evaluate at the epoch. The cycle starts are exact (see
 * `restartCycles`), where timm's `log` can put an iteration on a restart into the cycle
 * before. Matches timm's `_get_lr` to 1e-12 relative (plus 1e-14 of the largest rate)
 * everywhere else. timm accepts `cycle_mul < 1` (it raises `ValueError` once the cycles
 * have shrunk to nothing) and `cycle_decay > 1`; these are refused here.
 *
 * @param options The `tanhDecay` config fields ({@link TANH_DECAY}); `baseLr` and `tInitial` are required.
 * @returns The policy (no momentum); its config is recorded for encoding.
 * @throws {TypeError} If a field has the wrong type (a missing `baseLr` included) or is unknown.
 * @throws {RangeError} If a field is out of range (`ub` not above `lb` included).
 *
 * @example One decay from 0.1 over 100 iterations, then lrMin
 * ```ts
 * import assert from "node:assert/strict";
 * import { tanhDecay } from "cyclical-lr";
 * const { lr } = tanhDecay({ baseLr: 0.1, tInitial: 100, lrMin: 0.001 });
 * assert.ok(Math.abs(lr(0)[0] - (0.001 + 0.5 * 0.099 * (1 - Math.tanh(-7)))) < 1e-15);
 * assert.ok(lr(99)[0] < 0.002);
 * assert.equal(lr(100)[0], 0.001);
 * assert.equal(lr(1e9)[0], 0.001);
 * ```
 * @see {@link https://arxiv.org/abs/1806.01593 | Hsueh et al., Stochastic Gradient Descent with Hyperbolic-Tangent Decay, 2019}
 * @see {@link https://github.com/huggingface/pytorch-image-models/blob/main/timm/scheduler/tanh_lr.py | timm TanhLRScheduler}
 */
export function tanhDecay(options: TanhDecayOptions): Policy {
  const o = TANH_DECAY.read(options);
  const { lb, ub } = o;
  const lr = timmSchedule(o, {
    // timm: 1 - tanh(lb * (1. - tr) + ub * tr), tr = t_curr / t_i
    factor: (a, b) => {
      const tr = a / b;
      return 1 - tanh(lb * (1 - tr) + ub * tr);
    },
    half: true,
    overlayTarget: "schedule",
  });
  return TANH_DECAY.make(o, lr);
}
