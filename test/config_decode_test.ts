import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { type Config, decodeConfig, parseConfig } from "../config.ts";
import { createRegistry, defaultRegistry, registerScale, registerWave } from "../mod.ts";

/** Decodes and returns the normalized config, failing the test with the errors otherwise. */
function ok(json: unknown, registry = createRegistry()): Config {
  const r = decodeConfig(json, { registry });
  if (r._tag === "Left") assert.fail(`expected to decode, got:\n${r.left.join("\n")}`);
  return r.right;
}

/** Decodes and returns the error lines, failing the test if it decodes. */
function errors(json: unknown, registry = createRegistry()): string[] {
  const r = decodeConfig(json, { registry });
  if (r._tag === "Right") assert.fail(`expected errors, got ${JSON.stringify(r.right)}`);
  return r.left;
}

const POLICIES = '"cyclic", "oneCycle", "cosineRestarts", "constant", "linear", "polynomial", ' +
  '"exponentialDecay", "cosineDecay", "warmupCosineDecay", "piecewiseConstant", "join", "wsd", "cooldown", ' +
  '"inverseSqrt", "inverseTimeDecay", "noise", "product", ' +
  '"tanhDecay", "poly", "polynomialDecay", "cosineWithWarmup", "cosineWithHardRestarts", "cosineAnnealing", ' +
  '"linearOneCycle", "cosineOneCycle", "piecewiseInterpolate", "plateau", "greedy"';

