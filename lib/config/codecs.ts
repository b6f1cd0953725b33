/**
 * io-ts codecs for the JSON config: branded numbers whose failures carry the phrases of
 * `EXPECTED` (lib/_check.ts), per-group values, lists, and a strict object codec that
 * names unknown keys instead of dropping them (`t.exact` would drop them silently).
 *
 * Every failure carries its full text after the path (`expected <phrase>, got <value>`,
 * `missing, expected <phrase>`, `unknown field`), so the report only prepends the path.
 *
 * @module
 */
import * as t from "io-ts";
import { isLeft, isRight } from "fp-ts/lib/Either.js";
import {
  describeValue,
  EXPECTED,
  isAtLeastOne,
  isFiniteNumber,
  isFraction,
  isGamma,
  isNonNegativeInt,
  isPositive,
  isPositiveInt,
  isRate,
} from "../_check.ts";

/**
 * The text of a failure after its path: `missing, expected <phrase>` when the value is
 * absent, else `expected <phrase>, got <value>`.
 *
 * @param phrase What was expected, from `EXPECTED`.
 * @param value The value found (`undefined` when the field is absent).
 * @returns The message, without the path.
 */
export function expectedText(phrase: string, value: unknown): string {
  return value === undefined ? `missing, expected ${phrase}` : `expected ${phrase}, got ${describeValue(value)}`;
}

/** Codecs whose children are array elements, printed `[i]` in paths. */
const indexedCodecs = new WeakSet<object>();

/** Whether the children of `codec` in a context are array elements (printed `[i]`). */
export function isIndexed(codec: object): boolean {
  return codec instanceof t.ArrayType || indexedCodecs.has(codec);
}

/** A context entry that only marks its children as indexed, for errors found after decoding. */
const IndexedMarker = new t.Type<unknown, unknown, unknown>(
  "Indexed",
  (_): _ is unknown => true,
  t.success,
  t.identity,
);
indexedCodecs.add(IndexedMarker);

/** A context entry for a key whose codec does not matter (unknown fields, cross-field errors). */
const Anything = new t.Type<unknown, unknown, unknown>("unknown", (_): _ is unknown => true, t.success, t.identity);

/** Whether `u` is a non-null, non-array object, readable by key. */
export function isRecord(u: unknown): u is Readonly<Record<string, unknown>> {
  return typeof u === "object" && u !== null && !Array.isArray(u);
}

/** The own property `key` of `u`, or `undefined` (never an inherited one such as `toString`). */
export function own(u: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(u, key) ? u[key] : undefined;
}

/**
 * An error at a path below `c`: string keys are fields, numbers are array indices.
 *
 * @param c The context of the value the path starts from.
 * @param keys The path below it, e.g. `["schedules", 1]`.
 * @param value The offending value.
 * @param message The text after the path.
 * @returns The validation error.
 */
export function errorAt(
  c: t.Context,
  keys: readonly (string | number)[],
  value: unknown,
  message: string,
): t.ValidationError {
  let context = c;
  keys.forEach((key, i) => {
    const next = keys[i + 1];
    context = t.appendContext(context, String(key), typeof next === "number" ? IndexedMarker : Anything);
  });
  return { value, context, message };
}

/** A leaf codec: a guard, and on failure `expected <phrase>, got <value>`. */
function leaf<A>(name: string, phrase: string, guard: (u: unknown) => u is A): t.Type<A, A, unknown> {
  return new t.Type<A, A, unknown>(
    name,
    guard,
    (u, c) => (guard(u) ? t.success(u) : t.failure(u, c, expectedText(phrase, u))),
    t.identity,
  );
}


/** Brand of {@link Finite}. */
export interface FiniteBrand {
  readonly Finite: unique symbol;
}
/** A finite number (not NaN, not ±Infinity, unlike `t.number`). */
export type Finite = t.Branded<number, FiniteBrand>;
/** Codec of {@link Finite}: "a finite number". */
export const Finite = leaf("Finite", EXPECTED.finite, (u): u is Finite => isFiniteNumber(u));

/** Brand of {@link Rate}. */
export interface RateBrand {
  readonly Rate: unique symbol;
}
/** A learning rate or momentum: finite and >= 0. */
export type Rate = t.Branded<number, RateBrand>;
/** Codec of {@link Rate}: "a finite number >= 0". */
export const Rate = leaf("Rate", EXPECTED.rate, (u): u is Rate => isRate(u));

/** Brand of {@link Positive}. */
export interface PositiveBrand {
  readonly Positive: unique symbol;
}
/** A finite number above 0. */
export type Positive = t.Branded<number, PositiveBrand>;
/** Codec of {@link Positive}: "a finite number > 0". */
export const Positive = leaf(
  "Positive",
  EXPECTED.positive,
  (u): u is Positive => isPositive(u),
);

