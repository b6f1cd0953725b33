import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cosineWave, triangle } from "../mod.ts";
import { decodeConfig } from "../config.ts";
import { policyFromConfig } from "../config.ts";

const MAX = Number.MAX_SAFE_INTEGER;

describe("step sizes whose sum passes 2^53 (each a safe integer, so valid)", () => {
  test("every valid iteration is in cycle 1 and the height is exact", () => {
    const w = triangle({ stepSizeUp: 2 ** 52, stepSizeDown: 2 ** 52 });
    assert.equal(w.period, Infinity);
    for (const t of [0, 1, 2 ** 52, 2 ** 52 + 1, MAX]) assert.equal(w.cycle(t), 1);
    assert.equal(w.height(2 ** 52), 1);
    assert.equal(w.height(2 ** 51), 0.5);
    // P - t = 2^53 - (2^53 - 1) = 1, which the rounded sum P would lose.
    assert.equal(w.height(MAX), 1 / 2 ** 52);
  });

  test("the cosine wave is finite there too", () => {
    const w = cosineWave({ stepSizeUp: MAX, stepSizeDown: MAX });
    assert.equal(w.height(MAX), 1);
    assert.equal(w.height(0), 0);
  });

  test("a config with the largest step sizes decodes and evaluates at 2^53 - 1", () => {
    const config = { policy: "cyclic", baseLr: 0, maxLr: 1, stepSizeUp: MAX, stepSizeDown: MAX };
    assert.ok(decodeConfig(config)._tag === "Right");
    const { lr, momentum } = policyFromConfig(config);
    assert.deepEqual(lr(MAX), [1]);
    assert.deepEqual(momentum?.(MAX), [0.8]);
  });
});
