// polynomialDecay against Keras' PolynomialDecay: every expectation of Keras' own
// keras/src/optimizers/schedules/learning_rate_schedule_test.py (LinearDecayTest,
// SqrtDecayTest; Keras checks to 1e-6, pinned here to 1e-15), the cycle's stretched decay,
// and its edges.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { configOf, polynomialDecay, type PolynomialDecayOptions } from "../mod.ts";
import { policyFromConfig } from "../config.ts";
import { kerasPolynomialDecay } from "./_families_oracle.ts";

const at = (o: PolynomialDecayOptions, t: number) => polynomialDecay(o).lr(t)[0];
function close(actual: number, expected: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= 1e-15 * Math.max(1, Math.abs(expected)),
    `${what}: expected ${expected}, got ${actual}`,
  );
}

describe("Keras learning_rate_schedule_test.py, pinned", () => {
  const lr = 0.05;
  for (const [suite, power] of [["LinearDecayTest", 1], ["SqrtDecayTest", 0.5]] as const) {
    test(`${suite}.test_halfway: step 5 of 10, end 0`, () =>
      close(at({ initValue: lr, decaySteps: 10, endValue: 0, power }, 5), lr * 0.5 ** power, "lr(5)"));
    test(`${suite}.test_end: step 10 is end_lr`, () =>
      close(at({ initValue: lr, decaySteps: 10, endValue: 0.001, power }, 10), 0.001, "lr(10)"));
    test(`${suite}.test_halfway_with_end`, () =>
      close(
        at({ initValue: lr, decaySteps: 10, endValue: 0.001, power }, 5),
        (lr - 0.001) * 0.5 ** power + 0.001,
        "lr(5)",
      ));
    test(`${suite}.test_beyond_end: step 15 is end_lr`, () =>
      close(at({ initValue: lr, decaySteps: 10, endValue: 0.001, power }, 15), 0.001, "lr(15)"));
    test(`${suite}.test_beyond_end_with_cycle: step 15 decays over 20`, () =>
      close(
        at({ initValue: lr, decaySteps: 10, endValue: 0.001, power, cycle: true }, 15),
        (lr - 0.001) * 0.25 ** power + 0.001,
        "lr(15)",
      ));
  }

  test("LinearDecayTest.test_halfway_with_end: (lr + end_lr) / 2", () =>
    close(at({ initValue: lr, decaySteps: 10, endValue: 0.001 }, 5), (lr + 0.001) * 0.5, "lr(5)"));

  test("SqrtDecayTest.test_begin_with_cycle: step 0 with cycle is the initial rate (default end 0.0001)", () =>
    close(at({ initValue: 0.001, decaySteps: 10, cycle: true }, 0), 0.001, "lr(0)"));

  test("LinearDecayTest.test_config: the config round-trips (Keras' serialization test)", () => {
    const p = polynomialDecay({ initValue: 0.1, decaySteps: 100, endValue: 0.005, power: 1.0, cycle: false });
    const config = configOf(p);
    assert.deepEqual(config, {
      policy: "polynomialDecay",
      initValue: 0.1,
      decaySteps: 100,
      endValue: 0.005,
      power: 1,
      cycle: false,
    });
    const again = policyFromConfig(JSON.parse(JSON.stringify(config)));
    for (const t of [0, 1, 50, 100, 1000]) assert.deepEqual(again.lr(t), p.lr(t));
  });
});

describe("polynomialDecay with cycle: Keras' stretched decay", () => {
  test("at each multiple of decaySteps the rate is endValue, one step later it is far up the next span's curve", () => {
    const o = { initValue: 1, decaySteps: 10, endValue: 0, cycle: true };
    for (const k of [1, 2, 3, 10]) assert.equal(at(o, 10 * k), 0);
    close(at(o, 11), 1 - 11 / 20, "lr(11)");
    close(at(o, 21), 1 - 21 / 30, "lr(21)");
    // the k-th span never returns to initValue: its highest value is 1 - ((k-1)D + 1) / (kD)
    assert.ok(at(o, 11) < 0.5 && at(o, 101) < 0.1);
  });

  test("the multiple ceil(t / decaySteps) is exact at every safe integer (no 1 - p < 0, no NaN)", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (t, d) => {
        if (t === 0) return;
        const m = BigInt(Math.ceil(t / d)), T = BigInt(t), D = BigInt(d);
        assert.ok(m * D >= T && (m - 1n) * D < T, `t = ${t}, d = ${d}`);
        const v = at({ initValue: 1, decaySteps: d, endValue: 0, power: 0.5, cycle: true }, t);
        assert.ok(v >= 0 && v <= 1, `lr(${t}) = ${v}`);
      }),
      {
        numRuns: 2000,
        examples: [[Number.MAX_SAFE_INTEGER, 2], [Number.MAX_SAFE_INTEGER, 3], [
          Number.MAX_SAFE_INTEGER - 1,
          Number.MAX_SAFE_INTEGER,
        ]],
      },
    );
  });

  test("equals Keras' formula at the large iterations it is still exact at", () => {
    const a = { initial_learning_rate: [0.3], decay_steps: 7, end_learning_rate: [0.01], power: 1.5, cycle: true };
    for (const t of [1e6, 1e6 + 1, 7e9, 7e9 + 3, 2 ** 52, Number.MAX_SAFE_INTEGER]) {
      const ours = polynomialDecay({ initValue: 0.3, decaySteps: 7, endValue: 0.01, power: 1.5, cycle: true }).lr(t)[0];
      const keras = kerasPolynomialDecay(a, t)[0];
      assert.ok(Math.abs(ours - keras) <= 1e-12 * keras + 1e-14 * 0.3, `t = ${t}: ${ours} vs ${keras}`);
    }
  });

  test("without cycle it is optax's polynomial with transitionBegin 0; an initValue below endValue rises (Keras allows it)", () => {
    const p = polynomialDecay({ initValue: 0.01, decaySteps: 4, endValue: 0.05 });
    close(p.lr(0)[0], 0.01, "lr(0)"); // (0.01 - 0.05) * 1 + 0.05, Keras' order: 0.010000000000000002
    assert.deepEqual([4, 9].map((t) => p.lr(t)[0]), [0.05, 0.05]);
    assert.ok(p.lr(2)[0] > 0.01 && p.lr(2)[0] < 0.05);
  });

  test("refuses what Keras accepts and turns into Infinity: a power of 0 or below", () => {
    assert.throws(() => polynomialDecay({ initValue: 1, decaySteps: 10, power: -1 }), {
      name: "RangeError",
      message: "power: expected a finite number > 0, got -1",
    });
    assert.throws(() => polynomialDecay({ initValue: 1, decaySteps: 0 }), {
      message: "decaySteps: expected a positive integer, got 0",
    });
  });
});
