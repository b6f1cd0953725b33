// Examples and exact error texts of the core factories: waves, scales, amplitude/between,
// resolveGroups, cyclic policies, cyclicLR, sample, and the iteration check of every schedule.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  amplitude,
  between,
  configOf,
  cosineWave,
  cyclic,
  cyclicLR,
  exponential,
  expRange,
  flat,
  halving,
  resolveGroups,
  sample,
  scaleBy,
  scaleFn,
  stretch,
  triangle,
  triangular,
  triangular2,
} from "../mod.ts";

/** Asserts that `fn` throws exactly `name: message`. */
function throwsExactly(fn: () => unknown, name: "RangeError" | "TypeError", message: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Error, String(e));
    assert.equal(`${e.name}: ${e.message}`, `${name}: ${message}`);
    return true;
  });
}

describe("iteration check (every schedule closure)", () => {
  const MAX = Number.MAX_SAFE_INTEGER;
  // Past the last iteration (2^53 - 1) the message says the limit (issue 16, point 4).
  const LIMIT = "a non-negative integer at most 2^53 - 1 = 9007199254740991";
  const bad: [number, string, string][] = [
    [-1, "-1", "a non-negative integer"],
    [1.5, "1.5", "a non-negative integer"],
    [NaN, "NaN", "a non-negative integer"],
    [Infinity, "Infinity", LIMIT],
    [-Infinity, "-Infinity", "a non-negative integer"],
    [2 ** 53, "9007199254740992", LIMIT],
    [MAX + 2, "9007199254740992", LIMIT],
  ];
  const p = cyclicLR({ mode: "triangular2" });
  const schedules: [string, (t: number) => unknown][] = [
    ["cyclicLR lr", p.lr],
    ["cyclicLR momentum", p.momentum!],
    ["triangular", triangular({ baseLr: 0.1, maxLr: 1, stepSizeUp: 3 })],
    ["triangular2", triangular2({ baseLr: 0.1, maxLr: 1, stepSizeUp: 3 })],
    ["expRange", expRange({ baseLr: 0.1, maxLr: 1, stepSizeUp: 3, gamma: 0.9 })],
    ["amplitude (cycle scale)", amplitude(triangle({ stepSizeUp: 3 }), halving)],
    ["amplitude (iteration scale)", amplitude(cosineWave({ stepSizeUp: 3 }), exponential(0.9))],
    ["between", between(0.1, 1, amplitude(triangle({ stepSizeUp: 3 })))],
    ["scaleBy", scaleBy(triangular({ baseLr: 1, maxLr: 3, stepSizeUp: 2 }), 0.5)],
  ];
  for (const [name, s] of schedules) {
    test(`${name}: rejects -1, 1.5, NaN, ±Infinity and 2^53 with a RangeError naming the iteration`, () => {
      for (const [t, shown, phrase] of bad) {
        throwsExactly(() => s(t), "RangeError", `iteration: expected ${phrase}, got ${shown}`);
      }
    });
    test(`${name}: accepts 0 and Number.MAX_SAFE_INTEGER`, () => {
      for (const t of [0, MAX]) {
        const v = s(t);
        const values = typeof v === "number" ? [v] : Array.isArray(v) ? v : [];
        assert.ok(values.length > 0 && values.every(Number.isFinite), `${name}(${t}) = ${String(v)}`);
      }
    });
  }
});

