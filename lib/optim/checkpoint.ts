/**
 * Portable checkpoints of optimizer states: JSON with float32 arrays stored losslessly as
 * the base64 of their little-endian bytes, so that a run resumed from step `k` gives the
 * same bits as the run that never stopped.
 *
 * @module
 */

import type { Policy } from "../types.ts";
import { describeValue, EXPECTED, fail, isNonNegativeInt } from "../_check.ts";
import { configOf } from "../schedule/config_of.ts";
import { allocate, bindingOf, type Rule } from "./_core.ts";
import type { KernelFactory } from "./_kernel.ts";
import type { Checkpoint, Optimizer, OptimizerState } from "./types.ts";

const FORMAT = "cyclical-lr/optimizer@1";
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Encodes float32 values as the base64 of their little-endian bytes (lossless, NaN payloads included).
 *
 * @param values The values.
 * @returns Base64 text, 4 bytes per value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeFloat32, encodeFloat32 } from "cyclical-lr/optim";
 * const x = new Float32Array([0.1, -0, 3e-40]);
 * assert.deepEqual(decodeFloat32(encodeFloat32(x)), x);
 * assert.equal(encodeFloat32(new Float32Array([1])), "AACAPw==");
 * ```
 */
export function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.byteLength);
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  if (!littleEndian) swap(bytes);
  let text = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    text += String.fromCharCode(...bytes.subarray(i, Math.min(i + chunk, bytes.length)));
  }
  return btoa(text);
}

/**
 * Decodes {@link encodeFloat32}'s text.
 *
 * @param text Base64 of little-endian float32 bytes.
 * @param field The name used in errors.
 * @returns The values.
 * @throws {TypeError} If the text is not base64 of a whole number of float32 values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeFloat32 } from "cyclical-lr/optim";
 * assert.deepEqual([...decodeFloat32("AACAPw==")], [1]);
 * assert.throws(() => decodeFloat32("AAA=", "m"), /m: expected base64 of float32 bytes/);
 * ```
 */
export function decodeFloat32(text: string, field = "text"): Float32Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return fail(field, "base64 of float32 bytes", text);
  }
  if (binary.length % 4 !== 0) fail(field, "base64 of float32 bytes (a multiple of 4)", text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (!littleEndian) swap(bytes);
  return new Float32Array(bytes.buffer);
}

function swap(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 4) {
    const a = bytes[i], b = bytes[i + 1];
    bytes[i] = bytes[i + 3];
    bytes[i + 1] = bytes[i + 2];
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
}

/** Saves a state of `opt` (internal: {@link Optimizer.save} calls this). */
export function saveState(opt: Optimizer, owner: object, state: OptimizerState): Checkpoint {
  const { sizes } = bindingOf(state, owner);
  return checkpointFrom(opt, state.step, state.started, sizes, state.moments);
}

/** A checkpoint of `opt` from the parts of a state (the GPU trainer reads them back first). */
export function checkpointFrom(
  opt: Optimizer,
  step: number,
  started: readonly boolean[],
  sizes: readonly (readonly number[])[],
  moments: readonly (readonly (readonly Float32Array[])[])[],
): Checkpoint {
  return {
    format: FORMAT,
    algorithm: opt.algorithm,
    step,
    hyper: opt.hyper,
    schedule: scheduleConfig(opt.policy),
    started: [...started],
    sizes: sizes.map((g) => [...g]),
    moments: moments.map((k) => k.map((g) => g.map(encodeFloat32))),
  };
}

function scheduleConfig(policy: Policy): Readonly<Record<string, unknown>> | null {
  return configOf(policy) ?? null;
}

function isBooleans(x: unknown, groups: number): x is boolean[] {
  return Array.isArray(x) && x.length === groups && x.every((s: unknown) => typeof s === "boolean");
}

function isSizes(x: unknown, groups: number): x is number[][] {
  return Array.isArray(x) && x.length === groups &&
    x.every((group: unknown) => Array.isArray(group) && group.every(isNonNegativeInt));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Loads a checkpoint into a fresh state of `opt` (internal: {@link Optimizer.load} calls this). */
export function loadState(
  opt: Optimizer,
  owner: object,
  rule: Rule,
  kernel: KernelFactory,
  checkpoint: Checkpoint,
  extraArrays: readonly number[] = [],
): OptimizerState {
  const c: unknown = checkpoint;
  if (typeof c !== "object" || c === null) fail("checkpoint", "a checkpoint object", c);
  const cp: object = c;
  const field = (key: string): unknown => Reflect.get(cp, key);
  if (field("format") !== FORMAT) fail("checkpoint.format", JSON.stringify(FORMAT), field("format"));
  if (field("algorithm") !== opt.algorithm) {
    fail("checkpoint.algorithm", `${JSON.stringify(opt.algorithm)} (as this optimizer)`, field("algorithm"));
  }
  const step = field("step");
  if (!isNonNegativeInt(step)) return fail("checkpoint.step", EXPECTED.nonNegativeInt, step);
  const hyperField = field("hyper");
  const hyper: object = typeof hyperField === "object" && hyperField !== null ? hyperField : {};
  for (const key of new Set([...Object.keys(opt.hyper), ...Object.keys(hyper)])) {
    const want = opt.hyper[key], got: unknown = Reflect.get(hyper, key);
    if (!same(want, got)) {
      throw new RangeError(
        `checkpoint.hyper.${key}: expected ${describeValue(want)} (as this optimizer), got ${describeValue(got)}`,
      );
    }
  }
  const schedule = scheduleConfig(opt.policy);
  const saved = field("schedule");
  if (schedule !== null && saved !== null && saved !== undefined && !same(schedule, saved)) {
    throw new RangeError(
      `checkpoint.schedule: expected ${describeValue(schedule)} (as this optimizer's policy), got ${
        describeValue(saved)
      }`,
    );
  }
  const groups = opt.groups;
  const sizes = field("sizes");
  if (!isSizes(sizes, groups)) fail("checkpoint.sizes", `${groups} arrays of tensor sizes (one per group)`, sizes);
  const started = field("started");
  if (!isBooleans(started, groups)) return fail("checkpoint.started", `${groups} booleans (one per group)`, started);
  const moments = field("moments");
  if (!Array.isArray(moments) || moments.length !== rule.moments) {
    return fail("checkpoint.moments", `${rule.moments} moment lists (as ${opt.algorithm})`, moments);
  }
  const state = allocate(owner, rule, kernel, sizes, extraArrays);
  moments.forEach((k: unknown, ki) => {
    sizes.forEach((group, g) => {
      group.forEach((_n, i) => {
        const field = `checkpoint.moments[${ki}][${g}][${i}]`;
        const text: unknown = Array.isArray(k) && Array.isArray(k[g]) ? k[g][i] : undefined;
        if (typeof text !== "string") fail(field, "base64 of float32 bytes", text);
        const values = decodeFloat32(text, field);
        const target = state.moments[ki][g][i];
        if (values.length !== target.length) {
          throw new RangeError(
            `${field}: expected ${target.length} values (as checkpoint.sizes), got ${values.length}`,
          );
        }
        target.set(values);
      });
    });
  });
  state.step = step;
  started.forEach((s, g) => (state.started[g] = s));
  return state;
}
