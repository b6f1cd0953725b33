// Reduce-on-plateau against its references' own tests, pinned: PyTorch's
// test/optim/test_lrscheduler.py (test_reduce_lr_on_plateau1 … 8 and
// test_reduce_lr_on_plateau_preserves_lr_type), optax's contrib/_reduce_on_plateau_test.py
// (its four tests), timm's tests/test_scheduler.py (test_plateau_scheduler_step, stepped as
// timm's train.py steps it) and timm's warm-up; then what NaN and ±Infinity metrics do.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  constant,
  hear,
  joinMetric,
  linear,
  plateau,
  type PlateauOptions,
  plateauReducer,
  type PlateauState,
} from "../mod.ts";
import { OptaxReduceOnPlateau, TimmPlateauLRScheduler, TorchReduceLROnPlateau } from "./_plateau_oracles.ts";

const repeat = (v: number, n: number) => new Array<number>(n).fill(v);

interface TorchCase {
  readonly name: string;
  readonly epochs: number;
  readonly targets: readonly (readonly number[])[];
  readonly metrics: readonly number[];
  readonly options: PlateauOptions;
}

// Every case sets both groups to 0.5; `targets[g][e]` is group g's rate after step(metrics[e]).
const TORCH: readonly TorchCase[] = [
  {
    name: "test_reduce_lr_on_plateau1",
    epochs: 10,
    targets: [repeat(0.5, 20)],
    metrics: Array.from({ length: 20 }, (_, i) => 10 - i * 0.0167),
    options: { thresholdMode: "abs", mode: "min", threshold: 0.01, patience: 5, cooldown: 5 },
  },
  {
    name: "test_reduce_lr_on_plateau2",
    epochs: 22,
    targets: [[...repeat(0.5, 6), ...repeat(0.05, 7), ...repeat(0.005, 7), ...repeat(0.0005, 2)]],
    metrics: Array.from({ length: 22 }, (_, i) => 10 - i * 0.0165),
    options: { patience: 5, cooldown: 0, thresholdMode: "abs", mode: "min", threshold: 0.1 },
  },
  {
    name: "test_reduce_lr_on_plateau3",
    epochs: 22,
    targets: [[...repeat(0.5, 2 + 6), ...repeat(0.05, 5 + 6), ...repeat(0.005, 4)]],
    metrics: [...repeat(-0.8, 2), ...repeat(-0.234, 20)],
    options: { mode: "max", patience: 5, cooldown: 5, thresholdMode: "abs" },
  },
  {
    name: "test_reduce_lr_on_plateau4",
    epochs: 20,
    targets: [repeat(0.5, 20)],
    metrics: Array.from({ length: 20 }, (_, i) => 1.5 * 1.025 ** i),
    options: { mode: "max", patience: 3, thresholdMode: "rel", threshold: 0.1 },
  },
  {
    name: "test_reduce_lr_on_plateau5",
    epochs: 20,
    targets: [[...repeat(0.5, 6), ...repeat(0.05, 5 + 6), ...repeat(0.005, 4)]],
    metrics: Array.from({ length: 20 }, (_, i) => 1.5 * 1.005 ** i),
    options: { mode: "max", thresholdMode: "rel", threshold: 0.1, patience: 5, cooldown: 5 },
  },
  {
    name: "test_reduce_lr_on_plateau6",
    epochs: 20,
    targets: [repeat(0.5, 20)],
    metrics: Array.from({ length: 20 }, (_, i) => 1.5 * 0.85 ** i),
    options: { mode: "min", thresholdMode: "rel", threshold: 0.1 },
  },
  {
    name: "test_reduce_lr_on_plateau7",
    epochs: 20,
    targets: [[...repeat(0.5, 6), ...repeat(0.05, 5 + 6), ...repeat(0.005, 4)]],
    metrics: [...repeat(1, 7), 0.6, ...repeat(0.5, 12)],
    options: { mode: "min", thresholdMode: "rel", threshold: 0.1, patience: 5, cooldown: 5 },
  },
  {
    name: "test_reduce_lr_on_plateau8",
    epochs: 20,
    targets: [[...repeat(0.5, 6), ...repeat(0.4, 14)], [...repeat(0.5, 6), ...repeat(0.3, 14)]],
    metrics: Array.from({ length: 20 }, (_, i) => 1.5 * 1.005 ** i),
    options: { mode: "max", thresholdMode: "rel", minLr: [0.4, 0.3], threshold: 0.1, patience: 5, cooldown: 5 },
  },
];

/** PyTorch's assertion, tightened from atol 1e-5 to 1e-12 relative. */
function closeTo(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected), `${what}: ${actual} vs ${expected}`);
}

