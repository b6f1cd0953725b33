/**
 * The small part of WebGPU the optimizer uses, typed structurally (TypeScript's DOM types
 * do not include WebGPU), and the adapter request behind `backend: "auto"`.
 *
 * @module
 */

/** A GPU buffer. */
export interface GpuBuffer {
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}

/** A compute pass encoder. */
export interface GpuComputePass {
  setPipeline(pipeline: GpuPipeline): void;
  setBindGroup(index: number, group: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

/** A command encoder. */
export interface GpuEncoder {
  beginComputePass(): GpuComputePass;
  copyBufferToBuffer(
    source: GpuBuffer,
    sourceOffset: number,
    destination: GpuBuffer,
    destinationOffset: number,
    size: number,
  ): void;
  finish(): unknown;
}

/** A compute pipeline. */
export interface GpuPipeline {
  getBindGroupLayout(index: number): unknown;
}

/** A device's queue. */
export interface GpuQueue {
  writeBuffer(buffer: GpuBuffer, offset: number, data: ArrayBuffer | ArrayBufferView): void;
  submit(commands: unknown[]): void;
  onSubmittedWorkDone(): Promise<void>;
}

/** A logical GPU device. */
export interface GpuDevice {
  readonly queue: GpuQueue;
  readonly limits: { readonly maxStorageBufferBindingSize: number };
  readonly lost: Promise<{ readonly reason?: unknown; readonly message: string }>;
  createBuffer(descriptor: { size: number; usage: number; mappedAtCreation?: boolean }): GpuBuffer;
  createShaderModule(descriptor: { code: string }): unknown;
  createComputePipeline(descriptor: { layout: "auto"; compute: { module: unknown; entryPoint: string } }): GpuPipeline;
  createBindGroup(
    descriptor: { layout: unknown; entries: { binding: number; resource: { buffer: GpuBuffer } }[] },
  ): unknown;
  createCommandEncoder(): GpuEncoder;
  destroy(): void;
}

/** A GPU adapter. */
export interface GpuAdapter {
  readonly limits: { readonly maxStorageBufferBindingSize: number; readonly maxBufferSize: number };
  requestDevice(descriptor?: { requiredLimits?: Record<string, number> }): Promise<GpuDevice>;
}

/**
 * `navigator.gpu`, as far as the optimizer uses it: pass one to `createTrainer` to choose
 * the adapter (or to simulate a machine without one).
 *
 * @example A GPU entry point without adapters: `"auto"` falls back to the CPU
 * ```ts
 * import assert from "node:assert/strict";
 * import { createTrainer, type Gpu, sgd } from "cyclical-lr/optim";
 * const none: Gpu = { requestAdapter: () => Promise.resolve(null) };
 * const trainer = await createTrainer(sgd({ lr: () => [0.1], groups: 1 }), [[new Float32Array(1)]], { gpu: none });
 * assert.equal(trainer.backend, "cpu");
 * assert.match(trainer.reason, /no WebGPU adapter/);
 * ```
 */
export interface Gpu {
  /** Resolves to an adapter (a `GPUAdapter`), or null when there is none. */
  requestAdapter(): Promise<object | null>;
}

/** Buffer usage bits (`GPUBufferUsage`). */
export const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
/** `GPUMapMode.READ`. */
export const MAP_READ = 1;

/** Whether `x` has the parts of a `GPUAdapter` that the optimizer uses. */
export function isGpuAdapter(x: unknown): x is GpuAdapter {
  if (typeof x !== "object" || x === null) return false;
  const limits: unknown = Reflect.get(x, "limits");
  return typeof Reflect.get(x, "requestDevice") === "function" && typeof limits === "object" && limits !== null;
}

function isGpu(x: unknown): x is Gpu {
  return typeof x === "object" && x !== null && "requestAdapter" in x && typeof x.requestAdapter === "function";
}

/** The runtime's `navigator.gpu`, when there is one. */
export function navigatorGpu(): Gpu | undefined {
  const nav: unknown = Reflect.get(globalThis, "navigator");
  const gpu: unknown = typeof nav === "object" && nav !== null ? Reflect.get(nav, "gpu") : undefined;
  return isGpu(gpu) ? gpu : undefined;
}

/**
 * Requests an adapter and a device with the adapter's largest storage buffers, or says why
 * there is none.
 *
 * @param gpu The WebGPU entry point (default: `navigator.gpu`).
 * @returns The device, or the one-line reason there is none.
 */
export async function requestDevice(
  gpu: Gpu | undefined = navigatorGpu(),
): Promise<{ device: GpuDevice } | { reason: string }> {
  if (!gpu) return { reason: "no WebGPU in this runtime (navigator.gpu is undefined)" };
  let adapter: unknown;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return { reason: `navigator.gpu.requestAdapter() failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!adapter) return { reason: "no WebGPU adapter (navigator.gpu.requestAdapter() gave null)" };
  if (!isGpuAdapter(adapter)) {
    return { reason: "navigator.gpu.requestAdapter() gave something that is not a GPUAdapter" };
  }
  const { maxStorageBufferBindingSize, maxBufferSize } = adapter.limits;
  const device = await adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize, maxBufferSize } });
  return { device };
}