describe("decodeConfig: valid configs get every default written out", () => {
  const cases: [string, unknown, Config][] = [
    ["cyclic with no fields: PyTorch's defaults", { policy: "cyclic" }, {
      policy: "cyclic",
      baseLr: 0.001,
      maxLr: 0.006,
      stepSizeUp: 2000,
      stepSizeDown: 2000,
      mode: "triangular",
      gamma: 1,
      expRangeDecays: "amplitude",
      cycleMomentum: true,
      baseMomentum: 0.8,
      maxMomentum: 0.9,
    }],
    ["cyclic stepSize is both step sizes; arrays set the groups", {
      policy: "cyclic",
      baseLr: [0.001, 0.0001],
      maxLr: 0.006,
      stepSize: 300,
      mode: "exp_range",
      gamma: 0.99994,
      expRangeDecays: "bounds",
      cycleMomentum: false,
    }, {
      policy: "cyclic",
      baseLr: [0.001, 0.0001],
      maxLr: [0.006, 0.006],
      stepSizeUp: 300,
      stepSizeDown: 300,
      mode: "exp_range",
      gamma: 0.99994,
      expRangeDecays: "bounds",
      cycleMomentum: false,
      baseMomentum: [0.8, 0.8],
      maxMomentum: [0.9, 0.9],
    }],
    ["cyclic stepSizeDown defaults to stepSizeUp; a cosine wave is kept, a triangle dropped", {
      policy: "cyclic",
      stepSizeUp: 10,
      wave: { name: "cosine" },
    }, {
      policy: "cyclic",
      baseLr: 0.001,
      maxLr: 0.006,
      stepSizeUp: 10,
      stepSizeDown: 10,
      mode: "triangular",
      gamma: 1,
      expRangeDecays: "amplitude",
      cycleMomentum: true,
      baseMomentum: 0.8,
      maxMomentum: 0.9,
      wave: { name: "cosine", params: {} },
    }],
    ["oneCycle: PyTorch's defaults; groups repeats the scalars", {
      policy: "oneCycle",
      maxLr: 0.1,
      totalSteps: 100,
      groups: 2,
    }, {
      policy: "oneCycle",
      maxLr: [0.1, 0.1],
      totalSteps: 100,
      pctStart: 0.3,
      annealStrategy: "cos",
      divFactor: 25,
      finalDivFactor: 1e4,
      threePhase: false,
      cycleMomentum: true,
      baseMomentum: [0.85, 0.85],
      maxMomentum: [0.95, 0.95],
    }],
    ["cosineRestarts: defaults, no cycleLimit", { policy: "cosineRestarts", baseLr: 0.1, t0: 10 }, {
      policy: "cosineRestarts",
      baseLr: 0.1,
      t0: 10,
      tMult: 1,
      etaMin: 0,
      cycleDecay: 1,
      warmupSteps: 0,
      kDecay: 1,
    }],
    ["cosineRestarts: every extra", {
      policy: "cosineRestarts",
      baseLr: 0.1,
      t0: 10,
      tMult: 1.5,
      etaMin: 0.001,
      cycleDecay: 0.5,
      cycleLimit: 3,
      warmupSteps: 9,
      kDecay: 2,
    }, {
      policy: "cosineRestarts",
      baseLr: 0.1,
      t0: 10,
      tMult: 1.5,
      etaMin: 0.001,
      cycleDecay: 0.5,
      cycleLimit: 3,
      warmupSteps: 9,
      kDecay: 2,
    }],
    ["constant: a one-element array is one group", { policy: "constant", value: [0.1] }, {
      policy: "constant",
      value: 0.1,
    }],
    ["linear", { policy: "linear", initValue: 1, endValue: 0, transitionSteps: 10 }, {
      policy: "linear",
      initValue: 1,
      endValue: 0,
      transitionSteps: 10,
      transitionBegin: 0,
    }],
    ["polynomial", { policy: "polynomial", initValue: 1, endValue: 0, power: 2, transitionSteps: 10 }, {
      policy: "polynomial",
      initValue: 1,
      endValue: 0,
      power: 2,
      transitionSteps: 10,
      transitionBegin: 0,
    }],
    [
      "exponentialDecay: no endValue",
      { policy: "exponentialDecay", initValue: 1, transitionSteps: 10, decayRate: 0.5 },
      {
        policy: "exponentialDecay",
        initValue: 1,
        transitionSteps: 10,
        decayRate: 0.5,
        transitionBegin: 0,
        staircase: false,
      },
    ],
    ["cosineDecay", { policy: "cosineDecay", initValue: 1, decaySteps: 10 }, {
      policy: "cosineDecay",
      initValue: 1,
      decaySteps: 10,
      alpha: 0,
      exponent: 1,
    }],
    ["warmupCosineDecay", {
      policy: "warmupCosineDecay",
      initValue: 0,
      peakValue: 1,
      warmupSteps: 0,
      decaySteps: 10,
    }, {
      policy: "warmupCosineDecay",
      initValue: 0,
      peakValue: 1,
      warmupSteps: 0,
      decaySteps: 10,
      endValue: 0,
      exponent: 1,
    }],
    ["piecewiseConstant: keys sorted as numbers", {
      policy: "piecewiseConstant",
      initValue: 1,
      boundariesAndScales: { "200": 0.01, "100": 0.1, "0": 1 },
    }, {
      policy: "piecewiseConstant",
      initValue: 1,
      boundariesAndScales: { "0": 1, "100": 0.1, "200": 0.01 },
    }],
    ["join: children normalized, boundary 0 allowed", {
      policy: "join",
      schedules: [{ policy: "constant", value: 1 }, { policy: "constant", value: [1, 2] }],
      boundaries: [0],
    }, {
      policy: "join",
      schedules: [{ policy: "constant", value: 1 }, { policy: "constant", value: [1, 2] }],
      boundaries: [0],
    }],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const decoded = ok(input);
      assert.deepEqual(decoded, expected);
      assert.deepEqual(ok(decoded), decoded, "decoding the normal form gives it back");
    });
  }
});

