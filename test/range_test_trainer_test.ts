// A range test through a Trainer (issue 16.2): `restore: trainer` and `trainer.load` put the
// parameters and the optimizer state back bit for bit, on both CPU kernels and on WebGPU,
// for every optimizer, so that training goes on as if the test had never run.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { PolicyLike } from "../lib/types.ts";
import { adam } from "../lib/optim/adam.ts";
import { scheduleFreeAdamw } from "../lib/optim/schedule_free_adamw.ts";
import { scheduleFreeSgd } from "../lib/optim/schedule_free_sgd.ts";
import { sgd } from "../lib/optim/sgd.ts";
import { decodeFloat32, encodeFloat32 } from "../lib/optim/checkpoint.ts";
import { createTrainer } from "../lib/optim/trainer.ts";
import type { Backend, CpuKernel, Optimizer, Trainer } from "../lib/optim/types.ts";
import { navigatorGpu } from "../lib/optim/webgpu/device.ts";
import { wasmSimdSupported } from "../lib/optim/wasm/runtime.ts";
import { rangeTest } from "../lib/range_test/range_test_runner.ts";

const adapter = await navigatorGpu()?.requestAdapter().catch(() => null);
const noGpu = adapter ? false : "no WebGPU adapter in this runtime";

/** A policy that trains at 0.01 / (1 + t / 50), or at the range test's rate while `ramp.rate` is set. */
function rampable(): { policy: PolicyLike; ramp: { rate: number | undefined } } {
  const ramp: { rate: number | undefined } = { rate: undefined };
  return { policy: { lr: (t) => [ramp.rate ?? 0.01 / (1 + t / 50)], groups: 1 }, ramp };
}

const MAKERS: [string, (policy: PolicyLike, kernel: CpuKernel) => Optimizer][] = [
  ["SGD momentum 0.9", (p, kernel) => sgd(p, { momentum: 0.9, weightDecay: 1e-4, kernel })],
  ["Adam", (p, kernel) => adam(p, { kernel })],
  ["schedule-free SGD", (p, kernel) => scheduleFreeSgd(p, { weightDecay: 1e-4, kernel })],
  ["schedule-free AdamW", (p, kernel) => scheduleFreeAdamw(p, { weightDecay: 0.01, kernel })],
];
const N = 37;
const target = Float32Array.from({ length: N }, (_, j) => Math.sin(j));
const initial = () => [[Float32Array.from({ length: N }, (_, j) => Math.cos(3 * j))]];

/** One step on the loss sum((w - target)^2), with the gradient taken at the trainer's parameters. */
async function trainStep(trainer: Trainer): Promise<number> {
  const [[w]] = await trainer.read();
  const g = new Float32Array(N);
  let loss = 0;
  for (let j = 0; j < N; j++) {
    g[j] = 2 * (w[j] - target[j]);
    loss += (w[j] - target[j]) ** 2;
  }
  trainer.upload([[g]]);
  trainer.update();
  return loss;
}

const bits = async (trainer: Trainer) => ({
  params: (await trainer.read()).map((g) => g.map((x) => [...new Uint32Array(x.buffer)])),
  checkpoint: JSON.stringify(await trainer.save()),
});

async function check(make: (p: PolicyLike, k: CpuKernel) => Optimizer, backend: Backend, kernel: CpuKernel) {
  const a = rampable(), b = rampable();
  const tested = await createTrainer(make(a.policy, kernel), initial(), { backend });
  const untouched = await createTrainer(make(b.policy, kernel), initial(), { backend });
  for (let t = 0; t < 7; t++) {
    await trainStep(tested);
    await trainStep(untouched);
  }
  const before = await bits(tested);
  const curve = await rangeTest(async (lr) => {
    a.ramp.rate = lr;
    return await trainStep(tested);
  }, { minLr: 1e-4, maxLr: 3, iterations: 60, mode: "exponential", restore: tested });
  a.ramp.rate = undefined;
  assert.ok(curve.lrs.length > 10, `the test ran ${curve.lrs.length} iterations`);
  assert.equal(curve.settings.scheduleFree, tested.optimizer.algorithm.startsWith("scheduleFree"));
  assert.deepEqual(await bits(tested), before);
  assert.equal(tested.step, 7);
  for (let t = 0; t < 5; t++) {
    await trainStep(tested);
    await trainStep(untouched);
  }
  assert.deepEqual(await bits(tested), await bits(untouched));
  tested.destroy();
  untouched.destroy();
}

