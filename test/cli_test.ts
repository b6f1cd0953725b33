import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { policyFromConfig } from "../config.ts";
import { sample } from "../mod.ts";
import { evalCommand } from "../cli/eval.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => `${ROOT}node_modules/.bin/${name}`;

/** How each runtime runs cli/clr.ts from the sources. */
const RUNTIMES: readonly { name: string; cmd: string; args: string[] }[] = [
  { name: "node", cmd: bin("tsx"), args: ["cli/clr.ts"] },
  { name: "deno", cmd: bin("deno"), args: ["run", "--allow-read", "cli/clr.ts"] },
  { name: "bun", cmd: bin("bun"), args: ["cli/clr.ts"] },
];
const missing = RUNTIMES.filter((r) => !existsSync(r.cmd)).map((r) => r.name);
const skip = missing.length > 0 ? { skip: `not installed: ${missing.join(", ")}` } : {};

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function clr(cmd: string, args: readonly string[], input?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    // A command that reads a file, not stdin, may exit before this reaches it: that EPIPE is no error.
    child.stdin.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") reject(e);
    });
    child.stdin.end(input ?? "");
  });
}

/** Runs `clr args` on every runtime at once; results in the order of RUNTIMES. */
function everywhere(args: readonly string[], input?: string): Promise<Result[]> {
  return Promise.all(RUNTIMES.map((r) => clr(r.cmd, [...r.args, ...args], input)));
}

/** Every runtime printed the same bytes; returns them. */
function same(results: readonly Result[], key: "stdout" | "stderr"): string {
  results.forEach((r, i) => assert.equal(r[key], results[0][key], `${RUNTIMES[i].name} differs from node on ${key}`));
  return results[0][key];
}

/** The seed's formula with triangular2's scale. */
function triangular2(base: number, max: number, s: number, t: number): number {
  const cycle = Math.floor(1 + t / (2 * s));
  const x = Math.abs(t / s - 2 * cycle + 1);
  return base + (max - base) * Math.max(0, 1 - x) / 2 ** (cycle - 1);
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} != ${expected}`,
  );
}

describe("clr eval on Node, Deno and Bun", { concurrency: true }, () => {
  test("a config file: the same bytes everywhere, the seed's formula per group", skip, async () => {
    const results = await everywhere(["eval", "examples/cyclic.json", "--steps", "7", "--start", "5997"]);
    for (const r of results) assert.equal(r.status, 0, r.stderr);
    assert.equal(same(results, "stderr"), "");
    const out = same(results, "stdout");
    assert.ok(out.endsWith("}\n"));
    const { lr, momentum } = JSON.parse(out);
    assert.equal(lr.length, 7);
    assert.equal(momentum.length, 7);
    for (let i = 0; i < 7; i++) {
      const t = 5997 + i;
      close(lr[i][0], triangular2(0.001, 0.006, 2000, t), `lr(${t})[0]`);
      close(lr[i][1], triangular2(0.0001, 0.0006, 2000, t), `lr(${t})[1]`);
      close(momentum[i][0], 0.9 - 0.1 * triangular2(0, 1, 2000, t), `momentum(${t})[0]`);
    }
    close(lr[3][0], 0.001 + 0.005 / 2, "the second peak is half as high");
  });

  for (const example of ["wsd", "cooldown", "inverse_sqrt", "inverse_time_decay", "noise", "product"]) {
    test(
      `examples/${example}.json: the same bytes everywhere, the library's numbers (across the seams, far out)`,
      skip,
      async () => {
        for (const start of ["0", "8990", "9007199254740000"]) {
          const results = await everywhere(["eval", `examples/${example}.json`, "--steps", "20", "--start", start]);
          for (const r of results) assert.equal(r.status, 0, r.stderr);
          const out = JSON.parse(same(results, "stdout"));
          const config = JSON.parse(readFileSync(`${ROOT}examples/${example}.json`, "utf8"));
          const p = policyFromConfig(config);
          assert.deepEqual(out.lr.flat(), Array.from({ length: 20 }, (_, i) => p(Number(start) + i)[0]));
        }
      },
    );
  }

  test("stdin (-): a join without momentum prints only lr, the library's numbers", skip, async () => {
    const config = {
      policy: "join",
      schedules: [
        { policy: "linear", initValue: 0, endValue: 0.1, transitionSteps: 3 },
        { policy: "cosineDecay", initValue: [0.1, 0.01], decaySteps: 5, alpha: 0.1 },
        { policy: "piecewiseConstant", initValue: 1e-3, boundariesAndScales: { "1": 0.1 } },
      ],
      boundaries: [3, 9],
    };
    const results = await everywhere(["eval", "-", "--steps=12"], JSON.stringify(config));
    for (const r of results) assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(same(results, "stdout"));
    assert.deepEqual(Object.keys(out), ["lr"]);
    const expected = sample(policyFromConfig(config).lr, 0, 12);
    assert.deepEqual(out.lr.flat(), [...expected], "shortest round-trip numbers read back exactly");
    assert.deepEqual(out.lr[10], [1e-4, 1e-4]);
  });

  test("a config that does not decode: exit 1, nothing on stdout, every error on stderr", skip, async () => {
    const config = '{"policy":"join","schedules":[{"policy":"cyclic"},{"policy":"cyclic","stepSizeUp":-3,"foo":1}],' +
      '"boundaries":[10]}';
    const results = await everywhere(["eval", "-", "--steps", "3"], config);
    for (const r of results) assert.equal(r.status, 1);
    assert.equal(same(results, "stdout"), "");
    assert.equal(
      same(results, "stderr"),
      "schedules[1].stepSizeUp: expected a positive integer, got -3\nschedules[1].foo: unknown field\n",
    );
  });

  test("bad flags: a usage error on stderr, exit 2", skip, async () => {
    const results = await everywhere(["eval", "examples/cyclic.json", "--steps", "10000001"]);
    for (const r of results) assert.equal(r.status, 2);
    assert.equal(same(results, "stdout"), "");
    assert.equal(
      same(results, "stderr"),
      'clr eval: --steps: expected an integer from 1 to 10000000, got "10000001"\nRun "clr eval --help" for usage.\n',
    );
  });
});

