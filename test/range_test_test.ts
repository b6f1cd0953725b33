// The LR range test: the ramp (pytorch-lr-finder's LinearLR/ExponentialLR), fastai's smoothing
// (AvgSmoothLoss transcribed), the divergence stop (fastai's 4x, safe for negative losses), the
// non-finite stop, sync and async steps, and the promise that the model and optimizer state
// are restored exactly.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { rangeTest, type RangeTestCurve } from "../lib/range_test/range_test_runner.ts";
import { rangeTestRamp } from "../lib/range_test/ramp.ts";
import { smoothCentered, smoothEma } from "../lib/range_test/smoothing.ts";

const close = (a: number, b: number, rtol = 1e-12) =>
  Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe("rangeTestRamp", () => {
  // pytorch-lr-finder, torch_lr_finder/lr_finder.py (PyTorch >= 1.1):
  //   LinearLR.get_lr:      r = last_epoch / (num_iter - 1); base_lr + r * (end_lr - base_lr)
  //   ExponentialLR.get_lr: r = last_epoch / (num_iter - 1); base_lr * (end_lr / base_lr) ** r
  const linear = (s: number, e: number, n: number, t: number) => s + (t / (n - 1)) * (e - s);
  const exponential = (s: number, e: number, n: number, t: number) => s * (e / s) ** (t / (n - 1));

  test("linear: pytorch-lr-finder's LinearLR, both ends tested", () => {
    const lr = rangeTestRamp({ minLr: 1e-4, maxLr: 2, iterations: 640 });
    assert.equal(lr(0), 1e-4);
    assert.equal(lr(639), 2);
    for (const t of [1, 20, 320, 500, 638]) assert.ok(close(lr(t), linear(1e-4, 2, 640, t)), `t = ${t}`);
  });

  test("exponential: pytorch-lr-finder's ExponentialLR, both ends tested", () => {
    const lr = rangeTestRamp({ minLr: 1e-7, maxLr: 10, iterations: 100, mode: "exponential" });
    assert.equal(lr(0), 1e-7);
    assert.equal(lr(99), 10);
    for (const t of [1, 33, 50, 98]) assert.ok(close(lr(t), exponential(1e-7, 10, 100, t)), `t = ${t}`);
  });

  test("holds maxLr past the end and checks the iteration", () => {
    const lr = rangeTestRamp({ minLr: 0.1, maxLr: 1, iterations: 2 });
    assert.equal(lr(5), 1);
    assert.throws(() => lr(-1), { name: "RangeError", message: "iteration: expected a non-negative integer, got -1" });
  });

  test("bad ramps are named", () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ minLr: 0 }, "RangeError", "minLr: expected a finite number > 0, got 0"],
      [{ maxLr: 1e-4 }, "RangeError", "maxLr: expected a finite number > minLr (0.001), got 0.0001"],
      [{ maxLr: Infinity }, "RangeError", "maxLr: expected a finite number > minLr (0.001), got Infinity"],
      [{ iterations: 1 }, "RangeError", "iterations: expected an integer >= 2, got 1"],
      [{ mode: "exp" }, "TypeError", 'mode: expected one of "linear", "exponential", got "exp"'],
    ];
    for (const [patch, name, message] of cases) {
      const options = { minLr: 1e-3, maxLr: 1, iterations: 10, ...patch };
      assert.throws(() => Reflect.apply(rangeTestRamp, undefined, [options]), { name, message });
    }
  });
});

