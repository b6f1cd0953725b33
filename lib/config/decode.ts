/**
 * Decoding a JSON schedule config (`shared/spec/schedule-config.md`): the `policy` first,
 * then the branch it names, then checks across fields; every error at once.
 *
 * @module
 */
import * as t from "io-ts";
import { isLeft, isRight, left, mapLeft } from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { describeValue, EXPECTED } from "../_check.ts";
import type { Config, JoinConfig } from "./types.ts";
import { type Checked, checkedObject, errorAt, expectedText, isRecord, listOf, NonNegativeInt, own } from "./codecs.ts";
import {
  ConstantConfig,
  CosineDecayConfig,
  CosineRestartsConfig,
  ExponentialDecayConfig,
  LinearConfig,
  OneCycleConfig,
  PiecewiseConstantConfig,
  PolynomialConfig,
  WarmupCosineDecayConfig,
} from "./policies.ts";
import { cyclicConfig } from "./cyclic.ts";
import { groupsOf, hasMomentum } from "./shape.ts";
import { defaultRegistry, type Registry } from "./registry.ts";

/**
 * The result of {@link decodeConfig} and {@link parseConfig}: every error, one line each,
 * or the normalized config. It has the shape of fp-ts's `Either`, so fp-ts's `isLeft`,
 * `fold` and `pipe` work on it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeConfig, type DecodeResult } from "cyclical-lr";
 * const r: DecodeResult = decodeConfig({ policy: "constant", value: -1 });
 * assert.equal(r._tag, "Left");
 * ```
 */
export type DecodeResult =
  | { readonly _tag: "Left"; readonly left: string[] }
  | { readonly _tag: "Right"; readonly right: Config };
import { report } from "./report.ts";

/** The names a config's `policy` may take, decoded before anything else. */
export const PolicyName = t.keyof({
  cyclic: null,
  oneCycle: null,
  cosineRestarts: null,
  constant: null,
  linear: null,
  polynomial: null,
  exponentialDecay: null,
  cosineDecay: null,
  warmupCosineDecay: null,
  piecewiseConstant: null,
  join: null,
});

/** How deep `join`s may nest (so that no input can exhaust the stack). */
export const MAX_JOIN_DEPTH = 32;

/** The fields of a `join` that decoded. */
interface JoinFields {
  readonly schedules?: readonly Config[];
  readonly boundaries?: readonly number[];
}

/** The checks of a `join` across its children and boundaries. */
function checkJoin(
  o: JoinFields,
  c: t.Context,
  raw: Readonly<Record<string, unknown>>,
): Checked<Required<JoinFields>, JoinConfig> {
  const { schedules, boundaries } = o;
  const errors: t.ValidationError[] = [];
  const rawSchedules = own(raw, "schedules");
  const count = schedules?.length ?? (Array.isArray(rawSchedules) && rawSchedules.length > 0 ? rawSchedules.length : 0);
  if (boundaries !== undefined) {
    if (count > 0 && boundaries.length !== count - 1) {
      const message = `expected ${count - 1} values (one fewer than schedules), got ${boundaries.length}`;
      errors.push(errorAt(c, ["boundaries"], boundaries, message));
    }
    for (let i = 1; i < boundaries.length; i++) {
      if (boundaries[i] <= boundaries[i - 1]) {
        const phrase = `an integer above boundaries[${i - 1}] (${boundaries[i - 1]})`;
        errors.push(errorAt(c, ["boundaries", i], boundaries[i], expectedText(phrase, boundaries[i])));
      }
    }
  }
  if (schedules !== undefined) {
    const counts = schedules.map(groupsOf);
    const most = counts.reduce((a, b) => Math.max(a, b), 1);
    const ref = counts.indexOf(most);
    counts.forEach((n, i) => {
      if (n !== 1 && n !== most) {
        errors.push(errorAt(c, ["schedules", i], n, `expected ${most} groups (as schedules[${ref}]) or 1, got ${n}`));
      }
    });
    const momentum = schedules.map(hasMomentum);
    momentum.forEach((m, i) => {
      // The same text whichever way they disagree, as joinPolicies (lib/join.ts) says it.
      if (m !== momentum[0]) errors.push(errorAt(c, ["schedules", i], m, "expected momentum like schedules[0]"));
    });
  }
  return { errors, normal: (f): JoinConfig => ({ policy: "join", schedules: f.schedules, boundaries: f.boundaries }) };
}

