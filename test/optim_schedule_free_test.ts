import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { PolicyLike, Schedule } from "../lib/types.ts";
import { constant } from "../mod.ts";
import { cyclicLR } from "../mod.ts";
import { scaleBy } from "../mod.ts";
import { scheduleFreeAdamw } from "../lib/optim/schedule_free_adamw.ts";
import { scheduleFreeSgd } from "../lib/optim/schedule_free_sgd.ts";
import { createTrainer } from "../lib/optim/trainer.ts";
import type { Optimizer, Tensors } from "../lib/optim/types.ts";
import { wasmSimdSupported } from "../lib/optim/wasm/runtime.ts";

// ---------------------------------------------------------------------------------------
// An independent oracle: facebookresearch/schedule_free's reference step functions,
// transcribed line by line from schedulefree/sgd_schedulefree_reference.py and
// adamw_schedulefree_reference.py (`SGDScheduleFreeReference.step`,
// `AdamWScheduleFreeReference.step`, with their defaults decay_at_z = False and
// inner_momentum = 0), each tensor op (add_, sub_, mul_, addcmul_, div, sqrt_, addcdiv_) a
// separate whole-tensor operation. The group's `lr` is set from a schedule before each
// step (the reference allows a scheduler), and its own `warmup_steps` multiplies it.
// `A` is the element arithmetic: float32 (each result rounded, Python scalars converted to
// float32 as a tensor op does) or float64. The AdamW reference's first line,
// `lr = max(group['lr'], eps)`, is overwritten before use and so left out.
// ---------------------------------------------------------------------------------------

type Arr = Float32Array | Float64Array;
interface Arith {
  make(n: number): Arr;
  s(x: number): number;
}
const F32: Arith = { make: (n) => new Float32Array(n), s: Math.fround };
const F64: Arith = { make: (n) => new Float64Array(n), s: (x) => x };

function op(A: Arith, n: number, fn: (i: number) => number): Arr {
  const out = A.make(n);
  for (let i = 0; i < n; i++) out[i] = fn(i);
  return out;
}
/** a.add(b, alpha=alpha): a + alpha * b. */
const add = (A: Arith, a: Arr, b: Arr, alpha: number) => op(A, a.length, (i) => a[i] + A.s(A.s(alpha) * b[i]));
/** a.sub(b, alpha=alpha): a - alpha * b. */
const sub = (A: Arith, a: Arr, b: Arr, alpha: number) => op(A, a.length, (i) => a[i] - A.s(A.s(alpha) * b[i]));
/** a.mul(s). */
const mulS = (A: Arith, a: Arr, s: number) => op(A, a.length, (i) => a[i] * A.s(s));
/** a.div(s). */
const divS = (A: Arith, a: Arr, s: number) => op(A, a.length, (i) => a[i] / A.s(s));
/** a.sqrt(). */
const sqrt = (A: Arith, a: Arr) => op(A, a.length, (i) => Math.sqrt(a[i]));
/** a.add(s). */
const addS = (A: Arith, a: Arr, s: number) => op(A, a.length, (i) => a[i] + A.s(s));
/** a.addcmul(b, c, value=v): a + v * b * c. */
const addcmul = (A: Arith, a: Arr, b: Arr, c: Arr, v: number) =>
  op(A, a.length, (i) => a[i] + A.s(A.s(A.s(v) * b[i]) * c[i]));
/** a.addcdiv(b, c, value=v): a + v * b / c. */
const addcdiv = (A: Arith, a: Arr, b: Arr, c: Arr, v: number) =>
  op(A, a.length, (i) => a[i] + A.s(A.s(A.s(v) * b[i]) / c[i]));

/** One parameter group of the reference optimizer: its settings and the group-level state. */
interface RefGroup {
  lr: number;
  momentum: number; // SGD's momentum, AdamW's betas[0]
  beta2: number;
  eps: number;
  weightDecay: number;
  warmupSteps: number;
  r: number;
  weightLrPower: number;
  k: number;
  weightSum: number;
  lrMax: number;
}
interface RefTensor {
  z: Arr;
  x: Arr;
  y: Arr;
  expAvgSq: Arr;
}

