// Every accepted config gives finite values at every valid iteration, at every magnitude
// (the spec: "the schedule never returns NaN or throws for a valid iteration"): rates from
// subnormals to Number.MAX_VALUE, iterations up to 2^53 - 1. Driven per policy name of the
// registry, so that a new policy is covered as soon as it has a generator.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { isLeft } from "fp-ts/lib/Either.js";
import { finite, type Policy, sample } from "../mod.ts";
import { buildPolicy, decodeConfig, metricPolicyFromConfig } from "../config.ts";
import { hear, type Observation } from "../mod.ts";
import { POLICIES } from "../lib/config/policies.ts";
import type { PolicyName } from "../lib/config/types.ts";
import { CONFIG_ARBITRARIES, configArbOf, type ConfigJson, iterationOfAnyMagnitude } from "./config_arbitraries.ts";

const RUNS = { numRuns: 150 };

/** The policy of a config, which must decode. */
function built(config: ConfigJson): Policy {
  const decoded = decodeConfig(config);
  if (isLeft(decoded)) assert.fail(`${JSON.stringify(config)} does not decode:\n${decoded.left.join("\n")}`);
  // A metric-driven config (a plateau or greedy in it) is the policy of a run that heard metrics
  // that reduce it again and again, NaN among them.
  if (/"policy":"(plateau|greedy)"/.test(JSON.stringify(decoded.right))) {
    return hear(metricPolicyFromConfig(decoded.right), HEARD);
  }
  return buildPolicy(decoded.right);
}

/** Observations after the first 60 updates: bad ones (1, NaN), which reduce whenever patience allows. */
const HEARD: readonly Observation[] = Array.from({ length: 60 }, (_, i) => [i, i % 3 === 2 ? NaN : 1]);

/** The policy's schedules: `lr`, and `momentum` when it has one. */
const schedulesOf = (p: Policy) => (p.momentum ? [p.lr, p.momentum] : [p.lr]);

test("every policy of the registry (lib/config/policies.ts) has a config generator", () => {
  assert.deepEqual(Object.keys(CONFIG_ARBITRARIES).sort(), Object.keys(POLICIES).sort());
});

for (const name of Object.keys(CONFIG_ARBITRARIES) as PolicyName[]) {
  describe(`${name} configs`, () => {
    const arb = configArbOf(name);

    test("decode, and build a policy whose groups are the config's", () =>
      fc.assert(
        fc.property(arb, (c) => {
          const p = built(c);
          assert.equal(p.lr(0).length, p.groups);
        }),
        RUNS,
      ));

    test("are finite at every iteration up to 2^53 - 1, at every magnitude", () =>
      fc.assert(
        fc.property(arb, iterationOfAnyMagnitude, (c, t) => {
          const p = built(c);
          for (const s of schedulesOf(p)) finite(s, t);
        }),
        RUNS,
      ));

    test("sample() of 16 iterations from any start is finite (the scalar forms too)", () =>
      fc.assert(
        fc.property(arb, iterationOfAnyMagnitude, (c, t) => {
          const p = built(c);
          const start = Math.min(t, Number.MAX_SAFE_INTEGER - 15);
          for (const s of schedulesOf(p)) {
            const values = sample(s, start, 16);
            const bad = values.findIndex((v) => !Number.isFinite(v));
            assert.equal(bad, -1, `value ${bad} of sample(s, ${start}, 16): ${values[bad]}`);
          }
        }),
        RUNS,
      ));
  });
}
