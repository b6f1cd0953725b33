// cosineWithWarmup and cosineWithHardRestarts against HF transformers: every expectation of
// HF's own tests/optimization/test_optimization.py for these schedules (ScheduleInitTest,
// peak 10, 2 warm-up steps, 10 steps, to HF's 1e-2; and its save-and-reload check), then
// numCycles other than 0.5, a real number of restarts, HF's two warm-ups, and the edges.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { configOf, cosineWithHardRestarts, cosineWithWarmup, resumeAt } from "../mod.ts";
import { policyFromConfig } from "../config.ts";
import { type HfArgs, hfCosineLambda, hfHardRestartsLambda } from "./_families_oracle.ts";

const common = { peakValue: 10, warmupSteps: 2, totalSteps: 10 };
const first10 = (lr: (t: number) => readonly number[]) => Array.from({ length: 10 }, (_, t) => lr(t)[0]);

function listAlmostEqual(actual: readonly number[], expected: readonly number[], tol: number): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= tol, `step ${i}: expected ${expected[i]}, got ${v}`));
}

describe("HF test_optimization.py ScheduleInitTest.test_schedulers, pinned", () => {
  test("get_cosine_schedule_with_warmup", () => {
    listAlmostEqual(
      first10(cosineWithWarmup(common).lr),
      [0.0, 5.0, 10.0, 9.61, 8.53, 6.91, 5.0, 3.08, 1.46, 0.38],
      1e-2,
    );
  });

  test("get_cosine_with_hard_restarts_schedule_with_warmup, num_cycles 2", () => {
    listAlmostEqual(first10(cosineWithHardRestarts({ ...common, numCycles: 2 }).lr), [
      0.0,
      5.0,
      10.0,
      8.53,
      5.0,
      1.46,
      10.0,
      8.53,
      5.0,
      1.46,
    ], 1e-2);
  });

  test("save and reload: a policy rebuilt from its config after step 5 gives the same ten rates", () => {
    for (const p of [cosineWithWarmup(common), cosineWithHardRestarts({ ...common, numCycles: 2 })]) {
      const reloaded = policyFromConfig(JSON.parse(JSON.stringify(configOf(p))));
      assert.deepEqual(first10(reloaded.lr), first10(p.lr));
    }
  });
});

describe("HF's lambdas at the values the tests round (exact to 1e-15)", () => {
  const args: HfArgs = {
    kind: "cosine",
    base_lrs: [10],
    num_warmup_steps: 2,
    num_training_steps: 10,
    num_cycles: 0.5,
    min_lr_rate: 0,
  };
  test("cosine, numCycles 0.5, 1, 2, 0 and 0.25", () => {
    for (const numCycles of [0.5, 1, 2, 0, 0.25]) {
      const { lr } = cosineWithWarmup({ ...common, numCycles });
      for (let t = 0; t < 25; t++) {
        const hf = 10 * hfCosineLambda(t, { ...args, num_cycles: numCycles });
        assert.ok(Math.abs(lr(t)[0] - hf) <= 1e-15 * 10, `numCycles ${numCycles}, t = ${t}: ${lr(t)[0]} vs ${hf}`);
      }
    }
  });
  test("hard restarts, numCycles 1, 2, 1.5, 2.75 and 0", () => {
    for (const numCycles of [1, 2, 1.5, 2.75, 0]) {
      const { lr } = cosineWithHardRestarts({ ...common, numCycles });
      for (let t = 0; t < 25; t++) {
        const hf = 10 * hfHardRestartsLambda(t, { ...args, kind: "hard_restarts", num_cycles: numCycles });
        assert.ok(Math.abs(lr(t)[0] - hf) <= 1e-15 * 10, `numCycles ${numCycles}, t = ${t}: ${lr(t)[0]} vs ${hf}`);
      }
    }
  });
});

