import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import wabtInit from "wabt";
import { KERNELS_WASM_BASE64 } from "../lib/optim/wasm/kernels_wasm.ts";
import { wasmSimdSupported } from "../lib/optim/wasm/runtime.ts";

const wat = readFileSync(new URL("../lib/optim/wasm/kernels.wat", import.meta.url), "utf8");

test("kernels_wasm.ts is the assembly of kernels.wat (rebuild: node scripts/build_wasm.mjs)", async () => {
  const wabt = await wabtInit();
  const module = wabt.parseWat("kernels.wat", wat, { simd: true });
  module.validate();
  const bytes = new Uint8Array(module.toBinary({ log: false, write_debug_names: false }).buffer);
  module.destroy();
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  assert.ok(
    btoa(text) === KERNELS_WASM_BASE64,
    "lib/optim/wasm/kernels_wasm.ts is stale: run node scripts/build_wasm.mjs",
  );
});

test("WebAssembly SIMD validates on Node, Deno and Bun, so the SIMD kernel is the default there", () => {
  assert.equal(wasmSimdSupported, true);
});
