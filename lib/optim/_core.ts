/**
 * What SGD and Adam share: argument checks, state allocation and binding, shape checks,
 * the non-finite gradient scan, and the loop over groups and tensors.
 *
 * @module
 */

import { firstNonFinitePlain } from "./_plain.ts";
import type { Policy } from "../types.ts";
import { asPolicy } from "../schedule/policy.ts";
import { describeValue, EXPECTED, expectedMessage, fail, isRate } from "../_check.ts";
import type { KernelFactory, KernelRuntime } from "./_kernel.ts";
import type {
  Algorithm,
  Checkpoint,
  CpuKernel,
  KernelOptions,
  NonFinitePolicy,
  OptimizerState,
  StepReport,
  Tensors,
} from "./types.ts";
import { type FieldsOf, type Kind, oneOf as oneOfKind } from "../options/_kinds.ts";

/** The state's hidden half: its kernel memory and the shapes fixed at `init`. */
export interface Binding {
  readonly owner: object;
  readonly runtime: KernelRuntime;
  readonly sizes: readonly (readonly number[])[];
}

const EMPTY = new Float32Array(0);
const bindings = new WeakMap<OptimizerState, Binding>();
const released = new WeakSet<OptimizerState>();

/** The part of a state that the per-step scalars depend on. */
export interface StepCounter {
  readonly step: number;
  readonly started: boolean[];
  /** Schedule-free: the sum of the averaging weights per group. */
  readonly weightSum?: number[];
  /** Schedule-free: the largest rate so far per group. */
  readonly lrMax?: number[];
}

/** The algorithm-specific part of an optimizer. */
export interface Rule {
  readonly algorithm: Algorithm;
  /** How many moment arrays per tensor. */
  readonly moments: number;
  /** Whether moment `k` of group `g` is allocated (else an empty array). */
  readonly allocates: (k: number, g: number) => boolean;
  /** The moments that start as a copy of the parameters (schedule-free `z` and `x`); the others start at 0. */
  readonly copiesParams: readonly number[];
  /** The moments that are never negative (second moments): a checkpoint with a negative one is refused. */
  readonly nonNegative: readonly number[];
  /** Whether the state keeps the schedule-free averaging sums (`weightSum`, `lrMax`). */
  readonly averages: boolean;
  /**
   * Schedule-free: the moments that hold `x` (the eval view) and `z`; the parameters are `y`.
   * Undefined where the train and eval views are the same parameters.
   */
  readonly views?: { readonly x: number; readonly z: number };
  /**
   * Checks step `state.step` at these rates before anything changes, and throws when its
   * scalars would not be finite (the schedule-free averaging weight can overflow).
   */
  readonly validate?: (state: StepCounter, lr: readonly number[]) => void;
  /**
   * Computes group `g`'s per-step scalars at `state.step` (float64 on the host, each rounded
   * once to float32) and marks its momentum buffer as started when the step uses it.
   */
  readonly prepare: (state: StepCounter, g: number, lr: number, momentum: number | undefined) => void;
  /** Runs the prepared step over one tensor with its moments (empty arrays past the rule's count). */
  readonly apply: (
    runtime: KernelRuntime,
    p: Float32Array,
    g: Float32Array,
    m0: Float32Array,
    m1: Float32Array,
    m2: Float32Array,
  ) => void;
  /** The prepared scalars as the GPU uniform holds them: the float32 values, then the flags. */
  readonly uniform: () => { readonly floats: readonly number[]; readonly flags: number };
  /** Checks a scheduled momentum value; returns the phrase it violates, or undefined. */
  readonly momentumPhrase: (m: number) => string | undefined;
}

/** Reads a policy, a `{ lr, momentum?, groups }` object or a plain schedule as a policy. */
export function checkPolicy(policy: unknown): Policy {
  return asPolicy(["policy"], policy);
}

/**
 * Refuses a momentum (SGD) or `beta1` (Adam) option when the policy schedules momentum
 * too: the option would be replaced at every step, so the value given would never be used.
 */