describe("plateau (pytorch) keeps PyTorch's test_lrscheduler.py expectations", () => {
  for (const c of TORCH) {
    test(`${c.name}: the rate after step(metrics[e]) is targets[e], from update e + 1`, () => {
      const p = plateau(constant({ value: [0.5, 0.5] }), c.options);
      const lr = hear(p, c.metrics.map((m, e) => [e, m] as const));
      const oracle = new TorchReduceLROnPlateau([0.5, 0.5], c.options);
      for (let e = 0; e < c.epochs; e++) {
        oracle.step(c.metrics[e]);
        c.targets.forEach((target, g) => {
          closeTo(lr(e + 1)[g], target[e], `${c.name} epoch ${e} group ${g}`);
          assert.equal(lr(e + 1)[g], oracle.paramGroups[g].lr, `bit for bit with the transcription, epoch ${e}`);
        });
      }
      assert.deepEqual(lr(0), [0.5, 0.5]);
    });
  }

  test("a scalar min_lr holds every group (test_reduce_lr_on_plateau8 with min_lr=0.4)", () => {
    const options = {
      mode: "max",
      thresholdMode: "rel",
      minLr: 0.4,
      threshold: 0.1,
      patience: 5,
      cooldown: 5,
    } as const;
    const metrics = Array.from({ length: 20 }, (_, i) => [i, 1.5 * 1.005 ** i] as const);
    const lr = hear(plateau(constant({ value: [0.5, 0.45] }), options), metrics);
    assert.deepEqual(lr(20), [0.4, 0.4]);
  });

  test("test_reduce_lr_on_plateau_preserves_lr_type: with patience 0, step(1.0) then step(2.0) reduces", () => {
    const lr = hear(plateau(constant({ value: 0.05 }), { mode: "min", patience: 0 }), [[0, 1.0], [1, 2.0]]);
    assert.deepEqual([lr(1)[0], lr(2)[0]], [0.05, 0.05 * 0.1]);
  });
});

const OPTAX = {
  factor: 0.1,
  patience: 5,
  rtol: 1e-4,
  atol: 0,
  cooldown: 5,
  accumulationSize: 1,
  minScale: 0.01,
} as const;
const optaxReducer = () => plateauReducer({ semantics: "optax", ...OPTAX });
const state = (s: Partial<PlateauState>): PlateauState => ({ ...optaxReducer().initial, ...s });

