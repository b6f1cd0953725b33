// Every combinator of finite inputs gives finite values at every valid iteration (never NaN
// or ±Infinity), at every magnitude: children that are config policies at extreme
// magnitudes or users' schedules of any finite values (±Number.MAX_VALUE, subnormals, -0),
// factors and multipliers near the largest double, user waves, scales, units and anneals
// with finite values. Where a true product passes the largest double, the value is held at
// ±Number.MAX_VALUE (docs/schedule-config.md, edge cases).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  amplitude,
  annealCos,
  annealLinear,
  between,
  clamp,
  cosineWave,
  createRegistry,
  cyclic,
  cyclicLR,
  finite,
  join,
  joinPolicies,
  mapSchedule,
  perGroup,
  phases,
  type Policy,
  type PolicyLike,
  product,
  registerScale,
  registerWave,
  repeat,
  resumeAt,
  sample,
  scaleBy,
  scaleFn,
  type Schedule,
  shift,
  stretch,
  triangle,
  warmup,
  type Wave,
} from "../mod.ts";
import { buildPolicy, decodeConfig, metricPolicyFromConfig } from "../config.ts";
import { hear, type Observation } from "../mod.ts";
import { isLeft } from "fp-ts/lib/Either.js";
import {
  configArb,
  type ConfigJson,
  configOf,
  iterationOfAnyMagnitude,
  rateOfAnyMagnitude,
} from "./config_arbitraries.ts";

const MAX = Number.MAX_VALUE;
const RUNS = { numRuns: 150 };

/** Any finite double, the extremes often: ±MAX_VALUE, ±MIN_VALUE, ±0, subnormals, ordinary values. */
const finiteOfAnyMagnitude: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(MAX, -MAX, Number.MIN_VALUE, -Number.MIN_VALUE, 0, -0, 1, -1),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);

/** The policy of a generated config. */
function built(config: ConfigJson): Policy {
  const decoded = decodeConfig(config);
  if (isLeft(decoded)) assert.fail(`${JSON.stringify(config)} does not decode:\n${decoded.left.join("\n")}`);
  // A metric-driven config (a plateau or greedy in it) is the policy of a run that heard metrics
  // that reduce it again and again, NaN among them.
  if (/"policy":"(plateau|greedy)"/.test(JSON.stringify(decoded.right))) {
    return hear(metricPolicyFromConfig(decoded.right), HEARD);
  }
  return buildPolicy(decoded.right);
}

/** Observations after the first 60 updates: bad ones (1, NaN), which reduce whenever patience allows. */
const HEARD: readonly Observation[] = Array.from({ length: 60 }, (_, i) => [i, i % 3 === 2 ? NaN : 1]);

/** A user's schedule of `groups` groups: a cycle of rows of any finite values, a plain function. */
function userScheduleArb(groups: number): fc.Arbitrary<Schedule> {
  return fc.array(fc.array(finiteOfAnyMagnitude, { minLength: groups, maxLength: groups }), {
    minLength: 1,
    maxLength: 5,
  })
    .map((rows) => (t: number) => rows[t % rows.length]);
}

/** A child of `groups` groups without momentum: a config policy at any magnitude, or a user's schedule. */
function childArb(groups: number): fc.Arbitrary<PolicyLike> {
  return fc.oneof(
    configArb(1).map(built).map((
      p,
    ) => (p.groups === groups ? p.lr : (t: number) => new Array<number>(groups).fill(p.lr(t)[0]))),
    userScheduleArb(groups),
  );
}

/** A child that may have momentum (a config's policy), for the combinators that pass it through. */
const policyArb: fc.Arbitrary<Policy> = configArb(1).map(built);

/** A user's scalar function of finite values (a factor, a unit, a scale). */
const userScalarArb: fc.Arbitrary<(t: number) => number> = fc.array(finiteOfAnyMagnitude, {
  minLength: 1,
  maxLength: 5,
})
  .map((vs) => (t: number) => vs[t % vs.length]);

/** A user's wave: a period and heights in [0, 1]. */
const userWaveArb: fc.Arbitrary<Wave> = fc.record({
  period: fc.integer({ min: 2, max: 50 }), // cycle(2^53 - 1) is then a safe integer
  heights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
}).map(({ period, heights }) => ({
  period,
  cycle: (t: number) => Math.floor(t / period) + 1,
  height: (t: number) => heights[t % heights.length],
}));

const groupsArb = fc.integer({ min: 1, max: 3 });

/** `make(g)` for 1 to 3 groups (the group count fixed first, without `.chain`). */
function byGroups<T>(make: (groups: number) => fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof(make(1), make(2), make(3));
}

