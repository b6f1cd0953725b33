/**
 * cyclical-lr/optim: the optimizer adapter. SGD, Adam and AdamW with PyTorch's update
 * equations, and schedule-free SGD and AdamW (Defazio et al. 2024), in float32, on `Float32Array`s (a WebAssembly SIMD kernel, bit-identical to a
 * plain TypeScript one) or on WebGPU, driven by a policy, with JSON checkpoints.
 *
 * @example One SGD step from a triangular policy
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular } from "cyclical-lr";
 * import { sgd } from "cyclical-lr/optim";
 * const opt = sgd(triangular({ baseLr: 0.1, maxLr: 1, stepSize: 10 }));
 * const params = [[new Float32Array([1, 2])]];
 * opt.update(params, [[new Float32Array([1, 1])]], opt.init(params));
 * assert.deepEqual([...params[0][0]], [0.8999999761581421, 1.899999976158142]);
 * ```
 *
 * @module
 */
export type {
  Algorithm,
  Backend,
  Checkpoint,
  CpuKernel,
  KernelOptions,
  NonFinitePolicy,
  Optimizer,
  OptimizerState,
  StepReport,
  Tensors,
  Trainer,
  View,
} from "./lib/optim/types.ts";
export { SGD, sgd, type SgdOptions } from "./lib/optim/sgd.ts";
export { ADAM, adam, type AdamOptions, ADAMW, adamw } from "./lib/optim/adam.ts";
export { SCHEDULE_FREE_SGD, scheduleFreeSgd, type ScheduleFreeSgdOptions } from "./lib/optim/schedule_free_sgd.ts";
export {
  SCHEDULE_FREE_ADAMW,
  scheduleFreeAdamw,
  type ScheduleFreeAdamwOptions,
} from "./lib/optim/schedule_free_adamw.ts";
export { decodeFloat32, encodeFloat32 } from "./lib/optim/checkpoint.ts";
export { wasmSimdSupported } from "./lib/optim/wasm/runtime.ts";
export { createTrainer, TRAINER, type TrainerOptions } from "./lib/optim/trainer.ts";
export type { Gpu } from "./lib/optim/webgpu/device.ts";
export { SGD_WGSL } from "./lib/optim/webgpu/sgd_wgsl.ts";
export { ADAM_WGSL } from "./lib/optim/webgpu/adam_wgsl.ts";
export { SCHEDULE_FREE_ADAMW_WGSL, SCHEDULE_FREE_SGD_WGSL } from "./lib/optim/webgpu/schedule_free_wgsl.ts";
export type { AveragingOptions } from "./lib/optim/_schedule_free.ts";
