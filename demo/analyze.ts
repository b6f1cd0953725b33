/**
 * The demo's verdict: from every run of every policy, the table (final accuracy over seeds,
 * when each policy reaches the best fixed rate's final accuracy, and the two speed-ups)
 * and plain sentences saying whether CLR beat the fixed rate.
 *
 * The target is the best fixed rate's final accuracy, read as the last value of the 3-point
 * moving average of its seed-averaged curve. A policy "reaches" it at the first measured
 * iteration from which its seed-averaged 3-point moving average stays within 0.1 pp of the
 * target until the end of the budget. The paper's speed-up is `budget / that iteration`
 * (Smith 2017 compares with the fixed rate's full schedule); the fair one divides the
 * iteration at which the best fixed rate itself first stays there.
 *
 * @module
 */
import { sparkline } from "../plot.ts";
import { meanCurve, meanSd, movingAverage3, staysFrom } from "./metrics.ts";
import type { Run } from "./train.ts";

/** The runs of one policy, one per seed. */
export interface Results {
  readonly name: string;
  readonly kind: "fixed" | "clr";
  readonly settings: string;
  readonly runs: readonly Run[];
}

/** One row of the table. */
export interface Row {
  readonly name: string;
  readonly kind: "fixed" | "clr";
  readonly settings: string;
  /** The final test accuracy of each seed. */
  readonly finals: readonly number[];
  readonly mean: number;
  readonly sd: number;
  /** The iteration from which it stays at the target, when it does. */
  readonly reaches?: number;
  /** `budget / reaches`. */
  readonly paperSpeedup?: number;
  /** `(best fixed rate's reaches) / reaches`. */
  readonly fairSpeedup?: number;
  /** Seeds whose run diverged. */
  readonly diverged: number;
  /**
   * Per seed: when that seed's run first stays at that seed's best-fixed-rate final accuracy
   * (the best rate being the one chosen over all seeds), or null.
   */
  readonly perSeedReaches: readonly (number | null)[];
  /** The seed-averaged curve. */
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
  /** One sentence per cyclical policy. */
  readonly verdicts: readonly string[];
}

/** The sparkline of each row: its seed-mean accuracy curve, from this far below the target to the top. */
const SPARK_BELOW = 0.02;
const SPARK_WIDTH = 24;
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const times = (x: number) => `${x.toFixed(2)}×`;

/**
 * Compares the policies.
 *
 * @param results Every policy's runs (the same seeds, the same measured iterations).
 * @param budget Iterations per run.
 * @returns The table and the verdicts.
 */
export function analyze(results: readonly Results[], budget: number): Analysis {
  const withRuns = results.filter((r) => r.runs.length > 0);
  const iterations = withRuns[0].runs[0].iterations;
  const curves = withRuns.map((r) => meanCurve(r.runs.map((run) => run.accuracy)));
  const finalOf = (i: number) => meanSd(withRuns[i].runs.map((run) => run.accuracy[run.accuracy.length - 1])).mean;
  let bestIndex = -1;
  withRuns.forEach((r, i) => {
    if (r.kind === "fixed" && (bestIndex < 0 || finalOf(i) > finalOf(bestIndex))) bestIndex = i;
  });
  const bestCurve = curves[bestIndex];
  const target = movingAverage3(bestCurve)[bestCurve.length - 1];
  const bestReaches = staysFrom(iterations, bestCurve, target);
  const resolution = iterations.length > 1 ? iterations[1] - iterations[0] : iterations[0];
  const seedTargets = withRuns[bestIndex].runs.map((run) => movingAverage3(run.accuracy)[run.accuracy.length - 1]);
  const rows: Row[] = withRuns.map((r, i) => {
    const finals = r.runs.map((run) => run.accuracy[run.accuracy.length - 1]);
    const { mean, sd } = meanSd(finals);
    const reaches = staysFrom(iterations, curves[i], target);
    const diverged = r.runs.filter((run) => run.divergedAt !== undefined).length;
    const perSeedReaches = r.runs.map((run, k) =>
      k < seedTargets.length ? staysFrom(run.iterations, run.accuracy, seedTargets[k]) ?? null : null
    );
    const base = {
      name: r.name,
      kind: r.kind,
      settings: r.settings,
      finals,
      mean,
      sd,
      diverged,
      perSeedReaches,
      curve: curves[i],
    };
    if (reaches === undefined) return base;
    return {
      ...base,
      reaches,
      paperSpeedup: budget / reaches,
      ...(bestReaches === undefined ? {} : { fairSpeedup: bestReaches / reaches }),
    };
  });
  const best = rows[bestIndex];
  const verdicts = rows.filter((r) => r.kind === "clr").map((r) => {
    const diff = r.mean - best.mean;
    const ends = `ends ${Math.abs(100 * diff).toFixed(2)} pp ${diff >= 0 ? "above" : "below"} it (${pct(r.mean)} vs ${
      pct(best.mean)
    })`;
    if (r.reaches === undefined) {
      return `${r.name}: does NOT beat the best fixed rate (${best.name}): it never stays at its final accuracy ` +
        `(${pct(target)}) within ${budget} iterations, and ${ends}.`;
    }
    const fair = r.fairSpeedup;
    const lead = bestReaches === undefined ? 0 : bestReaches - r.reaches;
    const judged = fair === undefined
      ? "."
      : lead >= 2 * resolution
      ? "."
      : lead > 0
      ? `; counted fairly that is within ${
        2 * resolution
      } iterations (two measurements) of the fixed rate: a tie, not a win.`
      : "; counted fairly it is NOT faster than the fixed rate.";
    return `${r.name}: reaches the best fixed rate's final accuracy (${pct(target)}) at iteration ${r.reaches}: ` +
      `${times(budget / r.reaches)} the paper's way (${budget} / ${r.reaches}), ` +
      (fair === undefined ? "" : `${times(fair)} the fair way (${bestReaches} / ${r.reaches}), `) +
      `and ${ends}${judged}`;
  });
  return {
    budget,
    seeds: Math.max(...withRuns.map((r) => r.runs.length)),
    iterations,
    rows,
    best: best.name,
    target,
    bestReaches,
    resolution,
    verdicts,
  };
}

