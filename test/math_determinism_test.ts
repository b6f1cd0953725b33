// The same bits on every engine: each deterministic elementary function of lib/_math, on the
// same 20,000 seeded arguments per function, hashes (FNV-1a over the result's 64 bits) to the
// value pinned here, on Node, Deno and Bun alike. The arguments come from integer and exact
// operations only (test/_math_arguments.ts), so they are the same everywhere too.
//
// A pinned hash changes only when an algorithm or a table of lib/_math changes on purpose:
// then every runtime must agree on the new value, which this test prints when it fails.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cos, sin } from "../lib/_math/trig.ts";
import { exp } from "../lib/_math/exp.ts";
import { expm1 } from "../lib/_math/expm1.ts";
import { log, log1p } from "../lib/_math/log.ts";
import { pow } from "../lib/_math/pow.ts";
import { tanh } from "../lib/_math/tanh.ts";
import { doubleWords, draws, RANDOM_ARGUMENTS } from "./_math_arguments.ts";

const COUNT = 20_000;
const FUNCTIONS: readonly [string, (...args: number[]) => number][] = [
  ["cos", cos],
  ["sin", sin],
  ["exp", exp],
  ["expm1", expm1],
  ["log", log],
  ["log1p", log1p],
  ["tanh", tanh],
  ["pow", pow],
];

const PINNED: Readonly<Record<string, string>> = {
  cos: "a47466e6",
  sin: "e9dd7134",
  exp: "01fe0888",
  expm1: "a03fa333",
  log: "cbe5003d",
  log1p: "ce541a92",
  tanh: "a5d94c21",
  pow: "510e199e",
};

/** FNV-1a (32 bits) over the bytes of a stream of 32-bit words. */
function fnv1a(words: readonly number[]): string {
  let h = 0x811c9dc5;
  for (const w of words) {
    for (let shift = 0; shift < 32; shift += 8) {
      h ^= (w >>> shift) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

describe("deterministic elementary functions: the same bits on every engine", () => {
  FUNCTIONS.forEach(([name, f], index) => {
    test(`${name}: ${COUNT} seeded results hash to the pinned value`, () => {
      const next = RANDOM_ARGUMENTS[name](draws(0x5eed + index));
      const words: number[] = [];
      for (let i = 0; i < COUNT; i++) {
        const args = next();
        words.push(...doubleWords(args[0]), ...doubleWords(f(...args)));
      }
      assert.equal(fnv1a(words), PINNED[name], `${name}: hash of ${COUNT} results`);
    });
  });
});