const kernels = wasmSimdSupported ? (["plain", "wasm"] as const) : (["plain"] as const);

describe("a range test through a trainer leaves its parameters and state bit-identical", () => {
  for (const [name, make] of MAKERS) {
    for (const kernel of kernels) {
      test(`${name}, CPU ${kernel} kernel: restore: trainer, then training goes on as if the test never ran`, () =>
        check(make, "cpu", kernel));
    }
    test(
      `${name}, WebGPU: restore: trainer, then training goes on as if the test never ran`,
      { skip: noGpu },
      () => check(make, "webgpu", "plain"),
    );
  }
});

describe("trainer.load", () => {
  const policy: PolicyLike = { lr: () => [0.1], groups: 1 };
  const backends: [Backend, string | false][] = [["cpu", false], ["webgpu", noGpu]];
  for (const [backend, skip] of backends) {
    test(`${backend}: a bad checkpoint or parameter list rejects and changes nothing`, { skip }, async () => {
      const trainer = await createTrainer(adam(policy), initial(), { backend });
      await trainStep(trainer);
      const good = await trainer.save(), params = await trainer.read();
      await trainStep(trainer);
      const before = await bits(trainer);
      const moments = good.moments.map((k) => k.map((g) => [...g]));
      const v = decodeFloat32(moments[1][0][0]);
      v[0] = -Infinity;
      moments[1][0][0] = encodeFloat32(v);
      await assert.rejects(trainer.load({ ...good, moments }, params), {
        name: "RangeError",
        message: "checkpoint.moments[1][0][0][0]: expected a finite number >= 0, got -Infinity",
      });
      await assert.rejects(trainer.load(good, [[new Float32Array(N + 1)]]), {
        message: `params[0][0]: expected ${N} values (at init), got ${N + 1}`,
      });
      await assert.rejects(trainer.load({ ...good, step: 1.5 }, params), {
        message: "checkpoint.step: expected a non-negative integer, got 1.5",
      });
      assert.deepEqual(await bits(trainer), before);
      await trainer.load(good, params);
      assert.equal(trainer.step, 1);
      assert.deepEqual(await trainer.read(), params);
      trainer.destroy();
    });
    test(`${backend}: after destroy(), read(), save() and load() reject instead of throwing`, { skip }, async () => {
      const trainer = await createTrainer(sgd(policy, { momentum: 0.5 }), initial(), { backend });
      const checkpoint = await trainer.save(), params = await trainer.read();
      trainer.destroy();
      let read: Promise<unknown> | undefined, save: Promise<unknown> | undefined, load: Promise<unknown> | undefined;
      assert.doesNotThrow(() => {
        read = trainer.read();
        save = trainer.save();
        load = trainer.load(checkpoint, params);
      });
      for (const p of [read, save, load]) {
        await assert.rejects(p ?? Promise.resolve(), { message: "trainer: used after destroy()" });
      }
    });
  }
});

describe("rangeTest with a trainer: the schedule-free flag", () => {
  test("is read from the trainer, and a contradicting option is refused", async () => {
    const { policy } = rampable();
    const trainer = await createTrainer(scheduleFreeSgd(policy), initial(), { backend: "cpu" });
    const options = { minLr: 1e-3, maxLr: 1, iterations: 5 };
    await assert.rejects(rangeTest(() => 1, { ...options, restore: trainer, scheduleFree: false }), {
      name: "RangeError",
      message: 'scheduleFree: expected true (as restore.optimizer.algorithm "scheduleFreeSgd") or no value, got false',
    });
    trainer.eval();
    await assert.rejects(rangeTest(() => 1, { ...options, restore: trainer }), {
      message: 'restore.view: expected "train" (the range test trains: call train() first), got "eval"',
    });
    const hooks = { save: () => 0, load: () => {} };
    assert.equal(
      (await rangeTest(() => 1, { ...options, restore: hooks, scheduleFree: true })).settings.scheduleFree,
      true,
    );
  });
});
