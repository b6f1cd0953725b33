// The reference formulas of the families of issue 12, transcribed from their sources (timm
// scheduler/{tanh,cosine,poly}_lr.py, Keras learning_rate_schedule.py PolynomialDecay, HF
// optimization.py lambdas, PyTorch lr_scheduler.py CosineAnnealingLR, optax
// _schedule.py piecewise_interpolate_schedule and the one-cycles), each in its own order of
// operations with the engine's Math functions; fast-check arbitraries of valid configs; and
// one runner that compares ours with the oracle at every step, used by the *_test.ts files
// (which assert) and by scripts/families_report.ts (which prints the steps compared and the
// worst errors). Not a test file itself.
import fc from "fast-check";
import type { Policy } from "../mod.ts";
import {
  cosineAnnealing,
  cosineOneCycle,
  cosineRestarts,
  cosineWithHardRestarts,
  cosineWithWarmup,
  linearOneCycle,
  piecewiseInterpolate,
  poly,
  polynomialDecay,
  restartCycles,
  tanhDecay,
} from "../mod.ts";

// ---- timm: Scheduler._get_lr of CosineLRScheduler, TanhLRScheduler, PolyLRScheduler ----------

/** timm's constructor arguments (scalar `lr_min` and `warmup_lr_init`, as timm takes them). */
export interface TimmArgs {
  readonly kind: "cosine" | "tanh" | "poly";
  readonly base_values: readonly number[];
  readonly t_initial: number;
  readonly lr_min: number;
  readonly cycle_mul: number;
  readonly cycle_decay: number;
  readonly cycle_limit: number;
  readonly warmup_t: number;
  readonly warmup_lr_init: number;
  readonly warmup_prefix: boolean;
  readonly k_decay: number;
  readonly lb: number;
  readonly ub: number;
  readonly power: number;
}

/** timm's scheduler: `_get_lr(t)` and the cycle `i` it put `t` in (-1 in the warm-up). */
export class TimmScheduler {
  readonly warmup_steps: readonly number[];
  constructor(readonly a: TimmArgs) {
    if (a.warmup_t) {
      // tanh: t_v = base_values if warmup_prefix else _get_lr(warmup_t); cosine and poly: base_values
      const t_v = a.kind === "tanh" && !a.warmup_prefix ? this.cycled(a.warmup_t).lrs : a.base_values;
      this.warmup_steps = t_v.map((v) => (v - a.warmup_lr_init) / a.warmup_t);
    } else this.warmup_steps = a.base_values.map(() => 1);
  }

  get_lr(t: number): { lrs: number[]; i: number } {
    if (t < this.a.warmup_t) return { lrs: this.warmup_steps.map((s) => this.a.warmup_lr_init + t * s), i: -1 };
    return this.cycled(t);
  }

  private cycled(t: number): { lrs: number[]; i: number } {
    const a = this.a;
    if (a.warmup_prefix) t = t - a.warmup_t;
    let i: number, t_i: number, t_curr: number;
    if (a.cycle_mul !== 1) {
      // math.log(x, base) is log(x) / log(base)
      i = Math.floor(Math.log(1 - t / a.t_initial * (1 - a.cycle_mul)) / Math.log(a.cycle_mul));
      t_i = a.cycle_mul ** i * a.t_initial;
      t_curr = t - (1 - a.cycle_mul ** i) / (1 - a.cycle_mul) * a.t_initial;
    } else {
      i = Math.floor(t / a.t_initial);
      t_i = a.t_initial;
      t_curr = t - (a.t_initial * i);
    }
    if (!(i < a.cycle_limit)) return { lrs: a.base_values.map(() => a.lr_min), i };
    const gamma = a.cycle_decay ** i;
    const lr_max_values = a.base_values.map((v) => v * gamma);
    const k = a.k_decay;
    if (a.kind === "cosine") {
      return {
        lrs: lr_max_values.map((lr_max) =>
          a.lr_min + 0.5 * (lr_max - a.lr_min) * (1 + Math.cos(Math.PI * t_curr ** k / t_i ** k))
        ),
        i,
      };
    }
    if (a.kind === "tanh") {
      const tr = t_curr / t_i;
      return {
        lrs: lr_max_values.map((lr_max) =>
          a.lr_min + 0.5 * (lr_max - a.lr_min) * (1 - Math.tanh(a.lb * (1. - tr) + a.ub * tr))
        ),
        i,
      };
    }
    return {
      lrs: lr_max_values.map((lr_max) => a.lr_min + (lr_max - a.lr_min) * (1 - t_curr ** k / t_i ** k) ** a.power),
      i,
    };
  }

