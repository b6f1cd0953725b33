// Issue 16, point 6: the accepted inputs that gave ±Infinity or NaN, each pinned, with the
// value or the error each gives now. Values past the largest double are held at
// ±Number.MAX_VALUE (docs/schedule-config.md, edge cases); a user's function that returns a
// value that is not a finite number is an error naming the piece, where its value enters.
// The laws that drive these at every magnitude: props/config_finite_test.ts and
// props/combinator_finite_test.ts.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  annealCos,
  annealLinear,
  between,
  constant,
  createRegistry,
  cyclicLR,
  exponentialDecay,
  makePolicy,
  oneCycle,
  perGroup,
  piecewiseConstant,
  product,
  registerScale,
  registerWave,
  scaleBy,
  stretch,
  warmup,
} from "../mod.ts";
import { policyFromConfig } from "../config.ts";
import { evalText } from "./_eval_hashes.ts";

const MAX = Number.MAX_VALUE;

describe("accepted configs and combinators of finite inputs give finite values (issue 16, point 6)", () => {
  test('{"policy":"cosineRestarts","baseLr":1e308,"t0":10}: lr(0) is 1e308 and clr eval prints valid JSON', () => {
    const config = { policy: "cosineRestarts", baseLr: 1e308, t0: 10 };
    const { lr } = policyFromConfig(config);
    assert.deepEqual(lr(0), [1e308]);
    assert.ok(lr(5)[0] > 0 && lr(5)[0] < 1e308 && Number.isFinite(lr(9)[0]));
    const text = evalText({ config: JSON.stringify(config), start: 0, steps: 20 });
    const rows: number[][] = JSON.parse(text).lr;
    assert.equal(rows.length, 20);
    assert.ok(rows.every((r) => Number.isFinite(r[0])));
  });

  test("scaleBy(s, 1e300) and perGroup(s, [1e300]) of a 1e300 rate give Number.MAX_VALUE", () => {
    const s = constant({ value: 1e300 });
    assert.deepEqual(scaleBy(s, 1e300)(0), [MAX]);
    assert.deepEqual(scaleBy(s, -1e300)(0), [-MAX]);
    assert.deepEqual(scaleBy(s, () => 1e300)(7), [MAX]);
    assert.deepEqual(perGroup(s, [1e300, 0.5])(0), [MAX, 5e299]);
  });

  test("product: held at Number.MAX_VALUE past it; the true product where a partial product overflows", () => {
    const big = constant({ value: 1e300 });
    assert.deepEqual(product([big, big])(0), [MAX]);
    assert.deepEqual(product([big, big, constant({ value: 0 })])(0), [0]); // Infinity * 0 was NaN
    assert.deepEqual(
      product([constant({ value: 2 ** 1000 }), constant({ value: 2 ** 100 }), constant({ value: 2 ** -1000 })])(0),
      [
        2 ** 100,
      ],
    );
  });

  test("between(-1.7e308, 1.7e308, () => 0) is -1.7e308, and a unit above 1 is held at the largest double", () => {
    assert.equal(between(-1.7e308, 1.7e308, () => 0)(0), -1.7e308);
    assert.equal(between(-1.7e308, 1.7e308, () => 1)(0), 1.7e308);
    assert.equal(between(0, 1e308, () => 1e10)(0), MAX);
    assert.equal(between(-1.7e308, 1.7e308, () => -1e10)(0), -MAX);
  });

  test("stretch validates its sides and its unit", () => {
    assert.throws(() => stretch([0, 0], [1], (t) => t), {
      name: "RangeError",
      message: "to: expected 2 values (one per group, as from), got 1",
    });
    assert.throws(() => stretch([0], [1], () => NaN)(1), {
      name: "RangeError",
      message: "unit(1): expected a finite number, got NaN",
    });
    assert.throws(() => between(0, 1, () => Infinity)(2), {
      name: "RangeError",
      message: "unit(2): expected a finite number, got Infinity",
    });
    assert.deepEqual(stretch([0, 1], [1, 3], () => 0.5)(0), [0.5, 2]);
  });

  test("a user function's NaN is refused where it enters: scaleBy, product, a registered wave and scale", () => {
    const s = constant({ value: 0.1 });
    assert.throws(() => scaleBy(s, () => NaN)(0), {
      name: "RangeError",
      message: "factor(0): expected a finite number, got NaN",
    });
    assert.throws(
      () => scaleBy(() => [NaN], 2)(0),
      /^TypeError: schedule\(0\): expected a non-empty array of finite numbers/,
    );
    assert.throws(
      () => product([s, () => [NaN]])(0),
      /^TypeError: schedules\[1\]\(0\): expected a non-empty array of finite numbers/,
    );
    const registry = createRegistry();
    registerWave("nan", () => ({ period: 2, cycle: (t) => Math.floor(t / 2) + 1, height: () => NaN }), registry);
    assert.throws(() => cyclicLR({ baseLr: 0, maxLr: 1, wave: { name: "nan" }, registry }).lr(0), {
      name: "RangeError",
      message: 'wave "nan".height(0): expected a number in [0, 1], got NaN',
    });
    registerScale("nan", () => () => NaN, registry);
    assert.throws(() => cyclicLR({ baseLr: 0, maxLr: 1, stepSizeUp: 2, scale: { name: "nan" }, registry }).lr(1), {
      name: "RangeError",
      message: 'scale "nan": expected a finite number at cycle 1, got NaN',
    });
  });

  test("a registered wave of height 5 is refused, naming it", () => {
    const registry = createRegistry();
    registerWave("five", () => ({ period: 2, cycle: (t) => Math.floor(t / 2) + 1, height: () => 5 }), registry);
    assert.throws(() => cyclicLR({ baseLr: 0, maxLr: 1, wave: { name: "five" }, registry }).lr(0), {
      name: "RangeError",
      message: 'wave "five".height(0): expected a number in [0, 1], got 5',
    });
  });

  test("growing optax decays hold at Number.MAX_VALUE, and keep the true value while it is finite", () => {
    assert.deepEqual(exponentialDecay({ initValue: 1, transitionSteps: 1, decayRate: 10 }).lr(400), [MAX]);
    const v = exponentialDecay({ initValue: 1e-300, transitionSteps: 1, decayRate: 10 }).lr(400)[0]; // optax: Infinity
    assert.ok(Math.abs(v - 1e100) <= 4e-16 * 1e100, `${v}`);
    assert.deepEqual(piecewiseConstant({ initValue: 1e300, boundariesAndScales: { "1": 1e300 } }).lr(5), [MAX]);
    assert.deepEqual(piecewiseConstant({ initValue: 1e300, boundariesAndScales: { "1": 1e300, "2": 0 } }).lr(2), [0]);
    assert.deepEqual(
      piecewiseConstant({ initValue: 2 ** 1000, boundariesAndScales: { "1": 2 ** 100, "2": 2 ** -1000 } }).lr(2),
      [
        2 ** 100,
      ],
    );
  });

  test("warmup and the anneals between finite values of opposite signs far apart", () => {
    assert.equal(annealCos(-1.7e308, 1.7e308, 0.5), 0);
    assert.equal(annealLinear(-1.7e308, 1.7e308, 0.5), 0);
    assert.equal(annealCos(MAX, -MAX, 0), MAX);
    const w = warmup(makePolicy(() => [-1.7e308], 1), { steps: 10, from: 1.7e308, shape: "cos" });
    assert.deepEqual(w(5), [0]);
    assert.ok(Number.isFinite(w(1)[0]) && Number.isFinite(w(9)[0]));
  });

  test("an anneal between subnormal ends stays between them (Bun found a one-cycle rate of -5e-324)", () => {
    assert.equal(annealCos(0, 9.4e-323, 0), 0);
    assert.equal(annealCos(9.4e-323, 0, 1), 0);
    const cases = [
      oneCycle({
        maxLr: [0, 0.00028, 9.4e-323],
        totalSteps: 575,
        threePhase: true,
        divFactor: 238.53,
        finalDivFactor: 1516.9,
      }),
      oneCycle({ maxLr: 1.5e-323, totalSteps: 13, pctStart: 1, threePhase: true, divFactor: 36.19 }),
      oneCycle({ maxLr: 1.5e-323, totalSteps: 13, annealStrategy: "linear" }),
    ];
    for (const s of cases) {
      for (let t = 0; t < 600; t++) {
        s.lr(t).forEach((v, g) => assert.ok(v >= 0, `lr(${t})[${g}] = ${v}`));
      }
    }
  });
});