/** Brand of {@link PositiveInt}. */
export interface PositiveIntBrand {
  readonly PositiveInt: unique symbol;
}
/** A safe integer above 0 (unlike `t.Int`, which accepts 1e300). */
export type PositiveInt = t.Branded<number, PositiveIntBrand>;
/** Codec of {@link PositiveInt}: "a positive integer". */
export const PositiveInt = leaf(
  "PositiveInt",
  EXPECTED.positiveInt,
  (u): u is PositiveInt => isPositiveInt(u),
);

/** Brand of {@link NonNegativeInt}. */
export interface NonNegativeIntBrand {
  readonly NonNegativeInt: unique symbol;
}
/** A safe integer >= 0. */
export type NonNegativeInt = t.Branded<number, NonNegativeIntBrand>;
/** Codec of {@link NonNegativeInt}: "a non-negative integer". */
export const NonNegativeInt = leaf(
  "NonNegativeInt",
  EXPECTED.nonNegativeInt,
  (u): u is NonNegativeInt => isNonNegativeInt(u),
);

/** Brand of {@link Fraction}. */
export interface FractionBrand {
  readonly Fraction: unique symbol;
}
/** A number in [0, 1]. */
export type Fraction = t.Branded<number, FractionBrand>;
/** Codec of {@link Fraction}: "a number in [0, 1]". */
export const Fraction = leaf("Fraction", EXPECTED.fraction, (u): u is Fraction => isFraction(u));

/** Brand of {@link Gamma}. */
export interface GammaBrand {
  readonly Gamma: unique symbol;
}
/** A number in (0, 1]: a decay per iteration or per cycle. */
export type Gamma = t.Branded<number, GammaBrand>;
/** Codec of {@link Gamma}: "a number in (0, 1]". */
export const Gamma = leaf("Gamma", EXPECTED.gamma, (u): u is Gamma => isGamma(u));

/** Brand of {@link AtLeastOne}. */
export interface AtLeastOneBrand {
  readonly AtLeastOne: unique symbol;
}
/** A finite number >= 1 (`tMult`). */
export type AtLeastOne = t.Branded<number, AtLeastOneBrand>;
/** Codec of {@link AtLeastOne}: "a finite number >= 1". */
export const AtLeastOne = leaf(
  "AtLeastOne",
  EXPECTED.atLeastOne,
  (u): u is AtLeastOne => isAtLeastOne(u),
);

/** The most parameter groups a config may ask for with `groups`. */
export const MAX_GROUPS = 65536;

/** Brand of {@link GroupCount}. */
export interface GroupCountBrand {
  readonly GroupCount: unique symbol;
}
/** A number of parameter groups: an integer in [1, 65536]. */
export type GroupCount = t.Branded<number, GroupCountBrand>;
/** Codec of {@link GroupCount}: "an integer in [1, 65536]". */
export const GroupCount = leaf(
  "GroupCount",
  EXPECTED.groupCount,
  (u): u is GroupCount => isPositiveInt(u) && u <= MAX_GROUPS,
);

/** Codec of a boolean, with the project's message (`t.boolean` has none). */
export const Bool = leaf("Bool", EXPECTED.boolean, (u): u is boolean => typeof u === "boolean");

/** Codec of a non-empty string (a registered piece's name). */
export const Name = leaf("Name", EXPECTED.name, (u): u is string => typeof u === "string" && u.length > 0);

/** A JSON value, as the params of a registered piece. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  /** Any key, to a JSON value. */
  readonly [key: string]: JsonValue;
}

const MAX_JSON_DEPTH = 64;

