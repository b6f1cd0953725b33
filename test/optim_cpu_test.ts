import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Policy, PolicyLike } from "../lib/types.ts";
import { cyclicLR } from "../mod.ts";
import { adam, adamw } from "../lib/optim/adam.ts";
import { sgd } from "../lib/optim/sgd.ts";
import type { Optimizer, Tensors } from "../lib/optim/types.ts";
import { wasmSimdSupported } from "../lib/optim/wasm/runtime.ts";

// ---------------------------------------------------------------------------------------
// An independent oracle: PyTorch's update equations transcribed line by line from
// torch/optim/sgd.py `_single_tensor_sgd` and torch/optim/adam.py `_single_tensor_adam`,
// with each tensor op (add, mul_, lerp_, addcmul_, sqrt, div, add_, addcdiv_) as a
// separate whole-tensor operation. `F` is the element arithmetic: float32 (each result
// rounded, Python scalars converted to float32 as the tensor op does) or float64.
// ---------------------------------------------------------------------------------------

type Arr = Float32Array | Float64Array;
interface Arith {
  make(n: number): Arr;
  s(x: number): number; // a Python float passed to a float32 (or float64) tensor op
}
const F32: Arith = { make: (n) => new Float32Array(n), s: Math.fround };
const F64: Arith = { make: (n) => new Float64Array(n), s: (x) => x };

function op(A: Arith, n: number, fn: (i: number) => number): Arr {
  const out = A.make(n);
  for (let i = 0; i < n; i++) out[i] = fn(i); // storing into the array rounds (float32)
  return out;
}
/** torch.add(a, b, alpha=alpha): a + alpha * b. */
const add = (A: Arith, a: Arr, b: Arr, alpha = 1) =>
  op(A, a.length, (i) => a[i] + (alpha === 1 ? b[i] : A.s(A.s(alpha) * b[i])));
/** a.mul(s). */
const mulS = (A: Arith, a: Arr, s: number) => op(A, a.length, (i) => a[i] * A.s(s));
/** torch.lerp(a, b, w), PyTorch's two-branch formula (aten/src/ATen/native/Lerp.h). */
const lerp = (A: Arith, a: Arr, b: Arr, w: number) => {
  const wf = A.s(w);
  return Math.abs(wf) < 0.5
    ? op(A, a.length, (i) => a[i] + A.s(wf * A.s(b[i] - a[i])))
    : op(A, a.length, (i) => b[i] - A.s(A.s(b[i] - a[i]) * A.s(1 - wf)));
};
/** a.addcmul(b, c, value=v): a + v * b * c. */
const addcmul = (A: Arith, a: Arr, b: Arr, c: Arr, v: number) =>
  op(A, a.length, (i) => a[i] + A.s(A.s(A.s(v) * b[i]) * c[i]));
/** a.addcdiv(b, c, value=v): a + v * b / c. */
const addcdiv = (A: Arith, a: Arr, b: Arr, c: Arr, v: number) =>
  op(A, a.length, (i) => a[i] + A.s(A.s(A.s(v) * b[i]) / c[i]));
const sqrt = (A: Arith, a: Arr) => op(A, a.length, (i) => Math.sqrt(a[i]));
const divS = (A: Arith, a: Arr, s: number) => op(A, a.length, (i) => a[i] / A.s(s));
const addS = (A: Arith, a: Arr, s: number) => op(A, a.length, (i) => a[i] + A.s(s));

interface RefGroup {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
  eps: number;
}

/** One PyTorch SGD step over one group's tensors; `bufs[i]` is null before the first momentum step. */
function refSgd(A: Arith, params: Arr[], grads: Arr[], bufs: (Arr | null)[], h: RefGroup): void {
  params.forEach((param, i) => {
    let grad = grads[i];
    if (h.weightDecay !== 0) grad = add(A, grad, param, h.weightDecay);
    if (h.momentum !== 0) {
      let buf = bufs[i];
      if (buf === null) {
        buf = A.make(grad.length);
        buf.set(grad);
        bufs[i] = buf;
      } else {
        buf = add(A, mulS(A, buf, h.momentum), grad, 1 - h.dampening);
        bufs[i] = buf;
      }
      grad = h.nesterov ? add(A, grad, buf, h.momentum) : buf;
    }
    params[i].set(add(A, param, grad, -h.lr));
  });
}

