// inverseSqrt and inverseTimeDecay against their references: the expectations of HF's
// tests/optimization/test_optimization.py (ScheduleInitTest.test_schedulers,
// get_inverse_sqrt_schedule) and of Keras's
// keras/src/optimizers/schedules/learning_rate_schedule_test.py (InverseTimeDecayTest), and
// the formulas of HF's _get_inverse_sqrt_schedule_lr_lambda and Keras's
// InverseTimeDecay.__call__ (test/_oracles_02.ts) at every step of fast-check configs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { inverseSqrt, inverseTimeDecay, type Policy } from "../mod.ts";
import { hfInverseSqrtLambda, kerasInverseTimeDecay, lambdaLR } from "./_oracles_02.ts";
import { agree, report, tally } from "./_compare.ts";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const at = (p: Policy, t: number) => p(t)[0];

/** unittest's assertAlmostEqual(a, b, delta). */
function almost(actual: number, expected: number, delta: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= delta, `${what}: ${actual} != ${expected} (delta ${delta})`);
}

describe("HF test_optimization.py expectations", () => {
  test("ScheduleInitTest.test_schedulers, get_inverse_sqrt_schedule(num_warmup_steps=2), lr 10: 10 steps to 1e-2", () => {
    const want = [0.0, 5.0, 10.0, 8.165, 7.071, 6.325, 5.774, 5.345, 5.0, 4.714];
    const p = inverseSqrt({ peakValue: 10, warmupSteps: 2 });
    range(10).forEach((t) => almost(at(p, t), want[t], 1e-2, `t = ${t}`));
  });

  test("the same schedule saved and reloaded at step 5 gives the same rates (a pure function of t)", () => {
    const p = inverseSqrt({ peakValue: 10, warmupSteps: 2 });
    const first = range(10).map((t) => at(p, t));
    const resumed = [
      ...range(6).map((t) => at(p, t)),
      ...range(4).map((i) => at(inverseSqrt({ peakValue: 10, warmupSteps: 2 }), 6 + i)),
    ];
    assert.deepEqual(resumed, first);
  });
});

describe("Keras learning_rate_schedule_test.py InverseTimeDecayTest expectations", () => {
  test("test_decay: initial_lr / (1 + i / k * decay_rate) for i in 0..k, k = 10, rate 0.96, to 1e-6", () => {
    const p = inverseTimeDecay({ initValue: 0.1, decaySteps: 10, decayRate: 0.96 });
    for (let i = 0; i <= 10; i++) {
      almost(at(p, i), 0.1 / (1 + (i / 10) * 0.96), 1e-6 * (0.1 / (1 + (i / 10) * 0.96)), `i = ${i}`);
    }
  });

  test("test_staircase: initial_lr / (1 + decay_rate * (i // k)), to 1e-6", () => {
    const p = inverseTimeDecay({ initValue: 0.1, decaySteps: 10, decayRate: 0.96, staircase: true });
    for (let i = 0; i <= 10; i++) {
      const want = 0.1 / (1 + 0.96 * Math.floor(i / 10));
      almost(at(p, i), want, 1e-6 * want, `i = ${i}`);
    }
  });

  test("test_config: the config of InverseTimeDecay(0.05, 10, 0.96, staircase=True) round-trips", async () => {
    const { encodeConfig, policyFromConfig } = await import("../config.ts");
    const p = inverseTimeDecay({ initValue: 0.05, decaySteps: 10, decayRate: 0.96, staircase: true });
    const c = encodeConfig(p);
    assert.deepEqual(c, {
      policy: "inverseTimeDecay",
      initValue: 0.05,
      decaySteps: 10,
      decayRate: 0.96,
      staircase: true,
    });
    assert.deepEqual(range(50).map((t) => at(policyFromConfig(c), t)), range(50).map((t) => at(p, t)));
  });

  test("the docstring's example: 1/t with rate 0.5 per step", () => {
    const p = inverseTimeDecay({ initValue: 0.1, decaySteps: 1, decayRate: 0.5 });
    assert.deepEqual(range(5).map((t) => at(p, t)), range(5).map((t) => 0.1 / (1 + 0.5 * t)));
  });
});

