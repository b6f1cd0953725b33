/**
 * The result section the demo prints after the runs: the two tables, the best fixed rate,
 * the suggested bounds, the verdicts and the closing lines.
 *
 * @module
 */
import type { Analysis } from "./analyze.ts";
import type { SeedRange } from "./suggest.ts";
import { formatPerSeed, formatTable } from "./table.ts";
import { conclusion, verdicts } from "./verdicts.ts";

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const sig = (x: number) => Number(x.toPrecision(3)).toString();

/**
 * The line on the suggested bounds of every seed, and where the grid's best rate lies.
 *
 * @param ranges The range tests, one per seed.
 * @param bestRate The best rate of the grid.
 * @returns One line.
 */
export function boundsLine(ranges: readonly SeedRange[], bestRate: number): string {
  const per = ranges.map((r) =>
    r.suggestion.ok
      ? `seed ${r.seed} ${sig(r.suggestion.baseLr)}–${sig(r.suggestion.maxLr)} (${r.suggestion.rule})`
      : `seed ${r.seed} none`
  );
  const inside = ranges.filter((r) =>
    r.suggestion.ok && bestRate >= r.suggestion.baseLr && bestRate <= r.suggestion.maxLr
  );
  const ok = ranges.filter((r) => r.suggestion.ok).length;
  return `suggested bounds: ${per.join("; ")}; the grid's best fixed rate ${bestRate}` +
    (ok === 0 ? "" : ` lies inside the suggested range of ${inside.length} of ${ok} seeds`);
}

/**
 * Everything printed after the runs.
 *
 * @param a The analysis.
 * @param ranges The range tests, one per seed.
 * @param seeds The seeds.
 * @param bestRate The best rate of the grid.
 * @param testDigits How many test digits the accuracies are measured on.
 * @returns The lines and, separately, the tables and sentences (the report shows them too).
 */
export function resultLines(
  a: Analysis,
  ranges: readonly SeedRange[],
  seeds: readonly number[],
  bestRate: number,
  testDigits: number,
): { lines: string[]; table: string[]; perSeed: string[]; verdicts: string[]; conclusion: string[] } {
  const table = formatTable(a), perSeed = formatPerSeed(a, seeds);
  const said = verdicts(a), closing = conclusion(a);
  const best = a.rows.find((r) => r.name === a.best);
  const lines = [
    `Result after ${a.budget} iterations, test accuracy on the ${testDigits} held-out test digits:`,
    ...table,
    "",
    "Paired, per seed (each against the same seed's run of the best fixed rate):",
    ...perSeed,
    "",
    `* best fixed rate of the grid (by validation accuracy ${best ? pct(best.validation) : "–"}): ${a.best}; ` +
    `its final test accuracy (3-point moving average) ${pct(a.target)}` +
    (a.bestReaches === undefined ? "" : `, first held from iteration ${a.bestReaches}`),
    boundsLine(ranges, bestRate),
    ...said,
    ...closing,
  ];
  return { lines, table, perSeed, verdicts: said, conclusion: closing };
}
