/**
 * The plain-TypeScript CPU kernels: the reference and the fallback. Every operation is
 * rounded to float32 with `Math.fround` (float64 arithmetic on float32 inputs rounded
 * once is the correctly rounded float32 result for + - * / and sqrt), so these loops give
 * the bits of the WebAssembly SIMD kernels and of a GPU that does not fuse multiply-adds.
 *
 * @module
 */

/** SGD flag: weight decay is non-zero (`g += wd * p`). */
export const SGD_WEIGHT_DECAY = 1;
/** SGD flag: momentum is non-zero (a buffer is kept). */
export const SGD_MOMENTUM = 2;
/** SGD flag: first momentum step (`buf = g`, PyTorch's `buf is None`). */
export const SGD_FIRST = 4;
/** SGD flag: Nesterov momentum. */
export const SGD_NESTEROV = 8;

/** Adam flag: L2 weight decay added to the gradient (Adam). */
export const ADAM_L2 = 1;
/** Adam flag: decoupled weight decay, `p *= 1 - lr * wd` (AdamW). */
export const ADAM_DECOUPLED = 2;
/** Adam flag: lerp weight >= 0.5, so PyTorch's lerp computes from the end (`g + (w - 1) * (g - m)`). */
export const ADAM_LERP_FROM_END = 4;

/** Per-step SGD scalars, each already a float32 value. */
export interface SgdScalars {
  /** `fround(lr)`. */
  lr: number;
  /** `fround(weightDecay)`. */
  weightDecay: number;
  /** `fround(momentum)`. */
  momentum: number;
  /** `fround(1 - dampening)`. */
  dampen: number;
  /** `SGD_*` bits. */
  flags: number;
}

/** Per-step Adam scalars, each already a float32 value (computed in float64 on the host, rounded once). */
export interface AdamScalars {
  /** `fround(weightDecay)` (L2, Adam). */
  weightDecay: number;
  /** `fround(1 - lr * weightDecay)` (decoupled, AdamW). */
  decay: number;
  /** Lerp coefficient: `w = fround(1 - beta1)` when `w < 0.5`, else `fround(w - 1)`. */
  lerp: number;
  /** `fround(beta2)`. */
  beta2: number;
  /** `fround(1 - beta2)`. */
  oneMinusBeta2: number;
  /** `fround(sqrt(1 - beta2 ** step))`. */
  bc2Sqrt: number;
  /** `fround(eps)`. */
  eps: number;
  /** `fround(-lr / (1 - beta1 ** step))`. */
  negStepSize: number;
  /** `ADAM_*` bits. */
  flags: number;
}

/** Schedule-free flag: weight decay is non-zero (taken at `y`, the parameters). */
export const SF_WEIGHT_DECAY = 1;

/** Per-step schedule-free SGD scalars, each already a float32 value. */
export interface SfSgdScalars {
  /** `fround(lr)`. */
  lr: number;
  /** `fround(weightDecay)`. */
  weightDecay: number;
  /** `fround(1 - ckp1)`, the weight of the old average. */
  keep: number;
  /** `fround(ckp1)`, the averaging weight of this step. */
  ckp1: number;
  /** `fround(beta)`, the interpolation `y = beta * x + (1 - beta) * z`. */
  beta: number;
  /** `fround(1 - beta)`. */
  oneMinusBeta: number;
  /** `SF_*` bits. */
  flags: number;
}

/** Per-step schedule-free AdamW scalars, each already a float32 value. */
export interface SfAdamwScalars {
  /** `fround(lr * weightDecay)`. */
  lrDecay: number;
  /** `fround(beta2)`. */
  beta2: number;
  /** `fround(1 - beta2)`. */
  oneMinusBeta2: number;
  /** `fround(1 - beta2 ** (t + 1))`. */
  bc2: number;
  /** `fround(eps)`. */
  eps: number;
  /** `fround(-lr)`. */
  negLr: number;
  /** `fround(1 - ckp1)`. */
  keep: number;
  /** `fround(ckp1)`. */
  ckp1: number;
  /** `fround(beta1)`, the interpolation weight of `x` in `y`. */
  beta1: number;
  /** `fround(1 - beta1)`. */
  oneMinusBeta1: number;
  /** `SF_*` bits. */
  flags: number;
}

const f = Math.fround;

/**
 * SGD on elements `[from, to)`, PyTorch's `_single_tensor_sgd` with every operation rounded:
 * `d = g (+ wd * p)`; with momentum `b = first ? d : m * b + (1 - dampening) * d` and
 * `d = nesterov ? d + m * b : b`; then `p = p - lr * d`.
 */
export function sgdPlain(
  p: Float32Array,
  g: Float32Array,
  b: Float32Array,
  from: number,
  to: number,
  s: SgdScalars,
): void {
  const { lr, weightDecay: wd, momentum: mom, dampen } = s;
  const decay = (s.flags & SGD_WEIGHT_DECAY) !== 0;
  if ((s.flags & SGD_MOMENTUM) === 0) {
    for (let i = from; i < to; i++) {
      const pi = p[i];
      const d = decay ? f(g[i] + f(wd * pi)) : g[i];
      p[i] = pi - f(lr * d);
    }
    return;
  }
  const first = (s.flags & SGD_FIRST) !== 0, nesterov = (s.flags & SGD_NESTEROV) !== 0;
  if (s.flags === SGD_MOMENTUM) {
    // the common case, without the branches: plain momentum, no weight decay
    for (let i = from; i < to; i++) {
      const bi = f(f(mom * b[i]) + f(dampen * g[i]));
      b[i] = bi;
      p[i] = p[i] - f(lr * bi);
    }
    return;
  }
  for (let i = from; i < to; i++) {
    const pi = p[i];
    const d = decay ? f(g[i] + f(wd * pi)) : g[i];
    const bi = first ? d : f(f(mom * b[i]) + f(dampen * d));
    b[i] = bi;
    const step = nesterov ? f(d + f(mom * bi)) : bi;
    p[i] = pi - f(lr * step);
  }
}

