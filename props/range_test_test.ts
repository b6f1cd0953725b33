// Laws of rangeTest: it stops exactly where fastai's rule (in the form safe for negative
// losses) or a non-finite value says; a falling loss never "diverges", whatever its sign; the
// rates stay on the ramp; and the model and optimizer state come back exactly, also when a
// step throws.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { rangeTest } from "../lib/range_test/range_test_runner.ts";

const lossValue = fc.oneof(
  { weight: 20, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
);
const thresholdArb = fc.oneof(fc.double({ min: 1.01, max: 10, noNaN: true }), fc.constant(Infinity));
const betaArb = fc.oneof(fc.constant(0), fc.constant(0.98), fc.double({ min: 0, max: 0.99, noNaN: true }));

test("stops at the first non-finite loss or the first smoothed loss s with s - best > (threshold - 1) |best|", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(lossValue, { minLength: 2, maxLength: 80 }),
      thresholdArb,
      betaArb,
      async (losses, threshold, beta) => {
        const curve = await rangeTest((_lr, t) => losses[t], {
          minLr: 1e-3,
          maxLr: 1,
          iterations: losses.length,
          restore: false,
          beta,
          divergeThreshold: threshold,
        });
        // The oracle: fastai's AvgSmoothLoss and after_batch, with the negative-safe comparison.
        let val = 0, best = Infinity, stop = "completed", ran = losses.length;
        for (let t = 0; t < losses.length; t++) {
          const x = losses[t];
          if (!Number.isFinite(x)) {
            stop = "nonFinite", ran = t + 1;
            break;
          }
          val = x + beta * (val - x);
          const s = val / (1 - beta ** (t + 1));
          best = Math.min(best, s);
          if (s - best > (threshold - 1) * Math.abs(best)) {
            stop = "diverged", ran = t + 1;
            break;
          }
        }
        assert.equal(curve.stop, stop);
        assert.equal(curve.lrs.length, ran);
        assert.deepEqual(curve.loss?.raw ?? [], losses.slice(0, stop === "nonFinite" ? ran - 1 : ran));
      },
    ),
    { numRuns: 200 },
  );
});

test("a non-increasing loss never diverges, whatever its sign", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 80 }),
      thresholdArb,
      betaArb,
      async (start, drops, threshold, beta) => {
        const losses = drops.reduce<number[]>((acc, d) => [...acc, acc[acc.length - 1] - d], [start]);
        const curve = await rangeTest((_lr, t) => losses[t], {
          minLr: 1e-3,
          maxLr: 1,
          iterations: losses.length,
          restore: false,
          beta,
          divergeThreshold: threshold,
        });
        assert.equal(curve.stop, "completed");
      },
    ),
    { numRuns: 200 },
  );
});

test("the rates climb the ramp from minLr and, when the test completes, end at maxLr", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.double({ min: 1e-8, max: 1, noNaN: true }),
      fc.double({ min: 1.001, max: 1e6, noNaN: true }),
      fc.integer({ min: 2, max: 200 }),
      fc.constantFrom("linear" as const, "exponential" as const),
      async (minLr, factor, iterations, mode) => {
        const maxLr = minLr * factor;
        const curve = await rangeTest(() => 1, { minLr, maxLr, iterations, mode, restore: false });
        assert.equal(curve.lrs[0], minLr);
        assert.equal(curve.lrs[curve.lrs.length - 1], maxLr);
        for (let i = 1; i < curve.lrs.length; i++) {
          assert.ok(curve.lrs[i] >= curve.lrs[i - 1] && curve.lrs[i] <= maxLr, `${curve.lrs[i]} at ${i}`);
        }
      },
    ),
    { numRuns: 150 },
  );
});

test("parameters and optimizer state come back bit for bit, also when a step throws", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.float({ noNaN: true, min: -10, max: 10 }), { minLength: 1, maxLength: 16 }),
      fc.integer({ min: 2, max: 60 }),
      fc.option(fc.nat({ max: 80 })),
      fc.boolean(),
      async (initial, iterations, throwAt, asyncHooks) => {
        const params = Float32Array.from(initial);
        const moments = new Float32Array(params.length);
        const counter = { step: 0 };
        const before = { params: [...params], moments: [...moments], step: 0 };
        const save = () => ({ params: params.slice(), moments: moments.slice(), step: counter.step });
        type Snap = ReturnType<typeof save>;
        const load = (s: Snap) => {
          params.set(s.params), moments.set(s.moments), counter.step = s.step;
        };
        const step = (lr: number, t: number) => {
          if (t === throwAt) throw new Error("boom");
          for (let i = 0; i < params.length; i++) {
            moments[i] = 0.9 * moments[i] + params[i];
            params[i] -= lr * moments[i];
          }
          counter.step++;
          return params.reduce((a, p) => a + p * p, 0);
        };
        const run = rangeTest(step, {
          minLr: 1e-3,
          maxLr: 0.5,
          iterations,
          restore: asyncHooks
            ? { save: () => Promise.resolve(save()), load: (s: Snap) => Promise.resolve(load(s)) }
            : { save, load },
        });
        if (throwAt !== null && throwAt < iterations) await assert.rejects(run, { message: "boom" });
        else await run;
        assert.deepEqual({ params: [...params], moments: [...moments], step: counter.step }, before);
      },
    ),
    { numRuns: 150 },
  );
});
