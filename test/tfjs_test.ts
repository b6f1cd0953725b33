// The TF.js adapter against the real @tensorflow/tfjs 4 (CPU backend) inside model.fit:
// the rate each optimizer class *trains with* at batch k (the field it reads at every step,
// or SGD's and Momentum's cached scalar) equals the schedule at the global step k.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Policy, Schedule } from "../lib/types.ts";
import { triangular2 } from "../mod.ts";
import { cyclicLR } from "../mod.ts";
import { constant, fromState, hear, type Observation, plateau } from "../mod.ts";
import { optimizerSetter, scheduleCallback } from "../tfjs.ts";

type Tf = typeof import("@tensorflow/tfjs");

async function loadTf(): Promise<Tf | string> {
  // TF.js prints a hint about tfjs-node on first use in a server runtime; it is harmless.
  try {
    const tf = await import("@tensorflow/tfjs");
    await tf.setBackend("cpu");
    await tf.ready();
    return tf;
  } catch (e) {
    return `@tensorflow/tfjs did not load in this runtime: ${String(e).split("\n")[0]}`;
  }
}

const tfOrReason: Tf | string = await loadTf();
const skip = typeof tfOrReason === "string" ? tfOrReason : false;

const EPOCHS = 3;
const SAMPLES = 8;
const BATCH = 2; // 4 batches per epoch, 12 updates in all

/** Reads what an optimizer trains with: the cached `-lr` scalar of SGD/Momentum, else the field. */
function trainedRate(optimizer: object): number {
  const c: unknown = Reflect.get(optimizer, "c");
  if (typeof c === "object" && c !== null && "dataSync" in c && typeof c.dataSync === "function") {
    const data: unknown = c.dataSync();
    if (data instanceof Float32Array) return -data[0];
  }
  const lr: unknown = Reflect.get(optimizer, "learningRate");
  if (typeof lr !== "number") throw new Error("optimizer has no learning rate");
  return lr;
}

function readNumber(optimizer: object, field: string): number {
  const v: unknown = Reflect.get(optimizer, field);
  if (typeof v !== "number") throw new Error(`optimizer.${field} is not a number`);
  return v;
}

/** Fits a one-layer model, recording at every batch begin (after the adapter ran) what training reads. */
async function fitAndRecord(
  tf: Tf,
  optimizer: InstanceType<Tf["Optimizer"]>,
  policy: Policy | Schedule,
  options: { iteration?: number; momentumField?: string } = {},
): Promise<{ rates: number[]; momenta: number[]; iteration: number }> {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer, loss: "meanSquaredError" });
  const xs = tf.tensor2d(Array.from({ length: SAMPLES * 2 }, (_, i) => (i % 5) / 5), [SAMPLES, 2]);
  const ys = tf.tensor2d(Array.from({ length: SAMPLES }, (_, i) => i / SAMPLES), [SAMPLES, 1]);
  const callback = scheduleCallback(optimizer, policy, { iteration: options.iteration ?? 0 });
  const rates: number[] = [], momenta: number[] = [];
  const recorder = {
    onBatchBegin: () => {
      rates.push(trainedRate(optimizer));
      if (options.momentumField) momenta.push(readNumber(optimizer, options.momentumField));
    },
  };
  await model.fit(xs, ys, {
    epochs: EPOCHS,
    batchSize: BATCH,
    shuffle: false,
    verbose: 0,
    callbacks: [callback, recorder],
  });
  tf.dispose([xs, ys]);
  model.dispose();
  return { rates, momenta, iteration: callback.driver.iteration };
}

const STEPS = EPOCHS * SAMPLES / BATCH;
const lr = triangular2({ baseLr: 0.01, maxLr: 0.05, stepSizeUp: 2 }); // 3 cycles in 12 steps
const expected = (from: number) => Array.from({ length: STEPS }, (_, k) => lr(from + k)[0]);

function assertRates(actual: readonly number[], wanted: readonly number[], rtol: number): void {
  assert.equal(actual.length, wanted.length);
  actual.forEach((a, k) =>
    assert.ok(Math.abs(a - wanted[k]) <= rtol * Math.abs(wanted[k]), `step ${k}: ${a} vs ${wanted[k]}`)
  );
}