describe("decodeConfig: every error, with its path and exact text", () => {
  const cases: [string, unknown, string[]][] = [
    ["not an object", null, ["config: expected an object, got null"]],
    ["an array", [], ["config: expected an object, got []"]],
    ["no policy", {}, [`policy: missing, expected one of ${POLICIES}`]],
    ["unknown policy: only that error", { policy: "cyclical", stepSize: -1 }, [
      `policy: expected one of ${POLICIES}, got "cyclical"`,
    ]],
    ["policy of the wrong type", { policy: 3 }, [`policy: expected one of ${POLICIES}, got 3`]],
    ["wrong types and NaN-like strings", {
      policy: "cyclic",
      baseLr: "0.1",
      maxLr: "NaN",
      cycleMomentum: "true",
      mode: "triangle",
    }, [
      'baseLr: expected a finite number >= 0 or a non-empty array of them, got "0.1"',
      'maxLr: expected a finite number >= 0 or a non-empty array of them, got "NaN"',
      'mode: expected one of "triangular", "triangular2", "exp_range", got "triangle"',
      'cycleMomentum: expected a boolean, got "true"',
    ]],
    ["NaN and Infinity from code", { policy: "constant", value: [NaN, Infinity] }, [
      "value[0]: expected a finite number >= 0, got NaN",
      "value[1]: expected a finite number >= 0, got Infinity",
    ]],
    ["negative, zero and fractional step sizes", { policy: "cyclic", stepSizeUp: -3, stepSizeDown: 0.5 }, [
      "stepSizeUp: expected a positive integer, got -3",
      "stepSizeDown: expected a positive integer, got 0.5",
    ]],
    ["1e300 and unsafe integers", { policy: "oneCycle", maxLr: 1e300, totalSteps: 1e300 }, [
      "totalSteps: expected a positive integer, got 1e+300",
    ]],
    ["2^53 is not a safe integer", { policy: "linear", initValue: 1, endValue: 0, transitionSteps: 2 ** 53 }, [
      "transitionSteps: expected a positive integer, got 9007199254740992",
    ]],
    ["missing required fields", { policy: "oneCycle" }, [
      "maxLr: missing, expected a finite number >= 0 or a non-empty array of them",
      "totalSteps: missing, expected a positive integer",
    ]],
    ["unknown fields are named, not dropped", { policy: "constant", value: 1, valeu: 2, __proto__: null }, [
      "valeu: unknown field; did you mean value?",
    ]],
    ["a __proto__ key from JSON is an unknown field", JSON.parse('{"policy":"constant","value":1,"__proto__":{}}'), [
      "__proto__: unknown field",
    ]],
    ["stepSize with stepSizeUp and stepSizeDown", { policy: "cyclic", stepSize: 5, stepSizeUp: 3, stepSizeDown: 3 }, [
      "stepSize: cannot be given together with stepSizeUp",
      "stepSize: cannot be given together with stepSizeDown",
    ]],
    ["field errors and cross-field errors together", { policy: "cyclic", stepSize: 5, stepSizeUp: 3, gamma: 2 }, [
      "gamma: expected a number in (0, 1], got 2",
      "stepSize: cannot be given together with stepSizeUp",
    ]],
    ["array lengths disagree", { policy: "cyclic", baseLr: [1, 2], maxLr: [1, 2, 3], baseMomentum: [] }, [
      "baseMomentum: expected a finite number >= 0 or a non-empty array of them, got []",
      "maxLr: expected 2 values (one per group, as baseLr), got 3",
    ]],
    ["groups beside arrays of another length", { policy: "oneCycle", maxLr: [1, 2], totalSteps: 10, groups: 3 }, [
      "maxLr: expected 3 values (one per group, as groups), got 2",
    ]],
    ["groups out of range", { policy: "constant", value: 1, groups: 1e9 }, [
      "groups: expected an integer in [1, 65536], got 1000000000",
    ]],
    ["ranges of the decays", {
      policy: "cosineDecay",
      initValue: -1,
      decaySteps: 0,
      alpha: 1.5,
      exponent: 0,
    }, [
      "initValue: expected a finite number >= 0, got -1",
      "decaySteps: expected a positive integer, got 0",
      "alpha: expected a number in [0, 1], got 1.5",
      "exponent: expected a finite number > 0, got 0",
    ]],
    ["oneCycle ranges", {
      policy: "oneCycle",
      maxLr: 1,
      totalSteps: 10,
      pctStart: 1.5,
      annealStrategy: "cosine",
      divFactor: 0,
      threePhase: 1,
    }, [
      "pctStart: expected a number in [0, 1], got 1.5",
      'annealStrategy: expected one of "cos", "linear", got "cosine"',
      "divFactor: expected a finite number > 0, got 0",
      "threePhase: expected a boolean, got 1",
    ]],
    ["oneCycle: maxLr / divFactor must stay finite", {
      policy: "oneCycle",
      maxLr: [1, 1e308],
      totalSteps: 10,
      divFactor: 1e-10,
    }, [
      "divFactor: expected a finite number > 0 that keeps maxLr / divFactor finite (group 1), got 1e-10",
    ]],
    ["oneCycle: the final rate must stay finite", {
      policy: "oneCycle",
      maxLr: 1e308,
      totalSteps: 10,
      finalDivFactor: 1e-300,
    }, [
      "finalDivFactor: expected a finite number > 0 that keeps maxLr / divFactor / finalDivFactor finite (group 0), got 1e-300",
    ]],
    ["cosineRestarts: warmupSteps < t0, tMult >= 1, cycleDecay in (0, 1]", {
      policy: "cosineRestarts",
      baseLr: 1,
      t0: 10,
      warmupSteps: 10,
      tMult: 0.5,
      cycleDecay: 0,
      cycleLimit: 0,
    }, [
      "tMult: expected a finite number >= 1, got 0.5",
      "cycleDecay: expected a number in (0, 1], got 0",
      "cycleLimit: expected a positive integer, got 0",
      "warmupSteps: expected a non-negative integer below t0 (10), got 10",
    ]],
    ["warmupCosineDecay: decaySteps > warmupSteps", {
      policy: "warmupCosineDecay",
      initValue: 0,
      peakValue: 1,
      warmupSteps: 10,
      decaySteps: 10,
    }, ["decaySteps: expected an integer > warmupSteps (10), got 10"]],
    ["exponentialDecay: decayRate > 0, staircase boolean", {
      policy: "exponentialDecay",
      initValue: 1,
      transitionSteps: 1,
      decayRate: -0.5,
      staircase: null,
      transitionBegin: -1,
    }, [
      "decayRate: expected a finite number > 0, got -0.5",
      "transitionBegin: expected a non-negative integer, got -1",
      "staircase: expected a boolean, got null",
    ]],
    ["piecewiseConstant keys and scales", {
      policy: "piecewiseConstant",
      initValue: 1,
      boundariesAndScales: { "10": -1, "x": 1, "01": 1, "1e3": 1 },
    }, [
      "boundariesAndScales.10: expected a finite number >= 0, got -1",
      'boundariesAndScales: expected keys that are non-negative integers, got "x"',
      'boundariesAndScales: expected keys that are non-negative integers, got "01"',
      'boundariesAndScales: expected keys that are non-negative integers, got "1e3"',
    ]],
    ["nested paths in a join", {
      policy: "join",
      schedules: [{ policy: "cyclic" }, { policy: "cyclic", stepSizeUp: -3 }, { policy: "cyclical" }],
      boundaries: [10, 20],
    }, [
      "schedules[1].stepSizeUp: expected a positive integer, got -3",
      `schedules[2].policy: expected one of ${POLICIES}, got "cyclical"`,
    ]],
    ["join boundaries: count, order, integers", {
      policy: "join",
      schedules: [{ policy: "constant", value: 1 }, { policy: "constant", value: 1 }, { policy: "constant", value: 1 }],
      boundaries: [10, 10, -1.5],
    }, [
      "boundaries[2]: expected a non-negative integer, got -1.5",
    ]],
    ["join boundaries: one fewer than schedules, strictly increasing", {
      policy: "join",
      schedules: [{ policy: "constant", value: 1 }, { policy: "constant", value: 1 }, { policy: "constant", value: 1 }],
      boundaries: [10, 10, 5],
    }, [
      "boundaries: expected 2 values (one fewer than schedules), got 3",
      "boundaries[1]: expected an integer above boundaries[0] (10), got 10",
      "boundaries[2]: expected an integer above boundaries[1] (10), got 5",
    ]],
    ["join: schedules must be a non-empty array", { policy: "join", schedules: [], boundaries: "0" }, [
      "schedules: expected a non-empty array of configs, got []",
      'boundaries: expected an array of non-negative integers, got "0"',
    ]],
    ["join: children's group counts agree (one group repeats)", {
      policy: "join",
      schedules: [
        { policy: "constant", value: 1 },
        { policy: "constant", value: [1, 2] },
        { policy: "constant", value: [1, 2, 3] },
      ],
      boundaries: [10, 20],
    }, ["schedules[1]: expected 3 groups (as schedules[2]) or 1, got 2"]],
    ["join: momentum agrees", {
      policy: "join",
      schedules: [{ policy: "cyclic" }, { policy: "cosineDecay", initValue: 1, decaySteps: 10 }],
      boundaries: [10],
    }, [
      'schedules[1]: expected momentum like schedules[0]: schedules[0] ("cyclic") schedules momentum and ' +
      'schedules[1] ("cosineDecay") does not (give schedules[0] "cycleMomentum": false, or give every child momentum)',
    ]],
    ["join: momentum agrees the other way too", {
      policy: "join",
      schedules: [{ policy: "constant", value: 1 }, { policy: "oneCycle", maxLr: 1, totalSteps: 10 }],
      boundaries: [10],
    }, [
      'schedules[1]: expected momentum like schedules[0]: schedules[1] ("oneCycle") schedules momentum and ' +
      'schedules[0] ("constant") does not (give it "cycleMomentum": false, or give every child momentum)',
    ]],
    ["custom pieces: unregistered names list the registered ones", {
      policy: "cyclic",
      scale: { name: "third" },
      wave: { name: "saw", params: [] },
    }, [
      "wave.params: expected a JSON object, got []",
      'scale.name: expected a registered scale name (none are registered), got "third"',
    ]],
    ["custom pieces: unregistered names", {
      policy: "cyclic",
      scale: { name: "third", mode: "epoch" },
      wave: { name: "saw" },
    }, [
      'scale.mode: expected one of "cycle", "iterations", got "epoch"',
      'wave.name: expected one of "triangle", "cosine", got "saw"',
    ]],
    ["custom pieces: scale replaces mode and gamma", {
      policy: "cyclic",
      scale: { name: "x" },
      mode: "triangular",
      gamma: 1,
    }, [
      "scale: cannot be given together with mode",
      "scale: cannot be given together with gamma",
      'scale.name: expected a registered scale name (none are registered), got "x"',
    ]],
    ["custom pieces: built-in waves take no params; unknown keys in pieces", {
      policy: "cyclic",
      wave: { name: "cosine", params: { a: 1 }, kind: 2 },
    }, [
      "wave.kind: unknown field",
    ]],
    ["custom pieces: built-in waves take no params", { policy: "cyclic", wave: { name: "cosine", params: { a: 1 } } }, [
      'wave.params: expected {} (the built-in wave "cosine" takes no params), got {"a":1}',
    ]],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.deepEqual(errors(input), expected));
  }
});