/** The group-level scalars of a step, in the reference's order (shared by both references). */
function groupScalars(group: RefGroup): { lr: number; ckp1: number } {
  const k = group.k;
  const sched = k < group.warmupSteps ? (k + 1) / group.warmupSteps : 1.0;
  const lr = group.lr * sched;
  const lrMax = group.lrMax = Math.max(lr, group.lrMax);
  const weight = ((k + 1) ** group.r) * (lrMax ** group.weightLrPower);
  const weightSum = group.weightSum = group.weightSum + weight;
  // Python: weight / weight_sum raises ZeroDivisionError when the sum is 0, and ckp1 = 0
  const ckp1 = weightSum === 0 ? 0 : weight / weightSum;
  return { lr, ckp1 };
}

/** SGDScheduleFreeReference.step for one group (grad is a copy: the reference changes it in place). */
function refSgdStep(A: Arith, group: RefGroup, tensors: RefTensor[], grads: Arr[]): void {
  const { lr, ckp1 } = groupScalars(group);
  tensors.forEach((state, i) => {
    let grad = grads[i];
    if (group.weightDecay !== 0) grad = add(A, grad, state.y, group.weightDecay);
    state.z = sub(A, state.z, grad, lr);
    state.x = add(A, mulS(A, state.x, 1 - ckp1), state.z, ckp1);
    state.y = add(A, mulS(A, state.x, group.momentum), state.z, 1 - group.momentum);
  });
  group.k = group.k + 1;
}

/** AdamWScheduleFreeReference.step for one group. */
function refAdamwStep(A: Arith, group: RefGroup, tensors: RefTensor[], grads: Arr[]): void {
  const k = group.k;
  const biasCorrection2 = 1 - group.beta2 ** (k + 1);
  const { lr, ckp1 } = groupScalars(group);
  tensors.forEach((state, i) => {
    const grad = grads[i];
    if (group.weightDecay !== 0) state.z = sub(A, state.z, state.y, lr * group.weightDecay);
    state.expAvgSq = addcmul(A, mulS(A, state.expAvgSq, group.beta2), grad, grad, 1 - group.beta2);
    const denom = addS(A, sqrt(A, divS(A, state.expAvgSq, biasCorrection2)), group.eps);
    state.z = addcdiv(A, state.z, grad, denom, -lr);
    state.x = add(A, mulS(A, state.x, 1 - ckp1), state.z, ckp1);
    state.y = add(A, mulS(A, state.x, group.momentum), state.z, 1 - group.momentum);
  });
  group.k = k + 1;
}

// ---------------------------------------------------------------------------------------

const SIZES = [[37, 4100 * 2 + 3], [8, 1]]; // tails, several scratch chunks, a scalar
const STEPS = 400;

function gradients(params: Tensors, t: number): Float32Array[][] {
  let x = (t * 2654435761) >>> 0 || 1;
  const next = () => ((x ^= x << 13, x ^= x >>> 17, x ^= x << 5, x >>> 0) / 4294967296) - 0.5;
  return params.map((group) =>
    group.map((p) => {
      const g = new Float32Array(p.length);
      for (let i = 0; i < p.length; i++) g[i] = 0.1 * p[i] + next() * (i % 97 === 0 ? 50 : 1);
      return g;
    })
  );
}

function initialParams(): Float32Array[][] {
  let x = 12345;
  const next = () => ((x ^= x << 13, x ^= x >>> 17, x ^= x << 5, x >>> 0) / 4294967296) * 2 - 1;
  return SIZES.map((group) => group.map((n) => Float32Array.from({ length: n }, next)));
}

type Settings = Omit<RefGroup, "lr" | "k" | "weightSum" | "lrMax">;
interface Case {
  name: string;
  algorithm: "sgd" | "adamw";
  /** The rate the reference's group starts each step with (before its own warm-up). */
  lr: Schedule;
  groups: Settings[];
  make: (kernel: "plain" | "wasm") => Optimizer;
}

const base: Settings = {
  momentum: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
  warmupSteps: 0,
  r: 0,
  weightLrPower: 2,
};
/** The reference's `warmup_steps` as a policy: `scaleBy(lr, (t) => min(1, (t + 1) / W))`. */
const warmedUp = (lr: Schedule, steps: number): PolicyLike => ({
  lr: scaleBy(lr, (t) => Math.min(1, (t + 1) / steps)),
  groups: lr(0).length,
});
const cyclic = cyclicLR({ baseLr: [0.2, 0.05], maxLr: [1, 0.3], stepSizeUp: 30, cycleMomentum: false });
const adamCyclic = cyclicLR({ baseLr: [1e-4, 5e-4], maxLr: [2e-3, 4e-3], stepSizeUp: 25, cycleMomentum: false });

