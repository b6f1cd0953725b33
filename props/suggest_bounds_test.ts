// Laws of suggestBounds on arbitrary curves: it never throws or returns NaN; bounds, when
// given, are ordered and inside the tested rates; scaling the metric by a power of two (exact
// in floating point) or shifting an integer-valued loss changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { type BoundsRule, type CurveInput, suggestBounds } from "../lib/range_test/suggest_bounds.ts";

/** The curve with `f` applied to every raw value. */
function mapRaw(curve: CurveInput, f: (x: number) => number): CurveInput {
  return {
    ...(curve.loss ? { loss: { ...curve.loss, raw: curve.loss.raw.map(f) } } : {}),
    ...(curve.accuracy ? { accuracy: { ...curve.accuracy, raw: curve.accuracy.raw.map(f) } } : {}),
  };
}

const RULES: readonly (BoundsRule | "auto")[] = ["auto", "accuracy", "valley", "steep", "minimum"];

/** Increasing positive rates, by construction: a start times cumulative factors > 1. */
const lrsArb = (n: number) =>
  fc.tuple(
    fc.double({ min: 1e-8, max: 1, noNaN: true }),
    fc.array(fc.double({ min: 1e-3, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
  )
    .map(([start, steps]) => {
      const out: number[] = [];
      let lr = start;
      for (const s of steps) {
        out.push(lr);
        lr = lr * (1 + s);
      }
      return out;
    });

/** Values that may be anything a broken training run reports. */
const wildValue = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, 1e300, -1e300) },
);

/** Finite values whose scaling by 2^k is exact: no subnormals, no overflow. */
const tameValue = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (Math.abs(x) < 1e-200 ? 0 : x));

const curveArb = (value: fc.Arbitrary<number>) =>
  fc.integer({ min: 0, max: 60 }).chain((n) =>
    fc.record({
      lrs: lrsArb(n),
      loss: fc.array(value, { minLength: n, maxLength: n }),
      accuracy: fc.array(value, { minLength: n, maxLength: n }),
      every: fc.integer({ min: 1, max: 5 }),
    })
  ).map(({ lrs, loss, accuracy, every }): CurveInput => {
    const idx = lrs.map((_, i) => i).filter((i) => i % every === 0);
    return {
      loss: { lrs, raw: loss },
      accuracy: { lrs: idx.map((i) => lrs[i]), raw: idx.map((i) => accuracy[i]), iterations: idx },
    };
  });

/**
 * Curves shaped like real range tests (a logistic fall of the loss and rise of the accuracy,
 * a blow-up at the end, noise), so that the laws below are also checked where rules succeed.
 */
const shapedArb = (round: boolean) =>
  fc.integer({ min: 8, max: 80 }).chain((n) =>
    fc.record({
      lrs: lrsArb(n),
      center: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
      width: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
      scale: fc.double({ min: 0.5, max: 1000, noNaN: true }),
      noise: fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: n, maxLength: n }),
      every: fc.integer({ min: 1, max: 4 }),
    })
  ).map(({ lrs, center, width, scale, noise, every }): CurveInput => {
    const n = lrs.length;
    const f = (x: number) => (round ? Math.round(x * scale) : x * scale);
    const u = (i: number) => i / (n - 1);
    const rise = (i: number) => 1 / (1 + Math.exp(-(u(i) - center) / width));
    const loss = lrs.map((_, i) => f(2 - 1.8 * rise(i) + (u(i) > 0.85 ? (u(i) - 0.85) * 20 : 0) + noise[i]));
    const idx = lrs.map((_, i) => i).filter((i) => i % every === 0);
    return {
      loss: { lrs, raw: loss },
      accuracy: {
        lrs: idx.map((i) => lrs[i]),
        raw: idx.map((i) => f(0.1 + 0.8 * rise(i) + noise[i] / 10)),
        iterations: idx,
      },
    };
  });

