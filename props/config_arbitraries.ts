// Arbitraries of valid schedule configs (JSON, as `clr eval` reads them), one generator per
// policy name of the spec, at every magnitude a config may hold: rates from 0 and subnormals
// to Number.MAX_VALUE, gamma a few ulps below 1, real tMult, cycle decay and limits, nested
// join and product, iterations up to 2^53 - 1. Valid by construction (`.map`, never
// `.filter`); props/config_finite_test.ts checks that each one decodes.
//
// Used by the finite-values law (props/config_finite_test.ts) and by the cross-engine test
// (test/cross_engine_test.ts), which samples it with a fixed seed. A new policy adds its
// generator to CONFIG_ARBITRARIES: the compiler and props/config_finite_test.ts both insist.
import fc from "fast-check";
import type { PolicyName } from "../lib/config/types.ts";

/** A config as JSON. */
export type ConfigJson = { readonly policy: string } & { readonly [field: string]: unknown };

/** What a generator must produce: how many groups, with or without momentum, how deep it may nest. */
export interface Want {
  /** The number of groups (every per-group field has this many values, or one). */
  readonly groups: number;
  /** Whether the config must define momentum (`cyclic`/`oneCycle` with `cycleMomentum: true`). */
  readonly momentum: boolean;
  /** How many levels of child configs a combinator may still add (0: none). */
  readonly depth: number;
}

/** The configs of a policy that meet `want`, or undefined when it cannot (a constant has no momentum). */
export type ConfigGenerator = (
  want: Want,
  child: (want: Want) => fc.Arbitrary<ConfigJson>,
) => fc.Arbitrary<ConfigJson> | undefined;

const MIN_NORMAL = 2.2250738585072014e-308;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A rate (finite, >= 0) at every magnitude: 0, subnormal, tiny, ordinary, large, near Number.MAX_VALUE. */
export const rateOfAnyMagnitude: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, Number.MIN_VALUE, Number.MAX_VALUE) },
  { weight: 1, arbitrary: fc.double({ min: Number.MIN_VALUE, max: MIN_NORMAL, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 1e-8, max: 1e-3, noNaN: true }) },
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 1, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 1e300, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }) },
);

/** A momentum bound: usually in [0.8, 1], sometimes any rate. */
const momentumValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0.8, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: rateOfAnyMagnitude },
);

/** A positive step count: short (boundaries get visited), long, or up to 2^53 - 1. */
const stepsValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 30 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 5000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 10_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: MAX_SAFE }) },
);

/** A non-negative begin or boundary. */
const beginValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: MAX_SAFE }) },
);

/** `gamma`, `cycleDecay`: in (0, 1], often 1, often a few ulps to 1e-6 below 1, sometimes tiny. */
export const gammaValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(1) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 64 }).map((k) => 1 - k * 2 ** -53) },
  { weight: 2, arbitrary: fc.double({ min: 1 - 1e-6, max: 1, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 0.99, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }) },
);

/** A power or exponent: finite and > 0, from very flat to very steep. */
const powerValue: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(1, 2, 0.5),
  fc.double({ min: 0.05, max: 5, noNaN: true }),
  fc.double({ min: Number.MIN_VALUE, max: 1e6, noNaN: true }),
);

/** `decayRate`: below 1, exactly 1, just above 1, above 1, at the extremes. */
const decayRateValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 1e-3, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 64 }).map((k) => 1 + k * 2 ** -52) },
  { weight: 2, arbitrary: fc.double({ min: 1, max: 10, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
  },
);

/** A fraction in [0, 1], with both ends. */
const fractionValue: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, 0.3, 0.5),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

/** One group's value or one value per group, as a config writes them. */
type Written = number | readonly number[];

/** `n` values of `arb`, written as one scalar (repeated) or as an array of `n`. */
function perGroup(arb: fc.Arbitrary<number>, n: number): fc.Arbitrary<Written> {
  return fc.oneof(arb, fc.array(arb, { minLength: n, maxLength: n }));
}

