/**
 * The contenders of the comparison: a grid of fixed rates, and every policy built from a
 * seed's LR range test by one written rule (no tuning per policy, and nothing read from the
 * test digits). A contender is an entry of {@link RANGE_TEST_CONTENDERS}: a name, its rule
 * in words (the report prints it), and `build`, which turns the seed's suggested bounds into
 * a {@link Recipe}: the optimizer, and optionally a listener for the validation accuracy (a
 * metric-driven schedule) and the parameters to evaluate (an optimizer that trains at one
 * point and evaluates at another). Adding a contender is adding one entry.
 *
 * Two parameter groups (weights, biases) with the same values throughout.
 *
 * @module
 */
import { constant, cyclicLR, listen, oneCycle, plateau, type Policy, scaleBy, wsd } from "../mod.ts";
import { type Optimizer, scheduleFreeSgd, sgd, type Tensors, type Trainer } from "../optim.ts";

/** The suggested bounds of a seed's range test. */
export interface Bounds {
  readonly baseLr: number;
  readonly maxLr: number;
}

/** What every contender of a seed is built from: plain data, so that a worker builds the very same one. */
export interface BuildContext {
  /** The seed's suggestion; absent when its range test gave none (range-test contenders then sit out). */
  readonly bounds?: Bounds;
  /** Iterations per half cycle, from the library's `stepSize` helper. */
  readonly stepSize: number;
  /** Iterations of a run. */
  readonly budget: number;
  /** SGD momentum; 0 is plain SGD. */
  readonly momentum: number;
}

/** Hears the validation accuracy every `every` iterations, before the next update. */
export interface Listener {
  /** Iterations between two measurements. */
  readonly every: number;
  /** The validation accuracy after `iteration` updates. */
  hear(iteration: number, accuracy: number): void;
}

/** How one contender trains one seed. */
export interface Recipe {
  /** What it was built from, for the table. */
  readonly settings: string;
  /** The optimizer; its policy gives the rate (and the momentum where it schedules one). */
  readonly optimizer: Optimizer;
  /** A metric-driven schedule's ear: the training loop measures the validation accuracy for it. */
  readonly listener?: Listener;
  /**
   * Runs `measure` on the parameters to evaluate, for an optimizer whose evaluation point is
   * not the point it trains at. @default `measure(trainer.params)`
   */
  readonly evaluate?: (trainer: Trainer, measure: (params: Tensors) => number) => number;
}

/** One row of the comparison. */
export interface Contender {
  /** The row's name: `"fixed 0.2"`, `"triangular"`, … */
  readonly name: string;
  /** A rate of the hand-made grid, or built from the range test's suggestion. */
  readonly kind: "fixed" | "rangeTest";
  /** How it takes its rates from the range test, in words (empty for a fixed rate). */
  readonly rule: string;
  /**
   * The recipe for a seed.
   * @throws {Error} For a range-test contender, when the context has no bounds.
   */
  build(context: BuildContext): Recipe;
}

const fmt = (x: number) => Number(x.toPrecision(3)).toString();

/** SGD with the run's momentum under `policy`, unless the policy schedules its own (one-cycle). */
function sgdOf(policy: Policy, context: BuildContext): Optimizer {
  return sgd(policy, policy.momentum ? {} : { momentum: context.momentum });
}

function boundsOf(name: string, context: BuildContext): Bounds {
  if (!context.bounds) throw new Error(`demo: ${name} needs the range test's bounds, and this seed has none`);
  return context.bounds;
}

/**
 * A fixed rate of the grid.
 *
 * @param rate The rate.
 * @returns The contender `"fixed <rate>"`.
 */
export function fixedRate(rate: number): Contender {
  return {
    name: `fixed ${fmt(rate)}`,
    kind: "fixed",
    rule: "",
    build: (context) => ({
      settings: `lr ${fmt(rate)}`,
      optimizer: sgdOf(constant({ value: rate, groups: 2 }), context),
    }),
  };
}

