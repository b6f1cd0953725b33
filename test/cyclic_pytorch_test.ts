// PyTorch parity of cyclicLR: the targets PyTorch's own test suite asserts
// (test/optim/test_lrscheduler.py, test_cycle_lr_*), PyTorch's get_lr transcribed verbatim as
// an independent oracle over long runs, the seed's symmetric formula, and the places where
// we deliberately differ (exact values near 2^53, triangular2 past cycle 1025).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cyclicLR, type CyclicLROptions, type CyclicMode, sample } from "../mod.ts";

// ---------------------------------------------------------------------------------------
// The oracle: torch/optim/lr_scheduler.py, CyclicLR.__init__ and get_lr, line by line.
//   total_size = float(step_size_up) + float(step_size_down); step_ratio = step_size_up / total_size
//   cycle = math.floor(1 + self.last_epoch / self.total_size)
//   x = 1.0 + self.last_epoch / self.total_size - cycle
//   if x <= self.step_ratio: scale_factor = x / self.step_ratio
//   else: scale_factor = (x - 1) / (self.step_ratio - 1)
//   base_height = (max_lr - base_lr) * scale_factor
//   lr = base_lr + base_height * self.scale_fn(cycle)            (scale_mode == "cycle")
//   lr = base_lr + base_height * self.scale_fn(self.last_epoch)  (scale_mode == "iterations")
//   base_height = (max_momentum - base_momentum) * scale_factor
//   momentum = max_momentum - base_height * self.scale_fn(cycle or last_epoch)
// with _triangular_scale_fn = 1.0, _triangular2_scale_fn = 1 / (2.0 ** (x - 1)),
// _exp_range_scale_fn = gamma ** x. `last_epoch` is our iteration t (the constructor's first
// step sets last_epoch = 0 and the lr of the first optimizer step).
// ---------------------------------------------------------------------------------------
interface TorchArgs {
  baseLr: number[];
  maxLr: number[];
  stepSizeUp: number;
  stepSizeDown?: number;
  mode?: CyclicMode;
  gamma?: number;
  scaleFn?: (x: number) => number;
  scaleMode?: "cycle" | "iterations";
  baseMomentum?: number[];
  maxMomentum?: number[];
}

function torchCyclicLR(a: TorchArgs) {
  const stepSizeUp = a.stepSizeUp;
  const stepSizeDown = a.stepSizeDown ?? stepSizeUp;
  const totalSize = stepSizeUp + stepSizeDown;
  const stepRatio = stepSizeUp / totalSize;
  const gamma = a.gamma ?? 1.0;
  const mode = a.mode ?? "triangular";
  let scaleFn: (x: number) => number;
  let scaleMode: "cycle" | "iterations";
  if (a.scaleFn !== undefined) {
    scaleFn = a.scaleFn;
    scaleMode = a.scaleMode ?? "cycle";
  } else if (mode === "triangular") {
    scaleFn = (_x) => 1.0;
    scaleMode = "cycle";
  } else if (mode === "triangular2") {
    scaleFn = (x) => 1 / (2.0 ** (x - 1));
    scaleMode = "cycle";
  } else {
    scaleFn = (x) => gamma ** x;
    scaleMode = "iterations";
  }
  const baseMomentums = a.baseMomentum ?? a.baseLr.map(() => 0.8);
  const maxMomentums = a.maxMomentum ?? a.baseLr.map(() => 0.9);
  return (lastEpoch: number) => {
    const cycle = Math.floor(1 + lastEpoch / totalSize);
    const x = 1.0 + lastEpoch / totalSize - cycle;
    const scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    const scale = scaleMode === "cycle" ? scaleFn(cycle) : scaleFn(lastEpoch);
    const lrs = a.baseLr.map((baseLr, g) => {
      const baseHeight = (a.maxLr[g] - baseLr) * scaleFactor;
      return baseLr + baseHeight * scale;
    });
    const momentums = baseMomentums.map((baseMomentum, g) => {
      const baseHeight = (maxMomentums[g] - baseMomentum) * scaleFactor;
      return maxMomentums[g] - baseHeight * scale;
    });
    return { lrs, momentums, cycle };
  };
}

