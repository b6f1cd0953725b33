#!/usr/bin/env node
// Runs every bench/*_bench.ts on Node (tsx), Deno and Bun, one process per file and runtime.
//   npm run bench                         human-readable output of each run
//   npm run --silent bench -- --json      ONE JSON array: every result of every file and runtime
//   npm run bench -- --runtime deno,bun   only these runtimes
//   npm run bench -- schedule             only files whose name contains "schedule"
// A bench file prints its results itself (bench/_ratio.ts); with --json it prints one JSON
// array on stdout, which is merged here. A file that fails is reported on stderr and makes
// the exit code 1, but the others still run.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const bin = (name) => join("node_modules", ".bin", name);
const RUNTIMES = {
  node: (file, args) => [bin("tsx"), [file, ...args]],
  deno: (file, args) => [bin("deno"), ["run", "-A", file, ...args]],
  bun: (file, args) => [bin("bun"), [file, ...args]],
};

const argv = process.argv.slice(2);
const json = argv.includes("--json");
let runtimes = Object.keys(RUNTIMES);
const filters = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--json") continue;
  if (argv[i] === "--runtime") runtimes = (argv[++i] ?? "").split(",").filter(Boolean);
  else if (argv[i].startsWith("--runtime=")) runtimes = argv[i].slice(10).split(",").filter(Boolean);
  else filters.push(argv[i]);
}
for (const r of runtimes) {
  if (!(r in RUNTIMES)) {
    console.error(`--runtime: expected one of "node", "deno", "bun", got ${JSON.stringify(r)}`);
    process.exit(2);
  }
}

const files = existsSync("bench")
  ? readdirSync("bench").filter((f) =>
    /_bench\.ts$/.test(f) && (filters.length === 0 || filters.some((x) => f.includes(x)))
  ).sort()
  : [];
if (files.length === 0) {
  console.error(`no bench/*_bench.ts files${filters.length ? ` matching ${filters.join(", ")}` : ""}`);
  process.exit(2);
}

const merged = [];
let failed = 0;
for (const file of files) {
  for (const runtime of runtimes) {
    const [cmd, args] = RUNTIMES[runtime](join("bench", file), json ? ["--json"] : []);
    const r = spawnSync(cmd, args, {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", json ? "pipe" : "inherit", "pipe"],
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0 || r.error) {
      failed++;
      console.error(
        `bench ${file} on ${runtime} failed (exit ${r.status ?? "none"}): ${r.error ?? ""}\n${r.stderr ?? ""}`
          .trimEnd(),
      );
      continue;
    }
    if (!json) {
      if (r.stderr) process.stderr.write(r.stderr);
      continue;
    }
    // The last line that parses as a JSON array is the file's result (earlier lines may be logs).
    const arrays = (r.stdout ?? "").split("\n").map((line) => line.trim()).filter((line) => line.startsWith("["));
    let parsed;
    for (const line of arrays.reverse()) {
      try {
        parsed = JSON.parse(line);
        break;
      } catch { /* not JSON: keep looking */ }
    }
    if (!Array.isArray(parsed)) {
      failed++;
      console.error(`bench ${file} on ${runtime} printed no JSON array`);
      continue;
    }
    for (const entry of parsed) merged.push({ ...entry, runtime: entry.runtime ?? runtime });
  }
}
if (json) console.log(JSON.stringify(merged, null, 2));
process.exit(failed ? 1 : 0);
