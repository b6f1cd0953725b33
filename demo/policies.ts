/**
 * The policies the demo compares, built with the library from the range test's suggestion:
 * a grid of fixed rates, and `triangular`, `triangular2`, `exp_range` (PyTorch's
 * `CyclicLR` modes, through `cyclicLR`) and `oneCycle`. Two parameter groups (weights,
 * biases) with the same values.
 *
 * @module
 */
import { constant, cyclicLR, oneCycle, type Policy } from "../mod.ts";

/** One contender of the comparison. */
export interface Contender {
  /** The row's name: `"fixed 0.2"`, `"triangular"`, … */
  readonly name: string;
  /** A fixed rate of the grid, or a policy built from the suggested bounds. */
  readonly kind: "fixed" | "clr";
  /** What it was built from, for the table. */
  readonly settings: string;
  /** The policy. */
  readonly policy: Policy;
}

const fmt = (x: number) => Number(x.toPrecision(3)).toString();

/**
 * The grid of fixed rates.
 *
 * @param rates The rates.
 * @returns One contender per rate.
 */
export function fixedRates(rates: readonly number[]): Contender[] {
  return rates.map((rate) => ({
    name: `fixed ${fmt(rate)}`,
    kind: "fixed",
    settings: `lr ${fmt(rate)}`,
    policy: constant({ value: rate, groups: 2 }),
  }));
}

/**
 * The cyclical policies from the suggested bounds, all with SGD momentum 0.9 except
 * one-cycle, which cycles momentum between 0.95 and 0.85 as PyTorch's `OneCycleLR` does.
 * `exp_range` decays the amplitude to a tenth over the budget (`gamma = 0.1^(1/budget)`);
 * one-cycle peaks at `maxLr` and starts at `baseLr` (`divFactor = maxLr / baseLr`).
 *
 * @param baseLr The suggested lower bound.
 * @param maxLr The suggested upper bound.
 * @param stepSize Iterations per half cycle.
 * @param budget Iterations of a run.
 * @returns Four contenders.
 */
export function cyclicalPolicies(baseLr: number, maxLr: number, stepSize: number, budget: number): Contender[] {
  const bounds = `${fmt(baseLr)}–${fmt(maxLr)}`;
  const common = { baseLr, maxLr, stepSize, cycleMomentum: false, groups: 2 };
  const gamma = 0.1 ** (1 / budget);
  const divFactor = maxLr / baseLr;
  return [
    {
      name: "triangular",
      kind: "clr",
      settings: `${bounds}, step ${stepSize}`,
      policy: cyclicLR({ ...common, mode: "triangular" }),
    },
    {
      name: "triangular2",
      kind: "clr",
      settings: `${bounds}, step ${stepSize}`,
      policy: cyclicLR({ ...common, mode: "triangular2" }),
    },
    {
      name: "exp_range",
      kind: "clr",
      settings: `${bounds}, step ${stepSize}, γ ${gamma.toPrecision(6)}`,
      policy: cyclicLR({ ...common, mode: "exp_range", gamma }),
    },
    {
      name: "oneCycle",
      kind: "clr",
      settings: `${fmt(baseLr)}→${fmt(maxLr)}→${fmt(baseLr / 1e4)}, mom 0.95–0.85`,
      policy: oneCycle({ maxLr, totalSteps: budget, divFactor, groups: 2 }),
    },
  ];
}