describe("smoothing", () => {
  // fastai learner.py, AvgSmoothLoss: val = torch.lerp(loss, val, beta) = loss + beta * (val - loss);
  // value = val / (1 - beta ** count), val starting at 0.
  function fastaiSmooth(losses: number[], beta: number): number[] {
    let val = 0, count = 0;
    return losses.map((loss) => {
      count += 1;
      val = loss + beta * (val - loss);
      return val / (1 - beta ** count);
    });
  }

  test("smoothEma is fastai's AvgSmoothLoss", () => {
    const losses = Array.from({ length: 300 }, (_, i) => 2.3 * Math.exp(-i / 80) + 0.1 * Math.sin(i * 1.7));
    const ours = smoothEma(losses), theirs = fastaiSmooth(losses, 0.98);
    ours.forEach((v, i) => assert.ok(close(v, theirs[i]), `i = ${i}: ${v} vs ${theirs[i]}`));
  });

  test("sparse values decay by beta ** gap: the same as every iteration reporting the last value", () => {
    // Values every 5 iterations equal, in the limit of a held signal, dense values held.
    const sparse = smoothEma([1, 2, 4], { beta: 0.9, iterations: [0, 5, 10] });
    const w1 = 1 - 0.9 ** 6, w2 = 1 - 0.9 ** 11;
    let v = 1 + 0.9 * (0 - 1);
    v = 2 + 0.9 ** 5 * (v - 2);
    assert.ok(close(sparse[1], v / w1));
    v = 4 + 0.9 ** 5 * (v - 4);
    assert.ok(close(sparse[2], v / w2));
  });

  test("beta 0 returns the values, forward and centered", () => {
    const xs = [3, -1, 4, 1, -5, 9];
    assert.deepEqual(smoothEma(xs, { beta: 0 }), xs);
    assert.deepEqual(smoothCentered(xs, { beta: 0 }), xs);
  });

  test("smoothCentered has no lag on a line; smoothEma lags by about beta / (1 - beta)", () => {
    const line = Array.from({ length: 400 }, (_, i) => i);
    const c = smoothCentered(line, { beta: 0.9 }), f = smoothEma(line, { beta: 0.9 });
    assert.ok(Math.abs(c[200] - 200) < 1e-6);
    assert.ok(Math.abs(200 - f[200] - 9) < 1e-6);
  });

  test("bad options are named", () => {
    assert.throws(() => smoothEma([1], { beta: 1 }), {
      name: "RangeError",
      message: "beta: expected a number in [0, 1), got 1",
    });
    assert.throws(() => smoothEma([1, 2], { iterations: [0] }), {
      name: "RangeError",
      message: "iterations: expected 2 values (one per value), got 1",
    });
    assert.throws(() => smoothEma([1, 2], { iterations: [3, 3] }), {
      name: "RangeError",
      message: "iterations[1]: expected a non-negative integer above the previous one, got 3",
    });
  });
});

/** A fake model: SGD with momentum on a quadratic, whose state we can compare bit for bit. */
function fakeModel() {
  const params = Float32Array.from([0.5, -1.25, 2, 3.5]);
  const state = { momentum: new Float32Array(4), step: 0 };
  const target = [1, 1, 1, 1];
  const step = (lr: number, t: number) => {
    let loss = 0;
    for (let i = 0; i < params.length; i++) {
      const g = 2 * (params[i] - target[i]);
      loss += (params[i] - target[i]) ** 2;
      state.momentum[i] = 0.9 * state.momentum[i] + g;
      params[i] -= lr * state.momentum[i];
    }
    state.step += 1;
    return t % 10 === 0 ? { loss, accuracy: 1 / (1 + loss) } : loss;
  };
  const restore = {
    save: () => ({ params: Float32Array.from(params), momentum: Float32Array.from(state.momentum), step: state.step }),
    load: (s: { params: Float32Array; momentum: Float32Array; step: number }) => {
      params.set(s.params);
      state.momentum.set(s.momentum);
      state.step = s.step;
    },
  };
  const copy = () => ({ params: [...params], momentum: [...state.momentum], step: state.step });
  return { params, state, step, restore, copy };
}