export function refuseScheduledMomentum(policy: Policy, name: "momentum" | "beta1", value: unknown): void {
  if (policy.momentum === undefined || value === undefined) return;
  throw new (typeof value === "number" ? RangeError : TypeError)(expectedMessage(
    name,
    `no value while the policy schedules momentum${name === "beta1" ? ", which sets beta1" : ""} (` +
      `to train with this value, build the policy with cycleMomentum: false; ` +
      `to train with the policy's, leave ${name} out)`,
    value,
  ));
}

/** The kind of every optimizer's `nonFinite` option. */
export const NON_FINITE: Kind<NonFinitePolicy> = oneOfKind(["throw", "skip", "propagate"]);

/** The kind of every optimizer's `kernel` option. */
export const KERNEL: Kind<"auto" | CpuKernel> = oneOfKind(["auto", "wasm", "plain"]);

/** The fields of {@link KernelOptions}, shared by every optimizer's table. */
export const KERNEL_FIELDS: FieldsOf<KernelOptions> = {
  nonFinite: NON_FINITE.default("throw"),
  kernel: KERNEL.default("auto"),
};

/**
 * What an optimizer says to the keys of other libraries' optimizers that are not its
 * options: where that value comes from here.
 */
export const OPTIMIZER_HINTS: Readonly<Record<string, string>> = {
  lr: "the rate comes from the policy, the first argument",
  learningRate: "the rate comes from the policy, the first argument",
  learning_rate: "the rate comes from the policy, the first argument",
  betas: "give beta1 and beta2",
};

function isTensors(x: unknown): x is Tensors {
  return Array.isArray(x) &&
    x.every((g: unknown) => Array.isArray(g) && g.every((t: unknown) => t instanceof Float32Array));
}

/** Checks a float32 tensor list against the expected group count (and sizes, when given). */
export function checkTensors(
  name: string,
  tensors: unknown,
  groups: number,
  sizes?: readonly (readonly number[])[],
  sizesFrom = "at init",
): Tensors {
  if (!Array.isArray(tensors)) return fail(name, "an array of groups of Float32Arrays", tensors);
  if (tensors.length !== groups) {
    throw new RangeError(`${name}: expected ${groups} groups (as policy.groups), got ${tensors.length}`);
  }
  tensors.forEach((group: unknown, g) => {
    if (!Array.isArray(group)) return fail(`${name}[${g}]`, "an array of Float32Arrays", group);
    if (sizes && group.length !== sizes[g].length) {
      throw new RangeError(`${name}[${g}]: expected ${sizes[g].length} tensors (${sizesFrom}), got ${group.length}`);
    }
    group.forEach((x: unknown, i) => {
      if (!(x instanceof Float32Array)) return fail(`${name}[${g}][${i}]`, "a Float32Array", x);
      if (sizes && x.length !== sizes[g][i]) {
        const from = sizesFrom === "at init" ? "at init" : `as ${sizesFrom}[${g}][${i}]`;
        throw new RangeError(`${name}[${g}][${i}]: expected ${sizes[g][i]} values (${from}), got ${x.length}`);
      }
    });
  });
  if (!isTensors(tensors)) throw new TypeError(`${name}: expected groups of Float32Arrays`);
  return tensors;
}

/** The binding of a state to this optimizer, or a clear error. */
export function bindingOf(state: OptimizerState, owner: object): Binding {
  const b = bindings.get(state);
  if (b && b.owner === owner) return b;
  if (released.has(state)) throw new TypeError("state: used after release()");
  throw new TypeError(`state: expected a state from this optimizer's init() or load(), got ${describeValue(state)}`);
}