/**
 * Whether a row beats the best fixed rate counted fairly: it reaches the target at least two
 * measurements earlier than the fixed rate itself.
 *
 * @param a The analysis.
 * @param r A row.
 * @returns Whether it wins.
 */
export function beatsFixed(a: Analysis, r: Row): boolean {
  return r.reaches !== undefined && a.bestReaches !== undefined && a.bestReaches - r.reaches >= 2 * a.resolution;
}

/**
 * The table as text, one row per policy, the best fixed rate marked with `*`, and a legend.
 *
 * @param a The analysis.
 * @returns Lines of text.
 */
export function formatTable(a: Analysis): string[] {
  const spread = a.seeds > 1;
  const head = [
    "policy",
    "settings",
    spread ? "final acc ± sd" : "final acc",
    "reaches target at",
    "×paper",
    "×fair",
    `test acc, ${pct(a.target - SPARK_BELOW)} to top`,
  ];
  const top = Math.max(...a.rows.flatMap((r) => r.curve));
  const body = a.rows.map((r) => [
    r.name + (r.name === a.best ? " *" : ""),
    r.settings,
    pct(r.mean) + (spread ? ` ± ${(100 * r.sd).toFixed(2)}` : "") + (r.diverged ? ` (${r.diverged} diverged)` : ""),
    r.reaches === undefined ? "never" : `it ${r.reaches}`,
    r.paperSpeedup === undefined ? "–" : times(r.paperSpeedup),
    r.fairSpeedup === undefined ? "–" : times(r.fairSpeedup),
    sparkline(r.curve, { width: Math.min(SPARK_WIDTH, r.curve.length), min: a.target - SPARK_BELOW, max: top }),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => x.padEnd(widths[c])).join("  ").trimEnd();
  const best = a.rows.find((r) => r.name === a.best);
  return [
    line(head),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map(line),
    "",
    `final acc: test accuracy after iteration ${a.budget}` +
    (spread ? `, mean ± sd over ${a.seeds} paired seeds` : ", one seed") + ".",
    `target: the final accuracy of the best fixed rate (* ${best?.name ?? a.best}), ${pct(a.target)} ` +
    `(last 3-point moving average of its seed-mean curve); a policy reaches it at the first measured ` +
    `iteration from which its own 3-point moving average stays within 0.1 pp of it to the end ` +
    `(measured every ${a.resolution} iterations).`,
    `×paper = ${a.budget} / that iteration (the paper's count: the fixed rate's whole budget); ` +
    `×fair = ${a.bestReaches ?? "the fixed rate's"} / that iteration (when the fixed rate itself got there).`,
  ];
}
