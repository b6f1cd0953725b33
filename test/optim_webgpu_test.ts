import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Policy, PolicyLike } from "../lib/types.ts";
import { cyclicLR } from "../mod.ts";
import { adam, adamw } from "../lib/optim/adam.ts";
import { scheduleFreeAdamw } from "../lib/optim/schedule_free_adamw.ts";
import { scheduleFreeSgd } from "../lib/optim/schedule_free_sgd.ts";
import { sgd } from "../lib/optim/sgd.ts";
import { decodeFloat32, encodeFloat32 } from "../lib/optim/checkpoint.ts";
import { createTrainer } from "../lib/optim/trainer.ts";
import type { Optimizer, Tensors } from "../lib/optim/types.ts";
import { type Gpu, type GpuDevice, isGpuAdapter, navigatorGpu } from "../lib/optim/webgpu/device.ts";

const adapter = await navigatorGpu()?.requestAdapter().catch(() => null);
const noGpu = adapter
  ? false
  : navigatorGpu()
  ? "no WebGPU adapter (navigator.gpu.requestAdapter() gave null)"
  : "no WebGPU in this runtime (navigator.gpu is undefined)";

/** Mesa's llvmpipe (Deno's software adapter here) does not fuse multiply-adds: it must give the CPU's bits. */
const info: unknown = adapter ? Reflect.get(adapter, "info") : undefined;
const description: unknown = typeof info === "object" && info !== null ? Reflect.get(info, "description") : undefined;
const exact = typeof description === "string" && /llvmpipe/i.test(description);

const SIZES = [[1000, 37], [4, 1]];
const STEPS = 40;
const initial = () =>
  SIZES.map((g, gi) => g.map((n, i) => Float32Array.from({ length: n }, (_, j) => Math.sin(gi + 3 * i + 0.37 * j))));
/** Gradients that depend only on the step, so neither run needs the other's parameters. */
const gradsAt = (t: number): Float32Array[][] =>
  SIZES.map((g, gi) =>
    g.map((n, i) =>
      Float32Array.from({ length: n }, (_, j) => Math.cos(t * 0.7 + gi + i + 1.3 * j) * (j % 13 === 0 ? 20 : 1))
    )
  );

const cyclic = cyclicLR({ baseLr: [0.001, 0.002], maxLr: [0.01, 0.03], stepSizeUp: 7, mode: "triangular2" });
const flat: Policy = cyclicLR({ baseLr: 0.01, maxLr: 0.05, stepSizeUp: 9, groups: 2, cycleMomentum: false });
const cases: [string, (kernel: "plain" | "wasm") => Optimizer][] = [
  [
    "SGD momentum 0.9, dampening, weight decay",
    (kernel) => sgd(flat, { momentum: 0.9, dampening: 0.1, weightDecay: 1e-3, kernel }),
  ],
  ["SGD Nesterov with cycled momentum", (kernel) => sgd(cyclic, { nesterov: true, kernel })],
  ["Adam with cycled beta1 and L2 decay", (kernel) => adam(cyclic, { weightDecay: 1e-2, kernel })],
  ["AdamW, beta1 0.3 in group 1", (kernel) => adamw(flat, { beta1: [0.9, 0.3], kernel })],
  [
    "schedule-free SGD, weight decay in group 0, r 1",
    (kernel) => scheduleFreeSgd(flat, { weightDecay: [1e-3, 0], r: [1, 0], kernel }),
  ],
  [
    "schedule-free AdamW, weight decay at y, beta1 0.5 in group 1",
    (kernel) => scheduleFreeAdamw(flat, { weightDecay: 0.01, beta1: [0.9, 0.5], kernel }),
  ],
];

/** |a - b| <= 1e-6 relative (absolute 1e-9 near zero), and how many values are bit-identical. */
function compare(gpu: Tensors, cpu: Tensors): number {
  let same = 0;
  gpu.forEach((group, g) =>
    group.forEach((x, i) =>
      x.forEach((v, j) => {
        const w = cpu[g][i][j];
        if (Object.is(v, w)) same++;
        else assert.ok(Math.abs(v - w) <= 1e-6 * Math.abs(w) + 1e-9, `params[${g}][${i}][${j}]: GPU ${v}, CPU ${w}`);
      })
    )
  );
  return same;
}

async function runCpu(make: (kernel: "plain" | "wasm") => Optimizer, steps: number): Promise<Float32Array[][]> {
  const trainer = await createTrainer(make("plain"), initial(), { backend: "cpu" });
  for (let t = 0; t < steps; t++) {
    trainer.upload(gradsAt(t));
    trainer.update();
  }
  return trainer.read();
}

