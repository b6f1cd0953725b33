/**
 * The demo's experiment on a pool of threads: every seed's range test, then, as soon as a
 * seed has its bounds, every contender on that seed. The results come back in the plan's
 * order (contenders, then seeds) whatever order the jobs finished in.
 *
 * @module
 */
import type { Results } from "./analyze.ts";
import type { BuildContext, Contender } from "./contenders.ts";
import type { KernelKind } from "./first_layer.ts";
import { jobLabel, jobSize, type RangeJob, type TrainJob, type TrainOutcome } from "./jobs.ts";
import type { Pool } from "./pool.ts";
import type { Progress } from "./progress.ts";
import { type SeedRange, suggestForDemo } from "./suggest.ts";
import type { RangeSettings } from "./train.ts";

/** What to run. */
export interface Plan {
  /** The paired seeds. */
  readonly seeds: readonly number[];
  /** The grid of fixed rates (it names the fixed contenders). */
  readonly grid: readonly number[];
  /** `contenders(grid)`. */
  readonly contenders: readonly Contender[];
  readonly range: RangeSettings;
  /** Iterations per half cycle. */
  readonly stepSize: number;
  /** Iterations per run. */
  readonly budget: number;
  readonly momentum: number;
  readonly evalEvery: number;
  readonly kernel: KernelKind;
}

/** Every run of one contender. */
export interface ContenderRuns {
  readonly contender: Contender;
  /** The seeds it ran on, and for each its outcome. */
  readonly seeds: number[];
  readonly outcomes: TrainOutcome[];
}

/** What the experiment gives. */
export interface Findings {
  /** One per seed, in seed order. */
  readonly ranges: SeedRange[];
  /** One per contender, in the plan's order. */
  readonly results: ContenderRuns[];
}

/**
 * The analysis's input: every contender's runs; a range-test contender's settings show the
 * bounds averaged over the seeds when it ran on more than one (each seed used its own).
 *
 * @param findings What the experiment gave.
 * @returns One entry per contender.
 */
export function resultsOf(findings: Findings): Results[] {
  const ok = findings.ranges.flatMap((r) => (r.suggestion.ok ? [r.suggestion] : []));
  const mean = (f: (b: { baseLr: number; maxLr: number }) => number) =>
    ok.reduce((sum, b) => sum + f(b), 0) / Math.max(1, ok.length);
  return findings.results.map(({ contender, seeds, outcomes }) => ({
    name: contender.name,
    kind: contender.kind,
    settings: contender.kind === "rangeTest" && outcomes.length > 1
      ? `${sig(mean((b) => b.baseLr))}–${sig(mean((b) => b.maxLr))} (mean)`
      : outcomes[0]?.settings ?? "",
    seeds,
    runs: outcomes.map((o) => o.run),
  }));
}

/** Iterations of the whole experiment (every range test and every run, whether the bounds come or not). */
export function planSize(plan: Plan): number {
  return plan.seeds.length * (plan.range.iterations + plan.contenders.length * plan.budget);
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const sig = (x: number) => Number(x.toPrecision(3)).toString();
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function rangeLine(r: SeedRange, ms: number): string {
  const { curve, suggestion, fallbackFrom } = r;
  return `seed ${r.seed}: range test ${curve.stop} at lr ${
    sig(curve.lrs[curve.lrs.length - 1])
  } (${curve.lrs.length} ` +
    `iterations, ${secs(ms)}); ` +
    (suggestion.ok
      ? `suggested baseLr ${sig(suggestion.baseLr)}, maxLr ${sig(suggestion.maxLr)} (${suggestion.rule} rule` +
        (fallbackFrom === undefined ? ")" : `, skipStart 0, because the default said: ${fallbackFrom})`)
      : `no suggestion: ${suggestion.reason}; the contenders built from it sit this seed out`);
}

function runLine(job: TrainJob, outcome: TrainOutcome): string {
  const run = outcome.run;
  return `seed ${job.seed} ${job.contender.padEnd(11)} final test accuracy ${
    pct(run.accuracy[run.accuracy.length - 1])
  }` +
    (run.divergedAt === undefined ? "" : ` (diverged at iteration ${run.divergedAt})`) + ` in ${secs(run.ms)}`;
}

/**
 * Runs the plan.
 *
 * @param plan What to run.
 * @param pool Where.
 * @param progress Where the progress goes (one line per finished job).
 * @returns The range tests and every contender's runs.
 */
export async function runExperiment(plan: Plan, pool: Pool, progress: Progress): Promise<Findings> {
  let nextId = 0;
  const ranges: SeedRange[] = [];
  const perSeed = plan.seeds.map(() => new Map<string, TrainOutcome>());
  // A job joins the bar when it starts running (its first tick), not while it waits for a thread.
  const track = async <T>(job: RangeJob | TrainJob, work: (tick: (n: number, acc?: number) => void) => Promise<T>) => {
    const id = nextId++;
    let begun = false;
    const begin = () => {
      if (!begun) progress.begin(id, jobLabel(job), jobSize(job));
      begun = true;
    };
    const value = await work((n, acc) => {
      begin();
      progress.tick(id, n, acc);
    });
    begin();
    return { id, value };
  };
  const seedWork = async (seed: number, k: number) => {
    const job: RangeJob = { kind: "rangeTest", seed, range: plan.range, momentum: plan.momentum, kernel: plan.kernel };
    const t0 = performance.now();
    const { id, value } = await track(job, (tick) => pool.run(job, tick));
    if (value.kind !== "rangeTest") throw new Error("demo: a range test gave no curve");
    const range = suggestForDemo(seed, value.curve);
    ranges[k] = range;
    progress.end(id, rangeLine(range, performance.now() - t0));
    const context: BuildContext = {
      ...(range.suggestion.ok ? { bounds: { baseLr: range.suggestion.baseLr, maxLr: range.suggestion.maxLr } } : {}),
      stepSize: plan.stepSize,
      budget: plan.budget,
      momentum: plan.momentum,
    };
    const runnable = plan.contenders.filter((c) => c.kind === "fixed" || context.bounds !== undefined);
    await Promise.all(runnable.map(async (c) => {
      const train: TrainJob = {
        kind: "train",
        seed,
        contender: c.name,
        grid: plan.grid,
        context,
        evalEvery: plan.evalEvery,
        kernel: plan.kernel,
      };
      const { id, value } = await track(train, (tick) => pool.run(train, tick));
      if (value.kind !== "train") throw new Error("demo: a training job gave no run");
      perSeed[k].set(c.name, value);
      progress.end(id, runLine(train, value));
    }));
  };
  await Promise.all(plan.seeds.map(seedWork));
  const results = plan.contenders.map((contender) => {
    const seeds: number[] = [], outcomes: TrainOutcome[] = [];
    plan.seeds.forEach((seed, k) => {
      const o = perSeed[k].get(contender.name);
      if (o) seeds.push(seed), outcomes.push(o);
    });
    return { contender, seeds, outcomes };
  });
  return { ranges, results };
}