/**
 * The codec of a whole config: `policy` is decoded first (a keyof), then only the branch
 * it names, so that the errors come from that branch alone. `join` children are configs
 * again, down to {@link MAX_JOIN_DEPTH} levels.
 *
 * @param registry Where custom scales and waves are looked up.
 * @returns The codec; it decodes to the normalized config.
 *
 * Internal to the package (users call {@link decodeConfig}, which reports its errors as
 * text); kept as a plain io-ts codec so that the decoder can be tested as one.
 */
export function configCodec(registry: Registry = defaultRegistry): t.Type<Config, Config, unknown> {
  const Config: t.Type<Config, Config, unknown> = new t.Type<Config, Config, unknown>(
    "Config",
    (u): u is Config => isRight(Config.validate(u, [])),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, expectedText(EXPECTED.object, u));
      if (c.filter((entry) => entry.type === Config).length > MAX_JOIN_DEPTH + 1) {
        return t.failure(u, c, `expected joins nested at most ${MAX_JOIN_DEPTH} deep, got deeper`);
      }
      const policy = own(u, "policy");
      const name = PolicyName.validate(policy, t.appendContext(c, "policy", PolicyName, policy));
      return isLeft(name) ? name : branches[name.right].validate(u, c);
    },
    t.identity,
  );
  const Join = checkedObject(
    "JoinConfig",
    {
      policy: t.keyof({ join: null }),
      schedules: listOf("Schedules", Config, EXPECTED.configs, true),
      boundaries: listOf("Boundaries", NonNegativeInt, EXPECTED.boundaries, false),
    },
    {},
    (o, c, raw) => checkJoin(o, c, raw),
  );
  const branches: { readonly [K in Config["policy"]]: t.Decoder<unknown, Config> } = {
    cyclic: cyclicConfig(registry),
    oneCycle: OneCycleConfig,
    cosineRestarts: CosineRestartsConfig,
    constant: ConstantConfig,
    linear: LinearConfig,
    polynomial: PolynomialConfig,
    exponentialDecay: ExponentialDecayConfig,
    cosineDecay: CosineDecayConfig,
    warmupCosineDecay: WarmupCosineDecayConfig,
    piecewiseConstant: PiecewiseConstantConfig,
    join: Join,
  };
  return Config;
}

/** Options of {@link decodeConfig} and {@link parseConfig}. */
export interface DecodeOptions {
  /** Where custom scales and waves are looked up. @default defaultRegistry */
  readonly registry?: Registry;
}

/**
 * Decodes a JSON value as a schedule config, reporting every error at once, one line
 * each: `path: expected <phrase>, got <value>` (`path: missing, expected <phrase>` for a
 * missing field, `path: unknown field` for a key the policy does not have). On success
 * the config is normalized: every default written out, per-group values as a number for
 * one group and as arrays otherwise, no `groups` field; decoding it again gives it back.
 * Never throws, whatever the value.
 *
 * @param json A parsed JSON value (or any value).
 * @param options The registry of custom pieces.
 * @returns `Right` with the normalized config, or `Left` with the error lines.
 *
 * @example Defaults are written out
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeConfig } from "cyclical-lr";
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
 * import { decodeConfig } from "cyclical-lr";
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
  try {
    return pipe(configCodec(options.registry ?? defaultRegistry).decode(json), mapLeft(report));
  } catch (e) {
    // Only reachable with values JSON cannot produce (throwing getters, proxies).
    return left([`config: could not be decoded (${e instanceof Error ? e.message : describeValue(e)})`]);
  }
}

/**
 * Parses JSON text and decodes it with {@link decodeConfig}.
 *
 * @param text The JSON text of a config.
 * @param options The registry of custom pieces.
 * @returns `Right` with the normalized config, or `Left` with the error lines (a syntax
 *   error is one line, `config: expected JSON text, got a syntax error (…)`).
 *
 * @example Text in, normalized config out
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfig } from "cyclical-lr";
 * const r = parseConfig('{"policy": "constant", "value": [0.1, 0.01]}');
 * assert.deepEqual(r, { _tag: "Right", right: { policy: "constant", value: [0.1, 0.01] } });
 * const bad = parseConfig("{");
 * assert.ok(bad._tag === "Left" && bad.left.length === 1);
 * ```
 */
export function parseConfig(text: string, options: DecodeOptions = {}): DecodeResult {
  if (typeof text !== "string") return left([`config: ${expectedText("JSON text", text)}`]);
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text); // an editor's byte-order mark
  } catch (e) {
    return left([`config: expected JSON text, got a syntax error (${e instanceof Error ? e.message : String(e)})`]);
  }
  return decodeConfig(json, options);
}
