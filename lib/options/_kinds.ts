/**
 * Internal: the kinds of option a factory takes: a guard and the phrase its error prints, and how a
 * field of that kind is declared in an options table (required, with a default, optional,
 * or with a default derived from the other fields).
 *
 * @module
 */
import {
  EXPECTED,
  isAtLeastOne,
  isBeta,
  isFiniteNumber,
  isFraction,
  isGamma,
  isNonNegativeInt,
  isPositive,
  isPositiveInt,
  isRate,
  isRecord,
  oneOfPhrase,
} from "../_check.ts";
import type { JsonObject, JsonValue, PerGroup } from "../types.ts";
import { invalid, type OptionError } from "./_errors.ts";

/**
 * What a field holds: `is` accepts exactly the valid values, `phrase` names them in errors
 * (`field: expected <phrase>, got <value>`). A per-group kind holds `number | number[]` and
 * resolves to one value per parameter group; a kind without a JSON form (a function) cannot
 * appear in a config, and a policy built with it has no config.
 *
 * @typeParam T The type of a valid value.
 *
 * @example The kind of one-cycle's `pctStart`
 * ```ts
 * import assert from "node:assert/strict";
 * import { ONE_CYCLE } from "cyclical-lr";
 * const { kind } = ONE_CYCLE.fields.pctStart;
 * assert.equal(kind.phrase, "a number in [0, 1]");
 * assert.equal(kind.is(1.5), false);
 * ```
 */
export interface Kind<T> {
  /** The phrase of the error, after `expected`. */
  readonly phrase: string;
  /** Whether a value is valid. */
  readonly is: (v: unknown) => v is T;
  /** Whether the value is given per parameter group (`number | number[]`). */
  readonly perGroup: boolean;
  /** Whether a config (JSON) can hold the value. */
  readonly json: boolean;
  /**
   * The part of the kind a config can hold, when it is narrower (a `scale` is a function
   * or a registered name in code, only the name in a config).
   */
  readonly config?: Kind<unknown>;
  /**
   * For a value with parts (an object, a list): every error, with paths below `path`.
   * When present it decides validity, and `is` agrees with it.
   */
  readonly check?: (v: unknown, path: readonly (string | number)[], config: boolean) => readonly OptionError[];
  /** The normal form of a valid value (a copy, keys in order), for the checked options. */
  normalize?(v: T): T;
  /** A field of this kind that must be given. */
  required(): Field<T, "required">;
  /** A field of this kind with a default. */
  default(value: T): Field<T, "default">;
  /** A field of this kind that may be left out (it then has no value). */
  optional(): Field<T, "optional">;
  /** A field whose default is computed from the fields before it (`shows` says how, for the docs). */
  derived(value: Derive<T>, shows: string): Field<T, "default">;
}

/**
 * The fields of an options table for the options interface `O`: one field per property,
 * of its type, required where the property is, optional (no default) for the keys in
 * `NoDefault`, and with a default for the other optional properties. A table declared with
 * this type is checked by the compiler against the interface, key by key.
 *
 * @typeParam O The options interface.
 * @typeParam NoDefault The optional properties that have no default.
 */
export type FieldsOf<O, NoDefault extends keyof O = never> = {
  readonly [K in keyof O]-?: Record<never, never> extends Pick<O, K>
    ? Field<Exclude<O[K], undefined>, K extends NoDefault ? "optional" : "default">
    : Field<O[K], "required">;
};

/**
 * A default computed from the fields before it (which have their values or defaults by
 * then); `undefined` only where those fields failed their own checks.
 */
export type Derive<T> = (fields: Readonly<Record<string, unknown>>) => T | undefined;

/** `v` when it is a number, else `undefined`: for reading fields in a {@link Derive}. */
export function numberIn(v: unknown): number | undefined {
  return typeof v === "number" ? v : undefined;
}

/** How a field may be given: always, or with a default, or not at all. */
export type Presence = "required" | "default" | "optional";

