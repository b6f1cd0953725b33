/**
 * Options tables: each factory's fields (name, kind, default, meaning) and the rules across
 * them, written once beside the factory. The factory's checks, its error texts, its
 * defaults, the unknown-key check, the config codec (in `cyclical-lr/config`), the encoder
 * and the options type are all derived from the table.
 *
 * @module
 */
import type { PerGroup } from "../types.ts";
import { EXPECTED, isRecord } from "../_check.ts";
import { type Field, type Kind, kind, type Presence } from "./_kinds.ts";
import { invalid, type OptionError, problem, throwErrors } from "./_errors.ts";
import { resolvePerGroup } from "./_groups.ts";
import { nearestName } from "./_nearest.ts";

/** The fields of a table, by name, in the order their errors are reported. */
export type Fields = { readonly [name: string]: Field<unknown, Presence> };

/** The type of a field's valid values. */
export type FieldType<X> = X extends Field<infer T, Presence> ? T : never;

/** A value once checked: a per-group value becomes one number per group, others stay. */
export type Resolved<T> = [T] extends [PerGroup] ? ([PerGroup] extends [T] ? readonly number[] : T) : T;

/**
 * The options a factory takes, derived from its table: required fields, then the others
 * as optional properties.
 *
 * @typeParam F The table's fields.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ONE_CYCLE, type OptionsOf } from "cyclical-lr";
 * const options: OptionsOf<typeof ONE_CYCLE.fields> = { maxLr: 0.1, totalSteps: 100 };
 * assert.equal(ONE_CYCLE.read(options).pctStart, 0.3);
 * ```
 */
export type OptionsOf<F extends Fields> =
  & { readonly [K in keyof F as F[K]["presence"] extends "required" ? K : never]: FieldType<F[K]> }
  & { readonly [K in keyof F as F[K]["presence"] extends "required" ? never : K]?: FieldType<F[K]> };

/**
 * The checked options: every default written out, per-group values as one number per group,
 * `groups` the resolved count, and optional fields left out as `undefined`.
 *
 * @typeParam F The table's fields.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ONE_CYCLE, type ValuesOf } from "cyclical-lr";
 * const v: ValuesOf<typeof ONE_CYCLE.fields> = ONE_CYCLE.read({ maxLr: [0.1, 0.2], totalSteps: 10 });
 * assert.deepEqual(v.baseMomentum, [0.85, 0.85]);
 * assert.equal(v.groups, 2);
 * ```
 */
export type ValuesOf<F extends Fields> = {
  readonly [K in keyof F]: K extends "groups" ? FieldType<F[K]> extends number ? number
    : F[K]["presence"] extends "optional" ? Resolved<FieldType<F[K]>> | undefined
    : Resolved<FieldType<F[K]>>
    : F[K]["presence"] extends "optional" ? Resolved<FieldType<F[K]>> | undefined
    : Resolved<FieldType<F[K]>>;
};

/**
 * A rule across fields: it sees the fields that checked (a field that failed is
 * `undefined`) and which keys were given, and returns what is wrong, if anything.
 *
 * @typeParam F The table's fields.
 */
export type OptionsRule<F extends Fields> = (
  values: Partial<ValuesOf<F>>,
  given: (key: string) => boolean,
  config: boolean,
) => OptionError | readonly OptionError[] | undefined;

/** How {@link OptionsTable.check} reads its input: as code options or as a config. */
export interface CheckMode {
  /** Config texts (`missing, expected …`, `unknown field`) and no fields without a JSON form. */
  readonly config?: boolean;
  /** Kinds that replace the table's in this reading (a config's registered pieces). */
  readonly kinds?: Readonly<Record<string, Kind<unknown>>>;
  /** Keys the caller reads itself (a config's `policy`, its child configs). */
  readonly skip?: readonly string[];
  /** Values of the fields a config cannot hold (a registry), supplied by the caller. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** The group count per-group values must match, when the caller knows it (an optimizer's policy). */
  readonly groups?: number;
}

/** What {@link OptionsTable.check} found: every error, and the values that checked. */
export interface CheckResult<F extends Fields> {
  /** Everything wrong, in the order of the contract: fields, unknown keys, exclusions, groups, rules. */
  readonly errors: readonly OptionError[];
  /** The values; complete only when there are no errors. */
  readonly values: Partial<ValuesOf<F>>;
  /** Whether a key was given (present and not `undefined`). */
  readonly given: (key: string) => boolean;
}

/**
 * A factory's options table: its fields and rules, and the checks derived from them.
 *
 * @typeParam F The table's fields.
 *
 * @example A PyTorch spelling gets a hint
 * ```ts
 * import assert from "node:assert/strict";
 * import { ONE_CYCLE } from "cyclical-lr";
 * assert.throws(() => ONE_CYCLE.read({ maxLr: 0.1, totalSteps: 10, pct_start: 0.25 }), {
 *   name: "TypeError",
 *   message: "pct_start: unknown option of oneCycle; did you mean pctStart?",
 * });
 * ```
 */
