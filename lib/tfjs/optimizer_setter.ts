import { describeValue, EXPECTED, fail, isRate } from "../_check.ts";

/**
 * What the adapter needs of a TensorFlow.js optimizer: its registered class name
 * (`tf.train.sgd(0.1).getClassName() === "SGD"`). The optimizer is accepted structurally,
 * so this package never imports `@tensorflow/tfjs`; the fields it sets are found by class.
 */
export interface TfOptimizer {
  /** The class name TF.js registers for serialization: "SGD", "Momentum", "Adam", ... */
  getClassName(): string;
}

/** Sets the values of one iteration on a TF.js optimizer, checking that they took. */
export interface OptimizerSetter {
  /** The optimizer's class name. */
  readonly className: string;
  /**
   * Sets the learning rate that the next `applyGradients` reads, reads it back, and
   * throws an `Error` when it did not take.
   */
  readonly learningRate: (lr: number) => void;
  /**
   * Sets the momentum (Adam's and Adamax's `beta1`, RMSProp's `momentum`) that the next
   * update reads, checked like the rate; `undefined` for the classes whose momentum
   * cannot be changed during training.
   */
  readonly momentum: ((m: number) => void) | undefined;
  /** Why `momentum` is `undefined`, as a phrase; `undefined` when it is supported. */
  readonly momentumRefusal: string | undefined;
}

/** How each TF.js 4 optimizer class takes its learning rate (read from its source). */
const RATE_BY_METHOD = new Set(["SGD", "Momentum"]); // bake `-lr` into the cached scalar `c`
const RATE_BY_FIELD = new Set(["Adam", "Adamax", "Adagrad", "Adadelta", "RMSProp"]); // read `learningRate` every step
const MOMENTUM_FIELD: Readonly<Record<string, string>> = { Adam: "beta1", Adamax: "beta1", RMSProp: "momentum" };
const MOMENTUM_REFUSAL: Readonly<Record<string, string>> = {
  SGD: "TF.js SGD has no momentum",
  Momentum: "TF.js Momentum bakes its momentum into a scalar tensor when it is built, and " +
    "setMomentum() changes nothing that training reads",
  Adagrad: "TF.js Adagrad has no momentum",
  Adadelta: "TF.js Adadelta has no momentum",
};
const CLASSES = [...RATE_BY_METHOD, ...RATE_BY_FIELD];

function isTfOptimizer(x: unknown): x is TfOptimizer {
  return typeof x === "object" && x !== null && "getClassName" in x && typeof x.getClassName === "function";
}

/** The first value of a tensor's `dataSync()`, read structurally; `undefined` if it has none. */
function scalarValue(tensor: unknown): number | undefined {
  if (typeof tensor !== "object" || tensor === null) return undefined;
  const dataSync: unknown = Reflect.get(tensor, "dataSync");
  if (typeof dataSync !== "function") return undefined;
  const data: unknown = Reflect.apply(dataSync, tensor, []);
  if (!(data instanceof Float32Array) || data.length !== 1) return undefined;
  return data[0];
}

function didNotTake(className: string, field: string, wanted: number, got: unknown, how: string): never {
  throw new Error(
    `optimizer.${field}: expected ${wanted} after ${how} on TF.js ${className}, got ${describeValue(got)}`,
  );
}

function setField(optimizer: TfOptimizer, className: string, field: string, value: number): void {
  Reflect.set(optimizer, field, value);
  const back: unknown = Reflect.get(optimizer, field);
  if (back !== value) didNotTake(className, field, value, back, `setting the field`);
}

