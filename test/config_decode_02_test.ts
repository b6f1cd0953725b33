// The config branches of the 0.2 policies (wsd, cooldown, inverseSqrt, inverseTimeDecay, noise,
// product), as the spec's "Policies added in 0.2" defines them: every default written out, the
// normal form a fixed point, and every error with its path and exact text.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { type Config, decodeConfig, encodeConfig, policyFromConfig } from "../config.ts";

function ok(json: unknown): Config {
  const r = decodeConfig(json);
  if (r._tag === "Left") assert.fail(`expected to decode, got:\n${r.left.join("\n")}`);
  return r.right;
}

function errors(json: unknown): string[] {
  const r = decodeConfig(json);
  if (r._tag === "Right") assert.fail(`expected errors, got ${JSON.stringify(r.right)}`);
  return r.left;
}

const cyclic = { policy: "cyclic", cycleMomentum: false };
const cyclicNormal = {
  policy: "cyclic",
  baseLr: 0.001,
  maxLr: 0.006,
  stepSizeUp: 2000,
  stepSizeDown: 2000,
  mode: "triangular",
  gamma: 1,
  expRangeDecays: "amplitude",
  cycleMomentum: false,
  baseMomentum: 0.8,
  maxMomentum: 0.9,
};

describe("the 0.2 configs get every default written out", () => {
  const cases: [string, unknown, unknown][] = [
    [
      "wsd: HF's defaults, totalSteps kept as given",
      { policy: "wsd", peakValue: 0.1, totalSteps: 100, decaySteps: 20 },
      {
        policy: "wsd",
        peakValue: 0.1,
        warmupSteps: 0,
        totalSteps: 100,
        decaySteps: 20,
        minLrRatio: 0,
        warmupShape: "linear",
        decayShape: "cosine",
        numCycles: 0.5,
      },
    ],
    ["wsd: power needs decayPower, has no numCycles; stableSteps kept", {
      policy: "wsd",
      peakValue: [0.1, 0.2],
      warmupSteps: 5,
      stableSteps: 0,
      decaySteps: 20,
      decayShape: "power",
      decayPower: 2,
      warmupShape: "1-sqrt",
      minLrRatio: 0.1,
    }, {
      policy: "wsd",
      peakValue: [0.1, 0.2],
      warmupSteps: 5,
      stableSteps: 0,
      decaySteps: 20,
      minLrRatio: 0.1,
      warmupShape: "1-sqrt",
      decayShape: "power",
      decayPower: 2,
    }],
    ["cooldown: the 1-sqrt shape to 0 by default, its schedule normalized", {
      policy: "cooldown",
      schedule: cyclic,
      at: 9000,
      steps: 1000,
    }, { policy: "cooldown", schedule: cyclicNormal, at: 9000, steps: 1000, shape: "1-sqrt", endValue: 0 }],
    ["cooldown: per-group end values, a power shape", {
      policy: "cooldown",
      schedule: { policy: "constant", value: [1, 2] },
      at: 0,
      steps: 5,
      shape: "power",
      power: 3,
      endValue: [0.1, 0.2],
    }, {
      policy: "cooldown",
      schedule: { policy: "constant", value: [1, 2] },
      at: 0,
      steps: 5,
      shape: "power",
      power: 3,
      endValue: [0.1, 0.2],
    }],
    ["inverseSqrt: timescale = warmupSteps", { policy: "inverseSqrt", peakValue: 1, warmupSteps: 400 }, {
      policy: "inverseSqrt",
      peakValue: 1,
      warmupSteps: 400,
      timescale: 400,
    }],
    ["inverseSqrt: timescale 10000 without warm-up", { policy: "inverseSqrt", peakValue: 1 }, {
      policy: "inverseSqrt",
      peakValue: 1,
      warmupSteps: 0,
      timescale: 10000,
    }],
    ["inverseTimeDecay: staircase false; decayRate 0 allowed", {
      policy: "inverseTimeDecay",
      initValue: 1,
      decaySteps: 10,
      decayRate: 0,
    }, {
      policy: "inverseTimeDecay",
      initValue: 1,
      decaySteps: 10,
      decayRate: 0,
      staircase: false,
    }],
    ["noise: timm's defaults, no end", { policy: "noise", schedule: { policy: "constant", value: 1 } }, {
      policy: "noise",
      schedule: { policy: "constant", value: 1 },
      pct: 0.67,
      type: "normal",
      seed: 42,
      start: 0,
    }],
    ["noise: a range, uniform", {
      policy: "noise",
      schedule: { policy: "constant", value: 1 },
      type: "uniform",
      pct: 0.0001,
      start: 10,
      end: 50,
    }, {
      policy: "noise",
      schedule: { policy: "constant", value: 1 },
      pct: 0.0001,
      type: "uniform",
      seed: 42,
      start: 10,
      end: 50,
    }],
    ["product of two", { policy: "product", schedules: [{ policy: "constant", value: 2 }, cyclic] }, {
      policy: "product",
      schedules: [{ policy: "constant", value: 2 }, cyclicNormal],
    }],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const decoded = ok(input);
      assert.deepEqual(decoded, expected);
      assert.deepEqual(ok(decoded), decoded, "decoding the normal form gives it back");
      assert.deepEqual(encodeConfig(policyFromConfig(decoded)), decoded, "the policy encodes back to it");
    });
  }
});

