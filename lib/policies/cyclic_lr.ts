import type { JsonObject, PerGroup, Policy, Scale, ScaleMode, Schedule, Wave } from "../types.ts";
import { describeValue, quotedList } from "../_check.ts";
import {
  bool,
  type FieldsOf,
  functionOf,
  gamma,
  GROUPS,
  jsonParams,
  type Kind,
  kind,
  nonEmptyString,
  numberIn,
  oneOf,
  perGroupRate,
} from "../options/_kinds.ts";
import { invalid, type OptionError, problem } from "../options/_errors.ts";
import { objectKind, type OptionsTable, optionsTable, type ValuesOf } from "../options/table.ts";
import { type PolicyTable, policyTable } from "../options/policy_table.ts";
import { amplitudeOf, checkedPieces, isScale, isWave } from "../signal/amplitude.ts";
import { stretchSchedule } from "../signal/stretch.ts";
import { checkedScale, exponential, flat, halving } from "../signal/scale.ts";
import { cosineWave, STEP_EXCLUSIVE, STEP_FIELDS, type StepSizes, triangle } from "../signal/wave.ts";
import { BUILT_IN_WAVES, defaultRegistry, type Registry } from "../signal/registry.ts";
import { scaleBy } from "../combinators/scale_by.ts";

/** The three modes of the paper and of PyTorch's `CyclicLR`. */
export type CyclicMode = "triangular" | "triangular2" | "exp_range";

/** Builds a wave from the resolved half-cycle lengths. */
export type WaveFactory = (steps: { readonly stepSizeUp: number; readonly stepSizeDown: number }) => Wave;

/** A registered scale by name, as a config holds it: `{ name, params, mode }`. */
export interface ScaleRef {
  /** The registered name. */
  readonly name: string;
  /** The factory's JSON params (`{}` when left out). */
  readonly params?: JsonObject;
  /** What the scale receives: the cycle number or the iteration (`"cycle"` when left out). */
  readonly mode?: ScaleMode;
}

/** A wave by name, as a config holds it: `{ name, params }` (built-in or registered). */
export interface WaveRef {
  /** The wave's name: `triangle`, `cosine` or a registered one. */
  readonly name: string;
  /** The factory's JSON params (`{}` when left out; built-in waves take none). */
  readonly params?: JsonObject;
}

/**
 * The fields of a registered scale in a config.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCALE_REF } from "cyclical-lr";
 * assert.deepEqual(SCALE_REF.read({ name: "geometric" }), { name: "geometric", params: {}, mode: "cycle" });
 * ```
 */
export const SCALE_REF: OptionsTable<FieldsOf<ScaleRef>> = optionsTable("scale", {
  name: nonEmptyString.required(),
  params: jsonParams.default({}),
  mode: oneOf(["cycle", "iterations"]).default("cycle"),
});

/**
 * The fields of a named wave in a config.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { WAVE_REF } from "cyclical-lr";
 * assert.deepEqual(WAVE_REF.read({ name: "cosine" }), { name: "cosine", params: {} });
 * ```
 */
export const WAVE_REF: OptionsTable<FieldsOf<WaveRef>> = optionsTable("wave", {
  name: nonEmptyString.required(),
  params: jsonParams.default({}),
});

/** A scale reference once checked: every default written out. */
type CheckedScaleRef = ValuesOf<FieldsOf<ScaleRef>>;
/** A wave reference once checked. */
type CheckedWaveRef = ValuesOf<FieldsOf<WaveRef>>;

const ScaleRefKind = objectKind("a registered scale { name, params, mode }", SCALE_REF);
const WaveRefKind = objectKind("a wave { name, params }", WAVE_REF);

/** Whether `u` has the shape of a registered piece's reference (`{ name, … }`). */
function isRef(u: unknown): u is { readonly name: unknown } {
  return typeof u === "object" && u !== null && "name" in u && !("fn" in u);
}

