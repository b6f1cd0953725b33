/**
 * Internal: a policy on another time line, its learning rate and its momentum alike.
 *
 * @module
 */
import type { Policy, Schedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { makePolicy } from "../schedule/policy.ts";
import { withoutConfig } from "../schedule/config_of.ts";

/**
 * `p` read at `time(t)` instead of `t`: the rate and the momentum move together.
 *
 * @param p The policy.
 * @param time The iteration of `p` that iteration `t` reads (a valid iteration).
 * @param name The combinator, for the reason it has no config.
 * @returns The retimed policy.
 */
export function retimed(p: Policy, time: (t: number) => number, name: string): Policy {
  const at = (s: Schedule): Schedule => (t) => {
    checkIteration(t);
    return s(time(t));
  };
  return withoutConfig(
    makePolicy(at(p), p.groups, p.momentum === undefined ? undefined : at(p.momentum)),
    `a ${name} (${name} has no config form)`,
  );
}
