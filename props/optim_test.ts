import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { PolicyLike } from "../lib/types.ts";
import { cyclicLR } from "../mod.ts";
import { adam, adamw } from "../lib/optim/adam.ts";
import { scheduleFreeAdamw } from "../lib/optim/schedule_free_adamw.ts";
import { scheduleFreeSgd } from "../lib/optim/schedule_free_sgd.ts";
import { sgd } from "../lib/optim/sgd.ts";
import type { Optimizer, OptimizerState, Tensors } from "../lib/optim/types.ts";
import { wasmSimdSupported } from "../lib/optim/wasm/runtime.ts";

const KERNELS = wasmSimdSupported ? (["plain", "wasm"] as const) : (["plain"] as const);
const f = Math.fround;

const finiteFloat = fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
/** A group layout (1-3 groups, 1-3 tensors, 1-9 values each) filled from pools of parameters and gradients. */
const problemArb = fc.record({
  sizes: fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }), {
    minLength: 1,
    maxLength: 3,
  }),
  params: fc.array(finiteFloat, { minLength: 81, maxLength: 81 }),
  grads: fc.array(finiteFloat, { minLength: 81, maxLength: 81 }),
}).map(({ sizes, params, grads }) => {
  let at = 0;
  const layout = sizes.map((g) => g.map((n) => (at += n, [at - n, at])));
  const fill = (pool: number[]) => layout.map((g) => g.map(([a, b]) => Float32Array.from(pool.slice(a, b))));
  return { params: fill(params), grads: fill(grads) };
});
const copy = (ts: Tensors) => ts.map((g) => g.map((x) => new Float32Array(x)));

/** Every algorithm with random hyper-parameters, for `groups` groups and a given policy. */
const optimizerArb = fc.record({
  kind: fc.constantFrom("sgd", "nesterov", "adam", "adamw"),
  momentum: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  dampening: fc.double({ min: 0, max: 1, noNaN: true }),
  weightDecay: fc.double({ min: 0, max: 0.1, noNaN: true }),
  beta2: fc.double({ min: 0, max: 0.9999, noNaN: true }),
  kernel: fc.constantFrom(...KERNELS),
}).map((h) => (policy: PolicyLike): Optimizer => {
  const { kernel, weightDecay } = h;
  if (h.kind === "sgd") return sgd(policy, { momentum: h.momentum, dampening: h.dampening, weightDecay, kernel });
  if (h.kind === "nesterov") return sgd(policy, { momentum: h.momentum, nesterov: true, weightDecay, kernel });
  return (h.kind === "adam" ? adam : adamw)(policy, { beta1: h.momentum, beta2: h.beta2, weightDecay, kernel });
});

describe("optimizer laws", () => {
  test("a zero rate leaves every parameter's value unchanged, whatever the algorithm and gradients", () =>
    fc.assert(
      fc.property(problemArb, optimizerArb, fc.integer({ min: 1, max: 3 }), ({ params, grads }, make, steps) => {
        const policy: PolicyLike = { lr: () => params.map(() => 0), groups: params.length };
        const opt = make(policy);
        const p = copy(params);
        const state = opt.init(p);
        for (let s = 0; s < steps; s++) opt.update(p, grads, state);
        p.forEach((group, g) =>
          group.forEach((x, i) =>
            x.forEach((v, j) => assert.ok(v === params[g][i][j], `params[${g}][${i}][${j}]: ${v}`))
          )
        );
      }),
      { numRuns: 150 },
    ));

  test("SGD without momentum moves each parameter to exactly fround(p - fround(fround(lr) * g))", () =>
    fc.assert(
      fc.property(
        problemArb,
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.constantFrom(...KERNELS),
        ({ params, grads }, lr, kernel) => {
          const opt = sgd({ lr: () => params.map((_, g) => lr * (g + 1)), groups: params.length }, { kernel });
          const p = copy(params);
          opt.update(p, grads, opt.init(p));
          p.forEach((group, g) =>
            group.forEach((x, i) =>
              x.forEach((v, j) => {
                const expected = f(params[g][i][j] - f(f(lr * (g + 1)) * grads[g][i][j]));
                assert.ok(Object.is(v, expected), `params[${g}][${i}][${j}]: ${v}, expected ${expected}`);
              })
            )
          );
        },
      ),
      {
        numRuns: 200,
        examples: [[{ params: [[new Float32Array([1])]], grads: [[new Float32Array([3])]] }, 0.1, "plain"]],
      },
    ));
});

// ---------------------------------------------------------------------------------------
// Resume equivalence, model-based: step, save (to JSON text), restore (into a fresh
// optimizer, on either kernel). The model is the step counter; the oracle is the
// uninterrupted run, whose parameters after k steps the real system must equal bit for bit
// (for the schedule-free optimizers the parameters are y, and a resumed run reaches them
// only if z, x, v, the weight sums and lrMax all came back).
// ---------------------------------------------------------------------------------------

