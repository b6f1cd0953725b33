/**
 * `clr plot CONFIG --steps N [--start K] [--out FILE.svg] [--title TEXT] [--width PX] [--height PX]`:
 * draws the schedule a config describes (its learning rate per group, and its momentum
 * when it has one) as an SVG, on stdout or into `--out`. CONFIG may be `-` for stdin.
 *
 * The dispatcher (cli/clr.ts) passes the arguments after `plot`, its I/O and the function
 * that turns config text into a policy (the same as `clr eval` uses), so both commands
 * read and report configs identically.
 *
 * @module
 */
import type { Policy } from "../mod.ts";
import { plotSchedule } from "../mod.ts";

/** What `clr plot` needs from the outside world. */
export interface PlotIo {
  /** Reads a file, or stdin for `-`. */
  readText(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Turns config text into a policy, or the decoder's error lines. */
export type PolicyLoader = (text: string) => { readonly policy: Policy } | { readonly errors: readonly string[] };

/** The parsed arguments of `clr plot`. */
export interface PlotArgs {
  readonly config: string;
  readonly steps: number;
  readonly start: number;
  readonly out?: string;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

export const PLOT_USAGE =
  "usage: clr plot CONFIG --steps N [--start K] [--out FILE.svg] [--title TEXT] [--width PX] [--height PX]";

function integer(flag: string, text: string | undefined, min: number): number {
  const n = text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n >= min)) {
    const phrase = min === 0 ? "a non-negative integer" : min === 1 ? "a positive integer" : `an integer >= ${min}`;
    throw new RangeError(`${flag}: expected ${phrase}, got ${text === undefined ? "nothing" : JSON.stringify(text)}`);
  }
  return n;
}

/**
 * Parses the arguments after `plot`; `--flag value` and `--flag=value` both work.
 *
 * @throws {RangeError} With a `--flag: expected …, got …` message for a bad or missing value.
 */
export function parsePlotArgs(args: readonly string[]): PlotArgs {
  const flags = new Map<string, string | undefined>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!["--steps", "--start", "--out", "--title", "--width", "--height"].includes(name)) {
        throw new RangeError(`${name}: unknown option; ${PLOT_USAGE}`);
      }
      flags.set(name, eq < 0 ? args[++i] : a.slice(eq + 1));
    } else {
      positional.push(a);
    }
  }
  if (positional.length !== 1) {
    throw new RangeError(`CONFIG: expected one config file (or - for stdin), got ${positional.length}; ${PLOT_USAGE}`);
  }
  const steps = integer("--steps", flags.get("--steps"), 1);
  const start = flags.has("--start") ? integer("--start", flags.get("--start"), 0) : 0;
  const text = (flag: string) => {
    const v = flags.get(flag);
    if (v === undefined || v === "") throw new RangeError(`${flag}: expected a value, got nothing`);
    return v;
  };
  return {
    config: positional[0],
    steps,
    start,
    ...(flags.has("--out") ? { out: text("--out") } : {}),
    ...(flags.has("--title") ? { title: text("--title") } : {}),
    ...(flags.has("--width") ? { width: integer("--width", flags.get("--width"), 100) } : {}),
    ...(flags.has("--height") ? { height: integer("--height", flags.get("--height"), 100) } : {}),
  };
}

/**
 * Runs `clr plot`. Returns the exit status: 0 on success, 1 when the config does not
 * decode or cannot be read (the errors on stderr, nothing on stdout), 2 on bad arguments.
 *
 * @param args The arguments after `plot`.
 * @param io Reading, writing and the two output streams.
 * @param load Config text to policy (the dispatcher's, shared with `clr eval`).
 * @returns The exit status.
 */
export async function plotCommand(args: readonly string[], io: PlotIo, load: PolicyLoader): Promise<number> {
  let parsed: PlotArgs;
  try {
    parsed = parsePlotArgs(args);
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await io.readText(parsed.config);
  } catch (e) {
    io.stderr(`CONFIG: could not read ${JSON.stringify(parsed.config)} (${e instanceof Error ? e.message : String(e)})\n`);
    return 1;
  }
  const loaded = load(text);
  if ("errors" in loaded) {
    io.stderr(loaded.errors.map((line) => `${line}\n`).join(""));
    return 1;
  }
  let svg: string;
  try {
    svg = plotSchedule(loaded.policy, {
      steps: parsed.steps,
      start: parsed.start,
      ...(parsed.title === undefined ? {} : { title: parsed.title }),
      ...(parsed.width === undefined ? {} : { width: parsed.width }),
      ...(parsed.height === undefined ? {} : { height: parsed.height }),
    });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (parsed.out === undefined) {
    io.stdout(svg);
  } else {
    try {
      await io.writeFile(parsed.out, svg);
    } catch (e) {
      io.stderr(`--out: could not write ${JSON.stringify(parsed.out)} (${e instanceof Error ? e.message : String(e)})\n`);
      return 1;
    }
  }
  return 0;
}
