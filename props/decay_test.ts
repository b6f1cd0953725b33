// Laws of optax's decays as policies (constant, linear, polynomial, exponentialDecay,
// cosineDecay, warmupCosineDecay, piecewiseConstant), driven by fast-check over valid configs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  constant,
  cosineDecay,
  exponentialDecay,
  finite,
  groupsIndependent,
  LawError,
  linear,
  type PerGroup,
  piecewiseConstant,
  polynomial,
  type Schedule,
  warmupCosineDecay,
  withinBounds,
} from "../mod.ts";
import {
  constantCaseArb,
  cosineDecayCaseArb,
  exponentialDecayCaseArb,
  piecewiseConstantCaseArb,
  polynomialCaseArb,
  warmupCosineDecayCaseArb,
  withoutPower,
} from "./decay_arbitraries.ts";

const RUNS = { numRuns: 200 };
const RTOL = 1e-12;
const LAST = Number.MAX_SAFE_INTEGER;

// ---- laws local to decays (each throws a LawError naming t and both values) ----

const at = (v: PerGroup, g: number) => (typeof v === "number" ? v : v[g]);
const slack = (...scales: number[]) => RTOL * Math.max(...scales.map(Math.abs)) + 1e-300;

/** `s(t + 1)` is not farther from `target` than `s(t)`, per group, up to 1e-12 of the scale. */
function movesToward(s: Schedule, t: number, target: PerGroup, scale: PerGroup): void {
  const a = s(t), b = s(t + 1);
  a.forEach((v, g) => {
    const T = at(target, g);
    if (!(Math.abs(b[g] - T) <= Math.abs(v - T) + slack(at(scale, g), v))) {
      throw new LawError("movesToward", [t, t + 1], `(group ${g}) expected a step toward ${T}, got ${v} then ${b[g]}`);
    }
  });
}

/** `s(t + 1) >= s(t)` (direction 1) or `<=` (direction -1), per group, up to 1e-12 relative. */
function monotone(s: Schedule, t: number, direction: 1 | -1): void {
  const a = s(t), b = s(t + 1);
  a.forEach((v, g) => {
    if (!(direction * (b[g] - v) >= -slack(v, b[g]))) {
      throw new LawError(
        "monotone",
        [t, t + 1],
        `(group ${g}) expected ${direction > 0 ? "no fall" : "no rise"}, got ${v} then ${b[g]}`,
      );
    }
  });
}

/** `s(t)` equals `s(u)`, per group, to 1e-12 relative. */
function same(s: Schedule, t: number, u: number): void {
  const a = s(t), b = s(u);
  a.forEach((v, g) => {
    if (!(Math.abs(v - b[g]) <= slack(v, b[g]))) {
      throw new LawError("same", [t, u], `(group ${g}) expected equal values, got ${v} and ${b[g]}`);
    }
  });
}

/** `s(t)` equals `want`, per group, to 1e-12 of `scale`. */
function equals(s: Schedule, t: number, want: readonly number[], scale: readonly number[], law: string): void {
  const v = s(t);
  v.forEach((x, g) => {
    if (!(Math.abs(x - want[g]) <= slack(scale[g], want[g]))) {
      throw new LawError(law, [t], `(group ${g}) expected ${want[g]}, got ${x}`);
    }
  });
}

/** An iteration near a point of interest (`base + offset` of a span), a small one, or any safe one. */
const positionArb = fc.record({
  kind: fc.constantFrom("near", "small", "far"),
  u: fc.double({ min: 0, max: 1.5, noNaN: true }),
  d: fc.integer({ min: -3, max: 3 }),
  small: fc.nat({ max: 300 }),
  far: fc.maxSafeNat(),
});
type Position = typeof positionArb extends fc.Arbitrary<infer P> ? P : never;

