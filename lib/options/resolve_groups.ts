import type { PerGroup } from "../types.ts";
import { EXPECTED, isRate } from "../_check.ts";
import { groupCount, perGroupRate } from "./_kinds.ts";
import { invalid, type OptionError } from "./_errors.ts";
import { resolvePerGroup } from "./_groups.ts";

/**
 * Resolves per-group fields to arrays of one length, as the config spec says: arrays give
 * one value per group and must agree in length; scalars are repeated; `groups`, when
 * given, fixes the count and must equal every array's length. The same resolver checks
 * every factory's options and every config.
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
  const errors: OptionError[] = [];
  if (groups !== undefined && !groupCount.is(groups)) errors.push(invalid(["groups"], groupCount.phrase, groups));
  const names: K[] = [];
  for (const name in fields) if (Object.hasOwn(fields, name)) names.push(name);
  const entries: [string, PerGroup | undefined][] = [];
  for (const name of names) {
    const v: unknown = fields[name];
    if (v === undefined) continue;
    if (perGroupRate.is(v)) entries.push([name, v]);
    else if (Array.isArray(v) && v.length > 0) {
      v.forEach((x: unknown, i) => {
        if (!isRate(x)) errors.push(invalid([name, i], EXPECTED.rate, x));
      });
    } else errors.push(invalid([name], typeof v === "number" ? EXPECTED.rate : EXPECTED.perGroup, v));
  }
  if (errors.length > 0) throwFirst(errors);
  const resolved = resolvePerGroup(entries, groups);
  if (resolved.errors.length > 0) throwFirst(resolved.errors);
  const values = {} as { [k in K]: number[] };
  for (const name of names) {
    const v = resolved.values[name];
    if (v !== undefined) values[name] = [...v];
  }
  return { groups: resolved.groups, values };
}

/** Throws the first error; the field names here are the caller's labels, printed as they are. */
function throwFirst(errors: readonly OptionError[]): never {
  const e = errors[0];
  const [name, ...rest] = e.path;
  const message = `${String(name)}${rest.map((i) => `[${i}]`).join("")}: ${e.message}`;
  throw e.range ? new RangeError(message) : new TypeError(message);
}
