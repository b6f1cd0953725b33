// The combinators, one by one (values at the seams, broadcasting, error texts), and the
// compositions docs/composition.md promises: triangular, triangular2, exp_range, one-cycle
// and SGDR rebuilt from phases, repeat, product, mapSchedule, warmup and join.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { annealCos, annealLinear } from "../mod.ts";
import { phases } from "../mod.ts";
import { product } from "../lib/combinators/product.ts";
import { warmup } from "../lib/combinators/warmup.ts";
import { repeat } from "../lib/combinators/repeat.ts";
import { mapSchedule } from "../lib/combinators/map_schedule.ts";
import { clamp } from "../lib/combinators/clamp.ts";
import { perGroup } from "../lib/combinators/per_group.ts";
import { shift } from "../lib/combinators/shift.ts";
import { resumeAt } from "../lib/combinators/resume_at.ts";
import { join } from "../mod.ts";
import { scaleBy } from "../mod.ts";
import { expRange, triangular, triangular2 } from "../mod.ts";
import { cyclicLR } from "../mod.ts";
import { oneCycle } from "../mod.ts";
import { cosineRestarts } from "../mod.ts";
import type { Schedule } from "../lib/types.ts";

function closeArrays(actual: readonly number[], expected: readonly number[], what: string, scale = 1): void {
  assert.equal(actual.length, expected.length, `${what}: group count`);
  actual.forEach((v, g) => {
    const ok = Math.abs(v - expected[g]) <= 1e-12 * Math.max(Math.abs(v), Math.abs(expected[g])) + 1e-14 * scale;
    assert.ok(ok, `${what}[${g}]: expected ${expected[g]}, got ${v}`);
  });
}

function sameOver(a: Schedule, b: Schedule, ts: Iterable<number>, what: string, scale = 1): void {
  for (const t of ts) closeArrays(a(t), b(t), `${what} at t = ${t}`, scale);
}

const range = (n: number, step = 1) => Array.from({ length: Math.ceil(n / step) }, (_, i) => i * step);
const constant = (v: number): Schedule => () => [v];

describe("phases", () => {
  test("anneals each phase from its start (the previous end) to its end, then holds", () => {
    const s = phases([{ end: 2, from: 1, to: 3 }, { end: 6, from: 3, to: 1, anneal: annealCos }]);
    assert.deepEqual([0, 1, 2].map((t) => s(t)[0]), [1, 2, 3]);
    assert.equal(s(4)[0], annealCos(3, 1, 0.5));
    assert.equal(s(6)[0], 1);
    assert.equal(s(Number.MAX_SAFE_INTEGER)[0], 1);
  });

  test("ends may fall between iterations, as PyTorch's float end steps do", () => {
    const s = phases([{ end: 1.5, from: 0, to: 3 }, { end: 4, from: 3, to: 0.5 }]);
    assert.deepEqual([0, 1, 2, 4].map((t) => s(t)[0]), [0, 2, annealLinear(3, 0.5, 0.5 / 2.5), 0.5]);
  });

  test("a zero-length first phase takes its end value at t = 0", () => {
    const s = phases([{ end: 0, from: 0, to: 7 }, { end: 10, from: 7, to: 0 }]);
    assert.equal(s(0)[0], 7);
    assert.equal(s(1)[0], 6.3);
  });

  test("per-group values, and groups repeating scalars", () => {
    const s = phases([{ end: 4, from: [0, 1], to: 2 }]);
    assert.deepEqual(s(2), [1, 1.5]);
    assert.deepEqual(phases([{ end: 1, from: 0, to: 1 }], { groups: 3 })(1), [1, 1, 1]);
  });

  const errors: [string, () => unknown, string, string][] = [
    ["no phases", () => phases([]), "TypeError", "phases: expected a non-empty array of phases, got []"],
    [
      "an infinite end",
      () => phases([{ end: Infinity, from: 0, to: 1 }]),
      "RangeError",
      "phases[0].end: expected a finite number, got Infinity",
    ],
    [
      "a negative last end",
      () => phases([{ end: -1, from: 0, to: 1 }]),
      "RangeError",
      "phases[0].end: expected a finite number >= 0, got -1",
    ],
    [
      "a negative value",
      () => phases([{ end: 1, from: -1, to: 1 }]),
      "RangeError",
      "phases[0].from: expected a finite number >= 0, got -1",
    ],
  ];
  for (const [name, fn, type, message] of errors) {
    test(`rejects ${name}: ${message}`, () => assert.throws(fn, { name: type, message }));
  }
});

