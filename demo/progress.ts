/**
 * The demo's progress: a live bar redrawn in place on a terminal, plain lines otherwise
 * (a log file or CI gets one line per finished phase, no control characters).
 *
 * @module
 */

/** Progress over a known number of iterations. */
export interface Progress {
  /** A new phase (a run) of `size` iterations begins. */
  begin(label: string, size: number): void;
  /** `done` iterations of the current phase are done; `accuracy` is the latest test accuracy. */
  tick(done: number, accuracy?: number): void;
  /** The current phase is over: prints `line` (above the bar on a terminal). */
  end(line: string): void;
  /** Prints a line of text (above the bar on a terminal). */
  say(line: string): void;
  /** Removes the bar. */
  close(): void;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/**
 * A progress reporter.
 *
 * @param total Iterations of the whole job.
 * @param tty Whether to draw a live bar.
 * @param write Where text goes.
 * @param columns The terminal's width. @default 80
 * @returns The reporter.
 */
export function createProgress(total: number, tty: boolean, write: (text: string) => void, columns = 80): Progress {
  const started = performance.now();
  let before = 0, size = 0, done = 0, label = "", accuracy: number | undefined, drawn = 0, shown = false;
  const bar = () => {
    const all = Math.min(total, before + done);
    const f = total > 0 ? all / total : 1;
    const elapsed = performance.now() - started;
    const eta = all > 0 ? (elapsed * (total - all)) / all : NaN;
    const acc = accuracy === undefined ? "" : `  test ${(100 * accuracy).toFixed(2)} %`;
    const text = ` ${String(Math.floor(100 * f)).padStart(3)} %  ${label} ${done}/${size}${acc}  ${clock(elapsed)}` +
      (Number.isFinite(eta) ? ` (eta ${clock(eta)})` : "");
    const width = Math.max(10, Math.min(30, columns - text.length - 3));
    const fill = Math.round(f * width);
    return `[${"#".repeat(fill)}${"-".repeat(width - fill)}]${text}`.slice(0, Math.max(20, columns - 1));
  };
  const draw = (force: boolean) => {
    if (!tty) return;
    const now = performance.now();
    if (!force && now - drawn < 100) return;
    drawn = now;
    write(`\r\x1b[2K${bar()}`);
    shown = true;
  };
  const clear = () => {
    if (tty && shown) write("\r\x1b[2K");
    shown = false;
  };
  return {
    begin(name, n) {
      label = name, size = n, done = 0, accuracy = undefined;
      draw(true);
    },
    tick(n, acc) {
      done = n;
      if (acc !== undefined) accuracy = acc;
      draw(false);
    },
    end(line) {
      before += size, done = 0, size = 0;
      clear();
      write(line + "\n");
    },
    say(line) {
      clear();
      write(line + "\n");
      if (size > 0) draw(true);
    },
    close() {
      clear();
    },
  };
}
