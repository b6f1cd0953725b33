// The demo (demo/): its pieces on every runtime (seeded PRNG, the MLP's gradient against
// finite differences, the table's arithmetic, the arguments), and one `--quick` run of the
// whole job, on Node only: the table is printed, report/index.html and summary.json exist
// and summary.json is well-formed.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import wabtInit from "wabt";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deriveSeed, mulberry32, permutation } from "../demo/prng.ts";
import { CLASSES, createMlp, HIDDEN, initParams } from "../demo/mlp.ts";
import { type KernelKind, wasmAvailable } from "../demo/first_layer.ts";
import { DEMO_KERNELS_BASE64 } from "../demo/kernels_wasm.ts";
import { PIXELS, type SparseImages } from "../demo/mnist.ts";
import { movingAverage3, staysFrom } from "../demo/metrics.ts";
import { analyze, formatTable } from "../demo/analyze.ts";
import { parseDemoArgs, QUICK, runWith } from "../demo/run.ts";
import { modesTable } from "../demo/modes.ts";
import type { Run } from "../demo/train.ts";
import { UsageError } from "../cli/command.ts";

const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";

/** Four random sparse 28×28 "digits". */
function tinyImages(seed: number): SparseImages {
  const rng = mulberry32(seed);
  const index: number[] = [], value: number[] = [], offsets = [0];
  for (let i = 0; i < 4; i++) {
    for (let p = 0; p < PIXELS; p++) if (rng() < 0.2) index.push(p), value.push(rng());
    offsets.push(index.length);
  }
  return {
    count: 4,
    offsets: Uint32Array.from(offsets),
    index: Uint16Array.from(index),
    value: Float32Array.from(value),
    labels: Uint8Array.from([3, 1, 4, 1]),
  };
}

