// suggestBounds on synthetic curves with known answers: the paper's accuracy reading (the
// 10-90 % rise of a logistic), fastai's valley (transcribed as an oracle), steep and minimum,
// the default rule, and "could not suggest" on flat, noisy, monotone, short and NaN curves.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { rangeTest } from "../lib/range_test/range_test_runner.ts";
import { smoothEma } from "../lib/range_test/smoothing.ts";
import { type BoundsSuggestion, suggestBounds } from "../lib/range_test/suggest_bounds.ts";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** A small deterministic noise source (an LCG), so the tests need no Math.random. */
function noise(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
}
const expGrid = (n: number, lo: number, hi: number) =>
  Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
const linGrid = (n: number, lo: number, hi: number) =>
  Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

function ok(s: BoundsSuggestion): { baseLr: number; maxLr: number; reason: string } {
  assert.ok(s.ok, s.reason);
  return s;
}

describe("accuracy rule (the paper's reading)", () => {
  test("a logistic rise: baseLr at its 10 % point (c - w ln 9), maxLr at its 99 % point (c + w ln 99)", () => {
    const lrs = linGrid(401, 0.005, 2); // 0.005 apart
    const raw = lrs.map((lr) => 0.1 + 0.8 * sigmoid((lr - 0.6) / 0.05));
    const s = ok(suggestBounds({ accuracy: { lrs, raw } }, { accuracyBeta: 0 }));
    // The first tested rates at or past those points.
    const from = 0.6 - 0.05 * Math.log(9), to = 0.6 + 0.05 * Math.log(99);
    assert.ok(s.baseLr >= from && s.baseLr - from < 0.005, `${s.baseLr}`);
    assert.ok(s.maxLr >= to && s.maxLr - to < 0.005, `${s.maxLr}`);
    assert.ok(lrs.includes(s.baseLr) && lrs.includes(s.maxLr));
  });

  test("riseFrom and riseTo move the bounds to other points of the rise", () => {
    const lrs = linGrid(401, 0.005, 2);
    const raw = lrs.map((lr) => 0.1 + 0.8 * sigmoid((lr - 0.6) / 0.05));
    const s = ok(suggestBounds({ accuracy: { lrs, raw } }, { accuracyBeta: 0, riseFrom: 0.25, riseTo: 0.75 }));
    assert.ok(Math.abs(s.baseLr - (0.6 - 0.05 * Math.log(3))) < 0.005);
    assert.ok(Math.abs(s.maxLr - (0.6 + 0.05 * Math.log(3))) < 0.005);
  });

  test("a noisy accuracy every 20 iterations of a linear range test, falling after its peak", async () => {
    const r = noise(7);
    const curve = await rangeTest((lr, t) => {
      const acc = 0.1 + 0.85 * sigmoid((lr - 0.5) / 0.08) - (lr > 1.2 ? (lr - 1.2) * 0.5 : 0) + 0.01 * r();
      return t % 20 === 0 ? { loss: 1, accuracy: acc } : 1;
    }, { minLr: 1e-4, maxLr: 2, iterations: 640, restore: false });
    const s = suggestBounds(curve);
    assert.equal(s.rule, "accuracy");
    const { baseLr, maxLr } = ok(s);
    // Reports are 0.0626 apart; the logistic's 10 % point is 0.324 (next report 0.376), its
    // 99 % point 0.868 (the plateau, within the noise, starts a report or two earlier).
    assert.ok(Math.abs(baseLr - 0.376) < 0.001, `${baseLr}`);
    assert.ok(maxLr > 0.7 && maxLr < 0.95, `${maxLr}`);
    assert.equal(s.curve.metric, "accuracy");
    assert.equal(s.curve.raw.length, 32);
  });

  test("a range test with momentum: most of the rise by the first report, baseLr is that report", () => {
    // The shape of a real test (an MLP, SGD momentum 0.9, accuracy every 20 iterations).
    const lrs = [0.0001, 0.0627, 0.1253, 0.1879, 0.2505, 0.3131, 0.3757, 0.4383, 0.5009, 0.5635, 0.6261];
    const raw = [0.121, 0.882, 0.909, 0.919, 0.914, 0.921, 0.899, 0.857, 0.839, 0.859, 0.837];
    const s = ok(suggestBounds({ accuracy: { lrs, raw, iterations: lrs.map((_, i) => 20 * i) } }));
    assert.equal(s.baseLr, 0.0627);
    assert.ok(s.maxLr >= 0.1253 && s.maxLr <= 0.3131, `${s.maxLr}`);
  });

  test("a jump straight to the plateau: baseLr is the point before the jump, maxLr the point after", () => {
    const lrs = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const s = ok(suggestBounds({ accuracy: { lrs, raw: [0.1, 0.1, 0.1, 0.9, 0.9, 0.9] } }, { accuracyBeta: 0 }));
    assert.deepEqual([s.baseLr, s.maxLr], [0.3, 0.4]);
    assert.match(s.reason, /jumps to its plateau at one point/);
  });

  test("still rising at the end: suggests, and says to test higher rates", () => {
    const lrs = linGrid(50, 0.01, 1);
    const s = suggestBounds({ accuracy: { lrs, raw: lrs.map((lr) => lr) } }, { accuracyBeta: 0 });
    assert.ok(s.ok);
    assert.match(s.reason, /still rising at the end of the test: test higher rates/);
  });

  test("could not suggest: falling, flat, noisy flat, too short, no accuracy", () => {
    const lrs = linGrid(40, 0.01, 1);
    const r = noise(3);
    const cases: [string, BoundsSuggestion, RegExp][] = [
      ["falling", suggestBounds({ accuracy: { lrs, raw: lrs.map((lr) => 1 - lr) } }), /never rises/],
      ["flat", suggestBounds({ accuracy: { lrs, raw: lrs.map(() => 0.5) } }), /never rises|flat/],
      ["noisy flat", suggestBounds({ accuracy: { lrs, raw: lrs.map(() => 0.5 + 0.02 * r()) } }), /flat/],
      [
        "short",
        suggestBounds({ accuracy: { lrs: [0.1, 0.2, 0.3], raw: [0.1, 0.5, 0.9] } }),
        /too short: 3 usable points/,
      ],
      ["none", suggestBounds({}, { rule: "accuracy" }), /has no accuracy/],
    ];
    for (const [name, s, reason] of cases) {
      assert.equal(s.ok, false, name);
      assert.equal(s.rule, "accuracy");
      assert.match(s.reason, reason, name);
    }
  });
});

