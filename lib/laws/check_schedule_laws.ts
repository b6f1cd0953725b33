import { partsOf } from "../schedule/policy.ts";
import type { PerGroup, Policy, Schedule } from "../types.ts";
import { isFiniteNumber } from "../_check.ts";
import { type FieldsOf, gamma, kind, nonNegativeInt, oneOf, positiveInt } from "../options/_kinds.ts";
import { listKind, type OptionsRule, type OptionsTable, optionsTable } from "../options/table.ts";
import { invalid, type OptionError } from "../options/_errors.ts";
import { mulberry32, uniformInt } from "./_prng.ts";
import { LawError } from "./law_error.ts";
import { decaysLike } from "./decays_like.ts";
import { deterministic } from "./deterministic.ts";
import { finite } from "./finite.ts";
import { groupsIndependent } from "./groups_independent.ts";
import { halvesEachCycle } from "./halves_each_cycle.ts";
import { monotoneWithinCycle } from "./monotone_within_cycle.ts";
import { periodic } from "./periodic.ts";
import { startOffset } from "./start_offset.ts";
import { withinBounds } from "./within_bounds.ts";

/** The names of the laws {@link checkScheduleLaws} can run. */
export type LawName =
  | "finite"
  | "deterministic"
  | "startOffset"
  | "withinBounds"
  | "periodic"
  | "halvesEachCycle"
  | "decaysLike"
  | "monotoneWithinCycle"
  | "groupsIndependent";

/**
 * What {@link checkScheduleLaws} needs to know about a schedule (its config's fields that
 * the laws read), and which laws to run; checked by {@link SCHEDULE_LAWS}.
 */
export interface ScheduleLawOptions {
  /** Iterations of a cycle's rise, a positive integer (the `monotoneWithinCycle` law needs it). */
  readonly stepSizeUp?: number;
  /** Iterations of a cycle's fall, a positive integer; without it, `stepSizeUp`. */
  readonly stepSizeDown?: number;
  /** The cycle length, a positive integer; without it, `stepSizeUp + stepSizeDown`. */
  readonly period?: number;
  /** The rate at the bottom of a cycle, per group: a finite number or an array of them. */
  readonly baseLr?: PerGroup;
  /** The rate at the top of the first cycle, per group. */
  readonly maxLr?: PerGroup;
  /** Momentum at the rate's peak, per group (laws on a policy's momentum). */
  readonly baseMomentum?: PerGroup;
  /** Momentum at the rate's bottom, per group. */
  readonly maxMomentum?: PerGroup;
  /** The `exp_range` decay per iteration, in (0, 1] (the `decaysLike` law needs it). */
  readonly gamma?: number;
  /** One one-group schedule or policy per group (the `groupsIndependent` law needs it). */
  readonly single?: readonly (Schedule | Policy)[];
  /**
   * The laws to run. Without it, `finite`, `deterministic`, `startOffset`, and
   * `withinBounds` when both bounds are given: the laws every schedule obeys. The others
   * depend on the policy (`periodic` is false for triangular2), so they run only when listed.
   */
  readonly laws?: readonly LawName[];
  /** Seed of the pseudo-random iterations, an integer in [0, 2^32). */
  readonly seed?: number;
  /** How many pseudo-random iterations to add to the fixed ones, an integer in [0, 10^6]. */
  readonly samples?: number;
}

const LAW_NAMES: readonly LawName[] = [
  "finite",
  "deterministic",
  "startOffset",
  "withinBounds",
  "periodic",
  "halvesEachCycle",
  "decaysLike",
  "monotoneWithinCycle",
  "groupsIndependent",
];

/** The laws that compare with `baseLr` and `maxLr`. */
const BOUNDED: readonly LawName[] = ["withinBounds", "halvesEachCycle", "decaysLike", "monotoneWithinCycle"];

/** A bound per group: a finite number, or a non-empty array of them (taken as given, not resolved). */
const bound = kind(
  "a finite number or a non-empty array of them",
  (v): v is PerGroup => isFiniteNumber(v) || (Array.isArray(v) && v.length > 0 && v.every(isFiniteNumber)),
);

