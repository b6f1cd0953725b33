// A 30-line benchmark harness that runs the same on Node, Deno and Bun: warm up, time
// several runs, take the median, and print every case's ns/iter and its ratio to the
// baseline (the first case) from the same run. `--json` prints one JSON array instead.

/** One case: `run()` does `iterations` iterations of the work being measured. */
export interface BenchCase {
  readonly name: string;
  readonly iterations: number;
  readonly run: () => void;
}

/** One result, the shape `scripts/bench.mjs --json` merges across runtimes. */
export interface BenchResult {
  bench: string;
  runtime: string;
  value: number;
  unit: "ns/iter";
  baseline?: string;
  ratio?: number;
}

/** The runtime this process is: "deno", "bun" or "node". */
export function runtimeName(): string {
  return "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
}

/** Whether the command line asks for JSON. */
export function jsonRequested(): boolean {
  const deno = Reflect.get(globalThis, "Deno");
  const args: unknown = deno
    ? Reflect.get(deno, "args")
    : Reflect.get(Reflect.get(globalThis, "process") ?? {}, "argv");
  return Array.isArray(args) && args.includes("--json");
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times every case (interleaved, `warmup` untimed rounds then `runs` timed rounds, so that
 * all cases see the same machine state), prints `name  ns/iter  ratio` lines (or JSON), and
 * returns the results. The first case is the baseline.
 */
export function ratio(group: string, cases: readonly BenchCase[], { warmup = 3, runs = 7 } = {}): BenchResult[] {
  for (let i = 0; i < warmup; i++) for (const c of cases) c.run();
  const times: number[][] = cases.map(() => []);
  for (let r = 0; r < runs; r++) {
    cases.forEach((c, i) => {
      const start = performance.now();
      c.run();
      times[i].push(((performance.now() - start) * 1e6) / c.iterations);
    });
  }
  const runtime = runtimeName();
  const base = median(times[0]);
  const results: BenchResult[] = cases.map((c, i) => {
    const value = median(times[i]);
    const r: BenchResult = { bench: `${group}/${c.name}`, runtime, value: Number(value.toFixed(3)), unit: "ns/iter" };
    if (i > 0) {
      r.baseline = `${group}/${cases[0].name}`;
      r.ratio = Number((value / base).toFixed(3));
    }
    return r;
  });
  if (jsonRequested()) {
    console.log(JSON.stringify(results));
  } else {
    const width = Math.max(...results.map((r) => r.bench.length));
    console.log(`${group} (${runtime}, median of ${runs} runs)`);
    for (const r of results) {
      console.log(
        `  ${r.bench.padEnd(width)}  ${r.value.toFixed(2).padStart(8)} ns/iter  ${
          r.ratio === undefined ? "baseline" : `${r.ratio.toFixed(2)}x`
        }`,
      );
    }
  }
  return results;
}
