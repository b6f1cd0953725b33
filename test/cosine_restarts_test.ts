// cosineRestarts against PyTorch's CosineAnnealingWarmRestarts stepped once per iteration:
// the expectations of PyTorch's own tests (test/optim/test_lrscheduler.py:
// test_CosineAnnealingWarmRestarts_lr1, _lr3), a transcription of its stepwise T_cur / T_i
// update as an oracle over long runs, and timm's CosineLRScheduler._get_lr for the extras.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { configOf } from "../mod.ts";
import { cosineRestarts, type CosineRestartsOptions, restartCycles } from "../mod.ts";

// ---- oracle 1: torch/optim/lr_scheduler.py CosineAnnealingWarmRestarts, transcribed -------

class TorchWarmRestarts {
  T_i: number;
  T_cur: number;
  last_epoch = -1;
  constructor(readonly base_lrs: number[], readonly T_0: number, readonly T_mult = 1, readonly eta_min = 0) {
    this.T_i = T_0;
    this.T_cur = -1;
  }
  get_lr(): number[] {
    return this.base_lrs.map((base_lr) =>
      this.eta_min + (base_lr - this.eta_min) * (1 + Math.cos(Math.PI * this.T_cur / this.T_i)) / 2
    );
  }
  step(epoch?: number): number[] {
    if (epoch === undefined && this.last_epoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.last_epoch + 1;
      this.T_cur = this.T_cur + 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur = this.T_cur % this.T_i;
        this.T_i = this.T_i * this.T_mult;
      }
    } else if (epoch >= this.T_0) {
      if (this.T_mult === 1) {
        this.T_cur = epoch % this.T_0;
      } else {
        // int(math.log(x, base)): Python's two-argument log is log(x) / log(base)
        const n = Math.trunc(Math.log(epoch / this.T_0 * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
        this.T_cur = epoch - this.T_0 * (this.T_mult ** n - 1) / (this.T_mult - 1);
        this.T_i = this.T_0 * this.T_mult ** n;
      }
    } else {
      this.T_i = this.T_0;
      this.T_cur = epoch;
    }
    this.last_epoch = Math.floor(epoch);
    return this.get_lr();
  }
}

// ---- oracle 2: timm/scheduler/cosine_lr.py CosineLRScheduler._get_lr, transcribed ---------

function timmLr(
  t: number,
  o: {
    base_values: number[];
    t_initial: number;
    lr_min: number;
    cycle_mul: number;
    cycle_decay: number;
    cycle_limit: number;
  },
): { lrs: number[]; i: number } {
  let i: number, t_i: number, t_curr: number;
  if (o.cycle_mul !== 1) {
    i = Math.floor(Math.log(1 - t / o.t_initial * (1 - o.cycle_mul)) / Math.log(o.cycle_mul));
    t_i = o.cycle_mul ** i * o.t_initial;
    t_curr = t - (1 - o.cycle_mul ** i) / (1 - o.cycle_mul) * o.t_initial;
  } else {
    i = Math.floor(t / o.t_initial);
    t_i = o.t_initial;
    t_curr = t - (o.t_initial * i);
  }
  const gamma = o.cycle_decay ** i;
  const lr_max_values = o.base_values.map((v) => v * gamma);
  if (i < o.cycle_limit) {
    return {
      lrs: lr_max_values.map((lr_max) => o.lr_min + 0.5 * (lr_max - o.lr_min) * (1 + Math.cos(Math.PI * t_curr / t_i))),
      i,
    };
  }
  return { lrs: o.base_values.map(() => o.lr_min), i };
}

// ---- helpers ------------------------------------------------------------------------------

function close(actual: number, expected: number, what: string, scale = 0): void {
  const ok = Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(actual), Math.abs(expected)) + 1e-14 * scale;
  assert.ok(ok, `${what}: expected ${expected}, got ${actual}`);
}