const peakArb = fc.oneof(
  fc.constant(1),
  fc.double({ min: 1e-8, max: 10, noNaN: true }),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
);
const far = fc.array(fc.maxSafeNat(), { maxLength: 8 });

describe("agrees with HF's _get_inverse_sqrt_schedule_lr_lambda (LambdaLR) at 1e-12 relative", () => {
  test("at every step of the first 3000, around the warm-up's end, and far beyond", () => {
    const seen = tally();
    fc.assert(
      fc.property(
        peakArb,
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 2 ** 45 })),
        fc.option(fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })), {
          nil: undefined,
        }),
        far,
        (peak, w, timescale, farSteps) => {
          const p = inverseSqrt({ peakValue: peak, warmupSteps: w, ...(timescale === undefined ? {} : { timescale }) });
          const steps = [...range(3000), w - 2, w - 1, w, w + 1, w + 2, ...farSteps].filter((t) => t >= 0);
          for (const t of steps) {
            agree(
              at(p, t),
              lambdaLR(peak, hfInverseSqrtLambda(t, w, timescale)),
              `t = ${t} (W ${w}, τ ${timescale})`,
              0,
              seen,
            );
          }
        },
      ),
      { numRuns: 100 },
    );
    report("HF inverse sqrt lambda", seen);
    assert.ok(seen.steps >= 300_000);
  });
});

describe("agrees with Keras's InverseTimeDecay.__call__ (in float64) at 1e-12 relative", () => {
  test("at every step of the first 3000 and far beyond, continuous and in stairs", () => {
    const seen = tally();
    fc.assert(
      fc.property(
        peakArb,
        fc.oneof(
          fc.integer({ min: 1, max: 50 }),
          fc.integer({ min: 1, max: 100_000 }),
          fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        ),
        fc.oneof(
          fc.constant(0),
          fc.double({ min: 0, max: 10, noNaN: true }),
          fc.double({ min: 0, max: 1e300, noNaN: true }),
        ),
        fc.boolean(),
        far,
        (init, steps, rate, staircase, farSteps) => {
          const p = inverseTimeDecay({ initValue: init, decaySteps: steps, decayRate: rate, staircase });
          for (const t of [...range(3000), ...farSteps]) {
            const want = kerasInverseTimeDecay(t, init, steps, rate, staircase);
            // Keras is finite wherever 1 + rate * p is; beyond, it gives 0 and this the quotient.
            if (Number.isFinite(1 + rate * (staircase ? Math.floor(t / steps) : t / steps))) {
              agree(
                at(p, t),
                want,
                `t = ${t} (init ${init}, steps ${steps}, rate ${rate}, staircase ${staircase})`,
                0,
                seen,
              );
            }
          }
        },
      ),
      { numRuns: 100 },
    );
    report("Keras InverseTimeDecay", seen);
    assert.ok(seen.steps >= 300_000);
  });

  test("where 1 + decayRate * p overflows, the value is initValue / decayRate / p (Keras: 0)", () => {
    const p = inverseTimeDecay({ initValue: Number.MAX_VALUE, decaySteps: 1, decayRate: Number.MAX_VALUE });
    assert.equal(kerasInverseTimeDecay(2, Number.MAX_VALUE, 1, Number.MAX_VALUE, false), 0);
    assert.deepEqual([0, 1, 2, 4].map((t) => at(p, t)), [Number.MAX_VALUE, 1, 0.5, 0.25]);
    assert.ok(at(p, Number.MAX_SAFE_INTEGER) > 0);
  });

  test("the stairs' floor is exact at any step: 2^53 - 2 with stairs of 3 is in stair (2^53 - 2) / 3", () => {
    const t = Number.MAX_SAFE_INTEGER - 1, steps = 3;
    const exact = Number(BigInt(t) / 3n);
    const p = inverseTimeDecay({ initValue: 1, decaySteps: steps, decayRate: 1, staircase: true });
    assert.equal(at(p, t), 1 / (1 + exact));
  });
});