const scaleKind: Kind<Scale | ScaleRef> = kind(
  "a scale { mode, fn } or a registered scale { name, params, mode }",
  (v): v is Scale | ScaleRef => isScale(v) || ScaleRefKind.is(v),
  {
    config: ScaleRefKind,
    check: (v, path, config) =>
      isScale(v) ? [] : isRef(v) ? ScaleRefKind.check?.(v, path, config) ?? [] : [invalid(path, scaleKind.phrase, v)],
    normalize: (v) => (isScale(v) ? v : SCALE_REF.read(v)),
  },
);

const waveKind: Kind<"triangle" | "cosine" | WaveFactory | WaveRef> = kind(
  'one of "triangle", "cosine", a wave factory or a wave { name, params }',
  (v): v is "triangle" | "cosine" | WaveFactory | WaveRef =>
    v === "triangle" || v === "cosine" || typeof v === "function" || WaveRefKind.is(v),
  {
    config: WaveRefKind,
    check: (v, path, config) =>
      v === "triangle" || v === "cosine" || typeof v === "function"
        ? []
        : isRef(v)
        ? WaveRefKind.check?.(v, path, config) ?? []
        : [invalid(path, typeof v === "string" ? 'one of "triangle", "cosine"' : waveKind.phrase, v)],
    normalize: (v) => (typeof v === "string" || typeof v === "function" ? v : WAVE_REF.read(v)),
  },
);

/**
 * A registry of named scales and waves (from `createRegistry`).
 * @internal
 */
export const registryKind: Kind<Registry> = kind(
  "a registry (from createRegistry)",
  (v): v is Registry =>
    typeof v === "object" && v !== null && "scales" in v && v.scales instanceof Map && "waves" in v &&
    v.waves instanceof Map,
  { json: false },
);

/** The phrase listing the names a config may use, or a note that none are registered. */
export function namesPhrase(kind: string, names: readonly string[]): string {
  return names.length > 0 ? `one of ${quotedList(names)}` : `a registered ${kind} name (none are registered)`;
}

function thrownMessage(e: unknown): string {
  return e instanceof Error ? e.message : describeValue(e);
}

/** The registered scale of a reference; in a config, its factory is tried on its params. */
function scaleRefErrors(ref: CheckedScaleRef, registry: Registry, tryIt: boolean): OptionError[] {
  const factory = registry.scales.get(ref.name);
  if (factory === undefined) {
    return [invalid(["scale", "name"], namesPhrase("scale", [...registry.scales.keys()]), ref.name)];
  }
  if (!tryIt) return [];
  try {
    const fn: unknown = factory(ref.params);
    if (typeof fn === "function") return [];
    return [
      invalid(["scale", "params"], `params for which scale ${JSON.stringify(ref.name)} gives a function`, ref.params),
    ];
  } catch (e) {
    return [problem(["scale", "params"], `rejected by scale ${JSON.stringify(ref.name)}: ${thrownMessage(e)}`)];
  }
}

/** The wave of a reference: built-in ones take no params; a registered one is tried in a config. */
function waveRefErrors(
  ref: CheckedWaveRef,
  registry: Registry,
  steps: Steps | undefined,
  tryIt: boolean,
): OptionError[] {
  if (BUILT_IN_WAVES.includes(ref.name)) {
    if (Object.keys(ref.params).length === 0) return [];
    const phrase = `{} (the built-in wave ${JSON.stringify(ref.name)} takes no params)`;
    return [invalid(["wave", "params"], phrase, ref.params)];
  }
  const factory = registry.waves.get(ref.name);
  if (factory === undefined) {
    return [invalid(["wave", "name"], namesPhrase("wave", [...BUILT_IN_WAVES, ...registry.waves.keys()]), ref.name)];
  }
  // A registered wave is tried only on step sizes that checked, so it sees the real ones.
  if (!tryIt || steps === undefined) return [];
  try {
    const w: unknown = factory(ref.params, steps);
    if (isWave(w)) return [];
    const phrase = `params for which wave ${JSON.stringify(ref.name)} gives a wave {period, cycle, height}`;
    return [invalid(["wave", "params"], phrase, ref.params)];
  } catch (e) {
    return [problem(["wave", "params"], `rejected by wave ${JSON.stringify(ref.name)}: ${thrownMessage(e)}`)];
  }
}

