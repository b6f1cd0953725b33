// cosineAnnealing against PyTorch's CosineAnnealingLR: every expectation of PyTorch's own
// test/optim/test_lrscheduler.py for it (test_cos_anneal_lr, test_closed_form_cos_anneal_lr,
// test_cos_anneal_lr_continue, the four test_compound_cosanneal_and_* as products), the
// closed form's rise past T_max, and the recursive form PyTorch steps with, measured.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { configOf, cosineAnnealing, product } from "../mod.ts";
import { torchClosedForm, TorchCosineRecursive } from "./_families_oracle.ts";

/** PyTorch's `_test`: `assertEqual(target, lr, atol=1e-5, rtol=0)`, per group. */
function torchEqual(actual: readonly number[], expected: readonly number[], what: string): void {
  actual.forEach((v, g) =>
    assert.ok(Math.abs(v - expected[g]) <= 1e-5, `${what}[${g}]: expected ${expected[g]}, got ${v}`)
  );
}

const epochs = 10, eta_min = 1e-10;
/** PyTorch's single_targets of the cosine tests, and the second group's (the test's lr times epochs). */
const single = Array.from(
  { length: epochs },
  (_, x) => eta_min + (0.05 - eta_min) * (1 + Math.cos(Math.PI * x / epochs)) / 2,
);
/** PyTorch's test optimizer: two groups, lr 0.05 and 0.5. */
const cos10 = () => cosineAnnealing({ baseLr: [0.05, 0.5], tMax: epochs, etaMin: eta_min });

describe("PyTorch test_lrscheduler.py, pinned", () => {
  test("test_cos_anneal_lr: 10 epochs, T_max 10, eta_min 1e-10, two groups", () => {
    const { lr } = cos10();
    for (let x = 0; x < epochs; x++) torchEqual(lr(x), [single[x], single[x] * epochs], `epoch ${x}`);
  });

  test("test_closed_form_cos_anneal_lr: T_max 5 over 20 epochs (past T_max), the recursive form equals the closed one, and ours", () => {
    const a = { base_lrs: [0.05, 0.5], T_max: 5, eta_min: 1e-10 };
    const recursive = new TorchCosineRecursive(a);
    const { lr } = cosineAnnealing({ baseLr: [0.05, 0.5], tMax: 5, etaMin: 1e-10 });
    for (let t = 0; t < 20; t++) {
      const step = t === 0 ? recursive.lrs : recursive.step();
      torchEqual(step, torchClosedForm(a, t), `recursive vs closed at ${t}`);
      torchEqual(lr(t), torchClosedForm(a, t), `ours at ${t}`);
    }
  });

  test("test_cos_anneal_lr_continue: T_max 5, eta_min 0.1; resuming at last_epoch 0 gives the rate after one step", () => {
    const { lr } = cosineAnnealing({ baseLr: [0.05, 0.5], tMax: 5, etaMin: 0.1 });
    const after = torchClosedForm({ base_lrs: [0.05, 0.5], T_max: 5, eta_min: 0.1 }, 1);
    lr(1).forEach((v, g) => assert.ok(Math.abs(v - after[g]) <= 1e-5 + 1e-4 * Math.abs(after[g])));
  });

  const compound: [string, (i: number) => number][] = [
    ["test_compound_cosanneal_and_step_lr (StepLR gamma 0.1, step_size 3)", (i) => 0.1 ** Math.floor(i / 3)],
    [
      "test_compound_cosanneal_and_multistep_lr (milestones 2, 5, 9)",
      (i) => [1, 1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.01, 0.001][i],
    ],
    ["test_compound_cosanneal_and_linearlr (start_factor 0.4, 4 iters)", (i) => (i < 4 ? 0.4 + i / 4 * (1 - 0.4) : 1)],
    ["test_compound_cosanneal_and_exp_lr (gamma 0.1)", (i) => 0.1 ** i],
  ];
  for (const [name, multiplier] of compound) {
    test(`${name}: a product of cosineAnnealing and the factor`, () => {
      const p = product([cos10(), (t: number) => [multiplier(t), multiplier(t)]]);
      for (let x = 0; x < epochs; x++) {
        torchEqual(p.lr(x), [single[x] * multiplier(x), single[x] * epochs * multiplier(x)], `epoch ${x}`);
      }
    });
  }
});

