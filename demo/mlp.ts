/**
 * The demo's model: a 784-128-10 multilayer perceptron with ReLU and softmax cross-entropy,
 * forward and backward by hand on `Float32Array`s. This is demo code, not library API.
 *
 * Parameters come as the optimizer adapter's tensors, two groups:
 * `[[w1, w2], [b1, b2]]`, weights then biases, with `w1[p * 128 + j]` (input pixel `p` to
 * hidden unit `j`) and `w2[j * 10 + c]`. Rows of `w1` are per input pixel, so a digit's
 * non-zero pixels (about 19 % of them) each add one contiguous row of 128 weights: the
 * first layer's forward pass and its weight gradient skip the zeros entirely, which is
 * where almost all the work is (demo/first_layer.ts, WebAssembly SIMD by default). The
 * second layer and the softmax are small and stay in TypeScript.
 *
 * @module
 */
import type { Tensors } from "../optim.ts";
import { createFirstLayer, HIDDEN, type KernelKind } from "./first_layer.ts";
import { PIXELS, type SparseImages } from "./mnist.ts";
import { gaussian, type Rng } from "./prng.ts";

export { HIDDEN } from "./first_layer.ts";
/** Classes. */
export const CLASSES = 10;

/**
 * Fresh parameters: He-normal `w1` (std sqrt(2 / 784)), Glorot-normal `w2`
 * (std sqrt(2 / (128 + 10))), zero biases.
 *
 * @param rng The generator.
 * @returns `[[w1, w2], [b1, b2]]`.
 */
export function initParams(rng: Rng): Float32Array[][] {
  const normal = gaussian(rng);
  const w1 = new Float32Array(PIXELS * HIDDEN), w2 = new Float32Array(HIDDEN * CLASSES);
  const s1 = Math.sqrt(2 / PIXELS), s2 = Math.sqrt(2 / (HIDDEN + CLASSES));
  for (let i = 0; i < w1.length; i++) w1[i] = normal() * s1;
  for (let i = 0; i < w2.length; i++) w2[i] = normal() * s2;
  return [[w1, w2], [new Float32Array(HIDDEN), new Float32Array(CLASSES)]];
}

/** The model's two passes, with their scratch memory allocated once. */
export interface Mlp {
  /** The first layer's kernel. */
  readonly kernel: KernelKind;
  /**
   * Forward and backward over the batch `rows[from … from + size - 1]` of `data`: writes the
   * gradient of the mean cross-entropy into `grads` (same layout as the parameters).
   * @returns The batch's mean cross-entropy (NaN or Infinity when the model has diverged).
   */
  gradient(params: Tensors, grads: Tensors, data: SparseImages, rows: Uint32Array, from: number, size: number): number;
  /** The share of `data` classified correctly. */
  accuracy(params: Tensors, data: SparseImages): number;
}

/**
 * The model's passes for batches of at most `batch` digits.
 *
 * @param batch The largest batch.
 * @param kernel The first layer's kernel. @default WebAssembly SIMD where available
 * @returns The passes.
 */
export function createMlp(batch: number, kernel?: KernelKind): Mlp {
  const layer = createFirstLayer(batch, kernel);
  const z = new Float64Array(CLASSES);
  const dz = new Float32Array(batch * CLASSES);

  /** z = b2 + h · w2, skipping the zero hidden units. */
  const logits = (w2: Float32Array, b2: Float32Array, hs: Float32Array, o: number) => {
    for (let c = 0; c < CLASSES; c++) z[c] = b2[c];
    for (let j = 0; j < HIDDEN; j++) {
      const a = hs[o + j];
      if (a === 0) continue;
      const w = j * CLASSES;
      for (let c = 0; c < CLASSES; c++) z[c] += a * w2[w + c];
    }
  };

  return {
    kernel: layer.kind,
    gradient(params, grads, data, rows, from, size) {
      const [w1, w2] = params[0], [b1, b2] = params[1];
      const [g1, g2] = grads[0], [gb1, gb2] = grads[1];
      layer.load(w1, b1);
      for (let e = 0; e < size; e++) layer.hidden(data, rows[from + e], e);
      const h = layer.hiddenRows();
      let loss = 0;
      const inv = 1 / size;
      for (let e = 0; e < size; e++) {
        const r = rows[from + e];
        logits(w2, b2, h, e * HIDDEN);
        let m = -Infinity;
        for (let c = 0; c < CLASSES; c++) if (z[c] > m) m = z[c];
        let sum = 0;
        for (let c = 0; c < CLASSES; c++) sum += z[c] = Math.exp(z[c] - m);
        const y = data.labels[r];
        loss -= Math.log(z[y] / sum);
        for (let c = 0; c < CLASSES; c++) dz[e * CLASSES + c] = (z[c] / sum - (c === y ? 1 : 0)) * inv;
      }
      // Second layer: g2 = hᵀ dz, gb2 = sum dz; dh = (dz w2ᵀ) ⊙ [h > 0] replaces h in place.
      g2.fill(0);
      gb2.fill(0);
      gb1.fill(0);
      for (let e = 0; e < size; e++) {
        const o = e * HIDDEN, d = e * CLASSES;
        for (let c = 0; c < CLASSES; c++) gb2[c] += dz[d + c];
        for (let j = 0; j < HIDDEN; j++) {
          const a = h[o + j];
          if (a === 0) continue;
          const w = j * CLASSES;
          let back = 0;
          for (let c = 0; c < CLASSES; c++) {
            g2[w + c] += a * dz[d + c];
            back += w2[w + c] * dz[d + c];
          }
          h[o + j] = back;
          gb1[j] += back;
        }
      }
      // First layer: each non-zero pixel's row of g1 gets value * dh.
      layer.startGradient(g1);
      for (let e = 0; e < size; e++) layer.outer(data, rows[from + e], e);
      layer.finishGradient(g1);
      return loss * inv;
    },

    accuracy(params, data) {
      const [w1, w2] = params[0], [b1, b2] = params[1];
      layer.load(w1, b1);
      let right = 0;
      for (let r = 0; r < data.count; r++) {
        layer.hidden(data, r, 0);
        logits(w2, b2, layer.hiddenRows(), 0);
        let best = 0;
        for (let c = 1; c < CLASSES; c++) if (z[c] > z[best]) best = c;
        if (best === data.labels[r] && Number.isFinite(z[best])) right++;
      }
      return right / data.count;
    },
  };
}