/**
 * Adam/AdamW on elements `[from, to)`, PyTorch's `_single_tensor_adam` with every operation
 * rounded: `g += wd * p` (Adam) or `p *= 1 - lr * wd` (AdamW); `m.lerp_(g, 1 - beta1)`
 * (PyTorch's two-branch lerp); `v = v * beta2 + ((1 - beta2) * g) * g`;
 * `p = p + (-stepSize * m) / (sqrt(v) / sqrt(bc2) + eps)`.
 */
export function adamPlain(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  from: number,
  to: number,
  s: AdamScalars,
): void {
  const { weightDecay: wd, decay, lerp, beta2, oneMinusBeta2: c2, bc2Sqrt, eps, negStepSize } = s;
  const l2 = (s.flags & ADAM_L2) !== 0;
  const decoupled = (s.flags & ADAM_DECOUPLED) !== 0;
  const fromEnd = (s.flags & ADAM_LERP_FROM_END) !== 0;
  if (s.flags === 0) {
    // the common case, without the branches: no weight decay, lerp from the start
    for (let i = from; i < to; i++) {
      const gi = g[i], mi0 = m[i];
      const mi = f(mi0 + f(lerp * f(gi - mi0)));
      m[i] = mi;
      const vi = f(f(v[i] * beta2) + f(f(c2 * gi) * gi));
      v[i] = vi;
      p[i] = p[i] + f(f(negStepSize * mi) / f(f(f(Math.sqrt(vi)) / bc2Sqrt) + eps));
    }
    return;
  }
  for (let i = from; i < to; i++) {
    let pi = p[i];
    let gi = g[i];
    if (l2) gi = f(gi + f(wd * pi));
    if (decoupled) pi = f(pi * decay);
    const mi0 = m[i];
    const mi = f((fromEnd ? gi : mi0) + f(lerp * f(gi - mi0)));
    m[i] = mi;
    const vi = f(f(v[i] * beta2) + f(f(c2 * gi) * gi));
    v[i] = vi;
    const denom = f(f(f(Math.sqrt(vi)) / bc2Sqrt) + eps);
    p[i] = pi + f(f(negStepSize * mi) / denom);
  }
}

/**
 * Schedule-free SGD on elements `[from, to)`, `SGDScheduleFreeReference.step` with every
 * tensor operation rounded (`p` holds `y`): `d = g (+ wd * y)`; `z = z - lr * d`;
 * `x = x * (1 - ckp1) + ckp1 * z`; `y = x * beta + (1 - beta) * z`.
 */
export function sfSgdPlain(
  p: Float32Array,
  g: Float32Array,
  z: Float32Array,
  x: Float32Array,
  from: number,
  to: number,
  s: SfSgdScalars,
): void {
  const { lr, weightDecay: wd, keep, ckp1, beta, oneMinusBeta: omb } = s;
  const decay = (s.flags & SF_WEIGHT_DECAY) !== 0;
  for (let i = from; i < to; i++) {
    const d = decay ? f(g[i] + f(wd * p[i])) : g[i];
    const zi = f(z[i] - f(lr * d));
    const xi = f(f(x[i] * keep) + f(ckp1 * zi));
    z[i] = zi;
    x[i] = xi;
    p[i] = f(f(xi * beta) + f(omb * zi));
  }
}

/**
 * Schedule-free AdamW on elements `[from, to)`, `AdamWScheduleFreeReference.step` with every
 * tensor operation rounded (`p` holds `y`): `z = z - (lr * wd) * y` (weight decay at `y`);
 * `v = v * beta2 + ((1 - beta2) * g) * g`; `denom = sqrt(v / bc2) + eps`;
 * `z = z + (-lr * g) / denom`; `x = x * (1 - ckp1) + ckp1 * z`; `y = x * beta1 + (1 - beta1) * z`.
 */
export function sfAdamwPlain(
  p: Float32Array,
  g: Float32Array,
  z: Float32Array,
  x: Float32Array,
  v: Float32Array,
  from: number,
  to: number,
  s: SfAdamwScalars,
): void {
  const { lrDecay, beta2, oneMinusBeta2: c2, bc2, eps, negLr, keep, ckp1, beta1, oneMinusBeta1: omb } = s;
  const decay = (s.flags & SF_WEIGHT_DECAY) !== 0;
  for (let i = from; i < to; i++) {
    const gi = g[i];
    const z0 = decay ? f(z[i] - f(lrDecay * p[i])) : z[i];
    const vi = f(f(v[i] * beta2) + f(f(c2 * gi) * gi));
    v[i] = vi;
    const denom = f(f(Math.sqrt(f(vi / bc2))) + eps);
    const zi = f(z0 + f(f(negLr * gi) / denom));
    const xi = f(f(x[i] * keep) + f(ckp1 * zi));
    z[i] = zi;
    x[i] = xi;
    p[i] = f(f(xi * beta1) + f(omb * zi));
  }
}

/** Index of the first NaN or ±Infinity in `x[from, to)`, or -1. */
export function firstNonFinitePlain(x: Float32Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const v = x[i];
    if (v - v !== 0) return i;
  }
  return -1;
}
