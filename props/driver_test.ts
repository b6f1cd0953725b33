// The driver, model-based (fast-check commands): step, save, restore in place, resume in a
// "new process" from JSON. The model is just the counter; the values the optimizer holds
// must always be exactly policy.lr(counter) (and momentum): a resumed run uses exactly the
// numbers of the uninterrupted one. Plus its error texts.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { type Driver, driver, fromState, type OptimizerLike } from "../mod.ts";
import { oneCycle } from "../mod.ts";
import { cosineRestarts } from "../mod.ts";
import { joinPolicies } from "../mod.ts";
import type { Policy } from "../lib/types.ts";
import { cosineRestartsCaseArb, oneCycleCaseArb } from "./composition_arbitraries.ts";

interface Model {
  counter: number;
  saved: number[];
}

interface Real {
  build: () => Policy;
  policy: Policy;
  optimizer: { paramGroups: { lr: number; momentum: number }[] };
  driver: Driver;
  saved: string[];
}

const freshOptimizer = (groups: number) => ({
  paramGroups: Array.from({ length: groups }, () => ({ lr: -1, momentum: -1 })),
});

/** The law: the optimizer holds exactly the policy's values at the model's counter. */
function check(m: Model, r: Real): void {
  assert.equal(r.driver.iteration, m.counter);
  const lr = r.policy.lr(m.counter), momentum = r.policy.momentum?.(m.counter);
  r.optimizer.paramGroups.forEach((group, g) => {
    assert.equal(group.lr, lr[g], `lr of group ${g} at ${m.counter}`);
    assert.equal(group.momentum, momentum === undefined ? -1 : momentum[g], `momentum of group ${g} at ${m.counter}`);
  });
}

class Step implements fc.Command<Model, Real> {
  constructor(readonly times: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    for (let i = 0; i < this.times; i++) r.driver.step();
    m.counter += this.times;
    check(m, r);
  }
  toString = () => `step x${this.times}`;
}

class Save implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    r.saved.push(JSON.stringify(r.driver.state()));
    m.saved.push(m.counter);
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
      // a new process: a rebuilt policy, a fresh optimizer, the state from JSON
      r.policy = r.build();
      r.optimizer = freshOptimizer(r.policy.groups);
      r.driver = fromState(state, r.optimizer, r.policy);
    } else {
      r.driver.restore(state);
    }
    m.counter = m.saved[i];
    check(m, r);
  }
  toString = () => `restore #${this.pick}${this.newProcess ? " in a new process" : ""}`;
}

/** Policies to drive, as builders (a new process rebuilds the policy from its options). */
const builderArb: fc.Arbitrary<() => Policy> = fc.oneof(
  oneCycleCaseArb.map((c) => () => oneCycle(c.options)),
  cosineRestartsCaseArb.map((c) => () => cosineRestarts(c.options)),
  fc.tuple(oneCycleCaseArb, oneCycleCaseArb).map(([a, b]) => () =>
    joinPolicies([
      oneCycle({ ...a.options, cycleMomentum: true }),
      // one group, repeated to a's count
      oneCycle({
        ...b.options,
        maxLr: b.maxLr[0],
        baseMomentum: b.baseMomentum[0],
        maxMomentum: b.maxMomentum[0],
        cycleMomentum: true,
      }),
    ], [a.totalSteps])
  ),
);

const commandsArb = fc.commands([
  fc.integer({ min: 1, max: 50 }).map((n) => new Step(n)),
  fc.constant(new Save()),
  fc.tuple(fc.nat(), fc.boolean()).map(([pick, fresh]) => new Restore(pick, fresh)),
], { maxCommands: 40 });

describe("driver, model-based: the model is policy.lr(counter)", () => {
  test("step / save / restore / resume-from-JSON keep the optimizer at exactly the uninterrupted run's values", () =>
    fc.assert(
      fc.property(
        builderArb,
        fc.oneof(fc.constant(0), fc.nat({ max: 1_000_000 })),
        commandsArb,
        (build, start, cmds) => {
          const policy = build();
          const optimizer = freshOptimizer(policy.groups);
          const real: Real = {
            build,
            policy,
            optimizer,
            driver: driver(policy, optimizer, { iteration: start }),
            saved: [],
          };
          const model: Model = { counter: start, saved: [] };
          check(model, real);
          fc.modelRun(() => ({ model, real }), cmds);
        },
      ),
      { numRuns: 100 },
    ));
});