/** Strictly increasing boundaries from cumulative gaps, each below 2^53 - (how many follow). */
function boundariesOf(gaps: readonly number[], count: number): number[] {
  const b: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    at += gaps[i];
    b.push(Math.min(at, Number.MAX_SAFE_INTEGER - (count - 1 - i)));
  }
  return b;
}
const stepArb = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
const nonNegativeStepArb = fc.oneof(fc.constant(0), stepArb);

/** Every combinator, as an arbitrary of what it builds from finite inputs. */
const COMBINATORS: [string, fc.Arbitrary<Policy | Schedule>][] = [
  [
    "join",
    byGroups((g) =>
      fc.tuple(fc.array(childArb(g), { minLength: 1, maxLength: 4 }), fc.array(stepArb, { minLength: 3, maxLength: 3 }))
    )
      .map(([children, gaps]) => join(children, boundariesOf(gaps, children.length - 1))),
  ],
  [
    "joinPolicies",
    fc.tuple(
      byGroups((groups) =>
        fc.oneof(
          ...[false, true].map((momentum) =>
            fc.array(configOf({ groups, momentum, depth: 1 }).map(built), { minLength: 1, maxLength: 3 })
          ),
        )
      ),
      fc.array(stepArb, { minLength: 2, maxLength: 2 }),
    ).map(([children, gaps]) => joinPolicies(children, boundariesOf(gaps, children.length - 1))),
  ],
  ["product", byGroups((g) => fc.array(childArb(g), { minLength: 1, maxLength: 4 })).map((c) => product(c))],
  [
    "warmup",
    fc.tuple(policyArb, nonNegativeStepArb, rateOfAnyMagnitude, fc.constantFrom<"linear" | "cos">("linear", "cos"))
      .map(([p, steps, from, shape]) => warmup(p, { steps, from, shape })),
  ],
  [
    "warmup of a user's schedule",
    fc.tuple(byGroups(userScheduleArb), stepArb, rateOfAnyMagnitude, fc.constantFrom<"linear" | "cos">("linear", "cos"))
      .map(([s, steps, from, shape]) => warmup(s, { steps, from, shape })),
  ],
  ["repeat", fc.tuple(policyArb, stepArb).map(([p, n]) => repeat(p, n))],
  ["shift", fc.tuple(policyArb, nonNegativeStepArb).map(([p, k]) => shift(p, k))],
  ["resumeAt", fc.tuple(policyArb, nonNegativeStepArb).map(([p, k]) => resumeAt(p, k))],
  [
    "mapSchedule",
    fc.tuple(policyArb, finiteOfAnyMagnitude).map(([p, c]) => mapSchedule(p, (v, g) => (g % 2 === 0 ? v / 2 : c))),
  ],
  [
    "clamp",
    fc.tuple(byGroups(userScheduleArb), finiteOfAnyMagnitude, finiteOfAnyMagnitude)
      .map(([s, a, b]) => clamp(s, { min: Math.min(a, b), max: Math.max(a, b) })),
  ],
  [
    "perGroup(schedules)",
    fc.array(policyArb, { minLength: 1, maxLength: 3 }).map((ps) => perGroup(ps.map((p) => p.lr))),
  ],
  [
    "perGroup(schedule, multipliers)",
    fc.tuple(policyArb, fc.array(finiteOfAnyMagnitude, { minLength: 1, maxLength: 3 }))
      .map(([p, m]) =>
        perGroup(
          p.groups === 1 || p.groups === m.length ? p : p.lr,
          p.groups === 1 || p.groups === m.length ? m : new Array<number>(p.groups).fill(m[0]),
        )
      ),
  ],
  ["scaleBy(schedule, number)", fc.tuple(policyArb, finiteOfAnyMagnitude).map(([p, k]) => scaleBy(p, k))],
  [
    "scaleBy(user schedule, number)",
    fc.tuple(byGroups(userScheduleArb), finiteOfAnyMagnitude).map(([s, k]) => scaleBy(s, k)),
  ],
  ["scaleBy(schedule, function)", fc.tuple(policyArb, userScalarArb).map(([p, f]) => scaleBy(p, f))],
  [
    "between",
    fc.tuple(finiteOfAnyMagnitude, finiteOfAnyMagnitude, userScalarArb).map(
      ([a, b, u]) => (t: number) => [between(a, b, u)(t)],
    ),
  ],
  [
    "between(amplitude(user wave, user scale))",
    fc.tuple(
      finiteOfAnyMagnitude,
      finiteOfAnyMagnitude,
      userWaveArb,
      userScalarArb,
      fc.constantFrom<"cycle" | "iterations">("cycle", "iterations"),
    )
      .map(([a, b, w, f, mode]) => (t: number) => [between(a, b, amplitude(w, scaleFn(f, mode)))(t)]),
  ],
  [
    "stretch",
    byGroups((g) =>
      fc.tuple(
        fc.array(finiteOfAnyMagnitude, { minLength: g, maxLength: g }),
        fc.array(finiteOfAnyMagnitude, { minLength: g, maxLength: g }),
        userScalarArb,
      )
    ).map(([from, to, u]) => stretch(from, to, u)),
  ],
  [
    "cyclic(user wave, user scale)",
    fc.tuple(rateOfAnyMagnitude, rateOfAnyMagnitude, userWaveArb, userScalarArb).map(([baseLr, maxLr, wave, f]) =>
      cyclic({ baseLr, maxLr, wave, scale: scaleFn(f) })
    ),
  ],
  [
    "cyclicLR(cosine wave, scaleFn)",
    fc.tuple(rateOfAnyMagnitude, rateOfAnyMagnitude, fc.integer({ min: 1, max: 100 }), userScalarArb).map((
      [baseLr, maxLr, up, f],
    ) => cyclicLR({ baseLr, maxLr, stepSizeUp: up, wave: "cosine", scaleFn: f, scaleMode: "iterations" })),
  ],
  [
    "cyclicLR(registered wave and scale)",
    fc.tuple(rateOfAnyMagnitude, rateOfAnyMagnitude, userWaveArb, userScalarArb).map(([baseLr, maxLr, w, f]) => {
      const registry = createRegistry();
      registerWave("w", () => w, registry);
      registerScale("s", () => f, registry);
      return cyclicLR({ baseLr, maxLr, wave: { name: "w" }, scale: { name: "s", mode: "cycle" }, registry });
    }),
  ],
  [
    "phases (built-in and user anneals)",
    fc.tuple(
      groupsArb,
      fc.array(
        fc.tuple(
          fc.double({ min: 0, max: 1e6, noNaN: true }),
          rateOfAnyMagnitude,
          rateOfAnyMagnitude,
          fc.constantFrom(0, 1, 2),
        ),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    ).map(([groups, list]) => {
      let end = 0;
      const anneals = [annealLinear, annealCos, (a: number, b: number, p: number) => (p < 0.5 ? a : b)];
      return phases(list.map(([d, from, to, a]) => ({ end: end += d, from, to, anneal: anneals[a] })), { groups });
    }),
  ],
];

/** The schedules of what a combinator built. */
function schedulesOf(x: Policy | Schedule): Schedule[] {
  if ("lr" in x && typeof x.lr === "function") return x.momentum ? [x.lr, x.momentum] : [x.lr];
  return [x];
}

for (const [name, arb] of COMBINATORS) {
  describe(name, () => {
    test("of finite inputs is finite at every iteration up to 2^53 - 1, at every magnitude", () =>
      fc.assert(
        fc.property(arb, iterationOfAnyMagnitude, (x, t) => {
          for (const s of schedulesOf(x)) finite(s, t);
        }),
        RUNS,
      ));

    test("of finite inputs samples finite values (the scalar forms too)", () =>
      fc.assert(
        fc.property(arb, iterationOfAnyMagnitude, (x, t) => {
          const start = Math.min(t, Number.MAX_SAFE_INTEGER - 7);
          for (const s of schedulesOf(x)) {
            const values = sample(s, start, 8);
            assert.ok(values.every(Number.isFinite), `sample(s, ${start}, 8) = ${[...values]}`);
          }
        }),
        RUNS,
      ));
  });
}

test("annealCos and annealLinear of finite ends are finite, also when the ends are ±Number.MAX_VALUE", () =>
  fc.assert(
    fc.property(finiteOfAnyMagnitude, finiteOfAnyMagnitude, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, pct) => {
      assert.ok(Number.isFinite(annealCos(a, b, pct)), `annealCos(${a}, ${b}, ${pct})`);
      assert.ok(Number.isFinite(annealLinear(a, b, pct)), `annealLinear(${a}, ${b}, ${pct})`);
    }),
    { numRuns: 1000, examples: [[-MAX, MAX, 0.5], [MAX, -MAX, 0.25], [MAX, -MAX, 0]] },
  ));

test("cosineWave and triangle heights stay in [0, 1] at every magnitude of step sizes", () =>
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      iterationOfAnyMagnitude,
      (up, down, t) => {
        for (
          const w of [
            cosineWave({ stepSizeUp: up, stepSizeDown: down }),
            triangle({ stepSizeUp: up, stepSizeDown: down }),
          ]
        ) {
          const h = w.height(t);
          assert.ok(h >= 0 && h <= 1, `height(${t}) = ${h}`);
        }
      },
    ),
    RUNS,
  ));