const scheduleOrPolicy = kind(
  "a schedule or a policy",
  (v): v is Schedule | Policy =>
    typeof v === "function" || (typeof v === "object" && v !== null && "lr" in v && typeof v.lr === "function"),
);

/** Each listed law has the options it needs. */
const lawsHaveTheirOptions: OptionsRule<FieldsOf<ScheduleLawOptions, LawOptional>> = (v, given) => {
  const errors: OptionError[] = [];
  const missing = (field: string, law: LawName, what = "it") => {
    if (!errors.some((e) => e.path[0] === field)) {
      errors.push(invalid([field], `a value (the ${law} law needs ${what})`, undefined));
    }
  };
  for (const law of v.laws ?? []) {
    if ((law === "periodic" || law === "halvesEachCycle") && !given("period") && !given("stepSizeUp")) {
      missing("period", law);
    }
    if (law === "monotoneWithinCycle" && !given("stepSizeUp")) missing("stepSizeUp", law);
    if (law === "decaysLike" && !given("gamma")) missing("gamma", law);
    if (law === "groupsIndependent" && !given("single")) missing("single", law);
    if (BOUNDED.includes(law)) {
      if (!given("baseLr")) missing("baseLr", law, "baseLr and maxLr");
      if (!given("maxLr")) missing("maxLr", law, "baseLr and maxLr");
    }
  }
  return errors;
};

type LawOptional =
  | "stepSizeUp"
  | "stepSizeDown"
  | "period"
  | "baseLr"
  | "maxLr"
  | "baseMomentum"
  | "maxMomentum"
  | "gamma"
  | "single";

/**
 * The options table of {@link checkScheduleLaws}: the config's fields the laws need, the
 * laws (by default those every schedule obeys), the seed and the number of random iterations.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCHEDULE_LAWS } from "cyclical-lr";
 * assert.deepEqual(SCHEDULE_LAWS.read({}).laws, ["finite", "deterministic", "startOffset"]);
 * assert.throws(() => SCHEDULE_LAWS.read({ mode: "triangular" }), { message: "mode: unknown option of checkScheduleLaws" });
 * ```
 */
export const SCHEDULE_LAWS: OptionsTable<
  FieldsOf<
    ScheduleLawOptions,
    "stepSizeUp" | "stepSizeDown" | "period" | "baseLr" | "maxLr" | "baseMomentum" | "maxMomentum" | "gamma" | "single"
  >
> = optionsTable("checkScheduleLaws", {
  stepSizeUp: positiveInt.optional(),
  stepSizeDown: positiveInt.optional(),
  period: positiveInt.optional(),
  baseLr: bound.optional(),
  maxLr: bound.optional(),
  baseMomentum: bound.optional(),
  maxMomentum: bound.optional(),
  gamma: gamma.optional(),
  single: listKind("an array of schedules or policies", scheduleOrPolicy).optional(),
  laws: listKind("an array of law names", oneOf(LAW_NAMES)).derived(
    (o) =>
      o.baseLr !== undefined && o.maxLr !== undefined
        ? ["finite", "deterministic", "startOffset", "withinBounds"]
        : ["finite", "deterministic", "startOffset"],
    "finite, deterministic, startOffset, and withinBounds when baseLr and maxLr are given",
  ),
  seed: kind(
    "an integer in [0, 4294967295]",
    (v): v is number => Number.isSafeInteger(v) && typeof v === "number" && v >= 0 && v <= 0xffffffff,
  )
    .default(1),
  samples: kind("an integer in [0, 1000000]", (v): v is number => nonNegativeInt.is(v) && v <= 1_000_000).default(64),
}, { rules: [lawsHaveTheirOptions] });

/** What {@link checkScheduleLaws} checked. */
export interface LawReport {
  /** The laws run, momentum laws included as `momentum.<law>`. */
  readonly laws: readonly string[];
  /** The iterations the laws were checked at. */
  readonly iterations: readonly number[];
  /** How many law evaluations passed. */
  readonly checks: number;
}