/**
 * The tolerance against the oracle: 1e-12 relative, plus an absolute term for PyTorch's own
 * rounding. PyTorch computes `x = 1 + t / P - cycle`, whose absolute rounding error is about
 * `eps * cycle` (the ulp of `1 + t / P`); `scale_factor` multiplies it by up to
 * `P / min(up, down)`, and the rate by `|max - base|`. Near the bottom of a cycle (rate close
 * to `base`, and `base` possibly 0) that absolute error is all there is, so a purely
 * relative comparison would fail on PyTorch's rounding, not ours. Our value uses the exact
 * remainder `t mod P` and has no such term.
 */
function closeToTorch(ours: number, torch: number, span: number, cycle: number, P: number, up: number, down: number) {
  const atol = 4 * Number.EPSILON * cycle * (P / Math.min(up, down)) * Math.abs(span);
  return Math.abs(ours - torch) <= 1e-12 * Math.abs(torch) + atol;
}

/** Our policy for the same arguments (PyTorch's names, camelCased). */
function ours(a: TorchArgs) {
  const o: CyclicLROptions = {
    baseLr: a.baseLr,
    maxLr: a.maxLr,
    stepSizeUp: a.stepSizeUp,
    stepSizeDown: a.stepSizeDown,
    mode: a.mode,
    gamma: a.gamma,
    scaleFn: a.scaleFn,
    scaleMode: a.scaleMode,
    baseMomentum: a.baseMomentum ?? 0.8,
    maxMomentum: a.maxMomentum ?? 0.9,
  };
  return cyclicLR(o);
}

function assertSeries(actual: readonly number[], expected: readonly number[], label: string) {
  assert.equal(actual.length, expected.length, label);
  expected.forEach((e, i) =>
    assert.ok(
      Math.abs(actual[i] - e) <= 1e-12 * Math.abs(e) + 1e-15,
      `${label} at t = ${i}: expected ${e}, got ${actual[i]}`,
    )
  );
}

/** Runs our policy over the length of PyTorch's targets and compares every group. */
function assertTargets(
  p: ReturnType<typeof cyclicLR>,
  lrTargets: number[][],
  momentumTargets: number[][] | undefined,
) {
  const n = lrTargets[0].length;
  lrTargets.forEach((target, g) =>
    assertSeries(Array.from({ length: n }, (_, t) => p.lr(t)[g]), target, `lr group ${g}`)
  );
  if (momentumTargets === undefined) {
    assert.equal(p.momentum, undefined);
    return;
  }
  momentumTargets.forEach((target, g) =>
    assertSeries(Array.from({ length: n }, (_, t) => p.momentum!(t)[g]), target, `momentum group ${g}`)
  );
}

const enumerate = <T>(xs: T[]) => xs.map((x, i) => [i, x] as [number, T]);