/**
 * A setter for a TF.js optimizer, chosen by its class, for the fields training reads:
 *
 * - `SGD` and `Momentum` compute `-learningRate` once into a cached scalar tensor `c`, so
 *   only `setLearningRate()` changes the rate. The setter calls it, checks that the field
 *   and a fresh `c` came back, and on its first call that `c` holds `-lr` in float32.
 * - `Adam`, `Adamax`, `Adagrad`, `Adadelta` and `RMSProp` read their `learningRate` field
 *   at every step: the setter writes it and reads it back. `Adamax` also divides the rate
 *   by `1 + decay * iteration`, which would bend the schedule, so it must be built with
 *   `decay` 0 (its default).
 * - Momentum: `Adam` and `Adamax` read `beta1`, `RMSProp` reads `momentum`, at every step.
 *   TF.js corrects Adam's bias with the running product of the `beta1` values it has seen
 *   (starting from the one it was built with), not with PyTorch's `beta1(t)^t`. `Momentum`
 *   caches its momentum as a tensor when built (its `setMomentum()` only changes a field
 *   that training never reads) and `SGD`, `Adagrad` and `Adadelta` have none: for them
 *   `momentum` is `undefined` and `momentumRefusal` says why.
 *
 * @param optimizer A TF.js 4 optimizer (`tf.train.*` or the one given to `model.compile`).
 * @returns The setter; each call throws an `Error` naming the field when the value read
 *   back differs from the value set.
 * @throws {TypeError} If `optimizer` has no `getClassName()` or is of another class.
 * @throws {RangeError} If it is an `Adamax` with a `decay` other than 0.
 *
 * @example A structural stand-in for `tf.train.adam()`
 * ```ts
 * import assert from "node:assert/strict";
 * import { optimizerSetter } from "cyclical-lr/tfjs";
 * const adam = { getClassName: () => "Adam", learningRate: 0.001, beta1: 0.9 };
 * const set = optimizerSetter(adam);
 * set.learningRate(0.01);
 * set.momentum?.(0.85);
 * assert.deepEqual([adam.learningRate, adam.beta1], [0.01, 0.85]);
 * const sgdWithMomentum = { getClassName: () => "Momentum", setLearningRate(lr: number) {} };
 * assert.equal(optimizerSetter(sgdWithMomentum).momentum, undefined);
 * ```
 */
export function optimizerSetter(optimizer: TfOptimizer): OptimizerSetter {
  if (!isTfOptimizer(optimizer)) fail("optimizer", "a TF.js optimizer (with getClassName())", optimizer);
  const className: unknown = optimizer.getClassName();
  if (typeof className !== "string" || !CLASSES.includes(className)) {
    fail("optimizer.getClassName()", `one of ${CLASSES.map((c) => JSON.stringify(c)).join(", ")}`, className);
  }
  const momentumField: string | undefined = MOMENTUM_FIELD[className];
  const momentum = momentumField === undefined ? undefined : (m: number): void => {
    if (!isRate(m) || m > 1) fail("momentum", EXPECTED.fraction, m);
    setField(optimizer, className, momentumField, m);
  };
  const momentumRefusal = momentumField === undefined ? MOMENTUM_REFUSAL[className] : undefined;
  const decay: unknown = Reflect.get(optimizer, "decay");
  if (className === "Adamax" && decay !== undefined && decay !== 0) {
    fail("optimizer.decay", "0 (TF.js Adamax divides the rate by 1 + decay * iteration)", decay);
  }
  if (RATE_BY_FIELD.has(className)) {
    return {
      className,
      learningRate: (lr) => {
        if (!isRate(lr)) fail("lr", EXPECTED.rate, lr);
        setField(optimizer, className, "learningRate", lr);
      },
      momentum,
      momentumRefusal,
    };
  }
  const setLearningRate: unknown = Reflect.get(optimizer, "setLearningRate");
  if (typeof setLearningRate !== "function") {
    fail(`optimizer.setLearningRate`, `a method (TF.js ${className} has one)`, setLearningRate);
  }
  let checkedTensor = false;
  return {
    className,
    learningRate: (lr) => {
      if (!isRate(lr)) fail("lr", EXPECTED.rate, lr);
      const before: unknown = Reflect.get(optimizer, "c");
      Reflect.apply(setLearningRate, optimizer, [lr]);
      const back: unknown = Reflect.get(optimizer, "learningRate");
      if (back !== lr) didNotTake(className, "learningRate", lr, back, "setLearningRate()");
      const c: unknown = Reflect.get(optimizer, "c");
      if (before === undefined && c === undefined) return; // a stand-in without the cached scalar
      if (c === before) didNotTake(className, "c", -lr, "the same cached scalar", "setLearningRate()");
      if (checkedTensor) return;
      checkedTensor = true;
      const value = scalarValue(c);
      if (value !== Math.fround(-lr)) didNotTake(className, "c", Math.fround(-lr), value, "setLearningRate()");
    },
    momentum,
    momentumRefusal,
  };
}