/** Places a position: near `base + u * span`, clamped to [0, 2^53 - 2] so `t + 1` is safe. */
function place(p: Position, base: number, span: number): number {
  const t = p.kind === "small" ? p.small : p.kind === "far" ? p.far : Math.floor(base + p.u * span) + p.d;
  return Math.min(Math.max(t, 0), LAST - 1);
}

const singleGroup = (values: readonly number[], build: (v: number, g: number) => Schedule): Schedule[] =>
  values.map((v, g) => build(v, g));

// ---- constant ----

describe("constant", () => {
  test("lr(t) = value at every iteration", () =>
    fc.assert(
      fc.property(constantCaseArb, fc.oneof(fc.maxSafeNat(), fc.nat({ max: 100 })), (c, t) => {
        const { lr } = constant(c.options);
        equals(lr, t, c.value, c.value, "constant");
      }),
      RUNS,
    ));
});

// ---- linear and polynomial ----

describe("polynomial and linear", () => {
  test("stay between initValue and endValue", () =>
    fc.assert(
      fc.property(polynomialCaseArb, positionArb, (c, p) => {
        const t = place(p, c.transitionBegin, c.transitionSteps);
        withinBounds(polynomial(c.options).lr, t, { from: c.initValue, to: c.endValue });
        withinBounds(linear(withoutPower(c.options)).lr, t, { from: c.initValue, to: c.endValue });
      }),
      RUNS,
    ));

  test("move monotonically toward endValue", () =>
    fc.assert(
      fc.property(polynomialCaseArb, positionArb, (c, p) => {
        const t = place(p, c.transitionBegin, c.transitionSteps);
        movesToward(polynomial(c.options).lr, t, c.endValue, c.initValue);
        movesToward(linear(withoutPower(c.options)).lr, t, c.endValue, c.initValue);
      }),
      RUNS,
    ));

  test("hold initValue until transitionBegin and endValue from transitionBegin + transitionSteps", () =>
    fc.assert(
      fc.property(polynomialCaseArb, fc.nat({ max: 1000 }), (c, k) => {
        const { lr } = polynomial(c.options);
        const scale = c.initValue.map((v, g) => Math.max(v, c.endValue[g]));
        equals(lr, Math.max(c.transitionBegin - k, 0), c.initValue, scale, "polynomial before transitionBegin");
        const end = c.transitionBegin + c.transitionSteps + k;
        if (end <= LAST) equals(lr, end, c.endValue, scale, "polynomial after the transition");
      }),
      RUNS,
    ));

  test("linear is halfway at the middle of an even transition", () =>
    fc.assert(
      fc.property(polynomialCaseArb, (c) => {
        const steps = 2 * Math.min(c.transitionSteps, 2 ** 40);
        const { lr } = linear({ ...withoutPower(c.options), transitionSteps: steps });
        const mid = c.transitionBegin + steps / 2;
        if (mid > LAST) return;
        const want = c.initValue.map((v, g) => (v - c.endValue[g]) * 0.5 + c.endValue[g]);
        equals(lr, mid, want, c.initValue.map((v, g) => Math.max(v, c.endValue[g])), "linear midpoint");
      }),
      RUNS,
    ));

  test("every group is the one-group policy of its own values", () =>
    fc.assert(
      fc.property(polynomialCaseArb, positionArb, (c, p) => {
        const t = place(p, c.transitionBegin, c.transitionSteps);
        const single = singleGroup(c.initValue, (v, g) =>
          polynomial({ ...c.options, initValue: v, endValue: c.endValue[g] }).lr);
        groupsIndependent(polynomial(c.options).lr, t, { single });
      }),
      RUNS,
    ));
});

// ---- exponentialDecay ----

