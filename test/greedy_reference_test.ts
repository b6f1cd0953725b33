// Greedy against HF's GreedyLR: the expectations of its own tests
// (tests/optimization/test_greedy_lr.py, GreedyLRTest and StreamingAverageTest), pinned; then
// GreedyLR.step transcribed (test/_greedy_oracle.ts) and compared after every observation
// over fast-check runs, bit for bit, NaN and ±Infinity metrics included; then the laws.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { constant, cosineDecay, greedy, type GreedyOptions, type GreedyState, hear } from "../mod.ts";
import { decodeConfig, metricPolicyFromConfig } from "../config.ts";
import { type GreedyArgs, HF_DEFAULTS, HfGreedyLR } from "./_greedy_oracle.ts";
import { metricsArb } from "../props/plateau_arbitraries.ts";

/** The fixture of HF's tests: lr 0.1, mode min, factor 0.9, patience 3, min_lr 1e-6, max_lr 1. */
const HF_TEST: GreedyOptions = { mode: "min", factor: 0.9, patience: 3, minLr: 1e-6, maxLr: 1, cooldown: 0, warmup: 0 };

/** Steps a greedy policy over metrics (observed after updates 0, 1, …) and gives the state and the rates in force after each. */
function run(value: number | number[], options: GreedyOptions, metrics: readonly number[]) {
  const p = greedy(constant({ value }), options);
  let s = p.initial;
  const rates: (readonly number[])[] = [];
  metrics.forEach((m, i) => {
    s = p.observe(s, i, m);
    rates.push(p.at(s)(i + 1));
  });
  return { state: s as GreedyState, rates, last: rates[rates.length - 1] };
}

const near = (a: number, b: number, places = 7) => Math.abs(a - b) < 0.5 * 10 ** -places;

