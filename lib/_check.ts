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
  iterationLimit: "a non-negative integer at most 2^53 - 1 = 9007199254740991",
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

/** The longest value text an error shows; longer values end in `...`. */
const VALUE_TEXT = 80;

/**
 * Prints a value as the error texts show it: JSON (strings quoted and escaped, so that a
 * value can never forge a second error line or reach a terminal as an escape sequence),
 * except NaN, ±Infinity, functions and bigints. The walk is bounded in depth and width,
 * so that no input (a 10^6-deep array, a huge object) can exhaust the stack or the time.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return plainText(String(value));
  const out = { text: "" };
  try {
    writeValue(value, 0, out);
  } catch {
    out.text += "(unreadable)"; // a throwing getter or proxy trap: JSON could not read it either
  }
  return out.text.length > VALUE_TEXT ? `${out.text.slice(0, VALUE_TEXT - 3)}...` : out.text;
}

function writeValue(value: unknown, depth: number, out: { text: string }): void {
  if (out.text.length > VALUE_TEXT) return;
  if (typeof value === "number") out.text += Number.isFinite(value) ? JSON.stringify(value) : String(value);
  else if (typeof value === "bigint") out.text += `${value}n`;
  else if (typeof value === "string") out.text += quoted(value);
  else if (value === null || typeof value === "boolean") out.text += String(value);
  else if (typeof value !== "object") out.text += "null"; // as JSON.stringify in arrays
  else if (depth >= 8) out.text += "...";
  else if (Array.isArray(value)) {
    out.text += "[";
    for (let i = 0; i < value.length && out.text.length <= VALUE_TEXT; i++) {
      if (i > 0) out.text += ",";
      writeValue(value[i], depth + 1, out);
    }
    out.text += "]";
  } else {
    out.text += "{";
    let first = true;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (out.text.length > VALUE_TEXT) break;
      const item: unknown = Reflect.get(Object(value), key);
      // As JSON.stringify: object members without a JSON form are left out.
      if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
      out.text += `${first ? "" : ","}${quoted(key)}:`;
      first = false;
      writeValue(item, depth + 1, out);
    }
    out.text += "}";
  }
}

/**
 * A string as JSON quotes it, with the characters JSON leaves as they are but a terminal
 * may act on (DEL, the C1 controls such as the one-byte CSI, the line and paragraph
 * separators) escaped too.
 */
export function quoted(text: string): string {
  return plainText(JSON.stringify(text));
}

/**
 * A key as a path prints it: bare when it reads as a name or an iteration (`stepSizeUp`,
 * `boundariesAndScales.10`), else quoted JSON in brackets (`["x\\ny"]`).
 */
export function keyText(key: string): string {
  return /^([A-Za-z_$][A-Za-z0-9_$]*|0|[1-9][0-9]*)$/.test(key) ? key : `[${quoted(key)}]`;
}

/**
 * A path as the error texts print it: `schedules[1].stepSizeUp`; numbers are indices, and
 * keys that do not read as names are quoted (`["x\\nvalue"]`), so that a key cannot forge a line.
 */
export function pathText(path: readonly (string | number)[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else {
      const k = keyText(key);
      text += k.startsWith("[") || text === "" ? k : `.${k}`;
    }
  }
  return text;
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

/** Whether `u` is a non-null, non-array object, readable by key. */
export function isRecord(u: unknown): u is Readonly<Record<string, unknown>> {
  return typeof u === "object" && u !== null && !Array.isArray(u);
}

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
  return names.map(quoted).join(", ");
}

export function oneOf<T extends string>(field: string, choices: readonly T[], v: unknown): T {
  for (const c of choices) if (c === v) return c;
  return fail(field, oneOfPhrase(choices), v);
}

/**
 * Rejects an iteration that is not a non-negative safe integer. Called first in every
 * schedule closure: cheap, and the one place a bad `t` is named. An iteration past the
 * largest one (2^53 - 1, where consecutive integers stop being exact) is told the limit.
 */
export function checkIteration(t: number): void {
  if (!(t >= 0 && Number.isSafeInteger(t))) fail("iteration", iterationPhrase(t), t);
}

/**
 * The phrase for a bad iteration (or a first iteration, a count of them): the limit when
 * the value is past it, else "a non-negative integer".
 */
export function iterationPhrase(t: unknown): string {
  return typeof t === "number" && t > Number.MAX_SAFE_INTEGER ? EXPECTED.iterationLimit : EXPECTED.iteration;
}

/**
 * Text from elsewhere (an engine's error message, a file name) made safe to put in an error
 * line: control characters (a newline, an ANSI escape) are written as JSON escapes, so that
 * the text can neither start a second line nor reach a terminal as a command.
 */
export function plainText(text: string): string {
  // deno-lint-ignore no-control-regex
  return String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const escaped = JSON.stringify(c);
    return escaped.length > 3 ? escaped.slice(1, -1) : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
