// The `plateau` config: its normal form per semantics, its errors (every one, with its path),
// how it composes inside other configs (join re-times its observations; product, and a
// plateau of a plateau, hear every observation), and the two builders' refusals.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decodeConfig, encodeConfig, metricPolicyFromConfig, policyFromConfig } from "../config.ts";
import { constant, cosineDecay, hear, isMetricPolicy, join, joinMetric, plateau } from "../mod.ts";

const child = { policy: "constant", value: 0.1 };

function decoded(json: unknown) {
  const r = decodeConfig(json);
  assert.ok(r._tag === "Right", r._tag === "Left" ? r.left.join("\n") : "");
  return r.right;
}

function errorsOf(json: unknown): string[] {
  const r = decodeConfig(json);
  assert.ok(r._tag === "Left", "expected errors");
  return r.left;
}

describe("the plateau config's normal form", () => {
  test("pytorch (the default): PyTorch's defaults written out, minLr per group", () => {
    assert.deepEqual(decoded({ policy: "plateau", schedule: { policy: "constant", value: [0.1, 0.2] } }), {
      policy: "plateau",
      schedule: { policy: "constant", value: [0.1, 0.2] },
      semantics: "pytorch",
      mode: "min",
      factor: 0.1,
      patience: 10,
      threshold: 1e-4,
      thresholdMode: "rel",
      cooldown: 0,
      minLr: [0, 0],
      eps: 1e-8,
    });
  });

  test("timm: mode max by default; optax: its own fields", () => {
    const timm = decoded({ policy: "plateau", semantics: "timm", schedule: child });
    assert.ok(timm.policy === "plateau" && timm.semantics === "timm" && timm.mode === "max");
    assert.deepEqual(decoded({ policy: "plateau", semantics: "optax", patience: 5, schedule: child }), {
      policy: "plateau",
      schedule: child,
      semantics: "optax",
      factor: 0.1,
      patience: 5,
      rtol: 1e-4,
      atol: 0,
      cooldown: 0,
      accumulationSize: 1,
      minScale: 0,
    });
  });

  test("encodeConfig of what it builds gives the normal form back, and decoding that again too", () => {
    const config = decoded({
      policy: "plateau",
      factor: 0.5,
      minLr: [0.01, 0.001],
      schedule: { policy: "constant", value: [1, 2] },
    });
    const p = metricPolicyFromConfig(config);
    assert.deepEqual(encodeConfig(p), config);
    assert.deepEqual(decoded(encodeConfig(p)), config);
    assert.deepEqual(
      encodeConfig(plateau(cosineDecay({ initValue: 0.1, decaySteps: 10 }), { semantics: "optax" })).policy,
      "plateau",
    );
    assert.throws(
      () => encodeConfig(plateau((t: number) => [1 / (t + 1)])),
      /a plateau of a schedule that has no config form/,
    );
  });
});

describe("the plateau config's errors", () => {
  test("every error at once, each with its path", () => {
    assert.deepEqual(
      errorsOf({
        policy: "plateau",
        semantics: "optax",
        factor: 1,
        threshold: 0.1,
        rtol: 0,
        schedule: { policy: "cyclic", stepSizeUp: -3 },
      }),
      [
        "schedule.stepSizeUp: expected a positive integer, got -3",
        "factor: expected a number in (0, 1), got 1",
        'threshold: is not a field of the "optax" semantics (its fields are factor, patience, cooldown, rtol, atol, ' +
        'accumulationSize, minScale; threshold belongs to "pytorch" and "timm")',
        "rtol: expected rtol or atol above 0 (optax refuses both 0), got rtol 0 and atol 0",
      ],
    );
    assert.deepEqual(errorsOf({ policy: "plateau" }), ["schedule: missing, expected a config"]);
    assert.deepEqual(
      errorsOf({ policy: "plateau", minLr: [0, 0, 0], schedule: { policy: "constant", value: [1, 1] } }),
      [
        "minLr: expected 2 values (one per group, as schedule), got 3",
      ],
    );
    assert.deepEqual(errorsOf({ policy: "plateau", schedule: child, patience_t: 3 }), [
      "patience_t: unknown field (timm's patience_t is patience)",
    ]);
  });

  test("inside a join, the paths go through schedules[i]", () => {
    assert.deepEqual(
      errorsOf({
        policy: "join",
        boundaries: [5],
        schedules: [child, { policy: "plateau", patience: -1, schedule: child }],
      }),
      ["schedules[1].patience: expected a non-negative integer, got -1"],
    );
  });

  test("policyFromConfig refuses a metric-driven config, metricPolicyFromConfig a plain one, each with the fix", () => {
    assert.throws(() => policyFromConfig({ policy: "plateau", schedule: child }), {
      name: "TypeError",
      message:
        /^policy: expected a config of a policy of the iteration, got a metric-driven config \(plateau or greedy\): build it with metricPolicyFromConfig/,
    });
    assert.throws(() => metricPolicyFromConfig(child), {
      name: "TypeError",
      message: /build it with policyFromConfig$/,
    });
  });
});

