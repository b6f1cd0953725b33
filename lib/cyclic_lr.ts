import type { PerGroup, Policy, Scale, ScaleMode, Schedule, Wave } from "./types.ts";
import { boolean, gamma as checkGamma, oneOf, positiveInt } from "./_check.ts";
import { perGroupConfig, resolveGroups } from "./groups.ts";
import { amplitude } from "./amplitude.ts";
import { stretch } from "./cyclic.ts";
import { exponential, flat, halving, scaleFn as userScale } from "./scale.ts";
import { scaleBy } from "./scale_by.ts";
import { cosineWave, triangle } from "./wave.ts";
import { withConfig } from "./describe.ts";

/** The three modes of the paper and of PyTorch's `CyclicLR`. */
export type CyclicMode = "triangular" | "triangular2" | "exp_range";

/** Builds a wave from the resolved half-cycle lengths. */
export type WaveFactory = (steps: { readonly stepSizeUp: number; readonly stepSizeDown: number }) => Wave;

/** Options of {@link cyclicLR}: PyTorch's `CyclicLR` arguments, camelCased, with its defaults. */
export interface CyclicLROptions {
  /** Lower bound per group. @default 0.001 */
  readonly baseLr?: PerGroup;
  /** Upper bound of the first cycle per group. @default 0.006 */
  readonly maxLr?: PerGroup;
  /** The seed's name for a symmetric half cycle; not with `stepSizeUp`/`stepSizeDown`. */
  readonly stepSize?: number;
  /** Iterations of the rise. @default 2000 */
  readonly stepSizeUp?: number;
  /** Iterations of the fall. @default stepSizeUp */
  readonly stepSizeDown?: number;
  /** The amplitude policy, ignored when `scaleFn` or `scale` is given. @default "triangular" */
  readonly mode?: CyclicMode;
  /** The `exp_range` decay per iteration, in (0, 1]. @default 1 */
  readonly gamma?: number;
  /** A custom amplitude multiplier (PyTorch's `scale_fn`); replaces `mode`. */
  readonly scaleFn?: (x: number) => number;
  /** What `scaleFn` receives. @default "cycle" */
  readonly scaleMode?: ScaleMode;
  /** A ready {@link Scale}; replaces `mode` (not with `scaleFn`). */
  readonly scale?: Scale;
  /** The shape of a cycle: `"triangle"`, `"cosine"` or a factory. @default "triangle" */
  readonly wave?: "triangle" | "cosine" | WaveFactory;
  /**
   * What the scale shrinks: `"amplitude"` (PyTorch and the seed: the rate still returns to
   * `baseLr`) or `"bounds"` (the paper's exp_range: both bounds are multiplied).
   * @default "amplitude"
   */
  readonly expRangeDecays?: "amplitude" | "bounds";
  /** Whether momentum cycles opposite to the rate. @default true */
  readonly cycleMomentum?: boolean;
  /** Momentum at the rate's peak, per group. @default 0.8 */
  readonly baseMomentum?: PerGroup;
  /** Momentum at the rate's bottom, per group. @default 0.9 */
  readonly maxMomentum?: PerGroup;
  /** Number of groups, when every per-group value is a scalar. */
  readonly groups?: number;
}

function pickScale(o: CyclicLROptions, mode: CyclicMode): Scale {
  if (o.scaleFn !== undefined && o.scale !== undefined) {
    throw new TypeError("scaleFn: cannot be given together with scale");
  }
  if (o.scale !== undefined) return o.scale;
  if (o.scaleFn !== undefined) return userScale(o.scaleFn, o.scaleMode ?? "cycle");
  if (mode === "triangular2") return halving;
  if (mode === "exp_range") return exponential(o.gamma ?? 1);
  return flat;
}

function pickSteps(o: CyclicLROptions): { stepSizeUp: number; stepSizeDown: number } {
  if (o.stepSize !== undefined) {
    if (o.stepSizeUp !== undefined) throw new TypeError("stepSize: cannot be given together with stepSizeUp");
    if (o.stepSizeDown !== undefined) throw new TypeError("stepSize: cannot be given together with stepSizeDown");
    const s = positiveInt("stepSize", o.stepSize);
    return { stepSizeUp: s, stepSizeDown: s };
  }
  const up = positiveInt("stepSizeUp", o.stepSizeUp ?? 2000);
  return { stepSizeUp: up, stepSizeDown: o.stepSizeDown === undefined ? up : positiveInt("stepSizeDown", o.stepSizeDown) };
}

