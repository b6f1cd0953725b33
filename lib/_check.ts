/**
 * Internal argument checks shared by every factory. A failed check throws with the text
 * the config decoder prints for the same mistake: `field: expected <phrase>, got <value>`.
 *
 * @module
 */

/** The phrases of `expected …`, shared with the config decoder so both say the same. */
export const EXPECTED = {
  positiveInt: "a positive integer",
  nonNegativeInt: "a non-negative integer",
  iteration: "a non-negative integer",
  rate: "a finite number >= 0",
  finite: "a finite number",
  positive: "a finite number > 0",
  gamma: "a number in (0, 1]",
  beta: "a number in [0, 1)",
  fraction: "a number in [0, 1]",
  atLeastOne: "a finite number >= 1",
  boolean: "a boolean",
  perGroup: "a finite number >= 0 or a non-empty array of them",
  object: "an object",
  groupCount: "an integer in [1, 65536]",
  configs: "a non-empty array of configs",
  boundaries: "an array of non-negative integers",
  name: "a non-empty string",
  jsonObject: "a JSON object",
} as const;

/** Prints a value as the error texts show it: JSON, except NaN, ±Infinity and functions. */
export function describeValue(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return `${value}n`;
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** The one error text of the project. */
export function expectedMessage(field: string, phrase: string, value: unknown): string {
  return `${field}: expected ${phrase}, got ${describeValue(value)}`;
}

/** Throws a `TypeError` when the value has the wrong type, else a `RangeError`. */
export function fail(field: string, phrase: string, value: unknown): never {
  const message = expectedMessage(field, phrase, value);
  throw typeof value === "number" ? new RangeError(message) : new TypeError(message);
}

export function isPositiveInt(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v > 0;
}

export function isNonNegativeInt(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

export function isRate(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v) && v >= 0;
}

// The predicates behind the checkers below, shared with the config codecs so that the
// TypeScript API and the JSON decoder accept exactly the same values.
export const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
export const isPositive = (v: unknown): v is number => isFiniteNumber(v) && v > 0;
export const isGamma = (v: unknown): v is number => typeof v === "number" && v > 0 && v <= 1;
export const isBeta = (v: unknown): v is number => typeof v === "number" && v >= 0 && v < 1;
export const isFraction = (v: unknown): v is number => typeof v === "number" && v >= 0 && v <= 1;
export const isAtLeastOne = (v: unknown): v is number => isFiniteNumber(v) && v >= 1;

export function positiveInt(field: string, v: unknown): number {
  return isPositiveInt(v) ? v : fail(field, EXPECTED.positiveInt, v);
}

export function nonNegativeInt(field: string, v: unknown): number {
  return isNonNegativeInt(v) ? v : fail(field, EXPECTED.nonNegativeInt, v);
}

export function rate(field: string, v: unknown): number {
  return isRate(v) ? v : fail(field, EXPECTED.rate, v);
}

export function finite(field: string, v: unknown): number {
  return isFiniteNumber(v) ? v : fail(field, EXPECTED.finite, v);
}

export function positive(field: string, v: unknown): number {
  return isPositive(v) ? v : fail(field, EXPECTED.positive, v);
}

export function gamma(field: string, v: unknown): number {
  return isGamma(v) ? v : fail(field, EXPECTED.gamma, v);
}

export function beta(field: string, v: unknown): number {
  return isBeta(v) ? v : fail(field, EXPECTED.beta, v);
}

export function fraction(field: string, v: unknown): number {
  return isFraction(v) ? v : fail(field, EXPECTED.fraction, v);
}

export function atLeastOne(field: string, v: unknown): number {
  return isAtLeastOne(v) ? v : fail(field, EXPECTED.atLeastOne, v);
}

export function boolean(field: string, v: unknown): boolean {
  return typeof v === "boolean" ? v : fail(field, EXPECTED.boolean, v);
}

/** The phrase `one of "a", "b", ...` for a list of allowed strings. */
export function oneOfPhrase(choices: readonly string[]): string {
  return `one of ${quotedList(choices)}`;
}

/** Strings quoted as JSON and joined with commas: `"a", "b"`. */
export function quotedList(names: readonly string[]): string {
  return names.map((n) => JSON.stringify(n)).join(", ");
}

export function oneOf<T extends string>(field: string, choices: readonly T[], v: unknown): T {
  for (const c of choices) if (c === v) return c;
  return fail(field, oneOfPhrase(choices), v);
}

/**
 * Rejects an iteration that is not a non-negative safe integer. Called first in every
 * schedule closure: cheap, and the one place a bad `t` is named.
 */
export function checkIteration(t: number): void {
  if (!(t >= 0 && Number.isSafeInteger(t))) fail("iteration", EXPECTED.iteration, t);
}