/**
 * One field of an options table: its kind (what it accepts), whether it must be given, and
 * its default. The check, the error, the config codec, the encoder and the options
 * reference (`docs/options.md`) are derived from it; what the field means is the JSDoc of
 * its property in the factory's options interface, which the table is checked against.
 *
 * @typeParam T The type of a valid value.
 * @typeParam P How it may be given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ONE_CYCLE } from "cyclical-lr";
 * assert.equal(ONE_CYCLE.fields.pctStart.value, 0.3);
 * assert.equal(ONE_CYCLE.fields.maxLr.presence, "required");
 * ```
 */
export interface Field<T, P extends Presence> {
  /** What the field holds. */
  readonly kind: Kind<T>;
  /** How it may be given. */
  readonly presence: P;
  /** The default, for `presence: "default"` (absent when derived). */
  readonly value?: T;
  /** A default computed from the fields before it. */
  readonly derive?: Derive<T>;
  /** How the docs show a derived default (the field it copies, say). */
  readonly shows?: string;
}

/**
 * A kind from its phrase and guard.
 *
 * @param phrase What valid values are, for `expected <phrase>`.
 * @param is The guard.
 * @param traits `perGroup` for per-group rates; `json: false` for values no config can hold.
 * @returns The kind.
 */
export function kind<T>(
  phrase: string,
  is: (v: unknown) => v is T,
  traits: {
    readonly perGroup?: boolean;
    readonly json?: boolean;
    readonly config?: Kind<unknown>;
    readonly check?: Kind<T>["check"];
    normalize?(v: T): T;
  } = {},
): Kind<T> {
  const k: Kind<T> = {
    phrase,
    is,
    perGroup: traits.perGroup ?? false,
    json: traits.json ?? true,
    ...(traits.config ? { config: traits.config } : {}),
    ...(traits.check ? { check: traits.check } : {}),
    ...(traits.normalize ? { normalize: traits.normalize } : {}),
    required: () => ({ kind: k, presence: "required" }),
    default: (value) => ({ kind: k, presence: "default", value }),
    optional: () => ({ kind: k, presence: "optional" }),
    derived: (derive, shows) => ({ kind: k, presence: "default", derive, shows }),
  };
  return k;
}

/**
 * A safe integer above 0 ("a positive integer").
 */
export const positiveInt: Kind<number> = kind(EXPECTED.positiveInt, isPositiveInt);

/**
 * A safe integer >= 0 ("a non-negative integer").
 */
export const nonNegativeInt: Kind<number> = kind(EXPECTED.nonNegativeInt, isNonNegativeInt);

/**
 * A finite number >= 0: a rate or a momentum.
 */
export const rate: Kind<number> = kind(EXPECTED.rate, isRate);

/**
 * Any finite number.
 */
export const finiteNumber: Kind<number> = kind(EXPECTED.finite, isFiniteNumber);

/**
 * A finite number above 0.
 */
export const positive: Kind<number> = kind(EXPECTED.positive, isPositive);

/**
 * A number in (0, 1]: a decay per iteration or per cycle.
 */
export const gamma: Kind<number> = kind(EXPECTED.gamma, isGamma);

/**
 * A number in [0, 1): an exponential moving average's coefficient.
 */
export const beta: Kind<number> = kind(EXPECTED.beta, isBeta);

/**
 * A number in [0, 1].
 */
export const fraction: Kind<number> = kind(EXPECTED.fraction, isFraction);

/**
 * A finite number >= 1.
 */
export const atLeastOne: Kind<number> = kind(EXPECTED.atLeastOne, isAtLeastOne);

/**
 * A boolean.
 */
export const bool: Kind<boolean> = kind(EXPECTED.boolean, (v): v is boolean => typeof v === "boolean");

/** The most parameter groups a policy may have. */
export const MAX_GROUPS = 65536;

/**
 * A number of parameter groups: an integer in [1, 65536].
 */
export const groupCount: Kind<number> = kind(
  EXPECTED.groupCount,
  (v): v is number => isPositiveInt(v) && v <= MAX_GROUPS,
);