describe("product", () => {
  test("multiplies group by group; a one-group factor multiplies every group", () => {
    const s = product([(t) => [t, 2 * t], () => [0.5], () => [1, 3]]);
    assert.deepEqual(s(4), [2, 12]);
  });
  test("holds an overflowing product at ±Number.MAX_VALUE", () => {
    assert.deepEqual(product([constant(1e300), constant(1e300)])(0), [Number.MAX_VALUE]);
  });
  test("rejects group counts that disagree", () =>
    assert.throws(() => product([() => [1, 2], () => [1, 2, 3]]), {
      name: "RangeError",
      message: "schedules[0]: expected 3 groups (as schedules[1]) or 1, got 2",
    }));
  test("rejects an empty list", () =>
    assert.throws(() => product([]), {
      name: "TypeError",
      message: "schedules: expected a non-empty array of schedules, got []",
    }));
});

describe("warmup", () => {
  const target: Schedule = (t) => [0.1 * 0.9 ** t, 0.2 * 0.9 ** t];

  test("prefixes: ramps from `from` to schedule(0) over `steps`, then runs the schedule on its own time", () => {
    const s = warmup(target, { steps: 10, from: 0.01 });
    closeArrays(s(0), [0.01, 0.01], "s(0)");
    closeArrays(s(5), [0.055, 0.105], "s(5)");
    assert.deepEqual(s(10), target(0));
    assert.deepEqual(s(11), target(1));
  });

  test("the seam is continuous: the ramp's last step lands a 1/steps step below schedule(0)", () => {
    for (const shape of ["linear", "cos"] as const) {
      const s = warmup(target, { steps: 1000, shape });
      for (let g = 0; g < 2; g++) {
        const jump = Math.abs(s(1000)[g] - s(999)[g]);
        assert.ok(jump <= target(0)[g] * (shape === "linear" ? 1.0001e-3 : 1e-5), `${shape} seam jump ${jump}`);
      }
    }
  });

  test("cosine shape: s(0) + (from - s(0)) / 2 * (cos(pi t / steps) + 1)", () => {
    const s = warmup(constant(1), { steps: 4, shape: "cos" });
    closeArrays(s(1), [annealCos(0, 1, 0.25)], "s(1)");
    assert.deepEqual(s(2), [annealCos(0, 1, 0.5)]);
  });

  test("steps = 0 is the schedule itself", () => {
    const policy = triangular({ baseLr: [0.1, 0.2], maxLr: 1, stepSize: 2 });
    assert.equal(warmup(policy, { steps: 0 }), policy);
    assert.deepEqual(warmup(target, { steps: 0 })(7), target(7));
  });

  test("rejects bad options", () => {
    assert.throws(() => warmup(target, { steps: -1 }), {
      name: "RangeError",
      message: "steps: expected a non-negative integer, got -1",
    });
    // @ts-expect-error: an invalid shape
    assert.throws(() => warmup(target, { steps: 3, shape: "exp" }), {
      name: "TypeError",
      message: 'shape: expected one of "linear", "cos", got "exp"',
    });
    assert.throws(() => warmup(target, { steps: 3, from: [1, 2, 3] }), {
      name: "RangeError",
      message: "from: expected 2 values (one per group, as groups), got 3",
    });
  });
});