  /** The error bound of poly's `(1 - u)^power` for a 1-ulp difference in `u = a^k / b^k` (0 for k = 1, where u is exact). */
  polyConditioning(t: number): number {
    const a = this.a;
    if (a.kind !== "poly" || a.k_decay === 1 || t < a.warmup_t) return 0;
    const u0 = a.warmup_prefix ? t - a.warmup_t : t;
    const { cycle, start } = restartCycles({ t0: a.t_initial, tMult: a.cycle_mul });
    const n = cycle(u0);
    if (n >= a.cycle_limit) return 0;
    const len = start(n + 1) - start(n), x = (u0 - start(n)) / len, u = x ** a.k_decay;
    const span = Math.max(...a.base_values.map((v) => Math.abs(v * a.cycle_decay ** n - a.lr_min)));
    return span * a.power * (1 - u) ** (a.power - 1) * 8 * 2 ** -53 * u;
  }
}

/** Cycle growths whose timm arithmetic is exact (dyadic rationals): only timm's `log` can differ. */
const timmCycleMul = fc.constantFrom(1, 1, 1, 1.25, 1.5, 1.75, 2, 2.5, 3);

/** A valid timm config of one kind, 1 to 3 groups, with the same numbers for ours and timm's. */
export function timmArb(kind: TimmArgs["kind"]): fc.Arbitrary<TimmArgs> {
  return fc.record({
    kind: fc.constant(kind),
    base_values: fc.array(
      fc.oneof(fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true })),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    t_initial: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 400 })),
    lr_min: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
    cycle_mul: timmCycleMul,
    cycle_decay: fc.oneof(fc.constant(1), fc.double({ min: 0.05, max: 1, noNaN: true })),
    cycle_limit: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 6 })),
    warmup_t: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
    warmup_lr_init: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
    warmup_prefix: fc.boolean(),
    k_decay: kind === "tanh" ? fc.constant(1) : fc.oneof(fc.constant(1), fc.double({ min: 0.2, max: 4, noNaN: true })),
    lb: kind === "tanh" ? fc.oneof(fc.constant(-7), fc.double({ min: -12, max: 2, noNaN: true })) : fc.constant(-7),
    ub: fc.oneof(fc.constant(3), fc.double({ min: 0.1, max: 12, noNaN: true })),
    power: kind === "poly"
      ? fc.oneof(fc.constant(0.5), fc.constant(1), fc.double({ min: 0.1, max: 3, noNaN: true }))
      : fc.constant(1),
  }).map((a) => ({ ...a, ub: a.kind === "tanh" ? a.lb + a.ub : a.ub }));
}

/** Our policy for timm's arguments. */
export function timmOurs(a: TimmArgs): Policy {
  const common = {
    baseLr: [...a.base_values],
    tInitial: a.t_initial,
    lrMin: a.lr_min,
    cycleMul: a.cycle_mul,
    cycleDecay: a.cycle_decay,
    cycleLimit: a.cycle_limit,
    warmupT: a.warmup_t,
    warmupLrInit: a.warmup_lr_init,
    warmupPrefix: a.warmup_prefix,
  };
  if (a.kind === "tanh") return tanhDecay({ ...common, lb: a.lb, ub: a.ub });
  if (a.kind === "poly") return poly({ ...common, power: a.power, kDecay: a.k_decay });
  // cosineRestarts is timm's cosine without timm's warm-up (compared with warmup_t = 0);
  // its cycleLimit is a positive integer (the family's arbitrary keeps cycle_limit >= 1)
  return cosineRestarts({
    baseLr: [...a.base_values],
    t0: a.t_initial,
    tMult: a.cycle_mul,
    etaMin: a.lr_min,
    cycleDecay: a.cycle_decay,
    cycleLimit: a.cycle_limit,
    kDecay: a.k_decay,
  });
}

