/**
 * Internal: the shapes of a warm-up and of a cooldown (HF `get_wsd_schedule`'s
 * `warmup_type` and `decay_type`, timm's `1 - p^q`), as factors of the progress `p` in
 * [0, 1]. A warm-up factor goes from 0 at `p = 0` to 1 at `p = 1`; a decay factor from 1 to
 * 0 (cosine with `numCycles = 0.5`). Shared by `wsd` and `cooldown`, so that both compute
 * the same bits from the same progress.
 *
 * @module
 */
import { cos, pow } from "../_math/mod.ts";

/**
 * A warm-up shape (HF's `warmup_type`): `linear`, `cosine` or `1-sqrt`.
 *
 * @example
 * ```ts
 * import type { WarmupShape } from "cyclical-lr";
 * const shape: WarmupShape = "1-sqrt";
 * ```
 */
export type WarmupShape = "linear" | "cosine" | "1-sqrt";

/** The warm-up shapes, in the order errors list them. */
export const WARMUP_SHAPES: readonly WarmupShape[] = ["linear", "cosine", "1-sqrt"];

/**
 * A decay shape (HF's `decay_type`, and timm's `power`, `1 - p^q`): `linear`, `cosine`,
 * `1-sqrt` or `power`.
 *
 * @example
 * ```ts
 * import type { DecayShape } from "cyclical-lr";
 * const shape: DecayShape = "1-sqrt";
 * ```
 */
export type DecayShape = "linear" | "cosine" | "1-sqrt" | "power";

/** The decay shapes, in the order errors list them. */
export const DECAY_SHAPES: readonly DecayShape[] = ["linear", "cosine", "1-sqrt", "power"];

/**
 * The warm-up factor of a shape, operation for operation as HF's lambda: `p` (linear),
 * `0.5 * (1 - cos(pi * p))` (cosine), `1 - sqrt(1 - p)` (1-sqrt). In [0, 1] for `p` in [0, 1].
 */
export function warmupFactor(shape: WarmupShape): (p: number) => number {
  if (shape === "cosine") return (p) => 0.5 * (1 - cos(Math.PI * p));
  if (shape === "1-sqrt") return (p) => 1 - Math.sqrt(1 - p);
  return (p) => p;
}

/**
 * The decay factor of a shape, operation for operation as HF's lambda (and timm's for
 * `power`): `1 - p` (linear), `0.5 * (1 + cos(pi * numCycles * 2 * p))` (cosine),
 * `1 - sqrt(p)` (1-sqrt), `1 - p^power` (power). In [0, 1] for `p` in [0, 1].
 *
 * @param shape The shape.
 * @param power The exponent of `power` (finite and > 0; unused by the others).
 * @param numCycles The waves of `cosine` (unused by the others): 0.5 is a half cosine.
 */
export function decayFactor(shape: DecayShape, power: number, numCycles: number): (p: number) => number {
  if (shape === "cosine") {
    // HF: math.pi * float(num_cycles) * 2.0 * progress, left to right.
    const w = Math.PI * numCycles * 2;
    return (p) => 0.5 * (1 + cos(w * p));
  }
  if (shape === "1-sqrt") return (p) => 1 - Math.sqrt(p);
  if (shape === "power") return (p) => 1 - pow(p, power);
  return (p) => 1 - p;
}
