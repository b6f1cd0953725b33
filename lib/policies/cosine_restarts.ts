import type { PerGroup, Policy } from "../types.ts";
import { checkIteration } from "../_check.ts";
import {
  atLeastOne,
  type FieldsOf,
  gamma,
  GROUPS,
  nonNegativeInt,
  perGroupRate,
  positive,
  positiveInt,
} from "../options/_kinds.ts";
import { invalid } from "../options/_errors.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { cos, log1p, pow, powWithBase } from "../_math/mod.ts";
import { kAngle } from "./_k_decay.ts";

/** Where SGDR's restarts fall: the first cycle's length and its growth. */
export interface RestartCyclesOptions {
  /** Length of the first cycle in iterations (PyTorch's `T_0`), a positive safe integer. */
  readonly t0: number;
  /** Growth of the cycle length per restart (`T_mult`; timm's `cycle_mul`), finite and >= 1. */
  readonly tMult?: number;
}

/** Options of {@link cosineRestarts}: the fields of the `cosineRestarts` config, checked by {@link COSINE_RESTARTS}. */
export interface CosineRestartsOptions extends RestartCyclesOptions {
  /** The rate at the first restart (PyTorch's initial `lr`, the cosine's top), per group. */
  readonly baseLr: PerGroup;
  /** The rate at the bottom of every cycle, per group. */
  readonly etaMin?: PerGroup;
  /** Factor of the peak at every restart (timm's `cycle_decay`), in (0, 1]. */
  readonly cycleDecay?: number;
  /** Number of cycles; after them the rate stays `etaMin` (timm's `cycle_limit`). No limit when left out. */
  readonly cycleLimit?: number;
  /** Iterations of a linear ramp from `etaMin` to the peak at the start of every cycle, below `t0`. */
  readonly warmupSteps?: number;
  /**
   * timm's `k_decay`: the cosine runs on `(tau / L)^k` instead of `tau / L`, finite and > 0
   * (1: plain SGDR; above 1 the rate stays high longer, below 1 it falls sooner).
   */
  readonly kDecay?: number;
  /** Number of groups, when every per-group value is a number. */
  readonly groups?: number;
}

const CYCLE_FIELDS: FieldsOf<RestartCyclesOptions> = {
  t0: positiveInt.required(),
  tMult: atLeastOne.default(1),
};

/**
 * The options table of {@link restartCycles}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RESTART_CYCLES } from "cyclical-lr";
 * assert.equal(RESTART_CYCLES.read({ t0: 5 }).tMult, 1);
 * ```
 */
export const RESTART_CYCLES: OptionsTable<FieldsOf<RestartCyclesOptions>> = optionsTable("restartCycles", CYCLE_FIELDS);

/** The fields of {@link COSINE_RESTARTS}, one per option of {@link CosineRestartsOptions}. */
export type CosineRestartsFields = FieldsOf<CosineRestartsOptions, "cycleLimit" | "groups">;

/**
 * The options table of {@link cosineRestarts} and of the `cosineRestarts` config.
 *
 * @example The warm-up must be shorter than the first cycle
 * ```ts
 * import assert from "node:assert/strict";
 * import { COSINE_RESTARTS } from "cyclical-lr";
 * assert.throws(() => COSINE_RESTARTS.read({ baseLr: 0.1, t0: 5, warmupSteps: 5 }), {
 *   message: "warmupSteps: expected a non-negative integer below t0 (5), got 5",
 * });
 * ```
 */
export const COSINE_RESTARTS: PolicyTable<CosineRestartsFields> = policyTable("cosineRestarts", "cosineRestarts", {
  baseLr: perGroupRate.required(),
  ...CYCLE_FIELDS,
  etaMin: perGroupRate.default(0),
  cycleDecay: gamma.default(1),
  cycleLimit: positiveInt.optional(),
  warmupSteps: nonNegativeInt.default(0),
  kDecay: positive.default(1),
  groups: GROUPS,
}, {
  rules: [
    ({ t0, warmupSteps }) =>
      t0 !== undefined && warmupSteps !== undefined && warmupSteps >= t0
        ? invalid(["warmupSteps"], `a non-negative integer below t0 (${t0})`, warmupSteps)
        : undefined,
  ],
});