describe("scheduleCallback in TF.js model.fit", () => {
  test("SGD: the cached scalar at batch k is -lr(k), counted across epochs", { skip }, async () => {
    if (typeof tfOrReason === "string") return;
    const { rates, iteration } = await fitAndRecord(tfOrReason, tfOrReason.train.sgd(0.5), lr);
    assertRates(rates, expected(0), 1e-7); // float32 scalar
    assert.equal(iteration, STEPS);
  });

  test("Momentum: the cached scalar at batch k is -lr(k)", { skip }, async () => {
    if (typeof tfOrReason === "string") return;
    const { rates } = await fitAndRecord(tfOrReason, tfOrReason.train.momentum(0.5, 0.9), lr);
    assertRates(rates, expected(0), 1e-7);
  });

  test("Adam: learningRate and beta1 at batch k are the policy's lr(k) and momentum(k)", { skip }, async () => {
    if (typeof tfOrReason === "string") return;
    const policy = cyclicLR({ baseLr: 0.01, maxLr: 0.05, stepSize: 2, mode: "triangular2" });
    assert.ok(policy.momentum);
    const momentum = policy.momentum;
    const { rates, momenta } = await fitAndRecord(tfOrReason, tfOrReason.train.adam(0.5), policy, {
      momentumField: "beta1",
    });
    assertRates(rates, Array.from({ length: STEPS }, (_, k) => policy.lr(k)[0]), 0);
    assertRates(momenta, Array.from({ length: STEPS }, (_, k) => momentum(k)[0]), 0);
  });

  test("resuming at iteration 12 continues the schedule where the first run stopped", { skip }, async () => {
    if (typeof tfOrReason === "string") return;
    const { rates, iteration } = await fitAndRecord(tfOrReason, tfOrReason.train.adam(0.5), lr, { iteration: STEPS });
    assertRates(rates, expected(STEPS), 0);
    assert.equal(iteration, 2 * STEPS);
  });

  test("momentum cycling is refused on TF.js SGD and Momentum, with the reason", { skip }, () => {
    if (typeof tfOrReason === "string") return;
    const policy = cyclicLR({ baseLr: 0.01, maxLr: 0.05, stepSize: 2 });
    assert.throws(
      () => scheduleCallback(tfOrReason.train.momentum(0.1, 0.9), policy),
      (e: unknown) =>
        e instanceof TypeError &&
        e.message.startsWith("policy.momentum: expected no momentum schedule for TF.js Momentum, got a schedule") &&
        e.message.includes("setMomentum() changes nothing that training reads"),
    );
    assert.throws(() => scheduleCallback(tfOrReason.train.sgd(0.1), policy), /TF.js SGD has no momentum/);
    assert.doesNotThrow(() => scheduleCallback(tfOrReason.train.momentum(0.1, 0.9), policy.lr));
  });

  test("Adamax with a decay is refused: it would divide the scheduled rate", { skip }, () => {
    if (typeof tfOrReason === "string") return;
    assert.throws(() => optimizerSetter(tfOrReason.train.adamax(0.1, 0.9, 0.999, undefined, 0.1)), {
      name: "RangeError",
      message: "optimizer.decay: expected 0 (TF.js Adamax divides the rate by 1 + decay * iteration), got 0.1",
    });
    assert.doesNotThrow(() => optimizerSetter(tfOrReason.train.adamax(0.1)).learningRate(0.05));
  });

  test("RMSProp takes its momentum field at every step", { skip }, () => {
    if (typeof tfOrReason === "string") return;
    const opt = tfOrReason.train.rmsprop(0.1, 0.9, 0.5);
    const set = optimizerSetter(opt);
    set.learningRate(0.02);
    set.momentum?.(0.8);
    assert.equal(readNumber(opt, "learningRate"), 0.02);
    assert.equal(readNumber(opt, "momentum"), 0.8);
  });
});

/** A plateau that reduces at every epoch but the first (nothing beats the first loss by 100). */
const stubborn = () =>
  plateau(constant({ value: 0.04 }), { patience: 0, factor: 0.5, thresholdMode: "abs", threshold: 100 });

/** Fits with validation data, recording the rate of every batch and the val_loss of every epoch. */
async function fitPlateau(
  tf: Tf,
  options: { monitor?: string; validation?: boolean; epochs?: number } = {},
): Promise<{ rates: number[]; observations: Observation[]; callback: ReturnType<typeof scheduleCallback> }> {
  const optimizer = tf.train.adam(0.5);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer, loss: "meanSquaredError" });
  const xs = tf.tensor2d(Array.from({ length: SAMPLES * 2 }, (_, i) => (i % 5) / 5), [SAMPLES, 2]);
  const ys = tf.tensor2d(Array.from({ length: SAMPLES }, (_, i) => i / SAMPLES), [SAMPLES, 1]);
  const callback = scheduleCallback(optimizer, stubborn(), options.monitor ? { monitor: options.monitor } : {});
  const rates: number[] = [], observations: Observation[] = [];
  const key = options.monitor ?? "val_loss";
  let updates = 0;
  const recorder = {
    onBatchBegin: () => void rates.push(trainedRate(optimizer)),
    onBatchEnd: () => void updates++,
    onEpochEnd: (_epoch: number, logs?: Record<string, unknown>) => {
      const v = logs?.[key];
      if (typeof v === "number") observations.push([updates - 1, v]);
    },
  };
  try {
    await model.fit(xs, ys, {
      epochs: options.epochs ?? 4,
      batchSize: BATCH,
      shuffle: false,
      verbose: 0,
      ...(options.validation === false ? {} : { validationData: [xs, ys] as [typeof xs, typeof ys] }),
      callbacks: [callback, recorder],
    });
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
  return { rates, observations, callback };
}

