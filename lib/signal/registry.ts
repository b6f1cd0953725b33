/**
 * Named custom pieces for configs: a `cyclic` config may name a registered scale
 * (`"scale": {"name", "params", "mode"}`) or wave (`"wave": {"name", "params"}`), so a
 * schedule with user code can still be stored as JSON and rebuilt.
 *
 * @module
 */
import type { JsonObject, Wave } from "../types.ts";
import { fail, quotedList } from "../_check.ts";

/**
 * Makes a scale function from its JSON params: the multiplier of the amplitude, given the
 * cycle number or the iteration (the config's `scale.mode` says which).
 */
export type ScalePiece = (params: JsonObject) => (x: number) => number;

/** Makes a wave from its JSON params and the config's resolved half-cycle lengths. */
export type WavePiece = (
  params: JsonObject,
  steps: { readonly stepSizeUp: number; readonly stepSizeDown: number },
) => Wave;

/** Registered pieces by name. Built-in waves (`triangle`, `cosine`) are not stored here. */
export interface Registry {
  /** Scale factories by name. */
  readonly scales: Map<string, ScalePiece>;
  /** Wave factories by name. */
  readonly waves: Map<string, WavePiece>;
}

/** The waves every config knows without registration. */
export const BUILT_IN_WAVES: readonly string[] = ["triangle", "cosine"];

/**
 * A new, empty registry, for code that keeps its pieces apart from {@link defaultRegistry}.
 *
 * @returns A registry with no scales and no waves besides the built-in ones.
 *
 * @example A private registry
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRegistry, registerScale } from "cyclical-lr";
 * import { decodeConfig } from "cyclical-lr/config";
 * const registry = createRegistry();
 * registerScale("third", () => (c) => (2 / 3) ** (c - 1), registry);
 * const config = { policy: "cyclic", scale: { name: "third" } };
 * assert.equal(decodeConfig(config, { registry })._tag, "Right");
 * assert.equal(decodeConfig(config)._tag, "Left");
 * ```
 */
export function createRegistry(): Registry {
  return { scales: new Map(), waves: new Map() };
}

/**
 * The registry that decoding and building use when none is given.
 *
 * @example The registry used when none is given
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultRegistry } from "cyclical-lr";
 * assert.ok(defaultRegistry.scales instanceof Map);
 * ```
 */
export const defaultRegistry: Registry = createRegistry();

function checkName(name: unknown): string {
  return typeof name === "string" && name.length > 0 ? name : fail("name", "a non-empty string", name);
}

/**
 * Registers a scale under `name`, so that configs may say
 * `"scale": {"name": name, "params": {…}, "mode": "cycle" | "iterations"}`. The factory
 * receives the params (a JSON object, `{}` by default) and returns the multiplier; it may
 * throw on bad params, and decoding then reports its message under `scale.params`.
 * Registering a name again replaces the factory.
 *
 * @param name The name configs use.
 * @param factory Params to the scale function.
 * @param registry Where to register it. @default defaultRegistry
 * @throws {TypeError} If `name` is not a non-empty string or `factory` is not a function.
 *
 * @example A scale that shrinks by a factor per cycle, stored as JSON
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRegistry, registerScale } from "cyclical-lr";
 * import { policyFromConfig } from "cyclical-lr/config";
 * const registry = createRegistry();
 * registerScale("geometric", (p) => {
 *   const r = typeof p.ratio === "number" ? p.ratio : 0.5;
 *   return (c) => r ** (c - 1);
 * }, registry);
 * const { lr } = policyFromConfig({
 *   policy: "cyclic", baseLr: 0, maxLr: 1, stepSize: 2,
 *   scale: { name: "geometric", params: { ratio: 0.25 }, mode: "cycle" },
 * }, registry);
 * assert.deepEqual(lr(2), [1]);
 * assert.deepEqual(lr(6), [0.25]);
 * ```
 */
export function registerScale(name: string, factory: ScalePiece, registry: Registry = defaultRegistry): void {
  const n = checkName(name);
  if (typeof factory !== "function") fail("factory", "a function", factory);
  registry.scales.set(n, factory);
}

/**
 * Registers a wave under `name`, so that configs may say `"wave": {"name": name,
 * "params": {…}}`. The factory receives the params and the resolved step sizes and
 * returns a {@link Wave}. The built-in names `triangle` and `cosine` cannot be replaced.
 *
 * @param name The name configs use.
 * @param factory Params and step sizes to the wave.
 * @param registry Where to register it. @default defaultRegistry
 * @throws {TypeError} If `name` is not a non-empty string, is built in, or `factory` is not a function.
 *
 * @example A sawtooth: a linear rise, then a drop
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRegistry, registerWave } from "cyclical-lr";
 * import { policyFromConfig } from "cyclical-lr/config";
 * const registry = createRegistry();
 * registerWave("sawtooth", (_params, { stepSizeUp, stepSizeDown }) => {
 *   const period = stepSizeUp + stepSizeDown;
 *   return { period, cycle: (t) => Math.floor(t / period) + 1, height: (t) => (t % period) / period };
 * }, registry);
 * const { lr } = policyFromConfig({
 *   policy: "cyclic", baseLr: 0, maxLr: 1, stepSize: 2, wave: { name: "sawtooth" },
 * }, registry);
 * assert.deepEqual(lr(3), [0.75]);
 * ```
 */
export function registerWave(name: string, factory: WavePiece, registry: Registry = defaultRegistry): void {
  const n = checkName(name);
  if (BUILT_IN_WAVES.includes(n)) {
    fail("name", `a name that is not built in (${quotedList(BUILT_IN_WAVES)})`, n);
  }
  if (typeof factory !== "function") fail("factory", "a function", factory);
  registry.waves.set(n, factory);
}
