import { type FieldsOf, kind, oneOf } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import {
  allocate,
  checkSizes,
  checkTensors,
  copyParamsIn,
  evalViewError,
  firstNonFiniteMessage,
  internalsOf,
  runtimeOf,
  settled,
  sizesOf,
} from "./_core.ts";
import { assignState, readCheckpoint, refuseEvalView } from "./checkpoint.ts";
import type { Backend, Checkpoint, Optimizer, OptimizerState, Tensors, Trainer, View } from "./types.ts";
import { type Gpu, requestDevice } from "./webgpu/device.ts";
import { gpuTrainer } from "./webgpu/run.ts";

/**
 * Options of {@link createTrainer}.
 *
 * @example Force the CPU even where WebGPU exists
 * ```ts
 * import assert from "node:assert/strict";
 * import { createTrainer, sgd, type TrainerOptions } from "cyclical-lr/optim";
 * const options: TrainerOptions = { backend: "cpu" };
 * const trainer = await createTrainer(sgd({ lr: () => [0.1], groups: 1 }), [[new Float32Array(4)]], options);
 * assert.equal(trainer.backend, "cpu");
 * ```
 */
export interface TrainerOptions {
  /** `"auto"` takes WebGPU when `navigator.gpu` gives an adapter, else the CPU. */
  readonly backend?: "auto" | Backend;
  /** Resume from this checkpoint (its sizes must match `params`). */
  readonly checkpoint?: Checkpoint;
  /** The WebGPU entry point (`navigator.gpu` when left out). */
  readonly gpu?: Gpu;
}

/**
 * The options table of {@link createTrainer}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TRAINER } from "cyclical-lr/optim";
 * assert.equal(TRAINER.read({}).backend, "auto");
 * ```
 */
export const TRAINER: OptionsTable<FieldsOf<TrainerOptions, "checkpoint" | "gpu">> = optionsTable("createTrainer", {
  backend: oneOf(["auto", "cpu", "webgpu"]).default("auto"),
  checkpoint: kind("a checkpoint (from save())", (v): v is Checkpoint => typeof v === "object" && v !== null, {
    json: false,
  }).optional(),
  gpu: kind("a WebGPU entry point (navigator.gpu)", (v): v is Gpu => typeof v === "object" && v !== null, {
    json: false,
  }).optional(),
});

function cpuTrainer(
  opt: Optimizer,
  params: Tensors,
  sizes: number[][],
  reason: string,
  checkpoint?: Checkpoint,
): Trainer {
  const { rule, kernel, nonFinite } = internalsOf(opt);
  const flat = sizes.flat();
  const extra = [...flat, ...flat];
  let state: OptimizerState;
  if (checkpoint) {
    checkSizes(checkpoint, sizes);
    const parts = readCheckpoint(opt, rule, checkpoint);
    refuseEvalView(rule, parts, params);
    state = allocate(opt, rule, kernel, sizes, extra);
    assignState(state, parts);
  } else {
    state = allocate(opt, rule, kernel, sizes, extra);
    copyParamsIn(state, rule, params);
  }
  const runtime = runtimeOf(state, opt);
  const live = sizes.map((g, gi) =>
    g.map((n, i) => {
      const x = runtime.alloc(n);
      x.set(params[gi][i]);
      return x;
    })
  );
  const grads = sizes.map((g) => g.map((n) => runtime.alloc(n)));
  let destroyed = false;
  let view: View = "train";
  /** The train-view parameters, kept aside in the eval view (schedule-free only). */
  let trainParams: Float32Array[][] | undefined;
  const alive = () => {
    if (destroyed) throw new TypeError("trainer: used after destroy()");
  };
  const setLive = (from: Tensors) => from.forEach((group, gi) => group.forEach((x, i) => live[gi][i].set(x)));
  const load = (c: Checkpoint, p: Tensors): void => {
    alive();
    checkTensors("params", p, opt.groups, sizes);
    checkSizes(c, sizes);
    const parts = readCheckpoint(opt, rule, c);
    refuseEvalView(rule, parts, p);
    assignState(state, parts);
    setLive(p);
    trainParams = undefined;
    view = "train";
  };
  return {
    backend: "cpu",
    kernel: kernel.kind,
    reason,
    optimizer: opt,
    get step() {
      return state.step;
    },
    get view() {
      return view;
    },
    get params() {
      alive();
      return live;
    },
    get grads() {
      alive();
      return grads;
    },
    upload: (g) => {
      alive();
      checkTensors("grads", g, opt.groups, sizes, "params");
      const bad = nonFinite === "throw" ? firstNonFiniteMessage(g) : undefined;
      if (bad) throw new RangeError(bad);
      g.forEach((group, gi) => group.forEach((x, i) => grads[gi][i].set(x)));
    },
    update: () => {
      alive();
      if (view === "eval") throw evalViewError();
      return opt.update(live, grads, state);
    },
    eval: () => {
      alive();
      if (view === "eval") return;
      if (rule.views) {
        trainParams = live.map((g) => g.map((x) => new Float32Array(x)));
        setLive(state.moments[rule.views.x]);
      }
      view = "eval";
    },
    train: () => {
      alive();
      if (view === "train") return;
      if (trainParams) setLive(trainParams);
      trainParams = undefined;
      view = "train";
    },
    read: () =>
      settled(() => {
        alive();
        return live.map((g) => g.map((x) => new Float32Array(x)));
      }),
    save: () =>
      settled(() => {
        alive();
        return opt.save(state);
      }),
    load: (c, p) => settled(() => load(c, p)),
    destroy: () => {
      alive();
      destroyed = true;
      opt.release(state);
    },
  };
}

