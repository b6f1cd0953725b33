/**
 * The demo's progress over jobs that run at the same time: one live bar for all of them,
 * redrawn in place on a terminal (the share of every iteration of the whole job done, and
 * each running job's own share), plain lines otherwise (a log file or CI gets one line per
 * finished job, no control characters).
 *
 * @module
 */

/** Progress over a known number of iterations, split into jobs. */
export interface Progress {
  /** Job `id` begins: `size` iterations. */
  begin(id: number, label: string, size: number): void;
  /** `done` iterations of job `id` are done; `accuracy` is its latest measurement. */
  tick(id: number, done: number, accuracy?: number): void;
  /** Job `id` is over: prints `line` (above the bar on a terminal). */
  end(id: number, line: string): void;
  /** Prints a line of text (above the bar on a terminal). */
  say(line: string): void;
  /** Removes the bar. */
  close(): void;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

interface Running {
  readonly label: string;
  readonly size: number;
  done: number;
  accuracy?: number;
}

/**
 * A progress reporter.
 *
 * @param total Iterations of the whole job (every job's size added up).
 * @param tty Whether to draw a live bar.
 * @param write Where text goes.
 * @param columns The terminal's width. @default 80
 * @returns The reporter.
 */
export function createProgress(total: number, tty: boolean, write: (text: string) => void, columns = 80): Progress {
  const started = performance.now();
  const running = new Map<number, Running>();
  let finished = 0, drawn = 0, shown = false;
  const bar = () => {
    let all = finished;
    for (const r of running.values()) all += r.done;
    all = Math.min(total, all);
    const f = total > 0 ? all / total : 1;
    const elapsed = performance.now() - started;
    const eta = all > 0 ? (elapsed * (total - all)) / all : NaN;
    const jobs = [...running.values()].map((r) =>
      `${r.label} ${Math.floor((100 * r.done) / Math.max(1, r.size))} %` +
      (r.accuracy === undefined ? "" : ` acc ${(100 * r.accuracy).toFixed(1)} %`)
    ).join(" · ");
    const time = `${clock(elapsed)}${Number.isFinite(eta) ? ` eta ${clock(eta)}` : ""}`;
    const width = Math.max(10, Math.min(24, columns - 60));
    const fill = Math.round(f * width);
    const head = `[${"#".repeat(fill)}${"-".repeat(width - fill)}] ${
      String(Math.floor(100 * f)).padStart(3)
    } % ${time} `;
    return (head + jobs).slice(0, Math.max(20, columns - 1));
  };
  const draw = (force: boolean) => {
    if (!tty) return;
    const now = performance.now();
    if (!force && now - drawn < 100) return;
    drawn = now;
    write(`\r\x1b[2K${bar()}`);
    shown = true;
  };
  const print = (line: string) => {
    if (tty && shown) write("\r\x1b[2K");
    shown = false;
    write(line + "\n");
    if (running.size > 0) draw(true);
  };
  return {
    begin(id, label, size) {
      running.set(id, { label, size, done: 0 });
      draw(true);
    },
    tick(id, done, accuracy) {
      const r = running.get(id);
      if (!r) return;
      r.done = Math.min(done, r.size);
      if (accuracy !== undefined) r.accuracy = accuracy;
      draw(false);
    },
    end(id, line) {
      const r = running.get(id);
      if (r) finished += r.size, running.delete(id);
      print(line);
    },
    say: print,
    close() {
      if (tty && shown) write("\r\x1b[2K");
      shown = false;
    },
  };
}