/** Runs `clr` and closes its stdout after the first bytes, as `clr eval … | head` does. */
function closedEarly(cmd: string, args: readonly string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stdout.once("data", () => child.stdout.destroy());
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout: "", stderr }));
  });
}

describe("clr eval when the reader stops early", () => {
  test("exits 0 quietly on EPIPE, on every runtime", skip, async () => {
    const args = ["eval", "examples/cyclic.json", "--steps", "2000000"];
    const results = await Promise.all(RUNTIMES.map((r) => closedEarly(r.cmd, [...r.args, ...args])));
    results.forEach((r, i) => assert.deepEqual([r.status, r.stderr], [0, ""], RUNTIMES[i].name));
  });
});

describe("clr eval: argument errors (in process)", () => {
  const cases: [string[], string][] = [
    [["examples/cyclic.json"], "missing --steps N"],
    [["--steps", "1"], "missing CONFIG.json"],
    [["a.json", "b.json", "--steps", "1"], "expected one CONFIG.json, got 2"],
    [["a.json", "--steps", "1.5"], '--steps: expected an integer from 1 to 10000000, got "1.5"'],
    [["a.json", "--steps", "1e3"], '--steps: expected an integer from 1 to 10000000, got "1e3"'],
    [["a.json", "--steps", "1", "--start", "-1"], '--start: expected a non-negative integer, got "-1"'],
    [
      ["a.json", "--steps", "1", "--start", "9007199254740992"],
      '--start: expected a non-negative integer, got "9007199254740992"',
    ],
    [
      ["a.json", "--steps", "2", "--start", "9007199254740991"],
      '--start: expected an integer with start + steps - 1 <= 9007199254740991 (steps 2), got "9007199254740991"',
    ],
    [["a.json", "--steps", "1", "--frobnicate"], 'unknown option "--frobnicate"'],
    [["a.json", "--steps"], "option --steps needs a value"],
    [["a.json", "--steps", "1", "--steps", "2"], "option --steps given twice"],
    [["a.json", "--steps", "1", "--help=yes"], "option --help takes no value"],
  ];
  for (const [args, message] of cases) {
    test(`clr eval ${args.join(" ")}: ${message}`, async () => {
      await assert.rejects(evalCommand.run(args), { name: "UsageError", message });
    });
  }
});

describe("clr on Node", () => {
  const node = RUNTIMES[0];
  const nodeSkip = existsSync(node.cmd) ? {} : { skip: "tsx is not installed" };

  test("--help, an unknown command, and the bin/clr.mjs shim", nodeSkip, async () => {
    const [help, unknown, shim] = await Promise.all([
      clr(node.cmd, [...node.args, "--help"]),
      clr(node.cmd, [...node.args, "frobnicate"]),
      clr("node", ["bin/clr.mjs", "eval", "-", "--steps", "2"], '{"policy":"constant","value":0.5}'),
    ]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: clr <command>/);
    assert.match(help.stdout, /\n {2}eval {2}/);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stdout, "");
    assert.match(unknown.stderr, /^clr: unknown command "frobnicate"\n/);
    assert.equal(shim.status, 0, shim.stderr);
    assert.equal(shim.stdout, '{"lr":[[0.5],[0.5]]}\n');
  });

  test("eval --plot: stdout is the same JSON alone, a sparkline per series and group on stderr", nodeSkip, async () => {
    const config = '{"policy":"cyclic","baseLr":[0,1],"maxLr":[1,2],"stepSizeUp":4}';
    const [plain, plotted] = await Promise.all([
      clr(node.cmd, [...node.args, "eval", "-", "--steps", "9"], config),
      clr(node.cmd, [...node.args, "eval", "-", "--steps", "9", "--plot"], config),
    ]);
    assert.equal(plotted.status, 0, plotted.stderr);
    assert.equal(plotted.stdout, plain.stdout);
    assert.deepEqual(plotted.stderr.trimEnd().split("\n"), [
      "lr[0] ▁▃▅▆█▆▅▃▁  0 .. 1",
      "lr[1] ▁▃▅▆█▆▅▃▁  1 .. 2",
      "momentum[0] █▆▅▃▁▃▅▆█  0.8 .. 0.9",
      "momentum[1] █▆▅▃▁▃▅▆█  0.8 .. 0.9",
    ]);
  });
});
