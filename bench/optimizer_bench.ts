// How fast is one optimizer step on the CPU? Parameter updates per second for SGD with
// momentum, Adam, and schedule-free SGD and AdamW (the reference's defaults: no weight
// decay) at 1M and 16M parameters, on both CPU kernels (WebAssembly SIMD and
// plain TypeScript), through `createTrainer` (parameters and gradients live in the
// kernel's memory, the non-finite gradient scan included; at 16M also "wasm-unchecked",
// `nonFinite: "propagate"`, without the scan), with ratios from the same run:
//   * to a WebAssembly SIMD triad `a = b + s * c` over the same memory footprint
//     (baseline "triad", timed in alternation with each kernel so that both see the same
//     machine state): the ratio is bytes per second, counting 20 B per parameter for
//     SGD-momentum (p, buf read and written, g read), 28 B for Adam (p, m, v read and
//     written, g read), 24 B for schedule-free SGD (z, x read and written, g read, y
//     written: without weight decay y is not read) and 32 B for schedule-free AdamW (z, x,
//     v read and written, g read, y written), 12 B per triad element. Target at 16M:
//     WebAssembly Adam >= 0.8.
//   * to TensorFlow.js doing the same Adam step (`tf.train.adam().applyGradients`) on its
//     `cpu` and `wasm` backends (baselines "tfjs-cpu", "tfjs-wasm"): the ratio is
//     parameters per second. Targets at 16M: >= 20x tfjs-cpu, >= 3x tfjs-wasm. TF.js's cpu
//     backend needs seconds per 16M step, so the default run measures TF.js at 1M only;
//     `--full` adds 16M.
//   * WebGPU (where an adapter exists: Deno's software adapter on machines without a GPU),
//     at 1M only, as parameters per second and a ratio to the WebAssembly CPU kernel
//     (baseline "cpu-wasm"); 8 steps then one read-back per timing.
// `--json` prints one JSON array: {"bench","runtime","value","unit","baseline"?,"ratio"?}.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { adam } from "../lib/optim/adam.ts";
import { scheduleFreeAdamw } from "../lib/optim/schedule_free_adamw.ts";
import { scheduleFreeSgd } from "../lib/optim/schedule_free_sgd.ts";
import { sgd } from "../lib/optim/sgd.ts";
import { createTrainer } from "../lib/optim/trainer.ts";
import type { CpuKernel, NonFinitePolicy, Optimizer } from "../lib/optim/types.ts";
import { requestDevice } from "../lib/optim/webgpu/device.ts";
import { instantiate } from "../lib/optim/wasm/runtime.ts";
import type { PolicyLike } from "../lib/types.ts";
import { jsonRequested, runtimeName } from "./_ratio.ts";

interface Row {
  bench: string;
  runtime: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
}

const argsOf = (): unknown => {
  const deno = Reflect.get(globalThis, "Deno");
  return deno ? Reflect.get(deno, "args") : Reflect.get(Reflect.get(globalThis, "process") ?? {}, "argv");
};
const args = argsOf();
const FULL = Array.isArray(args) && args.includes("--full");
const JSON_OUT = jsonRequested();
const runtime = runtimeName();
const rows: Row[] = [];
const M = 1 << 20;
const SIZES = [M, 16 * M];
const BYTES = { "sgd-momentum": 20, adam: 28, "schedule-free-sgd": 24, "schedule-free-adamw": 32 } as const;
type Bench = keyof typeof BYTES;
const policy: PolicyLike = { lr: () => [1e-3], groups: 1 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Seconds per call of `fn`: one warm-up, then the median of `runs` timed calls. */
async function time(fn: () => unknown, runs: number): Promise<number> {
  await fn();
  const ts: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    await fn();
    ts.push((performance.now() - start) / 1000);
  }
  return median(ts);
}
const label = (n: number) => `${n / M}M`;

/** A triad over `4n` floats of footprint (three arrays of 4n/3); returns its bytes per call and a runner. */
function triad(n: number): { bytes: number; run: () => void } {
  const len = Math.floor((4 * n) / 3 / 4) * 4;
  const k = instantiate(Math.ceil((3 * len * 4) / 65536) + 1);
  const [a, b, c] = [0, 1, 2].map((i) => new Float32Array(k.memory.buffer, i * len * 4, len));
  b.fill(1);
  c.fill(2);
  k.triad(a.byteOffset, b.byteOffset, c.byteOffset, len, 0.5);
  if (a[len - 1] !== 2) throw new Error("triad computed the wrong thing");
  return { bytes: 12 * len, run: () => k.triad(a.byteOffset, b.byteOffset, c.byteOffset, len, 0.5) };
}

/**
 * Parameter updates per second of one trainer step, and the triad's bytes per second timed
 * in alternation with it (so that both see the same machine state).
 */
async function kernelRate(
  make: () => Optimizer,
  n: number,
  base: { bytes: number; run: () => void },
): Promise<[number, number]> {
  const trainer = await createTrainer(make(), [[new Float32Array(n).fill(0.5)]], { backend: "cpu" });
  trainer.grads![0][0].fill(0.01);
  const steps = n >= 16 * M ? 1 : 8;
  const runs = n >= 16 * M ? 5 : 7;
  trainer.update();
  base.run();
  const kernel: number[] = [], triads: number[] = [];
  for (let r = 0; r < runs; r++) {
    let start = performance.now();
    base.run();
    triads.push((performance.now() - start) / 1000);
    start = performance.now();
    for (let i = 0; i < steps; i++) trainer.update();
    kernel.push((performance.now() - start) / 1000 / steps);
  }
  if (!(Math.abs(trainer.params![0][0][0] - 0.5) > 0)) throw new Error("the step did not move the parameters");
  trainer.destroy();
  return [n / median(kernel), base.bytes / median(triads)];
}

