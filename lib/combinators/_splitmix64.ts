/**
 * Internal: the noise generator of the `noise` combinator, exactly as the config spec
 * defines it: SplitMix64 (Steele, Lea and Flood 2014) started from
 * `s = (seed + t * 0xD1B54A32D192ED03) mod 2^64`, one stream per step `t`, so that the noise
 * of a step is a pure function of `(seed, t)`. The 64-bit arithmetic is done on two 32-bit
 * halves held in doubles (every intermediate value is an integer below 2^53, so each
 * operation is exact and the same on every engine), which is faster than BigInt.
 *
 * @module
 */
import { cos, log, sin } from "../_math/mod.ts";

const TWO_32 = 4294967296;
const TWO_MINUS_53 = 1 / 9007199254740992;

// The constants of the spec, as high and low 32-bit halves.
const GOLDEN_HI = 0x9e3779b9, GOLDEN_LO = 0x7f4a7c15; // 0x9E3779B97F4A7C15, the increment
const STREAM_HI = 0xd1b54a32, STREAM_LO = 0xd192ed03; // 0xD1B54A32D192ED03, the step's stream
const MIX1_HI = 0xbf58476d, MIX1_LO = 0x1ce4e5b9; // 0xBF58476D1CE4E5B9
const MIX2_HI = 0x94d049bb, MIX2_LO = 0x133111eb; // 0x94D049BB133111EB

/** A 64-bit word as its halves; the functions below write their result into `out`. */
interface Word {
  hi: number;
  lo: number;
}

/** `out = (a * b) mod 2^64`, from the 32-bit halves of `a` and `b`. */
function multiply(ah: number, al: number, bh: number, bl: number, out: Word): void {
  // al * bl in full through 16-bit halves (each partial product is below 2^32, exact).
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const mid = a0 * b1 + a1 * b0; // < 2^33
  const low = a0 * b0 + (mid % 65536) * 65536; // < 2^33
  const high = a1 * b1 + Math.floor(mid / 65536) + Math.floor(low / TWO_32); // < 2^32 + 2^18
  out.lo = low >>> 0;
  // The cross terms only reach the high half, where only their low 32 bits count.
  out.hi = (high + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** `out = (a + b) mod 2^64`. */
function add(ah: number, al: number, bh: number, bl: number, out: Word): void {
  const low = al + bl;
  out.lo = low >>> 0;
  out.hi = (ah + bh + (low >= TWO_32 ? 1 : 0)) >>> 0;
}

/** `w = w ^ (w >> k)` for 0 < k < 32. */
function xorShift(w: Word, k: number): void {
  const hi = w.hi;
  w.lo = (w.lo ^ ((w.lo >>> k) | (hi << (32 - k)))) >>> 0;
  w.hi = (hi ^ (hi >>> k)) >>> 0;
}

/**
 * The uniform draws of step `t`: each call advances the state and gives
 * `u = (z >> 11) * 2^-53` in [0, 1), with `z` SplitMix64's mix of the state.
 *
 * @param seed A non-negative safe integer.
 * @param t The step, a non-negative safe integer.
 * @returns The draws, one per call.
 */
export function uniformDraws(seed: number, t: number): () => number {
  const state: Word = { hi: 0, lo: 0 };
  multiply(Math.floor(t / TWO_32), t % TWO_32, STREAM_HI, STREAM_LO, state);
  add(state.hi, state.lo, Math.floor(seed / TWO_32), seed % TWO_32, state);
  const z: Word = { hi: 0, lo: 0 };
  return () => {
    add(state.hi, state.lo, GOLDEN_HI, GOLDEN_LO, state);
    z.hi = state.hi;
    z.lo = state.lo;
    xorShift(z, 30);
    multiply(z.hi, z.lo, MIX1_HI, MIX1_LO, z);
    xorShift(z, 27);
    multiply(z.hi, z.lo, MIX2_HI, MIX2_LO, z);
    xorShift(z, 31);
    // z >> 11: the top 53 bits, z.hi * 2^21 + (z.lo >>> 11), below 2^53 and exact.
    return (z.hi * 2097152 + (z.lo >>> 11)) * TWO_MINUS_53;
  };
}

/** The kinds of noise: a truncated standard normal, or a uniform. */
export type NoiseType = "normal" | "uniform";

/**
 * The relative noise `ε` of step `t`, as the spec defines it. `uniform`:
 * `ε = 2 * (u1 - 0.5) * pct`, in [-pct, pct). `normal`: Box–Muller on pairs `(u1, u2)`,
 * `ρ = sqrt(-2 * ln(1 - u1))`, `θ = 2 * pi * u2`, candidates `ρ * cos(θ)` then `ρ * sin(θ)`,
 * then the next pair; `ε` is the first candidate with `|candidate| < pct` (a standard normal
 * truncated to (-pct, pct), as timm's rejection loop).
 *
 * @param seed A non-negative safe integer.
 * @param t The step, a non-negative safe integer.
 * @param pct The bound, finite and > 0 (for `normal`, not so small that the loop runs long).
 * @param type The kind of noise.
 * @returns `ε`, with `|ε| < pct` (`normal`) or `-pct <= ε < pct` (`uniform`).
 */
export function noiseEpsilon(seed: number, t: number, pct: number, type: NoiseType): number {
  const next = uniformDraws(seed, t);
  if (type === "uniform") return 2 * (next() - 0.5) * pct;
  for (;;) {
    const u1 = next(), u2 = next();
    const rho = Math.sqrt(-2 * log(1 - u1));
    const theta = 2 * Math.PI * u2;
    const first = rho * cos(theta);
    if (Math.abs(first) < pct) return first;
    const second = rho * sin(theta);
    if (Math.abs(second) < pct) return second;
  }
}