/** A fresh copy of a JSON value (finite numbers, at most 64 levels), or `undefined`. */
function jsonCopy(u: unknown, depth: number): JsonValue | undefined {
  if (u === null || typeof u === "boolean" || typeof u === "string") return u;
  if (typeof u === "number") return Number.isFinite(u) ? u : undefined;
  if (depth >= MAX_JSON_DEPTH) return undefined;
  if (Array.isArray(u)) {
    const out: JsonValue[] = [];
    for (const x of u) {
      const v = jsonCopy(x, depth + 1);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  return isRecord(u) ? jsonObjectCopy(u, depth) : undefined;
}

function jsonObjectCopy(u: Readonly<Record<string, unknown>>, depth: number): JsonObject | undefined {
  const entries: [string, JsonValue][] = [];
  for (const [k, x] of Object.entries(u)) {
    const v = jsonCopy(x, depth + 1);
    if (v === undefined) return undefined;
    entries.push([k, v]);
  }
  // fromEntries defines own properties, so a "__proto__" key stays data.
  return Object.fromEntries(entries);
}

/**
 * Codec of a JSON object (the `params` of a registered piece), decoded to a fresh copy
 * with finite numbers only and at most 64 levels deep.
 */
export const JsonParams = new t.Type<JsonObject, JsonObject, unknown>(
  "JsonParams",
  (u): u is JsonObject => isRecord(u) && jsonObjectCopy(u, 0) !== undefined,
  (u, c) => {
    const copy = isRecord(u) ? jsonObjectCopy(u, 0) : undefined;
    return copy === undefined ? t.failure(u, c, expectedText(EXPECTED.jsonObject, u)) : t.success(copy);
  },
  t.identity,
);

/** Validates every element of `items` with `item`, collecting every error. */
function validateItems<A>(items: readonly unknown[], c: t.Context, item: t.Decoder<unknown, A>): t.Validation<A[]> {
  const out: A[] = [];
  const errors: t.ValidationError[] = [];
  items.forEach((ui, i) => {
    const r = item.validate(ui, t.appendContext(c, String(i), item, ui));
    if (isLeft(r)) { for (const e of r.left) errors.push(e); }
    else out.push(r.right);
  });
  return errors.length > 0 ? t.failures(errors) : t.success(out);
}

/**
 * A codec of arrays whose elements are decoded by `item`; a non-array (or an empty array,
 * with `nonEmpty`) fails with `expected <phrase>`.
 *
 * @param name The codec's name.
 * @param item The element codec.
 * @param phrase What the array is, for the error text.
 * @param nonEmpty Whether `[]` is an error.
 * @returns The codec; element paths print as `field[i]`.
 */
export function listOf<A>(
  name: string,
  item: t.Decoder<unknown, A>,
  phrase: string,
  nonEmpty: boolean,
): t.Type<readonly A[], readonly A[], unknown> {
  const codec: t.Type<readonly A[], readonly A[], unknown> = new t.Type<readonly A[], readonly A[], unknown>(
    name,
    (u): u is readonly A[] => isRight(codec.validate(u, [])),
    (u, c) => {
      if (!Array.isArray(u) || (nonEmpty && u.length === 0)) return t.failure(u, c, expectedText(phrase, u));
      return validateItems(u, c, item);
    },
    t.identity,
  );
  indexedCodecs.add(codec);
  return codec;
}

/** A decoded per-group value: one rate for every group, or one per group. */
export type GroupValue = number | readonly number[];

/**
 * Codec of a per-group rate: a finite number >= 0, or a non-empty array of them.
 * Element errors name the index: `maxLr[1]: expected a finite number >= 0, got -1`.
 */
export const PerGroup: t.Type<GroupValue, GroupValue, unknown> = new t.Type<GroupValue, GroupValue, unknown>(
  "PerGroup",
  (u): u is GroupValue => Rate.is(u) || (Array.isArray(u) && u.length > 0 && u.every(Rate.is)),
  (u, c) => {
    if (typeof u === "number") return Rate.validate(u, c);
    if (!Array.isArray(u) || u.length === 0) return t.failure(u, c, expectedText(EXPECTED.perGroup, u));
    return validateItems(u, c, Rate);
  },
  t.identity,
);
indexedCodecs.add(PerGroup);

/** Codecs by field name. */
export type Props = { readonly [key: string]: t.Mixed };

/** The decoded object of {@link strict}: required fields, then optional ones. */
export type Decoded<R extends Props, O extends Props> =
  & { readonly [K in keyof R]: t.TypeOf<R[K]> }
  & { readonly [K in keyof O]?: t.TypeOf<O[K]> };

/** Whether every present field of `u` is one of the fields and passes its codec. */
function isPartialOf<R extends Props, O extends Props>(
  u: unknown,
  required: R,
  optional: O,
): u is Partial<Decoded<R, O>> {
  return isRecord(u) && Object.keys(u).every((k) =>
    own(u, k) === undefined ||
    (Object.hasOwn(required, k) && required[k].is(u[k])) ||
    (Object.hasOwn(optional, k) && optional[k].is(u[k]))
  );
}

/** Whether `u` has every required field, and every present field passes its codec. */
function isDecodedOf<R extends Props, O extends Props>(u: unknown, required: R, optional: O): u is Decoded<R, O> {
  return isPartialOf(u, required, optional) && Object.keys(required).every((k) => own(u, k) !== undefined);
}

/**
 * Decodes the fields of an object: the required ones (absent is `missing`), the optional
 * ones when present (an own property set to `undefined` counts as absent), and every
 * other key is `key: unknown field`.
 */
function decodeFields<R extends Props, O extends Props>(
  u: Readonly<Record<string, unknown>>,
  c: t.Context,
  required: R,
  optional: O,
): { errors: t.ValidationError[]; fields: Partial<Decoded<R, O>> } {
  const out: Record<string, unknown> = {};
  const errors: t.ValidationError[] = [];
  const field = (key: string, codec: t.Mixed, value: unknown) => {
    const r = codec.validate(value, t.appendContext(c, key, codec, value));
    if (isLeft(r)) { for (const e of r.left) errors.push(e); }
    else out[key] = r.right;
  };
  for (const key of Object.keys(required)) field(key, required[key], own(u, key));
  for (const key of Object.keys(optional)) {
    const value = own(u, key);
    if (value !== undefined) field(key, optional[key], value);
  }
  for (const key of Object.keys(u)) {
    if (!Object.hasOwn(required, key) && !Object.hasOwn(optional, key)) {
      errors.push({ value: u[key], context: t.appendContext(c, key, Anything, u[key]), message: "unknown field" });
    }
  }
  return { errors, fields: isFieldsOf(out, required, optional) ? out : {} };
}

/**
 * Narrows the fields `decodeFields` built: every key is a field of the codec, and every
 * value came out of that field's codec. Running the codecs again (`isPartialOf`) would
 * re-decode each nested join once more per level: 3^depth work in all.
 */
function isFieldsOf<R extends Props, O extends Props>(
  u: Readonly<Record<string, unknown>>,
  required: R,
  optional: O,
): u is Partial<Decoded<R, O>> {
  return Object.keys(u).every((k) => Object.hasOwn(required, k) || Object.hasOwn(optional, k));
}

/** Whether every required field is present; the values have already passed their codecs. */
function hasRequired<R extends Props, O extends Props>(
  fields: Partial<Decoded<R, O>>,
  required: R,
): fields is Decoded<R, O> {
  return Object.keys(required).every((k) => own(fields, k) !== undefined);
}

/**
 * A strict object codec: every required field must be present, optional fields may be
 * absent, and every other key is an error `key: unknown field` (where `t.exact` would drop
 * it silently). All errors are reported, in field order.
 *
 * @param name The codec's name.
 * @param required Codecs of the required fields.
 * @param optional Codecs of the optional fields.
 * @returns The codec.
 */
export function strict<R extends Props, O extends Props>(
  name: string,
  required: R,
  optional: O,
): t.Type<Decoded<R, O>, Decoded<R, O>, unknown> {
  return new t.Type<Decoded<R, O>, Decoded<R, O>, unknown>(
    name,
    (u): u is Decoded<R, O> => isDecodedOf(u, required, optional),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, expectedText(EXPECTED.object, u));
      const { errors, fields } = decodeFields(u, c, required, optional);
      if (errors.length > 0) return t.failures(errors);
      return hasRequired(fields, required)
        ? t.success(fields)
        : t.failure(u, c, expectedText(EXPECTED.object, u));
    },
    t.identity,
  );
}

