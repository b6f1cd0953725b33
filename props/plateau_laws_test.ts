// The laws of reduce-on-plateau, for every semantics, over any schedule it multiplies:
// reduce-only (it never raises a rate, and another observation never raises one), never
// below minLr (nor below the schedule's own rate where that is lower), a strictly improving
// metric never reduces, cooldown observations never reduce; and the clean schedule is kept:
// with no reduction, the rates are the schedule's own, bit for bit.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  constant,
  hear,
  type Observation,
  plateau,
  type PlateauOptions,
  plateauReducer,
  type PlateauState,
} from "../mod.ts";
import { observationsArb, plateauOptionsArb, scheduleArb } from "./plateau_arbitraries.ts";

const RUNS = { numRuns: 150 };

/** Iterations to look at: around every observation, and a few others. */
function iterationsOf(observations: readonly Observation[]): number[] {
  const out = new Set<number>([0, 1, 7]);
  for (const [i] of observations) for (const t of [i, i + 1, i + 2]) out.add(t);
  return [...out].sort((a, b) => a - b);
}

describe("plateau laws", () => {
  test("reduce-only: lr_g(t) <= schedule(t)_g, and the clean schedule where nothing reduced", () =>
    fc.assert(
      fc.property(scheduleArb, plateauOptionsArb, observationsArb, (s, o, obs) => {
        const lr = hear(plateau(s, o), obs);
        for (const t of iterationsOf(obs)) {
          const v = s(t), r = lr(t);
          v.forEach((x, g) => assert.ok(r[g] <= x, `t ${t} group ${g}: ${r[g]} > ${x}`));
        }
        assert.deepEqual(hear(plateau(s, o), [])(12345), s(12345));
      }),
      RUNS,
    ));

  test("another observation never raises a rate: hear(obs + one more)(t) <= hear(obs)(t)", () =>
    fc.assert(
      fc.property(scheduleArb, plateauOptionsArb, observationsArb, (s, o, obs) => {
        const p = plateau(s, o);
        for (let j = 0; j < obs.length; j++) {
          const before = hear(p, obs.slice(0, j)), after = hear(p, obs.slice(0, j + 1));
          const t = obs[j][0] + 1;
          after(t).forEach((r, g) => assert.ok(r <= before(t)[g], `observation ${j}, group ${g}`));
        }
      }),
      { numRuns: 60 },
    ));

  test("on a constant schedule the rate never increases along t", () =>
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), plateauOptionsArb, observationsArb, (v, o, obs) => {
        const lr = hear(plateau(constant({ value: v }), o), obs);
        const ts = iterationsOf(obs);
        for (let k = 1; k < ts.length; k++) assert.ok(lr(ts[k])[0] <= lr(ts[k - 1])[0], `t ${ts[k]}`);
      }),
      RUNS,
    ));

  test("never below minLr (pytorch, timm) or the schedule times minScale (optax), nor below the schedule where it is lower", () =>
    fc.assert(
      fc.property(scheduleArb, plateauOptionsArb, observationsArb, (s, o, obs) => {
        const lr = hear(plateau(s, o), obs);
        for (const t of iterationsOf(obs)) {
          const v = s(t), r = lr(t);
          v.forEach((x, g) => {
            const floor = o.semantics === "optax"
              ? x * (o.minScale ?? 0)
              : Math.min(x, typeof o.minLr === "number" ? o.minLr : 0);
            assert.ok(r[g] >= floor, `t ${t} group ${g}: ${r[g]} < ${floor}`);
          });
        }
      }),
      RUNS,
    ));

  test("a strictly improving metric never reduces (optax: with patience >= 1 and rtol < 1, see below)", () =>
    fc.assert(
      fc.property(
        scheduleArb,
        plateauOptionsArb,
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }),
        (s, o, first, steps) => {
          // optax's patience 0 reduces on every improvement (its count, 0, equals patience), and its
          // rtol 1 never improves ((1 - 1) * Infinity is NaN): both are optax's, kept, and outside this law.
          const options: PlateauOptions = o.semantics === "optax"
            ? { ...o, patience: Math.max(1, o.patience ?? 1), rtol: Math.min(o.rtol ?? 1e-4, 0.5), accumulationSize: 1 }
            : o;
          const metrics = improving(options, first, steps);
          const lr = hear(plateau(s, options), metrics.map((m, i) => [i, m]));
          for (let t = 0; t <= metrics.length; t++) assert.deepEqual(lr(t), s(t), `t ${t}`);
        },
      ),
      RUNS,
    ));

  test("cooldown: the cooldown observations after a reduction never reduce", () =>
    fc.assert(
      fc.property(plateauOptionsArb, observationsArb, (o, obs) => {
        const { initial, reduce } = plateauReducer(o);
        const states: PlateauState[] = [];
        let s = initial;
        for (const ob of obs) states.push(s = reduce(s, ob));
        const cooldown = o.cooldown ?? 0;
        states.forEach((st, j) => {
          const before = j === 0 ? initial : states[j - 1];
          if (st.reductions === before.reductions) return;
          for (let k = j + 1; k <= Math.min(j + cooldown, states.length - 1); k++) {
            assert.equal(states[k].reductions, st.reductions, `observation ${k} is in the cooldown of ${j}`);
          }
        });
      }),
      RUNS,
    ));
});

/** Metrics each strictly better than the best before it, by the semantics' own test. */
function improving(o: PlateauOptions, first: number, steps: readonly number[]): number[] {
  const out = [first];
  let best = first;
  for (const u of steps) {
    let next: number;
    if (o.semantics === "optax") {
      const bound = (1 - (o.rtol ?? 1e-4)) * best - (o.atol ?? 0);
      next = bound - (Math.abs(bound) * u + 1);
    } else {
      const thr = o.threshold ?? 1e-4, rel = (o.thresholdMode ?? "rel") === "rel";
      const max = (o.mode ?? (o.semantics === "timm" ? "max" : "min")) === "max";
      const bound = max ? (rel ? best * (thr + 1) : best + thr) : rel ? best * (1 - thr) : best - thr;
      next = max ? bound + (Math.abs(bound) * u + 1) : bound - (Math.abs(bound) * u + 1);
    }
    out.push(next);
    best = next;
  }
  return out;
}
