import type { Policy, PolicyLike } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { productOf, SMALLEST_NORMAL } from "../_saturate.ts";
import { throwErrors } from "../options/_errors.ts";
import { makePolicy } from "../schedule/policy.ts";
import { childConfigs, withConfig, withNormalConfig, withoutConfig } from "../schedule/config_of.ts";
import { type Fields, type OptionsTable, optionsTable } from "../options/table.ts";
import { childName, noMomentumErrors, readChildren } from "./_children.ts";

/**
 * The options table of the `product` config, beside its child configs (`schedules`): none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PRODUCT } from "cyclical-lr";
 * assert.deepEqual(Object.keys(PRODUCT.fields), []);
 * ```
 */
export const PRODUCT: OptionsTable<Fields> = optionsTable("product", {});

/**
 * Multiplies schedules group by group: `product(s)(t)[g] = s[0](t)[g] * s[1](t)[g] * ...`.
 * PyTorch's `ChainedScheduler` of multiplicative schedulers is this product (each factor a
 * schedule of multipliers). A one-group child multiplies every group. Where a partial product
 * overflows or underflows, the true product is taken (`[1e300, 1e300, 0]` gives 0, not NaN;
 * `[1e-300, 1e-300, 1e300, 1e300]` gives 1, not 0), and a product too large for a double is
 * held at `±Number.MAX_VALUE`, so the result stays finite and does not depend on how the
 * factors are grouped.
 *
 * Compositions: the paper's `exp_range`, both bounds shrinking, is
 * `product([triangular(o), (t) => [gamma ** t]])` (what `scaleBy` does for one factor), and
 * triangular2 is the unit triangle times `(t) => [0.5 ** floor(t / P)]`, mapped onto the
 * bounds with `mapSchedule` (see docs/composition.md).
 *
 * This is the closed form of PyTorch's `ChainedScheduler` over multiplicative schedulers
 * (`StepLR`, `MultiStepLR`, `ExponentialLR`, `ConstantLR`, `LinearLR`, `PolynomialLR` as factor
 * schedules), which steps each one on the current rate and so accumulates its rounding; it
 * agrees with PyTorch's own tests and with its chained stepping to 1e-12 relative
 * (test/product_pytorch_test.ts).
 *
 * @param schedules The factors (schedules or policies without momentum), at least one;
 *   a plain schedule is evaluated once at 0 to learn its group count.
 * @returns The product, a policy without momentum; with every factor built from a config it
 *   records the config `{ policy: "product", schedules }`.
 * @throws {TypeError} If `schedules` is empty, holds something other than a schedule, or
 *   holds a policy with momentum (a product has none: give it `cycleMomentum: false`).
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
export function product(schedules: readonly PolicyLike[]): Policy {
  const { policies, groups } = readChildren("schedules", schedules);
  const errors = noMomentumErrors("schedules", policies.map(childName));
  if (errors.length > 0) throwErrors(errors);
  const n = policies.length;
  const counts = policies.map((p) => p.groups);
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    const out = new Array<number>(groups).fill(1);
    const rows = new Array<readonly number[]>(n);
    let inexact: boolean[] | undefined;
    for (let i = 0; i < n; i++) {
      const v = (rows[i] = policies[i](t));
      const one = counts[i] === 1;
      for (let g = 0; g < groups; g++) {
        const before = out[g], f = v[one ? 0 : g], x = before * f;
        out[g] = x;
        // Left the normal doubles: an overflow (Infinity, or NaN from Infinity * 0) or an
        // underflow that lost bits; an exact 0 (a factor 0) is the true product.
        if (!(Math.abs(x) >= SMALLEST_NORMAL && x - x === 0) && !(x === 0 && (f === 0 || before === 0))) {
          (inexact ??= new Array<boolean>(groups).fill(false))[g] = true;
        }
      }
    }
    // There the true product, held at the largest double where it passes it (rare).
    if (inexact !== undefined) {
      for (let g = 0; g < groups; g++) {
        if (inexact[g]) out[g] = productOf(rows.map((v, i) => v[counts[i] === 1 ? 0 : g]));
      }
    }
    return out;
  };
  const policy = makePolicy(lr, groups);
  const c = childConfigs("product", "schedules", policies);
  return "configs" in c && n >= 2
    ? (c.normal ? withNormalConfig : withConfig)(policy, { policy: "product", schedules: c.configs })
    : withoutConfig(
      policy,
      "configs" in c ? "a product of one schedule (a product config has at least two)" : c.reason,
    );
}