function sgdrValue(baseLr: number, etaMin: number, tCur: number, tI: number): number {
  return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
}

// ---- PyTorch's own expectations -----------------------------------------------------------

describe("cosineRestarts pins PyTorch's test_lrscheduler.py expectations", () => {
  for (const T_mult of [1, 2, 4]) {
    test(`test_CosineAnnealingWarmRestarts_lr1, T_mult = ${T_mult}: 100 iterations, two groups`, () => {
      const iters = 100, eta_min = 1e-10;
      let T_i = 10, T_cur = 0;
      const targets = [[0.05], [0.5]];
      for (let k = 1; k < iters; k++) {
        T_cur += 1;
        if (T_cur >= T_i) {
          T_cur = T_cur - T_i;
          T_i = T_mult * T_i;
        }
        targets[0].push(eta_min + (0.05 - eta_min) * (1 + Math.cos(Math.PI * T_cur / T_i)) / 2);
        targets[1].push(eta_min + (0.5 - eta_min) * (1 + Math.cos(Math.PI * T_cur / T_i)) / 2);
      }
      const { lr } = cosineRestarts({ baseLr: [0.05, 0.5], t0: 10, tMult: T_mult, etaMin: eta_min });
      for (let t = 0; t < iters; t++) {
        close(lr(t)[0], targets[0][t], `lr(${t})[0]`);
        close(lr(t)[1], targets[1][t], `lr(${t})[1]`);
      }
    });
  }

  test("test_CosineAnnealingWarmRestarts_lr3: the integer epochs' (T_cur, T_i) pairs", () => {
    // [T_mult, epoch, T_cur, T_i] from the test's tables, integer epochs only (an iteration is an integer here)
    const rows: [number, number, number, number][] = [
      [1, 1, 1, 10],
      [1, 5, 5, 10],
      [1, 12, 2, 10],
      [1, 27, 7, 10],
      [1, 3, 3, 10],
      [1, 13, 3, 10],
      [2, 5, 5, 10],
      [2, 25, 15, 20],
      [2, 32, 2, 40],
      [2, 33, 3, 40],
      [2, 34, 4, 40],
      [2, 80, 10, 80],
      [2, 81, 11, 80],
      [2, 3, 3, 10],
      [3, 50, 10, 90],
    ];
    for (const [tMult, epoch, tCur, tI] of rows) {
      const { lr } = cosineRestarts({ baseLr: [0.05, 0.5], t0: 10, tMult, etaMin: 1e-10 });
      close(lr(epoch)[0], sgdrValue(0.05, 1e-10, tCur, tI), `T_mult ${tMult}, epoch ${epoch}, group 0`);
      close(lr(epoch)[1], sgdrValue(0.5, 1e-10, tCur, tI), `T_mult ${tMult}, epoch ${epoch}, group 1`);
    }
  });
});

// ---- the stepwise oracle over long runs ---------------------------------------------------

