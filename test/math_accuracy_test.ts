// Accuracy of the deterministic elementary functions (lib/_math) against the BigInt oracle of
// test/_math_oracle.ts: every result within 1 ulp of the true value (so the correctly rounded
// result or a neighbour of it) over random arguments spread across each whole domain (uniform
// in the bits, so in the exponent, plus the ranges the policies use) and the hard cases, and
// ECMAScript's special values exactly. The max error seen is printed per function.
//
// Cost: the oracle takes 3-10 µs per argument, so Node runs the full 10^5 arguments per
// function and Deno and Bun 10^4 each. That is enough there because the functions use only
// IEEE-754 double operations that every engine performs identically: their bits are the same
// on every engine, which test/math_determinism_test.ts checks with pinned hashes on all three.
//
// The seed is random per run and printed; replay with MATH_SEED=<seed>.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cos, sin } from "../lib/_math/trig.ts";
import { exp } from "../lib/_math/exp.ts";
import { expm1 } from "../lib/_math/expm1.ts";
import { log, log1p } from "../lib/_math/log.ts";
import { pow, powWithBase } from "../lib/_math/pow.ts";
import { tanh } from "../lib/_math/tanh.ts";
import { type Dyadic, expm1Of, expOfNumber, log1pOf, logOf, powOf, tanhOf, trigOf, ulpError } from "./_math_oracle.ts";
import { around, type Draws, draws, nearestHalfPiMultiple, RANDOM_ARGUMENTS, twoTo } from "./_math_arguments.ts";

const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
const COUNT = runtime === "node" ? 100_000 : 10_000;

