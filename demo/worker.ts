/**
 * A worker of the demo's pool: it keeps its own copy of the digits (the first message) and
 * runs the jobs it is sent one at a time, posting progress at most every 100 ms and the
 * outcome of each.
 *
 * @module
 */
import { type FromWorker, isToWorker } from "./_messages.ts";
import { type Job, runJob } from "./jobs.ts";
import type { Split } from "./mnist.ts";
import { parentChannel } from "./threads.ts";

const channel = parentChannel();
const send = (message: FromWorker) => channel.post(message);
let data: Split | undefined;
let queue = Promise.resolve();

async function work(id: number, job: Job): Promise<void> {
  try {
    if (!data) throw new Error("demo: a job came before the digits");
    let last = -Infinity;
    const outcome = await runJob(job, data, (done, accuracy) => {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      send(accuracy === undefined ? { type: "tick", id, done } : { type: "tick", id, done, accuracy });
    });
    send({ type: "done", id, outcome });
  } catch (e) {
    send({ type: "failed", id, message: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
}

channel.listen((message) => {
  if (!isToWorker(message)) return;
  if (message.type === "data") data = message.data;
  else queue = queue.then(() => work(message.id, message.job));
}, (error) => {
  send({ type: "failed", id: -1, message: error.message });
});
