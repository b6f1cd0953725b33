import type { JsonValue, Policy } from "../types.ts";
import type { MetricPolicy } from "./metric_policy.ts";
import { metricLog } from "./_log.ts";

/** The stateful edge of a metric-driven policy: a policy for an optimizer, and an ear for the metric. */
export interface Listener {
  /**
   * The rates, with every metric heard so far: pass it to `sgd`, `adam`, `createTrainer`,
   * … The rate of iteration `t` uses the metrics heard after iterations before `t`.
   */
  readonly policy: Policy;
  /**
   * Hears the metric observed after update `iteration` (the update that used the rate of
   * `iteration`); it takes effect at `iteration + 1`.
   * @throws {RangeError} If `iteration` does not come after the last one heard.
   * @throws {TypeError} If `metric` is not a number.
   */
  hear(iteration: number, metric: number): void;
  /** The state after the last metric heard: plain JSON, to save beside the optimizer's checkpoint. */
  state(): JsonValue;
  /**
   * Starts again from a saved state; the rates of iterations up to its last observation are
   * no longer known (asking for one is a `RangeError`).
   * @throws {TypeError | RangeError} If the state is not one of this policy's.
   */
  restore(state: unknown): void;
}

/**
 * A listener for a metric-driven policy: `listener.policy` goes to the optimizer and reads
 * the state as training goes; `listener.hear(t, metric)` after update `t` is the only
 * mutation. `state()` and `restore()` save and resume it as JSON, bit for bit.
 *
 * @param policy The metric-driven policy.
 * @returns The listener, with no metric heard.
 *
 * @example An optimizer's rate, listening to the validation accuracy
 * ```ts
 * import assert from "node:assert/strict";
 * import { constant, listen, plateau } from "cyclical-lr";
 * const ear = listen(plateau(constant({ value: 0.1 }), { mode: "max", patience: 0, factor: 0.5 }));
 * ear.hear(39, 0.9);  // validation accuracy after update 39
 * ear.hear(79, 0.9);  // no better: reduce from update 80 on
 * assert.equal(ear.policy(79)[0], 0.1);
 * assert.equal(ear.policy(80)[0], 0.05);
 * const saved = JSON.stringify(ear.state());
 * const again = listen(plateau(constant({ value: 0.1 }), { mode: "max", patience: 0, factor: 0.5 }));
 * again.restore(JSON.parse(saved));
 * assert.equal(again.policy(80)[0], 0.05);
 * ```
 */
export function listen(policy: MetricPolicy): Listener {
  const log = metricLog(
    policy,
    policy.initial,
    "a listener's policy (its state is listener.state(): save it beside the config)",
  );
  return {
    policy: log.policy,
    hear: (iteration, metric) => log.add(iteration, metric),
    state: () => log.last(),
    restore: (state) => log.reset(policy.read(state, ["state"])),
  };
}
