/**
 * The WebGPU trainer: parameters, gradients and moments in GPU buffers; one compute
 * pipeline per algorithm and device, created once; per-step scalars computed on the host
 * by the same code as the CPU (float64, rounded once) and written to a small uniform
 * buffer per tensor; one dispatch per tensor, all in one compute pass per step.
 *
 * @module
 */

import type { Policy } from "../../types.ts";
import {
  checkSizes,
  checkTensors,
  firstNonFiniteMessage,
  internalsOf,
  type Rule,
  scheduledAt,
  type StepCounter,
  stepReport,
} from "../_core.ts";
import { plainKernel } from "../_kernel.ts";
import { checkpointFrom, loadState } from "../checkpoint.ts";
import type { Checkpoint, Optimizer, StepReport, Tensors, Trainer } from "../types.ts";
import { ADAM_WGSL } from "./adam_wgsl.ts";
import { type GpuBuffer, type GpuDevice, type GpuPipeline, MAP_READ, USAGE } from "./device.ts";
import { SGD_WGSL } from "./sgd_wgsl.ts";

const WORKGROUP = 64;
const MAX_GROUPS_PER_DIMENSION = 65535;
const pipelines = new WeakMap<GpuDevice, Map<string, GpuPipeline>>();

function pipelineFor(device: GpuDevice, kind: "sgd" | "adam"): GpuPipeline {
  let byKind = pipelines.get(device);
  if (!byKind) pipelines.set(device, byKind = new Map());
  let pipeline = byKind.get(kind);
  if (!pipeline) {
    const module = device.createShaderModule({ code: kind === "sgd" ? SGD_WGSL : ADAM_WGSL });
    pipeline = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
    byKind.set(kind, pipeline);
  }
  return pipeline;
}

interface GpuTensor {
  readonly n: number;
  readonly bytes: number;
  readonly p: GpuBuffer;
  readonly g: GpuBuffer;
  readonly m: readonly (GpuBuffer | undefined)[];
  readonly uniform: GpuBuffer;
  readonly bind: unknown;
}

/** Reads buffers back (`bytes` each) as float32 arrays of `n` values. */
async function readBack(
  device: GpuDevice,
  items: readonly { buffer: GpuBuffer; n: number; bytes: number }[],
): Promise<Float32Array[]> {
  const encoder = device.createCommandEncoder();
  const staging = items.map(({ buffer, bytes }) => {
    const s = device.createBuffer({ size: bytes, usage: USAGE.MAP_READ | USAGE.COPY_DST });
    encoder.copyBufferToBuffer(buffer, 0, s, 0, bytes);
    return s;
  });
  device.queue.submit([encoder.finish()]);
  await Promise.all(staging.map((s) => s.mapAsync(MAP_READ)));
  return staging.map((s, i) => {
    const out = new Float32Array(s.getMappedRange().slice(0, items[i].n * 4));
    s.unmap();
    s.destroy();
    return out;
  });
}

