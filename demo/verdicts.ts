/**
 * The comparison in plain sentences: one verdict per contender built from the range test,
 * led by what its paired seeds say together ("faster in every seed", "within noise" when
 * they disagree), then the seed-mean figures, then the final accuracy; and a closing line.
 *
 * @module
 */
import { type Agreement, agreement, type Analysis, LEAD, type Row, span } from "./analyze.ts";

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const times = (x: number) => `${x.toFixed(2)}×`;
const pp = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(2)}`;

function spanText(values: readonly (number | undefined)[], show: (x: number) => string): string | undefined {
  const s = span(values);
  return s === undefined ? undefined : s[0] === s[1] ? show(s[0]) : `${show(s[0])} to ${show(s[1])}`;
}

function countOf(row: Row, way: "faster" | "even" | "slower"): number {
  return row.perSeed.filter((s) => s.direction === way).length;
}

function leadClause(r: Row, best: Row): string {
  const n = r.perSeed.length, seeds = n === 1 ? "its one seed" : "every seed";
  const fair = spanText(r.perSeed.map((s) => s.fairSpeedup), times);
  const paper = spanText(r.perSeed.map((s) => s.paperSpeedup), times);
  const figures = fair === undefined ? "" : `: ${fair} the fair way, ${paper} the paper's way`;
  const never = n - r.perSeed.filter((s) => s.reaches !== undefined).length;
  const nevers = never === 0 ? "" : ` (it never holds the target in ${never} of ${n})`;
  switch (agreement(r)) {
    case "faster":
      return `${r.name}: faster than the best fixed rate (${best.name}) in ${seeds}${figures}`;
    case "slower":
      return `${r.name}: NOT faster than the best fixed rate (${best.name}): slower in ${seeds}${nevers}${figures}`;
    case "even":
      return `${r.name}: a tie with the best fixed rate (${best.name}): within ${LEAD} measurements of it in ${seeds}${figures}`;
    case "noise":
      return `${r.name}: within noise of the best fixed rate (${best.name}): the seeds disagree, faster in ${
        countOf(r, "faster")
      }, even in ${countOf(r, "even")}, slower in ${countOf(r, "slower")} of ${n}${nevers}${figures}`;
  }
}

function meanClause(a: Analysis, r: Row): string {
  if (r.reaches === undefined) return `its seed-mean curve never stays at the target (${pct(a.target)})`;
  return `its seed-mean curve holds the target (${pct(a.target)}) from iteration ${r.reaches}: ` +
    `${times(a.budget / r.reaches)} the paper's way (${a.budget} / ${r.reaches})` +
    (r.fairSpeedup === undefined ? "" : `, ${times(r.fairSpeedup)} the fair way (${a.bestReaches} / ${r.reaches})`);
}

function finalClause(r: Row): string {
  const gains = r.perSeed.map((s) => s.finalGain);
  const text = spanText(gains, pp) ?? "–";
  if (gains.length === 1) return `it ends ${text} pp from it (one seed)`;
  if (gains.every((g) => g > 0)) return `it ends above it in every seed (${text} pp)`;
  if (gains.every((g) => g < 0)) return `it ends below it in every seed (${text} pp)`;
  return `its final accuracy is within noise of it (${text} pp over the seeds)`;
}

/**
 * One sentence per contender built from the range test.
 *
 * @param a The analysis.
 * @returns The sentences, in the table's order.
 */
export function verdicts(a: Analysis): string[] {
  const best = a.rows.find((r) => r.name === a.best);
  if (!best) return [];
  return a.rows.filter((r) => r.kind === "rangeTest").map((r) =>
    `${leadClause(r, best)}; ${meanClause(a, r)}; ${finalClause(r)}.`
  );
}

const GROUPS: readonly [Agreement, string][] = [
  ["faster", "faster in every seed"],
  ["noise", "within noise"],
  ["even", "a tie"],
  ["slower", "slower in every seed"],
];

/**
 * The closing line: which contenders beat the best fixed rate counted fairly and paired by
 * seed, which are within noise, which do not; and how far the seeds spread.
 *
 * @param a The analysis.
 * @returns Lines of text.
 */
export function conclusion(a: Analysis): string[] {
  const ranged = a.rows.filter((r) => r.kind === "rangeTest");
  if (ranged.length === 0) return ["No contender was built from the range test: it gave no bounds."];
  const parts = GROUPS.flatMap(([way, phrase]) => {
    const names = ranged.filter((r) => agreement(r) === way).map((r) => r.name);
    return names.length === 0 ? [] : [`${phrase}: ${names.join(", ")}`];
  });
  const first = `Against the best fixed rate (${a.best}), counted the fair way and paired by seed: ${
    parts.join("; ")
  }.`;
  const compared = a.rows.filter((r) => r.kind === "rangeTest" || r.name === a.best);
  const spread = Math.max(...compared.map((r) => r.sd));
  const second = a.seeds > 1
    ? `Seed spread: the final accuracies of these policies vary by up to ${(100 * spread).toFixed(2)} pp (sd) ` +
      `across the ${a.seeds} paired seeds; a verdict holds only where every seed points the same way.`
    : 'One seed: the spread across seeds is not measured, so no verdict can say "within noise"; use --seeds 3 or more.';
  return [first, second];
}