/** PyTorch's `CyclicLR` in one of its modes, between the suggested bounds. */
function cyclic(mode: "triangular" | "triangular2" | "exp_range", rule: string): Contender {
  return {
    name: mode,
    kind: "rangeTest",
    rule,
    build(context) {
      const { baseLr, maxLr } = boundsOf(mode, context);
      const gamma = 0.1 ** (1 / context.budget);
      const policy = cyclicLR({
        baseLr,
        maxLr,
        stepSize: context.stepSize,
        mode,
        cycleMomentum: false,
        groups: 2,
        ...(mode === "exp_range" ? { gamma } : {}),
      });
      const settings = `${fmt(baseLr)}–${fmt(maxLr)}, step ${context.stepSize}` +
        (mode === "exp_range" ? `, γ ${gamma.toPrecision(6)}` : "");
      return { settings, optimizer: sgdOf(policy, context) };
    },
  };
}

/** How far one-cycle's momentum swings either side of the run's momentum (PyTorch: 0.85–0.95 around 0.9). */
export const ONE_CYCLE_SWING = 0.05;

const oneCycleContender: Contender = {
  name: "oneCycle",
  kind: "rangeTest",
  rule: "peaks at maxLr, starts at baseLr (divFactor = maxLr / baseLr), ends at baseLr / 10^4; " +
    `momentum swings ±${ONE_CYCLE_SWING} around the run's momentum, opposite to the rate (none below ${ONE_CYCLE_SWING})`,
  build(context) {
    const { baseLr, maxLr } = boundsOf("oneCycle", context);
    const m = context.momentum, swings = m >= ONE_CYCLE_SWING;
    const policy = oneCycle({
      maxLr,
      totalSteps: context.budget,
      divFactor: maxLr / baseLr,
      groups: 2,
      cycleMomentum: swings,
      ...(swings ? { baseMomentum: m - ONE_CYCLE_SWING, maxMomentum: m + ONE_CYCLE_SWING } : {}),
    });
    const momentum = swings ? `, mom ${fmt(m + ONE_CYCLE_SWING)}–${fmt(m - ONE_CYCLE_SWING)}` : "";
    return {
      settings: `${fmt(baseLr)}→${fmt(maxLr)}→${fmt(baseLr / 1e4)}${momentum}`,
      optimizer: sgdOf(policy, context),
    };
  },
};

/** The fraction of the budget the WSD contender spends in its cooldown (timm's default for `wsd`). */
export const WSD_COOLDOWN_FRACTION = 0.2;

const wsdContender: Contender = {
  name: "wsd",
  kind: "rangeTest",
  rule: "linear warm-up 0 → maxLr over stepSize, hold maxLr, 1-sqrt cooldown to 0 over the last 20 % of the budget",
  build(context) {
    const { maxLr } = boundsOf("wsd", context);
    const decaySteps = Math.max(1, Math.round(context.budget * WSD_COOLDOWN_FRACTION));
    const warmupSteps = Math.min(context.stepSize, context.budget - decaySteps);
    const policy = wsd({
      peakValue: maxLr,
      warmupSteps,
      totalSteps: context.budget,
      decaySteps,
      decayShape: "1-sqrt",
      groups: 2,
    });
    return {
      settings: `0→${fmt(maxLr)}, warm-up ${warmupSteps}, cooldown ${decaySteps}`,
      optimizer: sgd(policy, { momentum: context.momentum }),
    };
  },
};

/**
 * Schedule-free SGD (Defazio et al. 2024): no schedule beyond a warm-up. Its rate is not a
 * scheduled rate: SGD with momentum `m` takes steps of about `lr / (1 - m)`, and schedule-free
 * SGD, which keeps no momentum buffer (its `momentum` is the interpolation weight of `y`),
 * needs that factor in the rate itself; so `lr = maxLr / (1 - m)` (10 × maxLr at 0.9, the low
 * end of the reference's "10x–50x larger than classical rates"). It trains at `y` and is
 * evaluated at `x`, the average.
 */