/**
 * A config with `policy` and its fields; with more than one group, `"groups": n` when no field
 * is an array (it is required then) and sometimes beside arrays (where it must equal their length).
 */
function config(
  policy: string,
  fields: Readonly<Record<string, unknown>>,
  n: number,
  groupsField: boolean,
): ConfigJson {
  const out: Record<string, unknown> = { policy };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  const anyArray = Object.values(fields).some(Array.isArray);
  if (n > 1 && (groupsField || !anyArray)) out.groups = n;
  return out as ConfigJson;
}

/** Per-group rate fields: `names` each `n` rates (or one). */
function rates(names: readonly string[], n: number, value: fc.Arbitrary<number> = rateOfAnyMagnitude) {
  return fc.record(
    Object.fromEntries(names.map((k) => [k, perGroup(value, n)])) as Record<string, fc.Arbitrary<Written>>,
  );
}

/** The largest of some written values. */
function largest(...vs: Written[]): number {
  let m = 0;
  for (const v of vs) for (const x of typeof v === "number" ? [v] : v) if (x > m) m = x;
  return m;
}

const cyclic: ConfigGenerator = (want) =>
  fc.record({
    r: rates(["baseLr", "maxLr"], want.groups),
    m: rates(["baseMomentum", "maxMomentum"], want.groups, momentumValue),
    steps: fc.oneof(
      fc.record({ stepSize: stepsValue }),
      fc.record({ stepSizeUp: stepsValue, stepSizeDown: fc.option(stepsValue, { nil: undefined }) }),
    ),
    mode: fc.option(fc.constantFrom("triangular", "triangular2", "exp_range"), { nil: undefined }),
    gamma: fc.option(gammaValue, { nil: undefined }),
    expRangeDecays: fc.option(fc.constantFrom("amplitude", "bounds"), { nil: undefined }),
    wave: fc.option(fc.constantFrom("triangle", "cosine"), { nil: undefined }),
    plainMomentum: fc.boolean(), // cycleMomentum left out (its default, true) or written
    groupsField: fc.boolean(),
  }).map((c) =>
    config(
      "cyclic",
      {
        ...c.r,
        ...c.steps,
        mode: c.mode,
        gamma: c.gamma,
        expRangeDecays: c.expRangeDecays,
        wave: c.wave === undefined ? undefined : { name: c.wave },
        ...(want.momentum ? { ...c.m, cycleMomentum: c.plainMomentum ? undefined : true } : { cycleMomentum: false }),
      },
      want.groups,
      c.groupsField,
    )
  );

const oneCycle: ConfigGenerator = (want) =>
  fc.record({
    maxLr: perGroup(rateOfAnyMagnitude, want.groups),
    m: rates(["baseMomentum", "maxMomentum"], want.groups, momentumValue),
    totalSteps: stepsValue,
    pctStart: fc.option(fractionValue, { nil: undefined }),
    annealStrategy: fc.option(fc.constantFrom("cos", "linear"), { nil: undefined }),
    divFactor: fc.option(
      fc.oneof(fc.double({ min: 1, max: 1e4, noNaN: true }), fc.double({ min: 1e-3, max: 1, noNaN: true })),
      {
        nil: undefined,
      },
    ),
    finalDivFactor: fc.option(
      fc.oneof(fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 1e-3, max: 1, noNaN: true })),
      {
        nil: undefined,
      },
    ),
    threePhase: fc.option(fc.boolean(), { nil: undefined }),
    groupsField: fc.boolean(),
  }).map((c) => {
    // maxLr / divFactor / finalDivFactor must stay finite (the table's rule): the divisors
    // are raised where a rate near the largest double needs it.
    const top = largest(c.maxLr);
    const div = c.divFactor === undefined ? undefined : Math.max(c.divFactor, top / 1e308);
    const initial = top / (div ?? 25);
    const finalDiv = c.finalDivFactor === undefined ? undefined : Math.max(c.finalDivFactor, initial / 1e308);
    return config(
      "oneCycle",
      {
        maxLr: c.maxLr,
        totalSteps: c.totalSteps,
        pctStart: c.pctStart,
        annealStrategy: c.annealStrategy,
        divFactor: div,
        finalDivFactor: finalDiv,
        threePhase: c.threePhase,
        ...(want.momentum ? { ...c.m } : { cycleMomentum: false }),
      },
      want.groups,
      c.groupsField,
    );
  });

