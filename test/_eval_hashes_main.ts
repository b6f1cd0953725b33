// `<runtime> test/_eval_hashes_main.ts CASES.json`: prints test/_eval_hashes.ts's lines for
// the cases in the file (an array of { config, start, steps }), one per line. Run by
// test/cross_engine_test.ts with tsx, deno and bun.
import { readFileSync } from "node:fs";
import process from "node:process";
import { type EvalCase, evalHashes } from "./_eval_hashes.ts";

const cases: EvalCase[] = JSON.parse(readFileSync(process.argv[2], "utf8"));
process.stdout.write(evalHashes(cases).join("\n") + "\n");