/** Allocates a fresh state (zero moments, step 0) for tensors of these sizes. */
export function allocate(
  owner: object,
  rule: Rule,
  kernel: KernelFactory,
  sizes: readonly (readonly number[])[],
  extraArrays: readonly number[] = [],
): OptimizerState {
  let floats = 0, arrays = extraArrays.length;
  for (const n of extraArrays) floats += n;
  for (let k = 0; k < rule.moments; k++) {
    sizes.forEach((group, g) => {
      if (rule.allocates(k, g)) group.forEach((n) => (floats += n, arrays++));
    });
  }
  const runtime = kernel.create(floats, arrays);
  const moments: Float32Array[][][] = [];
  for (let k = 0; k < rule.moments; k++) {
    moments.push(
      sizes.map((group, g) => group.map((n) => rule.allocates(k, g) ? runtime.alloc(n) : EMPTY)),
    );
  }
  const started = sizes.map(() => false);
  const state: OptimizerState = rule.averages
    ? { step: 0, moments, started, weightSum: sizes.map(() => 0), lrMax: sizes.map(() => 0) }
    : { step: 0, moments, started };
  bindings.set(state, { owner, runtime, sizes: sizes.map((g) => [...g]) });
  return state;
}

/** Copies the parameters into the moments that start as a copy of them (schedule-free `z` and `x`). */
export function copyParamsIn(state: OptimizerState, rule: Rule, params: Tensors): void {
  for (const k of rule.copiesParams) {
    state.moments[k].forEach((group, g) => group.forEach((m, i) => m.set(params[g][i])));
  }
}

/** The kernel runtime that owns a state's memory (to allocate tensors beside its moments). */
export function runtimeOf(state: OptimizerState, owner: object): KernelRuntime {
  return bindingOf(state, owner).runtime;
}

/** What a trainer needs to know of an optimizer beyond its public face. */
export interface Internals {
  readonly rule: Rule;
  readonly kernel: KernelFactory;
  readonly nonFinite: NonFinitePolicy;
}

const internals = new WeakMap<object, Internals>();

/** Records an optimizer's internals (called by its factory). */
export function register<T extends object>(opt: T, parts: Internals): T {
  internals.set(opt, parts);
  return opt;
}

/** The internals of an optimizer made by this library's factories. */
export function internalsOf(opt: object): Internals {
  const parts = internals.get(opt);
  if (!parts) {
    throw new TypeError(
      `optimizer: expected an optimizer from sgd(), adam(), adamw(), scheduleFreeSgd() or scheduleFreeAdamw(), got ${
        describeValue(opt)
      }`,
    );
  }
  return parts;
}

/** Forgets a state's kernel memory; later use throws `state: used after release()`. */
export function releaseState(state: OptimizerState, owner: object): void {
  bindingOf(state, owner);
  bindings.delete(state);
  released.add(state);
}

/** The scheduled values at `t`, checked: one per group, each satisfying the phrase's rule. */
export function scheduled(
  name: string,
  values: readonly number[],
  t: number,
  groups: number,
  phraseOf: (v: number) => string | undefined,
): readonly number[] {
  if (values.length !== groups) {
    throw new RangeError(`${name}(${t}): expected ${groups} values (one per group), got ${values.length}`);
  }
  for (let g = 0; g < groups; g++) {
    const phrase = phraseOf(values[g]);
    if (phrase !== undefined) throw new RangeError(expectedMessage(`${name}(${t})[${g}]`, phrase, values[g]));
  }
  return values;
}

/** The phrase for a scheduled value that is not a rate (finite, >= 0), else undefined. */
export const ratePhrase = (v: number): string | undefined => (isRate(v) ? undefined : EXPECTED.rate);

/** The checked rates of step `t`, and the momenta where the policy schedules them. */
export function scheduledAt(
  policy: Policy,
  rule: Rule,
  t: number,
): { lr: readonly number[]; momentum: readonly number[] | undefined } {
  const groups = policy.groups;
  const lr = scheduled("policy.lr", policy.lr(t), t, groups, ratePhrase);
  const momentum = policy.momentum
    ? scheduled("policy.momentum", policy.momentum(t), t, groups, rule.momentumPhrase)
    : undefined;
  return { lr, momentum };
}

