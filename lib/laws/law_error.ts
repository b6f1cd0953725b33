/**
 * The error a broken law throws: it names the law, the iterations it compared and, in its
 * message, both values.
 *
 * The message reads `law: at t = …, <what differs>`, for example
 * `periodic: at t = 3 and t = 23 group 0: expected 0.5, got 0.6`.
 *
 * @example Catch a broken law and read which one it was
 * ```ts
 * import assert from "node:assert/strict";
 * import { LawError, periodic } from "cyclical-lr";
 * const notPeriodic = (t: number) => [t];
 * assert.throws(() => periodic(notPeriodic, 3, { period: 20 }), (e: unknown) =>
 *   e instanceof LawError && e.law === "periodic" && e.iterations.join() === "3,23");
 * ```
 */
export class LawError extends Error {
  /** The law's name, as exported (`"periodic"`, `"withinBounds"`, …). */
  readonly law: string;
  /** The iterations the law compared. */
  readonly iterations: readonly number[];
  /** What differs, with both values: the message after the law and the iterations. */
  readonly detail: string;

  /**
   * An error whose message reads `<law>: at t = <iteration>, <detail>`.
   *
   * @param law The law's name.
   * @param iterations The iterations it compared.
   * @param detail What differs, with both values.
   */
  constructor(law: string, iterations: readonly number[], detail: string) {
    const at = iterations.length === 1 ? `t = ${iterations[0]}` : iterations.map((t) => `t = ${t}`).join(" and ");
    super(`${law}: at ${at}, ${detail}`);
    this.name = "LawError";
    this.law = law;
    this.iterations = iterations;
    this.detail = detail;
  }
}
