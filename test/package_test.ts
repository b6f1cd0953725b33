// The npm package as users get it: `npm pack` (which builds dist/ through `prepack`), the
// tarball installed offline into a fresh project, then imported by plain Node (no tsx),
// Deno (through the project's node_modules) and Bun, and type-checked by tsc as a consumer.
// The packing runs once, from the Node run of the suite; the Deno and Bun runs skip it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";
const skip = runtime !== "Node"
  ? `packs once, in the Node run, which imports the package from Node, Deno and Bun (this is ${runtime})`
  : process.env.CLR_SKIP_PACK
  ? "CLR_SKIP_PACK is set"
  : false;

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string): string => join(root, "node_modules", ".bin", name);
/** The environment of the children: no tsx loader or test-runner state inherited. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k !== "NODE_OPTIONS" && !k.startsWith("NODE_TEST")),
);

function run(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: { ...env, NO_COLOR: "1" }, encoding: "utf8", timeout: 120_000 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} failed (${r.status ?? r.error}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

interface PackFile {
  readonly path: string;
  readonly size: number;
}
interface Packed {
  readonly dir: string;
  readonly project: string;
  readonly files: readonly PackFile[];
  readonly size: number;
  readonly unpackedSize: number;
}

function isPackResult(x: unknown): x is { filename: string; size: number; unpackedSize: number; files: PackFile[] }[] {
  return Array.isArray(x) && x.length === 1 && typeof x[0] === "object" && x[0] !== null &&
    typeof x[0].filename === "string" && Array.isArray(x[0].files);
}

// Evaluated by each runtime in the installed project: a triangular2 schedule, and the
// TF.js subpath export.
const CHECK = `import { triangular2 } from "cyclical-lr";
import { scheduleCallback } from "cyclical-lr/tfjs";
const lr = triangular2({ baseLr: 0.1, maxLr: 1.1, stepSizeUp: 10 });
const adam = { getClassName: () => "Adam", learningRate: 0 };
scheduleCallback(adam, lr, { iteration: 30 });
console.log(JSON.stringify({ lr30: lr(30)[0], lr10: lr(10)[0], tfjs: adam.learningRate }));
`;
// Type-checked by tsc as a TypeScript consumer with NodeNext resolution.
const CHECK_TS = `import { type Schedule, triangular2 } from "cyclical-lr";
import { scheduleCallback, type ScheduleCallback } from "cyclical-lr/tfjs";
const lr: Schedule = triangular2({ baseLr: 0.1, maxLr: 1.1, stepSizeUp: 10 });
const cb: ScheduleCallback = scheduleCallback({ getClassName: () => "Adam" }, lr);
export const values: readonly number[] = [lr(30)[0], cb.driver.iteration];
`;

let packing: Promise<Packed> | undefined;
/** Packs and installs once; every test below awaits the same result. */
function packed(): Promise<Packed> {
  packing ??= Promise.resolve().then((): Packed => {
    const dir = mkdtempSync(join(tmpdir(), "clr-pack-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    const out = ok(run("npm", ["pack", "--json", "--pack-destination", dir], root), "npm pack");
    const json: unknown = JSON.parse(out.slice(out.indexOf("[")));
    assert.ok(isPackResult(json), `unexpected npm pack output: ${out.slice(0, 200)}`);
    const { filename, files, size, unpackedSize } = json[0];
    const project = join(dir, "project");
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({
        name: "clr-consumer",
        private: true,
        type: "module",
        dependencies: { "cyclical-lr": `file:../${filename}` },
      }),
    );
    writeFileSync(join(project, "check.mjs"), CHECK);
    writeFileSync(join(project, "check.ts"), CHECK_TS);
    const flags = ["install", "--no-audit", "--no-fund", "--ignore-scripts"];
    // Dependencies come from the npm cache (filled by `npm ci`); the network only if they are missing.
    const offline = run("npm", [...flags, "--offline"], project);
    if (offline.status !== 0) ok(run("npm", [...flags, "--prefer-offline"], project), "npm install");
    return { dir, project, files, size, unpackedSize };
  });
  return packing;
}

function lastJson(stdout: string): { lr30: number; lr10: number; tfjs: number } {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  const v: unknown = JSON.parse(line);
  assert.ok(typeof v === "object" && v !== null && "lr30" in v && "lr10" in v && "tfjs" in v);
  const { lr30, lr10, tfjs } = v;
  assert.ok(typeof lr30 === "number" && typeof lr10 === "number" && typeof tfjs === "number");
  return { lr30, lr10, tfjs };
}

function assertSchedule(stdout: string): void {
  const { lr30, lr10, tfjs } = lastJson(stdout);
  assert.ok(Math.abs(lr30 - 0.6) < 1e-12, `triangular2 at t = 30: ${lr30}`);
  assert.ok(Math.abs(lr10 - 1.1) < 1e-12, `triangular2 at t = 10: ${lr10}`);
  assert.equal(tfjs, lr30);
}

test("npm pack ships dist/ (ESM + .d.ts), README and LICENSE, and no sources, tests or tools", { skip }, async () => {
  const { files, size, unpackedSize } = await packed();
  const paths = files.map((f) => f.path);
  console.log(`# package: ${files.length} files, ${size} bytes packed, ${unpackedSize} bytes unpacked`);
  for (
    const p of [
      "package.json",
      "README.md",
      "LICENSE",
      "dist/mod.js",
      "dist/mod.d.ts",
      ...["config", "optim", "range_test", "plot", "tfjs"].flatMap((e) => [`dist/${e}.js`, `dist/${e}.d.ts`]),
    ]
  ) {
    assert.ok(paths.includes(p), `missing ${p}`);
  }
  const allowed = /^(?:dist\/.+\.(?:js|d\.ts)|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/;
  assert.deepEqual(
    paths.filter((p) => !allowed.test(p) || /^dist\/(?:test|props|bench|demo|scripts|examples)\//.test(p)),
    [],
  );
  const pkg: unknown = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  assert.ok(typeof pkg === "object" && pkg !== null && "bin" in pkg);
  if (existsSync(join(root, "cli", "clr.ts"))) assert.ok(paths.includes("dist/cli/clr.js"), "the clr bin is missing");
});

test("plain Node imports the installed package (no tsx) and evaluates triangular2", { skip }, async () => {
  const { project } = await packed();
  assertSchedule(ok(run(process.execPath, ["check.mjs"], project), "node check.mjs"));
  const cli = join(project, "node_modules", "cyclical-lr", "dist", "cli", "clr.js");
  if (existsSync(cli)) {
    assert.ok(readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n"), "clr.js has no node shebang");
    assert.ok((statSync(cli).mode & 0o111) !== 0, "clr.js is not executable");
    assert.ok(existsSync(join(project, "node_modules", ".bin", "clr")), "npm did not link the clr bin");
  }
});

test("Deno imports the installed package through the project's node_modules", { skip }, async () => {
  const { project } = await packed();
  writeFileSync(join(project, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }));
  assertSchedule(
    ok(run(bin("deno"), ["run", "--allow-read", "--allow-env", "check.mjs"], project), "deno run check.mjs"),
  );
});

test("Bun imports the installed package", { skip }, async () => {
  const { project } = await packed();
  assertSchedule(ok(run(bin("bun"), ["check.mjs"], project), "bun check.mjs"));
});

test("tsc type-checks a consumer against the shipped .d.ts (NodeNext resolution)", { skip }, async () => {
  const { project } = await packed();
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const args = [
    tsc,
    "--noEmit",
    "--strict",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--target",
    "es2022",
  ];
  ok(run(process.execPath, [...args, "--lib", "es2022,dom", "check.ts"], project), "tsc check.ts");
});
