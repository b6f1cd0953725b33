import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { configOf } from "../mod.ts";
import { cyclicLR } from "../mod.ts";
import { adam } from "../lib/optim/adam.ts";
import { sgd } from "../lib/optim/sgd.ts";
import { decodeFloat32, encodeFloat32 } from "../lib/optim/checkpoint.ts";
import type { Checkpoint, Optimizer } from "../lib/optim/types.ts";
import { wasmSimdSupported } from "../lib/optim/wasm/runtime.ts";
import { createTrainer } from "../lib/optim/trainer.ts";

const policy = cyclicLR({ baseLr: [0.01, 0.02], maxLr: [0.1, 0.2], stepSizeUp: 4 });
const params = () => [[new Float32Array([1, 2, 3, 4, 5])], [new Float32Array([-1])]];
const grads = [[new Float32Array([0.5, -1, 2, 1e-3, 7])], [new Float32Array([3])]];

function trained(): { checkpoint: Checkpoint; params: Float32Array[][] } {
  const opt = adam(policy, { weightDecay: [0.01, 0] });
  const p = params();
  const state = opt.init(p);
  for (let t = 0; t < 5; t++) opt.update(p, grads, state);
  return { checkpoint: opt.save(state), params: p };
}

test("a checkpoint is plain JSON holding the step, hyper-parameters, schedule config and moments", () => {
  const { checkpoint } = trained();
  const json = JSON.parse(JSON.stringify(checkpoint));
  assert.deepEqual(json, checkpoint);
  assert.equal(json.format, "cyclical-lr/optimizer@1");
  assert.equal(json.algorithm, "adam");
  assert.equal(json.step, 5);
  assert.deepEqual(json.hyper, { beta1: [0.9, 0.9], beta2: [0.999, 0.999], eps: [1e-8, 1e-8], weightDecay: [0.01, 0] });
  assert.deepEqual(json.schedule, configOf(policy));
  assert.deepEqual(json.sizes, [[5], [1]]);
  assert.equal(decodeFloat32(json.moments[1][0][0]).length, 5);
});

test("float32 arrays survive encoding bit for bit, NaN payloads, -0 and subnormals included", () => {
  const x = new Float32Array(new Uint32Array([0x7fc00001, 0x80000000, 1, 0x3f800000, 0xff800000]).buffer);
  const back = decodeFloat32(encodeFloat32(x));
  assert.deepEqual(new Uint32Array(back.buffer), new Uint32Array(x.buffer));
  assert.equal(encodeFloat32(new Float32Array(0)), "");
});

test("load gives a state that continues exactly where the saved one stopped", () => {
  const { checkpoint, params: p } = trained();
  const opt = adam(policy, { weightDecay: [0.01, 0], kernel: "plain" });
  const state = opt.load(checkpoint);
  assert.equal(state.step, 5);
  opt.update(p, grads, state);
  const again = adam(policy, { weightDecay: [0.01, 0] });
  const q = params();
  const s = again.init(q);
  for (let t = 0; t < 6; t++) again.update(q, grads, s);
  assert.deepEqual(p, q);
});

test("load rejects a checkpoint of another algorithm, other hyper-parameters or another schedule", () => {
  const { checkpoint } = trained();
  assert.throws(() => sgd(policy).load(checkpoint), {
    message: 'checkpoint.algorithm: expected "sgd" (as this optimizer), got "adam"',
  });
  assert.throws(() => adam(policy).load(checkpoint), {
    name: "RangeError",
    message: "checkpoint.hyper.weightDecay: expected [0,0] (as this optimizer), got [0.01,0]",
  });
  const other = cyclicLR({ baseLr: [0.01, 0.02], maxLr: [0.1, 0.2], stepSizeUp: 5 });
  assert.throws(
    () => adam(other, { weightDecay: [0.01, 0] }).load(checkpoint),
    /^RangeError: checkpoint\.schedule: expected /,
  );
  const opt = adam(policy, { weightDecay: [0.01, 0] });
  assert.throws(() => opt.load({ ...checkpoint, step: -1 }), {
    message: "checkpoint.step: expected a non-negative integer, got -1",
  });
  assert.throws(() => opt.load(JSON.parse(JSON.stringify({ ...checkpoint, format: "x" }))), {
    message: 'checkpoint.format: expected "cyclical-lr/optimizer@1", got "x"',
  });
  const moments = checkpoint.moments.map((k) => k.map((g) => [...g]));
  moments[1][0][0] = "AACAPw==";
  assert.throws(() => opt.load({ ...checkpoint, moments }), {
    message: "checkpoint.moments[1][0][0]: expected 5 values (as checkpoint.sizes), got 1",
  });
  moments[1][0][0] = "%%";
  assert.throws(() => opt.load({ ...checkpoint, moments }), {
    message: 'checkpoint.moments[1][0][0]: expected base64 of float32 bytes, got "%%"',
  });
});

