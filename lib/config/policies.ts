/**
 * Codecs of the policies that need no registry: `oneCycle`, `cosineRestarts` and the optax
 * decays. Each decodes its fields strictly, checks across fields, and normalizes (every
 * default written out, per-group values in normal form, no `groups`).
 *
 * @module
 */
import * as t from "io-ts";
import { EXPECTED } from "../_check.ts";
import type * as T from "./types.ts";
import {
  AtLeastOne,
  Bool,
  checkedObject,
  errorAt,
  expectedText,
  Fraction,
  Gamma,
  GroupCount,
  isRecord,
  NonNegativeInt,
  PerGroup,
  Positive,
  PositiveInt,
  Rate,
} from "./codecs.ts";
import { resolvePerGroup } from "./per_group.ts";

const Momentum = { cycleMomentum: Bool, baseMomentum: PerGroup, maxMomentum: PerGroup };

/** Codec of a `oneCycle` config (PyTorch `OneCycleLR`). */
export const OneCycleConfig: t.Type<T.OneCycleConfig, T.OneCycleConfig, unknown> = checkedObject(
  "OneCycleConfig",
  { policy: t.keyof({ oneCycle: null }), maxLr: PerGroup, totalSteps: PositiveInt },
  {
    pctStart: Fraction,
    annealStrategy: t.keyof({ cos: null, linear: null }),
    divFactor: Positive,
    finalDivFactor: Positive,
    threePhase: Bool,
    ...Momentum,
    groups: GroupCount,
  },
  (o, c) => {
    const divFactor = o.divFactor ?? 25, finalDivFactor = o.finalDivFactor ?? 1e4;
    const baseMomentum = o.baseMomentum ?? 0.85, maxMomentum = o.maxMomentum ?? 0.95;
    const pg = resolvePerGroup(c, [["maxLr", o.maxLr], ["baseMomentum", baseMomentum], [
      "maxMomentum",
      maxMomentum,
    ]], o.groups);
    const errors = [...pg.errors];
    // The initial and final rates, maxLr / divFactor / finalDivFactor, must stay finite.
    const maxLr = o.maxLr === undefined ? [] : typeof o.maxLr === "number" ? [o.maxLr] : o.maxLr;
    const initial = maxLr.map((v) => v / divFactor);
    const g = initial.findIndex((v) => !Number.isFinite(v));
    const h = initial.findIndex((v) => !Number.isFinite(v / finalDivFactor));
    if (g >= 0) {
      const phrase = `a finite number > 0 that keeps maxLr / divFactor finite (group ${g})`;
      errors.push(errorAt(c, ["divFactor"], divFactor, expectedText(phrase, divFactor)));
    } else if (h >= 0) {
      const phrase = `a finite number > 0 that keeps maxLr / divFactor / finalDivFactor finite (group ${h})`;
      errors.push(errorAt(c, ["finalDivFactor"], finalDivFactor, expectedText(phrase, finalDivFactor)));
    }
    return {
      errors,
      normal: (f): T.OneCycleConfig => ({
        policy: "oneCycle",
        maxLr: pg.normal(f.maxLr),
        totalSteps: f.totalSteps,
        pctStart: f.pctStart ?? 0.3,
        annealStrategy: f.annealStrategy ?? "cos",
        divFactor,
        finalDivFactor,
        threePhase: f.threePhase ?? false,
        cycleMomentum: f.cycleMomentum ?? true,
        baseMomentum: pg.normal(baseMomentum),
        maxMomentum: pg.normal(maxMomentum),
      }),
    };
  },
);

/** Codec of a `cosineRestarts` config (PyTorch `CosineAnnealingWarmRestarts`, timm's extras). */
export const CosineRestartsConfig: t.Type<T.CosineRestartsConfig, T.CosineRestartsConfig, unknown> = checkedObject(
  "CosineRestartsConfig",
  { policy: t.keyof({ cosineRestarts: null }), baseLr: PerGroup, t0: PositiveInt },
  {
    tMult: AtLeastOne,
    etaMin: PerGroup,
    cycleDecay: Gamma,
    cycleLimit: PositiveInt,
    warmupSteps: NonNegativeInt,
    groups: GroupCount,
  },
  (o, c) => {
    const etaMin = o.etaMin ?? 0, warmupSteps = o.warmupSteps ?? 0;
    const pg = resolvePerGroup(c, [["baseLr", o.baseLr], ["etaMin", etaMin]], o.groups);
    const errors = [...pg.errors];
    if (o.t0 !== undefined && warmupSteps >= o.t0) {
      const phrase = `a non-negative integer below t0 (${o.t0})`;
      errors.push(errorAt(c, ["warmupSteps"], warmupSteps, expectedText(phrase, warmupSteps)));
    }
    return {
      errors,
      normal: (f): T.CosineRestartsConfig => ({
        policy: "cosineRestarts",
        baseLr: pg.normal(f.baseLr),
        t0: f.t0,
        tMult: f.tMult ?? 1,
        etaMin: pg.normal(etaMin),
        cycleDecay: f.cycleDecay ?? 1,
        ...(f.cycleLimit === undefined ? {} : { cycleLimit: f.cycleLimit }),
        warmupSteps,
      }),
    };
  },
);

