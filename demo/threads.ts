/**
 * Worker threads behind one small interface, the same on every runtime: Web Workers on Deno
 * and Bun, `node:worker_threads` on Node (where a TypeScript worker first registers tsx, the
 * loader `npm start` runs under, when it can be found).
 *
 * @module
 */
import { parentPort, Worker as NodeWorker } from "node:worker_threads";

/** One side of a message channel between two threads. */
export interface Channel {
  /** Sends a structured-cloneable message (the receiver gets its own copy). */
  post(message: unknown): void;
  /** Calls `onMessage` for every message that arrives and `onError` when the other side fails. */
  listen(onMessage: (message: unknown) => void, onError: (error: Error) => void): void;
}

/** A thread this one started. */
export interface Thread extends Channel {
  /** Stops the thread. */
  stop(): Promise<void>;
}

const webWorkers = "Deno" in globalThis || "Bun" in globalThis;

function tsxLoader(): string | undefined {
  try {
    return import.meta.resolve("tsx/esm/api");
  } catch {
    return undefined; // a Node that runs TypeScript by itself
  }
}

function nodeThread(url: URL): Thread {
  const loader = url.pathname.endsWith(".ts") ? tsxLoader() : undefined;
  const worker = loader
    ? new NodeWorker(
      `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${
        JSON.stringify(url.href)
      }); })`,
      { eval: true },
    )
    : new NodeWorker(url);
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onError) {
      worker.on("message", onMessage);
      worker.on("error", onError);
    },
    stop: async () => void await worker.terminate(),
  };
}

function webThread(url: URL): Thread {
  const worker = new Worker(url, { type: "module" });
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onError) {
      worker.addEventListener("message", (event) => onMessage(event.data));
      worker.addEventListener("error", (event) => {
        event.preventDefault(); // handled here: it does not take this thread down too
        onError(new Error(event.message));
      });
    },
    stop: () => Promise.resolve(worker.terminate()),
  };
}

/**
 * Starts a worker thread running the module at `url`.
 *
 * @param url The worker's module.
 * @returns The thread.
 */
export function startThread(url: URL): Thread {
  return webWorkers ? webThread(url) : nodeThread(url);
}

/**
 * Inside a worker: the channel to the thread that started it.
 *
 * @returns The channel.
 * @throws {Error} When this is not a worker thread.
 */
export function parentChannel(): Channel {
  if (webWorkers) {
    return {
      post: (message) => globalThis.postMessage(message),
      listen(onMessage, onError) {
        globalThis.addEventListener("message", (event) => onMessage(event.data));
        globalThis.addEventListener("error", (event) => onError(new Error(event.message)));
      },
    };
  }
  const port = parentPort;
  if (!port) throw new Error("demo: parentChannel() runs only inside a worker thread");
  return {
    post: (message) => port.postMessage(message),
    listen(onMessage, onError) {
      port.on("message", onMessage);
      port.on("messageerror", onError);
    },
  };
}
