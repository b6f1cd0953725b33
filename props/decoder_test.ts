// Laws of the config decoder: it never throws; a valid config broken in one field fails
// with messages that start with exactly that field's path; normal forms are fixed points;
// encodeConfig(buildPolicy(decode(c))) decodes to decode(c) and builds the same numbers.
// Valid configs are built by construction (`.map`), never by `.filter`.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { keyText } from "../lib/_check.ts";
import { buildPolicy, type Config, decodeConfig, encodeConfig } from "../config.ts";

type Json = Record<string, unknown>;

/** A rate: 0, tiny, ordinary or large. */
const rate = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-8, max: 1e-3, noNaN: true }),
  fc.double({ min: 0, max: 10, noNaN: true }),
);

/** A per-group value before the group count is known: a scalar, or up to 3 values. */
const perGroupRaw = fc.record({
  scalar: rate,
  values: fc.array(rate, { minLength: 3, maxLength: 3 }),
  asArray: fc.boolean(),
});
type PerGroupRaw = { scalar: number; values: number[]; asArray: boolean };

function isPerGroupRaw(v: unknown): v is PerGroupRaw {
  return typeof v === "object" && v !== null && "asArray" in v && "values" in v && "scalar" in v;
}

/** Resolves the per-group placeholders of a config for `g` groups; `groups` when g > 1. */
function withGroups(fields: Json, g: number): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = isPerGroupRaw(v) ? (v.asArray ? v.values.slice(0, g) : v.scalar) : v;
  }
  if (g > 1) out.groups = g;
  return out;
}

/** A policy: its valid configs (with `g` groups) and the kind of each breakable field. */
interface PolicyCase {
  readonly arb: (g: fc.Arbitrary<number>) => fc.Arbitrary<Json>;
  readonly fields: Readonly<Record<string, Kind>>;
}

/** The kinds of fields, by what breaks them. */
type Kind =
  | "policy"
  | "positiveInt"
  | "nonNegativeInt"
  | "rate"
  | "fraction"
  | "gamma"
  | "positive"
  | "atLeastOne"
  | "boolean"
  | "groups"
  | "mode"
  | "anneal"
  | "decays"
  | "wave"
  | "table"
  | "schedules"
  | "boundaries"
  | "warmupShape"
  | "decayShape"
  | "noiseType"
  | "schedule"
  | "finite"
  | "interpolate"
  | "cycleCount";

/** Values that break a field of each kind, alone (no cross-field error follows from them). */
const BAD: Readonly<Record<Kind, readonly unknown[]>> = {
  policy: ["cyclical", 3, null],
  positiveInt: [-3, 0, 1.5, 1e300, 2 ** 53, "10", null, Number.NaN],
  nonNegativeInt: [-1, 0.5, 1e300, "0", true],
  rate: [-1, "0.1", [], [-1], [0.1, "x"], null, Infinity, {}],
  fraction: [-0.1, 1.1, "0.5", Number.NaN],
  gamma: [0, 1.5, -1, "1"],
  positive: [0, -1, "2", Infinity],
  atLeastOne: [0.5, -1, Infinity],
  boolean: [1, "true", null],
  groups: [0, 1.5, 1e9, "2"],
  mode: ["triangle", 1],
  anneal: ["cosine", null],
  decays: ["both"],
  wave: [{ name: "square" }, { name: "cosine", params: { a: 1 } }, "cosine", { name: 1 }],
  table: ["x", [], null, { x: 1 }, { "5": -1 }],
  schedules: [[], "x"],
  boundaries: ["x", [-1], [0.5], null],
  warmupShape: ["power", "sqrt", 1],
  decayShape: ["sqrt", "exp", null],
  noiseType: ["gaussian", 0],
  schedule: ["x", [], null, 3],
  finite: [Infinity, -Infinity, "1", null, Number.NaN],
  interpolate: ["linar", "", 1, null],
  cycleCount: [-1, 1e300, "1", Infinity, null],
};

const step = fc.integer({ min: 1, max: 5000 });
const groups = fc.integer({ min: 1, max: 3 });

