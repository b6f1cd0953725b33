// Options in code are checked like configs: every factory that takes an options object
// refuses a key it does not know, naming it, with the nearest known name when there is one
// (a PyTorch user's snake_case spelling gets the camelCase field).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { clamp, constant, cosineDecay, cosineRestarts, cosineWave, cosineWeight, cyclic, cyclicLR, driver, exponentialDecay, exponentialFactor, expRange, linear, oneCycle, phases, piecewiseConstant, plateau, polynomial, polynomialWeight, restartCycles, triangle, triangular, triangular2, warmup, warmupCosineDecay } from "../mod.ts";
import { adam, adamw, createTrainer, scheduleFreeAdamw, scheduleFreeSgd, sgd } from "../optim.ts";

/** Calls a factory with its valid options plus one more key. */
type Case = readonly [name: string, make: (extra: Record<string, unknown>) => unknown];

const s = constant({ value: 0.1 });
const CASES: readonly Case[] = [
  ["cyclicLR", (x) => cyclicLR({ ...x })],
  ["triangular", (x) => triangular({ baseLr: 0, maxLr: 1, stepSize: 2, ...x })],
  ["triangular2", (x) => triangular2({ baseLr: 0, maxLr: 1, stepSize: 2, ...x })],
  ["expRange", (x) => expRange({ baseLr: 0, maxLr: 1, stepSize: 2, gamma: 0.9, ...x })],
  ["cyclic", (x) => cyclic({ baseLr: 0, maxLr: 1, wave: triangle({ stepSize: 2 }), ...x })],
  ["triangle", (x) => triangle({ stepSize: 2, ...x })],
  ["cosineWave", (x) => cosineWave({ stepSize: 2, ...x })],
  ["oneCycle", (x) => oneCycle({ maxLr: 1, totalSteps: 10, ...x })],
  ["cosineRestarts", (x) => cosineRestarts({ baseLr: 1, t0: 10, ...x })],
  ["restartCycles", (x) => restartCycles({ t0: 10, ...x })],
  ["constant", (x) => constant({ value: 1, ...x })],
  ["linear", (x) => linear({ initValue: 1, endValue: 0, transitionSteps: 5, ...x })],
  ["polynomial", (x) => polynomial({ initValue: 1, endValue: 0, power: 2, transitionSteps: 5, ...x })],
  ["polynomialWeight", (x) => polynomialWeight({ power: 2, transitionSteps: 5, ...x })],
  ["exponentialDecay", (x) => exponentialDecay({ initValue: 1, transitionSteps: 5, decayRate: 0.5, ...x })],
  ["exponentialFactor", (x) => exponentialFactor({ transitionSteps: 5, decayRate: 0.5, ...x })],
  ["cosineDecay", (x) => cosineDecay({ initValue: 1, decaySteps: 5, ...x })],
  ["cosineWeight", (x) => cosineWeight({ decaySteps: 5, ...x })],
  ["warmupCosineDecay", (x) => warmupCosineDecay({ initValue: 0, peakValue: 1, warmupSteps: 2, decaySteps: 5, ...x })],
  ["piecewiseConstant", (x) => piecewiseConstant({ initValue: 1, boundariesAndScales: { 5: 0.1 }, ...x })],
  ["warmup", (x) => warmup(s, { steps: 3, ...x })],
  ["clamp", (x) => clamp(s, { min: 0, ...x })],
  ["phases", (x) => phases([{ end: 3, from: 0, to: 1 }], { ...x })],
  ["driver", (x) => driver(s, () => {}, { ...x })],
  ["plateau", (x) => plateau(s, { ...x })],
];

describe("every factory refuses an unknown option, naming it", () => {
  for (const [name, make] of CASES) {
    test(`${name}: an unknown key is a TypeError naming it`, () => {
      assert.doesNotThrow(() => make({}));
      assert.throws(() => make({ frobnicate: 1 }), { name: "TypeError", message: `frobnicate: unknown option of ${name}` });
    });
  }
});

describe("every optimizer refuses an unknown option, naming it", () => {
  const policy = constant({ value: 0.1 });
  const optimizers: readonly Case[] = [
    ["sgd", (x) => sgd(policy, { momentum: 0.9, ...x })],
    ["adam", (x) => adam(policy, { ...x })],
    ["adamw", (x) => adamw(policy, { ...x })],
    ["scheduleFreeSgd", (x) => scheduleFreeSgd(policy, { ...x })],
    ["scheduleFreeAdamw", (x) => scheduleFreeAdamw(policy, { ...x })],
  ];
  for (const [name, make] of optimizers) {
    test(`${name}: an unknown key is a TypeError naming it; lr says where the rate comes from`, () => {
      assert.doesNotThrow(() => make({}));
      assert.throws(() => make({ frobnicate: 1 }), { name: "TypeError", message: `frobnicate: unknown option of ${name}` });
      assert.throws(() => make({ lr: 0.1 }), {
        name: "TypeError",
        message: `lr: unknown option of ${name} (the rate comes from the policy, the first argument)`,
      });
    });
  }
  test("adam: PyTorch's betas get the fix", () =>
    assert.throws(() => adam(policy, { betas: [0.9, 0.99] } as never), {
      message: "betas: unknown option of adam (give beta1 and beta2)",
    }));
  test("sgd: weight_decay gets weightDecay", () =>
    assert.throws(() => sgd(policy, { weight_decay: 1e-4 } as never), {
      message: "weight_decay: unknown option of sgd; did you mean weightDecay?",
    }));
  test("createTrainer refuses an unknown option, naming it", async () => {
    const params = [[new Float32Array(2)]];
    await assert.rejects(createTrainer(sgd(policy), params, { backend: "cpu", device: 1 } as never), {
      name: "TypeError",
      message: "device: unknown option of createTrainer",
    });
  });
});

describe("snake_case spellings get the camelCase name", () => {
  const cases: readonly [string, () => unknown, string][] = [
    ["cyclicLR base_lr", () => cyclicLR({ base_lr: 0.001 } as never), "base_lr: unknown option of cyclicLR; did you mean baseLr?"],
    ["cyclicLR step_size_up", () => cyclicLR({ step_size_up: 500 } as never), "step_size_up: unknown option of cyclicLR; did you mean stepSizeUp?"],
    ["oneCycle pct_start", () => oneCycle({ maxLr: 1, totalSteps: 10, pct_start: 0.25 } as never), "pct_start: unknown option of oneCycle; did you mean pctStart?"],
    ["cosineRestarts T_0", () => cosineRestarts({ baseLr: 1, T_0: 10 } as never), "t0: expected a positive integer, got undefined\nT_0: unknown option of cosineRestarts; did you mean t0?"],
    ["exponentialDecay decay_rate", () => exponentialDecay({ initValue: 1, transitionSteps: 5, decayRate: 0.5, end_value: 0 } as never), "end_value: unknown option of exponentialDecay; did you mean endValue?"],
  ];
  for (const [name, make, message] of cases) {
    test(name, () => assert.throws(make, { name: "TypeError", message }));
  }
});

describe("the rule for null and undefined is one rule in code and config", () => {
  test("undefined is an absent option; null is a value, and refused", () => {
    const given = oneCycle({ maxLr: 1, totalSteps: 10, pctStart: undefined });
    assert.deepEqual(given.lr(5), oneCycle({ maxLr: 1, totalSteps: 10 }).lr(5));
    assert.throws(() => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: null as never }), {
      name: "TypeError",
      message: "pctStart: expected a number in [0, 1], got null",
    });
  });
});