/** Where the restarts of SGDR fall: the cycle of an iteration and where each cycle starts. */
export interface RestartCycles {
  /** The 0-based cycle that iteration `t` is in: the largest `i` with `start(i) <= t`. */
  cycle(t: number): number;
  /** Where cycle `i` starts (an iteration for integer `tMult`, else a real number; Infinity well past 2^53). */
  start(i: number): number;
  /**
   * The length of cycle `i`, `start(i + 1) - start(i)`: `t0 * tMult^i` exactly (rounded once
   * past 2^53) for an integer `tMult`, the difference of the rounded starts for a real one.
   */
  length(i: number): number;
}

const LIMIT = 2 ** 62;

// Double-double arithmetic (value = hi + lo), for the restart points of a real tMult.
type DD = [number, number];

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const ca = 134217729 * a, ah = ca - (ca - a), al = a - ah;
  const cb = 134217729 * b, bh = cb - (cb - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

function quick(hi: number, lo: number): DD {
  const s = hi + lo;
  return [s, lo - (s - hi)];
}

function ddMul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quick(p, e + (a[0] * b[1] + a[1] * b[0]));
}

/** `t0 * (m^i - 1) / (m - 1)` to about 100 bits, rounded once to float64. */
function realStart(t0: number, m: number, i: number): number {
  if (i <= 1) return i === 0 ? 0 : t0;
  const rough = (t0 * (pow(m, i) - 1)) / (m - 1);
  if (!(rough < LIMIT)) return Infinity;
  let power: DD = [1, 0];
  let base: DD = [m, 0];
  for (let n = i;;) {
    if (n % 2 === 1) power = ddMul(power, base);
    n = Math.floor(n / 2);
    if (n === 0) break;
    base = ddMul(base, base);
  }
  // (power - 1), exactly as a double-double
  const s = power[0] - 1, bb = s - power[0];
  const [nh, nl] = quick(s, (power[0] - (s - bb)) + (-1 - bb) + power[1]);
  // divided by d = m - 1 (exact), then times t0
  const d = m - 1;
  const q1 = nh / d;
  const [p, e] = twoProd(q1, d);
  const [qh, ql] = quick(q1, (((nh - p) - e) + nl) / d);
  const [rh, re] = twoProd(qh, t0);
  return rh + (re + ql * t0);
}

/**
 * The geometry of SGDR's restarts: cycle `i` (0-based) starts at
 * `S(i) = t0 * (tMult^i - 1) / (tMult - 1)` (`S(i) = t0 * i` when `tMult = 1`) and lasts
 * `S(i + 1) - S(i) = t0 * tMult^i` iterations, timm's `t_initial * cycle_mul ** i`.
 *
 * For an integer `tMult` the starts are exact integers (a table built by integer sums up
 * to 2^53), which is PyTorch's stepwise `T_cur`/`T_i`. For a real `tMult` the starts are
 * the same real numbers, evaluated in double-double precision and rounded once, so that a
 * start that is an integer is exact (with `t0 = 4, tMult = 1.5`: 0, 4, 10, 19, 32.5, ...)
 * and a restart takes effect at the first iteration `>= S(i)`. (timm evaluates the same
 * starts in plain floats, `(1 - m^i) / (1 - m) * t0`, whose rounding can put an iteration
 * that lies on a restart into the wrong cycle, e.g. 10.000000000000009 for `t0 = 10`,
 * `m = 1.1`.) The cycle of `t` starts
 * from PyTorch's closed form `n = floor(log_m(t (m - 1) / t0 + 1))`, which rounds the wrong
 * way at some restarts (`log(243) / log(3) = 4.999...`), and is then corrected by
 * comparing `t` with `S(n)` and `S(n + 1)`, so `S(cycle(t)) <= t < S(cycle(t) + 1)`
 * always holds.
 *
 * @param options `t0`, a positive safe integer, and `tMult`, finite and >= 1 (default 1).
 * @returns `cycle(t)`, `start(i)` and `length(i)`.
 * @throws {RangeError} If `t0` or `tMult` is out of range.
 *
 * @example Where PyTorch's closed form is off by one
 * ```ts
 * import assert from "node:assert/strict";
 * import { restartCycles } from "cyclical-lr";
 * const r = restartCycles({ t0: 10, tMult: 3 });
 * assert.equal(r.start(5), 1210);
 * assert.equal(r.cycle(1209), 4);
 * assert.equal(r.cycle(1210), 5);
 * assert.equal(restartCycles({ t0: 4, tMult: 1.5 }).start(4), 32.5);
 * ```
 */
