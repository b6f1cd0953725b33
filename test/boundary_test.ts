// Honest at the user's boundary (issue 16): each numbered point of the issue that the parts
// not building schedules answer for, reproduced as the user met it, and what it does now.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import {
  between,
  constant,
  createRegistry,
  cyclic,
  cyclicLR,
  exponential,
  join,
  linear,
  mapSchedule,
  oneCycle,
  product,
  registerScale,
  registerWave,
  sample,
  scaleBy,
  stretch,
  triangle,
  triangular,
  warmup,
} from "../mod.ts";
import { decodeConfig, encodeConfig, parseConfig, policyFromConfig } from "../config.ts";
import { plotSchedule } from "../plot.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";

/** Runs `clr` from the sources with this test's own runtime family (tsx under Node). */
function clr(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const [cmd, pre] = runtime === "Deno"
    ? [`${ROOT}node_modules/.bin/deno`, ["run", "--allow-read", "--allow-write", "cli/clr.ts"]]
    : runtime === "Bun"
    ? [`${ROOT}node_modules/.bin/bun`, ["cli/clr.ts"]]
    : [`${ROOT}node_modules/.bin/tsx`, ["cli/clr.ts"]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...pre, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

function tempDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(joinPath(tmpdir(), "clr-boundary-"));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

describe("point 3: a hand-written piece is checked where its values enter, and named", () => {
  const wave = triangle({ stepSizeUp: 2 });
  const cases: readonly [string, () => unknown, string][] = [
    [
      "the issue's cyclic with a scale of NaN",
      () => cyclic({ baseLr: 0, maxLr: 1, wave, scale: { mode: "cycle", fn: () => NaN } })(1),
      "scale.fn: expected a finite number at cycle 1, got NaN",
    ],
    [
      "a hand-written wave of height 5",
      () => cyclic({ baseLr: 0, maxLr: 1, wave: { period: 2, cycle: () => 1, height: () => 5 } })(1),
      "wave.height(1): expected a number in [0, 1], got 5",
    ],
    [
      "cyclicLR's scaleFn",
      () => cyclicLR({ scaleFn: () => NaN })(1),
      "scaleFn: expected a finite number at cycle 1, got NaN",
    ],
    [
      "mapSchedule's function",
      () => mapSchedule(constant({ value: 1 }), () => NaN)(2),
      "mapSchedule: expected a finite number at iteration 2 (group 0), got NaN",
    ],
    [
      "scaleBy's factor",
      () => scaleBy(constant({ value: 1 }), () => NaN)(2),
      "factor(2): expected a finite number, got NaN",
    ],
    [
      "a hand-written schedule in product (asPolicy)",
      () => product([constant({ value: 1 }), (t: number) => [t === 3 ? NaN : 1]])(3),
      "schedules[1](3): expected 1 finite numbers (one per group), got [NaN]",
    ],
    ["between's unit signal", () => between(0, 1, () => NaN)(0), "unit(0): expected a finite number, got NaN"],
    [
      "stretch's unit signal",
      () => stretch([0], [1], (t) => (t === 2 ? Infinity : 0))(2),
      "unit(2): expected a finite number, got Infinity",
    ],
    [
      "a hand-written schedule in join (asPolicy)",
      () => join([(t: number) => [t === 3 ? NaN : 1], constant({ value: 1 })], [5])(3),
      "schedules[0](3): expected 1 finite numbers (one per group), got [NaN]",
    ],
  ];
  for (const [name, make, message] of cases) {
    test(`${name}: ${message}`, () => assert.throws(make, { message }));
  }

  test("a registered scale's NaN and a registered wave's height name the registered piece, in code and in a config", () => {
    const registry = createRegistry();
    registerScale("bad", () => () => NaN, registry);
    registerWave("tall", () => ({ period: 2, cycle: () => 1, height: () => 5 }), registry);
    const scaleNaN = 'scale "bad": expected a finite number at cycle 1, got NaN';
    const tooTall = 'wave "tall".height(1): expected a number in [0, 1], got 5';
    assert.throws(() => cyclicLR({ scale: { name: "bad", params: {} }, registry })(1), {
      name: "RangeError",
      message: scaleNaN,
    });
    assert.throws(() => policyFromConfig({ policy: "cyclic", scale: { name: "bad" } }, registry)(1), {
      message: scaleNaN,
    });
    assert.throws(() => cyclicLR({ wave: { name: "tall", params: {} }, registry })(1), { message: tooTall });
    assert.throws(() => policyFromConfig({ policy: "cyclic", wave: { name: "tall" } }, registry)(1), {
      message: tooTall,
    });
  });
});

describe("point 4: errors that say the fix", () => {
  test("lr(1e20) says the limit, 2^53 - 1", () => {
    const lr = triangular({ baseLr: 0, maxLr: 1, stepSize: 2 });
    assert.throws(() => lr(1e20), {
      name: "RangeError",
      message:
        "iteration: expected a non-negative integer at most 2^53 - 1 = 9007199254740991, got 100000000000000000000",
    });
    assert.deepEqual(lr(Number.MAX_SAFE_INTEGER).length, 1);
  });

  test("sample(s, 0, 1e12) checks the size before allocating, and says it", () => {
    assert.throws(() => sample(constant({ value: 1 }), 0, 1e12), {
      name: "RangeError",
      message: "count: expected at most 268435456 iterations (2^28 values in all, 1 per iteration; " +
        "sample a longer range in chunks, with into), got 1000000000000",
    });
    assert.throws(() => sample(constant({ value: [1, 2] }), 0, 2 ** 27 + 1), {
      name: "RangeError",
      message: "count: expected at most 134217728 iterations (2^28 values in all, 2 per iteration; " +
        "sample a longer range in chunks, with into), got 134217729",
    });
    // into lifts the limit: the buffer is the caller's.
    assert.equal(sample(constant({ value: 1 }), 0, 3, new Float64Array(3)).length, 3);
  });

  test("plotSchedule(s) without options names the option it needs: steps has no sensible default", () => {
    const lr = triangular({ baseLr: 0, maxLr: 1, stepSize: 2 });
    for (const options of [undefined, {}]) {
      assert.throws(() => plotSchedule(lr, options as never), {
        name: "TypeError",
        message: "steps: expected a positive integer, got undefined",
      });
    }
  });

  test("a join of linear and cyclic says which child has momentum and how to remove it, in a config and in code", () => {
    const message =
      'schedules[1]: expected momentum like schedules[0]: schedules[1] ("cyclic") schedules momentum and ' +
      'schedules[0] ("linear") does not (give it "cycleMomentum": false, or give every child momentum)';
    const r = decodeConfig({
      policy: "join",
      boundaries: [10],
      schedules: [{ policy: "linear", initValue: 0, endValue: 1, transitionSteps: 10 }, { policy: "cyclic" }],
    });
    assert.deepEqual(r, { _tag: "Left", left: [message] });
    assert.throws(() => join([linear({ initValue: 0, endValue: 1, transitionSteps: 10 }), cyclicLR()], [10]), {
      message,
    });
  });

  test("triangular takes stepSize as cyclicLR does", () => {
    const a = triangular({ baseLr: 0, maxLr: 1, stepSize: 10 });
    const b = triangular({ baseLr: 0, maxLr: 1, stepSizeUp: 10 });
    for (const t of [0, 5, 10, 15, 20]) assert.deepEqual(a(t), b(t));
  });
});

describe("point 5: what encodes, said exactly", () => {
  test("encodeConfig names the piece that has no config", () => {
    const cases: readonly [string, () => unknown, string][] = [
      ["warmup", () => warmup(constant({ value: 1 }), { steps: 3 }), "got a warmup (warmup has no config form; "],
      ["a code scaleFn", () => cyclicLR({ scaleFn: (c) => 1 / c }), "got a cyclicLR with a scaleFn (a function)"],
      [
        "a join of a hand-written schedule",
        () => join([(_t: number) => [1], constant({ value: 1 })], [3]),
        "got a join whose schedules[0] is a hand-written schedule",
      ],
    ];
    for (const [name, make, piece] of cases) {
      assert.throws(() => encodeConfig(make() as never), (e: unknown) => {
        assert.ok(e instanceof TypeError, name);
        assert.ok(e.message.startsWith("policy: expected a policy with a config form, "), e.message);
        assert.ok(e.message.includes(piece), `${name}: ${e.message}`);
        // The register hint only where a function is the piece; a combinator names its own way out.
        assert.equal(e.message.includes("registerScale"), name !== "warmup", `${name}: ${e.message}`);
        return true;
      });
    }
  });

  test("the README says what encodes and what does not, shows decodeConfig's Left and Right, and the smoothing warning", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    assert.doesNotMatch(readme, /Every policy has a JSON form/);
    assert.match(readme, /has none \(`encodeConfig` throws a `TypeError` naming the piece\)/);
    for (const piece of ["`warmup`", "code `scaleFn`", "hand-written schedules"]) {
      assert.ok(readme.includes(piece), piece);
    }
    assert.match(readme, /\{ _tag: "Left", left \}/);
    assert.match(readme, /\{ _tag: "Right", right \}/);
    assert.match(readme, /lags `beta \/ \(1 - beta\)` = 49\s+iterations behind the ramp/);
  });
});

describe("point 9: every message names the field", () => {
  const cases: readonly [string, () => unknown, string, string][] = [
    [
      "triangular without baseLr",
      () => triangular({ maxLr: 1, stepSizeUp: 5 } as never),
      "TypeError",
      "baseLr: expected a finite number >= 0 or a non-empty array of them, got undefined",
    ],
    [
      "triangular without maxLr",
      () => triangular({ baseLr: 1, stepSizeUp: 5 } as never),
      "TypeError",
      "maxLr: expected a finite number >= 0 or a non-empty array of them, got undefined",
    ],
    [
      "constant with 2^32 groups",
      () => constant({ value: 0.1, groups: 2 ** 32 }),
      "RangeError",
      "groups: expected an integer in [1, 65536], got 4294967296",
    ],
    [
      "oneCycle with a subnormal finalDivFactor",
      () => oneCycle({ maxLr: 1, totalSteps: 100, finalDivFactor: 5e-324 }),
      "RangeError",
      "finalDivFactor: expected a finite number > 0 that keeps maxLr / divFactor / finalDivFactor finite (group 0), got 5e-324",
    ],
    [
      "cyclicLR with a wave factory that gives no wave",
      () => cyclicLR({ wave: (() => 1) as never }),
      "TypeError",
      "wave: expected a factory that gives a wave { period, cycle, height }, got 1",
    ],
  ];
  for (const [name, make, type, message] of cases) {
    test(`${name}: ${message}`, () => assert.throws(make, { name: type, message }));
  }

  test("the decoder names finalDivFactor with the same text", () => {
    assert.deepEqual(decodeConfig({ policy: "oneCycle", maxLr: 1, totalSteps: 100, finalDivFactor: 5e-324 }), {
      _tag: "Left",
      left: [cases[3][3]],
    });
  });

  test("one rule for null in code and config: null is a value, and refused; undefined is absent", () => {
    const message = "pctStart: expected a number in [0, 1], got null";
    assert.throws(() => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: null as never }), {
      name: "TypeError",
      message,
    });
    assert.deepEqual(decodeConfig({ policy: "oneCycle", maxLr: 1, totalSteps: 10, pctStart: null }), {
      _tag: "Left",
      left: [message],
    });
    assert.deepEqual(
      oneCycle({ maxLr: 1, totalSteps: 10, pctStart: undefined })(3),
      oneCycle({ maxLr: 1, totalSteps: 10 })(3),
    );
    assert.throws(() => plotSchedule(constant({ value: 1 }), { steps: 2, title: null as never }), {
      name: "TypeError",
      message: "title: expected a string, got null",
    });
  });
});