const CASES: Case[] = [
  {
    name: "SGD, reference defaults, warm-up 20 steps, weight decay in group 0",
    algorithm: "sgd",
    lr: constant({ value: [1, 0.5] }).lr,
    groups: [{ ...base, warmupSteps: 20, weightDecay: 1e-3 }, { ...base, warmupSteps: 20 }],
    make: (kernel) =>
      scheduleFreeSgd(warmedUp(constant({ value: [1, 0.5] }).lr, 20), { weightDecay: [1e-3, 0], kernel }),
  },
  {
    name: "SGD, a cyclical rate, r 1 and weightLrPower 0 in group 0, momentum 0.95 and 0.5",
    algorithm: "sgd",
    lr: cyclic.lr,
    groups: [{ ...base, momentum: 0.95, r: 1, weightLrPower: 0 }, { ...base, momentum: 0.5, weightDecay: 5e-4 }],
    make: (kernel) =>
      scheduleFreeSgd(cyclic, {
        momentum: [0.95, 0.5],
        r: [1, 0],
        weightLrPower: [0, 2],
        weightDecay: [0, 5e-4],
        kernel,
      }),
  },
  {
    name: "AdamW, reference defaults, warm-up 30 steps, weight decay 0.01 at y",
    algorithm: "adamw",
    lr: constant({ value: [0.0025, 0.01] }).lr,
    groups: [{ ...base, warmupSteps: 30, weightDecay: 0.01 }, { ...base, warmupSteps: 30, weightDecay: 0.01 }],
    make: (kernel) =>
      scheduleFreeAdamw(warmedUp(constant({ value: [0.0025, 0.01] }).lr, 30), { weightDecay: 0.01, kernel }),
  },
  {
    name: "AdamW, a cyclical rate, per-group betas and eps, r 0.5, weightLrPower 1",
    algorithm: "adamw",
    lr: adamCyclic.lr,
    groups: [
      { ...base, r: 0.5, weightLrPower: 1 },
      { ...base, momentum: 0.5, beta2: 0.99, eps: 1e-6, r: 0.5, weightLrPower: 1, weightDecay: 0.1 },
    ],
    make: (kernel) =>
      scheduleFreeAdamw(adamCyclic, {
        beta1: [0.9, 0.5],
        beta2: [0.999, 0.99],
        eps: [1e-8, 1e-6],
        r: 0.5,
        weightLrPower: 1,
        weightDecay: [0, 0.1],
        kernel,
      }),
  },
];

/** Runs the reference for `steps` steps in the given arithmetic; returns y, x and z per tensor. */
function runReference(c: Case, A: Arith, steps: number): { y: Arr[][]; x: Arr[][]; z: Arr[][] } {
  const init = initialParams();
  const clone = (p: Float32Array) => {
    const out = A.make(p.length);
    out.set(p);
    return out;
  };
  const tensors: RefTensor[][] = init.map((group) =>
    group.map((p) => ({ z: clone(p), x: clone(p), y: clone(p), expAvgSq: A.make(p.length) }))
  );
  const groups: RefGroup[] = c.groups.map((s) => ({ ...s, lr: 0, k: 0, weightSum: 0.0, lrMax: -1.0 }));
  for (let t = 0; t < steps; t++) {
    // the gradients are a function of the float32 parameters, so both arithmetics see the same inputs
    const grads = gradients(tensors.map((g) => g.map((s) => Float32Array.from(s.y))), t);
    const lr = c.lr(t);
    groups.forEach((group, g) => {
      group.lr = lr[g];
      if (c.algorithm === "sgd") refSgdStep(A, group, tensors[g], grads[g]);
      else refAdamwStep(A, group, tensors[g], grads[g]);
    });
  }
  const pick = (key: "y" | "x" | "z") => tensors.map((g) => g.map((s) => s[key]));
  return { y: pick("y"), x: pick("x"), z: pick("z") };
}

function runKernel(c: Case, kernel: "plain" | "wasm", steps: number): { y: Arr[][]; x: Arr[][]; z: Arr[][] } {
  const opt = c.make(kernel);
  assert.equal(opt.kernel, kernel);
  const params = initialParams();
  const state = opt.init(params);
  for (let t = 0; t < steps; t++) opt.update(params, gradients(params, t), state);
  assert.equal(state.step, steps);
  return { y: params, x: state.moments[1].map((g) => [...g]), z: state.moments[0].map((g) => [...g]) };
}