type Steps = { readonly stepSizeUp: number; readonly stepSizeDown: number };

/** Options of {@link cyclicLR}: PyTorch's `CyclicLR` arguments, camelCased, checked by {@link CYCLIC}. */
export interface CyclicLROptions extends StepSizes {
  /** The rate at the bottom of every cycle, per group. */
  readonly baseLr?: PerGroup;
  /** The rate at the top of the first cycle, per group (may be below `baseLr`). */
  readonly maxLr?: PerGroup;
  /** How the amplitude changes from cycle to cycle (PyTorch's `mode`); replaced by a scale. */
  readonly mode?: CyclicMode;
  /** The `exp_range` decay per iteration, in (0, 1]. */
  readonly gamma?: number;
  /** A custom amplitude multiplier (PyTorch's `scale_fn`); replaces `mode`. */
  readonly scaleFn?: (x: number) => number;
  /** What `scaleFn` receives: the cycle number or the iteration. */
  readonly scaleMode?: ScaleMode;
  /** A ready scale, or a registered one by name; replaces `mode` and `gamma` (not with `scaleFn`). */
  readonly scale?: Scale | ScaleRef;
  /** The shape of a cycle: `"triangle"`, `"cosine"`, a factory, or a named wave. */
  readonly wave?: "triangle" | "cosine" | WaveFactory | WaveRef;
  /**
   * What the scale shrinks: `"amplitude"` (PyTorch and the seed: the rate still returns to
   * `baseLr`) or `"bounds"` (the paper's exp_range: both bounds are multiplied).
   */
  readonly expRangeDecays?: "amplitude" | "bounds";
  /** Whether momentum cycles opposite to the rate, as in PyTorch. */
  readonly cycleMomentum?: boolean;
  /** Momentum at the rate's peak, per group. */
  readonly baseMomentum?: PerGroup;
  /** Momentum at the rate's bottom, per group. */
  readonly maxMomentum?: PerGroup;
  /** Where named scales and waves are looked up. */
  readonly registry?: Registry;
  /** Number of groups, when every per-group value is a number. */
  readonly groups?: number;
}

/** The fields of {@link CYCLIC}, one per option of {@link CyclicLROptions}. */
export type CyclicFields = FieldsOf<CyclicLROptions, "stepSize" | "scaleFn" | "scale" | "groups">;

const CYCLIC_FIELDS: CyclicFields = {
  baseLr: perGroupRate.default(0.001),
  maxLr: perGroupRate.default(0.006),
  stepSize: STEP_FIELDS.stepSize,
  stepSizeUp: STEP_FIELDS.stepSizeUp.kind.derived((o) => numberIn(o.stepSize) ?? 2000, "stepSize, else 2000"),
  stepSizeDown: STEP_FIELDS.stepSizeDown,
  mode: oneOf(["triangular", "triangular2", "exp_range"]).default("triangular"),
  gamma: gamma.default(1),
  scaleFn: functionOf<(x: number) => number>().optional(),
  scaleMode: oneOf(["cycle", "iterations"], { json: false }).default("cycle"),
  scale: scaleKind.optional(),
  wave: waveKind.default("triangle"),
  expRangeDecays: oneOf(["amplitude", "bounds"]).default("amplitude"),
  cycleMomentum: bool.default(true),
  baseMomentum: perGroupRate.default(0.8),
  maxMomentum: perGroupRate.default(0.9),
  registry: registryKind.default(defaultRegistry),
  groups: GROUPS,
};

/**
 * The options table of {@link cyclicLR} and of the `cyclic` config: PyTorch's `CyclicLR`
 * arguments, camelCased, with its defaults.
 *
 * @example The defaults are PyTorch's
 * ```ts
 * import assert from "node:assert/strict";
 * import { CYCLIC } from "cyclical-lr";
 * const v = CYCLIC.read({});
 * assert.deepEqual([v.stepSizeUp, v.stepSizeDown, v.mode, v.cycleMomentum], [2000, 2000, "triangular", true]);
 * ```
 */
