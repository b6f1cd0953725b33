// oneCycle against PyTorch's OneCycleLR: the expectations of PyTorch's own tests
// (test/optim/test_lrscheduler.py: test_onecycle_lr_*, test_cycle_lr_with_adam), and a
// transcription of the class itself (its phase dicts, its get_lr loop, stepped once per
// iteration) as an oracle over long runs, small totalSteps and edge pctStart values.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { configOf } from "../mod.ts";
import { oneCycle, type OneCycleOptions } from "../mod.ts";

// ---- the oracle: torch/optim/lr_scheduler.py OneCycleLR, transcribed ----------------------

class ZeroDivisionError extends Error {}

interface TorchGroup {
  initial_lr: number;
  max_lr: number;
  min_lr: number;
  max_momentum: number;
  base_momentum: number;
  momentum?: number;
  [key: string]: number | undefined;
}

interface TorchPhase {
  end_step: number;
  start_lr: string;
  end_lr: string;
  start_momentum: string;
  end_momentum: string;
}

class TorchOneCycleLR {
  last_epoch = -1;
  readonly groups: TorchGroup[];
  readonly phases: TorchPhase[];
  constructor(
    readonly o: {
      max_lr: number[];
      total_steps: number;
      pct_start?: number;
      anneal_strategy?: "cos" | "linear";
      cycle_momentum?: boolean;
      base_momentum?: number;
      max_momentum?: number;
      div_factor?: number;
      final_div_factor?: number;
      three_phase?: boolean;
    },
  ) {
    const pct_start = o.pct_start ?? 0.3, total_steps = o.total_steps;
    const div_factor = o.div_factor ?? 25, final_div_factor = o.final_div_factor ?? 1e4;
    this.phases = o.three_phase
      ? [
        {
          end_step: pct_start * total_steps - 1,
          start_lr: "initial_lr",
          end_lr: "max_lr",
          start_momentum: "max_momentum",
          end_momentum: "base_momentum",
        },
        {
          end_step: 2 * pct_start * total_steps - 2,
          start_lr: "max_lr",
          end_lr: "initial_lr",
          start_momentum: "base_momentum",
          end_momentum: "max_momentum",
        },
        {
          end_step: total_steps - 1,
          start_lr: "initial_lr",
          end_lr: "min_lr",
          start_momentum: "max_momentum",
          end_momentum: "max_momentum",
        },
      ]
      : [
        {
          end_step: pct_start * total_steps - 1,
          start_lr: "initial_lr",
          end_lr: "max_lr",
          start_momentum: "max_momentum",
          end_momentum: "base_momentum",
        },
        {
          end_step: total_steps - 1,
          start_lr: "max_lr",
          end_lr: "min_lr",
          start_momentum: "base_momentum",
          end_momentum: "max_momentum",
        },
      ];
    this.groups = o.max_lr.map((max_lr) => {
      const initial_lr = max_lr / div_factor;
      return {
        initial_lr,
        max_lr,
        min_lr: initial_lr / final_div_factor,
        max_momentum: o.max_momentum ?? 0.95,
        base_momentum: o.base_momentum ?? 0.85,
      };
    });
  }
  static annealing_cos(start: number, end: number, pct: number): number {
    const cos_out = Math.cos(Math.PI * pct) + 1;
    return end + (start - end) / 2.0 * cos_out;
  }
  static annealing_linear(start: number, end: number, pct: number): number {
    return (end - start) * pct + start;
  }
  anneal_func(start: number, end: number, pct: number): number {
    return this.o.anneal_strategy === "linear"
      ? TorchOneCycleLR.annealing_linear(start, end, pct)
      : TorchOneCycleLR.annealing_cos(start, end, pct);
  }
  get_lr(): number[] {
    const lrs: number[] = [];
    const step_num = this.last_epoch;
    if (step_num > this.o.total_steps) throw new Error(`Tried to step ${step_num} times`);
    for (const group of this.groups) {
      let start_step = 0.0;
      let computed_lr = NaN, computed_momentum = NaN;
      for (let i = 0; i < this.phases.length; i++) {
        const phase = this.phases[i];
        const end_step = phase.end_step;
        if (step_num <= end_step || i === this.phases.length - 1) {
          if (end_step - start_step === 0) throw new ZeroDivisionError("float division by zero");
          const pct = (step_num - start_step) / (end_step - start_step);
          computed_lr = this.anneal_func(group[phase.start_lr]!, group[phase.end_lr]!, pct);
          computed_momentum = this.anneal_func(group[phase.start_momentum]!, group[phase.end_momentum]!, pct);
          break;
        }
        start_step = phase.end_step;
      }
      lrs.push(computed_lr);
      group.momentum = computed_momentum;
    }
    return lrs;
  }
  step(): number[] {
    this.last_epoch += 1;
    return this.get_lr();
  }
}