const SIZES = [[5, 9], [3]];
const policy = cyclicLR({
  baseLr: [0.01, 0.05],
  maxLr: [0.1, 0.2],
  stepSizeUp: 3,
  stepSizeDown: 4,
  mode: "triangular2",
});

const fixedMomentum = cyclicLR({ baseLr: 0.01, maxLr: 0.1, stepSizeUp: 5, groups: 2, cycleMomentum: false });

function gradsAt(params: Tensors, k: number): Float32Array[][] {
  return params.map((group, g) =>
    group.map((p, i) => p.map((x, j) => 0.5 * x + Math.sin(k * 1.3 + g + i * 0.7 + j * 2.1)))
  );
}

interface Model {
  step: number;
  saved: number | undefined;
}
interface Real {
  make: (kernel: "plain" | "wasm") => Optimizer;
  opt: Optimizer;
  state: OptimizerState;
  params: Float32Array[][];
  saved: { checkpoint: string; params: Float32Array[][] } | undefined;
  trajectory: Float32Array[][][];
}

function assertAt(r: Real, k: number): void {
  const want = r.trajectory[k];
  r.params.forEach((group, g) =>
    group.forEach((x, i) =>
      x.forEach((v, j) =>
        assert.ok(Object.is(v, want[g][i][j]), `after ${k} steps params[${g}][${i}][${j}]: ${v} vs ${want[g][i][j]}`)
      )
    )
  );
  assert.equal(r.state.step, k);
}

class Step implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const report = r.opt.update(r.params, gradsAt(r.params, m.step), r.state);
    assert.deepEqual(report.lr, r.opt.policy.lr(m.step));
    m.step++;
    assertAt(r, m.step);
  }
  toString = () => "step";
}
class Save implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    r.saved = { checkpoint: JSON.stringify(r.opt.save(r.state)), params: copy(r.params) };
    m.saved = m.step;
  }
  toString = () => "save";
}
class Restore implements fc.Command<Model, Real> {
  constructor(readonly kernel: "plain" | "wasm") {}
  check = (m: Readonly<Model>) => m.saved !== undefined;
  run(m: Model, r: Real): void {
    if (!r.saved || m.saved === undefined) throw new Error("unreachable: check() requires a save");
    r.opt.release(r.state);
    r.opt = r.make(this.kernel);
    r.state = r.opt.load(JSON.parse(r.saved.checkpoint));
    r.params = copy(r.saved.params);
    m.step = m.saved;
    assertAt(r, m.step);
  }
  toString = () => `restore(${this.kernel})`;
}

const MAX_COMMANDS = 40;
const makers: [string, (kernel: "plain" | "wasm") => Optimizer][] = [
  [
    "SGD with momentum and dampening",
    (kernel) => sgd(fixedMomentum, { momentum: 0.9, dampening: 0.2, weightDecay: 1e-3, kernel }),
  ],
  ["SGD Nesterov", (kernel) => sgd(policy, { nesterov: true, kernel })],
  ["Adam", (kernel) => adam(policy, { weightDecay: 1e-2, kernel })],
  ["AdamW", (kernel) => adamw(fixedMomentum, { kernel })],
  [
    "schedule-free SGD",
    (kernel) => scheduleFreeSgd(fixedMomentum, { weightDecay: [1e-3, 0], r: [0, 1], kernel }),
  ],
  [
    "schedule-free AdamW",
    (kernel) => scheduleFreeAdamw(fixedMomentum, { weightDecay: 0.01, weightLrPower: [2, 0.5], kernel }),
  ],
];

describe("resume equivalence (model-based: step, save, restore)", () => {
  for (const [name, make] of makers) {
    test(`${name}: a run saved at step k and resumed equals the uninterrupted run bit for bit`, () => {
      const init = () =>
        SIZES.map((g, gi) => g.map((n, i) => Float32Array.from({ length: n }, (_, j) => Math.cos(gi + i * 3 + j))));
      // the uninterrupted run, on the plain kernel
      const opt = make("plain");
      const params = init();
      const state = opt.init(params);
      const trajectory = [copy(params)];
      for (let k = 0; k < MAX_COMMANDS; k++) {
        opt.update(params, gradsAt(params, k), state);
        trajectory.push(copy(params));
      }
      fc.assert(
        fc.property(
          fc.commands([
            fc.constant(new Step()),
            fc.constant(new Save()),
            fc.constantFrom(...KERNELS).map((k) => new Restore(k)),
          ], {
            maxCommands: MAX_COMMANDS,
          }),
          fc.constantFrom(...KERNELS),
          (cmds, kernel) => {
            const setup = () => {
              const o = make(kernel);
              const p = init();
              const real: Real = { make, opt: o, state: o.init(p), params: p, saved: undefined, trajectory };
              return { model: { step: 0, saved: undefined }, real };
            };
            fc.modelRun(setup, cmds);
          },
        ),
        { numRuns: 100 },
      );
    });
  }
});
