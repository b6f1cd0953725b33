// Seeded argument generators for the tests of lib/_math: a 32-bit PRNG (sfc32, integer
// operations only, so the same stream on every engine) and draws spread over a function's
// whole domain (uniform in bits, that is in exponent) plus the ranges the policies use.

import { piFixed } from "./_math_oracle.ts";

const view = new DataView(new ArrayBuffer(8));

/** The two 32-bit words of a double, high first. */
export function doubleWords(x: number): [number, number] {
  view.setFloat64(0, x, false);
  return [view.getUint32(0, false), view.getUint32(4, false)];
}

/** The double with these two 32-bit words. */
export function doubleOfWords(high: number, low: number): number {
  view.setUint32(0, high >>> 0, false);
  view.setUint32(4, low >>> 0, false);
  return view.getFloat64(0, false);
}

/** 2^k exactly, for an integer k in [-1074, 1023], from its bits. */
export function twoTo(k: number): number {
  if (k >= -1022) return doubleOfWords((k + 1023) * 0x100000, 0);
  if (k >= -1042) return doubleOfWords(1 << (k + 1042), 0);
  return doubleOfWords(0, (1 << (k + 1074)) >>> 0);
}

/** The next double toward +Infinity (x finite). */
export function nextUp(x: number): number {
  if (x === 0) return 5e-324;
  view.setFloat64(0, x, false);
  const high = view.getUint32(0, false);
  const low = view.getUint32(4, false);
  const step = x > 0 ? 1 : -1;
  const next = low + step;
  const carry = next > 0xffffffff ? 1 : next < 0 ? -1 : 0;
  return doubleOfWords(high + carry, next);
}

/** The next double toward -Infinity (x finite). */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** x and its `count` neighbours on each side. */
export function around(x: number, count = 2): number[] {
  const out = [x];
  let up = x;
  let down = x;
  for (let i = 0; i < count; i++) {
    up = nextUp(up);
    down = nextDown(down);
    out.push(up, down);
  }
  return out;
}

/** A source of random draws. */
export interface Draws {
  /** A uniform 32-bit unsigned integer. */
  readonly u32: () => number;
  /** A uniform double in [0, 1) with 53 random bits. */
  readonly unit: () => number;
  /** Uniform in [a, b). */
  readonly uniform: (a: number, b: number) => number;
  /** 2^e (1 + f) with e uniform in [lo, hi) and f uniform: spread evenly over the exponents. */
  readonly logUniform: (lo: number, hi: number) => number;
  /** A random sign times x. */
  readonly signed: (x: number) => number;
  /** Any finite double, uniform in its bits (so in its exponent). */
  readonly anyFinite: () => number;
  /** An integer uniform in [0, n). */
  readonly below: (n: number) => number;
}

/** sfc32 from a 32-bit seed. */
export function draws(seed: number): Draws {
  let a = seed >>> 0;
  let b = 0x9e3779b9;
  let c = 0x243f6a88;
  let d = 0xb7e15162;
  const u32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) u32();
  const unit = () => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * unit();
  const logUniform = (lo: number, hi: number) => twoTo(Math.floor(uniform(lo, hi))) * (1 + unit());
  const signed = (x: number) => (u32() & 1 ? -x : x);
  const anyFinite = () => {
    for (;;) {
      const x = doubleOfWords(u32(), u32());
      if (Number.isFinite(x)) return x;
    }
  };
  const below = (n: number) => Math.floor(unit() * n);
  return { u32, unit, uniform, logUniform, signed, anyFinite, below };
}

/** One of several generators, picked with the given weights. */
export function mixture(d: Draws, parts: readonly (readonly [number, () => number[]])[]): () => number[] {
  const total = parts.reduce((sum, [w]) => sum + w, 0);
  return () => {
    let pick = d.unit() * total;
    for (const [w, g] of parts) {
      if (pick < w) return g();
      pick -= w;
    }
    return parts[parts.length - 1][1]();
  };
}

/** The double nearest k pi/2, from the oracle's pi. */
export function nearestHalfPiMultiple(k: number): number {
  return Number(piFixed(199) * BigInt(k)) / 2 ** 200;
}

const MIN = Number.MIN_VALUE;
const one = (g: () => number) => () => [g()];

/**
 * For each function, a generator of random argument lists: a mixture over the whole domain
 * (uniform in bits or exponent) and the ranges the policies use. Only exact operations pick
 * the arguments (no Math.* transcendental), so the stream is the same on every engine.
 */