// ---------------------------------------------------------------------------------------
// PyTorch's test_cycle_lr_* cases, transcribed (targets, and the loops that generate them).
// ---------------------------------------------------------------------------------------
describe("PyTorch test_lrscheduler.py targets", () => {
  test("test_cycle_lr_triangular_mode_one_lr", () => {
    const lrTarget = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3];
    const momentumTarget = [5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3];
    const p = cyclicLR({
      baseLr: 1,
      maxLr: 5,
      stepSizeUp: 4,
      cycleMomentum: true,
      baseMomentum: 1,
      maxMomentum: 5,
      mode: "triangular",
    });
    assertTargets(p, [lrTarget], [momentumTarget]);
  });

  test("test_cycle_lr_triangular_mode_one_lr_no_momentum", () => {
    const lrTarget = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3];
    const p = cyclicLR({ baseLr: 1, maxLr: 5, stepSizeUp: 4, cycleMomentum: false, mode: "triangular" });
    assertTargets(p, [lrTarget], undefined);
  });

  test("test_cycle_lr_triangular2_mode_one_lr", () => {
    const lrTarget = [1, 2, 3, 4, 5, 4, 3, 2, 1, 1.5, 2.0, 2.5, 3.0, 2.5, 2.0, 1.5, 1, 1.25, 1.50, 1.75, 2.00, 1.75];
    const momentumTarget = [
      5.0,
      4.0,
      3.0,
      2.0,
      1.0,
      2.0,
      3.0,
      4.0,
      5.0,
      4.5,
      4.0,
      3.5,
      3.0,
      3.5,
      4.0,
      4.5,
      5.0,
      4.75,
      4.5,
      4.25,
      4.0,
      4.25,
    ];
    const p = cyclicLR({
      baseLr: 1,
      maxLr: 5,
      stepSizeUp: 4,
      cycleMomentum: true,
      baseMomentum: 1,
      maxMomentum: 5,
      mode: "triangular2",
    });
    assertTargets(p, [lrTarget], [momentumTarget]);
  });

  test("test_cycle_lr_exp_range_mode_one_lr", () => {
    const [baseLr, maxLr] = [1, 5];
    const diffLr = maxLr - baseLr;
    const gamma = 0.9;
    const xs = [0, 0.25, 0.5, 0.75, 1, 0.75, 0.50, 0.25, 0, 0.25, 0.5, 0.75, 1];
    const lrTarget = enumerate(xs).map(([i, x]) => baseLr + x * diffLr * gamma ** i);
    const momentumTarget = enumerate(xs).map(([i, x]) => maxLr - x * diffLr * gamma ** i);
    const p = cyclicLR({
      baseLr,
      maxLr,
      stepSizeUp: 4,
      cycleMomentum: true,
      baseMomentum: baseLr,
      maxMomentum: maxLr,
      mode: "exp_range",
      gamma,
    });
    assertTargets(p, [lrTarget], [momentumTarget]);
  });

  test("test_cycle_lr_triangular_mode (two groups)", () => {
    const lrTarget1 = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3];
    const lrTarget2 = lrTarget1.map((x) => x + 1);
    const momentumTarget1 = [5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3];
    const momentumTarget2 = momentumTarget1.map((x) => x + 1);
    const p = cyclicLR({
      baseLr: [1, 2],
      maxLr: [5, 6],
      stepSizeUp: 4,
      cycleMomentum: true,
      baseMomentum: [1, 2],
      maxMomentum: [5, 6],
      mode: "triangular",
    });
    assertTargets(p, [lrTarget1, lrTarget2], [momentumTarget1, momentumTarget2]);
  });

  test("test_cycle_lr_triangular2_mode (two groups)", () => {
    const lrTarget1 = [1, 2, 3, 4, 5, 4, 3, 2, 1, 1.5, 2.0, 2.5, 3.0, 2.5, 2.0, 1.5, 1, 1.25, 1.50, 1.75, 2.00, 1.75];
    const lrTarget2 = lrTarget1.map((x) => x + 2);
    const momentumTarget1 = [
      5.0,
      4.0,
      3.0,
      2.0,
      1.0,
      2.0,
      3.0,
      4.0,
      5.0,
      4.5,
      4.0,
      3.5,
      3.0,
      3.5,
      4.0,
      4.5,
      5.0,
      4.75,
      4.5,
      4.25,
      4.0,
      4.25,
    ];
    const momentumTarget2 = momentumTarget1.map((x) => x + 2);
    const p = cyclicLR({
      baseLr: [1, 3],
      maxLr: [5, 7],
      stepSizeUp: 4,
      cycleMomentum: true,
      baseMomentum: [1, 3],
      maxMomentum: [5, 7],
      mode: "triangular2",
    });
    assertTargets(p, [lrTarget1, lrTarget2], [momentumTarget1, momentumTarget2]);
  });

  test("test_cycle_lr_exp_range_mode (two groups)", () => {
    const [baseLr1, maxLr1] = [1, 5];
    const [baseLr2, maxLr2] = [5, 12];
    const diffLr1 = maxLr1 - baseLr1;
    const diffLr2 = maxLr2 - baseLr2;
    const gamma = 0.9;
    const xs = [0, 0.25, 0.5, 0.75, 1, 0.75, 0.50, 0.25, 0, 0.25, 0.5, 0.75, 1];
    const lrTarget1 = enumerate(xs).map(([i, x]) => baseLr1 + x * diffLr1 * gamma ** i);
    const lrTarget2 = enumerate(xs).map(([i, x]) => baseLr2 + x * diffLr2 * gamma ** i);
    const momentumTarget1 = enumerate(xs).map(([i, x]) => maxLr1 - x * diffLr1 * gamma ** i);
    const momentumTarget2 = enumerate(xs).map(([i, x]) => maxLr2 - x * diffLr2 * gamma ** i);
    const p = cyclicLR({
      baseLr: [baseLr1, baseLr2],
      maxLr: [maxLr1, maxLr2],
      stepSizeUp: 4,
      cycleMomentum: true,
      baseMomentum: [baseLr1, baseLr2],
      maxMomentum: [maxLr1, maxLr2],
      mode: "exp_range",
      gamma,
    });
    assertTargets(p, [lrTarget1, lrTarget2], [momentumTarget1, momentumTarget2]);
  });

  test("test_cycle_lr_triangular_mode_step_size_up_down", () => {
    const lrTarget = [1.0, 2.0, 3.0, 4.0, 5.0, 13.0 / 3, 11.0 / 3, 9.0 / 3, 7.0 / 3, 5.0 / 3, 1.0];
    const momentumTarget = [5.0, 4.0, 3.0, 2.0, 1.0, 5.0 / 3, 7.0 / 3, 3.0, 11.0 / 3, 13.0 / 3, 5.0];
    const p = cyclicLR({
      baseLr: 1,
      maxLr: 5,
      stepSizeUp: 4,
      stepSizeDown: 6,
      cycleMomentum: true,
      baseMomentum: 1,
      maxMomentum: 5,
      mode: "triangular",
    });
    assertTargets(p, [lrTarget], [momentumTarget]);
  });

  test("test_cycle_lr_triangular2_mode_step_size_up_down (two groups)", () => {
    const lrBaseTarget = [
      1.0,
      3.0,
      5.0,
      13.0 / 3,
      11.0 / 3,
      9.0 / 3,
      7.0 / 3,
      5.0 / 3,
      1.0,
      2.0,
      3.0,
      8.0 / 3,
      7.0 / 3,
      6.0 / 3,
      5.0 / 3,
      4.0 / 3,
      1.0,
      3.0 / 2,
      2.0,
      11.0 / 6,
      10.0 / 6,
      9.0 / 6,
      8.0 / 6,
      7.0 / 6,
    ];
    const momentumBaseTarget = [
      5.0,
      3.0,
      1.0,
      5.0 / 3,
      7.0 / 3,
      3.0,
      11.0 / 3,
      13.0 / 3,
      5.0,
      4.0,
      3.0,
      10.0 / 3,
      11.0 / 3,
      4.0,
      13.0 / 3,
      14.0 / 3,
      5.0,
      4.5,
      4.0,
      25.0 / 6,
      13.0 / 3,
      4.5,
      14.0 / 3,
      29.0 / 6,
    ];
    const deltas = [0, 1].map((i) => 2 * i);
    const baseLrs = deltas.map((delta) => 1 + delta);
    const maxLrs = deltas.map((delta) => 5 + delta);
    const lrTargets = deltas.map((delta) => lrBaseTarget.map((x) => x + delta));
    const momentumTargets = deltas.map((delta) => momentumBaseTarget.map((x) => x + delta));
    const p = cyclicLR({
      baseLr: baseLrs,
      maxLr: maxLrs,
      stepSizeUp: 2,
      stepSizeDown: 6,
      cycleMomentum: true,
      baseMomentum: baseLrs,
      maxMomentum: maxLrs,
      mode: "triangular2",
    });
    assertTargets(p, lrTargets, momentumTargets);
  });

  test("test_cycle_lr_exp_range_mode_step_size_up_down", () => {
    const [baseLr, maxLr] = [1, 5];
    const diffLr = maxLr - baseLr;
    const gamma = 0.9;
    const xs = [0.0, 0.5, 1.0, 5.0 / 6, 4.0 / 6, 3.0 / 6, 2.0 / 6, 1.0 / 6, 0.0, 0.5, 1.0, 5.0 / 6, 4.0 / 6];
    const lrTarget = enumerate(xs).map(([i, x]) => baseLr + x * diffLr * gamma ** i);
    const momentumTarget = enumerate(xs).map(([i, x]) => maxLr - x * diffLr * gamma ** i);
    const p = cyclicLR({
      baseLr,
      maxLr,
      stepSizeUp: 2,
      stepSizeDown: 6,
      cycleMomentum: true,
      baseMomentum: baseLr,
      maxMomentum: maxLr,
      mode: "exp_range",
      gamma,
    });
    assertTargets(p, [lrTarget], [momentumTarget]);
  });

  test("test_cycle_lr_with_momentumless_optimizer (cycleMomentum: false has no momentum)", () => {
    const lrTarget = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3];
    assertTargets(cyclicLR({ baseLr: 1, maxLr: 5, stepSizeUp: 4, cycleMomentum: false, mode: "triangular" }), [
      lrTarget,
    ], undefined);
  });
});

