/**
 * Codec of the `cyclic` config (PyTorch `CyclicLR`), with custom scales and waves named
 * from a registry.
 *
 * @module
 */
import * as t from "io-ts";
import type { Wave } from "../types.ts";
import { describeValue, oneOfPhrase } from "../_check.ts";
import type * as T from "./types.ts";
import {
  Bool,
  checkedObject,
  errorAt,
  expectedText,
  Gamma,
  GroupCount,
  isRecord,
  JsonParams,
  Name,
  own,
  PerGroup,
  PositiveInt,
  strict,
} from "./codecs.ts";
import { resolvePerGroup } from "./per_group.ts";
import { BUILT_IN_WAVES, type Registry } from "./registry.ts";

const ScaleFields = strict("ScaleFields", { name: Name }, {
  params: JsonParams,
  mode: t.keyof({ cycle: null, iterations: null }),
});

const WaveFields = strict("WaveFields", { name: Name }, { params: JsonParams });

const CyclicRequired = { policy: t.keyof({ cyclic: null }) };

const CyclicOptional = {
  baseLr: PerGroup,
  maxLr: PerGroup,
  stepSize: PositiveInt,
  stepSizeUp: PositiveInt,
  stepSizeDown: PositiveInt,
  mode: t.keyof({ triangular: null, triangular2: null, exp_range: null }),
  gamma: Gamma,
  scale: ScaleFields,
  wave: WaveFields,
  expRangeDecays: t.keyof({ amplitude: null, bounds: null }),
  cycleMomentum: Bool,
  baseMomentum: PerGroup,
  maxMomentum: PerGroup,
  groups: GroupCount,
};

/**
 * The phrase listing the names a config may use: `one of "a", "b"`, or a note that none
 * are registered.
 *
 * @param kind `"scale"` or `"wave"`.
 * @param names The names, in order.
 * @returns The phrase.
 */
export function namesPhrase(kind: string, names: readonly string[]): string {
  return names.length > 0
    ? oneOfPhrase(names)
    : `a registered ${kind} name (none are registered)`;
}

/** The message of a factory's exception, for `scale.params` / `wave.params` errors. */
function thrownMessage(e: unknown): string {
  return e instanceof Error ? e.message : describeValue(e);
}

/** Whether `u` has the shape of a {@link Wave}. */
export function isWave(u: unknown): u is Wave {
  return isRecord(u) && typeof u.period === "number" && Number.isFinite(u.period) && u.period > 0 &&
    typeof u.cycle === "function" && typeof u.height === "function";
}

/** Whether `u` is a scale function. */
function isScaleFunction(u: unknown): u is (x: number) => number {
  return typeof u === "function";
}

/**
 * The codec of a `cyclic` config whose custom pieces are looked up in `registry` (at
 * every decode, so pieces registered later are found).
 *
 * @param registry Where `scale.name` and `wave.name` are looked up.
 * @returns The codec; it calls the registered factories once to check their params.
 */