// ---- helpers ------------------------------------------------------------------------------

function close(actual: number, expected: number, what: string): void {
  const ok = Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(actual), Math.abs(expected));
  assert.ok(ok, `${what}: expected ${expected}, got ${actual}`);
}

interface Case {
  readonly maxLr: number[];
  readonly totalSteps: number;
  readonly pctStart?: number;
  readonly annealStrategy?: "cos" | "linear";
  readonly divFactor?: number;
  readonly finalDivFactor?: number;
  readonly threePhase?: boolean;
  readonly baseMomentum?: number;
  readonly maxMomentum?: number;
}

/** The end values of the phase PyTorch would divide 0/0 in: what the spec prescribes. */
function zeroLengthPhaseValue(c: Case, t: number): { lr: number[]; momentum: number } {
  // Only the first phase can have zero length inside [0, totalSteps - 1]: p * T - 1 = 0 at t = 0.
  assert.equal(t, 0, "a zero-length phase is only reachable at t = 0");
  return { lr: c.maxLr, momentum: c.baseMomentum ?? 0.85 };
}

/** Compares oneCycle with the stepped oracle at every iteration of the cycle, then the hold. */
function compareWithTorch(c: Case, every = 1): void {
  const policy = oneCycle({ ...c, maxLr: c.maxLr.length === 1 ? c.maxLr[0] : c.maxLr, groups: c.maxLr.length });
  const torch = new TorchOneCycleLR({
    max_lr: c.maxLr,
    total_steps: c.totalSteps,
    pct_start: c.pctStart,
    anneal_strategy: c.annealStrategy,
    div_factor: c.divFactor,
    final_div_factor: c.finalDivFactor,
    three_phase: c.threePhase,
    base_momentum: c.baseMomentum,
    max_momentum: c.maxMomentum,
  });
  const label = JSON.stringify(c);
  for (let t = 0; t < c.totalSteps; t++) {
    let lrs: number[], momenta: number[];
    try {
      lrs = torch.step();
      momenta = torch.groups.map((g) => g.momentum!);
    } catch (e) {
      if (!(e instanceof ZeroDivisionError)) throw e;
      const z = zeroLengthPhaseValue(c, t);
      lrs = z.lr;
      momenta = c.maxLr.map(() => z.momentum);
    }
    if (t % every !== 0 && t !== c.totalSteps - 1) continue;
    const lr = policy.lr(t), m = policy.momentum!(t);
    lrs.forEach((v, g) => close(lr[g], v, `${label} lr(${t})[${g}]`));
    momenta.forEach((v, g) => close(m[g], v, `${label} momentum(${t})[${g}]`));
  }
  const last = c.totalSteps - 1;
  for (const t of [c.totalSteps, c.totalSteps + 1, 10 * c.totalSteps + 7, Number.MAX_SAFE_INTEGER]) {
    assert.deepEqual(policy.lr(t), policy.lr(last), `${label}: lr(${t}) holds lr(${last})`);
    assert.deepEqual(policy.momentum!(t), policy.momentum!(last), `${label}: momentum(${t}) holds`);
  }
}

// ---- PyTorch's own expectations -----------------------------------------------------------

function annealingCos(start: number, end: number, pct: number): number {
  const cosOut = Math.cos(Math.PI * pct) + 1;
  return end + (start - end) / 2.0 * cosOut;
}

function expectRun(options: OneCycleOptions, lrTarget: number[], momentumTarget: number[]): void {
  const { lr, momentum } = oneCycle({ ...options, groups: 2 });
  lrTarget.forEach((v, t) => {
    close(lr(t)[0], v, `lr(${t})[0]`);
    close(lr(t)[1], v, `lr(${t})[1]`);
  });
  momentumTarget.forEach((v, t) => {
    close(momentum!(t)[0], v, `momentum(${t})[0]`);
    close(momentum!(t)[1], v, `momentum(${t})[1]`);
  });
}

