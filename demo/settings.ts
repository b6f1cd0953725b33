/**
 * The settings of a demo run, the default run and the `--quick` one, and how the rates
 * follow the momentum.
 *
 * @module
 */
import { availableParallelism } from "node:os";
import { type KernelKind, wasmAvailable } from "./first_layer.ts";
import { MOMENTUM } from "./train.ts";
import type { RangeSettings } from "./train.ts";

/** The settings of one demo run. */
export interface DemoSettings {
  /** The base seed: the split, and the first of the paired seeds. */
  readonly seed: number;
  /** Paired seeds: `seed`, `seed + 1`, … */
  readonly seeds: number;
  /** Iterations per training run. */
  readonly budget: number;
  /** Test accuracy every this many iterations. */
  readonly evalEvery: number;
  /** The grid of fixed rates. */
  readonly rates: readonly number[];
  /** The range test. */
  readonly range: RangeSettings;
  /** Epochs per half cycle, for the step-size helper. */
  readonly epochsPerHalfCycle: number;
  /** SGD momentum; 0 is plain SGD. */
  readonly momentum: number;
  /** Threads that train at the same time; 1 runs everything in this thread, one run after another. */
  readonly workers: number;
  /** The report folder. */
  readonly out: string;
  /** Whether this is the `--quick` variant. */
  readonly quick: boolean;
  /** The model's first-layer kernel: WebAssembly SIMD, or plain TypeScript (`--kernel js`). */
  readonly kernel: KernelKind;
}

/** The cores this machine offers: the default number of workers. */
export const CORES: number = Math.max(1, availableParallelism());

/**
 * The default run: three paired seeds in well under two minutes on a 2-core machine (one
 * worker per core). The model costs about 1 to 2 ms per iteration (WebAssembly SIMD first
 * layer, zero pixels skipped) and a few ms per test evaluation, so one seed (the range test
 * and nine runs) is about 21,000 iterations. To fit three seeds, the budget is 2,240
 * iterations, four whole cycles of 2 × 280 (the curves of the numpy study settle by about
 * iteration 1,500 of its 4,000), and the grid is five rates a factor 2 apart, 0.05 to 0.8:
 * it brackets the best fixed rate with momentum 0.9 (about 0.2 to 0.3) and of plain SGD
 * (about 0.5 to 0.7), so `--momentum 0` needs no other grid (with momentum the top rate
 * fails, ending near chance: the grid shows where the usable rates stop).
 */
export const DEFAULTS: DemoSettings = {
  seed: 1,
  seeds: 3,
  budget: 2240,
  evalEvery: 40,
  rates: [0.05, 0.1, 0.2, 0.4, 0.8],
  range: { minLr: 1e-4, maxLr: 2, iterations: 640, every: 20 },
  epochsPerHalfCycle: 4,
  momentum: MOMENTUM,
  workers: CORES,
  out: "report",
  quick: false,
  kernel: wasmAvailable ? "wasm" : "js",
};

/** `--quick`: a smoke run of the whole pipeline in a few seconds (the tests use it). */
export const QUICK: DemoSettings = {
  ...DEFAULTS,
  seeds: 1,
  budget: 280,
  evalEvery: 20,
  rates: [0.1, 0.2],
  range: { minLr: 1e-4, maxLr: 2, iterations: 160, every: 20 },
  epochsPerHalfCycle: 0.5,
  quick: true,
};