describe("cosineWithWarmup beyond HF's default", () => {
  test("numCycles 1: down to minLrRatio * peak half way, back to the peak at totalSteps", () => {
    const { lr } = cosineWithWarmup({ peakValue: 2, totalSteps: 110, warmupSteps: 10, numCycles: 1, minLrRatio: 0.25 });
    assert.ok(Math.abs(lr(60)[0] - 0.5) < 1e-15);
    assert.ok(Math.abs(lr(110)[0] - 2) < 1e-15);
  });

  test("numCycles 0: the peak after the warm-up, forever", () => {
    const { lr } = cosineWithWarmup({ peakValue: 1, totalSteps: 10, warmupSteps: 4, numCycles: 0 });
    assert.deepEqual([0, 2, 4, 10, 1e9].map((t) => lr(t)[0]), [0, 0.5, 1, 1, 1]);
  });

  test("past totalSteps the cosine goes on, as HF's: with numCycles 0.5 it rises back to the peak at 2T - W", () => {
    const { lr } = cosineWithWarmup({ peakValue: 1, totalSteps: 100, warmupSteps: 20 });
    assert.equal(lr(100)[0], 0);
    assert.ok(lr(140)[0] > 0.4 && lr(140)[0] < 0.6);
    assert.ok(Math.abs(lr(180)[0] - 1) < 1e-15);
    for (const t of [1e9, Number.MAX_SAFE_INTEGER]) assert.ok(lr(t)[0] >= 0 && lr(t)[0] <= 1);
  });

  test("minLrRatio is get_cosine_with_min_lr_schedule_with_warmup's min_lr_rate: the floor of the cosine, not of the warm-up", () => {
    const { lr } = cosineWithWarmup({ peakValue: 1, totalSteps: 10, warmupSteps: 5, minLrRatio: 0.1 });
    assert.equal(lr(0)[0], 0);
    assert.ok(Math.abs(lr(10)[0] - 0.1) < 1e-16);
  });

  test("HF's other warm-up, (t + 1) / W with progress (t - W + 1) / (T - W), is resumeAt(cosineWithWarmup, 1)", () => {
    // get_cosine_with_min_lr_schedule_with_warmup_lr_rate's lambda without warmup_lr_rate
    const lrRate = (t: number, W: number, T: number, n: number, r: number): number => {
      if (t < W) return (t + 1) / Math.max(1, W);
      const progress = (t - W + 1) / Math.max(1, T - W);
      const factor = 0.5 * (1 + Math.cos(Math.PI * n * 2 * progress));
      return Math.max(0, factor * (1 - r) + r);
    };
    for (const [W, T, n, r] of [[5, 50, 0.5, 0.1], [1, 10, 1, 0], [10, 10, 0.5, 0.3]]) {
      const shifted = resumeAt(
        cosineWithWarmup({ peakValue: 1, warmupSteps: W, totalSteps: T, numCycles: n, minLrRatio: r }),
        1,
      );
      for (let t = 0; t < 2 * T; t++) {
        assert.ok(Math.abs(shifted.lr(t)[0] - lrRate(t, W, T, n, r)) <= 1e-15, `W ${W}, T ${T}, t = ${t}`);
      }
    }
  });
});

describe("cosineWithHardRestarts: a real number of cycles, and the end", () => {
  test("numCycles 1.5 over 30 steps: restarts at 20, the half cycle is cut at 30, then 0", () => {
    const { lr } = cosineWithHardRestarts({ peakValue: 1, totalSteps: 30, numCycles: 1.5 });
    assert.equal(lr(0)[0], 1);
    assert.equal(lr(20)[0], 1);
    assert.ok(lr(29)[0] > 0.5);
    for (const t of [30, 31, 1e12, Number.MAX_SAFE_INTEGER]) assert.equal(lr(t)[0], 0);
  });

  test("numCycles 0: the peak until totalSteps, then 0", () => {
    const { lr } = cosineWithHardRestarts({ peakValue: 3, totalSteps: 10, numCycles: 0 });
    assert.deepEqual([0, 9, 10].map((t) => lr(t)[0]), [3, 3, 0]);
  });
});

describe("edges HF leaves open, defined here", () => {
  test("warmupSteps = totalSteps: HF's max(1, T - W) divides by 1 (the cosine then runs one wave per 1 / numCycles steps)", () => {
    const { lr } = cosineWithWarmup({ peakValue: 1, totalSteps: 4, warmupSteps: 4 });
    assert.deepEqual([0, 2, 4].map((t) => lr(t)[0]), [0, 0.5, 1]);
    assert.ok(Math.abs(lr(5)[0]) < 1e-16);
    assert.equal(cosineWithHardRestarts({ peakValue: 1, totalSteps: 4, warmupSteps: 4 }).lr(4)[0], 1);
    assert.equal(cosineWithHardRestarts({ peakValue: 1, totalSteps: 4, warmupSteps: 4 }).lr(5)[0], 0);
  });

  test("a warm-up longer than the run is refused (HF runs it, and then its max(1, T - W) makes progress t - W)", () => {
    for (const make of [cosineWithWarmup, cosineWithHardRestarts]) {
      assert.throws(() => make({ peakValue: 1, totalSteps: 4, warmupSteps: 5 }), {
        name: "RangeError",
        message: "warmupSteps: expected a non-negative integer at most totalSteps (4), got 5",
      });
    }
  });

  test("numCycles: any number in [0, 2^53] (a larger one could overflow pi * n * 2 * p)", () => {
    assert.throws(() => cosineWithWarmup({ peakValue: 1, totalSteps: 4, numCycles: -0.5 }), {
      message: "numCycles: expected a number in [0, 2^53], got -0.5",
    });
    assert.throws(() => cosineWithHardRestarts({ peakValue: 1, totalSteps: 4, numCycles: 1e300 }), {
      message: "numCycles: expected a number in [0, 2^53], got 1e+300",
    });
    const huge = cosineWithWarmup({ peakValue: 1, totalSteps: 1, numCycles: 2 ** 53 });
    for (const t of [0, 1, 2, Number.MAX_SAFE_INTEGER]) assert.ok(Number.isFinite(huge.lr(t)[0]));
  });

  test("the recorded configs", () => {
    assert.deepEqual(configOf(cosineWithWarmup({ peakValue: 1, totalSteps: 10 })), {
      policy: "cosineWithWarmup",
      peakValue: 1,
      totalSteps: 10,
      warmupSteps: 0,
      numCycles: 0.5,
      minLrRatio: 0,
    });
    assert.deepEqual(configOf(cosineWithHardRestarts({ peakValue: [1, 2], totalSteps: 10 })), {
      policy: "cosineWithHardRestarts",
      peakValue: [1, 2],
      totalSteps: 10,
      warmupSteps: 0,
      numCycles: 1,
    });
  });
});