export function restartCycles(options: RestartCyclesOptions): RestartCycles {
  const { start, length, locate } = cycles(RESTART_CYCLES.read(options));
  return { cycle: (t) => locate(t).n, start, length };
}

/** Where an iteration is: its cycle `n`, the cycle's start `s` and length `len`. */
export interface Located {
  n: number;
  s: number;
  len: number;
}

/**
 * The cycle geometry with a locator for iterations (shared with timm's `tanhDecay` and `poly`). `locate` reuses one result object and
 * remembers the last cycle found (consecutive iterations are mostly in the same cycle, and a
 * real `tMult` makes every start cost a double-double power): a cache, not state, since the
 * answer depends on `t` only.
 */
export function cycles(options: { readonly t0: number; readonly tMult: number }): {
  start: (i: number) => number;
  length: (i: number) => number;
  locate: (t: number) => Located;
} {
  const { t0, tMult: m } = options;
  const at: Located = { n: 0, s: 0, len: t0 };
  if (m === 1) {
    const locate = (t: number): Located => {
      const r = t % t0;
      at.n = (t - r) / t0;
      at.s = t - r;
      return at;
    };
    return { start: (i: number) => t0 * i, length: (_: number) => t0, locate };
  }
  let start: (i: number) => number;
  let length: (i: number) => number;
  if (Number.isInteger(m)) {
    // integer sums, exact up to 2^53; the first start past it ends the table
    const starts = [0], lengths: number[] = [];
    for (let len = t0; starts[starts.length - 1] <= Number.MAX_SAFE_INTEGER; len *= m) {
      lengths.push(len);
      starts.push(starts[starts.length - 1] + len);
    }
    start = (i) => (i < starts.length ? starts[i] : Infinity);
    length = (i) => (i < lengths.length ? lengths[i] : Infinity);
  } else {
    start = (i) => realStart(t0, m, i);
    length = (i) => start(i + 1) - start(i);
  }
  const logM = log1p(m - 1);
  let end = start(1);
  const locate = (t: number): Located => {
    if (at.s <= t && t < end) return at;
    const most = Math.floor(t / t0);
    // PyTorch's closed form as a first guess (past ~1e292, tMult^2 alone passes 2^53) ...
    let n = Math.floor(log1p((t / t0) * (m - 1)) / logM);
    if (!Number.isFinite(n)) n = 1;
    if (n > most) n = most;
    // ... corrected against the exact starts of cycles n and n + 1
    let s = start(n);
    while (n > 0 && s > t) s = start(--n);
    let e = start(n + 1);
    while (e <= t) {
      s = e;
      e = start(++n + 1);
    }
    at.n = n;
    at.s = s;
    at.len = Number.isInteger(m) ? length(n) : e - s;
    end = e;
    return at;
  };
  return { start, length, locate };
}

