// Comparison against a reference formula at 1e-12 relative, with a record of the errors seen
// (the tests assert; scripts read the tallies for the figures of a report).
import assert from "node:assert/strict";

/** How far `actual` is from `expected`: 0 when equal, else `|a - e| / max(|a|, |e|)`. */
export function relativeError(actual: number, expected: number): number {
  return actual === expected ? 0 : Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
}

/** What a run of comparisons saw. */
export interface Tally {
  /** Comparisons made. */
  steps: number;
  /** The worst relative error. */
  worst: number;
  /** Where it was. */
  where: string;
  /** Comparisons above 1e-12 relative, accepted as within an ulp of the cancelling scale. */
  cancelled: number;
  /** Their worst difference, as a fraction of the scale. */
  worstCancelled: number;
}

export function tally(): Tally {
  return { steps: 0, worst: 0, where: "", cancelled: 0, worstCancelled: 0 };
}

/**
 * Asserts that `actual` agrees with `expected` to 1e-12 relative. `scale` is the magnitude of
 * the terms the formula subtracts (the span of a decay): where they cancel (`1 + cos(x)` near
 * `x = pi`, `1 - p^q` near `p = 1`) the reference's own float64 value is only good to an ulp of
 * that scale (its `cos` or `pow` is within an ulp, not exact), so a difference of at most
 * 2^-52 * scale is accepted there and counted in `cancelled` (`worst` is over the others).
 */
export function agree(actual: number, expected: number, what: string, scale = 0, t?: Tally): void {
  const e = relativeError(actual, expected);
  const cancelled = e > 1e-12 && Math.abs(actual - expected) <= 2 ** -52 * scale;
  assert.ok(e <= 1e-12 || cancelled, `${what}: expected ${expected}, got ${actual} (relative error ${e})`);
  if (t === undefined) return;
  t.steps++;
  if (cancelled) {
    t.cancelled++;
    t.worstCancelled = Math.max(t.worstCancelled, Math.abs(actual - expected) / scale);
  } else if (e > t.worst) {
    t.worst = e;
    t.where = what;
  }
}

/** Prints a tally (comparisons, worst relative error, where) when CLR_ORACLE_REPORT is set, for a report's figures. */
export function report(name: string, t: Tally): void {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.CLR_ORACLE_REPORT) {
    console.error(
      `oracle ${name}: ${t.steps} steps, worst ${
        t.worst.toExponential(2)
      }, ${t.cancelled} at the cancellation floor (worst ${t.worstCancelled.toExponential(2)} of the scale); worst at ${
        t.where.slice(0, 160)
      }`,
    );
  }
}
