/**
 * The registry of policies a config may name: one line each. A policy with options only
 * is its table and its factory; a combinator also names its child configs and what it
 * requires of them. Everything the decoder, the builder and the encoder know about a
 * policy comes from here and from the policy's table.
 *
 * @module
 */
import type { Policy } from "../types.ts";
import type { OptionError } from "../options/_errors.ts";
import { type CheckMode, complete, type Fields, type OptionsOf } from "../options/table.ts";
import type { PolicyTable } from "../options/policy_table.ts";
import type { Registry } from "../signal/registry.ts";
import type { PolicyName } from "./types.ts";
import { isRecord } from "./_io.ts";
import { CYCLIC, cyclicLR } from "../policies/cyclic_lr.ts";
import { ONE_CYCLE, oneCycle } from "../policies/one_cycle.ts";
import { COSINE_RESTARTS, cosineRestarts } from "../policies/cosine_restarts.ts";
import { CONSTANT, constant } from "../policies/constant.ts";
import { LINEAR, POLYNOMIAL, polynomial } from "../policies/polynomial.ts";
import { linear } from "../policies/linear.ts";
import { EXPONENTIAL_DECAY, exponentialDecay } from "../policies/exponential_decay.ts";
import { COSINE_DECAY, cosineDecay } from "../policies/cosine_decay.ts";
import { WARMUP_COSINE_DECAY, warmupCosineDecay } from "../policies/warmup_cosine_decay.ts";
import { PIECEWISE_CONSTANT, piecewiseConstant } from "../policies/piecewise_constant.ts";
import { TANH_DECAY, tanhDecay } from "../policies/tanh_decay.ts";
import { POLY, poly } from "../policies/poly.ts";
import { POLYNOMIAL_DECAY, polynomialDecay } from "../policies/polynomial_decay.ts";
import { COSINE_WITH_WARMUP, cosineWithWarmup } from "../policies/cosine_with_warmup.ts";
import { COSINE_WITH_HARD_RESTARTS, cosineWithHardRestarts } from "../policies/cosine_with_hard_restarts.ts";
import { COSINE_ANNEALING, cosineAnnealing } from "../policies/cosine_annealing.ts";
import { LINEAR_ONE_CYCLE, linearOneCycle } from "../policies/linear_one_cycle.ts";
import { COSINE_ONE_CYCLE, cosineOneCycle } from "../policies/cosine_one_cycle.ts";
import { PIECEWISE_INTERPOLATE, piecewiseInterpolate } from "../policies/piecewise_interpolate.ts";
import { JOIN, join } from "../combinators/join.ts";
import type { MetricPolicy } from "../metric/metric_policy.ts";
import { joinMetric } from "../metric/join_metric.ts";
import { PLATEAU, type PlateauOptions } from "../metric/plateau_options.ts";
import { plateau, plateauConfig } from "../metric/plateau.ts";
import { GREEDY, type GreedyOptions } from "../metric/greedy_options.ts";
import { greedy, greedyConfig } from "../metric/greedy.ts";
import { PRODUCT, product } from "../combinators/product.ts";
import { WSD, wsd } from "../policies/wsd.ts";
import { INVERSE_SQRT, inverseSqrt } from "../policies/inverse_sqrt.ts";
import { INVERSE_TIME_DECAY, inverseTimeDecay } from "../policies/inverse_time_decay.ts";
import { COOLDOWN, cooldown, cooldownConfig, cooldownGroupErrors } from "../combinators/cooldown.ts";
import { NOISE, noise, noiseConfig } from "../combinators/noise.ts";
import {
  boundaryErrors,
  type ChildName,
  groupErrors,
  momentumErrors,
  noMomentumErrors,
} from "../combinators/_children.ts";

/** A normalized config, as the decoder gives it: JSON with every default written out. */
export type ConfigObject = Readonly<Record<string, unknown>>;

