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
  /** One sentence per cyclical policy. */
  readonly verdicts: readonly string[];
}

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
  const rows: Row[] = withRuns.map((r, i) => {
    const finals = r.runs.map((run) => run.accuracy[run.accuracy.length - 1]);
    const { mean, sd } = meanSd(finals);
    const reaches = staysFrom(iterations, curves[i], target);
    const diverged = r.runs.filter((run) => run.divergedAt !== undefined).length;
    const base = { name: r.name, kind: r.kind, settings: r.settings, finals, mean, sd, diverged, curve: curves[i] };
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
    const ends = `ends ${Math.abs(100 * diff).toFixed(2)} pp ${diff >= 0 ? "above" : "below"} it (${pct(r.mean)} vs ${pct(best.mean)})`;
    if (r.reaches === undefined) {
      return `${r.name}: does NOT beat the best fixed rate (${best.name}): it never stays at its final accuracy ` +
        `(${pct(target)}) within ${budget} iterations, and ${ends}.`;
    }
    const fair = r.fairSpeedup;
    const faster = fair !== undefined && fair > 1;
    return `${r.name}: reaches the best fixed rate's final accuracy (${pct(target)}) at iteration ${r.reaches}: ` +
      `${times(budget / r.reaches)} the paper's way (${budget} / ${r.reaches}), ` +
      (fair === undefined ? "" : `${times(fair)} the fair way (${bestReaches} / ${r.reaches}), `) +
      `and ${ends}` +
      (faster ? "." : `; counted fairly it is NOT faster than the fixed rate.`);
  });
  return {
    budget,
    seeds: Math.max(...withRuns.map((r) => r.runs.length)),
    iterations,
    rows,
    best: best.name,
    target,
    bestReaches,
    verdicts,
  };
}

/**
 * The table as text, one row per policy, the best fixed rate marked with `*`.
 *
 * @param a The analysis.
 * @returns Lines of text.
 */
export function formatTable(a: Analysis): string[] {
  const spread = a.seeds > 1;
  const head = [
    "policy",
    "settings",
    spread ? `final test acc (mean ± sd, ${a.seeds} seeds)` : "final test acc (1 seed)",
    `stays ≥ ${pct(a.target)} - 0.1 pp from`,
    "speed-up paper",
    "speed-up fair",
  ];
  const body = a.rows.map((r) => [
    r.name + (r.name === a.best ? " *" : ""),
    r.settings,
    pct(r.mean) + (spread ? ` ± ${(100 * r.sd).toFixed(2)}` : "") + (r.diverged ? ` (${r.diverged} diverged)` : ""),
    r.reaches === undefined ? "never" : `it ${r.reaches}`,
    r.paperSpeedup === undefined ? "–" : times(r.paperSpeedup),
    r.fairSpeedup === undefined ? "–" : times(r.fairSpeedup),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => x.padEnd(widths[c])).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
}