/** The WebGPU trainer (internal: `createTrainer` calls this with a device). */
export function gpuTrainer(
  opt: Optimizer,
  rule: Rule,
  params: Tensors,
  sizes: number[][],
  device: GpuDevice,
  reason: string,
  checkpoint?: Checkpoint,
): Trainer {
  const { nonFinite } = internalsOf(opt);
  const policy: Policy = opt.policy;
  const groups = opt.groups;
  const kind = opt.algorithm === "sgd" ? "sgd" : "adam";
  const pipeline = pipelineFor(device, kind);
  const layout = pipeline.getBindGroupLayout(0);
  const nFloats = kind === "sgd" ? 4 : 8;
  const uniformBytes = (nFloats + 4) * 4;
  let lost: string | undefined;
  let destroyed = false;
  device.lost.then((info) => {
    if (!destroyed) lost = info.message || String(info.reason);
  });
  const most = Math.floor(device.limits.maxStorageBufferBindingSize / 4);
  sizes.forEach((group, g) =>
    group.forEach((n, i) => {
      if (n > most) {
        device.destroy();
        throw new RangeError(`params[${g}][${i}]: expected at most ${most} values on this WebGPU device, got ${n}`);
      }
    })
  );
  // The checkpoint is checked before any buffer exists, and a bad one releases the device,
  // as the size check above does.
  let loaded: ReturnType<typeof loadState> | undefined;
  if (checkpoint) {
    try {
      checkSizes(checkpoint, sizes);
      loaded = loadState(opt, opt, rule, plainKernel, checkpoint);
    } catch (e) {
      device.destroy();
      throw e;
    }
  }
  const storage = (bytes: number) =>
    device.createBuffer({ size: bytes, usage: USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST });
  const dummy = storage(16);
  const tensors: GpuTensor[][] = sizes.map((group, gi) =>
    group.map((n, i) => {
      const bytes = Math.max(16, n * 4);
      const p = storage(bytes), g = storage(bytes);
      if (n > 0) device.queue.writeBuffer(p, 0, params[gi][i]);
      const m = Array.from({ length: rule.moments }, (_, k) => (rule.allocates(k, gi) ? storage(bytes) : undefined));
      const uniform = device.createBuffer({ size: uniformBytes, usage: USAGE.UNIFORM | USAGE.COPY_DST });
      const buffers = [p, g, ...m.map((b) => b ?? dummy), uniform];
      const bind = device.createBindGroup({
        layout,
        entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      return { n, bytes, p, g, m, uniform, bind };
    })
  );
  let step = 0;
  const started = sizes.map(() => false);
  if (loaded) {
    const state = loaded;
    tensors.forEach((group, gi) =>
      group.forEach((x, i) =>
        x.m.forEach((b, k) => {
          const values = state.moments[k][gi][i];
          if (b && values.length > 0) device.queue.writeBuffer(b, 0, values);
        })
      )
    );
    step = state.step;
    state.started.forEach((s, g) => (started[g] = s));
    opt.release(state);
  }
  const counter: StepCounter = {
    get step() {
      return step;
    },
    started,
  };
  const data = new ArrayBuffer(uniformBytes);
  const f32 = new Float32Array(data), u32 = new Uint32Array(data);
  let fault: string | undefined;

  const alive = () => {
    if (destroyed) throw new TypeError("trainer: used after destroy()");
    if (lost !== undefined) {
      throw new Error(`webgpu: the device was lost (${lost}); checkpoints from save() still load on the CPU`);
    }
  };
  const all = (pick: (x: GpuTensor, k: number) => GpuBuffer | undefined, k = 0) =>
    tensors.flat().map((x) => ({
      buffer: pick(x, k) ?? dummy,
      n: pick(x, k) ? x.n : 0,
      bytes: pick(x, k) ? x.bytes : 16,
    }));
  const regroup = (flat: Float32Array[]) => {
    let at = 0;
    return sizes.map((g) => g.map(() => flat[at++]));
  };

  return {
    backend: "webgpu",
    kernel: "wgsl",
    reason,
    optimizer: opt,
    get step() {
      return step;
    },
    get params() {
      alive();
      return undefined;
    },
    get grads() {
      alive();
      return undefined;
    },
    upload: (grads) => {
      alive();
      checkTensors("grads", grads, groups, sizes, "params");
      const bad = nonFinite === "propagate" ? undefined : firstNonFiniteMessage(grads);
      if (bad && nonFinite === "throw") throw new RangeError(bad);
      fault = bad;
      if (bad) return;
      grads.forEach((group, gi) =>
        group.forEach((x, i) => {
          if (x.length > 0) device.queue.writeBuffer(tensors[gi][i].g, 0, x);
        })
      );
    },
    update: (): StepReport => {
      alive();
      const t = step;
      const { lr, momentum } = scheduledAt(policy, rule, t);
      if (fault !== undefined) {
        const why = fault;
        fault = undefined;
        return stepReport(t, lr, momentum, why);
      }
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      for (let g = 0; g < groups; g++) {
        rule.prepare(counter, g, lr[g], momentum?.[g]);
        const { floats, flags } = rule.uniform();
        f32.set(floats);
        u32[nFloats] = flags;
        for (const x of tensors[g]) {
          if (x.n === 0) continue;
          u32[nFloats + 1] = x.n;
          device.queue.writeBuffer(x.uniform, 0, data);
          const workgroups = Math.ceil(x.n / WORKGROUP);
          const wx = Math.min(workgroups, MAX_GROUPS_PER_DIMENSION);
          pass.setBindGroup(0, x.bind);
          pass.dispatchWorkgroups(wx, Math.ceil(workgroups / wx));
        }
      }
      pass.end();
      device.queue.submit([encoder.finish()]);
      step = t + 1;
      return stepReport(t, lr, momentum);
    },
    read: async () => {
      alive();
      return regroup(await readBack(device, all((x) => x.p)));
    },
    save: async () => {
      alive();
      const moments: Float32Array[][][] = [];
      for (let k = 0; k < rule.moments; k++) moments.push(regroup(await readBack(device, all((x, kk) => x.m[kk], k))));
      return checkpointFrom(opt, step, started, sizes, moments);
    },
    destroy: () => {
      alive();
      destroyed = true;
      for (const x of tensors.flat()) {
        for (const b of [x.p, x.g, x.uniform, ...x.m]) b?.destroy();
      }
      dummy.destroy();
      device.destroy();
    },
  };
}