describe("WebGPU backend", () => {
  for (const [name, make] of cases) {
    test(`${name}: WebGPU equals the CPU within 1e-6 relative over ${STEPS} steps (bit for bit on llvmpipe)`, {
      skip: noGpu,
    }, async () => {
      const trainer = await createTrainer(make("plain"), initial(), { backend: "webgpu" });
      assert.equal(trainer.backend, "webgpu");
      assert.equal(trainer.params, undefined);
      for (let t = 0; t < STEPS; t++) {
        trainer.upload(gradsAt(t));
        trainer.update();
      }
      const gpu = await trainer.read();
      const same = compare(gpu, await runCpu(make, STEPS));
      const total = SIZES.flat().reduce((a, b) => a + b, 0);
      console.log(`# ${name}: ${same} of ${total} values bit-identical to the CPU (${String(description)})`);
      if (exact) assert.equal(same, total, "llvmpipe does not fuse: every value must be bit-identical");
      trainer.destroy();
    });
  }

  test("a WebGPU checkpoint resumes on the CPU and on WebGPU", { skip: noGpu }, async () => {
    const make = cases[2][1];
    const gpuRun = await createTrainer(make("plain"), initial(), { backend: "webgpu" });
    for (let t = 0; t < 10; t++) {
      gpuRun.upload(gradsAt(t));
      gpuRun.update();
    }
    const checkpoint = await gpuRun.save();
    assert.equal(checkpoint.step, 10);
    const params = await gpuRun.read();
    for (const backend of ["cpu", "webgpu"] as const) {
      const resumed = await createTrainer(make("plain"), params, { backend, checkpoint });
      assert.equal(resumed.step, 10);
      for (let t = 10; t < 20; t++) {
        resumed.upload(gradsAt(t));
        resumed.update();
      }
      compare(await resumed.read(), await runCpu(make, 20));
      resumed.destroy();
    }
    gpuRun.destroy();
  });

  test(
    "schedule-free on WebGPU: x in the eval view, y back in the train view, and a checkpoint that resumes on the CPU",
    {
      skip: noGpu,
    },
    async () => {
      for (const make of [cases[4][1], cases[5][1]]) {
        const gpuRun = await createTrainer(make("plain"), initial(), { backend: "webgpu" });
        const cpuRun = await createTrainer(make("plain"), initial(), { backend: "cpu" });
        for (let t = 0; t < 10; t++) {
          for (const r of [gpuRun, cpuRun]) {
            r.upload(gradsAt(t));
            r.update();
          }
        }
        const y = await gpuRun.read();
        gpuRun.eval();
        cpuRun.eval();
        assert.throws(() => gpuRun.update(), {
          message: 'trainer.view: expected "train" for update() (call train() first), got "eval"',
        });
        compare(await gpuRun.read(), await cpuRun.read());
        gpuRun.train();
        assert.deepEqual(await gpuRun.read(), y);
        const checkpoint = await gpuRun.save();
        const resumed = await createTrainer(make("plain"), y, { backend: "cpu", checkpoint });
        cpuRun.train();
        for (const r of [gpuRun, resumed, cpuRun]) {
          r.upload(gradsAt(10));
          r.update();
        }
        compare(await resumed.read(), await cpuRun.read());
        compare(await gpuRun.read(), await cpuRun.read());
        for (const r of [gpuRun, resumed, cpuRun]) r.destroy();
      }
    },
  );

  test("a checkpoint with a NaN moment is refused on WebGPU too, naming the value", { skip: noGpu }, async () => {
    const make = cases[2][1];
    const cpuRun = await createTrainer(make("plain"), initial(), { backend: "cpu" });
    cpuRun.upload(gradsAt(0));
    cpuRun.update();
    const good = await cpuRun.save();
    const m = decodeFloat32(good.moments[0][1][0]);
    m[2] = NaN;
    const moments = good.moments.map((k) => k.map((g) => [...g]));
    moments[0][1][0] = encodeFloat32(m);
    await assert.rejects(
      createTrainer(make("plain"), await cpuRun.read(), { backend: "webgpu", checkpoint: { ...good, moments } }),
      {
        name: "RangeError",
        message: "checkpoint.moments[0][1][0][2]: expected a finite number, got NaN",
      },
    );
  });

  test("more than 65535 workgroups: a 2-D dispatch covers every element", { skip: noGpu }, async () => {
    const n = 64 * 65535 + 5;
    const policy: PolicyLike = { lr: () => [0.5], groups: 1 };
    const trainer = await createTrainer(sgd(policy), [[new Float32Array(n).fill(1)]], { backend: "webgpu" });
    trainer.upload([[new Float32Array(n).fill(2)]]);
    trainer.update();
    const [[p]] = await trainer.read();
    assert.equal(p[0], 0);
    assert.equal(p[n - 1], 0);
    assert.equal(p.reduce((a, b) => a + Math.abs(b), 0), 0);
    trainer.destroy();
  });

  test("bad gradients on WebGPU: an error naming the tensor, or a reported skip", { skip: noGpu }, async () => {
    const policy: PolicyLike = { lr: () => [0.5], groups: 1 };
    const strict = await createTrainer(sgd(policy), [[new Float32Array(3)]], { backend: "webgpu" });
    assert.throws(() => strict.upload([[new Float32Array([0, NaN, 0])]]), {
      message: "grads[0][0][1]: expected a finite number, got NaN",
    });
    assert.throws(() => strict.upload([[new Float32Array(2)]]), {
      message: "grads[0][0]: expected 3 values (as params[0][0]), got 2",
    });
    strict.destroy();
    assert.throws(() => strict.update(), { message: "trainer: used after destroy()" });
    const lenient = await createTrainer(sgd(policy, { nonFinite: "skip" }), [[new Float32Array(3)]], {
      backend: "webgpu",
    });
    lenient.upload([[new Float32Array([0, 0, Infinity])]]);
    assert.deepEqual(lenient.update(), {
      step: 0,
      skipped: true,
      reason: "grads[0][0][2]: expected a finite number, got Infinity",
      lr: [0.5],
    });
    assert.equal(lenient.step, 0);
    lenient.destroy();
  });

  test(
    "a lost device gives a clear error, and a checkpoint saved before still resumes on the CPU",
    { skip: noGpu },
    async () => {
      const real = navigatorGpu();
      let device: GpuDevice | undefined;
      const spy: Gpu = {
        requestAdapter: async () => {
          const a = await real?.requestAdapter();
          if (!isGpuAdapter(a)) return null;
          return {
            limits: a.limits,
            requestDevice: async (
              d?: { requiredLimits?: Record<string, number> },
            ) => (device = await a.requestDevice(d)),
          };
        },
      };
      const policy: PolicyLike = { lr: () => [0.5], groups: 1 };
      const trainer = await createTrainer(sgd(policy, { momentum: 0.9 }), [[new Float32Array([1, 2])]], {
        backend: "webgpu",
        gpu: spy,
      });
      trainer.upload([[new Float32Array([1, 1])]]);
      trainer.update();
      const checkpoint = await trainer.save();
      const params = await trainer.read();
      await device?.queue.onSubmittedWorkDone(); // the loss, not work in flight (denoland/deno#21648)
      device?.destroy();
      await device?.lost;
      assert.throws(
        () => trainer.update(),
        /^Error: webgpu: the device was lost \(.*\); checkpoints from save\(\) still load on the CPU$/,
      );
      const cpu = await createTrainer(sgd(policy, { momentum: 0.9 }), params, { backend: "cpu", checkpoint });
      cpu.upload([[new Float32Array([1, 1])]]);
      cpu.update();
      const f = Math.fround, move = f(0.5 * f(f(f(0.9) * 1) + 1));
      assert.deepEqual([...cpu.params![0][0]], [f(0.5 - move), f(1.5 - move)]);
    },
  );

  test("auto takes WebGPU when there is an adapter and says so", { skip: noGpu }, async () => {
    const trainer = await createTrainer(sgd({ lr: () => [0.1], groups: 1 }), [[new Float32Array(1)]]);
    assert.equal(trainer.backend, "webgpu");
    assert.equal(trainer.reason, "auto: a WebGPU adapter was found");
    trainer.destroy();
  });
});

