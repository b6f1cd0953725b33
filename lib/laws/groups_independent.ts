import type { Schedule } from "../types.ts";
import { LawError } from "./law_error.ts";
import { close, show } from "./_tolerance.ts";

/**
 * Law: parameter groups do not interact. Group `g` of the schedule equals the one-group
 * schedule built with group `g`'s values alone, `s(t)[g] = single[g](t)[0]`.
 *
 * Tolerance: `1e-12` relative plus `1e-14` of the larger value.
 *
 * @param schedule The schedule over several groups.
 * @param t The iteration.
 * @param options `single`: one one-group schedule per group, built from that group's values.
 * @throws {LawError} If a group differs from its one-group schedule, or the counts disagree.
 *
 * @example Two groups of triangular, each equal to its own schedule
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupsIndependent, triangular } from "cyclical-lr";
 * const both = triangular({ baseLr: [0.1, 1], maxLr: [1, 3], stepSizeUp: 4 });
 * const single = [
 *   triangular({ baseLr: 0.1, maxLr: 1, stepSizeUp: 4 }),
 *   triangular({ baseLr: 1, maxLr: 3, stepSizeUp: 4 }),
 * ];
 * groupsIndependent(both, 6, { single });
 * assert.throws(() => groupsIndependent(both, 6, { single: [single[1], single[0]] }), /^LawError: groupsIndependent: at t = 6, group 0: /);
 * ```
 */
export function groupsIndependent(
  schedule: Schedule,
  t: number,
  options: { readonly single: readonly Schedule[] },
): void {
  const v = [...schedule(t)];
  if (v.length !== options.single.length) {
    throw new LawError("groupsIndependent", [t], `expected ${options.single.length} groups, got ${v.length}`);
  }
  for (let g = 0; g < v.length; g++) {
    const alone = options.single[g](t);
    if (alone.length !== 1) {
      throw new LawError(
        "groupsIndependent",
        [t],
        `group ${g}: expected a one-group schedule, got ${alone.length} groups`,
      );
    }
    if (!close(v[g], alone[0])) {
      throw new LawError(
        "groupsIndependent",
        [t],
        `group ${g}: expected ${show(alone[0])} (the group alone), got ${show(v[g])}`,
      );
    }
  }
}
