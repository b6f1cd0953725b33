// wsd and cooldown against their references. HF transformers: get_wsd_schedule and its lambda
// (src/transformers/optimization.py), transcribed in test/_oracles_02.ts; the stored
// tests/optimization/test_optimization.py has no wsd case (its test_schedulers covers the
// other HF schedules), so HF is checked through the oracle. timm: WSDLRScheduler
// (timm/scheduler/wsd_lr.py), transcribed too, and every expectation of tests/test_scheduler.py
// TestWSDScheduler that applies to these policies (the `exp` decay, callables and the `power`
// stable function are not offered here; the epoch/update factory is timm's own).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { constant, cooldown, inverseSqrt, join, linear, type Policy, wsd, type WsdOptions } from "../mod.ts";
import { hfStableSteps, hfWsdLambda, lambdaLR, timmWsd } from "./_oracles_02.ts";
import { agree, report, tally } from "./_compare.ts";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const at = (p: Policy, t: number) => p(t)[0];

/** pytest.approx's default: 1e-6 relative (and 1e-12 absolute). */
function approx(actual: number, expected: number, what: string, abs = 1e-12): void {
  assert.ok(
    Math.abs(actual - expected) <= Math.max(1e-6 * Math.abs(expected), abs),
    `${what}: ${actual} != ${expected}`,
  );
}

describe("timm tests/test_scheduler.py TestWSDScheduler expectations", () => {
  const base = 0.1;

  test("test_phases: warm-up below base, stable at base, strictly decreasing decay to lr_min at 105, held", () => {
    const lrMin = 0.01, warmupT = 5, tInitial = 100, decayT = 20;
    const asHf = wsd({
      peakValue: base,
      warmupSteps: warmupT,
      stableSteps: tInitial - decayT,
      decaySteps: decayT,
      minLrRatio: lrMin / base,
      decayShape: "1-sqrt",
    });
    // timm's warm-up starts at warmup_lr_init (0 here), not at lr_min: a cooldown of a warm-up then a constant.
    const asTimm = join([
      linear({ initValue: 0, endValue: base, transitionSteps: warmupT }),
      cooldown(constant({ value: base }), { at: tInitial - decayT, steps: decayT, endValue: lrMin }),
    ], [warmupT]);
    for (const [name, p] of [["wsd", asHf], ["join + cooldown", asTimm]] as const) {
      const lrs = range(warmupT + tInitial + 10).map((t) => at(p, t));
      assert.ok(lrs[warmupT - 1] < base, name);
      for (let t = warmupT; t <= warmupT + tInitial - decayT; t++) approx(lrs[t], base, `${name} stable at ${t}`);
      const decay = lrs.slice(warmupT + tInitial - decayT, warmupT + tInitial + 1);
      for (let i = 1; i < decay.length; i++) assert.ok(decay[i - 1] > decay[i], `${name} strictly decreasing at ${i}`);
      approx(decay[decay.length - 1], lrMin, `${name} ends at lr_min`);
      for (const lr of lrs.slice(warmupT + tInitial)) approx(lr, lrMin, `${name} held at lr_min`);
    }
  });

  const fns: readonly [WsdOptions["decayShape"] & string, number][] = [
    ["linear", 0.5],
    ["1-sqrt", 1 - Math.sqrt(0.5)],
    ["cosine", 0.5],
    ["power", 1 - 0.5 ** 2], // decay_power=2
  ];
  for (const [shape, mid] of fns) {
    test(`test_decay_fns (${shape}): 1 at the start of the decay, ${mid.toFixed(4)} half way, 0 at the end`, () => {
      const tInitial = 100, decayT = 20;
      const power = shape === "power" ? { decayPower: 2 } : {};
      const p = wsd({
        peakValue: base,
        stableSteps: tInitial - decayT,
        decaySteps: decayT,
        decayShape: shape,
        ...power,
      });
      const c = cooldown(constant({ value: base }), {
        at: tInitial - decayT,
        steps: decayT,
        shape,
        ...(shape === "power" ? { power: 2 } : {}),
      });
      for (const s of [p, c]) {
        approx(at(s, tInitial - decayT), base, "start");
        approx(at(s, tInitial - decayT / 2), base * mid, "half way");
        approx(at(s, tInitial), 0, "end");
      }
    });
  }

  for (const timescale of [2, 50]) {
    test(`test_stable_fns (rsqrt, timescale ${timescale}): a cooldown of inverseSqrt hands off at base and falls as (1 + t_s/τ)^-0.5`, () => {
      const warmupT = 5, tInitial = 100, decayT = 20;
      const rsqrt = inverseSqrt({ peakValue: base, warmupSteps: warmupT, timescale });
      const p = cooldown(rsqrt, { at: warmupT + tInitial - decayT, steps: decayT, shape: "linear" });
      approx(at(p, warmupT), base, "hand-off");
      for (let t = warmupT; t < warmupT + tInitial - decayT; t++) {
        approx(at(p, t), base * (1 + (t - warmupT) / timescale) ** -0.5, `stable at ${t}`);
      }
      approx(at(p, warmupT + tInitial), 0, "end");
      // timm's decay multiplies the still-falling stable value (its 0.5 at t = 95 is of
      // (1 + 90/τ)^-0.5); a cooldown falls from the value at the fork (t = 85), as documented.
      const t = warmupT + tInitial - decayT / 2;
      approx(at(p, t), base * (1 + (tInitial - decayT) / timescale) ** -0.5 * 0.5, "half way from the fork");
    });
  }

  test("test_rsqrt_matches_big_vision: with timescale = warmup, lr = base * sqrt(W / max(t, W))", () => {
    const warmupT = 10, tInitial = 100;
    const p = cooldown(inverseSqrt({ peakValue: base, warmupSteps: warmupT }), {
      at: warmupT + tInitial - 1,
      steps: 1,
    });
    for (let t = warmupT; t < warmupT + tInitial - 1; t++) {
      approx(at(p, t), base * Math.sqrt(warmupT / Math.max(t, warmupT)), `t = ${t}`);
    }
  });

  test("test_invalid_args: decay 0, decay longer than the schedule, an unknown decay, power 0 are errors", () => {
    assert.throws(() => wsd({ peakValue: 0.1, totalSteps: 100, decaySteps: 0 }), {
      name: "RangeError",
      message: "decaySteps: expected a positive integer, got 0",
    });
    assert.throws(() => wsd({ peakValue: 0.1, totalSteps: 100, decaySteps: 101 }), {
      name: "RangeError",
      message: "totalSteps: expected an integer >= warmupSteps + decaySteps (101), got 100",
    });
    assert.throws(() => wsd({ peakValue: 0.1, totalSteps: 100, decaySteps: 10, decayShape: "sqrt" as never }), {
      name: "TypeError",
      message: 'decayShape: expected one of "linear", "cosine", "1-sqrt", "power", got "sqrt"',
    });
    assert.throws(() => wsd({ peakValue: 0.1, totalSteps: 100, decaySteps: 10, decayShape: "power", decayPower: 0 }), {
      name: "RangeError",
      message: "decayPower: expected a finite number > 0, got 0",
    });
    assert.throws(() => cooldown(constant({ value: 0.1 }), { at: 90, steps: 10, shape: "power", power: 0 }), {
      name: "RangeError",
      message: "power: expected a finite number > 0, got 0",
    });
    // timm's rsqrt without warm-up needs a timescale; HF's inverse sqrt defaults it to 10000, and so does this.
    assert.equal(at(inverseSqrt({ peakValue: 1 }), 30000), 0.5);
  });
});

