import type { PerGroup } from "./types.ts";
import { EXPECTED, fail, isRate, positiveInt } from "./_check.ts";

/**
 * Resolves per-group fields to arrays of one length, as the config spec says: arrays give
 * one value per group and must agree in length; scalars are repeated; `groups`, when
 * given, fixes the count and must equal every array's length.
 *
 * @param fields The per-group fields by name (`undefined` entries are skipped).
 * @param groups The group count, if the caller states it.
 * @returns The group count and every given field as an array of that length.
 * @throws {TypeError} If a field is neither a rate nor a non-empty array of rates.
 * @throws {RangeError} If array lengths disagree with each other or with `groups`.
 *
 * @example Scalars repeat to the length of the array beside them
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveGroups } from "cyclical-lr";
 * const { groups, values } = resolveGroups({ baseLr: 0.1, maxLr: [1, 2] });
 * assert.equal(groups, 2);
 * assert.deepEqual(values.baseLr, [0.1, 0.1]);
 * ```
 */
export function resolveGroups<K extends string>(
  fields: { readonly [k in K]?: PerGroup },
  groups?: number,
): { groups: number; values: { [k in K]: number[] } } {
  let count = groups === undefined ? undefined : positiveInt("groups", groups);
  let countFrom = "groups";
  const names = Object.keys(fields) as K[];
  for (const name of names) {
    const v: unknown = fields[name];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) fail(name, EXPECTED.perGroup, v);
      v.forEach((x: unknown, i) => {
        if (!isRate(x)) fail(`${name}[${i}]`, EXPECTED.rate, x);
      });
      if (count === undefined) {
        count = v.length;
        countFrom = name;
      } else if (v.length !== count) {
        throw new RangeError(
          `${name}: expected ${count} values (one per group, as ${countFrom}), got ${v.length}`,
        );
      }
    } else if (!isRate(v)) {
      fail(name, typeof v === "number" ? EXPECTED.rate : EXPECTED.perGroup, v);
    }
  }
  const n = count ?? 1;
  const values = {} as { [k in K]: number[] };
  for (const name of names) {
    const v: PerGroup | undefined = fields[name];
    if (v === undefined) continue;
    values[name] = typeof v === "number" ? new Array<number>(n).fill(v) : [...v];
  }
  return { groups: n, values };
}

/** Rejects a missing required per-group field with the shared text. @internal */
export function requirePerGroup(field: string, v: PerGroup | undefined): PerGroup {
  return v === undefined ? fail(field, EXPECTED.perGroup, v) : v;
}

/** The config form of resolved per-group values: a scalar for one group, else the array. @internal */
export function perGroupConfig(values: readonly number[], groups: number): number | number[] {
  return groups === 1 ? values[0] : [...values];
}
