// The browser example: plots a schedule, then runs one optimizer step with its rate on the
// CPU and, where the browser has WebGPU, on the GPU. `./cyclical-lr.js` is mod.ts bundled
// by esbuild (`npm run example` serves both). Nothing here may fail the page: every part
// reports to the status line instead.
import * as clr from "./cyclical-lr.js";

const statusEl = document.getElementById("status");
const lines = [];
function say(line) {
  lines.push(line);
  statusEl.textContent = lines.join("\n");
}

const policy = clr.cyclicLR({ baseLr: 0.001, maxLr: 0.006, stepSize: 2000, mode: "triangular2" });
const STEPS = 12000;

// 1. The plot: the library's SVG renderer where it is built in, else a minimal inline SVG.
function inlinePlot(lr, steps) {
  const w = 640, h = 240, pad = 30, n = 400;
  let max = 0;
  const ys = Array.from({ length: n + 1 }, (_, i) => {
    const v = lr(Math.round((i * (steps - 1)) / n))[0];
    max = Math.max(max, v);
    return v;
  });
  const d = ys.map((v, i) => `${i ? "L" : "M"}${(pad + (i * (w - 2 * pad)) / n).toFixed(1)},${(h - pad - (v / max) * (h - 2 * pad)).toFixed(1)}`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}"><path d="${d}" fill="none" stroke="#1f77b4" stroke-width="1.5"/></svg>`;
}
try {
  const builtIn = typeof clr.plotSchedule === "function";
  document.getElementById("plot").innerHTML = builtIn
    ? clr.plotSchedule(policy, { steps: STEPS, title: "CyclicLR triangular2: baseLr 0.001, maxLr 0.006, stepSize 2000" })
    : inlinePlot(policy.lr, STEPS);
  say(`plot: ${builtIn ? "plotSchedule" : "inline SVG"}, ${STEPS} iterations`);
  say(`schedule: lr(0) = ${policy.lr(0)[0]}, lr(2000) = ${policy.lr(2000)[0]}, lr(6000) = ${policy.lr(6000)[0].toPrecision(6)}`);
} catch (e) {
  say(`plot: failed: ${e}`);
}

// 2. One SGD step at iteration t on the CPU: params -= lr(t) * grads.
const t = 2000;
const params0 = new Float32Array([1, -2, 0.5, 4]);
const grads = new Float32Array([0.5, 0.25, -1, 2]);
let cpu;
try {
  if (typeof clr.sgd === "function") {
    const opt = clr.sgd({ lr: (i) => policy.lr(i + t), groups: 1 });
    const params = [[params0.slice()]];
    opt.update(params, [[grads]], opt.init(params));
    cpu = params[0][0];
  } else {
    const lr = Math.fround(policy.lr(t)[0]);
    cpu = params0.map((p, i) => p - lr * grads[i]);
  }
  say(`cpu step: params = [${[...cpu].map((v) => v.toFixed(6)).join(", ")}]`);
} catch (e) {
  say(`cpu step: failed: ${e}`);
}

// 3. The same step on WebGPU: the rate reaches the shader as an f32 uniform.
const SGD_WGSL = `struct Hyper { lr: f32, n: u32 }
@group(0) @binding(0) var<storage, read_write> params: array<f32>;
@group(0) @binding(1) var<storage, read> grads: array<f32>;
@group(0) @binding(2) var<uniform> hp: Hyper;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x < hp.n) { params[id.x] -= hp.lr * grads[id.x]; } }`;

async function gpuStep() {
  const gpu = globalThis.navigator?.gpu;
  if (!gpu) return say("webgpu: not available in this browser (skipped)");
  const adapter = await gpu.requestAdapter();
  if (!adapter) return say("webgpu: no adapter (skipped)");
  const device = await adapter.requestDevice();
  const n = params0.length;
  const buffer = (data, usage) => {
    const b = device.createBuffer({ size: data.byteLength, usage: usage | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(b, 0, data);
    return b;
  };
  const p = buffer(params0, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  const g = buffer(grads, GPUBufferUsage.STORAGE);
  const hyper = new ArrayBuffer(8);
  new Float32Array(hyper, 0, 1)[0] = policy.lr(t)[0];
  new Uint32Array(hyper, 4, 1)[0] = n;
  const u = buffer(new Uint8Array(hyper), GPUBufferUsage.UNIFORM);
  const pipeline = device.createComputePipeline({ layout: "auto", compute: { module: device.createShaderModule({ code: SGD_WGSL }), entryPoint: "main" } });
  const bind = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [p, g, u].map((buf, binding) => ({ binding, resource: { buffer: buf } })),
  });
  const read = device.createBuffer({ size: params0.byteLength, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(Math.ceil(n / 64));
  pass.end();
  encoder.copyBufferToBuffer(p, 0, read, 0, params0.byteLength);
  device.queue.submit([encoder.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(read.getMappedRange().slice(0));
  read.unmap();
  const agrees = cpu ? out.every((v, i) => Math.abs(v - cpu[i]) <= 1e-6 * Math.max(1, Math.abs(cpu[i]))) : false;
  say(`webgpu step: params = [${[...out].map((v) => v.toFixed(6)).join(", ")}]${agrees ? " (matches the CPU)" : ""}`);
}

try {
  await gpuStep();
} catch (e) {
  say(`webgpu: failed: ${e}`);
}
say("done");
document.body.dataset.done = "true";