describe("rangeTest", () => {
  test("records the ramp, the loss at every step and the accuracy where reported", async () => {
    const m = fakeModel();
    const curve = await rangeTest(m.step, { minLr: 1e-4, maxLr: 0.05, iterations: 50, restore: m.restore });
    const ramp = rangeTestRamp({ minLr: 1e-4, maxLr: 0.05, iterations: 50 });
    assert.equal(curve.stop, "completed");
    assert.deepEqual(curve.lrs, Array.from({ length: 50 }, (_, t) => ramp(t)));
    assert.equal(curve.loss?.raw.length, 50);
    assert.deepEqual(curve.accuracy?.iterations, [0, 10, 20, 30, 40]);
    assert.deepEqual(curve.accuracy?.lrs, [0, 10, 20, 30, 40].map(ramp));
    assert.deepEqual(curve.loss?.smoothed, smoothEma(curve.loss?.raw ?? [], { beta: 0.98 }));
    assert.deepEqual(curve.settings, {
      minLr: 1e-4,
      maxLr: 0.05,
      iterations: 50,
      mode: "linear",
      beta: 0.98,
      divergeThreshold: 4,
      scheduleFree: false,
    });
  });

  test("restores the parameters and the optimizer state exactly", async () => {
    const m = fakeModel();
    const before = m.copy();
    const curve = await rangeTest(m.step, { minLr: 1e-3, maxLr: 0.3, iterations: 40, restore: m.restore });
    assert.ok(curve.lrs.length > 5);
    assert.deepEqual(m.copy(), before);
  });

  test("restores also when a step throws, and rethrows", async () => {
    const m = fakeModel();
    const before = m.copy();
    await assert.rejects(
      rangeTest((lr, t) => {
        if (t === 7) throw new Error("out of memory");
        return m.step(lr, t);
      }, { minLr: 1e-3, maxLr: 0.1, iterations: 20, restore: m.restore }),
      { message: "out of memory" },
    );
    assert.deepEqual(m.copy(), before);
  });

  test("a step that throws and a restore that throws after it: an AggregateError keeps both", async () => {
    const m = fakeModel();
    const stepError = new Error("out of memory"), loadError = new TypeError("disk full");
    const rejection = rangeTest((lr, t) => {
      if (t === 3) throw stepError;
      return m.step(lr, t);
    }, {
      minLr: 1e-3,
      maxLr: 0.1,
      iterations: 20,
      restore: {
        save: m.restore.save,
        load: () => {
          throw loadError;
        },
      },
    });
    await assert.rejects(rejection, (e: unknown) => {
      assert.ok(e instanceof AggregateError);
      assert.deepEqual(e.errors, [stepError, loadError]);
      assert.equal(
        e.message,
        "rangeTest: iteration 3 threw (errors[0]: Error: out of memory) and restore.load threw after it " +
          "(errors[1]: TypeError: disk full), so the model and optimizer were not restored",
      );
      return true;
    });
    // a restore that throws after a test that completed is rethrown as it is
    await assert.rejects(
      rangeTest(m.step, {
        minLr: 1e-3,
        maxLr: 0.1,
        iterations: 5,
        restore: { save: m.restore.save, load: () => Promise.reject(loadError) },
      }),
      loadError,
    );
  });

  test("async steps and async hooks give the same curve as sync ones", async () => {
    const a = fakeModel(), b = fakeModel();
    const sync = await rangeTest(a.step, { minLr: 1e-3, maxLr: 0.2, iterations: 30, restore: a.restore });
    const asyncCurve = await rangeTest((lr, t) => Promise.resolve(b.step(lr, t)), {
      minLr: 1e-3,
      maxLr: 0.2,
      iterations: 30,
      restore: {
        save: async () => await b.restore.save(),
        load: async (s) => await Promise.resolve(b.restore.load(s)),
      },
    });
    assert.deepEqual(asyncCurve, sync);
    assert.deepEqual(b.copy(), a.copy());
  });

  test("restore: false leaves the model trained", async () => {
    const m = fakeModel();
    await rangeTest(m.step, { minLr: 1e-3, maxLr: 0.01, iterations: 5, restore: false });
    assert.equal(m.state.step, 5);
  });

  test("stops when the smoothed loss passes 4 times the best (fastai), keeping that point", async () => {
    const losses = Array.from({ length: 200 }, (_, t) => (t < 60 ? 2 - t / 60 : 1 + ((t - 60) / 10) ** 2));
    const curve = await rangeTest((_lr, t) => losses[t], { minLr: 0.01, maxLr: 1, iterations: 200, restore: false });
    assert.equal(curve.stop, "diverged");
    // Independent check: the first t at which the smoothed loss exceeds 4 x its running minimum.
    const s = smoothEma(losses);
    let best = Infinity, expected = -1;
    for (let t = 0; t < s.length; t++) {
      best = Math.min(best, s[t]);
      if (s[t] > 4 * best) {
        expected = t;
        break;
      }
    }
    assert.ok(expected > 60);
    assert.equal(curve.lrs.length, expected + 1);
    assert.equal(curve.loss?.raw.length, expected + 1);
  });

  test("negative losses: no stop while the loss falls, a stop when it rises by 3 |best|", async () => {
    const falling = await rangeTest((_lr, t) => -10 - t, {
      minLr: 0.01,
      maxLr: 1,
      iterations: 50,
      restore: false,
      beta: 0,
    });
    assert.equal(falling.stop, "completed");
    // best -10, threshold 4: stops once s - (-10) > 3 * 10, i.e. s > 20.
    const rising = await rangeTest((_lr, t) => -10 + t, {
      minLr: 0.01,
      maxLr: 1,
      iterations: 50,
      restore: false,
      beta: 0,
    });
    assert.equal(rising.stop, "diverged");
    assert.equal(rising.lrs.length, 32); // t = 31 gives 21 > 20
  });

  test("divergeThreshold Infinity never stops on divergence", async () => {
    const curve = await rangeTest((_lr, t) => 1 + t ** 3, {
      minLr: 0.01,
      maxLr: 1,
      iterations: 60,
      restore: false,
      divergeThreshold: Infinity,
    });
    assert.equal(curve.stop, "completed");
  });

  test("stops on a NaN or infinite loss, which is not recorded", async () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const curve = await rangeTest((_lr, t) => (t === 7 ? bad : 1), {
        minLr: 0.01,
        maxLr: 1,
        iterations: 20,
        restore: false,
      });
      assert.equal(curve.stop, "nonFinite");
      assert.equal(curve.lrs.length, 8);
      assert.equal(curve.loss?.raw.length, 7);
      assert.ok(JSON.stringify(curve).indexOf("null") < 0);
    }
  });

  test("an accuracy-only step never stops on divergence; a NaN accuracy stops", async () => {
    const acc = await rangeTest((_lr, t) => (t % 20 === 0 ? { accuracy: t / 100 } : undefined), {
      minLr: 0.01,
      maxLr: 1,
      iterations: 100,
      restore: false,
    });
    assert.equal(acc.stop, "completed");
    assert.equal(acc.loss, undefined);
    assert.deepEqual(acc.accuracy?.raw, [0, 0.2, 0.4, 0.6, 0.8]);
    const nan = await rangeTest((_lr, t) => ({ accuracy: t === 3 ? NaN : 0.5 }), {
      minLr: 0.01,
      maxLr: 1,
      iterations: 10,
      restore: false,
    });
    assert.equal(nan.stop, "nonFinite");
  });

  test("onStep sees every iteration with its smoothed loss", async () => {
    const seen: number[] = [];
    await rangeTest((_lr, t) => 1 / (t + 1), {
      minLr: 0.01,
      maxLr: 1,
      iterations: 10,
      restore: false,
      onStep: (p) => {
        assert.equal(typeof p.smoothedLoss, "number");
        seen.push(p.iteration);
      },
    });
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("the curve is plain data: JSON round-trips it", async () => {
    const m = fakeModel();
    const curve: RangeTestCurve = await rangeTest(m.step, {
      minLr: 1e-3,
      maxLr: 0.1,
      iterations: 25,
      restore: m.restore,
    });
    assert.deepEqual(JSON.parse(JSON.stringify(curve)), curve);
  });

  test("bad options and bad reports are named", async () => {
    const ok = { minLr: 0.01, maxLr: 1, iterations: 10, restore: false as const };
    await assert.rejects(Reflect.apply(rangeTest, undefined, [() => 1, { minLr: 0.01, maxLr: 1, iterations: 10 }]), {
      name: "TypeError",
      message: "restore: expected a trainer, { save, load } functions or false, got undefined",
    });
    await assert.rejects(rangeTest(() => 1, { ...ok, beta: 1 }), {
      name: "RangeError",
      message: "beta: expected a number in [0, 1), got 1",
    });
    await assert.rejects(rangeTest(() => 1, { ...ok, divergeThreshold: 1 }), {
      name: "RangeError",
      message: "divergeThreshold: expected a number > 1 (Infinity never stops), got 1",
    });
    await assert.rejects(Reflect.apply(rangeTest, undefined, [() => "1", ok]), {
      name: "TypeError",
      message: 'step(0): expected a number, { loss, accuracy } or undefined, got "1"',
    });
    await assert.rejects(Reflect.apply(rangeTest, undefined, [() => ({ loss: "1" }), ok]), {
      name: "TypeError",
      message: 'step(0).loss: expected a number, got "1"',
    });
  });
});