// ---------------------------------------------------------------------------------------
// The oracle over long runs.
// ---------------------------------------------------------------------------------------
const LONG: [string, TorchArgs][] = [
  ["triangular, PyTorch defaults", { baseLr: [0.001], maxLr: [0.006], stepSizeUp: 2000 }],
  ["triangular, 3 groups, asymmetric", {
    baseLr: [0.001, 0.01, 0],
    maxLr: [0.006, 0.1, 1],
    stepSizeUp: 7,
    stepSizeDown: 13,
  }],
  ["triangular, inverted bounds", { baseLr: [0.5], maxLr: [0.1], stepSizeUp: 3, stepSizeDown: 1 }],
  ["triangular2, 2 groups", {
    baseLr: [0.1, 1e-4],
    maxLr: [1, 1e-2],
    stepSizeUp: 5,
    stepSizeDown: 9,
    mode: "triangular2",
  }],
  ["triangular2, step 1", { baseLr: [0.1], maxLr: [1.1], stepSizeUp: 1, mode: "triangular2" }],
  ["exp_range, the seed's example", {
    baseLr: [0.001],
    maxLr: [0.003],
    stepSizeUp: 300,
    mode: "exp_range",
    gamma: 0.99994,
  }],
  ["exp_range, 2 groups, asymmetric", {
    baseLr: [1, 5],
    maxLr: [5, 12],
    stepSizeUp: 2,
    stepSizeDown: 6,
    mode: "exp_range",
    gamma: 0.999,
  }],
  ["custom scale_fn per cycle", {
    baseLr: [0.01],
    maxLr: [0.1],
    stepSizeUp: 11,
    scaleFn: (c) => 1 / c,
    scaleMode: "cycle",
  }],
  ["custom scale_fn per iteration", {
    baseLr: [0.01],
    maxLr: [0.1],
    stepSizeUp: 11,
    scaleFn: (t) => 1 / (1 + t / 1000),
    scaleMode: "iterations",
  }],
  ["momentum bounds per group", {
    baseLr: [0.01, 0.02],
    maxLr: [0.1, 0.2],
    stepSizeUp: 17,
    stepSizeDown: 4,
    baseMomentum: [0.85, 0.5],
    maxMomentum: [0.95, 0.99],
  }],
];

