/**
 * The options of reduce-on-plateau, for its three reference semantics: PyTorch's
 * `ReduceLROnPlateau`, optax's `contrib.reduce_on_plateau` and timm's `PlateauLRScheduler`.
 * One table holds every field; each semantics has its own fields and defaults (written once,
 * in {@link PLATEAU_DEFAULTS}), and a field of another semantics is an error that names it.
 *
 * @module
 */
import type { PerGroup } from "../types.ts";
import {
  type FieldsOf,
  fraction,
  type Kind,
  kind,
  nonNegativeInt,
  oneOf,
  perGroupRate,
  positiveInt,
  rate,
} from "../options/_kinds.ts";
import { type OptionError, problem } from "../options/_errors.ts";
import { type OptionsTable, optionsTable } from "../options/table.ts";

/** Which reference's rule a plateau follows. */
export type PlateauSemantics = "pytorch" | "optax" | "timm";

const SEMANTICS: readonly PlateauSemantics[] = ["pytorch", "optax", "timm"];

/**
 * Options of {@link plateau} (and the fields of the `plateau` config beside `schedule`),
 * checked by {@link PLATEAU}. `pytorch` and `timm` take `mode`, `threshold`,
 * `thresholdMode`, `minLr` and `eps`; `optax` takes `rtol`, `atol`, `accumulationSize` and
 * `minScale`; all take `factor`, `patience` and `cooldown`.
 */
export interface PlateauOptions {
  /** Whose rule: `"pytorch"` (`ReduceLROnPlateau`), `"optax"` (`contrib.reduce_on_plateau`) or `"timm"` (`PlateauLRScheduler`). */
  readonly semantics?: PlateauSemantics;
  /** `"min"`: lower metrics are better (a loss); `"max"`: higher are (an accuracy). pytorch, timm. */
  readonly mode?: "min" | "max";
  /** The multiplier of a reduction, in (0, 1). */
  readonly factor?: number;
  /** Observations without improvement tolerated: pytorch and timm reduce after `patience + 1` of them, optax after `patience` (its count must equal it). A non-negative integer. */
  readonly patience?: number;
  /** How much better than the best a metric must be to count as an improvement, a finite number >= 0. pytorch, timm. */
  readonly threshold?: number;
  /** `"rel"`: better than `best * (1 ∓ threshold)`; `"abs"`: better than `best ∓ threshold`. pytorch, timm. */
  readonly thresholdMode?: "rel" | "abs";
  /** Observations after a reduction during which bad ones are not counted, a non-negative integer. */
  readonly cooldown?: number;
  /** The lowest rate a reduction takes a group to, per group (a finite number >= 0). pytorch, timm. */
  readonly minLr?: PerGroup;
  /** A reduction that would change a group's rate by `eps` or less leaves it as it is, a finite number >= 0. pytorch, timm. */
  readonly eps?: number;
  /** Relative improvement needed: better than `(1 - rtol) * best - atol`, in [0, 1]. optax. */
  readonly rtol?: number;
  /** Absolute improvement needed, a finite number >= 0 (rtol and atol may not both be 0). optax. */
  readonly atol?: number;
  /** Metrics averaged before each decision, a positive integer. optax. */
  readonly accumulationSize?: number;
  /** The lowest multiplier, in [0, 1]. optax. */
  readonly minScale?: number;
}

/** The fields each semantics takes beside `factor`, `patience` and `cooldown`, with their defaults. */
export const PLATEAU_DEFAULTS = {
  pytorch: { mode: "min", threshold: 1e-4, thresholdMode: "rel", minLr: 0, eps: 1e-8 },
  timm: { mode: "max", threshold: 1e-4, thresholdMode: "rel", minLr: 0, eps: 1e-8 },
  optax: { rtol: 1e-4, atol: 0, accumulationSize: 1, minScale: 0 },
} as const;

/**
 * A number strictly between 0 and 1: a reduction's factor (plateau's, greedy's).
 * @internal
 */
export const openFraction: Kind<number> = kind(
  "a number in (0, 1)",
  (v): v is number => typeof v === "number" && v > 0 && v < 1,
);