describe("triangle and cosineWave", () => {
  test("triangle: height and cycle at the edges of asymmetric cycles", () => {
    const w = triangle({ stepSizeUp: 4, stepSizeDown: 2 });
    assert.equal(w.period, 6);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map(w.height), [0, 0.25, 0.5, 0.75, 1, 0.5, 0, 0.25]);
    assert.deepEqual([0, 5, 6, 11, 12].map(w.cycle), [1, 1, 2, 2, 3]);
  });

  test("cosineWave: 0 at the bottom, 1 at the peak, half way is 1/2", () => {
    const w = cosineWave({ stepSizeUp: 2, stepSizeDown: 4 });
    assert.equal(w.height(0), 0);
    assert.equal(w.height(2), 1);
    assert.ok(Math.abs(w.height(1) - 0.5) < 1e-15);
    assert.ok(Math.abs(w.height(4) - 0.5) < 1e-15);
    assert.equal(w.height(6), 0);
  });

  const cases: [string, unknown, "RangeError" | "TypeError", string][] = [
    ["stepSizeUp 0", { stepSizeUp: 0 }, "RangeError", "stepSizeUp: expected a positive integer, got 0"],
    ["stepSizeUp -3", { stepSizeUp: -3 }, "RangeError", "stepSizeUp: expected a positive integer, got -3"],
    ["stepSizeUp 1.5", { stepSizeUp: 1.5 }, "RangeError", "stepSizeUp: expected a positive integer, got 1.5"],
    ["stepSizeUp NaN", { stepSizeUp: NaN }, "RangeError", "stepSizeUp: expected a positive integer, got NaN"],
    [
      "stepSizeUp 2^53",
      { stepSizeUp: 2 ** 53 },
      "RangeError",
      "stepSizeUp: expected a positive integer, got 9007199254740992",
    ],
    ['stepSizeUp "4"', { stepSizeUp: "4" }, "TypeError", 'stepSizeUp: expected a positive integer, got "4"'],
    ["stepSizeUp missing", {}, "TypeError", "stepSizeUp: expected a positive integer, got undefined"],
    [
      "stepSizeDown 0",
      { stepSizeUp: 2, stepSizeDown: 0 },
      "RangeError",
      "stepSizeDown: expected a positive integer, got 0",
    ],
  ];
  for (const [name, steps, kind, message] of cases) {
    test(`triangle and cosineWave reject ${name}: ${message}`, () => {
      // @ts-expect-error: invalid on purpose
      throwsExactly(() => triangle(steps), kind, message);
      // @ts-expect-error: invalid on purpose
      throwsExactly(() => cosineWave(steps), kind, message);
    });
  }
});

describe("scales", () => {
  test("flat is 1, halving is 1 / 2^(c - 1), exponential is gamma^t", () => {
    assert.equal(flat.fn(1e9), 1);
    assert.deepEqual([1, 2, 3, 1025, 1076].map(halving.fn), [1, 0.5, 0.25, 2 ** -1024, 0]);
    assert.equal(exponential(0.5).fn(3), 0.125);
    assert.equal(exponential(1).fn(Number.MAX_SAFE_INTEGER), 1);
    assert.equal(exponential(0.9).mode, "iterations");
    assert.equal(halving.mode, "cycle");
  });

  for (
    const [g, shown] of [[0, "0"], [-0.5, "-0.5"], [1.5, "1.5"], [NaN, "NaN"], [Infinity, "Infinity"]] as [
      number,
      string,
    ][]
  ) {
    test(`exponential(${shown}): RangeError gamma: expected a number in (0, 1], got ${shown}`, () =>
      throwsExactly(() => exponential(g), "RangeError", `gamma: expected a number in (0, 1], got ${shown}`));
  }

  test("scaleFn: wrong function, wrong mode, and a non-finite result at the cycle or iteration", () => {
    // @ts-expect-error: invalid on purpose
    throwsExactly(() => scaleFn("x"), "TypeError", 'scaleFn: expected a function, got "x"');
    throwsExactly(
      // @ts-expect-error: invalid on purpose
      () => scaleFn((c) => c, "epoch"),
      "TypeError",
      'scaleMode: expected one of "cycle", "iterations", got "epoch"',
    );
    throwsExactly(
      () => scaleFn(() => NaN).fn(3),
      "RangeError",
      "scaleFn: expected a finite number at cycle 3, got NaN",
    );
    throwsExactly(
      () => scaleFn(() => Infinity, "iterations").fn(7),
      "RangeError",
      "scaleFn: expected a finite number at iteration 7, got Infinity",
    );
    assert.equal(scaleFn((c) => 1 / c).fn(4), 0.25);
  });
});