/** The `groups` field of every table with per-group fields. */
export const GROUPS: Field<number, "optional"> = groupCount.optional();

/**
 * A value per parameter group, each of kind `item`: one for every group, or one per group
 * (an array, resolved against the group count). A number out of range is named with the
 * item's phrase; an array names each bad element (`beta1[1]: expected …`).
 *
 * @param item The kind of each value (a number kind).
 * @returns The per-group kind, whose phrase is `<item's phrase> or a non-empty array of them`.
 */
export function perGroupOf(item: Kind<number>): Kind<PerGroup> {
  const phrase = `${item.phrase} or a non-empty array of them`;
  const isIt = (v: unknown): v is PerGroup => {
    if (item.is(v)) return true;
    if (!Array.isArray(v) || v.length === 0) return false;
    for (const x of v) if (!item.is(x)) return false;
    return true;
  };
  return kind(phrase, isIt, {
    perGroup: true,
    check: (v, path) => {
      if (isIt(v)) return [];
      if (typeof v === "number") return [invalid(path, item.phrase, v)];
      if (!Array.isArray(v) || v.length === 0) return [invalid(path, phrase, v)];
      const errors: OptionError[] = [];
      v.forEach((x: unknown, i) => {
        if (!item.is(x)) errors.push(invalid([...path, i], item.phrase, x));
      });
      return errors;
    },
  });
}

/** A rate per parameter group: a finite number >= 0 for every group, or one per group. */
export const perGroupRate: Kind<PerGroup> = perGroupOf(rate);

/**
 * One of a few strings.
 *
 * @param choices The strings, in the order the error lists them.
 * @returns The kind.
 */
export function oneOf<const C extends string>(
  choices: readonly C[],
  traits: { readonly json?: boolean } = {},
): Kind<C> {
  const list: readonly string[] = choices;
  return kind(oneOfPhrase(choices), (v): v is C => typeof v === "string" && list.includes(v), traits);
}

/**
 * A function (a hand-written piece), which no config can hold.
 *
 * @param phrase What the function is, for the error.
 * @returns The kind.
 */
export function functionOf<F extends (...args: never[]) => unknown>(phrase = "a function"): Kind<F> {
  return kind(phrase, (v): v is F => typeof v === "function", { json: false });
}

/** A non-empty string (a registered piece's name). */
export const nonEmptyString: Kind<string> = kind(
  EXPECTED.name,
  (v): v is string => typeof v === "string" && v.length > 0,
);

const MAX_JSON_DEPTH = 64;

/** A fresh copy of a JSON value (finite numbers, at most 64 levels), or `undefined`. */
function jsonCopy(u: unknown, depth: number): JsonValue | undefined {
  if (u === null || typeof u === "boolean" || typeof u === "string") return u;
  if (typeof u === "number") return Number.isFinite(u) ? u : undefined;
  if (depth >= MAX_JSON_DEPTH || typeof u !== "object") return undefined;
  if (Array.isArray(u)) {
    const out: JsonValue[] = [];
    for (const x of u) {
      const v = jsonCopy(x, depth + 1);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  return jsonObjectCopy(u, depth);
}

/** A fresh copy of a JSON object, or `undefined` when it is not one. */
function jsonObjectCopy(u: object, depth: number): JsonObject | undefined {
  const entries: [string, JsonValue][] = [];
  for (const [k, x] of Object.entries(u)) {
    const v = jsonCopy(x, depth + 1);
    if (v === undefined) return undefined;
    entries.push([k, v]);
  }
  // fromEntries defines own properties, so a "__proto__" key stays data.
  return Object.fromEntries(entries);
}

function copyOfParams(u: unknown): JsonObject | undefined {
  return isRecord(u) ? jsonObjectCopy(u, 0) : undefined;
}

/** A JSON object (finite numbers only, at most 64 levels deep): a registered piece's params, copied. */
export const jsonParams: Kind<JsonObject> = kind(
  EXPECTED.jsonObject,
  (v): v is JsonObject => copyOfParams(v) !== undefined,
  { normalize: (v) => copyOfParams(v) ?? {} },
);