const cosineRestarts: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    r: rates(["baseLr", "etaMin"], want.groups),
    t0: stepsValue,
    tMult: fc.option(
      fc.oneof(
        fc.constant(1),
        fc.integer({ min: 2, max: 5 }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.double({ min: 1, max: 1.001, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
      ),
      { nil: undefined },
    ),
    cycleDecay: fc.option(gammaValue, { nil: undefined }),
    cycleLimit: fc.option(fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: MAX_SAFE })), {
      nil: undefined,
    }),
    warmup: fc.option(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { nil: undefined }),
    etaMin: fc.boolean(),
    groupsField: fc.boolean(),
  }).map((c) =>
    config(
      "cosineRestarts",
      {
        baseLr: c.r.baseLr,
        etaMin: c.etaMin ? c.r.etaMin : undefined,
        t0: c.t0,
        tMult: c.tMult,
        cycleDecay: c.cycleDecay,
        cycleLimit: c.cycleLimit,
        warmupSteps: c.warmup === undefined ? undefined : Math.min(c.t0 - 1, Math.floor(c.warmup * c.t0)),
      },
      want.groups,
      c.groupsField,
    )
  );

const constant: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({ value: perGroup(rateOfAnyMagnitude, want.groups), groupsField: fc.boolean() })
    .map((c) => config("constant", { value: c.value }, want.groups, c.groupsField));

const transition = { transitionSteps: stepsValue, transitionBegin: fc.option(beginValue, { nil: undefined }) };

const linear: ConfigGenerator = (want) =>
  want.momentum
    ? undefined
    : fc.record({ r: rates(["initValue", "endValue"], want.groups), ...transition, groupsField: fc.boolean() })
      .map(({ r, groupsField, ...t }) => config("linear", { ...r, ...t }, want.groups, groupsField));

const polynomial: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    r: rates(["initValue", "endValue"], want.groups),
    power: powerValue,
    ...transition,
    groupsField: fc.boolean(),
  }).map(({ r, groupsField, ...t }) => config("polynomial", { ...r, ...t }, want.groups, groupsField));

const exponentialDecay: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    initValue: perGroup(rateOfAnyMagnitude, want.groups),
    endValue: fc.option(perGroup(rateOfAnyMagnitude, want.groups), { nil: undefined }),
    decayRate: decayRateValue,
    staircase: fc.option(fc.boolean(), { nil: undefined }),
    ...transition,
    groupsField: fc.boolean(),
  }).map(({ groupsField, ...f }) => config("exponentialDecay", f, want.groups, groupsField));

const cosineDecay: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    initValue: perGroup(rateOfAnyMagnitude, want.groups),
    decaySteps: stepsValue,
    alpha: fc.option(fractionValue, { nil: undefined }),
    exponent: fc.option(powerValue, { nil: undefined }),
    groupsField: fc.boolean(),
  }).map(({ groupsField, ...f }) => config("cosineDecay", f, want.groups, groupsField));

const warmupCosineDecay: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    r: rates(["initValue", "peakValue", "endValue"], want.groups),
    end: fc.boolean(),
    warmupSteps: beginValue,
    length: stepsValue,
    exponent: fc.option(powerValue, { nil: undefined }),
    groupsField: fc.boolean(),
  }).map((c) =>
    config(
      "warmupCosineDecay",
      {
        initValue: c.r.initValue,
        peakValue: c.r.peakValue,
        endValue: c.end ? c.r.endValue : undefined,
        // decaySteps counts the warm-up and must exceed it: warmupSteps < decaySteps <= 2^53 - 1.
        warmupSteps: Math.min(c.warmupSteps, MAX_SAFE - 1),
        decaySteps: Math.min(Math.min(c.warmupSteps, MAX_SAFE - 1) + c.length, MAX_SAFE),
        exponent: c.exponent,
      },
      want.groups,
      c.groupsField,
    )
  );

