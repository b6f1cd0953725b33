// Options in code are checked like configs: every factory that takes an options object
// refuses a key it does not know, naming it, with the nearest known name when there is one
// (a PyTorch user's snake_case spelling gets the camelCase field).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cooldown, inverseSqrt, inverseTimeDecay, noise, wsd } from "../mod.ts";
import {
  checkScheduleLaws,
  clamp,
  constant,
  cosineDecay,
  cosineRestarts,
  cosineWave,
  cosineWeight,
  cyclic,
  cyclicLR,
  driver,
  exponentialDecay,
  exponentialFactor,
  expRange,
  greedy,
  linear,
  oneCycle,
  phases,
  piecewiseConstant,
  plateau,
  polynomial,
  polynomialWeight,
  restartCycles,
  triangle,
  triangular,
  triangular2,
  warmup,
  warmupCosineDecay,
} from "../mod.ts";
import {
  cosineAnnealing,
  cosineOneCycle,
  cosineWithHardRestarts,
  cosineWithWarmup,
  linearOneCycle,
  piecewiseInterpolate,
  poly,
  polynomialDecay,
  tanhDecay,
} from "../mod.ts";
import { adam, adamw, createTrainer, scheduleFreeAdamw, scheduleFreeSgd, sgd } from "../optim.ts";
import {
  iterationsPerEpoch,
  rangeTest,
  type RangeTestCurve,
  rangeTestRamp,
  smoothCentered,
  smoothEma,
  stepSize,
  suggestBounds,
  suggestRate,
} from "../range_test.ts";
import { plotRangeTest, plotSchedule, renderPlot, sparkline, stackPlots, terminalPlot } from "../plot.ts";
import { decodeConfig, parseConfig } from "../config.ts";

/** Calls a factory with its valid options plus one more key. */
type Case = readonly [name: string, make: (extra: Record<string, unknown>) => unknown];

const s = constant({ value: 0.1 });
const CURVE: RangeTestCurve = {
  lrs: [0.1, 0.2],
  loss: { iterations: [0, 1], lrs: [0.1, 0.2], raw: [1, 0.5], smoothed: [1, 0.7] },
  stop: "completed",
  settings: {
    minLr: 0.1,
    maxLr: 0.2,
    iterations: 2,
    mode: "linear",
    beta: 0.98,
    divergeThreshold: 4,
    scheduleFree: false,
  },
};
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
  ["wsd", (x) => wsd({ peakValue: 1, totalSteps: 100, decaySteps: 10, ...x })],
  ["inverseSqrt", (x) => inverseSqrt({ peakValue: 1, ...x })],
  ["inverseTimeDecay", (x) => inverseTimeDecay({ initValue: 1, decaySteps: 10, decayRate: 0.5, ...x })],
  ["cooldown", (x) => cooldown(s, { at: 10, steps: 5, ...x })],
  ["noise", (x) => noise(s, { ...x })],
  ["tanhDecay", (x) => tanhDecay({ baseLr: 1, tInitial: 10, ...x })],
  ["poly", (x) => poly({ baseLr: 1, tInitial: 10, ...x })],
  ["polynomialDecay", (x) => polynomialDecay({ initValue: 1, decaySteps: 10, ...x })],
  ["cosineWithWarmup", (x) => cosineWithWarmup({ peakValue: 1, totalSteps: 10, ...x })],
  ["cosineWithHardRestarts", (x) => cosineWithHardRestarts({ peakValue: 1, totalSteps: 10, ...x })],
  ["cosineAnnealing", (x) => cosineAnnealing({ baseLr: 1, tMax: 10, ...x })],
  ["linearOneCycle", (x) => linearOneCycle({ transitionSteps: 10, peakValue: 1, ...x })],
  ["cosineOneCycle", (x) => cosineOneCycle({ transitionSteps: 10, peakValue: 1, ...x })],
  ["piecewiseInterpolate", (x) => piecewiseInterpolate({ interpolateType: "linear", initValue: 1, ...x })],
  ["warmup", (x) => warmup(s, { steps: 3, ...x })],
  ["clamp", (x) => clamp(s, { min: 0, ...x })],
  ["phases", (x) => phases([{ end: 3, from: 0, to: 1 }], { ...x })],
  ["driver", (x) => driver(s, () => {}, { ...x })],
  // range tests, laws, plots, configs: the parts that do not build schedules
  ["rangeTestRamp", (x) => rangeTestRamp({ minLr: 1e-3, maxLr: 1, iterations: 10, ...x })],
  ["smoothEma", (x) => smoothEma([1, 2], { ...x })],
  ["smoothCentered", (x) => smoothCentered([1, 2], { ...x })],
  ["suggestBounds", (x) => suggestBounds({}, { ...x })],
  ["suggestRate", (x) => suggestRate({}, { ...x })],
  ["stepSize", (x) => stepSize({ datasetSize: 100, batchSize: 10, epochsPerHalfCycle: 2, ...x })],
  ["iterationsPerEpoch", (x) => iterationsPerEpoch({ datasetSize: 100, batchSize: 10, ...x })],
  ["checkScheduleLaws", (x) => checkScheduleLaws(s, { samples: 0, ...x })],
  ["renderPlot", (x) => renderPlot({ series: [], ...x })],
  ["stackPlots", (x) => stackPlots([{ series: [] }], { ...x })],
  ["plotSchedule", (x) => plotSchedule(s, { steps: 2, ...x })],
  ["plotRangeTest", (x) => plotRangeTest(CURVE, undefined, { ...x })],
  ["terminalPlot", (x) => terminalPlot([], { ...x })],
  ["sparkline", (x) => sparkline([1, 2], { ...x })],
  ["decodeConfig", (x) => decodeConfig({ policy: "constant", value: 0.1 }, { ...x })],
  ["parseConfig", (x) => parseConfig('{"policy": "constant", "value": 0.1}', { ...x })],
  ["plateau", (x) => plateau(s, { ...x })],
  ["greedy", (x) => greedy(s, { ...x })],
];

