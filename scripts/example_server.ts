// Serves examples/browser/ on 127.0.0.1, with the library bundled for the browser by
// esbuild from mod.ts, plot.ts and optim.ts (in memory, at /cyclical-lr.js). `npm run example` (or
// `npx tsx scripts/example_server.ts [port]`) prints the URL; test/browser_test.ts uses the
// same functions.
import { createServer } from "node:http";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const exampleDir = join(root, "examples", "browser");

/** A bundle of the library and the files it was built from. */
export interface Bundle {
  readonly code: string;
  readonly inputs: readonly string[];
}

/**
 * Bundles mod.ts, or other entry points together (one copy of the core), for the browser:
 * ESM, or an IIFE that defines the global `clr`. esbuild fails on any `node:` import, which
 * the browser platform cannot resolve.
 */
export async function bundleBrowser(format: "esm" | "iife" = "esm", ...entries: string[]): Promise<Bundle> {
  const list = entries.length > 0 ? entries : ["mod.ts"];
  const result = await build({
    ...(list.length === 1 ? { entryPoints: [join(root, list[0])] } : {
      stdin: {
        contents: list.map((e) => `export * from ${JSON.stringify(`./${e}`)};`).join("\n"),
        resolveDir: root,
        sourcefile: "browser_entry.ts",
        loader: "ts" as const,
      },
    }),
    bundle: true,
    platform: "browser",
    format,
    globalName: format === "iife" ? "clr" : undefined,
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) };
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** A running example server. */
export interface ExampleServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (`port` 0 picks a free port). */
export async function serveExample(port = 0): Promise<ExampleServer> {
  // The page uses the core, the plots and the optimizer: one bundle of the three entry points.
  const bundle = (await bundleBrowser("esm", "mod.ts", "plot.ts", "optim.ts")).code;
  const files = new Set(await readdir(exampleDir)); // only these names are served
  const server = createServer((req, res) => {
    const name = (req.url ?? "/").split("?")[0].replace(/^\/+/, "") || "index.html";
    const type = TYPES[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
    const send = (status: number, body: string | Buffer, contentType = type) => {
      res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
      res.end(body);
    };
    if (name === "cyclical-lr.js") return send(200, bundle);
    if (!files.has(name)) return send(404, "not found", "text/plain");
    readFile(join(exampleDir, name)).then((body) => send(200, body), () => send(500, "read error", "text/plain"));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const actual = typeof address === "object" && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await serveExample(Number(process.argv[2] ?? 8000));
  console.log(`examples/browser at ${server.url} (Ctrl-C to stop)`);
}
