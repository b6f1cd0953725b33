/**
 * What a normalized config builds, read off the config: its number of parameter groups
 * and whether it schedules momentum.
 *
 * @module
 */
import type { Config } from "./types.ts";
import { groupsOfValue } from "./per_group.ts";

/**
 * The number of parameter groups a normalized config builds: the length of its per-group
 * arrays, 1 with scalars only; for a `join`, the largest of its children.
 *
 * @param config A normalized config.
 * @returns The group count.
 */
export function groupsOf(config: Config): number {
  switch (config.policy) {
    case "cyclic":
    case "cosineRestarts":
      return groupsOfValue(config.baseLr);
    case "oneCycle":
      return groupsOfValue(config.maxLr);
    case "constant":
      return groupsOfValue(config.value);
    case "join":
      return config.schedules.reduce((most, s) => Math.max(most, groupsOf(s)), 1);
    default:
      return groupsOfValue(config.initValue);
  }
}

/**
 * Whether a normalized config schedules momentum: `cyclic` and `oneCycle` with
 * `cycleMomentum`, and a `join` whose children all do.
 *
 * @param config A normalized config.
 * @returns Whether the built policy has `momentum`.
 */
export function hasMomentum(config: Config): boolean {
  switch (config.policy) {
    case "cyclic":
    case "oneCycle":
      return config.cycleMomentum;
    case "join":
      return config.schedules.every(hasMomentum);
    default:
      return false;
  }
}
