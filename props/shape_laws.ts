// Laws of phased schedules (warm-ups, stable phases, decays, cooldowns), each a plain function
// that throws a LawError naming t and both values; the tolerance is part of the law:
// 1e-12 relative plus 1e-14 of the schedule's scale, plus 1e-300 (subnormals).
import { LawError, type Schedule } from "../mod.ts";

/** Whether `a` and `b` agree to 1e-12 relative, 1e-14 of `scale` and 1e-300. */
export function near(a: number, b: number, scale: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)) + 1e-14 * Math.abs(scale) + 1e-300;
}

/** `s(t)[g]` is `want[g]` for every group, to the tolerance of `scale[g]`. */
export function valueAt(s: Schedule, t: number, want: readonly number[], scale: readonly number[], law: string): void {
  s(t).forEach((v, g) => {
    if (!near(v, want[g], scale[g])) throw new LawError(law, [t], `(group ${g}) expected ${want[g]}, got ${v}`);
  });
}

/** `s(t + 1) >= s(t)` (direction 1) or `<=` (direction -1), per group, to the tolerance. */
export function monotone(s: Schedule, t: number, direction: 1 | -1, scale: readonly number[], law: string): void {
  const a = s(t), b = s(t + 1);
  a.forEach((v, g) => {
    if (direction * (b[g] - v) < 0 && !near(v, b[g], scale[g])) {
      throw new LawError(
        law,
        [t, t + 1],
        `(group ${g}) expected ${direction > 0 ? "no fall" : "no rise"}, got ${v} then ${b[g]}`,
      );
    }
  });
}

/** `s(t)[g]` lies between `lo[g]` and `hi[g]` (in either order), to the tolerance. */
export function between(s: Schedule, t: number, lo: readonly number[], hi: readonly number[], law: string): void {
  s(t).forEach((v, g) => {
    const a = Math.min(lo[g], hi[g]), b = Math.max(lo[g], hi[g]);
    if ((v < a && !near(v, a, b)) || (v > b && !near(v, b, b))) {
      throw new LawError(law, [t], `(group ${g}) expected a value in [${a}, ${b}], got ${v}`);
    }
  });
}

/**
 * Continuity at a seam `b` of a discrete schedule: the step from `b - 1` to `b` is no larger
 * than `bound[g]`, the largest step of the phase that ends at `b` (its span times the
 * largest step of its shape), to the tolerance.
 */
export function seamStep(s: Schedule, b: number, bound: readonly number[], law: string): void {
  const before = s(b - 1), at = s(b);
  at.forEach((v, g) => {
    const step = Math.abs(v - before[g]);
    if (step > bound[g] && !near(step, bound[g], Math.max(Math.abs(v), Math.abs(before[g])))) {
      throw new LawError(
        law,
        [b - 1, b],
        `(group ${g}) expected a step of at most ${bound[g]}, got ${before[g]} then ${v}`,
      );
    }
  });
}

/**
 * The largest step of a warm-up shape over `n` steps, as a fraction of its span: linear
 * `1/n`; cosine `pi/(2n)` (its slope is at most pi/2); 1-sqrt `sqrt(1/n)` (its last step),
 * plus, for 1-sqrt, the rounding of `p = (n - 1) / n` (an ulp) through `sqrt(1 - p)`, whose
 * slope there is `sqrt(n) / 2`.
 */
export function warmupStepBound(shape: "linear" | "cosine" | "1-sqrt", n: number): number {
  return shape === "linear"
    ? 1 / n
    : shape === "cosine"
    ? Math.PI / (2 * n)
    : Math.sqrt(1 / n) + 2 ** -52 * Math.sqrt(n);
}

/**
 * The largest step of a decay shape over `n` steps, as a fraction of its span: linear `1/n`;
 * cosine `pi * numCycles / n` (slope at most pi * numCycles); 1-sqrt `sqrt(1/n)` (its first
 * step); power `q/n` for `q >= 1`, `(1/n)^q` below (its first step), plus the rounding of
 * `p` (an ulp) through `p^q`, whose slope at the end is `q` (seed -955391521: q = 43, n = 1.4e9).
 */
export function decayStepBound(
  shape: "linear" | "cosine" | "1-sqrt" | "power",
  n: number,
  numCycles: number,
  q: number,
): number {
  if (shape === "linear") return 1 / n;
  if (shape === "cosine") return (Math.PI * numCycles) / n;
  if (shape === "1-sqrt") return Math.sqrt(1 / n);
  return (q >= 1 ? q / n : (1 / n) ** q) + 2 ** -52 * q;
}