export interface OptionsTable<F extends Fields> {
  /** The factory's name, as unknown-option errors print it. */
  readonly of: string;
  /** The fields, in order. */
  readonly fields: F;
  /** Pairs of fields that cannot be given together (the first is named). */
  readonly exclusive: readonly (readonly [string, string])[];
  /** The rules across fields, in the order their errors are reported. */
  readonly rules: readonly OptionsRule<F>[];
  /** A hint for keys of other libraries that are not fields here (`lr` of an optimizer). */
  readonly hints: Readonly<Record<string, string>>;
  /** Checks options (or a config's fields), collecting every error. */
  check(options: unknown, mode?: CheckMode): CheckResult<F>;
  /**
   * Checks options and gives the values, or throws every error at once. `groups`: the
   * group count that per-group values must match when it comes from elsewhere (an
   * optimizer's policy), not from the options.
   */
  read(options: unknown, groups?: number): ValuesOf<F>;
}

/** What a table has besides its fields: exclusive pairs, rules across fields, hints for foreign keys. */
export interface TableExtras<F extends Fields> {
  /** Pairs of fields that cannot be given together (the first is named). */
  readonly exclusive?: readonly (readonly [keyof F & string, keyof F & string])[];
  /** The rules across fields, in the order their errors are reported. */
  readonly rules?: readonly OptionsRule<F>[];
  /** A hint for keys of other libraries that are not fields here (`lr` of an optimizer). */
  readonly hints?: Readonly<Record<string, string>>;
}

/**
 * Declares a factory's options table.
 *
 * @param of The factory's name (`oneCycle`), for unknown-option errors.
 * @param fields The fields, in order: required ones first, as the errors are reported.
 * @param extra Exclusive pairs, rules and hints.
 * @returns The table.
 */
export function optionsTable<F extends Fields>(of: string, fields: F, extra: TableExtras<F> = {}): OptionsTable<F> {
  const exclusive = extra.exclusive ?? [];
  const rules = extra.rules ?? [];
  const hints = extra.hints ?? {};
  const names = Object.keys(fields);
  const table: OptionsTable<F> = {
    of,
    fields,
    exclusive,
    rules,
    hints,
    check: (options, mode = {}) => checkFields(table, names, options, mode),
    read: (options, groups) => {
      const r = checkFields(table, names, options, groups === undefined ? {} : { groups });
      if (r.errors.length > 0) throwErrors(r.errors);
      return complete(r.values);
    },
  };
  return table;
}

/**
 * The values of a check without errors: every field that must have a value has one.
 * @internal
 */
export function complete<F extends Fields>(values: object): ValuesOf<F> {
  // A check without errors has given every required and default field its value; the
  // optional ones are undefined, which their type allows.
  return values as ValuesOf<F>;
}

