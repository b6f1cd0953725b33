/**
 * The SGD compute shader. Per-step scalars arrive in a uniform (`Hyper`), never in the
 * source, so one pipeline serves every step. The arithmetic is that of the CPU kernels
 * (lib/optim/_plain.ts), operation by operation; a GPU compiler may still fuse a multiply
 * and an add, so results agree with the CPU within 1e-6 relative, and bit for bit where
 * nothing is fused.
 *
 * Bindings: 0 parameters, 1 gradients, 2 momentum buffer, 3 `Hyper`. Flags: 1 weight
 * decay, 2 momentum, 4 first momentum step, 8 Nesterov.
 *
 * @example The shader reads its rate from the uniform
 * ```ts
 * import assert from "node:assert/strict";
 * import { SGD_WGSL } from "cyclical-lr/optim";
 * assert.ok(SGD_WGSL.includes("var<uniform> hp: Hyper"));
 * ```
 */
export const SGD_WGSL =
  `struct Hyper { lr: f32, wd: f32, mom: f32, damp: f32, flags: u32, n: u32, pad0: u32, pad1: u32 }
@group(0) @binding(0) var<storage, read_write> p: array<f32>;
@group(0) @binding(1) var<storage, read> g: array<f32>;
@group(0) @binding(2) var<storage, read_write> b: array<f32>;
@group(0) @binding(3) var<uniform> hp: Hyper;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = id.x + id.y * nw.x * 64u;
  if (i >= hp.n) { return; }
  let pi = p[i];
  var d = g[i];
  if ((hp.flags & 1u) != 0u) { d = d + hp.wd * pi; }
  if ((hp.flags & 2u) != 0u) {
    var bi = d;
    if ((hp.flags & 4u) == 0u) { bi = hp.mom * b[i] + hp.damp * d; }
    b[i] = bi;
    if ((hp.flags & 8u) != 0u) { d = d + hp.mom * bi; } else { d = bi; }
  }
  p[i] = pi - hp.lr * d;
}
`;