describe("past T_max: the closed form rises again, with period 2 T_max", () => {
  test("lr(T + x) is lr(T - x) (to rounding), lr(t + 2T) is lr(t) bit for bit, up to 2^53 - 1", () => {
    const { lr } = cosineAnnealing({ baseLr: [1, 0.3], tMax: 7, etaMin: [0.01, 0] });
    for (let x = 0; x <= 7; x++) lr(7 + x).forEach((v, g) => assert.ok(Math.abs(v - lr(7 - x)[g]) < 1e-15));
    for (const t of [0, 3, 13, 1000, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER - 14]) assert.deepEqual(lr(t + 14), lr(t));
    assert.deepEqual(lr(14), lr(0));
  });

  test("for t < 2 T_max it is PyTorch's closed form bit for bit; later PyTorch's pi * t drifts, ours is reduced exactly", () => {
    const a = { base_lrs: [0.1], T_max: 1000, eta_min: 0.001 };
    const { lr } = cosineAnnealing({ baseLr: 0.1, tMax: 1000, etaMin: 0.001 });
    let drift = 0;
    for (let t = 0; t < 2000; t++) assert.ok(Math.abs(lr(t)[0] - torchClosedForm(a, t)[0]) <= 2e-16 * 0.1, `t = ${t}`);
    for (const t of [1e6 + 17, 1e9 + 3, 1e12 + 250]) {
      drift = Math.max(drift, Math.abs(lr(t)[0] - torchClosedForm(a, t)[0]));
      assert.deepEqual(lr(t), lr(t % 2000));
    }
    assert.ok(drift < 1e-5, `PyTorch's own drift at t = 1e12: ${drift}`);
  });
});

describe("PyTorch's recursive form (scheduler.step() without an epoch), stepped 10^5 times", () => {
  // The recursion carries its rounding from step to step: about 4e-16 of the rate per step
  // (measured: 5e-13 by step 1000, 5e-12 by 10^4, 5e-11 by 10^5, every case below). Ours is
  // the closed form; the drift is PyTorch's.
  for (const [T_max, eta_min] of [[10, 0], [7, 1e-4], [1000, 0.001], [1, 0.01], [37, 0]] as const) {
    test(`T_max ${T_max}, eta_min ${eta_min}: within 1e-12 of ours for 2000 steps, within 2e-10 by step 10^5`, () => {
      const a = { base_lrs: [0.1, 2], T_max, eta_min };
      const recursive = new TorchCosineRecursive(a);
      const { lr } = cosineAnnealing({ baseLr: [0.1, 2], tMax: T_max, etaMin: eta_min });
      for (let t = 1; t <= 100_000; t++) {
        const r = recursive.step(), ours = lr(t);
        const rtol = t <= 2000 ? 1e-12 : 2e-10;
        ours.forEach((v, g) => {
          const d = Math.abs(v - r[g]);
          assert.ok(
            d <= rtol * Math.abs(r[g]) + rtol * 1e-2 * a.base_lrs[g],
            `t = ${t}[${g}]: recursive ${r[g]}, ours ${v}`,
          );
        });
      }
    });
  }
});

describe("cosineAnnealing config and errors", () => {
  test("records its config", () => {
    assert.deepEqual(configOf(cosineAnnealing({ baseLr: 0.1, tMax: 10 })), {
      policy: "cosineAnnealing",
      baseLr: 0.1,
      tMax: 10,
      etaMin: 0,
    });
  });
  test("an etaMin above baseLr runs the cosine upwards (PyTorch allows it)", () => {
    const { lr } = cosineAnnealing({ baseLr: 0.1, tMax: 10, etaMin: 1 });
    assert.ok(lr(5)[0] > 0.1 && lr(10)[0] === 1);
  });
  test("rates up to Number.MAX_VALUE stay finite (PyTorch's (base - eta_min) * (1 + cos) overflows first)", () => {
    const { lr } = cosineAnnealing({ baseLr: Number.MAX_VALUE, tMax: 3 });
    for (const t of [0, 1, 2, 3, 4, 5, 6, Number.MAX_SAFE_INTEGER]) assert.ok(Number.isFinite(lr(t)[0]), `t = ${t}`);
    assert.equal(lr(0)[0], Number.MAX_VALUE);
  });
  test("tMax must be a positive integer", () => {
    assert.throws(() => cosineAnnealing({ baseLr: 0.1, tMax: 0 }), {
      name: "RangeError",
      message: "tMax: expected a positive integer, got 0",
    });
  });
});
