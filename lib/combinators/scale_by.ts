import type { Policy, PolicyLike, ScalarSchedule } from "../types.ts";
import { fail, finite } from "../_check.ts";
import { saturate } from "../_saturate.ts";
import { asPolicy, makePolicy } from "../schedule/policy.ts";
import { withoutConfig } from "../schedule/config_of.ts";

/**
 * Multiplies every group of a schedule by a factor, constant or changing with `t`:
 * `scaleBy(s, f)(t)[g] = s(t)[g] * f(t)`. The paper's `exp_range`, which shrinks both
 * bounds, is `scaleBy(triangular(o), (t) => gamma ** t)`. A product beyond the largest double
 * is held at `±Number.MAX_VALUE` (an edge case the config spec defines), so finite inputs
 * always give finite values.
 *
 * @param schedule The schedule to scale.
 * @param factor A number, or a scalar schedule giving the factor at each iteration.
 * @returns The scaled policy (the rate only; momentum passes through).
 * @throws {RangeError} If a constant `factor` is not finite.
 *
 * @example The paper's exp_range: both bounds decay
 * ```ts
 * import assert from "node:assert/strict";
 * import { scaleBy, triangular } from "cyclical-lr";
 * const lr = scaleBy(triangular({ baseLr: 1, maxLr: 3, stepSizeUp: 2 }), (t) => 0.5 ** t);
 * assert.deepEqual(lr(2), [0.75]);
 * assert.deepEqual(lr(4), [0.0625]);
 * ```
 */
export function scaleBy(schedule: PolicyLike, factor: number | ScalarSchedule): Policy {
  const p = asPolicy(["schedule"], schedule);
  let lr: (t: number) => readonly number[];
  if (typeof factor === "number") {
    const k = finite("factor", factor);
    lr = (t) => p(t).map((v) => saturate(v * k));
  } else {
    if (typeof factor !== "function") fail("factor", "a finite number or a scalar schedule", factor);
    lr = (t) => {
      const v = p(t);
      const k: unknown = factor(t);
      if (typeof k !== "number" || !Number.isFinite(k)) fail(`factor(${t})`, "a finite number", k);
      return v.map((x) => saturate(x * k));
    };
  }
  return withoutConfig(makePolicy(lr, p.groups, p.momentum), "a scaleBy (scaleBy has no config form)");
}