describe("cyclicLR against PyTorch's get_lr, transcribed (10,000 iterations)", () => {
  for (const [name, args] of LONG) {
    test(`${name}: lr and momentum within 1e-12 relative`, () => {
      const torch = torchCyclicLR(args);
      const p = ours(args);
      const up = args.stepSizeUp;
      const down = args.stepSizeDown ?? up;
      const lr = sample(p.lr, 0, 10_000);
      const momentum = sample(p.momentum!, 0, 10_000);
      const groups = args.baseLr.length;
      const bm = args.baseMomentum ?? args.baseLr.map(() => 0.8);
      const mm = args.maxMomentum ?? args.baseLr.map(() => 0.9);
      for (let t = 0; t < 10_000; t++) {
        const want = torch(t);
        for (let g = 0; g < groups; g++) {
          const got = lr[t * groups + g];
          assert.ok(
            closeToTorch(got, want.lrs[g], args.maxLr[g] - args.baseLr[g], want.cycle, up + down, up, down),
            `lr at t = ${t}, group ${g}: PyTorch ${want.lrs[g]}, ours ${got}`,
          );
          const m = momentum[t * groups + g];
          assert.ok(
            closeToTorch(m, want.momentums[g], mm[g] - bm[g], want.cycle, up + down, up, down),
            `momentum at t = ${t}, group ${g}: PyTorch ${want.momentums[g]}, ours ${m}`,
          );
        }
      }
    });
  }

  test("the oracle's tolerance is needed only near the bottom: at peaks both agree to 1e-15", () => {
    const torch = torchCyclicLR({ baseLr: [0], maxLr: [1], stepSizeUp: 7, stepSizeDown: 13 });
    const lr = cyclicLR({ baseLr: 0, maxLr: 1, stepSizeUp: 7, stepSizeDown: 13 }).lr;
    for (let k = 0; k < 500; k++) {
      const t = 20 * k + 7;
      assert.ok(Math.abs(lr(t)[0] - torch(t).lrs[0]) <= 1e-12, `peak at t = ${t}`);
      assert.equal(lr(t)[0], 1);
    }
  });
});

