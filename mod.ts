/**
 * cyclical-lr: learning-rate schedules as pure functions of the iteration, built around
 * Smith's Cyclical Learning Rates, with PyTorch's and optax's numbers.
 *
 * @example The paper's triangular policy for two parameter groups
 * ```ts
 * import assert from "node:assert/strict";
 * import { triangular } from "cyclical-lr";
 * const lr = triangular({ baseLr: [0.001, 0.0001], maxLr: [0.006, 0.0006], stepSizeUp: 2000 });
 * assert.deepEqual(lr(2000), [0.006, 0.0006]);
 * ```
 *
 * @module
 */
export type { PerGroup, Policy, ScalarSchedule, Scale, ScaleMode, Schedule, Wave } from "./lib/types.ts";
export { resolveGroups } from "./lib/groups.ts";
export { cosineWave, type StepSizes, triangle } from "./lib/wave.ts";
export { exponential, flat, halving, scaleFn } from "./lib/scale.ts";
export { amplitude, between } from "./lib/amplitude.ts";
export { type CyclicBounds, cyclic, type CyclicOptions, expRange, stretch, triangular, triangular2 } from "./lib/cyclic.ts";
export { scaleBy } from "./lib/scale_by.ts";
export { type CyclicLROptions, cyclicLR, type CyclicMode, type WaveFactory } from "./lib/cyclic_lr.ts";
export { sample } from "./lib/sample.ts";
export { configOf, withConfig } from "./lib/describe.ts";
