// A high-precision oracle for the deterministic elementary functions of lib/_math, written
// with BigInt arithmetic only: nothing here calls Math.* or anything in lib/. Every value is
// an exact dyadic rational n / 2^s; each function returns one whose relative error is far
// below 2^-100, so the error of a double result in ulps is known to ~2^-40 ulp.
//
// The algorithms are deliberately different from the library's (no tables shared, other
// reductions, plain Taylor and atanh series), and pi and ln 2 come from their own series,
// checked against published digits by test/math_constants_test.ts.

/** The exact value n * 2^-s. */
export interface Dyadic {
  readonly n: bigint;
  readonly s: number;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double, read from its bits. */
export function exactOf(x: number): Dyadic {
  view.setFloat64(0, x, false);
  const hi = view.getUint32(0, false);
  const lo = view.getUint32(4, false);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) m |= 1n << 52n;
  return { n: hi >>> 31 ? -m : m, s: 1075 - Math.max(biased, 1) };
}

/** The number of bits of |n| (0 for 0). */
export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return 4 * (hex.length - 1) + (parseInt(hex[0], 16).toString(2).length);
}

/** n * 2^k, rounding toward minus infinity when k < 0. */
function shift(n: bigint, k: number): bigint {
  return k >= 0 ? n << BigInt(k) : n >> BigInt(-k);
}

/** The value of d as a fixed-point integer with `bits` fractional bits (floor). */
export function toFixed(d: Dyadic, bits: number): bigint {
  return shift(d.n, bits - d.s);
}

/** d + c exactly, for an integer c. */
function plusInteger(d: Dyadic, c: bigint): Dyadic {
  return d.s >= 0 ? { n: d.n + (c << BigInt(d.s)), s: d.s } : { n: (d.n << BigInt(-d.s)) + c, s: 0 };
}

/** round(a / b) for b > 0. */
function roundDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a - q * b;
  if (2n * r >= b) return q + 1n;
  if (2n * r < -b) return q - 1n;
  return q;
}

// ---- constants --------------------------------------------------------------------------

const CONST_BITS = 1600;

/** atan(1 / q) * 2^bits by its Taylor series (q >= 2). */
function atanInverse(q: bigint, bits: number): bigint {
  const q2 = q * q;
  let power = (1n << BigInt(bits)) / q; // 2^bits / q^(2k+1)
  let sum = 0n;
  for (let k = 0n; power !== 0n; k++) {
    const term = power / (2n * k + 1n);
    sum += k % 2n === 0n ? term : -term;
    power /= q2;
  }
  return sum;
}

/** atanh(1 / q) * 2^bits by its Taylor series (q >= 2). */
function atanhInverse(q: bigint, bits: number): bigint {
  const q2 = q * q;
  let power = (1n << BigInt(bits)) / q;
  let sum = 0n;
  for (let k = 0n; power !== 0n; k++) {
    sum += power / (2n * k + 1n);
    power /= q2;
  }
  return sum;
}

// Takano's formula, pi/4 = 12 atan(1/49) + 32 atan(1/57) - 5 atan(1/239) + 12 atan(1/110443),
// with 32 guard bits against the truncations of the four series.
const PI_FIXED = (12n * atanInverse(49n, CONST_BITS + 32) + 32n * atanInverse(57n, CONST_BITS + 32) -
  5n * atanInverse(239n, CONST_BITS + 32) + 12n * atanInverse(110443n, CONST_BITS + 32)) >> 30n;
// ln 2 = 2 atanh(1/3).
const LN2_FIXED = (2n * atanhInverse(3n, CONST_BITS + 32)) >> 32n;

/** pi * 2^bits (floor), bits <= 1600. */
export function piFixed(bits: number): bigint {
  return PI_FIXED >> BigInt(CONST_BITS - bits);
}

/** ln 2 * 2^bits (floor), bits <= 1600. */
export function ln2Fixed(bits: number): bigint {
  return LN2_FIXED >> BigInt(CONST_BITS - bits);
}

// ---- exp ---------------------------------------------------------------------------------

/** e^x for |x| <= 2048 with relative error below 2^-(bits - 8). */
export function expOf(x: Dyadic, bits = 160): Dyadic {
  // x = k ln 2 + r with |r| <= ln2 / 2, then e^r = (e^(r / 256))^256 with a short series.
  const p = bits + 24;
  const X = toFixed(x, p);
  const L = ln2Fixed(p);
  const k = roundDiv(X, L);
  const r = X - k * L; // r / 2^p, error below 2^(11 - p)
  const q = p + 8; // read r at scale q: r / 2^q is the value / 256, exactly
  const one = 1n << BigInt(q);
  let term = one;
  let sum = one;
  for (let i = 1n; term !== 0n; i++) {
    term = ((term * r) >> BigInt(q)) / i;
    sum += term;
  }
  for (let i = 0; i < 8; i++) sum = (sum * sum) >> BigInt(q);
  return { n: sum, s: q - Number(k) };
}

