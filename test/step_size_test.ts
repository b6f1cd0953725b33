// stepSize and iterationsPerEpoch: PyTorch DataLoader's batch count (ceil, or floor with
// drop_last), the paper's 2-10 epochs, rounding, and the error texts.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { iterationsPerEpoch, stepSize } from "../range_test.ts";

describe("iterationsPerEpoch", () => {
  test("is len(DataLoader): ceil(size / batch), floor with dropLast", () => {
    const cases: [number, number, boolean, number][] = [
      [8000, 100, false, 80],
      [8000, 100, true, 80],
      [8001, 100, false, 81],
      [8001, 100, true, 80],
      [50_000, 128, false, 391],
      [50_000, 128, true, 390],
      [1, 1, false, 1],
      [3, 10, false, 1],
    ];
    for (const [datasetSize, batchSize, dropLast, expected] of cases) {
      assert.equal(
        iterationsPerEpoch({ datasetSize, batchSize, dropLast }),
        expected,
        `${datasetSize}/${batchSize} ${dropLast}`,
      );
    }
  });

  test("dropLast with a batch larger than the data set leaves no batch: RangeError naming batchSize", () => {
    assert.throws(() => iterationsPerEpoch({ datasetSize: 3, batchSize: 10, dropLast: true }), {
      name: "RangeError",
      message: "batchSize: expected at most datasetSize (3) when dropLast is true, got 10",
    });
  });
});

describe("stepSize", () => {
  test("the demo: 8,000 examples, batch 100, 4 epochs = 320 iterations", () => {
    assert.equal(stepSize({ datasetSize: 8000, batchSize: 100, epochsPerHalfCycle: 4 }), 320);
  });

  test("the paper's CIFAR-10 range: 2 to 10 epochs of 500 iterations", () => {
    for (let e = 2; e <= 10; e++) {
      assert.equal(stepSize({ datasetSize: 50_000, batchSize: 100, epochsPerHalfCycle: e }), 500 * e);
    }
  });

  test("a whole number of epochs is a multiple of the (ceil) epoch length", () => {
    assert.equal(stepSize({ datasetSize: 50_000, batchSize: 128, epochsPerHalfCycle: 3 }), 3 * 391);
    assert.equal(stepSize({ datasetSize: 50_000, batchSize: 128, epochsPerHalfCycle: 3, dropLast: true }), 3 * 390);
  });

  test("fractions of an epoch round half up, and never below 1", () => {
    assert.equal(stepSize({ datasetSize: 30, batchSize: 10, epochsPerHalfCycle: 2.5 }), 8); // 7.5
    assert.equal(stepSize({ datasetSize: 30, batchSize: 10, epochsPerHalfCycle: 0.5 }), 2); // 1.5
    assert.equal(stepSize({ datasetSize: 30, batchSize: 10, epochsPerHalfCycle: 0.4 }), 1); // 1.2
    assert.equal(stepSize({ datasetSize: 30, batchSize: 10, epochsPerHalfCycle: 0.01 }), 1); // 0.03
  });

  test("values outside the paper's 2-10 epochs are allowed", () => {
    assert.equal(stepSize({ datasetSize: 1000, batchSize: 10, epochsPerHalfCycle: 50 }), 5000);
    assert.equal(stepSize({ datasetSize: 1000, batchSize: 10, epochsPerHalfCycle: 1 }), 100);
  });

  test("bad fields are named, with the value", () => {
    const base = { datasetSize: 1000, batchSize: 10, epochsPerHalfCycle: 4 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ datasetSize: 0 }, "RangeError", "datasetSize: expected a positive integer, got 0"],
      [{ datasetSize: 10.5 }, "RangeError", "datasetSize: expected a positive integer, got 10.5"],
      [{ datasetSize: "1000" }, "TypeError", 'datasetSize: expected a positive integer, got "1000"'],
      [{ batchSize: -1 }, "RangeError", "batchSize: expected a positive integer, got -1"],
      [{ batchSize: NaN }, "RangeError", "batchSize: expected a positive integer, got NaN"],
      [{ epochsPerHalfCycle: 0 }, "RangeError", "epochsPerHalfCycle: expected a finite number > 0, got 0"],
      [
        { epochsPerHalfCycle: Infinity },
        "RangeError",
        "epochsPerHalfCycle: expected a finite number > 0, got Infinity",
      ],
      [
        { epochsPerHalfCycle: undefined },
        "TypeError",
        "epochsPerHalfCycle: expected a finite number > 0, got undefined",
      ],
      [{ dropLast: "yes" }, "TypeError", 'dropLast: expected a boolean, got "yes"'],
      [
        { epochsPerHalfCycle: 1e300 },
        "RangeError",
        `epochsPerHalfCycle: expected a number of epochs giving at most ${Number.MAX_SAFE_INTEGER} iterations, got 1e+300`,
      ],
    ];
    for (const [patch, name, message] of cases) {
      const options = { ...base, ...patch };
      assert.throws(() => Reflect.apply(stepSize, undefined, [options]), { name, message });
    }
  });
});
