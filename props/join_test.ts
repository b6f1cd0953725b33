// Laws of join and joinPolicies (optax join_schedules): local time, continuity at the seams
// when the children meet, one-group children repeated, momentum joined like the rate.
import { describe, test } from "node:test";
import fc from "fast-check";
import { join, joinPolicies } from "../mod.ts";
import { annealCos, annealLinear } from "../mod.ts";
import { phases } from "../mod.ts";
import { oneCycle } from "../mod.ts";
import { cosineRestarts } from "../mod.ts";
import { finite } from "../lib/laws/finite.ts";
import type { Policy } from "../lib/types.ts";
import { rateArb } from "./arbitraries.ts";
import { assertNear, cosineRestartsCaseArb, oneCycleCaseArb } from "./composition_arbitraries.ts";

const RUNS = { numRuns: 150 };

/** Strictly increasing boundaries, by construction: cumulative sums of positive gaps. */
const boundariesArb = (count: number) =>
  fc.array(fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 1_000_000 })), {
    minLength: count,
    maxLength: count,
  })
    .map((gaps) => gaps.reduce<number[]>((b, gap) => [...b, (b.at(-1) ?? 0) + gap], []));

/** 1 to 4 policies without momentum (oneCycle without it, or SGDR), one group each. */
const childArb: fc.Arbitrary<Policy> = fc.oneof(
  oneCycleCaseArb.map((c) =>
    oneCycle({ ...c.options, maxLr: c.maxLr[0], baseMomentum: 0.85, maxMomentum: 0.95, cycleMomentum: false })
  ),
  cosineRestartsCaseArb.map((c) => cosineRestarts({ ...c.options, baseLr: c.baseLr[0], etaMin: c.etaMin[0] })),
);
const joinArb = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({ children: fc.array(childArb, { minLength: n, maxLength: n }), boundaries: boundariesArb(n - 1) })
);

/** Children that meet: ramps v[i] -> v[i+1] over the segment, each continuing past its end. */
const meetingArb = fc.integer({ min: 2, max: 5 }).chain((n) =>
  fc.record({
    values: fc.array(rateArb, { minLength: n + 1, maxLength: n + 1 }),
    boundaries: boundariesArb(n - 1),
    shapes: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  })
);

describe("join laws", () => {
  test("local time: on [b[i-1], b[i]) the value is schedules[i](t - b[i-1])", () =>
    fc.assert(
      fc.property(joinArb, fc.nat({ max: 4 }), fc.nat({ max: 3_000_000 }), ({ children, boundaries }, pick, offset) => {
        const s = join(children.map((c) => c.lr), boundaries);
        const i = pick % children.length;
        const from = i === 0 ? 0 : boundaries[i - 1];
        const end = i < boundaries.length ? boundaries[i] : Number.MAX_SAFE_INTEGER;
        const t = Math.min(end - 1, from + offset);
        if (t < from) return;
        const expected = children[i].lr(t - from), actual = s(t);
        expected.forEach((v, g) => {
          if (actual[g] !== v) {
            throw new Error(`t = ${t}: expected schedules[${i}](${t - from}) = ${v}, got ${actual[g]}`);
          }
        });
      }),
      RUNS,
    ));

  test("continuity: where the children meet, the step across a seam is the left child's own last step", () =>
    fc.assert(
      fc.property(meetingArb, ({ values, boundaries, shapes }) => {
        const starts = [0, ...boundaries];
        const children = shapes.map((cos, i) => {
          const len = i < boundaries.length ? boundaries[i] - starts[i] : 10;
          return phases([{ end: len, from: values[i], to: values[i + 1], anneal: cos ? annealCos : annealLinear }]);
        });
        const s = join(children, boundaries);
        boundaries.forEach((b, i) => {
          const len = b - starts[i];
          const jump = s(b)[0] - s(b - 1)[0];
          const own = children[i](len)[0] - children[i](len - 1)[0];
          const scale = Math.max(values[i], values[i + 1], values[i + 2] ?? 0);
          assertNear(jump, own, scale, `seam ${i} at t = ${b}`);
          assertNear(s(b)[0], values[i + 1], scale, `value at seam ${i}`);
        });
      }),
      RUNS,
    ));

  test("is finite up to 2^53 - 1", () =>
    fc.assert(
      fc.property(
        joinArb,
        fc.oneof(fc.maxSafeNat(), fc.constant(Number.MAX_SAFE_INTEGER)),
        ({ children, boundaries }, t) => finite(join(children.map((c) => c.lr), boundaries), t),
      ),
      RUNS,
    ));

  test("a one-group child is repeated to the group count of the others", () =>
    fc.assert(
      fc.property(
        fc.array(rateArb, { minLength: 2, maxLength: 4 }),
        rateArb,
        fc.integer({ min: 1, max: 100 }),
        fc.nat({ max: 200 }),
        (many, one, b, t) => {
          const s = join([() => [one], () => many], [b]);
          const v = s(t);
          if (v.length !== many.length) throw new Error(`expected ${many.length} groups, got ${v.length}`);
          v.forEach((x, g) => {
            if (x !== (t < b ? one : many[g])) throw new Error(`group ${g} at t = ${t}: ${x}`);
          });
        },
      ),
      RUNS,
    ));
});

describe("joinPolicies laws", () => {
  const withMomentum = oneCycleCaseArb.map((c) =>
    oneCycle({
      ...c.options,
      cycleMomentum: true,
      maxLr: c.maxLr[0],
      baseMomentum: c.baseMomentum[0],
      maxMomentum: c.maxMomentum[0],
    })
  );
  test("joins momentum at the same boundaries, on the same local time, as the rate", () =>
    fc.assert(
      fc.property(fc.array(withMomentum, { minLength: 2, maxLength: 3 }), fc.nat({ max: 2000 }), (children, t) => {
        const boundaries = children.slice(1).map((_, i) => 500 * (i + 1));
        const p = joinPolicies(children, boundaries);
        const lrOnly = join(children.map((c) => c.momentum!), boundaries);
        if (p.momentum!(t)[0] !== lrOnly(t)[0]) throw new Error(`momentum at t = ${t}`);
      }),
      RUNS,
    ));
});
