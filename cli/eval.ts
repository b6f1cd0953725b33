/**
 * `clr eval CONFIG.json --steps N [--start K] [--metrics FILE]`: evaluates a schedule config
 * at `N` consecutive iterations from `K` and prints `{"lr": [[…], …], "momentum": [[…], …]}`
 * (`shared/spec/schedule-config.md`).
 *
 * Whole or nothing: every value is evaluated and checked before the first byte is written,
 * then evaluated again (schedules are pure) and written, chunk by chunk, so that stdout holds
 * the whole JSON object or nothing, with memory bounded by the chunk whatever `N` and the
 * group count.
 *
 * @module
 */
import { isMetricPolicy, type Observation } from "../lib/metric/metric_policy.ts";
import { hear } from "../lib/metric/hear.ts";
import { describeValue, pathText } from "../lib/_check.ts";
import { type Command, UsageError } from "./command.ts";
import { integerFlag, parseArgs } from "./args.ts";
import { loadBuilt, readInput, writeErr, writeOut } from "./io.ts";
import { printEvaluation } from "./eval_output.ts";

/** The most iterations one `clr eval` prints. */
export const MAX_STEPS = 10_000_000;

const USAGE = `Usage: clr eval CONFIG.json --steps N [--start K] [--metrics FILE] [--plot]

Evaluates the schedule that CONFIG.json describes at iterations K, K+1, …, K+N-1 and
prints one JSON object on stdout:

  {"lr":[[group 0, group 1, …], …],"momentum":[[…], …]}

"momentum" is present only when the schedule defines it. Numbers are printed in the
shortest form that reads back to the same double.

Arguments:
  CONFIG.json    a schedule config (JSON); - reads it from stdin
  --steps N      how many iterations, 1 to ${MAX_STEPS}
  --start K      the first iteration, a non-negative integer (default 0)
  --metrics FILE the metric a config with a "plateau" or "greedy" listens to: a JSON
                 array of [iteration, value] pairs, iterations increasing, each value the metric
                 observed after the update of that iteration (it takes effect at the next
                 one); a value may be "NaN", "Infinity" or "-Infinity". The rates printed
                 are those a run that observed these metrics used. Without --metrics such
                 a config is evaluated with no observations (the schedule it multiplies).
  --plot         also draw each group's series as a one-line sparkline on stderr
                 (stdout stays the JSON object alone)
  -h, --help     show this help

Output is whole or nothing: every value is checked before the first byte is written.
A config that does not decode is reported on stderr, one error per line
(path: expected …, got …), with exit status 1, and so are bad metrics and a value that
is not finite. Bad arguments exit with status 2.`;

/** Reads `--metrics`: `[iteration, value]` pairs; values may be "NaN", "Infinity", "-Infinity". */
function parseMetrics(text: string): { readonly observations: Observation[] } | { readonly errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return {
      errors: [`metrics: expected JSON text, got a syntax error (${e instanceof Error ? e.message : String(e)})`],
    };
  }
  if (!Array.isArray(json)) {
    return { errors: [`metrics: expected an array of [iteration, value] pairs, got ${describeValue(json)}`] };
  }
  const observations: Observation[] = [];
  let last = -1;
  for (let k = 0; k < json.length; k++) {
    const pair: unknown = json[k];
    const at = pathText(["metrics", k]);
    if (!Array.isArray(pair) || pair.length !== 2) {
      return { errors: [`${at}: expected an [iteration, value] pair, got ${describeValue(pair)}`] };
    }
    const [i, v]: unknown[] = pair;
    if (!(typeof i === "number" && Number.isSafeInteger(i) && i > last)) {
      const phrase = last < 0
        ? "a non-negative integer"
        : `an integer above ${at.replace(/\[\d+\]$/, `[${k - 1}]`)}[0] (${last})`;
      return { errors: [`${at}[0]: expected ${phrase}, got ${describeValue(i)}`] };
    }
    const value = typeof v === "number"
      ? v
      : v === "NaN"
      ? NaN
      : v === "Infinity"
      ? Infinity
      : v === "-Infinity"
      ? -Infinity
      : undefined;
    if (value === undefined) {
      return { errors: [`${at}[1]: expected a number, "NaN", "Infinity" or "-Infinity", got ${describeValue(v)}`] };
    }
    observations.push([i, value]);
    last = i;
  }
  return { observations };
}

/** Reads an input's text, or the line that says why it cannot be read. */
async function readText(path: string): Promise<{ readonly text: string } | { readonly error: string }> {
  try {
    return { text: await readInput(path) };
  } catch (e) {
    return {
      error: `${path === "-" ? "stdin" : path}: cannot be read (${e instanceof Error ? e.message : String(e)})`,
    };
  }
}

/** The `eval` subcommand. */
export const evalCommand: Command = {
  summary: "print a config's learning rates (and momenta) at N iterations, as JSON",
  async run(args) {
    const { positionals, flags } = parseArgs(args, {
      steps: "value",
      start: "value",
      metrics: "value",
      help: "boolean",
      plot: "boolean",
    });
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
    const metricsPath = flags.get("metrics");
    if (metricsPath === "-" && positionals[0] === "-") {
      throw new UsageError("--metrics: expected a file, got - (stdin holds the config)");
    }

    const path = positionals[0];
    const config = await readText(path);
    if ("error" in config) {
      writeErr([config.error]);
      return 1;
    }
    const loaded = loadBuilt(config.text);
    if ("errors" in loaded) {
      writeErr(loaded.errors);
      return 1;
    }
    const { built } = loaded;
    let observations: Observation[] = [];
    if (metricsPath !== undefined) {
      if (!isMetricPolicy(built)) {
        throw new UsageError(
          "--metrics: expected a config that listens to a metric (a plateau or greedy in it), got one that does not",
        );
      }
      const file = await readText(metricsPath);
      if ("error" in file) {
        writeErr([file.error]);
        return 1;
      }
      const parsed = parseMetrics(file.text);
      if ("errors" in parsed) {
        writeErr(parsed.errors);
        return 1;
      }
      observations = parsed.observations;
    }
    const policy = isMetricPolicy(built) ? hear(built, observations) : built;
    // Every value is evaluated and checked before anything is written: a failure leaves stdout empty.
    const lines = await printEvaluation(policy, start, steps, writeOut, flags.has("plot"));
    writeErr(lines);
    return 0;
  },
};