/** One PyTorch Adam step (`decoupled`: AdamW) over one group's tensors; `step` is the new step count. */
function refAdam(
  A: Arith,
  params: Arr[],
  grads: Arr[],
  m: Arr[],
  v: Arr[],
  step: number,
  h: RefGroup,
  decoupled: boolean,
): void {
  params.forEach((param, i) => {
    let grad = grads[i];
    if (h.weightDecay !== 0) {
      if (decoupled) param.set(mulS(A, param, 1 - h.lr * h.weightDecay));
      else grad = add(A, grad, param, h.weightDecay);
    }
    m[i] = lerp(A, m[i], grad, 1 - h.beta1);
    v[i] = addcmul(A, mulS(A, v[i], h.beta2), grad, grad, 1 - h.beta2);
    const biasCorrection1 = 1 - h.beta1 ** step;
    const biasCorrection2 = 1 - h.beta2 ** step;
    const stepSize = h.lr / biasCorrection1;
    const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
    const denom = addS(A, divS(A, sqrt(A, v[i]), biasCorrection2Sqrt), h.eps);
    param.set(addcdiv(A, param, m[i], denom, -stepSize));
  });
}

// ---------------------------------------------------------------------------------------

const SIZES = [[37, 4100 * 2 + 3], [8, 1]]; // tails, several scratch chunks, a scalar
const STEPS = 300;

/** Deterministic gradients: noise plus a pull towards zero, with a few large entries. */
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

const copy = (ts: Tensors) => ts.map((g) => g.map((x) => new Float32Array(x)));
const copy64 = (ts: Tensors) => ts.map((g) => g.map((x) => new Float64Array(x)));

interface Case {
  name: string;
  algorithm: "sgd" | "adam" | "adamw";
  policy: Policy;
  hyper: Omit<RefGroup, "lr">[];
  make: (kernel: "plain" | "wasm") => Optimizer;
}

