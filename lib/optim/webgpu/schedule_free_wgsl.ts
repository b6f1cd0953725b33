/**
 * The schedule-free compute shaders (SGD and AdamW). Per-step scalars (the averaging weight
 * `ckp1` and the bias correction included) are computed on the host in float64, rounded
 * once, and written to the uniform `Hyper`, so the sources and their pipelines never change
 * between steps. The arithmetic is that of the CPU kernels (lib/optim/_plain.ts), operation
 * by operation, in the order of `facebookresearch/schedule_free`'s reference step; `p` holds `y`.
 *
 * SGD bindings: 0 parameters (`y`), 1 gradients, 2 `z`, 3 `x`, 4 `Hyper`. AdamW bindings: 0
 * parameters, 1 gradients, 2 `z`, 3 `x`, 4 `exp_avg_sq`, 5 `Hyper`. Flag 1: weight decay at `y`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCHEDULE_FREE_SGD_WGSL } from "cyclical-lr/optim";
 * assert.ok(SCHEDULE_FREE_SGD_WGSL.includes("x[i] * hp.keep + hp.ck * zi"));
 * ```
 */
export const SCHEDULE_FREE_SGD_WGSL = `struct Hyper {
  lr: f32, wd: f32, keep: f32, ck: f32, beta: f32, omb: f32, flags: u32, n: u32,
}
@group(0) @binding(0) var<storage, read_write> p: array<f32>;
@group(0) @binding(1) var<storage, read> g: array<f32>;
@group(0) @binding(2) var<storage, read_write> z: array<f32>;
@group(0) @binding(3) var<storage, read_write> x: array<f32>;
@group(0) @binding(4) var<uniform> hp: Hyper;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = id.x + id.y * nw.x * 64u;
  if (i >= hp.n) { return; }
  var d = g[i];
  if ((hp.flags & 1u) != 0u) { d = d + hp.wd * p[i]; }
  let zi = z[i] - hp.lr * d;
  let xi = x[i] * hp.keep + hp.ck * zi;
  z[i] = zi;
  x[i] = xi;
  p[i] = xi * hp.beta + hp.omb * zi;
}
`;

/**
 * The schedule-free AdamW compute shader; see {@link SCHEDULE_FREE_SGD_WGSL}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SCHEDULE_FREE_ADAMW_WGSL } from "cyclical-lr/optim";
 * assert.ok(SCHEDULE_FREE_ADAMW_WGSL.includes("sqrt(vi / hp.bc2) + hp.eps"));
 * ```
 */
export const SCHEDULE_FREE_ADAMW_WGSL = `struct Hyper {
  lrwd: f32, b2: f32, c2: f32, bc2: f32, eps: f32, nlr: f32, keep: f32, ck: f32,
  b1: f32, omb1: f32, flags: u32, n: u32,
}
@group(0) @binding(0) var<storage, read_write> p: array<f32>;
@group(0) @binding(1) var<storage, read> g: array<f32>;
@group(0) @binding(2) var<storage, read_write> z: array<f32>;
@group(0) @binding(3) var<storage, read_write> x: array<f32>;
@group(0) @binding(4) var<storage, read_write> v: array<f32>;
@group(0) @binding(5) var<uniform> hp: Hyper;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = id.x + id.y * nw.x * 64u;
  if (i >= hp.n) { return; }
  let gi = g[i];
  var zi = z[i];
  if ((hp.flags & 1u) != 0u) { zi = zi - hp.lrwd * p[i]; }
  let vi = v[i] * hp.b2 + (hp.c2 * gi) * gi;
  v[i] = vi;
  zi = zi + (hp.nlr * gi) / (sqrt(vi / hp.bc2) + hp.eps);
  let xi = x[i] * hp.keep + hp.ck * zi;
  z[i] = zi;
  x[i] = xi;
  p[i] = xi * hp.b1 + hp.omb1 * zi;
}
`;