export function cyclicConfig(registry: Registry): t.Type<T.CyclicConfig, T.CyclicConfig, unknown> {
  return checkedObject("CyclicConfig", CyclicRequired, CyclicOptional, (o, c, raw) => {
    const errors: t.ValidationError[] = [];
    const given = (key: string) => own(raw, key) !== undefined;
    const together = (a: "stepSize" | "scale", b: string) => {
      if (given(a) && given(b)) errors.push(errorAt(c, [a], own(raw, a), `cannot be given together with ${b}`));
    };
    together("stepSize", "stepSizeUp");
    together("stepSize", "stepSizeDown");
    together("scale", "mode");
    together("scale", "gamma");

    const stepSizeUp = o.stepSize ?? o.stepSizeUp ?? 2000;
    const stepSizeDown = o.stepSize ?? o.stepSizeDown ?? stepSizeUp;
    // A registered wave is tried only on step sizes that decoded, so it sees the real ones.
    const stepFields: readonly ("stepSize" | "stepSizeUp" | "stepSizeDown")[] = ["stepSize", "stepSizeUp", "stepSizeDown"];
    const stepsOk = stepFields.every((k) => !given(k) || o[k] !== undefined);

    const baseLr = o.baseLr ?? 0.001, maxLr = o.maxLr ?? 0.006;
    const baseMomentum = o.baseMomentum ?? 0.8, maxMomentum = o.maxMomentum ?? 0.9;
    const pg = resolvePerGroup(c, [
      ["baseLr", baseLr],
      ["maxLr", maxLr],
      ["baseMomentum", baseMomentum],
      ["maxMomentum", maxMomentum],
    ], o.groups);
    errors.push(...pg.errors);

    let scale: T.ScaleRef | undefined;
    if (o.scale !== undefined) {
      scale = { name: o.scale.name, params: o.scale.params ?? {}, mode: o.scale.mode ?? "cycle" };
      const factory = registry.scales.get(scale.name);
      if (factory === undefined) {
        const phrase = namesPhrase("scale", [...registry.scales.keys()]);
        errors.push(errorAt(c, ["scale", "name"], scale.name, expectedText(phrase, scale.name)));
      } else {
        try {
          const fn: unknown = factory(scale.params);
          if (!isScaleFunction(fn)) {
            const phrase = `params for which scale ${JSON.stringify(scale.name)} gives a function`;
            errors.push(errorAt(c, ["scale", "params"], scale.params, expectedText(phrase, scale.params)));
          }
        } catch (e) {
          const message = `rejected by scale ${JSON.stringify(scale.name)}: ${thrownMessage(e)}`;
          errors.push(errorAt(c, ["scale", "params"], scale.params, message));
        }
      }
    }

    let wave: T.WaveRef | undefined;
    if (o.wave !== undefined) {
      const name = o.wave.name, params = o.wave.params ?? {};
      if (BUILT_IN_WAVES.includes(name)) {
        if (Object.keys(params).length > 0) {
          const phrase = `{} (the built-in wave ${JSON.stringify(name)} takes no params)`;
          errors.push(errorAt(c, ["wave", "params"], params, expectedText(phrase, params)));
        }
        wave = name === "triangle" ? undefined : { name, params: {} };
      } else {
        wave = { name, params };
        const factory = registry.waves.get(name);
        if (factory === undefined) {
          const phrase = namesPhrase("wave", [...BUILT_IN_WAVES, ...registry.waves.keys()]);
          errors.push(errorAt(c, ["wave", "name"], name, expectedText(phrase, name)));
        } else if (stepsOk) {
          try {
            const w: unknown = factory(params, { stepSizeUp, stepSizeDown });
            if (!isWave(w)) {
              const phrase = `params for which wave ${JSON.stringify(name)} gives a wave {period, cycle, height}`;
              errors.push(errorAt(c, ["wave", "params"], params, expectedText(phrase, params)));
            }
          } catch (e) {
            const message = `rejected by wave ${JSON.stringify(name)}: ${thrownMessage(e)}`;
            errors.push(errorAt(c, ["wave", "params"], params, message));
          }
        }
      }
    }

    return {
      errors,
      normal: (): T.CyclicConfig => ({
        policy: "cyclic",
        baseLr: pg.normal(baseLr),
        maxLr: pg.normal(maxLr),
        stepSizeUp,
        stepSizeDown,
        ...(scale === undefined ? { mode: o.mode ?? "triangular", gamma: o.gamma ?? 1 } : { scale }),
        expRangeDecays: o.expRangeDecays ?? "amplitude",
        cycleMomentum: o.cycleMomentum ?? true,
        baseMomentum: pg.normal(baseMomentum),
        maxMomentum: pg.normal(maxMomentum),
        ...(wave === undefined ? {} : { wave }),
      }),
    };
  });
}
