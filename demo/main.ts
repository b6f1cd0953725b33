/**
 * `npm start` (tsx demo/main.ts), `deno task demo`, `bun demo/main.ts`: the main job, see
 * demo/run.ts. `npm start -- --help` lists the options.
 *
 * @module
 */
import process from "node:process";
import { runDemo } from "./run.ts";

process.exitCode = await runDemo(process.argv.slice(2));