describe("repeat, shift, resumeAt", () => {
  const id: Schedule = (t) => [t];
  test("repeat(s, p)(t) = s(t mod p), exactly at any safe integer", () => {
    const s = repeat(id, 7);
    assert.deepEqual([0, 6, 7, 15].map((t) => s(t)[0]), [0, 6, 0, 1]);
    assert.equal(s(Number.MAX_SAFE_INTEGER)[0], Number.MAX_SAFE_INTEGER % 7);
    assert.throws(() => repeat(id, 0), { name: "RangeError", message: "period: expected a positive integer, got 0" });
  });
  test("shift(s, k) holds s(0) until k, then runs s(t - k)", () => {
    const s = shift((t) => [t + 1], 3);
    assert.deepEqual([0, 2, 3, 4].map((t) => s(t)[0]), [1, 1, 1, 2]);
    assert.throws(() => shift(id, -1), { name: "RangeError", message: "k: expected a non-negative integer, got -1" });
  });
  test("resumeAt(s, k)(t) = s(k + t), held at 2^53 - 1", () => {
    const s = resumeAt(id, 10);
    assert.equal(s(5)[0], 15);
    assert.equal(s(Number.MAX_SAFE_INTEGER)[0], Number.MAX_SAFE_INTEGER);
    assert.throws(() => resumeAt(id, 0.5), {
      name: "RangeError",
      message: "k: expected a non-negative integer, got 0.5",
    });
  });
  test("each combinator checks the iteration first", () => {
    for (
      const s of [
        repeat(id, 3),
        shift(id, 3),
        resumeAt(id, 3),
        product([id]),
        mapSchedule(id, (v) => v),
        perGroup([id]),
      ]
    ) {
      assert.throws(() => s(-1), { name: "RangeError", message: "iteration: expected a non-negative integer, got -1" });
    }
  });
});

describe("mapSchedule, clamp, perGroup", () => {
  test("mapSchedule passes value, group and iteration; a non-finite result is an error", () => {
    const s = mapSchedule((t) => [t, t], (v, g, t) => v * (g + 1) + t);
    assert.deepEqual(s(2), [4, 6]);
    assert.throws(() => mapSchedule(constant(0), (v) => 1 / v)(7), {
      name: "RangeError",
      message: "mapSchedule: expected a finite number at iteration 7 (group 0), got Infinity",
    });
  });
  test("clamp keeps values in [min, max]", () => {
    const s = clamp((t) => [t / 10], { min: 0.2, max: 0.5 });
    assert.deepEqual([0, 3, 9].map((t) => s(t)[0]), [0.2, 0.3, 0.5]);
    assert.throws(() => clamp(constant(1), { min: 2, max: 1 }), {
      name: "RangeError",
      message: "max: expected a number >= min (2), got 1",
    });
  });
  test("perGroup concatenates the groups of several schedules", () => {
    const s = perGroup([(t) => [t], () => [5, 6]]);
    assert.deepEqual(s(1), [1, 5, 6]);
  });
  test("perGroup(s, multipliers) scales group g by multipliers[g]", () => {
    assert.deepEqual(perGroup(constant(2), [1, 0.5])(0), [2, 1]);
    assert.deepEqual(perGroup(() => [2, 4], [1, 0.5])(0), [2, 2]);
    assert.throws(() => perGroup(() => [2, 4], [1, 2, 3]), {
      name: "RangeError",
      message: "multipliers: expected 2 values (one per group of schedule), got 3",
    });
    assert.throws(() => perGroup(constant(1), [NaN]), {
      name: "RangeError",
      message: "multipliers[0]: expected a finite number, got NaN",
    });
  });
});

