// The same bytes on every engine (issue 11; the spec's "Numbers"): 600 valid configs of
// every policy (props/config_arbitraries.ts, sampled with a fixed seed: nested join and
// product, real tMult, cycleDecay, exp_range with gamma a few ulps below 1, starts near
// 2^53, rates from subnormals to Number.MAX_VALUE) and the shipped examples, each printed as
// `clr eval` prints it (cli/eval_output.ts) and hashed, on Node (this process), Deno, Bun and
// in headless Chromium (a bundle of test/_eval_hashes.ts): every hash identical. Then a few
// real `clr eval` runs on the three runtimes, whose stdout must be those bytes exactly.
//
// One process per engine evaluates every case. Runs once, in the Node run of the suite.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { configArb, startArb } from "../props/config_arbitraries.ts";
import { bundleBrowser } from "../scripts/example_server.ts";
import { browse, findChromium } from "./_chromium.ts";
import { type EvalCase, evalHashes, evalText } from "./_eval_hashes.ts";

const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";
const onlyNode = runtime === "Node" ? false : `every engine is driven once, from the Node run (this is ${runtime})`;

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);

/** The seed of the sampled configs, and how many. */
const SEED = 11;
const CONFIGS = 600;
/** The most rows one sampled config prints. */
const MOST_ROWS = 48;

/** The sampled cases, then each shipped example at 3000 iterations from 123457 (where engines' libms disagreed). */
function casesOf(): EvalCase[] {
  const sampled = fc.sample(fc.tuple(configArb(), fc.integer({ min: 1, max: MOST_ROWS }), startArb(MOST_ROWS)), {
    seed: SEED,
    numRuns: CONFIGS,
  }).map(([config, steps, start]) => ({ config: JSON.stringify(config), start, steps }));
  const dir = join(ROOT, "examples");
  // `*_metrics.json` are observations for clr eval --metrics, not configs.
  const examples = readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith("_metrics.json")).sort()
    .map((f) => ({ config: readFileSync(join(dir, f), "utf8"), start: 123457, steps: 3000 }));
  return [...sampled, ...examples];
}

/** A command's stdout (rejecting on a non-zero exit, with its stderr), and how long it ran. */
function run(cmd: string, args: readonly string[], input = ""): Promise<{ stdout: string; seconds: number }> {
  const began = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on(
      "close",
      (status) =>
        status === 0
          ? resolve({ stdout, seconds: (performance.now() - began) / 1000 })
          : reject(new Error(`${cmd} ${args.join(" ")} exited with ${status}:\n${stderr.slice(-3000)}`)),
    );
    // A run that reads a file, not stdin, may exit before this reaches it: that EPIPE is no error.
    child.stdin.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") reject(e);
    });
    child.stdin.end(input);
  });
}

/** How each runtime runs a TypeScript file from the sources. */
const RUNTIMES: readonly { name: string; cmd: string; args: readonly string[] }[] = [
  { name: "node", cmd: bin("tsx"), args: [] },
  { name: "deno", cmd: bin("deno"), args: ["run", "--allow-read"] },
  { name: "bun", cmd: bin("bun"), args: [] },
];
const missing = RUNTIMES.filter((r) => !existsSync(r.cmd)).map((r) => r.name);
const chromium = onlyNode ? undefined : findChromium();

/** The hash lines that Chromium computes for the cases, from a page that runs the bundle. */
async function chromiumHashes(cases: readonly EvalCase[], dir: string): Promise<string[]> {
  const { code } = await bundleBrowser("iife", "test/_eval_hashes.ts");
  // `</` would end the inline script early; `<\/` is the same string in JavaScript.
  const script =
    `${code}\n;(() => { const out = document.getElementById("out"); try { out.textContent = clr.evalHashes(${
      JSON.stringify(cases)
    }).join("\\n"); } catch (e) { out.textContent = "failed: " + e; } })();`.replaceAll("</", "<\\/");
  const page = join(dir, "cross_engine.html");
  writeFileSync(page, `<!doctype html><html><body><pre id="out"></pre><script>${script}</script></body></html>`);
  const dom = await browse(chromium ?? "chromium", [
    `--user-data-dir=${join(dir, "profile")}`,
    "--dump-dom",
    pathToFileURL(page).href,
  ]);
  const out = dom.match(/<pre id="out">([\s\S]*?)<\/pre>/)?.[1] ?? "";
  return out.split("\n");
}