function record(
  policy: string,
  required: Record<string, fc.Arbitrary<unknown>>,
  optional: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Json> {
  const model: Record<string, fc.Arbitrary<unknown>> = { policy: fc.constant(policy), ...required, ...optional };
  const requiredKeys: string[] = ["policy", ...Object.keys(required)];
  return fc.record(model, { requiredKeys });
}

const CASES: Readonly<Record<string, PolicyCase>> = {
  cyclic: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("cyclic", {}, {
          baseLr: perGroupRaw,
          maxLr: perGroupRaw,
          stepSizeUp: step,
          stepSizeDown: step,
          mode: fc.constantFrom("triangular", "triangular2", "exp_range"),
          gamma: fc.double({ min: 0.5, max: 1, noNaN: true }),
          expRangeDecays: fc.constantFrom("amplitude", "bounds"),
          cycleMomentum: fc.boolean(),
          baseMomentum: perGroupRaw,
          maxMomentum: perGroupRaw,
          wave: fc.constantFrom({ name: "triangle" }, { name: "cosine", params: {} }),
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: {
      policy: "policy",
      baseLr: "rate",
      maxLr: "rate",
      stepSizeUp: "positiveInt",
      stepSizeDown: "positiveInt",
      mode: "mode",
      gamma: "gamma",
      expRangeDecays: "decays",
      cycleMomentum: "boolean",
      baseMomentum: "rate",
      maxMomentum: "rate",
      wave: "wave",
      groups: "groups",
    },
  },
  oneCycle: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("oneCycle", { maxLr: perGroupRaw, totalSteps: step }, {
          pctStart: fc.double({ min: 0, max: 1, noNaN: true }),
          annealStrategy: fc.constantFrom("cos", "linear"),
          divFactor: fc.double({ min: 1, max: 1e3, noNaN: true }),
          finalDivFactor: fc.double({ min: 1, max: 1e5, noNaN: true }),
          threePhase: fc.boolean(),
          cycleMomentum: fc.boolean(),
          baseMomentum: perGroupRaw,
          maxMomentum: perGroupRaw,
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: {
      maxLr: "rate",
      totalSteps: "positiveInt",
      pctStart: "fraction",
      annealStrategy: "anneal",
      divFactor: "positive",
      finalDivFactor: "positive",
      threePhase: "boolean",
      cycleMomentum: "boolean",
      baseMomentum: "rate",
      maxMomentum: "rate",
    },
  },
  cosineRestarts: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("cosineRestarts", { baseLr: perGroupRaw, t0: step }, {
          tMult: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.double({ min: 1, max: 3, noNaN: true })),
          etaMin: perGroupRaw,
          cycleDecay: fc.double({ min: 0.1, max: 1, noNaN: true }),
          cycleLimit: fc.integer({ min: 1, max: 10 }),
          warmupSteps: fc.nat({ max: 5000 }),
        }),
      }).map(({ g, fields }) => {
        const c = withGroups(fields, g);
        if (typeof c.warmupSteps === "number" && typeof c.t0 === "number") c.warmupSteps %= c.t0;
        return c;
      }),
    fields: {
      baseLr: "rate",
      t0: "positiveInt",
      tMult: "atLeastOne",
      etaMin: "rate",
      cycleDecay: "gamma",
      cycleLimit: "positiveInt",
      warmupSteps: "nonNegativeInt",
    },
  },
  constant: {
    arb: (g) =>
      fc.record({ g, fields: record("constant", { value: perGroupRaw }, {}) }).map(({ g, fields }) =>
        withGroups(fields, g)
      ),
    fields: { value: "rate", groups: "groups" },
  },
  linear: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("linear", { initValue: perGroupRaw, endValue: perGroupRaw, transitionSteps: step }, {
          transitionBegin: fc.nat({ max: 1000 }),
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: { initValue: "rate", endValue: "rate", transitionSteps: "positiveInt", transitionBegin: "nonNegativeInt" },
  },
  polynomial: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("polynomial", {
          initValue: perGroupRaw,
          endValue: perGroupRaw,
          power: fc.double({ min: 0.1, max: 5, noNaN: true }),
          transitionSteps: step,
        }, { transitionBegin: fc.nat({ max: 1000 }) }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: { initValue: "rate", endValue: "rate", power: "positive", transitionSteps: "positiveInt" },
  },
  exponentialDecay: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("exponentialDecay", {
          initValue: perGroupRaw,
          transitionSteps: step,
          decayRate: fc.double({ min: 0.01, max: 2, noNaN: true }),
        }, { transitionBegin: fc.nat({ max: 1000 }), staircase: fc.boolean(), endValue: perGroupRaw }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: {
      initValue: "rate",
      transitionSteps: "positiveInt",
      decayRate: "positive",
      transitionBegin: "nonNegativeInt",
      staircase: "boolean",
      endValue: "rate",
    },
  },
  cosineDecay: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("cosineDecay", { initValue: perGroupRaw, decaySteps: step }, {
          alpha: fc.double({ min: 0, max: 1, noNaN: true }),
          exponent: fc.double({ min: 0.1, max: 4, noNaN: true }),
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: { initValue: "rate", decaySteps: "positiveInt", alpha: "fraction", exponent: "positive" },
  },
  warmupCosineDecay: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("warmupCosineDecay", {
          initValue: perGroupRaw,
          peakValue: perGroupRaw,
          warmupSteps: fc.nat({ max: 1000 }),
          decaySteps: step,
        }, { endValue: perGroupRaw, exponent: fc.double({ min: 0.1, max: 4, noNaN: true }) }),
      }).map(({ g, fields }) => {
        const c = withGroups(fields, g);
        if (typeof c.warmupSteps === "number" && typeof c.decaySteps === "number") c.decaySteps += c.warmupSteps;
        return c;
      }),
    fields: { initValue: "rate", peakValue: "rate", endValue: "rate", exponent: "positive" },
  },
  piecewiseConstant: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("piecewiseConstant", {
          initValue: perGroupRaw,
          boundariesAndScales: fc.dictionary(
            fc.nat({ max: 100_000 }).map(String),
            fc.double({ min: 0, max: 2, noNaN: true }),
            {
              maxKeys: 5,
            },
          ),
        }, {}),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: { initValue: "rate", boundariesAndScales: "table" },
  },
  tanhDecay: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("tanhDecay", { baseLr: perGroupRaw, tInitial: step }, {
          lrMin: perGroupRaw,
          cycleMul: fc.double({ min: 1, max: 3, noNaN: true }),
          cycleDecay: fc.double({ min: 0.1, max: 1, noNaN: true }),
          cycleLimit: fc.nat({ max: 10 }),
          warmupT: fc.nat({ max: 100 }),
          warmupLrInit: perGroupRaw,
          warmupPrefix: fc.boolean(),
          lb: fc.double({ min: -10, max: -1, noNaN: true }),
          ub: fc.double({ min: 0, max: 10, noNaN: true }),
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: {
      baseLr: "rate",
      tInitial: "positiveInt",
      lrMin: "rate",
      cycleMul: "atLeastOne",
      cycleDecay: "gamma",
      cycleLimit: "nonNegativeInt",
      warmupT: "nonNegativeInt",
      warmupLrInit: "rate",
      warmupPrefix: "boolean",
      lb: "finite",
      ub: "finite",
    },
  },
  poly: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("poly", { baseLr: perGroupRaw, tInitial: step }, {
          lrMin: perGroupRaw,
          cycleMul: fc.double({ min: 1, max: 3, noNaN: true }),
          cycleDecay: fc.double({ min: 0.1, max: 1, noNaN: true }),
          cycleLimit: fc.nat({ max: 10 }),
          warmupT: fc.nat({ max: 100 }),
          warmupLrInit: perGroupRaw,
          warmupPrefix: fc.boolean(),
          power: fc.double({ min: 0.1, max: 5, noNaN: true }),
          kDecay: fc.double({ min: 0.1, max: 5, noNaN: true }),
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: {
      baseLr: "rate",
      tInitial: "positiveInt",
      lrMin: "rate",
      cycleLimit: "nonNegativeInt",
      power: "positive",
      kDecay: "positive",
    },
  },
  polynomialDecay: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("polynomialDecay", { initValue: perGroupRaw, decaySteps: step }, {
          endValue: perGroupRaw,
          power: fc.double({ min: 0.1, max: 5, noNaN: true }),
          cycle: fc.boolean(),
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: { initValue: "rate", decaySteps: "positiveInt", endValue: "rate", power: "positive", cycle: "boolean" },
  },
  cosineWithWarmup: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("cosineWithWarmup", { peakValue: perGroupRaw, totalSteps: step }, {
          warmupSteps: fc.nat({ max: 5000 }),
          numCycles: fc.double({ min: 0, max: 5, noNaN: true }),
          minLrRatio: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
      }).map(({ g, fields }) => {
        const c = withGroups(fields, g);
        // the warm-up fits in the run
        if (typeof c.warmupSteps === "number" && typeof c.totalSteps === "number") c.totalSteps += c.warmupSteps;
        return c;
      }),
    fields: { peakValue: "rate", totalSteps: "positiveInt", numCycles: "cycleCount", minLrRatio: "fraction" },
  },
  cosineWithHardRestarts: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("cosineWithHardRestarts", { peakValue: perGroupRaw, totalSteps: step }, {
          warmupSteps: fc.nat({ max: 5000 }),
          numCycles: fc.double({ min: 0, max: 5, noNaN: true }),
        }),
      }).map(({ g, fields }) => {
        const c = withGroups(fields, g);
        if (typeof c.warmupSteps === "number" && typeof c.totalSteps === "number") c.totalSteps += c.warmupSteps;
        return c;
      }),
    fields: { peakValue: "rate", totalSteps: "positiveInt", numCycles: "cycleCount" },
  },
  cosineAnnealing: {
    arb: (g) =>
      fc.record({ g, fields: record("cosineAnnealing", { baseLr: perGroupRaw, tMax: step }, { etaMin: perGroupRaw }) })
        .map(({ g, fields }) => withGroups(fields, g)),
    fields: { baseLr: "rate", tMax: "positiveInt", etaMin: "rate" },
  },
  linearOneCycle: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("linearOneCycle", { transitionSteps: step, peakValue: perGroupRaw }, {
          pctStart: fc.double({ min: 0, max: 0.5, noNaN: true }),
          pctFinal: fc.double({ min: 0.5, max: 1, noNaN: true }),
          divFactor: fc.double({ min: 0.5, max: 100, noNaN: true }),
          finalDivFactor: fc.double({ min: 0.5, max: 1e5, noNaN: true }),
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: {
      transitionSteps: "positiveInt",
      peakValue: "rate",
      pctStart: "fraction",
      pctFinal: "fraction",
      divFactor: "positive",
      finalDivFactor: "positive",
    },
  },
  cosineOneCycle: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("cosineOneCycle", { transitionSteps: step, peakValue: perGroupRaw }, {
          pctStart: fc.double({ min: 0, max: 1, noNaN: true }),
          divFactor: fc.double({ min: 0.5, max: 100, noNaN: true }),
          finalDivFactor: fc.double({ min: 0.5, max: 1e5, noNaN: true }),
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: {
      transitionSteps: "positiveInt",
      peakValue: "rate",
      pctStart: "fraction",
      divFactor: "positive",
      finalDivFactor: "positive",
    },
  },
  piecewiseInterpolate: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("piecewiseInterpolate", {
          interpolateType: fc.constantFrom("linear", "cosine"),
          initValue: perGroupRaw,
        }, {
          boundariesAndScales: fc.dictionary(
            fc.nat({ max: 100_000 }).map(String),
            fc.double({ min: 0, max: 2, noNaN: true }),
            {
              maxKeys: 5,
            },
          ),
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: { interpolateType: "interpolate", initValue: "rate", boundariesAndScales: "table" },
  },
};

/** wsd's shapes with the fields that come with them (numCycles with cosine, decayPower with power). */
const wsdShapes = fc.oneof(
  fc.record({ decayShape: fc.constantFrom("linear", "1-sqrt") }),
  fc.record({ decayShape: fc.constant("cosine"), numCycles: fc.double({ min: 0.1, max: 3, noNaN: true }) }, {
    requiredKeys: ["decayShape"],
  }),
  fc.record({ decayShape: fc.constant("power"), decayPower: fc.double({ min: 0.1, max: 4, noNaN: true }) }),
);

/** wsd with its stable phase as `stableSteps` or (`total`) as `totalSteps`. */
function wsdCase(total: boolean): PolicyCase {
  return {
    arb: (g) =>
      fc.record({
        g,
        fields: record("wsd", { peakValue: perGroupRaw, decaySteps: step, stable: fc.nat({ max: 5000 }) }, {
          warmupSteps: fc.nat({ max: 1000 }),
          minLrRatio: fc.double({ min: 0, max: 1, noNaN: true }),
          warmupShape: fc.constantFrom("linear", "cosine", "1-sqrt"),
        }),
        shapes: wsdShapes,
      }).map(({ g, fields, shapes }) => {
        const { stable, ...c } = withGroups({ ...fields, ...shapes }, g);
        const w = typeof c.warmupSteps === "number" ? c.warmupSteps : 0;
        const d = typeof c.decaySteps === "number" ? c.decaySteps : 1;
        const s = typeof stable === "number" ? stable : 0;
        return total ? { ...c, totalSteps: w + s + d } : { ...c, stableSteps: s };
      }),
    fields: {
      peakValue: "rate",
      warmupSteps: "nonNegativeInt",
      [total ? "totalSteps" : "stableSteps"]: total ? "positiveInt" : "nonNegativeInt",
      decaySteps: "positiveInt",
      minLrRatio: "fraction",
      warmupShape: "warmupShape",
      decayShape: "decayShape",
      numCycles: "positive",
      decayPower: "positive",
      groups: "groups",
    },
  };
}

const CASES_02: Readonly<Record<string, PolicyCase>> = {
  "wsd (stableSteps)": wsdCase(false),
  "wsd (totalSteps)": wsdCase(true),
  inverseSqrt: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("inverseSqrt", { peakValue: perGroupRaw }, {
          warmupSteps: fc.nat({ max: 5000 }),
          timescale: step,
        }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: { peakValue: "rate", warmupSteps: "nonNegativeInt", timescale: "positiveInt", groups: "groups" },
  },
  inverseTimeDecay: {
    arb: (g) =>
      fc.record({
        g,
        fields: record("inverseTimeDecay", {
          initValue: perGroupRaw,
          decaySteps: step,
          decayRate: fc.double({ min: 0, max: 10, noNaN: true }),
        }, { staircase: fc.boolean() }),
      }).map(({ g, fields }) => withGroups(fields, g)),
    fields: { initValue: "rate", decaySteps: "positiveInt", decayRate: "rate", staircase: "boolean", groups: "groups" },
  },
};

/** Policies whose configs have no momentum when `cycleMomentum` is false. */
const NO_MOMENTUM = [
  "constant",
  "linear",
  "polynomial",
  "exponentialDecay",
  "cosineDecay",
  "warmupCosineDecay",
  "piecewiseConstant",
  "cosineRestarts",
  "cyclic",
  "oneCycle",
  "wsd (stableSteps)",
  "wsd (totalSteps)",
  "inverseSqrt",
  "inverseTimeDecay",
  "tanhDecay",
  "poly",
  "polynomialDecay",
  "cosineWithWarmup",
  "cosineWithHardRestarts",
  "cosineAnnealing",
  "linearOneCycle",
  "cosineOneCycle",
  "piecewiseInterpolate",
];

/** A valid one-group child of a join, without momentum. */
const childArb: fc.Arbitrary<Json> = fc.oneof(
  ...NO_MOMENTUM.map((name) =>
    (CASES[name] ?? CASES_02[name]).arb(fc.constant(1)).map((
      c,
    ) => ("cycleMomentum" in c || name === "cyclic" || name === "oneCycle" ? { ...c, cycleMomentum: false } : c))
  ),
);

/** Strictly increasing boundaries for `n` children. */
function boundariesOf(first: number, gaps: readonly number[]): number[] {
  const out: number[] = [];
  let b = first;
  for (const gap of gaps) {
    out.push(b);
    b += gap;
  }
  return out;
}

const joinArb: fc.Arbitrary<Json> = fc.record({
  schedules: fc.array(childArb, { minLength: 1, maxLength: 3 }),
  first: fc.nat({ max: 1000 }),
  gaps: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 3, maxLength: 3 }),
}).map(({ schedules, first, gaps }) => ({
  policy: "join",
  schedules,
  boundaries: boundariesOf(first, gaps.slice(0, schedules.length - 1)),
}));