/** A wsd config as HF's arguments and as our options, by construction. */
const shapeArb = fc.record({
  warmupShape: fc.constantFrom("linear", "cosine", "1-sqrt"),
  decayShape: fc.constantFrom("linear", "cosine", "1-sqrt", "power"),
  numCycles: fc.oneof(fc.constant(0.5), fc.constant(1.5), fc.double({ min: 0.01, max: 4, noNaN: true })),
  decayPower: fc.oneof(fc.constant(0.5), fc.constant(2), fc.double({ min: 0.05, max: 6, noNaN: true })),
});
const peakArb = fc.oneof(
  fc.constant(1),
  fc.double({ min: 1e-8, max: 10, noNaN: true }),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
);
const ratioArb = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));

/** Short phases (every step compared) or long ones (the steps around the seams and far ones). */
const wsdCaseArb = fc.record({
  peak: peakArb,
  r: ratioArb,
  shapes: shapeArb,
  w: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 2 ** 40 })),
  s: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 2 ** 40 })),
  d: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2 ** 40 })),
  byTotal: fc.boolean(),
  far: fc.array(fc.maxSafeNat(), { maxLength: 8 }),
});

describe("agrees with HF's _get_wsd_scheduler_lambda (LambdaLR: peak * lambda) at 1e-12 relative", () => {
  test("at every step of short schedules, around every seam of long ones, and far beyond", () => {
    const seen = tally();
    fc.assert(
      fc.property(wsdCaseArb, ({ peak, r, shapes, w, s, d, byTotal, far }) => {
        const { warmupShape, decayShape } = shapes;
        const cosine = decayShape === "cosine", power = decayShape === "power";
        const options: WsdOptions = {
          peakValue: peak,
          warmupSteps: w,
          ...(byTotal ? { totalSteps: w + s + d } : { stableSteps: s }),
          decaySteps: d,
          minLrRatio: r,
          warmupShape,
          decayShape,
          ...(cosine ? { numCycles: shapes.numCycles } : {}),
          ...(power ? { decayPower: shapes.decayPower } : {}),
        };
        const p = wsd(options);
        const hf = {
          numWarmupSteps: w,
          numStableSteps: hfStableSteps({
            numWarmupSteps: w,
            numDecaySteps: d,
            ...(byTotal ? { numTrainingSteps: w + s + d } : { numStableSteps: s }),
          }),
          numDecaySteps: d,
          warmupType: warmupShape,
          decayType: decayShape,
          minLrRatio: r,
          numCycles: cosine ? shapes.numCycles : 0.5,
          decayPower: shapes.decayPower,
        };
        const end = w + s + d;
        const steps = end <= 3000
          ? range(end + 3)
          : [w, w + s, end].flatMap((b) => [b - 2, b - 1, b, b + 1, b + 2]).concat(range(50), far)
            .filter((t) => t >= 0 && Number.isSafeInteger(t));
        for (const t of steps) {
          agree(at(p, t), lambdaLR(peak, hfWsdLambda(t, hf)), `t = ${t} of ${JSON.stringify(options)}`, peak, seen);
        }
      }),
      {
        numRuns: 300,
        examples: [[{
          peak: 10,
          r: 0.1,
          shapes: { warmupShape: "linear", decayShape: "cosine", numCycles: 0.5, decayPower: 1 },
          w: 2,
          s: 2,
          d: 3,
          byTotal: false,
          far: [],
        }]],
      },
    );
    report("HF wsd lambda", seen);
    assert.ok(seen.steps > 50_000, `${seen.steps} steps compared`);
  });
});