describe("HF tests/optimization/test_greedy_lr.py, pinned", () => {
  test("test_lr_decrease_on_plateau: a best, then four worse: 0.1 * 0.9", () => {
    const { last } = run(0.1, { ...HF_TEST, patience: 3 }, [5, 10, 10, 10, 10]);
    assert.ok(last[0] < 0.1 && near(last[0], 0.1 * 0.9), `${last[0]}`);
  });
  test("test_lr_increase_on_improvement: four improvements: 0.1 / 0.9", () => {
    const { last } = run(0.1, HF_TEST, [8, 6.4, 5.12, 4.096]);
    assert.ok(last[0] > 0.1 && near(last[0], 0.1 / 0.9), `${last[0]}`);
  });
  test("test_lr_never_below_min_lr and test_lr_never_above_max_lr", () => {
    const low = run(0.1, { ...HF_TEST, patience: 1, minLr: 0.01, factor: 0.5 }, [1, ...new Array(50).fill(10)]);
    assert.ok(low.rates.every((r) => r[0] >= 0.01 - 1e-10));
    const improving = Array.from({ length: 50 }, (_, i) => 10 * 0.8 ** (i + 1));
    const high = run(0.1, { ...HF_TEST, patience: 1, maxLr: 0.2, factor: 0.5 }, improving);
    assert.ok(high.rates.every((r) => r[0] <= 0.2 + 1e-10));
  });
  test("test_cooldown_prevents_further_reduction", () => {
    const { rates } = run(0.1, { ...HF_TEST, patience: 2, cooldown: 3 }, [5, 10, 10, 10, 10, 10, 10]);
    const after = rates[3][0];
    assert.ok(near(after, 0.09));
    for (const r of rates.slice(4)) assert.ok(near(r[0], after));
  });
  test("test_warmup_prevents_further_increase", () => {
    const metrics = Array.from({ length: 6 }, (_, i) => 10 * 0.8 ** (i + 1));
    const { rates } = run(0.1, { ...HF_TEST, patience: 2, warmup: 3 }, metrics);
    const after = rates[2][0];
    assert.ok(near(after, 0.1 / 0.9));
    for (const r of rates.slice(3)) assert.ok(near(r[0], after));
  });
  test("test_smoothing_uses_streaming_average: the window holds the last 3, average 6", () => {
    const { state } = run(0.1, { ...HF_TEST, smooth: true, windowSize: 3, patience: 10 }, [10, 8, 6, 4]);
    assert.deepEqual(state.window, [8, 6, 4]);
    assert.ok(near(Number(state.sum) / state.window.length, 6, 5));
  });
  test("test_no_smoothing_by_default, and HF's defaults", () => {
    const { state } = run(0.1, {}, [3, 2]);
    assert.deepEqual(state.window, []);
    const p = greedy(constant({ value: 0.1 }));
    assert.equal(p.initial && (p.initial as GreedyState).resetLeft, 500);
  });
  test("test_state_dict_round_trip: a state through JSON goes on identically", () => {
    const o = { ...HF_TEST, smooth: true, windowSize: 5 };
    const p = greedy(constant({ value: 0.1 }), o);
    let s = p.initial;
    [10, 9, 8, 7, 6, 5, 6, 7].forEach((m, i) => (s = p.observe(s, i, m)));
    let t = p.read(JSON.parse(JSON.stringify(s)));
    [5, 4, 3].forEach((m, k) => {
      const i = 8 + k;
      s = p.observe(s, i, m);
      t = p.observe(t, i, m);
      assert.deepEqual(p.at(t)(i + 1), p.at(s)(i + 1));
    });
    assert.deepEqual(t, s);
  });
  test("test_reset_at_min_lr: driven to minLr, the rate comes back to the schedule's", () => {
    const { last, state } = run(0.1, { ...HF_TEST, patience: 1, minLr: 0.01, factor: 0.5, resetStart: 2 }, [
      1,
      ...new Array(100).fill(10),
    ]);
    assert.ok(near(last[0], 0.1), `${last[0]}`);
    assert.ok(state.resets >= 1);
  });
  test("test_max_mode_lr_decrease and test_max_mode_lr_increase", () => {
    assert.ok(run(0.1, { ...HF_TEST, mode: "max", patience: 2 }, [10, 1, 1, 1]).last[0] < 0.1);
    assert.ok(run(0.1, { ...HF_TEST, mode: "max", patience: 2 }, [1.5, 2.25, 3.375]).last[0] > 0.1);
  });
  test("test_relative_threshold_mode: 9.5 after 10 is not an improvement with rel 0.1", () => {
    const { state } = run(0.1, { ...HF_TEST, thresholdMode: "rel", threshold: 0.1, patience: 2 }, [10, 9.5]);
    assert.equal(state.bad, 1);
  });
  test("test_multiple_param_groups: both groups reduced by 0.9", () => {
    const { last } = run([0.1, 0.01], { patience: 2, factor: 0.9, minLr: 1e-6 }, [5, 10, 10, 10]);
    assert.ok(near(last[0], 0.09) && near(last[1], 0.009), `${last}`);
  });
  test("test_initialization_invalid_factor, _mode, _threshold_mode: refused, naming the field", () => {
    const s = constant({ value: 0.1 });
    assert.throws(() => greedy(s, { factor: 1 }), { message: "factor: expected a number in (0, 1), got 1" });
    assert.throws(() => greedy(s, { factor: 1.5 }), { message: "factor: expected a number in (0, 1), got 1.5" });
    assert.throws(() => greedy(s, { mode: "unknown" as never }), {
      message: 'mode: expected one of "min", "max", got "unknown"',
    });
    assert.throws(() => greedy(s, { thresholdMode: "x" as never }), {
      message: 'thresholdMode: expected one of "rel", "abs", got "x"',
    });
  });
  test("StreamingAverageTest.test_basic_average: 1, 1.5, 2, then 3 once the window is full", () => {
    const p = greedy(constant({ value: 0.1 }), { smooth: true, windowSize: 3 });
    let s = p.initial;
    const averages = [1, 2, 3, 4].map((m, i) => {
      s = p.observe(s, i, m);
      const st = s as GreedyState;
      return Number(st.sum) / st.window.length;
    });
    assert.deepEqual(averages, [1, 1.5, 2, 3]);
  });
});

