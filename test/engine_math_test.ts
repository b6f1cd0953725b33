// No value in lib/ comes from an engine's own elementary functions. ECMAScript leaves
// Math.cos, Math.exp, Math.pow, `**` and the rest "implementation-approximated": V8, two
// versions of V8 and JavaScriptCore give different last bits, so a schedule computed with
// them prints different bytes on Node, Deno, Bun and in the browser. lib/_math computes the
// same functions from IEEE-754 operations only; everything else in lib/ must use it.
//
// The scan reads the syntax tree (TypeScript's parser), so comments, strings and doc
// examples are not code. It runs once, in the Node run of the suite: it reads files, and
// its answer does not depend on the runtime.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";
const onlyNode = runtime === "Node" ? false : `a source scan, run once in the Node run (this is ${runtime})`;

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The members of `Math` that ECMAScript specifies exactly (IEEE-754 operations, rounding to
 * an integer, comparisons, constants): the same bits on every engine. `sqrt` is one of the
 * operations IEEE-754 rounds correctly. Everything else (`cos`, `exp`, `log`, `pow`, `tanh`,
 * `hypot`, `cbrt`, the inverse and hyperbolic functions …) is approximated by each engine;
 * `random` is not a function of its arguments at all.
 */
const EXACT_MATH = new Set([
  "abs",
  "ceil",
  "floor",
  "round",
  "trunc",
  "sign",
  "min",
  "max",
  "sqrt",
  "fround",
  "imul",
  "clz32",
  "PI",
  "E",
  "LN2",
  "LN10",
  "LOG2E",
  "LOG10E",
  "SQRT2",
  "SQRT1_2",
]);

/** Where a use of an engine's function was found. */
interface Finding {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/** Every .ts file under `dir`, except lib/_math (where the deterministic functions live). */
function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (relative(root, path) !== join("lib", "_math")) sourceFiles(path, out);
    } else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

type TS = typeof import("typescript");

/**
 * `2 ** k` with `k` an integer literal (`2 ** 53`, `2 ** -1074`): a constant that is a double
 * exactly, written for readability, which every engine returns exactly (an approximation of
 * an exact power of two that is not the power itself would break `Number.MAX_SAFE_INTEGER`
 * arithmetic everywhere). Any other `**` goes through lib/_math's `pow`.
 */
function isPowerOfTwoLiteral(ts: TS, node: import("typescript").BinaryExpression): boolean {
  const isTwo = ts.isNumericLiteral(node.left) && node.left.text === "2";
  let k = node.right;
  if (ts.isPrefixUnaryExpression(k) && k.operator === ts.SyntaxKind.MinusToken) k = k.operand;
  return isTwo && ts.isNumericLiteral(k) && /^\d+$/.test(k.text) &&
    node.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken;
}

/** The uses in one file of a `Math` member outside {@link EXACT_MATH}, of `Math` itself, or of `**`. */
function findingsIn(ts: TS, path: string): Finding[] {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const file = relative(root, path).split("\\").join("/");
  const out: Finding[] = [];
  const report = (node: import("typescript").Node, what: string) =>
    out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, what });
  const visit = (node: import("typescript").Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Math") {
      if (!EXACT_MATH.has(node.name.text)) report(node, `Math.${node.name.text}`);
      return; // the identifier Math is this access's object: nothing more to see
    }
    if (ts.isIdentifier(node) && node.text === "Math") report(node, "Math used other than as Math.<exact member>");
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.AsteriskAsteriskEqualsToken) report(node, "**=");
      else if (op === ts.SyntaxKind.AsteriskAsteriskToken && !isPowerOfTwoLiteral(ts, node)) {
        report(node, `** in ${node.getText(source).slice(0, 60)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

test(
  "lib/ (outside lib/_math) calls no engine-approximated Math function and no ** but literal powers of two",
  { skip: onlyNode },
  async () => {
    const ts: TS = (await import("typescript")).default;
    const files = [
      ...sourceFiles(join(root, "lib")),
      ...["mod.ts", "config.ts", "optim.ts", "range_test.ts", "plot.ts", "tfjs.ts"].map((f) => join(root, f)),
    ];
    assert.ok(files.length > 50, `only ${files.length} files found under lib/`);
    const findings = files.flatMap((f) => findingsIn(ts, f));
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line}: ${f.what}`),
      [],
      "use lib/_math (cos, sin, exp, expm1, log, log1p, pow, powWithBase, tanh) instead",
    );
  },
);

test("the scan finds what it looks for: Math.cos, Math[name], aliases, ** and **=, not comments or strings", {
  skip: onlyNode,
}, async () => {
  const ts: TS = (await import("typescript")).default;
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "clr-scan-"));
  try {
    const path = join(dir, "x.ts");
    writeFileSync(
      path,
      [
        "// Math.cos(1) in a comment, and 2 ** 0.5",
        "const s = 'Math.exp(1) ** 2';",
        "/** @example Math.pow(2, 3) */",
        "export const a = Math.cos(1);", // 4
        "export const b = Math.floor(1.5) + Math.sqrt(2) + Math.PI;",
        "export const c = (x: number) => x ** 2;", // 6
        "export const d = 2 ** 53 + 2 ** -1074;",
        "let e = 3; e **= 2;", // 8
        "const { tanh } = Math;", // 9
        "export const f = Math['log'](2) + tanh(1);", // 10
        "export const g = 10 ** 3;", // 11
        "export const h = globalThis.Math.exp(1);", // 12
      ].join("\n"),
    );
    const lines = findingsIn(ts, path).map((f) => f.line);
    assert.deepEqual(lines, [4, 6, 8, 9, 10, 11, 12]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