describe("loss rules (fastai's)", () => {
  // fastai/callback/schedule.py, valley(), transcribed with Python's negative indexing.
  function fastaiValley(lrs: number[], losses: number[]): number {
    const n = losses.length;
    let maxStart = 0, maxEnd = 0;
    const lds = Array(n).fill(1);
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) {
        if (losses[i] < losses[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
        if (lds[maxEnd] < lds[i]) {
          maxEnd = i;
          maxStart = maxEnd - lds[maxEnd];
        }
      }
    }
    const sections = (maxEnd - maxStart) / 3;
    const idx = maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
    return lrs[idx < 0 ? n + idx : idx];
  }

  test("valley is fastai's valley point of the smoothed loss, trimmed as lr_find trims it", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = noise(seed);
      const lrs = expGrid(100, 1e-7, 10);
      const raw = lrs.map((lr) =>
        2.3 - 2 * sigmoid((Math.log10(lr) + 3) * 2) + (lr > 0.3 ? (lr - 0.3) * 5 : 0) + 0.1 * r()
      );
      const smoothed = smoothEma(raw, { beta: 0.98 });
      // lr_find: lrs[num_it//10 : -5], losses likewise
      const expected = fastaiValley(lrs.slice(10, -5), smoothed.slice(10, -5));
      const s = ok(suggestBounds({ loss: { lrs, raw } }, { rule: "valley" }));
      assert.equal(s.maxLr, expected, `seed ${seed}`);
      assert.ok(Math.abs(s.baseLr - expected / 4) <= 1e-15 * expected);
    }
  });

  test("valley by hand: a valley from index 0 to 4 and fastai's index arithmetic", () => {
    const lrs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => x / 10);
    const raw = [9, 8, 7, 6, 5, 5.5, 6, 7, 8, 9];
    // lds = [1,2,3,4,5,...]: max_end = 4, max_start = 4 - 5 = -1, sections = 5/3, idx = -1 + 1 + 0 = 0.
    const s = suggestBounds({ loss: { lrs, raw } }, { rule: "valley", beta: 0, skipStart: 0, skipEnd: 0 });
    assert.equal(s.ok, false); // index 0 is the lowest tested rate
    assert.match(s.reason, /not above the lowest tested rate 0.1: start the test lower/);
    const longer = [20, ...raw];
    const t = ok(
      suggestBounds({ loss: { lrs: [0.05, ...lrs], raw: longer } }, {
        rule: "valley",
        beta: 0,
        skipStart: 0,
        skipEnd: 0,
      }),
    );
    // lds ends at 6 at index 5: max_start = -1, sections = 2, idx = -1 + 2 + 1 = 2
    assert.equal(t.maxLr, 0.2);
    assert.equal(t.baseLr, 0.05); // 0.2 / 4 = 0.05, the lowest tested rate
  });

  test("steep: the steepest fall of the loss against log lr", () => {
    const lrs = expGrid(201, 1e-6, 1);
    const raw = lrs.map((lr) => 2 - Math.tanh((Math.log10(lr) + 3) * 2));
    const s = ok(suggestBounds({ loss: { lrs, raw } }, { rule: "steep", beta: 0 }));
    assert.ok(Math.abs(Math.log10(s.maxLr) + 3) < 0.04, `${s.maxLr}`);
    assert.ok(Math.abs(s.baseLr - s.maxLr / 4) < 1e-18);
  });

  test("minimum: a tenth of the rate of the lowest loss", () => {
    const lrs = expGrid(241, 1e-6, 1); // 10^-1 is point 200
    const raw = lrs.map((lr) => (Math.log10(lr) + 1) ** 2);
    const s = ok(suggestBounds({ loss: { lrs, raw } }, { rule: "minimum", beta: 0 }));
    assert.ok(Math.abs(s.maxLr - 0.01) < 1e-12);
    assert.ok(Math.abs(s.baseLr - 0.0025) < 1e-12);
  });

  test("ratio sets maxLr / baseLr", () => {
    const lrs = expGrid(241, 1e-6, 1); // 10^-1 is point 200
    const raw = lrs.map((lr) => (Math.log10(lr) + 1) ** 2);
    const s = ok(suggestBounds({ loss: { lrs, raw } }, { rule: "minimum", beta: 0, ratio: 3 }));
    assert.ok(Math.abs(s.maxLr / s.baseLr - 3) < 1e-12);
  });

  test("could not suggest: flat, noisy flat, rising, short, NaN from the start", () => {
    const lrs = expGrid(100, 1e-6, 1);
    const r = noise(11);
    const curves: [string, number[], RegExp][] = [
      ["flat", lrs.map(() => 1), /does not fall/],
      ["noisy flat", lrs.map(() => 1 + 0.1 * r()), /does not fall/],
      ["rising", lrs.map((lr) => 1 + lr), /does not fall/],
      ["short", [3, 2, 1], /too short: 3 usable points, 0 after skipping 0 at the start and 5 at the end, need 4/],
      ["NaN", lrs.map(() => NaN), /too short: 0 usable points.*cut at point 0, whose value is NaN/],
    ];
    for (const rule of ["valley", "steep", "minimum"] as const) {
      for (const [name, raw, reason] of curves) {
        const s = suggestBounds({ loss: { lrs: lrs.slice(0, raw.length), raw } }, { rule });
        assert.equal(s.ok, false, `${rule} ${name}`);
        assert.match(s.reason, reason, `${rule} ${name}: ${s.reason}`);
      }
    }
  });

  test("a NaN in the middle cuts the curve there, as lr_find does, and says so", () => {
    const lrs = expGrid(100, 1e-6, 1);
    const raw = lrs.map((lr, i) => (i === 80 ? NaN : (Math.log10(lr) + 2) ** 2));
    const s = suggestBounds({ loss: { lrs, raw } }, { rule: "minimum", beta: 0 });
    assert.ok(s.ok);
    assert.equal(s.curve.raw.length, 80);
    assert.match(s.reason, /cut at point 80, whose value is NaN/);
  });
});

