/**
 * The demo's comparison, in numbers: from every run of every contender, the final test
 * accuracy over seeds, when each contender reaches the best fixed rate's final accuracy,
 * the two speed-ups, and the same paired per seed, with the direction each seed points to.
 *
 * The best fixed rate is the rate of the grid with the highest mean final *validation*
 * accuracy (a choice, so it never reads the test digits). The target is its final test
 * accuracy, read as the last value of the 3-point moving average of its seed-averaged
 * curve. A contender "reaches" it at the first measured iteration from which its own 3-point
 * moving average stays within 0.1 pp of the target until the end of the budget. The paper's
 * speed-up is `budget / that iteration` (Smith 2017 compares with the fixed rate's full
 * schedule); the fair one divides the iteration at which the best fixed rate itself first
 * stays there.
 *
 * Per seed, the same is done on that seed's runs alone against that seed's run of the best
 * fixed rate (paired: the same initial weights, the same batches). A seed points "faster"
 * when its contender holds the target at least two measurements before the fixed rate does,
 * "slower" when at least two after (or never), and "even" in between.
 *
 * @module
 */
import { meanCurve, meanSd, movingAverage3, staysFrom } from "./metrics.ts";
import type { Run } from "./train.ts";

/** The runs of one contender, one per seed it ran on. */
export interface Results {
  readonly name: string;
  readonly kind: "fixed" | "rangeTest";
  readonly settings: string;
  /** The seed of each run (a range-test contender sits out a seed whose range test gave no bounds). */
  readonly seeds: readonly number[];
  readonly runs: readonly Run[];
}

/** Where one seed points: faster than the best fixed rate, slower, or within two measurements of it. */
export type Direction = "faster" | "even" | "slower";

/** One seed of one contender, paired with the same seed of the best fixed rate. */
export interface SeedFigures {
  readonly seed: number;
  /** The final test accuracy. */
  readonly final: number;
  /** `final` minus the best fixed rate's final accuracy on the same seed. */
  readonly finalGain: number;
  /** When it first stays at this seed's target, when it does. */
  readonly reaches?: number;
  /** `budget / reaches`. */
  readonly paperSpeedup?: number;
  /** `(the best fixed rate's reaches on this seed) / reaches`. */
  readonly fairSpeedup?: number;
  readonly direction: Direction;
}

/** One row of the table. */
export interface Row {
  readonly name: string;
  readonly kind: "fixed" | "rangeTest";
  readonly settings: string;
  /** The final test accuracy of each seed. */
  readonly finals: readonly number[];
  readonly mean: number;
  readonly sd: number;
  /** The mean final validation accuracy (how the best rate of the grid is chosen). */
  readonly validation: number;
  /** The iteration from which its seed-mean curve stays at the target, when it does. */
  readonly reaches?: number;
  /** `budget / reaches`. */
  readonly paperSpeedup?: number;
  /** `(best fixed rate's reaches) / reaches`. */
  readonly fairSpeedup?: number;
  /** Seeds whose run diverged. */
  readonly diverged: number;
  /** Paired, per seed. */
  readonly perSeed: readonly SeedFigures[];
  /** The seed-averaged test accuracy curve. */
  readonly curve: readonly number[];
}

/** The whole comparison. */
export interface Analysis {
  readonly budget: number;
  readonly seeds: number;
  readonly iterations: readonly number[];
  readonly rows: readonly Row[];
  /** The best fixed rate's row name. */
  readonly best: string;
  /** Its final accuracy, 3-point moving average of the seed-averaged curve. */
  readonly target: number;
  /** When the best fixed rate itself first stays at the target. */
  readonly bestReaches: number | undefined;
  /** Iterations between measurements: the resolution of every "reaches" iteration. */
  readonly resolution: number;
}

/** How many measurements one seed must lead by to point "faster" (or trail by to point "slower"). */
export const LEAD = 2;

function direction(lead: number | undefined, resolution: number): Direction {
  if (lead === undefined || lead <= -LEAD * resolution) return "slower";
  return lead >= LEAD * resolution ? "faster" : "even";
}

