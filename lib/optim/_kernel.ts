/**
 * The CPU kernel interface: one runtime per optimizer state, owning the memory of the
 * state's moments (a WebAssembly memory for the SIMD kernel, plain buffers otherwise).
 *
 * @module
 */

import type { CpuKernel } from "./types.ts";
import {
  adamPlain,
  type AdamScalars,
  firstNonFinitePlain,
  sfAdamwPlain,
  type SfAdamwScalars,
  sfSgdPlain,
  type SfSgdScalars,
  sgdPlain,
  type SgdScalars,
} from "./_plain.ts";

/** A kernel bound to the memory of one state. */
export interface KernelRuntime {
  readonly kind: CpuKernel;
  /** A zeroed float32 array of `n` elements in this runtime's memory. */
  alloc(n: number): Float32Array;
  /** SGD over all of `p`. */
  sgd(p: Float32Array, g: Float32Array, b: Float32Array, s: SgdScalars): void;
  /** Adam over all of `p`. */
  adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, s: AdamScalars): void;
  /** Schedule-free SGD over all of `p` (`p` is `y`). */
  sfSgd(p: Float32Array, g: Float32Array, z: Float32Array, x: Float32Array, s: SfSgdScalars): void;
  /** Schedule-free AdamW over all of `p` (`p` is `y`). */
  sfAdamw(p: Float32Array, g: Float32Array, z: Float32Array, x: Float32Array, v: Float32Array, s: SfAdamwScalars): void;
  /** Index of the first non-finite element of `g`, or -1. */
  firstNonFinite(g: Float32Array): number;
}

/** Makes runtimes of one kind. `floats` is the number of elements the state will allocate. */
export interface KernelFactory {
  readonly kind: CpuKernel;
  create(floats: number, arrays: number): KernelRuntime;
}

/** The plain-TypeScript kernel: the reference and the fallback. */
export const plainKernel: KernelFactory = {
  kind: "plain",
  create: () => ({
    kind: "plain",
    alloc: (n) => new Float32Array(n),
    sgd: (p, g, b, s) => sgdPlain(p, g, b, 0, p.length, s),
    adam: (p, g, m, v, s) => adamPlain(p, g, m, v, 0, p.length, s),
    sfSgd: (p, g, z, x, s) => sfSgdPlain(p, g, z, x, 0, p.length, s),
    sfAdamw: (p, g, z, x, v, s) => sfAdamwPlain(p, g, z, x, v, 0, p.length, s),
    firstNonFinite: (g) => firstNonFinitePlain(g, 0, g.length),
  }),
};