describe("cosineRestarts equals PyTorch's stepwise T_cur / T_i update at every iteration (1e-12 relative)", () => {
  for (
    const [t0, tMult, iters] of [
      [1, 1, 20_000],
      [7, 1, 100_000],
      [10, 2, 200_000],
      [1, 2, 100_000],
      [3, 3, 200_000],
      [1, 4, 300_000],
      [13, 5, 200_000],
      [2, 7, 100_000],
    ]
  ) {
    test(`t0 = ${t0}, tMult = ${tMult}, ${iters} iterations, two groups`, () => {
      const etaMin = 1e-4;
      const torch = new TorchWarmRestarts([0.1, 2], t0, tMult, etaMin);
      const { lr } = cosineRestarts({ baseLr: [0.1, 2], t0, tMult, etaMin });
      for (let t = 0; t < iters; t++) {
        const expected = torch.step();
        const actual = lr(t);
        if (actual[0] !== expected[0] || actual[1] !== expected[1]) {
          close(actual[0], expected[0], `lr(${t})[0]`, 0.1);
          close(actual[1], expected[1], `lr(${t})[1]`, 2);
        }
      }
    });
  }

  test("every restart point up to 2^53 has the value baseLr, even where the closed form rounds the wrong way", () => {
    for (const [t0, tMult] of [[10, 3], [1, 3], [7, 5], [1, 2], [3, 10], [5, 6]]) {
      const { lr } = cosineRestarts({ baseLr: 0.5, t0, tMult, etaMin: 0.01 });
      // S_k by exact integer (BigInt) arithmetic
      let start = 0n, len = BigInt(t0), k = 0;
      while (start <= BigInt(Number.MAX_SAFE_INTEGER)) {
        const s = Number(start);
        assert.equal(lr(s)[0], 0.5, `restart ${k} at t = ${s} (t0 ${t0}, tMult ${tMult})`);
        if (k > 0 && len >= BigInt(2 * tMult)) {
          assert.ok(lr(s - 1)[0] < 0.5, `just before restart ${k} the rate is below the peak`);
        }
        start += len;
        len *= BigInt(tMult);
        k++;
      }
    }
  });

  const misrounds = Math.log(1000) / Math.log(10) < 3;
  test(
    "where PyTorch's closed form misfiles a restart (t0 = 1, tMult = 10, t = 111: log(1000) / log(10) = 2.9999999999999996), ours restarts",
    { skip: misrounds ? false : "this engine's Math.log rounds log(1000) / log(10) to 3" },
    () => {
      const torch = new TorchWarmRestarts([1], 1, 10, 0.01);
      assert.equal(torch.step(111)[0], 0.01); // T_cur = 100, T_i = 100: the bottom of cycle 2
      const { lr } = cosineRestarts({ baseLr: 1, t0: 1, tMult: 10, etaMin: 0.01 });
      assert.equal(lr(111)[0], 1);
      assert.equal(lr(110)[0], sgdrValue(1, 0.01, 99, 100));
    },
  );

  test("PyTorch's closed form with t0 = 10, tMult = 3 at t = 1210 (log(243) / log(3) = 4.999... in CPython): ours restarts", () => {
    const { lr } = cosineRestarts({ baseLr: 1, t0: 10, tMult: 3 });
    assert.equal(lr(1210)[0], 1);
    close(lr(1209)[0], sgdrValue(1, 0, 809, 810), "lr(1209)");
    assert.equal(restartCycles({ t0: 10, tMult: 3 }).cycle(1210), 5);
  });
});

// ---- timm's extras -----------------------------------------------------------------------