describe("plateau (optax) keeps optax's _reduce_on_plateau_test.py expectations", () => {
  test("test_learning_rate_reduced_after_cooldown_period_is_over", () => {
    const { initial, reduce } = optaxReducer();
    let s = initial;
    for (let i = 0; i < OPTAX.patience + 1; i++) s = reduce(s, [i, 1.0]);
    assert.deepEqual([s.scale, s.best, s.bad, s.cooldown], [0.1, 1.0, 0, OPTAX.cooldown]);
    s = reduce(s, [OPTAX.patience + 1, 1.0]);
    assert.deepEqual([s.scale, s.best, s.bad, s.cooldown], [0.1, 1.0, 0, OPTAX.cooldown - 1]);
    // The updates of those steps, through the multiplier: 1.0 scaled by 0.1 from the sixth value on.
    const lr = hear(
      plateau(constant({ value: 1 }), { semantics: "optax", ...OPTAX }),
      repeat(1.0, 7).map((v, i) => [i, v]),
    );
    assert.deepEqual([lr(5)[0], lr(6)[0]], [1, 0.1]);
  });

  test("test_learning_rate_is_not_reduced: a better value resets the plateau count", () => {
    const s = optaxReducer().reduce(state({ best: 1.0, bad: 3, scale: 0.1 }), [0, 0.1]);
    assert.deepEqual([s.bad, s.scale, s.best], [0, 0.1, 0.1]);
  });

  test("test_learning_rate_not_reduced_during_cooldown", () => {
    const s = optaxReducer().reduce(state({ best: 1.0, scale: 0.1, cooldown: 3 }), [0, 2.0]);
    assert.deepEqual([s.scale, s.best, s.bad, s.cooldown], [0.1, 1.0, 0, 2]);
  });

  test("test_learning_rate_not_reduced_after_end_scale_is_reached", () => {
    const { reduce } = optaxReducer();
    let s = state({ best: 1.0, scale: 0.01 });
    for (let i = 0; i < OPTAX.patience + 1; i++) s = reduce(s, [i, 0.1]);
    assert.deepEqual([s.scale, s.best, s.bad, s.cooldown], [0.01, 0.1, 0, OPTAX.cooldown]);
  });

  test("the transcription of optax's update gives the same scales", () => {
    const oracle = new OptaxReduceOnPlateau(OPTAX);
    const { initial, reduce } = optaxReducer();
    let s = initial;
    const values = [3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    values.forEach((v, i) => {
      s = reduce(s, [i, v]);
      assert.equal(s.scale, oracle.update(v), `update ${i}`);
    });
  });
});

describe("plateau (timm) keeps timm's PlateauLRScheduler as train.py steps it", () => {
  test("test_plateau_scheduler_step (patience_t 2, decay_rate 0.5, metric 1.0 every epoch): mode max by default", () => {
    const oracle = new TimmPlateauLRScheduler([0.1], { patienceT: 2, decayRate: 0.5 });
    const lr = hear(
      plateau(constant({ value: 0.1 }), { semantics: "timm", patience: 2, factor: 0.5 }),
      repeat(1.0, 10).map((m, e) => [e, m]),
    );
    const seen: number[] = [];
    for (let epoch = 0; epoch < 10; epoch++) {
      oracle.step(epoch + 1, 1.0); // train.py: lr_scheduler.step(epoch + 1, metric) after epoch `epoch`
      seen.push(oracle.lrs[0]);
      assert.equal(lr(epoch + 1)[0], oracle.lrs[0], `epoch ${epoch}`);
    }
    assert.deepEqual(seen, [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125]);
  });

  test("warm-up: metrics of the warm-up epochs are not heard; a join of a linear ramp and the plateau is timm's", () => {
    const o = { warmupT: 3, warmupLrInit: 0.01, patienceT: 1, decayRate: 0.5, mode: "min" as const };
    const oracle = new TimmPlateauLRScheduler([0.1], o);
    const run = joinMetric([
      linear({ initValue: 0.01, endValue: 0.1, transitionSteps: 3 }),
      plateau(constant({ value: 0.1 }), { semantics: "timm", mode: "min", patience: 1, factor: 0.5 }),
    ], [3]);
    const metrics = [5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3];
    const lr = hear(run, metrics.map((m, e) => [e, m]));
    const seen = [oracle.lrs[0]];
    closeTo(lr(0)[0], oracle.lrs[0], "epoch 0");
    metrics.forEach((m, e) => {
      oracle.step(e + 1, m);
      seen.push(oracle.lrs[0]);
      closeTo(lr(e + 1)[0], oracle.lrs[0], `epoch ${e + 1}`);
    });
    // The warm-up metrics (5, 5, 5) are not heard: the 5 after epoch 3 is the first best, the 4
    // after epoch 4 the next, and the first reduction comes two bad epochs later.
    const rounded = seen.map((v) => Number(v.toPrecision(12)));
    assert.deepEqual(rounded, [0.01, 0.04, 0.07, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125]);
  });
});

describe("non-finite metrics follow the references' arithmetic", () => {
  const torch = (metrics: readonly number[], options: Parameters<typeof plateau>[1] = {}) => {
    const lr = hear(plateau(constant({ value: 1 }), { patience: 0, ...options }), metrics.map((m, i) => [i, m]));
    const oracle = new TorchReduceLROnPlateau([1], { patience: 0, ...options });
    return metrics.map((m, i) => {
      oracle.step(m);
      assert.equal(lr(i + 1)[0], oracle.paramGroups[0].lr, `step ${i}`);
      return lr(i + 1)[0];
    });
  };

  test("NaN is never an improvement: a run of NaN losses reduces as a run of bad ones", () => {
    assert.deepEqual(torch([1, NaN, NaN]), [1, 0.1, 0.1 * 0.1]);
    assert.deepEqual(torch([NaN, NaN]), [0.1, 0.1 * 0.1]); // not even the first: NaN < Infinity is false
  });

  test("-Infinity (mode min) becomes the best, and then nothing improves on it", () => {
    assert.deepEqual(torch([1, -Infinity, -1e308, -Infinity]), [1, 1, 0.1, 0.1 * 0.1]);
  });

  test("+Infinity (mode min) is worse than anything; mode max mirrors it", () => {
    assert.deepEqual(torch([Infinity, 1]), [0.1, 0.1]);
    assert.deepEqual(torch([-Infinity, 1], { mode: "max" }), [0.1, 0.1]);
  });

  test("the state holds non-finite numbers as strings, so that it stays JSON", () => {
    const p = plateau(constant({ value: 1 }), { patience: 0 });
    const s = p.observe(p.initial, 0, -Infinity);
    assert.equal(
      JSON.stringify(p.initial),
      '{"iteration":-1,"best":"Infinity","bad":0,"cooldown":0,"reductions":0,"scale":1,"count":0,"average":0}',
    );
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
    assert.equal(JSON.parse(JSON.stringify(s)).best, "-Infinity");
    assert.deepEqual(p.read(JSON.parse(JSON.stringify(s))), s);
  });

  test("PyTorch quirk kept: mode min with threshold >= 1 (rel) never improves, since Infinity * 0 is NaN", () => {
    assert.deepEqual(torch([1, 0.5, 0.25], { threshold: 1 }), [0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1]);
  });

  test("optax quirks kept: patience 0 reduces on every improvement; an averaged NaN is a bad value", () => {
    const reduce = plateauReducer({ semantics: "optax", patience: 0 }).reduce;
    let s = plateauReducer({ semantics: "optax", patience: 0 }).initial;
    s = reduce(s, [0, 1]);
    assert.equal(s.reductions, 1);
    const avg = plateauReducer({ semantics: "optax", patience: 1, accumulationSize: 2 });
    let a = avg.reduce(avg.initial, [0, 1]);
    assert.deepEqual([a.count, a.average], [1, 1]);
    a = avg.reduce(a, [1, NaN]); // the average of 1 and NaN is NaN: not better, the count reaches patience
    assert.deepEqual([a.reductions, a.best, a.count, a.average], [1, "Infinity", 0, 0]);
    a = avg.reduce(avg.reduce(a, [2, 1]), [3, 1]);
    assert.deepEqual([a.reductions, a.best], [1, 1]);
  });
});