/**
 * Binds an optimizer to its parameters on a backend: `"cpu"` (the optimizer's kernel,
 * WebAssembly SIMD by default), `"webgpu"` (WGSL compute shaders: one pipeline per
 * algorithm, created once; per-step scalars in a uniform buffer; one dispatch per tensor),
 * or `"auto"`, which takes WebGPU when `navigator.gpu.requestAdapter()` gives an adapter
 * and says which it took in `reason`. The parameters are copied in; the CPU trainer's
 * `params` and `grads` are live arrays, so a training loop writes gradients into `grads`,
 * calls `update()`, and reads `params` with no copies.
 *
 * Both backends compute the same float32 arithmetic: the CPU gives the bits of the
 * plain-TypeScript reference; WebGPU agrees within 1e-6 relative (bit for bit where the
 * GPU compiler does not fuse multiply-adds).
 *
 * Views: a trainer starts in the train view. For {@link scheduleFreeSgd} and
 * {@link scheduleFreeAdamw} the parameters it trains (`y`, where gradients are taken) are
 * not the ones to evaluate (`x`, the average): call `eval()` before computing a validation
 * or test metric, exporting or deploying the weights, and `train()` before the next
 * `upload()`/`update()` (`update()` in the eval view throws). Read the parameters to resume
 * from in the train view: a checkpoint holds `z`, `x` and the sums, and the train view's
 * `y` goes with it (resuming from the eval view's `x` is refused). For the other optimizers
 * both views are the same parameters. `load(checkpoint, params)` restores a checkpoint and
 * the train-view parameters in place (the range test's restore: `restore: trainer`).
 *
 * @param optimizer From {@link sgd}, {@link adam}, {@link adamw}, {@link scheduleFreeSgd} or {@link scheduleFreeAdamw}.
 * @param params Initial parameters by group (copied).
 * @param options The backend, a checkpoint to resume from, the WebGPU entry point.
 * @returns The trainer.
 * @throws {TypeError} If `backend` is unknown, or `"webgpu"` is asked for and there is no adapter.
 * @throws {RangeError} If `params` do not match the policy's groups or the checkpoint's sizes.
 *
 * @example A training loop on the CPU: SGD with momentum 0.9 over two groups
 * ```ts
 * import assert from "node:assert/strict";
 * import { createTrainer, sgd } from "cyclical-lr/optim";
 * import { cyclicLR } from "cyclical-lr";
 * const policy = cyclicLR({ baseLr: [0.05, 0.1], maxLr: [0.5, 1], stepSizeUp: 100, cycleMomentum: false });
 * const trainer = await createTrainer(sgd(policy, { momentum: 0.9 }), [
 *   [new Float32Array(784 * 128), new Float32Array(128 * 10)], // weights
 *   [new Float32Array(128), new Float32Array(10)], // biases
 * ], { backend: "cpu" });
 * const [weights, biases] = trainer.params!; // live: the model reads these
 * const [gw, gb] = trainer.grads!; // live: backprop writes these
 * for (let t = 0; t < 2; t++) {
 *   gb[1].fill(1);
 *   trainer.update();
 * }
 * assert.equal(trainer.step, 2);
 * assert.equal(weights[0][0], 0);
 * assert.ok(Math.abs(biases[1][0] - -(0.1 + 0.109 * 1.9)) < 1e-6);
 * const resumed = await createTrainer(sgd(policy, { momentum: 0.9 }), await trainer.read(), {
 *   backend: "cpu",
 *   checkpoint: await trainer.save(),
 * });
 * assert.equal(resumed.step, 2);
 * trainer.destroy();
 * assert.throws(() => trainer.update(), /trainer: used after destroy\(\)/);
 * await assert.rejects(trainer.read(), /trainer: used after destroy\(\)/);
 * void gw;
 * ```
 *
 * @example Schedule-free SGD: train at y, evaluate at x, then go on training
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant } from "cyclical-lr";
 * import { createTrainer, scheduleFreeSgd } from "cyclical-lr/optim";
 * const trainer = await createTrainer(scheduleFreeSgd(constant({ value: 0.5 })), [[new Float32Array([0])]], {
 *   backend: "cpu",
 * });
 * const [[w]] = trainer.params!;
 * for (let t = 0; t < 100; t++) {
 *   trainer.grads![0][0][0] = 2 * (w[0] - 3); // the gradient of (w - 3)^2, taken at y
 *   trainer.update();
 * }
 * trainer.eval(); // w now holds x: evaluate, export
 * assert.ok(Math.abs(w[0] - 3) < 0.1);
 * trainer.train(); // back to y, bit for bit
 * trainer.update();
 * assert.equal(trainer.step, 101);
 * ```
 */
export async function createTrainer(
  optimizer: Optimizer,
  params: Tensors,
  options: TrainerOptions = {},
): Promise<Trainer> {
  const { rule } = internalsOf(optimizer);
  const sizes = sizesOf(checkTensors("params", params, optimizer.groups));
  const { backend, checkpoint, gpu } = TRAINER.read(options);
  if (backend === "cpu") return cpuTrainer(optimizer, params, sizes, 'backend "cpu" was asked for', checkpoint);
  const got = await requestDevice(gpu);
  if ("reason" in got) {
    if (backend === "webgpu") {
      throw new TypeError(`backend: expected "auto" or "cpu" here (${got.reason}), got "webgpu"`);
    }
    return cpuTrainer(optimizer, params, sizes, `auto: ${got.reason}, so the CPU`, checkpoint);
  }
  const reason = backend === "auto" ? "auto: a WebGPU adapter was found" : 'backend "webgpu" was asked for';
  return gpuTrainer(optimizer, rule, params, sizes, got.device, reason, checkpoint);
}
