#!/usr/bin/env node
// The `clr` command of package.json. Deno and Bun run TypeScript directly; Node loads
// tsx's ESM hooks first, so the command runs from the sources in this repository.
if (typeof globalThis.Deno === "undefined" && typeof globalThis.Bun === "undefined") {
  const { register } = await import("tsx/esm/api");
  register();
}
await import("../cli/clr.ts");