/** What the registry knows of one policy. */
export interface PolicyEntry {
  /** The options table: the fields beside `policy` and the child configs. */
  readonly table: {
    readonly fields: Fields;
    check(
      options: unknown,
      mode?: CheckMode,
    ): { readonly errors: readonly OptionError[]; readonly values: ConfigObject };
  };
  /** The field of the child configs, one (`schedule`) or a list (`schedules`), if any. */
  readonly children?: { readonly field: string; readonly list: boolean; readonly least: number };
  /**
   * Builds a normalized config whose children may listen to a metric, when the policy
   * composes them itself (a `join` re-times their observations). Without it, a policy with a
   * listening child is built at every state of its children, every child hearing every
   * observation at the same iteration.
   */
  buildMetric?(config: ConfigObject, children: readonly (Policy | MetricPolicy)[]): MetricPolicy;
  /**
   * What the children must satisfy together with the fields (`count` children were given;
   * `given`: the config as written, for what its author spelled out).
   */
  childErrors(
    children: readonly ConfigObject[] | undefined,
    count: number,
    values: ConfigObject,
    given: ConfigObject,
  ): OptionError[];
  /** The normalized config of fields that checked without errors, and of decoded children. */
  normal(values: ConfigObject, children: readonly ConfigObject[] | undefined): ConfigObject;
  /** Whether a normalized config builds momentum. */
  momentum(config: ConfigObject): boolean;
  /** The number of groups a normalized config builds. */
  groups(config: ConfigObject): number;
  /** Builds a normalized config, its children already built (a plateau builds a metric-driven policy). */
  build(config: ConfigObject, children: readonly Policy[], registry: Registry): Policy | MetricPolicy;
}

/** The largest length of a table's per-group fields in a normalized config (1 for numbers). */
function groupsOfFields(fields: Fields, config: ConfigObject): number {
  let n = 1;
  for (const name of Object.keys(fields)) {
    const v = config[name];
    if (fields[name].kind.perGroup && Array.isArray(v)) n = Math.max(n, v.length);
  }
  return n;
}

/** A policy with options only: its table and its factory (`named`: it takes the registry). */
function simple<F extends Fields>(
  table: PolicyTable<F>,
  factory: (options: OptionsOf<F>) => Policy,
  named = false,
): PolicyEntry {
  return {
    table,
    childErrors: () => [],
    normal: (values) => {
      const c = table.configOf(complete<F>(values));
      // A config holds JSON only, so its values always have a config form.
      return "config" in c ? c.config : {};
    },
    momentum: (config) => table.hasMomentum(config),
    groups: (config) => groupsOfFields(table.fields, config),
    // A policy with named pieces reads them from the registry the config was decoded with.
    build: (config, _, registry) => factory(optionsOf<F>(named ? { ...fieldsOf(config), registry } : fieldsOf(config))),
  };
}

/**
 * A decoded config's fields as its factory's options: the decoder checked them against the
 * same table, and the factory checks them again.
 */
function optionsOf<F extends Fields>(fields: ConfigObject): OptionsOf<F> {
  return fields as OptionsOf<F>;
}

/** The config's fields without `policy`. */
function fieldsOf(config: ConfigObject): ConfigObject {
  const { policy: _policy, ...fields } = config;
  return fields;
}

function nameOf(config: ConfigObject): ChildName {
  return { momentum: momentumOf(config), ...(typeof config.policy === "string" ? { policy: config.policy } : {}) };
}

function momentumOf(config: ConfigObject): boolean {
  const entry = typeof config.policy === "string" ? entryOf(config.policy) : undefined;
  return entry?.momentum(config) ?? false;
}

function groupsOfConfig(config: ConfigObject): number {
  const entry = typeof config.policy === "string" ? entryOf(config.policy) : undefined;
  return entry?.groups(config) ?? 1;
}

function childrenOf(config: ConfigObject): readonly ConfigObject[] {
  const s = config.schedules;
  return Array.isArray(s) ? s : [];
}