describe("the policies are compositions of the pieces (docs/composition.md)", () => {
  const base = [0.001, 0.01], max = [0.006, 0.05];
  const up = 7, down = 5, P = up + down;
  const unitTriangle = repeat(phases([{ end: up, from: 0, to: 1 }, { end: P, from: 1, to: 0 }]), P);
  const bounds = (u: number, g: number) => base[g] + (max[g] - base[g]) * u;
  const twoGroups = (unit: Schedule) => perGroup(unit, [1, 1]); // the unit signal, once per group
  const ts = [...range(200), 1_000_003, 2 ** 40 + 5];

  test("triangular = repeat(phases(rise, fall), P)", () =>
    sameOver(
      repeat(phases([{ end: up, from: base, to: max }, { end: P, from: max, to: base }]), P),
      triangular({ baseLr: base, maxLr: max, stepSizeUp: up, stepSizeDown: down }),
      ts,
      "triangular",
      0.05,
    ));

  test("triangular2 = mapSchedule(perGroup(product([unit triangle, 1/2 per cycle]), [1, 1]), onto the bounds)", () =>
    sameOver(
      mapSchedule(twoGroups(product([unitTriangle, (t) => [0.5 ** Math.floor(t / P)]])), bounds),
      triangular2({ baseLr: base, maxLr: max, stepSizeUp: up, stepSizeDown: down }),
      ts,
      "triangular2",
      0.05,
    ));

  test("exp_range (PyTorch: the amplitude decays) = mapSchedule(perGroup(product([unit triangle, gamma^t]), [1, 1]), onto the bounds)", () =>
    sameOver(
      mapSchedule(twoGroups(product([unitTriangle, (t) => [0.999 ** t]])), bounds),
      expRange({ baseLr: base, maxLr: max, stepSizeUp: up, stepSizeDown: down, gamma: 0.999 }),
      ts,
      "exp_range",
      0.05,
    ));

  test("exp_range (the paper: both bounds decay) = product([triangular, gamma^t]) = scaleBy", () => {
    const tri = triangular({ baseLr: base, maxLr: max, stepSizeUp: up, stepSizeDown: down });
    const paper = cyclicLR({
      baseLr: base,
      maxLr: max,
      stepSizeUp: up,
      stepSizeDown: down,
      mode: "exp_range",
      gamma: 0.999,
      expRangeDecays: "bounds",
    });
    sameOver(product([tri, (t) => [0.999 ** t]]), paper.lr, range(300), "product", 0.05);
    sameOver(scaleBy(tri, (t) => 0.999 ** t), paper.lr, range(300), "scaleBy", 0.05);
  });

  test("one-cycle (pctStart * totalSteps an integer) = warmup(cosine fall, { steps: p T - 1, from: maxLr / divFactor, shape: 'cos' })", () => {
    for (const [T, p] of [[1000, 0.3], [100, 0.25], [10, 0.1], [40, 0.5]]) {
      const k = Math.round(p * T);
      const fall = phases([{ end: T - k, from: 0.1, to: 0.1 / 25 / 1e4, anneal: annealCos }]);
      const composed = warmup(fall, { steps: k - 1, from: 0.1 / 25, shape: "cos" });
      sameOver(
        composed,
        oneCycle({ maxLr: 0.1, totalSteps: T, pctStart: p }).lr,
        range(T + 5),
        `one-cycle T = ${T}`,
        0.1,
      );
    }
  });

  test("SGDR with tMult = 1 = repeat(phases(cosine from baseLr to etaMin over t0), t0)", () => {
    const cycle = phases([{ end: 10, from: 0.1, to: 0.001, anneal: annealCos }]);
    sameOver(repeat(cycle, 10), cosineRestarts({ baseLr: 0.1, t0: 10, etaMin: 0.001 }).lr, range(500), "SGDR", 0.1);
  });

  test("SGDR with tMult = 2, first three cycles = join of cosines of 10, 20 and 40 iterations", () => {
    const cos = (len: number) => phases([{ end: len, from: 0.1, to: 0, anneal: annealCos }]);
    sameOver(
      join([cos(10), cos(20), cos(40)], [10, 30]),
      cosineRestarts({ baseLr: 0.1, t0: 10, tMult: 2 }).lr,
      range(70),
      "SGDR",
      0.1,
    );
  });

  test("warm-up then cosine restarts, per-group multipliers: a composed policy stays finite and continuous at the seam", () => {
    const lr = perGroup(warmup(cosineRestarts({ baseLr: 0.1, t0: 100, tMult: 2 }).lr, { steps: 50 }), [0.1, 1]);
    assert.deepEqual(lr(50), [0.010000000000000002, 0.1]);
    assert.ok(Math.abs(lr(49)[1] - 0.098) < 1e-15);
  });
});
