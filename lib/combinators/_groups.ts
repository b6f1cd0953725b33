/**
 * Internal: how combinators agree on a group count. Children give the same number of
 * groups, or one group, which is repeated to match (the config spec's rule for `join`).
 *
 * @module
 */
import type { Schedule } from "../types.ts";
import { fail } from "../_check.ts";

/** The common group count of children with `counts` groups; throws naming the odd child. */
export function agreeingGroups(what: string, counts: readonly number[]): number {
  let groups = 0; // a loop, not Math.max(...counts): a join may have 10^6 children
  for (const c of counts) if (c > groups) groups = c;
  const first = counts.indexOf(groups);
  counts.forEach((c, i) => {
    if (c !== 1 && c !== groups) {
      throw new RangeError(`${what}[${i}]: expected ${groups} groups (as ${what}[${first}]) or 1, got ${c}`);
    }
  });
  return groups;
}

/** Checks that `s` is a function and learns its group count by evaluating it at 0. */
export function groupsOf(field: string, s: unknown): number {
  if (typeof s !== "function") fail(field, "a schedule (a function)", s);
  const v: unknown = s(0);
  if (!Array.isArray(v) || v.length === 0) fail(`${field}(0)`, "a non-empty array of numbers", v);
  return v.length;
}

/** Checks a non-empty array of schedules; gives each child's group count and the common one. */
export function childGroups(what: string, schedules: readonly Schedule[]): { counts: number[]; groups: number } {
  if (!Array.isArray(schedules) || schedules.length === 0) fail(what, "a non-empty array of schedules", schedules);
  const counts = schedules.map((s, i) => groupsOf(`${what}[${i}]`, s));
  return { counts, groups: agreeingGroups(what, counts) };
}
