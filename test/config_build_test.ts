import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import {
  buildPolicy,
  type Config,
  decodeConfig,
  encodeConfig,
  metricPolicyFromConfig,
  policyFromConfig,
} from "../config.ts";
import { createRegistry, cyclicLR, hear, oneCycle, type Policy, registerScale, registerWave, scaleFn } from "../mod.ts";

function close(actual: number, expected: number, what: string): void {
  const tol = 1e-12 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} != ${expected}`);
}

function decoded(json: unknown, registry = createRegistry()): Config {
  const r = decodeConfig(json, { registry });
  if (r._tag === "Left") assert.fail(r.left.join("\n"));
  return r.right;
}

/** The seed's formula, written out: `cycle = floor(1 + t / 2s)`, `x = |t / s - 2 cycle + 1|`. */
function seedLr(base: number, max: number, s: number, t: number, scale: (cycle: number, t: number) => number): number {
  const cycle = Math.floor(1 + t / (2 * s));
  const x = Math.abs(t / s - 2 * cycle + 1);
  return base + (max - base) * Math.max(0, 1 - x) * scale(cycle, t);
}

describe("buildPolicy: the numbers of the spec's formulas", () => {
  const ts = [0, 1, 7, 150, 299, 300, 301, 599, 600, 1234, 9999];
  test("cyclic triangular, triangular2 and exp_range follow the seed's formula, per group", () => {
    const modes: [string, (c: number, t: number) => number][] = [
      ["triangular", () => 1],
      ["triangular2", (c) => 1 / 2 ** (c - 1)],
      ["exp_range", (_c, t) => 0.99994 ** t],
    ];
    for (const [mode, scale] of modes) {
      const { lr, momentum, groups } = buildPolicy(decoded({
        policy: "cyclic",
        baseLr: [0.001, 0.0001],
        maxLr: [0.006, 0.0006],
        stepSize: 300,
        mode,
        gamma: 0.99994,
      }));
      assert.equal(groups, 2);
      for (const t of ts) {
        close(lr(t)[0], seedLr(0.001, 0.006, 300, t, scale), `${mode} lr(${t})[0]`);
        close(lr(t)[1], seedLr(0.0001, 0.0006, 300, t, scale), `${mode} lr(${t})[1]`);
        // PyTorch: momentum = max_m - (max_m - base_m) * height * scale
        const h = seedLr(0, 1, 300, t, scale);
        close(momentum?.(t)[0] ?? NaN, 0.9 - (0.9 - 0.8) * h, `${mode} momentum(${t})`);
      }
    }
  });

  test("cyclic expRangeDecays bounds: both bounds times gamma^t (the paper)", () => {
    const { lr } = policyFromConfig({
      policy: "cyclic",
      baseLr: 0.001,
      maxLr: 0.006,
      stepSize: 300,
      mode: "exp_range",
      gamma: 0.999,
      expRangeDecays: "bounds",
    });
    for (const t of ts) close(lr(t)[0], seedLr(0.001, 0.006, 300, t, () => 1) * 0.999 ** t, `lr(${t})`);
  });

  test("join: each child at its local time; a one-group child is repeated", () => {
    const { lr, groups } = policyFromConfig({
      policy: "join",
      schedules: [
        { policy: "linear", initValue: 0, endValue: 1, transitionSteps: 10 },
        { policy: "constant", value: [0.5, 0.25] },
        { policy: "cosineDecay", initValue: 1, decaySteps: 100 },
      ],
      boundaries: [10, 20],
    });
    assert.equal(groups, 2);
    assert.deepEqual(lr(5), [0.5, 0.5]);
    assert.deepEqual(lr(10), [0.5, 0.25]);
    const c = 0.5 * (1 + Math.cos(Math.PI * 30 / 100));
    close(lr(50)[1], c, "cosine child at local t = 30");
  });

  test("oneCycle through the config matches the factory", () => {
    const fromConfig = policyFromConfig({ policy: "oneCycle", maxLr: 0.1, totalSteps: 100, threePhase: true });
    const direct = oneCycle({ maxLr: 0.1, totalSteps: 100, threePhase: true });
    for (const t of [0, 29, 30, 59, 60, 99, 150]) {
      assert.deepEqual(fromConfig.lr(t), direct.lr(t));
      assert.deepEqual(fromConfig.momentum?.(t), direct.momentum?.(t));
    }
  });
});

describe("custom pieces build and round-trip by name", () => {
  const registry = createRegistry();
  registerScale("geometric", (p) => {
    const r = typeof p.ratio === "number" ? p.ratio : 0.5;
    return (c) => r ** (c - 1);
  }, registry);
  registerWave("saw", (_p, { stepSizeUp, stepSizeDown }) => {
    const period = stepSizeUp + stepSizeDown;
    return { period, cycle: (t) => Math.floor(t / period) + 1, height: (t) => (t % period) / period };
  }, registry);
  const config = {
    policy: "cyclic",
    baseLr: 0,
    maxLr: 1,
    stepSize: 2,
    scale: { name: "geometric", params: { ratio: 0.25 }, mode: "cycle" },
    wave: { name: "saw" },
  };

  test("the registered scale and wave shape the rate", () => {
    const { lr } = policyFromConfig(config, registry);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((t) => lr(t)[0]), [0, 0.25, 0.5, 0.75, 0, 0.0625]);
  });

  test("encodeConfig gives the named pieces back, and they build the same schedule", () => {
    const p = policyFromConfig(config, registry);
    const encoded = encodeConfig(p);
    assert.deepEqual(encoded, decoded(config, registry));
    const again = policyFromConfig(encoded, registry);
    for (let t = 0; t < 20; t++) assert.deepEqual(again.lr(t), p.lr(t));
  });

  test("a config with named pieces does not decode without their registry", () => {
    assert.throws(() => policyFromConfig(config, createRegistry()), {
      name: "TypeError",
      message: 'scale.name: expected a registered scale name (none are registered), got "geometric"\n' +
        'wave.name: expected one of "triangle", "cosine", got "saw"',
    });
  });
});

describe("encodeConfig", () => {
  test("a factory's policy encodes to the config that decodes from the same options", () => {
    const cases: [Policy, unknown][] = [
      [cyclicLR({ baseLr: 0.1, maxLr: 1, stepSize: 5, mode: "triangular2" }), {
        policy: "cyclic",
        baseLr: 0.1,
        maxLr: 1,
        stepSize: 5,
        mode: "triangular2",
      }],
      [cyclicLR({ wave: "cosine", groups: 2 }), { policy: "cyclic", wave: { name: "cosine" }, groups: 2 }],
      [oneCycle({ maxLr: [1, 2], totalSteps: 10 }), { policy: "oneCycle", maxLr: [1, 2], totalSteps: 10 }],
    ];
    for (const [policy, json] of cases) assert.deepEqual(encodeConfig(policy), decoded(json));
  });

  test("a policy from an unregistered function has no config: a TypeError says what to do", () => {
    assert.throws(() => encodeConfig(cyclicLR({ scaleFn: scaleFn((c) => 1 / c).fn })), {
      name: "TypeError",
      message: /^policy: expected a policy with a config .*register it with registerScale or registerWave/,
    });
    assert.throws(() => encodeConfig({ lr: () => [1], groups: 1 }), TypeError);
  });
});

describe("policyFromConfig", () => {
  test("throws a TypeError with every error, one per line", () => {
    assert.throws(() => policyFromConfig({ policy: "linear", initValue: -1, transitionSteps: 0 }), {
      name: "TypeError",
      message: "initValue: expected a finite number >= 0, got -1\n" +
        "endValue: missing, expected a finite number >= 0 or a non-empty array of them\n" +
        "transitionSteps: expected a positive integer, got 0",
    });
  });
});

describe("examples/*.json", () => {
  const dir = new URL("../examples/", import.meta.url);
  // `*_metrics.json` are the observations of a metric-driven example (data for clr eval --metrics), not configs.
  const files = readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith("_metrics.json")).sort();
  test("there is one example per policy at least", () => {
    const policies = new Set(files.map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")).policy));
    for (
      const p of [
        "cyclic",
        "oneCycle",
        "cosineRestarts",
        "constant",
        "linear",
        "polynomial",
        "exponentialDecay",
        "cosineDecay",
        "warmupCosineDecay",
        "piecewiseConstant",
        "join",
        "wsd",
        "cooldown",
        "inverseSqrt",
        "inverseTimeDecay",
        "noise",
        "product",
        "tanhDecay",
        "poly",
        "polynomialDecay",
        "cosineWithWarmup",
        "cosineWithHardRestarts",
        "cosineAnnealing",
        "linearOneCycle",
        "cosineOneCycle",
        "piecewiseInterpolate",
        "greedy",
      ]
    ) assert.ok(policies.has(p), `no example of ${p}`);
  });
  for (const file of files) {
    test(`${file} decodes, builds, and round-trips`, () => {
      const config = decoded(JSON.parse(readFileSync(new URL(file, dir), "utf8")));
      const listens = /"policy":"(plateau|greedy)"/.test(JSON.stringify(config));
      const metric = listens ? metricPolicyFromConfig(config) : undefined;
      const policy = metric ? hear(metric, []) : buildPolicy(config);
      assert.deepEqual(encodeConfig(metric ?? policy), config);
      for (const t of [0, 1, 1000, 123456, Number.MAX_SAFE_INTEGER]) {
        for (const v of policy.lr(t)) assert.ok(Number.isFinite(v), `${file}: lr(${t}) = ${v}`);
      }
    });
  }
});