test("never throws, never NaN; when ok, baseLr < maxLr inside the tested rates", () => {
  fc.assert(
    fc.property(fc.oneof(curveArb(wildValue), shapedArb(false)), fc.constantFrom(...RULES), (curve, rule) => {
      const s = suggestBounds(curve, { rule });
      assert.equal(typeof s.reason, "string");
      assert.ok(s.reason.length > 0);
      for (const v of [...s.curve.lrs, ...s.curve.raw, ...s.curve.smoothed]) assert.ok(Number.isFinite(v));
      if (s.ok) {
        const lrs = s.curve.lrs;
        assert.ok(Number.isFinite(s.baseLr) && Number.isFinite(s.maxLr));
        assert.ok(s.baseLr < s.maxLr, `${s.baseLr} < ${s.maxLr}`);
        assert.ok(
          lrs[0] <= s.baseLr && s.maxLr <= lrs[lrs.length - 1],
          `${s.baseLr}, ${s.maxLr} in [${lrs[0]}, ${lrs[lrs.length - 1]}]`,
        );
      }
    }),
    { numRuns: 300 },
  );
});

test("scaling the metric by a positive power of two changes no suggestion", () => {
  fc.assert(
    fc.property(
      fc.oneof(curveArb(tameValue), shapedArb(false)),
      fc.constantFrom(...RULES),
      fc.integer({ min: -20, max: 20 }),
      (curve, rule, k) => {
        const c = 2 ** k;
        const scaled = mapRaw(curve, (x) => x * c);
        const a = suggestBounds(curve, { rule }), b = suggestBounds(scaled, { rule });
        assert.equal(b.ok, a.ok);
        assert.equal(b.rule, a.rule);
        if (a.ok && b.ok) {
          assert.equal(b.baseLr, a.baseLr);
          assert.equal(b.maxLr, a.maxLr);
        }
      },
    ),
    { numRuns: 200 },
  );
});

test("shifting an integer-valued metric changes no suggestion (smoothing off, so the arithmetic is exact)", () => {
  fc.assert(
    fc.property(
      fc.oneof(curveArb(fc.integer({ min: -1000, max: 1000 })), shapedArb(true)),
      fc.constantFrom(...RULES),
      fc.integer({ min: -100_000, max: 100_000 }),
      (curve, rule, shift) => {
        const shifted = mapRaw(curve, (x) => x + shift);
        const options = { rule, beta: 0, accuracyBeta: 0 };
        const a = suggestBounds(curve, options), b = suggestBounds(shifted, options);
        assert.equal(b.ok, a.ok);
        assert.equal(b.rule, a.rule);
        if (a.ok && b.ok) {
          assert.equal(b.baseLr, a.baseLr);
          assert.equal(b.maxLr, a.maxLr);
        }
      },
    ),
    { numRuns: 200 },
  );
});

test("a logistic accuracy rise is read at the first tested rates past its 10 % and 99 % points, for any position, width and scale", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.3, max: 0.7, noNaN: true }),
      fc.double({ min: 0.01, max: 0.05, noNaN: true }),
      fc.double({ min: 0.01, max: 100, noNaN: true }),
      (center, width, height) => {
        const lrs = Array.from({ length: 501 }, (_, i) => 0.002 * (i + 1));
        const raw = lrs.map((lr) => height / (1 + Math.exp(-(lr - center) / width)));
        const s = suggestBounds({ accuracy: { lrs, raw } }, { accuracyBeta: 0 });
        assert.ok(s.ok, s.reason);
        // The rates where the logistic crosses 10 % and 99 % of its rise over the tested range
        // (from its value at the first rate to its value at the last), by inverting it.
        const sig = (lr: number) => 1 / (1 + Math.exp(-(lr - center) / width));
        const lo = sig(lrs[0]), hi = sig(lrs[lrs.length - 1]);
        const at = (level: number) => center + width * Math.log(level / (1 - level));
        const from = at(lo + 0.1 * (hi - lo)), to = at(hi - 0.01 * (hi - lo));
        // The first tested rates at or past them (the grid is 0.002 apart).
        assert.ok(s.baseLr >= from - 1e-9 && s.baseLr < from + 0.002 + 1e-9, `${s.baseLr} vs ${from}`);
        assert.ok(s.maxLr >= to - 1e-9 && s.maxLr < to + 0.002 + 1e-9, `${s.maxLr} vs ${to}`);
      },
    ),
    { numRuns: 100 },
  );
});
