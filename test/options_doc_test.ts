// docs/options.md is derived from the options tables and interfaces: it must be current.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { OPTIONS_DOC, renderOptionsDoc } from "../scripts/options_doc.ts";

const runtime = "Deno" in globalThis ? "Deno" : "Bun" in globalThis ? "Bun" : "Node";
const skip = runtime === "Node" ? false : `checked once, in the Node run (this is ${runtime})`;

test("docs/options.md lists every option of every table, as the tables and interfaces say", { skip }, async () => {
  const text = await renderOptionsDoc();
  assert.ok(
    readFileSync(OPTIONS_DOC, "utf8") === text,
    "docs/options.md is stale: run `npx tsx scripts/options_doc.ts`",
  );
  assert.doesNotMatch(text, / {2}\|$/m, "an option without a meaning: document it in its options interface");
});