describe("oneCycle pins PyTorch's test_lrscheduler.py expectations", () => {
  test("test_onecycle_lr_linear_annealing (and test_cycle_lr_with_adam, same numbers)", () =>
    expectRun(
      { maxLr: 25, finalDivFactor: 2, baseMomentum: 1, maxMomentum: 22, totalSteps: 10, annealStrategy: "linear" },
      [1, 13, 25, 21.5, 18, 14.5, 11, 7.5, 4, 0.5],
      [22, 11.5, 1, 4, 7, 10, 13, 16, 19, 22],
    ));

  test("test_onecycle_lr_linear_annealing_three_phases", () =>
    expectRun(
      {
        maxLr: 25,
        divFactor: 25,
        baseMomentum: 1,
        maxMomentum: 22,
        totalSteps: 10,
        annealStrategy: "linear",
        pctStart: 0.4,
        finalDivFactor: 4,
        threePhase: true,
      },
      [1, 9, 17, 25, 17, 9, 1, 0.75, 0.5, 0.25],
      [22, 15, 8, 1, 8, 15, 22, 22, 22, 22],
    ));

  test("test_onecycle_lr_cosine_annealing", () =>
    expectRun(
      { maxLr: 25, finalDivFactor: 2, baseMomentum: 1, maxMomentum: 22, totalSteps: 10 },
      [1, 13, 25, ...[1, 2, 3, 4, 5, 6].map((k) => annealingCos(25, 0.5, k / 7.0)), 0.5],
      [22, 11.5, 1, ...[1, 2, 3, 4, 5, 6].map((k) => annealingCos(1, 22, k / 7.0)), 22],
    ));

  test("test_onecycle_lr_invalid_anneal_strategy and _invalid_pct_start: rejected, naming the field", () => {
    assert.throws(
      // @ts-expect-error: an invalid strategy, as a config could hold
      () => oneCycle({ maxLr: 1e-3, totalSteps: 10, annealStrategy: "CATS" }),
      { name: "TypeError", message: 'annealStrategy: expected one of "cos", "linear", got "CATS"' },
    );
    assert.throws(() => oneCycle({ maxLr: 1e-3, totalSteps: 10, pctStart: 1.1 }), {
      name: "RangeError",
      message: "pctStart: expected a number in [0, 1], got 1.1",
    });
  });

  test("test_onecycle_lr_cannot_calculate_total_steps: totalSteps is required", () => {
    // @ts-expect-error: totalSteps missing
    assert.throws(() => oneCycle({ maxLr: 1e-3 }), {
      name: "TypeError",
      message: "totalSteps: expected a positive integer, got undefined",
    });
  });
});

// ---- the oracle over many cases -----------------------------------------------------------

describe("oneCycle equals the transcribed OneCycleLR at every step (1e-12 relative)", () => {
  test("a long run: 100 000 steps, defaults, two groups", () =>
    compareWithTorch({ maxLr: [0.1, 0.004], totalSteps: 100_000 }, 7));

  test("a long run: 250 000 steps, three phases, linear", () =>
    compareWithTorch(
      { maxLr: [3], totalSteps: 250_000, threePhase: true, annealStrategy: "linear", pctStart: 0.25 },
      11,
    ));

  test("every totalSteps from 1 to 40 with edge pctStart values, both strategies, two and three phases", () => {
    for (let totalSteps = 1; totalSteps <= 40; totalSteps++) {
      for (const pctStart of [0, 0.01, 0.05, 0.1, 0.25, 0.3, 0.45, 0.5, 0.55, 0.7, 0.99, 1]) {
        for (const threePhase of [false, true]) {
          for (const annealStrategy of ["cos", "linear"] as const) {
            compareWithTorch({
              maxLr: [0.5, 2],
              totalSteps,
              pctStart,
              threePhase,
              annealStrategy,
              divFactor: 10,
              finalDivFactor: 100,
            });
          }
        }
      }
    }
  });

  test("totalSteps 1, 2, 3: the first phase ends before step 0, so step 0 is already in the fall", () => {
    // p * T - 1 < 0: PyTorch skips the first phase; t = 0 is in phase 2 with start -0.7.
    const { lr } = oneCycle({ maxLr: 1, totalSteps: 1, cycleMomentum: false });
    assert.equal(lr(0)[0], 1 / 25 / 1e4); // pct = 0.7 / 0.7 = 1: the final value
    const two = oneCycle({ maxLr: 1, totalSteps: 2 });
    close(two.lr(0)[0], annealingCos(1, 1 / 25 / 1e4, 0.4 / 1.4), "lr(0), T = 2");
    compareWithTorch({ maxLr: [1], totalSteps: 3 });
  });

  test("a zero-length phase (pctStart * totalSteps == 1) takes its end value where PyTorch divides 0/0", () => {
    const { lr, momentum } = oneCycle({ maxLr: 0.2, totalSteps: 10, pctStart: 0.1 });
    assert.equal(lr(0)[0], 0.2);
    assert.equal(momentum!(0)[0], 0.85);
    compareWithTorch({ maxLr: [0.2], totalSteps: 10, pctStart: 0.1 });
    compareWithTorch({ maxLr: [0.2], totalSteps: 10, pctStart: 0.1, threePhase: true, annealStrategy: "linear" });
  });

  test("pctStart = 1 rises over the whole cycle and ends at maxLr; pctStart = 0 starts in the fall", () => {
    const up = oneCycle({ maxLr: 0.3, totalSteps: 50, pctStart: 1 });
    assert.equal(up.lr(49)[0], 0.3);
    assert.equal(up.lr(1000)[0], 0.3);
    const down = oneCycle({ maxLr: 0.3, totalSteps: 50, pctStart: 0, annealStrategy: "linear" });
    close(down.lr(0)[0], 0.3 + (0.3 / 25 / 1e4 - 0.3) / 50, "lr(0), pctStart 0");
  });

  test("three phases with pctStart > 1/2: the second phase outlasts the cycle, as in PyTorch", () =>
    compareWithTorch({ maxLr: [1], totalSteps: 20, pctStart: 0.7, threePhase: true }));
});

