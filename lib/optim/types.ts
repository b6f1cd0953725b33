/**
 * The types of the optimizer adapter: parameter groups of `Float32Array` tensors, the
 * optimizer state (moments plus the step counter), the report of one update, and the
 * optimizer itself (`init` then `update`, shaped like optax).
 *
 * @module
 */

import type { Policy } from "../types.ts";

/**
 * Tensors by parameter group: `tensors[g][i]` is tensor `i` of group `g`, flat and float32.
 *
 * @example A 784-128-10 MLP: weights in group 0, biases in group 1
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Tensors } from "cyclical-lr/optim";
 * const params: Tensors = [
 *   [new Float32Array(784 * 128), new Float32Array(128 * 10)],
 *   [new Float32Array(128), new Float32Array(10)],
 * ];
 * assert.equal(params[1][0].length, 128);
 * ```
 */
export type Tensors = readonly (readonly Float32Array[])[];

/**
 * The update rules. `adamw` is Adam with decoupled weight decay (PyTorch `AdamW`);
 * `scheduleFreeSgd` and `scheduleFreeAdamw` are Defazio et al.'s schedule-free SGD and
 * AdamW (`facebookresearch/schedule_free`'s reference implementations).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamw, type Algorithm } from "cyclical-lr/optim";
 * const algorithm: Algorithm = adamw({ lr: () => [0.1], groups: 1 }).algorithm;
 * assert.equal(algorithm, "adamw");
 * ```
 */
export type Algorithm = "sgd" | "adam" | "adamw" | "scheduleFreeSgd" | "scheduleFreeAdamw";

/**
 * Which CPU kernel runs the update: WebAssembly SIMD (f32x4) or plain TypeScript.
 * Both give the same bits; `"auto"` takes `"wasm"` where WebAssembly SIMD validates.
 *
 * @example Both kernels give the same bits
 * ```ts
 * import assert from "node:assert/strict";
 * import { adam, type CpuKernel } from "cyclical-lr/optim";
 * const run = (kernel: CpuKernel) => {
 *   const opt = adam({ lr: () => [0.01], groups: 1 }, { kernel });
 *   const params = [[new Float32Array([1, 2, 3, 4, 5])]];
 *   const state = opt.init(params);
 *   for (let t = 0; t < 3; t++) opt.update(params, [[new Float32Array([5, -4, 3, -2, 1])]], state);
 *   return params[0][0];
 * };
 * assert.deepEqual(run("wasm"), run("plain"));
 * ```
 */
export type CpuKernel = "wasm" | "plain";

/**
 * What to do with a NaN or ±Infinity gradient: throw (the default), skip the step and
 * report it, or `"propagate"`: no check, the values flow into the state as in PyTorch
 * (saves one read of the gradients per step, about 4 of Adam's 28 bytes per parameter).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sgd } from "cyclical-lr/optim";
 * const opt = sgd({ lr: () => [0.1], groups: 1 }, { nonFinite: "skip" });
 * const params = [[new Float32Array(2)]];
 * const report = opt.update(params, [[new Float32Array([0, NaN])]], opt.init(params));
 * assert.equal(report.reason, "grads[0][0][1]: expected a finite number, got NaN");
 * ```
 */
export type NonFinitePolicy = "throw" | "skip" | "propagate";

/** What every optimizer takes besides its hyper-parameters: the kernel and the non-finite rule. */
export interface KernelOptions {
  /** A NaN or ±Infinity gradient throws (`"throw"`), skips the step (`"skip"`) or is not checked (`"propagate"`). */
  readonly nonFinite?: NonFinitePolicy;
  /** The CPU kernel; `"auto"` takes WebAssembly SIMD where it validates. */
  readonly kernel?: "auto" | CpuKernel;
}

/**
 * The state of an optimizer: its moments and its step counter, nothing else.
 *
 * `moments[k][g][i]` is moment `k` of tensor `i` of group `g`: for SGD `k = 0` is the
 * momentum buffer (empty arrays in groups that never use momentum); for Adam/AdamW
 * `k = 0` is `exp_avg` (m) and `k = 1` is `exp_avg_sq` (v); for the schedule-free
 * optimizers `k = 0` is `z` (the base optimizer's iterate), `k = 1` is `x` (the average:
 * the parameters to evaluate) and, for AdamW, `k = 2` is `exp_avg_sq`; their parameters
 * themselves are `y`, where gradients are taken. `started[g]` says whether
 * group `g`'s momentum buffer holds a value yet (PyTorch's `buf is None` on the first
 * step, where the buffer is set to the gradient). `step` is the number of updates
 * applied, which is the iteration `t` of the schedules at the next update.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adam } from "cyclical-lr/optim";
 * const state = adam({ lr: () => [0.1], groups: 1 }).init([[new Float32Array(3)]]);
 * assert.equal(state.step, 0);
 * assert.equal(state.moments.length, 2);
 * ```
 */