describe("the same bytes on every engine", { skip: onlyNode }, () => {
  const cases = onlyNode ? [] : casesOf();
  let expected: string[] = [];
  let dir = "";
  before(() => {
    expected = evalHashes(cases);
    dir = mkdtempSync(join(tmpdir(), "clr-engines-"));
    writeFileSync(join(dir, "cases.json"), JSON.stringify(cases));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  });

  test(`the ${CONFIGS} sampled configs all decode and print (no error)`, () => {
    const failed = cases.map((c, i) => [i, evalText(c)] as const).filter(([, text]) => text.startsWith("error: "));
    assert.deepEqual(failed.map(([i, text]) => `${i} ${cases[i].config}: ${text}`), []);
  });

  test("the sampled configs name every policy of the registry", async () => {
    const { POLICIES } = await import("../lib/config/policies.ts");
    const names = new Set<string>();
    const walk = (c: { policy: string; schedules?: { policy: string }[] }) => {
      names.add(c.policy);
      c.schedules?.forEach(walk);
    };
    cases.forEach((c) => walk(JSON.parse(c.config)));
    assert.deepEqual([...Object.keys(POLICIES)].filter((p) => !names.has(p)), []);
  });

  for (const r of RUNTIMES) {
    test(`${r.name} prints the same bytes as this process for every case`, {
      skip: missing.includes(r.name) ? `${r.name} is not installed` : false,
    }, async () => {
      const { stdout, seconds } = await run(r.cmd, [...r.args, "test/_eval_hashes_main.ts", join(dir, "cases.json")]);
      const got = stdout.trimEnd().split("\n");
      const differ = expected.filter((line, i) => got[i] !== line).slice(0, 10);
      assert.deepEqual(differ, [], `${r.name}: cases whose hash differs (first 10), expected lines shown`);
      assert.equal(got.length, expected.length);
      console.log(`# ${r.name}: ${cases.length} cases in ${seconds.toFixed(2)} s (one process)`);
    });
  }

  test("headless Chromium prints the same bytes for every case", {
    skip: chromium ? false : "no Chromium on PATH (Debian: apt-get install chromium)",
  }, async () => {
    const began = performance.now();
    const got = await chromiumHashes(cases, dir);
    assert.ok(!got[0]?.startsWith("failed"), got[0]);
    const differ = expected.filter((line, i) => got[i] !== line).slice(0, 10);
    assert.deepEqual(differ, [], "chromium: cases whose hash differs (first 10), expected lines shown");
    assert.equal(got.length, expected.length);
    console.log(
      `# chromium: ${cases.length} cases in ${((performance.now() - began) / 1000).toFixed(2)} s (bundle and browser)`,
    );
  });

  // A few real `clr eval` runs (config on stdin): their stdout is evalText's bytes on every runtime.
  const REAL: readonly EvalCase[] = [
    {
      // Issue 11: Node printed 0.002839420198424439 here, Deno and Bun ...438.
      config: JSON.stringify({
        policy: "cyclic",
        baseLr: [0.001, 0.01],
        maxLr: [0.006, 0.1],
        stepSizeUp: 3,
        stepSizeDown: 5,
        mode: "exp_range",
        gamma: 0.999999,
      }),
      start: 999983,
      steps: 50,
    },
    // Issue 11: 556 of these 2000 rows differed between runtimes.
    { config: readFileSync(join(ROOT, "examples", "cosine_restarts.json"), "utf8"), start: 123457, steps: 2000 },
    {
      config: JSON.stringify({
        policy: "join",
        schedules: [
          { policy: "oneCycle", maxLr: 0.1, totalSteps: 100, cycleMomentum: false },
          { policy: "cosineRestarts", baseLr: 0.05, t0: 7, tMult: 1.5, cycleDecay: 0.9, warmupSteps: 2 },
          {
            policy: "product",
            schedules: [{ policy: "cosineDecay", initValue: 1, decaySteps: 5000, exponent: 1.7 }, {
              policy: "exponentialDecay",
              initValue: 0.3,
              transitionSteps: 3,
              decayRate: 0.97,
            }],
          },
        ],
        boundaries: [80, 9007199254739000],
      }),
      start: 9007199254739000 - 500,
      steps: 1000,
    },
  ];
  for (const r of RUNTIMES) {
    test(`clr eval on ${r.name} prints exactly the shared function's bytes (${REAL.length} runs)`, {
      skip: missing.includes(r.name) ? `${r.name} is not installed` : false,
    }, async () => {
      for (const c of REAL) {
        const { stdout } = await run(r.cmd, [
          ...r.args,
          "cli/clr.ts",
          "eval",
          "-",
          "--steps",
          String(c.steps),
          "--start",
          String(c.start),
        ], c.config);
        const want = evalText(c);
        assert.ok(!want.startsWith("error"), want);
        assert.ok(stdout === want, `${r.name}: clr eval ${c.config.slice(0, 80)}… differs from evalOutput`);
      }
    });
  }
});