/** What the cross-field check of {@link checkedObject} gives: more errors, and the normal form. */
export interface Checked<A, B> {
  /** Errors across fields, built with {@link errorAt}. */
  readonly errors: readonly t.ValidationError[];
  /** The normalized value; called only when there are no errors at all. */
  readonly normal: (fields: A) => B;
}

/**
 * A strict object codec with checks across its fields. `check` receives the fields that
 * decoded (a field that failed is absent) and the raw object, so that cross-field errors are reported together with the field errors; it
 * returns its errors and the normalizer, which runs only when nothing failed.
 *
 * @param name The codec's name.
 * @param required Codecs of the required fields.
 * @param optional Codecs of the optional fields.
 * @param check The cross-field checks and normalization.
 * @returns The codec of the normalized value.
 */
export function checkedObject<R extends Props, O extends Props, B>(
  name: string,
  required: R,
  optional: O,
  check: (
    fields: Partial<Decoded<R, O>>,
    c: t.Context,
    raw: Readonly<Record<string, unknown>>,
  ) => Checked<Decoded<R, O>, B>,
): t.Type<B, B, unknown> {
  const type: t.Type<B, B, unknown> = new t.Type<B, B, unknown>(
    name,
    (u): u is B => isRight(type.validate(u, [])),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, expectedText(EXPECTED.object, u));
      const { errors, fields } = decodeFields(u, c, required, optional);
      const cross = check(fields, c, u);
      const all = [...errors, ...cross.errors];
      if (all.length > 0) return t.failures(all);
      return hasRequired(fields, required)
        ? t.success(cross.normal(fields))
        : t.failure(u, c, expectedText(EXPECTED.object, u));
    },
    t.identity,
  );
  return type;
}