describe("demo pieces", () => {
  test("mulberry32 is deterministic per seed, uniform in [0, 1), and seeds differ", () => {
    const a = mulberry32(7), b = mulberry32(7), c = mulberry32(8);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(Array.from({ length: 1000 }, () => b()), xs);
    assert.notDeepEqual(Array.from({ length: 1000 }, () => c()), xs);
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
    assert.notEqual(deriveSeed(1, "split"), deriveSeed(1, "init"));
    assert.notEqual(deriveSeed(1, "init"), deriveSeed(2, "init"));
  });

  test("permutation holds every index once", () => {
    const p = permutation(1000, mulberry32(3));
    assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
  });

  test("the MLP's gradient matches central finite differences of its loss", () => {
    const data = tinyImages(11);
    const params = initParams(mulberry32(5));
    params[1][0].fill(0.05); // some hidden units active whatever the input
    const mlp = createMlp(4);
    const rows = Uint32Array.from([0, 1, 2, 3]);
    const grads = params.map((g) => g.map((p) => new Float32Array(p.length)));
    mlp.gradient(params, grads, data, rows, 0, 4);
    const lossAt = () => {
      const scratch = params.map((g) => g.map((p) => new Float32Array(p.length)));
      return mlp.gradient(params, scratch, data, rows, 0, 4);
    };
    const probes: [number, number, number][] = [
      [0, 0, data.index[0] * HIDDEN + 5],
      [0, 0, data.index[7] * HIDDEN + 100],
      [0, 1, 17],
      [0, 1, HIDDEN * CLASSES - 1],
      [1, 0, 3],
      [1, 1, 7],
    ];
    for (const [g, i, j] of probes) {
      const p = params[g][i], old = p[j], eps = 1e-2;
      p[j] = old + eps;
      const up = lossAt();
      p[j] = old - eps;
      const down = lossAt();
      p[j] = old;
      const numeric = (up - down) / (2 * eps);
      assert.ok(
        Math.abs(grads[g][i][j] - numeric) < 2e-3 + 0.02 * Math.abs(numeric),
        `${g},${i},${j}: ${grads[g][i][j]} vs ${numeric}`,
      );
    }
    // A pixel that no digit uses gets no gradient.
    const used = new Set(data.index);
    const unused = Array.from({ length: PIXELS }, (_, p) => p).find((p) => !used.has(p));
    if (unused !== undefined) assert.equal(grads[0][0][unused * HIDDEN], 0);
  });

  test("the WebAssembly SIMD and TypeScript first layers give the same gradient and accuracy (float32 rounding apart)", () => {
    assert.equal(wasmAvailable, true, "WebAssembly SIMD validates on Node, Deno and Bun");
    const data = tinyImages(12);
    const params = initParams(mulberry32(6));
    params[1][0].fill(0.05);
    const rows = Uint32Array.from([3, 2, 1, 0]);
    const kinds: KernelKind[] = ["wasm", "js"];
    const [wasm, js] = kinds.map((kind) => {
      const mlp = createMlp(4, kind);
      assert.equal(mlp.kernel, kind);
      const grads = params.map((g) => g.map((p) => new Float32Array(p.length)));
      const loss = mlp.gradient(params, grads, data, rows, 0, 4);
      return { loss, grads, accuracy: mlp.accuracy(params, data) };
    });
    assert.ok(Math.abs(wasm.loss - js.loss) < 1e-5 * Math.abs(js.loss));
    assert.equal(wasm.accuracy, js.accuracy);
    wasm.grads.forEach((group, g) =>
      group.forEach((x, i) => {
        let scale = 0, worst = 0;
        for (let j = 0; j < x.length; j++) {
          scale = Math.max(scale, Math.abs(js.grads[g][i][j]));
          worst = Math.max(worst, Math.abs(x[j] - js.grads[g][i][j]));
        }
        assert.ok(worst <= 1e-5 * scale, `grads[${g}][${i}]: ${worst} vs scale ${scale}`);
      })
    );
  });

  test("kernels_wasm.ts is the assembly of demo/kernels.wat (rebuild: node demo/build_kernels.mjs)", async () => {
    const wat = readFileSync(new URL("../demo/kernels.wat", import.meta.url), "utf8");
    const wabt = await wabtInit();
    const module = wabt.parseWat("kernels.wat", wat, { simd: true });
    module.validate();
    const bytes = new Uint8Array(module.toBinary({ log: false, write_debug_names: false }).buffer);
    module.destroy();
    let text = "";
    for (const b of bytes) text += String.fromCharCode(b);
    assert.ok(btoa(text) === DEMO_KERNELS_BASE64, "demo/kernels_wasm.ts is stale: run node demo/build_kernels.mjs");
  });

  test("staysFrom: the first iteration from which the 3-point average stays within 0.1 pp of the target", () => {
    const its = [10, 20, 30, 40, 50, 60];
    assert.deepEqual(movingAverage3([0.9, 0.93, 0.96]), [0.9, 0.915, 0.93]);
    assert.equal(staysFrom(its, [0.9, 0.95, 0.96, 0.96, 0.96, 0.96], 0.96), 50); // averages 0.9, 0.925, 0.937, 0.957, 0.96, 0.96
    assert.equal(staysFrom(its, [0.9, 0.96, 0.96, 0.96, 0.96, 0.96], 0.96), 40);
    assert.equal(staysFrom(its, [0.96, 0.96, 0.96, 0.90, 0.96, 0.96], 0.96), undefined);
    assert.equal(staysFrom(its, [0.9, 0.9, 0.9, 0.9, 0.9, 0.9], 0.96), undefined);
    assert.equal(staysFrom(its, [0.97, 0.97, 0.97, 0.97, 0.97, NaN], 0.96), undefined);
  });

  test("analyze: speed-ups both ways, and a plain verdict when CLR does not beat the fixed rate", () => {
    const run = (accuracy: number[]): Run => ({
      iterations: [40, 80, 120, 160, 200],
      accuracy,
      loss: accuracy.map(() => 1),
      ms: 0,
      evalMs: 0,
    });
    const a = analyze([
      { name: "fixed 0.1", kind: "fixed", settings: "", runs: [run([0.90, 0.92, 0.94, 0.95, 0.95])] },
      { name: "fixed 0.2", kind: "fixed", settings: "", runs: [run([0.90, 0.96, 0.96, 0.96, 0.96])] },
      { name: "fast", kind: "clr", settings: "", runs: [run([0.96, 0.96, 0.96, 0.96, 0.97])] },
      { name: "slow", kind: "clr", settings: "", runs: [run([0.80, 0.85, 0.90, 0.95, 0.95])] },
    ], 200);
    assert.equal(a.best, "fixed 0.2");
    assert.ok(Math.abs(a.target - 0.96) < 1e-12);
    assert.equal(a.bestReaches, 160);
    const fast = a.rows.find((r) => r.name === "fast"), slow = a.rows.find((r) => r.name === "slow");
    assert.equal(fast?.reaches, 40);
    assert.equal(fast?.paperSpeedup, 5);
    assert.equal(fast?.fairSpeedup, 4);
    assert.equal(slow?.reaches, undefined);
    assert.match(a.verdicts[1], /^slow: does NOT beat the best fixed rate/);
    const table = formatTable(a);
    assert.match(table[0], /^policy/);
    assert.match(table[3], /^fixed 0\.2 \*/);
  });

  test("arguments: defaults, --quick, and usage errors naming the flag", () => {
    const quick = parseDemoArgs(["--quick", "--out", "x"]);
    assert.ok(typeof quick === "object");
    assert.equal(quick.budget, QUICK.budget);
    assert.equal(quick.out, "x");
    assert.equal(parseDemoArgs(["--modes"]), "modes");
    const js = parseDemoArgs(["--kernel", "js"]);
    assert.ok(typeof js === "object" && js.kernel === "js");
    assert.throws(() => parseDemoArgs(["--kernel", "gpu"]), { message: /^--kernel: expected /u });
    assert.throws(() => parseDemoArgs(["--seeds", "0"]), {
      name: "UsageError",
      message: '--seeds: expected an integer from 1 to 20, got "0"',
    });
    assert.throws(() => parseDemoArgs(["--rates", "0.1,x"]), UsageError);
    assert.throws(() => parseDemoArgs(["--bogus"]), { message: 'unknown option "--bogus"' });
  });

  test("--modes: the three modes agree at the cycle starts and differ at the second peak", () => {
    const lines = modesTable();
    const row = (t: number) => lines.find((l) => l.trim().startsWith(`${t} `))?.trim().split(/\s+/);
    assert.deepEqual(row(0), ["0", "0.001000", "0.001000", "0.001000"]);
    assert.deepEqual(row(6000)?.slice(0, 3), ["6000", "0.006000", "0.003500"]);
  });
});

