/**
 * The messages between the demo's pool and its workers: the digits once, then jobs one at
 * a time; back come progress ticks and one outcome (or a failure) per job.
 *
 * @module
 */
import type { Job, Outcome } from "./jobs.ts";
import type { Split } from "./mnist.ts";

/** From the pool to a worker. */
export type ToWorker =
  | { readonly type: "data"; readonly data: Split }
  | { readonly type: "job"; readonly id: number; readonly job: Job };

/** From a worker to the pool. */
export type FromWorker =
  | { readonly type: "tick"; readonly id: number; readonly done: number; readonly accuracy?: number }
  | { readonly type: "done"; readonly id: number; readonly outcome: Outcome }
  | { readonly type: "failed"; readonly id: number; readonly message: string };

function typed(v: unknown): v is { type: unknown; id?: unknown } {
  return typeof v === "object" && v !== null && "type" in v;
}

/** Whether a message is one the pool sends (the sender is this program: the shape is not checked deeper). */
export function isToWorker(v: unknown): v is ToWorker {
  return typed(v) && (v.type === "data" || (v.type === "job" && typeof v.id === "number"));
}

/** Whether a message is one a worker sends. */
export function isFromWorker(v: unknown): v is FromWorker {
  return typed(v) && (v.type === "tick" || v.type === "done" || v.type === "failed") && typeof v.id === "number";
}
