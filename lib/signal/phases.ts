import { withScalars } from "../schedule/scalars.ts";
import { makePolicy } from "../schedule/policy.ts";
import { withoutConfig } from "../schedule/config_of.ts";
import type { PerGroup, Policy, Schedule } from "../types.ts";
import { checkIteration, EXPECTED, fail } from "../_check.ts";
import { resolveGroups } from "../options/resolve_groups.ts";
import { type FieldsOf, GROUPS } from "../options/_kinds.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { type Anneal, annealLinear, isBuiltInAnneal } from "./anneal.ts";

/** A phase whose values are resolved to one number per group. @internal */
export interface ResolvedPhase {
  /** Where the phase ends (see {@link Phase}). */
  readonly end: number;
  /** The value of each group at the start. */
  readonly from: readonly number[];
  /** The value of each group at the end. */
  readonly to: readonly number[];
  /** How the phase goes. @default annealLinear */
  readonly anneal?: Anneal;
}

/** Options of {@link phases}, checked by {@link PHASES}. */
export interface PhasesOptions {
  /** Number of groups, when every value of every phase is a number. */
  readonly groups?: number;
}

/**
 * The options table of {@link phases}: only the group count.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PHASES } from "cyclical-lr";
 * assert.deepEqual(Object.keys(PHASES.fields), ["groups"]);
 * ```
 */
export const PHASES: OptionsTable<FieldsOf<PhasesOptions, "groups">> = optionsTable("phases", { groups: GROUPS });

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
 * @returns A policy of one value per group (no momentum).
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
export function phases(list: readonly Phase[], options: PhasesOptions = {}): Policy {
  const { groups: groupsOption } = PHASES.read(options);
  if (!Array.isArray(list) || list.length === 0) fail("phases", "a non-empty array of phases", list);
  const n = list.length;
  const fields: Record<string, PerGroup> = {};
  const checked: { end: number; anneal: Anneal }[] = [];
  list.forEach((p, i) => {
    const end: unknown = p.end;
    if (typeof end !== "number" || !Number.isFinite(end)) fail(`phases[${i}].end`, EXPECTED.finite, end);
    if (i === n - 1 && end < 0) fail(`phases[${i}].end`, "a finite number >= 0", end);
    const anneal: unknown = p.anneal ?? annealLinear;
    if (typeof anneal !== "function") fail(`phases[${i}].anneal`, "a function", anneal);
    const own = (start: number, stop: number, pct: number): unknown => anneal(start, stop, pct);
    checked.push({ end, anneal: isBuiltInAnneal(anneal) ? anneal : checkedAnneal(own, `phases[${i}].anneal`) });
    fields[`phases[${i}].from`] = p.from;
    fields[`phases[${i}].to`] = p.to;
  });
  const { groups, values } = resolveGroups(fields, groupsOption);
  const resolved = checked.map((c, i) => ({
    ...c,
    from: values[`phases[${i}].from`],
    to: values[`phases[${i}].to`],
  }));
  const policy = makePolicy(phaseSchedule(resolved, groups), groups);
  return withoutConfig(
    policy,
    "a phases schedule (phases has no config form; the oneCycle and linear configs are made of phases)",
  );
}

/** A user's interpolation, checked where its values enter. */
function checkedAnneal(anneal: (start: number, end: number, pct: number) => unknown, label: string): Anneal {
  return (start, end, pct) => {
    const v = anneal(start, end, pct);
    return typeof v === "number" && Number.isFinite(v) ? v : fail(label, `a finite number at pct ${pct}`, v);
  };
}

/**
 * The schedule of phases whose values are already resolved to one number per group.
 * @internal
 */
export function phaseSchedule(list: readonly ResolvedPhase[], groups: number): Schedule {
  const n = list.length;
  const ends = Float64Array.from(list, (p) => p.end);
  const anneals = list.map((p) => p.anneal ?? annealLinear);
  const from = list.map((p) => p.from);
  const to = list.map((p) => p.to);
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