describe("decodeConfig: registered pieces", () => {
  const registry = createRegistry();
  registerScale("geometric", (p) => {
    if (typeof p.ratio !== "number" || !(p.ratio > 0 && p.ratio <= 1)) {
      throw new RangeError(`ratio: expected a number in (0, 1], got ${JSON.stringify(p.ratio)}`);
    }
    const r = p.ratio;
    return (c) => r ** (c - 1);
  }, registry);
  registerWave("saw", (_p, { stepSizeUp, stepSizeDown }) => {
    const period = stepSizeUp + stepSizeDown;
    return { period, cycle: (t) => Math.floor(t / period) + 1, height: (t) => (t % period) / period };
  }, registry);

  test("a registered scale replaces mode and gamma; params and mode get defaults", () => {
    const config = ok(
      { policy: "cyclic", stepSize: 4, scale: { name: "geometric", params: { ratio: 0.5 } } },
      registry,
    );
    assert.deepEqual(config, {
      policy: "cyclic",
      baseLr: 0.001,
      maxLr: 0.006,
      stepSizeUp: 4,
      stepSizeDown: 4,
      scale: { name: "geometric", params: { ratio: 0.5 }, mode: "cycle" },
      expRangeDecays: "amplitude",
      cycleMomentum: true,
      baseMomentum: 0.8,
      maxMomentum: 0.9,
    });
  });

  test("a registered wave is kept with its params", () => {
    const config = ok({ policy: "cyclic", wave: { name: "saw", params: { k: [1, "a", null] } } }, registry);
    assert.equal(config.policy, "cyclic");
    assert.deepEqual(config.policy === "cyclic" ? config.wave : undefined, {
      name: "saw",
      params: { k: [1, "a", null] },
    });
  });

  test("unregistered names list the registered ones", () => {
    assert.deepEqual(errors({ policy: "cyclic", scale: { name: "third" }, wave: { name: "square" } }, registry), [
      'scale.name: expected one of "geometric", got "third"',
      'wave.name: expected one of "triangle", "cosine", "saw", got "square"',
    ]);
  });

  test("a factory's exception is reported under params", () => {
    assert.deepEqual(errors({ policy: "cyclic", scale: { name: "geometric", params: { ratio: 2 } } }, registry), [
      'scale.params: rejected by scale "geometric": ratio: expected a number in (0, 1], got 2',
    ]);
  });

  test("the default registry is used when none is given, and read at decode time", () => {
    const name = "config-decode-test-late-scale";
    assert.equal(decodeConfig({ policy: "cyclic", scale: { name } })._tag, "Left");
    registerScale(name, () => () => 1);
    try {
      assert.equal(decodeConfig({ policy: "cyclic", scale: { name } })._tag, "Right");
    } finally {
      defaultRegistry.scales.delete(name);
    }
  });

  test("built-in wave names cannot be registered; names must be non-empty strings", () => {
    assert.throws(() => registerWave("cosine", () => ({ period: 1, cycle: () => 1, height: () => 0 }), registry), {
      name: "TypeError",
      message: 'name: expected a name that is not built in ("triangle", "cosine"), got "cosine"',
    });
    assert.throws(() => registerScale("", () => () => 1, registry), {
      name: "TypeError",
      message: 'name: expected a non-empty string, got ""',
    });
  });
});