export interface OptimizerState {
  /** Updates applied so far: the schedules' iteration `t` of the next update. */
  step: number;
  /** Moment `k`, group `g`, tensor `i`. */
  readonly moments: readonly (readonly Float32Array[])[][];
  /** Per group: whether the momentum buffer has been set (SGD). */
  readonly started: boolean[];
  /** Schedule-free only: per group, the sum of the averaging weights so far (float64). */
  readonly weightSum?: number[];
  /** Schedule-free only: per group, the largest rate so far (float64, 0 before the first step). */
  readonly lrMax?: number[];
}

/**
 * What one call to `update` did.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sgd, type StepReport } from "cyclical-lr/optim";
 * const opt = sgd({ lr: (t) => [0.1 / (t + 1)], groups: 1 });
 * const params = [[new Float32Array(1)]];
 * const state = opt.init(params);
 * opt.update(params, params, state);
 * const report: StepReport = opt.update(params, params, state);
 * assert.deepEqual(report, { step: 1, skipped: false, lr: [0.05] });
 * ```
 */
export interface StepReport {
  /** The iteration `t` whose rates were used (the counter before the update). */
  readonly step: number;
  /** Whether the update was skipped (only with `nonFinite: "skip"`). */
  readonly skipped: boolean;
  /** Why it was skipped: the first non-finite gradient, as `grads[g][i][j]: expected …`. */
  readonly reason?: string;
  /** The rate of each group at `step`, as the schedule gave it (float64). */
  readonly lr: readonly number[];
  /** The scheduled momentum (SGD) or `beta1` (Adam) of each group, when the policy schedules it. */
  readonly momentum?: readonly number[];
}

/**
 * An optimizer on `Float32Array`s, shaped like optax: `init(params)` gives the state,
 * `update(params, grads, state)` applies one step in place (parameters and state change,
 * the gradients do not) and advances `state.step`.
 *
 * @example One SGD step
 * ```ts
 * import assert from "node:assert/strict";
 * import { sgd } from "cyclical-lr/optim";
 * const opt = sgd({ lr: () => [0.5], groups: 1 });
 * const params = [[new Float32Array([1, 2])]];
 * const state = opt.init(params);
 * opt.update(params, [[new Float32Array([2, 2])]], state);
 * assert.deepEqual([...params[0][0]], [0, 1]);
 * assert.equal(state.step, 1);
 * ```
 */
export interface Optimizer {
  /** The update rule. */
  readonly algorithm: Algorithm;
  /** The CPU kernel that runs it. */
  readonly kernel: CpuKernel;
  /** The schedule policy that gives each step's rates (and momentum, if it schedules it). */
  readonly policy: Policy;
  /** Number of parameter groups (the policy's). */
  readonly groups: number;
  /** The normalized hyper-parameters: every default written out, one value per group. */
  readonly hyper: Readonly<Record<string, readonly number[] | boolean | string>>;
  /** Fresh state for these parameters: zero moments, step 0. */
  init(params: Tensors): OptimizerState;
  /** One update in place; see {@link StepReport}. */
  update(params: Tensors, grads: Tensors, state: OptimizerState): StepReport;
  /** A portable JSON checkpoint of a state: moments, step, hyper-parameters, schedule config. */
  save(state: OptimizerState): Checkpoint;
  /** A state from a checkpoint of an optimizer with the same algorithm, hyper-parameters and shapes. */
  load(checkpoint: Checkpoint): OptimizerState;
  /** Releases the kernel memory of a state; the state cannot be used afterwards. */
  release(state: OptimizerState): void;
}

/**
 * A portable checkpoint of an optimizer state: plain JSON, with every float32 array
 * stored losslessly as the base64 of its little-endian bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sgd } from "cyclical-lr/optim";
 * const opt = sgd({ lr: () => [0.1], groups: 1 }, { momentum: 0.9 });
 * const checkpoint = opt.save(opt.init([[new Float32Array(2)]]));
 * assert.equal(checkpoint.format, "cyclical-lr/optimizer@1");
 * assert.equal(JSON.parse(JSON.stringify(checkpoint)).step, 0);
 * ```
 */
export interface Checkpoint {
  /** Always `"cyclical-lr/optimizer@1"`. */
  readonly format: "cyclical-lr/optimizer@1";
  /** The update rule. */
  readonly algorithm: Algorithm;
  /** Updates applied: the iteration of the next update. */
  readonly step: number;
  /** The optimizer's hyper-parameters (one value per group), as {@link Optimizer.hyper}. */
  readonly hyper: Readonly<Record<string, readonly number[] | boolean | string>>;
  /** The schedule's config (`configOf(policy)`), or null when it has none. */
  readonly schedule: Readonly<Record<string, unknown>> | null;
  /** Per group: whether the momentum buffer is set. */
  readonly started: readonly boolean[];
  /** Tensor sizes by group. */
  readonly sizes: readonly (readonly number[])[];
  /** Moment `k`, group `g`, tensor `i`, as base64 of little-endian float32 bytes. */
  readonly moments: readonly (readonly (readonly string[])[])[];
  /** Schedule-free only: per group, the sum of the averaging weights (float64, exact in JSON). */
  readonly weightSum?: readonly number[];
  /** Schedule-free only: per group, the largest rate so far (float64). */
  readonly lrMax?: readonly number[];
}