/** What step `t` did: applied, or skipped for `reason`; `momentum` only when scheduled. */
export function stepReport(
  t: number,
  lr: readonly number[],
  momentum: readonly number[] | undefined,
  reason?: string,
): StepReport {
  const head = reason === undefined ? { step: t, skipped: false } : { step: t, skipped: true, reason };
  return momentum ? { ...head, lr, momentum } : { ...head, lr };
}

/** One update: checks, the non-finite scan, then the rule over every group. */
export function step(
  owner: object,
  rule: Rule,
  policy: Policy,
  nonFinite: NonFinitePolicy,
  params: Tensors,
  grads: Tensors,
  state: OptimizerState,
): StepReport {
  const { runtime, sizes } = bindingOf(state, owner);
  const groups = policy.groups;
  checkTensors("params", params, groups, sizes);
  checkTensors("grads", grads, groups, sizes, "params");
  const t = state.step;
  const { lr, momentum } = scheduledAt(policy, rule, t);
  rule.validate?.(state, lr);
  const reason = nonFinite === "propagate" ? undefined : firstNonFiniteMessage(grads, runtime.firstNonFinite);
  if (reason !== undefined) {
    if (nonFinite === "throw") throw new RangeError(reason);
    return stepReport(t, lr, momentum, reason);
  }
  const [m0, m1, m2] = state.moments;
  for (let g = 0; g < groups; g++) {
    rule.prepare(state, g, lr[g], momentum?.[g]);
    const p = params[g], gr = grads[g];
    for (let i = 0; i < p.length; i++) {
      rule.apply(runtime, p[i], gr[i], m0[g][i], m1 ? m1[g][i] : EMPTY, m2 ? m2[g][i] : EMPTY);
    }
  }
  state.step = t + 1;
  return stepReport(t, lr, momentum);
}

/** The sizes of a parameter list (after {@link checkTensors}). */
export function sizesOf(params: Tensors): number[][] {
  return params.map((group) => group.map((x) => x.length));
}

/** Picks the kernel: `"auto"` prefers WebAssembly SIMD. */
export function pickKernel(
  choice: "auto" | CpuKernel,
  wasm: KernelFactory | undefined,
  plain: KernelFactory,
): KernelFactory {
  if (choice === "plain") return plain;
  if (wasm) return wasm;
  if (choice === "wasm") {
    throw new TypeError(`kernel: expected "auto" or "plain" here (WebAssembly SIMD is not available), got "wasm"`);
  }
  return plain;
}

/**
 * The error text for the first NaN or infinity in `grads` (by group, tensor and index), or
 * undefined. `scan` finds it within one tensor: the kernel's own (WebAssembly SIMD) or plain.
 */
export function firstNonFiniteMessage(
  grads: Tensors,
  scan: (x: Float32Array) => number = (x) => firstNonFinitePlain(x, 0, x.length),
): string | undefined {
  for (let g = 0; g < grads.length; g++) {
    for (let i = 0; i < grads[g].length; i++) {
      const x = grads[g][i], j = scan(x);
      if (j >= 0) return expectedMessage(`grads[${g}][${i}][${j}]`, EXPECTED.finite, x[j]);
    }
  }
  return undefined;
}

/** Checks that a checkpoint's sizes are the parameters' sizes. */
export function checkSizes(checkpoint: Checkpoint, sizes: readonly (readonly number[])[]): void {
  if (JSON.stringify(checkpoint.sizes) !== JSON.stringify(sizes)) {
    throw new RangeError(
      `checkpoint.sizes: expected ${describeValue(sizes)} (as params), got ${describeValue(checkpoint.sizes)}`,
    );
  }
}

/** The error of a trainer's `update()` in the eval view. */
export function evalViewError(): TypeError {
  return new TypeError('trainer.view: expected "train" for update() (call train() first), got "eval"');
}

/** Runs `fn` inside a promise: what it throws becomes a rejection, never a synchronous throw. */
export function settled<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}
