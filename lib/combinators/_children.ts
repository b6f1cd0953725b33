/**
 * Internal: what combinators with children (`join`, `product`) require of them, as error
 * lists shared by the TypeScript API (which throws them) and the config decoder (which
 * reports them with the other errors). The texts are those of the config spec.
 *
 * @module
 */
import type { Policy, PolicyLike } from "../types.ts";
import { fail } from "../_check.ts";
import { invalid, type OptionError, problem, throwErrors } from "../options/_errors.ts";
import { asPolicy } from "../schedule/policy.ts";
import { configOf } from "../schedule/config_of.ts";

/**
 * The common group count of children with `counts` groups: they agree, or have one group,
 * which is repeated to match.
 */
export function groupErrors(field: string, counts: readonly number[]): { groups: number; errors: OptionError[] } {
  const groups = counts.reduce((a, b) => Math.max(a, b), 1);
  const first = counts.indexOf(groups);
  const errors: OptionError[] = [];
  counts.forEach((c, i) => {
    if (c !== 1 && c !== groups) {
      errors.push(problem([field, i], `expected ${groups} groups (as ${field}[${first}]) or 1, got ${c}`, true));
    }
  });
  return { groups, errors };
}

/** A child as its errors name it: its config's policy (`"cyclic"`), or what it is. */
export interface ChildName {
  /** Whether the child schedules momentum. */
  readonly momentum: boolean;
  /** Its config's `policy`, if it has one. */
  readonly policy?: string;
}

function named(field: string, i: number, c: ChildName): string {
  return `${field}[${i}]${c.policy === undefined ? "" : ` (${JSON.stringify(c.policy)})`}`;
}

/**
 * The children of a join must all schedule momentum or none: the first that disagrees
 * with `field[0]` is named, with which of the two has momentum and how to remove it.
 */
export function momentumErrors(field: string, children: readonly ChildName[]): OptionError[] {
  const errors: OptionError[] = [];
  const first = children[0];
  children.forEach((c, i) => {
    if (c.momentum === first.momentum) return;
    const [has, hasNot] = c.momentum
      ? [named(field, i, c), named(field, 0, first)]
      : [named(field, 0, first), named(field, i, c)];
    errors.push(problem(
      [field, i],
      `expected momentum like ${field}[0]: ${has} schedules momentum and ${hasNot} does not ` +
        `(give ${c.momentum ? "it" : field + "[0]"} "cycleMomentum": false, or give every child momentum)`,
    ));
  });
  return errors;
}

/** A product has no momentum: a child with momentum is named, with the fix. */
export function noMomentumErrors(field: string, children: readonly ChildName[]): OptionError[] {
  const errors: OptionError[] = [];
  children.forEach((c, i) => {
    if (!c.momentum) return;
    errors.push(problem(
      [field, i],
      `expected a schedule without momentum (a product has none), got ${named(field, i, c)} with momentum ` +
        `(give it "cycleMomentum": false)`,
    ));
  });
  return errors;
}

/**
 * A join's boundaries: one fewer than its children, strictly increasing (each is already a
 * non-negative safe integer).
 */
export function boundaryErrors(children: number, boundaries: readonly number[]): OptionError[] {
  const errors: OptionError[] = [];
  if (children > 0 && boundaries.length !== children - 1) {
    errors.push(problem(
      ["boundaries"],
      `expected ${children - 1} values (one fewer than schedules), got ${boundaries.length}`,
      true,
    ));
  }
  for (let i = 1; i < boundaries.length; i++) {
    if (boundaries[i] <= boundaries[i - 1]) {
      errors.push(
        invalid(["boundaries", i], `an integer above boundaries[${i - 1}] (${boundaries[i - 1]})`, boundaries[i]),
      );
    }
  }
  return errors;
}

/**
 * Reads a combinator's children: a non-empty array (of at least `least`), each read as a
 * policy ({@link asPolicy}), with the group count they agree on.
 */
export function readChildren(
  field: string,
  children: readonly PolicyLike[],
  least = 1,
): { policies: readonly Policy[]; groups: number } {
  if (!Array.isArray(children) || children.length < least) {
    fail(field, least === 1 ? "a non-empty array of schedules" : `an array of at least ${least} schedules`, children);
  }
  const policies = children.map((c, i) => asPolicy([field, i], c));
  const { groups, errors } = groupErrors(field, policies.map((p) => p.groups));
  if (errors.length > 0) throwErrors(errors);
  return { policies, groups };
}

/** What the child errors say about a policy: whether it has momentum, and its config's policy. */
export function childName(p: Policy): ChildName {
  const policy = configOf(p)?.policy;
  return { momentum: p.momentum !== undefined, ...(typeof policy === "string" ? { policy } : {}) };
}
