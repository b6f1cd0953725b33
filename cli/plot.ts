/**
 * `clr plot CONFIG.json --steps N [--start K] [--out FILE.svg] [--title TEXT] [--width PX] [--height PX]`:
 * draws the schedule a config describes (its learning rate per group, and its momentum
 * when it has one) as an SVG, on stdout or into `--out`. CONFIG may be `-` for stdin.
 * Configs are read and reported exactly as `clr eval` does.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import type { Policy } from "../lib/types.ts";
import { plotSchedule } from "../lib/plot/plot_schedule.ts";
import { type Command, UsageError } from "./command.ts";
import { integerFlag, parseArgs } from "./args.ts";
import { loadPolicy, readInput, writeErr, writeOut } from "./io.ts";

/** The most iterations one plot samples (they are thinned to a few thousand points). */
export const MAX_PLOT_STEPS = 10_000_000;

const USAGE =
  `Usage: clr plot CONFIG.json --steps N [--start K] [--out FILE.svg] [--title TEXT] [--width PX] [--height PX]

Draws the schedule that CONFIG.json describes at iterations K, K+1, …, K+N-1 as an SVG:
the learning rate of every parameter group and, below it, the momentum when the schedule
has one. Writes the SVG to stdout, or to FILE.svg with --out.

Arguments:
  CONFIG.json    a schedule config (JSON); - reads it from stdin
  --steps N      how many iterations, 1 to ${MAX_PLOT_STEPS}
  --start K      the first iteration, a non-negative integer (default 0)
  --out FILE     write the SVG there instead of stdout
  --title TEXT   the title (default "Learning-rate schedule")
  --width PX     the width in pixels, 100 to 100000 (default 640)
  --height PX    the height of each plot in pixels, 100 to 100000 (default 300)
  -h, --help     show this help

A config that does not decode is reported on stderr, one error per line
(path: expected …, got …), with exit status 1. Bad arguments exit with status 2.`;

/** The parsed arguments of `clr plot`. */
export interface PlotArgs {
  readonly help: boolean;
  readonly config: string;
  readonly steps: number;
  readonly start: number;
  readonly out?: string;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Parses the arguments after `plot`.
 *
 * @throws {UsageError} With `--flag: expected …, got "…"` for a bad or missing value.
 */
export function parsePlotArgs(args: readonly string[]): PlotArgs {
  const { positionals, flags } = parseArgs(args, {
    steps: "value",
    start: "value",
    out: "value",
    title: "value",
    width: "value",
    height: "value",
    help: "boolean",
  });
  if (flags.has("help")) return { help: true, config: "", steps: 0, start: 0 };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? "missing CONFIG.json" : `expected one CONFIG.json, got ${positionals.length}`,
    );
  }
  const stepsText = flags.get("steps");
  if (stepsText === undefined) throw new UsageError("missing --steps N");
  const steps = integerFlag("steps", stepsText, 1, MAX_PLOT_STEPS, `an integer from 1 to ${MAX_PLOT_STEPS}`);
  const start = integerFlag("start", flags.get("start") ?? "0", 0, Number.MAX_SAFE_INTEGER, "a non-negative integer");
  if (start > Number.MAX_SAFE_INTEGER - (steps - 1)) {
    const phrase = `an integer with start + steps - 1 <= ${Number.MAX_SAFE_INTEGER} (steps ${steps})`;
    throw new UsageError(`--start: expected ${phrase}, got ${JSON.stringify(String(start))}`);
  }
  const text = (name: string) => {
    const v = flags.get(name);
    if (v === "") throw new UsageError(`--${name}: expected a non-empty value, got ""`);
    return v;
  };
  const pixels = (name: string) => {
    const v = flags.get(name);
    return v === undefined ? undefined : integerFlag(name, v, 100, 100_000, "an integer from 100 to 100000");
  };
  const out = text("out"), title = text("title"), width = pixels("width"), height = pixels("height");
  return {
    help: false,
    config: positionals[0],
    steps,
    start,
    ...(out === undefined ? {} : { out }),
    ...(title === undefined ? {} : { title }),
    ...(width === undefined ? {} : { width }),
    ...(height === undefined ? {} : { height }),
  };
}

/** What `clr plot` needs from the outside world; {@link plotCommand} passes the real ones. */
export interface PlotDeps {
  /** Reads a file, or stdin for `-`. */
  readInput(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  writeOut(text: string): Promise<void>;
  writeErr(lines: readonly string[]): void;
  /** Config text to its policy, or the decoder's error lines. */
  load(text: string): { readonly policy: Policy } | { readonly errors: readonly string[] };
}

/**
 * Runs `clr plot` with the given dependencies.
 *
 * @returns 0 on success; 1 when the config cannot be read or does not decode, or the
 *   output cannot be written (the errors on stderr, nothing on stdout).
 * @throws {UsageError} On bad arguments (`clr` exits with 2).
 */
export async function runPlot(args: readonly string[], deps: PlotDeps): Promise<number> {
  const parsed = parsePlotArgs(args);
  if (parsed.help) {
    await deps.writeOut(USAGE + "\n");
    return 0;
  }
  let text: string;
  try {
    text = await deps.readInput(parsed.config);
  } catch (e) {
    deps.writeErr([
      `${parsed.config === "-" ? "stdin" : parsed.config}: cannot be read (${
        e instanceof Error ? e.message : String(e)
      })`,
    ]);
    return 1;
  }
  const loaded = deps.load(text);
  if ("errors" in loaded) {
    deps.writeErr(loaded.errors);
    return 1;
  }
  const svg = plotSchedule(loaded.policy, {
    steps: parsed.steps,
    start: parsed.start,
    ...(parsed.title === undefined ? {} : { title: parsed.title }),
    ...(parsed.width === undefined ? {} : { width: parsed.width }),
    ...(parsed.height === undefined ? {} : { height: parsed.height }),
  });
  if (parsed.out === undefined) {
    await deps.writeOut(svg);
    return 0;
  }
  try {
    await deps.writeFile(parsed.out, svg);
  } catch (e) {
    deps.writeErr([`${parsed.out}: cannot be written (${e instanceof Error ? e.message : String(e)})`]);
    return 1;
  }
  return 0;
}

/** The `plot` subcommand. */
export const plotCommand: Command = {
  summary: "draw a config's learning rates (and momenta) over N iterations, as SVG",
  run: (args) =>
    runPlot(args, {
      readInput,
      writeFile: (path, text) => Promise.resolve(writeFileSync(path, text)),
      writeOut,
      writeErr,
      load: loadPolicy,
    }),
};
