/**
 * Turns io-ts validation errors into the project's one-line messages:
 * `path: expected <phrase>, got <value>`, with paths like `schedules[1].stepSizeUp`.
 *
 * @module
 */
import { keyText, oneOfPhrase } from "../_check.ts";
import * as t from "io-ts";
import { expectedText, isIndexed } from "./_io.ts";

/**
 * The path of a validation context: fields joined by dots, array elements as `[i]`, keys
 * that do not read as names quoted (`["x\\ny"]`), so that no key can forge a line.
 * `context[0]` is the root, with key `""`; union and intersection branch numbers are
 * skipped, since they are not data.
 *
 * @param context The context of a validation error.
 * @returns The path, `""` for the root.
 */
export function pathOf(context: t.Context): string {
  let path = "";
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1].type, key = context[i].key;
    if (parent instanceof t.UnionType || parent instanceof t.IntersectionType) continue;
    const k = keyText(key);
    path += isIndexed(parent) ? `[${key}]` : k.startsWith("[") || path === "" ? k : `.${k}`;
  }
  return path;
}

/** The phrase for an error that carries no message of its own (io-ts's own codecs). */
function phraseOf(type: t.Decoder<unknown, unknown> | undefined): string {
  if (type instanceof t.KeyofType) {
    return oneOfPhrase(Object.keys(type.keys));
  }
  return type?.name ?? "a valid value";
}

/**
 * One line for one validation error, `path: message`; the root is called `config`.
 *
 * @param error A validation error from a config codec.
 * @returns The line.
 */
export function messageOf(error: t.ValidationError): string {
  const path = pathOf(error.context) || "config";
  const last = error.context[error.context.length - 1];
  return `${path}: ${error.message ?? expectedText(phraseOf(last?.type), error.value)}`;
}

/**
 * Every error as one line, in order, without repeats.
 *
 * @param errors The errors of a failed validation.
 * @returns The lines.
 */
export function report(errors: t.Errors): string[] {
  return [...new Set(errors.map(messageOf))];
}
