/**
 * A config's text to its policy, as every `clr` command loads it. Imports nothing of Node's,
 * so that a browser bundle (test/cross_engine_test.ts) loads configs exactly as `clr` does.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import type { Policy } from "../lib/types.ts";
import { parseConfig } from "../config.ts";
import { buildDecoded } from "../lib/config/build.ts";

/**
 * Config text to its policy, decoded once, or the decoder's error lines.
 *
 * @param text The config, as JSON text.
 * @returns The policy, or every error, one per line.
 */
export function loadPolicy(text: string): { readonly policy: Policy } | { readonly errors: readonly string[] } {
  const decoded = parseConfig(text);
  return isLeft(decoded) ? { errors: decoded.left } : { policy: buildDecoded(decoded.right) };
}
