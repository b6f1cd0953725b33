// Every family of issue 12 against its reference formula, transcribed in test/_families_oracle.ts,
// at every step of fast-check-generated configs: 1e-12 relative plus 1e-14 of the config's
// largest rate (the one place a reference's own rounding is amplified, timm's poly with
// k-decay and a power below 1 near a cycle's end, adds that conditioning).
import { describe, test } from "node:test";
import {
  checkFamily,
  hfFamily,
  kerasFamily,
  optaxFamily,
  tally,
  timmFamily,
  torchCosineFamily,
} from "./_families_oracle.ts";

const RUNS = 60;
const FAMILIES = [
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
] as const;

describe("each family equals its reference formula at every step (1e-12 relative, 1e-14 of the largest rate)", () => {
  for (const family of FAMILIES) {
    test(`${family.name} = ${family.source}`, () => checkFamily(family as never, tally(), RUNS));
  }
});