const piecewiseConstant: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    initValue: perGroup(rateOfAnyMagnitude, want.groups),
    table: fc.uniqueArray(
      fc.tuple(beginValue, fc.oneof(fc.double({ min: 0, max: 4, noNaN: true }), rateOfAnyMagnitude)),
      {
        maxLength: 6,
        selector: (e) => e[0],
      },
    ),
    groupsField: fc.boolean(),
  }).map((c) =>
    config(
      "piecewiseConstant",
      {
        initValue: c.initValue,
        boundariesAndScales: Object.fromEntries(c.table.map(([b, s]) => [String(b), s])),
      },
      want.groups,
      c.groupsField,
    )
  );

/** Children of a combinator: each with `want.groups` groups or one. */
function children(
  want: Want,
  child: (want: Want) => fc.Arbitrary<ConfigJson>,
  momentum: boolean,
  min: number,
  max: number,
) {
  const one = fc.oneof(
    child({ groups: want.groups, momentum, depth: want.depth - 1 }),
    child({ groups: 1, momentum, depth: want.depth - 1 }),
  );
  // At least one child has all the groups (the combinator's group count is the largest).
  return fc.tuple(
    child({ groups: want.groups, momentum, depth: want.depth - 1 }),
    fc.array(one, { minLength: min - 1, maxLength: max - 1 }),
  )
    .map(([first, rest]) => [first, ...rest]);
}

const join: ConfigGenerator = (want, child) =>
  want.depth <= 0 ? undefined : fc.record({
    schedules: children(want, child, want.momentum, 1, 4),
    gaps: fc.array(
      fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 2 ** 51 })),
      {
        minLength: 3,
        maxLength: 3,
      },
    ),
    first: fc.oneof(fc.constant(0), beginValue),
  }).map(({ schedules, gaps, first }) => {
    // Strictly increasing from `first` by the gaps; boundary i is held below 2^53 - (count - i).
    const count = schedules.length - 1;
    const boundaries: number[] = [];
    let b = first;
    for (let i = 0; i < count; i++) {
      boundaries.push(Math.min(b, MAX_SAFE - (count - 1 - i)));
      b += gaps[i];
    }
    return { policy: "join", schedules, boundaries };
  });

const product: ConfigGenerator = (want, child) =>
  want.depth <= 0 || want.momentum
    ? undefined
    : children(want, child, false, 2, 3).map((schedules) => ({ policy: "product", schedules }));

// — the policies added in 0.2: wsd, cooldown, inverseSqrt, inverseTimeDecay, noise

const wsd: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    peakValue: perGroup(rateOfAnyMagnitude, want.groups),
    warmupSteps: beginValue,
    stable: beginValue,
    decaySteps: stepsValue,
    byTotal: fc.boolean(),
    minLrRatio: fc.option(fractionValue, { nil: undefined }),
    warmupShape: fc.option(fc.constantFrom("linear", "cosine", "1-sqrt"), { nil: undefined }),
    shape: fc.oneof(
      fc.record({ decayShape: fc.constantFrom("linear", "1-sqrt", undefined) }),
      fc.record({
        decayShape: fc.constant("cosine"),
        numCycles: fc.option(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), { nil: undefined }),
      }),
      fc.record({ decayShape: fc.constant("power"), decayPower: powerValue }),
    ),
    groupsField: fc.boolean(),
  }).map(({ stable, byTotal, shape, groupsField, ...f }) => {
    // totalSteps = W + S + D, held below 2^53 by shortening S.
    const s = Math.min(stable, MAX_SAFE - f.warmupSteps - f.decaySteps);
    const steps = s < 0
      ? { warmupSteps: 0, stableSteps: 0 }
      : byTotal
      ? { totalSteps: f.warmupSteps + s + f.decaySteps }
      : { stableSteps: s };
    return config("wsd", { ...f, ...steps, ...shape }, want.groups, groupsField);
  });

