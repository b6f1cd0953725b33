/**
 * cyclical-lr for TensorFlow.js: a `model.fit` callback that drives a TF.js optimizer's
 * learning rate (and momentum, where TF.js can take it) from a policy, at every batch.
 * Imported as `cyclical-lr/tfjs`; it takes the optimizer structurally and never imports
 * `@tensorflow/tfjs`, so neither this module nor the core depends on it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular2 } from "cyclical-lr";
 * import { scheduleCallback } from "cyclical-lr/tfjs";
 * const sgd = { getClassName: () => "SGD", learningRate: 0, setLearningRate(lr: number) { this.learningRate = lr; } };
 * const callback = scheduleCallback(sgd, triangular2({ baseLr: 0.001, maxLr: 0.006, stepSizeUp: 10 }));
 * assert.equal(sgd.learningRate, 0.001);
 * // await model.fit(xs, ys, { epochs: 4, batchSize: 32, callbacks: [callback] });
 * ```
 *
 * @module
 */
export { type OptimizerSetter, optimizerSetter, type TfOptimizer } from "./lib/tfjs/optimizer_setter.ts";
export { type ScheduleCallback, scheduleCallback, type ScheduleCallbackOptions } from "./lib/tfjs/schedule_callback.ts";
