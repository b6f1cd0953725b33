// noise against its references: the generator of the config spec (SplitMix64, transcribed in
// BigInt in test/_oracles_02.ts, with the published SplitMix64 output vectors), timm's
// Scheduler._add_noise (timm/scheduler/scheduler.py) with that generator in place of torch's,
// and the expectations of timm's tests/test_scheduler.py TestNoise.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { cosineDecay, exponentialDecay, noise, type NoiseOptions, type Policy, polynomial } from "../mod.ts";
import { noiseEpsilon, uniformDraws } from "../lib/combinators/_splitmix64.ts";
import { specEpsilon, splitMix64Raw, splitMix64Stream, timmAddNoise } from "./_oracles_02.ts";
import { agree, report, tally } from "./_compare.ts";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe("the spec's generator", () => {
  test("seed 0 at t = 0 is SplitMix64 seeded with 0: 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f", () => {
    assert.deepEqual(splitMix64Raw(0, 0, 3), [0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n, 0x06c45d188009454fn]);
    const next = uniformDraws(0, 0);
    assert.deepEqual(
      [next(), next(), next()],
      [0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n, 0x06c45d188009454fn].map((z) => Number(z >> 11n) * 2 ** -53),
    );
  });

  test("seed 1234567 gives SplitMix64's published 6457827717110365317, 3203168211198807973, …", () => {
    assert.deepEqual(splitMix64Raw(1234567, 0, 5), [
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
      16408922859458223821n,
    ]);
  });

  test("the 32-bit-halves generator gives the BigInt stream's draws bit for bit, at any (seed, t)", () => {
    let draws = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(0, 42, Number.MAX_SAFE_INTEGER), fc.maxSafeNat()),
        fc.oneof(
          fc.constantFrom(0, 1, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER),
          fc.maxSafeNat(),
          fc.nat({ max: 10_000 }),
        ),
        (seed, t) => {
          const mine = uniformDraws(seed, t), spec = splitMix64Stream(seed, t);
          for (let i = 0; i < 16; i++) assert.equal(mine(), spec(), `draw ${i} of seed ${seed}, t ${t}`);
          draws += 16;
        },
      ),
      { numRuns: 2000 },
    );
    assert.equal(draws, 32_000);
  });

  test("uniform ε is the spec's formula exactly; normal ε agrees with it (Math's log, cos, sin) to 1e-12", () => {
    const seen = tally();
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.maxSafeNat(),
        fc.oneof(fc.constantFrom(0.001, 0.67, 1, 3), fc.double({ min: 0.001, max: 10, noNaN: true })),
        (seed, t, pct) => {
          assert.equal(noiseEpsilon(seed, t, pct, "uniform"), specEpsilon(seed, t, pct, "uniform"));
          agree(
            noiseEpsilon(seed, t, pct, "normal"),
            specEpsilon(seed, t, pct, "normal"),
            `seed ${seed}, t ${t}, pct ${pct}`,
            0,
            seen,
          );
        },
      ),
      { numRuns: 3000 },
    );
    report("spec ε (normal, Math's log/cos/sin)", seen);
  });
});

describe("timm tests/test_scheduler.py TestNoise expectations", () => {
  // timm's schedulers of the test with t_initial 100 / decay_t 10, base lr 0.1 (TanhLRScheduler is not one of these policies).
  const schedules: readonly [string, () => Policy][] = [
    ["CosineLRScheduler(t_initial=100)", () => cosineDecay({ initValue: 0.1, decaySteps: 100 })],
    [
      "StepLRScheduler(decay_t=10)",
      () => exponentialDecay({ initValue: 0.1, transitionSteps: 10, decayRate: 0.1, staircase: true }),
    ],
    [
      "PolyLRScheduler(t_initial=100)",
      () => polynomial({ initValue: 0.1, endValue: 0, power: 0.5, transitionSteps: 100 }),
    ],
  ];
  for (const [name, make] of schedules) {
    test(`test_noise_range (${name}): noise_range_t (10, 50), pct 0.5, seed 42 is the same in two runs of 60 steps`, () => {
      const options: NoiseOptions = { start: 10, end: 50, pct: 0.5, seed: 42 };
      const run1 = range(60).map((t) => noise(make(), options)(t)[0]);
      const run2 = range(60).map((t) => noise(make(), options)(t)[0]);
      assert.deepEqual(run1, run2);
      const clean = make();
      range(60).forEach((t) => {
        const v = clean(t)[0];
        if (t < 10 || t >= 50) assert.equal(run1[t], v, `clean at ${t}`);
        else assert.ok(Math.abs(run1[t] - v) < 0.5 * v || v === 0, `within 50 % at ${t}`);
      });
      assert.ok(run1.slice(10, 50).some((x, i) => x !== clean(10 + i)[0]), "noisy inside the range");
    });
  }
});

describe("agrees with timm's Scheduler._add_noise (v + v * noise) at 1e-12 relative, the generator the spec's", () => {
  test("over groups, ranges (an integer start, or [start, end)), both types and any seed", () => {
    const seen = tally();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-8, max: 10, noNaN: true })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom("normal", "uniform"),
        fc.oneof(fc.constant(0.67), fc.double({ min: 0.001, max: 3, noNaN: true })),
        fc.maxSafeNat(),
        fc.nat({ max: 200 }),
        fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
        (values, type, pct, seed, start, length) => {
          const end = length === undefined ? undefined : start + length;
          const p = noise((_t: number) => values, { pct, type, seed, start, ...(end === undefined ? {} : { end }) });
          const range_: number | [number, number] = end === undefined ? start : [start, end];
          for (let t = 0; t < 600; t++) {
            const want = timmAddNoise(values, t, range_, (u) => specEpsilon(seed, u, pct, type));
            p(t).forEach((v, g) => agree(v, want[g], `t ${t}, group ${g}`, 0, seen));
          }
        },
      ),
      { numRuns: 100 },
    );
    report("timm _add_noise", seen);
    assert.ok(seen.steps >= 60_000);
  });
});
