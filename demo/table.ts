/**
 * The comparison as text tables: one row per contender (seed means, the speed-ups of the
 * seed-mean curve and their min–max over the paired seeds), then every seed's own figures.
 *
 * @module
 */
import { sparkline } from "../plot.ts";
import { type Analysis, type Row, span } from "./analyze.ts";

/** The sparkline of each row: its seed-mean accuracy curve, from this far below the target to the top. */
const SPARK_BELOW = 0.02;
const SPARK_WIDTH = 24;
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const times = (x: number) => `${x.toFixed(2)}×`;
const pp = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(2)}`;

/** Columns padded to their widest cell, with a rule under the head. */
function columns(head: readonly string[], body: readonly (readonly string[])[]): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: readonly string[]) => cells.map((x, c) => x.padEnd(widths[c])).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
}

/** `"a to b"` over the seeds, `"a"` for one seed or when they agree, `"–"` for none; `", n never"` counts the missing. */
function range(values: readonly (number | undefined)[], show: (x: number) => string): string {
  const s = span(values);
  if (!s) return "–";
  const missing = values.filter((v) => v === undefined).length;
  return (s[0] === s[1] ? show(s[0]) : `${show(s[0])} to ${show(s[1])}`) + (missing ? `, ${missing} never` : "");
}

const nameOf = (a: Analysis, r: Row) => r.name + (r.name === a.best ? " *" : "");

/**
 * The main table, one row per contender, the best fixed rate marked with `*`, and a legend.
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
    spread ? "Δ final, pp (seeds)" : "Δ final, pp",
    "reaches target at",
    "×paper",
    "×fair",
    spread ? "×fair (seeds)" : "×fair (seed)",
    `test acc, ${pct(a.target - SPARK_BELOW)} to top`,
  ];
  const top = Math.max(...a.rows.flatMap((r) => r.curve));
  const body = a.rows.map((r) => [
    nameOf(a, r),
    r.settings,
    pct(r.mean) + (spread ? ` ± ${(100 * r.sd).toFixed(2)}` : "") + (r.diverged ? ` (${r.diverged} diverged)` : ""),
    range(r.perSeed.map((s) => s.finalGain), pp),
    r.reaches === undefined ? "never" : `it ${r.reaches}`,
    r.paperSpeedup === undefined ? "–" : times(r.paperSpeedup),
    r.fairSpeedup === undefined ? "–" : times(r.fairSpeedup),
    range(r.perSeed.map((s) => s.fairSpeedup), times),
    sparkline(r.curve, { width: Math.min(SPARK_WIDTH, r.curve.length), min: a.target - SPARK_BELOW, max: top }),
  ]);
  const best = a.rows.find((r) => r.name === a.best);
  return [
    ...columns(head, body),
    "",
    `final acc: test accuracy after iteration ${a.budget}` +
    (spread ? `, mean ± sd over ${a.seeds} paired seeds` : ", one seed") +
    `; Δ final: minus the best fixed rate's on the same seed${spread ? " (min–max over seeds)" : ""}.`,
    `best fixed rate (*): the rate of the grid with the highest final validation accuracy, ${
      best ? pct(best.validation) : "–"
    } (validation digits, never the test digits).`,
    `target: its final test accuracy, ${pct(a.target)} (last 3-point moving average of its seed-mean curve); ` +
    `a policy reaches it at the first measured iteration from which its own 3-point moving average stays ` +
    `within 0.1 pp of it to the end (measured every ${a.resolution} iterations).`,
    `×paper = ${a.budget} / that iteration (the paper's count: the fixed rate's whole budget); ` +
    `×fair = ${a.bestReaches ?? "the fixed rate's"} / that iteration (when the fixed rate itself got there); ` +
    `×fair (seeds): the same per seed against that seed's best-fixed-rate run, min–max` +
    ` ("n never": seeds that never reach their target).`,
  ];
}

/**
 * Every seed's own figures: when each contender holds that seed's target, and its two
 * speed-ups, paired with the same seed of the best fixed rate.
 *
 * @param a The analysis.
 * @param seeds The seeds, in the runs' order.
 * @returns Lines of text.
 */
export function formatPerSeed(a: Analysis, seeds: readonly number[]): string[] {
  const cell = (reaches: string, paper: string, fair: string, gain: string) =>
    `${reaches.padEnd(8)} ${paper.padEnd(6)} ${fair.padEnd(5)} ${gain}`;
  const head = ["policy", ...seeds.map((s) => cell(`seed ${s}`, "×paper", "×fair", "Δ final"))];
  const body = a.rows.map((r) => [
    nameOf(a, r),
    ...seeds.map((seed) => {
      const s = r.perSeed.find((f) => f.seed === seed);
      if (!s) return "–";
      return cell(
        s.reaches === undefined ? "never" : `it ${s.reaches}`,
        s.paperSpeedup === undefined ? "–" : times(s.paperSpeedup),
        s.fairSpeedup === undefined ? "–" : times(s.fairSpeedup),
        `${pp(s.finalGain)} pp`,
      );
    }),
  ]);
  return columns(head, body);
}
