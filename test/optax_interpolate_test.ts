// piecewiseInterpolate, linearOneCycle and cosineOneCycle against optax: every expectation of
// optax's own optax/schedules/_schedule_test.py (PiecewiseInterpolateTest, OneCycleTest;
// optax checks to 1e-3 in float32, pinned here to 1e-9), the docstring example, the integer
// phase ends that set them apart from PyTorch's OneCycleLR, and optax's merged phase ends.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { configOf, cosineOneCycle, linearOneCycle, oneCycle, piecewiseInterpolate } from "../mod.ts";
import { optaxLinearOneCycleDict, optaxPiecewiseInterpolate } from "./_families_oracle.ts";

function allclose(actual: readonly number[], expected: readonly number[], atol: number): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) =>
    assert.ok(Math.abs(v - expected[i]) <= atol, `step ${i}: expected ${expected[i]}, got ${v}`)
  );
}
const steps = (lr: (t: number) => readonly number[], n: number) => Array.from({ length: n }, (_, t) => lr(t)[0]);

describe("optax _schedule_test.py PiecewiseInterpolateTest, pinned", () => {
  test("test_linear_piecewise: 200, {5: 1.5, 10: 0.25}", () => {
    const { lr } = piecewiseInterpolate({
      interpolateType: "linear",
      initValue: 200,
      boundariesAndScales: { 5: 1.5, 10: 0.25 },
    });
    allclose(steps(lr, 13), [200, 220, 240, 260, 280, 300, 255, 210, 165, 120, 75, 75, 75], 1e-9);
  });

  test("test_cos_piecewise: 400, {5: 1.2, 3: 0.6, 7: 1.0} (keys in any order)", () => {
    const { lr } = piecewiseInterpolate({
      interpolateType: "cosine",
      initValue: 400,
      boundariesAndScales: { 5: 1.2, 3: 0.6, 7: 1.0 },
    });
    allclose(steps(lr, 9), [400, 360, 280, 240, 264, 288, 288, 288, 288], 1e-9);
  });

  test("test_empty_dict and test_no_dict: a constant", () => {
    allclose(steps(piecewiseInterpolate({ interpolateType: "linear", initValue: 13, boundariesAndScales: {} }).lr, 5), [
      13,
      13,
      13,
      13,
      13,
    ], 0);
    allclose(steps(piecewiseInterpolate({ interpolateType: "cosine", initValue: 17 }).lr, 3), [17, 17, 17], 0);
  });

  test("test_invalid_type: 'linar', '' and None are refused", () => {
    for (const interpolateType of ["linar", "", null]) {
      assert.throws(() => piecewiseInterpolate({ interpolateType, initValue: 13 } as never), {
        name: "TypeError",
        message: `interpolateType: expected one of "linear", "cosine", got ${JSON.stringify(interpolateType)}`,
      });
    }
  });

  test("test_invalid_scale: a negative scale is refused", () => {
    assert.throws(
      () => piecewiseInterpolate({ interpolateType: "linear", initValue: 13, boundariesAndScales: { 5: -3 } }),
      {
        name: "RangeError",
        message: "boundariesAndScales.5: expected a finite number >= 0, got -3",
      },
    );
  });

  test("test_zero_interval_size: a boundary at 0 starts at 13 * 2, finite, 78 at 5", () => {
    const { lr } = piecewiseInterpolate({
      interpolateType: "linear",
      initValue: 13,
      boundariesAndScales: { 0: 2, 5: 3 },
    });
    for (let t = 0; t < 6; t++) assert.ok(Number.isFinite(lr(t)[0]));
    assert.equal(lr(0)[0], 26);
    assert.equal(lr(5)[0], 78);
  });

  test("the docstring example: 1.0, {4: 0.1, 8: 0.01}, even steps to 10", () => {
    const { lr } = piecewiseInterpolate({
      interpolateType: "linear",
      initValue: 1,
      boundariesAndScales: { 4: 0.1, 8: 0.01 },
    });
    assert.deepEqual([0, 2, 4, 6, 8, 10].map((t) => lr(t)[0].toFixed(6)), [
      "1.000000",
      "0.550000",
      "0.100000",
      "0.050500",
      "0.001000",
      "0.001000",
    ]);
  });
});

describe("optax _schedule_test.py OneCycleTest, pinned", () => {
  test("test_linear: 10 steps, peak 1000, pct 0.3 / 0.7, div 10, final div 100", () => {
    const { lr } = linearOneCycle({
      transitionSteps: 10,
      peakValue: 1000,
      pctStart: 0.3,
      pctFinal: 0.7,
      divFactor: 10,
      finalDivFactor: 100,
    });
    allclose(steps(lr, 12), [100, 400, 700, 1000, 775, 550, 325, 100, 67, 34, 1, 1], 1e-9);
  });

  test("test_cosine: 5 steps, peak 1000, pct 0.4, div 10, final div 100", () => {
    const { lr } = cosineOneCycle({
      transitionSteps: 5,
      peakValue: 1000,
      pctStart: 0.4,
      divFactor: 10,
      finalDivFactor: 100,
    });
    allclose(steps(lr, 7), [100, 550, 1000, 750.25, 250.75, 1, 1], 1e-9);
  });

  test("test_nonpositive_transition_steps: 0 is refused, naming the field", () => {
    for (const make of [linearOneCycle, cosineOneCycle]) {
      assert.throws(() => make({ transitionSteps: 0, peakValue: 5 }), {
        name: "RangeError",
        message: "transitionSteps: expected a positive integer, got 0",
      });
    }
  });
});

