// Headless Chromium for the tests that run code in a browser (test/browser_test.ts,
// test/cross_engine_test.ts): where it is, and one run of it that returns its stdout.
import { execFile, spawnSync } from "node:child_process";

/** The first Chromium on PATH, or undefined. */
export function findChromium(): string | undefined {
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

/** The flags of every run: headless, no GPU, no network chatter, no first-run work. */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  // Let the module script, its top-level await and the WebGPU probe finish before the dump.
  "--virtual-time-budget=10000",
];

/**
 * Runs `chromium` with {@link CHROMIUM_FLAGS} and `args`; resolves to its stdout (e.g. the DOM
 * of `--dump-dom`). Asynchronous, so that a server in this process keeps answering.
 */
export function browse(chromium: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(chromium, [...CHROMIUM_FLAGS, ...args], { timeout: 60_000, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr.slice(-2000)}`));
      else resolve(stdout);
    });
  });
}