/** The one child config of a combinator of one schedule (`cooldown`, `noise`, `plateau`, `greedy`). */
function childOf(config: ConfigObject): ConfigObject {
  const s = config.schedule;
  return isRecord(s) ? s : {};
}

/** The number of values of a per-group field in checked values (an array) or a normal config (a number or array). */
function countOf(v: unknown): number {
  return Array.isArray(v) ? v.length : 1;
}

function numbersOf(v: unknown): readonly number[] {
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === "number") : [];
}

const joinEntry: PolicyEntry = {
  table: JOIN,
  children: { field: "schedules", list: true, least: 1 },
  childErrors: (children, count, values) => [
    ...(values.boundaries === undefined ? [] : boundaryErrors(count, numbersOf(values.boundaries))),
    ...(children === undefined ? [] : [
      ...groupErrors("schedules", children.map(groupsOfConfig)).errors,
      ...momentumErrors("schedules", children.map(nameOf)),
    ]),
  ],
  normal: (values, children) => ({ policy: "join", schedules: children, boundaries: values.boundaries }),
  momentum: (config) => childrenOf(config).every(momentumOf),
  groups: (config) => childrenOf(config).reduce((n, c) => Math.max(n, groupsOfConfig(c)), 1),
  build: (config, children) => join(children, numbersOf(config.boundaries)),
  buildMetric: (config, children) => joinMetric(children, numbersOf(config.boundaries)),
};

const productEntry: PolicyEntry = {
  table: PRODUCT,
  children: { field: "schedules", list: true, least: 2 },
  childErrors: (children) =>
    children === undefined ? [] : [
      ...groupErrors("schedules", children.map(groupsOfConfig)).errors,
      ...noMomentumErrors("schedules", children.map(nameOf)),
    ],
  normal: (_, children) => ({ policy: "product", schedules: children }),
  momentum: () => false,
  groups: (config) => childrenOf(config).reduce((n, c) => Math.max(n, groupsOfConfig(c)), 1),
  build: (_, children) => product(children),
};

const cooldownEntry: PolicyEntry = {
  table: COOLDOWN,
  children: { field: "schedule", list: false, least: 1 },
  childErrors: (children, _, values) =>
    children === undefined || values.endValue === undefined
      ? []
      : cooldownGroupErrors(groupsOfConfig(children[0]), countOf(values.endValue)),
  normal: (values, children) => cooldownConfig(children?.[0] ?? {}, values),
  momentum: (config) => momentumOf(childOf(config)),
  groups: (config) => Math.max(groupsOfConfig(childOf(config)), countOf(config.endValue)),
  build: (config, children) => cooldown(children[0], optionsOf<typeof COOLDOWN.fields>(fieldsBeside(config))),
};

const noiseEntry: PolicyEntry = {
  table: NOISE,
  children: { field: "schedule", list: false, least: 1 },
  childErrors: () => [],
  normal: (values, children) => noiseConfig(children?.[0] ?? {}, values),
  momentum: (config) => momentumOf(childOf(config)),
  groups: (config) => groupsOfConfig(childOf(config)),
  build: (config, children) => noise(children[0], optionsOf<typeof NOISE.fields>(fieldsBeside(config))),
};

/** The config's fields without `policy` and its child `schedule`. */
function fieldsBeside(config: ConfigObject): ConfigObject {
  const { policy: _policy, schedule: _schedule, ...fields } = config;
  return fields;
}

/**
 * The per-group `fields` of a config over one child (`plateau`'s `minLr`, `greedy`'s
 * `minLr` and `maxLr`): an array must have one value, or one per group of the child.
 */
function childGroupErrors(
  children: readonly ConfigObject[] | undefined,
  given: ConfigObject,
  fields: readonly string[],
): OptionError[] {
  if (children === undefined) return [];
  const groups = groupsOfConfig(children[0]);
  // The fields as written: the table gives every per-group field the length of the longest.
  return fields.flatMap((field): OptionError[] => {
    const v = given[field];
    return !Array.isArray(v) || v.length === 1 || v.length === groups ? [] : [{
      path: [field],
      message: `expected ${groups} values (one per group, as schedule), got ${v.length}`,
      range: true,
    }];
  });
}