const cyclic = cyclicLR({
  baseLr: [0.001, 0.002],
  maxLr: [0.01, 0.03],
  stepSizeUp: 20,
  stepSizeDown: 30,
  mode: "triangular2",
});
const cyclicNoMomentum = cyclicLR({
  baseLr: [0.001, 0.002],
  maxLr: [0.01, 0.03],
  stepSizeUp: 25,
  cycleMomentum: false,
});
const base = { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

const CASES: Case[] = [
  {
    name: "SGD, momentum 0.9, dampening 0.1, weight decay in group 0",
    algorithm: "sgd",
    policy: cyclicNoMomentum,
    hyper: [{ ...base, momentum: 0.9, dampening: 0.1, weightDecay: 1e-3 }, { ...base, momentum: 0.9, dampening: 0.1 }],
    make: (kernel) => sgd(cyclicNoMomentum, { momentum: 0.9, dampening: 0.1, weightDecay: [1e-3, 0], kernel }),
  },
  {
    name: "SGD, no momentum",
    algorithm: "sgd",
    policy: cyclicNoMomentum,
    hyper: [{ ...base, weightDecay: 5e-4 }, base],
    make: (kernel) => sgd(cyclicNoMomentum, { weightDecay: [5e-4, 0], kernel }),
  },
  {
    name: "SGD, Nesterov, cycled momentum",
    algorithm: "sgd",
    policy: cyclic,
    hyper: [{ ...base, nesterov: true, weightDecay: 1e-4 }, { ...base, nesterov: true, weightDecay: 1e-4 }],
    make: (kernel) => sgd(cyclic, { nesterov: true, weightDecay: 1e-4, kernel }),
  },
  {
    name: "Adam, cycled beta1, L2 weight decay",
    algorithm: "adam",
    policy: cyclic,
    hyper: [{ ...base, weightDecay: 1e-2 }, { ...base, beta2: 0.99, eps: 1e-6 }],
    make: (kernel) => adam(cyclic, { weightDecay: [1e-2, 0], beta2: [0.999, 0.99], eps: [1e-8, 1e-6], kernel }),
  },
  {
    name: "AdamW, fixed betas, beta1 0.3 in group 1 (lerp from the end)",
    algorithm: "adamw",
    policy: cyclicNoMomentum,
    hyper: [{ ...base, weightDecay: 0.01 }, { ...base, beta1: 0.3, weightDecay: 0.01 }],
    make: (kernel) => adamw(cyclicNoMomentum, { beta1: [0.9, 0.3], kernel }),
  },
];

/** Runs the oracle for `steps` steps in the given arithmetic; returns the parameters. */
function runReference(c: Case, A: Arith, steps: number): Arr[][] {
  const params = A === F32 ? copy(initialParams()) : copy64(initialParams());
  const bufs: (Arr | null)[][] = params.map((g) => g.map(() => null));
  const m = params.map((g) => g.map((x) => A.make(x.length)));
  const v = params.map((g) => g.map((x) => A.make(x.length)));
  for (let t = 0; t < steps; t++) {
    // the gradients are a function of the float32 parameters, so both arithmetics see the same inputs
    const grads = gradients(params.map((g) => g.map((x) => new Float32Array(x))), t);
    const lr = c.policy.lr(t), mom = c.policy.momentum?.(t);
    params.forEach((group, g) => {
      const h: RefGroup = { ...c.hyper[g], lr: lr[g] };
      if (mom) {
        if (c.algorithm === "sgd") h.momentum = mom[g];
        else h.beta1 = mom[g];
      }
      if (c.algorithm === "sgd") refSgd(A, group, grads[g], bufs[g], h);
      else refAdam(A, group, grads[g], m[g], v[g], t + 1, h, c.algorithm === "adamw");
    });
  }
  return params;
}

function runKernel(c: Case, kernel: "plain" | "wasm", steps: number): Float32Array[][] {
  const opt = c.make(kernel);
  assert.equal(opt.kernel, kernel);
  const params = initialParams();
  const state = opt.init(params);
  for (let t = 0; t < steps; t++) opt.update(params, gradients(params, t), state);
  assert.equal(state.step, steps);
  return params;
}

function assertSameBits(actual: Arr[][], expected: Arr[][], label: string): void {
  actual.forEach((group, g) =>
    group.forEach((x, i) => {
      for (let j = 0; j < x.length; j++) {
        if (!Object.is(x[j], expected[g][i][j])) {
          assert.fail(`${label}: params[${g}][${i}][${j}] = ${x[j]}, expected ${expected[g][i][j]}`);
        }
      }
    })
  );
}

const noWasm = wasmSimdSupported ? false : "WebAssembly SIMD does not validate in this runtime";

describe("CPU kernels equal PyTorch's equations in float32, bit for bit", () => {
  for (const c of CASES) {
    const reference = runReference(c, F32, STEPS);
    test(`${c.name}: the plain kernel gives the reference's bits over ${STEPS} steps`, () => {
      assertSameBits(runKernel(c, "plain", STEPS), reference, "plain");
    });
    test(
      `${c.name}: the WebAssembly SIMD kernel gives the reference's bits over ${STEPS} steps`,
      { skip: noWasm },
      () => {
        assertSameBits(runKernel(c, "wasm", STEPS), reference, "wasm");
      },
    );
    test(`${c.name}: float32 stays within float32 rounding of the float64 equations`, () => {
      const exact = runReference(c, F64, STEPS);
      reference.forEach((group, g) =>
        group.forEach((x, i) => {
          for (let j = 0; j < x.length; j++) {
            const e = exact[g][i][j];
            assert.ok(
              Math.abs(x[j] - e) <= 2e-5 * Math.max(1, Math.abs(e)),
              `params[${g}][${i}][${j}]: ${x[j]} vs ${e}`,
            );
          }
        })
      );
    });
  }
});

describe("hyper-parameters follow the policy only where it schedules them", () => {
  test("without a momentum schedule, SGD keeps its own momentum (the update equals the unscheduled reference)", () => {
    const opt = sgd({ lr: () => [0.1], groups: 1 }, { momentum: 0.5 });
    const params = [[new Float32Array([1])]];
    const state = opt.init(params);
    const report = opt.update(params, [[new Float32Array([1])]], state);
    opt.update(params, [[new Float32Array([1])]], state);
    assert.equal(report.momentum, undefined);
    // buf = 1, p = 0.9; buf = 0.5 * 1 + 1 = 1.5, p = 0.9 - 0.15 = 0.75
    const f = Math.fround;
    assert.equal(params[0][0][0], f(f(1 - f(0.1)) - f(f(0.1) * 1.5)));
    assert.equal(opt.hyper.momentum.toString(), "0.5");
  });
  test("with a momentum schedule, Adam's beta1 follows it and the report shows it", () => {
    const policy: PolicyLike = { lr: () => [0.1], momentum: (t) => [t === 0 ? 0.95 : 0.85], groups: 1 };
    const opt = adam(policy);
    const params = [[new Float32Array([1])]];
    const state = opt.init(params);
    assert.deepEqual(opt.update(params, [[new Float32Array([1])]], state).momentum, [0.95]);
    assert.deepEqual(opt.update(params, [[new Float32Array([1])]], state).momentum, [0.85]);
  });
  test("a momentum (SGD) or beta1 (Adam) option beside a policy that schedules momentum is refused, naming both ways out", () => {
    // issue 16.1: cyclicLR cycles momentum by default (PyTorch's cycle_momentum=True); the option would be dropped
    const cycling = cyclicLR({ baseLr: 0.05, maxLr: 0.3, stepSize: 320 });
    assert.throws(() => sgd(cycling, { momentum: 0.9 }), {
      name: "RangeError",
      message: "momentum: expected no value while the policy schedules momentum (to train with this value, build " +
        "the policy with cycleMomentum: false; to train with the policy's, leave momentum out), got 0.9",
    });
    assert.throws(() => adamw(cycling, { beta1: [0.95] }), {
      name: "TypeError",
      message: "beta1: expected no value while the policy schedules momentum, which sets beta1 (to train with this " +
        "value, build the policy with cycleMomentum: false; to train with the policy's, leave beta1 out), got [0.95]",
    });
    // both ways out work
    const fixed = cyclicLR({ baseLr: 0.05, maxLr: 0.3, stepSize: 320, cycleMomentum: false });
    const params = [[new Float32Array([1])]];
    const kept = sgd(fixed, { momentum: 0.9 });
    assert.equal(kept.update(params, params, kept.init(params)).momentum, undefined);
    const cycled = sgd(cycling);
    assert.deepEqual(cycled.update(params, params, cycled.init(params)).momentum, [0.9]);
  });
});

describe("bad input gets an error naming the tensor or group", () => {
  const policy: PolicyLike = { lr: () => [0.1, 0.2], groups: 2 };
  const fresh = (o: Parameters<typeof sgd>[1] = {}) => {
    const opt = sgd(policy, o);
    const params = [[new Float32Array(5)], [new Float32Array(3), new Float32Array(2)]];
    return { opt, params, state: opt.init(params) };
  };
  const grads = () => [[new Float32Array(5)], [new Float32Array(3), new Float32Array(2)]];

  test("a gradient of the wrong length", () => {
    const { opt, params, state } = fresh();
    const g = grads();
    g[1][1] = new Float32Array(4);
    assert.throws(() => opt.update(params, g, state), {
      name: "RangeError",
      message: "grads[1][1]: expected 2 values (as params[1][1]), got 4",
    });
    assert.equal(state.step, 0);
  });
  test("a parameter tensor that changed size since init", () => {
    const { opt, state } = fresh();
    assert.throws(
      () => opt.update([[new Float32Array(6)], [new Float32Array(3), new Float32Array(2)]], grads(), state),
      {
        message: "params[0][0]: expected 5 values (at init), got 6",
      },
    );
  });
  test("a group count that does not match the policy's", () => {
    const { opt, params, state } = fresh();
    assert.throws(() => opt.update(params, [grads()[0]], state), {
      name: "RangeError",
      message: "grads: expected 2 groups (as policy.groups), got 1",
    });
    assert.throws(() => opt.init([[new Float32Array(1)]]), {
      message: "params: expected 2 groups (as policy.groups), got 1",
    });
    assert.throws(() => sgd(policy, { momentum: [0.9, 0.9, 0.9] }), {
      message: "momentum: expected 2 values (one per group, as groups), got 3",
    });
  });
  test("a missing tensor in a group", () => {
    const { opt, params, state } = fresh();
    assert.throws(() => opt.update(params, [grads()[0], [new Float32Array(3)]], state), {
      message: "grads[1]: expected 2 tensors (params), got 1",
    });
  });
  test("a tensor that is not a Float32Array", () => {
    const { opt } = fresh();
    assert.throws(() => Reflect.apply(opt.init, opt, [[[new Float64Array(5)], []]]), {
      name: "TypeError",
      message: 'params[0][0]: expected a Float32Array, got {"0":0,"1":0,"2":0,"3":0,"4":0}',
    });
  });
  test("a NaN gradient throws by default, naming tensor and index, and changes nothing", () => {
    const { opt, params, state } = fresh({ momentum: 0.9 });
    const g = grads();
    g[1][0][2] = NaN;
    params[1][0][2] = 7;
    assert.throws(() => opt.update(params, g, state), {
      name: "RangeError",
      message: "grads[1][0][2]: expected a finite number, got NaN",
    });
    assert.equal(params[1][0][2], 7);
    assert.equal(state.step, 0);
  });
  test('an infinite gradient with nonFinite: "skip" skips the step and reports it', () => {
    for (const kernel of ["plain", ...(wasmSimdSupported ? ["wasm" as const] : [])] as const) {
      const opt = sgd(policy, { nonFinite: "skip", kernel });
      const params = [[new Float32Array(9).fill(1)], [new Float32Array(3), new Float32Array(2)]];
      const state = opt.init(params);
      const g = [[new Float32Array(9).fill(1)], [new Float32Array(3), new Float32Array(2)]];
      g[0][0][6] = -Infinity;
      const report = opt.update(params, g, state);
      assert.deepEqual(report, {
        step: 0,
        skipped: true,
        reason: "grads[0][0][6]: expected a finite number, got -Infinity",
        lr: [0.1, 0.2],
      });
      assert.equal(state.step, 0);
      assert.deepEqual([...params[0][0]], new Array(9).fill(1));
      g[0][0][6] = 1;
      assert.equal(opt.update(params, g, state).skipped, false);
      assert.equal(state.step, 1);
    }
  });
  test('nonFinite: "propagate" does not check, as PyTorch: the NaN reaches the parameter', () => {
    for (const kernel of ["plain", ...(wasmSimdSupported ? ["wasm" as const] : [])] as const) {
      const opt = sgd(policy, { nonFinite: "propagate", kernel });
      const params = [[new Float32Array(5)], [new Float32Array(3), new Float32Array(2)]];
      const g = grads();
      g[0][0][3] = NaN;
      assert.equal(opt.update(params, g, opt.init(params)).skipped, false);
      assert.ok(Number.isNaN(params[0][0][3]));
      assert.equal(params[0][0][4], 0);
    }
  });
  test("use after release", () => {
    const { opt, params, state } = fresh();
    opt.release(state);
    assert.throws(() => opt.update(params, grads(), state), {
      name: "TypeError",
      message: "state: used after release()",
    });
    assert.throws(() => opt.save(state), { message: "state: used after release()" });
  });
  test("a state from another optimizer", () => {
    const { opt, params } = fresh();
    const other = fresh().state;
    assert.throws(
      () => opt.update(params, grads(), other),
      /^TypeError: state: expected a state from this optimizer's init\(\) or load\(\)/,
    );
  });
  test("a schedule value out of range names the schedule, iteration and group", () => {
    const opt = adam({ lr: (t) => [0.1, t], momentum: () => [0.9, 1], groups: 2 });
    const params = [[new Float32Array(1)], [new Float32Array(1)]];
    const state = opt.init(params);
    assert.throws(() => opt.update(params, params, state), {
      message: "policy.momentum(0)[1]: expected a number in [0, 1), got 1",
    });
    const bad = sgd({ lr: () => [0.1, -1], groups: 2 });
    assert.throws(() => bad.update(params, params, bad.init(params)), {
      message: "policy.lr(0)[1]: expected a finite number >= 0, got -1",
    });
  });
  test("bad hyper-parameters", () => {
    assert.throws(() => adam({ lr: () => [0.1], groups: 1 }, { beta2: 1 }), {
      name: "RangeError",
      message: "beta2: expected a number in [0, 1), got 1",
    });
    assert.throws(() => adam({ lr: () => [0.1, 0.1], groups: 2 }, { beta1: [0.9, 1.5] }), {
      message: "beta1[1]: expected a number in [0, 1), got 1.5",
    });
    assert.throws(() => sgd({ lr: () => [0.1], groups: 1 }, { nesterov: true }), {
      message: "nesterov: expected momentum > 0 in every group, got momentum[0] = 0",
    });
    assert.throws(() => sgd({ lr: () => [0.1], groups: 1 }, { nesterov: true, momentum: 0.9, dampening: 0.1 }), {
      message: "nesterov: expected dampening 0 in every group, got dampening[0] = 0.1",
    });
    assert.throws(() => sgd({ lr: () => [0.1], groups: 1 }, { weightDecay: -1 }), {
      message: "weightDecay: expected a finite number >= 0, got -1",
    });
    assert.throws(() => sgd({ lr: () => [0.1], groups: 0 }), {
      message: "policy.groups: expected a positive integer, got 0",
    });
    assert.throws(() => Reflect.apply(sgd, undefined, [{ lr: () => [0.1], groups: 1 }, { nonFinite: "ignore" }]), {
      message: 'nonFinite: expected one of "throw", "skip", "propagate", got "ignore"',
    });
  });
});