describe("cosineRestarts equals timm's CosineLRScheduler._get_lr for real tMult, cycleDecay, cycleLimit", () => {
  const cases: [CosineRestartsOptions & { baseLr: number[] }, number][] = [
    [{ baseLr: [0.1, 1], t0: 4, tMult: 1.5, etaMin: 0.001 }, 5000],
    [{ baseLr: [0.1], t0: 10, tMult: 1.1, etaMin: 0 }, 20000],
    [{ baseLr: [0.3], t0: 3, tMult: 2.5, etaMin: 0.01, cycleDecay: 0.5 }, 20000],
    [{ baseLr: [0.3], t0: 5, tMult: 1, etaMin: 0.01, cycleDecay: 0.8, cycleLimit: 4 }, 200],
    [{ baseLr: [0.3], t0: 5, tMult: 2, cycleDecay: 0.9, cycleLimit: 3 }, 500],
    [{ baseLr: [1], t0: 1, tMult: 1.01, etaMin: 0.1 }, 30000],
  ];
  for (const [o, iters] of cases) {
    test(JSON.stringify(o), () => {
      const { lr } = cosineRestarts(o);
      const { start, cycle } = restartCycles({ t0: o.t0, tMult: o.tMult });
      const timm = {
        base_values: o.baseLr,
        t_initial: o.t0,
        lr_min: Number(o.etaMin ?? 0),
        cycle_mul: o.tMult ?? 1,
        cycle_decay: o.cycleDecay ?? 1,
        cycle_limit: o.cycleLimit ?? Infinity,
      };
      let misfiled = 0;
      for (let t = 0; t < iters; t++) {
        const n = cycle(t);
        const { lrs: expected, i } = timmLr(t, timm), actual = lr(t);
        if (i !== n) {
          // timm's float log may misfile an iteration that is a restart point to within rounding
          const near = Math.min(Math.abs(t - start(n)), Math.abs(start(n + 1) - t));
          assert.ok(
            near <= 1e-9 * Math.max(1, t),
            `timm puts t = ${t} in cycle ${i}, ours ${n}, ${near} from a restart`,
          );
          misfiled++;
          continue;
        }
        expected.forEach((v, g) => close(actual[g], v, `lr(${t})[${g}]`, o.baseLr[g]));
      }
      assert.ok(misfiled < 10);
    });
  }

  test("real tMult: cycle lengths t0 * tMult^i, restarts at the first iteration >= S(i)", () => {
    const r = restartCycles({ t0: 4, tMult: 1.5 });
    assert.deepEqual([0, 1, 2, 3, 4, 5].map(r.start), [0, 4, 10, 19, 32.5, 52.75]);
    assert.deepEqual([3, 4, 9, 10, 18, 19, 32, 33].map(r.cycle), [0, 1, 1, 2, 2, 3, 3, 4]);
    const { lr } = cosineRestarts({ baseLr: 1, t0: 4, tMult: 1.5 });
    close(lr(32)[0], sgdrValue(1, 0, 13, 13.5), "lr(32)");
    close(lr(33)[0], sgdrValue(1, 0, 0.5, 20.25), "lr(33)");
    // 1.1 is a little above 1.1: S(2) = 21.000000000000000888..., which rounds to 21
    assert.deepEqual([0, 1, 2].map(restartCycles({ t0: 10, tMult: 1.1 }).start), [0, 10, 21]);
  });

  test("cycleLimit: after that many cycles the rate stays etaMin", () => {
    const { lr } = cosineRestarts({ baseLr: 1, t0: 10, tMult: 2, etaMin: 0.05, cycleLimit: 2 });
    assert.equal(lr(10)[0], 1);
    assert.equal(lr(29)[0] > 0.05, true);
    for (const t of [30, 31, 1000, Number.MAX_SAFE_INTEGER]) assert.equal(lr(t)[0], 0.05);
  });

  test("cycleDecay: the peak of cycle n is baseLr * cycleDecay^n", () => {
    const { lr } = cosineRestarts({ baseLr: 0.8, t0: 3, tMult: 2, cycleDecay: 0.5 });
    assert.deepEqual([0, 3, 9, 21].map((t) => lr(t)[0]), [0.8, 0.4, 0.2, 0.1]);
  });
});

describe("cosineRestarts warm-up inside every cycle", () => {
  test("ramps linearly from etaMin to the peak over warmupSteps, then the cosine runs over the rest of the cycle", () => {
    const { lr } = cosineRestarts({ baseLr: 1, t0: 10, warmupSteps: 2, etaMin: 0.1 });
    const v = (t: number) => lr(t)[0];
    assert.equal(v(0), 0.1);
    close(v(1), 0.55, "lr(1)");
    assert.equal(v(2), 1);
    close(v(6), 0.1 + 0.9 * (1 + Math.cos(Math.PI * 4 / 8)) / 2, "lr(6)");
    assert.equal(v(10), 0.1);
    close(v(11), 0.55, "lr(11)");
    assert.equal(v(12), 1);
  });

  test("with tMult = 2 and cycleDecay, the ramp reaches each cycle's own peak", () => {
    const { lr } = cosineRestarts({ baseLr: 1, t0: 4, tMult: 2, warmupSteps: 3, cycleDecay: 0.5 });
    assert.deepEqual([0, 3, 4, 7, 12, 15].map((t) => lr(t)[0]), [0, 1, 0, 0.5, 0, 0.25]);
  });
});

