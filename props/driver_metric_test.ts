// The driver of a metric-driven policy, model-based (fast-check commands): step (with or
// without the metric of that update), observe the metric after the last update, save,
// restore in place or in a "new process" from JSON. The model is the counter and the list
// of observations; the optimizer must always hold exactly hear(policy, observations)(counter),
// the rate of a run that saw the same metrics and never stopped, bit for bit.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { type Driver, driver, fromState, hear, type MetricPolicy, type Observation } from "../mod.ts";
import { metricPolicyFromConfig } from "../config.ts";
import { metricArb, plateauOptionsArb } from "./plateau_arbitraries.ts";

interface Model {
  counter: number;
  observations: Observation[];
  saved: { counter: number; observations: Observation[] }[];
}

interface Real {
  build: () => MetricPolicy;
  policy: MetricPolicy;
  optimizer: { paramGroups: { lr: number }[] };
  driver: Driver;
  saved: string[];
}

const freshOptimizer = (groups: number) => ({ paramGroups: Array.from({ length: groups }, () => ({ lr: -1 })) });

/** The law: the optimizer holds exactly the rates of the run that heard the model's metrics and never stopped. */
function check(m: Model, r: Real): void {
  assert.equal(r.driver.iteration, m.counter);
  const want = hear(r.policy, m.observations)(m.counter);
  r.optimizer.paramGroups.forEach((group, g) => {
    assert.ok(Object.is(group.lr, want[g]), `group ${g} at ${m.counter}: ${group.lr} vs ${want[g]}`);
  });
}

class Step implements fc.Command<Model, Real> {
  constructor(readonly times: number, readonly metric: number | undefined) {}
  check = () => true;
  run(m: Model, r: Real): void {
    for (let i = 0; i < this.times - 1; i++) r.driver.step();
    r.driver.step(this.metric);
    if (this.metric !== undefined) m.observations.push([m.counter + this.times - 1, this.metric]);
    m.counter += this.times;
    check(m, r);
  }
  toString = () => `step x${this.times}${this.metric === undefined ? "" : ` then metric ${this.metric}`}`;
}

class Observe implements fc.Command<Model, Real> {
  constructor(readonly metric: number) {}
  check = (m: Readonly<Model>) => m.counter > 0 && (m.observations.at(-1)?.[0] ?? -1) < m.counter - 1;
  run(m: Model, r: Real): void {
    r.driver.observe(this.metric);
    m.observations.push([m.counter - 1, this.metric]);
    check(m, r);
  }
  toString = () => `observe ${this.metric}`;
}

class Save implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    r.saved.push(JSON.stringify(r.driver.state()));
    m.saved.push({ counter: m.counter, observations: [...m.observations] });
  }
  toString = () => "save";
}

class Restore implements fc.Command<Model, Real> {
  constructor(readonly pick: number, readonly newProcess: boolean) {}
  check = (m: Readonly<Model>) => m.saved.length > 0;
  run(m: Model, r: Real): void {
    const i = this.pick % m.saved.length;
    const state = JSON.parse(r.saved[i]);
    if (this.newProcess) {
      r.policy = r.build();
      r.optimizer = freshOptimizer(r.policy.groups);
      r.driver = fromState(state, r.optimizer, r.policy);
    } else {
      r.driver.restore(state);
    }
    m.counter = m.saved[i].counter;
    m.observations = [...m.saved[i].observations];
    check(m, r);
  }
  toString = () => `restore #${this.pick}${this.newProcess ? " in a new process" : ""}`;
}

const commandsArb = fc.commands([
  fc.tuple(fc.integer({ min: 1, max: 30 }), fc.option(metricArb, { nil: undefined })).map(([n, metric]) =>
    new Step(n, metric)
  ),
  metricArb.map((metric) => new Observe(metric)),
  fc.constant(new Save()),
  fc.tuple(fc.nat(), fc.boolean()).map(([pick, fresh]) => new Restore(pick, fresh)),
], { maxCommands: 60 });

/** Warm-up, then a plateau of a cosine, two groups: built from its config, as a new process would. */
const configArb = fc.tuple(plateauOptionsArb, fc.integer({ min: 0, max: 40 })).map(([o, warm]) => {
  const plateau = {
    policy: "plateau",
    ...o,
    schedule: { policy: "cosineDecay", initValue: [0.1, 0.01], decaySteps: 500 },
  };
  return warm === 0 ? plateau : {
    policy: "join",
    boundaries: [warm],
    schedules: [{ policy: "linear", initValue: 0, endValue: [0.1, 0.01], transitionSteps: warm }, plateau],
  };
});

describe("driver of a metric-driven policy: resume is bit-identical to never stopping", () => {
  test("step / step(metric) / observe / save / restore keep hear(policy, observations)(counter)", () =>
    fc.assert(
      fc.property(configArb, commandsArb, (config, commands) => {
        const build = () => metricPolicyFromConfig(config);
        const policy = build();
        const optimizer = freshOptimizer(policy.groups);
        const real: Real = { build, policy, optimizer, driver: driver(policy, optimizer), saved: [] };
        const model: Model = { counter: 0, observations: [], saved: [] };
        check(model, real);
        fc.modelRun(() => ({ model, real }), commands);
      }),
      { numRuns: 150 },
    ));

  test("a metric for a policy that does not listen, and a state of another kind, are refused", () => {
    const opt = freshOptimizer(1);
    const plain = driver((t: number) => [1 / (t + 1)], opt);
    assert.throws(() => plain.step(0.5), {
      name: "TypeError",
      message: "metric: expected none (the policy does not listen to a metric; build it with plateau), got 0.5",
    });
    const p = metricPolicyFromConfig({ policy: "plateau", schedule: { policy: "constant", value: 0.1 } });
    const d = driver(p, opt);
    assert.throws(() => d.observe(1), {
      name: "RangeError",
      message: "metric: expected an update before it (iteration is 0), got one at none",
    });
    assert.throws(() => fromState({ iteration: 3 }, opt, p), { message: /^state.metric: missing, expected the state/ });
    assert.throws(() => plain.restore({ iteration: 3, metric: p.initial }), {
      message: /^state.metric: expected no metric state/,
    });
    d.step(1);
    d.step(2);
    const s = d.state();
    assert.throws(() => fromState({ ...s, iteration: 1 }, opt, p), {
      message: "state.metric: expected metrics observed before iteration 1, got one observed after 1",
    });
    assert.throws(() => fromState({ ...s, metric: { ...Object(s.metric), bad: -1 } }, opt, p), {
      name: "RangeError",
      message: "state.metric.bad: expected a non-negative integer, got -1",
    });
  });
});