/** e^x - 1 with relative error below 2^-120 (x finite); beyond +-1200 a marker value. */
export function expm1Of(x: number): Dyadic {
  const d = exactOf(x);
  if (d.n === 0n) return d;
  if (x > 1200) return { n: 1n, s: -1200 };
  if (x < -1200) return { n: -1n, s: 0 };
  if (Math.abs(x) < 2 ** -60) {
    // x + x^2 / 2, exactly; the next term is x^3 / 6, relatively below 2^-120.
    return { n: d.n * (1n << BigInt(d.s + 1)) + d.n * d.n, s: 2 * d.s + 1 };
  }
  return plusInteger(expOf(d, 220), -1n); // |e^x - 1| > 2^-61: 2^-200 absolute is enough
}

/** e^x with relative error below 2^-150; beyond +-1200 a marker value (CR is Infinity or 0). */
export function expOfNumber(x: number): Dyadic {
  if (x > 1200) return { n: 1n, s: -1200 };
  if (x < -1200) return { n: 1n, s: 1200 };
  return expOf(exactOf(x), 160);
}

// ---- log ---------------------------------------------------------------------------------

const LOG_TABLE_BITS = 300;
/** log(1 + i/32) * 2^300 for i = 0..32, each as 2 atanh(i / (64 + i)). */
const LOG_TABLE: bigint[] = Array.from({ length: 33 }, (_, i) => {
  if (i === 0) return 0n;
  const bits = LOG_TABLE_BITS + 32;
  const num = BigInt(i);
  const den = BigInt(64 + i);
  // atanh(a/b) = sum (a/b)^(2k+1) / (2k+1)
  let power = (num << BigInt(bits)) / den;
  const r2n = num * num;
  const r2d = den * den;
  let sum = 0n;
  for (let k = 0n; power !== 0n; k++) {
    sum += power / (2n * k + 1n);
    power = (power * r2n) / r2d;
  }
  return (2n * sum) >> 32n;
});

/** log(v) for v > 0, as a fixed-point integer with `bits` fractional bits (error < 2^(3 - bits)). */
export function logFixed(v: Dyadic, bits: number): bigint {
  if (v.n <= 0n) throw new RangeError("logFixed: expected a positive value");
  const e = bitLength(v.n) - 1 - v.s; // 2^e <= v < 2^(e+1)
  const p = bits + 16;
  const one = 1n << BigInt(p);
  const m = shift(v.n, p - v.s - e); // v / 2^e in [1, 2), scale p
  const i = Number(roundDiv((m - one) * 32n, one)); // nearest 1 + i/32
  const c = one + (BigInt(i) << BigInt(p - 5));
  const s = ((m - c) << BigInt(p)) / (m + c); // |s| <= 1/129
  const s2 = (s * s) >> BigInt(p);
  let power = s;
  let sum = 0n;
  for (let k = 0n; power !== 0n; k++) {
    sum += power / (2n * k + 1n);
    power = (power * s2) / one; // truncates toward 0, so that a negative s ends too
  }
  const total = BigInt(e) * ln2Fixed(p) + shift(LOG_TABLE[i], p - LOG_TABLE_BITS) + 2n * sum;
  return total >> 16n;
}

/** log(x) for a finite x > 0, relative error below 2^-140. */
export function logOf(x: number): Dyadic {
  return { n: logFixed(exactOf(x), 200), s: 200 };
}

/** log(1 + x) for a finite x > -1, relative error below 2^-100. */
export function log1pOf(x: number): Dyadic {
  const d = exactOf(x);
  if (d.n === 0n) return d;
  if (Math.abs(x) < 2 ** -100) {
    // x - x^2 / 2, exactly; the next term is relatively below 2^-200.
    return { n: d.n * (1n << BigInt(d.s + 1)) - d.n * d.n, s: 2 * d.s + 1 };
  }
  return { n: logFixed(plusInteger(d, 1n), 220), s: 220 };
}

// ---- pow ---------------------------------------------------------------------------------

/** x^y for finite x > 0 and finite y, relative error below 2^-150; beyond 2^+-1700 a marker. */
export function powOf(x: number, y: number): Dyadic {
  const ly = exactOf(y);
  const L = logFixed(exactOf(x), 240);
  const t: Dyadic = { n: ly.n * L, s: ly.s + 240 }; // y log x, absolute error |y| 2^-237
  const whole = toFixed(t, 0);
  if (whole > 1200n) return { n: 1n, s: -1700 };
  if (whole < -1200n) return { n: 1n, s: 1700 };
  return expOf(t, 180);
}

// ---- sin, cos ----------------------------------------------------------------------------