function environment(name: string): string | undefined {
  const deno = Reflect.get(globalThis, "Deno");
  if (deno) return deno.env.get(name);
  const env: unknown = Reflect.get(Reflect.get(globalThis, "process") ?? {}, "env");
  const value: unknown = env && typeof env === "object" ? Reflect.get(env, name) : undefined;
  return typeof value === "string" ? value : undefined;
}
const SEED = Number(environment("MATH_SEED") ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;

const MAX = Number.MAX_VALUE;
const MIN = Number.MIN_VALUE;
const MIN_NORMAL = 2.2250738585072014e-308;

/** The arguments of one function: random draws and the hard cases. */
interface Case {
  readonly name: string;
  readonly f: (...args: number[]) => number;
  readonly oracle: (...args: number[]) => Dyadic;
  readonly random: (d: Draws) => () => number[];
  readonly hard: readonly number[][];
}

const halfPiMultiples = [1, 2, 3, 4, 5, 6, 7, 8, 29, 58, 116, 232, 464, 928, 1856, 3712, 204551, 2 ** 20]
  .flatMap((k) => around(nearestHalfPiMultiple(k), 2));

const CASES: readonly Case[] = [
  {
    name: "cos",
    f: cos,
    oracle: (x) => trigOf(x, "cos"),
    random: RANDOM_ARGUMENTS.cos,
    hard: [
      0,
      -0,
      MIN,
      -MIN,
      MIN_NORMAL,
      MAX,
      -MAX,
      1e22,
      2 ** 1023,
      6381956970095103 * 2 ** 797,
      ...around(2 ** -27),
      ...around(2 ** -26),
      ...around(Math.PI / 4, 3),
      ...halfPiMultiples,
      ...around(1647099.3291652855, 2),
      2.2971158672819176,
      Math.PI * 0.25,
      Math.PI * 0.5,
      Math.PI * 0.75,
      Math.PI / 3,
    ].map((x) => [x]),
  },
  {
    name: "sin",
    f: sin,
    oracle: (x) => trigOf(x, "sin"),
    random: RANDOM_ARGUMENTS.sin,
    hard: [
      MIN,
      -MIN,
      MIN_NORMAL,
      MAX,
      -MAX,
      1e22,
      2 ** 1023,
      6381956970095103 * 2 ** 797,
      ...around(2 ** -26),
      ...around(2 ** -27),
      ...around(Math.PI / 4, 3),
      ...halfPiMultiples,
      ...around(1647099.3291652855, 2),
      Math.PI,
      Math.PI / 6,
    ].map((x) => [x]),
  },
  {
    name: "exp",
    f: exp,
    oracle: expOfNumber,
    random: RANDOM_ARGUMENTS.exp,
    hard: [
      MIN,
      -MIN,
      MAX,
      -MAX,
      1,
      -1,
      2 ** -54,
      -(2 ** -54),
      2 ** -60,
      ...around(709.782712893384, 3), // ln(MAX) = 709.78271289338399673...
      ...around(-745.1332191019411, 3), // ln(2^-1075): 0 or the smallest subnormal
      ...around(-744.4400719213812, 2), // ln(2^-1074)
      ...around(-708.3964185322641, 3), // ln(2^-1022): the normal/subnormal boundary
      ...around(0.5 * 0.005415212348225396, 2), // k changes from 0 to 1
      ...around(Math.LN2, 2),
      ...around(-Math.LN2, 2),
    ].map((x) => [x]),
  },
  {
    name: "expm1",
    f: expm1,
    oracle: expm1Of,
    random: RANDOM_ARGUMENTS.expm1,
    hard: [
      MIN,
      -MIN,
      MAX,
      -MAX,
      1,
      -1,
      -40,
      2 ** -54,
      -(2 ** -54),
      ...around(2 ** -54),
      ...around(-(2 ** -54)),
      ...around(709.782712893384, 3),
      ...around(-37.42994775023705, 2), // ln(2^-54)
      ...around(0.002707606174112698, 2),
      ...around(-0.002707606174112698, 2), // ln2/256: k = 0 or 1
      ...around(Math.LN2 / 2, 1),
      ...around(-Math.LN2, 1),
      ...around(38.2, 1),
    ].map((x) => [x]),
  },
  {
    name: "log",
    f: log,
    oracle: logOf,
    random: RANDOM_ARGUMENTS.log,
    hard: [
      MIN,
      MIN_NORMAL,
      MAX,
      1,
      2,
      0.5,
      Math.E,
      Math.SQRT2,
      Math.SQRT1_2,
      ...around(1, 4),
      ...around(MIN_NORMAL, 2),
      ...around(1 + 1 / 256, 1),
      ...around(1 + 255 / 256, 1),
      ...around(1 - 1 / 512, 1),
      10,
      1e-300,
      1e300,
    ].map((x) => [x]),
  },
  {
    name: "log1p",
    f: log1p,
    oracle: log1pOf,
    random: RANDOM_ARGUMENTS.log1p,
    hard: [
      -1 + 2 ** -53,
      -0.5,
      MIN,
      -MIN,
      MIN_NORMAL,
      MAX,
      2 ** 53,
      1,
      ...around(2 ** -54, 2),
      ...around(-(2 ** -54), 2),
      ...around(2 ** -8, 2),
      ...around(-(2 ** -8), 2),
      ...around(2 ** -53, 1),
      1e-10,
    ].map((x) => [x]),
  },
  {
    name: "tanh",
    f: tanh,
    oracle: tanhOf,
    random: RANDOM_ARGUMENTS.tanh,
    hard: [
      MIN,
      -MIN,
      MAX,
      -MAX,
      0.5,
      -0.5,
      ...around(2 ** -27, 2),
      ...around(19.1, 2),
      ...around(-19.1, 2),
      ...around(0.0013538030870563492, 1), // 2x = ln2/256: expm1's k = 0 or 1
    ].map((x) => [x]),
  },
  {
    name: "pow",
    f: pow,
    oracle: (x, y) => {
      const v = powOf(Math.abs(x), y);
      return x < 0 && Math.abs(y) < 2 ** 53 && y % 2 !== 0 ? { n: -v.n, s: v.s } : v;
    },
    random: RANDOM_ARGUMENTS.pow,
    hard: [
      ...Array.from({ length: 2099 }, (_, i) => [2, i - 1075]), // every power of two, 2^-1075 a tie
      ...Array.from({ length: 34 }, (_, k) => [3, k]), // exact: 3^33 < 2^53
      ...Array.from({ length: 23 }, (_, k) => [10, k]), // exact up to 10^22
      ...Array.from({ length: 23 }, (_, k) => [10, -k]),
      [1 - 2 ** -53, 2 ** 53],
      [1 - 2 ** -53, 2 ** 52],
      [1 + 2 ** -52, 2 ** 52],
      [1 + 2 ** -52, -(2 ** 53)],
      [0.999999, 1e6],
      [0.999994, 2 ** 53 - 1],
      [0.9999999999999999, 2 ** 53],
      [MAX, 1],
      [MAX, 0.5],
      [MAX, -1],
      [MIN, 1],
      [MIN, 0.5],
      [MIN, -0.5],
      [MIN_NORMAL, -1],
      [MIN_NORMAL, 1],
      [2, 1023.9999999999999],
      [2, 1024],
      [10, 308.25471555991675],
      [10, 308.2547155599168],
      [0.5, 1074],
      [0.5, 1075],
      [-2, 1023],
      [-2, 1024],
      [-2, -1074],
      [-2, -1075],
      [-0.5, 1075],
      [-1.5, 3],
      [-3, 33],
      [-10, 21],
      [-7, -5],
      [Math.E, 1],
      [1.0000001, 7.097827128933840e9],
      [0.9999999, 7.45e9],
      [1e-300, 2.48],
      [1e300, 1.027],
      [2.5, -0.3],
      [1.5, 0.5],
      [1e10, 0.5],
      [4, 0.5],
      [16, 0.25],
      [8, 1 / 3],
    ],
  },
];

describe(`deterministic elementary functions: within 1 ulp of the BigInt oracle (seed ${SEED}, ${runtime})`, () => {
  CASES.forEach((c, index) => {
    test(`${c.name}: ${COUNT} random arguments and ${c.hard.length} hard cases`, () => {
      const next = c.random(draws(SEED + index * 0x9e3779b9));
      let max = 0;
      let worst: number[] = [];
      let notRounded = 0;
      const failures: string[] = [];
      const check = (args: number[]) => {
        const y = c.f(...args);
        const error = ulpError(y, c.oracle(...args));
        if (error > 0.5) notRounded++;
        if (error > max) {
          max = error;
          worst = args;
        }
        if (!(error < 1) && failures.length < 10) failures.push(`${c.name}(${args.join(", ")}) = ${y}: ${error} ulp`);
      };
      for (const args of c.hard) check(args);
      for (let i = 0; i < COUNT; i++) check(next());
      const total = COUNT + c.hard.length;
      console.log(
        `${c.name}: max ${max.toFixed(4)} ulp at (${worst.join(", ")}); ` +
          `${((100 * notRounded) / total).toFixed(2)} % not correctly rounded; ${total} arguments, seed ${SEED}`,
      );
      assert.deepEqual(failures, [], `seed ${SEED}`);
    });
  });

  test("powWithBase(g)(y) is pow(g, y), bit for bit", () => {
    const d = draws(SEED);
    for (let i = 0; i < 200; i++) {
      const g = i % 3 === 0 ? d.unit() : 1 - d.logUniform(-53, -1);
      const power = powWithBase(g);
      for (let k = 0; k < 20; k++) {
        const t = k % 2 ? Math.floor(d.logUniform(0, 53)) : d.uniform(-1e3, 1e3);
        assert.ok(Object.is(power(t), pow(g, t)), `powWithBase(${g})(${t}) = ${power(t)}, pow = ${pow(g, t)}`);
      }
    }
    for (const g of [0, -0, -2, 1, Infinity, -Infinity, NaN, 2, 5e-324]) {
      const power = powWithBase(g);
      for (const y of [0, -0, 1, -1, 2, 0.5, -0.5, 3, Infinity, -Infinity, NaN, 1e300, 2 ** 53]) {
        assert.ok(Object.is(power(y), pow(g, y)), `powWithBase(${g})(${y}) = ${power(y)}, pow = ${pow(g, y)}`);
      }
    }
  });
});

// ECMAScript's special values (Math.cos & co.; Number::exponentiate for pow), written out.
const SPECIAL: readonly [string, (...args: number[]) => number, readonly (readonly number[])[]][] = [
  ["cos", cos, [[NaN, NaN], [Infinity, NaN], [-Infinity, NaN], [0, 1], [-0, 1]]],
  ["sin", sin, [[NaN, NaN], [Infinity, NaN], [-Infinity, NaN], [0, 0], [-0, -0], [MIN, MIN], [-MIN, -MIN]]],
  ["exp", exp, [[NaN, NaN], [Infinity, Infinity], [-Infinity, 0], [0, 1], [-0, 1], [710, Infinity], [-746, 0], [
    MAX,
    Infinity,
  ], [-MAX, 0]]],
  ["expm1", expm1, [[NaN, NaN], [Infinity, Infinity], [-Infinity, -1], [0, 0], [-0, -0], [710, Infinity], [-MAX, -1], [
    MIN,
    MIN,
  ], [-MIN, -MIN]]],
  ["log", log, [[NaN, NaN], [-1, NaN], [-Infinity, NaN], [-MIN, NaN], [0, -Infinity], [-0, -Infinity], [
    Infinity,
    Infinity,
  ], [1, 0]]],
  ["log1p", log1p, [[NaN, NaN], [-2, NaN], [-Infinity, NaN], [-1, -Infinity], [0, 0], [-0, -0], [Infinity, Infinity], [
    MIN,
    MIN,
  ], [-MIN, -MIN]]],
  ["tanh", tanh, [[NaN, NaN], [Infinity, 1], [-Infinity, -1], [0, 0], [-0, -0], [MAX, 1], [-MAX, -1], [MIN, MIN], [
    -MIN,
    -MIN,
  ]]],
  ["pow", pow, [
    [0, NaN, NaN],
    [1, NaN, NaN],
    [NaN, NaN, NaN],
    [NaN, 0, 1],
    [NaN, -0, 1],
    [Infinity, 0, 1],
    [-0, -0, 1],
    [NaN, 1, NaN],
    [1, Infinity, NaN],
    [1, -Infinity, NaN],
    [-1, Infinity, NaN],
    [-1, -Infinity, NaN],
    [2, Infinity, Infinity],
    [0.5, Infinity, 0],
    [2, -Infinity, 0],
    [0.5, -Infinity, Infinity],
    [-2, Infinity, Infinity],
    [-0.5, -Infinity, Infinity],
    [-0.5, Infinity, 0],
    [0, Infinity, 0],
    [0, -Infinity, Infinity],
    [Infinity, 2, Infinity],
    [Infinity, 0.5, Infinity],
    [Infinity, -2, 0],
    [Infinity, -Infinity, 0],
    [-Infinity, 3, -Infinity],
    [-Infinity, 2, Infinity],
    [-Infinity, 2.5, Infinity],
    [-Infinity, -3, -0],
    [-Infinity, -2, 0],
    [-Infinity, -0.5, 0],
    [-Infinity, Infinity, Infinity],
    [0, 3, 0],
    [0, 0.5, 0],
    [0, -3, Infinity],
    [0, -0.5, Infinity],
    [-0, 3, -0],
    [-0, 2, 0],
    [-0, 0.5, 0],
    [-0, -3, -Infinity],
    [-0, -2, Infinity],
    [-0, -0.5, Infinity],
    [-0, 2 ** 53 + 2, 0],
    [-0, -(2 ** 60), Infinity],
    [-8, 1 / 3, NaN],
    [-2, 0.5, NaN],
    [-MIN, 0.5, NaN],
    [-Infinity, NaN, NaN],
    [-2, 3, -8],
    [-2, 2, 4],
    [-2, 2 ** 53, Infinity],
    [-2, 2 ** 53 + 1, Infinity],
    [-0.5, 2 ** 60, 0],
    [-1, 3, -1],
    [-1, 2, 1],
    [-1, 2 ** 53, 1],
    [-1, -(2 ** 53) + 1, -1],
    [-1, 0.5, NaN],
    [1, 1e308, 1],
    [1, -5e-324, 1],
    [1, 0.5, 1],
    [2, 1024, Infinity],
    [2, -1074, MIN],
    [0.5, 1074, MIN],
    [2, 10, 1024],
    [2, -1, 0.5],
    [MAX, 2, Infinity],
    [MIN, 2, 0],
    [-2, 1025, -Infinity],
    [-2, -1077, -0],
    [-MAX, 3, -Infinity],
    [10, 22, 1e22],
    [3, 3, 27],
    [7, 2, 49],
    [1.5, 1e300, Infinity],
    [1.5, -1e300, 0],
    [0.5, 1e300, 0],
    [1 + 2 ** -52, 1e300, Infinity],
  ]],
];

describe("deterministic elementary functions: ECMAScript's special values", () => {
  for (const [name, f, table] of SPECIAL) {
    test(`${name}: ${table.length} special arguments`, () => {
      for (const row of table) {
        const args = row.slice(0, -1);
        const expected = row[row.length - 1];
        assert.ok(Object.is(f(...args), expected), `${name}(${args.join(", ")}) = ${f(...args)}, expected ${expected}`);
      }
    });
  }

  test("2^k is exact for every k in [-1074, 1023], and pow(g, 0) is 1 for every g", () => {
    for (let k = -1074; k <= 1023; k++) assert.equal(pow(2, k), twoTo(k), `2^${k}`);
    for (const g of [0, -0, NaN, Infinity, -Infinity, MIN, MAX, -1, 0.5]) assert.equal(pow(g, 0), 1);
  });
});