/** Codec of a `constant` config (optax `constant_schedule`). */
export const ConstantConfig: t.Type<T.ConstantConfig, T.ConstantConfig, unknown> = checkedObject(
  "ConstantConfig",
  { policy: t.keyof({ constant: null }), value: PerGroup },
  { groups: GroupCount },
  (o, c) => {
    const pg = resolvePerGroup(c, [["value", o.value]], o.groups);
    return { errors: pg.errors, normal: (f): T.ConstantConfig => ({ policy: "constant", value: pg.normal(f.value) }) };
  },
);

/** Codec of a `linear` config (optax `linear_schedule`). */
export const LinearConfig: t.Type<T.LinearConfig, T.LinearConfig, unknown> = checkedObject(
  "LinearConfig",
  { policy: t.keyof({ linear: null }), initValue: PerGroup, endValue: PerGroup, transitionSteps: PositiveInt },
  { transitionBegin: NonNegativeInt, groups: GroupCount },
  (o, c) => {
    const pg = resolvePerGroup(c, [["initValue", o.initValue], ["endValue", o.endValue]], o.groups);
    return {
      errors: pg.errors,
      normal: (f): T.LinearConfig => ({
        policy: "linear",
        initValue: pg.normal(f.initValue),
        endValue: pg.normal(f.endValue),
        transitionSteps: f.transitionSteps,
        transitionBegin: f.transitionBegin ?? 0,
      }),
    };
  },
);

/** Codec of a `polynomial` config (optax `polynomial_schedule`). */
export const PolynomialConfig: t.Type<T.PolynomialConfig, T.PolynomialConfig, unknown> = checkedObject(
  "PolynomialConfig",
  {
    policy: t.keyof({ polynomial: null }),
    initValue: PerGroup,
    endValue: PerGroup,
    power: Positive,
    transitionSteps: PositiveInt,
  },
  { transitionBegin: NonNegativeInt, groups: GroupCount },
  (o, c) => {
    const pg = resolvePerGroup(c, [["initValue", o.initValue], ["endValue", o.endValue]], o.groups);
    return {
      errors: pg.errors,
      normal: (f): T.PolynomialConfig => ({
        policy: "polynomial",
        initValue: pg.normal(f.initValue),
        endValue: pg.normal(f.endValue),
        power: f.power,
        transitionSteps: f.transitionSteps,
        transitionBegin: f.transitionBegin ?? 0,
      }),
    };
  },
);

/** Codec of an `exponentialDecay` config (optax `exponential_decay`). */
export const ExponentialDecayConfig: t.Type<T.ExponentialDecayConfig, T.ExponentialDecayConfig, unknown> =
  checkedObject(
    "ExponentialDecayConfig",
    {
      policy: t.keyof({ exponentialDecay: null }),
      initValue: PerGroup,
      transitionSteps: PositiveInt,
      decayRate: Positive,
    },
    { transitionBegin: NonNegativeInt, staircase: Bool, endValue: PerGroup, groups: GroupCount },
    (o, c) => {
      const pg = resolvePerGroup(c, [["initValue", o.initValue], ["endValue", o.endValue]], o.groups);
      return {
        errors: pg.errors,
        normal: (f): T.ExponentialDecayConfig => ({
          policy: "exponentialDecay",
          initValue: pg.normal(f.initValue),
          transitionSteps: f.transitionSteps,
          decayRate: f.decayRate,
          transitionBegin: f.transitionBegin ?? 0,
          staircase: f.staircase ?? false,
          ...(f.endValue === undefined ? {} : { endValue: pg.normal(f.endValue) }),
        }),
      };
    },
  );

