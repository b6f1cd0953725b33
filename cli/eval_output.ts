/**
 * The text `clr eval` prints for a policy, piece by piece: `{"lr":[[…],…],"momentum":[[…],…]}`
 * and a newline (`shared/spec/schedule-config.md`). One function for the command and for
 * anything that must print exactly its bytes (test/cross_engine_test.ts evaluates the same
 * configs through it on Node, Deno, Bun and in a browser). It imports nothing of Node's.
 *
 * @module
 */
import type { Policy, Schedule } from "../lib/types.ts";
import { sample } from "../mod.ts";

/** Rows sampled and written at once: keeps memory flat for any `--steps`. */
export const CHUNK_ROWS = 16_384;

/** `"name":[[…],…]` for a schedule, chunk by chunk. */
function* series(name: string, schedule: Schedule, start: number, steps: number): Generator<string> {
  yield `${JSON.stringify(name)}:[`;
  for (let i = 0; i < steps; i += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, steps - i);
    const values = sample(schedule, start + i, rows);
    const groups = values.length / rows;
    const parts = new Array<string>(rows);
    for (let r = 0; r < rows; r++) {
      let row = "[";
      for (let g = 0; g < groups; g++) {
        const v = values[r * groups + g];
        if (!Number.isFinite(v)) {
          throw new RangeError(`${name}: expected finite values, got ${v} at iteration ${start + i + r}`);
        }
        row += (g > 0 ? "," : "") + JSON.stringify(v);
      }
      parts[r] = row + "]";
    }
    yield (i > 0 ? "," : "") + parts.join(",");
  }
  yield "]";
}

/**
 * The pieces of `clr eval`'s output for `steps` iterations from `start`, in order; joined,
 * they are its stdout byte for byte. Numbers are printed by `JSON.stringify` (the shortest
 * form that reads back to the same double, which ECMAScript specifies digit for digit).
 *
 * @param policy The policy a config built.
 * @param start The first iteration, a non-negative safe integer.
 * @param steps How many iterations, a positive integer with `start + steps - 1` safe.
 * @returns The pieces of the JSON object, ending with `}` and a newline.
 * @throws {RangeError} While iterating, if a value is not finite (the spec says that never happens for a valid config).
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
  yield* series("lr", policy.lr, start, steps);
  if (policy.momentum) {
    yield ",";
    yield* series("momentum", policy.momentum, start, steps);
  }
  yield "}\n";
}
