/**
 * How long a demo run took: wall time, and the training and evaluation time per iteration
 * measured inside the thread that ran each job.
 *
 * @module
 */
import type { Findings } from "./experiment.ts";

/** How long the parts took. */
export interface Timing {
  readonly wallSeconds: number;
  readonly loadSeconds: number;
  /** Threads the runs were spread over. */
  readonly threads: number;
  /** Training time per update, in the thread that ran it (test and validation evaluations excluded). */
  readonly msPerIteration: number;
  /** Per accuracy evaluation (test or validation digits). */
  readonly msPerEvaluation: number;
}

/**
 * The timing of a run.
 *
 * @param findings Every run, with its own times.
 * @param wallMs The wall time of the whole job.
 * @param loadMs Of which loading the digits.
 * @param threads Threads the runs were spread over.
 * @returns The figures.
 */
export function timingOf(findings: Findings, wallMs: number, loadMs: number, threads: number): Timing {
  let trainMs = 0, its = 0, evalMs = 0, evals = 0;
  for (const { outcomes } of findings.results) {
    for (const { run } of outcomes) {
      trainMs += run.ms - run.evalMs, evalMs += run.evalMs;
      its += run.lr.length, evals += run.accuracy.length + 1;
    }
  }
  return {
    wallSeconds: wallMs / 1000,
    loadSeconds: loadMs / 1000,
    threads,
    msPerIteration: trainMs / Math.max(1, its),
    msPerEvaluation: evalMs / Math.max(1, evals),
  };
}

const sig = (x: number) => Number(x.toPrecision(3)).toString();

/**
 * The line that closes a run (and the report's last setup line).
 *
 * @param t The timing.
 * @param testDigits The size of the test set.
 * @returns One line.
 */
export function timingLine(t: Timing, testDigits: number): string {
  return `wall time ${t.wallSeconds.toFixed(1)} s on ${t.threads} thread${t.threads === 1 ? "" : "s"} ` +
    `(${sig(t.msPerIteration)} ms per training iteration, ${sig(t.msPerEvaluation)} ms per accuracy evaluation; ` +
    `the test set has ${testDigits} digits)`;
}