/** sin or cos of a finite double, relative error below 2^-140. */
export function trigOf(x: number, which: "sin" | "cos"): Dyadic {
  const d = exactOf(x);
  if (d.n === 0n) return which === "cos" ? { n: 1n, s: 0 } : d;
  const w = 200;
  let r: Dyadic = d;
  let quadrant = 0;
  const magnitude = bitLength(d.n) - d.s; // |x| < 2^magnitude
  if (magnitude >= 0) {
    // x = k pi/2 + r with pi/2 to magnitude + w + 64 bits: the product k pi/2 is then good to 2^-(w+64).
    const p = magnitude + w + 64;
    const halfPi = piFixed(p - 1); // pi/2 at scale p is pi at scale p - 1
    const X = shift(d.n, p - d.s);
    const k = roundDiv(X, halfPi);
    r = { n: X - k * halfPi, s: p };
    quadrant = Number(((k % 4n) + 4n) % 4n);
  }
  const useSin = (which === "sin") === (quadrant % 2 === 0);
  const negate = which === "sin" ? quadrant >= 2 : quadrant === 1 || quadrant === 2;
  // Series in r^2 at scale w: sin r = r (1 - r^2/3! + ...), cos r = 1 - r^2/2! + ...
  const r2 = shift(r.n * r.n, w - 2 * r.s);
  const one = 1n << BigInt(w);
  let term = one;
  let sum = one;
  for (let k = 1n; term !== 0n; k++) {
    const a = useSin ? 2n * k : 2n * k - 1n;
    term = -((term * r2) >> BigInt(w)) / (a * (a + 1n));
    sum += term;
  }
  const value: Dyadic = useSin ? { n: r.n * sum, s: r.s + w } : { n: sum, s: w };
  return negate ? { n: -value.n, s: value.s } : value;
}

// ---- tanh --------------------------------------------------------------------------------

/** tanh of a finite double, relative error below 2^-120. */
export function tanhOf(x: number): Dyadic {
  const d = exactOf(x);
  if (d.n === 0n) return d;
  if (x > 400) return { n: 1n, s: 0 }; // 1 - tanh x < 2^-1150: far below any ulp of 1
  if (x < -400) return { n: -1n, s: 0 };
  if (Math.abs(x) < 2 ** -20) {
    // x - x^3/3 + 2x^5/15 - 17x^7/315: the next term, 62x^9/2835, is relatively below 2^-160.
    const w = 240;
    const x2 = shift(d.n * d.n, w - 2 * d.s);
    const one = 1n << BigInt(w);
    const x4 = (x2 * x2) >> BigInt(w);
    const x6 = (x4 * x2) >> BigInt(w);
    const series = one - x2 / 3n + (2n * x4) / 15n - (17n * x6) / 315n;
    return { n: d.n * series, s: d.s + w };
  }
  // tanh x = (e^2x - 1) / (e^2x + 1), with e^2x to 2^-200 relative: |tanh x| > 2^-21.
  const e = expOf({ n: d.n, s: d.s - 1 }, 230);
  const num = plusInteger(e, -1n);
  const den = plusInteger(e, 1n); // same scale as num
  const w = 220;
  return { n: (num.n << BigInt(w)) / den.n, s: w };
}

// ---- error in ulps -----------------------------------------------------------------------

const TWO_1024_MINUS_HALF_ULP: Dyadic = { n: (1n << 54n) - 1n, s: -970 }; // 2^1024 - 2^970

function compare(a: Dyadic, b: Dyadic): number {
  const s = Math.max(a.s, b.s);
  const x = a.n << BigInt(s - a.s);
  const y = b.n << BigInt(s - b.s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * |y - v| in units of the last place of the binade of v (2^-1074 below 2^-1022), as a Number
 * good to 2^-32. Infinity if y is NaN, or infinite while v does not round to that infinity,
 * or finite while v rounds to infinity. An exact zero v needs y = 0.
 */
export function ulpError(y: number, v: Dyadic): number {
  if (v.n === 0n) return y === 0 ? 0 : Infinity;
  const abs: Dyadic = { n: v.n < 0n ? -v.n : v.n, s: v.s };
  const overflows = compare(abs, TWO_1024_MINUS_HALF_ULP) >= 0;
  if (y !== y) return Infinity;
  if (y === Infinity || y === -Infinity) return overflows && (y > 0) === (v.n > 0n) ? 0 : Infinity;
  if (overflows) return Infinity;
  const e = bitLength(abs.n) - 1 - abs.s;
  const ulpExponent = Math.min(Math.max(e, -1022), 1023) - 52;
  const ey = exactOf(y);
  const s = Math.max(ey.s, v.s);
  let diff = (ey.n << BigInt(s - ey.s)) - (v.n << BigInt(s - v.s));
  if (diff < 0n) diff = -diff;
  return Number(shift(diff, 32 - s - ulpExponent)) / 2 ** 32;
}