const inverseSqrt: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    peakValue: perGroup(rateOfAnyMagnitude, want.groups),
    warmupSteps: fc.option(beginValue, { nil: undefined }),
    timescale: fc.option(stepsValue, { nil: undefined }),
    groupsField: fc.boolean(),
  }).map(({ groupsField, ...f }) => config("inverseSqrt", f, want.groups, groupsField));

const inverseTimeDecay: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    initValue: perGroup(rateOfAnyMagnitude, want.groups),
    decaySteps: stepsValue,
    decayRate: fc.oneof(fc.constant(0), rateOfAnyMagnitude),
    staircase: fc.option(fc.boolean(), { nil: undefined }),
    groupsField: fc.boolean(),
  }).map(({ groupsField, ...f }) => config("inverseTimeDecay", f, want.groups, groupsField));

const cooldown: ConfigGenerator = (want, child) =>
  want.depth <= 0 ? undefined : fc.record({
    schedule: fc.oneof(
      child({ groups: want.groups, momentum: want.momentum, depth: want.depth - 1 }),
      ...(want.groups > 1 ? [] : [child({ groups: 1, momentum: want.momentum, depth: want.depth - 1 })]),
    ),
    at: beginValue,
    steps: stepsValue,
    shape: fc.oneof(
      fc.record({ shape: fc.constantFrom("linear", "cosine", "1-sqrt", undefined) }),
      fc.record({ shape: fc.constant("power"), power: powerValue }),
    ),
    endValue: fc.option(perGroup(rateOfAnyMagnitude, want.groups), { nil: undefined }),
  }).map(({ shape, ...f }) => config("cooldown", { ...f, ...shape }, 1, false));

const noise: ConfigGenerator = (want, child) =>
  want.depth <= 0 ? undefined : fc.record({
    schedule: child({ groups: want.groups, momentum: want.momentum, depth: want.depth - 1 }),
    kind: fc.oneof(
      fc.record({
        type: fc.constantFrom("normal", undefined),
        pct: fc.option(fc.double({ min: 0.001, max: 1e6, noNaN: true }), { nil: undefined }),
      }),
      fc.record({
        type: fc.constant("uniform"),
        pct: fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
      }),
    ),
    seed: fc.option(fc.oneof(fc.constant(42), fc.integer({ min: 0, max: MAX_SAFE })), { nil: undefined }),
    start: fc.option(beginValue, { nil: undefined }),
    length: fc.option(stepsValue, { nil: undefined }),
  }).map(({ kind, start, length, ...f }) => {
    const from = Math.min(start ?? 0, MAX_SAFE - 1);
    const end = length === undefined ? undefined : Math.min(from + length, MAX_SAFE);
    return config("noise", { ...f, ...kind, ...(start === undefined ? {} : { start: from }), end }, 1, false);
  });

/** A count of observations: small (reductions happen), or up to 2^53 - 1. */
const countValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: MAX_SAFE }) },
);

/** A reduction's factor in (0, 1), its extremes included. */
const factorValue: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0.1, 0.5, Number.MIN_VALUE, 1 - 2 ** -53),
  fc.double({ min: Number.MIN_VALUE, max: 1 - 2 ** -53, noNaN: true }),
);

