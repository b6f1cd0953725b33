// product against PyTorch's ChainedScheduler of multiplicative schedulers: the expectations of
// PyTorch's test/optim/test_lrscheduler.py (test_chained_lr1-5 and the test_compound_* cases
// of chainable schedulers; ReduceLROnPlateau's are not schedules of t), and ChainedScheduler's
// chainable stepping (torch/optim/lr_scheduler.py, transcribed in test/_oracles_02.ts) at every
// step of fast-check chains. PyTorch's tests use two groups at 0.05 and 0.5.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  configOf,
  constant,
  cosineDecay,
  cyclicLR,
  exponentialDecay,
  linear,
  piecewiseConstant,
  type Policy,
  polynomial,
  product,
} from "../mod.ts";
import { decodeConfig, policyFromConfig } from "../config.ts";
import { type Chainable, chainedScheduler, torch } from "./_oracles_02.ts";
import { agree, report, tally } from "./_compare.ts";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const BASE = constant({ value: [0.05, 0.5] });

// PyTorch's multiplicative schedulers as factor schedules (closed forms).
const factor = {
  StepLR: (stepSize: number, gamma = 0.1) =>
    exponentialDecay({ initValue: 1, transitionSteps: stepSize, decayRate: gamma, staircase: true }),
  MultiStepLR: (milestones: readonly number[], gamma = 0.1) => {
    const table: Record<string, number> = {};
    for (const m of milestones) table[String(m)] = (table[String(m)] ?? 1) * gamma;
    return piecewiseConstant({ initValue: 1, boundariesAndScales: table });
  },
  ExponentialLR: (gamma: number) => exponentialDecay({ initValue: 1, transitionSteps: 1, decayRate: gamma }),
  ConstantLR: (f = 1 / 3, totalIters = 5) =>
    piecewiseConstant({ initValue: f, boundariesAndScales: { [totalIters]: 1 / f } }),
  LinearLR: (startFactor = 1 / 3, endFactor = 1, totalIters = 5) =>
    linear({ initValue: startFactor, endValue: endFactor, transitionSteps: totalIters }),
  PolynomialLR: (totalIters = 5, power = 1) =>
    polynomial({ initValue: 1, endValue: 0, power, transitionSteps: totalIters }),
};

/** PyTorch's _test: both groups, every epoch; its atol is 1e-5, this is 1e-12 relative. */
function expectGroups(p: Policy, single: readonly number[], epochs: number, second = (x: number) => x * 10): void {
  for (let e = 0; e < epochs; e++) {
    const [a, b] = p(e);
    agree(a, single[e], `group 0 at ${e}`, 1e-13);
    agree(b, second(single[e]), `group 1 at ${e}`, 1e-13);
  }
}

