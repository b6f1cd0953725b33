/**
 * The WebGPU trainer: parameters, gradients and moments in GPU buffers; one compute
 * pipeline per shader and device, created once; per-step scalars computed on the host
 * by the same code as the CPU (float64, rounded once) and written to a small uniform
 * buffer per tensor; one dispatch per tensor, all in one compute pass per step.
 *
 * @module
 */

import type { Policy } from "../../types.ts";
import {
  checkSizes,
  checkTensors,
  evalViewError,
  firstNonFiniteMessage,
  internalsOf,
  type Rule,
  scheduledAt,
  settled,
  type StepCounter,
  stepReport,
} from "../_core.ts";
import { checkpointFrom, readCheckpoint, refuseEvalView, type StateParts } from "../checkpoint.ts";
import type { Algorithm, Checkpoint, Optimizer, StepReport, Tensors, Trainer, View } from "../types.ts";
import { ADAM_WGSL } from "./adam_wgsl.ts";
import { type GpuBuffer, type GpuDevice, type GpuPipeline, MAP_READ, USAGE } from "./device.ts";
import { SCHEDULE_FREE_ADAMW_WGSL, SCHEDULE_FREE_SGD_WGSL } from "./schedule_free_wgsl.ts";
import { SGD_WGSL } from "./sgd_wgsl.ts";

const WORKGROUP = 64;
const MAX_GROUPS_PER_DIMENSION = 65535;
const pipelines = new WeakMap<GpuDevice, Map<string, GpuPipeline>>();
const SHADERS: Readonly<Record<Algorithm, string>> = {
  sgd: SGD_WGSL,
  adam: ADAM_WGSL,
  adamw: ADAM_WGSL,
  scheduleFreeSgd: SCHEDULE_FREE_SGD_WGSL,
  scheduleFreeAdamw: SCHEDULE_FREE_ADAMW_WGSL,
};

