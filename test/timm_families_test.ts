// timm's tanh, poly and cosine (k-decay) schedulers: every expectation of timm's own
// tests/test_scheduler.py for them, pinned; the warm-up of timm's cosine as the
// compositions the docs give; timm's quirks and where this library defines what timm does not.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { configOf, cosineRestarts, join, linear, poly, resumeAt, TANH_DECAY, tanhDecay, warmup } from "../mod.ts";
import type { Policy } from "../mod.ts";
import { policyFromConfig } from "../config.ts";
import { compareRow, scaleOf, tally, type TimmArgs, TimmScheduler } from "./_families_oracle.ts";

/** timm's `pytest.approx(x, rel)`. */
function approx(actual: number, expected: number, rel: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: expected ${expected}, got ${actual}`);
}

/** The rate of group 0 at each iteration. */
const rates = (p: Policy, ts: readonly number[]) => ts.map((t) => p.lr(t)[0]);
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

/** timm's `_create_optimizer` lr (0.1), and the two schedulers with a cycle (t_initial = 100). */
const tanh100 = (o: Record<string, unknown> = {}) => tanhDecay({ baseLr: 0.1, tInitial: 100, ...o });
const poly100 = (o: Record<string, unknown> = {}) => poly({ baseLr: 0.1, tInitial: 100, ...o });

describe("timm tests/test_scheduler.py, pinned", () => {
  for (const [name, make] of [["TanhLRScheduler", tanh100], ["PolyLRScheduler", poly100]] as const) {
    test(`test_scheduler_step (${name}): after epochs 0..9 the rate is at most the initial one`, () => {
      const p = make();
      assert.ok(p.lr(9)[0] <= 0.1);
    });

    test(`test_warmup_lr_increases (${name}): starts at warmup_lr_init, rises over epochs 1..4`, () => {
      const p = make({ warmupT: 5, warmupLrInit: 0.001 });
      approx(p.lr(0)[0], 0.001, 1e-5, "lr(0)");
      const lrs = rates(p, range(0, 5));
      for (let t = 1; t < 5; t++) assert.ok(lrs[t] > lrs[t - 1], `epoch ${t}`);
    });

    test(`test_warmup_prefix_reaches_target_lr (${name}): with warmupPrefix, base_lr at t = warmup_t`, () => {
      approx(make({ warmupT: 5, warmupLrInit: 0.001, warmupPrefix: true }).lr(5)[0], 0.1, 1e-5, "lr(5)");
    });

    test(`test_step_update_with_t_in_epochs_false (${name}): the rate has changed by update 49`, () => {
      assert.notEqual(make().lr(49)[0], make().lr(0)[0]);
    });

    test(`test_multiple_param_groups (${name}): three groups, each at most its initial rate after 20 epochs`, () => {
      const p = make({ baseLr: [0.1, 0.1, 0.1] });
      assert.equal(p.groups, 3);
      p.lr(19).forEach((v, g) => assert.ok(v <= 0.1, `group ${g}`));
    });

    test(`test_state_dict_save_load (${name}): a rebuilt policy from the recorded config gives the same rates`, () => {
      const p = make();
      const again = policyFromConfig(JSON.parse(JSON.stringify(configOf(p))));
      for (const t of range(0, 5)) assert.deepEqual(again.lr(t), p.lr(t));
    });

    test(`test_noise_range (${name}): the same config gives the same 60 rates`, () => {
      assert.deepEqual(rates(make(), range(0, 60)), rates(make(), range(0, 60)));
    });
  }

  test("test_poly_decay: power 1 from 0.1 reaches lr_min 0.001 at t_initial", () => {
    const p = poly100({ lrMin: 0.001, power: 1 });
    approx(p.lr(0)[0], 0.1, 1e-5, "lr(0)");
    approx(p.lr(100)[0], 0.001, 1e-5, "lr(100)");
  });

  test("test_tanh_decay: lr_min 0.001, the last of epochs 0..100 is below the first", () => {
    const lrs = rates(tanh100({ lrMin: 0.001 }), range(0, 101));
    assert.ok(lrs[100] < lrs[0]);
  });

  test("test_poly_k_decay: k = 2 differs from k = 1 at epoch 50", () => {
    assert.notEqual(poly100({ kDecay: 1 }).lr(50)[0], poly100({ kDecay: 2 }).lr(50)[0]);
  });

  test("test_cosine_k_decay: k = 2 differs from k = 1 at epoch 50 (cosineRestarts' kDecay)", () => {
    const cos = (k: number) => cosineRestarts({ baseLr: 0.1, t0: 100, kDecay: k, cycleLimit: 1 });
    assert.notEqual(cos(1).lr(50)[0], cos(2).lr(50)[0]);
  });

  test("test_cosine_decay: base_lr at 0, about the mean at t_initial / 2, lr_min at t_initial", () => {
    const p = cosineRestarts({ baseLr: 0.1, t0: 100, etaMin: 0.001, cycleLimit: 1 });
    approx(p.lr(0)[0], 0.1, 1e-5, "lr(0)");
    approx(p.lr(50)[0], 0.001 + 0.5 * (0.1 - 0.001) * (1 + Math.cos(Math.PI * 0.5)), 1e-2, "lr(50)");
    approx(p.lr(100)[0], 0.001, 1e-5, "lr(100)");
  });

  test("test_cosine_cycles: below half of base_lr at t_initial - 1; lr_min after cycle_limit 2", () => {
    const p = cosineRestarts({ baseLr: 0.1, t0: 50, etaMin: 0.001, cycleLimit: 2 });
    assert.ok(p.lr(49)[0] < 0.05);
    for (const t of range(100, 110)) approx(p.lr(t)[0], 0.001, 1e-5, `lr(${t})`);
  });

  test("test_warmup_lr_increases and test_warmup_prefix_reaches_target_lr (CosineLRScheduler): the warm-up compositions", () => {
    const cos = cosineRestarts({ baseLr: 0.1, t0: 100, cycleLimit: 1 });
    // warmup_prefix=False: a ramp to base_lr over the first 5 iterations of the cosine's own time
    const overlay = join([linear({ initValue: 0.001, endValue: 0.1, transitionSteps: 5 }), resumeAt(cos, 5)], [5]);
    approx(overlay.lr(0)[0], 0.001, 1e-5, "overlay lr(0)");
    const lrs = rates(overlay, range(0, 5));
    for (let t = 1; t < 5; t++) assert.ok(lrs[t] > lrs[t - 1]);
    // warmup_prefix=True: the cosine starts after the ramp
    approx(warmup(cos, { steps: 5, from: 0.001 }).lr(5)[0], 0.1, 1e-5, "prefix lr(5)");
  });
});

describe("timm's CosineLRScheduler warm-up equals the compositions (1e-12 relative, 1e-14 of the largest rate)", () => {
  const cases: [Omit<TimmArgs, "kind" | "lb" | "ub" | "power">, number][] = [
    [{
      base_values: [0.1, 1],
      t_initial: 100,
      lr_min: 1e-5,
      cycle_mul: 1,
      cycle_decay: 1,
      cycle_limit: 1,
      warmup_t: 5,
      warmup_lr_init: 1e-6,
      warmup_prefix: false,
      k_decay: 1,
    }, 200],
    [{
      base_values: [0.1],
      t_initial: 30,
      lr_min: 0.001,
      cycle_mul: 2,
      cycle_decay: 0.5,
      cycle_limit: 3,
      warmup_t: 7,
      warmup_lr_init: 0,
      warmup_prefix: false,
      k_decay: 2,
    }, 300],
    [{
      base_values: [0.1, 0.3],
      t_initial: 100,
      lr_min: 1e-5,
      cycle_mul: 1,
      cycle_decay: 1,
      cycle_limit: 1,
      warmup_t: 5,
      warmup_lr_init: 1e-6,
      warmup_prefix: true,
      k_decay: 1,
    }, 200],
    [{
      base_values: [0.05],
      t_initial: 20,
      lr_min: 0,
      cycle_mul: 1.5,
      cycle_decay: 0.8,
      cycle_limit: 4,
      warmup_t: 10,
      warmup_lr_init: 0.01,
      warmup_prefix: true,
      k_decay: 0.5,
    }, 300],
  ];
  for (const [args, iters] of cases) {
    test(JSON.stringify(args), () => {
      const timm = new TimmScheduler({ ...args, kind: "cosine", lb: -7, ub: 3, power: 1 });
      const cos = cosineRestarts({
        baseLr: [...args.base_values],
        t0: args.t_initial,
        tMult: args.cycle_mul,
        etaMin: args.lr_min,
        cycleDecay: args.cycle_decay,
        cycleLimit: args.cycle_limit,
        kDecay: args.k_decay,
      });
      const w = args.warmup_t;
      const ramp = linear({ initValue: args.warmup_lr_init, endValue: [...args.base_values], transitionSteps: w });
      const ours = args.warmup_prefix
        ? warmup(cos, { steps: w, from: args.warmup_lr_init })
        : join([ramp, resumeAt(cos, w)], [w]);
      const into = tally();
      for (let t = 0; t < iters; t++) {
        compareRow(ours.lr(t), timm.get_lr(t).lrs, scaleOf(...args.base_values), `t = ${t}`, into);
      }
      assert.equal(into.steps, iters);
    });
  }
});

describe("timm's quirks, and what is defined here", () => {
  test("tanh's warm-up without prefix ramps to the schedule's own value at warmupT (continuous)", () => {
    const p = tanhDecay({ baseLr: 1, tInitial: 10, warmupT: 4, warmupLrInit: 0 });
    const atW = tanhDecay({ baseLr: 1, tInitial: 10 }).lr(4)[0];
    assert.equal(p.lr(4)[0], atW);
    assert.ok(Math.abs(p.lr(3)[0] - 0.75 * atW) < 1e-15);
  });

  test("poly's warm-up without prefix ramps to baseLr and then jumps down to the polynomial at warmupT (timm's, kept)", () => {
    const p = poly({ baseLr: 1, tInitial: 10, power: 1, warmupT: 5 });
    assert.equal(p.lr(4)[0], 0.8);
    assert.equal(p.lr(5)[0], 0.5);
  });

  test("a restart point is in its new cycle, where timm's log(1 - t/T (1 - m)) / log(m) rounds down", () => {
    // t_initial 10, cycle_mul 3: timm's log(243) / log(3) = 4.999... puts t = 1210 in cycle 4
    const a: TimmArgs = {
      kind: "tanh",
      base_values: [1],
      t_initial: 10,
      lr_min: 0,
      cycle_mul: 3,
      cycle_decay: 1,
      cycle_limit: 10,
      warmup_t: 0,
      warmup_lr_init: 0,
      warmup_prefix: false,
      k_decay: 1,
      lb: -7,
      ub: 3,
      power: 1,
    };
    const timmI = new TimmScheduler(a).get_lr(1210).i;
    const ours = tanhDecay({ baseLr: 1, tInitial: 10, cycleMul: 3, cycleLimit: 10 }).lr;
    assert.ok(Math.abs(ours(1210)[0] - 0.5 * (1 - Math.tanh(-7))) < 1e-15, "t = 1210 starts cycle 5");
    assert.ok(timmI === 4 || timmI === 5, `timm's cycle ${timmI}`);
  });

  test("cycleLimit 0 (timm allows it): lrMin from the start, after the warm-up", () => {
    const p = poly({ baseLr: 1, tInitial: 10, cycleLimit: 0, lrMin: 0.1, warmupT: 2, warmupLrInit: 0 });
    assert.deepEqual(rates(p, [0, 1, 2, 3, 1e9]), [0, 0.5, 0.1, 0.1, 0.1]);
  });

  test("k-decay with a huge cycle: (a / L)^k where L^k overflows (timm raises OverflowError), finite and monotone", () => {
    const p = poly({ baseLr: 1, tInitial: Number.MAX_SAFE_INTEGER, kDecay: 40, power: 2 });
    const at = [0, 1e15, 4e15, 9e15].map((t) => p.lr(t)[0]);
    at.forEach((v) => assert.ok(Number.isFinite(v) && v >= 0 && v <= 1));
    for (let i = 1; i < at.length; i++) assert.ok(at[i] <= at[i - 1]);
    const c = cosineRestarts({ baseLr: 1, t0: Number.MAX_SAFE_INTEGER, kDecay: 40 });
    assert.ok(Number.isFinite(c.lr(9e15)[0]));
  });

  test("refused where timm accepts and then fails or overflows: cycleMul < 1, cycleDecay > 1, lb >= ub, kDecay <= 0", () => {
    assert.throws(() => tanhDecay({ baseLr: 1, tInitial: 10, cycleMul: 0.5 }), {
      name: "RangeError",
      message: "cycleMul: expected a finite number >= 1, got 0.5",
    });
    assert.throws(() => poly({ baseLr: 1, tInitial: 10, cycleDecay: 1.5 }), {
      message: "cycleDecay: expected a number in (0, 1], got 1.5",
    });
    assert.throws(() => tanhDecay({ baseLr: 1, tInitial: 10, lb: 3, ub: 3 }), {
      message: "ub: expected a finite number above lb (3), got 3",
    });
    assert.throws(() => poly({ baseLr: 1, tInitial: 10, kDecay: 0 }), {
      message: "kDecay: expected a finite number > 0, got 0",
    });
    assert.throws(() => cosineRestarts({ baseLr: 1, t0: 10, kDecay: -1 }), {
      message: "kDecay: expected a finite number > 0, got -1",
    });
  });

  test("the recorded configs have every default written out", () => {
    assert.deepEqual(configOf(tanhDecay({ baseLr: 0.1, tInitial: 100 })), {
      policy: "tanhDecay",
      baseLr: 0.1,
      tInitial: 100,
      lrMin: 0,
      cycleMul: 1,
      cycleDecay: 1,
      cycleLimit: 1,
      warmupT: 0,
      warmupLrInit: 0,
      warmupPrefix: false,
      lb: -7,
      ub: 3,
    });
    assert.deepEqual(configOf(poly({ baseLr: [0.1, 0.2], tInitial: 100 })), {
      policy: "poly",
      baseLr: [0.1, 0.2],
      tInitial: 100,
      lrMin: [0, 0],
      cycleMul: 1,
      cycleDecay: 1,
      cycleLimit: 1,
      warmupT: 0,
      warmupLrInit: [0, 0],
      warmupPrefix: false,
      power: 0.5,
      kDecay: 1,
    });
    assert.equal(TANH_DECAY.policy, "tanhDecay");
  });
});