describe("PyTorch test_lrscheduler.py expectations of ChainedScheduler", () => {
  test("test_chained_lr1: StepLR(gamma 0.1, step 3)", () => {
    expectGroups(product([BASE, factor.StepLR(3)]), [
      ...Array(3).fill(0.05),
      ...Array(3).fill(0.005),
      ...Array(3).fill(0.0005),
      ...Array(3).fill(0.00005),
    ], 10);
  });

  test("test_chained_lr2: LinearLR(start 0.4, 3 iterations)", () => {
    expectGroups(product([BASE, factor.LinearLR(0.4, 1, 3)]), [0.02, 0.03, 0.04, ...Array(9).fill(0.05)], 10);
  });

  test("test_chained_lr3: LinearLR(0.4, 3) then MultiStepLR([4, 8, 10], 0.1)", () => {
    const p = product([BASE, factor.LinearLR(0.4, 1, 3), factor.MultiStepLR([4, 8, 10])]);
    expectGroups(p, [
      0.02,
      0.03,
      0.04,
      0.05,
      ...Array(4).fill(0.005),
      ...Array(3).fill(0.0005),
      ...Array(3).fill(0.00005),
    ], 10);
  });

  test("test_chained_lr4: ExponentialLR(0.9), ConstantLR(0.2, 4), StepLR(0.1, 3)", () => {
    const want = [
      ...range(3).map((x) => 0.05 * 0.2 * 0.9 ** x),
      0.05 * 0.2 * 0.9 ** 3 * 0.1,
      ...[4, 5].map((x) => 0.05 * 0.9 ** x * 0.1),
      ...[6, 7, 8].map((x) => 0.05 * 0.9 ** x * 0.01),
    ];
    expectGroups(product([BASE, factor.ExponentialLR(0.9), factor.ConstantLR(0.2, 4), factor.StepLR(3)]), want, 9);
  });

  test("test_chained_lr5: PolynomialLR(power 0.9, 5) and ConstantLR(0.1)", () => {
    const poly = (lr: number) => [...range(5).map((x) => lr * (1.0 - x / 5) ** 0.9), ...Array(5).fill(0)];
    const p = product([BASE, factor.PolynomialLR(5, 0.9), factor.ConstantLR(0.1)]);
    const a = poly(0.05).map((x) => x * 0.1), b = poly(0.5).map((x) => x * 0.1);
    range(10).forEach((e) => {
      agree(p(e)[0], a[e], `group 0 at ${e}`, 1e-13);
      agree(p(e)[1], b[e], `group 1 at ${e}`, 1e-13);
    });
  });

  const compound: readonly [string, Policy, number[]][] = [
    ["test_compound_step_and_multistep_lr", product([BASE, factor.StepLR(3), factor.MultiStepLR([2, 5, 9])]), [
      0.05,
      0.05,
      0.005,
      5e-4,
      5e-4,
      5e-5,
      5e-6,
      5e-6,
      5e-6,
      5e-8,
    ]],
    ["test_compound_step_and_exp_lr", product([BASE, factor.StepLR(3), factor.ExponentialLR(0.9)]), [
      ...range(3).map((x) => 0.05 * 0.9 ** x),
      ...[3, 4, 5].map((x) => 0.005 * 0.9 ** x),
      ...[6, 7, 8].map((x) => 0.0005 * 0.9 ** x),
      0.00005 * 0.9 ** 9,
    ]],
    ["test_compound_exp_and_multistep_lr", product([BASE, factor.MultiStepLR([2, 5, 9]), factor.ExponentialLR(0.9)]), [
      ...range(2).map((x) => 0.05 * 0.9 ** x),
      ...[2, 3, 4].map((x) => 0.005 * 0.9 ** x),
      ...[5, 6, 7, 8].map((x) => 0.0005 * 0.9 ** x),
      0.00005 * 0.9 ** 9,
    ]],
    [
      "test_compound_exp_and_linearlr",
      product([BASE, factor.LinearLR(0.4, 0.9, 4), factor.ExponentialLR(0.9)]),
      range(10).map((i) => 0.05 * 0.9 ** i * (i < 4 ? 0.4 + (i / 4) * (0.9 - 0.4) : 0.9)),
    ],
    ["test_compound_step_and_constantlr", product([BASE, factor.StepLR(3), factor.ConstantLR(0.4, 4)]), [
      ...Array(3).fill(0.05 * 0.4),
      0.005 * 0.4,
      0.005,
      0.005,
      0.0005,
      0.0005,
      0.0005,
      0.00005,
    ]],
    [
      "test_compound_linearlr_and_multistep_lr",
      product([BASE, factor.MultiStepLR([2, 5, 9]), factor.LinearLR(0.4, 1, 4)]),
      [0.05, 0.05, 0.005, 0.005, 0.005, 0.0005, 0.0005, 0.0005, 0.0005, 0.00005].map((
        x,
        i,
      ) => (i < 4 ? x * (0.4 + (i / 4) * 0.6) : x)),
    ],
  ];
  for (const [name, p, want] of compound) test(name, () => expectGroups(p, want, 10));

  // The CosineAnnealingLR compounds: the cosine is of the base rates (eta_min 1e-10), so it is
  // optax's cosine decay of [0.05, 0.5] with alpha = eta_min / 0.05, times the factors.
  const etaMin = 1e-10;
  const cosine = cosineDecay({ initValue: [0.05, 0.5], decaySteps: 10, alpha: etaMin / 0.05 });
  const cos = range(10).map((x) => etaMin + (0.05 - etaMin) * (1 + Math.cos(Math.PI * x / 10)) / 2);
  const cosCompounds: readonly [string, Policy, number[]][] = [
    [
      "test_compound_cosanneal_and_step_lr",
      product([cosine, factor.StepLR(3)]),
      cos.map((x, i) => x * 0.1 ** Math.floor(i / 3)),
    ],
    [
      "test_compound_cosanneal_and_multistep_lr",
      product([cosine, factor.MultiStepLR([2, 5, 9])]),
      cos.map((x, i) => x * [1, 1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.01, 0.001][i]),
    ],
    [
      "test_compound_cosanneal_and_linearlr",
      product([factor.LinearLR(0.4, 1, 4), cosine]),
      cos.map((x, i) => (i < 4 ? x * (0.4 + (i / 4) * 0.6) : x)),
    ],
    [
      "test_compound_cosanneal_and_exp_lr",
      product([cosine, factor.ExponentialLR(0.1)]),
      cos.map((x, i) => x * 0.1 ** i),
    ],
  ];
  for (const [name, p, want] of cosCompounds) test(name, () => expectGroups(p, want, 10));

  test("the ChainedScheduler docstring: ConstantLR(0.1, 20) and ExponentialLR(0.9), whose listed rates need a base of 0.5 (it says 0.05)", () => {
    const p = product([constant({ value: 0.5 }), factor.ConstantLR(0.1, 20), factor.ExponentialLR(0.9)]);
    const listed: [number, number][] = [[0, 0.05], [1, 0.045], [2, 0.0405], [19, 0.00675], [20, 0.06078], [
      21,
      0.05470,
    ]];
    for (const [e, lr] of listed) assert.ok(Math.abs(p(e)[0] - lr) < 1e-5, `epoch ${e}: ${p(e)[0]} vs ${lr}`);
  });
});