/** The semantics whose defaults hold a field (undefined: every semantics has it). */
function ownerOf(field: string): readonly PlateauSemantics[] | undefined {
  const owners = SEMANTICS.filter((s) => Object.hasOwn(PLATEAU_DEFAULTS[s], field));
  return owners.length > 0 ? owners : undefined;
}

const D = PLATEAU_DEFAULTS;

/** A default of PyTorch's rule (pytorch's or timm's), absent for optax. */
function torch<T>(o: Readonly<Record<string, unknown>>, pytorch: T, timm: T): T | undefined {
  return o.semantics === "optax" ? undefined : o.semantics === "timm" ? timm : pytorch;
}

/** A default of optax's rule, absent for the others. */
function optax<T>(o: Readonly<Record<string, unknown>>, value: T): T | undefined {
  return o.semantics === "optax" ? value : undefined;
}

/** How the docs show a field's default: per semantics. */
function shows(field: string): string {
  const parts = SEMANTICS.filter((s) => Object.hasOwn(PLATEAU_DEFAULTS[s], field)).map((s) => {
    const v: unknown = Reflect.get(PLATEAU_DEFAULTS[s], field);
    return `${JSON.stringify(v)} (${s})`;
  });
  return `${parts.join(", ")}; none otherwise`;
}

/** A field given for a semantics that does not have it is named, with the semantics' own fields. */
function foreignFields(
  values: { readonly semantics?: PlateauSemantics },
  given: (key: string) => boolean,
): OptionError[] {
  const semantics = values.semantics;
  if (semantics === undefined) return [];
  const own = Object.keys(PLATEAU_DEFAULTS[semantics]);
  const errors: OptionError[] = [];
  for (
    const field of [
      "mode",
      "threshold",
      "thresholdMode",
      "minLr",
      "eps",
      "rtol",
      "atol",
      "accumulationSize",
      "minScale",
    ]
  ) {
    const owners = ownerOf(field);
    if (!given(field) || owners === undefined || owners.includes(semantics)) continue;
    errors.push(problem(
      [field],
      `is not a field of the ${JSON.stringify(semantics)} semantics (its fields are factor, patience, cooldown, ` +
        `${own.join(", ")}; ${field} belongs to ${owners.map((s) => JSON.stringify(s)).join(" and ")})`,
    ));
  }
  return errors;
}

/**
 * The options table of {@link plateau} and of the `plateau` config, beside its child config
 * (`schedule`). A field of some semantics only takes that semantics' default
 * ({@link PLATEAU_DEFAULTS}), and is absent for the others.
 *
 * @example A field of another semantics is named
 * ```ts
 * import assert from "node:assert/strict";
 * import { PLATEAU } from "cyclical-lr";
 * assert.equal(PLATEAU.read({}).semantics, "pytorch");
 * assert.throws(() => PLATEAU.read({ semantics: "optax", threshold: 0.1 }), {
 *   message: 'threshold: is not a field of the "optax" semantics (its fields are factor, patience, cooldown, ' +
 *     'rtol, atol, accumulationSize, minScale; threshold belongs to "pytorch" and "timm")',
 * });
 * ```
 */