describe("exponentialDecay", () => {
  test("stays between initValue and endValue (or 0 / the largest double when there is none)", () =>
    fc.assert(
      fc.property(exponentialDecayCaseArb, positionArb, (c, p) => {
        const t = place(p, c.transitionBegin, 40 * c.transitionSteps);
        const { lr } = exponentialDecay(c.options);
        const to = c.endValue ?? (c.decayRate < 1 ? 0 : c.decayRate > 1 ? Number.MAX_VALUE : c.initValue);
        withinBounds(lr, t, { from: c.initValue, to });
      }),
      RUNS,
    ));

  test("is monotone in the direction of decayRate: non-increasing below 1, non-decreasing above", () =>
    fc.assert(
      fc.property(exponentialDecayCaseArb, positionArb, (c, p) => {
        const t = place(p, c.transitionBegin, 40 * c.transitionSteps);
        monotone(exponentialDecay(c.options).lr, t, c.decayRate < 1 ? -1 : 1);
      }),
      RUNS,
    ));

  test("with staircase, is constant on each stair of transitionSteps iterations", () =>
    fc.assert(
      fc.property(exponentialDecayCaseArb, positionArb, (c, p) => {
        const { lr } = exponentialDecay({ ...c.options, staircase: true });
        const t = place(p, c.transitionBegin, 40 * c.transitionSteps);
        const start = t <= c.transitionBegin ? 0 : t - ((t - c.transitionBegin) % c.transitionSteps);
        same(lr, t, start);
      }),
      RUNS,
    ));

  test("with staircase, equals the continuous decay at the start of every stair", () =>
    fc.assert(
      fc.property(exponentialDecayCaseArb, fc.nat({ max: 2000 }), (c, k) => {
        const t = c.transitionBegin + k * c.transitionSteps;
        if (t > LAST) return;
        const a = exponentialDecay({ ...c.options, staircase: true }).lr(t);
        const b = exponentialDecay({ ...c.options, staircase: false }).lr(t);
        a.forEach((v, g) => assert.ok(Math.abs(v - b[g]) <= slack(v, b[g]), `t = ${t}, group ${g}: ${v} vs ${b[g]}`));
      }),
      RUNS,
    ));

  test("holds initValue (bounded by endValue) up to transitionBegin", () =>
    fc.assert(
      fc.property(exponentialDecayCaseArb, fc.nat({ max: 100 }), (c, k) => {
        const want = c.initValue.map((v, g) =>
          c.endValue === undefined ? v : c.decayRate < 1 ? Math.max(v, c.endValue[g]) : Math.min(v, c.endValue[g])
        );
        equals(
          exponentialDecay(c.options).lr,
          Math.max(c.transitionBegin - k, 0),
          want,
          want,
          "exponentialDecay before transitionBegin",
        );
      }),
      RUNS,
    ));

  test("every group is the one-group policy of its own values", () =>
    fc.assert(
      fc.property(exponentialDecayCaseArb, positionArb, (c, p) => {
        const t = place(p, c.transitionBegin, 40 * c.transitionSteps);
        const single = singleGroup(c.initValue, (v, g) =>
          exponentialDecay({ ...c.options, initValue: v, endValue: c.endValue?.[g] }).lr);
        groupsIndependent(exponentialDecay(c.options).lr, t, { single });
      }),
      RUNS,
    ));
});

// ---- cosineDecay ----

describe("cosineDecay", () => {
  test("stays between alpha * initValue and initValue, and is non-increasing", () =>
    fc.assert(
      fc.property(cosineDecayCaseArb, positionArb, (c, p) => {
        const t = place(p, 0, c.decaySteps);
        const { lr } = cosineDecay(c.options);
        withinBounds(lr, t, { from: c.initValue, to: c.initValue.map((v) => v * c.alpha) });
        monotone(lr, t, -1);
      }),
      RUNS,
    ));

  test("starts at initValue and holds alpha * initValue from decaySteps on", () =>
    fc.assert(
      fc.property(cosineDecayCaseArb, fc.nat({ max: 1000 }), (c, k) => {
        const { lr } = cosineDecay(c.options);
        equals(lr, 0, c.initValue, c.initValue, "cosineDecay at 0");
        const t = Math.min(c.decaySteps + k, LAST);
        equals(lr, t, c.initValue.map((v) => v * c.alpha), c.initValue, "cosineDecay after decaySteps");
      }),
      RUNS,
    ));
});

