// The demo (demo/): its pieces on every runtime (seeded PRNG, the MLP's gradient against
// finite differences, the split, the table's arithmetic and its paired verdicts, the
// arguments, the progress bar over parallel jobs, the --modes output), and one `--quick` run
// of the whole job on its workers, on Node only: the table is printed, report/index.html and
// summary.json exist and summary.json is well-formed.
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
import { loadSplit, PIXELS, type SparseImages } from "../demo/mnist.ts";
import { movingAverage3, staysFrom } from "../demo/metrics.ts";
import { agreement, analyze, type Results } from "../demo/analyze.ts";
import { formatPerSeed, formatTable } from "../demo/table.ts";
import { conclusion, verdicts } from "../demo/verdicts.ts";
import { runWith } from "../demo/run.ts";
import { parseDemoArgs, USAGE } from "../demo/args.ts";
import { DEFAULTS, QUICK } from "../demo/settings.ts";
import { modesPlot, modesTable } from "../demo/modes.ts";
import { createProgress } from "../demo/progress.ts";
import { type Run, train } from "../demo/train.ts";
import { fixedRate, RANGE_TEST_CONTENDERS, type Recipe } from "../demo/contenders.ts";
import { sgd } from "../optim.ts";
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

  test("the split carves 1,000 validation digits from the training digits and leaves the 2,000 test digits as they were", () => {
    const split = loadSplit(1);
    assert.deepEqual([split.train.count, split.validation.count, split.test.count], [7000, 1000, 2000]);
    const before = loadSplit(1, { train: 8000, validation: 0 }); // the split the demo had before it validated
    assert.deepEqual(split.test, before.test);
    assert.equal(split.train.count + split.validation.count, before.train.count);
  });

  test("a recipe's listener hears the validation accuracy every `every` updates, in time for the next one", async () => {
    const data = loadSplit(1);
    let scale = 1;
    const heard: [number, number][] = [];
    const policy = { lr: () => [0.1 * scale, 0.1 * scale], groups: 2 };
    const recipe: Recipe = {
      settings: "",
      optimizer: sgd(policy, { momentum: 0.9 }),
      listener: {
        every: 5,
        hear(t, accuracy) {
          heard.push([t, accuracy]);
          if (t === 10) scale = 0.5; // a plateau rule would decide this from the accuracy
        },
      },
    };
    const run = await train(recipe, data, { seed: 1, budget: 20, evalEvery: 10, kernel: "wasm" }, () => {});
    assert.deepEqual(heard.map(([t]) => t), [5, 10, 15, 20]);
    assert.ok(heard.every(([, a]) => a > 0 && a <= 1));
    assert.equal(heard[3][1], run.validation, "the last one is the run's final validation accuracy");
    assert.deepEqual(run.lr.slice(8, 12), [0.1, 0.1, 0.05, 0.05], "the update after iteration 10 uses the new rate");
  });

  test("a recipe's evaluate chooses the parameters every accuracy is measured on", async () => {
    const data = loadSplit(1);
    const zeros = initParams(mulberry32(1)).map((g) => g.map((p) => new Float32Array(p.length)));
    const recipe: Recipe = {
      ...fixedRate(0.1).build({ stepSize: 10, budget: 20, momentum: 0.9 }),
      evaluate: (_trainer, measure) => measure(zeros), // all logits 0: always class 0
    };
    const run = await train(recipe, data, { seed: 1, budget: 20, evalEvery: 10, kernel: "wasm" }, () => {});
    const zeroShare = (labels: Uint8Array) => labels.filter((l) => l === 0).length / labels.length;
    assert.deepEqual(run.accuracy, [zeroShare(data.test.labels), zeroShare(data.test.labels)]);
    assert.equal(run.validation, zeroShare(data.validation.labels));
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

  const run = (accuracy: number[], validation = 0.9): Run => ({
    iterations: accuracy.map((_, i) => 40 * (i + 1)),
    accuracy,
    loss: accuracy.map(() => 1),
    validation,
    lr: [],
    ms: 0,
    evalMs: 0,
  });
  const one = (
    name: string,
    kind: "fixed" | "rangeTest",
    runs: Run[],
  ): Results => ({ name, kind, settings: "", seeds: runs.map((_, k) => k + 1), runs });

  test("analyze: speed-ups both ways, the best fixed rate chosen by validation accuracy, a plain verdict when CLR does not beat it", () => {
    const a = analyze([
      one("fixed 0.1", "fixed", [run([0.90, 0.92, 0.94, 0.97, 0.97], 0.91)]), // the best test accuracy, not the best validation
      one("fixed 0.2", "fixed", [run([0.90, 0.96, 0.96, 0.96, 0.96], 0.95)]),
      one("fast", "rangeTest", [run([0.96, 0.96, 0.96, 0.96, 0.97])]),
      one("slow", "rangeTest", [run([0.80, 0.85, 0.90, 0.95, 0.95])]),
    ], 200);
    assert.equal(a.best, "fixed 0.2");
    assert.ok(Math.abs(a.target - 0.96) < 1e-12);
    assert.equal(a.bestReaches, 160);
    const fast = a.rows.find((r) => r.name === "fast"), slow = a.rows.find((r) => r.name === "slow");
    assert.equal(fast?.reaches, 40);
    assert.equal(fast?.paperSpeedup, 5);
    assert.equal(fast?.fairSpeedup, 4);
    assert.equal(fast?.perSeed[0].direction, "faster");
    assert.equal(slow?.reaches, undefined);
    assert.equal(slow?.perSeed[0].direction, "slower");
    const said = verdicts(a);
    assert.match(said[0], /^fast: faster than the best fixed rate \(fixed 0\.2\) in its one seed: 4\.00× the fair way/);
    assert.match(said[1], /^slow: NOT faster than the best fixed rate/);
    const table = formatTable(a);
    assert.match(table[0], /^policy/);
    assert.match(table[3], /^fixed 0\.2 \*/);
  });

  test("paired seeds: min–max of the per-seed speed-ups, and 'within noise' when the seeds disagree", () => {
    const fixed = one("fixed 0.2", "fixed", [run([0.90, 0.92, 0.94, 0.96, 0.96]), run([0.94, 0.96, 0.96, 0.96, 0.96])]);
    const steady = one("steady", "rangeTest", [
      run([0.96, 0.96, 0.96, 0.96, 0.97]),
      run([0.96, 0.96, 0.96, 0.96, 0.97]),
    ]);
    const mixed = one("mixed", "rangeTest", [run([0.96, 0.96, 0.96, 0.96, 0.96]), run([0.90, 0.90, 0.93, 0.96, 0.96])]);
    const a = analyze([fixed, steady, mixed], 200);
    const [s, m] = [a.rows[1], a.rows[2]];
    // Seed 1's fixed rate holds its target (95.33 %) from 200, seed 2's (96 %) from 160.
    assert.deepEqual(s.perSeed.map((f) => f.fairSpeedup), [5, 4]);
    assert.deepEqual(s.perSeed.map((f) => f.direction), ["faster", "faster"]);
    assert.equal(agreement(s), "faster");
    assert.deepEqual(m.perSeed.map((f) => f.direction), ["faster", "slower"]);
    assert.equal(agreement(m), "noise");
    const said = verdicts(a);
    assert.match(
      said[0],
      /^steady: faster than the best fixed rate \(fixed 0\.2\) in every seed: 4\.00× to 5\.00× the fair way/,
    );
    assert.match(said[0], /it ends above it in every seed \(\+1\.00 pp\)\.$/);
    assert.match(
      said[1],
      /^mixed: within noise of the best fixed rate \(fixed 0\.2\): the seeds disagree, faster in 1, even in 0, slower in 1 of 2/,
    );
    assert.match(conclusion(a)[0], /faster in every seed: steady; within noise: mixed\.$/);
    const table = formatTable(a);
    assert.match(table.find((l) => l.startsWith("steady")) ?? "", /4\.00× to 5\.00×/);
    const perSeed = formatPerSeed(a, [1, 2]);
    assert.match(perSeed[0], /^policy +seed 1 +×paper ×fair Δ final +seed 2 /);
    assert.match(
      perSeed.find((l) => l.startsWith("mixed")) ?? "",
      /it 40 +5\.00× +5\.00× +\+0\.00 pp +never +– +– +\+0\.00 pp$/,
    );
  });

  test("arguments: defaults, --quick, --workers, --momentum and usage errors naming the flag", () => {
    const quick = parseDemoArgs(["--quick", "--out", "x"]);
    assert.ok(typeof quick === "object");
    assert.equal(quick.budget, QUICK.budget);
    assert.equal(quick.out, "x");
    assert.equal(parseDemoArgs(["--modes"]), "modes");
    const defaults = parseDemoArgs([]);
    assert.ok(typeof defaults === "object");
    assert.equal(defaults.seeds, 3);
    assert.deepEqual(defaults.rates, DEFAULTS.rates);
    const js = parseDemoArgs(["--kernel", "js"]);
    assert.ok(typeof js === "object" && js.kernel === "js");
    const sequential = parseDemoArgs(["--workers", "1", "--seeds", "5"]);
    assert.ok(typeof sequential === "object" && sequential.workers === 1 && sequential.seeds === 5);
    const plain = parseDemoArgs(["--momentum", "0", "--range-max", "4"]);
    assert.ok(typeof plain === "object");
    assert.equal(plain.momentum, 0);
    assert.deepEqual(plain.rates, DEFAULTS.rates, "one grid for every momentum");
    assert.equal(plain.range.maxLr, 4);
    assert.throws(() => parseDemoArgs(["--range-max", "0"]), {
      message: '--range-max: expected a rate in (0, 100], got "0"',
    });
    assert.throws(() => parseDemoArgs(["--kernel", "gpu"]), { message: /^--kernel: expected /u });
    assert.throws(() => parseDemoArgs(["--seeds", "0"]), {
      name: "UsageError",
      message: '--seeds: expected an integer from 1 to 20, got "0"',
    });
    assert.throws(() => parseDemoArgs(["--workers", "0"]), {
      message: '--workers: expected an integer from 1 to 64, got "0"',
    });
    assert.throws(() => parseDemoArgs(["--momentum", "1"]), {
      message: '--momentum: expected a number from 0 to 0.99, got "1"',
    });
    assert.throws(() => parseDemoArgs(["--momentum", "x"]), {
      message: '--momentum: expected a number from 0 to 0.99, got "x"',
    });
    assert.throws(() => parseDemoArgs(["--rates", "0.1,x"]), UsageError);
    assert.throws(() => parseDemoArgs(["--bogus"]), { message: 'unknown option "--bogus"' });
    for (const flag of ["--seeds", "--workers", "--momentum", "--range-max", "--quick", "--modes", "--help"]) {
      assert.match(USAGE, new RegExp(`^ +(?:-h, )?${flag}\\b`, "m"), `--help lists ${flag}`);
    }
  });

  test("the progress bar adds up every running job, and prints one line per finished job", () => {
    let tty = "";
    const p = createProgress(300, true, (s) => void (tty += s), 120);
    p.begin(0, "seed 1 fixed 0.1", 100);
    p.begin(1, "seed 2 fixed 0.1", 200);
    p.tick(0, 50);
    p.tick(1, 100, 0.9);
    p.end(0, "seed 1 done");
    const last = tty.split("\r\x1b[2K").at(-1) ?? "";
    assert.match(last, /^\[#+-*\] {2}66 % /, last); // 100 finished and 100 running, of 300
    assert.match(last, /seed 2 fixed 0\.1 50 % acc 90\.0 %/);
    assert.ok(!last.includes("seed 1 fixed"), last);
    let log = "";
    const plain = createProgress(300, false, (s) => void (log += s));
    plain.begin(0, "a", 100);
    plain.tick(0, 100);
    plain.end(0, "a done");
    plain.close();
    assert.equal(log, "a done\n");
  });

  test("--modes: a table where the three modes agree at the cycle starts and differ at the second peak, and a terminal plot", () => {
    const lines = modesTable();
    const row = (t: number) => lines.find((l) => l.trim().startsWith(`${t} `))?.trim().split(/\s+/);
    assert.deepEqual(row(0), ["0", "0.001000", "0.001000", "0.001000"]);
    assert.deepEqual(row(6000)?.slice(0, 3), ["6000", "0.006000", "0.003500"]);
    const plot = modesPlot({ ascii: true });
    assert.match(plot[1], /^ 0\.006 \|/);
    assert.match(plot.at(-1) ?? "", /\* triangular {3}\+ triangular2 {3}o exp_range/);
    assert.match(plot.at(-2) ?? "", /0 +12000$/);
  });
});

const skip = runtime === "Node"
  ? false
  : `the --quick run of the whole demo runs once, in the Node run of the suite (this is ${runtime})`;

test(
  "npm start -- --quick --workers 2: prints the tables and writes report/index.html and a well-formed summary.json",
  { skip },
  async () => {
    const out = mkdtempSync(join(tmpdir(), "clr-demo-"));
    try {
      let text = "";
      const settings = parseDemoArgs(["--quick", "--workers", "2", "--out", out]);
      assert.ok(typeof settings === "object");
      const status = await runWith(settings, { write: (s) => void (text += s), tty: false });
      assert.equal(status, 0);
      assert.match(
        text,
        /^policy +settings +final acc +Δ final, pp +reaches target at +×paper +×fair +×fair \(seed\) +test acc, /m,
      );
      for (const name of ["fixed 0.1", "fixed 0.2", ...RANGE_TEST_CONTENDERS.map((c) => c.name)]) {
        assert.match(text, new RegExp(`^${name.replace(".", "\\.")}( \\*)? `, "m"), name);
      }
      assert.match(text, /^Paired, per seed/m);
      assert.match(text, /on 2 threads/);
      assert.ok(!text.includes("\u001b"), "no control characters when not a terminal");
      const html = readFileSync(join(out, "index.html"), "utf8");
      assert.ok(html.startsWith("<!doctype html>") && html.includes("<svg") && !html.includes("NaN"));
      assert.ok(existsSync(join(out, "summary.json")));
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
      assert.equal(summary.format, "cyclical-lr/demo@2");
      assert.deepEqual([summary.data.train, summary.data.validation, summary.data.test], [7000, 1000, 2000]);
      assert.equal(summary.table.length, 2 + RANGE_TEST_CONTENDERS.length);
      assert.equal(summary.policies.length, 2 + RANGE_TEST_CONTENDERS.length);
      assert.equal(summary.rangeTests.length, 1);
      for (const row of summary.table) {
        assert.ok(row.mean >= 0 && row.mean <= 1, row.name);
        assert.equal(row.finals.length, 1);
        assert.equal(row.perSeed.length, 1);
      }
      for (const p of summary.policies) {
        for (const r of p.runs) assert.equal(r.accuracy.length, summary.evalIterations.length);
      }
      assert.equal(summary.settings.iterationsPerEpoch, 70);
      assert.equal(typeof summary.best, "string");
      assert.ok(summary.target > 0.5 && summary.target <= 1);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
);
