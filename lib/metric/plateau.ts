import type { Policy, PolicyLike, ScalarSchedule, Schedule } from "../types.ts";
import { checkIteration } from "../_check.ts";
import { asPolicy, makePolicy } from "../schedule/policy.ts";
import { withChildConfig, withoutConfig } from "../schedule/config_of.ts";
import { scalarsOf, withScalars } from "../schedule/scalars.ts";
import { makeMetricPolicy, type MetricPolicy } from "./metric_policy.ts";
import { type PlateauOptions, type PlateauRule, readPlateau } from "./plateau_options.ts";
import { type PlateauState, readPlateauState, reducerOf } from "./plateau_reducer.ts";

/**
 * A group's rate after `k` reductions, as PyTorch's `_reduce_lr` makes them one after
 * another: `new = max(old * factor, minLr)`, kept only when `old - new > eps`. Once a
 * reduction is not kept the rate is where it stays, so the loop ends there.
 */
function reducedRate(v: number, k: number, factor: number, minLr: number, eps: number): number {
  let lr = v;
  for (let j = 0; j < k; j++) {
    const candidate = lr * factor;
    const next = minLr > candidate ? minLr : candidate; // Python's max(candidate, minLr)
    if (!(lr - next > eps)) break;
    lr = next;
  }
  return lr;
}

/** One group's rate under a state, remembering the last value it reduced (a constant schedule costs one loop). */
function groupRate(rule: PlateauRule, state: PlateauState, g: number): (v: number) => number {
  if (rule.semantics === "optax") {
    const scale = state.scale;
    return (v) => v * scale;
  }
  const k = state.reductions, factor = rule.factor, min = rule.minLr[g], eps = rule.eps;
  let lastV = NaN, lastRate = NaN;
  return (v) => {
    if (v !== lastV) {
      lastRate = reducedRate(v, k, factor, min, eps);
      lastV = v;
    }
    return lastRate;
  };
}

/** Whether a state leaves every rate as the schedule gives it. */
function isNeutral(rule: PlateauRule, state: PlateauState): boolean {
  return rule.semantics === "optax" ? state.scale === 1 : state.reductions === 0;
}

/** The policy a plateau stands for once its state is `state`. */
function policyAt(p: Policy, rule: PlateauRule, state: PlateauState): Policy {
  if (isNeutral(rule, state)) return p;
  const groups = p.groups;
  const rates = Array.from({ length: groups }, (_, g) => groupRate(rule, state, g));
  const lr: Schedule = (t) => {
    checkIteration(t);
    const v = p(t);
    const out = new Array<number>(groups);
    for (let g = 0; g < groups; g++) out[g] = rates[g](v[g]);
    return out;
  };
  const scalars = scalarsOf(p.lr);
  if (scalars !== undefined) {
    withScalars(
      lr,
      scalars.map((s, g): ScalarSchedule => {
        const rate = groupRate(rule, state, g);
        return (t) => rate(s(t));
      }),
    );
  }
  return withoutConfig(
    makePolicy(lr, groups, p.momentum),
    "a plateau's policy at one state (the config is the plateau's: save its state beside it)",
  );
}

/** The fields of a plateau's normal config, in order, for its semantics. */
function plateauFields(rule: PlateauRule, groups: number): Record<string, unknown> {
  const common = { factor: rule.factor, patience: rule.patience };
  if (rule.semantics === "optax") {
    return {
      semantics: "optax",
      ...common,
      rtol: rule.rtol,
      atol: rule.atol,
      cooldown: rule.cooldown,
      accumulationSize: rule.accumulationSize,
      minScale: rule.minScale,
    };
  }
  const minLr = rule.minLr.length === 1 ? new Array<number>(groups).fill(rule.minLr[0]) : rule.minLr;
  return {
    semantics: rule.semantics,
    mode: rule.mode,
    ...common,
    threshold: rule.threshold,
    thresholdMode: rule.thresholdMode,
    cooldown: rule.cooldown,
    minLr: groups === 1 ? minLr[0] : [...minLr],
    eps: rule.eps,
  };
}

/**
 * The normal config of a plateau of a child config with `groups` groups.
 * @internal
 */
export function plateauConfig(
  schedule: Readonly<Record<string, unknown>>,
  options: PlateauOptions,
  groups: number,
): Readonly<Record<string, unknown>> {
  return { policy: "plateau", schedule, ...plateauFields(readPlateau(options), groups) };
}