/** Starts below this are also checked by `startOffset` against a sample from 0. */
const SMALL_START = 4096;

/** The fixed and seeded iterations the laws are checked at, sorted and distinct. */
function iterationsFor(period: number | undefined, up: number | undefined, seed: number, samples: number): number[] {
  const MAX = Number.MAX_SAFE_INTEGER;
  const ts: number[] = [0, 1, 2, 3, MAX, MAX - 1, MAX - 2];
  for (let p = 1; p <= 2 ** 52; p *= 16) ts.push(p, p - 1); // 2^k for k = 0, 4, ..., 52
  if (period !== undefined) {
    for (let k = 0; k <= 3; k++) ts.push(k * period - 1, k * period, k * period + 1);
    if (up !== undefined) {
      for (let k = 0; k <= 3; k++) ts.push(k * period + up - 1, k * period + up, k * period + up + 1);
    }
    for (const c of [1024, 1025, 1026, 1100]) ts.push(c * period, c * period + (up ?? 1));
    ts.push(MAX - period, MAX - period - 1, MAX - 2 * period);
  }
  const next = mulberry32(seed);
  const near = 10 * (period ?? 1000);
  for (let i = 0; i < samples; i++) ts.push(i % 2 === 0 ? uniformInt(next, MAX) : uniformInt(next, near));
  return [...new Set(ts.filter((t) => Number.isSafeInteger(t) && t >= 0))].sort((a, b) => a - b);
}

/**
 * Checks the laws of a schedule (or of a policy's `lr` and `momentum`) at a deterministic
 * set of iterations: 0 and the first few, the edges of the first cycles and of their
 * peaks, cycles 1024 to 1100, powers of two, `Number.MAX_SAFE_INTEGER` and the iterations
 * just below it, and `samples` pseudo-random iterations from a seeded generator (half
 * anywhere up to 2^53 - 1, half in the first ten cycles). Every law that breaks is
 * reported, with the first iteration where it breaks.
 *
 * Momentum laws use the momentum bounds the way PyTorch does: momentum is at
 * `maxMomentum` at the bottom of a cycle and moves toward `baseMomentum`.
 *
 * @param schedule A schedule, or a policy whose `lr` and `momentum` are both checked.
 * @param options The config's fields that the laws need, and which laws to run.
 * @returns What was checked.
 * @throws {AggregateError} If any law breaks: the message lists every broken law, one per
 *   line, and `errors` holds their {@link LawError}s.
 * @throws {TypeError} If a listed law lacks the option it needs, or an option is unknown.
 * @throws {RangeError} If an option is out of range.
 *
 * @example Check a custom policy, and see a broken law reported
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkScheduleLaws, cyclicLR, type CyclicLROptions } from "cyclical-lr";
 * const bounds = { baseLr: 0.1, maxLr: 1, stepSizeUp: 5 };
 * const options: CyclicLROptions = { ...bounds, mode: "triangular2" };
 * const report = checkScheduleLaws(cyclicLR(options), {
 *   ...bounds, baseMomentum: 0.8, maxMomentum: 0.9,
 *   laws: ["finite", "withinBounds", "halvesEachCycle", "monotoneWithinCycle"],
 * });
 * assert.ok(report.checks > 100);
 * assert.throws(
 *   () => checkScheduleLaws(cyclicLR(options).lr, { ...bounds, laws: ["periodic"] }),
 *   /^AggregateError: checkScheduleLaws: 1 law broken\nperiodic: at t = 1 and t = 11, group 0: /,
 * );
 * ```
 */
