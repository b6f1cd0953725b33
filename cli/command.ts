/**
 * What a `clr` subcommand is: a name in the table of cli/clr.ts, a one-line summary, and a
 * `run` that returns the exit status (and prints its own usage for `--help`). Subcommands
 * live in their own files (cli/eval.ts, …) and report bad arguments by throwing
 * {@link UsageError}.
 *
 * @module
 */

/** A `clr` subcommand. */
export interface Command {
  /** One line for `clr --help`. */
  readonly summary: string;
  /**
   * Runs the command with the arguments after its name.
   * @returns The exit status: 0 on success, 1 when the input is bad.
   */
  run(args: readonly string[]): Promise<number>;
}

/** Bad command-line arguments: `clr` prints the message and the usage, and exits with 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The exit status of a usage error. */
export const USAGE_EXIT = 2;