describe("amplitude and between", () => {
  test("between stretches a unit signal, in either direction", () => {
    const unit = amplitude(triangle({ stepSizeUp: 2 }));
    assert.deepEqual([0, 1, 2, 3].map(between(1, 3, unit)), [1, 2, 3, 2]);
    assert.deepEqual([0, 1, 2, 3].map(between(0.9, 0.8, unit)), [0.9, 0.8500000000000001, 0.8, 0.8500000000000001]);
  });

  test("between rejects non-finite bounds", () => {
    const unit = amplitude(triangle({ stepSizeUp: 2 }));
    throwsExactly(() => between(NaN, 1, unit), "RangeError", "from: expected a finite number, got NaN");
    throwsExactly(() => between(0, -Infinity, unit), "RangeError", "to: expected a finite number, got -Infinity");
  });
});

describe("resolveGroups", () => {
  test("scalars repeat, arrays fix the count, groups repeats scalars", () => {
    assert.deepEqual(resolveGroups({ baseLr: 0.1, maxLr: [1, 2] }), {
      groups: 2,
      values: { baseLr: [0.1, 0.1], maxLr: [1, 2] },
    });
    assert.deepEqual(resolveGroups({ baseLr: 0.1, maxLr: 1 }), { groups: 1, values: { baseLr: [0.1], maxLr: [1] } });
    assert.deepEqual(resolveGroups({ baseLr: 0.1, maxLr: undefined }, 3), {
      groups: 3,
      values: { baseLr: [0.1, 0.1, 0.1] },
    });
  });

  const cases: [string, Record<string, unknown>, number | undefined, "RangeError" | "TypeError", string][] = [
    [
      "an empty array",
      { baseLr: [] },
      undefined,
      "TypeError",
      "baseLr: expected a finite number >= 0 or a non-empty array of them, got []",
    ],
    [
      "a negative entry",
      { baseLr: [0.1, -1] },
      undefined,
      "RangeError",
      "baseLr[1]: expected a finite number >= 0, got -1",
    ],
    ["a NaN entry", { maxLr: [NaN] }, undefined, "RangeError", "maxLr[0]: expected a finite number >= 0, got NaN"],
    ["a string entry", { maxLr: [1, "2"] }, undefined, "TypeError", 'maxLr[1]: expected a finite number >= 0, got "2"'],
    ["a negative scalar", { baseLr: -0.1 }, undefined, "RangeError", "baseLr: expected a finite number >= 0, got -0.1"],
    [
      "an infinite scalar",
      { baseLr: Infinity },
      undefined,
      "RangeError",
      "baseLr: expected a finite number >= 0, got Infinity",
    ],
    [
      "a string",
      { baseLr: "0.1" },
      undefined,
      "TypeError",
      'baseLr: expected a finite number >= 0 or a non-empty array of them, got "0.1"',
    ],
    [
      "arrays of different lengths",
      { baseLr: [1, 2], maxLr: [1, 2, 3] },
      undefined,
      "RangeError",
      "maxLr: expected 2 values (one per group, as baseLr), got 3",
    ],
    [
      "an array against groups",
      { baseLr: [1, 2] },
      3,
      "RangeError",
      "baseLr: expected 3 values (one per group, as groups), got 2",
    ],
    ["groups 0", { baseLr: 1 }, 0, "RangeError", "groups: expected an integer in [1, 65536], got 0"],
    ["groups 1.5", { baseLr: 1 }, 1.5, "RangeError", "groups: expected an integer in [1, 65536], got 1.5"],
  ];
  for (const [name, fields, groups, kind, message] of cases) {
    test(`rejects ${name}: ${message}`, () =>
      // @ts-expect-error: invalid on purpose
      throwsExactly(() => resolveGroups(fields, groups), kind, message));
  }
});