test("a trainer resumes from a checkpoint only for parameters of the checkpoint's sizes", async () => {
  const { checkpoint, params: p } = trained();
  const opt = adam(policy, { weightDecay: [0.01, 0] });
  const resumed = await createTrainer(opt, p, { backend: "cpu", checkpoint });
  assert.equal(resumed.step, 5);
  await assert.rejects(
    createTrainer(opt, [[new Float32Array(4)], [new Float32Array(1)]], { backend: "cpu", checkpoint }),
    {
      name: "RangeError",
      message: "checkpoint.sizes: expected [[4],[1]] (as params), got [[5],[1]]",
    },
  );
});

// Issue 16.8: a checkpoint whose moments no update can have produced (NaN, ±Infinity, a
// negative second moment) would turn the parameters into NaN on the next update, even
// with nonFinite: "throw"; it is refused on load, naming the value.
describe("checkpoints with impossible moments are refused on load, naming the value", () => {
  const kernels = wasmSimdSupported ? (["plain", "wasm"] as const) : (["plain"] as const);
  const fixed = cyclicLR({ baseLr: [0.01, 0.02], maxLr: [0.1, 0.2], stepSizeUp: 4, cycleMomentum: false });
  const makers: [string, (kernel: "plain" | "wasm") => Optimizer, number][] = [
    ["SGD momentum", (kernel) => sgd(fixed, { momentum: 0.9, kernel }), 0],
    ["Adam, first moment", (kernel) => adam(fixed, { kernel }), 0],
    ["Adam, second moment", (kernel) => adam(fixed, { kernel }), 1],
  ];
  const tamper = (checkpoint: Checkpoint, k: number, value: number): Checkpoint => {
    const moments = checkpoint.moments.map((m) => m.map((g) => [...g]));
    const values = decodeFloat32(moments[k][0][0]);
    values[3] = value;
    moments[k][0][0] = encodeFloat32(values);
    return { ...checkpoint, moments };
  };
  for (const [name, make, k] of makers) {
    const bad = k === 1 ? [NaN, Infinity, -Infinity, -1e-30] : [NaN, Infinity, -Infinity];
    for (const kernel of kernels) {
      test(`${name}, ${kernel} kernel: optimizer.load and createTrainer refuse ${bad.map(String).join(", ")}`, async () => {
        const opt = make(kernel);
        const p = params();
        const state = opt.init(p);
        for (let t = 0; t < 3; t++) opt.update(p, grads, state);
        const good = opt.save(state);
        for (const value of bad) {
          const phrase = k === 1 ? "a finite number >= 0" : "a finite number";
          const message = `checkpoint.moments[${k}][0][0][3]: expected ${phrase}, got ${Math.fround(value)}`;
          const checkpoint = tamper(good, k, value);
          assert.throws(() => opt.load(checkpoint), { name: "RangeError", message });
          await assert.rejects(createTrainer(make(kernel), p, { backend: "cpu", checkpoint }), {
            name: "RangeError",
            message,
          });
        }
        // -0 is a value an update can give, and loads
        assert.equal(opt.load(tamper(good, k, -0)).step, 3);
      });
    }
  }
});

test("encodeFloat32 refuses what is not a Float32Array instead of returning an empty text", () => {
  assert.throws(() => Reflect.apply(encodeFloat32, undefined, [[1, 2]]), {
    name: "TypeError",
    message: "values: expected a Float32Array, got [1,2]",
  });
  assert.throws(() => Reflect.apply(encodeFloat32, undefined, [new Float64Array(2)]), {
    message: 'values: expected a Float32Array, got {"0":0,"1":0}',
  });
});
