import type { Policy, PolicyLike } from "../types.ts";
import { checkIteration } from "../_check.ts";
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
 * schedule of multipliers). A one-group child multiplies every group. A product too large
 * for a double is held at `±Number.MAX_VALUE`, so the result stays finite.
 *
 * Compositions: the paper's `exp_range`, both bounds shrinking, is
 * `product([triangular(o), (t) => [gamma ** t]])` (what `scaleBy` does for one factor), and
 * triangular2 is the unit triangle times `(t) => [0.5 ** floor(t / P)]`, mapped onto the
 * bounds with `mapSchedule` (see docs/composition.md).
 *
 * This is the closed form of PyTorch's `ChainedScheduler` over multiplicative schedulers
 * (`StepLR`, `MultiStepLR`, `ExponentialLR`, `ConstantLR`, `LinearLR`, `PolynomialLR` as factor
 * schedules), which steps each one on the current rate and so accumulates its rounding; it
 * agrees with PyTorch's own tests and with its chained stepping to 1e-12 relative. Where the
 * left-to-right product of a step would leave the doubles on the way (`Number.MAX_VALUE`
 * times `Number.MAX_VALUE` times 0), it is computed exactly instead, so a factor 0 gives 0.
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
  const factors = new Array<number>(n);
  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    const rows = policies.map((p) => p(t));
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) {
      for (let i = 0; i < n; i++) factors[i] = counts[i] === 1 ? rows[i][0] : rows[i][g];
      out[g] = productOf(factors);
    }
    return out;
  };
  const policy = makePolicy(lr, groups);
  const c = childConfigs("product", "schedules", policies);
  return "configs" in c && n >= 2
    ? (c.normal ? withNormalConfig : withConfig)(policy, { policy: "product", schedules: c.configs })
    : withoutConfig(policy, "configs" in c ? "a product of one schedule (a product config has at least two)" : c.reason);
}

const TWO_512 = 2 ** 512;
const TWO_MINUS_512 = 2 ** -512;

/**
 * The product of finite numbers as one double: the plain left-to-right product where no
 * partial product leaves the normal range (the common case, and then these are its bits),
 * else the exact product rounded once more, from a significand kept near 1 and a binary
 * exponent, so that a factor 0 gives 0 and large and small factors may cancel (never
 * `Infinity * 0`); beyond the doubles it is held at `±Number.MAX_VALUE`.
 * @internal
 */
export function productOf(factors: readonly number[]): number {
  let plain = 1;
  let normal = true;
  for (const v of factors) {
    plain *= v;
    const a = Math.abs(plain);
    if (!(a >= 2 ** -1022 && a <= Number.MAX_VALUE)) normal = false;
  }
  if (normal) return plain;
  // A factor 0: the plain product is that zero, with its sign, unless it met Infinity first.
  if (factors.includes(0)) return Number.isNaN(plain) ? 0 : plain;
  let m = 1, e = 0;
  for (let v of factors) {
    while (Math.abs(v) > TWO_512) { v *= TWO_MINUS_512; e += 512; }
    while (Math.abs(v) < TWO_MINUS_512) { v *= TWO_512; e -= 512; }
    m *= v;
    while (Math.abs(m) > TWO_512) { m *= TWO_MINUS_512; e += 512; }
    while (Math.abs(m) < TWO_MINUS_512) { m *= TWO_512; e -= 512; }
  }
  for (; e > 0; e -= 512) {
    m *= TWO_512;
    if (!Number.isFinite(m)) return m > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
  }
  for (; e < 0; e += 512) m *= TWO_MINUS_512;
  return m;
}
