/**
 * Deterministic elementary functions: the same bits on every conforming ECMAScript engine,
 * because they are made only of IEEE-754 double operations (`+ - * /`, comparisons, `Math.abs`,
 * `Math.floor`, `Math.round`, exact BigInt arithmetic, and bit access through a DataView),
 * which ECMAScript specifies exactly, where `Math.cos` & co. are implementation-approximated.
 * Each is within 1 ulp of the true value (cos and sin 0.8 ulp, the others 0.51) with the
 * special values of its `Math` counterpart. Internal: the policies use them for every value.
 *
 * @module
 */

export { cos, sin } from "./trig.ts";
export { exp } from "./exp.ts";
export { expm1 } from "./expm1.ts";
export { log, log1p } from "./log.ts";
export { pow, powWithBase } from "./pow.ts";
export { tanh } from "./tanh.ts";