describe("cyclic policies", () => {
  test("triangular, triangular2 and expRange at the boundaries of cycles", () => {
    const o = { baseLr: 1, maxLr: 5, stepSizeUp: 4 };
    assert.deepEqual([0, 2, 4, 6, 8, 12, 16].map((t) => triangular(o)(t)[0]), [1, 3, 5, 3, 1, 5, 1]);
    assert.deepEqual([0, 4, 8, 12, 20, 28].map((t) => triangular2(o)(t)[0]), [1, 5, 1, 3, 2, 1.5]);
    assert.deepEqual([0, 1, 2, 3].map((t) => expRange({ baseLr: 0, maxLr: 1, stepSizeUp: 2, gamma: 0.5 })(t)[0]), [
      0,
      0.25,
      0.25,
      0.0625,
    ]);
  });

  test("cyclic() with a custom wave and scale, and stretch over per-group values", () => {
    const lr = cyclic({ baseLr: [0, 1], maxLr: [1, 3], wave: triangle({ stepSizeUp: 1 }), scale: halving });
    assert.deepEqual([lr(1), lr(3)], [[1, 3], [0.5, 2]]);
    const s = stretch([0, 10], [1, 0], () => 0.5);
    assert.deepEqual(s(0), [0.5, 5]);
  });

  test("cyclic() rejects bad bounds with the resolveGroups texts", () => {
    throwsExactly(
      () => cyclic({ baseLr: -1, maxLr: 1, wave: triangle({ stepSizeUp: 1 }) }),
      "RangeError",
      "baseLr: expected a finite number >= 0, got -1",
    );
    throwsExactly(
      () => triangular({ baseLr: [1, 2], maxLr: [1], stepSizeUp: 2 }),
      "RangeError",
      "maxLr: expected 2 values (one per group, as baseLr), got 1",
    );
    throwsExactly(
      () => expRange({ baseLr: 0, maxLr: 1, stepSizeUp: 2, gamma: 2 }),
      "RangeError",
      "gamma: expected a number in (0, 1], got 2",
    );
  });
});

describe("cyclicLR", () => {
  test("PyTorch's defaults, and the normalized config it records", () => {
    const p = cyclicLR();
    assert.equal(p.groups, 1);
    assert.deepEqual([p.lr(0), p.lr(2000), p.lr(4000)], [[0.001], [0.006], [0.001]]);
    assert.deepEqual([p.momentum!(0), p.momentum!(2000)], [[0.9], [0.8]]);
    assert.deepEqual(configOf(p), {
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
    });
  });

  test("stepSize is the seed's symmetric half cycle; per-group arrays in the config", () => {
    const p = cyclicLR({ baseLr: [0.001, 0.01], maxLr: 0.1, stepSize: 300, cycleMomentum: false });
    assert.equal(p.momentum, undefined);
    assert.deepEqual(configOf(p), {
      policy: "cyclic",
      baseLr: [0.001, 0.01],
      maxLr: [0.1, 0.1],
      stepSizeUp: 300,
      stepSizeDown: 300,
      mode: "triangular",
      gamma: 1,
      expRangeDecays: "amplitude",
      cycleMomentum: false,
      baseMomentum: [0.8, 0.8],
      maxMomentum: [0.9, 0.9],
    });
  });

  test("a custom scaleFn has no config form", () => {
    assert.equal(configOf(cyclicLR({ scaleFn: () => 1 })), undefined);
  });

  const cases: [string, Record<string, unknown>, "RangeError" | "TypeError", string][] = [
    [
      "an unknown mode",
      { mode: "CATS" },
      "TypeError",
      'mode: expected one of "triangular", "triangular2", "exp_range", got "CATS"',
    ],
    [
      "stepSize with stepSizeUp",
      { stepSize: 10, stepSizeUp: 10 },
      "TypeError",
      "stepSize: cannot be given together with stepSizeUp",
    ],
    [
      "stepSize with stepSizeDown",
      { stepSize: 10, stepSizeDown: 10 },
      "TypeError",
      "stepSize: cannot be given together with stepSizeDown",
    ],
    ["stepSize 0", { stepSize: 0 }, "RangeError", "stepSize: expected a positive integer, got 0"],
    ["stepSizeUp -1", { stepSizeUp: -1 }, "RangeError", "stepSizeUp: expected a positive integer, got -1"],
    ["gamma 0", { mode: "exp_range", gamma: 0 }, "RangeError", "gamma: expected a number in (0, 1], got 0"],
    ['cycleMomentum "yes"', { cycleMomentum: "yes" }, "TypeError", 'cycleMomentum: expected a boolean, got "yes"'],
    [
      "scaleFn with scale",
      { scaleFn: () => 1, scale: flat },
      "TypeError",
      "scaleFn: cannot be given together with scale",
    ],
    ["an unknown wave", { wave: "square" }, "TypeError", 'wave: expected one of "triangle", "cosine", got "square"'],
    [
      'expRangeDecays "both"',
      { expRangeDecays: "both" },
      "TypeError",
      'expRangeDecays: expected one of "amplitude", "bounds", got "both"',
    ],
    [
      "a negative baseMomentum",
      { baseMomentum: -0.1 },
      "RangeError",
      "baseMomentum: expected a finite number >= 0, got -0.1",
    ],
    [
      "maxMomentum arrays against baseLr",
      { baseLr: [1, 2], maxMomentum: [0.9] },
      "RangeError",
      "maxMomentum: expected 2 values (one per group, as baseLr), got 1",
    ],
  ];
  for (const [name, options, kind, message] of cases) {
    test(`rejects ${name}: ${message}`, () => throwsExactly(() => cyclicLR(options), kind, message));
  }
});