function assertSameBits(actual: Arr[][], expected: Arr[][], label: string): void {
  actual.forEach((group, g) =>
    group.forEach((x, i) => {
      for (let j = 0; j < x.length; j++) {
        if (!Object.is(x[j], expected[g][i][j])) {
          assert.fail(`${label}[${g}][${i}][${j}] = ${x[j]}, expected ${expected[g][i][j]}`);
        }
      }
    })
  );
}

const noWasm = wasmSimdSupported ? false : "WebAssembly SIMD does not validate in this runtime";

describe("schedule-free kernels equal the reference's equations in float32, bit for bit", () => {
  for (const c of CASES) {
    const reference = runReference(c, F32, STEPS);
    for (const kernel of ["plain", "wasm"] as const) {
      test(`${c.name}: the ${kernel} kernel gives the reference's y, x and z over ${STEPS} steps`, {
        skip: kernel === "wasm" ? noWasm : false,
      }, () => {
        const got = runKernel(c, kernel, STEPS);
        assertSameBits(got.y, reference.y, "y");
        assertSameBits(got.x, reference.x, "x");
        assertSameBits(got.z, reference.z, "z");
      });
    }
    test(`${c.name}: float32 stays within 2e-5 of the float64 equations`, () => {
      const exact = runReference(c, F64, STEPS);
      for (const key of ["y", "x"] as const) {
        reference[key].forEach((group, g) =>
          group.forEach((v, i) => {
            for (let j = 0; j < v.length; j++) {
              const e = exact[key][g][i][j];
              assert.ok(
                Math.abs(v[j] - e) <= 2e-5 * Math.max(1, Math.abs(e)),
                `${key}[${g}][${i}][${j}]: ${v[j]} vs ${e}`,
              );
            }
          })
        );
      }
    });
  }
  test("the oracle is not trivial: x lags y, and the run moved every tensor", () => {
    const r = runReference(CASES[0], F32, STEPS), init = initialParams();
    assert.ok(r.x[0][1].some((v, j) => v !== r.y[0][1][j]));
    assert.ok(r.y.every((g, gi) => g.every((v, i) => v.some((w, j) => w !== init[gi][i][j]))));
  });
});

describe("schedule-free state and checkpoints", () => {
  const policy: PolicyLike = { lr: () => [0.5, 0.1], groups: 2 };
  const params = () => [[new Float32Array([1, 2, 3, 4, 5])], [new Float32Array([-1])]];
  const grads = [[new Float32Array([0.5, -1, 2, 1e-3, 7])], [new Float32Array([3])]];

  test("init copies the parameters into z and x; the state keeps weightSum and lrMax per group", () => {
    const opt = scheduleFreeAdamw(policy);
    const state = opt.init(params());
    assert.deepEqual([...state.moments[0][0][0]], [1, 2, 3, 4, 5]);
    assert.deepEqual([...state.moments[1][1][0]], [-1]);
    assert.deepEqual([...state.moments[2][0][0]], [0, 0, 0, 0, 0]);
    assert.deepEqual(state.weightSum, [0, 0]);
    assert.deepEqual(state.lrMax, [0, 0]);
    opt.update(params(), grads, state);
    assert.deepEqual(state.weightSum, [0.25, 0.1 ** 2]);
    assert.deepEqual(state.lrMax, [0.5, 0.1]);
  });

  test("a checkpoint holds z, x, v, the sums and the step; loading it resumes bit for bit", () => {
    for (
      const make of [
        (k: "plain" | "wasm") => scheduleFreeSgd(policy, { kernel: k }),
        (k: "plain" | "wasm") => scheduleFreeAdamw(policy, { weightDecay: 0.1, kernel: k }),
      ]
    ) {
      const opt = make("wasm");
      const p = params();
      const state = opt.init(p);
      for (let t = 0; t < 3; t++) opt.update(p, grads, state);
      const checkpoint = JSON.parse(JSON.stringify(opt.save(state)));
      assert.deepEqual(checkpoint.weightSum, state.weightSum);
      assert.deepEqual(checkpoint.lrMax, state.lrMax);
      assert.equal(checkpoint.moments.length, opt.algorithm === "scheduleFreeSgd" ? 2 : 3);
      const again = make("plain");
      const resumed = again.load(checkpoint);
      const q = p.map((g) => g.map((x) => new Float32Array(x)));
      opt.update(p, grads, state);
      again.update(q, grads, resumed);
      assert.deepEqual(q, p);
      assert.deepEqual(resumed.moments, state.moments);
      assert.deepEqual(resumed.weightSum, state.weightSum);
    }
  });

  test("a checkpoint with a bad sum or moment is refused, naming it", () => {
    const opt = scheduleFreeAdamw(policy);
    const state = opt.init(params());
    opt.update(params(), grads, state);
    const good = opt.save(state);
    assert.throws(() => opt.load({ ...good, weightSum: [0.25, NaN] }), {
      name: "RangeError",
      message: "checkpoint.weightSum[1]: expected a finite number >= 0, got NaN",
    });
    assert.throws(() => opt.load({ ...good, lrMax: undefined }), {
      name: "TypeError",
      message: "checkpoint.lrMax: expected 2 finite numbers >= 0 (one per group), got undefined",
    });
    const v = new Float32Array(5);
    v[3] = -1e-3;
    const moments = good.moments.map((k) => k.map((g) => [...g]));
    moments[2][0][0] = encode(v);
    assert.throws(() => opt.load({ ...good, moments }), {
      message: `checkpoint.moments[2][0][0][3]: expected a finite number >= 0, got ${Math.fround(-1e-3)}`,
    });
  });
});