describe("oneCycle config and errors", () => {
  test("records its config with every default written out", () => {
    assert.deepEqual(configOf(oneCycle({ maxLr: 0.01, totalSteps: 1000 })), {
      policy: "oneCycle",
      maxLr: 0.01,
      totalSteps: 1000,
      pctStart: 0.3,
      annealStrategy: "cos",
      divFactor: 25,
      finalDivFactor: 1e4,
      threePhase: false,
      cycleMomentum: true,
      baseMomentum: 0.85,
      maxMomentum: 0.95,
    });
    assert.deepEqual(configOf(oneCycle({ maxLr: [0.01, 0.1], totalSteps: 10, cycleMomentum: false }))?.baseMomentum, [
      0.85,
      0.85,
    ]);
  });

  test("cycleMomentum: false gives no momentum", () =>
    assert.equal(oneCycle({ maxLr: 1, totalSteps: 10, cycleMomentum: false }).momentum, undefined));

  const cases: [string, () => unknown, string, string][] = [
    [
      "missing maxLr",
      () => oneCycle({ totalSteps: 10 } as unknown as OneCycleOptions),
      "TypeError",
      "maxLr: expected a finite number >= 0 or a non-empty array of them, got undefined",
    ],
    [
      "totalSteps 0",
      () => oneCycle({ maxLr: 1, totalSteps: 0 }),
      "RangeError",
      "totalSteps: expected a positive integer, got 0",
    ],
    [
      "totalSteps 2.5",
      () => oneCycle({ maxLr: 1, totalSteps: 2.5 }),
      "RangeError",
      "totalSteps: expected a positive integer, got 2.5",
    ],
    [
      "pctStart -0.1",
      () => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: -0.1 }),
      "RangeError",
      "pctStart: expected a number in [0, 1], got -0.1",
    ],
    [
      "divFactor 0",
      () => oneCycle({ maxLr: 1, totalSteps: 10, divFactor: 0 }),
      "RangeError",
      "divFactor: expected a finite number > 0, got 0",
    ],
    [
      "finalDivFactor Infinity",
      () => oneCycle({ maxLr: 1, totalSteps: 10, finalDivFactor: Infinity }),
      "RangeError",
      "finalDivFactor: expected a finite number > 0, got Infinity",
    ],
    [
      "maxLr -1",
      () => oneCycle({ maxLr: -1, totalSteps: 10 }),
      "RangeError",
      "maxLr: expected a finite number >= 0, got -1",
    ],
    [
      "groups disagree",
      () => oneCycle({ maxLr: [1, 2], baseMomentum: [0.8, 0.8, 0.8], totalSteps: 10 }),
      "RangeError",
      "baseMomentum: expected 2 values (one per group, as maxLr), got 3",
    ],
    [
      'threePhase "yes"',
      () => oneCycle({ maxLr: 1, totalSteps: 10, threePhase: "yes" as unknown as boolean }),
      "TypeError",
      'threePhase: expected a boolean, got "yes"',
    ],
  ];
  for (const [name, fn, type, message] of cases) {
    test(`rejects ${name}: ${message}`, () => assert.throws(fn, { name: type, message }));
  }

  test("rejects an iteration that is not a non-negative safe integer", () => {
    const { lr } = oneCycle({ maxLr: 1, totalSteps: 10 });
    assert.throws(() => lr(-1), { name: "RangeError", message: "iteration: expected a non-negative integer, got -1" });
    assert.throws(() => lr(1.5), {
      name: "RangeError",
      message: "iteration: expected a non-negative integer, got 1.5",
    });
  });
});
