/**
 * `clr eval CONFIG.json --steps N [--start K]`: evaluates a schedule config at `N`
 * consecutive iterations from `K` and prints `{"lr": [[…], …], "momentum": [[…], …]}`
 * (`shared/spec/schedule-config.md`).
 *
 * @module
 */
import type { Schedule } from "../lib/types.ts";
import { sample } from "../mod.ts";
import { sparkline } from "../lib/plot/terminal.ts";
import { type Command, UsageError } from "./command.ts";
import { integerFlag, parseArgs } from "./args.ts";
import { loadPolicy, readInput, writeErr, writeOut } from "./io.ts";
import { evalOutput } from "./eval_output.ts";

/** The most iterations one `clr eval` prints. */
export const MAX_STEPS = 10_000_000;

const USAGE = `Usage: clr eval CONFIG.json --steps N [--start K] [--plot]

Evaluates the schedule that CONFIG.json describes at iterations K, K+1, …, K+N-1 and
prints one JSON object on stdout:

  {"lr":[[group 0, group 1, …], …],"momentum":[[…], …]}

"momentum" is present only when the schedule defines it. Numbers are printed in the
shortest form that reads back to the same double.

Arguments:
  CONFIG.json    a schedule config (JSON); - reads it from stdin
  --steps N      how many iterations, 1 to ${MAX_STEPS}
  --start K      the first iteration, a non-negative integer (default 0)
  --plot         also draw each group's series as a one-line sparkline on stderr
                 (stdout stays the JSON object alone)
  -h, --help     show this help

A config that does not decode is reported on stderr, one error per line
(path: expected …, got …), with exit status 1. Bad arguments exit with status 2.`;

/** The most points one sparkline samples: a line of 80 characters needs no more. */
const PLOT_POINTS = 4_000;

/** One sparkline per series and group, each labelled with its range. */
function sparklines(lr: Schedule, momentum: Schedule | undefined, start: number, steps: number): string[] {
  const stride = Math.max(1, Math.ceil(steps / PLOT_POINTS));
  const lines: string[] = [];
  for (const [name, schedule] of [["lr", lr], ["momentum", momentum]] as const) {
    if (schedule === undefined) continue;
    const rows: (readonly number[])[] = [];
    for (let t = start; t < start + steps; t += stride) rows.push(schedule(t));
    for (let g = 0; g < rows[0].length; g++) {
      const values = rows.map((row) => row[g]);
      const low = Math.min(...values), high = Math.max(...values);
      lines.push(`${name}[${g}] ${sparkline(values)}  ${low} .. ${high}`);
    }
  }
  return lines;
}

/** The `eval` subcommand. */
export const evalCommand: Command = {
  summary: "print a config's learning rates (and momenta) at N iterations, as JSON",
  async run(args) {
    const { positionals, flags } = parseArgs(args, { steps: "value", start: "value", help: "boolean", plot: "boolean" });
    if (flags.has("help")) {
      await writeOut(USAGE + "\n");
      return 0;
    }
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? "missing CONFIG.json" : `expected one CONFIG.json, got ${positionals.length}`,
      );
    }
    const stepsText = flags.get("steps");
    if (stepsText === undefined) throw new UsageError("missing --steps N");
    const steps = integerFlag("steps", stepsText, 1, MAX_STEPS, `an integer from 1 to ${MAX_STEPS}`);
    const start = integerFlag("start", flags.get("start") ?? "0", 0, Number.MAX_SAFE_INTEGER, "a non-negative integer");
    if (start > Number.MAX_SAFE_INTEGER - (steps - 1)) {
      const phrase = `an integer with start + steps - 1 <= ${Number.MAX_SAFE_INTEGER} (steps ${steps})`;
      throw new UsageError(`--start: expected ${phrase}, got ${JSON.stringify(String(start))}`);
    }

    const path = positionals[0];
    let text: string;
    try {
      text = await readInput(path);
    } catch (e) {
      writeErr([`${path === "-" ? "stdin" : path}: cannot be read (${e instanceof Error ? e.message : String(e)})`]);
      return 1;
    }
    const loaded = loadPolicy(text);
    if ("errors" in loaded) {
      writeErr(loaded.errors);
      return 1;
    }
    const { policy } = loaded;
    // Evaluate the first row before printing anything, so that a failure leaves stdout empty.
    sample(policy.lr, start, 1);
    if (policy.momentum) sample(policy.momentum, start, 1);
    for (const piece of evalOutput(policy, start, steps)) await writeOut(piece);
    if (flags.has("plot")) writeErr(sparklines(policy.lr, policy.momentum, start, steps));
    return 0;
  },
};