// ---- Keras: PolynomialDecay.__call__ --------------------------------------------------------

/** Keras' arguments. */
export interface KerasArgs {
  readonly initial_learning_rate: readonly number[];
  readonly decay_steps: number;
  readonly end_learning_rate: readonly number[];
  readonly power: number;
  readonly cycle: boolean;
}

/** Keras' `PolynomialDecay(step)`, per group (in float64). */
export function kerasPolynomialDecay(a: KerasArgs, step: number): number[] {
  return a.initial_learning_rate.map((initial, g) => {
    const end = a.end_learning_rate[g];
    let global_step_recomp = step;
    let decay_steps_recomp = a.decay_steps;
    if (a.cycle) {
      const multiplier = global_step_recomp === 0 ? 1.0 : Math.ceil(global_step_recomp / a.decay_steps);
      decay_steps_recomp = decay_steps_recomp * multiplier;
    } else global_step_recomp = Math.min(global_step_recomp, decay_steps_recomp);
    const p = global_step_recomp / decay_steps_recomp;
    return (initial - end) * (1 - p) ** a.power + end;
  });
}

const rateValue = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-6, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 100, noNaN: true }),
);

/** Valid Keras configs, 1 to 3 groups (initial below end included: Keras allows it). */
export const kerasArb: fc.Arbitrary<KerasArgs> = fc.record({
  rows: fc.array(fc.tuple(rateValue, rateValue), { minLength: 1, maxLength: 3 }),
  decay_steps: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 800 })),
  power: fc.oneof(fc.constantFrom(1, 0.5, 2), fc.double({ min: 0.1, max: 4, noNaN: true })),
  cycle: fc.boolean(),
}).map(({ rows, ...rest }) => ({
  ...rest,
  initial_learning_rate: rows.map((r) => r[0]),
  end_learning_rate: rows.map((r) => r[1]),
}));

/** Our policy for Keras' arguments. */
export function kerasOurs(a: KerasArgs): Policy {
  return polynomialDecay({
    initValue: [...a.initial_learning_rate],
    decaySteps: a.decay_steps,
    endValue: [...a.end_learning_rate],
    power: a.power,
    cycle: a.cycle,
  });
}

// ---- HF: the cosine lambdas (LambdaLR: base_lr * lambda(t)) ---------------------------------

/** HF's arguments; `min_lr_rate` is get_cosine_with_min_lr_schedule_with_warmup's. */
export interface HfArgs {
  readonly kind: "cosine" | "hard_restarts";
  readonly base_lrs: readonly number[];
  readonly num_warmup_steps: number;
  readonly num_training_steps: number;
  readonly num_cycles: number;
  readonly min_lr_rate: number;
}

/** HF's `_get_cosine_schedule_with_warmup_lr_lambda` (with min_lr_rate). */
export function hfCosineLambda(current_step: number, a: HfArgs): number {
  if (current_step < a.num_warmup_steps) return current_step / Math.max(1, a.num_warmup_steps);
  const progress = (current_step - a.num_warmup_steps) / Math.max(1, a.num_training_steps - a.num_warmup_steps);
  let factor = 0.5 * (1.0 + Math.cos(Math.PI * a.num_cycles * 2.0 * progress));
  factor = factor * (1 - a.min_lr_rate) + a.min_lr_rate;
  return Math.max(0, factor);
}

/** HF's `_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda`. */
export function hfHardRestartsLambda(current_step: number, a: HfArgs): number {
  if (current_step < a.num_warmup_steps) return current_step / Math.max(1, a.num_warmup_steps);
  const progress = (current_step - a.num_warmup_steps) / Math.max(1, a.num_training_steps - a.num_warmup_steps);
  if (progress >= 1.0) return 0.0;
  return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * ((a.num_cycles * progress) % 1.0))));
}

