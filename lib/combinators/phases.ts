import { withScalars } from "../scalar_form.ts";
import type { PerGroup, Schedule } from "../types.ts";
import { checkIteration, EXPECTED, fail } from "../_check.ts";
import { resolveGroups } from "../groups.ts";
import { type Anneal, annealLinear } from "./anneal.ts";

/** One piece of a {@link phases} schedule: where it ends and the values it goes between. */
export interface Phase {
  /**
   * The iteration at which the phase reaches `to`: PyTorch's `end_step`, a float (one-cycle
   * uses `pctStart * totalSteps - 1`). The phase starts where the previous one ends (the
   * first at 0).
   */
  readonly end: number;
  /** The value at the start of the phase, per group. */
  readonly from: PerGroup;
  /** The value at the end of the phase, per group. */
  readonly to: PerGroup;
  /** How the phase goes from `from` to `to`. @default annealLinear */
  readonly anneal?: Anneal;
}

/**
 * A piecewise schedule of annealed phases, evaluated the way PyTorch's `OneCycleLR.get_lr`
 * walks its `_schedule_phases`: the building block of one-cycle and of the ramps of
 * `warmup`.
 *
 * At iteration `t` (held at the last phase's end: past it, the value at that end), the
 * phase is the first with `t <= end` (or the last phase); with `start` the previous phase's
 * `end` (0 for the first), `pct = (t - start) / (end - start)` and the value of group `g`
 * is `anneal(from[g], to[g], pct)`. A phase of zero length (`end == start`, which PyTorch
 * divides as 0/0) takes its end value, `pct = 1`. Ends are compared as floats, so phases
 * may end between iterations, as PyTorch's do.
 *
 * @param list The phases, in order (at least one).
 * @param options `groups`: the number of groups when every value is a scalar.
 * @returns A schedule of one value per group.
 * @throws {TypeError} If `list` is empty or not an array, or an `anneal` is not a function.
 * @throws {RangeError} If an `end` is not finite, the last `end` is negative, or a value
 *   is not a finite number >= 0 (or group counts disagree).
 *
 * @example Up in 4 iterations, down in 2, then held
 * ```ts
 * import assert from "node:assert/strict";
 * import { phases } from "cyclical-lr";
 * const s = phases([{ end: 4, from: 0, to: 1 }, { end: 6, from: 1, to: 0.5 }]);
 * assert.deepEqual([0, 2, 4, 5, 6, 100].map((t) => s(t)[0]), [0, 0.5, 1, 0.75, 0.5, 0.5]);
 * ```
 */
export function phases(list: readonly Phase[], options: { readonly groups?: number } = {}): Schedule {
  if (!Array.isArray(list) || list.length === 0) fail("phases", "a non-empty array of phases", list);
  const n = list.length;
  const fields: Record<string, PerGroup> = {};
  const ends = new Float64Array(n);
  const anneals: Anneal[] = [];
  list.forEach((p, i) => {
    const end: unknown = p.end;
    if (typeof end !== "number" || !Number.isFinite(end)) fail(`phases[${i}].end`, EXPECTED.finite, end);
    if (i === n - 1 && end < 0) fail(`phases[${i}].end`, "a finite number >= 0", end);
    ends[i] = end;
    const anneal: unknown = p.anneal ?? annealLinear;
    if (typeof anneal !== "function") fail(`phases[${i}].anneal`, "a function", anneal);
    anneals.push(p.anneal ?? annealLinear);
    fields[`phases[${i}].from`] = p.from;
    fields[`phases[${i}].to`] = p.to;
  });
  const { groups, values } = resolveGroups(fields, options.groups);
  const from = list.map((_, i) => values[`phases[${i}].from`]);
  const to = list.map((_, i) => values[`phases[${i}].to`]);
  const last = ends[n - 1];
  // Where t is: the phase (returned) and its share of it (left in at.pct, a scratch cell
  // that only the call in progress reads). Shared by both forms below.
  const at = { pct: 0 };
  const locate = (t: number): number => {
    checkIteration(t);
    const x = t > last ? last : t;
    let i = 0;
    let start = 0;
    while (i < n - 1 && !(x <= ends[i])) start = ends[i++];
    const span = ends[i] - start;
    at.pct = span === 0 ? 1 : (x - start) / span;
    return i;
  };
  const schedule: Schedule = (t) => {
    const i = locate(t), pct = at.pct;
    const a = anneals[i], f = from[i], e = to[i];
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = a(f[g], e[g], pct);
    return out;
  };
  return withScalars(
    schedule,
    Array.from({ length: groups }, (_, g) => (t: number) => {
      const i = locate(t);
      return anneals[i](from[i][g], to[i][g], at.pct);
    }),
  );
}
