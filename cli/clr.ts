/**
 * The `clr` command line: `clr <command> [arguments]`. Each command lives in its own file
 * and is listed once in {@link COMMANDS}; add a line there to add one.
 *
 * Runs the same on Node (through tsx or bin/clr.mjs), Deno (`deno run --allow-read
 * cli/clr.ts`) and Bun (`bun cli/clr.ts`).
 *
 * @module
 */
import process from "node:process";
import { type Command, USAGE_EXIT, UsageError } from "./command.ts";
import { evalCommand } from "./eval.ts";
import { demoCommand } from "./demo.ts";
import { plotCommand } from "./plot.ts";
import { isBrokenPipe, writeErr, writeOut } from "./io.ts";
import { quoted } from "../lib/_check.ts";

/** The subcommands, by name. */
export const COMMANDS: { readonly [name: string]: Command } = {
  eval: evalCommand,
  demo: demoCommand,
  plot: plotCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: clr <command> [arguments]

Learning-rate schedules from JSON configs (cyclical-lr).

Commands:
${lines.join("\n")}

Run "clr <command> --help" for a command's arguments.`;
}

/**
 * Runs `clr` with the given arguments.
 *
 * @param argv The arguments after the program name.
 * @returns The exit status: 0 on success, 1 on bad input, 2 on bad arguments.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    await writeOut(usage() + "\n");
    return 0;
  }
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    writeErr([
      name === undefined ? "clr: missing command" : `clr: unknown command ${quoted(name)}`,
      "",
      ...usage().split("\n"),
    ]);
    return USAGE_EXIT;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      writeErr([`clr ${name}: ${e.message}`, `Run "clr ${name} --help" for usage.`]);
      return USAGE_EXIT;
    }
    if (isBrokenPipe(e)) return 0; // the reader stopped early (`clr eval … | head`)
    // One line per line of the message, each with its control characters escaped.
    writeErr((e instanceof Error ? e.message : String(e)).split("\n"));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