describe("product as the spec defines its config", () => {
  test("a config needs at least two schedules", () => {
    const r = decodeConfig({ policy: "product", schedules: [{ policy: "constant", value: 1 }] });
    assert.deepEqual(r, {
      _tag: "Left",
      left: ['schedules: expected an array of at least 2 configs, got [{"policy":"constant","value":1}]'],
    });
  });

  test("a child with momentum is a decode error naming it and saying cycleMomentum: false", () => {
    const r = decodeConfig({ policy: "product", schedules: [{ policy: "constant", value: 1 }, { policy: "cyclic" }] });
    assert.deepEqual(r, {
      _tag: "Left",
      left: [
        'schedules[1]: expected a schedule without momentum (a product has none), got schedules[1] ("cyclic") with momentum (give it "cycleMomentum": false)',
      ],
    });
    assert.throws(() => product([cyclicLR({})]), {
      name: "TypeError",
      message:
        'schedules[0]: expected a schedule without momentum (a product has none), got schedules[0] ("cyclic") with momentum (give it "cycleMomentum": false)',
    });
  });

  test("groups: equal counts, or one-group children repeated; other counts are errors", () => {
    const p = policyFromConfig({
      policy: "product",
      schedules: [{ policy: "constant", value: [1, 2] }, { policy: "constant", value: 3 }],
    });
    assert.deepEqual(p(0), [3, 6]);
    const r = decodeConfig({
      policy: "product",
      schedules: [{ policy: "constant", value: [1, 2] }, { policy: "constant", value: [1, 2, 3] }],
    });
    assert.deepEqual(r, { _tag: "Left", left: ["schedules[0]: expected 3 groups (as schedules[1]) or 1, got 2"] });
  });

  test("a product in code records its config; of one schedule it has none", () => {
    assert.deepEqual(configOf(product([constant({ value: 1 }), constant({ value: 2 })])), {
      policy: "product",
      schedules: [{ policy: "constant", value: 1 }, { policy: "constant", value: 2 }],
    });
    assert.equal(configOf(product([constant({ value: 1 })])), undefined);
  });
});

/** One of PyTorch's chainable multiplicative schedulers, as (oracle, factor schedule). */
const schedulerArb: fc.Arbitrary<[Chainable, Policy, string]> = fc.oneof(
  fc.double({ min: 0.97, max: 1, noNaN: true }).map((
    g,
  ): [Chainable, Policy, string] => [torch.ExponentialLR(g), factor.ExponentialLR(g), `ExponentialLR(${g})`]),
  fc.tuple(fc.integer({ min: 1, max: 400 }), fc.double({ min: 0.05, max: 1, noNaN: true })).map((
    [s, g],
  ): [Chainable, Policy, string] => [
    torch.StepLR(s, g),
    factor.StepLR(s, g),
    `StepLR(${s}, ${g})`,
  ]),
  fc.tuple(
    fc.uniqueArray(fc.integer({ min: 1, max: 2500 }), { minLength: 1, maxLength: 4 }),
    fc.double({ min: 0.05, max: 1, noNaN: true }),
  )
    .map((
      [m, g],
    ): [Chainable, Policy, string] => [torch.MultiStepLR(m, g), factor.MultiStepLR(m, g), `MultiStepLR(${m}, ${g})`]),
  fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.integer({ min: 1, max: 2500 })).map((
    [f, n],
  ): [Chainable, Policy, string] => [
    torch.ConstantLR(f, n),
    factor.ConstantLR(f, n),
    `ConstantLR(${f}, ${n})`,
  ]),
  // end_factor >= 0.1: below, PyTorch's chainable ratio 1 + (end - start) / (T start + (e - 1)(end - start))
  // cancels as the rate nears 0 (LinearLR(1/3, 0, 5) ends at -1.5e-17, not 0), so its own value drifts.
  fc.tuple(
    fc.double({ min: 0.01, max: 1, noNaN: true }),
    fc.double({ min: 0.1, max: 1, noNaN: true }),
    fc.integer({ min: 1, max: 2500 }),
  )
    .map((
      [a, b, n],
    ): [Chainable, Policy, string] => [
      torch.LinearLR(a, b, n),
      factor.LinearLR(a, b, n),
      `LinearLR(${a}, ${b}, ${n})`,
    ]),
);

describe("agrees with ChainedScheduler's chainable stepping at 1e-12 relative", () => {
  test("at every epoch of 3000, for chains of 1 to 4 multiplicative schedulers, wherever the rate is a normal double", () => {
    const seen = tally();
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.array(schedulerArb, { minLength: 1, maxLength: 4 }),
        (base, chain) => {
          const want = chainedScheduler(base, chain.map((c) => c[0]), 3000);
          const p = product([constant({ value: base }), ...chain.map((c) => c[1])]);
          const names = chain.map((c) => c[2]).join(", ");
          want.forEach((w, e) => {
            if (w >= 2 ** -1022) agree(p(e)[0], w, `epoch ${e} of ${base} × [${names}]`, 0, seen);
          });
        },
      ),
      { numRuns: 150 },
    );
    report("PyTorch ChainedScheduler", seen);
    assert.ok(seen.steps > 300_000);
  });
});