/**
 * The entry of a metric-driven policy over one child config (`plateau`, `greedy`): its
 * per-group fields checked against the child's groups, its normal form and its factory.
 */
function listeningEntry<O>(
  table: PolicyEntry["table"],
  perGroup: readonly string[],
  normal: (child: ConfigObject, options: O, groups: number) => ConfigObject,
  build: (child: Policy, options: O) => MetricPolicy,
): PolicyEntry {
  return {
    table,
    children: { field: "schedule", list: false, least: 1 },
    childErrors: (children, _, __, given) => childGroupErrors(children, given, perGroup),
    normal: (values, children) => {
      const child = children?.[0] ?? {};
      return normal(child, tableOptions<O>(table, values), groupsOfConfig(child));
    },
    momentum: (config) => momentumOf(childOf(config)),
    groups: (config) => groupsOfConfig(childOf(config)),
    build: (config, children) => build(children[0], tableOptions<O>(table, config)),
  };
}

const plateauEntry = listeningEntry<PlateauOptions>(PLATEAU, ["minLr"], plateauConfig, plateau);
const greedyEntry = listeningEntry<GreedyOptions>(GREEDY, ["minLr", "maxLr"], greedyConfig, greedy);

/** A checked config's fields as the options of its factory (the table's fields only). */
function tableOptions<O>(table: { readonly fields: object }, values: ConfigObject): O {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(table.fields)) if (values[name] !== undefined) out[name] = values[name];
  return out as O;
}

/** Every policy a config may name, in the order the spec lists them: one line each. */
export const POLICIES: { readonly [K in PolicyName]: PolicyEntry } = {
  cyclic: simple(CYCLIC, cyclicLR, true),
  oneCycle: simple(ONE_CYCLE, oneCycle),
  cosineRestarts: simple(COSINE_RESTARTS, cosineRestarts),
  constant: simple(CONSTANT, constant),
  linear: simple(LINEAR, linear),
  polynomial: simple(POLYNOMIAL, polynomial),
  exponentialDecay: simple(EXPONENTIAL_DECAY, exponentialDecay),
  cosineDecay: simple(COSINE_DECAY, cosineDecay),
  warmupCosineDecay: simple(WARMUP_COSINE_DECAY, warmupCosineDecay),
  piecewiseConstant: simple(PIECEWISE_CONSTANT, piecewiseConstant),
  join: joinEntry,
  wsd: simple(WSD, wsd),
  cooldown: cooldownEntry,
  inverseSqrt: simple(INVERSE_SQRT, inverseSqrt),
  inverseTimeDecay: simple(INVERSE_TIME_DECAY, inverseTimeDecay),
  noise: noiseEntry,
  product: productEntry,
  tanhDecay: simple(TANH_DECAY, tanhDecay),
  poly: simple(POLY, poly),
  polynomialDecay: simple(POLYNOMIAL_DECAY, polynomialDecay),
  cosineWithWarmup: simple(COSINE_WITH_WARMUP, cosineWithWarmup),
  cosineWithHardRestarts: simple(COSINE_WITH_HARD_RESTARTS, cosineWithHardRestarts),
  cosineAnnealing: simple(COSINE_ANNEALING, cosineAnnealing),
  linearOneCycle: simple(LINEAR_ONE_CYCLE, linearOneCycle),
  cosineOneCycle: simple(COSINE_ONE_CYCLE, cosineOneCycle),
  piecewiseInterpolate: simple(PIECEWISE_INTERPOLATE, piecewiseInterpolate),
  plateau: plateauEntry,
  greedy: greedyEntry,
};

/** The entry of a policy name, if it is one. */
export function entryOf(name: string): PolicyEntry | undefined {
  return ENTRIES.get(name);
}

const ENTRIES: ReadonlyMap<string, PolicyEntry> = new Map(Object.entries(POLICIES));