function pipelineFor(device: GpuDevice, algorithm: Algorithm): GpuPipeline {
  let byKind = pipelines.get(device);
  if (!byKind) pipelines.set(device, byKind = new Map());
  const code = SHADERS[algorithm];
  let pipeline = byKind.get(code);
  if (!pipeline) {
    const module = device.createShaderModule({ code });
    pipeline = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
    byKind.set(code, pipeline);
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
  const nFloats = rule.uniform().floats.length;
  const uniformBytes = Math.ceil((nFloats + 2) / 4) * 16;
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
  let loaded: StateParts | undefined;
  if (checkpoint) {
    try {
      checkSizes(checkpoint, sizes);
      loaded = readCheckpoint(opt, rule, checkpoint);
      refuseEvalView(rule, loaded, params);
    } catch (e) {
      device.destroy();
      throw e;
    }
  }
  const pipeline = pipelineFor(device, opt.algorithm);
  const layout = pipeline.getBindGroupLayout(0);
  const storage = (bytes: number) =>
    device.createBuffer({ size: bytes, usage: USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST });
  const dummy = storage(16);
  const tensors: GpuTensor[][] = sizes.map((group, gi) =>
    group.map((n) => {
      const bytes = Math.max(16, n * 4);
      const p = storage(bytes), g = storage(bytes);
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
  const write = (buffer: GpuBuffer | undefined, values: Float32Array) => {
    if (buffer && values.length > 0) device.queue.writeBuffer(buffer, 0, values);
  };
  const writeParams = (from: Tensors) =>
    tensors.forEach((group, gi) => group.forEach((x, i) => write(x.p, from[gi][i])));
  let step = 0;
  const started = sizes.map(() => false);
  const weightSum = sizes.map(() => 0), lrMax = sizes.map(() => 0);
  const counter: StepCounter = {
    get step() {
      return step;
    },
    started,
    ...(rule.averages ? { weightSum, lrMax } : {}),
  };
  const assign = (parts: StateParts) => {
    tensors.forEach((group, gi) => group.forEach((x, i) => x.m.forEach((b, k) => write(b, parts.moments[k][gi][i]))));
    step = parts.step;
    parts.started.forEach((s, g) => (started[g] = s));
    parts.weightSum?.forEach((v, g) => (weightSum[g] = v));
    parts.lrMax?.forEach((v, g) => (lrMax[g] = v));
  };
  writeParams(params);
  if (loaded) assign(loaded);
  else {
    for (const k of rule.copiesParams) {
      tensors.forEach((group, gi) => group.forEach((x, i) => write(x.m[k], params[gi][i])));
    }
  }
  const data = new ArrayBuffer(uniformBytes);
  const f32 = new Float32Array(data), u32 = new Uint32Array(data);
  let fault: string | undefined;
  let view: View = "train";
  /** The train-view parameters, kept aside in the eval view (schedule-free only). */
  let trainParams: GpuBuffer[] | undefined;
  const dropTrainParams = () => {
    trainParams?.forEach((b) => b.destroy());
    trainParams = undefined;
  };

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
  /** Copies buffer to buffer for every tensor, in one submission. */
  const copyAll = (pairs: readonly (readonly [GpuBuffer, GpuBuffer, number])[]) => {
    const encoder = device.createCommandEncoder();
    for (const [from, to, bytes] of pairs) encoder.copyBufferToBuffer(from, 0, to, 0, bytes);
    device.queue.submit([encoder.finish()]);
  };

  return {
    backend: "webgpu",
    kernel: "wgsl",
    reason,
    optimizer: opt,
    get step() {
      return step;
    },
    get view() {
      return view;
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
      grads.forEach((group, gi) => group.forEach((x, i) => write(tensors[gi][i].g, x)));
    },
    update: (): StepReport => {
      alive();
      if (view === "eval") throw evalViewError();
      const t = step;
      const { lr, momentum } = scheduledAt(policy, rule, t);
      rule.validate?.(counter, lr);
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
    eval: () => {
      alive();
      if (view === "eval") return;
      const views = rule.views;
      if (views) {
        const flat = tensors.flat();
        const kept = flat.map((x) => storage(x.bytes));
        copyAll(flat.flatMap((x, j) => {
          const xBuffer = x.m[views.x];
          return xBuffer ? [[x.p, kept[j], x.bytes] as const, [xBuffer, x.p, x.bytes] as const] : [];
        }));
        trainParams = kept;
      }
      view = "eval";
    },
    train: () => {
      alive();
      if (view === "train") return;
      const kept = trainParams;
      if (kept) copyAll(tensors.flat().map((x, j) => [kept[j], x.p, x.bytes] as const));
      dropTrainParams();
      view = "train";
    },
    read: async () => {
      alive();
      return regroup(await readBack(device, all((x) => x.p)));
    },
    save: async () => {
      alive();
      const moments: Float32Array[][][] = [];
      for (let k = 0; k < rule.moments; k++) moments.push(regroup(await readBack(device, all((x, kk) => x.m[kk], k))));
      return checkpointFrom(opt, { step, started, moments, ...(rule.averages ? { weightSum, lrMax } : {}) }, sizes);
    },
    load: (c, p) =>
      settled(() => {
        alive();
        checkTensors("params", p, groups, sizes);
        checkSizes(c, sizes);
        const parts = readCheckpoint(opt, rule, c);
        refuseEvalView(rule, parts, p);
        assign(parts);
        writeParams(p);
        fault = undefined;
        dropTrainParams();
        view = "train";
      }),
    destroy: () => {
      alive();
      destroyed = true;
      dropTrainParams();
      const buffers = [dummy, ...tensors.flat().flatMap((x) => [x.p, x.g, x.uniform, ...x.m])];
      const release = () => {
        for (const b of buffers) b?.destroy();
        device.destroy();
      };
      // Released once the submitted work is done: Deno's wgpu has crashed destroying a device
      // with work in flight (denoland/deno#21648), and a lost device resolves this at once.
      device.queue.onSubmittedWorkDone().then(release, release);
    },
  };
}