describe("point 10: error text is data: one line per error, nothing forged", () => {
  const FORGER = "x\nvalue: expected nothing, got pwned";
  const ANSI = "\u001b[31mred\u001b[0m";
  /** Every line is one error: no raw control character, and no line that is not the one expected. */
  function clean(lines: readonly string[]): void {
    for (const line of lines) {
      // deno-lint-ignore no-control-regex
      assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/, JSON.stringify(line));
      assert.ok(!line.startsWith("value: expected nothing"), line);
    }
  }

  test("through decodeConfig: keys and values are quoted, one line each", () => {
    const r = decodeConfig({ policy: "constant", value: 0.1, [FORGER]: 1, [ANSI]: 2 });
    assert.deepEqual(r, {
      _tag: "Left",
      left: [
        '["x\\nvalue: expected nothing, got pwned"]: unknown field',
        '["\\u001b[31mred\\u001b[0m"]: unknown field',
      ],
    });
    const v = decodeConfig({ policy: "\u001b[2J\u009b2J" });
    assert.ok(
      v._tag === "Left" && v.left.length === 1 && v.left[0].endsWith('got "\\u001b[2J\\u009b2J"'),
      JSON.stringify(v),
    );
    clean(v.left);
  });

  test("through parseConfig: the engine's syntax error quotes the text, escaped", () => {
    for (const text of ['{"a":\n x\u001b[31m}', "\u001b[2J{"]) {
      const r = parseConfig(text);
      assert.ok(r._tag === "Left" && r.left.length === 1, JSON.stringify(r));
      assert.ok(r.left[0].startsWith("config: expected JSON text, got a syntax error ("), r.left[0]);
      clean(r.left);
    }
  });

  test("through the API: the same quoting, one line per error", () => {
    assert.throws(() => constant({ value: 0.1, [FORGER]: 1 } as never), (e: unknown) => {
      assert.ok(e instanceof TypeError);
      assert.equal(e.message, '["x\\nvalue: expected nothing, got pwned"]: unknown option of constant');
      return true;
    });
    assert.throws(() => constant({ value: ANSI as never }), (e: unknown) => {
      assert.ok(e instanceof TypeError);
      clean(e.message.split("\n"));
      assert.equal(e.message.split("\n").length, 1);
      return true;
    });
  });

  test("through clr eval's stderr: one line per error, no escape sequence", async () => {
    const { dir, done } = tempDir();
    try {
      const file = joinPath(dir, "evil.json");
      writeFileSync(file, JSON.stringify({ policy: "constant", value: ANSI, [FORGER]: 1 }));
      const r = await clr(["eval", file, "--steps", "2"]);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, "");
      const lines = r.stderr.trimEnd().split("\n");
      assert.deepEqual(lines, [
        'value: expected a finite number >= 0 or a non-empty array of them, got "\\u001b[31mred\\u001b[0m"',
        '["x\\nvalue: expected nothing, got pwned"]: unknown field',
      ]);
      const missing = await clr(["eval", joinPath(dir, "no\nsuch\u001b[2J.json"), "--steps", "2"]);
      assert.equal(missing.status, 1);
      assert.equal(missing.stderr.trimEnd().split("\n").length, 1, missing.stderr);
      clean([missing.stderr.trimEnd()]);
    } finally {
      done();
    }
  });
});