const skip = runtime === "Node"
  ? false
  : `the --quick run of the whole demo runs once, in the Node run of the suite (this is ${runtime})`;

test(
  "npm start -- --quick: prints the table and writes report/index.html and a well-formed summary.json",
  { skip },
  async () => {
    const out = mkdtempSync(join(tmpdir(), "clr-demo-"));
    try {
      let text = "";
      const settings = parseDemoArgs(["--quick", "--out", out]);
      assert.ok(typeof settings === "object");
      const status = await runWith(settings, { write: (s) => void (text += s), tty: false });
      assert.equal(status, 0);
      assert.match(text, /^policy +settings +final acc +reaches target at +×paper +×fair +test acc, /m);
      for (const name of ["fixed 0.1", "fixed 0.2", "triangular", "triangular2", "exp_range", "oneCycle"]) {
        assert.match(text, new RegExp(`^${name.replace(".", "\\.")}( \\*)? `, "m"), name);
      }
      assert.ok(!text.includes("\u001b"), "no control characters when not a terminal");
      const html = readFileSync(join(out, "index.html"), "utf8");
      assert.ok(html.startsWith("<!doctype html>") && html.includes("<svg") && !html.includes("NaN"));
      assert.ok(existsSync(join(out, "summary.json")));
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
      assert.equal(summary.format, "cyclical-lr/demo@1");
      assert.equal(summary.table.length, 6);
      assert.equal(summary.policies.length, 6);
      assert.equal(summary.rangeTests.length, 1);
      for (const row of summary.table) {
        assert.ok(row.mean >= 0 && row.mean <= 1, row.name);
        assert.equal(row.finals.length, 1);
      }
      for (const p of summary.policies) {
        for (const r of p.runs) assert.equal(r.accuracy.length, summary.evalIterations.length);
      }
      assert.equal(summary.settings.iterationsPerEpoch, 80);
      assert.equal(typeof summary.best, "string");
      assert.ok(summary.target > 0.5 && summary.target <= 1);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
);