/**
 * Reduce-on-plateau as a multiplier of any schedule: a metric-driven policy whose rates are
 * the schedule's, reduced each time the metric stops improving. It composes: warm-up then
 * plateau (`joinMetric([ramp, plateau(s)], [w])`), cosine times plateau
 * (`plateau(cosineDecay(…))`), plateau after a cyclic phase, plateau inside a `join`
 * config; the schedule keeps every law it had, and the multiplier only ever lowers it.
 *
 * The decision of when to reduce is {@link plateauReducer}'s (PyTorch's, timm's or optax's
 * rule, `semantics`). With `k` reductions made by the observations before `t`, group `g`
 * has, with `v = schedule(t)[g]`:
 *
 * * `"pytorch"`, `"timm"`: PyTorch's `_reduce_lr` applied `k` times to `v`:
 *   `new = max(old * factor, minLr[g])`, kept when `old - new > eps`. So the rate is
 *   `v * factor^k` until it reaches `minLr[g]` (or a step of `eps` or less), where it
 *   stays; a rate already below `minLr[g]` (a warm-up's start) is left as it is. On a
 *   constant schedule this is PyTorch's `param_group["lr"]` after every `step`, bit for bit.
 * * `"optax"`: `v * scale`, with `scale = max(factor^k, minScale)` as optax multiplies the
 *   updates (its `factor`, `rtol`, `atol`, `accumulationSize`, `minScale`).
 *
 * Time: a metric observed after update `i` takes effect at iteration `i + 1` (PyTorch's
 * `scheduler.step(val_loss)` after an epoch; optax's `value` of update `i + 1` is the loss
 * after update `i`). Momentum passes through unchanged. Non-finite metrics follow the
 * references' arithmetic (NaN never improves, so a run of NaN losses reduces the rate).
 *
 * @param schedule The schedule (or policy) to multiply.
 * @param options The rule ({@link PLATEAU}; defaults: PyTorch's, `semantics: "pytorch"`).
 * @returns The metric-driven policy: `observe` it and read `at(state)`, or `hear(p, observations)`.
 *   With a child built from a config it records the config `{ policy: "plateau", schedule, … }`.
 * @throws {TypeError | RangeError} On bad options (every error at once), or when `minLr` has
 *   another number of groups than the schedule.
 *
 * @example PyTorch's test_reduce_lr_on_plateau2 (patience 5, threshold 0.1 abs): 0.5, then 0.05 after six bad epochs
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, hear, plateau } from "cyclical-lr";
 * const p = plateau(constant({ value: 0.5 }), { patience: 5, thresholdMode: "abs", threshold: 0.1 });
 * const metrics = Array.from({ length: 22 }, (_, i) => [i, 10 - i * 0.0165] as const);
 * const lr = hear(p, metrics); // metric i is observed after update i: it acts from i + 1
 * const expected = [...new Array(6).fill(0.5), ...new Array(7).fill(0.05), ...new Array(7).fill(0.005), 0.0005, 0.0005];
 * expected.forEach((e, i) => assert.ok(Math.abs(lr(i + 1)[0] - e) < 1e-15, `epoch ${i}`));
 * assert.equal(lr(0)[0], 0.5);
 * ```
 * @see {@link https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html | PyTorch ReduceLROnPlateau}
 * @see {@link https://optax.readthedocs.io/en/latest/api/contrib.html#optax.contrib.reduce_on_plateau | optax contrib.reduce_on_plateau}
 */
export function plateau(schedule: PolicyLike, options: PlateauOptions = {}): MetricPolicy {
  const p = asPolicy(["schedule"], schedule);
  const read = readPlateau(options);
  const groups = p.groups;
  if (read.semantics !== "optax" && read.minLr.length !== 1 && read.minLr.length !== groups) {
    throw new RangeError(`minLr: expected ${groups} values (one per group, as schedule), got ${read.minLr.length}`);
  }
  // One minLr for every group of the schedule.
  const rule: PlateauRule = read.semantics === "optax" || read.minLr.length === groups
    ? read
    : { ...read, minLr: new Array<number>(groups).fill(read.minLr[0]) };
  const reducer = reducerOf(rule);
  const mp = makeMetricPolicy({
    groups,
    hasMomentum: p.momentum !== undefined,
    initial: reducer.initial,
    read: (state, path) => readPlateauState(state, path),
    lastObserved: (state) => readPlateauState(state).iteration,
    observe: (state, iteration, metric) => reducer.reduce(readPlateauState(state), [iteration, metric]),
    at: (state) => policyAt(p, rule, readPlateauState(state)),
  });
  return withChildConfig(
    mp,
    p,
    (child) => ({ policy: "plateau", schedule: child, ...plateauFields(rule, groups) }),
    () => "a plateau of a schedule that has no config form",
  );
}