export const CYCLIC: PolicyTable<CyclicFields> = policyTable("cyclic", "cyclicLR", CYCLIC_FIELDS, {
  exclusive: [...STEP_EXCLUSIVE, ["scale", "mode"], ["scale", "gamma"], ["scaleFn", "scale"]],
  rules: [
    (v, given, config) => {
      if (v.registry === undefined) return undefined;
      const errors: OptionError[] = [];
      if (v.scale !== undefined && !isScale(v.scale)) {
        errors.push(...scaleRefErrors(SCALE_REF.read(v.scale), v.registry, config));
      }
      if (v.wave !== undefined && typeof v.wave === "object") {
        const steps = v.stepSizeUp !== undefined && v.stepSizeDown !== undefined &&
            !(given("stepSize") && v.stepSize === undefined)
          ? { stepSizeUp: v.stepSizeUp, stepSizeDown: v.stepSizeDown }
          : undefined;
        errors.push(...waveRefErrors(WAVE_REF.read(v.wave), v.registry, steps, config));
      }
      return errors;
    },
  ],
  momentum: (c) => c.cycleMomentum === true,
  config: (v) => {
    if (v.scaleFn !== undefined) return { reason: "a cyclicLR with a scaleFn (a function)" };
    if (v.scale !== undefined && isScale(v.scale)) {
      return { reason: "a cyclicLR with a hand-made scale" };
    }
    if (typeof v.wave === "function") {
      return { reason: "a cyclicLR with a wave factory (a function)" };
    }
    const wave = typeof v.wave === "string" ? { name: v.wave, params: {} } : v.wave;
    return {
      config: {
        policy: "cyclic",
        baseLr: perGroup(v.baseLr),
        maxLr: perGroup(v.maxLr),
        stepSizeUp: v.stepSizeUp,
        stepSizeDown: v.stepSizeDown,
        ...(v.scale === undefined ? { mode: v.mode, gamma: v.gamma } : { scale: v.scale }),
        expRangeDecays: v.expRangeDecays,
        cycleMomentum: v.cycleMomentum,
        baseMomentum: perGroup(v.baseMomentum),
        maxMomentum: perGroup(v.maxMomentum),
        ...(wave === undefined || wave.name === "triangle" ? {} : { wave }),
      },
    };
  },
});

function perGroup(values: readonly number[]): number | readonly number[] {
  return values.length === 1 ? values[0] : values;
}

/** The scale the options name: a given one, a registered one, scaleFn, or the mode's. */
function scaleOf(o: ValuesOf<CyclicFields>): Scale {
  if (o.scale !== undefined) {
    if (isScale(o.scale)) return o.scale;
    const ref = SCALE_REF.read(o.scale);
    const factory = o.registry.scales.get(ref.name);
    // The table's rule checked that the name is registered.
    if (factory === undefined) throw new TypeError(`scale.name: expected a registered scale, got ${ref.name}`);
    return checkedScale(factory(ref.params), ref.mode, `scale ${JSON.stringify(ref.name)}`);
  }
  if (o.scaleFn !== undefined) return checkedScale(o.scaleFn, o.scaleMode, "scaleFn");
  if (o.mode === "triangular2") return halving;
  if (o.mode === "exp_range") return exponential(o.gamma);
  return flat;
}