describe("agrees with timm's WSDLRScheduler._get_lr (stable_fn constant) at 1e-12 relative", () => {
  const timmArb = fc.record({
    base: fc.oneof(fc.constant(0.1), fc.double({ min: 1e-6, max: 10, noNaN: true })),
    lrMinRatio: ratioArb,
    decayFn: fc.constantFrom("linear", "1-sqrt", "cosine", "power"),
    decayPower: fc.double({ min: 0.05, max: 6, noNaN: true }),
    warmupT: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 })),
    tInitial: fc.integer({ min: 1, max: 1500 }),
    decayFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    initRatio: ratioArb,
  }).map((c) => ({ ...c, lrMin: c.base * c.lrMinRatio, decayT: Math.max(1, Math.ceil(c.decayFraction * c.tInitial)) }));

  test("timm = join([linear warm-up from warmup_lr_init, cooldown(constant(base), lr_min)]) at every step", () => {
    const seen = tally();
    fc.assert(
      fc.property(timmArb, (c) => {
        const warmupLrInit = c.base * c.initRatio;
        const shape = c.decayFn;
        const cool = cooldown(constant({ value: c.base }), {
          at: c.tInitial - c.decayT,
          steps: c.decayT,
          shape,
          ...(shape === "power" ? { power: c.decayPower } : {}),
          endValue: c.lrMin,
        });
        const p = c.warmupT === 0
          ? cool
          : join([linear({ initValue: warmupLrInit, endValue: c.base, transitionSteps: c.warmupT }), cool], [
            c.warmupT,
          ]);
        const o = { ...c, baseLr: c.base, warmupLrInit };
        for (let t = 0; t < c.warmupT + c.tInitial + 5; t++) {
          agree(at(p, t), timmWsd(t, o), `t = ${t} of ${JSON.stringify(o)}`, c.base, seen);
        }
      }),
      { numRuns: 200 },
    );
    report("timm WSDLRScheduler", seen);
    assert.ok(seen.steps > 50_000);
  });

  test("timm with warmup_lr_init = lr_min is wsd with minLrRatio = lr_min / base", () => {
    fc.assert(
      fc.property(timmArb, (c) => {
        const shape = c.decayFn;
        const p = wsd({
          peakValue: c.base,
          warmupSteps: c.warmupT,
          stableSteps: c.tInitial - c.decayT,
          decaySteps: c.decayT,
          minLrRatio: c.lrMinRatio,
          decayShape: shape,
          ...(shape === "power" ? { decayPower: c.decayPower } : {}),
        });
        // lr_min = base * ratio may round, so compare against the ratio timm would see.
        const o = { ...c, baseLr: c.base, lrMin: c.base * c.lrMinRatio, warmupLrInit: c.base * c.lrMinRatio };
        for (let t = 0; t < c.warmupT + c.tInitial + 5; t++) agree(at(p, t), timmWsd(t, o), `t = ${t}`, c.base);
      }),
      { numRuns: 200 },
    );
  });
});
