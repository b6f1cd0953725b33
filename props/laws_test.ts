// Laws about the laws: checkScheduleLaws passes every correct cyclic policy with the laws
// of its mode, and catches every broken schedule (a mutated correct one), naming the law.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  checkScheduleLaws,
  cyclicLR,
  type CyclicMode,
  LawError,
  type LawName,
  periodic,
  type Schedule,
  withinBounds,
} from "../mod.ts";
import { type CyclicCase, cyclicCaseArb } from "./arbitraries.ts";

/** The laws that hold for each mode, on top of the ones every schedule obeys. */
const MODE_LAWS: Record<CyclicMode, LawName[]> = {
  triangular: ["periodic", "monotoneWithinCycle"],
  triangular2: ["halvesEachCycle", "monotoneWithinCycle"],
  exp_range: ["decaysLike"],
};
const COMMON: LawName[] = ["finite", "deterministic", "startOffset", "withinBounds", "groupsIndependent"];

function lawOptions(c: CyclicCase, laws: readonly LawName[]) {
  const single = c.baseLr.map((_, g) =>
    cyclicLR({
      ...c.options,
      baseLr: c.baseLr[g],
      maxLr: c.maxLr[g],
      baseMomentum: c.baseMomentum[g],
      maxMomentum: c.maxMomentum[g],
    })
  );
  const { mode: _mode, ...fields } = c.options; // the laws read the config's fields, not its mode
  return { ...fields, gamma: c.gamma, single, laws, samples: 16 };
}