/**
 * Where a trainer keeps the parameters and runs the updates.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Backend, createTrainer, sgd } from "cyclical-lr/optim";
 * const trainer = await createTrainer(sgd({ lr: () => [0.1], groups: 1 }), [[new Float32Array(1)]], { backend: "cpu" });
 * const backend: Backend = trainer.backend;
 * assert.equal(backend, "cpu");
 * ```
 */
export type Backend = "cpu" | "webgpu";

/**
 * An optimizer bound to its parameters on a backend. On the CPU, `params` and `grads` are
 * live `Float32Array`s in the kernel's memory (write gradients into `grads`, read weights
 * from `params`, no copies); on WebGPU they live in GPU buffers, so gradients go up with
 * `upload` and parameters come back with `await read()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createTrainer, sgd } from "cyclical-lr/optim";
 * const trainer = await createTrainer(sgd({ lr: () => [1], groups: 1 }), [[new Float32Array([3])]], { backend: "cpu" });
 * trainer.upload([[new Float32Array([1])]]);
 * trainer.update();
 * assert.deepEqual(await trainer.read(), [[new Float32Array([2])]]);
 * ```
 */
export interface Trainer {
  /** Where the parameters live. */
  readonly backend: Backend;
  /** What runs the update: a CPU kernel, or `"wgsl"` on WebGPU. */
  readonly kernel: CpuKernel | "wgsl";
  /** Why this backend was taken (for `"auto"`: whether an adapter was found). */
  readonly reason: string;
  /** The optimizer (algorithm, policy, hyper-parameters). */
  readonly optimizer: Optimizer;
  /** Updates applied: the schedules' iteration at the next update. */
  readonly step: number;
  /** CPU: the live parameters, updated in place by `update()`; WebGPU: undefined. */
  readonly params: Tensors | undefined;
  /** CPU: the live gradient arrays that `update()` reads; WebGPU: undefined. */
  readonly grads: Tensors | undefined;
  /**
   * Which parameters the trainer holds: `"train"`, where gradients are taken and `update()`
   * runs, or `"eval"`, the parameters to evaluate. For the schedule-free optimizers these
   * differ (`y` and `x`); for the others they are the same values. A trainer starts in `"train"`.
   */
  readonly view: View;
  /** Copies gradients in (checked: shapes, and NaN/±Infinity under `nonFinite: "throw"`). */
  upload(grads: Tensors): void;
  /** One update with the current gradients; throws in the eval view (call `train()` first). */
  update(): StepReport;
  /**
   * Switches to the eval view: the parameters (`params`, `read()`) become the ones to
   * evaluate (schedule-free: `x`; the train-view `y` is kept aside). No-op in the eval view.
   */
  eval(): void;
  /** Switches back to the train view, restoring the train-view parameters bit for bit. No-op in the train view. */
  train(): void;
  /** A copy of the parameters of the current view; rejects after `destroy()`. */
  read(): Promise<Float32Array[][]>;
  /**
   * A checkpoint of the optimizer state, the same in either view (load it with `load`,
   * `createTrainer(…, { checkpoint })` or `optimizer.load`); rejects after `destroy()`.
   */
  save(): Promise<Checkpoint>;
  /**
   * Restores a checkpoint and the train-view parameters in place (what `save()` and `read()`
   * in the train view gave), and switches to the train view. Everything is checked first:
   * a bad checkpoint or parameter list rejects and changes nothing.
   */
  load(checkpoint: Checkpoint, params: Tensors): Promise<void>;
  /**
   * Frees the memory (GPU buffers and device, once the work already submitted is done);
   * every later call throws (or rejects, for the async ones).
   */
  destroy(): void;
}

/**
 * The two parameter views of a trainer: `"train"` (where gradients are taken) and `"eval"`
 * (what to evaluate). They differ for the schedule-free optimizers only.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createTrainer, scheduleFreeSgd, type View } from "cyclical-lr/optim";
 * const trainer = await createTrainer(scheduleFreeSgd({ lr: () => [1], groups: 1 }), [[new Float32Array(1)]], {
 *   backend: "cpu",
 * });
 * const view: View = trainer.view;
 * assert.equal(view, "train");
 * ```
 */
export type View = "train" | "eval";