describe("integer phase ends, unlike PyTorch's OneCycleLR", () => {
  test("the peak is the value at int(pctStart * T), exactly; PyTorch's ends at pctStart * T - 1 and can miss it", () => {
    // T = 10, pctStart 0.25: optax's peak at int(2.5) = 2; PyTorch's phase ends at 1.5
    const ours = cosineOneCycle({ transitionSteps: 10, peakValue: 1, pctStart: 0.25 }).lr;
    assert.equal(ours(2)[0], 1);
    const torch = oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 0.25, cycleMomentum: false }).lr;
    assert.ok(Math.max(...steps(torch, 10)) < 1);
    // the last value: optax reaches init / finalDivFactor at T and holds it; PyTorch at T - 1
    assert.equal(ours(10)[0], ours(1e9)[0]);
    assert.ok(Math.abs(ours(10)[0] - 1 / 25 / 1e4) < 1e-20);
  });
});

describe("optax's merged phase ends: every multiplier applied here", () => {
  test("linearOneCycle with pctFinal 1: optax's dict keeps {T: 1 / finalDiv} and ends at peak / finalDiv; ours at init / finalDiv", () => {
    const T = 10,
      o = { transitionSteps: T, peakValue: 1, pctStart: 0.3, pctFinal: 1, divFactor: 10, finalDivFactor: 100 };
    const optax = optaxPiecewiseInterpolate("linear", 1 / 10, optaxLinearOneCycleDict(T, 0.3, 1, 10, 100));
    assert.ok(Math.abs(optax(T) - 1 / 100) < 1e-15, "optax: peak / finalDivFactor");
    const { lr } = linearOneCycle(o);
    assert.equal(lr(3)[0], 1);
    assert.ok(Math.abs(lr(9)[0] - (1 - 0.9 * 6 / 7)) < 1e-15, "down towards init over [3, 10)");
    assert.ok(Math.abs(lr(T)[0] - 1 / 10 / 100) < 1e-18, "init / finalDivFactor");
  });

  test("linearOneCycle with both ends on one iteration: optax never reaches the peak; ours reaches it, then restarts at init", () => {
    const T = 10,
      o = { transitionSteps: T, peakValue: 1, pctStart: 0.5, pctFinal: 0.55, divFactor: 10, finalDivFactor: 100 };
    const optax = optaxPiecewiseInterpolate("linear", 1 / 10, optaxLinearOneCycleDict(T, 0.5, 0.55, 10, 100));
    assert.ok(Math.max(...Array.from({ length: 12 }, (_, t) => optax(t))) <= 0.1);
    const { lr } = linearOneCycle(o);
    assert.ok(Math.abs(lr(4)[0] - (0.1 + 0.9 * 4 / 5)) < 1e-15);
    assert.ok(Math.abs(lr(5)[0] - 0.1) < 1e-16);
  });

  test("cosineOneCycle with pctStart 1: up to the peak at T, then init / finalDivFactor", () => {
    const { lr } = cosineOneCycle({ transitionSteps: 8, peakValue: 2, pctStart: 1 });
    assert.ok(lr(7)[0] > 1.9);
    assert.ok(Math.abs(lr(8)[0] - 2 / 25 / 1e4) < 1e-18);
  });
});

describe("configs, ranges and overflow", () => {
  test("the recorded configs, with optax's defaults", () => {
    assert.deepEqual(configOf(linearOneCycle({ transitionSteps: 100, peakValue: 1 })), {
      policy: "linearOneCycle",
      transitionSteps: 100,
      peakValue: 1,
      pctStart: 0.3,
      pctFinal: 0.85,
      divFactor: 25,
      finalDivFactor: 1e4,
    });
    assert.deepEqual(configOf(cosineOneCycle({ transitionSteps: 100, peakValue: [1, 2] })), {
      policy: "cosineOneCycle",
      transitionSteps: 100,
      peakValue: [1, 2],
      pctStart: 0.3,
      divFactor: 25,
      finalDivFactor: 1e4,
    });
    assert.deepEqual(
      configOf(
        piecewiseInterpolate({ interpolateType: "cosine", initValue: 1, boundariesAndScales: { 20: 0.5, 10: 2 } }),
      ),
      {
        policy: "piecewiseInterpolate",
        interpolateType: "cosine",
        initValue: 1,
        boundariesAndScales: { 10: 2, 20: 0.5 },
      },
    );
  });

  test("pctFinal below pctStart is refused (optax sorts the boundaries and swaps the phases)", () => {
    assert.throws(() => linearOneCycle({ transitionSteps: 10, peakValue: 1, pctStart: 0.6, pctFinal: 0.5 }), {
      name: "RangeError",
      message: "pctFinal: expected a number in [pctStart (0.6), 1], got 0.5",
    });
  });

  test("factors that make a value overflow are refused, naming the factor (optax reaches Infinity or NaN)", () => {
    assert.throws(() => linearOneCycle({ transitionSteps: 10, peakValue: 1e300, divFactor: 1e-10 }), {
      message: "divFactor: expected a finite number > 0 that keeps every value finite (group 0), got 1e-10",
    });
    assert.throws(
      () => cosineOneCycle({ transitionSteps: 10, peakValue: 1, divFactor: 1e-200, finalDivFactor: 1e-200 }),
      {
        message: "finalDivFactor: expected a finite number > 0 that keeps every value finite (group 0), got 1e-200",
      },
    );
  });

  test("a running product that would overflow stops at Number.MAX_VALUE, as piecewiseConstant's", () => {
    const { lr } = piecewiseInterpolate({
      interpolateType: "linear",
      initValue: 1e300,
      boundariesAndScales: { 1: 1e10, 2: 0 },
    });
    assert.equal(lr(1)[0], Number.MAX_VALUE);
    assert.equal(lr(2)[0], 0);
    assert.ok(Number.isFinite(lr(0)[0]) && Number.isFinite(lr(3)[0]));
  });
});
