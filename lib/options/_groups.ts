/**
 * Internal: the one resolver of per-group values, shared by every factory, the config
 * decoder and `resolveGroups`. It collects its errors; the callers decide whether to throw.
 *
 * @module
 */
import type { PerGroup } from "../types.ts";
import type { OptionError } from "./_errors.ts";

/** What {@link resolvePerGroup} found: the group count, the values as arrays, the errors. */
export interface ResolvedGroups {
  /** The number of groups (1 with scalars only and no `groups`). */
  readonly groups: number;
  /** Every given field as an array of `groups` values (a scalar repeated). */
  readonly values: Readonly<Record<string, readonly number[]>>;
  /** Length mismatches, one per offending field. */
  readonly errors: readonly OptionError[];
}

/**
 * Resolves per-group values to arrays of one length, as the config spec says: arrays give
 * one value per group and must agree in length; scalars are repeated; `groups`, when
 * given, fixes the count and must equal every array's length. The values must already be
 * valid per-group rates (their kind is checked before).
 *
 * @param fields The per-group fields by name, in order (`undefined` entries are skipped).
 * @param groups The group count, if the caller states it.
 * @returns The count, the arrays and the errors (`name: expected 2 values (one per group,
 *   as maxLr), got 3`).
 */
export function resolvePerGroup(
  fields: readonly (readonly [string, PerGroup | undefined])[],
  groups: number | undefined,
): ResolvedGroups {
  let count = groups;
  let countFrom = "groups";
  const errors: OptionError[] = [];
  for (const [name, value] of fields) {
    if (value === undefined || typeof value === "number") continue;
    if (count === undefined) {
      count = value.length;
      countFrom = name;
    } else if (value.length !== count) {
      errors.push({
        path: [name],
        message: `expected ${count} values (one per group, as ${countFrom}), got ${value.length}`,
        range: true,
      });
    }
  }
  const n = count ?? 1;
  const values: Record<string, readonly number[]> = {};
  for (const [name, value] of fields) {
    if (value === undefined) continue;
    values[name] = typeof value === "number" ? new Array<number>(n).fill(value) : [...value];
  }
  return { groups: n, values, errors };
}

/**
 * The config form of resolved per-group values: a number for one group, else the array.
 *
 * @param values One value per group.
 * @returns A number when there is one group, else a copy of the array.
 */
export function perGroupConfig(values: readonly number[]): number | number[] {
  return values.length === 1 ? values[0] : [...values];
}
