// The JSR package: `deno publish --dry-run` (type-checks both exports, rejects slow types,
// and lists the files the package would hold) and `deno doc --lint` on its exports (every
// exported symbol documented, with explicit types). Both run once, in the Node run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";
const skip = runtime === "Node" ? false : `checked once, in the Node run (this is ${runtime})`;

const root = fileURLToPath(new URL("..", import.meta.url));
const deno = join(root, "node_modules", ".bin", "deno");
const EXPORTS = ["mod.ts", "config.ts", "optim.ts", "range_test.ts", "plot.ts", "tfjs.ts"];

function denoRun(args: readonly string[]): { status: number | null; text: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_OPTIONS"));
  const r = spawnSync(deno, args, { cwd: root, encoding: "utf8", env: { ...env, NO_COLOR: "1" }, timeout: 180_000 });
  return { status: r.status, text: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

test(
  "deno publish --dry-run accepts the package, with its entry points, lib/, README and LICENSE only",
  { skip },
  () => {
    const { status, text } = denoRun(["publish", "--dry-run", "--allow-dirty"]);
    assert.equal(status, 0, text);
    const files = [...text.matchAll(/file:\/\/(\S+) \(/g)].map((m) => m[1].replace(root, ""));
    for (const f of [...EXPORTS, "README.md", "LICENSE", "lib/policies/cyclic.ts"]) {
      assert.ok(files.includes(f), `${f} is not in the JSR package:\n${text}`);
    }
    assert.deepEqual(
      files.filter((f) => /^(?:test|props|bench|demo|examples|scripts|cli|dist|node_modules)\//.test(f)),
      [],
    );
  },
);

test(
  "deno doc --lint: every export of every entry point is documented, with explicit types",
  { skip },
  () => {
    const { status, text } = denoRun(["doc", "--lint", ...EXPORTS]);
    const where = [...new Set([...text.matchAll(/--> (\S+?):\d+:\d+/g)].map((m) => m[1].replace(root, "")))];
    assert.equal(status, 0, `documentation lint errors in ${where.join(", ")}:\n${text.slice(-3000)}`);
  },
);