describe("sample", () => {
  const lr = triangular({ baseLr: [0, 1], maxLr: [2, 3], stepSizeUp: 2 });
  test("row-major groups, a scalar schedule without groups, and an empty sample", () => {
    assert.deepEqual([...sample(lr, 1, 3)], [1, 2, 2, 3, 1, 2]);
    assert.deepEqual([...sample(amplitude(triangle({ stepSizeUp: 2 })), 0, 5)], [0, 0.5, 1, 0.5, 0]);
    assert.equal(sample(lr, 5, 0).length, 0);
    assert.equal(sample(lr, Number.MAX_SAFE_INTEGER, 1).length, 2);
  });

  const MAX = Number.MAX_SAFE_INTEGER;
  const cases: [string, () => unknown, "RangeError" | "TypeError", string][] = [
    ["start -1", () => sample(lr, -1, 2), "RangeError", "start: expected a non-negative integer, got -1"],
    ["start 1.5", () => sample(lr, 1.5, 2), "RangeError", "start: expected a non-negative integer, got 1.5"],
    ["start NaN", () => sample(lr, NaN, 2), "RangeError", "start: expected a non-negative integer, got NaN"],
    ["count -1", () => sample(lr, 0, -1), "RangeError", "count: expected a non-negative integer, got -1"],
    [
      "count 2^53",
      () => sample(lr, 0, 2 ** 53),
      "RangeError",
      "count: expected a non-negative integer, got 9007199254740992",
    ],
    [
      "a last iteration past 2^53 - 1",
      () => sample(lr, MAX, 2),
      "RangeError",
      "start + count - 1: expected a non-negative integer, got 9007199254740992",
    ],
    [
      "a last iteration 2^53 + 1",
      () => sample(lr, MAX - 1, 4),
      "RangeError",
      "start + count - 1: expected a non-negative integer, got 9007199254740993",
    ],
    [
      "a group count that changes",
      () => sample((t) => (t < 1 ? [1] : [1, 2]), 0, 3),
      "RangeError",
      "schedule: expected 1 groups at every iteration, got 2 at 1",
    ],
  ];
  for (const [name, fn, kind, message] of cases) {
    test(`rejects ${name}: ${message}`, () => throwsExactly(fn, kind, message));
  }
});

describe("sample into a buffer", () => {
  const lr = triangular({ baseLr: [0, 1], maxLr: [2, 3], stepSizeUp: 2 });
  test("fills the buffer's first count * groups values and returns a view of them", () => {
    const buffer = new Float64Array(10).fill(-1);
    const view = sample(lr, 1, 3, buffer);
    assert.deepEqual([...view], [1, 2, 2, 3, 1, 2]);
    assert.equal(view.buffer, buffer.buffer);
    assert.deepEqual([...buffer.subarray(6)], [-1, -1, -1, -1]);
    assert.equal(sample(lr, 0, 0, buffer).length, 0);
  });

  test("rejects a short buffer and a buffer of the wrong type", () => {
    throwsExactly(
      () => sample(lr, 0, 3, new Float64Array(5)),
      "RangeError",
      "into: expected a Float64Array of at least 6 values, got 5",
    );
    throwsExactly(
      // @ts-expect-error: invalid on purpose
      () => sample(lr, 0, 3, [0, 0, 0, 0, 0, 0]),
      "TypeError",
      "into: expected a Float64Array, got [0,0,0,0,0,0]",
    );
  });
});