function encode(x: Float32Array): string {
  let text = "";
  for (const b of new Uint8Array(x.buffer)) text += String.fromCharCode(b);
  return btoa(text);
}

describe("schedule-free bad input: the same errors as SGD and Adam, and the state unchanged", () => {
  const policy: PolicyLike = { lr: () => [0.5], groups: 1 };
  const snapshot = (opt: Optimizer, state: ReturnType<Optimizer["init"]>) => JSON.stringify(opt.save(state));

  test("a NaN gradient throws, naming the element, and changes nothing (sums included)", () => {
    for (const opt of [scheduleFreeSgd(policy), scheduleFreeAdamw(policy)]) {
      const p = [[new Float32Array([1, 2, 3, 4, 5])]];
      const state = opt.init(p);
      opt.update(p, [[new Float32Array(5).fill(1)]], state);
      const before = snapshot(opt, state), y = new Float32Array(p[0][0]);
      assert.throws(() => opt.update(p, [[new Float32Array([0, 0, 0, NaN, 0])]], state), {
        name: "RangeError",
        message: "grads[0][0][3]: expected a finite number, got NaN",
      });
      assert.equal(snapshot(opt, state), before);
      assert.deepEqual(p[0][0], y);
    }
  });
  test('nonFinite: "skip" reports the skip and leaves the state and the sums as they were', () => {
    const opt = scheduleFreeSgd(policy, { nonFinite: "skip" });
    const p = [[new Float32Array([1, 2])]];
    const state = opt.init(p);
    const before = snapshot(opt, state);
    const report = opt.update(p, [[new Float32Array([Infinity, 0])]], state);
    assert.deepEqual(report, {
      step: 0,
      skipped: true,
      reason: "grads[0][0][0]: expected a finite number, got Infinity",
      lr: [0.5],
    });
    assert.equal(snapshot(opt, state), before);
  });
  test("a gradient of the wrong length, and use after release", () => {
    const opt = scheduleFreeAdamw(policy);
    const p = [[new Float32Array(3)]];
    const state = opt.init(p);
    assert.throws(() => opt.update(p, [[new Float32Array(4)]], state), {
      message: "grads[0][0]: expected 3 values (as params[0][0]), got 4",
    });
    opt.release(state);
    assert.throws(() => opt.update(p, [[new Float32Array(3)]], state), { message: "state: used after release()" });
  });
  test("an averaging weight that overflows float64 is refused before anything changes", () => {
    const opt = scheduleFreeSgd({ lr: (t) => [t === 0 ? 1 : 1e200], groups: 1 });
    const p = [[new Float32Array([1])]];
    const state = opt.init(p);
    opt.update(p, [[new Float32Array([0])]], state);
    const before = snapshot(opt, state);
    assert.throws(() => opt.update(p, [[new Float32Array([0])]], state), {
      name: "RangeError",
      message: "weightSum[0]: expected a finite sum of the averaging weights (t + 1)^r * lrMax^weightLrPower " +
        "(at step 1: r = 0, lrMax = 1e+200, weightLrPower = 2; lower r or weightLrPower), got Infinity",
    });
    assert.equal(snapshot(opt, state), before);
  });
  test("bad options and policies", () => {
    assert.throws(() => scheduleFreeSgd(policy, { momentum: 1 }), {
      name: "RangeError",
      message: "momentum: expected a number in [0, 1), got 1",
    });
    assert.throws(() => scheduleFreeAdamw({ lr: () => [1, 1], groups: 2 }, { beta1: [0.9, 1] }), {
      message: "beta1[1]: expected a number in [0, 1), got 1",
    });
    assert.throws(() => scheduleFreeAdamw(policy, { r: -1 }), {
      message: "r: expected a finite number >= 0, got -1",
    });
    assert.throws(() => scheduleFreeSgd(cyclicLR({ baseLr: 0.1, maxLr: 1, stepSize: 10 })), {
      name: "TypeError",
      message: "policy.momentum: expected no momentum schedule for a schedule-free optimizer (its momentum is the " +
        "fixed weight of x in y = momentum * x + (1 - momentum) * z; build the policy with cycleMomentum: false), " +
        "got a function",
    });
  });
});

