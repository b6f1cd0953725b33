import type { PerGroup, Policy, ScalarSchedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { type FieldsOf, GROUPS, perGroupRate, positiveInt } from "../options/_kinds.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { withScalars } from "../schedule/scalars.ts";
import { cos } from "../_math/mod.ts";

/** Options of {@link cosineAnnealing}: PyTorch's `CosineAnnealingLR` arguments, camelCased, checked by {@link COSINE_ANNEALING}. */
export interface CosineAnnealingOptions {
  /** The rate at iteration 0 (PyTorch's initial `lr`), per group. */
  readonly baseLr: PerGroup;
  /** Iterations of the half cosine down to `etaMin` (PyTorch's `T_max`), a positive safe integer. */
  readonly tMax: number;
  /** The rate at `tMax` (PyTorch's `eta_min`), per group. */
  readonly etaMin?: PerGroup;
  /** Number of groups, when every per-group value is a number. */
  readonly groups?: number;
}

/**
 * The options table of {@link cosineAnnealing} and of the `cosineAnnealing` config.
 *
 * @example PyTorch's default: eta_min 0
 * ```ts
 * import assert from "node:assert/strict";
 * import { COSINE_ANNEALING } from "cyclical-lr";
 * assert.deepEqual(COSINE_ANNEALING.read({ baseLr: 0.1, tMax: 10 }).etaMin, [0]);
 * ```
 */
export const COSINE_ANNEALING: PolicyTable<FieldsOf<CosineAnnealingOptions, "groups">> = policyTable(
  "cosineAnnealing",
  "cosineAnnealing",
  { baseLr: perGroupRate.required(), tMax: positiveInt.required(), etaMin: perGroupRate.default(0), groups: GROUPS },
);

/**
 * PyTorch's `CosineAnnealingLR`, in its closed form, at every iteration:
 * `lr = etaMin + (baseLr - etaMin) * (1 + cos(pi * r / tMax)) / 2` with
 * `r = t mod (2 * tMax)`. Up to `tMax` it falls from `baseLr` to `etaMin`; past `tMax` it
 * rises again, back to `baseLr` at `2 * tMax`, and repeats with period `2 * tMax`, as
 * PyTorch's does (it never stops at `eta_min`). For `t < 2 * tMax` this is PyTorch's
 * `_get_closed_form_lr` operation for operation (`math.pi * last_epoch / T_max`); later,
 * the reduction of `t` is exact, so that `lr(t + 2 * tMax) === lr(t)` bit for bit (PyTorch's
 * `pi * t` loses digits of the angle as `t` grows: 1e-10 of a radian by `t = 10^6`).
 *
 * PyTorch steps with a recursive form instead (`get_lr`, used by `step()` without an
 * epoch): `lr_t = (1 + cos(pi t / T)) / (1 + cos(pi (t - 1) / T)) * (lr_{t-1} - eta_min) + eta_min`,
 * with `lr_{t-1} + (base - eta_min) * (1 - cos(pi / T)) / 2` at `t = T + 1 (mod 2T)`. In exact
 * arithmetic the two are the same; in floats the recursion carries its rounding from step
 * to step (and follows any change made to the optimizer's `lr` between steps, which a pure
 * schedule cannot see). The closed form is followed here: it is a function of `t` alone.
 * The recursion, started from `baseLr`, drifts away from it by its own rounding, about
 * 4e-16 of the rate per step: within 1e-12 for the first 2,000 steps or so, 5e-11 by
 * 10^5 steps (measured in this repository's tests).
 *
 * @param options The `cosineAnnealing` config fields ({@link COSINE_ANNEALING}); `baseLr` and `tMax` are required.
 * @returns The policy (no momentum); its config is recorded for encoding.
 * @throws {TypeError} If a field has the wrong type (a missing `baseLr` included) or is unknown.
 * @throws {RangeError} If `tMax` is not a positive safe integer or a rate is not finite and >= 0.
 *
 * @example PyTorch's test_cos_anneal_lr, and past T_max
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineAnnealing } from "cyclical-lr";
 * const { lr } = cosineAnnealing({ baseLr: 0.05, tMax: 10, etaMin: 1e-10 });
 * const at = (t: number) => lr(t)[0];
 * for (let x = 0; x < 10; x++) {
 *   const torch = 1e-10 + (0.05 - 1e-10) * (1 + Math.cos(Math.PI * x / 10)) / 2;
 *   assert.ok(Math.abs(at(x) - torch) <= 1e-12 * torch);
 * }
 * assert.equal(at(10), 1e-10);
 * assert.ok(Math.abs(at(15) - at(5)) < 1e-17); // rising again past T_max
 * assert.ok(Math.abs(at(20) - 0.05) < 1e-17);
 * assert.equal(at(25), at(5)); // period 2 * T_max, exactly
 * ```
 * @see {@link https://arxiv.org/abs/1608.03983 | Loshchilov and Hutter, SGDR, 2017}
 * @see {@link https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html | PyTorch CosineAnnealingLR}
 */
export function cosineAnnealing(options: CosineAnnealingOptions): Policy {
  const o = COSINE_ANNEALING.read(options);
  const { baseLr, etaMin, tMax, groups } = o;
  const period = 2 * tMax;
  // PyTorch's (base - eta_min) * (1 + cos) / 2 doubles before it halves; a span above half
  // the largest double halves first (the same value, finite).
  const HALF_MAX = Number.MAX_VALUE / 2;
  const half = (k: number, c: number) => (k <= HALF_MAX && k >= -HALF_MAX ? (k * (1 + c)) / 2 : k * ((1 + c) / 2));
  const spans = baseLr.map((v, g) => v - etaMin[g]);
  const c = (t: number): number => {
    checkIteration(t);
    // exact: t and 2 * tMax are integers below 2^54, and % of doubles is exact
    const r = t < period ? t : t % period;
    return cos((Math.PI * r) / tMax);
  };
  const lr = (t: number): readonly number[] => {
    const x = c(t);
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = etaMin[g] + half(spans[g], x);
    return out;
  };
  const scalars: ScalarSchedule[] = spans.map((k, g) => (t: number) => etaMin[g] + half(k, c(t)));
  return COSINE_ANNEALING.make(o, withScalars(lr, scalars));
}
