/**
 * The first layer of the demo's MLP, the only part with real work: the forward pass
 * `h = relu(b1 + x · w1)` and the weight gradient `g1 += xᵀ · dh` over a digit's non-zero
 * pixels only. Two kernels compute the same thing: WebAssembly SIMD (demo/kernels.wat, 4 floats
 * per instruction, the default where SIMD validates) and plain TypeScript (the reference and
 * the fallback). They differ only in float32 rounding (the SIMD kernel rounds the product
 * before the sum).
 *
 * @module
 */
import { PIXELS, type SparseImages } from "./mnist.ts";
import { DEMO_KERNELS_BASE64 } from "./kernels_wasm.ts";

/** Hidden units. */
export const HIDDEN = 128;

/** Which kernel computes the first layer. */
export type KernelKind = "wasm" | "js";

/** The first layer, with its scratch memory: `batch` rows of 128 hidden values. */
export interface FirstLayer {
  readonly kind: KernelKind;
  /** The batch's hidden values (row `e` at `e * 128`); the caller overwrites them with dh. Re-read after every call. */
  hiddenRows(): Float32Array;
  /** Takes the parameters of this step. */
  load(w1: Float32Array, b1: Float32Array): void;
  /** Row `e` of {@link hiddenRows} = relu(b1 + image `r` of `data` · w1). */
  hidden(data: SparseImages, r: number, e: number): void;
  /** Zeroes the weight gradient. */
  startGradient(g1: Float32Array): void;
  /** g1 += image `r`ᵀ · row `e` of {@link hiddenRows} (which then holds dh). */
  outer(data: SparseImages, r: number, e: number): void;
  /** Writes the weight gradient into `g1`. */
  finishGradient(g1: Float32Array): void;
}

function jsLayer(batch: number): FirstLayer {
  const h = new Float32Array(batch * HIDDEN);
  let w1: Float32Array = new Float32Array(0),
    b1: Float32Array = new Float32Array(0),
    g1: Float32Array = new Float32Array(0);
  return {
    kind: "js",
    hiddenRows: () => h,
    load(w, b) {
      w1 = w, b1 = b;
    },
    hidden(data, r, e) {
      const o = e * HIDDEN, { index, value } = data;
      h.set(b1, o);
      for (let k = data.offsets[r], end = data.offsets[r + 1]; k < end; k++) {
        const v = value[k], w = index[k] * HIDDEN;
        for (let j = 0; j < HIDDEN; j += 4) {
          h[o + j] += v * w1[w + j];
          h[o + j + 1] += v * w1[w + j + 1];
          h[o + j + 2] += v * w1[w + j + 2];
          h[o + j + 3] += v * w1[w + j + 3];
        }
      }
      for (let j = o; j < o + HIDDEN; j++) if (h[j] < 0) h[j] = 0;
    },
    startGradient(g) {
      g1 = g;
      g1.fill(0);
    },
    outer(data, r, e) {
      const o = e * HIDDEN, { index, value } = data;
      for (let k = data.offsets[r], end = data.offsets[r + 1]; k < end; k++) {
        const v = value[k], w = index[k] * HIDDEN;
        for (let j = 0; j < HIDDEN; j += 4) {
          g1[w + j] += v * h[o + j];
          g1[w + j + 1] += v * h[o + j + 1];
          g1[w + j + 2] += v * h[o + j + 2];
          g1[w + j + 3] += v * h[o + j + 3];
        }
      }
    },
    finishGradient() {},
  };
}

type Fn = (...args: number[]) => unknown;
const isFn = (x: unknown): x is Fn => typeof x === "function";

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const bytes = decode(DEMO_KERNELS_BASE64);

/** Whether this runtime validates WebAssembly SIMD (the demo's kernels). */
export const wasmAvailable: boolean = typeof WebAssembly === "object" && WebAssembly.validate(bytes);

let compiled: WebAssembly.Module | undefined;
const PAGE = 65536;
const align = (n: number) => (n + 15) & ~15;

function wasmLayer(batch: number): FirstLayer {
  compiled ??= new WebAssembly.Module(bytes);
  const W = PIXELS * HIDDEN * 4, B = HIDDEN * 4, H = batch * HIDDEN * 4;
  const w1p = 0, b1p = w1p + W, g1p = b1p + B, hp = g1p + W;
  let top = align(hp + H);
  const memory = new WebAssembly.Memory({ initial: Math.ceil(top / PAGE) + 1 });
  const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
  const { hidden, outer } = exports;
  if (!isFn(hidden) || !isFn(outer)) throw new TypeError("demo kernels: missing exports");
  /** Where each data set's pixel indices and values were copied. */
  const placed = new Map<SparseImages, { idx: number; val: number }>();
  const place = (data: SparseImages) => {
    const at = placed.get(data);
    if (at) return at;
    const idx = top, val = align(idx + data.index.byteLength);
    top = align(val + data.value.byteLength);
    const need = Math.ceil(top / PAGE) - memory.buffer.byteLength / PAGE;
    if (need > 0) memory.grow(need);
    new Uint16Array(memory.buffer, idx, data.index.length).set(data.index);
    new Float32Array(memory.buffer, val, data.value.length).set(data.value);
    const p = { idx, val };
    placed.set(data, p);
    return p;
  };
  const view = (at: number, n: number) => new Float32Array(memory.buffer, at, n);
  return {
    kind: "wasm",
    hiddenRows: () => view(hp, batch * HIDDEN),
    load(w1, b1) {
      view(w1p, PIXELS * HIDDEN).set(w1);
      view(b1p, HIDDEN).set(b1);
    },
    hidden(data, r, e) {
      const p = place(data);
      hidden(w1p, b1p, p.idx, p.val, data.offsets[r], data.offsets[r + 1], hp + e * B);
    },
    startGradient() {
      view(g1p, PIXELS * HIDDEN).fill(0);
    },
    outer(data, r, e) {
      const p = place(data);
      outer(g1p, p.idx, p.val, data.offsets[r], data.offsets[r + 1], hp + e * B);
    },
    finishGradient(g1) {
      g1.set(view(g1p, PIXELS * HIDDEN));
    },
  };
}

/**
 * The first layer for batches of at most `batch` digits.
 *
 * @param batch The largest batch.
 * @param kind The kernel. @default "wasm" where WebAssembly SIMD validates, else "js"
 * @returns The layer.
 */
export function createFirstLayer(batch: number, kind: KernelKind = wasmAvailable ? "wasm" : "js"): FirstLayer {
  if (kind === "wasm" && !wasmAvailable) {
    throw new TypeError(`kernel: expected "js" here (no WebAssembly SIMD), got "wasm"`);
  }
  return kind === "wasm" ? wasmLayer(batch) : jsLayer(batch);
}