export const RANDOM_ARGUMENTS: Readonly<Record<string, (d: Draws) => () => number[]>> = {
  cos: (d) =>
    mixture(d, [
      [3, one(d.anyFinite)],
      [2, one(() => d.uniform(-10, 10))],
      [2, one(() => Math.PI * d.unit())], // cos(pi p), as the policies compute it
      [1, one(() => d.signed(d.logUniform(-30, 0)))],
      [1, one(() => nearestHalfPiMultiple(1 + d.below(2 ** 20)) * (1 + d.uniform(-1e-15, 1e-15)))],
      [1, one(() => d.signed(d.logUniform(10, 75)))],
    ]),
  sin: (d) =>
    mixture(d, [
      [3, one(d.anyFinite)],
      [2, one(() => d.uniform(-10, 10))],
      [2, one(() => 2 * Math.PI * d.unit())],
      [1, one(() => d.signed(d.logUniform(-30, 0)))],
      [1, one(() => nearestHalfPiMultiple(1 + d.below(2 ** 20)) * (1 + d.uniform(-1e-15, 1e-15)))],
      [1, one(() => d.signed(d.logUniform(10, 75)))],
    ]),
  exp: (d) =>
    mixture(d, [
      [4, one(() => d.uniform(-745.2, 709.8))],
      [2, one(() => d.uniform(-1, 1))],
      [1, one(() => d.signed(d.logUniform(-60, 0)))],
      [1, one(d.anyFinite)],
      [1, one(() => d.uniform(700, 709.8))],
      [1, one(() => d.uniform(-745.2, -700))], // subnormal results
    ]),
  expm1: (d) =>
    mixture(d, [
      [3, one(() => d.uniform(-40, 709.8))],
      [3, one(() => d.signed(d.logUniform(-60, 3)))],
      [2, one(() => d.uniform(-1, 1))],
      [1, one(d.anyFinite)],
      [1, one(() => d.uniform(-0.01, 0.01))],
    ]),
  log: (d) =>
    mixture(d, [
      [4, one(() => Math.abs(d.anyFinite()) || MIN)],
      [2, one(() => d.uniform(0.5, 2))],
      [2, one(() => 1 + d.signed(d.logUniform(-53, -5)))],
      [1, one(() => d.logUniform(-1074, -1022))],
      [1, one(() => d.uniform(0, 1e6) || MIN)],
    ]),
  log1p: (d) =>
    mixture(d, [
      [3, one(() => Math.abs(d.anyFinite()))],
      [3, one(() => d.signed(d.logUniform(-60, -1)))],
      [2, one(() => d.uniform(-1, 1) || 0.5)],
      [1, one(() => d.uniform(-1, -0.5) || -0.75)],
      [1, one(() => d.uniform(1, 1e10))],
    ]),
  tanh: (d) =>
    mixture(d, [
      [4, one(() => d.uniform(-20, 20))],
      [2, one(() => d.signed(d.logUniform(-40, 4)))],
      [2, one(() => d.uniform(-6, 6))], // timm's tanh schedule
      [1, one(d.anyFinite)],
      [1, one(() => d.signed(d.logUniform(-60, -20)))],
    ]),
  pow: (d) =>
    mixture(d, [
      // exp_range: gamma in (0, 1], mostly near 1, t an integer up to 2^53
      [3, () => [1 - d.logUniform(-53, -1), Math.floor(d.logUniform(0, 53))]],
      [1, () => [d.unit() || 0.5, Math.floor(d.logUniform(0, 20))]],
      [2, () => [d.uniform(0, 10) || 1.5, d.uniform(-50, 50)]],
      // any base, an exponent that keeps |y log x| near the finite range
      [2, () => {
        const x = Math.abs(d.anyFinite()) || MIN;
        const e = Math.log2(x); // only picks the argument
        return [x, d.uniform(-1.05, 1.05) * (1075 / (Math.abs(e) + 0.5))];
      }],
      [1, () => [-d.uniform(0.1, 10), d.below(601) - 300]], // negative base, integer exponent
      [1, () => [1 + d.signed(d.logUniform(-53, -10)), d.signed(d.logUniform(0, 60))]],
      [1, () => [d.unit(), d.uniform(0.5, 4)]], // polynomial decay, k-decay: (1 - t/T)^p
      [1, () => [d.uniform(1, 1e4), d.uniform(-1, 1)]], // inverse square root and friends
    ]),
};