/** WebGPU updates per second (8 steps, then one read-back to wait for them), or the reason there are none. */
async function gpuRate(make: () => Optimizer, n: number): Promise<number | string> {
  const got = await requestDevice();
  if ("reason" in got) return got.reason;
  got.device.destroy();
  const trainer = await createTrainer(make(), [[new Float32Array(n).fill(0.5)]], { backend: "webgpu" });
  trainer.upload([[new Float32Array(n).fill(0.01)]]);
  const steps = 8;
  const s = await time(async () => {
    for (let i = 0; i < steps; i++) trainer.update();
    await trainer.read();
  }, 3);
  trainer.destroy();
  return (n * steps) / s;
}

/** TF.js Adam updates per second on a backend. */
async function tfjsRate(backend: "cpu" | "wasm", n: number): Promise<number> {
  await tf.setBackend(backend);
  await tf.ready();
  const v = tf.variable(tf.fill([n], 0.5), true, `w_${backend}_${n}`);
  const g = tf.fill([n], 0.01);
  const opt = tf.train.adam(1e-3);
  const s = await time(async () => {
    opt.applyGradients([{ name: v.name, tensor: g }]);
    await v.data();
  }, backend === "cpu" ? (n >= 16 * M ? 1 : 3) : 3);
  opt.dispose();
  v.dispose();
  g.dispose();
  return n / s;
}

tf.enableProdMode();
setWasmPaths(
  new URL("../node_modules/@tensorflow/tfjs-backend-wasm/dist/", import.meta.url).href.replace(/^file:\/\//, ""),
);

for (const n of SIZES) {
  const base = triad(n);
  const triadRates: number[] = [];
  const tfjs: Partial<Record<"tfjs-cpu" | "tfjs-wasm", number>> = {};
  if (n === M || FULL) {
    for (const backend of ["cpu", "wasm"] as const) {
      try {
        const rate = await tfjsRate(backend, n);
        tfjs[`tfjs-${backend}`] = rate;
        rows.push({
          bench: `optimizer/adam-${label(n)}/tfjs-${backend}`,
          runtime,
          value: Math.round(rate),
          unit: "params/s",
        });
      } catch (e) {
        console.error(`tfjs-${backend} skipped: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  const triadRow: Row = { bench: `optimizer/triad-${label(n)}`, runtime, value: 0, unit: "B/s" };
  rows.push(triadRow);
  const makers: Record<Bench, (kernel: CpuKernel, nonFinite: NonFinitePolicy) => Optimizer> = {
    "sgd-momentum": (kernel, nonFinite) => sgd(policy, { momentum: 0.9, kernel, nonFinite }),
    adam: (kernel, nonFinite) => adam(policy, { kernel, nonFinite }),
    "schedule-free-sgd": (kernel, nonFinite) => scheduleFreeSgd(policy, { kernel, nonFinite }),
    "schedule-free-adamw": (kernel, nonFinite) => scheduleFreeAdamw(policy, { kernel, nonFinite }),
  };
  for (const algorithm of ["sgd-momentum", "adam", "schedule-free-sgd", "schedule-free-adamw"] as const) {
    const variants: [CpuKernel, NonFinitePolicy][] = [["wasm", "throw"], ["plain", "throw"]];
    if (n > M) variants.splice(1, 0, ["wasm", "propagate"]);
    for (const [kernel, nonFinite] of variants) {
      const make = () => makers[algorithm](kernel, nonFinite);
      const [rate, triadBytes] = await kernelRate(make, n, base);
      triadRates.push(triadBytes);
      const bench = `optimizer/${algorithm}-${label(n)}/${kernel}${nonFinite === "propagate" ? "-unchecked" : ""}`;
      rows.push({
        bench,
        runtime,
        value: Math.round(rate),
        unit: "params/s",
        baseline: "triad",
        ratio: Number(((rate * BYTES[algorithm]) / triadBytes).toFixed(3)),
      });
      if (kernel === "wasm" && nonFinite === "throw" && n === M) {
        const gpu = await gpuRate(make, n);
        if (typeof gpu === "string") console.error(`webgpu skipped: ${gpu}`);
        else {
          rows.push({
            bench: `optimizer/${algorithm}-${label(n)}/webgpu`,
            runtime,
            value: Math.round(gpu),
            unit: "params/s",
            baseline: "cpu-wasm",
            ratio: Number((gpu / rate).toFixed(3)),
          });
        }
      }
      if (algorithm === "adam" && nonFinite === "throw") {
        for (const [baseline, other] of Object.entries(tfjs)) {
          rows.push({
            bench,
            runtime,
            value: Math.round(rate),
            unit: "params/s",
            baseline,
            ratio: Number((rate / other).toFixed(2)),
          });
        }
      }
    }
  }
  triadRow.value = Math.round(median(triadRates));
}

if (JSON_OUT) {
  console.log(JSON.stringify(rows));
} else {
  console.log(`optimizer (${runtime}; median step; ratios to the triad are bytes/s, to TF.js params/s)`);
  const width = Math.max(...rows.map((r) => r.bench.length));
  for (const r of rows) {
    const value = r.unit === "B/s" ? `${(r.value / 1e9).toFixed(2)} GB/s` : `${(r.value / 1e6).toFixed(1)} Mparams/s`;
    const ratio = r.ratio === undefined ? "baseline" : `${r.ratio.toFixed(2)}x ${r.baseline}`;
    console.log(`  ${r.bench.padEnd(width)}  ${value.padStart(16)}  ${ratio}`);
  }
}