/** HF's LambdaLR value per group. */
export function hfLr(a: HfArgs, t: number): number[] {
  const f = a.kind === "cosine" ? hfCosineLambda(t, a) : hfHardRestartsLambda(t, a);
  return a.base_lrs.map((b) => b * f);
}

/** Valid HF configs (warm-up within the total), 1 to 3 groups, integer and real num_cycles. */
export function hfArb(kind: HfArgs["kind"]): fc.Arbitrary<HfArgs> {
  return fc.record({
    kind: fc.constant(kind),
    base_lrs: fc.array(
      fc.oneof(fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    num_training_steps: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 2000 })),
    warmup: fc.double({ min: 0, max: 1, noNaN: true }),
    num_cycles: fc.oneof(
      fc.constantFrom(0, 0.5, 1, 1.5, 2, 3),
      fc.double({ min: 0, max: 6, noNaN: true }),
    ),
    min_lr_rate: kind === "cosine"
      ? fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }))
      : fc.constant(0),
  }).map(({ warmup, ...a }) => ({ ...a, num_warmup_steps: Math.floor(warmup * a.num_training_steps) }));
}

/** Our policy for HF's arguments. */
export function hfOurs(a: HfArgs): Policy {
  const common = {
    peakValue: [...a.base_lrs],
    warmupSteps: a.num_warmup_steps,
    totalSteps: a.num_training_steps,
    numCycles: a.num_cycles,
  };
  return a.kind === "cosine"
    ? cosineWithWarmup({ ...common, minLrRatio: a.min_lr_rate })
    : cosineWithHardRestarts(common);
}

// ---- PyTorch: CosineAnnealingLR, closed and recursive forms --------------------------------

/** PyTorch's arguments. */
export interface TorchCosineArgs {
  readonly base_lrs: readonly number[];
  readonly T_max: number;
  readonly eta_min: number;
}

/** `_get_closed_form_lr` at `last_epoch = t`. */
export function torchClosedForm(a: TorchCosineArgs, t: number): number[] {
  return a.base_lrs.map((base_lr) => a.eta_min + (base_lr - a.eta_min) * (1 + Math.cos(Math.PI * t / a.T_max)) / 2);
}

/** `get_lr`'s recursive form, stepped once per call from the initial step (`lrs` = the group lrs). */
export class TorchCosineRecursive {
  last_epoch = 0;
  lrs: number[];
  constructor(readonly a: TorchCosineArgs) {
    this.lrs = [...a.base_lrs]; // the initial step: _is_initial returns the group lrs
  }
  step(): number[] {
    const a = this.a;
    this.last_epoch += 1;
    const e = this.last_epoch;
    // Python's % takes the sign of the divisor
    const m = ((e - 1 - a.T_max) % (2 * a.T_max) + 2 * a.T_max) % (2 * a.T_max);
    if (m === 0) {
      this.lrs = this.lrs.map((lr, g) => lr + (a.base_lrs[g] - a.eta_min) * (1 - Math.cos(Math.PI / a.T_max)) / 2);
    } else {
      this.lrs = this.lrs.map((lr) =>
        (1 + Math.cos(Math.PI * e / a.T_max)) / (1 + Math.cos(Math.PI * (e - 1) / a.T_max)) * (lr - a.eta_min) +
        a.eta_min
      );
    }
    return this.lrs;
  }
}

/** Valid CosineAnnealingLR configs, 1 to 3 groups. */
export const torchCosineArb: fc.Arbitrary<TorchCosineArgs> = fc.record({
  base_lrs: fc.array(
    fc.oneof(fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  T_max: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 800 })),
  eta_min: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
});

/** Our policy for PyTorch's arguments. */
export function torchCosineOurs(a: TorchCosineArgs): Policy {
  return cosineAnnealing({ baseLr: [...a.base_lrs], tMax: a.T_max, etaMin: a.eta_min });
}