// ---------------------------------------------------------------------------------------
// The seed's code (the reading note's CyclicLR.get_lr): symmetric cycles, same numbers.
//   cycle = np.floor(1 + self.last_batch_iteration / (2 * step_size))
//   x = np.abs(self.last_batch_iteration / step_size - 2 * cycle + 1)
//   base_height = (max_lr - base_lr) * np.maximum(0, (1 - x))
//   lr = base_lr + base_height * self.scale_fn(cycle or last_batch_iteration)
// ---------------------------------------------------------------------------------------
function seedCyclicLR(baseLr: number, maxLr: number, stepSize: number, mode: CyclicMode, gamma = 1) {
  const scaleFn = mode === "triangular"
    ? (_x: number) => 1
    : mode === "triangular2"
    ? (x: number) => 1 / (2 ** (x - 1))
    : (x: number) => gamma ** x;
  const scaleMode = mode === "exp_range" ? "iterations" : "cycle";
  return (it: number) => {
    const cycle = Math.floor(1 + it / (2 * stepSize));
    const x = Math.abs(it / stepSize - 2 * cycle + 1);
    const baseHeight = (maxLr - baseLr) * Math.max(0, 1 - x);
    return baseLr + baseHeight * scaleFn(scaleMode === "cycle" ? cycle : it);
  };
}

describe("cyclicLR against the seed's symmetric formula", () => {
  const cases: [string, number, number, number, CyclicMode, number][] = [
    ["the seed's usage example (exp_range, stepSize 300, gamma 0.99994)", 0.001, 0.003, 300, "exp_range", 0.99994],
    ["triangular", 0.001, 0.006, 2000, "triangular", 1],
    ["triangular2", 0.01, 0.1, 50, "triangular2", 1],
    ["triangular, stepSize 1", 0.2, 0.1, 1, "triangular", 1],
  ];
  for (const [name, base, max, stepSize, mode, gamma] of cases) {
    test(`${name}: cyclicLR({ stepSize }) matches over 10,000 iterations`, () => {
      const seed = seedCyclicLR(base, max, stepSize, mode, gamma);
      const lr = sample(cyclicLR({ baseLr: base, maxLr: max, stepSize, mode, gamma }).lr, 0, 10_000);
      for (let t = 0; t < 10_000; t++) {
        const cycle = Math.floor(1 + t / (2 * stepSize));
        const atol = 4 * Number.EPSILON * cycle * 2 * Math.abs(max - base); // same rounding story as PyTorch's x
        assert.ok(
          Math.abs(lr[t] - seed(t)) <= 1e-12 * Math.abs(seed(t)) + atol,
          `t = ${t}: seed ${seed(t)}, ours ${lr[t]}`,
        );
      }
    });
  }
});

// ---------------------------------------------------------------------------------------
// Where we differ on purpose: exact values at huge t, and triangular2 after cycle 1025.
// ---------------------------------------------------------------------------------------
/** The exact triangular rate at t, from BigInt arithmetic: r = t mod P exactly. */
function exactTriangular(base: number, max: number, up: number, down: number, t: number): number {
  const P = BigInt(up + down);
  const r = Number(BigInt(t) % P);
  const h = r <= up ? r / up : (up + down - r) / down;
  return base + (max - base) * h;
}

