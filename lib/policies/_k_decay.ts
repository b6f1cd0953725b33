/**
 * Internal: timm's k-decay (Zhang and Li, "k-decay: A New Method For Learning Rate
 * Schedule", 2020), the fraction of a cycle raised to `k`, in timm's own order of operations.
 *
 * @module
 */
import { pow } from "../_math/mod.ts";

/** Past this, `pi * a^k` could overflow: the powers are then taken of the quotient. */
const LARGE = Number.MAX_VALUE / 4;

/**
 * `a^k / b^k` for `0 <= a <= b` and `b >= 1`, as timm writes it (`t_curr ** k / t_i ** k`),
 * so that the digits match timm's; `a / b` itself when `k = 1` (exact, as Python's `x ** 1.0`
 * is). Where `b^k` would pass a quarter of the largest double (timm raises `OverflowError`
 * there), it is `(a / b)^k` instead: the same number to within rounding, and finite.
 *
 * @param a The iterations into the cycle (`t_curr`).
 * @param b The length of the cycle (`t_i`), at least 1.
 * @param k The k-decay exponent, finite and > 0.
 * @returns The fraction of the cycle after k-decay, in [0, 1].
 * @internal
 */
export function kFraction(a: number, b: number, k: number): number {
  if (k === 1) return a / b;
  const bk = pow(b, k);
  return bk <= LARGE ? pow(a, k) / bk : pow(a / b, k);
}

/**
 * `pi * a^k / b^k`, timm's argument of the cosine (`math.pi * t_curr ** k / t_i ** k`,
 * evaluated left to right: the product first), finite for every `0 <= a <= b`, `b >= 1`.
 *
 * @param a The iterations into the cycle.
 * @param b The length of the cycle, at least 1.
 * @param k The k-decay exponent, finite and > 0.
 * @returns The angle, in [0, pi].
 * @internal
 */
export function kAngle(a: number, b: number, k: number): number {
  if (k === 1) return (Math.PI * a) / b;
  const bk = pow(b, k);
  return bk <= LARGE ? (Math.PI * pow(a, k)) / bk : Math.PI * pow(a / b, k);
}
