// `clr eval` of metric-driven configs (--metrics), and its whole-or-nothing output: the
// shipped plateau example prints the same bytes on Node, Deno and Bun and shows reductions;
// bad metrics are named; a value that is not finite anywhere leaves stdout empty; chunks are
// bounded whatever the group count.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { constant, hear, makePolicy, sample } from "../mod.ts";
import { metricPolicyFromConfig, policyFromConfig } from "../config.ts";
import { evalCommand } from "../cli/eval.ts";
import { CHUNK_VALUES, printEvaluation } from "../cli/eval_output.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => `${ROOT}node_modules/.bin/${name}`;
const RUNTIMES = [
  { name: "node", cmd: bin("tsx"), args: ["cli/clr.ts"] },
  { name: "deno", cmd: bin("deno"), args: ["run", "--allow-read", "cli/clr.ts"] },
  { name: "bun", cmd: bin("bun"), args: ["cli/clr.ts"] },
] as const;
const missing = RUNTIMES.filter((r) => !existsSync(r.cmd)).map((r) => r.name);
const skip = missing.length > 0 ? { skip: `not installed: ${missing.join(", ")}` } : {};

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function clr(cmd: string, args: readonly string[], input = ""): Promise<Result> {
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
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

const everywhere = (args: readonly string[], input?: string) =>
  Promise.all(RUNTIMES.map((r) => clr(r.cmd, [...r.args, ...args], input)));

const readJson = (path: string): unknown => JSON.parse(readFileSync(`${ROOT}${path}`, "utf8"));

describe("clr eval --metrics on Node, Deno and Bun", { concurrency: true }, () => {
  test(
    "examples/plateau.json with its metrics: the same bytes everywhere, the rates of hear(), reductions",
    skip,
    async () => {
      const args = ["eval", "examples/plateau.json", "--metrics", "examples/plateau_metrics.json", "--steps", "400"];
      const results = await everywhere(args);
      results.forEach((r, i) => {
        assert.equal(r.status, 0, `${RUNTIMES[i].name}: ${r.stderr}`);
        assert.equal(r.stderr, "");
        assert.equal(r.stdout, results[0].stdout, `${RUNTIMES[i].name} differs from node`);
      });
      const { lr } = JSON.parse(results[0].stdout);
      const config = readJson("examples/plateau.json");
      const metrics = readJson("examples/plateau_metrics.json");
      assert.ok(Array.isArray(metrics));
      const heard = hear(metricPolicyFromConfig(config), metrics);
      const clean = hear(metricPolicyFromConfig(config), []);
      assert.deepEqual(lr.flat(), [...sample(heard.lr, 0, 400)]);
      const reduced = lr.map((row: number[], t: number) => row[0] < clean(t)[0]);
      const first = reduced.indexOf(true);
      assert.ok(first > 20 && first < 400, `a reduction shows, after the warm-up (first at ${first})`);
      const before = metrics.filter(([i]: [number]) => i < first);
      assert.equal(before.at(-1)?.[0], first - 1, "a metric takes effect at the next update");
      assert.deepEqual(lr.slice(0, first).flat(), [...sample(clean.lr, 0, first)]);
    },
  );

  test("a plateau config without --metrics is the schedule it multiplies", skip, async () => {
    const [r] = await Promise.all([
      clr(RUNTIMES[0].cmd, [...RUNTIMES[0].args, "eval", "examples/plateau.json", "--steps", "50"]),
    ]);
    assert.equal(r.status, 0, r.stderr);
    const plain = {
      policy: "join",
      boundaries: [20],
      schedules: [
        { policy: "linear", initValue: 0, endValue: 0.1, transitionSteps: 20 },
        { policy: "cosineDecay", initValue: 0.1, decaySteps: 380, alpha: 0.1 },
      ],
    };
    assert.deepEqual(JSON.parse(r.stdout).lr.flat(), [...sample(policyFromConfig(plain).lr, 0, 50)]);
  });

  test("bad metrics: exit 1, nothing on stdout, the offending pair named", skip, async () => {
    const cases: [string, string][] = [
      ["[[0, 1], [0, 2]]", "metrics[1][0]: expected an integer above metrics[0][0] (0), got 0"],
      ['[[0, "1"]]', 'metrics[0][1]: expected a number, "NaN", "Infinity" or "-Infinity", got "1"'],
      ["[[-1, 1]]", "metrics[0][0]: expected a non-negative integer, got -1"],
      ['{"a": 1}', 'metrics: expected an array of [iteration, value] pairs, got {"a":1}'],
      ["[[1]]", "metrics[0]: expected an [iteration, value] pair, got [1]"],
    ];
    const node = RUNTIMES[0];
    const dir = mkdtempSync(join(tmpdir(), "clr-metrics-"));
    const plateau = '{"policy":"plateau","schedule":{"policy":"constant","value":0.1}}';
    const results = await Promise.all(cases.map(([metrics], k) => {
      const file = join(dir, `m${k}.json`);
      writeFileSync(file, metrics);
      return clr(node.cmd, [...node.args, "eval", "-", "--metrics", file, "--steps", "3"], plateau);
    }));
    results.forEach((r, k) =>
      assert.deepEqual([r.status, r.stdout, r.stderr], [1, "", cases[k][1] + "\n"], cases[k][0])
    );
  });
});

describe("clr eval --metrics (in process)", () => {
  test("a config that does not listen refuses --metrics; - cannot be both the config and the metrics", async () => {
    await assert.rejects(
      evalCommand.run(["examples/cyclic.json", "--steps", "1", "--metrics", "examples/plateau_metrics.json"]),
      {
        name: "UsageError",
        message:
          "--metrics: expected a config that listens to a metric (a plateau or greedy in it), got one that does not",
      },
    );
    await assert.rejects(evalCommand.run(["-", "--steps", "1", "--metrics", "-"]), {
      name: "UsageError",
      message: "--metrics: expected a file, got - (stdin holds the config)",
    });
  });

  test("NaN and ±Infinity metrics are written as strings, and reduce as bad epochs", () => {
    const p = metricPolicyFromConfig({ policy: "plateau", patience: 0, schedule: { policy: "constant", value: 1 } });
    assert.deepEqual([1, 2, 3].map((t) => hear(p, [[0, 1], [1, NaN], [2, Infinity]])(t)[0]), [1, 0.1, 0.1 * 0.1]);
  });
});

/** A writer that keeps what it is given. */
function collect(into: string[], text: string): Promise<void> {
  into.push(text);
  return Promise.resolve();
}

describe("clr eval output is whole or nothing, in bounded chunks", () => {
  test("a value that is not finite far into the run: rejected before the first byte is written", async () => {
    const bad = makePolicy((t) => [t === 70_000 ? Infinity : 0.1], 1);
    const written: string[] = [];
    await assert.rejects(printEvaluation(bad, 0, 100_000, (s) => collect(written, s)), {
      name: "RangeError",
      message: "lr: expected finite values, got Infinity at iteration 70000 (group 0)",
    });
    assert.equal(written.length, 0);
    const throwing = makePolicy((t) => {
      if (t === 50_000) throw new RangeError("boom");
      return [0.1];
    }, 1);
    await assert.rejects(printEvaluation(throwing, 0, 60_000, (s) => collect(written, s)), { message: "boom" });
    assert.equal(written.length, 0);
  });

  test("no write holds more than one chunk of values (or one row), with 1 group or 65536", async () => {
    for (const groups of [1, 65_536]) {
      const writes: number[] = [];
      let text = "";
      const steps = groups === 1 ? 200_000 : 3;
      await printEvaluation(constant({ value: 0.12345678901234568, groups }), 0, steps, (s) => {
        writes.push(s.length);
        if (groups === 1) text += s;
        return Promise.resolve();
      });
      const perValue = "0.12345678901234568".length + 3; // the number, its comma, its row's brackets
      assert.ok(
        Math.max(...writes) <= Math.max(CHUNK_VALUES, groups) * perValue,
        `${groups} groups: ${Math.max(...writes)}`,
      );
      if (groups === 1) assert.equal(text, `{"lr":[${new Array(steps).fill("[0.12345678901234568]").join(",")}]}\n`);
    }
  });
});