/** The wave the options name, with the label its errors use. */
function waveOf(o: ValuesOf<CyclicFields>, steps: Steps): { wave: Wave; label: string } {
  const w = o.wave;
  if (w === "triangle" || (typeof w === "object" && w.name === "triangle")) {
    return { wave: triangle(steps), label: "wave" };
  }
  if (w === "cosine" || (typeof w === "object" && w.name === "cosine")) {
    return { wave: cosineWave(steps), label: "wave" };
  }
  let made: unknown;
  if (typeof w === "function") made = w(steps);
  else {
    const ref = WAVE_REF.read(w);
    const factory = o.registry.waves.get(ref.name);
    // The table's rule checked that the name is registered.
    if (factory === undefined) {
      throw new TypeError(`wave.name: expected a registered wave, got ${describeValue(ref.name)}`);
    }
    made = factory(ref.params, steps);
  }
  const label = typeof w === "function" ? "wave" : `wave ${JSON.stringify(w.name)}`;
  if (!isWave(made)) {
    const phrase = typeof w === "function"
      ? "a factory that gives a wave { period, cycle, height }"
      : `${JSON.stringify(w.name)} to give a wave {period, cycle, height}`;
    throw new TypeError(`wave: expected ${phrase}, got ${describeValue(made)}`);
  }
  return { wave: made, label };
}

/**
 * PyTorch's `CyclicLR`, as a pure policy: the seed's entry point, built from `triangle`, the
 * scales and `stretch`. All three modes, asymmetric cycles, custom scale functions (as a
 * function, or registered by name), per-group bounds and cyclical momentum (which moves
 * opposite to the rate, from `maxMomentum` at the bottom of a cycle to `baseMomentum` at
 * its peak).
 *
 * At 0-based iteration `t` (the number of updates already applied; there is no hidden
 * initial step), with `h = height(t)` and `s` the scale of the cycle or iteration:
 * `lr[g] = baseLr[g] + (maxLr[g] - baseLr[g]) * h * s` and
 * `momentum[g] = maxMomentum[g] - (maxMomentum[g] - baseMomentum[g]) * h * s`.
 * Matches PyTorch to 1e-12 relative; at very large `t` it keeps the exact value where
 * PyTorch's `1 + t / P - cycle` loses digits.
 *
 * `cycleMomentum` defaults to `true`, as in PyTorch, so that a config or a script ported from
 * PyTorch gives the same momentum; an optimizer given a momentum of its own refuses such a
 * policy instead of silently replacing either value (set `cycleMomentum: false` to keep it).
 *
 * @param options PyTorch's arguments, camelCased, with PyTorch's defaults ({@link CYCLIC}).
 * @returns The policy: `lr` (the policy itself), `momentum` (when `cycleMomentum`) and `groups`.
 * @throws {RangeError} If a value is out of range (the message names the field and value).
 * @throws {TypeError} If a value has the wrong type, an option is unknown, or fields conflict.
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
 *
 * @example A PyTorch user's spelling is refused with the fix
 * ```ts
 * import assert from "node:assert/strict";
 * import { cyclicLR } from "cyclical-lr";
 * assert.throws(() => cyclicLR({ base_lr: 0.001 } as never), {
 *   message: "base_lr: unknown option of cyclicLR; did you mean baseLr?",
 * });
 * ```
 * @see {@link https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CyclicLR.html | PyTorch CyclicLR}
 */
export function cyclicLR(options: CyclicLROptions = {}): Policy {
  const o = CYCLIC.read(options);
  const steps = { stepSizeUp: o.stepSizeUp, stepSizeDown: o.stepSizeDown };
  const { wave: rawWave, label } = waveOf(o, steps);
  const scaleLabel = o.scale !== undefined && !isScale(o.scale) ? `scale ${JSON.stringify(o.scale.name)}` : "scale.fn";
  const { wave, scale } = checkedPieces(rawWave, scaleOf(o), { wave: label, scale: scaleLabel });
  let lr: Schedule;
  if (o.expRangeDecays === "bounds") {
    const { fn } = scale;
    const factor = scale.mode === "cycle" ? (t: number) => fn(wave.cycle(t)) : fn;
    lr = scaleBy(stretchSchedule(o.baseLr, o.maxLr, amplitudeOf({ wave, scale: flat })), factor);
  } else {
    lr = stretchSchedule(o.baseLr, o.maxLr, amplitudeOf({ wave, scale }));
  }
  const momentum = o.cycleMomentum
    ? stretchSchedule(o.maxMomentum, o.baseMomentum, amplitudeOf({ wave, scale }))
    : undefined;
  return CYCLIC.make(o, lr, momentum);
}
