/**
 * Internal: errors about options, collected before they are thrown (by the TypeScript API)
 * or reported (by the config decoder), so that both say the same thing.
 *
 * @module
 */
import { describeValue, pathText } from "../_check.ts";

/**
 * One thing wrong with the options: where (`["schedules", 1, "stepSizeUp"]`), what the
 * text after the path says, and whether it is a range error (a number out of range) or a
 * type error (a value of the wrong kind, a missing or unknown field).
 */
export interface OptionError {
  /** The path of the offending value, from the options (or the config) root. */
  readonly path: readonly (string | number)[];
  /** The text after `path: `, e.g. `expected a positive integer, got -3`. */
  readonly message: string;
  /** A `RangeError` (true) or a `TypeError`. */
  readonly range: boolean;
}

/**
 * The error of a value that is not what was expected: `expected <phrase>, got <value>`;
 * a range error when the value is a number.
 *
 * @param path Where the value is.
 * @param phrase What was expected.
 * @param value What was found.
 * @returns The error.
 */
export function invalid(path: readonly (string | number)[], phrase: string, value: unknown): OptionError {
  return { path, message: `expected ${phrase}, got ${describeValue(value)}`, range: typeof value === "number" };
}

/**
 * An error with a text of its own (`cannot be given together with stepSizeUp`).
 *
 * @param path Where the value is.
 * @param message The text after the path.
 * @param range Whether it is a range error. @default false
 * @returns The error.
 */
export function problem(path: readonly (string | number)[], message: string, range = false): OptionError {
  return { path, message, range };
}

/**
 * One line per error, `path: message`.
 *
 * @param errors The errors.
 * @returns The lines, without repeats.
 */
export function errorLines(errors: readonly OptionError[]): string[] {
  return [...new Set(errors.map((e) => `${pathText(e.path) || "options"}: ${e.message}`))];
}

/**
 * Throws the errors as one `RangeError` or `TypeError` (as the first error says), one line
 * each.
 *
 * @param errors At least one error.
 * @throws {RangeError | TypeError} Always.
 */
export function throwErrors(errors: readonly OptionError[]): never {
  const message = errorLines(errors).join("\n");
  throw errors[0].range ? new RangeError(message) : new TypeError(message);
}
