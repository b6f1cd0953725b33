/**
 * Input and output of the `clr` commands, with the `node:fs`/`node:process` APIs that
 * Node, Deno and Bun all provide.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import process from "node:process";
import { plainText } from "../lib/_check.ts";

export { loadBuilt, loadPolicy } from "./load_policy.ts";

/**
 * Reads a whole text input: a file, or standard input for `-`.
 *
 * @param path A file path, or `-`.
 * @returns The text, decoded as UTF-8.
 */
export async function readInput(path: string): Promise<string> {
  if (path !== "-") return readFileSync(path, "utf8");
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of process.stdin) {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/** Whether an error says that the reader of a pipe has gone (`clr eval … | head`). */
export function isBrokenPipe(error: unknown): boolean {
  return error instanceof Error &&
    (("code" in error && error.code === "EPIPE") || /\bEPIPE\b|broken pipe/i.test(error.message));
}

let stdoutClosed: unknown;
let listening = false;

/**
 * Writes text to standard output and waits until it is handed to the system, so that
 * large outputs keep memory flat and nothing is lost at exit. When the reader has gone
 * (EPIPE), every later write rejects with that error, which `clr` ends on quietly.
 *
 * @param text The text.
 */
export function writeOut(text: string): Promise<void> {
  if (!listening) {
    listening = true;
    // Without a listener, Node and Bun crash on EPIPE with an unhandled 'error' event.
    process.stdout.on("error", (error: unknown) => {
      stdoutClosed ??= error;
    });
  }
  return new Promise((resolve, reject) => {
    if (stdoutClosed !== undefined) return reject(stdoutClosed);
    try {
      process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
    } catch (error) {
      // Deno throws EPIPE from write itself.
      stdoutClosed ??= error;
      reject(error);
    }
  });
}

/**
 * Writes lines to standard error.
 *
 * @param lines The lines, without newlines.
 */
export function writeErr(lines: readonly string[]): void {
  // Each line is one line: what it quotes (a path, an engine's message that quotes the path)
  // has its control characters escaped, so that nothing can forge a line or reach the
  // terminal as an escape sequence.
  if (lines.length > 0) process.stderr.write(lines.map(plainText).join("\n") + "\n");
}
