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

// 1. The plot: the library's own SVG renderer (the rate, and the momentum below it).
try {
  document.getElementById("plot").innerHTML = clr.plotSchedule(policy, {
    steps: STEPS,
    title: "CyclicLR triangular2: baseLr 0.001, maxLr 0.006, stepSize 2000",
  });
  say(`plot: plotSchedule, ${STEPS} iterations`);
  say(
    `schedule: lr(0) = ${policy.lr(0)[0]}, lr(2000) = ${policy.lr(2000)[0]}, lr(6000) = ${
      policy.lr(6000)[0].toPrecision(6)
    }`,
  );
} catch (e) {
  say(`plot: failed: ${e}`);
}

// 2. One SGD step at iteration t on the CPU: params -= lr(t) * grads.
const t = 2000;
const params0 = new Float32Array([1, -2, 0.5, 4]);
const grads = new Float32Array([0.5, 0.25, -1, 2]);
const shifted = { lr: (i) => policy.lr(i + t), groups: 1 }; // iteration 0 of the optimizer is t
let cpu;
try {
  const opt = clr.sgd(shifted);
  const params = [[params0.slice()]];
  opt.update(params, [[grads]], opt.init(params));
  cpu = params[0][0];
  say(`cpu step: params = [${[...cpu].map((v) => v.toFixed(6)).join(", ")}]`);
} catch (e) {
  say(`cpu step: failed: ${e}`);
}

// 3. The same step on WebGPU, where the browser has it: createTrainer picks the GPU when an
// adapter is found (the rate reaches the shader as an f32 uniform), else says why not.
async function gpuStep() {
  if (typeof clr.createTrainer !== "function") return say("webgpu: this build has no createTrainer (skipped)");
  const trainer = await clr.createTrainer(clr.sgd(shifted), [[params0.slice()]], { backend: "auto" });
  try {
    if (trainer.backend !== "webgpu") return say(`webgpu: not used (${trainer.reason}) (skipped)`);
    trainer.upload([[grads]]);
    trainer.update();
    const out = (await trainer.read())[0][0];
    const agrees = cpu !== undefined &&
      out.every((v, i) => Math.abs(v - cpu[i]) <= 1e-6 * Math.max(1, Math.abs(cpu[i])));
    say(`webgpu step: params = [${[...out].map((v) => v.toFixed(6)).join(", ")}]${agrees ? " (matches the CPU)" : ""}`);
  } finally {
    trainer.destroy();
  }
}

try {
  await gpuStep();
} catch (e) {
  say(`webgpu: failed: ${e}`);
}
say("done");
document.body.dataset.done = "true";
