/**
 * Input and output of the `clr` commands, with the `node:fs`/`node:process` APIs that
 * Node, Deno and Bun all provide.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import process from "node:process";

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

/**
 * Writes text to standard output and waits until it is handed to the system, so that
 * large outputs keep memory flat and nothing is lost at exit.
 *
 * @param text The text.
 */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Writes lines to standard error.
 *
 * @param lines The lines, without newlines.
 */
export function writeErr(lines: readonly string[]): void {
  if (lines.length > 0) process.stderr.write(lines.join("\n") + "\n");
}