/** Options valid by construction, with HF's fields given or left out. */
const argsArb: fc.Arbitrary<GreedyArgs & { groups: number; lrs: number[] }> = fc.integer({ min: 1, max: 3 }).chain((
  groups,
) =>
  fc.record({
    groups: fc.constant(groups),
    lrs: fc.array(fc.oneof(fc.constantFrom(0.1, 0.01, 1e-3), fc.double({ min: 0, max: 2, noNaN: true })), {
      minLength: groups,
      maxLength: groups,
    }),
    mode: fc.constantFrom("min" as const, "max" as const),
    factor: fc.oneof(fc.constantFrom(0.5, 0.9, 0.95), fc.double({ min: 1e-3, max: 0.999999, noNaN: true })),
    patience: fc.integer({ min: 0, max: 4 }),
    threshold: fc.oneof(fc.constantFrom(0, 1e-6, 0.1), fc.double({ min: 0, max: 0.5, noNaN: true })),
    thresholdMode: fc.constantFrom("rel" as const, "abs" as const),
    cooldown: fc.integer({ min: 0, max: 3 }),
    warmup: fc.integer({ min: 0, max: 3 }),
    minLr: fc.array(fc.oneof(fc.constantFrom(0, 1e-3, 0.01), fc.double({ min: 0, max: 0.05, noNaN: true })), {
      minLength: groups,
      maxLength: groups,
    }),
    maxLr: fc.array(fc.oneof(fc.constantFrom(1, 0.2), fc.double({ min: 0.05, max: 3, noNaN: true })), {
      minLength: groups,
      maxLength: groups,
    }),
    eps: fc.oneof(fc.constantFrom(0, 1e-8), fc.double({ min: 0, max: 1e-3, noNaN: true })),
    smooth: fc.boolean(),
    windowSize: fc.integer({ min: 1, max: 6 }),
    resetStart: fc.integer({ min: 0, max: 4 }),
  })
);

describe("greedy against GreedyLR.step transcribed", () => {
  test("on a constant schedule, every group's rate after every observation is HF's param_group['lr'], bit for bit", () => {
    let compared = 0;
    fc.assert(
      fc.property(argsArb, metricsArb, (a, metrics) => {
        const { groups: _g, lrs, ...args } = a;
        const hf = new HfGreedyLR(lrs, args);
        const p = greedy(constant({ value: lrs }), args);
        let s = p.initial;
        metrics.forEach((m, i) => {
          hf.step(m);
          s = p.observe(s, i, m);
          const got = p.at(s)(i + 1);
          got.forEach((v, g) => {
            if (!Object.is(v, hf.lrs[g])) {
              throw new Error(`observation ${i} (${m}), group ${g}: greedy ${v}, HF ${hf.lrs[g]}`);
            }
            compared++;
          });
        });
      }),
      { numRuns: 1000 },
    );
    console.log(`greedy oracle comparisons: ${compared} (rates after every observation, over 1000 runs)`);
  });

  test("HF's defaults are the table's", () => {
    const p = greedy(constant({ value: 0.1 }));
    const hf = new HfGreedyLR([0.1], { ...HF_DEFAULTS, minLr: [HF_DEFAULTS.minLr], maxLr: [HF_DEFAULTS.maxLr] });
    let s = p.initial;
    const metrics = [...Array.from({ length: 30 }, (_, i) => 10 - i), ...new Array(700).fill(100)];
    metrics.forEach((m, i) => {
      hf.step(m);
      s = p.observe(s, i, m);
      assert.ok(Object.is(p.at(s)(i + 1)[0], hf.lrs[0]), `observation ${i}`);
    });
  });
});