describe("the default rule", () => {
  const lrs = linGrid(100, 0.01, 2);
  const accuracy = { lrs, raw: lrs.map((lr) => 0.1 + 0.8 * sigmoid((lr - 0.6) / 0.1)) };
  const loss = { lrs, raw: lrs.map((lr) => 2.3 - 2 * sigmoid((lr - 0.6) / 0.1) + (lr > 1.5 ? (lr - 1.5) * 4 : 0)) };

  test("accuracy when the curve has it", () => {
    assert.equal(suggestBounds({ loss, accuracy }).rule, "accuracy");
  });

  test("valley when there is only a loss", () => {
    assert.equal(suggestBounds({ loss }).rule, "valley");
  });

  test("valley when the test ran without momentum (momentum < 0.5)", () => {
    const s = suggestBounds({ loss, accuracy }, { momentum: 0 });
    assert.equal(s.rule, "valley");
    assert.match(s.reason, /\(valley, not accuracy: the test ran with momentum 0\)$/);
    assert.equal(suggestBounds({ loss, accuracy }, { momentum: 0.9 }).rule, "accuracy");
    assert.equal(suggestBounds({ accuracy }, { momentum: 0 }).rule, "accuracy"); // no loss to read
  });

  test("valley, with the reason, when the accuracy cannot be read", () => {
    const s = suggestBounds({ loss, accuracy: { lrs, raw: lrs.map(() => 0.5) } });
    assert.equal(s.rule, "valley");
    assert.ok(s.ok);
    assert.match(s.reason, /\(used because accuracy: accuracy (never rises|is flat)/);
  });

  test("the whole curve comes back, raw and smoothed", () => {
    const s = suggestBounds({ loss });
    assert.equal(s.curve.metric, "loss");
    assert.deepEqual(s.curve.raw, loss.raw);
    assert.deepEqual(s.curve.smoothed, smoothEma(loss.raw));
  });

  test("an empty curve: not ok, with a reason, no NaN", () => {
    const s = suggestBounds({});
    assert.equal(s.ok, false);
    assert.equal(s.reason, "valley: the curve has no loss");
  });
});

describe("options", () => {
  test("bad options are named", () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { rule: "slide" },
        "TypeError",
        'rule: expected one of "auto", "accuracy", "valley", "steep", "minimum", got "slide"',
      ],
      [{ beta: 1 }, "RangeError", "beta: expected a number in [0, 1), got 1"],
      [{ accuracyBeta: -0.1 }, "RangeError", "accuracyBeta: expected a number in [0, 1), got -0.1"],
      [{ riseFrom: 0 }, "RangeError", "riseFrom: expected a number in (0, 1), got 0"],
      [{ riseTo: 0.1 }, "RangeError", "riseTo: expected a number in (riseFrom, 1] = (0.1, 1], got 0.1"],
      [{ ratio: 1 }, "RangeError", "ratio: expected a finite number > 1, got 1"],
      [{ momentum: 1 }, "RangeError", "momentum: expected a number in [0, 1), got 1"],
      [{ skipEnd: -1 }, "RangeError", "skipEnd: expected a non-negative integer, got -1"],
      [{ skipStart: 1.5 }, "RangeError", "skipStart: expected a non-negative integer, got 1.5"],
    ];
    for (const [options, name, message] of cases) {
      assert.throws(() => Reflect.apply(suggestBounds, undefined, [{}, options]), { name, message });
    }
    assert.throws(() => Reflect.apply(suggestBounds, undefined, [null]), {
      name: "TypeError",
      message: "curve: expected a range-test curve, got null",
    });
  });
});
