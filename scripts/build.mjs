#!/usr/bin/env node
// Builds the npm package into dist/: ESM JavaScript and .d.ts from mod.ts and lib/ (compiled
// without Node's types, so the library cannot use a Node-only API), then cli/ (with Node's
// types) when it exists, whose entry point gets a node shebang and the executable bit.
// Logs go to stderr, so that `npm pack --json` (which runs this as `prepack`) prints only JSON.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const tsc = join("node_modules", "typescript", "bin", "tsc");

function compile(project) {
  console.error(`tsc -p ${project}`);
  const r = spawnSync(process.execPath, [tsc, "-p", project], { stdio: ["ignore", 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

rmSync("dist", { recursive: true, force: true });
compile("tsconfig.build.json");
if (existsSync(join("cli", "clr.ts"))) {
  compile("tsconfig.cli.json");
  const bin = join("dist", "cli", "clr.js");
  const text = readFileSync(bin, "utf8");
  if (!text.startsWith("#!")) writeFileSync(bin, `#!/usr/bin/env node\n${text}`);
  chmodSync(bin, 0o755);
}
console.error("built dist/");