// ---- warmupCosineDecay ----

describe("warmupCosineDecay", () => {
  test("stays between initValue and peakValue in the warm-up, between peakValue and endValue after", () =>
    fc.assert(
      fc.property(warmupCosineDecayCaseArb, positionArb, (c, p) => {
        const t = place(p, p.u < 0.5 ? 0 : c.warmupSteps, p.u < 0.5 ? c.warmupSteps : c.decaySteps - c.warmupSteps);
        const { lr } = warmupCosineDecay(c.options);
        // with peakValue 0 optax's alpha is 0: the decay is 0 whatever endValue
        const end = c.endValue.map((e, g) => (c.peakValue[g] === 0 ? 0 : e));
        if (t < c.warmupSteps) withinBounds(lr, t, { from: c.initValue, to: c.peakValue });
        else withinBounds(lr, t, { from: c.peakValue, to: end });
      }),
      RUNS,
    ));

  test("moves toward peakValue in the warm-up and toward endValue after", () =>
    fc.assert(
      fc.property(warmupCosineDecayCaseArb, positionArb, (c, p) => {
        const t = place(p, c.warmupSteps, c.decaySteps - c.warmupSteps);
        const { lr } = warmupCosineDecay(c.options);
        const scale = c.initValue.map((v, g) => Math.max(v, c.peakValue[g], c.endValue[g]));
        const end = c.endValue.map((e, g) => (c.peakValue[g] === 0 ? 0 : e));
        if (t + 1 < c.warmupSteps) movesToward(lr, t, c.peakValue, scale);
        else if (t >= c.warmupSteps) movesToward(lr, t, end, scale);
      }),
      RUNS,
    ));

  test("is continuous at the seam: peakValue at warmupSteps, one warm-up step away just before", () =>
    fc.assert(
      fc.property(warmupCosineDecayCaseArb, (c) => {
        const { lr } = warmupCosineDecay(c.options);
        const W = c.warmupSteps;
        const scale = c.initValue.map((v, g) => Math.max(v, c.peakValue[g], c.endValue[g]));
        equals(lr, W, c.peakValue, scale, "warmupCosineDecay at warmupSteps");
        if (W === 0) return;
        const before = lr(W - 1);
        before.forEach((v, g) => {
          const step = Math.abs(c.peakValue[g] - c.initValue[g]) / W;
          assert.ok(
            Math.abs(v - c.peakValue[g]) <= step + slack(scale[g]),
            `group ${g}: ${v} at ${W - 1}, peak ${c.peakValue[g]}`,
          );
        });
      }),
      RUNS,
    ));

  test("reaches endValue at decaySteps and holds it", () =>
    fc.assert(
      fc.property(warmupCosineDecayCaseArb, fc.nat({ max: 1000 }), (c, k) => {
        const { lr } = warmupCosineDecay(c.options);
        const end = c.endValue.map((e, g) => (c.peakValue[g] === 0 ? 0 : e));
        const scale = c.peakValue.map((v, g) => Math.max(v, c.endValue[g]));
        equals(lr, Math.min(c.decaySteps + k, LAST), end, scale, "warmupCosineDecay after decaySteps");
      }),
      RUNS,
    ));

  test("every group is the one-group policy of its own values", () =>
    fc.assert(
      fc.property(warmupCosineDecayCaseArb, positionArb, (c, p) => {
        const t = place(p, c.warmupSteps, c.decaySteps - c.warmupSteps);
        const single = singleGroup(c.initValue, (v, g) =>
          warmupCosineDecay({ ...c.options, initValue: v, peakValue: c.peakValue[g], endValue: c.endValue[g] }).lr);
        groupsIndependent(warmupCosineDecay(c.options).lr, t, { single });
      }),
      RUNS,
    ));
});

