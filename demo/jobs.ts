/**
 * The demo's unit of work: a job is plain data (a seed's range test, or one contender on
 * one seed), and {@link runJob} is a pure function of the job and the digits. So a job runs
 * the same in this thread or in a worker, and the results are the same bits either way.
 *
 * @module
 */
import { configOf } from "../mod.ts";
import type { RangeTestCurve } from "../range_test.ts";
import { type BuildContext, contenders } from "./contenders.ts";
import type { KernelKind } from "./first_layer.ts";
import type { Split } from "./mnist.ts";
import { type RangeSettings, rangeTestRun, type Run, type Tick, train } from "./train.ts";

/** A seed's LR range test. */
export interface RangeJob {
  readonly kind: "rangeTest";
  readonly seed: number;
  readonly range: RangeSettings;
  readonly momentum: number;
  readonly kernel: KernelKind;
}

/** One contender trained on one seed. */
export interface TrainJob {
  readonly kind: "train";
  readonly seed: number;
  /** The contender's name in `contenders(grid)`. */
  readonly contender: string;
  /** The grid of fixed rates, which names the fixed contenders. */
  readonly grid: readonly number[];
  /** What the contender is built from (the seed's bounds among it). */
  readonly context: BuildContext;
  readonly evalEvery: number;
  readonly kernel: KernelKind;
}

/** A unit of work. */
export type Job = RangeJob | TrainJob;

/** What a range test gives. */
export interface RangeOutcome {
  readonly kind: "rangeTest";
  readonly curve: RangeTestCurve;
}

/** What a training run gives. */
export interface TrainOutcome {
  readonly kind: "train";
  readonly run: Run;
  /** The recipe's settings, for the table. */
  readonly settings: string;
  /** The policy's config (`configOf`), when it has one. */
  readonly config: Readonly<Record<string, unknown>> | null;
}

/** What a job gives. */
export type Outcome = RangeOutcome | TrainOutcome;

/** A short name of a job, for the progress bar and the log: `"seed 2 triangular"`. */
export function jobLabel(job: Job): string {
  return `seed ${job.seed} ${job.kind === "rangeTest" ? "range test" : job.contender}`;
}

/** The iterations a job runs. */
export function jobSize(job: Job): number {
  return job.kind === "rangeTest" ? job.range.iterations : job.context.budget;
}

/**
 * Runs a job.
 *
 * @param job The job.
 * @param data The digits.
 * @param tick Progress.
 * @returns Its outcome.
 * @throws {Error} When the job names no contender of its grid.
 */
export async function runJob(job: Job, data: Split, tick: Tick): Promise<Outcome> {
  if (job.kind === "rangeTest") {
    const curve = await rangeTestRun(
      data,
      job.range,
      { seed: job.seed, momentum: job.momentum, kernel: job.kernel },
      tick,
    );
    return { kind: "rangeTest", curve };
  }
  const contender = contenders(job.grid).find((c) => c.name === job.contender);
  if (!contender) throw new Error(`demo: no contender named ${JSON.stringify(job.contender)}`);
  const recipe = contender.build(job.context);
  const run = await train(recipe, data, {
    seed: job.seed,
    budget: job.context.budget,
    evalEvery: job.evalEvery,
    kernel: job.kernel,
  }, tick);
  return { kind: "train", run, settings: recipe.settings, config: configOf(recipe.optimizer.policy) ?? null };
}