describe("driver", () => {
  const policy = oneCycle({ maxLr: [0.1, 0.01], totalSteps: 100 });

  test("a setter receives the values and the iteration", () => {
    const seen: [number, number, number | undefined][] = [];
    const d = driver(policy, ({ lr, momentum }, t) => seen.push([t, lr[1], momentum?.[0]]));
    d.step();
    assert.deepEqual(seen, [[0, policy.lr(0)[1], policy.momentum!(0)[0]], [
      1,
      policy.lr(1)[1],
      policy.momentum!(1)[0],
    ]]);
  });

  test("Adam-like groups get betas[0] instead of momentum", () => {
    const opt = { paramGroups: [{ lr: 0, betas: [0.9, 0.999] }, { lr: 0, betas: [0.9, 0.999] }] };
    driver(policy, opt).step();
    assert.deepEqual(opt.paramGroups[0].betas, [policy.momentum!(1)[0], 0.999]);
  });

  test("state() is { iteration, config } and survives JSON", () => {
    const d = driver(policy, () => {}, { iteration: 7 });
    assert.deepEqual(JSON.parse(JSON.stringify(d.state())), {
      iteration: 7,
      config: {
        policy: "oneCycle",
        maxLr: [0.1, 0.01],
        totalSteps: 100,
        pctStart: 0.3,
        annealStrategy: "cos",
        divFactor: 25,
        finalDivFactor: 1e4,
        threePhase: false,
        cycleMomentum: true,
        baseMomentum: [0.85, 0.85],
        maxMomentum: [0.95, 0.95],
      },
    });
    assert.deepEqual(driver({ lr: () => [1], groups: 1 }, () => {}).state(), { iteration: 0 });
  });

  const errors: [string, () => unknown, string, string][] = [
    [
      "too many optimizer groups",
      () => driver(policy, { paramGroups: [{ lr: 0 }, { lr: 0 }, { lr: 0 }] }),
      "RangeError",
      "paramGroups[2]: expected 2 parameter groups (as the policy), got 3",
    ],
    [
      "too few optimizer groups",
      () => driver(policy, { paramGroups: [{ lr: 0 }] }),
      "RangeError",
      "paramGroups[1]: missing, expected 2 parameter groups (as the policy), got 1",
    ],
    [
      "a target that is neither",
      () => driver(policy, {} as unknown as OptimizerLike),
      "TypeError",
      "optimizer: expected an object with paramGroups, or a setter function, got {}",
    ],
    [
      "a negative start",
      () => driver(policy, () => {}, { iteration: -1 }),
      "RangeError",
      "iteration: expected a non-negative integer, got -1",
    ],
    [
      "a state without iteration",
      () => fromState({} as unknown as { iteration: number }, () => {}, policy),
      "TypeError",
      "state.iteration: expected a non-negative integer, got undefined",
    ],
    [
      "a state of another policy",
      () => fromState({ iteration: 3, config: { policy: "oneCycle", maxLr: 1 } }, () => {}, policy),
      "TypeError",
      "state.config: expected the config of the policy being driven, got a different config",
    ],
  ];
  for (const [name, fn, type, message] of errors) {
    test(`rejects ${name}: ${message}`, () => assert.throws(fn, { name: type, message }));
  }

  test("step() past 2^53 - 1 is an error, not a wrong value", () => {
    const d = driver(policy, () => {}, { iteration: Number.MAX_SAFE_INTEGER });
    assert.throws(() => d.step(), {
      name: "RangeError",
      message: "iteration: expected a non-negative integer, got 9007199254740992",
    });
    assert.equal(d.iteration, Number.MAX_SAFE_INTEGER);
  });
});