/** A metric-driven plateau of any child (the fields of one semantics, each given or left to its default). */
const plateau: ConfigGenerator = (want, child) => {
  if (want.depth <= 0) return undefined;
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const minLr = want.groups === 1
    ? rateOfAnyMagnitude
    : fc.oneof(rateOfAnyMagnitude, fc.array(rateOfAnyMagnitude, { minLength: want.groups, maxLength: want.groups }));
  const torch = fc.record({
    semantics: fc.constantFrom("pytorch", "timm", undefined),
    mode: opt(fc.constantFrom("min", "max")),
    factor: opt(factorValue),
    patience: opt(countValue),
    threshold: opt(rateOfAnyMagnitude),
    thresholdMode: opt(fc.constantFrom("rel", "abs")),
    cooldown: opt(countValue),
    minLr: opt(minLr),
    eps: opt(rateOfAnyMagnitude),
  });
  const optax = fc.record({
    semantics: fc.constant("optax"),
    factor: opt(factorValue),
    patience: opt(countValue),
    rtol: fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
    atol: opt(rateOfAnyMagnitude),
    cooldown: opt(countValue),
    accumulationSize: opt(fc.integer({ min: 1, max: 4 })),
    minScale: opt(fc.double({ min: 0, max: 1, noNaN: true })),
  });
  return fc.tuple(
    child({ groups: want.groups, momentum: want.momentum, depth: want.depth - 1 }),
    fc.oneof(torch, optax),
  )
    .map(([schedule, fields]) => config("plateau", { schedule, ...fields }, 1, false));
};

/** HF's GreedyLR over any child, each field given or left to its default (minLr at most maxLr). */
const greedy: ConfigGenerator = (want, child) => {
  if (want.depth <= 0) return undefined;
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const bounds = fc.tuple(rateOfAnyMagnitude, rateOfAnyMagnitude).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
  return fc.tuple(
    child({ groups: want.groups, momentum: want.momentum, depth: want.depth - 1 }),
    fc.record({
      mode: opt(fc.constantFrom("min", "max")),
      factor: opt(factorValue),
      patience: opt(countValue),
      threshold: opt(rateOfAnyMagnitude),
      thresholdMode: opt(fc.constantFrom("rel", "abs")),
      cooldown: opt(countValue),
      warmup: opt(countValue),
      eps: opt(rateOfAnyMagnitude),
      smooth: opt(fc.boolean()),
      windowSize: opt(fc.integer({ min: 1, max: 60 })),
      resetStart: opt(countValue),
    }),
    fc.option(bounds, { nil: undefined }),
  )
    .map(([schedule, fields, b]) =>
      config("greedy", { schedule, ...fields, ...(b === undefined ? {} : { minLr: b[0], maxLr: b[1] }) }, 1, false)
    );
};

// — the families of timm, Keras, HF, PyTorch and optax beyond the spec's table

/** timm's cycle fields, shared by tanhDecay and poly. */
const timmCycles = {
  tInitial: stepsValue,
  cycleMul: fc.option(
    fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 4 }), fc.double({ min: 1, max: 3, noNaN: true })),
    {
      nil: undefined,
    },
  ),
  cycleDecay: fc.option(gammaValue, { nil: undefined }),
  cycleLimit: fc.option(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: MAX_SAFE })), {
    nil: undefined,
  }),
  warmupT: fc.option(beginValue, { nil: undefined }),
  warmupPrefix: fc.option(fc.boolean(), { nil: undefined }),
  groupsField: fc.boolean(),
};

const tanhDecay: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    r: rates(["baseLr", "lrMin", "warmupLrInit"], want.groups),
    ...timmCycles,
    bounds: fc.option(
      fc.tuple(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: 1e-3, max: 20, noNaN: true })),
      { nil: undefined },
    ),
  }).map(({ r, groupsField, bounds, ...f }) =>
    config(
      "tanhDecay",
      { ...r, ...f, ...(bounds === undefined ? {} : { lb: bounds[0], ub: bounds[0] + bounds[1] }) },
      want.groups,
      groupsField,
    )
  );

const poly: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    r: rates(["baseLr", "lrMin", "warmupLrInit"], want.groups),
    ...timmCycles,
    power: fc.option(powerValue, { nil: undefined }),
    kDecay: fc.option(powerValue, { nil: undefined }),
  }).map(({ r, groupsField, ...f }) => config("poly", { ...r, ...f }, want.groups, groupsField));

