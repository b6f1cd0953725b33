// Laws of product over valid factors (props/arbitraries_02.ts): it is the group-by-group
// product (one-group factors repeated), a factor 1 changes nothing and the order of two
// factors does not matter (bit for bit), a factor 0 gives 0, products of products agree with
// the flat product, it stays finite where the left-to-right product would leave the doubles,
// and it refuses factors with momentum, naming them.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { constant, cyclicLR, LawError, oneCycle, product } from "../mod.ts";
import { productOf } from "../lib/_saturate.ts";
import { productCaseArb } from "./arbitraries_02.ts";
import { near } from "./shape_laws.ts";

const RUNS = { numRuns: 200 };
const tArb = fc.oneof(fc.nat({ max: 5000 }), fc.maxSafeNat());

describe("product: laws", () => {
  test("lr(t)[g] is the product of the factors' values (a one-group factor for every group), bit for bit left to right where every partial product is a normal double", () =>
    fc.assert(
      fc.property(productCaseArb, tArb, (c, t) => {
        const factors = c.factors();
        const rows = factors.map((f) => f(t));
        const got = product(factors)(t);
        assert.equal(got.length, c.groups);
        got.forEach((v, g) => {
          // The plain product, where every partial product stays a normal double (seed 1878664542:
          // 1.8e-175 × 1.4e-149 underflows on the way, and the exact path is then the better value).
          let plain = 1, normal = true;
          for (const r of rows) {
            plain *= r.length === 1 ? r[0] : r[g];
            if (!(Math.abs(plain) >= 2 ** -1022 && Math.abs(plain) <= Number.MAX_VALUE)) normal = false;
          }
          if (normal && !Object.is(v, plain)) {
            throw new LawError("product", [t], `(group ${g}) expected ${plain}, got ${v}`);
          }
          if (!Number.isFinite(v)) throw new LawError("product finite", [t], `(group ${g}) got ${v}`);
        });
      }),
      RUNS,
    ));

  test("a factor 1 changes nothing and two factors commute, bit for bit", () =>
    fc.assert(
      fc.property(productCaseArb, tArb, (c, t) => {
        const [a, b] = c.factors();
        const one = product([a, constant({ value: 1 })])(t), own = a(t);
        own.forEach((v, g) => assert.ok(Object.is(one[g], v), `× 1 at ${t}`));
        const ab = product([a, b])(t), ba = product([b, a])(t);
        ab.forEach((v, g) => assert.ok(Object.is(v, ba[g]), `a × b = b × a at ${t}`));
      }),
      RUNS,
    ));

  test("a factor 0 gives 0, whatever the others (never Infinity × 0)", () =>
    fc.assert(
      fc.property(productCaseArb, tArb, (c, t) => {
        const got = product([...c.factors(), constant({ value: 0 })])(t);
        got.forEach((v) => assert.equal(v, 0));
      }),
      RUNS,
    ));

  test("a product of products agrees with the flat product to 1e-12", () =>
    fc.assert(
      fc.property(productCaseArb, tArb, (c, t) => {
        const fs = c.factors();
        if (fs.length < 3) return;
        const inner = product(fs.slice(1))(t);
        const nested = product([fs[0], product(fs.slice(1))])(t), flat = product(fs)(t);
        flat.forEach((v, g) => {
          // Held at MAX_VALUE, or a subnormal (the flat or the inner product, rounded on the
          // subnormals' fixed grid: seeds 1260808869 and -930942464 found inner products of 1e-310 and 0): not 1e-12.
          const w = Math.abs(inner[inner.length === 1 ? 0 : g]);
          if (
            Math.abs(v) === Number.MAX_VALUE || Math.abs(v) < 2 ** -1022 || w === Number.MAX_VALUE || w < 2 ** -1022
          ) return;
          if (!near(nested[g], v, 0)) {
            throw new LawError("associative", [t], `(group ${g}) nested ${nested[g]}, flat ${v}`);
          }
        });
      }),
      RUNS,
    ));
});

describe("product: where the doubles end", () => {
  test("Number.MAX_VALUE × Number.MAX_VALUE × 0 is 0, × 1e-308 × 1e-308 is about 3.2, 1e-300 × 1e-300 × 1e300 × 1e300 is 1 (over- or underflow on the way: the true product)", () => {
    assert.equal(productOf([Number.MAX_VALUE, Number.MAX_VALUE, 0]), 0);
    const exact = productOf([Number.MAX_VALUE, Number.MAX_VALUE, 1e-308, 1e-308]);
    // (1.7976931348623157e308)^2 * 1e-616 = 1.7976931348623157^2, to the rounding of 1e-308.
    assert.ok(Math.abs(exact - 1.7976931348623157 ** 2) < 1e-14, `${exact}`);
    assert.equal(productOf([1e300, 1e300]), Number.MAX_VALUE);
    assert.equal(productOf([1e300, -1e300]), -Number.MAX_VALUE);
    // An underflow on the way would give 0 left to right; the true product is 1 to a few roundings.
    const recovered = productOf([1e-300, 1e-300, 1e300, 1e300]);
    assert.ok(Math.abs(recovered - 1) < 1e-15, `${recovered}`);
    assert.equal(productOf([5e-324, 2 ** 1000, 2 ** 74]), 1);
    assert.equal(productOf([0.5, 0.25]), 0.125);
  });

  test("factors with momentum are refused, each named with the fix", () => {
    assert.throws(() => product([constant({ value: 1 }), cyclicLR({}), oneCycle({ maxLr: 1, totalSteps: 10 })]), {
      name: "TypeError",
      message:
        'schedules[1]: expected a schedule without momentum (a product has none), got schedules[1] ("cyclic") with momentum (give it "cycleMomentum": false)\n' +
        'schedules[2]: expected a schedule without momentum (a product has none), got schedules[2] ("oneCycle") with momentum (give it "cycleMomentum": false)',
    });
  });
});