// ---- optax: piecewise_interpolate_schedule and the one-cycles -------------------------------

/** optax's piecewise interpolation of a scalar `init_value`, from a dict as optax builds it. */
export function optaxPiecewiseInterpolate(
  interpolate_type: "linear" | "cosine",
  init_value: number,
  boundaries_and_scales: Readonly<Record<number, number>>,
): (count: number) => number {
  const entries = Object.entries(boundaries_and_scales).map(([k, v]) => [Number(k), v] as const).sort((x, y) =>
    x[0] - y[0]
  );
  const bounds = [0, ...entries.map((e) => e[0])];
  const values: number[] = [init_value];
  for (const [, s] of entries) values.push(values[values.length - 1] * s); // jnp.cumprod
  const interpolate = interpolate_type === "linear"
    ? (start: number, end: number, pct: number) => (end - start) * pct + start
    : (start: number, end: number, pct: number) => end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
  return (count) => {
    let sum = 0;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const interval_size = Math.max(bounds[i + 1] - bounds[i], 1);
      const indicator = bounds[i] <= count && count < bounds[i + 1] ? 1 : 0;
      const pct = (count - bounds[i]) / interval_size;
      sum += indicator * interpolate(values[i], values[i + 1], pct); // indicator.dot(interp_vals)
    }
    return sum + (bounds[bounds.length - 1] <= count ? 1 : 0) * values[values.length - 1];
  };
}

/** optax's `linear_onecycle_schedule`'s dict (later keys overwrite earlier ones, as in Python). */
export function optaxLinearOneCycleDict(
  T: number,
  pct_start: number,
  pct_final: number,
  div: number,
  final_div: number,
) {
  const d: Record<number, number> = {};
  d[Math.trunc(pct_start * T)] = div;
  d[Math.trunc(pct_final * T)] = 1.0 / div;
  d[T] = 1.0 / final_div;
  return d;
}

/** optax's `cosine_onecycle_schedule`'s dict. */
export function optaxCosineOneCycleDict(T: number, pct_start: number, div: number, final_div: number) {
  const d: Record<number, number> = {};
  d[Math.trunc(pct_start * T)] = div;
  d[Math.trunc(T)] = 1.0 / (div * final_div);
  return d;
}

/** optax's arguments of the three schedules. */
export type OptaxArgs =
  | {
    readonly kind: "piecewise";
    readonly interpolate_type: "linear" | "cosine";
    readonly init_values: readonly number[];
    readonly boundaries_and_scales: Readonly<Record<string, number>>;
  }
  | {
    readonly kind: "linear_onecycle";
    readonly transition_steps: number;
    readonly peak_values: readonly number[];
    readonly pct_start: number;
    readonly pct_final: number;
    readonly div_factor: number;
    readonly final_div_factor: number;
  }
  | {
    readonly kind: "cosine_onecycle";
    readonly transition_steps: number;
    readonly peak_values: readonly number[];
    readonly pct_start: number;
    readonly div_factor: number;
    readonly final_div_factor: number;
  };

/** optax's value per group (one scalar schedule per group: optax's init_value is a scalar). */
export function optaxLr(a: OptaxArgs): (t: number) => number[] {
  if (a.kind === "piecewise") {
    const fs = a.init_values.map((v) => optaxPiecewiseInterpolate(a.interpolate_type, v, a.boundaries_and_scales));
    return (t) => fs.map((f) => f(t));
  }
  const fs = a.peak_values.map((peak) =>
    a.kind === "linear_onecycle"
      ? optaxPiecewiseInterpolate(
        "linear",
        peak / a.div_factor,
        optaxLinearOneCycleDict(a.transition_steps, a.pct_start, a.pct_final, a.div_factor, a.final_div_factor),
      )
      : optaxPiecewiseInterpolate(
        "cosine",
        peak / a.div_factor,
        optaxCosineOneCycleDict(a.transition_steps, a.pct_start, a.div_factor, a.final_div_factor),
      )
  );
  return (t) => fs.map((f) => f(t));
}

