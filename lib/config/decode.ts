/**
 * Decoding a JSON schedule config (`shared/spec/schedule-config.md`): the `policy` first,
 * then the branch it names (its child configs, then its fields through the policy's own
 * options table), then the checks across them; every error at once.
 *
 * @module
 */
import * as t from "io-ts";
import { isLeft, left, mapLeft } from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { describeValue, EXPECTED, plainText } from "../_check.ts";
import { defaultRegistry, type Registry } from "../signal/registry.ts";
import type { FieldsOf } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { registryKind } from "../policies/cyclic_lr.ts";
import type { Config } from "./types.ts";
import { errorAt, expectedText, isRecord, listOf, own } from "./_io.ts";
import { type ConfigObject, POLICIES, type PolicyEntry } from "./policies.ts";
import { report } from "./report.ts";

/**
 * The result of {@link decodeConfig} and {@link parseConfig}: every error, one line each,
 * or the normalized config. It has the shape of fp-ts's `Either`, so fp-ts's `isLeft`,
 * `fold` and `pipe` work on it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeConfig, type DecodeResult } from "cyclical-lr/config";
 * const r: DecodeResult = decodeConfig({ policy: "constant", value: -1 });
 * assert.equal(r._tag, "Left");
 * ```
 */
export type DecodeResult =
  | { readonly _tag: "Left"; readonly left: string[] }
  | { readonly _tag: "Right"; readonly right: Config };

/** The names a config's `policy` may take, decoded before anything else. */
const PolicyNames = t.keyof(POLICIES);

/** How deep child configs may nest (so that no input can exhaust the stack). */
export const MAX_JOIN_DEPTH = 32;

/**
 * A normalized config, seen through its type: the decoder (or a factory) made it from the
 * policy's table.
 * @internal
 */
export function asConfig(config: ConfigObject): Config {
  return config as unknown as Config;
}

/** The codec of one policy's branch: its child configs, its fields, the checks across them. */
function branch(name: string, entry: PolicyEntry, Config: t.Type<ConfigObject>, registry: Registry) {
  const children = entry.children;
  const childCodec = children === undefined ? undefined : children.list
    ? listOf(
      "Schedules",
      Config,
      children.least === 1 ? EXPECTED.configs : `an array of at least ${children.least} configs`,
      children.least,
    )
    : Config;
  return new t.Type<ConfigObject, ConfigObject, unknown>(
    `${name}Config`,
    (u): u is ConfigObject => isRecord(u),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, expectedText(EXPECTED.object, u));
      const errors: t.ValidationError[] = [];
      let kids: readonly ConfigObject[] | undefined;
      let count = 0;
      if (children !== undefined && childCodec !== undefined) {
        const raw = own(u, children.field);
        count = Array.isArray(raw) ? raw.length : 0;
        if (raw === undefined) {
          errors.push(
            errorAt(c, [children.field], `missing, expected ${children.list ? EXPECTED.configs : "a config"}`),
          );
        } else {
          const r = childCodec.validate(raw, t.appendContext(c, children.field, childCodec, raw));
          if (isLeft(r)) { for (const e of r.left) errors.push(e); // no spread: a list of 10^6 children
           } else kids = Array.isArray(r.right) ? r.right : [r.right];
        }
      }
      const skip = children === undefined ? ["policy"] : ["policy", children.field];
      const checked = entry.table.check(u, { config: true, skip, values: { registry } });
      for (const e of checked.errors) errors.push(errorAt(c, e.path, e.message));
      for (const e of entry.childErrors(kids, count, checked.values, u)) errors.push(errorAt(c, e.path, e.message));
      if (errors.length > 0) return t.failures(errors);
      return t.success(entry.normal(checked.values, kids));
    },
    t.identity,
  );
}

/**
 * The codec of a whole config: `policy` is decoded first (a keyof), then only the branch
 * it names, so that the errors come from that branch alone. Child configs are configs
 * again, down to {@link MAX_JOIN_DEPTH} levels.
 *
 * @param registry Where custom scales and waves are looked up.
 * @returns The codec; it decodes to the normalized config.
 * @internal
 */
export function configCodec(registry: Registry = defaultRegistry): t.Type<ConfigObject, ConfigObject, unknown> {
  const Config: t.Type<ConfigObject, ConfigObject, unknown> = new t.Type<ConfigObject, ConfigObject, unknown>(
    "Config",
    (u): u is ConfigObject => isRecord(u),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, expectedText(EXPECTED.object, u));
      if (c.filter((entry) => entry.type === Config).length > MAX_JOIN_DEPTH + 1) {
        return t.failure(u, c, `expected joins nested at most ${MAX_JOIN_DEPTH} deep, got deeper`);
      }
      const policy = own(u, "policy");
      const name = PolicyNames.validate(policy, t.appendContext(c, "policy", PolicyNames, policy));
      if (isLeft(name)) return name;
      const codec = branches.get(name.right);
      return codec === undefined ? t.failure(u, c, "unknown policy") : codec.validate(u, c);
    },
    t.identity,
  );
  const branches = new Map(
    Object.entries(POLICIES).map(([name, entry]) => [name, branch(name, entry, Config, registry)]),
  );
  return Config;
}

