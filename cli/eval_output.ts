/**
 * The text `clr eval` prints for a policy, piece by piece: `{"lr":[[…],…],"momentum":[[…],…]}`
 * and a newline (`shared/spec/schedule-config.md`). One writer for the command and for
 * anything that must print exactly its bytes. It imports nothing of Node's.
 *
 * Whole or nothing: {@link checkEvalOutput} evaluates and checks every value without printing
 * anything, so that `clr eval` writes its first byte only once nothing can fail (schedules
 * are pure: printing evaluates them again). Memory is one chunk of values
 * ({@link CHUNK_VALUES}, or one row when a row is longer), whatever the steps and the groups.
 *
 * @module
 */
import type { Policy, Schedule } from "../lib/types.ts";
import { sample } from "../mod.ts";
import { sparkline } from "../lib/plot/terminal.ts";

/**
 * Values evaluated and printed at once: a chunk is `max(1, floor(CHUNK_VALUES / groups))`
 * rows, so memory stays flat for any `--steps` and any group count.
 */
export const CHUNK_VALUES = 1 << 16;

/** One named series of the output: `"lr"` or `"momentum"`. */
interface Series {
  readonly name: string;
  readonly schedule: Schedule;
}

/** The series of a policy, in the order the output has them. */
function seriesOf(policy: Policy): Series[] {
  const lr = { name: "lr", schedule: policy.lr };
  return policy.momentum ? [lr, { name: "momentum", schedule: policy.momentum }] : [lr];
}

/** One chunk of a series' values: `rows` rows of `groups` values from iteration `first`. */
interface Chunk {
  readonly values: Float64Array;
  readonly first: number;
  readonly rows: number;
  readonly groups: number;
}

/**
 * Every chunk of a series' values, in order, in one reused buffer (read each before the
 * next), every value checked to be finite.
 */
function* chunksOf(s: Series, start: number, steps: number): Generator<Chunk> {
  const groups = s.schedule(start).length;
  const step = Math.max(1, Math.floor(CHUNK_VALUES / groups));
  const buffer = new Float64Array(step * groups);
  for (let i = 0; i < steps; i += step) {
    const rows = Math.min(step, steps - i);
    const values = sample(s.schedule, start + i, rows, buffer);
    for (let k = 0; k < values.length; k++) {
      if (!Number.isFinite(values[k])) {
        const t = start + i + Math.floor(k / groups);
        throw new RangeError(
          `${s.name}: expected finite values, got ${values[k]} at iteration ${t} (group ${k % groups})`,
        );
      }
    }
    yield { values, first: start + i, rows, groups };
  }
}

/**
 * The pieces of `clr eval`'s output for `steps` iterations from `start`, in order; joined,
 * they are its stdout byte for byte. Numbers are printed by `JSON.stringify` (the shortest
 * form that reads back to the same double, which ECMAScript specifies digit for digit). Each
 * piece holds at most one chunk of values (or one row).
 *
 * @param policy The policy a config built.
 * @param start The first iteration, a non-negative safe integer.
 * @param steps How many iterations, a positive integer with `start + steps - 1` safe.
 * @returns The pieces of the JSON object, ending with `}` and a newline.
 * @throws {RangeError} While iterating, if a value is not finite (call {@link checkEvalOutput}
 *   first to know before the first piece).
 *
 * @example Two iterations of a constant
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant } from "cyclical-lr";
 * import { evalOutput } from "./eval_output.ts";
 * assert.equal([...evalOutput(constant({ value: [0.1, 0.2] }), 0, 2)].join(""), '{"lr":[[0.1,0.2],[0.1,0.2]]}\n');
 * ```
 */
export function* evalOutput(policy: Policy, start: number, steps: number): Generator<string> {
  yield "{";
  const series = seriesOf(policy);
  for (let n = 0; n < series.length; n++) {
    const s = series[n];
    yield `${n > 0 ? "," : ""}${JSON.stringify(s.name)}:[`;
    const parts: string[] = [];
    for (const { values, first, rows, groups } of chunksOf(s, start, steps)) {
      parts.length = 0;
      for (let r = 0, k = 0; r < rows; r++) {
        let row = "[";
        for (let g = 0; g < groups; g++, k++) row += (g > 0 ? "," : "") + JSON.stringify(values[k]);
        parts.push(row + "]");
      }
      yield (first > start ? "," : "") + parts.join(",");
    }
    yield "]";
  }
  yield "}\n";
}

/** The most points one sparkline samples: a line of 80 characters needs no more. */
const PLOT_POINTS = 4_000;

/** The most values the sparklines of all groups keep (many groups sample fewer points each). */
const PLOT_VALUES = 1 << 22;

/**
 * Evaluates every value `evalOutput` would print and checks it, printing nothing; with
 * `plot`, gives one sparkline per series and group too (each labelled with its range).
 *
 * @param policy The policy.
 * @param start The first iteration.
 * @param steps How many iterations.
 * @param plot Whether to draw the sparklines. @default false
 * @returns The sparkline lines (none without `plot`).
 * @throws {RangeError} On a value that is not finite, naming the series, the iteration and the group.
 */
export function checkEvalOutput(policy: Policy, start: number, steps: number, plot = false): string[] {
  const lines: string[] = [];
  for (const s of seriesOf(policy)) {
    const groups = s.schedule(start).length;
    const stride = Math.max(1, Math.ceil(steps / PLOT_POINTS), Math.ceil((steps * groups) / PLOT_VALUES));
    const kept = plot ? Array.from({ length: groups }, () => new Float64Array(Math.ceil(steps / stride))) : [];
    for (const { values, first, rows } of chunksOf(s, start, steps)) {
      if (!plot) continue;
      for (let r = 0; r < rows; r++) {
        const i = first - start + r;
        if (i % stride === 0) { for (let g = 0; g < groups; g++) kept[g][i / stride] = values[r * groups + g]; }
      }
    }
    for (let g = 0; g < kept.length; g++) {
      let low = Infinity, high = -Infinity;
      for (const v of kept[g]) {
        if (v < low) low = v;
        if (v > high) high = v;
      }
      lines.push(`${s.name}[${g}] ${sparkline(kept[g])}  ${low} .. ${high}`);
    }
  }
  return lines;
}

/**
 * `clr eval`'s output for a policy, whole or nothing: {@link checkEvalOutput} evaluates and
 * checks every value first, then the pieces of {@link evalOutput} go to `write`, in order.
 * A failure (a value that is not finite, a schedule that throws) rejects before the first write.
 *
 * @param policy The policy to evaluate.
 * @param start The first iteration.
 * @param steps How many iterations.
 * @param write Where the text goes, awaited piece by piece.
 * @param plot Whether to give the sparklines too. @default false
 * @returns The sparkline lines (none without `plot`), for stderr.
 */
export async function printEvaluation(
  policy: Policy,
  start: number,
  steps: number,
  write: (text: string) => Promise<void>,
  plot = false,
): Promise<string[]> {
  const lines = checkEvalOutput(policy, start, steps, plot);
  for (const piece of evalOutput(policy, start, steps)) await write(piece);
  return lines;
}
