/**
 * Internal pieces shared by optax's decay policies: required per-group fields, the
 * normalized per-group form of a config, and the largest finite double, where growing values stop.
 *
 * @module
 */
import { EXPECTED, fail } from "../_check.ts";
import type { PerGroup } from "../types.ts";

/** The largest finite double: where a growing decay stops instead of reaching Infinity. */
export const LARGEST = Number.MAX_VALUE;

/** Rejects a missing per-group field (optax's required arguments) with the shared text. */
export function requirePerGroup(field: string, v: PerGroup | undefined): PerGroup {
  return v === undefined ? fail(field, EXPECTED.perGroup, v) : v;
}

/** The config form of resolved per-group values: a scalar for one group, else the array. */
export function perGroupConfig(values: readonly number[], groups: number): number | number[] {
  return groups === 1 ? values[0] : [...values];
}