/** Whether optax's dict kept every phase end (no two fell on one iteration). */
export function optaxPhasesDistinct(a: OptaxArgs): boolean {
  if (a.kind === "piecewise") return true;
  const T = a.transition_steps, s = Math.trunc(a.pct_start * T);
  return a.kind === "linear_onecycle" ? new Set([s, Math.trunc(a.pct_final * T), T]).size === 3 : s !== T;
}

const peaks = fc.array(
  fc.oneof(fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true })),
  {
    minLength: 1,
    maxLength: 3,
  },
);
const factor = fc.oneof(
  fc.constant(25),
  fc.double({ min: 1, max: 100, noNaN: true }),
  fc.double({ min: 0.2, max: 1, noNaN: true }),
);
const finalFactor = fc.oneof(
  fc.constant(1e4),
  fc.double({ min: 1, max: 1e5, noNaN: true }),
  fc.double({ min: 0.5, max: 1, noNaN: true }),
);

/** Valid optax configs of one kind. */
export function optaxArb(kind: OptaxArgs["kind"]): fc.Arbitrary<OptaxArgs> {
  if (kind === "piecewise") {
    return fc.record({
      kind: fc.constant(kind),
      interpolate_type: fc.constantFrom<"linear" | "cosine">("linear", "cosine"),
      init_values: peaks,
      boundaries_and_scales: fc.dictionary(
        fc.oneof(fc.nat({ max: 30 }), fc.nat({ max: 3000 })).map(String),
        fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3, noNaN: true })),
        { maxKeys: 6 },
      ),
    });
  }
  const steps = fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }) },
    { weight: 3, arbitrary: fc.integer({ min: 20, max: 2000 }) },
  );
  const pct = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(0, 0.3, 0.5, 0.85, 1) },
    // a uniform fraction (fc.double leans towards subnormals, which would merge the phase ends)
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 2 ** 30 }).map((k) => k / 2 ** 30) },
  );
  if (kind === "linear_onecycle") {
    return fc.record({
      kind: fc.constant(kind),
      transition_steps: steps,
      peak_values: peaks,
      a: pct,
      b: pct,
      div_factor: factor,
      final_div_factor: finalFactor,
    }).map(({ a, b, ...rest }) => ({ ...rest, pct_start: Math.min(a, b), pct_final: Math.max(a, b) }));
  }
  return fc.record({
    kind: fc.constant(kind),
    transition_steps: steps,
    peak_values: peaks,
    pct_start: pct,
    div_factor: factor,
    final_div_factor: finalFactor,
  });
}

/** Our policy for optax's arguments. */
export function optaxOurs(a: OptaxArgs): Policy {
  if (a.kind === "piecewise") {
    return piecewiseInterpolate({
      interpolateType: a.interpolate_type,
      initValue: [...a.init_values],
      boundariesAndScales: a.boundaries_and_scales,
    });
  }
  const common = {
    transitionSteps: a.transition_steps,
    peakValue: [...a.peak_values],
    pctStart: a.pct_start,
    divFactor: a.div_factor,
    finalDivFactor: a.final_div_factor,
  };
  return a.kind === "linear_onecycle" ? linearOneCycle({ ...common, pctFinal: a.pct_final }) : cosineOneCycle(common);
}

// ---- the runner ----------------------------------------------------------------------------

/** What one family's comparison found. */
export interface Tally {
  /** Configs compared. */
  configs: number;
  /** Iterations compared (each with every group). */
  steps: number;
  /** Iterations left out (timm's misfiled restarts, optax's merged phase ends), with why. */
  skipped: number;
  /** The worst `|ours - ref| / |ref|` where `|ref|` is at least 1e-6 of the config's largest rate. */
  worstRelative: number;
  /** The worst `|ours - ref|` over the config's largest rate, at every step. */
  worstOfScale: number;
}