/**
 * PyTorch's `CyclicLR`, as a pure policy: the seed's entry point, built from
 * {@link triangle}, the scales and {@link stretch}. All three modes, asymmetric cycles,
 * custom scale functions, per-group bounds and cyclical momentum (which moves opposite to
 * the rate, from `maxMomentum` at the bottom of a cycle to `baseMomentum` at its peak).
 *
 * At 0-based iteration `t` (the number of updates already applied; there is no hidden
 * initial step), with `h = height(t)` and `s` the scale of the cycle or iteration:
 * `lr[g] = baseLr[g] + (maxLr[g] - baseLr[g]) * h * s` and
 * `momentum[g] = maxMomentum[g] - (maxMomentum[g] - baseMomentum[g]) * h * s`.
 * Matches PyTorch to 1e-12 relative; at very large `t` it keeps the exact value where
 * PyTorch's `1 + t / P - cycle` loses digits.
 *
 * @param options PyTorch's arguments, camelCased, with PyTorch's defaults.
 * @returns The policy: `lr`, `momentum` (when `cycleMomentum`) and `groups`.
 * @throws {RangeError} If a value is out of range (the message names the field and value).
 * @throws {TypeError} If a value has the wrong type or fields conflict.
 *
 * @example The seed's exp_range example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cyclicLR } from "cyclical-lr";
 * const { lr, momentum } = cyclicLR({
 *   baseLr: 0.001, maxLr: 0.003, stepSize: 300, mode: "exp_range", gamma: 0.99994,
 * });
 * assert.equal(lr(0)[0], 0.001);
 * assert.ok(Math.abs(lr(300)[0] - (0.001 + 0.002 * 0.99994 ** 300)) < 1e-15);
 * assert.equal(momentum?.(0)[0], 0.9);
 * ```
 * @see {@link https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CyclicLR.html | PyTorch CyclicLR}
 */
export function cyclicLR(options: CyclicLROptions = {}): Policy {
  const o = options;
  const mode = oneOf("mode", ["triangular", "triangular2", "exp_range"], o.mode ?? "triangular");
  const decays = oneOf("expRangeDecays", ["amplitude", "bounds"], o.expRangeDecays ?? "amplitude");
  const cycleMomentum = boolean("cycleMomentum", o.cycleMomentum ?? true);
  const gamma = checkGamma("gamma", o.gamma ?? 1);
  const steps = pickSteps(o);
  const scale = pickScale(o, mode);
  const waveOption = o.wave ?? "triangle";
  const wave = typeof waveOption === "function"
    ? waveOption(steps)
    : oneOf("wave", ["triangle", "cosine"], waveOption) === "cosine"
    ? cosineWave(steps)
    : triangle(steps);
  const { groups, values } = resolveGroups({
    baseLr: o.baseLr ?? 0.001,
    maxLr: o.maxLr ?? 0.006,
    baseMomentum: o.baseMomentum ?? 0.8,
    maxMomentum: o.maxMomentum ?? 0.9,
  }, o.groups);

  let lr: Schedule;
  if (decays === "bounds") {
    const { fn } = scale;
    const factor = scale.mode === "cycle" ? (t: number) => fn(wave.cycle(t)) : fn;
    lr = scaleBy(stretch(values.baseLr, values.maxLr, amplitude(wave, flat)), factor);
  } else {
    lr = stretch(values.baseLr, values.maxLr, amplitude(wave, scale));
  }
  const momentum = cycleMomentum
    ? stretch(values.maxMomentum, values.baseMomentum, amplitude(wave, scale))
    : undefined;
  const policy: Policy = momentum ? { lr, momentum, groups } : { lr, groups };

  const encodable = o.scaleFn === undefined && o.scale === undefined && typeof waveOption === "string";
  if (!encodable) return policy;
  return withConfig(policy, {
    policy: "cyclic",
    baseLr: perGroupConfig(values.baseLr, groups),
    maxLr: perGroupConfig(values.maxLr, groups),
    stepSizeUp: steps.stepSizeUp,
    stepSizeDown: steps.stepSizeDown,
    mode,
    gamma,
    expRangeDecays: decays,
    cycleMomentum,
    baseMomentum: perGroupConfig(values.baseMomentum, groups),
    maxMomentum: perGroupConfig(values.maxMomentum, groups),
    ...(waveOption === "cosine" ? { wave: { name: "cosine", params: {} } } : {}),
  });
}

