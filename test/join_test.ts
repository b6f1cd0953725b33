// join and joinPolicies: optax's join_schedules test (optax/schedules/_join_test.py), local
// time, group broadcasting, momentum agreement, recorded configs and error texts.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { configOf, withConfig } from "../mod.ts";
import { join, joinPolicies } from "../mod.ts";
import { oneCycle } from "../mod.ts";
import { cosineRestarts } from "../mod.ts";
import type { Policy, PolicyLike, Schedule } from "../lib/types.ts";

const constant = (v: number): Schedule => () => [v];

describe("join", () => {
  test("optax test_join_schedules: constants 1, 2, 1 with boundaries [3, 6]", () => {
    const s = join([constant(1), constant(2), constant(1)], [3, 6]);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((t) => s(t)[0]), [1, 1, 1, 2, 2, 2, 1]);
  });

  test("child i runs on local time t - b[i-1]; the first on t, the last forever", () => {
    const id: Schedule = (t) => [t];
    const s = join([id, id, id], [5, 12]);
    assert.deepEqual([0, 4, 5, 11, 12, 100].map((t) => s(t)[0]), [0, 4, 0, 6, 0, 88]);
    assert.equal(s(Number.MAX_SAFE_INTEGER)[0], Number.MAX_SAFE_INTEGER - 12);
  });

  test("a boundary at 0 skips the first child", () => {
    const s = join([constant(1), constant(2)], [0]);
    assert.deepEqual(s(0), [2]);
  });

  test("a single child with no boundaries is the child", () => {
    const s = join([(t) => [t * 2]], []);
    assert.deepEqual(s(21), [42]);
  });

  test("a one-group child is repeated to the others' group count", () => {
    const s = join([constant(0.5), (t) => [t, 2 * t]], [2]);
    assert.deepEqual(s(0), [0.5, 0.5]);
    assert.deepEqual(s(3), [1, 2]);
  });

  const errors: [string, () => unknown, string, string][] = [
    ["no schedules", () => join([], []), "TypeError", "schedules: expected a non-empty array of schedules, got []"],
    [
      "too few boundaries",
      () => join([constant(1), constant(2)], []),
      "RangeError",
      "boundaries: expected 1 values (one fewer than schedules), got 0",
    ],
    [
      "too many boundaries",
      () => join([constant(1)], [3]),
      "RangeError",
      "boundaries: expected 0 values (one fewer than schedules), got 1",
    ],
    [
      "a negative boundary",
      () => join([constant(1), constant(2)], [-1]),
      "RangeError",
      "boundaries[0]: expected a non-negative integer, got -1",
    ],
    [
      "a fractional boundary",
      () => join([constant(1), constant(2)], [1.5]),
      "RangeError",
      "boundaries[0]: expected a non-negative integer, got 1.5",
    ],
    [
      "an unsafe boundary",
      () => join([constant(1), constant(2)], [2 ** 53]),
      "RangeError",
      "boundaries[0]: expected a non-negative integer, got 9007199254740992",
    ],
    [
      "equal boundaries",
      () => join([constant(1), constant(2), constant(3)], [4, 4]),
      "RangeError",
      "boundaries[1]: expected an integer above boundaries[0] (4), got 4",
    ],
    [
      "decreasing boundaries",
      () => join([constant(1), constant(2), constant(3)], [4, 2]),
      "RangeError",
      "boundaries[1]: expected an integer above boundaries[0] (4), got 2",
    ],
    [
      "a child that is not a function",
      () => join([constant(1), "x" as unknown as Schedule], [4]),
      "TypeError",
      'schedules[1]: expected a schedule (a function of the iteration) or a policy { lr, momentum?, groups }, got "x"',
    ],
    [
      "group counts that disagree",
      () => join([() => [1, 2], () => [1, 2, 3]], [4]),
      "RangeError",
      "schedules[0]: expected 3 groups (as schedules[1]) or 1, got 2",
    ],
  ];
  for (const [name, fn, type, message] of errors) {
    test(`rejects ${name}: ${message}`, () => assert.throws(fn, { name: type, message }));
  }

  test("the joined schedule rejects an invalid iteration", () =>
    assert.throws(() => join([constant(1)], [])(-1), {
      name: "RangeError",
      message: "iteration: expected a non-negative integer, got -1",
    }));
});

