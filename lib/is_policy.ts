import type { Policy } from "./types.ts";

/**
 * Whether `v` is a {@link Policy} (an object with an `lr` schedule) rather than a bare
 * schedule: the test of every function that takes either.
 * @internal
 */
export function isPolicy(v: unknown): v is Policy {
  return typeof v === "object" && v !== null && "lr" in v && typeof v.lr === "function";
}
