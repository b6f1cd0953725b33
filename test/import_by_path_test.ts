// The core as a dependency: a Deno project with no deno.json and no import map imports
// mod.ts by absolute file path, composes a policy, evaluates it and checks its laws. Runs
// once, in the Node run (it starts Deno itself).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";
const skip = runtime === "Node" ? false : `run once, in the Node run (this is ${runtime})`;
const root = fileURLToPath(new URL("..", import.meta.url));
const deno = join(root, "node_modules", ".bin", "deno");

const MAIN = (modUrl: string) => `
import { checkScheduleLaws, cyclicLR, join, sample, triangular2, warmup } from ${JSON.stringify(modUrl)};
const cycles = triangular2({ baseLr: 0.001, maxLr: 0.006, stepSize: 10 });
const policy = join([warmup(cycles, { steps: 5 }), cyclicLR({ baseLr: 0.006, maxLr: 0.01, stepSize: 4, cycleMomentum: false })], [45]);
const report = checkScheduleLaws(cycles, { baseLr: 0.001, maxLr: 0.006, period: 20, laws: ["finite", "withinBounds", "halvesEachCycle"] });
console.log(JSON.stringify({ at15: policy(15)[0], at45: policy(45)[0], rows: sample(policy, 0, 50).length, laws: report.laws.length }));
`;

test(
  "a Deno project without a config imports mod.ts by absolute path, composes, evaluates and law-checks",
  { skip },
  () => {
    const dir = mkdtempSync(join(tmpdir(), "clr-by-path-"));
    try {
      writeFileSync(join(dir, "main.ts"), MAIN(pathToFileURL(join(root, "mod.ts")).href));
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_OPTIONS"));
      const r = spawnSync(deno, ["run", "--no-config", "--no-lock", "--allow-read", "main.ts"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...env, NO_COLOR: "1", DENO_NO_PACKAGE_JSON: "1" },
        timeout: 120_000,
      });
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
      const out: unknown = JSON.parse(r.stdout.trim().split("\n").pop() ?? "");
      assert.ok(typeof out === "object" && out !== null);
      // warm-up of 5, then triangular2 at local t = 10: its first peak
      assert.deepEqual(out, { at15: 0.006, at45: 0.006, rows: 50, laws: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
