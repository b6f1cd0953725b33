// Laws of cooldown over valid configs of any child (props/arbitraries_02.ts): it is its
// schedule before `at`, starts at the schedule's value at `at`, moves monotonically toward
// `endValue`, reaches it at `at + steps` and holds it; momentum is the schedule's before `at`
// and momentum(at) from then on; its config round-trips.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { cooldown, LawError, type Policy } from "../mod.ts";
import { encodeConfig, policyFromConfig } from "../config.ts";
import { type CooldownCase, cooldownCaseArb, cooldownOptions } from "./arbitraries_02.ts";
import { between, monotone, near, valueAt } from "./shape_laws.ts";

const RUNS = { numRuns: 200 };
const LAST = Number.MAX_SAFE_INTEGER;

/** The cooldown of a case, its child, and the values at the fork and at the end, per group of the result. */
function built(c: CooldownCase) {
  const child = c.child.make();
  const p = cooldown(child, cooldownOptions(c));
  const spread = (v: readonly number[]) => (v.length === p.groups ? [...v] : new Array<number>(p.groups).fill(v[0]));
  const start = spread(child(c.at)), end = spread(c.endValue);
  const scale = start.map((v, g) => Math.max(Math.abs(v), end[g]));
  return { child, p, start, end, scale, spread };
}

/** An iteration `u` of the way through the cooldown, with room for t + 1. */
const inside = (c: CooldownCase, u: number) => Math.min(c.at + Math.floor(u * c.steps), LAST - 1);

describe("cooldown", () => {
  test("before at it is its schedule, bit for bit", () =>
    fc.assert(
      fc.property(cooldownCaseArb, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (c, u) => {
        const { child, p, spread } = built(c);
        const t = Math.floor(u * c.at);
        if (t >= c.at) return;
        const want = spread(child(t)), got = p(t);
        got.forEach((v, g) => {
          if (!Object.is(v, want[g])) {
            throw new LawError("cooldown before at", [t], `(group ${g}) expected ${want[g]}, got ${v}`);
          }
        });
      }),
      RUNS,
    ));

  test("it starts at schedule(at), reaches endValue at at + steps and holds it", () =>
    fc.assert(
      fc.property(cooldownCaseArb, fc.nat({ max: 1000 }), (c, k) => {
        const { p, start, end, scale } = built(c);
        valueAt(p, c.at, start, scale, "cooldown starts at schedule(at)");
        const last = c.at + c.steps + k;
        if (last <= LAST) {
          p(last).forEach((v, g) => {
            if (!Object.is(v, end[g])) {
              throw new LawError("cooldown reaches endValue", [last], `(group ${g}) expected ${end[g]}, got ${v}`);
            }
          });
        }
      }),
      RUNS,
    ));

  test("it moves monotonically from schedule(at) toward endValue and stays between them", () =>
    fc.assert(
      fc.property(cooldownCaseArb, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (c, u) => {
        const { p, start, end, scale } = built(c);
        const t = inside(c, u);
        between(p, t, start, end, "cooldown between schedule(at) and endValue");
        // Toward endValue: down where it starts above it, up where below (per group).
        p(t).forEach((_, g) => {
          const one = (s: number) => [p(s)[g]];
          monotone(one, t, start[g] >= end[g] ? -1 : 1, [scale[g]], `cooldown toward endValue (group ${g})`);
        });
      }),
      RUNS,
    ));

  test("momentum: the schedule's before at, momentum(at) from at on; none when the schedule has none", () =>
    fc.assert(
      fc.property(cooldownCaseArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 10_000 }), (c, u, k) => {
        const { child, p, spread } = built(c);
        assert.equal(p.momentum === undefined, child.momentum === undefined);
        if (child.momentum === undefined || p.momentum === undefined) return;
        const before = Math.floor(u * c.at);
        if (before < c.at) assert.deepEqual(p.momentum(before), spread(child.momentum(before)));
        const after = Math.min(c.at + k, LAST);
        assert.deepEqual(p.momentum(after), spread(child.momentum(c.at)));
      }),
      RUNS,
    ));

  test("its config decodes, builds the same rates and encodes back", () =>
    fc.assert(
      fc.property(cooldownCaseArb, fc.oneof(fc.nat({ max: 5000 }), fc.maxSafeNat()), (c, t) => {
        const { p } = built(c);
        const config = encodeConfig(p);
        const again = policyFromConfig(config);
        assert.deepEqual(encodeConfig(again), config);
        again(t).forEach((v, g) => assert.ok(Object.is(v, p(t)[g]), `group ${g} at ${t}`));
      }),
      { numRuns: 100 },
    ));

  test("a cooldown of its own end value is flat: cooldown(constant v, endValue v) = v", () =>
    fc.assert(
      fc.property(cooldownCaseArb, fc.oneof(fc.nat({ max: 5000 }), fc.maxSafeNat()), (c, t) => {
        const flat: Policy = cooldown(() => c.endValue, { ...cooldownOptions(c), endValue: c.endValue });
        flat(t).forEach((v, g) => assert.ok(near(v, c.endValue[g], c.endValue[g]), `${v} at ${t}`));
      }),
      RUNS,
    ));
});