describe("checkScheduleLaws", () => {
  test("passes every valid cyclicLR policy with the laws of its mode, lr and momentum", () =>
    fc.assert(
      fc.property(cyclicCaseArb(), (c) => {
        const report = checkScheduleLaws(cyclicLR(c.options), lawOptions(c, [...COMMON, ...MODE_LAWS[c.mode]]));
        assert.equal(report.laws.length, 2 * (COMMON.length + MODE_LAWS[c.mode].length));
        assert.ok(report.checks > 0);
      }),
      { numRuns: 60 },
    ));

  // A valid config whose group 0 has a real amplitude (span >= 1e-3 of the scale), so that
  // every mutation below is visible; valid by construction, no filter.
  const visibleArb = fc.record({
    base: fc.double({ min: 0, max: 1, noNaN: true }),
    span: fc.double({ min: 0.01, max: 1, noNaN: true }),
    inverted: fc.boolean(),
    up: fc.integer({ min: 1, max: 50 }),
    down: fc.integer({ min: 1, max: 50 }),
    gamma: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
    mode: fc.constantFrom<CyclicMode>("triangular", "triangular2", "exp_range"),
  }).map(({ base, span, inverted, up, down, gamma, mode }) => {
    const [baseLr, maxLr] = inverted ? [base + span, base] : [base, base + span];
    return { baseLr, maxLr, stepSizeUp: up, stepSizeDown: down, gamma, mode, period: up + down };
  });

  type Visible = typeof visibleArb extends fc.Arbitrary<infer T> ? T : never;
  /** The cyclicLR options of a case (its period is for the laws). */
  const opts = ({ period: _period, ...o }: Visible) => o;
  /**
   * A mutation: the broken schedule, the correct one it came from (which passes), the laws
   * to run, the law that must catch it, and the modes where that law holds.
   */
  interface Mutated {
    broken: Schedule;
    correct?: Schedule;
    laws: LawName[];
    caughtBy: LawName;
    modes?: CyclicMode[];
    single?: Schedule[];
  }
  const MUTATIONS: Record<string, (c: Visible, s: Schedule) => Mutated> = {
    "leaves its bounds": (c, s) => ({
      broken: (t) => s(t).map((v) => v + 1 + 2 * Math.abs(c.maxLr - c.baseLr)),
      laws: ["withinBounds"],
      caughtBy: "withinBounds",
    }),
    "second cycle at half height": (c, s) => ({
      broken: (t) => s(t).map((v) => (t < c.period ? v : c.baseLr + (v - c.baseLr) / 2)),
      laws: ["periodic"],
      caughtBy: "periodic",
      modes: ["triangular"],
    }),
    "does not halve (a triangular rate)": (c) => ({
      broken: cyclicLR({ ...opts(c), mode: "triangular" }).lr,
      laws: ["halvesEachCycle"],
      caughtBy: "halvesEachCycle",
      modes: ["triangular2"],
    }),
    "runs the cycle backwards": (c, s) => ({
      broken: (t) => s(t).map((v) => c.baseLr + c.maxLr - v),
      laws: ["monotoneWithinCycle"],
      caughtBy: "monotoneWithinCycle",
      modes: ["triangular", "triangular2"],
    }),
    "does not decay (a triangular rate)": (c) => ({
      broken: cyclicLR({ ...opts(c), mode: "triangular" }).lr,
      laws: ["decaysLike"],
      caughtBy: "decaysLike",
      modes: ["exp_range"],
    }),
    "NaN at the last safe integer": (_c, s) => ({
      broken: (t) => (t === Number.MAX_SAFE_INTEGER ? [NaN] : s(t)),
      laws: ["finite"],
      caughtBy: "finite",
    }),
    "keeps a hidden counter": (_c, s) => {
      let calls = 0;
      return { broken: (t) => s(t).map((v) => v + ++calls), laws: ["deterministic"], caughtBy: "deterministic" };
    },
    "counts its own iterations": (_c, s) => {
      let n = 0;
      return { broken: () => s(n++), laws: ["startOffset"], caughtBy: "startOffset" };
    },
    "swaps two groups": (c) => {
      const a = { ...opts(c), baseLr: c.baseLr, maxLr: c.maxLr };
      const b = { ...opts(c), baseLr: c.baseLr + 1, maxLr: c.maxLr + 1 };
      return {
        broken: cyclicLR({ ...opts(c), baseLr: [b.baseLr, a.baseLr], maxLr: [b.maxLr, a.maxLr] }).lr,
        correct: cyclicLR({ ...opts(c), baseLr: [a.baseLr, b.baseLr], maxLr: [a.maxLr, b.maxLr] }).lr,
        laws: ["groupsIndependent"],
        caughtBy: "groupsIndependent",
        single: [cyclicLR(a).lr, cyclicLR(b).lr],
      };
    },
  };

  test("catches every broken schedule (a mutated correct one) and names the law it breaks", () =>
    fc.assert(
      fc.property(visibleArb, fc.constantFrom(...Object.keys(MUTATIONS)), (c, name) => {
        const s = cyclicLR(opts(c)).lr;
        const { broken, correct = s, laws, caughtBy, modes, single } = MUTATIONS[name](c, s);
        fc.pre(modes === undefined || modes.includes(c.mode));
        const { mode: _mode, ...fields } = c;
        const options = { ...fields, laws, single, samples: 8 };
        checkScheduleLaws(correct, options); // the law holds before the mutation...
        assert.throws(() => checkScheduleLaws(broken, options), (e: unknown) => { // ...and catches it
          assert.ok(e instanceof AggregateError, String(e));
          assert.ok(e.errors.some((x) => x instanceof LawError && x.law === caughtBy), e.message);
          assert.match(
            e.message,
            new RegExp(`^checkScheduleLaws: \\d+ laws? broken\\n(.*\\n)*${caughtBy}: at t = \\d+`),
          );
          return true;
        });
      }),
      { numRuns: 200 },
    ));

  test("names every broken law at once, momentum laws prefixed with 'momentum.'", () => {
    const p = cyclicLR({
      baseLr: 1,
      maxLr: 5,
      stepSizeUp: 4,
      mode: "triangular2",
      baseMomentum: 0.8,
      maxMomentum: 0.9,
    });
    assert.throws(
      () =>
        checkScheduleLaws(p, {
          stepSizeUp: 4,
          baseLr: 1,
          maxLr: 5,
          baseMomentum: 0.8,
          maxMomentum: 0.9,
          laws: ["periodic", "withinBounds"],
        }),
      {
        name: "AggregateError",
        message: "checkScheduleLaws: 2 laws broken\n" +
          "periodic: at t = 1 and t = 9, group 0: expected 2, got 1.5\n" +
          "momentum.periodic: at t = 1 and t = 9, group 0: expected 0.875, got 0.8875000000000001",
      },
    );
  });

  test("a law that needs an option it was not given is a TypeError", () => {
    assert.throws(
      () => checkScheduleLaws(() => [1], { laws: ["periodic"] }),
      { name: "TypeError", message: "period: expected a value (the periodic law needs it), got undefined" },
    );
  });

  test("checks the same iterations on every run (seeded), and other ones for another seed", () => {
    const s = cyclicLR({ stepSizeUp: 7 }).lr;
    const a = checkScheduleLaws(s, { stepSizeUp: 7 }).iterations;
    assert.deepEqual(checkScheduleLaws(s, { stepSizeUp: 7 }).iterations, a);
    assert.notDeepEqual(checkScheduleLaws(s, { stepSizeUp: 7, seed: 2 }).iterations, a);
    for (const t of [0, 7, 14, 21, Number.MAX_SAFE_INTEGER]) assert.ok(a.includes(t), `iteration ${t}`);
  });
});

describe("the laws themselves", () => {
  test("periodic accepts any function of t mod P, and names both iterations when it breaks", () =>
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.nat({ max: 1_000_000 }),
        (table, t) => {
          const P = table.length;
          periodic((u) => [table[u % P]], t, { period: P });
          const drifting = (u: number) => [table[u % P] + Math.floor(u / P)];
          assert.throws(() => periodic(drifting, t, { period: P }), (e: unknown) =>
            e instanceof LawError && e.law === "periodic" && e.iterations[0] === t && e.iterations[1] === t + P);
        },
      ),
      { numRuns: 150 },
    ));

  test("withinBounds names the value and both bounds", () =>
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.nat(),
        (lo, gap, t) => {
          const v = lo + 2 * gap + 1;
          assert.throws(() => withinBounds(() => [v], t, { from: lo + gap, to: lo }), {
            name: "LawError",
            message: `withinBounds: at t = ${t}, group 0: expected a value in [${lo}, ${lo + gap}], got ${v}`,
          });
        },
      ),
      { numRuns: 150 },
    ));
});