describe("every factory refuses an unknown option, naming it", () => {
  for (const [name, make] of CASES) {
    test(`${name}: an unknown key is a TypeError naming it`, () => {
      assert.doesNotThrow(() => make({}));
      assert.throws(() => make({ frobnicate: 1 }), {
        name: "TypeError",
        message: `frobnicate: unknown option of ${name}`,
      });
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
      assert.throws(() => make({ frobnicate: 1 }), {
        name: "TypeError",
        message: `frobnicate: unknown option of ${name}`,
      });
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

describe("the range test, whose options come with the step, refuses an unknown option, naming it", () => {
  const ok = { minLr: 1e-3, maxLr: 1, iterations: 10, restore: false as const };
  test("rangeTest: an unknown key is a TypeError naming it, before any step runs", async () => {
    let steps = 0;
    await assert.rejects(rangeTest(() => void steps++, { ...ok, frobnicate: 1 } as never), {
      name: "TypeError",
      message: "frobnicate: unknown option of rangeTest",
    });
    assert.equal(steps, 0);
    assert.equal((await rangeTest(() => 1, ok)).stop, "completed");
  });
  test("rangeTest: fastai's and pytorch-lr-finder's spellings get ours", async () => {
    await assert.rejects(rangeTest(() => 1, { ...ok, end_lr: 1 } as never), {
      message: "end_lr: unknown option of rangeTest",
    });
    await assert.rejects(rangeTest(() => 1, { ...ok, diverge_threshold: 5 } as never), {
      message: "diverge_threshold: unknown option of rangeTest; did you mean divergeThreshold?",
    });
  });
});

describe("the parts of an options object are checked too", () => {
  test("a plot's series and markers refuse unknown keys, at their path", () => {
    assert.throws(() => renderPlot({ series: [{ name: "lr", x: [0], y: [1], colour: "red" } as never] }), {
      name: "TypeError",
      message: "series[0].colour: unknown option of PlotSeries; did you mean color?",
    });
    assert.throws(() => renderPlot({ series: [], markers: [{ x: 1, text: "maxLr" } as never] }), {
      name: "TypeError",
      message: "markers[0].text: unknown option of PlotMarker",
    });
    assert.throws(() => stackPlots([{ series: [] }, { series: [], frobnicate: 1 } as never]), {
      name: "TypeError",
      message: "plots[1].frobnicate: unknown option of renderPlot",
    });
  });
  test("a value that used to be ignored is refused: an opacity outside [0, 1], a y of the wrong length", () => {
    assert.throws(() => renderPlot({ series: [{ name: "lr", x: [0, 1], y: [1, 2], opacity: 2 }] }), {
      name: "RangeError",
      message: "series[0].opacity: expected a number in [0, 1], got 2",
    });
    assert.throws(() => renderPlot({ series: [{ name: "lr", x: [0, 1], y: [1] }] }), {
      name: "RangeError",
      message: "series[0].y: expected 2 values (as x), got 1",
    });
  });
  test("checkScheduleLaws names a law it does not know, and the options a listed law needs", () => {
    assert.throws(() => checkScheduleLaws(s, { laws: ["periodical" as never] }), {
      name: "TypeError",
      message: 'laws[0]: expected one of "finite", "deterministic", "startOffset", "withinBounds", "periodic", ' +
        '"halvesEachCycle", "decaysLike", "monotoneWithinCycle", "groupsIndependent", got "periodical"',
    });
    assert.throws(() => checkScheduleLaws(s, { laws: ["withinBounds", "decaysLike"], maxLr: 1 }), {
      name: "TypeError",
      message: "baseLr: expected a value (the withinBounds law needs baseLr and maxLr), got undefined\n" +
        "gamma: expected a value (the decaysLike law needs it), got undefined",
    });
  });
});

describe("snake_case spellings get the camelCase name", () => {
  const cases: readonly [string, () => unknown, string][] = [
    [
      "cyclicLR base_lr",
      () => cyclicLR({ base_lr: 0.001 } as never),
      "base_lr: unknown option of cyclicLR; did you mean baseLr?",
    ],
    [
      "cyclicLR step_size_up",
      () => cyclicLR({ step_size_up: 500 } as never),
      "step_size_up: unknown option of cyclicLR; did you mean stepSizeUp?",
    ],
    [
      "oneCycle pct_start",
      () => oneCycle({ maxLr: 1, totalSteps: 10, pct_start: 0.25 } as never),
      "pct_start: unknown option of oneCycle; did you mean pctStart?",
    ],
    [
      "cosineRestarts T_0",
      () => cosineRestarts({ baseLr: 1, T_0: 10 } as never),
      "t0: expected a positive integer, got undefined\nT_0: unknown option of cosineRestarts; did you mean t0?",
    ],
    [
      "wsd min_lr_ratio",
      () => wsd({ peakValue: 1, totalSteps: 100, decaySteps: 10, min_lr_ratio: 0.1 } as never),
      "min_lr_ratio: unknown option of wsd; did you mean minLrRatio?",
    ],
    [
      "inverseTimeDecay decay_steps",
      () => inverseTimeDecay({ initValue: 1, decayRate: 0.5, decay_steps: 10 } as never),
      "decaySteps: expected a positive integer, got undefined\ndecay_steps: unknown option of inverseTimeDecay; did you mean decaySteps?",
    ],
    [
      "tanhDecay t_initial",
      () => tanhDecay({ baseLr: 1, tInitial: 10, cycle_limit: 2 } as never),
      "cycle_limit: unknown option of tanhDecay; did you mean cycleLimit?",
    ],
    [
      "poly k_decay",
      () => poly({ baseLr: 1, tInitial: 10, k_decay: 2 } as never),
      "k_decay: unknown option of poly; did you mean kDecay?",
    ],
    [
      "cosineWithWarmup num_cycles",
      () => cosineWithWarmup({ peakValue: 1, totalSteps: 10, num_cycles: 1 } as never),
      "num_cycles: unknown option of cosineWithWarmup; did you mean numCycles?",
    ],
    [
      "cosineAnnealing T_max",
      () => cosineAnnealing({ baseLr: 1, T_max: 10 } as never),
      "tMax: expected a positive integer, got undefined\nT_max: unknown option of cosineAnnealing; did you mean tMax?",
    ],
    [
      "linearOneCycle pct_final",
      () => linearOneCycle({ transitionSteps: 10, peakValue: 1, pct_final: 0.9 } as never),
      "pct_final: unknown option of linearOneCycle; did you mean pctFinal?",
    ],
    [
      "exponentialDecay decay_rate",
      () => exponentialDecay({ initValue: 1, transitionSteps: 5, decayRate: 0.5, end_value: 0 } as never),
      "end_value: unknown option of exponentialDecay; did you mean endValue?",
    ],
    [
      "rangeTestRamp min_lr",
      () => rangeTestRamp({ min_lr: 1e-3, maxLr: 1, iterations: 10 } as never),
      "minLr: expected a finite number > 0, got undefined\nmin_lr: unknown option of rangeTestRamp; did you mean minLr?",
    ],
    [
      "stepSize batch_size",
      () => stepSize({ datasetSize: 100, batch_size: 10, epochsPerHalfCycle: 2 } as never),
      "batchSize: expected a positive integer, got undefined\nbatch_size: unknown option of stepSize; did you mean batchSize?",
    ],
    [
      "suggestBounds skip_start",
      () => suggestBounds({}, { skip_start: 0 } as never),
      "skip_start: unknown option of suggestBounds; did you mean skipStart?",
    ],
    [
      "checkScheduleLaws step_size_up",
      () => checkScheduleLaws(s, { step_size_up: 5 } as never),
      "step_size_up: unknown option of checkScheduleLaws; did you mean stepSizeUp?",
    ],
    [
      "plotSchedule x_start",
      () => plotSchedule(s, { steps: 2, xStart: 1 } as never),
      "xStart: unknown option of plotSchedule; did you mean start?",
    ],
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