describe("joinPolicies", () => {
  const warm = oneCycle({ maxLr: 0.1, totalSteps: 100, pctStart: 1 });
  const fall = oneCycle({ maxLr: 0.1, totalSteps: 900, pctStart: 0, divFactor: 1 });

  test("joins rates and momenta; records { policy: 'join', schedules, boundaries }", () => {
    const p = joinPolicies([warm, fall], [100]);
    assert.deepEqual(p.lr(150), fall.lr(50));
    assert.deepEqual(p.momentum!(150), fall.momentum!(50));
    assert.deepEqual(p.momentum!(10), warm.momentum!(10));
    assert.deepEqual(configOf(p), { policy: "join", schedules: [configOf(warm), configOf(fall)], boundaries: [100] });
  });

  test("without momentum when no child has it", () => {
    const p = joinPolicies([cosineRestarts({ baseLr: 1, t0: 5 }), cosineRestarts({ baseLr: 2, t0: 5 })], [10]);
    assert.equal(p.momentum, undefined);
    assert.equal(p.lr(10)[0], 2);
  });

  test("children that disagree about momentum: TypeError 'schedules[1]: expected momentum like schedules[0]'", () => {
    const noMomentum = cosineRestarts({ baseLr: 1, t0: 5 });
    assert.throws(() => joinPolicies([warm, noMomentum], [5]), {
      name: "TypeError",
      message: 'schedules[1]: expected momentum like schedules[0]: schedules[0] ("oneCycle") schedules momentum and ' +
        'schedules[1] ("cosineRestarts") does not (give schedules[0] "cycleMomentum": false, or give every child momentum)',
    });
    assert.throws(() => joinPolicies([noMomentum, noMomentum, warm], [5, 6]), {
      name: "TypeError",
      message: 'schedules[2]: expected momentum like schedules[0]: schedules[2] ("oneCycle") schedules momentum and ' +
        'schedules[0] ("cosineRestarts") does not (give it "cycleMomentum": false, or give every child momentum)',
    });
  });

  test("records no config when a child has none", () => {
    const bare: PolicyLike = { lr: () => [0.1], groups: 1 };
    assert.equal(configOf(joinPolicies([bare, cosineRestarts({ baseLr: 1, t0: 5 })], [3])), undefined);
    const described = withConfig({ lr: () => [0.1], groups: 1 }, { policy: "constant", value: 0.1 });
    assert.deepEqual(configOf(joinPolicies([described], [])), {
      policy: "join",
      schedules: [{ policy: "constant", value: 0.1 }],
      boundaries: [],
    });
  });

  test("a one-group child is repeated to match; other counts must agree", () => {
    const two = cosineRestarts({ baseLr: [1, 2], t0: 5 });
    const p = joinPolicies([cosineRestarts({ baseLr: 0.5, t0: 5 }), two], [5]);
    assert.equal(p.groups, 2);
    assert.deepEqual(p.lr(0), [0.5, 0.5]);
    assert.deepEqual(p.lr(5), [1, 2]);
    assert.throws(() => joinPolicies([two, cosineRestarts({ baseLr: [1, 2, 3], t0: 5 })], [5]), {
      name: "RangeError",
      message: "schedules[0]: expected 3 groups (as schedules[1]) or 1, got 2",
    });
  });

  test("a plain schedule is a policy without momentum: beside a policy with momentum, the error says the fix", () =>
    assert.throws(() => joinPolicies([warm, (() => [1]) as unknown as Policy], [3]), {
      name: "TypeError",
      message: 'schedules[1]: expected momentum like schedules[0]: schedules[0] ("oneCycle") schedules momentum and ' +
        'schedules[1] does not (give schedules[0] "cycleMomentum": false, or give every child momentum)',
    }));
});