describe("point 11: no recursion or spread whose depth or width the input sets", () => {
  let deep: unknown = 1;
  for (let i = 0; i < 1_000_000; i++) deep = [deep];

  test("a 10^6-deep array as a field value: one error line, through the decoder and the API", () => {
    const message = "value[0]: expected a finite number >= 0, got [[[[[[[[...]]]]]]]]";
    assert.deepEqual(decodeConfig({ policy: "constant", value: deep }), { _tag: "Left", left: [message] });
    assert.throws(() => constant({ value: deep as never }), { name: "TypeError", message });
    assert.throws(() => plotSchedule(constant({ value: 1 }), { steps: 2, groups: deep as never }), {
      name: "TypeError",
    });
  });

  test("200,000 bad values are 200,000 error lines, not a stack overflow", () => {
    const r = decodeConfig({ policy: "constant", value: new Array(200_000).fill(-1) });
    assert.ok(r._tag === "Left");
    assert.equal(r.left.length, 200_000);
    assert.equal(r.left[199_999], "value[199999]: expected a finite number >= 0, got -1");
  });

  test("a join of 150,000 children agrees on one group count", () => {
    const children = Array.from({ length: 150_000 }, () => constant({ value: 0.1 }));
    const boundaries = Array.from({ length: 149_999 }, (_, i) => i + 1);
    assert.deepEqual(join(children, boundaries)(149_999), [0.1]);
  });

  test("clr plot of a config with 130,000 groups writes its SVG", async () => {
    const { dir, done } = tempDir();
    try {
      const file = joinPath(dir, "wide.json"), out = joinPath(dir, "wide.svg");
      writeFileSync(file, JSON.stringify({ policy: "constant", value: new Array(130_000).fill(0.1) }));
      const r = await clr(["plot", file, "--steps", "2", "--out", out]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, "");
      assert.ok(statSync(out).size > 130_000);
      assert.ok(readFileSync(out, "utf8").trimEnd().endsWith("</svg>"));
    } finally {
      done();
    }
  });
});

describe("point 12: the public pieces check t as the schedules do", () => {
  test("triangle(...).height(-1), cycle(-1), cosine waves, exponential(0.5).fn(-1)", () => {
    const message = "iteration: expected a non-negative integer, got -1";
    const w = triangle({ stepSizeUp: 2 });
    assert.throws(() => w.height(-1), { name: "RangeError", message });
    assert.throws(() => w.cycle(-1), { name: "RangeError", message });
    assert.throws(() => w.height(0.5), {
      name: "RangeError",
      message: "iteration: expected a non-negative integer, got 0.5",
    });
    assert.throws(() => exponential(0.5).fn(-1), { name: "RangeError", message });
    assert.equal(w.height(1), 0.5);
    assert.equal(exponential(0.5).fn(2), 0.25);
  });
});