describe("the 0.2 configs: every error, with its path and exact text", () => {
  const cases: [string, unknown, string[]][] = [
    ["wsd: neither stableSteps nor totalSteps", { policy: "wsd", peakValue: 1, decaySteps: 10 }, [
      "totalSteps: missing, expected a positive integer (or stableSteps)",
    ]],
    ["wsd: both", { policy: "wsd", peakValue: 1, decaySteps: 10, stableSteps: 5, totalSteps: 20 }, [
      "stableSteps: cannot be given together with totalSteps",
    ]],
    ["wsd: a negative stable phase", { policy: "wsd", peakValue: 1, warmupSteps: 5, decaySteps: 10, totalSteps: 14 }, [
      "totalSteps: expected an integer >= warmupSteps + decaySteps (15), got 14",
    ]],
    ["wsd: out of range", {
      policy: "wsd",
      peakValue: -1,
      warmupSteps: -1,
      totalSteps: 100,
      decaySteps: 0,
      minLrRatio: 1.5,
      warmupShape: "power",
      decayShape: "sqrt",
    }, [
      "peakValue: expected a finite number >= 0, got -1",
      "warmupSteps: expected a non-negative integer, got -1",
      "decaySteps: expected a positive integer, got 0",
      "minLrRatio: expected a number in [0, 1], got 1.5",
      'warmupShape: expected one of "linear", "cosine", "1-sqrt", got "power"',
      'decayShape: expected one of "linear", "cosine", "1-sqrt", "power", got "sqrt"',
    ]],
    ["wsd: decayPower missing with power; numCycles with power", {
      policy: "wsd",
      peakValue: 1,
      totalSteps: 100,
      decaySteps: 10,
      decayShape: "power",
      numCycles: 2,
    }, [
      'numCycles: cannot be given with decayShape "power" (only with "cosine")',
      'decayPower: missing, expected a finite number > 0 (decayShape is "power")',
    ]],
    ["wsd: decayPower with cosine; numCycles 0", {
      policy: "wsd",
      peakValue: 1,
      totalSteps: 100,
      decaySteps: 10,
      decayPower: 2,
      numCycles: 0,
    }, [
      "numCycles: expected a finite number > 0, got 0",
      'decayPower: cannot be given with decayShape "cosine" (only with "power")',
    ]],
    ["wsd: HF's names get the camelCase ones", {
      policy: "wsd",
      peakValue: 1,
      totalSteps: 100,
      decaySteps: 10,
      min_lr_ratio: 0.1,
    }, [
      "min_lr_ratio: unknown field; did you mean minLrRatio?",
    ]],
    ["cooldown: no schedule, bad fields", { policy: "cooldown", at: -1, steps: 0, shape: "sqrt" }, [
      "schedule: missing, expected a config",
      "at: expected a non-negative integer, got -1",
      "steps: expected a positive integer, got 0",
      'shape: expected one of "linear", "cosine", "1-sqrt", "power", got "sqrt"',
    ]],
    ["cooldown: power without the power shape, and missing with it", {
      policy: "cooldown",
      schedule: { policy: "constant", value: 1 },
      at: 0,
      steps: 1,
      power: 2,
    }, ['power: cannot be given with shape "1-sqrt" (only with "power")']],
    ["cooldown: power missing with shape power", {
      policy: "cooldown",
      schedule: { policy: "constant", value: 1 },
      at: 0,
      steps: 1,
      shape: "power",
    }, ['power: missing, expected a finite number > 0 (shape is "power")']],
    ["cooldown: end values of the wrong count", {
      policy: "cooldown",
      schedule: { policy: "constant", value: [1, 2] },
      at: 0,
      steps: 1,
      endValue: [0, 0, 0],
    }, ["endValue: expected 2 values (one per group, as schedule), got 3"]],
    ["cooldown: a broken schedule is reported at its path", {
      policy: "cooldown",
      schedule: { policy: "cyclic", stepSizeUp: -3 },
      at: 0,
      steps: 1,
    }, ["schedule.stepSizeUp: expected a positive integer, got -3"]],
    ["inverseSqrt: out of range", { policy: "inverseSqrt", peakValue: 1, warmupSteps: 1.5, timescale: 0 }, [
      "warmupSteps: expected a non-negative integer, got 1.5",
      "timescale: expected a positive integer, got 0",
    ]],
    ["inverseTimeDecay: out of range and missing", {
      policy: "inverseTimeDecay",
      initValue: 1,
      decayRate: -1,
      staircase: 1,
    }, [
      "decaySteps: missing, expected a positive integer",
      "decayRate: expected a finite number >= 0, got -1",
      "staircase: expected a boolean, got 1",
    ]],
    ["noise: out of range", {
      policy: "noise",
      schedule: { policy: "constant", value: 1 },
      pct: 0,
      type: "gaussian",
      seed: -1,
      start: 10,
      end: 10,
    }, [
      "pct: expected a finite number > 0, got 0",
      'type: expected one of "normal", "uniform", got "gaussian"',
      "seed: expected a non-negative integer, got -1",
      "end: expected an integer above start (10), got 10",
    ]],
    ["noise: a normal pct too small for the rejection loop", {
      policy: "noise",
      schedule: { policy: "constant", value: 1 },
      pct: 1e-4,
    }, [
      'pct: expected a finite number >= 0.001 with type "normal" (or type "uniform"), got 0.0001',
    ]],
    ["noise: timm's names", { policy: "noise", schedule: { policy: "constant", value: 1 }, noise_pct: 0.5 }, [
      "noise_pct: unknown field",
    ]],
    ["product: one schedule", { policy: "product", schedules: [{ policy: "constant", value: 1 }] }, [
      'schedules: expected an array of at least 2 configs, got [{"policy":"constant","value":1}]',
    ]],
    ["product: a child with momentum", {
      policy: "product",
      schedules: [{ policy: "constant", value: 1 }, { policy: "oneCycle", maxLr: 1, totalSteps: 10 }],
    }, [
      'schedules[1]: expected a schedule without momentum (a product has none), got schedules[1] ("oneCycle") with momentum (give it "cycleMomentum": false)',
    ]],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.deepEqual(errors(input), expected));
});

describe("the 0.2 combinators carry momentum as the spec says", () => {
  test("cooldown and noise of a schedule with momentum have momentum; product refuses one", () => {
    const one = { policy: "oneCycle", maxLr: 1, totalSteps: 100 };
    assert.ok(policyFromConfig({ policy: "cooldown", schedule: one, at: 50, steps: 10 }).momentum);
    assert.ok(policyFromConfig({ policy: "noise", schedule: one }).momentum);
    assert.equal(policyFromConfig({ policy: "noise", schedule: { ...one, cycleMomentum: false } }).momentum, undefined);
  });

  test("a join of a cooldown with momentum and one without is the join's momentum error", () => {
    const r = decodeConfig({
      policy: "join",
      schedules: [
        { policy: "cooldown", schedule: { policy: "oneCycle", maxLr: 1, totalSteps: 100 }, at: 50, steps: 10 },
        { policy: "constant", value: 0 },
      ],
      boundaries: [60],
    });
    assert.ok(
      r._tag === "Left" && r.left.length === 1 &&
        r.left[0].startsWith(
          'schedules[1]: expected momentum like schedules[0]: schedules[0] ("cooldown") schedules momentum',
        ),
      JSON.stringify(r),
    );
  });
});