export const PLATEAU: OptionsTable<FieldsOf<PlateauOptions>> = optionsTable("plateau", {
  semantics: oneOf(SEMANTICS).default("pytorch"),
  mode: oneOf(["min", "max"]).derived((o) => torch(o, D.pytorch.mode, D.timm.mode), shows("mode")),
  factor: openFraction.default(0.1),
  patience: nonNegativeInt.default(10),
  threshold: rate.derived((o) => torch(o, D.pytorch.threshold, D.timm.threshold), shows("threshold")),
  thresholdMode: oneOf(["rel", "abs"]).derived(
    (o) => torch(o, D.pytorch.thresholdMode, D.timm.thresholdMode),
    shows("thresholdMode"),
  ),
  cooldown: nonNegativeInt.default(0),
  // A per-group field takes no computed default: readPlateau gives it the semantics' own.
  minLr: perGroupRate.derived(() => undefined, shows("minLr")),
  eps: rate.derived((o) => torch(o, D.pytorch.eps, D.timm.eps), shows("eps")),
  rtol: fraction.derived((o) => optax(o, D.optax.rtol), shows("rtol")),
  atol: rate.derived((o) => optax(o, D.optax.atol), shows("atol")),
  accumulationSize: positiveInt.derived((o) => optax(o, D.optax.accumulationSize), shows("accumulationSize")),
  minScale: fraction.derived((o) => optax(o, D.optax.minScale), shows("minScale")),
}, {
  rules: [
    (values, given) => foreignFields(values, given),
    (values) =>
      values.semantics === "optax" && (values.rtol ?? PLATEAU_DEFAULTS.optax.rtol) === 0 &&
        (values.atol ?? PLATEAU_DEFAULTS.optax.atol) === 0
        ? problem(["rtol"], `expected rtol or atol above 0 (optax refuses both 0), got rtol 0 and atol 0`, true)
        : undefined,
  ],
  hints: {
    patience_t: "timm's patience_t is patience",
    cooldown_t: "timm's cooldown_t is cooldown",
    decay_rate: "timm's decay_rate is factor",
    lr_min: "timm's lr_min is minLr",
    warmup_t: "a warm-up is a join: a linear schedule, then the plateau (see docs/schedule-config.md)",
    noise_range_t: "noise is a combinator around the plateau (see docs/schedule-config.md)",
  },
});

/**
 * Every field of a plateau for its semantics, the fields of the other semantics absent;
 * `minLr` is of type `M` (a config's number or array, or one value per group).
 */
export type PlateauRuleOf<M> =
  | {
    /** Whose rule. */
    readonly semantics: "pytorch" | "timm";
    /** Whether lower (`"min"`) or higher (`"max"`) metrics are better. */
    readonly mode: "min" | "max";
    /** The multiplier of a reduction, in (0, 1). */
    readonly factor: number;
    /** Bad observations tolerated before a reduction. */
    readonly patience: number;
    /** The improvement needed, relative or absolute. */
    readonly threshold: number;
    /** How `threshold` is read. */
    readonly thresholdMode: "rel" | "abs";
    /** Observations after a reduction during which bad ones are not counted. */
    readonly cooldown: number;
    /** The lowest rate a reduction takes each group to. */
    readonly minLr: M;
    /** The smallest change of a rate a reduction makes. */
    readonly eps: number;
  }
  | {
    /** Whose rule. */
    readonly semantics: "optax";
    /** The multiplier of a reduction, in (0, 1). */
    readonly factor: number;
    /** The count of bad (averaged) observations that reduces. */
    readonly patience: number;
    /** The relative improvement needed. */
    readonly rtol: number;
    /** The absolute improvement needed. */
    readonly atol: number;
    /** Observations after a reduction during which none is counted. */
    readonly cooldown: number;
    /** Metrics averaged before each decision. */
    readonly accumulationSize: number;
    /** The lowest multiplier. */
    readonly minScale: number;
  };

/** Every field of a plateau, resolved: `minLr` is one value per group of the table's reading. */
export type PlateauRule = PlateauRuleOf<readonly number[]>;

/**
 * Reads plateau options: the table's checks, then the defaults of the semantics.
 *
 * @param options The options.
 * @returns The resolved rule.
 * @throws {TypeError | RangeError} Every error at once, as the table reports them.
 * @internal
 */
export function readPlateau(options: PlateauOptions): PlateauRule {
  const o = PLATEAU.read(options);
  const common = { factor: o.factor, patience: o.patience, cooldown: o.cooldown };
  if (o.semantics === "optax") {
    const d = PLATEAU_DEFAULTS.optax;
    return {
      semantics: "optax",
      ...common,
      rtol: o.rtol ?? d.rtol,
      atol: o.atol ?? d.atol,
      accumulationSize: o.accumulationSize ?? d.accumulationSize,
      minScale: o.minScale ?? d.minScale,
    };
  }
  const d = PLATEAU_DEFAULTS[o.semantics];
  return {
    semantics: o.semantics,
    mode: o.mode ?? d.mode,
    ...common,
    threshold: o.threshold ?? d.threshold,
    thresholdMode: o.thresholdMode ?? d.thresholdMode,
    minLr: o.minLr ?? [d.minLr],
    eps: o.eps ?? d.eps,
  };
}