const scheduleFreeContender: Contender = {
  name: "scheduleFree",
  kind: "rangeTest",
  rule: "schedule-free SGD at lr = maxLr / (1 − momentum), linear warm-up over stepSize, interpolation " +
    "momentum as the run's (0.9), evaluated at the average x",
  build(context) {
    const { maxLr } = boundsOf("scheduleFree", context);
    const m = context.momentum;
    const lr = maxLr / (1 - m);
    const warm = context.stepSize;
    const policy = scaleBy(constant({ value: lr, groups: 2 }), (t) => Math.min(1, (t + 1) / warm));
    return {
      settings: `lr ${fmt(lr)}, warm-up ${warm}, β ${fmt(m)}`,
      optimizer: scheduleFreeSgd(policy, { momentum: m }),
      evaluate: (trainer, measure) => {
        trainer.eval();
        try {
          return measure(trainer.params ?? []);
        } finally {
          trainer.train();
        }
      },
    };
  },
};

/** Iterations between two validation checks of the plateau contender. */
export const PLATEAU_EVERY = 40;

/**
 * Reduce-on-plateau of the validation accuracy (PyTorch's rule, mode max): it starts at
 * maxLr and halves after four checks (every {@link PLATEAU_EVERY} iterations) without a gain
 * of 0.1 percentage point, never below baseLr / 10. The loop measures the validation digits
 * after update `t` and the metric takes effect at the next update.
 */
const plateauContender: Contender = {
  name: "plateau",
  kind: "rangeTest",
  rule: `starts at maxLr, ×0.5 after 4 validation checks (every ${PLATEAU_EVERY} iterations) without a 0.1 pp gain, ` +
    "never below baseLr / 10 (PyTorch's ReduceLROnPlateau, mode max, threshold 0.001 abs)",
  build(context) {
    const { baseLr, maxLr } = boundsOf("plateau", context);
    const ear = listen(plateau(constant({ value: maxLr, groups: 2 }), {
      mode: "max",
      factor: 0.5,
      patience: 3,
      threshold: 0.001,
      thresholdMode: "abs",
      minLr: baseLr / 10,
    }));
    return {
      settings: `${fmt(maxLr)}, ×0.5 on plateau, floor ${fmt(baseLr / 10)}`,
      optimizer: sgdOf(ear.policy, context),
      // `iteration` updates are done: the accuracy was observed after update iteration - 1.
      listener: { every: PLATEAU_EVERY, hear: (iteration, accuracy) => ear.hear(iteration - 1, accuracy) },
    };
  },
};

/**
 * Every contender built from the range test, in the table's order.
 *
 * The cyclical ones run between `baseLr` and `maxLr` with half-cycles of `stepSize`
 * iterations (the paper's rule); `exp_range` decays the amplitude to a tenth over the budget
 * (`gamma = 0.1^(1/budget)`); `wsd` warms up over one half-cycle, holds `maxLr` and cools down
 * with `1 - sqrt` over the last fifth of the budget (HF's `get_wsd_schedule`).
 */
export const RANGE_TEST_CONTENDERS: readonly Contender[] = [
  cyclic("triangular", "cycles between baseLr and maxLr, half-cycles of stepSize"),
  cyclic("triangular2", "as triangular, the amplitude halving every cycle"),
  cyclic("exp_range", "as triangular, the amplitude decaying to a tenth over the budget"),
  oneCycleContender,
  wsdContender,
  scheduleFreeContender,
  plateauContender,
];

/**
 * The whole comparison: the grid of fixed rates, then {@link RANGE_TEST_CONTENDERS}.
 *
 * @param rates The grid.
 * @returns The contenders, in the table's order.
 */
export function contenders(rates: readonly number[]): Contender[] {
  return [...rates.map(fixedRate), ...RANGE_TEST_CONTENDERS];
}
