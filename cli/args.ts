/**
 * A small flag parser shared by the `clr` subcommands: `--name value`, `--name=value`,
 * boolean flags, positionals (a lone `-` is a positional: stdin), `--` ends the flags.
 *
 * @module
 */
import { UsageError } from "./command.ts";
import { quoted } from "../lib/_check.ts";

/** The flags a command accepts: whether each takes a value. */
export type FlagSpec = { readonly [name: string]: "value" | "boolean" };

/** Parsed arguments: positionals in order, flag values by name (`"true"` for booleans). */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string>;
}

/**
 * Parses `args` against `spec`.
 *
 * @param args The arguments after the command name.
 * @param spec The accepted flags, by name without dashes (`-h` is `help`).
 * @returns The positionals and the flags.
 * @throws {UsageError} On an unknown flag, a missing value, or a flag given twice.
 */
export function parseArgs(args: readonly string[], spec: FlagSpec): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      for (let j = i + 1; j < args.length; j++) positionals.push(args[j]); // no spread: argv may be long
      break;
    }
    if (arg === "-" || !arg.startsWith("-")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const raw = eq >= 0 ? arg.slice(0, eq) : arg;
    const name = raw === "-h" ? "help" : raw.startsWith("--") ? raw.slice(2) : "";
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) throw new UsageError(`unknown option ${quoted(raw)}`);
    if (flags.has(name)) throw new UsageError(`option --${name} given twice`);
    if (kind === "boolean") {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      flags.set(name, "true");
    } else if (eq >= 0) {
      flags.set(name, arg.slice(eq + 1));
    } else {
      if (i + 1 >= args.length) throw new UsageError(`option --${name} needs a value`);
      flags.set(name, args[++i]);
    }
  }
  return { positionals, flags };
}

/**
 * Reads a flag's value as an integer in `[min, max]`, written in plain decimal digits.
 *
 * @param flag The flag's name, for the message.
 * @param text The value as given.
 * @param min The smallest value accepted.
 * @param max The largest value accepted.
 * @param phrase What was expected, for the message.
 * @returns The integer.
 * @throws {UsageError} `--flag: expected <phrase>, got "<text>"`.
 */
export function integerFlag(flag: string, text: string, min: number, max: number, phrase: string): number {
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
    throw new UsageError(`--${flag}: expected ${phrase}, got ${quoted(text)}`);
  }
  return n;
}
