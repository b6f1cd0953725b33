/**
 * Runs the demo's jobs on a pool of threads: with one thread, here, one job after another
 * (the sequential run); with more, on that many workers, each with its own copy of the
 * digits, a job going to whichever is free. A job's outcome does not depend on where it ran.
 *
 * @module
 */
import { isFromWorker, type ToWorker } from "./_messages.ts";
import { type Job, type Outcome, runJob } from "./jobs.ts";
import type { Split } from "./mnist.ts";
import { startThread } from "./threads.ts";
import type { Tick } from "./train.ts";

/** Where jobs run. */
export interface Pool {
  /** Jobs that can run at the same time: 1 is this thread only. */
  readonly threads: number;
  /** Runs a job when a thread is free. */
  run(job: Job, tick: Tick): Promise<Outcome>;
  /** Stops the workers. */
  close(): Promise<void>;
}

interface Runner {
  run(job: Job, tick: Tick): Promise<Outcome>;
  stop(): Promise<void>;
}

function inlineRunner(data: Split): Runner {
  return { run: (job, tick) => runJob(job, data, tick), stop: () => Promise.resolve() };
}

interface Waiting {
  readonly tick: Tick;
  readonly resolve: (outcome: Outcome) => void;
  readonly reject: (error: Error) => void;
}

function threadRunner(data: Split): Runner {
  const thread = startThread(new URL("./worker.ts", import.meta.url));
  const waiting = new Map<number, Waiting>();
  let next = 0, broken: Error | undefined;
  const fail = (error: Error) => {
    broken = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  thread.listen((message) => {
    if (!isFromWorker(message)) return;
    const w = waiting.get(message.id);
    if (message.type === "failed" && !w) return fail(new Error(`demo worker: ${message.message}`));
    if (!w) return;
    if (message.type === "tick") return w.tick(message.done, message.accuracy);
    waiting.delete(message.id);
    if (message.type === "done") w.resolve(message.outcome);
    else w.reject(new Error(`demo worker: ${message.message}`));
  }, fail);
  const post = (message: ToWorker) => thread.post(message);
  post({ type: "data", data });
  return {
    run: (job, tick) =>
      new Promise((resolve, reject) => {
        if (broken) return reject(broken);
        const id = next++;
        waiting.set(id, { tick, resolve, reject });
        post({ type: "job", id, job });
      }),
    stop: () => thread.stop(),
  };
}

/**
 * A pool of `threads` threads.
 *
 * @param threads 1 runs every job here, in order; more starts that many workers.
 * @param data The digits (each worker gets a copy).
 * @returns The pool.
 */
export function createPool(threads: number, data: Split): Pool {
  const runners = threads === 1 ? [inlineRunner(data)] : Array.from({ length: threads }, () => threadRunner(data));
  const idle = [...runners];
  const queue: ((runner: Runner) => void)[] = [];
  const release = (runner: Runner) => {
    const start = queue.shift();
    if (start) start(runner);
    else idle.push(runner);
  };
  return {
    threads,
    run: (job, tick) =>
      new Promise((resolve, reject) => {
        const start = (runner: Runner) => {
          runner.run(job, tick).then(resolve, reject).finally(() => release(runner));
        };
        const runner = idle.shift();
        if (runner) start(runner);
        else queue.push(start);
      }),
    close: async () => void await Promise.all(runners.map((r) => r.stop())),
  };
}