describe("plateau configs compose", () => {
  test("a plateau before a boundary stops listening there; after it, hears at local time", () => {
    const p = metricPolicyFromConfig({
      policy: "join",
      boundaries: [10],
      schedules: [{ policy: "plateau", patience: 0, schedule: child }, {
        policy: "plateau",
        patience: 0,
        schedule: child,
      }],
    });
    const lr = hear(p, [[0, 1], [1, 1], [9, 1], [10, 1], [11, 1]]);
    // First child: best 1, then a reduction from 2, another from 10 (but the join moves on at 10).
    assert.ok(Math.abs(lr(2)[0] - 0.01) < 1e-17);
    // Second child: it heard [10, 1] (its local 0) as its first metric, and [11, 1] as bad.
    assert.deepEqual([lr(10)[0], lr(11)[0]], [0.1, 0.1]);
    assert.ok(Math.abs(lr(12)[0] - 0.01) < 1e-17);
  });

  test("a product with a plateau, and a plateau of a plateau, hear every observation at once", () => {
    const product = metricPolicyFromConfig({
      policy: "product",
      schedules: [{ policy: "plateau", patience: 0, factor: 0.5, schedule: { policy: "constant", value: 1 } }, child],
    });
    assert.deepEqual(hear(product, [[0, 1], [1, 1]])(2), [0.05]);
    const twice = metricPolicyFromConfig({
      policy: "plateau",
      patience: 0,
      factor: 0.5,
      schedule: { policy: "plateau", patience: 0, factor: 0.5, schedule: { policy: "constant", value: 1 } },
    });
    assert.deepEqual(hear(twice, [[0, 1], [1, 1]])(2), [0.25]);
    assert.deepEqual(hear(twice, [[0, 1], [1, 1]])(1), [1]);
  });

  test("momentum passes through a plateau; a join checks it against its other children", () => {
    const cyclic = { policy: "cyclic", baseLr: 0.1, maxLr: 1, stepSize: 5 };
    const p = metricPolicyFromConfig({ policy: "plateau", patience: 0, schedule: cyclic });
    assert.ok(p.hasMomentum);
    const heard = hear(p, [[0, 1], [1, 1]]);
    assert.deepEqual(heard.momentum?.(3), policyFromConfig(cyclic).momentum?.(3));
    assert.ok(heard(3)[0] < policyFromConfig(cyclic)(3)[0]);
    assert.match(
      errorsOf({ policy: "join", boundaries: [3], schedules: [child, { policy: "plateau", schedule: cyclic }] })[0],
      /^schedules\[1\]: expected momentum like schedules\[0\]: schedules\[1\] \("plateau"\) schedules momentum/,
    );
  });

  test("in code: combinators that do not listen refuse a metric-driven policy, naming the fix", () => {
    const p = plateau(constant({ value: 1 }));
    assert.ok(isMetricPolicy(joinMetric([constant({ value: 1 }), p], [3])));
    assert.throws(() => join([constant({ value: 1 }), p as never], [3]), {
      name: "TypeError",
      message:
        "schedules[1]: expected a schedule or a policy, got a metric-driven policy (compose it with joinMetric " +
        "or mapMetric, or make it a policy of the iteration with hear(policy, observations))",
    });
    assert.throws(() => hear(p, [[1, NaN], [1, 2]]), {
      name: "RangeError",
      message: "observations[1][0]: expected an iteration after 1 (the last one a metric was observed after), got 1",
    });
  });
});
