// The demo's parallel runs: a small experiment (two paired seeds, their range tests, every
// kind of contender, a few dozen iterations each) gives the same bits on two workers as in
// this thread one job after another, on Node (worker_threads), Deno and Bun (Web Workers);
// and a job that fails in a worker fails its promise with the worker's message.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { contenders, RANGE_TEST_CONTENDERS } from "../demo/contenders.ts";
import { type Findings, type Plan, planSize, runExperiment } from "../demo/experiment.ts";
import { loadSplit, type Split } from "../demo/mnist.ts";
import { createPool, type Pool } from "../demo/pool.ts";
import { createProgress } from "../demo/progress.ts";
import { wasmAvailable } from "../demo/first_layer.ts";

const GRID = [0.1, 0.3];
const plan: Plan = {
  seeds: [1, 2],
  grid: GRID,
  contenders: contenders(GRID),
  range: { minLr: 1e-4, maxLr: 2, iterations: 60, every: 20 },
  stepSize: 10,
  budget: 40,
  momentum: 0.9,
  evalEvery: 20,
  kernel: wasmAvailable ? "wasm" : "js",
};

/** Everything a run produced except how long it took. */
function results(f: Findings) {
  return {
    ranges: f.ranges,
    results: f.results.map(({ contender, seeds, outcomes }) => ({
      name: contender.name,
      seeds,
      outcomes: outcomes.map(({ run: { ms: _ms, evalMs: _evalMs, ...run }, settings, config }) => ({
        run,
        settings,
        config,
      })),
    })),
  };
}

function experiment(pool: Pool): Promise<Findings> {
  return runExperiment(plan, pool, createProgress(planSize(plan), false, () => {}));
}

describe("the demo on workers", () => {
  // One pool of two workers for both tests: a worker starts in well under a second on Node
  // and Bun, but Deno type-checks its module graph first, which takes seconds.
  let data: Split, workers: Pool;
  before(() => {
    data = loadSplit(1);
    workers = createPool(2, data);
  });
  after(() => workers.close());

  test("two workers give the same range tests, suggestions and runs, bit for bit, as the sequential run", async () => {
    const sequential = await experiment(createPool(1, data));
    const parallel = await experiment(workers);
    assert.equal(sequential.results.length, GRID.length + RANGE_TEST_CONTENDERS.length);
    for (const r of sequential.results) assert.deepEqual(r.seeds, [1, 2], `${r.contender.name} ran on both seeds`);
    assert.ok(sequential.results.every((r) => r.outcomes.every((o) => o.run.accuracy.length === 2)));
    assert.deepEqual(results(parallel), results(sequential));
  });

  test("a job that fails in a worker rejects with the worker's message, and the worker takes the next job", async () => {
    await assert.rejects(
      workers.run({
        kind: "train",
        seed: 1,
        contender: "nope",
        grid: GRID,
        context: { stepSize: 10, budget: 20, momentum: 0.9 },
        evalEvery: 10,
        kernel: plan.kernel,
      }, () => {}),
      /demo worker: Error: demo: no contender named "nope"/,
    );
    const next = await workers.run({
      kind: "rangeTest",
      seed: 3,
      range: plan.range,
      momentum: 0.9,
      kernel: plan.kernel,
    }, () => {});
    assert.equal(next.kind, "rangeTest");
  });
});