describe("large iterations", () => {
  const MAX = Number.MAX_SAFE_INTEGER;
  test("near 2^53 the rate is the exact value of t mod P (to 1e-15)", () => {
    const [base, max, up, down] = [0.001, 0.006, 2000, 3000];
    const lr = cyclicLR({ baseLr: base, maxLr: max, stepSizeUp: up, stepSizeDown: down }).lr;
    for (let i = 0; i < 2000; i++) {
      const t = MAX - i * 997;
      const want = exactTriangular(base, max, up, down, t);
      assert.ok(Math.abs(lr(t)[0] - want) <= 1e-15 * want, `t = ${t}: exact ${want}, ours ${lr(t)[0]}`);
    }
    assert.equal(lr(MAX)[0], exactTriangular(base, max, up, down, MAX));
  });

  test("there PyTorch's 1 + t / P - cycle has lost the position in the cycle", () => {
    const [base, max, up] = [0.001, 0.006, 2000];
    const torch = torchCyclicLR({ baseLr: [base], maxLr: [max], stepSizeUp: up });
    const lr = cyclicLR({ baseLr: base, maxLr: max, stepSizeUp: up }).lr;
    let worst = 0;
    for (let i = 0; i < 4000; i++) {
      const t = MAX - i;
      const exact = exactTriangular(base, max, up, up, t);
      assert.ok(Math.abs(lr(t)[0] - exact) <= 1e-15 * exact);
      worst = Math.max(worst, Math.abs(torch(t).lrs[0] - exact) / (max - base));
    }
    // x = 1 + t/P - cycle keeps only log2(P) - 1 bits of t/P's fraction near 2^53: PyTorch's
    // rate is off by a large part of the amplitude, ours is exact.
    assert.ok(worst > 1e-4, `PyTorch's worst error ${worst} of the amplitude`);
  });

  test("PyTorch and the exact value agree to 1e-12 up to t = 10^6 (the drift starts later)", () => {
    const torch = torchCyclicLR({ baseLr: [0.001], maxLr: [0.006], stepSizeUp: 2000 });
    const lr = cyclicLR({ baseLr: 0.001, maxLr: 0.006, stepSizeUp: 2000 }).lr;
    for (let t = 0; t <= 1_000_000; t += 997) {
      assert.ok(Math.abs(lr(t)[0] - torch(t).lrs[0]) <= 1e-12 * torch(t).lrs[0], `t = ${t}`);
    }
  });
});

describe("triangular2 past cycle 1025", () => {
  test("the rate is exactly baseLr, momentum exactly maxMomentum, never NaN (PyTorch raises OverflowError)", () => {
    const p = cyclicLR({
      baseLr: [0.001, 0.5],
      maxLr: [0.006, 1],
      stepSizeUp: 3,
      stepSizeDown: 5,
      mode: "triangular2",
    });
    const P = 8;
    for (const cycle of [1026, 1027, 1100, 5000, 1e9]) {
      for (let r = 0; r < P; r++) {
        const t = (cycle - 1) * P + r;
        assert.deepEqual(p.lr(t), [0.001, 0.5], `cycle ${cycle}, t = ${t}`);
        assert.deepEqual(p.momentum!(t), [0.9, 0.9]);
      }
    }
    assert.deepEqual(p.lr(Number.MAX_SAFE_INTEGER), [0.001, 0.5]);
  });

  test("up to cycle 1025 it agrees with PyTorch's formula (amplitude 2^-1024 there)", () => {
    const args: TorchArgs = { baseLr: [0.001], maxLr: [0.006], stepSizeUp: 3, stepSizeDown: 5, mode: "triangular2" };
    const torch = torchCyclicLR(args);
    const lr = ours(args).lr;
    for (let t = 0; t < 1025 * 8; t++) {
      const want = torch(t);
      assert.ok(closeToTorch(lr(t)[0], want.lrs[0], 0.005, want.cycle, 8, 3, 5), `t = ${t}`);
    }
  });

  test("with baseLr = 0 the rate decays into subnormals, stays finite and >= 0, then is exactly 0", () => {
    const lr = cyclicLR({ baseLr: 0, maxLr: 1, stepSizeUp: 1, mode: "triangular2" }).lr;
    assert.equal(lr(2 * 1024 + 1)[0], 2 ** -1024); // cycle 1025, peak
    assert.equal(lr(2 * 1074 + 1)[0], 2 ** -1074); // cycle 1075: the smallest subnormal
    for (const t of [2 * 1075 + 1, 2 * 2000 + 1, Number.MAX_SAFE_INTEGER]) assert.equal(lr(t)[0], 0);
  });
});