describe("greedy laws", () => {
  test("a state read back from JSON after any observation goes on bit for bit", () =>
    fc.assert(
      fc.property(argsArb, metricsArb, fc.nat(), (a, metrics, cut) => {
        const { groups: _g, lrs, ...args } = a;
        const p = greedy(cosineDecay({ initValue: lrs, decaySteps: 50, alpha: 0.1 }), args);
        let s = p.initial;
        const k = metrics.length === 0 ? 0 : cut % metrics.length;
        metrics.forEach((m, i) => {
          if (i === k) s = p.read(JSON.parse(JSON.stringify(s)));
          s = p.observe(s, i, m);
        });
        let u = p.initial;
        metrics.forEach((m, i) => (u = p.observe(u, i, m)));
        assert.deepEqual(s, u);
      }),
      { numRuns: 200 },
    ));

  test("on a constant schedule, an increase never passes maxLr and a reduction never goes below minLr", () =>
    fc.assert(
      fc.property(argsArb, metricsArb, (a, metrics) => {
        const { groups: _g, lrs, ...args } = a;
        const p = greedy(constant({ value: lrs }), args);
        let s = p.initial;
        let before: readonly number[] = lrs;
        metrics.forEach((m, i) => {
          s = p.observe(s, i, m);
          const now = p.at(s)(i + 1);
          now.forEach((v, g) => {
            assert.ok(Number.isFinite(v) && v >= 0);
            if (v > before[g]) assert.ok(v <= Math.max(args.maxLr[g], lrs[g]), `up to ${v}`);
            if (v < before[g]) assert.ok(v >= Math.min(args.minLr[g], lrs[g]), `down to ${v}`);
          });
          before = now;
        });
      }),
      { numRuns: 300 },
    ));

  test("examples/greedy.json with examples/plateau_metrics.json: up while the loss improves, then down", () => {
    const read = (f: string) => JSON.parse(readFileSync(new URL(`../examples/${f}`, import.meta.url), "utf8"));
    const lr = hear(metricPolicyFromConfig(read("greedy.json")), read("plateau_metrics.json"));
    const changes: [number, number][] = [];
    for (let t = 0; t < 400; t++) {
      const v = lr(t)[0];
      if (changes.length === 0 || changes[changes.length - 1][1] !== v) changes.push([t, v]);
    }
    assert.deepEqual(changes, [
      [0, 0.05],
      [40, 0.0625],
      [80, 0.078125],
      [120, 0.09765625],
      [160, 0.1220703125],
      [240, 0.09765625],
      [280, 0.078125],
      [340, 0.0625],
      [380, 0.05],
    ]);
  });

  test("a bad state read back is refused, naming the field", () => {
    const p = greedy(constant({ value: 0.1 }));
    const s = p.initial as GreedyState;
    assert.throws(() => p.read({ ...s, rates: [[0.1, 0]] }), {
      message: "state.rates[0]: expected null or [rate, base] (finite numbers, base not 0), got [0.1,0]",
    });
    assert.throws(() => p.read({ ...s, good: -1 }), {
      name: "RangeError",
      message: "state.good: expected a non-negative integer, got -1",
    });
    assert.throws(() => p.read({ ...s, extra: 1 }), { message: "state.extra: unknown field of a greedy state" });
    assert.throws(() => p.read({ ...s, window: [1] }), {
      message: "state.window: expected an array of at most 0 metrics, got [1]",
    });
    assert.throws(() => p.read(null), { message: "state: expected a greedy state (an object), got null" });
  });

  test("the config form: decoded with HF's defaults, built, heard; minLr above maxLr refused", () => {
    const p = metricPolicyFromConfig({
      policy: "greedy",
      patience: 0,
      schedule: { policy: "constant", value: 0.1 },
    });
    const lr = hear(p, [[9, 3], [19, 2]]);
    assert.equal(lr(10)[0], 0.1 / 0.95);
    assert.equal(lr(20)[0], 0.1 / 0.95 / 0.95);
    assert.throws(() => greedy(constant({ value: 0.1 }), { minLr: 2 }), {
      name: "RangeError",
      message: "minLr: expected at most maxLr (1), got 2",
    });
    assert.deepEqual(
      decodeConfig({ policy: "greedy", maxLr: [1, 2, 3], schedule: { policy: "constant", value: [0.1, 0.2] } }),
      { _tag: "Left", left: ["maxLr: expected 2 values (one per group, as schedule), got 3"] },
    );
    assert.throws(() => greedy(constant({ value: [0.1, 0.2] }), { maxLr: [1, 2, 3] }), {
      name: "RangeError",
      message: "maxLr: expected 2 values (one per group, as schedule), got 3",
    });
  });
});