const lastOf = (v: readonly number[]) => v[v.length - 1];

/**
 * Compares the contenders.
 *
 * @param results Every contender's runs (the same measured iterations); at least one fixed
 *   rate, and every fixed rate ran on every seed.
 * @param budget Iterations per run.
 * @returns The table's numbers.
 */
export function analyze(results: readonly Results[], budget: number): Analysis {
  const withRuns = results.filter((r) => r.runs.length > 0);
  const iterations = withRuns[0].runs[0].iterations;
  const resolution = iterations.length > 1 ? iterations[1] - iterations[0] : iterations[0];
  const curves = withRuns.map((r) => meanCurve(r.runs.map((run) => run.accuracy)));
  const validationOf = (r: Results) => meanSd(r.runs.map((run) => run.validation)).mean;
  let bestIndex = -1;
  withRuns.forEach((r, i) => {
    if (r.kind === "fixed" && (bestIndex < 0 || validationOf(r) > validationOf(withRuns[bestIndex]))) bestIndex = i;
  });
  const best = withRuns[bestIndex];
  const target = lastOf(movingAverage3(curves[bestIndex]));
  const bestReaches = staysFrom(iterations, curves[bestIndex], target);
  const bestOn = new Map(best.seeds.map((seed, k) => {
    const run = best.runs[k], seedTarget = lastOf(movingAverage3(run.accuracy));
    return [seed, { run, target: seedTarget, reaches: staysFrom(run.iterations, run.accuracy, seedTarget) }];
  }));
  const rows: Row[] = withRuns.map((r, i) => {
    const finals = r.runs.map((run) => lastOf(run.accuracy));
    const { mean, sd } = meanSd(finals);
    const reaches = staysFrom(iterations, curves[i], target);
    const perSeed = r.runs.flatMap((run, k): SeedFigures[] => {
      const seed = r.seeds[k], paired = bestOn.get(seed);
      if (!paired) return [];
      const at = staysFrom(run.iterations, run.accuracy, paired.target);
      const bestAt = paired.reaches;
      const final = lastOf(run.accuracy), finalGain = final - lastOf(paired.run.accuracy);
      if (at === undefined) return [{ seed, final, finalGain, direction: "slower" }];
      return [{
        seed,
        final,
        finalGain,
        reaches: at,
        paperSpeedup: budget / at,
        ...(bestAt === undefined ? {} : { fairSpeedup: bestAt / at }),
        direction: direction(bestAt === undefined ? undefined : bestAt - at, resolution),
      }];
    });
    return {
      name: r.name,
      kind: r.kind,
      settings: r.settings,
      finals,
      mean,
      sd,
      validation: validationOf(r),
      diverged: r.runs.filter((run) => run.divergedAt !== undefined).length,
      perSeed,
      curve: curves[i],
      ...(reaches === undefined ? {} : {
        reaches,
        paperSpeedup: budget / reaches,
        ...(bestReaches === undefined ? {} : { fairSpeedup: bestReaches / reaches }),
      }),
    };
  });
  return {
    budget,
    seeds: Math.max(...withRuns.map((r) => r.runs.length)),
    iterations,
    rows,
    best: rows[bestIndex].name,
    target,
    bestReaches,
    resolution,
  };
}

/**
 * The smallest and largest of the defined values, or undefined when there are none.
 *
 * @param values Numbers, some undefined.
 * @returns `[min, max]`.
 */
export function span(values: readonly (number | undefined)[]): [number, number] | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? undefined : [Math.min(...defined), Math.max(...defined)];
}

/** What the seeds of a row say together. */
export type Agreement = "faster" | "slower" | "even" | "noise";

/**
 * What the seeds of a row say together: the direction every seed points to, or `"noise"`
 * when they disagree.
 *
 * @param row A row.
 * @returns The shared direction, or `"noise"`.
 */
export function agreement(row: Row): Agreement {
  const ways = new Set(row.perSeed.map((s) => s.direction));
  return ways.size === 1 ? [...ways][0] : "noise";
}
