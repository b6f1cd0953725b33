/**
 * The WebAssembly SIMD kernel: one small module (kernels.wat, embedded as base64),
 * compiled once and instantiated per optimizer state with a memory of its own, sized once
 * (it never grows, so the `Float32Array` views on it stay valid). Moments always live in
 * that memory; parameters and gradients that live there too (as the CPU trainer allocates
 * them) are updated in place, others pass through a small scratch area in chunks.
 * Lengths are split into a multiple of 4 (SIMD) and a tail run by the plain kernel, which
 * gives the same bits.
 *
 * @module
 */

import type { KernelFactory, KernelRuntime } from "../_kernel.ts";
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
} from "../_plain.ts";
import { KERNELS_WASM_BASE64 } from "./kernels_wasm.ts";

type Fn = (...args: number[]) => number;
const isFn = (x: unknown): x is Fn => typeof x === "function";

/** Elements per scratch chunk for tensors outside the kernel's memory. */
const CHUNK = 4096;
const PAGE = 65536;
const MAX_PAGES = 65535;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The module's bytes. */
const kernelBytes: Uint8Array<ArrayBuffer> = decode(KERNELS_WASM_BASE64);

/**
 * Whether this runtime validates WebAssembly SIMD (the kernels' module).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmSimdSupported } from "cyclical-lr/optim";
 * assert.equal(typeof wasmSimdSupported, "boolean");
 * ```
 */
export const wasmSimdSupported: boolean = typeof WebAssembly === "object" &&
  typeof WebAssembly.validate === "function" && WebAssembly.validate(kernelBytes);

let compiled: WebAssembly.Module | undefined;

/** The kernel exports bound to a fresh memory of `pages` pages. */
export function instantiate(pages: number): {
  memory: WebAssembly.Memory;
  sgd: Fn;
  adam: Fn;
  sfSgd: Fn;
  sfAdamw: Fn;
  scan: Fn;
  triad: Fn;
} {
  compiled ??= new WebAssembly.Module(kernelBytes);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
  const { sgd, adam, sfSgd, sfAdamw, scan, triad } = exports;
  if (!isFn(sgd) || !isFn(adam) || !isFn(sfSgd) || !isFn(sfAdamw) || !isFn(scan) || !isFn(triad)) {
    throw new TypeError("kernels.wasm: missing exports");
  }
  return { memory, sgd, adam, sfSgd, sfAdamw, scan, triad };
}