const polynomialDecay: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    r: rates(["initValue", "endValue"], want.groups),
    decaySteps: stepsValue,
    power: fc.option(powerValue, { nil: undefined }),
    cycle: fc.option(fc.boolean(), { nil: undefined }),
    groupsField: fc.boolean(),
  }).map(({ r, groupsField, ...f }) => config("polynomialDecay", { ...r, ...f }, want.groups, groupsField));

/** HF's cosine fields: a run, a warm-up inside it, a number of cycles. */
function hfCosine(policy: "cosineWithWarmup" | "cosineWithHardRestarts"): ConfigGenerator {
  return (want) =>
    want.momentum ? undefined : fc.record({
      peakValue: perGroup(rateOfAnyMagnitude, want.groups),
      totalSteps: stepsValue,
      warmup: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      numCycles: fc.option(
        fc.oneof(
          fc.constantFrom(0, 0.5, 1, 3),
          fc.double({ min: 0, max: 20, noNaN: true }),
          fc.integer({ min: 0, max: MAX_SAFE }),
        ),
        { nil: undefined },
      ),
      minLrRatio: fc.option(fractionValue, { nil: undefined }),
      groupsField: fc.boolean(),
    }).map((c) =>
      config(
        policy,
        {
          peakValue: c.peakValue,
          totalSteps: c.totalSteps,
          warmupSteps: c.warmup === undefined ? undefined : Math.floor(c.warmup * c.totalSteps),
          numCycles: c.numCycles,
          ...(policy === "cosineWithWarmup" ? { minLrRatio: c.minLrRatio } : {}),
        },
        want.groups,
        c.groupsField,
      )
    );
}

const cosineAnnealing: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    r: rates(["baseLr", "etaMin"], want.groups),
    tMax: stepsValue,
    etaMin: fc.boolean(),
    groupsField: fc.boolean(),
  }).map((c) =>
    config(
      "cosineAnnealing",
      { baseLr: c.r.baseLr, tMax: c.tMax, etaMin: c.etaMin ? c.r.etaMin : undefined },
      want.groups,
      c.groupsField,
    )
  );

/** optax's one-cycle fields: the length, the peak, the phases' fractions, the two factors. */
function optaxOneCycle(policy: "linearOneCycle" | "cosineOneCycle"): ConfigGenerator {
  return (want) =>
    want.momentum ? undefined : fc.record({
      transitionSteps: stepsValue,
      // optax multiplies the initial value back up to the peak, which may round past the largest
      // double for a peak at it: such configs are refused, so the peaks stay below a quarter of it.
      peakValue: perGroup(rateOfAnyMagnitude.map((v) => v / 4), want.groups),
      pct: fc.tuple(fractionValue, fractionValue),
      divFactor: fc.option(fc.double({ min: 1, max: 1e4, noNaN: true }), { nil: undefined }),
      finalDivFactor: fc.option(fc.double({ min: 1, max: 1e4, noNaN: true }), { nil: undefined }),
      groupsField: fc.boolean(),
    }).map((c) => {
      const [a, b] = c.pct[0] <= c.pct[1] ? c.pct : [c.pct[1], c.pct[0]];
      return config(
        policy,
        {
          transitionSteps: c.transitionSteps,
          peakValue: c.peakValue,
          pctStart: a,
          ...(policy === "linearOneCycle" ? { pctFinal: b } : {}),
          divFactor: c.divFactor,
          finalDivFactor: c.finalDivFactor,
        },
        want.groups,
        c.groupsField,
      );
    });
}

const piecewiseInterpolate: ConfigGenerator = (want) =>
  want.momentum ? undefined : fc.record({
    interpolateType: fc.constantFrom("linear", "cosine"),
    initValue: perGroup(rateOfAnyMagnitude, want.groups),
    table: fc.array(fc.tuple(beginValue, fc.oneof(fractionValue, fc.double({ min: 0, max: 1e3, noNaN: true }))), {
      maxLength: 5,
    }),
    groupsField: fc.boolean(),
  }).map((c) =>
    config(
      "piecewiseInterpolate",
      {
        interpolateType: c.interpolateType,
        initValue: c.initValue,
        boundariesAndScales: Object.fromEntries(c.table.map(([k, v]) => [String(k), v])),
      },
      want.groups,
      c.groupsField,
    )
  );

