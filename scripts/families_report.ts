// Prints, per family of issue 12, how many configs and steps the oracle comparison of
// test/_families_oracle.ts covered with a fixed seed, and the worst errors found:
// `node_modules/.bin/tsx scripts/families_report.ts [runs] [seed]`.
import {
  checkFamily,
  hfFamily,
  kerasFamily,
  optaxFamily,
  tally,
  timmFamily,
  torchCosineFamily,
} from "../test/_families_oracle.ts";

const runs = Number(process.argv[2] ?? 200), seed = Number(process.argv[3] ?? 12);
const families = [
  timmFamily("tanh"),
  timmFamily("poly"),
  timmFamily("cosine"),
  kerasFamily,
  hfFamily("cosine"),
  hfFamily("hard_restarts"),
  torchCosineFamily,
  optaxFamily("piecewise"),
  optaxFamily("linear_onecycle"),
  optaxFamily("cosine_onecycle"),
];
console.log(`| family | reference | configs | steps compared | left out | worst relative | worst / largest rate |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const f of families) {
  const t = tally();
  checkFamily(f as never, t, runs, seed);
  console.log(
    `| ${f.name} | ${f.source} | ${t.configs} | ${t.steps} | ${t.skipped} | ${t.worstRelative.toExponential(1)} | ${
      t.worstOfScale.toExponential(1)
    } |`,
  );
}