function createRuntime(floats: number, arrays: number): KernelRuntime {
  const bytes = (2 * CHUNK + floats + 4 * (arrays + 2)) * 4;
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (pages > MAX_PAGES) {
    throw new RangeError(
      `params: expected at most about 1e9 values for the WebAssembly kernel, got ${floats} (use kernel: "plain")`,
    );
  }
  const k = instantiate(pages);
  const buffer = k.memory.buffer;
  let top = 0;
  const alloc = (n: number): Float32Array => {
    const view = new Float32Array(buffer, top, n);
    top += ((n * 4 + 15) >>> 4) << 4;
    return view;
  };
  const scratchP = alloc(CHUNK), scratchG = alloc(CHUNK);
  const at = (x: Float32Array, off: number) => x.byteOffset + off * 4;
  const mine = (x: Float32Array) => x.buffer === buffer;
  // The scalars one by one: an array and a spread per tensor per step would allocate.
  const adamAt = (pp: number, gp: number, mp: number, vp: number, len: number, s: AdamScalars) =>
    k.adam(
      pp,
      gp,
      mp,
      vp,
      len,
      s.weightDecay,
      s.decay,
      s.lerp,
      s.beta2,
      s.oneMinusBeta2,
      s.bc2Sqrt,
      s.eps,
      s.negStepSize,
      s.flags,
    );

  /**
   * Runs `kernel(pp, gp, off, len)` over the first `n4` elements of `p` and `g`: once in
   * place when both live in this memory, else in chunks through the scratch area (`p` is
   * copied in and back, since the kernels read and write it).
   */
  const inPlace = (
    p: Float32Array,
    g: Float32Array,
    n4: number,
    kernel: (pp: number, gp: number, off: number, len: number) => void,
  ): void => {
    if (mine(p) && mine(g)) return kernel(p.byteOffset, g.byteOffset, 0, n4);
    for (let off = 0; off < n4; off += CHUNK) {
      const len = Math.min(CHUNK, n4 - off);
      let pp = at(p, off), gp = at(g, off);
      if (!mine(p)) scratchP.set(p.subarray(off, off + len)), pp = scratchP.byteOffset;
      if (!mine(g)) scratchG.set(g.subarray(off, off + len)), gp = scratchG.byteOffset;
      kernel(pp, gp, off, len);
      if (!mine(p)) p.set(scratchP.subarray(0, len), off);
    }
  };

  const scanCopied = (g: Float32Array): number => {
    const n = g.length, n4 = n & ~3;
    for (let off = 0; off < n4; off += CHUNK) {
      const len = Math.min(CHUNK, n4 - off);
      scratchG.set(g.subarray(off, off + len));
      const j = k.scan(scratchG.byteOffset, len);
      if (j >= 0) return firstNonFinitePlain(g, off + j, off + j + 4);
    }
    return firstNonFinitePlain(g, n4, n);
  };

  return {
    kind: "wasm",
    alloc,
    firstNonFinite: (g) => {
      if (mine(g)) {
        const n4 = g.length & ~3;
        const j = n4 > 0 ? k.scan(g.byteOffset, n4) : -1;
        if (j >= 0) return firstNonFinitePlain(g, j, j + 4);
        return firstNonFinitePlain(g, n4, g.length);
      }
      return scanCopied(g);
    },
    sgd: (p: Float32Array, g: Float32Array, b: Float32Array, s: SgdScalars) => {
      const n = p.length, n4 = n & ~3;
      const bp = b.length > 0 ? b.byteOffset : 0;
      if (n4 > 0) {
        if (mine(p) && mine(g)) {
          k.sgd(p.byteOffset, g.byteOffset, bp, n4, s.lr, s.weightDecay, s.momentum, s.dampen, s.flags);
        } else {
          for (let off = 0; off < n4; off += CHUNK) {
            const len = Math.min(CHUNK, n4 - off);
            let pp = at(p, off), gp = at(g, off);
            if (!mine(p)) scratchP.set(p.subarray(off, off + len)), pp = scratchP.byteOffset;
            if (!mine(g)) scratchG.set(g.subarray(off, off + len)), gp = scratchG.byteOffset;
            k.sgd(pp, gp, b.length > 0 ? bp + off * 4 : 0, len, s.lr, s.weightDecay, s.momentum, s.dampen, s.flags);
            if (!mine(p)) p.set(scratchP.subarray(0, len), off);
          }
        }
      }
      if (n4 < n) sgdPlain(p, g, b, n4, n, s);
    },
    adam: (p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, s: AdamScalars): void => {
      const n = p.length, n4 = n & ~3;
      if (n4 > 0) {
        if (mine(p) && mine(g)) {
          adamAt(p.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, n4, s);
        } else {
          for (let off = 0; off < n4; off += CHUNK) {
            const len = Math.min(CHUNK, n4 - off);
            let pp = at(p, off), gp = at(g, off);
            if (!mine(p)) scratchP.set(p.subarray(off, off + len)), pp = scratchP.byteOffset;
            if (!mine(g)) scratchG.set(g.subarray(off, off + len)), gp = scratchG.byteOffset;
            adamAt(pp, gp, at(m, off), at(v, off), len, s);
            if (!mine(p)) p.set(scratchP.subarray(0, len), off);
          }
        }
      }
      if (n4 < n) adamPlain(p, g, m, v, n4, n, s);
    },
    sfSgd: (p: Float32Array, g: Float32Array, z: Float32Array, x: Float32Array, s: SfSgdScalars): void => {
      const n = p.length, n4 = n & ~3;
      if (n4 > 0) {
        inPlace(
          p,
          g,
          n4,
          (pp, gp, off, len) =>
            k.sfSgd(
              pp,
              gp,
              at(z, off),
              at(x, off),
              len,
              s.lr,
              s.weightDecay,
              s.keep,
              s.ckp1,
              s.beta,
              s.oneMinusBeta,
              s.flags,
            ),
        );
      }
      if (n4 < n) sfSgdPlain(p, g, z, x, n4, n, s);
    },
    sfAdamw: (
      p: Float32Array,
      g: Float32Array,
      z: Float32Array,
      x: Float32Array,
      v: Float32Array,
      s: SfAdamwScalars,
    ) => {
      const n = p.length, n4 = n & ~3;
      if (n4 > 0) {
        inPlace(p, g, n4, (pp, gp, off, len) =>
          k.sfAdamw(
            pp,
            gp,
            at(z, off),
            at(x, off),
            at(v, off),
            len,
            s.lrDecay,
            s.beta2,
            s.oneMinusBeta2,
            s.bc2,
            s.eps,
            s.negLr,
            s.keep,
            s.ckp1,
            s.beta1,
            s.oneMinusBeta1,
            s.flags,
          ));
      }
      if (n4 < n) sfAdamwPlain(p, g, z, x, v, n4, n, s);
    },
  };
}

/** The WebAssembly SIMD kernel factory, or undefined where SIMD does not validate. */
export const wasmKernel: KernelFactory | undefined = wasmSimdSupported
  ? { kind: "wasm", create: createRuntime }
  : undefined;
