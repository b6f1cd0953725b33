import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { rangeTest } from "../lib/range_test/range_test_runner.ts";
import { suggestBounds } from "../lib/range_test/suggest_bounds.ts";
import { suggestRate } from "../lib/range_test/suggest_rate.ts";

/** A loss against the rate: flat, falling from 1e-3 to 1e-1, lowest near 0.3, then blowing up. */
const L = (lr: number) =>
  2.3 - 2.0 / (1 + Math.exp(-(Math.log10(lr) + 2) / 0.35)) + 4 * Math.max(0, Math.log10(lr / 0.3)) ** 2;
const curveOf = (
  mode: "linear" | "exponential",
  iterations: number,
  extra: { beta?: number; scheduleFree?: boolean } = {},
) =>
  rangeTest((lr) => L(lr), {
    minLr: 1e-4,
    maxLr: 2,
    iterations,
    mode,
    restore: false,
    divergeThreshold: Infinity,
    ...extra,
  });

describe("suggestRate: one rate for a schedule-free optimizer", () => {
  test("a third of the rate of the lowest smoothed loss, with the reason", async () => {
    const curve = await curveOf("exponential", 2000, { beta: 0.9, scheduleFree: true });
    const s = suggestRate(curve);
    assert.ok(s.ok);
    const lowest = 0.3; // the loss's minimum (a little above it, smoothed)
    assert.ok(Math.abs(s.lr * 3 / lowest - 1) < 0.1, `lr ${s.lr}`);
    assert.match(s.reason, /^scheduleFree: the smoothed loss is lowest at lr 0\.\d+; lr is a third of it/);
    assert.equal(s.warnings, undefined);
    assert.equal(
      suggestRate(curve, { divisor: 1 }).ok && suggestRate(curve, { divisor: 1 }).reason.includes("1/1"),
      true,
    );
  });
  test("a curve that does not say it is schedule-free is not read as one", async () => {
    const curve = await curveOf("exponential", 300);
    const s = suggestRate(curve);
    assert.equal(s.ok, false);
    assert.equal(
      s.reason,
      "scheduleFree: the curve is not marked as a schedule-free optimizer's (settings.scheduleFree): this rule was " +
        "measured for schedule-free optimizers; for a cyclical schedule use suggestBounds, or pass scheduleFree: true",
    );
    assert.equal(suggestRate(curve, { scheduleFree: true }).ok, true);
  });
  test("a loss still falling at the end of the test asks for higher rates", () => {
    const lrs = Array.from({ length: 100 }, (_, i) => 1e-3 * 10 ** (i / 33));
    const s = suggestRate({ loss: { lrs, raw: lrs.map((lr) => 1 / lr) }, settings: { scheduleFree: true } }, {
      beta: 0,
      skipEnd: 0,
    });
    assert.equal(s.ok, false);
    assert.match(s.reason, /still falling at the end of the test \(lr 1\): test higher rates$/);
  });
  test("bad options are named", () => {
    assert.throws(() => suggestRate({}, { divisor: 0.5 }), {
      message: "divisor: expected a finite number >= 1, got 0.5",
    });
    assert.throws(() => suggestRate({}, { beta: 1 }), { message: "beta: expected a number in [0, 1), got 1" });
  });
});

describe("suggestBounds does not give a scheduled optimizer's range for a schedule-free curve", () => {
  test("it refuses, names suggestRate and gives its rate", async () => {
    const curve = await curveOf("exponential", 2000, { beta: 0.9, scheduleFree: true });
    const s = suggestBounds(curve);
    const rate = suggestRate(curve);
    assert.equal(s.ok, false);
    assert.ok(rate.ok);
    assert.equal(
      s.reason,
      "valley: the curve is from a schedule-free optimizer (settings.scheduleFree), which takes one rate and no " +
        `bounds, and trains at higher rates than a scheduled one: read it with suggestRate(curve) (it gives lr ${
          Number(rate.lr.toPrecision(3))
        })`,
    );
  });
});

describe("a smoothing that lags far behind the ramp is warned about (issue 16.5)", () => {
  test("fastai's 0.98 over 100 iterations: the loss rules and suggestRate warn, with the two ways out", async () => {
    const curve = await curveOf("exponential", 100);
    const s = suggestBounds(curve, { rule: "steep" });
    assert.ok(s.ok);
    const warning = "the smoothing (beta 0.98) lags 49 iterations behind the ramp, 49.5 % of the test's 99: the " +
      "smoothed loss reaches each rate late, which moves a loss rule's rate (up to 3x at 0.98 over 100 iterations); " +
      "smooth less (beta <= 0.831) or test over at least 981 iterations";
    assert.deepEqual(s.warnings, [warning]);
    assert.ok(s.reason.endsWith(`; beware: ${warning}`));
    const r = suggestRate(curve, { scheduleFree: true });
    assert.ok(r.ok);
    assert.deepEqual(r.warnings, [warning]);
  });
  test("no warning when the lag is at most 5 % of the test: a longer test, or the smoothing it suggests", async () => {
    const long = suggestBounds(await curveOf("exponential", 981), { rule: "steep" });
    assert.ok(long.ok);
    assert.equal(long.warnings, undefined);
    const short = suggestBounds(await curveOf("exponential", 100, { beta: 0.831 }), { rule: "steep" });
    assert.ok(short.ok);
    assert.equal(short.warnings, undefined);
  });
  test("the warning is earned: at 0.98 over 100 iterations steep moves 3x from the unsmoothed reading, at 981 1.5x", async () => {
    const at = async (its: number, beta: number) => {
      const s = suggestBounds(await curveOf("exponential", its, { beta }), { rule: "steep" });
      assert.ok(s.ok);
      return s.maxLr;
    };
    assert.ok((await at(100, 0.98)) / (await at(100, 0)) > 2.5);
    assert.ok((await at(981, 0.98)) / (await at(981, 0)) < 1.6);
  });
  test("the accuracy rule smooths without lag and does not warn", () => {
    const lrs = Array.from({ length: 100 }, (_, i) => 0.01 * (i + 1));
    const raw = lrs.map((lr) => 0.1 + 0.8 / (1 + Math.exp(-(lr - 0.4) / 0.05)));
    const s = suggestBounds({ accuracy: { lrs, raw }, settings: { beta: 0.98 } });
    assert.ok(s.ok);
    assert.equal(s.warnings, undefined);
  });
});
