// The library in the browser: mod.ts bundles for the browser platform with no `node:`
// import and runs in a fresh JavaScript context (no `process`, no `require`); and the
// example page (examples/browser/) renders its schedule plot in headless Chromium.
// Both run once, in the Node run of the suite.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { bundleBrowser, serveExample } from "../scripts/example_server.ts";
import { browse as browseWith, findChromium } from "./_chromium.ts";

const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";
const onlyNode = runtime === "Node" ? false : `bundled and browsed once, in the Node run (this is ${runtime})`;

const chromium = onlyNode ? undefined : findChromium();
const noChromium = onlyNode || (chromium ? false : "no Chromium on PATH (Debian: apt-get install chromium)");
const browse = (args: readonly string[]) => browseWith(chromium ?? "chromium", args);

test(
  "mod.ts bundles for the browser with no node: import, and the bundle runs in a fresh context",
  { skip: onlyNode },
  async () => {
    const { code, inputs } = await bundleBrowser("iife");
    assert.deepEqual(inputs.filter((p) => p.startsWith("node:")), []);
    assert.doesNotMatch(code, /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']node:/);
    assert.ok(inputs.some((p) => p.endsWith("lib/policies/cyclic.ts")));
    assert.deepEqual(inputs.filter((p) => p.includes("node_modules")), [], "the core imports no third-party module");
    const value: unknown = runInNewContext(
      `${code}\n;clr.triangular2({ baseLr: 0.1, maxLr: 1.1, stepSizeUp: 10 })(30)[0]`,
      // A fresh global with the web APIs every browser has, and none of Node's (no process,
      // require, Buffer or module).
      { atob, btoa, TextEncoder, TextDecoder, console, queueMicrotask },
    );
    assert.ok(
      typeof value === "number" && Math.abs(value - 0.6) < 1e-12,
      `triangular2 at t = 30 in the bundle: ${value}`,
    );
  },
);

test("cyclical-lr/tfjs bundles for the browser without TF.js or any node: import", { skip: onlyNode }, async () => {
  const { inputs } = await bundleBrowser("esm", "tfjs.ts");
  assert.deepEqual(inputs.filter((p) => p.startsWith("node:") || p.includes("@tensorflow")), []);
});

test(
  "the browser example renders the schedule plot and its status in headless Chromium",
  { skip: noChromium },
  async () => {
    const server = await serveExample(0);
    const profile = mkdtempSync(join(tmpdir(), "clr-chromium-"));
    try {
      const dom = await browse([`--user-data-dir=${profile}`, "--dump-dom", server.url]);
      const plot = dom.match(/<div id="plot">([\s\S]*?)<\/div>/)?.[1] ?? "";
      assert.match(plot, /<svg[\s\S]*<path[^>]* d="M/, "no SVG plot with a path in the page");
      const status = dom.match(/<pre id="status">([\s\S]*?)<\/pre>/)?.[1] ?? "";
      assert.match(status, /^schedule: lr\(0\) = 0\.001, lr\(2000\) = 0\.006/m, status);
      assert.match(status, /^cpu step: params = \[0\.997000, -2\.001500, 0\.506000, 3\.988000\]$/m, status);
      assert.match(status, /^webgpu(?: step)?: /m, status); // a result, or the reason it was skipped
      assert.match(status, /^done$/m, status);
      assert.doesNotMatch(status, /failed/, status);
      const shot = process.env.CLR_SCREENSHOT; // a path: also save a screenshot there
      if (shot) {
        await browse([
          `--user-data-dir=${profile}`,
          "--window-size=1000,1400",
          `--screenshot=${shot}`,
          server.url,
        ]);
      }
    } finally {
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
);