describe("decodeConfig: nested joins", () => {
  test("each field is decoded once: a scale registered 10 joins deep is built once, not 3^10 times", () => {
    const registry = createRegistry();
    let calls = 0;
    registerScale("half", () => {
      calls++;
      return (c) => 0.5 ** (c - 1);
    }, registry);
    let config: unknown = { policy: "cyclic", stepSizeUp: 2, scale: { name: "half", params: {}, mode: "cycle" } };
    for (let d = 0; d < 10; d++) {
      config = { policy: "join", schedules: [config, { policy: "cyclic", stepSizeUp: 3 }], boundaries: [5] };
    }
    assert.equal(decodeConfig(config, { registry })._tag, "Right");
    assert.equal(calls, 1);
  });
});

describe("decodeConfig never throws", () => {
  const odd: [string, unknown][] = [
    ["undefined", undefined],
    ["a string", "cyclic"],
    ["a function", () => 1],
    ["a throwing getter", {
      policy: "constant",
      get value() {
        throw new Error("boom");
      },
    }],
    [
      "a deep join",
      Array.from({ length: 200 }).reduce<unknown>(
        (inner) => ({ policy: "join", schedules: [inner], boundaries: [] }),
        { policy: "constant", value: 1 },
      ),
    ],
    ["deeply nested junk", Array.from({ length: 10_000 }).reduce<unknown>((inner) => [inner], 0)],
    [
      "a cyclic object as params",
      (() => {
        const params: Record<string, unknown> = {};
        params.self = params;
        return { policy: "cyclic", scale: { name: "x", params } };
      })(),
    ],
  ];
  for (const [name, value] of odd) {
    test(`${name}: errors, no exception`, () => {
      const r = decodeConfig(value);
      assert.equal(r._tag, "Left");
      assert.ok(r._tag === "Left" && r.left.length > 0 && r.left.every((line) => typeof line === "string"));
    });
  }

  test("a join nested too deep names the depth", () => {
    const deep = Array.from({ length: 40 }).reduce<unknown>(
      (inner) => ({ policy: "join", schedules: [inner], boundaries: [] }),
      { policy: "constant", value: 1 },
    );
    const lines = errors(deep);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^(schedules\[0\]\.){32}schedules\[0\]: expected joins nested at most 32 deep, got deeper$/);
  });
});

describe("parseConfig", () => {
  test("parses and decodes JSON text", () => {
    assert.deepEqual(parseConfig('{"policy": "constant", "value": 0.5}'), {
      _tag: "Right",
      right: { policy: "constant", value: 0.5 },
    });
  });
  test("a syntax error is one line naming the config", () => {
    const r = parseConfig('{"policy": ');
    assert.ok(r._tag === "Left");
    assert.equal(r.left.length, 1);
    assert.match(r.left[0], /^config: expected JSON text, got a syntax error \(.+\)$/);
  });
  test("a leading byte-order mark is ignored", () => {
    assert.equal(parseConfig('\uFEFF{"policy": "constant", "value": 0.5}')._tag, "Right");
  });
  test("numbers beyond double range parse to Infinity and are rejected", () => {
    assert.deepEqual(parseConfig('{"policy": "constant", "value": 1e999}'), {
      _tag: "Left",
      left: ["value: expected a finite number >= 0, got Infinity"],
    });
  });
});
