/**
 * The group count of a config's per-group fields, with the errors of `resolveGroups`
 * (lib/groups.ts) as paths, and their normal form.
 *
 * @module
 */
import type * as t from "io-ts";
import { errorAt, type GroupValue } from "./codecs.ts";

/** The resolved group count, its errors, and the normal form of a per-group value. */
export interface ResolvedGroups {
  /** The number of groups (1 when there are errors and no array). */
  readonly groups: number;
  /** Length mismatches, one per offending field. */
  readonly errors: t.ValidationError[];
  /** A value in normal form: a number for one group, else an array of `groups` values. */
  readonly normal: (value: GroupValue) => GroupValue;
}

/**
 * Resolves the group count as the spec says: arrays give one value per group and must
 * agree in length; `groups`, when given, must equal every array's length; with scalars
 * only there is `groups` (or 1) groups.
 *
 * @param c The context of the config.
 * @param fields The per-group fields in order, `undefined` for absent ones.
 * @param groups The config's `groups`, if given.
 * @returns The count, the errors and the normalizer.
 */
export function resolvePerGroup(
  c: t.Context,
  fields: readonly (readonly [string, GroupValue | undefined])[],
  groups: number | undefined,
): ResolvedGroups {
  let count = groups;
  let countFrom = "groups";
  const errors: t.ValidationError[] = [];
  for (const [name, value] of fields) {
    if (value === undefined || typeof value === "number") continue;
    if (count === undefined) {
      count = value.length;
      countFrom = name;
    } else if (value.length !== count) {
      errors.push(
        errorAt(c, [name], value, `expected ${count} values (one per group, as ${countFrom}), got ${value.length}`),
      );
    }
  }
  const n = count ?? 1;
  const normal = (value: GroupValue): GroupValue => {
    if (n === 1) return typeof value === "number" ? value : value[0];
    return typeof value === "number" ? new Array<number>(n).fill(value) : [...value];
  };
  return { groups: n, errors, normal };
}

/**
 * The number of groups of a normalized config's per-group value: its length, or 1.
 *
 * @param value A per-group value in normal form.
 * @returns The group count it implies.
 */
export function groupsOfValue(value: GroupValue | undefined): number {
  return value === undefined || typeof value === "number" ? 1 : value.length;
}
