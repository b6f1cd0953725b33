// The cross-engine check's one computation, shared by every engine that runs it (Node,
// Deno and Bun through test/_eval_hashes_main.ts, Chromium through a bundle of this file):
// each case is a config, decoded and built as `clr eval` does (cli/io.ts's loadPolicy) and
// printed as `clr eval` prints it (cli/eval_output.ts), then hashed. Imports nothing of Node's.
import { loadPolicy } from "../cli/load_policy.ts";
import { evalOutput } from "../cli/eval_output.ts";

/** One `clr eval` run: the config's JSON text, the first iteration, how many iterations. */
export interface EvalCase {
  readonly config: string;
  readonly start: number;
  readonly steps: number;
}

/**
 * A 64-bit FNV-1a hash of a string's UTF-16 code units, as 16 hex digits (two 32-bit lanes
 * with different offsets, multiplied with Math.imul: integer arithmetic, the same everywhere).
 */
export function hashText(text: string): string {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** The text `clr eval` prints for a case (its stdout), or `error: ` and the message. */
export function evalText(c: EvalCase): string {
  const loaded = loadPolicy(c.config);
  if ("errors" in loaded) return `error: ${loaded.errors.join("\n")}`;
  try {
    return [...evalOutput(loaded.policy, c.start, c.steps)].join("");
  } catch (e) {
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** One line per case, `index hash`, then `all hash` over the lines. */
export function evalHashes(cases: readonly EvalCase[]): string[] {
  const lines = cases.map((c, i) => `${i} ${hashText(evalText(c))}`);
  return [...lines, `all ${hashText(lines.join("\n"))}`];
}