describe("backend choice without a GPU", () => {
  const none = { requestAdapter: () => Promise.resolve(null) };
  test("auto falls back to the CPU and says why", async () => {
    const trainer = await createTrainer(sgd({ lr: () => [0.1], groups: 1 }), [[new Float32Array(1)]], { gpu: none });
    assert.equal(trainer.backend, "cpu");
    assert.equal(trainer.reason, "auto: no WebGPU adapter (navigator.gpu.requestAdapter() gave null), so the CPU");
  });
  test("asking for WebGPU without an adapter is an error", async () => {
    await assert.rejects(
      createTrainer(sgd({ lr: () => [0.1], groups: 1 }), [[new Float32Array(1)]], { backend: "webgpu", gpu: none }),
      {
        name: "TypeError",
        message:
          'backend: expected "auto" or "cpu" here (no WebGPU adapter (navigator.gpu.requestAdapter() gave null)), got "webgpu"',
      },
    );
  });
  test("an unknown backend is an error", async () => {
    await assert.rejects(
      Reflect.apply(createTrainer, undefined, [sgd({ lr: () => [0.1], groups: 1 }), [[new Float32Array(1)]], {
        backend: "gpu",
      }]),
      {
        message: 'backend: expected one of "auto", "cpu", "webgpu", got "gpu"',
      },
    );
  });
});