/** A fresh tally. */
export function tally(): Tally {
  return { configs: 0, steps: 0, skipped: 0, worstRelative: 0, worstOfScale: 0 };
}

/**
 * Compares one row of ours with the reference's at `t`; throws unless every group agrees to
 * 1e-12 relative plus 1e-14 of `scale` (plus `extra`, a conditioning term where the
 * reference's own rounding is amplified), and records the errors in `into`.
 */
export function compareRow(
  ours: readonly number[],
  ref: readonly number[],
  scale: number,
  what: string,
  into: Tally,
  extra = 0,
): void {
  if (ours.length !== ref.length) throw new Error(`${what}: ${ours.length} groups, reference ${ref.length}`);
  ours.forEach((v, g) => {
    const r = ref[g], d = Math.abs(v - r);
    if (!Number.isFinite(v)) throw new Error(`${what}[${g}]: ours is ${v}`);
    if (!(d <= 1e-12 * Math.max(Math.abs(v), Math.abs(r)) + 1e-14 * scale + extra + 1e-300)) {
      throw new Error(`${what}[${g}]: reference ${r}, ours ${v} (difference ${d}, scale ${scale})`);
    }
    if (Math.abs(r) >= 1e-6 * scale && r !== 0) into.worstRelative = Math.max(into.worstRelative, d / Math.abs(r));
    if (scale > 0) into.worstOfScale = Math.max(into.worstOfScale, d / scale);
  });
  into.steps++;
}

/** The largest absolute value among numbers (the scale of a config's rates), at least the smallest normal. */
export function scaleOf(...values: readonly number[]): number {
  return Math.max(2 ** -1022, ...values.map(Math.abs));
}

/** One family's oracle comparison: its arbitrary and how to run one config. */
export interface Family<C> {
  /** The family, as the report names it. */
  readonly name: string;
  /** The reference, as the report names it. */
  readonly source: string;
  /** Valid configs. */
  readonly arb: fc.Arbitrary<C>;
  /** Compares ours with the reference at every step of one config, into `t`. */
  readonly run: (config: C, into: Tally) => void;
}

/** Runs a family's comparison over `numRuns` configs (fast-check, `seed` for the report). */
export function checkFamily<C>(family: Family<C>, into: Tally, numRuns: number, seed?: number): void {
  fc.assert(
    fc.property(family.arb, (c) => {
      into.configs++;
      family.run(c, into);
    }),
    { numRuns, ...(seed === undefined ? {} : { seed }) },
  );
}

/** The last iteration a timm config is compared at: every cycle, the limit and 20 more. */
function timmEnd(a: TimmArgs): number {
  const { start } = restartCycles({ t0: a.t_initial, tMult: a.cycle_mul });
  return Math.min(a.warmup_t + start(Math.min(Math.max(a.cycle_limit, 1), 12)) + 20, 6000);
}

/** timm's three schedulers: every step from 0 past the cycle limit. */
export function timmFamily(kind: TimmArgs["kind"]): Family<TimmArgs> {
  const arb = kind === "cosine"
    ? timmArb(kind).map((a) => ({
      ...a,
      warmup_t: 0,
      warmup_lr_init: 0,
      warmup_prefix: false,
      cycle_limit: Math.max(1, a.cycle_limit),
    }))
    : timmArb(kind);
  return {
    name: kind === "tanh" ? "tanhDecay" : kind === "poly" ? "poly (k-decay, cycles)" : "cosineRestarts kDecay",
    source: `timm ${
      kind === "tanh" ? "TanhLRScheduler" : kind === "poly" ? "PolyLRScheduler" : "CosineLRScheduler"
    }._get_lr`,
    arb,
    run: (a, into) => {
      const ours = timmOurs(a).lr, timm = new TimmScheduler(a);
      const { cycle } = restartCycles({ t0: a.t_initial, tMult: a.cycle_mul });
      const scale = scaleOf(...a.base_values, a.lr_min, a.warmup_lr_init);
      for (let t = 0, end = timmEnd(a); t <= end; t++) {
        const { lrs, i } = timm.get_lr(t);
        // timm's float log can put an iteration on a restart into the cycle before
        if (i >= 0 && i !== cycle(a.warmup_prefix ? t - a.warmup_t : t)) {
          into.skipped++;
          continue;
        }
        compareRow(ours(t), lrs, scale, `${JSON.stringify(a)} at t = ${t}`, into, timm.polyConditioning(t));
      }
    },
  };
}