describe("scheduleCallback with a plateau in TF.js model.fit", () => {
  test("the rate of every batch is hear(policy, val_loss after each epoch's last update)", { skip }, async () => {
    if (typeof tfOrReason === "string") return;
    const { rates, observations, callback } = await fitPlateau(tfOrReason);
    const batches = SAMPLES / BATCH;
    assert.deepEqual(observations.map(([i]) => i), [3, 7, 11, 15]);
    const lr = hear(stubborn(), observations);
    assertRates(rates, rates.map((_, t) => lr(t)[0]), 0);
    // The first epoch at 0.04, then halved at the first update of every epoch after the second.
    assert.deepEqual(rates.filter((_, t) => t % batches === 0), [0.04, 0.04, 0.02, 0.01]);
    const state = callback.driver.state();
    assert.equal(JSON.parse(JSON.stringify(state)).metric.reductions, 3);
    // Resuming from the saved state continues with the next update's rate.
    const seen: number[] = [];
    const resumed = fromState(JSON.parse(JSON.stringify(state)), ({ lr: r }) => seen.push(r[0]), stubborn());
    assert.equal(resumed.iteration, 16);
    assert.deepEqual(seen, [0.005]);
  });

  test("monitor reads another key of the logs", { skip }, async () => {
    if (typeof tfOrReason === "string") return;
    const { rates, observations } = await fitPlateau(tfOrReason, { monitor: "loss", validation: false, epochs: 2 });
    const lr = hear(stubborn(), observations);
    assertRates(rates, rates.map((_, t) => lr(t)[0]), 0);
    assert.equal(observations.length, 2);
  });

  test("a missing log key fails model.fit with the keys the logs have and the fix", { skip }, async () => {
    if (typeof tfOrReason === "string") return;
    await assert.rejects(fitPlateau(tfOrReason, { validation: false, epochs: 1 }), {
      name: "TypeError",
      message: 'logs.val_loss: missing, expected a number (the metric the policy listens to); the logs have "loss" ' +
        "(give model.fit validationData or validationSplit, or set options.monitor)",
    });
  });
});

describe("optimizerSetter without TF.js (structural stand-ins)", () => {
  test("a rate that does not take fails loudly, naming the field", () => {
    const frozen = Object.freeze({ getClassName: () => "Adam", learningRate: 0.001 });
    assert.throws(
      () => optimizerSetter(frozen).learningRate(0.01),
      { message: "optimizer.learningRate: expected 0.01 after setting the field on TF.js Adam, got 0.001" },
    );
    const ignoring = { getClassName: () => "SGD", learningRate: 0.1, setLearningRate(_lr: number) {} };
    assert.throws(
      () => optimizerSetter(ignoring).learningRate(0.01),
      { message: "optimizer.learningRate: expected 0.01 after setLearningRate() on TF.js SGD, got 0.1" },
    );
  });

  test("an unknown optimizer class or a non-optimizer is a TypeError", () => {
    assert.throws(
      () => optimizerSetter({ getClassName: () => "Lion" }),
      {
        name: "TypeError",
        message:
          'optimizer.getClassName(): expected one of "SGD", "Momentum", "Adam", "Adamax", "Adagrad", "Adadelta", "RMSProp", got "Lion"',
      },
    );
    assert.throws(() => optimizerSetter(Object.create(null)), {
      name: "TypeError",
      message: /^optimizer: expected a TF\.js optimizer/,
    });
  });

  test("a policy of several groups is refused: a TF.js optimizer has one rate", () => {
    const adam = { getClassName: () => "Adam", learningRate: 0.001 };
    assert.throws(
      () => scheduleCallback(adam, cyclicLR({ baseLr: [0.01, 0.001], maxLr: [0.1, 0.01], cycleMomentum: false })),
      { name: "RangeError", message: "policy.groups: expected 1 (a TF.js optimizer has one learning rate), got 2" },
    );
  });

  test("the global step keeps counting when the batch index restarts", () => {
    const adam = { getClassName: () => "Adam", learningRate: 0 };
    const callback = scheduleCallback(adam, (t: number) => t / 100, { iteration: 5 });
    const seen: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let batch = 0; batch < 2; batch++) {
        callback.onBatchBegin(batch);
        seen.push(adam.learningRate);
        callback.onBatchEnd(batch);
      }
    }
    assert.deepEqual(seen, [0.05, 0.06, 0.07, 0.08, 0.09, 0.1]);
    assert.equal(callback.driver.iteration, 11);
  });
});
