/**
 * Internal: io-ts contexts for the config decoder. Errors found by the options tables
 * (paths of keys and indices) become io-ts validation errors at the right context, so that
 * the report prints `schedules[1].stepSizeUp` whichever codec found them.
 *
 * @module
 */
import * as t from "io-ts";
import { isLeft } from "fp-ts/lib/Either.js";
import { describeValue } from "../_check.ts";

/**
 * The text of a failure after its path: `missing, expected <phrase>` when the value is
 * absent, else `expected <phrase>, got <value>`.
 *
 * @param phrase What was expected.
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

/** A context entry for a key whose codec does not matter (errors found by the tables). */
const Anything = new t.Type<unknown, unknown, unknown>("unknown", (_): _ is unknown => true, t.success, t.identity);

export { isRecord } from "../_check.ts";

/** The own property `key` of `u`, or `undefined` (never an inherited one such as `toString`). */
export function own(u: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(u, key) ? u[key] : undefined;
}

/**
 * An error at a path below `c`: string keys are fields, numbers are array indices.
 *
 * @param c The context of the value the path starts from.
 * @param keys The path below it, e.g. `["schedules", 1]`.
 * @param message The text after the path.
 * @returns The validation error.
 */
export function errorAt(c: t.Context, keys: readonly (string | number)[], message: string): t.ValidationError {
  let context = c;
  keys.forEach((key, i) => {
    const next = keys[i + 1];
    context = t.appendContext(context, String(key), typeof next === "number" ? IndexedMarker : Anything);
  });
  return { value: undefined, context, message };
}

/**
 * A codec of arrays of at least `least` elements, each decoded by `item`, collecting every
 * error; element paths print as `field[i]`.
 *
 * @param name The codec's name.
 * @param item The element codec.
 * @param phrase What the array is, for the error text.
 * @param least The fewest elements.
 * @returns The codec.
 */
export function listOf<A>(
  name: string,
  item: t.Decoder<unknown, A>,
  phrase: string,
  least: number,
): t.Type<readonly A[], readonly A[], unknown> {
  const codec: t.Type<readonly A[], readonly A[], unknown> = new t.Type<readonly A[], readonly A[], unknown>(
    name,
    (u): u is readonly A[] => !isLeft(codec.validate(u, [])),
    (u, c) => {
      if (!Array.isArray(u) || u.length < least) return t.failure(u, c, expectedText(phrase, u));
      const out: A[] = [];
      const errors: t.ValidationError[] = [];
      u.forEach((ui: unknown, i) => {
        const r = item.validate(ui, t.appendContext(c, String(i), item, ui));
        if (isLeft(r)) { for (const e of r.left) errors.push(e); // no spread: its width is the input's
         } else out.push(r.right);
      });
      return errors.length > 0 ? t.failures(errors) : t.success(out);
    },
    t.identity,
  );
  indexedCodecs.add(codec);
  return codec;
}