/** The combinators of one schedule, with the kinds of their own fields. */
const cooldownArb: fc.Arbitrary<Json> = fc.record({
  schedule: childArb,
  at: fc.nat({ max: 10_000 }),
  steps: step,
  shape: fc.oneof(
    fc.record({ shape: fc.constantFrom("linear", "cosine", "1-sqrt") }),
    fc.record({ shape: fc.constant("power"), power: fc.double({ min: 0.1, max: 4, noNaN: true }) }),
  ),
  endValue: fc.option(perGroupRaw, { nil: undefined }),
}).map(({ schedule, at, steps, shape, endValue }) => ({
  policy: "cooldown",
  schedule,
  at,
  steps,
  ...shape,
  ...(endValue === undefined ? {} : { endValue: endValue.asArray ? endValue.values : endValue.scalar }),
}));
const COOLDOWN_FIELDS: Readonly<Record<string, Kind>> = {
  schedule: "schedule",
  at: "nonNegativeInt",
  steps: "positiveInt",
  shape: "decayShape",
  power: "positive",
  endValue: "rate",
};

const noiseArb: fc.Arbitrary<Json> = fc.record({
  schedule: childArb,
  pct: fc.double({ min: 0.001, max: 3, noNaN: true }),
  type: fc.constantFrom("normal", "uniform"),
  seed: fc.maxSafeNat(),
  start: fc.nat({ max: 1000 }),
  length: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
}, { requiredKeys: ["schedule"] }).map(({ length, start, ...c }) => ({
  policy: "noise",
  ...c,
  ...(start === undefined ? {} : { start }),
  ...(length === undefined ? {} : { end: (start ?? 0) + length }),
}));
const NOISE_FIELDS: Readonly<Record<string, Kind>> = {
  schedule: "schedule",
  pct: "positive",
  type: "noiseType",
  seed: "nonNegativeInt",
  start: "nonNegativeInt",
  end: "positiveInt",
};