// ---- piecewiseConstant ----

/**
 * The product of non-negative finite factors, rounded once per multiplication as the
 * left-to-right product is, but carried as `p * 2^k` so that no partial product overflows;
 * held at Number.MAX_VALUE where the true product passes it.
 */
function trueProduct(factors: readonly number[]): number {
  if (factors.some((f) => f === 0)) return 0;
  let p = 1, k = 0;
  const renorm = () => {
    while (p >= 2 ** 512) (p /= 2 ** 512), (k += 512);
    while (p < 2 ** -512) (p *= 2 ** 512), (k -= 512);
  };
  for (let f of factors) {
    while (f >= 2 ** 512) (f /= 2 ** 512), (k += 512);
    while (f < 2 ** -512) (f *= 2 ** 512), (k -= 512);
    p *= f;
    renorm();
  }
  for (; k > 0; k--) if ((p *= 2) > Number.MAX_VALUE) return Number.MAX_VALUE;
  for (; k < 0; k++) p /= 2;
  return p;
}

describe("piecewiseConstant", () => {
  test("lr(t) = initValue times the product of the scales of boundaries <= t, in boundary order", () =>
    fc.assert(
      fc.property(piecewiseConstantCaseArb(), positionArb, (c, p) => {
        const first = c.steps.length ? c.steps[0][0] : 0;
        const t = place(p, first, c.steps.length ? c.steps[c.steps.length - 1][0] - first + 1 : 10);
        // The true product (the spec's edge case: held at the largest double only where it
        // passes it), rescaled by exact powers of two where a partial product would overflow.
        const want = c.initValue.map((v) => trueProduct([v, ...c.steps.filter(([b]) => b <= t).map(([, s]) => s)]));
        equals(piecewiseConstant(c.options).lr, t, want, want, "piecewise product");
      }),
      RUNS,
    ));

  test("changes only at boundaries: lr(t + 1) = lr(t) unless t + 1 is a boundary", () =>
    fc.assert(
      fc.property(piecewiseConstantCaseArb(), positionArb, (c, p) => {
        const t = place(p, c.steps.length ? c.steps[0][0] : 0, 10);
        if (c.steps.some(([b]) => b === t + 1)) return;
        same(piecewiseConstant(c.options).lr, t, t + 1);
      }),
      RUNS,
    ));

  test("stays finite with scales up to the largest double", () =>
    fc.assert(
      fc.property(
        piecewiseConstantCaseArb(fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true })),
        fc.oneof(fc.maxSafeNat(), fc.nat({ max: 60 })),
        (c, t) => finite(piecewiseConstant(c.options).lr, t),
      ),
      RUNS,
    ));
});

// ---- every decay, at every safe iteration ----

describe("every decay", () => {
  const builds: [string, fc.Arbitrary<Schedule>][] = [
    ["constant", constantCaseArb.map((c) => constant(c.options).lr)],
    ["linear", polynomialCaseArb.map((c) => linear(withoutPower(c.options)).lr)],
    ["polynomial", polynomialCaseArb.map((c) => polynomial(c.options).lr)],
    ["exponentialDecay", exponentialDecayCaseArb.map((c) => exponentialDecay(c.options).lr)],
    ["cosineDecay", cosineDecayCaseArb.map((c) => cosineDecay(c.options).lr)],
    ["warmupCosineDecay", warmupCosineDecayCaseArb.map((c) => warmupCosineDecay(c.options).lr)],
    ["piecewiseConstant", piecewiseConstantCaseArb().map((c) => piecewiseConstant(c.options).lr)],
  ];
  for (const [name, arb] of builds) {
    test(`${name} is finite at every iteration up to 2^53 - 1`, () =>
      fc.assert(
        fc.property(arb, fc.oneof(fc.maxSafeNat(), fc.nat({ max: 1000 }), fc.constant(LAST)), (s, t) => finite(s, t)),
        RUNS,
      ));
  }
});