/** Options of {@link decodeConfig} and {@link parseConfig}, checked by {@link DECODE}. */
export interface DecodeOptions {
  /** Where custom scales and waves are looked up (from `createRegistry`). */
  readonly registry?: Registry;
}

/**
 * The options table of {@link decodeConfig}: names are looked up in `defaultRegistry`
 * unless a registry is given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultRegistry } from "cyclical-lr";
 * import { DECODE } from "cyclical-lr/config";
 * assert.equal(DECODE.read({}).registry, defaultRegistry);
 * assert.throws(() => DECODE.read({ registery: defaultRegistry }), {
 *   message: "registery: unknown option of decodeConfig; did you mean registry?",
 * });
 * ```
 */
export const DECODE: OptionsTable<FieldsOf<DecodeOptions>> = optionsTable("decodeConfig", {
  registry: registryKind.default(defaultRegistry),
});

const PARSE: OptionsTable<FieldsOf<DecodeOptions>> = optionsTable("parseConfig", DECODE.fields);

/**
 * Decodes a JSON value as a schedule config, reporting every error at once, one line
 * each: `path: expected <phrase>, got <value>` (`path: missing, expected <phrase>` for a
 * missing field, `path: unknown field` for a key the policy does not have). On success
 * the config is normalized: every default written out, per-group values as a number for
 * one group and as arrays otherwise, no `groups` field; decoding it again gives it back.
 * Never throws, whatever the value; the options are code, and checked like code.
 *
 * @param json A parsed JSON value (or any value).
 * @param options The registry of custom pieces ({@link DECODE}).
 * @returns `Right` with the normalized config, or `Left` with the error lines.
 * @throws {TypeError} If an option is unknown or `registry` is not a registry.
 *
 * @example Defaults are written out
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeConfig } from "cyclical-lr/config";
 * const r = decodeConfig({ policy: "linear", initValue: 1, endValue: 0, transitionSteps: 10 });
 * assert.ok(r._tag === "Right");
 * assert.deepEqual(r.right, {
 *   policy: "linear", initValue: 1, endValue: 0, transitionSteps: 10, transitionBegin: 0,
 * });
 * ```
 *
 * @example Every error, with its path
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeConfig } from "cyclical-lr/config";
 * const r = decodeConfig({
 *   policy: "join", boundaries: [100],
 *   schedules: [{ policy: "constant", value: 0.1 }, { policy: "cyclic", stepSizeUp: -3, foo: 1 }],
 * });
 * assert.ok(r._tag === "Left");
 * assert.deepEqual(r.left, [
 *   "schedules[1].stepSizeUp: expected a positive integer, got -3",
 *   "schedules[1].foo: unknown field",
 * ]);
 * ```
 */
export function decodeConfig(json: unknown, options: DecodeOptions = {}): DecodeResult {
  return decodeWith(json, DECODE.read(options).registry);
}

function decodeWith(json: unknown, registry: Registry): DecodeResult {
  try {
    return pipe(
      configCodec(registry).decode(json),
      mapLeft(report),
      (r) => (isLeft(r) ? r : { _tag: "Right", right: asConfig(r.right) }),
    );
  } catch (e) {
    // Only reachable with values JSON cannot produce (throwing getters, proxies).
    return left([`config: could not be decoded (${e instanceof Error ? plainText(e.message) : describeValue(e)})`]);
  }
}

/**
 * Parses JSON text and decodes it with {@link decodeConfig}.
 *
 * @param text The JSON text of a config.
 * @param options The registry of custom pieces ({@link DECODE}).
 * @returns `Right` with the normalized config, or `Left` with the error lines (a syntax
 *   error is one line, `config: expected JSON text, got a syntax error (…)`, the engine's
 *   message with its control characters escaped: it quotes the text).
 * @throws {TypeError} If an option is unknown or `registry` is not a registry.
 *
 * @example Text in, normalized config out
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfig } from "cyclical-lr/config";
 * const r = parseConfig('{"policy": "constant", "value": [0.1, 0.01]}');
 * assert.deepEqual(r, { _tag: "Right", right: { policy: "constant", value: [0.1, 0.01] } });
 * const bad = parseConfig("{");
 * assert.ok(bad._tag === "Left" && bad.left.length === 1);
 * ```
 */
export function parseConfig(text: string, options: DecodeOptions = {}): DecodeResult {
  const { registry } = PARSE.read(options);
  if (typeof text !== "string") return left([`config: ${expectedText("JSON text", text)}`]);
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text); // an editor's byte-order mark
  } catch (e) {
    return left([
      `config: expected JSON text, got a syntax error (${plainText(e instanceof Error ? e.message : String(e))})`,
    ]);
  }
  return decodeWith(json, registry);
}