const productArb: fc.Arbitrary<Json> = fc.array(childArb, { minLength: 2, maxLength: 3 }).map((schedules) => ({
  policy: "product",
  schedules,
}));

/** Any valid config, with 1 to 3 groups. */
const validArb: fc.Arbitrary<Json> = fc.oneof(
  ...Object.values(CASES).map((c) => c.arb(groups)),
  ...Object.values(CASES_02).map((c) => c.arb(groups)),
  joinArb,
  cooldownArb,
  noiseArb,
  productArb,
);

function decodeOk(json: unknown): Config {
  const r = decodeConfig(json);
  if (r._tag === "Left") {
    throw new Error(`a valid config did not decode:\n${r.left.join("\n")}\n${JSON.stringify(json)}`);
  }
  return r.right;
}

/** A valid config of one policy broken in one field, with that field's name. */
const brokenArb = fc.oneof(
  ...[...Object.values(CASES), ...Object.values(CASES_02)].map((c) =>
    fc.tuple(c.arb(groups), fc.constantFrom(...Object.entries(c.fields)), fc.nat()).map(
      ([config, [field, kind], k]) => {
        const bad = BAD[kind];
        return { config: { ...config, [field]: bad[k % bad.length] }, path: field };
      },
    )
  ),
  ...([[cooldownArb, COOLDOWN_FIELDS], [noiseArb, NOISE_FIELDS]] as const).map(([arb, fields]) =>
    fc.tuple(arb, fc.constantFrom(...Object.entries(fields)), fc.nat()).map(([config, [field, kind], k]) => {
      const bad = BAD[kind];
      return { config: { ...config, [field]: bad[k % bad.length] }, path: field };
    })
  ),
  fc.tuple(productArb, fc.nat()).map(([config, k]) => {
    const bad = [[], "x", [config.schedules instanceof Array ? config.schedules[0] : {}]];
    return { config: { ...config, schedules: bad[k % bad.length] }, path: "schedules" };
  }),
  fc.tuple(joinArb, fc.constantFrom<"schedules" | "boundaries">("schedules", "boundaries"), fc.nat()).map(
    ([config, field, k]) => {
      // Broken schedules keep their count (else the boundaries are wrong too, and are reported).
      const count = Array.isArray(config.schedules) ? config.schedules.length : 0;
      const bad = field === "boundaries" ? BAD.boundaries : [...BAD.schedules, new Array(count).fill(1)];
      return { config: { ...config, [field]: bad[k % bad.length] }, path: field };
    },
  ),
);

