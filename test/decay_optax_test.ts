// optax's schedules as policies: the expectations of optax's own test suite
// (google-deepmind/optax, optax/schedules/_schedule_test.py at 2edbcbe, optax 0.2.9.dev),
// and an oracle that transcribes optax's formulas (_schedule.py, _join.py) line by line,
// compared at 1e-12 relative over long runs, boundaries and small step counts.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  configOf,
  constant,
  cosineDecay,
  cosineWeight,
  exponentialDecay,
  exponentialFactor,
  linear,
  piecewiseConstant,
  type Policy,
  polynomial,
  polynomialWeight,
  warmupCosineDecay,
} from "../mod.ts";

type Fn = (count: number) => number;

// ---- the oracle: optax's code, written optax's way (float64, as under jax_enable_x64) ----

function clip(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

const optax = {
  constant_schedule: (value: number): Fn => () => value,
  polynomial_schedule(init: number, end: number, power: number, transitionSteps: number, transitionBegin = 0): Fn {
    if (transitionSteps <= 0) return () => init;
    if (transitionBegin < 0) transitionBegin = 0;
    return (count) => {
      count = clip(count - transitionBegin, 0, transitionSteps);
      const frac = 1 - count / transitionSteps;
      return (init - end) * (frac ** power) + end;
    };
  },
  linear_schedule: (init: number, end: number, transitionSteps: number, transitionBegin = 0): Fn =>
    optax.polynomial_schedule(init, end, 1, transitionSteps, transitionBegin),
  piecewise_constant_schedule(init: number, boundariesAndScales: Record<number, number>): Fn {
    const items = Object.entries(boundariesAndScales).map(([k, s]): [number, number] => [Number(k), s])
      .sort((a, b) => a[0] - b[0]);
    return (count) => {
      let v = init;
      for (const [threshold, scale] of items) {
        const indicator = Math.max(0, Math.sign(threshold - count));
        v = v * indicator + (1 - indicator) * scale * v;
      }
      return v;
    };
  },
  exponential_decay(
    init: number,
    transitionSteps: number,
    decayRate: number,
    transitionBegin = 0,
    staircase = false,
    endValue?: number,
  ): Fn {
    if (transitionSteps <= 0) return () => init;
    if (decayRate === 0) return () => init;
    if (transitionBegin < 0) transitionBegin = 0;
    const clipFn = decayRate < 1 ? Math.max : Math.min;
    return (count) => {
      const decreasedCount = count - transitionBegin;
      let p = decreasedCount / transitionSteps;
      if (staircase) p = Math.floor(p);
      let decayed = decreasedCount <= 0 ? init : init * decayRate ** p;
      if (endValue !== undefined) decayed = clipFn(decayed, endValue);
      return decayed;
    };
  },
  cosine_decay_schedule(init: number, decaySteps: number, alpha = 0, exponent = 1): Fn {
    if (!(decaySteps > 0)) throw new Error("The cosine_decay_schedule requires positive decay_steps");
    return (count) => {
      count = Math.min(count, decaySteps);
      const cosineDecay = 0.5 * (1 + Math.cos(Math.PI * count / decaySteps));
      const decayed = (1 - alpha) * cosineDecay ** exponent + alpha;
      return init * decayed;
    };
  },
  join_schedules(schedules: Fn[], boundaries: number[]): Fn {
    return (step) => {
      let output = schedules[0](step);
      boundaries.forEach((boundary, i) => {
        output = step < boundary ? output : schedules[i + 1](step - boundary);
      });
      return output;
    };
  },
  warmup_cosine_decay_schedule(
    init: number,
    peak: number,
    warmupSteps: number,
    decaySteps: number,
    end = 0,
    exponent = 1,
  ): Fn {
    const alpha = peak === 0 ? 0 : end / peak;
    return optax.join_schedules([
      optax.linear_schedule(init, peak, warmupSteps),
      optax.cosine_decay_schedule(peak, decaySteps - warmupSteps, alpha, exponent),
    ], [warmupSteps]);
  },
};

// ---- helpers ----

function close(actual: number, expected: number, rtol = 1e-12, atol = 0, what = ""): void {
  const ok = actual === expected ||
    Math.abs(actual - expected) <= rtol * Math.max(Math.abs(actual), Math.abs(expected)) + atol;
  assert.ok(ok, `${what} expected ${expected}, got ${actual} (rtol ${rtol}, atol ${atol})`);
}

function closeAll(actual: readonly number[], expected: readonly number[], rtol = 1e-12, atol = 0, what = ""): void {
  assert.equal(actual.length, expected.length, `${what} length`);
  actual.forEach((a, i) => close(a, expected[i], rtol, atol, `${what}[${i}]`));
}

function num(v: unknown): number {
  assert.ok(typeof v === "number", `expected a number, got ${v}`);
  return v;
}

function perGroup(v: unknown): number | number[] {
  if (Array.isArray(v)) return v.map(num);
  return num(v);
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const values = (p: Policy, ts: readonly number[], g = 0): number[] => ts.map((t) => p.lr(t)[g]);

/** Iterations to compare: a long run from 0, the steps around each edge, and far ones. */
function iterations(run: number, edges: readonly number[]): number[] {
  const far = [1e6, 2 ** 31, 2 ** 32 + 7, 1e15, Number.MAX_SAFE_INTEGER];
  const near = edges.flatMap((e) => [e - 2, e - 1, e, e + 1, e + 2]).filter((t) => t >= 0 && Number.isSafeInteger(t));
  return [...range(run), ...near, ...far];
}

/** Library against oracle at every iteration, 1e-12 relative, wherever optax is finite. */
function agree(p: Policy, oracle: Fn, ts: readonly number[], g = 0, what = ""): void {
  for (const t of ts) {
    const want = oracle(t);
    if (!Number.isFinite(want)) continue;
    close(p.lr(t)[g], want, 1e-12, 0, `${what} t = ${t}`);
  }
}

// ---- optax's own test expectations ----

describe("optax _schedule_test.py expectations", () => {
  test("ConstantTest.test_constant: 10 at every one of 15 steps", () => {
    closeAll(values(constant({ value: 10 }), range(15)), Array(15).fill(10), 0, 1e-3);
  });

  test("PolynomialTest.test_linear: 10 to 20 over 10 steps, then 20", () => {
    const p = polynomial({ initValue: 10, endValue: 20, power: 1, transitionSteps: 10 });
    const want = [...range(10).map((n) => 10 + n), ...Array(5).fill(20)];
    closeAll(values(p, range(15)), want, 1e-12);
    closeAll(values(linear({ initValue: 10, endValue: 20, transitionSteps: 10 }), range(15)), want, 1e-12);
  });

  test("PolynomialTest.test_nonlinear: 25 to 10 with power 2 over 10 steps", () => {
    const p = polynomial({ initValue: 25, endValue: 10, power: 2, transitionSteps: 10 });
    const want = [...range(10).map((n) => 10 + 15 * (1 - n / 10) ** 2), ...Array(5).fill(10)];
    closeAll(values(p, range(15)), want, 1e-12);
  });

  test("PolynomialTest.test_with_decay_begin: held at 30 for 4 steps, then power 2 to 10", () => {
    const p = polynomial({ initValue: 30, endValue: 10, power: 2, transitionSteps: 10, transitionBegin: 4 });
    const want = [...Array(4).fill(30), ...range(10).map((n) => 10 + 20 * (1 - n / 10) ** 2), ...Array(6).fill(10)];
    closeAll(values(p, range(20)), want, 1e-12);
  });

  test("polynomial_schedule docstring: counts 0, 5, 6, 104, 105, 110 to 4 decimals", () => {
    const p = polynomial({ initValue: 1, endValue: 0.01, transitionSteps: 100, transitionBegin: 5, power: 2 });
    assert.deepEqual(
      values(p, [0, 5, 6, 104, 105, 110]).map((v) => v.toFixed(4)),
      ["1.0000", "1.0000", "0.9803", "0.0101", "0.0100", "0.0100"],
    );
    const q = polynomial({ initValue: 1, endValue: 0.01, transitionSteps: 100, power: 2 });
    assert.equal(q.lr(0)[0], 1);
    close(q.lr(100)[0], 0.01);
  });

  test("PolynomialTest.test_zero_steps_schedule: optax falls back to a constant; here it is an error", () => {
    for (const transitionSteps of [-1, 0]) {
      assert.throws(
        () => polynomial({ initValue: 10, endValue: 20, power: 1, transitionSteps }),
        new RangeError(`transitionSteps: expected a positive integer, got ${transitionSteps}`),
      );
      // the oracle keeps optax's fallback, as documented
      assert.deepEqual(range(15).map(optax.polynomial_schedule(10, 20, 1, transitionSteps)), Array(15).fill(10));
    }
  });

  test("PiecewiseConstantTest.test_positive: 0.1, x2 at 3, x0.5 at 6", () => {
    const p = piecewiseConstant({ initValue: 0.1, boundariesAndScales: { 3: 2.0, 6: 0.5 } });
    closeAll(values(p, range(10)), [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1], 1e-12);
  });

  test("PiecewiseConstantTest.test_negative: the oracle gives optax's numbers; negative rates are rejected", () => {
    const want = [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1].map((v) => -v);
    closeAll(range(10).map(optax.piecewise_constant_schedule(-0.1, { 3: 2.0, 6: 0.5 })), want, 1e-12);
    assert.throws(
      () => piecewiseConstant({ initValue: -0.1, boundariesAndScales: { 3: 2.0, 6: 0.5 } }),
      new RangeError("initValue: expected a finite number >= 0, got -0.1"),
    );
  });

  test("piecewise_constant_schedule docstring: 1, 0.1 after 100, 0.001 after 200", () => {
    const p = piecewiseConstant({ initValue: 1, boundariesAndScales: { 100: 0.1, 200: 0.01 } });
    closeAll(values(p, [50, 150, 250]), [1, 0.1, 0.001], 1e-12);
  });

  for (const staircase of [false, true]) {
    test(`ExponentialTest.test_constant_schedule (staircase ${staircase}): rate 1 holds 1`, () => {
      const p = exponentialDecay({ initValue: 1, transitionSteps: 15, decayRate: 1, staircase });
      assert.deepEqual(values(p, range(15)), Array(15).fill(1));
    });

    test(`ExponentialTest.test_nonvalid_* (staircase ${staircase}): optax falls back to a constant; here it is an error`, () => {
      for (const transitionSteps of [-1, 0]) {
        assert.throws(
          () => exponentialDecay({ initValue: 1, transitionSteps, decayRate: 1, staircase }),
          new RangeError(`transitionSteps: expected a positive integer, got ${transitionSteps}`),
        );
      }
      assert.throws(
        () => exponentialDecay({ initValue: 1, transitionSteps: 2, decayRate: 0, staircase }),
        new RangeError("decayRate: expected a finite number > 0, got 0"),
      );
    });

    for (const transitionBegin of [0, 5]) {
      test(`ExponentialTest.test_exponential (staircase ${staircase}, begin ${transitionBegin}): 2 ** (count / 2)`, () => {
        const p = exponentialDecay({ initValue: 1, transitionSteps: 2, decayRate: 2, transitionBegin, staircase });
        const stair = (c: number) => (staircase ? Math.floor(c / 2) : c / 2);
        const want = [...Array(transitionBegin).fill(1), ...range(15).map((c) => 2 ** stair(c))];
        closeAll(values(p, range(15 + transitionBegin)), want, 1e-12);
      });
    }

    for (const [decayRate, endValue] of [[0.2, 0.1], [1.0, 0.1], [2.0, 3.0]]) {
      test(`ExponentialTest.test_end_value_with_staircase (rate ${decayRate}, end ${endValue}, staircase ${staircase})`, () => {
        const p = exponentialDecay({
          initValue: 1,
          transitionSteps: 2,
          decayRate,
          transitionBegin: 3,
          staircase,
          endValue,
        });
        const stair = (c: number) => (staircase ? Math.floor(c / 2) : c / 2);
        const raw = [...Array(3).fill(1), ...range(11).map((c) => decayRate ** stair(c))];
        const want = raw.map((v) => (decayRate < 1 ? Math.max(v, endValue) : Math.min(v, endValue)));
        closeAll(values(p, range(14)), want, 1e-12);
      });
    }
  }

  test("ExponentialTest.test_immutable_count: 32, 16, 8, 4, 2", () => {
    const p = exponentialDecay({ initValue: 32, transitionSteps: 1, decayRate: 0.5 });
    assert.deepEqual(values(p, range(5)), [32, 16, 8, 4, 2]);
  });

  test("CosineDecayTest.test_decay_count_smaller_count: 0.1 over 10 steps", () => {
    const p = cosineDecay({ initValue: 0.1, decaySteps: 10, alpha: 0 });
    const want = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((x) =>
      0.1 * (0.5 + 0.5 * Math.cos(Math.PI * x))
    );
    closeAll(values(p, range(10)), want, 1e-12, 1e-17);
  });

  test("CosineDecayTest.test_decay_count_greater_count: 0.1 over 5 steps, then 0", () => {
    const p = cosineDecay({ initValue: 0.1, decaySteps: 5 });
    const xs = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
    closeAll(values(p, range(12)), xs.map((x) => 0.1 * (0.5 + 0.5 * Math.cos(Math.PI * x))), 1e-12, 1e-17);
  });

  test("CosineDecayTest.test_decay_count_greater_count_with_alpha: down to alpha 0.1", () => {
    const p = cosineDecay({ initValue: 0.1, decaySteps: 5, alpha: 0.1 });
    const xs = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
    const want = xs.map((x) => 0.1 * (0.9 * (0.5 + 0.5 * Math.cos(Math.PI * x)) + 0.1));
    closeAll(values(p, range(12)), want, 1e-12, 1e-17);
  });

  test("CosineDecayTest.test_with_exponent: optax's pinned numbers", () => {
    const p = cosineDecay({ initValue: 0.1, decaySteps: 100, alpha: 0, exponent: 2 });
    closeAll(
      values(p, [0, 10, 50, 75, 100]),
      [0.1, 0.09516553580760956, 0.025, 0.0021446612663567066, 0.0],
      1e-6,
      1e-8,
    );
  });

  test("CosineDecayTest.test_with_giant_int_steps: decaySteps 1e10 at 1e9 is 975.52826", () => {
    const p = cosineDecay({ initValue: 1000, decaySteps: 1e10, alpha: 0, exponent: 1 });
    close(p.lr(1e9)[0], 975.52826, 1e-7);
  });

  for (const [name, init, peak, end] of [["with end value", 10, 0.5, 1e-4], ["without end value", 5, 3, 0]] as const) {
    test(`WarmupCosineDecayTest.test_limits (${name}): init at 0, peak at 100, end at 1000`, () => {
      const p = warmupCosineDecay({
        initValue: init,
        peakValue: peak,
        warmupSteps: 100,
        decaySteps: 1000,
        endValue: end,
      });
      close(p.lr(0)[0], init, 1e-7);
      close(p.lr(100)[0], peak, 1e-7);
      close(p.lr(1000)[0], end, 1e-3);
    });
  }

  test("WarmupCosineDecayTest.test_with_exponent: the oracle gives optax's numbers (endValue -3 is rejected here)", () => {
    const f = optax.warmup_cosine_decay_schedule(0.2, 1.21, 50, 100, -3.0, 2);
    const want = [0.20000004768371582, 0.4020000100135803, 1.2100000381469727, -1.947500228881836, -3.000000238418579];
    closeAll([0, 10, 50, 75, 100].map(f), want, 1e-6, 1e-8);
    assert.throws(
      () =>
        warmupCosineDecay({
          initValue: 0.2,
          peakValue: 1.21,
          endValue: -3,
          warmupSteps: 50,
          decaySteps: 100,
          exponent: 2,
        }),
      new RangeError("endValue: expected a finite number >= 0, got -3"),
    );
  });

  test("WarmupCosineDecayTest.test_zero_peak_value: 0.2, 0.16, then 0 whatever endValue", () => {
    const want = [0.2, 0.16, 0.0, 0.0, 0.0];
    closeAll([0, 10, 50, 75, 100].map(optax.warmup_cosine_decay_schedule(0.2, 0, 50, 100, -3.0, 2)), want, 1e-6, 1e-8);
    for (const endValue of [0, 3]) {
      const p = warmupCosineDecay({
        initValue: 0.2,
        peakValue: 0,
        endValue,
        warmupSteps: 50,
        decaySteps: 100,
        exponent: 2,
      });
      closeAll(values(p, [0, 10, 50, 75, 100]), want, 1e-6, 1e-8);
    }
  });

  test("WarmupCosineDecayTest.test_monotonicity_and_exponent_ordering", () => {
    const o = { initValue: 0, peakValue: 1, warmupSteps: 5, decaySteps: 25, endValue: 0.1 };
    const vals = values(warmupCosineDecay({ ...o, exponent: 1 }), range(26));
    const vals2 = values(warmupCosineDecay({ ...o, exponent: 2 }), range(26));
    for (let t = 0; t < 5; t++) assert.ok(vals[t] < vals[t + 1], `warmup increases at ${t}`);
    close(vals[5], 1, 0, 1e-6, "peak at boundary");
    for (let t = 5; t < 25; t++) assert.ok(vals[t] >= vals[t + 1], `cosine decay nonincreasing at ${t}`);
    close(vals[25], 0.1, 0, 1e-6, "end value");
    for (let t = 5; t <= 25; t++) assert.ok(vals2[t] <= vals[t] + 1e-12, `exponent ordering at ${t}`);
  });

  test("WarmupCosineDecayTest.test_raises_when_decay_equals_warmup", () => {
    assert.throws(
      () => warmupCosineDecay({ initValue: 0.2, peakValue: 1.2, warmupSteps: 10, decaySteps: 10, endValue: 0 }),
      new RangeError("decaySteps: expected an integer > warmupSteps (10), got 10"),
    );
  });

  test("SGDRTest.test_limits: each warm-up cosine child peaks at 500 (its local time)", () => {
    for (const [decaySteps, peak] of [[2000, 1.6], [3000, 0.8], [5000, 0.4]]) {
      const p = warmupCosineDecay({ initValue: 0, peakValue: peak, warmupSteps: 500, decaySteps, endValue: 0 });
      close(p.lr(500)[0], peak, 1e-7);
    }
  });
});

// ---- the oracle over long runs ----

describe("agrees with optax's formulas at 1e-12 relative", () => {
  test("polynomial and linear: long runs, boundaries, small step counts", () => {
    const cases: [number, number, number, number, number][] = [
      [1, 0.01, 2, 100, 5],
      [0.1, 0.3, 1, 7, 0],
      [0.05, 0, 0.5, 1, 0],
      [3, 1e-6, 3.7, 1000, 123],
      [0, 2, 1.5, 2, 1],
      [1e-3, 1e-3, 2, 10, 0],
      [5, 0, 1, 123_456_789, 10_000],
    ];
    for (const [init, end, power, steps, begin] of cases) {
      const ts = iterations(300, [begin, begin + steps]);
      const what = `polynomial(${init}, ${end}, ${power}, ${steps}, ${begin})`;
      agree(
        polynomial({ initValue: init, endValue: end, power, transitionSteps: steps, transitionBegin: begin }),
        optax.polynomial_schedule(init, end, power, steps, begin),
        ts,
        0,
        what,
      );
      agree(
        linear({ initValue: init, endValue: end, transitionSteps: steps, transitionBegin: begin }),
        optax.linear_schedule(init, end, steps, begin),
        ts,
        0,
        `linear ${what}`,
      );
    }
  });

  test("exponentialDecay: continuous and staircase, transitionBegin, endValue in both directions", () => {
    const cases: [number, number, number, number, boolean, number | undefined][] = [
      [1, 2, 0.2, 3, false, 0.1],
      [1, 2, 0.2, 3, true, 0.1],
      [1, 2, 2, 3, true, 3],
      [1, 2, 2, 3, false, 3],
      [0.1, 1, 0.96, 0, false, undefined],
      [0.1, 7, 0.5, 11, true, undefined],
      [0.1, 1000, 0.1, 100, true, 1e-5],
      [0.01, 3, 1.01, 0, false, undefined],
      [0.01, 3, 1.01, 0, true, 0.5],
      [1, 5, 1, 2, false, 0.5],
      [0.5, 1, 0.5, 0, false, 2],
      [2, 1, 1.5, 0, false, 1],
    ];
    for (const [init, steps, rate, begin, staircase, end] of cases) {
      const p = exponentialDecay({
        initValue: init,
        transitionSteps: steps,
        decayRate: rate,
        transitionBegin: begin,
        staircase,
        endValue: end,
      });
      const what = `exponentialDecay(${init}, ${steps}, ${rate}, ${begin}, ${staircase}, ${end})`;
      agree(
        p,
        optax.exponential_decay(init, steps, rate, begin, staircase, end),
        iterations(400, [begin, begin + steps]),
        0,
        what,
      );
    }
  });

  test("exponentialDecay: staircase values are constant on each stair, changing exactly at its start", () => {
    const p = exponentialDecay({
      initValue: 1,
      transitionSteps: 10,
      decayRate: 0.5,
      transitionBegin: 3,
      staircase: true,
    });
    for (let k = 0; k < 20; k++) {
      const start = 3 + 10 * k;
      for (let t = start; t < start + 10; t++) assert.equal(p.lr(t)[0], 0.5 ** k);
      if (k > 0) assert.equal(p.lr(start - 1)[0], 0.5 ** (k - 1));
    }
  });

  test("cosineDecay: alpha and exponent, long runs, decaySteps 1", () => {
    const cases: [number, number, number, number][] = [
      [0.1, 10, 0, 1],
      [0.1, 5, 0.1, 1],
      [0.1, 100, 0, 2],
      [1, 1, 0.3, 1],
      [2.5, 777, 0.25, 0.5],
      [1000, 1e10, 0, 1],
      [3e-4, 123_457, 1, 3],
    ];
    for (const [init, steps, alpha, exponent] of cases) {
      const p = cosineDecay({ initValue: init, decaySteps: steps, alpha, exponent });
      agree(
        p,
        optax.cosine_decay_schedule(init, steps, alpha, exponent),
        iterations(400, [steps]),
        0,
        `cosineDecay(${init}, ${steps}, ${alpha}, ${exponent})`,
      );
    }
  });

  test("warmupCosineDecay: seam, small step counts, warmupSteps 0, peak 0, endValue above peak", () => {
    const cases: [number, number, number, number, number, number][] = [
      [10, 0.5, 100, 1000, 1e-4, 1],
      [5, 3, 100, 1000, 0, 1],
      [0, 1, 5, 25, 0.1, 1],
      [0, 1, 5, 25, 0.1, 2],
      [0.2, 0, 50, 100, 0.7, 2],
      [0.1, 1, 0, 10, 0.01, 1],
      [0.1, 1, 1, 2, 0, 1],
      [0, 0.01, 3, 4, 0.02, 0.3],
      [1e-3, 6e-3, 2000, 100_000, 1e-5, 1],
    ];
    for (const [init, peak, warmup, decay, end, exponent] of cases) {
      const p = warmupCosineDecay({
        initValue: init,
        peakValue: peak,
        warmupSteps: warmup,
        decaySteps: decay,
        endValue: end,
        exponent,
      });
      agree(
        p,
        optax.warmup_cosine_decay_schedule(init, peak, warmup, decay, end, exponent),
        iterations(300, [warmup, decay]),
        0,
        `warmupCosineDecay(${init}, ${peak}, ${warmup}, ${decay}, ${end}, ${exponent})`,
      );
    }
  });

  test("piecewiseConstant: keys in any order, boundary 0, scale 0, cumulative products", () => {
    const cases: [number, Record<number, number>][] = [
      [0.1, { 3: 2, 6: 0.5 }],
      [1, { 200: 0.01, 100: 0.1 }],
      [0.3, { 0: 0.5, 1: 3, 2: 0.7, 50: 0.1, 51: 0.1 }],
      [2, { 10: 0, 20: 5 }],
      [0.7, {}],
      [1e-3, { 1000000: 0.1, 4294967296: 0.1, 9007199254740991: 0.5 }],
    ];
    for (const [init, table] of cases) {
      const p = piecewiseConstant({ initValue: init, boundariesAndScales: table });
      const edges = Object.keys(table).map(Number);
      agree(
        p,
        optax.piecewise_constant_schedule(init, table),
        iterations(120, edges),
        0,
        `piecewiseConstant(${init}, ${JSON.stringify(table)})`,
      );
    }
  });

  test("constant: the value at every iteration", () => {
    agree(constant({ value: 0.0123 }), optax.constant_schedule(0.0123), iterations(50, []));
  });
});

describe("per-group values", () => {
  const ts = iterations(60, [3, 10, 13, 40]);

  test("every group equals the one-group policy built from its own values", () => {
    const inits = [0.1, 0.02, 0.3], ends = [0.001, 0.02, 0.5], peaks = [1, 0.2, 0];
    const multi = {
      constant: constant({ value: inits }),
      linear: linear({ initValue: inits, endValue: ends, transitionSteps: 10, transitionBegin: 3 }),
      polynomial: polynomial({ initValue: inits, endValue: ends, power: 2.5, transitionSteps: 10, transitionBegin: 3 }),
      exponentialDecay: exponentialDecay({
        initValue: inits,
        endValue: ends,
        transitionSteps: 3,
        decayRate: 0.7,
        staircase: true,
      }),
      cosineDecay: cosineDecay({ initValue: inits, decaySteps: 13, alpha: 0.2, exponent: 1.5 }),
      warmupCosineDecay: warmupCosineDecay({
        initValue: inits,
        peakValue: peaks,
        endValue: ends,
        warmupSteps: 10,
        decaySteps: 40,
      }),
      piecewiseConstant: piecewiseConstant({ initValue: inits, boundariesAndScales: { 10: 0.5, 13: 3 } }),
    };
    const single = (g: number) => ({
      constant: optax.constant_schedule(inits[g]),
      linear: optax.linear_schedule(inits[g], ends[g], 10, 3),
      polynomial: optax.polynomial_schedule(inits[g], ends[g], 2.5, 10, 3),
      exponentialDecay: optax.exponential_decay(inits[g], 3, 0.7, 0, true, ends[g]),
      cosineDecay: optax.cosine_decay_schedule(inits[g], 13, 0.2, 1.5),
      warmupCosineDecay: optax.warmup_cosine_decay_schedule(inits[g], peaks[g], 10, 40, ends[g]),
      piecewiseConstant: optax.piecewise_constant_schedule(inits[g], { 10: 0.5, 13: 3 }),
    });
    for (const [name, p] of Object.entries(multi)) {
      assert.equal(p.groups, 3, name);
      assert.equal(p.momentum, undefined, name);
      for (let g = 0; g < 3; g++) {
        const oracle = single(g)[name as keyof ReturnType<typeof single>];
        agree(p, oracle, ts, g, `${name} group ${g}`);
      }
    }
  });

  test("groups repeats scalars; a scalar beside arrays is repeated", () => {
    const p = cosineDecay({ initValue: 0.5, decaySteps: 10, groups: 4 });
    assert.equal(p.groups, 4);
    assert.deepEqual(p.lr(0), [0.5, 0.5, 0.5, 0.5]);
    const q = linear({ initValue: [1, 2], endValue: 0, transitionSteps: 4 });
    assert.deepEqual(q.lr(2), [0.5, 1]);
  });
});

// ---- edge cases the spec defines (never NaN or Infinity) ----

describe("finite where optax overflows", () => {
  test("exponentialDecay growing without endValue: optax's numbers while finite, then Number.MAX_VALUE", () => {
    const p = exponentialDecay({ initValue: 1, transitionSteps: 1, decayRate: 2 });
    assert.equal(p.lr(1023)[0], 2 ** 1023);
    assert.equal(optax.exponential_decay(1, 1, 2)(1024), Infinity);
    assert.equal(p.lr(1024)[0], Number.MAX_VALUE);
    assert.equal(p.lr(Number.MAX_SAFE_INTEGER)[0], Number.MAX_VALUE);
  });

  test("exponentialDecay: a tiny initValue times an overflowing factor keeps its exact finite value", () => {
    const p = exponentialDecay({ initValue: 1e-300, transitionSteps: 1, decayRate: 10 });
    close(p.lr(310)[0], 1e10, 1e-12);
    assert.equal(optax.exponential_decay(1e-300, 1, 10)(310), Infinity);
  });

  test("exponentialDecay: initValue 0 stays 0 (optax: 0 * inf = NaN)", () => {
    const p = exponentialDecay({ initValue: [0, 1], transitionSteps: 1, decayRate: 3, endValue: [5, 5] });
    assert.ok(Number.isNaN(optax.exponential_decay(0, 1, 3)(1000)));
    assert.deepEqual(p.lr(1000), [0, 5]);
    assert.deepEqual(exponentialDecay({ initValue: 0, transitionSteps: 1, decayRate: 3 }).lr(1000), [0]);
  });

  test("exponentialFactor saturates and is 1 until transitionBegin", () => {
    const f = exponentialFactor({ transitionSteps: 2, decayRate: 10, transitionBegin: 5 });
    assert.deepEqual([0, 5, 7, 8].map(f), [1, 1, 10, 10 ** 1.5]);
    assert.equal(f(10_000), Number.MAX_VALUE);
  });

  test("piecewiseConstant: an overflowing product stops at Number.MAX_VALUE, and a later 0 gives 0 (optax: NaN)", () => {
    const table = { 0: 1e300, 1: 1e300, 2: 0 };
    const p = piecewiseConstant({ initValue: 1, boundariesAndScales: table });
    assert.deepEqual([0, 1, 2, 3].map((t) => p.lr(t)[0]), [1e300, Number.MAX_VALUE, 0, 0]);
    assert.ok(Number.isNaN(optax.piecewise_constant_schedule(1, table)(2)));
  });

  test("warmupCosineDecay: endValue / peakValue overflowing (subnormal peak) still decays to endValue", () => {
    const p = warmupCosineDecay({ initValue: 0, peakValue: 5e-324, endValue: 1, warmupSteps: 2, decaySteps: 10 });
    assert.ok(Number.isNaN(optax.warmup_cosine_decay_schedule(0, 5e-324, 2, 10, 1)(5)));
    for (const t of range(20)) assert.ok(Number.isFinite(p.lr(t)[0]), `t = ${t}`);
    assert.equal(p.lr(10)[0], 1);
    close(p.lr(6)[0], 0.5, 1e-12);
  });

  test("warmupCosineDecay: warmupSteps 0 starts at peakValue (initValue unused, as in optax)", () => {
    const p = warmupCosineDecay({ initValue: 7, peakValue: 1, warmupSteps: 0, decaySteps: 10 });
    assert.equal(p.lr(0)[0], 1);
    assert.equal(optax.warmup_cosine_decay_schedule(7, 1, 0, 10)(0), 1);
  });

  test("the largest rates stay finite at every far iteration", () => {
    const M = Number.MAX_VALUE;
    const policies = [
      linear({ initValue: M, endValue: 0, transitionSteps: 3 }),
      polynomial({ initValue: 0, endValue: M, power: 0.1, transitionSteps: 3 }),
      cosineDecay({ initValue: M, decaySteps: 3, alpha: 1 }),
      warmupCosineDecay({
        initValue: M,
        peakValue: 1e-300,
        endValue: M,
        warmupSteps: 1,
        decaySteps: 3,
        exponent: 0.01,
      }),
      exponentialDecay({ initValue: M, transitionSteps: 1, decayRate: M }),
      piecewiseConstant({ initValue: M, boundariesAndScales: { 1: M, 2: 1e-300 } }),
    ];
    for (const p of policies) {
      for (const t of [0, 1, 2, 3, 4, 1e9, Number.MAX_SAFE_INTEGER]) {
        assert.ok(p.lr(t).every(Number.isFinite), `t = ${t}: ${p.lr(t)}`);
      }
    }
  });
});

describe("scalar building blocks", () => {
  test("polynomial is stretch(endValue, initValue, polynomialWeight): weight 1 before, 0 after", () => {
    const w = polynomialWeight({ power: 3, transitionSteps: 4, transitionBegin: 2 });
    assert.deepEqual([0, 2, 4, 6, 100].map(w), [1, 1, 0.125, 0, 0]);
  });

  test("cosineWeight is the half cosine raised to exponent", () => {
    const w = cosineWeight({ decaySteps: 4, exponent: 2 });
    closeAll([0, 2, 4, 9].map(w), [1, 0.25, 0, 0], 1e-12, 1e-16);
  });
});

// ---- errors and configs ----

describe("errors name the field", () => {
  /** Options of the wrong type, as plain JavaScript or a JSON file may pass them (JSON.parse is untyped). */
  const untyped = (json: string) => JSON.parse(json);
  const cases: [string, () => unknown, Error][] = [
    [
      "constant value missing",
      () => constant(untyped("{}")),
      new TypeError("value: expected a finite number >= 0 or a non-empty array of them, got undefined"),
    ],
    [
      "constant value negative",
      () => constant({ value: -1 }),
      new RangeError("value: expected a finite number >= 0, got -1"),
    ],
    [
      "constant value NaN in array",
      () => constant({ value: [1, NaN] }),
      new RangeError("value[1]: expected a finite number >= 0, got NaN"),
    ],
    [
      "constant groups mismatch",
      () => constant({ value: [1, 2], groups: 3 }),
      new RangeError("value: expected 3 values (one per group, as groups), got 2"),
    ],
    [
      "linear endValue missing",
      () => linear(untyped('{"initValue": 1, "transitionSteps": 2}')),
      new TypeError("endValue: expected a finite number >= 0 or a non-empty array of them, got undefined"),
    ],
    [
      "linear transitionSteps fractional",
      () => linear({ initValue: 1, endValue: 0, transitionSteps: 2.5 }),
      new RangeError("transitionSteps: expected a positive integer, got 2.5"),
    ],
    [
      "linear transitionBegin negative",
      () => linear({ initValue: 1, endValue: 0, transitionSteps: 2, transitionBegin: -1 }),
      new RangeError("transitionBegin: expected a non-negative integer, got -1"),
    ],
    [
      "polynomial power 0",
      () => polynomial({ initValue: 1, endValue: 0, power: 0, transitionSteps: 2 }),
      new RangeError("power: expected a finite number > 0, got 0"),
    ],
    [
      "polynomial power Infinity",
      () => polynomial({ initValue: 1, endValue: 0, power: Infinity, transitionSteps: 2 }),
      new RangeError("power: expected a finite number > 0, got Infinity"),
    ],
    [
      "polynomial initValue empty",
      () => polynomial({ initValue: [], endValue: 0, power: 1, transitionSteps: 2 }),
      new TypeError("initValue: expected a finite number >= 0 or a non-empty array of them, got []"),
    ],
    [
      "exponentialDecay decayRate negative",
      () => exponentialDecay({ initValue: 1, transitionSteps: 2, decayRate: -0.5 }),
      new RangeError("decayRate: expected a finite number > 0, got -0.5"),
    ],
    [
      "exponentialDecay staircase string",
      () => exponentialDecay(untyped('{"initValue": 1, "transitionSteps": 2, "decayRate": 0.5, "staircase": "yes"}')),
      new TypeError('staircase: expected a boolean, got "yes"'),
    ],
    [
      "exponentialDecay endValue length",
      () => exponentialDecay({ initValue: [1, 2, 3], endValue: [1, 2], transitionSteps: 2, decayRate: 0.5 }),
      new RangeError("endValue: expected 3 values (one per group, as initValue), got 2"),
    ],
    [
      "exponentialDecay transitionSteps unsafe",
      () => exponentialDecay({ initValue: 1, transitionSteps: 2 ** 53, decayRate: 0.5 }),
      new RangeError("transitionSteps: expected a positive integer, got 9007199254740992"),
    ],
    [
      "cosineDecay alpha above 1",
      () => cosineDecay({ initValue: 1, decaySteps: 2, alpha: 1.5 }),
      new RangeError("alpha: expected a number in [0, 1], got 1.5"),
    ],
    [
      "cosineDecay alpha NaN",
      () => cosineDecay({ initValue: 1, decaySteps: 2, alpha: NaN }),
      new RangeError("alpha: expected a number in [0, 1], got NaN"),
    ],
    [
      "cosineDecay decaySteps 0",
      () => cosineDecay({ initValue: 1, decaySteps: 0 }),
      new RangeError("decaySteps: expected a positive integer, got 0"),
    ],
    [
      "cosineDecay exponent 0",
      () => cosineDecay({ initValue: 1, decaySteps: 2, exponent: 0 }),
      new RangeError("exponent: expected a finite number > 0, got 0"),
    ],
    [
      "warmupCosineDecay peakValue missing",
      () => warmupCosineDecay(untyped('{"initValue": 1, "warmupSteps": 1, "decaySteps": 2}')),
      new TypeError("peakValue: expected a finite number >= 0 or a non-empty array of them, got undefined"),
    ],
    [
      "warmupCosineDecay warmupSteps negative",
      () => warmupCosineDecay({ initValue: 1, peakValue: 2, warmupSteps: -1, decaySteps: 2 }),
      new RangeError("warmupSteps: expected a non-negative integer, got -1"),
    ],
    [
      "warmupCosineDecay decaySteps below warmupSteps",
      () => warmupCosineDecay({ initValue: 1, peakValue: 2, warmupSteps: 5, decaySteps: 3 }),
      new RangeError("decaySteps: expected an integer > warmupSteps (5), got 3"),
    ],
    [
      "warmupCosineDecay endValue negative",
      () => warmupCosineDecay({ initValue: 1, peakValue: 2, warmupSteps: 1, decaySteps: 3, endValue: -1 }),
      new RangeError("endValue: expected a finite number >= 0, got -1"),
    ],
    [
      "piecewiseConstant table null",
      () => piecewiseConstant(untyped('{"initValue": 1, "boundariesAndScales": null}')),
      new TypeError("boundariesAndScales: expected an object of iteration: multiplier, got null"),
    ],
    [
      "piecewiseConstant table array",
      () => piecewiseConstant(untyped('{"initValue": 1, "boundariesAndScales": [0.5]}')),
      new TypeError("boundariesAndScales: expected an object of iteration: multiplier, got [0.5]"),
    ],
    [
      "piecewiseConstant negative key",
      () => piecewiseConstant({ initValue: 1, boundariesAndScales: { "-1": 0.5 } }),
      new RangeError('boundariesAndScales: expected keys that are non-negative integers, got "-1"'),
    ],
    [
      "piecewiseConstant fractional key",
      () => piecewiseConstant({ initValue: 1, boundariesAndScales: { "1.5": 0.5 } }),
      new RangeError('boundariesAndScales: expected keys that are non-negative integers, got "1.5"'),
    ],
    [
      "piecewiseConstant padded key",
      () => piecewiseConstant({ initValue: 1, boundariesAndScales: { "010": 0.5 } }),
      new RangeError('boundariesAndScales: expected keys that are non-negative integers, got "010"'),
    ],
    [
      "piecewiseConstant unsafe key",
      () => piecewiseConstant({ initValue: 1, boundariesAndScales: { "9007199254740993": 0.5 } }),
      new RangeError('boundariesAndScales: expected keys that are non-negative integers, got "9007199254740993"'),
    ],
    [
      "piecewiseConstant negative scale",
      () => piecewiseConstant({ initValue: 1, boundariesAndScales: { 5: -3 } }),
      new RangeError("boundariesAndScales.5: expected a finite number >= 0, got -3"),
    ],
    [
      "piecewiseConstant infinite scale",
      () => piecewiseConstant({ initValue: 1, boundariesAndScales: { 5: Infinity } }),
      new RangeError("boundariesAndScales.5: expected a finite number >= 0, got Infinity"),
    ],
    [
      "piecewiseConstant string scale",
      () => piecewiseConstant(untyped('{"initValue": 1, "boundariesAndScales": {"5": "0.1"}}')),
      new TypeError('boundariesAndScales.5: expected a finite number >= 0, got "0.1"'),
    ],
  ];
  for (const [name, build, error] of cases) {
    test(`${name}: ${error.name} "${error.message}"`, () => assert.throws(build, error));
  }

  test("every policy rejects a bad iteration with the shared text", () => {
    const policies = [
      constant({ value: 1 }),
      linear({ initValue: 1, endValue: 0, transitionSteps: 2 }),
      polynomial({ initValue: 1, endValue: 0, power: 2, transitionSteps: 2 }),
      exponentialDecay({ initValue: 1, transitionSteps: 2, decayRate: 0.5, staircase: true }),
      cosineDecay({ initValue: 1, decaySteps: 2 }),
      warmupCosineDecay({ initValue: 1, peakValue: 2, warmupSteps: 1, decaySteps: 2 }),
      warmupCosineDecay({ initValue: 1, peakValue: 2, warmupSteps: 0, decaySteps: 2 }),
      piecewiseConstant({ initValue: 1, boundariesAndScales: { 1: 0.5 } }),
    ];
    for (const p of policies) {
      for (const t of [-1, 0.5, NaN, 2 ** 53]) {
        assert.throws(
          () => p.lr(t),
          new RangeError(
            t === 2 ** 53
              ? "iteration: expected a non-negative integer at most 2^53 - 1 = 9007199254740991, got 9007199254740992"
              : `iteration: expected a non-negative integer, got ${t}`,
          ),
        );
      }
    }
  });
});

describe("configs record every default", () => {
  test("each policy's config is its normalized fields", () => {
    assert.deepEqual(configOf(constant({ value: 0.1 })), { policy: "constant", value: 0.1 });
    assert.deepEqual(configOf(constant({ value: 0.1, groups: 2 })), { policy: "constant", value: [0.1, 0.1] });
    assert.deepEqual(configOf(linear({ initValue: 1, endValue: [0, 0.5], transitionSteps: 3 })), {
      policy: "linear",
      initValue: [1, 1],
      endValue: [0, 0.5],
      transitionSteps: 3,
      transitionBegin: 0,
    });
    assert.deepEqual(
      configOf(polynomial({ initValue: 1, endValue: 0, power: 2, transitionSteps: 3, transitionBegin: 4 })),
      {
        policy: "polynomial",
        initValue: 1,
        endValue: 0,
        power: 2,
        transitionSteps: 3,
        transitionBegin: 4,
      },
    );
    assert.deepEqual(configOf(exponentialDecay({ initValue: 1, transitionSteps: 3, decayRate: 0.5 })), {
      policy: "exponentialDecay",
      initValue: 1,
      transitionSteps: 3,
      decayRate: 0.5,
      transitionBegin: 0,
      staircase: false,
    });
    assert.deepEqual(
      configOf(exponentialDecay({ initValue: [1, 2], transitionSteps: 3, decayRate: 2, staircase: true, endValue: 4 })),
      {
        policy: "exponentialDecay",
        initValue: [1, 2],
        transitionSteps: 3,
        decayRate: 2,
        transitionBegin: 0,
        staircase: true,
        endValue: [4, 4],
      },
    );
    assert.deepEqual(configOf(cosineDecay({ initValue: 1, decaySteps: 3 })), {
      policy: "cosineDecay",
      initValue: 1,
      decaySteps: 3,
      alpha: 0,
      exponent: 1,
    });
    assert.deepEqual(configOf(warmupCosineDecay({ initValue: 0, peakValue: 1, warmupSteps: 2, decaySteps: 9 })), {
      policy: "warmupCosineDecay",
      initValue: 0,
      peakValue: 1,
      warmupSteps: 2,
      decaySteps: 9,
      endValue: 0,
      exponent: 1,
    });
    const pc = configOf(
      piecewiseConstant({ initValue: 1, boundariesAndScales: { 200: 0.01, 100: 0.1, 4294967296: 0.5 } }),
    );
    assert.deepEqual(pc, {
      policy: "piecewiseConstant",
      initValue: 1,
      boundariesAndScales: { 100: 0.1, 200: 0.01, 4294967296: 0.5 },
    });
    assert.deepEqual(Object.keys((pc as { boundariesAndScales: object }).boundariesAndScales), [
      "100",
      "200",
      "4294967296",
    ]);
  });

  test("a policy's config rebuilds the same numbers", () => {
    const p = warmupCosineDecay({
      initValue: [0, 0.1],
      peakValue: 1,
      warmupSteps: 3,
      decaySteps: 20,
      endValue: 0.05,
      exponent: 2,
    });
    const c = configOf(p) ?? {};
    assert.equal(c.policy, "warmupCosineDecay");
    const q = warmupCosineDecay({
      initValue: perGroup(c.initValue),
      peakValue: perGroup(c.peakValue),
      warmupSteps: num(c.warmupSteps),
      decaySteps: num(c.decaySteps),
      endValue: perGroup(c.endValue),
      exponent: num(c.exponent),
    });
    for (const t of range(30)) assert.deepEqual(q.lr(t), p.lr(t));
  });
});