/**
 * SGDR, cosine annealing with warm restarts (Loshchilov and Hutter 2017): PyTorch's
 * `CosineAnnealingWarmRestarts` stepped once per iteration, with timm's `CosineLRScheduler`
 * extras (a real `tMult`, a peak decay per restart, a cycle limit) and a warm-up inside
 * every cycle.
 *
 * With `n` the cycle of `t` and `tau = t - S(n)`, `L = S(n + 1) - S(n)` (see
 * {@link restartCycles}) and `peak = baseLr * cycleDecay^n`:
 * `lr = etaMin + (peak - etaMin) * (1 + cos(pi * tau / L)) / 2`, PyTorch's expression
 * operation for operation. With `warmupSteps = w > 0`, the first `w` iterations of every
 * cycle ramp linearly, `etaMin + (peak - etaMin) * tau / w`, and the cosine then runs over
 * the rest of the cycle, `cos(pi * (tau - w) / (L - w))`: the restart points stay where
 * they are, and the peak moves to `S(n) + w`. From cycle `cycleLimit` on, `lr = etaMin`.
 * With `kDecay = k` (timm's `k_decay`) the cosine's argument is `pi * tau^k / L^k` (with a
 * warm-up, `pi * (tau - w)^k / (L - w)^k`), timm's `math.pi * t_curr ** k / t_i ** k`.
 * (timm's own `warmup_t` is one prefix before the first cycle; this warm-up, as the config
 * spec defines it, repeats in every cycle.)
 * Every value lies between `etaMin` and the cycle's peak; once `cycleDecay` has taken the
 * peak below `etaMin`, the cycle runs from the peak up to `etaMin` (timm's formula, kept).
 * With the defaults (`tMult` an integer, `cycleDecay = 1`, no limit, no warm-up) this equals
 * PyTorch's stepwise `T_cur`/`T_i` update to 1e-12 relative at every iteration, also where
 * its closed form (used when an epoch is passed to `step`) lands in the wrong cycle. With a
 * real `tMult`, `cycleDecay` and `cycleLimit` it equals timm's `CosineLRScheduler._get_lr`
 * (`warmup_t = 0`, any `k_decay`) to 1e-12 away from timm's misfiled restart iterations.
 * There is no momentum.
 *
 * @param options The `cosineRestarts` config fields ({@link COSINE_RESTARTS}); `baseLr` and `t0` are required.
 * @returns The policy (no momentum); its config is recorded for encoding.
 * @throws {TypeError} If a field has the wrong type (a missing `baseLr` included) or is unknown.
 * @throws {RangeError} If a field is out of range (the message names the field and value).
 *
 * @example Restarts at 0, 10, 30 with tMult = 2
 * ```ts
 * import assert from "node:assert/strict";
 * import { cosineRestarts } from "cyclical-lr";
 * const { lr } = cosineRestarts({ baseLr: 0.1, t0: 10, tMult: 2, etaMin: 0.001 });
 * assert.deepEqual([lr(0)[0], lr(10)[0], lr(30)[0]], [0.1, 0.1, 0.1]);
 * assert.ok(Math.abs(lr(5)[0] - 0.0505) < 1e-15);
 * assert.ok(Math.abs(lr(20)[0] - 0.0505) < 1e-15);
 * ```
 * @see {@link https://arxiv.org/abs/1608.03983 | Loshchilov and Hutter, SGDR, 2017}
 * @see {@link https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html | PyTorch CosineAnnealingWarmRestarts}
 */
export function cosineRestarts(options: CosineRestartsOptions): Policy {
  const o = COSINE_RESTARTS.read(options);
  const { baseLr, etaMin, cycleDecay, groups, warmupSteps: w, kDecay: k } = o;
  const { locate } = cycles(o);
  const limit = o.cycleLimit ?? Infinity;
  const decayTo = powWithBase(cycleDecay);
  // PyTorch's (peak - etaMin) * (1 + cos) / 2 doubles before it halves: a peak above half the
  // largest double would overflow there, so such groups halve first (same value, finite).
  const HALF_MAX = Number.MAX_VALUE / 2;
  const half = (k: number, c: number) => (k <= HALF_MAX && k >= -HALF_MAX ? (k * (1 + c)) / 2 : k * ((1 + c) / 2));

  const lr = (t: number): readonly number[] => {
    checkIteration(t);
    const { n, s, len } = locate(t);
    const out = new Array<number>(groups);
    if (n >= limit) {
      for (let g = 0; g < groups; g++) out[g] = etaMin[g];
      return out;
    }
    const tau = t - s;
    const decay = cycleDecay === 1 ? 1 : decayTo(n);
    if (tau < w) {
      const h = tau / w;
      for (let g = 0; g < groups; g++) out[g] = etaMin[g] + (baseLr[g] * decay - etaMin[g]) * h;
      return out;
    }
    const c = w === 0 ? cos(kAngle(tau, len, k)) : cos(kAngle(tau - w, len - w, k));
    for (let g = 0; g < groups; g++) out[g] = etaMin[g] + half(baseLr[g] * decay - etaMin[g], c);
    return out;
  };
  return COSINE_RESTARTS.make(o, lr);
}