/** Whether `line` is about `path` (the field itself, an element or a sub-field of it). */
function isAbout(line: string, path: string): boolean {
  return line.startsWith(path) && [":", "[", "."].includes(line[path.length]);
}

describe("decodeConfig laws", () => {
  test("never throws, on any JSON value; gives error lines or a fixed point", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const r = decodeConfig(json);
        if (r._tag === "Left") {
          assert.ok(r.left.length > 0 && r.left.every((l) => typeof l === "string" && l.length > 0));
        } else assert.deepEqual(decodeOk(r.right), r.right);
      }),
      { numRuns: 300 },
    );
  });

  test("never throws on a valid config with one field replaced by any JSON value", () => {
    fc.assert(
      fc.property(validArb, fc.string(), fc.jsonValue(), fc.boolean(), (config, key, value, known) => {
        const keys = Object.keys(config);
        const field = known ? keys[key.length % keys.length] : key;
        const r = decodeConfig({ ...config, [field]: value });
        if (r._tag === "Right") assert.deepEqual(decodeOk(r.right), r.right);
      }),
      { numRuns: 300 },
    );
  });

  test("a valid config broken in one field fails with messages that start with exactly its path", () => {
    fc.assert(
      fc.property(brokenArb, ({ config, path }) => {
        const r = decodeConfig(config);
        assert.ok(r._tag === "Left", `${path} broken, yet decoded: ${JSON.stringify(config)}`);
        assert.ok(r.left.some((l) => l.startsWith(`${path}`)), r.left.join("\n"));
        for (const line of r.left) assert.ok(isAbout(line, path), `${path}: ${line}`);
      }),
      { numRuns: 300 },
    );
  });

  test("inside a join, the path of a broken field is schedules[i].field", () => {
    const arb = fc.record({
      join: joinArb,
      broken: brokenArb,
      at: fc.nat(),
    }).map(({ join, broken, at }) => {
      const schedules = [...(Array.isArray(join.schedules) ? join.schedules : [])];
      const i = at % schedules.length;
      schedules[i] = broken.config;
      return { config: { ...join, schedules }, path: `schedules[${i}].${broken.path}` };
    });
    fc.assert(
      fc.property(arb, ({ config, path }) => {
        const r = decodeConfig(config);
        assert.ok(r._tag === "Left");
        for (const line of r.left) assert.ok(isAbout(line, path), `${path}: ${line}`);
      }),
      { numRuns: 200 },
    );
  });

  test("an unknown key is named, alone, quoted when it does not read as a name, perhaps with the nearest field", () => {
    fc.assert(
      fc.property(validArb, fc.string({ minLength: 1 }).map((k) => `x${k}`), fc.jsonValue(), (config, key, value) => {
        const r = decodeConfig({ ...config, [key]: value });
        assert.ok(r._tag === "Left" && r.left.length === 1, JSON.stringify(r));
        const named = `${keyText(key)}: unknown field`;
        assert.ok(r.left[0] === named || /^; did you mean \w+\?$/.test(r.left[0].slice(named.length)), r.left[0]);
        assert.ok(r.left[0].startsWith(named), r.left[0]);
        assert.ok(!r.left[0].includes("\n"), "one line, whatever the key");
      }),
      { numRuns: 200 },
    );
  });

  test("round trip: encodeConfig(buildPolicy(decode(c))) decodes to decode(c), and builds the same numbers", () => {
    fc.assert(
      fc.property(validArb, fc.array(fc.nat({ max: 2_000_000 }), { minLength: 1, maxLength: 5 }), (config, ts) => {
        const normal = decodeOk(config);
        assert.deepEqual(decodeOk(normal), normal, "the normal form is a fixed point");
        const policy = buildPolicy(normal);
        const encoded = encodeConfig(policy);
        assert.deepEqual(decodeOk(encoded), normal);
        const again = buildPolicy(decodeOk(JSON.parse(JSON.stringify(encoded))));
        assert.equal(again.groups, policy.groups);
        assert.equal(again.momentum === undefined, policy.momentum === undefined);
        for (const t of [0, ...ts, Number.MAX_SAFE_INTEGER]) {
          const a = policy.lr(t), b = again.lr(t);
          assert.equal(a.length, policy.groups);
          a.forEach((v, g) => {
            assert.ok(Number.isFinite(v), `lr(${t})[${g}] = ${v}`);
            assert.ok(Math.abs(v - b[g]) <= 1e-12 * Math.max(1, Math.abs(v)), `lr(${t})[${g}]: ${v} != ${b[g]}`);
          });
          const m = policy.momentum?.(t), n = again.momentum?.(t);
          m?.forEach((v, g) => assert.ok(Math.abs(v - (n?.[g] ?? NaN)) <= 1e-12, `momentum(${t})[${g}]`));
        }
      }),
      { numRuns: 200 },
    );
  });
});