export function checkScheduleLaws(schedule: Schedule | Policy, options: ScheduleLawOptions = {}): LawReport {
  const o = SCHEDULE_LAWS.read(options);
  const up = o.stepSizeUp;
  const down = o.stepSizeDown ?? up;
  const period = o.period ?? (up !== undefined && down !== undefined ? up + down : undefined);
  const { seed, samples, laws } = o;

  // The table's rule has checked that every listed law has the options it needs.
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new TypeError("checkScheduleLaws: a law ran without an option it needs");
    return v;
  };

  const { lr, momentum } = partsOf<Schedule>(schedule);
  const targets: { prefix: string; s: Schedule; from?: PerGroup; to?: PerGroup; single?: Schedule[] }[] = [{
    prefix: "",
    s: lr,
    from: o.baseLr,
    to: o.maxLr,
    single: o.single?.map((x) => partsOf<Schedule>(x).lr),
  }];
  if (momentum) {
    const single = o.single?.map((x) => partsOf<Schedule>(x).momentum);
    targets.push({
      prefix: "momentum.",
      s: momentum,
      from: o.maxMomentum,
      to: o.baseMomentum,
      single: single?.every((x) => x !== undefined) ? single.filter((x) => x !== undefined) : undefined,
    });
  }

  type Check = (s: Schedule, t: number, from: PerGroup, to: PerGroup, single: Schedule[]) => void;
  const MAX = Number.MAX_SAFE_INTEGER;
  const table: Record<LawName, { check: Check; applies: (t: number) => boolean; bounds: boolean }> = {
    finite: { check: (s, t) => finite(s, t), applies: () => true, bounds: false },
    deterministic: { check: (s, t) => deterministic(s, t), applies: () => true, bounds: false },
    startOffset: {
      check: (s, t) => startOffset(s, t, { count: 4 }),
      applies: (t) => t + 3 <= MAX && (t <= SMALL_START || t > 100_000),
      bounds: false,
    },
    withinBounds: { check: (s, t, from, to) => withinBounds(s, t, { from, to }), applies: () => true, bounds: true },
    periodic: {
      check: (s, t) => periodic(s, t, { period: need(period) }),
      applies: (t) => t + (period ?? 0) <= MAX,
      bounds: false,
    },
    halvesEachCycle: {
      check: (s, t, from) => halvesEachCycle(s, t, { period: need(period), from }),
      applies: (t) => t + (period ?? 0) <= MAX,
      bounds: true,
    },
    decaysLike: {
      check: (s, t, from, to) => decaysLike(s, t, { from, to, gamma: need(o.gamma) }),
      applies: () => true,
      bounds: true,
    },
    monotoneWithinCycle: {
      check: (s, t, from, to) => monotoneWithinCycle(s, t, { stepSizeUp: need(up), stepSizeDown: down, from, to }),
      applies: (t) => t < MAX,
      bounds: true,
    },
    groupsIndependent: {
      check: (s, t, _from, _to, single) => groupsIndependent(s, t, { single }),
      applies: () => true,
      bounds: false,
    },
  };

  const iterations = iterationsFor(period, up, seed, samples);
  const broken: LawError[] = [];
  const ran: string[] = [];
  let checks = 0;
  for (const target of targets) {
    for (const law of laws) {
      const entry = table[law];
      // momentum laws that need bounds (or single policies) run only when they are given
      if (entry.bounds && (target.from === undefined || target.to === undefined)) continue;
      let single: Schedule[] = [];
      if (law === "groupsIndependent") {
        if (target.single === undefined) continue;
        single = target.single;
      }
      ran.push(target.prefix + law);
      for (const t of iterations) {
        if (!entry.applies(t)) continue;
        try {
          entry.check(target.s, t, target.from ?? 0, target.to ?? 0, single);
          checks++;
        } catch (e) {
          if (!(e instanceof LawError)) throw e;
          broken.push(target.prefix ? new LawError(target.prefix + e.law, e.iterations, e.detail) : e);
          break;
        }
      }
    }
  }
  if (broken.length > 0) {
    const n = broken.length;
    throw new AggregateError(
      broken,
      `checkScheduleLaws: ${n} law${n === 1 ? "" : "s"} broken\n${broken.map((e) => e.message).join("\n")}`,
    );
  }
  return { laws: ran, iterations, checks };
}