function checkFields<F extends Fields>(
  table: OptionsTable<F>,
  names: readonly string[],
  options: unknown,
  mode: CheckMode,
): CheckResult<F> {
  const input: Readonly<Record<string, unknown>> = options === undefined ? {} : isRecord(options) ? options : {};
  const errors: OptionError[] = [];
  if (options !== undefined && !isRecord(options)) {
    errors.push(invalid([], mode.config ? EXPECTED.object : "an options object", options));
  }
  const skip = mode.skip ?? [];
  const kindOf = (name: string): Kind<unknown> => {
    const k = mode.kinds?.[name] ?? table.fields[name].kind;
    return mode.config ? k.config ?? k : k;
  };
  const inMode = (name: string) => !(mode.config && !kindOf(name).json);
  const read = (key: string): unknown => (Object.hasOwn(input, key) ? input[key] : undefined);
  const given = (key: string) => read(key) !== undefined;
  const values: Record<string, unknown> = {};

  // Each field on its own, in table order.
  for (const name of names) {
    if (!inMode(name)) continue;
    const field = table.fields[name];
    const v = read(name);
    const k = kindOf(name);
    if (v === undefined) {
      if (field.presence === "required") {
        errors.push(
          mode.config ? problem([name], `missing, expected ${k.phrase}`) : invalid([name], k.phrase, undefined),
        );
      }
      continue;
    }
    const own = k.check ? k.check(v, [name], mode.config ?? false) : k.is(v) ? [] : [invalid([name], k.phrase, v)];
    if (own.length > 0) pushAll(errors, own);
    else values[name] = k.normalize ? k.normalize(v) : v;
  }

  // Keys the table does not know: named, with the nearest known one.
  const known = names.filter(inMode);
  for (const key of Object.keys(input)) {
    if ((Object.hasOwn(table.fields, key) && inMode(key)) || skip.includes(key)) continue;
    const hinted = Object.hasOwn(table.hints, key);
    const hint = hinted ? table.hints[key] : nearestName(key, known);
    const what = mode.config ? "unknown field" : `unknown option of ${table.of}`;
    const message = hint === undefined ? what : hinted ? `${what} (${hint})` : `${what}; did you mean ${hint}?`;
    errors.push(problem([key], message));
  }

  for (const [a, b] of table.exclusive) {
    if (given(a) && given(b)) errors.push(problem([a], `cannot be given together with ${b}`));
  }

  // Per-group values agree on one group count; defaults join in as numbers.
  const perGroup = names.filter((n) => inMode(n) && kindOf(n).perGroup);
  const withDefaults = (name: string): PerGroup | undefined => {
    const field = table.fields[name];
    if (given(name)) return isPerGroup(values[name]) ? values[name] : undefined;
    return field.presence === "default" && isPerGroup(field.value) ? field.value : undefined;
  };
  const groupsGiven = typeof values.groups === "number" ? values.groups : mode.groups;
  if (perGroup.length > 0) {
    const resolved = resolvePerGroup(perGroup.map((n) => [n, withDefaults(n)] as const), groupsGiven);
    pushAll(errors, resolved.errors);
    for (const n of perGroup) if (resolved.values[n] !== undefined) values[n] = resolved.values[n];
    if (Object.hasOwn(table.fields, "groups")) values.groups = resolved.groups;
  }

  // Defaults: plain ones, then those derived from the fields before them; in a config, the
  // caller's values for the fields a config cannot hold.
  for (const name of names) {
    const field = table.fields[name];
    if (!inMode(name)) {
      if (mode.values !== undefined && Object.hasOwn(mode.values, name)) values[name] = mode.values[name];
      continue;
    }
    if (given(name) || field.presence !== "default" || kindOf(name).perGroup) continue;
    values[name] = field.derive ? field.derive(values) : field.value;
  }

  const partial: Partial<ValuesOf<F>> = values as Partial<ValuesOf<F>>;
  for (const rule of table.rules) pushAll(errors, listOf(rule(partial, given, mode.config ?? false)));
  return { errors, values: partial, given };
}

/** Appends `more` to `errors` one by one: a spread's width would be the input's (a 10^6-element array's errors). */
function pushAll(errors: OptionError[], more: readonly OptionError[]): void {
  for (const e of more) errors.push(e);
}

function isPerGroup(v: unknown): v is PerGroup {
  return typeof v === "number" || Array.isArray(v);
}

function listOf(r: OptionError | readonly OptionError[] | undefined): readonly OptionError[] {
  if (r === undefined) return [];
  return "path" in r ? [r] : r;
}

/** Puts errors found below a field under its path. */
function under(path: readonly (string | number)[], errors: readonly OptionError[]): OptionError[] {
  return errors.map((e) => ({ ...e, path: [...path, ...e.path] }));
}

/**
 * A kind whose values are objects checked by a table of their own (a registered scale
 * `{ name, params, mode }`), with errors at paths below the field (`scale.name`).
 *
 * @param phrase What the object is, for a value that is not an object.
 * @param table The object's fields.
 * @returns The kind; its normal form has every default written out.
 * @internal
 */
export function objectKind<F extends Fields>(phrase: string, table: OptionsTable<F>): Kind<ValuesOf<F>> {
  const check = (v: unknown, path: readonly (string | number)[], config: boolean): readonly OptionError[] =>
    isRecord(v)
      ? under(path, table.check(v, { config }).errors)
      : [invalid(path, config ? EXPECTED.object : phrase, v)];
  return kind(phrase, (v): v is ValuesOf<F> => check(v, [], true).length === 0, {
    check,
    normalize: (v) => complete(table.check(v).values),
  });
}

/**
 * A kind of lists whose every element is of `item`, with errors at `field[i]` (and below
 * it, `field[i].name`, when the elements have parts of their own).
 *
 * @param phrase What the list is, for a value that is not an array.
 * @param item The elements' kind.
 * @returns The kind; its normal form is a copy, each element in its normal form.
 * @internal
 */
export function listKind<T>(phrase: string, item: Kind<T>): Kind<readonly T[]> {
  const check = (v: unknown, path: readonly (string | number)[], config: boolean): readonly OptionError[] => {
    if (!Array.isArray(v)) return [invalid(path, phrase, v)];
    const errors: OptionError[] = [];
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (item.check) pushAll(errors, item.check(x, [...path, i], config));
      else if (!item.is(x)) errors.push(invalid([...path, i], item.phrase, x));
    }
    return errors;
  };
  const normalize = item.normalize;
  return kind(phrase, (v): v is readonly T[] => check(v, [], false).length === 0, {
    check,
    normalize: (v) => (normalize ? v.map((x) => normalize(x)) : [...v]),
  });
}