describe("the trainer's train and eval views (schedule-free: y and x)", () => {
  const policy: PolicyLike = { lr: () => [0.5], groups: 1 };
  const gradsAt = (t: number) => [[Float32Array.from({ length: 6 }, (_, j) => Math.sin(t + j))]];

  test("eval() shows x, train() restores y bit for bit, and update() in the eval view throws", async () => {
    const opt = scheduleFreeSgd(policy);
    const trainer = await createTrainer(opt, [[new Float32Array([1, 2, 3, 4, 5, 6])]], { backend: "cpu" });
    for (let t = 0; t < 5; t++) {
      trainer.upload(gradsAt(t));
      trainer.update();
    }
    const y = await trainer.read();
    const checkpoint = await trainer.save();
    trainer.eval();
    assert.equal(trainer.view, "eval");
    const x = await trainer.read();
    assert.notDeepEqual(x, y);
    assert.deepEqual(x[0][0], trainer.params![0][0]);
    const state = opt.load(checkpoint);
    assert.deepEqual(x[0][0], state.moments[1][0][0]);
    assert.throws(() => trainer.update(), {
      name: "TypeError",
      message: 'trainer.view: expected "train" for update() (call train() first), got "eval"',
    });
    assert.deepEqual(await trainer.save(), checkpoint);
    trainer.train();
    assert.equal(trainer.view, "train");
    assert.deepEqual(await trainer.read(), y);
    trainer.upload(gradsAt(5));
    assert.equal(trainer.update().step, 5);
  });

  test("use after destroy: update, eval and train throw, read and save reject", async () => {
    const trainer = await createTrainer(scheduleFreeSgd(policy), [[new Float32Array(6)]], { backend: "cpu" });
    trainer.destroy();
    for (const call of [() => trainer.update(), () => trainer.eval(), () => trainer.train()]) {
      assert.throws(call, { message: "trainer: used after destroy()" });
    }
    await assert.rejects(trainer.read(), { message: "trainer: used after destroy()" });
    await assert.rejects(trainer.save(), { message: "trainer: used after destroy()" });
  });

  test("resuming from the eval view's x instead of y is refused with the fix", async () => {
    const opt = scheduleFreeAdamw(policy);
    const trainer = await createTrainer(opt, [[new Float32Array([1, 2, 3, 4, 5, 6])]], { backend: "cpu" });
    for (let t = 0; t < 3; t++) {
      trainer.upload(gradsAt(t));
      trainer.update();
    }
    const checkpoint = await trainer.save();
    trainer.eval();
    const x = await trainer.read();
    await assert.rejects(createTrainer(scheduleFreeAdamw(policy), x, { backend: "cpu", checkpoint }), {
      name: "RangeError",
      message: "params: expected the train-view parameters y (read() in the train view), got the checkpoint's x " +
        "(the eval view): read the parameters before eval(), or after train()",
    });
    trainer.train();
    const resumed = await createTrainer(scheduleFreeAdamw(policy), await trainer.read(), {
      backend: "cpu",
      checkpoint,
    });
    assert.equal(resumed.step, 3);
  });
});
