/**
 * The Adam/AdamW compute shader. Per-step scalars (bias corrections included) are computed
 * on the host in float64, rounded once, and written to the uniform `Hyper`, so the source
 * and its pipeline never change between steps. The arithmetic is that of the CPU kernels
 * (lib/optim/_plain.ts), operation by operation (PyTorch's `_single_tensor_adam` order).
 *
 * Bindings: 0 parameters, 1 gradients, 2 `exp_avg`, 3 `exp_avg_sq`, 4 `Hyper`. Flags: 1 L2
 * weight decay (Adam), 2 decoupled weight decay (AdamW), 4 lerp from the end (PyTorch's
 * lerp branch for a weight >= 0.5).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ADAM_WGSL } from "cyclical-lr/optim";
 * assert.ok(ADAM_WGSL.includes("sqrt(vi) / hp.bc2 + hp.eps"));
 * ```
 */
export const ADAM_WGSL = `struct Hyper {
  wd: f32, decay: f32, lerp: f32, b2: f32, c2: f32, bc2: f32, eps: f32, nss: f32,
  flags: u32, n: u32, pad0: u32, pad1: u32,
}
@group(0) @binding(0) var<storage, read_write> p: array<f32>;
@group(0) @binding(1) var<storage, read> g: array<f32>;
@group(0) @binding(2) var<storage, read_write> m: array<f32>;
@group(0) @binding(3) var<storage, read_write> v: array<f32>;
@group(0) @binding(4) var<uniform> hp: Hyper;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = id.x + id.y * nw.x * 64u;
  if (i >= hp.n) { return; }
  var pi = p[i];
  var gi = g[i];
  if ((hp.flags & 1u) != 0u) { gi = gi + hp.wd * pi; }
  if ((hp.flags & 2u) != 0u) { pi = pi * hp.decay; }
  let m0 = m[i];
  var base = m0;
  if ((hp.flags & 4u) != 0u) { base = gi; }
  let mi = base + hp.lerp * (gi - m0);
  m[i] = mi;
  let vi = v[i] * hp.b2 + (hp.c2 * gi) * gi;
  v[i] = vi;
  let denom = sqrt(vi) / hp.bc2 + hp.eps;
  p[i] = pi + (hp.nss * mi) / denom;
}
`;
