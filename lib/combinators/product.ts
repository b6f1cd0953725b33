import type { Schedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { childGroups } from "./_groups.ts";

/**
 * Multiplies schedules group by group: `product(s)(t)[g] = s[0](t)[g] * s[1](t)[g] * ...`.
 * PyTorch's `ChainedScheduler` of multiplicative schedulers is this product (each factor a
 * schedule of multipliers). A one-group child multiplies every group. A product too large
 * for a double is held at `±Number.MAX_VALUE`, so the result stays finite.
 *
 * Compositions: the paper's `exp_range`, both bounds shrinking, is
 * `product([triangular(o), (t) => [gamma ** t]])` (what `scaleBy` does for one factor), and
 * triangular2 is the unit triangle times `(t) => [0.5 ** floor(t / P)]`, mapped onto the
 * bounds with `mapSchedule` (see docs/composition.md).
 *
 * @param schedules The factors, at least one; each is evaluated once at 0 to learn its
 *   group count.
 * @returns The product schedule.
 * @throws {TypeError} If `schedules` is empty or holds something other than a schedule.
 * @throws {RangeError} If group counts disagree (other than one-group factors).
 *
 * @example A cycle whose bounds decay, as a product
 * ```ts
 * import assert from "node:assert/strict";
 * import { product, triangular } from "cyclical-lr";
 * const lr = product([triangular({ baseLr: [1, 2], maxLr: [3, 6], stepSizeUp: 2 }), (t) => [0.5 ** t]]);
 * assert.deepEqual(lr(2), [0.75, 1.5]);
 * ```
 */
export function product(schedules: readonly Schedule[]): Schedule {
  const { counts, groups } = childGroups("schedules", schedules);
  const children = [...schedules];
  const n = children.length;
  return (t) => {
    checkIteration(t);
    const out = new Array<number>(groups).fill(1);
    for (let i = 0; i < n; i++) {
      const v = children[i](t);
      if (counts[i] === 1) { for (let g = 0; g < groups; g++) out[g] *= v[0]; }
      else for (let g = 0; g < groups; g++) out[g] *= v[g];
    }
    for (let g = 0; g < groups; g++) {
      if (out[g] > Number.MAX_VALUE) out[g] = Number.MAX_VALUE;
      else if (out[g] < -Number.MAX_VALUE) out[g] = -Number.MAX_VALUE;
    }
    return out;
  };
}
