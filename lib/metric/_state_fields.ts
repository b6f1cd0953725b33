/**
 * Internal: reading a metric-driven state back from JSON, field by field, each error naming
 * the field (`state.bad: expected a non-negative integer, got -1`).
 *
 * @module
 */
import { describeValue, EXPECTED, isNonNegativeInt, isRecord, pathText } from "../_check.ts";

/** A float64 as JSON: a number, or one of the strings `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** Whether `v` is a {@link JsonNumber}. */
export function isJsonNumber(v: unknown): v is JsonNumber {
  return (typeof v === "number" && Number.isFinite(v)) || v === "NaN" || v === "Infinity" || v === "-Infinity";
}

/** The phrase of a {@link JsonNumber}, for errors. */
export const JSON_NUMBER = 'a finite number, "NaN", "Infinity" or "-Infinity"';

/** The readers of one state object's fields. */
export interface StateFields {
  /** The text of a path below the state. */
  at(...keys: (string | number)[]): string;
  /** A field's value (`undefined` when absent). */
  get(key: string): unknown;
  /** A non-negative integer field. */
  int(key: string): number;
  /** A {@link JsonNumber} field. */
  num(key: string): JsonNumber;
  /** The `iteration` field: -1 or a non-negative integer. */
  iteration(): number;
  /** Refuses a key that is not one of the state's. */
  refuseUnknown(): void;
}

/**
 * The readers of a state object, after checking that it is one.
 *
 * @param value The state read back.
 * @param path Where it was given.
 * @param what What it is, for errors (`a plateau state`).
 * @param keys Its fields.
 * @throws {TypeError} If `value` is not an object.
 */
export function stateFields(
  value: unknown,
  path: readonly (string | number)[],
  what: string,
  keys: readonly string[],
): StateFields {
  if (!isRecord(value)) {
    throw new TypeError(`${pathText(path)}: expected ${what} (an object), got ${describeValue(value)}`);
  }
  const at = (...k: (string | number)[]) => pathText([...path, ...k]);
  const get = (key: string): unknown => (Object.hasOwn(value, key) ? Reflect.get(value, key) : undefined);
  return {
    at,
    get,
    int: (key) => {
      const v = get(key);
      if (isNonNegativeInt(v)) return v;
      const message = `${at(key)}: expected ${EXPECTED.nonNegativeInt}, got ${describeValue(v)}`;
      throw typeof v === "number" ? new RangeError(message) : new TypeError(message);
    },
    num: (key) => {
      const v = get(key);
      if (isJsonNumber(v)) return v;
      throw new TypeError(`${at(key)}: expected ${JSON_NUMBER}, got ${describeValue(v)}`);
    },
    iteration: () => {
      const v = get("iteration");
      if (v === -1 || isNonNegativeInt(v)) return v;
      throw new RangeError(`${at("iteration")}: expected -1 or ${EXPECTED.nonNegativeInt}, got ${describeValue(v)}`);
    },
    refuseUnknown: () => {
      for (const key of Object.keys(value)) {
        if (!keys.includes(key)) throw new TypeError(`${at(key)}: unknown field of ${what.replace(/^an? /, "a ")}`);
      }
    },
  };
}