/** Keras' PolynomialDecay: every step to five decays. */
export const kerasFamily: Family<KerasArgs> = {
  name: "polynomialDecay (cycle)",
  source: "Keras PolynomialDecay.__call__",
  arb: kerasArb,
  run: (a, into) => {
    const ours = kerasOurs(a).lr, scale = scaleOf(...a.initial_learning_rate, ...a.end_learning_rate);
    for (let t = 0, end = Math.min(5 * a.decay_steps + 3, 4000); t <= end; t++) {
      compareRow(ours(t), kerasPolynomialDecay(a, t), scale, `${JSON.stringify(a)} at t = ${t}`, into);
    }
  },
};

/** HF's two cosines: every step to twice the total (past the end included). */
export function hfFamily(kind: HfArgs["kind"]): Family<HfArgs> {
  return {
    name: kind === "cosine" ? "cosineWithWarmup" : "cosineWithHardRestarts",
    source: kind === "cosine"
      ? "HF get_cosine_(with_min_lr_)schedule_with_warmup lambda"
      : "HF get_cosine_with_hard_restarts_schedule_with_warmup lambda",
    arb: hfArb(kind),
    run: (a, into) => {
      const ours = hfOurs(a).lr, scale = scaleOf(...a.base_lrs);
      for (let t = 0, end = Math.min(2 * a.num_training_steps + 3, 4000); t <= end; t++) {
        compareRow(ours(t), hfLr(a, t), scale, `${JSON.stringify(a)} at t = ${t}`, into);
      }
    },
  };
}

/** PyTorch's CosineAnnealingLR closed form: every step to three periods (6 T_max). */
export const torchCosineFamily: Family<TorchCosineArgs> = {
  name: "cosineAnnealing",
  source: "PyTorch CosineAnnealingLR._get_closed_form_lr",
  arb: torchCosineArb,
  run: (a, into) => {
    const ours = torchCosineOurs(a).lr, scale = scaleOf(...a.base_lrs, a.eta_min);
    for (let t = 0, end = Math.min(6 * a.T_max, 4000); t <= end; t++) {
      compareRow(ours(t), torchClosedForm(a, t), scale, `${JSON.stringify(a)} at t = ${t}`, into);
    }
  },
};

/** optax's three: every step past the last boundary; one-cycles whose ends merged in optax's dict are left out. */
export function optaxFamily(kind: OptaxArgs["kind"]): Family<OptaxArgs> {
  return {
    name: kind === "piecewise"
      ? "piecewiseInterpolate"
      : kind === "linear_onecycle"
      ? "linearOneCycle"
      : "cosineOneCycle",
    source: `optax ${kind === "piecewise" ? "piecewise_interpolate_schedule" : `${kind}_schedule`}`,
    arb: optaxArb(kind),
    run: (a, into) => {
      if (!optaxPhasesDistinct(a)) {
        into.skipped++;
        return;
      }
      const ours = optaxOurs(a).lr, ref = optaxLr(a);
      const keys = a.kind === "piecewise" ? Object.keys(a.boundaries_and_scales).map(Number) : [a.transition_steps];
      const rates = a.kind === "piecewise" ? a.init_values : a.peak_values;
      const end = Math.min(Math.max(0, ...keys) + 20, 4000);
      // the scale: the largest value the schedule takes
      let scale = scaleOf(...rates);
      for (let t = 0; t <= end; t++) scale = Math.max(scale, ...ref(t).map(Math.abs));
      for (let t = 0; t <= end; t++) compareRow(ours(t), ref(t), scale, `${JSON.stringify(a)} at t = ${t}`, into);
    },
  };
}