describe("cosineRestarts config and errors", () => {
  test("records its config with every default written out (no cycleLimit key when there is no limit)", () => {
    assert.deepEqual(configOf(cosineRestarts({ baseLr: 0.1, t0: 10 })), {
      policy: "cosineRestarts",
      baseLr: 0.1,
      t0: 10,
      tMult: 1,
      etaMin: 0,
      cycleDecay: 1,
      warmupSteps: 0,
      kDecay: 1,
    });
    assert.deepEqual(configOf(cosineRestarts({ baseLr: [0.1, 0.2], t0: 10, cycleLimit: 3 })), {
      policy: "cosineRestarts",
      baseLr: [0.1, 0.2],
      t0: 10,
      tMult: 1,
      etaMin: [0, 0],
      cycleDecay: 1,
      cycleLimit: 3,
      warmupSteps: 0,
      kDecay: 1,
    });
  });

  test("has no momentum", () => assert.equal(cosineRestarts({ baseLr: 0.1, t0: 10 }).momentum, undefined));

  const cases: [string, () => unknown, string, string][] = [
    [
      "missing baseLr",
      () => cosineRestarts({ t0: 10 } as unknown as CosineRestartsOptions),
      "TypeError",
      "baseLr: expected a finite number >= 0 or a non-empty array of them, got undefined",
    ],
    ["t0 0", () => cosineRestarts({ baseLr: 1, t0: 0 }), "RangeError", "t0: expected a positive integer, got 0"],
    ["t0 1.5", () => cosineRestarts({ baseLr: 1, t0: 1.5 }), "RangeError", "t0: expected a positive integer, got 1.5"],
    [
      "tMult 0.5",
      () => cosineRestarts({ baseLr: 1, t0: 10, tMult: 0.5 }),
      "RangeError",
      "tMult: expected a finite number >= 1, got 0.5",
    ],
    [
      "tMult Infinity",
      () => cosineRestarts({ baseLr: 1, t0: 10, tMult: Infinity }),
      "RangeError",
      "tMult: expected a finite number >= 1, got Infinity",
    ],
    [
      "etaMin -1",
      () => cosineRestarts({ baseLr: 1, t0: 10, etaMin: -1 }),
      "RangeError",
      "etaMin: expected a finite number >= 0, got -1",
    ],
    [
      "cycleDecay 0",
      () => cosineRestarts({ baseLr: 1, t0: 10, cycleDecay: 0 }),
      "RangeError",
      "cycleDecay: expected a number in (0, 1], got 0",
    ],
    [
      "cycleDecay 1.5",
      () => cosineRestarts({ baseLr: 1, t0: 10, cycleDecay: 1.5 }),
      "RangeError",
      "cycleDecay: expected a number in (0, 1], got 1.5",
    ],
    [
      "cycleLimit 0",
      () => cosineRestarts({ baseLr: 1, t0: 10, cycleLimit: 0 }),
      "RangeError",
      "cycleLimit: expected a positive integer, got 0",
    ],
    [
      "warmupSteps = t0",
      () => cosineRestarts({ baseLr: 1, t0: 10, warmupSteps: 10 }),
      "RangeError",
      "warmupSteps: expected a non-negative integer below t0 (10), got 10",
    ],
    [
      "warmupSteps -1",
      () => cosineRestarts({ baseLr: 1, t0: 10, warmupSteps: -1 }),
      "RangeError",
      "warmupSteps: expected a non-negative integer, got -1",
    ],
  ];
  for (const [name, fn, type, message] of cases) {
    test(`rejects ${name}: ${message}`, () => assert.throws(fn, { name: type, message }));
  }
});