/** Codec of a `cosineDecay` config (optax `cosine_decay_schedule`). */
export const CosineDecayConfig: t.Type<T.CosineDecayConfig, T.CosineDecayConfig, unknown> = checkedObject(
  "CosineDecayConfig",
  { policy: t.keyof({ cosineDecay: null }), initValue: PerGroup, decaySteps: PositiveInt },
  { alpha: Fraction, exponent: Positive, groups: GroupCount },
  (o, c) => {
    const pg = resolvePerGroup(c, [["initValue", o.initValue]], o.groups);
    return {
      errors: pg.errors,
      normal: (f): T.CosineDecayConfig => ({
        policy: "cosineDecay",
        initValue: pg.normal(f.initValue),
        decaySteps: f.decaySteps,
        alpha: f.alpha ?? 0,
        exponent: f.exponent ?? 1,
      }),
    };
  },
);

/** Codec of a `warmupCosineDecay` config (optax `warmup_cosine_decay_schedule`). */
export const WarmupCosineDecayConfig: t.Type<T.WarmupCosineDecayConfig, T.WarmupCosineDecayConfig, unknown> =
  checkedObject(
    "WarmupCosineDecayConfig",
    {
      policy: t.keyof({ warmupCosineDecay: null }),
      initValue: PerGroup,
      peakValue: PerGroup,
      warmupSteps: NonNegativeInt,
      decaySteps: PositiveInt,
    },
    { endValue: PerGroup, exponent: Positive, groups: GroupCount },
    (o, c) => {
      const endValue = o.endValue ?? 0;
      const pg = resolvePerGroup(c, [["initValue", o.initValue], ["peakValue", o.peakValue], [
        "endValue",
        endValue,
      ]], o.groups);
      const errors = [...pg.errors];
      if (o.decaySteps !== undefined && o.warmupSteps !== undefined && o.decaySteps <= o.warmupSteps) {
        const phrase = `an integer > warmupSteps (${o.warmupSteps})`;
        errors.push(errorAt(c, ["decaySteps"], o.decaySteps, expectedText(phrase, o.decaySteps)));
      }
      return {
        errors,
        normal: (f): T.WarmupCosineDecayConfig => ({
          policy: "warmupCosineDecay",
          initValue: pg.normal(f.initValue),
          peakValue: pg.normal(f.peakValue),
          warmupSteps: f.warmupSteps,
          decaySteps: f.decaySteps,
          endValue: pg.normal(endValue),
          exponent: f.exponent ?? 1,
        }),
      };
    },
  );

/** A canonical non-negative integer, as a key of `boundariesAndScales`. */
const KEY = /^(0|[1-9][0-9]*)$/;

/** Codec of `boundariesAndScales`: keys are iterations, values multipliers >= 0; sorted by key. */
const BoundariesAndScales = new t.Type<{ readonly [k: string]: number }, { readonly [k: string]: number }, unknown>(
  "BoundariesAndScales",
  (u): u is { readonly [k: string]: number } =>
    isRecord(u) && Object.entries(u).every(([k, v]) => KEY.test(k) && Number.isSafeInteger(Number(k)) && Rate.is(v)),
  (u, c) => {
    const phrase = "an object of iteration: multiplier";
    if (!isRecord(u)) return t.failure(u, c, expectedText(phrase, u));
    const errors: t.ValidationError[] = [];
    const entries: [number, number][] = [];
    for (const [key, scale] of Object.entries(u)) {
      if (!KEY.test(key) || !Number.isSafeInteger(Number(key))) {
        errors.push({ value: key, context: c, message: expectedText("keys that are non-negative integers", key) });
      } else if (!Rate.is(scale)) {
        errors.push(errorAt(c, [key], scale, expectedText(EXPECTED.rate, scale)));
      } else {
        entries.push([Number(key), scale]);
      }
    }
    if (errors.length > 0) return t.failures(errors);
    entries.sort((x, y) => x[0] - y[0]);
    return t.success(Object.fromEntries(entries.map(([k, v]) => [String(k), v])));
  },
  t.identity,
);

/** Codec of a `piecewiseConstant` config (optax `piecewise_constant_schedule`). */
export const PiecewiseConstantConfig: t.Type<T.PiecewiseConstantConfig, T.PiecewiseConstantConfig, unknown> =
  checkedObject(
    "PiecewiseConstantConfig",
    { policy: t.keyof({ piecewiseConstant: null }), initValue: PerGroup, boundariesAndScales: BoundariesAndScales },
    { groups: GroupCount },
    (o, c) => {
      const pg = resolvePerGroup(c, [["initValue", o.initValue]], o.groups);
      return {
        errors: pg.errors,
        normal: (f): T.PiecewiseConstantConfig => ({
          policy: "piecewiseConstant",
          initValue: pg.normal(f.initValue),
          boundariesAndScales: f.boundariesAndScales,
        }),
      };
    },
  );
