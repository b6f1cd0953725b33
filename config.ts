/**
 * cyclical-lr/config: schedules as JSON (`docs/schedule-config.md`). Decode a config with
 * every error at once, build its policy, and encode a policy back. Decoding uses fp-ts and
 * io-ts, which is why this is an entry point of its own.
 *
 * @example Decode, build, encode
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeConfig, encodeConfig, policyFromConfig } from "cyclical-lr/config";
 * const p = policyFromConfig({ policy: "cyclic", stepSize: 4, mode: "triangular2", cycleMomentum: false });
 * assert.equal(encodeConfig(p).policy, "cyclic");
 * assert.deepEqual(decodeConfig({ policy: "cyclic", step_size: 4 }), {
 *   _tag: "Left",
 *   left: ["step_size: unknown field; did you mean stepSize?"],
 * });
 * ```
 *
 * @module
 */
export type * from "./lib/config/types.ts";
export {
  DECODE,
  decodeConfig,
  type DecodeOptions,
  type DecodeResult,
  MAX_JOIN_DEPTH,
  parseConfig,
} from "./lib/config/decode.ts";
export { buildPolicy, metricPolicyFromConfig, policyFromConfig } from "./lib/config/build.ts";
export { encodeConfig } from "./lib/config/encode.ts";