/**
 * The generator of every policy a config may name (lib/config/policies.ts). A policy added
 * there must add its generator here (the type requires it; the test checks the names).
 */
export const CONFIG_ARBITRARIES: { readonly [K in PolicyName]: ConfigGenerator } = {
  cyclic,
  oneCycle,
  cosineRestarts,
  constant,
  linear,
  polynomial,
  exponentialDecay,
  cosineDecay,
  warmupCosineDecay,
  piecewiseConstant,
  join,
  wsd,
  cooldown,
  inverseSqrt,
  inverseTimeDecay,
  noise,
  product,
  tanhDecay,
  poly,
  polynomialDecay,
  cosineWithWarmup: hfCosine("cosineWithWarmup"),
  cosineWithHardRestarts: hfCosine("cosineWithHardRestarts"),
  cosineAnnealing,
  linearOneCycle: optaxOneCycle("linearOneCycle"),
  cosineOneCycle: optaxOneCycle("cosineOneCycle"),
  piecewiseInterpolate,
  plateau,
  greedy,
};

const made = new Map<string, fc.Arbitrary<ConfigJson>>();

/** Valid configs of every policy meeting `want` (each made once). */
export function configOf(want: Want): fc.Arbitrary<ConfigJson> {
  const key = `${want.groups} ${want.momentum} ${want.depth}`;
  const known = made.get(key);
  if (known !== undefined) return known;
  const arbs = Object.values(CONFIG_ARBITRARIES)
    .map((g) => g(want, configOf))
    .filter((a): a is fc.Arbitrary<ConfigJson> => a !== undefined);
  const arb = fc.oneof(...arbs);
  made.set(key, arb);
  return arb;
}

/**
 * Valid configs of every policy: 1 to 3 groups, with and without momentum, joins and
 * products nested up to `depth` levels.
 *
 * @param depth How deep child configs nest. @default 2
 */
export function configArb(depth = 2): fc.Arbitrary<ConfigJson> {
  // Without momentum three times as often: only cyclic, oneCycle and their joins have it.
  const wants: { weight: number; arbitrary: fc.Arbitrary<ConfigJson> }[] = [];
  for (const groups of [1, 2, 3]) {
    for (const momentum of [false, true]) {
      wants.push({ weight: momentum ? 1 : 3, arbitrary: configOf({ groups, momentum, depth }) });
    }
  }
  return fc.oneof(...wants);
}

/** The configs of one policy (1 to 3 groups, with momentum where it can have it). */
export function configArbOf(policy: PolicyName, depth = 1): fc.Arbitrary<ConfigJson> {
  const arbs: fc.Arbitrary<ConfigJson>[] = [];
  for (const groups of [1, 2, 3]) {
    for (const momentum of [false, true]) {
      const a = CONFIG_ARBITRARIES[policy]({ groups, momentum, depth }, configOf);
      if (a !== undefined) arbs.push(a);
    }
  }
  return fc.oneof(...arbs);
}

/** An iteration: 0, the first ones, anywhere up to 2^53 - 1, or the last ones before it. */
export const iterationOfAnyMagnitude: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, MAX_SAFE),
  fc.nat({ max: 100 }),
  fc.nat({ max: 100_000 }),
  fc.maxSafeNat(),
  fc.integer({ min: MAX_SAFE - 10_000, max: MAX_SAFE }),
);

/** Where `rows` consecutive iterations may start: as {@link iterationOfAnyMagnitude}, leaving room for them. */
export function startArb(rows: number): fc.Arbitrary<number> {
  const last = MAX_SAFE - (rows - 1);
  return fc.oneof(
    fc.constant(0),
    fc.nat({ max: 100 }),
    fc.nat({ max: 100_000 }),
    fc.integer({ min: 0, max: last }),
    fc.integer({ min: last - 10_000, max: last }),
  );
}
